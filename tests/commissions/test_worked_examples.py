"""The worked examples of the order-events issue, through the whole path: event -> inbox ->
apply task -> order, commission, split, and (once settled) the ledger."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commissions.models import Commission, Order, OrderEvent
from commissions.services.commissions import commission_settle
from ledger.checks import ledger_check
from ledger.selectors import balance, promoter_available_balance

from .. import factories
from .orders import event, lifecycle, store

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
D = Decimal


@pytest.fixture
def shop():
    return factories.MerchantFactory()


def sale_link(shop, rate="20.00", promoter=None):
    product = factories.ProductFactory(merchant=shop, commission_rate=D(rate))
    link = factories.LinkFactory(product=product, **({"promoter": promoter} if promoter else {}))
    return product, link


def click_before(link, paid_at, days=1):
    return factories.ClickFactory(link=link, created_at=paid_at - timedelta(days=days))


def only_commission(order_id):
    order = Order.objects.get(order_id=order_id)
    (commission,) = order.commissions.all()
    return order, commission


def split_of(c: Commission):
    return (c.commission, c.platform_fee, c.upline1_amount, c.upline2_amount, c.promoter_amount)


def test_example_1_product_rate_no_upline(shop):
    product, link = sale_link(shop)
    paid_at = timezone.now() - timedelta(hours=2)
    click = click_before(link, paid_at)

    stored = store(
        shop,
        event(
            "order.paid", "A-1", items=[(product.sku, "99.00")], paid_at=paid_at, click_id=click.pk
        ),
    )

    order, commission = only_commission("A-1")
    stored.refresh_from_db()
    assert stored.status == OrderEvent.Status.APPLIED
    assert (order.status, order.attribution, order.promoter_id, order.link_id) == (
        "paid",
        "click",
        link.promoter_id,
        link.pk,
    )
    assert commission.rate == D("20.00")
    assert split_of(commission) == (D("19.80"), D("1.98"), D("0.00"), D("0.00"), D("17.82"))
    assert commission.status == Commission.Status.PENDING


def test_example_2_highest_campaign_rate(shop):
    product, link = sale_link(shop)
    paid_at = timezone.now() - timedelta(hours=2)
    factories.CampaignFactory(merchant=shop, rate=D("25.00"))
    factories.CampaignFactory(
        merchant=shop,
        kind="event",
        rate=D("30.00"),
        starts_at=paid_at - timedelta(days=1),
        ends_at=paid_at + timedelta(days=1),
    )
    # An event campaign that ended before paid_at does not count.
    factories.CampaignFactory(
        merchant=shop,
        kind="event",
        rate=D("50.00"),
        starts_at=paid_at - timedelta(days=5),
        ends_at=paid_at - timedelta(days=1),
    )
    click = click_before(link, paid_at)

    store(
        shop,
        event(
            "order.paid", "A-2", items=[(product.sku, "99.00")], paid_at=paid_at, click_id=click.pk
        ),
    )

    _order, commission = only_commission("A-2")
    assert commission.rate == D("30.00")
    assert (commission.commission, commission.platform_fee, commission.promoter_amount) == (
        D("29.70"),
        D("2.97"),
        D("26.73"),
    )


def test_example_3_two_uplines(shop):
    top, middle, promoter = (factories.PromoterFactory() for _ in range(3))
    factories.upline(promoter=promoter, upline=middle, days_ago=30)
    factories.upline(promoter=middle, upline=top, days_ago=60)
    product, link = sale_link(shop, rate="15.00", promoter=promoter)
    paid_at = timezone.now() - timedelta(hours=2)
    click = click_before(link, paid_at)

    store(
        shop,
        event(
            "order.paid", "A-3", items=[(product.sku, "33.33")], paid_at=paid_at, click_id=click.pk
        ),
    )

    _order, commission = only_commission("A-3")
    assert split_of(commission) == (D("5.00"), D("0.50"), D("0.25"), D("0.10"), D("4.15"))
    assert (commission.upline1_id, commission.upline2_id) == (middle.pk, top.pk)


def test_example_4_click_older_than_the_window_falls_through(shop):
    product, link = sale_link(shop)
    paid_at = timezone.now() - timedelta(hours=2)
    click = click_before(link, paid_at, days=16)

    store(
        shop,
        event(
            "order.paid",
            "A-4",
            items=[(product.sku, "99.00")],
            paid_at=paid_at,
            click_id=click.pk,
            customer_id="someone",
        ),
    )

    order = Order.objects.get(order_id="A-4")
    assert (order.attribution, order.promoter_id) == ("none", None)
    assert not Commission.objects.exists()


def test_example_4_falls_through_to_an_exclusive_coupon(shop):
    product, link = sale_link(shop)
    paid_at = timezone.now() - timedelta(hours=2)
    click = click_before(link, paid_at, days=16)
    coupon = factories.CouponFactory(
        merchant=shop, exclusive_promoter=link.promoter, valid_from=paid_at - timedelta(days=3)
    )

    store(
        shop,
        event(
            "order.paid",
            "A-4c",
            items=[(product.sku, "99.00")],
            paid_at=paid_at,
            click_id=click.pk,
            coupon_code=coupon.code,
        ),
    )

    order, commission = only_commission("A-4c")
    assert (order.attribution, order.promoter_id, order.link_id) == (
        "coupon",
        link.promoter_id,
        None,
    )
    assert commission.promoter_amount == D("17.82")


def test_example_5_refund_after_settlement_claws_back(shop):
    product, link = sale_link(shop)
    paid_at = timezone.now() - timedelta(days=20)
    click = click_before(link, paid_at)
    for body in lifecycle("A-5", product.sku, "99.00", click_id=click.pk, paid_at=paid_at):
        store(shop, body)
    _order, commission = only_commission("A-5")
    assert commission.status == Commission.Status.CONFIRMED
    assert commission.available_at == paid_at + timedelta(days=1 + 7)

    assert commission_settle(commission_id=commission.pk) is True
    promoter = link.promoter_id
    assert promoter_available_balance(promoter) == D("17.82")
    assert balance(f"merchant_payable:{shop.pk}") == D("-19.80")
    assert balance("platform_revenue") == D("1.98")

    completed_at = paid_at + timedelta(days=1)
    store(
        shop,
        event(
            "order.refunded",
            "A-5",
            items=[(product.sku, "99.00", "49.50")],
            paid_at=paid_at,
            click_id=click.pk,
            completed_at=completed_at,
            occurred_at=paid_at + timedelta(days=12),
        ),
    )

    _order, commission = only_commission("A-5")
    assert commission.status == Commission.Status.SETTLED
    assert (commission.commission, commission.promoter_amount) == (D("9.90"), D("8.91"))
    clawback = commission.postings.get(idempotency_key=f"commission:{commission.pk}:2")
    assert clawback.kind == "adjustment"
    assert {e.account.key: e.amount for e in clawback.entries.all()} == {
        f"merchant_payable:{shop.pk}": D("9.90"),
        f"promoter_available:{promoter}": D("-8.91"),
        "platform_revenue": D("-0.99"),
    }
    assert promoter_available_balance(promoter) == D("8.91")
    assert ledger_check().is_clean


def test_settling_twice_posts_once(shop):
    product, link = sale_link(shop)
    paid_at = timezone.now() - timedelta(days=20)
    for body in lifecycle(
        "S-1", product.sku, "10.00", click_id=click_before(link, paid_at).pk, paid_at=paid_at
    ):
        store(shop, body)
    _order, commission = only_commission("S-1")

    assert commission_settle(commission_id=commission.pk) is True
    assert commission_settle(commission_id=commission.pk) is False
    assert commission.postings.count() == 1
    assert promoter_available_balance(link.promoter_id) == D("1.80")
