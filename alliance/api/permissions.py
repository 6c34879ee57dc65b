"""Who may call the API. Role checks are permission classes on the views; the account status
check (alliance.roles.STATUS_RIGHTS) runs for every authenticated request, inside the
authentication classes the API is configured with (settings.REST_FRAMEWORK), so no view can
forget it: a pending or rejected merchant or promoter reaches only its own profile, a suspended
one may read (GET) but not change anything."""

from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS, BasePermission

from alliance.auth_tokens import JWTAuthentication
from alliance.errors import NotAllowed
from alliance.roles import Right, Role, account_require, merchant_of, promoter_of, role_of

# Routes open to every status: the account's own profile (reading it tells an app the review
# state; a pending merchant's profile edits are checked by merchant_update), and sign-up.
STATUS_OPEN_ROUTES = {
    "api-root",
    "auth-me",
    "merchant-me",
    "promoter-me",
    "api-signup-merchant",
    "api-signup-promoter",
}


class IsPlatformAdmin(BasePermission):
    message = "Only platform admins may do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


def account_status_check(request, user) -> None:
    """Refuse the request (403 `account_not_approved` / `account_suspended`) when the user's
    merchant or promoter account does not hold the right it needs: VIEW to read, ACT to
    change."""
    role = role_of(user)
    if role == Role.MERCHANT:
        account = merchant_of(user)
    elif role == Role.PROMOTER:
        account = promoter_of(user)
    else:
        return
    match = getattr(request._request, "resolver_match", None)
    if match is not None and match.url_name in STATUS_OPEN_ROUTES:
        return
    try:
        account_require(account, Right.VIEW if request.method in SAFE_METHODS else Right.ACT)
    except NotAllowed as exc:
        raise exceptions.PermissionDenied(exc.message, code=exc.code) from None


class StatusCheckedJWTAuthentication(JWTAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            account_status_check(request, result[0])
        return result


class StatusCheckedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            account_status_check(request, result[0])
        return result
