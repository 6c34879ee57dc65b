"""Access rules of the dashboards' pages, one decorator per role.

Anonymous visitors go to the login page; a signed-in user of another role gets a 403 page that
says why; a merchant or promoter whose sign-up is not approved yet sees its review state instead
of the dashboard. The decorators set `request.merchant` or `request.promoter` for the view."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.models import ReviewStatus
from alliance.roles import merchant_of, promoter_of


def forbidden(request, message: str):
    return render(request, "forbidden.html", {"message": message}, status=403)


def _review_state(request, account, *, kind: str):
    return render(request, "review_state.html", {"account": account, "kind": kind}, status=403)


def _account_page(view, *, account_of, attribute: str, refusal: str):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        account = account_of(request.user)
        if account is None:
            return forbidden(request, refusal)
        if account.status != ReviewStatus.APPROVED:
            return _review_state(request, account, kind=attribute)
        setattr(request, attribute, account)
        return view(request, *args, **kwargs)

    return wrapped


def merchant_page(view):
    """A page of the merchant dashboard: the user works for an approved merchant."""
    return _account_page(
        view,
        account_of=merchant_of,
        attribute="merchant",
        refusal=gettext_lazy("This page is for merchants."),
    )


def promoter_page(view):
    """A page of the promoter dashboard: the user is an approved promoter."""
    return _account_page(
        view,
        account_of=promoter_of,
        attribute="promoter",
        refusal=gettext_lazy("This page is for promoters."),
    )


def console_page(view):
    """A page of the admin console: the user is a platform admin (staff)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            return forbidden(request, _("Only platform admins may open the console."))
        return view(request, *args, **kwargs)

    return wrapped
