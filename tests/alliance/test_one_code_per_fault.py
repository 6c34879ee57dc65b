"""One error code per fault (docs/api.md): a reason or reference left out, sent empty or sent as
spaces is the same fault, `reason_required` / `reference_required`; a cursor the platform did
not issue is `invalid_cursor`, however it is malformed."""

import base64

import pytest

from commissions.models import Commission
from payouts.services import payouts as services

from ..assertions import assert_error
from ..conftest import client_for
from ..payouts.money import D, alipay, earn, fund

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

LEFT_OUT, EMPTY, SPACES = {}, {"reason": ""}, {"reason": "   "}


@pytest.fixture
def payout(promoter):
    fund(promoter, "100.00")
    return services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("60.00"))


@pytest.mark.parametrize("body", [LEFT_OUT, EMPTY, SPACES], ids=["left-out", "empty", "spaces"])
def test_rejecting_a_payout_without_a_reason(admin_api, payout, body):
    response = admin_api.post(f"/api/v1/payouts/{payout.pk}/reject/", body, format="json")

    assert_error(response, 400, code="reason_required", fields={"reason"})
    payout.refresh_from_db()
    assert payout.status == "requested"


@pytest.mark.parametrize("body", [LEFT_OUT, EMPTY, SPACES], ids=["left-out", "empty", "spaces"])
def test_marking_a_payout_failed_without_a_reason(admin_api, payout, body):
    admin_api.post(f"/api/v1/payouts/{payout.pk}/approve/")

    response = admin_api.post(f"/api/v1/payouts/{payout.pk}/mark-failed/", body, format="json")

    assert_error(response, 400, code="reason_required", fields={"reason"})


@pytest.mark.parametrize(
    "body", [{}, {"reference": ""}, {"reference": " "}], ids=["left-out", "empty", "spaces"]
)
def test_marking_a_payout_paid_without_a_reference(admin_api, payout, body):
    admin_api.post(f"/api/v1/payouts/{payout.pk}/approve/")

    response = admin_api.post(f"/api/v1/payouts/{payout.pk}/mark-paid/", body, format="json")

    assert_error(response, 400, code="reference_required", fields={"reference"})


@pytest.mark.parametrize("body", [LEFT_OUT, EMPTY, SPACES], ids=["left-out", "empty", "spaces"])
def test_bulk_rejecting_without_a_reason(admin_api, payout, body):
    response = admin_api.post(
        "/api/v1/payouts/bulk/", {"action": "reject", "ids": [payout.pk], **body}, format="json"
    )

    assert_error(response, 400, code="reason_required", fields={"reason"})


@pytest.mark.parametrize("body", [LEFT_OUT, EMPTY, SPACES], ids=["left-out", "empty", "spaces"])
def test_holding_payouts_without_a_reason(admin_api, promoter, body):
    response = admin_api.post(
        "/api/v1/payout-holds/", {"promoter": promoter.pk, **body}, format="json"
    )

    assert_error(response, 400, code="reason_required", fields={"reason"})
    assert promoter.payout_holds.count() == 0


@pytest.mark.parametrize("body", [LEFT_OUT, EMPTY, SPACES], ids=["left-out", "empty", "spaces"])
def test_voiding_a_commission_without_a_reason(admin_api, promoter, body):
    earn(promoter, sales=["100.00"], settle=False)
    commission = Commission.objects.get(promoter=promoter)

    response = admin_api.post(f"/api/v1/commissions/{commission.pk}/void/", body, format="json")

    assert_error(response, 400, code="reason_required", fields={"reason"})
    commission.refresh_from_db()
    assert commission.status == "confirmed"


@pytest.mark.parametrize(
    "cursor",
    [
        "bm9wZQ",  # "nope"
        "%%%",
        base64.urlsafe_b64encode(b"1.2.3").decode(),
        "A" * 101,
        "A" * 5000,
    ],
    ids=["not-two-numbers", "not-base64", "three-parts", "just-too-long", "far-too-long"],
)
@pytest.mark.parametrize("feed", ["orders", "commissions"])
def test_a_malformed_cursor_is_invalid_cursor(promoter, feed, cursor):
    response = client_for(promoter.user).get(f"/api/v1/sync/{feed}/", {"cursor": cursor})

    assert_error(response, 400, code="invalid_cursor", fields={"cursor"})
