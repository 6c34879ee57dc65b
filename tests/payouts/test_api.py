"""Payout API reads: tenancy, filters, balances and the settlement history (the audit log, which
records the payouts' reviews, is tested with its API in tests/alliance/test_audit_api.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commissions.models import Commission
from payouts.models import Payout
from payouts.services import payouts as services

from .. import factories
from ..assertions import assert_error, assert_not_found
from .money import D, alipay, earn, fund

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def mine(promoter):
    fund(promoter, "100.00")
    return services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("40.00"))


@pytest.fixture
def theirs(other_promoter):
    fund(other_promoter, "100.00")
    return services.payout_request(
        promoter=other_promoter, method=alipay(other_promoter), amount=D("80.00")
    )


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_promoter_sees_only_its_own(promoter_api, mine, theirs, other_promoter):
    assert ids(promoter_api.get(f"{API}payouts/")) == {mine.pk}
    assert_not_found(promoter_api.get(f"{API}payouts/{theirs.pk}/"))
    assert ids(promoter_api.get(f"{API}payouts/?promoter={other_promoter.pk}")) == set()
    their_method = theirs.method
    assert ids(promoter_api.get(f"{API}payout-methods/")) == {mine.method_id}
    assert_not_found(promoter_api.get(f"{API}payout-methods/{their_method.pk}/"))
    assert_not_found(
        promoter_api.patch(
            f"{API}payout-methods/{their_method.pk}/", {"account_name": "X"}, format="json"
        )
    )
    assert_not_found(promoter_api.delete(f"{API}payout-methods/{their_method.pk}/"))
    their_method.refresh_from_db()
    assert (their_method.account_name, their_method.is_active) == ("张三", True)


def test_merchants_are_refused(merchant_api, mine):
    for path in (
        "payouts/",
        f"payouts/{mine.pk}/",
        "payout-methods/",
        "balances/",
        "balance-entries/",
        "audit-log/",
        "payout-holds/",
        "payout-batches/",
    ):
        assert_error(merchant_api.get(API + path), 403)
    assert_error(
        merchant_api.post(
            f"{API}payout-methods/",
            {"kind": "alipay", "account_name": "A", "account": "13800138000"},
            format="json",
        ),
        403,
    )


def test_admin_reads_all_and_filters(admin_api, mine, theirs, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert ids(admin_api.get(f"{API}payouts/")) == {mine.pk, theirs.pk}
    assert ids(admin_api.get(f"{API}payouts/?min_amount=50")) == {theirs.pk}
    assert ids(admin_api.get(f"{API}payouts/?max_amount=40.00")) == {mine.pk}
    assert ids(admin_api.get(f"{API}payouts/?promoter={mine.promoter_id}")) == {mine.pk}
    assert ids(admin_api.get(f"{API}payouts/?status=requested")) == {mine.pk, theirs.pk}
    assert ids(admin_api.get(f"{API}payouts/?status=approved")) == set()
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert ids(admin_api.get(f"{API}payouts/", {"requested_before": later})) == {mine.pk, theirs.pk}
    assert ids(admin_api.get(f"{API}payouts/", {"requested_after": later})) == set()
    assert ids(admin_api.get(f"{API}payout-methods/")) == {mine.method_id, theirs.method_id}
    assert_error(admin_api.post(f"{API}payout-methods/", {}, format="json"), 403)


def test_the_list_does_not_grow_queries_with_rows(admin_api, django_assert_max_num_queries):
    for _n in range(15):
        promoter = factories.PromoterFactory()
        fund(promoter, "50.00")
        payout = services.payout_request(
            promoter=promoter, method=alipay(promoter), amount=D("20.00")
        )
        Payout.objects.filter(pk=payout.pk).update(reviewed_by=factories.AdminFactory())

    with django_assert_max_num_queries(4):
        assert len(ids(admin_api.get(f"{API}payouts/"))) == 15


def test_balances_of_a_promoter_with_every_kind_of_money(
    promoter, promoter_api, admin_api, admin_user
):
    """Settled sales give the available balance; one unsettled sale is confirmed, one pending;
    an upline share counts too; an approved payout is in transit."""
    downline = factories.PromoterFactory()
    factories.upline(promoter=downline, upline=promoter, days_ago=60)
    earn(promoter, sales=["500.00"])  # P 90.00, settled
    shop = earn(promoter, sales=["100.00"], settle=False)  # P 18.00, confirmed
    earn(downline, sales=["1000.00"], shop=shop, settle=False)  # confirmed; upline share U1
    upline_share = Commission.objects.get(promoter=downline).upline1_amount
    assert upline_share > 0
    Commission.objects.filter(promoter=promoter, status="confirmed").update(status="pending")
    payout = services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("30.00"))
    services.payout_approve(payout=payout, reviewer=admin_user)

    body = promoter_api.get(f"{API}balances/").json()

    assert {k: body[k] for k in ("pending", "confirmed", "available", "in_transit", "paid")} == {
        "pending": "18.00",
        "confirmed": f"{upline_share:.2f}",
        "available": "60.00",
        "in_transit": "30.00",
        "paid": "0.00",
    }
    assert (body["currency"], body["min_payout"], body["promoter"]) == ("CNY", "10.00", promoter.pk)
    assert body["open_payout"]["id"] == payout.pk
    assert admin_api.get(f"{API}balances/?promoter={promoter.pk}").json() == body
    assert_error(admin_api.get(f"{API}balances/"), 400, fields={"promoter"})
    assert_not_found(admin_api.get(f"{API}balances/?promoter=987654321"))


def test_balance_entries_list_the_settlement_history_newest_first(
    promoter, promoter_api, other_promoter, admin_user, django_assert_max_num_queries
):
    earn(promoter, sales=["500.00", "300.00"])
    earn(other_promoter, sales=["200.00"])
    payout = services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("100.00"))
    services.payout_approve(payout=payout, reviewer=admin_user)
    services.payout_mark_failed(payout=payout, actor=admin_user, reason="Closed")

    with django_assert_max_num_queries(4):
        response = promoter_api.get(f"{API}balance-entries/")

    rows = response.json()["results"]
    assert response.json()["count"] == 4
    assert [(r["kind"], r["amount"], r["payout"]) for r in rows[:2]] == [
        ("payout", "100.00", payout.pk),
        ("payout", "-100.00", payout.pk),
    ]
    commissions = set(Commission.objects.filter(promoter=promoter).values_list("pk", flat=True))
    assert {(r["kind"], r["commission"]) for r in rows[2:]} == {
        ("settlement", c) for c in commissions
    }
    assert {r["amount"] for r in rows[2:]} == {"90.00", "54.00"}


def test_the_schema_documents_the_404_of_a_promoter_or_batch_named_in_the_query(api):
    paths = api.get("/api/schema/?format=json").json()["paths"]

    for path in ("/api/v1/balances/", "/api/v1/payouts/export/"):
        answer = paths[path]["get"]["responses"]["404"]
        assert answer["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"
        }


def test_the_schema_bounds_a_payout_method_names_as_the_service_does(api):
    """method_validate refuses a holder's or bank's name over 100 characters."""
    components = api.get("/api/schema/?format=json").json()["components"]["schemas"]

    for component in ("PayoutMethodRequest", "PatchedPayoutMethodUpdateRequest"):
        fields = components[component]["properties"]
        assert (fields["account_name"]["maxLength"], fields["bank_name"]["maxLength"]) == (100, 100)
