"""What promoters and merchants see of fraud review through the API: penalised orders, the
appeal, the merchant's report and the held balance (docs/fraud.md, "What promoters and
merchants see")."""

import json
from decimal import Decimal

import pytest

from alliance.models import AuditLog
from commissions.models import Commission
from fraud.models import Flag, Rule
from fraud.services.flags import flag_clear, flag_confirm

from .. import factories
from ..conftest import client_for
from .people import flag, sale, unattributed_sale

pytestmark = pytest.mark.django_db
D = Decimal
URL = "/api/v1/penalised-orders/"


@pytest.fixture
def shop(merchant):
    merchant.hold_days = 0
    merchant.save()
    return merchant


def test_a_promoter_sees_its_held_order_in_plain_words_without_the_rules_numbers(
    shop, promoter, promoter_api, other_promoter_api
):
    held = sale(shop, promoter, "HELD-0001")
    sale(shop, promoter, "FINE-0001")
    raised = flag(held)

    body = promoter_api.get(URL).json()

    assert body["count"] == 1
    row = body["results"][0]
    assert row == {
        "id": held.pk,
        "order_id": "HEL****01",
        "merchant": shop.pk,
        "merchant_name": shop.name,
        "paid_at": row["paid_at"],
        "amount": "100.00",
        "commission": "9.00",
        "currency": "CNY",
        "status": "held",
        "reason_kind": "abnormal_orders",
        "reason": "Abnormal orders",
        "invalid_reason": None,
        "flag": raised.pk,
        "flag_status": "open",
        "can_appeal": True,
        "appeal_note": None,
    }
    text = json.dumps(body)
    assert "threshold" not in text and "min_seconds" not in text and "summary" not in text
    assert other_promoter_api.get(URL).json()["count"] == 0


def test_the_appeal_is_stored_on_the_flag_for_the_admin(shop, promoter, promoter_api):
    order = sale(shop, promoter, "APPEAL-01")
    raised = flag(order)

    answer = promoter_api.post(
        f"{URL}{order.pk}/appeal/", {"note": "My group\x07 buys fast\nat 8 pm."}, format="json"
    )

    assert answer.status_code == 200, answer.json()
    assert answer.json()["appeal_note"] == "My group buys fast\nat 8 pm."
    raised.refresh_from_db()
    assert raised.appeal_note == "My group buys fast\nat 8 pm."
    assert raised.appealed_at is not None
    assert AuditLog.objects.filter(action="fraud_flag.appeal").count() == 1


def test_an_appeal_is_refused_without_a_note_on_others_orders_and_once_decided(
    shop, promoter, promoter_api, other_promoter_api, merchant_api
):
    order = sale(shop, promoter, "REFUSE-01")
    raised = flag(order)
    url = f"{URL}{order.pk}/appeal/"

    blank = promoter_api.post(url, {"note": "   "}, format="json")
    theirs = other_promoter_api.post(url, {"note": "mine"}, format="json")
    merchant = merchant_api.post(url, {"note": "x"}, format="json")
    flag_clear(flag=raised, actor=factories.AdminFactory())
    decided = promoter_api.post(url, {"note": "late"}, format="json")

    assert (blank.status_code, blank.json()["error"]["code"]) == (400, "note_required")
    assert theirs.status_code == 404
    assert merchant.status_code == 403
    assert (decided.status_code, decided.json()["error"]["code"]) == (409, "nothing_to_appeal")
    raised.refresh_from_db()
    assert raised.appeal_note == ""


def test_statuses_and_filters(shop, promoter, promoter_api):
    held = sale(shop, promoter, "HELD-0002")
    marked = sale(shop, promoter, "MARK-0002")
    voided = sale(shop, promoter, "VOID-0002")
    cleared = sale(shop, promoter, "CLEAR-002")
    admin = factories.AdminFactory()
    flag(held, rule=Rule.CLICK_FLOOD)
    flag(marked, Flag.Severity.LOW)
    flag_confirm(flag=flag(voided), actor=admin, note="Brushing")
    flag_clear(flag=flag(cleared), actor=admin)

    rows = {r["id"]: r for r in promoter_api.get(URL).json()["results"]}
    only_held = promoter_api.get(URL, {"status": "held"}).json()["results"]
    traffic = promoter_api.get(URL, {"reason_kind": "invalid_traffic"}).json()["results"]
    bad = promoter_api.get(URL, {"status": "lost"})

    assert {pk: r["status"] for pk, r in rows.items()} == {
        held.pk: "held",
        marked.pk: "marked",
        voided.pk: "voided",
        cleared.pk: "cleared",
    }
    assert rows[voided.pk]["invalid_reason"] == "fraud"
    assert rows[voided.pk]["can_appeal"] is False
    assert rows[held.pk]["reason_kind"] == "invalid_traffic"
    assert [r["id"] for r in only_held] == [held.pk]
    assert [r["id"] for r in traffic] == [held.pk]
    assert bad.status_code == 400


