"""Access rules of the dashboards' pages, one decorator per role.

Anonymous visitors go to the login page; a signed-in user of another role gets a 403 page that
says why. A merchant or promoter account obeys the status table (alliance.roles.STATUS_RIGHTS,
docs/domain.md): pending and rejected accounts see their review state instead of any page;
a suspended account may read its pages (GET) but every change (POST) is refused with a 403 page
that says so. A page that changes things even on GET (an upload form) asks for Right.ACT.
The decorators set `request.merchant` or `request.promoter` for the view."""

from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.roles import Right, merchant_of, promoter_of, status_allows

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def forbidden(request, message: "StrOrPromise"):
    return render(request, "forbidden.html", {"message": message}, status=403)


def _review_state(request, account, *, kind: str):
    return render(request, "review_state.html", {"account": account, "kind": kind}, status=403)


def page_right(request, right: Right | None) -> Right:
    """The right a request to a page needs: `right` when the page names one, else reading
    needs VIEW and any change needs ACT."""
    if right is not None:
        return right
    return Right.VIEW if request.method in SAFE_METHODS else Right.ACT


def account_refusal(request, account, *, kind: str, right: Right | None = None):
    """The page a merchant's or promoter's account gets when its status does not allow the
    request (its review state, or the suspended notice), or None when it does."""
    if not status_allows(account.status, Right.VIEW):
        return _review_state(request, account, kind=kind)
    if not status_allows(account.status, page_right(request, right)):
        return forbidden(
            request,
            _(
                "Your account is suspended: you can look at your pages, but nothing can "
                "be changed until an admin decides."
            ),
        )
    return None


def _account_page(
    view, *, account_of, attribute: str, refusal: "StrOrPromise", right: Right | None
):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        account = account_of(request.user)
        if account is None:
            return forbidden(request, refusal)
        refused = account_refusal(request, account, kind=attribute, right=right)
        if refused is not None:
            return refused
        setattr(request, attribute, account)
        return view(request, *args, **kwargs)

    return wrapped


def merchant_page(view=None, *, right: Right | None = None):
    """A page of the merchant dashboard: the user works for a merchant whose status allows the
    request (`@merchant_page`, or `@merchant_page(right=Right.ACT)`)."""

    def decorate(view):
        return _account_page(
            view,
            account_of=merchant_of,
            attribute="merchant",
            refusal=gettext_lazy("This page is for merchants."),
            right=right,
        )

    return decorate(view) if view is not None else decorate


def promoter_page(view=None, *, right: Right | None = None):
    """A page of the promoter dashboard: the user is a promoter whose status allows the
    request (`@promoter_page`, or `@promoter_page(right=Right.ACT)`)."""

    def decorate(view):
        return _account_page(
            view,
            account_of=promoter_of,
            attribute="promoter",
            refusal=gettext_lazy("This page is for promoters."),
            right=right,
        )

    return decorate(view) if view is not None else decorate


def console_page(view):
    """A page of the admin console: the user is a platform admin (staff)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            return forbidden(request, _("Only platform admins may open the console."))
        return view(request, *args, **kwargs)

    return wrapped
