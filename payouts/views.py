"""Pages: the promoter's payouts page, and the admin console's payout review queue and audit
log. Each form posts back to its page; a success redirects (so a reload does not repeat it),
an error re-renders the page with the message next to the field and the input kept."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from alliance.errors import AllianceError
from alliance.money import currency
from alliance.pages import account_refusal
from alliance.roles import promoter_of
from promoters.models import Promoter

from . import selectors
from .api.views import csv_response
from .forms import (
    AuditFilterForm,
    BulkForm,
    ExportForm,
    HoldForm,
    PayoutMethodForm,
    PayoutRequestForm,
    QueueFilterForm,
    RowActionForm,
)
from .models import Payout, PayoutBatch, PayoutHold, PayoutMethod
from .services import export, holds, methods, payouts

PAGE_SIZE = 50


def forbidden(request, message: str):
    return render(request, "payouts/forbidden.html", {"message": message}, status=403)


def staff_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            return forbidden(request, _("Only platform admins may open the console."))
        return view(request, *args, **kwargs)

    return wrapped


# --- Promoter -------------------------------------------------------------------------------


@login_required
def promoter_payouts_page(request):
    """Balances, payout methods (add, remove), a payout request and the history."""
    promoter = promoter_of(request.user)
    if promoter is None:
        return forbidden(request, _("Only promoters have payouts."))
    refused = account_refusal(request, promoter, kind="promoter")
    if refused is not None:
        return refused
    method_form = PayoutMethodForm(prefix="method")
    request_form = PayoutRequestForm(promoter=promoter, prefix="request")
    failed = False
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "method":
            method_form = PayoutMethodForm(request.POST, prefix="method")
            if method_form.is_valid() and method_form.run_service(
                methods.method_create,
                promoter=promoter,
                actor=request.user,
                **method_form.cleaned_data,
            ):
                messages.success(request, _("Payout method added."))
                return redirect("promoter-payouts")
        elif which == "request":
            request_form = PayoutRequestForm(request.POST, promoter=promoter, prefix="request")
            if request_form.is_valid():
                payout = request_form.run_service(
                    payouts.payout_request,
                    promoter=promoter,
                    method=request_form.cleaned_data["method"],
                    amount=request_form.cleaned_data["amount"],
                    actor=request.user,
                )
                if payout is not None:
                    messages.success(request, _("Your payout request was sent for review."))
                    return redirect("promoter-payouts")
        elif which == "remove_method":
            chosen = request.POST.get("method", "")
            method = (
                PayoutMethod.objects.filter(promoter=promoter, is_active=True, pk=chosen).first()
                if chosen.isdigit()
                else None
            )
            if method is not None:
                methods.method_delete(method=method, actor=request.user)
                messages.success(request, _("Payout method removed."))
                return redirect("promoter-payouts")
            messages.error(request, _("That payout method does not exist."))
        failed = True
    context = {
        "promoter": promoter,
        "balances": selectors.promoter_balances(promoter.pk),
        "open_payout": selectors.open_payout(promoter.pk),
        "methods": PayoutMethod.objects.filter(promoter=promoter, is_active=True),
        "method_form": method_form,
        "request_form": request_form,
        "history": Payout.objects.filter(promoter=promoter).order_by("-requested_at", "-pk")[:50],
        # The latest movements of the balance; the API pages through all of them.
        "entries": selectors.balance_entries(promoter.pk)[:50],
        "min_payout": settings.ALLIANCE_MIN_PAYOUT,
        "currency": currency(),
    }
    return render(request, "payouts/promoter.html", context, status=400 if failed else 200)


# --- Console --------------------------------------------------------------------------------


def _queue(filters: QueueFilterForm):
    queryset = Payout.objects.select_related("promoter").order_by("-requested_at", "-pk")
    if filters.is_valid():
        data = filters.cleaned_data
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["min_amount"] is not None:
            queryset = queryset.filter(amount__gte=data["min_amount"])
        if data["max_amount"] is not None:
            queryset = queryset.filter(amount__lte=data["max_amount"])
        if data["promoter"]:
            queryset = queryset.filter(promoter_id=data["promoter"])
    return queryset


def _row_action(request, form: RowActionForm) -> bool:
    data = form.cleaned_data
    action, pk = data["action"], data["payout"]
    if action == "approve":
        result = form.run_service(payouts.payout_approve, payout=pk, reviewer=request.user)
    elif action == "reject":
        result = form.run_service(
            payouts.payout_reject, payout=pk, reviewer=request.user, reason=data["reason"]
        )
    elif action == "mark_paid":
        result = form.run_service(
            payouts.payout_mark_paid, payout=pk, actor=request.user, reference=data["reference"]
        )
    else:
        result = form.run_service(
            payouts.payout_mark_failed, payout=pk, actor=request.user, reason=data["reason"]
        )
    if result is not None:
        messages.success(
            request,
            _("Payout %(id)s is now %(status)s.")
            % {"id": pk, "status": result.get_status_display()},
        )
    return result is not None


@staff_only
def console_payouts_page(request):
    """The review queue with filters, per-row and bulk actions, CSV export and holds."""
    filters = QueueFilterForm(request.GET or None)
    bulk_form = BulkForm()
    hold_form = HoldForm()
    row_form = None
    failed = False
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "row":
            row_form = RowActionForm(request.POST)
            if row_form.is_valid():
                try:
                    if _row_action(request, row_form):
                        return redirect(request.get_full_path())
                except Payout.DoesNotExist:
                    row_form.add_error(None, _("No such payout."))
        elif which == "bulk":
            bulk_form = BulkForm(request.POST)
            if bulk_form.is_valid():
                results = bulk_form.run_service(
                    payouts.payouts_bulk,
                    action=bulk_form.cleaned_data["action"],
                    ids=bulk_form.cleaned_data["ids"],
                    actor=request.user,
                    reason=bulk_form.cleaned_data["reason"],
                    reference=bulk_form.cleaned_data["reference"],
                )
                if results is not None:
                    done = [r for r in results if r.ok]
                    messages.success(
                        request, _("%(count)d payouts updated.") % {"count": len(done)}
                    )
                    for r in results:
                        if not r.ok:
                            messages.error(request, f"{_('Payout')} {r.id}: {r.message}")
                    return redirect(request.get_full_path())
        elif which == "export":
            export_form = ExportForm(request.POST)
            if export_form.is_valid():
                batch = None
                try:
                    batch = export.payouts_export(
                        kind=export_form.cleaned_data["kind"], actor=request.user
                    )
                except AllianceError as exc:
                    messages.error(request, exc.message)
                if batch is not None:
                    return csv_response(batch)
            else:
                messages.error(request, _("Choose Alipay or bank."))
        elif which == "hold":
            hold_form = HoldForm(request.POST)
            if hold_form.is_valid():
                promoter = Promoter.objects.filter(pk=hold_form.cleaned_data["promoter"]).first()
                if promoter is None:
                    hold_form.add_error("promoter", _("No promoter has this id."))
                elif hold_form.run_service(
                    holds.hold_set,
                    promoter=promoter,
                    reason=hold_form.cleaned_data["reason"],
                    actor=request.user,
                ):
                    messages.success(
                        request, _("Payouts of %(name)s are on hold.") % {"name": promoter}
                    )
                    return redirect(request.get_full_path())
        elif which == "release":
            hold = PayoutHold.objects.filter(
                pk=request.POST.get("hold") if str(request.POST.get("hold", "")).isdigit() else 0
            ).first()
            if hold is None:
                messages.error(request, _("No such hold."))
            else:
                try:
                    holds.hold_release(hold=hold, actor=request.user)
                    messages.success(request, _("Hold released."))
                    return redirect(request.get_full_path())
                except AllianceError as exc:
                    messages.error(request, exc.message)
        failed = True
    page = Paginator(_queue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters if filters.is_bound else QueueFilterForm(),
        "page": page,
        "bulk_form": bulk_form,
        "selected": {str(i) for i in request.POST.getlist("ids")}
        if request.method == "POST"
        else set(),
        "row_form": row_form,
        "hold_form": hold_form,
        "holds": selectors.payout_holds().filter(released_at__isnull=True),
        "batches": selectors.payout_batches()[:20],
        "currency": currency(),
    }
    return render(request, "payouts/console.html", context, status=400 if failed else 200)


@staff_only
def console_batch_csv(request, batch_id: int):
    """An exported batch's file again, the same as when it was first exported."""
    return csv_response(get_object_or_404(PayoutBatch, pk=batch_id))


@staff_only
def console_audit_page(request):
    filters = AuditFilterForm(request.GET or None)
    queryset = selectors.audit_log().order_by("-created_at", "-pk")
    if filters.is_valid():
        data = filters.cleaned_data
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        if data["target_type"]:
            queryset = queryset.filter(target_type=data["target_type"])
        if data["target_id"]:
            queryset = queryset.filter(target_id=data["target_id"])
        if data["actor"]:
            queryset = queryset.filter(actor__username=data["actor"])
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "payouts/audit.html",
        {"filters": filters if filters.is_bound else AuditFilterForm(), "page": page},
    )