def test_a_void_for_fraud_without_a_flag_is_penalised_too(shop, promoter, promoter_api):
    from commissions.services.commissions import commission_void

    order = sale(shop, promoter, "MANUAL-01")
    commission_void(commission=order.commissions.get(), note="Fake", actor=factories.AdminFactory())

    (row,) = promoter_api.get(URL).json()["results"]

    assert (row["status"], row["reason_kind"], row["flag"]) == ("voided", None, None)
    assert (row["invalid_reason"], row["reason"]) == (
        "fraud",
        "Voided by the platform after review",
    )


def test_merchants_see_their_own_orders_unmasked_without_the_appeal(
    shop, promoter, promoter_api, merchant_api, other_merchant_api, admin_api
):
    order = sale(shop, promoter, "MERCH-001")
    flag(order)
    promoter_api.post(f"{URL}{order.pk}/appeal/", {"note": "Genuine"}, format="json")

    (row,) = merchant_api.get(URL).json()["results"]
    (admin_row,) = admin_api.get(URL).json()["results"]

    assert (row["order_id"], row["appeal_note"], row["can_appeal"]) == ("MERCH-001", None, False)
    assert admin_row["appeal_note"] == "Genuine"
    assert other_merchant_api.get(URL).json()["count"] == 0


def test_the_list_does_not_grow_queries_with_rows(
    shop, promoter, promoter_api, django_assert_max_num_queries
):
    for number in range(6):
        flag(sale(shop, promoter, f"MANY-{number:04d}"))

    with django_assert_max_num_queries(4):
        body = promoter_api.get(URL).json()

    assert body["count"] == 6


def test_a_merchant_reports_an_order_which_opens_a_low_flag_and_holds_nothing(
    shop, promoter, merchant_api, merchant_owner
):
    order = sale(shop, promoter, "REPORT-01")

    answer = merchant_api.post(
        "/api/v1/order-reports/", {"order": order.pk, "note": "Same address x40"}, format="json"
    )

    assert answer.status_code == 201, answer.json()
    raised = Flag.objects.get()
    assert answer.json() == {
        "id": raised.pk,
        "order": order.pk,
        "status": "open",
        "severity": "low",
        "report_note": "Same address x40",
        "created_at": answer.json()["created_at"],
    }
    assert (raised.rule, raised.reported_by, raised.payout_hold) == (
        "merchant_report",
        merchant_owner,
        None,
    )
    commission = Commission.objects.get(order=order)
    assert (commission.review_hold, commission.status) == (False, "confirmed")


def test_a_report_is_refused_for_others_orders_unattributed_ones_and_without_a_note(
    shop, promoter, merchant_api, other_merchant_api, promoter_api
):
    order = sale(shop, promoter, "REPORT-02")
    lone = unattributed_sale(shop, "LONE-0001")
    url = "/api/v1/order-reports/"

    theirs = other_merchant_api.post(url, {"order": order.pk, "note": "x"}, format="json")
    by_promoter = promoter_api.post(url, {"order": order.pk, "note": "x"}, format="json")
    unattributed = merchant_api.post(url, {"order": lone.pk, "note": "x"}, format="json")
    blank = merchant_api.post(url, {"order": order.pk, "note": ""}, format="json")

    assert theirs.status_code == 404
    assert by_promoter.status_code == 403
    assert (unattributed.status_code, unattributed.json()["error"]["code"]) == (
        409,
        "not_attributed",
    )
    assert (blank.status_code, blank.json()["error"]["code"]) == (400, "note_required")
    assert Flag.objects.count() == 0


def test_the_balance_says_how_much_is_held_for_review(shop, promoter, promoter_api):
    flag(sale(shop, promoter, "BAL-00001"))
    sale(shop, promoter, "BAL-00002")

    body = promoter_api.get("/api/v1/balances/").json()

    assert (body["confirmed"], body["held"]) == ("18.00", "9.00")


def test_an_admin_sees_every_penalised_order(shop, promoter, other_promoter, admin_api):
    flag(sale(shop, promoter, "ADMIN-001"))
    flag(sale(shop, other_promoter, "ADMIN-002"), Flag.Severity.LOW)

    body = client_for(factories.AdminFactory()).get(URL).json()

    assert sorted(r["order_id"] for r in body["results"]) == ["ADMIN-001", "ADMIN-002"]
