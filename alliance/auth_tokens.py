"""JSON Web Tokens that can be revoked (docs/security.md, "Authentication").

Every token carries a `stamp` claim: a keyed hash of the user's password hash and of
User.token_version. A token is accepted only while its stamp is the user's current one, so
changing the password (by any path: the admin, `changepassword`, set_password) or revoking the
user's tokens (tokens_revoke_all, which suspending an account calls) makes every access and
refresh token issued before it fail at once. Refresh tokens are also rotated at each use and the
used one blacklisted, and tokens_revoke_all blacklists every outstanding one.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme as SpectacularSessionScheme
from drf_spectacular.contrib.rest_framework_simplejwt import (
    SimpleJWTScheme,
    TokenObtainPairSerializerExtension,
    TokenRefreshSerializerExtension,
)
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import authentication, serializers
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from alliance.models import User

STAMP_CLAIM = "stamp"


def token_stamp(user: User) -> str:
    """Changes whenever the password or the token version changes; reveals neither."""
    value = f"{user.password}:{user.token_version}"
    return salted_hmac("alliance.auth_tokens.stamp", value, algorithm="sha256").hexdigest()[:32]


def stamp_check(*, user: User, token) -> None:
    """Refuse a token issued before the user's password changed or its tokens were revoked."""
    if not constant_time_compare(str(token.get(STAMP_CLAIM, "")), token_stamp(user)):
        raise AuthenticationFailed(_("This token was revoked: log in again."), code="token_revoked")


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


class TokenObtainPairSerializer(serializers.TokenObtainPairSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Taken as typed, as Django's login form takes a password: trimmed, a password that
        # starts or ends with a space could not log in, and one of spaces only was refused as
        # blank (400) instead of answered as wrong credentials (401).
        self.fields[self.username_field] = drf_serializers.CharField(
            write_only=True, trim_whitespace=False
        )
        self.fields["password"] = serializers.PasswordField(trim_whitespace=False)

    @classmethod
    def get_token(cls, user):
        token = super().get_token(user)
        token[STAMP_CLAIM] = token_stamp(user)
        return token


class TokenRefreshSerializer(serializers.TokenRefreshSerializer):
    """Refresh only while the refresh token's stamp is the user's current one (the library
    checks the blacklist and that the user is active)."""

    def validate(self, attrs):
        refresh = self.token_class(attrs["refresh"])
        user = User.objects.filter(pk=refresh.payload.get(api_settings.USER_ID_CLAIM)).first()
        if user is None:
            raise AuthenticationFailed(_("No such user."), code="user_not_found")
        stamp_check(user=user, token=refresh.payload)
        return super().validate(attrs)


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's, plus the stamp check: the user is loaded anyway, so it costs no query."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        stamp_check(user=user, token=validated_token)
        return user


class JWTScheme(SimpleJWTScheme):
    """The API schema's bearer scheme for this authentication and its subclasses."""

    target_class = "alliance.auth_tokens.JWTAuthentication"
    match_subclasses = True


class SessionScheme(SpectacularSessionScheme):
    """The session cookie scheme for DRF's session authentication and its subclasses (the
    library's own matches the class itself only)."""

    target_class = "rest_framework.authentication.SessionAuthentication"
    match_subclasses = True


class TokenObtainPairSchema(TokenObtainPairSerializerExtension):
    """The schema of the login: username and password in, access and refresh tokens out."""

    target_class = "alliance.auth_tokens.TokenObtainPairSerializer"


class TokenRefreshSchema(TokenRefreshSerializerExtension):
    """The schema of a refresh: a refresh token in, an access and a new refresh token out."""

    target_class = "alliance.auth_tokens.TokenRefreshSerializer"
