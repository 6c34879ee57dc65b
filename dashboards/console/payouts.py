"""The admin console's payout review queue (/console/payouts/): the page, and one view per action
its forms post (a row's approve, reject, mark paid and mark failed; the bulk action; the CSV
export; a hold and its release). A success redirects to the queue with its filters (so a reload
does not repeat it); an error re-renders the queue with the message next to the field and the
input kept (status 400)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.errors import AllianceError
from alliance.money import currency
from alliance.pages import console_page
from payouts import selectors
from payouts.models import Payout, PayoutBatch, PayoutHold
from payouts.services import export, holds, payouts
from promoters.models import Promoter

from .payout_forms import BulkForm, ExportForm, HoldForm, QueueFilterForm, RowActionForm

PAGE_SIZE = 50


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


def _queue_url(request) -> str:
    """The queue with the filters the form was posted from (an action's URL carries them)."""
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    target = reverse("console-payouts")
    return f"{target}?{query}" if query else target


def _queue_page(request, *, bulk_form=None, hold_form=None, row_form=None, failed=False):
    filters = QueueFilterForm(request.GET or None)
    page = Paginator(_queue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters if filters.is_bound else QueueFilterForm(),
        # Each form posts to its action's URL with the queue's filters, to come back to them.
        "query": request.GET.urlencode(),
        "page": page,
        "bulk_form": BulkForm() if bulk_form is None else bulk_form,
        "selected": {str(i) for i in request.POST.getlist("ids")}
        if request.method == "POST"
        else set(),
        "row_form": row_form,
        "hold_form": HoldForm() if hold_form is None else hold_form,
        "holds": selectors.payout_holds().filter(released_at__isnull=True),
        "batches": selectors.payout_batches()[:20],
        "currency": currency(),
    }
    return render(request, "payouts/console.html", context, status=400 if failed else 200)


@console_page
def console_payouts_page(request):
    """The review queue with filters, per-row and bulk actions, CSV export and holds."""
    if request.method == "POST":
        # A form posted to the page itself, as before each action had its own URL.
        view = PAGE_POSTS.get(request.POST.get("form", ""))
        if view is not None:
            return view(request)
        return _queue_page(request, failed=True)
    return _queue_page(request)


# --- One payout of the queue ----------------------------------------------------------------


def _row_action(request, action: str, move):
    """Validate a row's form, `move(form, data)` its payout through a service, then back to the
    queue; the action is the URL's, whatever the form's hidden field says."""
    data = request.POST.copy()
    data["action"] = action
    form = RowActionForm(data)
    if form.is_valid():
        try:
            payout = move(form, form.cleaned_data)
        except Payout.DoesNotExist:
            form.add_error(None, _("No such payout."))
        else:
            if payout is not None:
                messages.success(
                    request,
                    _("Payout %(id)s is now %(status)s.")
                    % {"id": payout.pk, "status": payout.get_status_display()},
                )
                return redirect(_queue_url(request))
    return _queue_page(request, row_form=form, failed=True)


@console_page
@require_POST
def payout_approve(request):
    return _row_action(
        request,
        "approve",
        lambda form, data: form.run_service(
            payouts.payout_approve, payout=data["payout"], reviewer=request.user
        ),
    )


@console_page
@require_POST
def payout_reject(request):
    return _row_action(
        request,
        "reject",
        lambda form, data: form.run_service(
            payouts.payout_reject,
            payout=data["payout"],
            reviewer=request.user,
            reason=data["reason"],
        ),
    )


@console_page
@require_POST
def payout_mark_paid(request):
    return _row_action(
        request,
        "mark_paid",
        lambda form, data: form.run_service(
            payouts.payout_mark_paid,
            payout=data["payout"],
            actor=request.user,
            reference=data["reference"],
        ),
    )


@console_page
@require_POST
def payout_mark_failed(request):
    return _row_action(
        request,
        "mark_failed",
        lambda form, data: form.run_service(
            payouts.payout_mark_failed,
            payout=data["payout"],
            actor=request.user,
            reason=data["reason"],
        ),
    )


ROW_ACTIONS = {
    "approve": payout_approve,
    "reject": payout_reject,
    "mark_paid": payout_mark_paid,
    "mark_failed": payout_mark_failed,
}


def _page_row_action(request):
    view = ROW_ACTIONS.get(request.POST.get("action", ""))
    if view is None:
        # An unknown action: the form's own error says so.
        return _queue_page(request, row_form=RowActionForm(request.POST), failed=True)
    return view(request)


# --- The queue as a whole -------------------------------------------------------------------


@console_page
@require_POST
def payouts_bulk(request):
    """One action on every selected payout; each one refused is reported on its own."""
    form = BulkForm(request.POST)
    if form.is_valid():
        results = form.run_service(
            payouts.payouts_bulk,
            action=form.cleaned_data["action"],
            ids=form.cleaned_data["ids"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            reference=form.cleaned_data["reference"],
        )
        if results is not None:
            done = [r for r in results if r.ok]
            messages.success(request, _("%(count)d payouts updated.") % {"count": len(done)})
            for r in results:
                if not r.ok:
                    messages.error(request, f"{_('Payout')} {r.id}: {r.message}")
            return redirect(_queue_url(request))
    return _queue_page(request, bulk_form=form, failed=True)


@console_page
@require_POST
def payouts_export(request):
    """The approved payouts of a kind not exported yet, as a new batch's CSV file."""
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose Alipay or bank."))
        return _queue_page(request, failed=True)
    try:
        batch = export.payouts_export(kind=form.cleaned_data["kind"], actor=request.user)
    except AllianceError as exc:
        messages.error(request, exc.message)
        return _queue_page(request, failed=True)
    return export.batch_download(batch)


@console_page
@require_POST
def payout_hold(request):
    """A promoter's payouts put on hold."""
    form = HoldForm(request.POST)
    if form.is_valid():
        promoter = Promoter.objects.filter(pk=form.cleaned_data["promoter"]).first()
        if promoter is None:
            form.add_error("promoter", _("No promoter has this id."))
        elif form.run_service(
            holds.hold_set,
            promoter=promoter,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ):
            messages.success(request, _("Payouts of %(name)s are on hold.") % {"name": promoter})
            return redirect(_queue_url(request))
    return _queue_page(request, hold_form=form, failed=True)


@console_page
@require_POST
def payout_hold_release(request):
    """A hold released: the promoter's payouts go on."""
    chosen = str(request.POST.get("hold", ""))
    hold = PayoutHold.objects.filter(pk=chosen if chosen.isdigit() else 0).first()
    if hold is None:
        messages.error(request, _("No such hold."))
        return _queue_page(request, failed=True)
    try:
        holds.hold_release(hold=hold, actor=request.user)
    except AllianceError as exc:
        messages.error(request, exc.message)
        return _queue_page(request, failed=True)
    messages.success(request, _("Hold released."))
    return redirect(_queue_url(request))


PAGE_POSTS = {
    "row": _page_row_action,
    "bulk": payouts_bulk,
    "export": payouts_export,
    "hold": payout_hold,
    "release": payout_hold_release,
}


@console_page
def console_batch_csv(request, batch_id: int):
    """An exported batch's file again, the same as when it was first exported."""
    return export.batch_download(get_object_or_404(PayoutBatch, pk=batch_id))
