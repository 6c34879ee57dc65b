import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from alliance.models import ReviewStatus

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_admin_approves_pending_merchant_over_the_api(admin_api, admin_user):
    merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)

    response = admin_api.post(f"/api/v1/merchants/{merchant.pk}/approve/", {}, format="json")

    assert response.status_code == 200
    merchant.refresh_from_db()
    assert merchant.status == ReviewStatus.APPROVED
    assert merchant.reviewed_by == admin_user


def test_rejection_needs_a_reason(admin_api):
    promoter = factories.PromoterFactory(status=ReviewStatus.PENDING)

    without = admin_api.post(f"/api/v1/promoters/{promoter.pk}/reject/", {}, format="json")
    with_reason = admin_api.post(
        f"/api/v1/promoters/{promoter.pk}/reject/",
        {"reason": "Fake follower counts"},
        format="json",
    )

    assert without.status_code == 400
    assert without.json()["error"]["fields"] == {"reason": ["A reason is required."]}
    assert with_reason.status_code == 200
    promoter.refresh_from_db()
    assert (promoter.status, promoter.review_reason) == (
        ReviewStatus.REJECTED,
        "Fake follower counts",
    )


def test_illegal_move_is_409(admin_api):
    promoter = factories.PromoterFactory(status=ReviewStatus.PENDING)

    response = admin_api.post(
        f"/api/v1/promoters/{promoter.pk}/suspend/", {"reason": "x"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_transition"


def test_only_admins_review(merchant_api, promoter_api):
    merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)
    promoter = factories.PromoterFactory(status=ReviewStatus.PENDING)

    assert merchant_api.post(f"/api/v1/merchants/{merchant.pk}/approve/").status_code in {403, 404}
    assert promoter_api.post(f"/api/v1/promoters/{promoter.pk}/approve/").status_code in {403, 404}
    merchant.refresh_from_db()
    promoter.refresh_from_db()
    assert merchant.status == promoter.status == ReviewStatus.PENDING


def test_django_admin_reject_action_asks_for_a_reason_then_applies_it(client, admin_user):
    promoters = [factories.PromoterFactory(status=ReviewStatus.PENDING) for _ in range(2)]
    client.force_login(admin_user)
    selected = {ACTION_CHECKBOX_NAME: [p.pk for p in promoters], "action": "review_rejected"}

    form = client.post("/admin/promoters/promoter/", selected)
    assert form.status_code == 200 and b'name="reason"' in form.content

    client.post("/admin/promoters/promoter/", {**selected, "apply": "1", "reason": "Spam"})

    for promoter in promoters:
        promoter.refresh_from_db()
        assert (promoter.status, promoter.review_reason) == (ReviewStatus.REJECTED, "Spam")
