"""The admin's fraud queue in the API (docs/fraud.md "Review", docs/api.md): who may call it,
the queue's filters and order, one flag's detail with history and similar accounts, and the
decisions one by one and in bulk, each in the audit log."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.models import AuditLog, ReviewStatus
from commissions.models import Commission
from fraud.models import Flag, Rule, Sighting
from payouts.models import PayoutMethod

from .. import factories
from ..assertions import assert_error
from ..conftest import client_for
from .review_data import D, flag_on, sale

pytestmark = pytest.mark.django_db
API = "/api/v1/fraud-flags/"


@pytest.fixture
def shop():
    return factories.MerchantFactory(hold_days=0)


@pytest.fixture
def flagged(shop, promoter):
    order, clicks = sale(shop, promoter, "F-1", clicks=3)
    return flag_on(order, clicks=clicks)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_only_admins_reach_the_queue(api, promoter_api, merchant_api, flagged):
    assert_error(api.get(API), 401)
    for client in (promoter_api, merchant_api):
        assert_error(client.get(API), 403)
        assert_error(client.get(f"{API}{flagged.pk}/"), 403)
        assert_error(client.post(f"{API}{flagged.pk}/clear/", {}, format="json"), 403)
        assert_error(client.post(f"{API}bulk/", {"ids": [flagged.pk]}, format="json"), 403)
    flagged.refresh_from_db()
    assert flagged.status == "open"


def test_the_queue_lists_open_flags_high_first_then_oldest_first(admin_api, shop):
    promoter = factories.PromoterFactory()
    low_old = flag_on(sale(shop, promoter, "A")[0], severity=Flag.Severity.LOW)
    high_new = flag_on(sale(shop, promoter, "B")[0])
    high_old = flag_on(sale(shop, promoter, "C")[0], rule=Rule.CLICK_REUSE)
    Flag.objects.filter(pk=high_old.pk).update(created_at=timezone.now() - timedelta(days=3))
    Flag.objects.filter(pk=low_old.pk).update(created_at=timezone.now() - timedelta(days=5))
    cleared = flag_on(sale(shop, promoter, "D")[0], rule=Rule.CUSTOMER_REPEAT)
    Flag.objects.filter(pk=cleared.pk).update(status=Flag.Status.CLEARED)

    response = admin_api.get(API)

    assert ids(response) == [high_old.pk, high_new.pk, low_old.pk]
    row = response.json()["results"][0]
    assert (row["rule"], row["severity"], row["status"]) == ("click_reuse", "high", "open")
    assert (row["order_count"], row["commission_count"], row["held_count"]) == (1, 1, 1)
    assert row["promoter_name"] == promoter.display_name
    assert row["merchant_name"] == shop.name
    assert ids(admin_api.get(API, {"status": "cleared"})) == [cleared.pk]
    assert len(ids(admin_api.get(API, {"status": "any"}))) == 4


def test_the_queue_filters_by_rule_severity_merchant_promoter_and_age(admin_api, shop):
    one, two = factories.PromoterFactory(), factories.PromoterFactory()
    other_shop = factories.MerchantFactory(hold_days=0)
    a = flag_on(sale(shop, one, "A")[0])
    b = flag_on(sale(other_shop, two, "B")[0], severity=Flag.Severity.LOW, rule=Rule.CLICK_REUSE)
    Flag.objects.filter(pk=a.pk).update(created_at=timezone.now() - timedelta(days=10))

    assert ids(admin_api.get(API, {"rule": "click_reuse"})) == [b.pk]
    assert ids(admin_api.get(API, {"severity": "high"})) == [a.pk]
    assert ids(admin_api.get(API, {"merchant": other_shop.pk})) == [b.pk]
    assert ids(admin_api.get(API, {"promoter": one.pk})) == [a.pk]
    assert ids(admin_api.get(API, {"older_than_days": 7})) == [a.pk]
    recent = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(admin_api.get(API, {"created_after": recent})) == [b.pk]
    assert ids(admin_api.get(API, {"created_before": recent})) == [a.pk]
    for bad in ({"rule": "nope"}, {"older_than_days": "-1"}, {"status": ""}, {"promoter": "x"}):
        assert_error(admin_api.get(API, bad), 400, code="validation_error", fields=set(bad))


def test_the_queue_costs_the_same_queries_for_many_flags(
    admin_api, shop, django_assert_max_num_queries
):
    promoter = factories.PromoterFactory()
    for n in range(6):
        flag_on(sale(shop, promoter, f"Q-{n}")[0])

    # The rules may raise flags of their own on these sales: every open one is listed.
    listed = Flag.objects.filter(status=Flag.Status.OPEN).count()
    assert listed >= 6

    with django_assert_max_num_queries(4):
        assert len(ids(admin_api.get(API))) == listed


def test_a_flag_shows_its_evidence_orders_commissions_and_the_appeal(admin_api, flagged, promoter):
    Flag.objects.filter(pk=flagged.pk).update(appeal_note="My buyers are quick")

    body = admin_api.get(f"{API}{flagged.pk}/").json()

    assert body["evidence"]["measured"] == {"seconds": 2}
    assert body["evidence"]["threshold"] == {"min_seconds": 10}
    assert body["appeal_note"] == "My buyers are quick"
    assert [(o["order_id"], o["amount"], o["status"]) for o in body["orders"]] == [
        ("F-1", "100.00", "completed")
    ]
    [commission] = body["commissions"]
    assert (commission["commission"], commission["promoter_amount"]) == ("10.00", "9.00")
    assert (commission["status"], commission["review_hold"]) == ("confirmed", True)
    assert commission["invalid_reason"] is None
    assert len(body["clicks"]) == 3
    assert {c["link_code"] for c in body["clicks"]} == {
        Commission.objects.get(pk=commission["id"]).link.code
    }


def test_a_flag_shows_the_promoters_history(admin_api, shop, promoter, flagged):
    order, clicks = sale(shop, promoter, "H-2", "50.00", clicks=2)
    clicks[0].is_bot = True
    clicks[0].is_unique = False
    clicks[0].save()
    order.refunded_amount = D("50.00")
    order.status = "refunded"
    order.save()
    flag_on(order, rule=Rule.CLICK_REUSE)
    Flag.objects.filter(rule=Rule.CLICK_REUSE).update(status=Flag.Status.CONFIRMED)

    history = admin_api.get(f"{API}{flagged.pk}/").json()["history"]

    assert (history["clicks"], history["unique_clicks"], history["bot_clicks"]) == (5, 4, 1)
    assert history["suspicious_clicks"] == 0
    assert (history["orders"], history["refunded_orders"]) == (2, 1)
    assert (history["gmv"], history["refunded_amount"]) == ("150.00", "50.00")
    assert history["conversion"] == 0.5
    assert history["refund_rate"] == 0.5
    # The refund was written straight on the order: both commissions are still confirmed.
    assert history["commissions"]["confirmed"] == "13.50"
    assert history["flags"] == {"open": 1, "cleared": 0, "confirmed": 1}
    assert history["promoter_status"] == "approved"


def test_similar_accounts_sit_beside_the_flag(admin_api, flagged, promoter):
    same_card = factories.PromoterFactory()
    same_network = factories.PromoterFactory()
    upline = factories.PromoterFactory()
    downline = factories.PromoterFactory()
    unrelated = factories.PromoterFactory()
    for owner, account in ((promoter, "Farm@Example.com"), (same_card, "farm@example.com")):
        PayoutMethod.objects.create(
            promoter=owner, kind="alipay", account_name="Li Lei", account=account
        )
    PayoutMethod.objects.create(
        promoter=unrelated, kind="alipay", account_name="Han Mei", account="other@example.com"
    )
    Sighting.objects.create(user=promoter.user, ip_hash="net-1")
    Sighting.objects.create(user=same_network.user, ip_hash="net-1")
    Sighting.objects.create(user=unrelated.user, ip_hash="net-2")
    factories.upline(promoter=promoter, upline=upline)
    factories.upline(promoter=downline, upline=promoter)

    similar = admin_api.get(f"{API}{flagged.pk}/").json()["similar"]

    assert {s["promoter"]: s["reasons"] for s in similar} == {
        same_card.pk: ["payout_account"],
        same_network.pk: ["network"],
        upline.pk: ["upline"],
        downline.pk: ["downline"],
    }


def test_the_detail_costs_the_same_queries_for_more_rows(admin_api, shop, promoter):
    def queries(flag) -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as captured:
            response = admin_api.get(f"{API}{flag.pk}/")
        assert response.status_code == 200, response.content
        return len(captured.captured_queries), response.json()

    order, clicks = sale(shop, promoter, "S-1")
    small = flag_on(order, clicks=clicks)
    neighbour = factories.PromoterFactory()
    Sighting.objects.create(user=neighbour.user, ip_hash="n0")
    Sighting.objects.create(user=promoter.user, ip_hash="n0")
    few, body = queries(small)
    assert (len(body["orders"]), len(body["similar"]), len(body["clicks"])) == (1, 1, 1)
    for n in range(1, 4):
        other = factories.PromoterFactory()
        Sighting.objects.create(user=other.user, ip_hash=f"n{n}")
        Sighting.objects.create(user=promoter.user, ip_hash=f"n{n}")
        factories.upline(promoter=other, upline=promoter)
    order, clicks = sale(shop, promoter, "S-2", clicks=4)
    big = flag_on(order, clicks=clicks)
    big.orders.add(small.orders.get())
    big.commissions.add(*small.commissions.all())

    many, body = queries(big)

    assert (len(body["orders"]), len(body["similar"]), len(body["clicks"])) == (2, 4, 4)
    assert many == few


def test_clear_lifts_the_hold_and_is_audited(admin_api, admin_user, flagged):
    response = admin_api.post(f"{API}{flagged.pk}/clear/", {"note": "Known buyer"}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["review_note"], body["reviewed_by"]) == (
        "cleared",
        "Known buyer",
        admin_user.username,
    )
    assert body["commissions"][0]["review_hold"] is False
    log = AuditLog.objects.get(action="fraud_flag.clear")
    assert (log.actor, log.target_id) == (admin_user, str(flagged.pk))
    assert_error(
        admin_api.post(f"{API}{flagged.pk}/clear/", {}, format="json"), 409, code="already_decided"
    )


def test_clear_takes_no_note_too(admin_api, flagged):
    response = admin_api.post(f"{API}{flagged.pk}/clear/", {}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["review_note"] == ""


def test_confirm_needs_a_note_voids_and_may_suspend(admin_api, admin_user, flagged, promoter):
    assert_error(
        admin_api.post(f"{API}{flagged.pk}/confirm/", {"note": "  "}, format="json"),
        400,
        code="note_required",
        fields={"note"},
    )
    assert Flag.objects.get(pk=flagged.pk).status == "open"

    response = admin_api.post(
        f"{API}{flagged.pk}/confirm/",
        {"note": "Brushing\x07 ring", "suspend": True},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["review_note"]) == ("confirmed", "Brushing ring")
    assert [(c["status"], c["invalid_reason"]) for c in body["commissions"]] == [("void", "fraud")]
    promoter.refresh_from_db()
    assert promoter.status == ReviewStatus.SUSPENDED
    log = AuditLog.objects.get(action="fraud_flag.confirm")
    assert (log.actor, log.data["suspended"], log.data["voided"]) == (admin_user, True, 1)


def test_an_unknown_flag_is_404(admin_api):
    assert_error(admin_api.get(f"{API}999999/"), 404)
    assert_error(admin_api.post(f"{API}999999/clear/", {}, format="json"), 404)


def test_a_decided_flag_is_still_readable_by_its_address(admin_api, admin_user, flagged):
    admin_api.post(f"{API}{flagged.pk}/clear/", {}, format="json")

    assert admin_api.get(f"{API}{flagged.pk}/").json()["status"] == "cleared"


def test_bulk_decides_each_flag_on_its_own(admin_api, admin_user, shop):
    promoter = factories.PromoterFactory()
    first = flag_on(sale(shop, promoter, "B-1")[0])
    decided = flag_on(sale(shop, promoter, "B-2")[0])
    last = flag_on(sale(shop, promoter, "B-3")[0])
    admin_api.post(f"{API}{decided.pk}/clear/", {}, format="json")

    response = admin_api.post(
        f"{API}bulk/",
        {"ids": [last.pk, first.pk, decided.pk, 999999], "decision": "confirm", "note": "Ring"},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["done"], body["failed"]) == (2, 2)
    assert [(r["id"], r["ok"], r["status"], r["code"]) for r in body["results"]] == [
        (first.pk, True, "confirmed", ""),
        (decided.pk, False, "", "already_decided"),
        (last.pk, True, "confirmed", ""),
        (999999, False, "", "not_found"),
    ]
    assert AuditLog.objects.filter(action="fraud_flag.confirm").count() == 2
    assert Flag.objects.get(pk=decided.pk).status == "cleared"


def test_bulk_refuses_a_bad_request_before_deciding_anything(admin_api, flagged):
    cases = [
        ({"ids": [flagged.pk], "decision": "confirm"}, "note_required", {"note"}),
        ({"ids": [flagged.pk], "decision": "ban"}, "validation_error", {"decision"}),
        ({"ids": [], "decision": "clear"}, "validation_error", {"ids"}),
        ({"ids": list(range(1, 202)), "decision": "clear"}, "validation_error", {"ids"}),
    ]
    for payload, code, fields in cases:
        assert_error(
            admin_api.post(f"{API}bulk/", payload, format="json"), 400, code=code, fields=fields
        )
    assert Flag.objects.get(pk=flagged.pk).status == "open"
    assert not AuditLog.objects.filter(action__in=["fraud_flag.clear", "fraud_flag.confirm"])


def test_bulk_clear_with_an_idempotency_key_runs_once(admin_api, shop):
    promoter = factories.PromoterFactory()
    flags = [flag_on(sale(shop, promoter, f"K-{n}")[0]) for n in range(2)]
    payload = {"ids": [f.pk for f in flags], "decision": "clear"}

    first = admin_api.post(f"{API}bulk/", payload, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = admin_api.post(f"{API}bulk/", payload, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.json() == again.json()
    assert first.json()["done"] == 2
    assert again["Idempotent-Replayed"] == "true"
    assert AuditLog.objects.filter(action="fraud_flag.clear").count() == 2
    other = client_for(factories.AdminFactory())
    assert other.post(f"{API}bulk/", payload, format="json").json()["failed"] == 2
