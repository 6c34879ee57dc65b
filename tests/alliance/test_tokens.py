"""JWTs that can be revoked: refresh rotation with a blacklist, and every token of a user void
after a password change, a revocation or a suspension (alliance/auth_tokens.py and
alliance/tokens.py)."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from alliance.models import ReviewStatus
from alliance.tokens import tokens_revoke_all

from .. import factories
from ..assertions import assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def log_in(user) -> dict:
    response = APIClient().post(
        "/api/v1/auth/token/",
        {"username": user.username, "password": factories.PASSWORD},
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def me(access: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/v1/auth/me/")


def refresh(token: str):
    return APIClient().post("/api/v1/auth/token/refresh/", {"refresh": token}, format="json")


def test_a_refresh_answers_a_new_refresh_token_and_spends_the_old_one(promoter):
    tokens = log_in(promoter.user)

    first = refresh(tokens["refresh"])
    again = refresh(tokens["refresh"])

    assert first.status_code == 200
    assert set(first.json()) == {"access", "refresh"}
    assert first.json()["refresh"] != tokens["refresh"]
    assert_error(again, 401, code="token_not_valid")
    assert me(first.json()["access"]).status_code == 200
    assert refresh(first.json()["refresh"]).status_code == 200


def test_a_password_change_voids_every_token_issued_before_it(promoter):
    tokens = log_in(promoter.user)
    refreshed = refresh(log_in(promoter.user)["refresh"]).json()
    assert me(tokens["access"]).status_code == 200

    user = promoter.user
    user.set_password("another-long-secret")
    user.save()

    assert_error(me(tokens["access"]), 401, code="token_revoked")
    assert_error(me(refreshed["access"]), 401, code="token_revoked")
    assert_error(refresh(tokens["refresh"]), 401, code="token_revoked")
    assert_error(refresh(refreshed["refresh"]), 401, code="token_revoked")
    # A login with the new password gets working tokens.
    response = APIClient().post(
        "/api/v1/auth/token/",
        {"username": user.username, "password": "another-long-secret"},
        format="json",
    )
    assert me(response.json()["access"]).status_code == 200


def test_revoking_a_users_tokens_voids_access_and_blacklists_refresh_tokens(promoter):
    other = factories.PromoterFactory()
    tokens = [log_in(promoter.user), log_in(promoter.user)]
    kept = log_in(other.user)

    assert tokens_revoke_all(user=promoter.user) == 2

    for pair in tokens:
        assert_error(me(pair["access"]), 401, code="token_revoked")
        assert refresh(pair["refresh"]).status_code == 401
    assert BlacklistedToken.objects.filter(token__user=promoter.user).count() == 2
    assert OutstandingToken.objects.filter(user=other.user, blacklistedtoken__isnull=True).count()
    assert me(kept["access"]).status_code == 200
    assert me(log_in(promoter.user)["access"]).status_code == 200


def test_suspending_a_merchant_revokes_the_tokens_of_its_members(admin_api):
    merchant = factories.MerchantFactory(status=ReviewStatus.APPROVED)
    owner = factories.MerchantMemberFactory(merchant=merchant).user
    staff = factories.MerchantMemberFactory(merchant=merchant).user
    bystander = factories.MerchantMemberFactory().user
    owner_tokens, staff_tokens, bystander_tokens = log_in(owner), log_in(staff), log_in(bystander)

    response = admin_api.post(
        f"/api/v1/merchants/{merchant.pk}/suspend/", {"reason": "fraud"}, format="json"
    )

    assert response.status_code == 200, response.content
    for tokens in (owner_tokens, staff_tokens):
        assert_error(me(tokens["access"]), 401, code="token_revoked")
        assert refresh(tokens["refresh"]).status_code == 401
    assert me(bystander_tokens["access"]).status_code == 200


def test_suspending_a_promoter_revokes_its_tokens(admin_api):
    promoter = factories.PromoterFactory(status=ReviewStatus.APPROVED)
    tokens = log_in(promoter.user)

    response = admin_api.post(
        f"/api/v1/promoters/{promoter.pk}/suspend/", {"reason": "fake clicks"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert_error(me(tokens["access"]), 401, code="token_revoked")


def test_a_token_without_a_stamp_is_refused(promoter):
    """Tokens issued before stamps existed (or minted by anything else) never authenticate."""
    bare = RefreshToken.for_user(promoter.user)

    assert_error(me(str(bare.access_token)), 401, code="token_revoked")
    assert_error(refresh(str(bare)), 401, code="token_revoked")


def test_a_password_is_taken_as_typed_spaces_included():
    user = factories.UserFactory(username="spacey")
    user.set_password(" two words ")
    user.save()

    def token(username, password):
        return APIClient().post(
            "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
        )

    assert token("spacey", " two words ").status_code == 200
    trimmed = token("spacey", "two words")
    assert_error(trimmed, 401, code="no_active_account")
    # Spaces only: wrong credentials, not a blank field.
    assert_error(token("spacey", " \n "), 401, code="no_active_account")
    assert_error(token(" spacey", " two words "), 401, code="no_active_account")
