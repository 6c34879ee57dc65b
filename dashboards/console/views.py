"""The admin console: what needs attention, the merchant and promoter review queues, settlement
runs and the ledger check. Every write goes through a domain service; a success redirects back,
an error re-renders the page with the message next to the field and the input kept."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from alliance.errors import AllianceError
from alliance.models import REVIEW_TRANSITIONS, ReviewStatus
from alliance.pages import console_page
from commissions.models import SettlementRun
from commissions.services.settlement import settlement_trigger
from ledger.checks import ledger_check_request
from ledger.models import LedgerCheck
from products.models import Merchant
from products.services import merchant_review
from promoters.models import Promoter
from promoters.services import promoter_review

from .. import pickers
from . import selectors
from .forms import ReviewFilterForm, ReviewForm

PAGE_SIZE = 50
RUNS_SHOWN = 50
CHECKS_SHOWN = 20
# The button of each review move, the harmful one first: Enter in the reason field presses it.
ROW_ACTIONS = [
    (ReviewStatus.REJECTED, "reject", gettext_lazy("Reject")),
    (ReviewStatus.SUSPENDED, "suspend", gettext_lazy("Suspend")),
    (ReviewStatus.APPROVED, "approve", gettext_lazy("Approve")),
]


@console_page
@require_GET
def overview_page(request):
    """Counts of what waits for an admin, each linking to its queue."""
    return render(request, "console/overview.html", {"counts": selectors.console_counts()})


# --- Review queues ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    """What differs between the merchant and the promoter queue."""

    model: type
    template: str
    url_name: str
    rows: Any  # (status, search) -> queryset
    review: Any  # (obj, status, reviewer, reason) -> obj
    done_message: str


MERCHANTS = Queue(
    model=Merchant,
    template="console/merchants.html",
    url_name="console-merchants",
    rows=lambda status, search: selectors.merchants_for_review(status=status, search=search),
    review=lambda obj, **kwargs: merchant_review(merchant=obj, **kwargs),
    done_message=gettext_lazy("Merchant %(name)s is now %(status)s."),
)
PROMOTERS = Queue(
    model=Promoter,
    template="console/promoters.html",
    url_name="console-promoters",
    rows=lambda status, search: selectors.promoters_for_review(status=status, search=search),
    review=lambda obj, **kwargs: promoter_review(promoter=obj, **kwargs),
    done_message=gettext_lazy("Promoter %(name)s is now %(status)s."),
)


@console_page
def merchants_page(request):
    """Merchants waiting for review (or any status): approve, reject or suspend each."""
    return _review_queue(request, MERCHANTS)


@console_page
def promoters_page(request):
    """Promoters waiting for review (or any status): approve, reject or suspend each."""
    return _review_queue(request, PROMOTERS)


def _review_queue(request, queue: Queue):
    filters = ReviewFilterForm.from_query(request.GET)
    failed_pk, failed_form = None, None
    if request.method == "POST":
        obj = get_object_or_404(queue.model, pk=_int(request.POST.get("row")))
        form = ReviewForm(request.POST, prefix=f"r{obj.pk}")
        if form.is_valid():
            done = form.run_service(queue.review, obj=obj, reviewer=request.user)
            if done is not None:
                messages.success(
                    request,
                    queue.done_message % {"name": done, "status": done.get_status_display()},
                )
                return redirect(request.get_full_path())
        failed_pk, failed_form = obj.pk, form
    status, search = "", ""
    if filters.is_valid():
        status, search = filters.cleaned_data["status"], filters.cleaned_data["q"].strip()
    page = Paginator(queue.rows(status, search), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "obj": obj,
            "form": failed_form if obj.pk == failed_pk else ReviewForm(prefix=f"r{obj.pk}"),
            "actions": [
                {"name": name, "label": label, "danger": target != ReviewStatus.APPROVED}
                for target, name, label in ROW_ACTIONS
                if target in REVIEW_TRANSITIONS.get(obj.status, set())
            ],
        }
        for obj in page.object_list
    ]
    # A row that failed but no longer matches the filters still shows its error.
    failed_elsewhere = (
        failed_form if failed_pk and failed_pk not in {r["obj"].pk for r in rows} else None
    )
    return render(
        request,
        queue.template,
        {"filters": filters, "page": page, "rows": rows, "failed_elsewhere": failed_elsewhere},
        status=400 if failed_form is not None or not filters.is_valid() else 200,
    )


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() else 0


# --- Settlement ---------------------------------------------------------------------------------


@console_page
def settlement_page(request):
    """Recent settlement runs, and a button that queues one now (refused while one is queued
    or running)."""
    error = None
    if request.method == "POST":
        try:
            run = settlement_trigger(actor=request.user)
        except AllianceError as exc:
            error = exc
        else:
            messages.success(
                request,
                _("Settlement run %(id)s is queued: %(due)s commissions are due.")
                % {"id": run.pk, "due": run.due_count},
            )
            return redirect("console-settlement-run", run.pk)
    runs = SettlementRun.objects.select_related("triggered_by").order_by("-started_at", "-pk")
    return render(
        request,
        "console/settlement.html",
        {"runs": runs[:RUNS_SHOWN], "error": error},
        status=error.status_code if error is not None else 200,
    )


@console_page
@require_GET
def settlement_run_page(request, pk: int):
    """One run: its counts and totals, per merchant, and its progress while it works."""
    run = get_object_or_404(SettlementRun.objects.select_related("triggered_by"), pk=pk)
    names = dict(
        Merchant.objects.filter(pk__in=[_int(key) for key in run.per_merchant]).values_list(
            "pk", "name"
        )
    )
    per_merchant = sorted(
        (
            {
                "merchant_id": int(key),
                "name": names.get(int(key), ""),
                "count": totals["count"],
                "commission": Decimal(totals["commission"]),
                "platform_fee": Decimal(totals["platform_fee"]),
            }
            for key, totals in run.per_merchant.items()
        ),
        key=lambda row: (-row["commission"], row["merchant_id"]),
    )
    return render(
        request,
        "console/settlement_run.html",
        {
            "run": run,
            "per_merchant": per_merchant,
            "is_open": _settlement_open(run),
            "progress_label": _settlement_label(run),
        },
    )


@console_page
@require_GET
def settlement_run_progress(request, pk: int):
    run = get_object_or_404(SettlementRun, pk=pk)
    return JsonResponse(
        {
            "progress": run.progress,
            "done": not _settlement_open(run),
            "label": _settlement_label(run),
        }
    )


def _settlement_open(run: SettlementRun) -> bool:
    return run.status in {SettlementRun.Status.QUEUED, SettlementRun.Status.RUNNING}


def _settlement_label(run: SettlementRun) -> str:
    if run.status == SettlementRun.Status.QUEUED:
        return _("Queued: waiting for a worker.")
    return _("%(status)s: %(settled)s of %(due)s commissions settled.") % {
        "status": run.get_status_display(),
        "settled": run.settled_count,
        "due": run.due_count,
    }


# --- Ledger check -------------------------------------------------------------------------------


@console_page
def ledger_page(request):
    """The latest ledger check's result, the ones before it, and a button that queues a check
    now (refused while one is queued or running)."""
    error = None
    if request.method == "POST":
        try:
            ledger_check_request(actor=request.user)
        except AllianceError as exc:
            error = exc
        else:
            messages.success(request, _("A ledger check is queued."))
            return redirect("console-ledger")
    latest = selectors.ledger_check_latest_done()
    running = selectors.ledger_check_open()
    history = LedgerCheck.objects.select_related("requested_by").order_by("-created_at", "-pk")
    return render(
        request,
        "console/ledger.html",
        {
            "latest": latest,
            "running": running,
            "running_label": _ledger_label(running) if running is not None else "",
            "history": history[:CHECKS_SHOWN],
            "error": error,
        },
        status=error.status_code if error is not None else 200,
    )


@console_page
@require_GET
def ledger_check_progress(request, pk: int):
    check = get_object_or_404(LedgerCheck, pk=pk)
    return JsonResponse(
        {"progress": check.progress, "done": check.is_done, "label": _ledger_label(check)}
    )


def _ledger_label(check: LedgerCheck) -> str:
    if check.status == LedgerCheck.Status.QUEUED:
        return _("Queued: waiting for a worker.")
    if check.status == LedgerCheck.Status.RUNNING:
        return _("Running: reading the ledger.")
    if check.status == LedgerCheck.Status.PASSED:
        return _("Passed: the ledger is clean.")
    if check.error:
        return _("Failed: the check stopped before it finished.")
    count = len(check.breaks)
    return ngettext("Failed: %(count)s break found.", "Failed: %(count)s breaks found.", count) % {
        "count": count
    }


@console_page
@require_GET
def promoter_lookup(request):
    """Suggestions for the promoter pickers (payout filter, hold form): JSON for the datalist."""
    return pickers.lookup_response(
        pickers.PROMOTERS, Promoter.objects.select_related("user"), request.GET.get("q", "")[:100]
    )
