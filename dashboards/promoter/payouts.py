"""The promoter's payouts page (/promoter/payouts/): balances, payout methods, a payout request
and the history; and one view per action its forms post (add a method, remove one, request a
payout). A success redirects to the page (so a reload does not repeat it); an error re-renders
the page with the message next to the field and the input kept (status 400)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.money import currency
from alliance.pages import account_refusal, forbidden
from alliance.roles import promoter_of
from payouts import selectors
from payouts.models import Payout, PayoutMethod
from payouts.services import methods, payouts

from .payout_forms import PayoutMethodForm, PayoutRequestForm


def payouts_page(view):
    """A view of the payouts page: a signed-in promoter whose account may use it, as
    `request.promoter`."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        promoter = promoter_of(request.user)
        if promoter is None:
            return forbidden(request, _("Only promoters have payouts."))
        refused = account_refusal(request, promoter, kind="promoter")
        if refused is not None:
            return refused
        request.promoter = promoter
        return view(request, *args, **kwargs)

    return wrapped


def _page(request, *, method_form=None, request_form=None, failed=False):
    promoter = request.promoter
    context = {
        "promoter": promoter,
        "balances": selectors.promoter_balances(promoter.pk),
        "open_payout": selectors.open_payout(promoter.pk),
        "methods": PayoutMethod.objects.filter(promoter=promoter, is_active=True),
        "method_form": PayoutMethodForm(prefix="method") if method_form is None else method_form,
        "request_form": PayoutRequestForm(promoter=promoter, prefix="request")
        if request_form is None
        else request_form,
        "history": Payout.objects.filter(promoter=promoter).order_by("-requested_at", "-pk")[:50],
        # The latest movements of the balance; the API pages through all of them.
        "entries": selectors.balance_entries(promoter.pk)[:50],
        "min_payout": settings.ALLIANCE_MIN_PAYOUT,
        "currency": currency(),
    }
    return render(request, "payouts/promoter.html", context, status=400 if failed else 200)


@payouts_page
def promoter_payouts_page(request):
    """Balances, payout methods (add, remove), a payout request and the history."""
    if request.method == "POST":
        # A form posted to the page itself, as before each action had its own URL.
        view = PAGE_POSTS.get(request.POST.get("form", ""))
        return view(request) if view is not None else _page(request, failed=True)
    return _page(request)


@payouts_page
@require_POST
def payout_method_add(request):
    form = PayoutMethodForm(request.POST, prefix="method")
    if form.is_valid() and form.run_service(
        methods.method_create, promoter=request.promoter, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Payout method added."))
        return redirect("promoter-payouts")
    return _page(request, method_form=form, failed=True)


@payouts_page
@require_POST
def payout_method_remove(request):
    chosen = request.POST.get("method", "")
    method = (
        PayoutMethod.objects.filter(promoter=request.promoter, is_active=True, pk=chosen).first()
        if chosen.isdigit()
        else None
    )
    if method is None:
        messages.error(request, _("That payout method does not exist."))
        return _page(request, failed=True)
    methods.method_delete(method=method, actor=request.user)
    messages.success(request, _("Payout method removed."))
    return redirect("promoter-payouts")


@payouts_page
@require_POST
def payout_request(request):
    form = PayoutRequestForm(request.POST, promoter=request.promoter, prefix="request")
    if form.is_valid() and form.run_service(
        payouts.payout_request,
        promoter=request.promoter,
        method=form.cleaned_data["method"],
        amount=form.cleaned_data["amount"],
        actor=request.user,
    ):
        messages.success(request, _("Your payout request was sent for review."))
        return redirect("promoter-payouts")
    return _page(request, request_form=form, failed=True)


PAGE_POSTS = {
    "method": payout_method_add,
    "remove_method": payout_method_remove,
    "request": payout_request,
}
