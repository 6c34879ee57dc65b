"""Revoking a user's JSON Web Tokens, which suspending an account does (docs/security.md,
"Authentication"). The domain side of alliance/auth_tokens.py: no DRF here, so the review
services can revoke tokens without importing the API."""

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import salted_hmac
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from alliance.models import User

# Sent when the API hands a user tokens for a username and password (the API's sign-in; the
# pages' sign-in is Django's user_logged_in), with `request` and `user`. The apps above the
# kernel listen (fraud records the network the user signed in from).
token_obtained = Signal()


def token_stamp(user: User) -> str:
    """Changes whenever the password or the token version changes; reveals neither."""
    value = f"{user.password}:{user.token_version}"
    # The salt keeps the module's first name: changing it would void every token issued.
    return salted_hmac("alliance.auth_tokens.stamp", value, algorithm="sha256").hexdigest()[:32]


def tokens_revoke_all(*, user: User) -> int:
    """Revoke every token of the user: bump its token version (so access tokens, which are not
    listed anywhere, fail at their next use) and blacklist every outstanding refresh token.
    Returns how many refresh tokens were blacklisted."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
        user.refresh_from_db(fields=["token_version"])
        outstanding = OutstandingToken.objects.filter(
            user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
        )
        blacklisted = BlacklistedToken.objects.bulk_create(
            [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
        )
    return len(blacklisted)


def account_tokens_revoke(*, account) -> None:
    """Revoke the tokens of every login of a merchant or promoter (on suspension)."""
    users = User.objects.filter(pk__in=_account_user_ids(account))
    for user in users.order_by("pk"):
        tokens_revoke_all(user=user)


def _account_user_ids(account) -> list[int]:
    # The kernel knows accounts only by their relations: a promoter has one user, a merchant
    # has members.
    if getattr(account, "user_id", None):
        return [account.user_id]
    members = getattr(account, "members", None)
    if members is not None:
        return list(members.values_list("user_id", flat=True))
    return []
