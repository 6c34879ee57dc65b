"""One definition of a promoter's earnings (commissions.selectors.promoter_earnings): its share
P of its own sales plus its upline shares U1/U2, for every status that still earns. The
earnings endpoint and the balances endpoint give the same numbers, and a reversed or void
commission's estimated_amount is 0.00, as its order's estimated_commission is."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commissions.models import Commission
from commissions.services.settlement import settlement_run

from .. import factories
from ..conftest import client_for
from ..payouts.money import earn
from .orders import event, store

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

D = Decimal
EARNING_KEYS = ("estimated", "confirmed", "settled", "paid")


def earnings(promoter) -> dict:
    body = client_for(promoter.user).get("/api/v1/commissions/earnings/").json()
    return {key: body[key] for key in (*EARNING_KEYS, "available_balance")}


def balances(promoter) -> dict:
    body = client_for(promoter.user).get("/api/v1/balances/").json()
    return {key: body[key] for key in ("pending", "confirmed", "available")}


@pytest.fixture
def upline_and_downline(db):
    upline = factories.PromoterFactory()
    downline = factories.PromoterFactory()
    factories.upline(promoter=downline, upline=upline, days_ago=60)
    return upline, downline


def test_earnings_and_balances_count_the_upline_share_alike(upline_and_downline):
    upline, downline = upline_and_downline
    # A 1000.00 sale at 20 %: C = 200.00, F = 20.00, U1 = 10.00, P = 170.00 (confirmed).
    earn(downline, sales=["1000.00"], settle=False)
    commission = Commission.objects.get(promoter=downline)
    assert (commission.promoter_amount, commission.upline1_amount) == (D("170.00"), D("10.00"))

    assert earnings(upline) == {
        "estimated": "0.00",
        "confirmed": "10.00",
        "settled": "0.00",
        "paid": "0.00",
        "available_balance": "0.00",
    }
    assert balances(upline) == {"pending": "0.00", "confirmed": "10.00", "available": "0.00"}
    assert earnings(downline)["confirmed"] == balances(downline)["confirmed"] == "170.00"

    settlement_run()

    assert earnings(upline) == {
        "estimated": "0.00",
        "confirmed": "0.00",
        "settled": "10.00",
        "paid": "0.00",
        "available_balance": "10.00",
    }
    assert balances(upline) == {"pending": "0.00", "confirmed": "0.00", "available": "10.00"}
    assert earnings(downline)["settled"] == balances(downline)["available"] == "170.00"


def test_a_void_commission_estimates_nothing_anywhere(upline_and_downline, admin_api):
    upline, downline = upline_and_downline
    earn(downline, sales=["1000.00"], settle=False)
    commission = Commission.objects.get(promoter=downline)

    voided = admin_api.post(
        f"/api/v1/commissions/{commission.pk}/void/", {"reason": "fraud"}, format="json"
    )

    assert voided.status_code == 200
    assert voided.json()["status"] == "void"
    assert voided.json()["estimated_amount"] == "0.00"
    client = client_for(downline.user)
    listed = client.get("/api/v1/commissions/").json()["results"]
    order = client.get("/api/v1/orders/").json()["results"]
    assert [row["estimated_amount"] for row in listed] == ["0.00"]
    assert [row["estimated_commission"] for row in order] == ["0.00"]
    for promoter in (upline, downline):
        assert earnings(promoter) == dict.fromkeys((*EARNING_KEYS, "available_balance"), "0.00")
        assert balances(promoter) == {"pending": "0.00", "confirmed": "0.00", "available": "0.00"}


def test_a_reversed_commission_estimates_nothing(promoter):
    shop = factories.MerchantFactory()
    product = factories.ProductFactory(merchant=shop, sku="REV", commission_rate=D("10.00"))
    paid_at = timezone.now() - timedelta(hours=2)
    click = factories.ClickFactory(
        link=factories.LinkFactory(promoter=promoter, product=product),
        created_at=paid_at - timedelta(hours=1),
    )
    store(
        shop,
        event("order.paid", "REV-1", items=[("REV", "300.00")], paid_at=paid_at, click_id=click.pk),
    )
    client = client_for(promoter.user)
    # C = 30.00, F = 3.00, P = 27.00 while the order is paid.
    assert [
        row["estimated_amount"] for row in client.get("/api/v1/commissions/").json()["results"]
    ] == ["27.00"]
    assert earnings(promoter)["estimated"] == "27.00"

    store(
        shop,
        event(
            "order.cancelled",
            "REV-1",
            items=[("REV", "300.00")],
            paid_at=paid_at,
            occurred_at=paid_at + timedelta(hours=1),
            click_id=click.pk,
        ),
    )

    rows = client.get("/api/v1/commissions/").json()["results"]
    assert [(row["status"], row["estimated_amount"]) for row in rows] == [("reversed", "0.00")]
    assert [
        row["estimated_commission"] for row in client.get("/api/v1/orders/").json()["results"]
    ] == ["0.00"]
    assert earnings(promoter)["estimated"] == balances(promoter)["pending"] == "0.00"
