"""The admin console's fraud queue (/console/fraud/) and one flag's page
(/console/fraud/<id>/): the evidence, the promoter's history and similar accounts side by side,
the appeal note, and the decisions (clear, confirm; in bulk from the queue). A decision
redirects (so a reload does not repeat it) with a message; a refused one shows the page again
with the message next to the field and the input kept (status 400)."""

import json
from datetime import datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.money import currency
from alliance.pages import console_page
from commissions.models import Commission
from fraud.models import Flag
from fraud.selectors import review
from fraud.services import review as review_services
from fraud.services.flags import flag_clear, flag_confirm

from .fraud_forms import ClearForm, ConfirmForm, FlagBulkForm, FlagFilterForm

PAGE_SIZE = 50


def _moment(day) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min))


def _queue(filters: FlagFilterForm):
    queryset = review.flags_queue()
    if not filters.is_bound:
        return review.flags_filter(queryset)
    if not filters.is_valid():
        return queryset.none()
    data = filters.cleaned_data
    return review.flags_filter(
        queryset,
        status=data["status"] or Flag.Status.OPEN,
        rule=data["rule"],
        severity=data["severity"],
        merchant=data["merchant"],
        promoter=data["promoter"] or None,
        older_than_days=data["older_than_days"],
        created_after=_moment(data["created_after"]),
        created_before=_moment(data["created_before"]),
    )


def _queue_url(request) -> str:
    """The queue with the filters the form was posted from (the action's URL carries them)."""
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    target = reverse("console-fraud")
    return f"{target}?{query}" if query else target


def _queue_page(request, *, bulk_form=None, failed=False):
    filters = FlagFilterForm(request.GET or None)
    page = Paginator(_queue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters if filters.is_bound else FlagFilterForm(initial={"status": "open"}),
        "query": request.GET.urlencode(),
        "page": page,
        "bulk_form": FlagBulkForm() if bulk_form is None else bulk_form,
        "selected": {str(i) for i in request.POST.getlist("ids")}
        if request.method == "POST"
        else set(),
    }
    return render(request, "console/fraud.html", context, status=400 if failed else 200)


@console_page
def fraud_queue_page(request):
    """The flags to review, high first then oldest first, with filters and bulk decisions."""
    return _queue_page(request)


@console_page
@require_POST
def fraud_bulk(request):
    """One decision on every selected flag; each one refused is reported on its own."""
    form = FlagBulkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        results = form.run_service(
            review_services.flags_decide,
            ids=data["ids"],
            decision=data["decision"],
            note=data["note"],
            suspend=data["suspend"],
            actor=request.user,
        )
        if results is not None:
            done = sum(1 for r in results if r.ok)
            messages.success(request, _("%(count)d flags decided.") % {"count": done})
            for r in results:
                if not r.ok:
                    messages.error(
                        request, _("Flag %(id)s: %(message)s") % {"id": r.id, "message": r.message}
                    )
            return redirect(_queue_url(request))
    return _queue_page(request, bulk_form=form, failed=True)


# --- One flag -------------------------------------------------------------------------------


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _shown(value) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def evidence_table(evidence) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """The evidence as rows a person reads: (measure, measured, threshold) for what was measured
    and its thresholds (side by side where they share a name), and (name, value) for the rest
    (the click ids are shown as the clicks sample instead)."""
    if not isinstance(evidence, dict):
        return [], []
    measured = evidence.get("measured") if isinstance(evidence.get("measured"), dict) else {}
    threshold = evidence.get("threshold") if isinstance(evidence.get("threshold"), dict) else {}
    rows = [
        (_label(k), _shown(v), _shown(threshold[k]) if k in threshold else "")
        for k, v in measured.items()
    ]
    rows += [(_label(k), "", _shown(v)) for k, v in threshold.items() if k not in measured]
    other = [
        (_label(k), _shown(v))
        for k, v in evidence.items()
        if k not in {"measured", "threshold", "clicks"}
    ]
    return rows, other


def _flag_page(request, pk: int, *, clear_form=None, confirm_form=None, failed=False):
    try:
        flag = review.flag_for_review(pk)
    except Flag.DoesNotExist:
        raise Http404 from None
    detail = review.flag_detail(flag)
    rows, other = evidence_table(flag.evidence)
    context = {
        "flag": flag,
        "detail": detail,
        "history": detail.history,
        "commission_totals": [
            (label, detail.history.commissions[value])
            for value, label in Commission.Status.choices
            if detail.history.commissions[value]
        ],
        "evidence_rows": rows,
        "evidence_other": other,
        "failed_forms": [form for form in (clear_form, confirm_form) if form is not None],
        "clear_form": clear_form or ClearForm(),
        "confirm_form": confirm_form or ConfirmForm(),
        "currency": currency(),
    }
    return render(request, "console/fraud_flag.html", context, status=400 if failed else 200)


@console_page
def fraud_flag_page(request, pk: int):
    """One flag with everything an admin judges it by, and the clear and confirm forms."""
    return _flag_page(request, pk)


@console_page
@require_POST
def fraud_flag_clear(request, pk: int):
    flag = get_object_or_404(Flag, pk=pk)
    form = ClearForm(request.POST)
    if form.is_valid() and form.run_service(
        flag_clear, flag=flag, actor=request.user, note=form.cleaned_data["note"]
    ):
        messages.success(request, _("Flag %(id)s cleared: the money flows again.") % {"id": pk})
        return redirect("console-fraud-flag", pk=pk)
    return _flag_page(request, pk, clear_form=form, failed=True)


@console_page
@require_POST
def fraud_flag_confirm(request, pk: int):
    flag = get_object_or_404(Flag, pk=pk)
    form = ConfirmForm(request.POST)
    if form.is_valid() and form.run_service(
        flag_confirm,
        flag=flag,
        actor=request.user,
        note=form.cleaned_data["note"],
        suspend=form.cleaned_data["suspend"],
    ):
        messages.success(
            request, _("Flag %(id)s confirmed: its commissions are void.") % {"id": pk}
        )
        return redirect("console-fraud-flag", pk=pk)
    return _flag_page(request, pk, confirm_form=form, failed=True)
