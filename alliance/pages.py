"""Access rules of the dashboards' pages, one decorator per role.

Anonymous visitors go to the login page; a signed-in user of another role gets a 403 page that
says why; a merchant or promoter whose sign-up is not approved yet sees its review state instead
of the dashboard. The decorators set `request.merchant` or `request.promoter` for the view."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from alliance.models import ReviewStatus
from alliance.roles import merchant_of, promoter_of


def forbidden(request, message: str):
    return render(request, "forbidden.html", {"message": message}, status=403)


def _review_state(request, account, *, kind: str):
    return render(request, "review_state.html", {"account": account, "kind": kind}, status=403)


def merchant_page(view):
    """A page of the merchant dashboard: the user works for an approved merchant."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        merchant = merchant_of(request.user)
        if merchant is None:
            return forbidden(request, _("This page is for merchants."))
        if merchant.status != ReviewStatus.APPROVED:
            return _review_state(request, merchant, kind="merchant")
        request.merchant = merchant
        return view(request, *args, **kwargs)

    return wrapped


def promoter_page(view):
    """A page of the promoter dashboard: the user is an approved promoter."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        promoter = promoter_of(request.user)
        if promoter is None:
            return forbidden(request, _("This page is for promoters."))
        if promoter.status != ReviewStatus.APPROVED:
            return _review_state(request, promoter, kind="promoter")
        request.promoter = promoter
        return view(request, *args, **kwargs)

    return wrapped


def console_page(view):
    """A page of the admin console: the user is a platform admin (staff)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            return forbidden(request, _("Only platform admins may open the console."))
        return view(request, *args, **kwargs)

    return wrapped
