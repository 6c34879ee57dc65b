"""JSON Web Tokens that can be revoked (docs/security.md, "Authentication").

Every token carries a `stamp` claim: a keyed hash of the user's password hash and of
User.token_version. A token is accepted only while its stamp is the user's current one, so
changing the password (by any path: the admin, `changepassword`, set_password) or revoking the
user's tokens (tokens_revoke_all, which suspending an account calls) makes every access and
refresh token issued before it fail at once. Refresh tokens are also rotated at each use and the
used one blacklisted, and tokens_revoke_all blacklists every outstanding one. The stamp and the
revocation are in alliance/tokens.py, which the review services call without importing DRF.
"""

from django.utils.crypto import constant_time_compare
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

from alliance.models import User
from alliance.tokens import token_obtained, token_stamp

STAMP_CLAIM = "stamp"


def stamp_check(*, user: User, token) -> None:
    """Refuse a token issued before the user's password changed or its tokens were revoked."""
    if not constant_time_compare(str(token.get(STAMP_CLAIM, "")), token_stamp(user)):
        raise AuthenticationFailed(_("This token was revoked: log in again."), code="token_revoked")


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

    def validate(self, attrs):
        data = super().validate(attrs)
        token_obtained.send(
            sender=type(self.user), request=self.context.get("request"), user=self.user
        )
        return data

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
