"""Requesting a payout: the minimum, the available balance, one open request, the promoter's own
active method, and holds."""

import pytest
from django.db import IntegrityError, transaction

from alliance.models import AuditLog, ReviewStatus
from payouts.models import Payout, PayoutHold
from payouts.services.holds import hold_release, hold_set
from payouts.services.methods import method_delete
from payouts.services.payouts import payout_request

from ..assertions import assert_error
from .money import D, alipay, fund

pytestmark = pytest.mark.django_db
API = "/api/v1/payouts/"


@pytest.fixture
def funded(promoter):
    fund(promoter, "100.00")
    return alipay(promoter)


def ask(client, method, amount):
    return client.post(API, {"amount": amount, "method": method.pk}, format="json")


def test_a_request_within_the_rules_is_created_with_a_snapshot(promoter, promoter_api, funded):
    response = ask(promoter_api, funded, "60.00")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["amount"], body["currency"]) == ("requested", "60.00", "CNY")
    assert body["account"] == "138****8000"
    payout = Payout.objects.get()
    assert (payout.kind, payout.account_name, payout.account) == ("alipay", "张三", "13800138000")
    assert AuditLog.objects.filter(action="payout.request", target_id=str(payout.pk)).exists()


def test_below_the_minimum_is_refused(promoter_api, funded, settings):
    settings.ALLIANCE_MIN_PAYOUT = D("10.00")

    assert_error(ask(promoter_api, funded, "9.99"), 400, code="below_minimum", fields={"amount"})
    assert ask(promoter_api, funded, "10.00").status_code == 201


def test_more_than_available_is_refused(promoter_api, funded):
    assert_error(
        ask(promoter_api, funded, "100.01"), 400, code="insufficient_balance", fields={"amount"}
    )
    assert ask(promoter_api, funded, "100.00").status_code == 201


def test_a_negative_balance_allows_no_request(promoter, promoter_api):
    method = alipay(promoter)
    fund(promoter, "-5.00")

    assert_error(
        ask(promoter_api, method, "10.00"), 400, code="insufficient_balance", fields={"amount"}
    )


def test_one_open_request_at_a_time(promoter, promoter_api, funded):
    assert ask(promoter_api, funded, "20.00").status_code == 201

    assert_error(ask(promoter_api, funded, "20.00"), 409, code="open_payout_exists")
    assert Payout.objects.count() == 1


def test_the_database_refuses_a_second_open_payout_too(promoter, funded):
    first = Payout.objects.create(
        promoter=promoter,
        method=funded,
        kind="alipay",
        account_name="x",
        account="y",
        amount=D("10.00"),
        currency="CNY",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Payout.objects.create(
            promoter=promoter,
            method=funded,
            kind="alipay",
            account_name="x",
            account="y",
            amount=D("10.00"),
            currency="CNY",
            status="held",
        )
    Payout.objects.filter(pk=first.pk).update(status="rejected")
    Payout.objects.create(
        promoter=promoter,
        method=funded,
        kind="alipay",
        account_name="x",
        account="y",
        amount=D("10.00"),
        currency="CNY",
        status="approved",
    )


def test_the_method_must_be_the_promoters_own_and_active(
    promoter, promoter_api, funded, other_promoter
):
    theirs = alipay(other_promoter)
    assert_error(
        ask(promoter_api, theirs, "20.00"), 400, code="validation_error", fields={"method"}
    )

    second = alipay(promoter, account="13900139000")
    method_delete(method=second)
    assert_error(
        ask(promoter_api, second, "20.00"), 400, code="validation_error", fields={"method"}
    )


@pytest.mark.parametrize("amount", ["abc", "-1", "10.001", "", "NaN"])
def test_malformed_amounts_are_input_errors(promoter_api, funded, amount):
    assert_error(ask(promoter_api, funded, amount), 400, code="validation_error", fields={"amount"})


def test_a_pending_promoter_cannot_request(promoter, promoter_api, funded):
    promoter.status = ReviewStatus.SUSPENDED
    promoter.save()

    assert_error(ask(promoter_api, funded, "20.00"), 403, code="promoter_not_approved")


def test_admins_and_merchants_cannot_request(admin_api, merchant_api, funded):
    assert_error(ask(admin_api, funded, "20.00"), 403)
    assert_error(ask(merchant_api, funded, "20.00"), 403)


def test_under_a_hold_a_new_request_starts_held(promoter, promoter_api, funded, admin_user):
    hold_set(promoter=promoter, reason="Checking orders", actor=admin_user)

    response = ask(promoter_api, funded, "20.00")

    assert response.status_code == 201
    assert response.json()["status"] == "held"


def test_a_hold_holds_requested_payouts_and_the_last_release_frees_them(
    promoter, promoter_api, funded, admin_user
):
    payout_id = ask(promoter_api, funded, "20.00").json()["id"]
    first = hold_set(promoter=promoter, reason="Fraud check", actor=admin_user)
    second = hold_set(promoter=promoter, reason="Second look", actor=admin_user)
    assert Payout.objects.get(pk=payout_id).status == "held"

    hold_release(hold=first, actor=admin_user)
    assert Payout.objects.get(pk=payout_id).status == "held"  # one hold is still active

    hold_release(hold=second, actor=admin_user)
    assert Payout.objects.get(pk=payout_id).status == "requested"
    actions = list(
        AuditLog.objects.filter(target_type="payouts.payout", target_id=str(payout_id))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["payout.request", "payout.hold", "payout.unhold"]


def test_holds_over_the_api(promoter, promoter_api, funded, admin_api, admin_user):
    payout_id = ask(promoter_api, funded, "20.00").json()["id"]

    assert_error(
        admin_api.post(
            "/api/v1/payout-holds/", {"promoter": promoter.pk, "reason": " "}, format="json"
        ),
        400,
        fields={"reason"},
    )
    created = admin_api.post(
        "/api/v1/payout-holds/", {"promoter": promoter.pk, "reason": "Chargebacks"}, format="json"
    )
    assert created.status_code == 201, created.content
    hold = created.json()
    assert (hold["source"], hold["is_active"], hold["created_by"]) == (
        "admin",
        True,
        admin_user.username,
    )
    assert Payout.objects.get(pk=payout_id).status == "held"
    assert_error(admin_api.post(f"{API}{payout_id}/approve/"), 409, code="payout_held")

    released = admin_api.post(f"/api/v1/payout-holds/{hold['id']}/release/")
    assert released.status_code == 200
    assert released.json()["is_active"] is False
    assert_error(
        admin_api.post(f"/api/v1/payout-holds/{hold['id']}/release/"), 409, code="already_released"
    )
    assert Payout.objects.get(pk=payout_id).status == "requested"
    assert admin_api.get("/api/v1/payout-holds/?is_active=true").json()["count"] == 0
    assert PayoutHold.objects.get().released_by is not None


def test_only_admins_manage_holds(promoter, promoter_api, merchant_api):
    for client in (promoter_api, merchant_api):
        assert_error(client.get("/api/v1/payout-holds/"), 403)
        assert_error(
            client.post(
                "/api/v1/payout-holds/", {"promoter": promoter.pk, "reason": "x"}, format="json"
            ),
            403,
        )
    assert not PayoutHold.objects.exists()


def test_other_promoters_are_unaffected_by_a_hold(promoter, other_promoter, admin_user):
    fund(other_promoter, "50.00")
    method = alipay(other_promoter)
    hold_set(promoter=promoter, reason="x", actor=admin_user)

    payout = payout_request(promoter=other_promoter, method=method, amount=D("20.00"))

    assert payout.status == "requested"
