"""Attribution and the rules around it: the click window and the merchant's own links, customer
binding, self-purchase, targeted campaigns, expired uplines, refunds and cancellations."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commissions.models import Commission, Order
from promoters.models import CampaignApplication

from .. import factories
from .orders import event, lifecycle, store

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
D = Decimal


@pytest.fixture
def shop():
    return factories.MerchantFactory()


@pytest.fixture
def product(shop):
    return factories.ProductFactory(merchant=shop, sku="T-1", commission_rate=D("20.00"))


@pytest.fixture
def link(product):
    return factories.LinkFactory(product=product)


def paid(order_id, paid_at, **extra):
    return event("order.paid", order_id, items=[("T-1", "99.00")], paid_at=paid_at, **extra)


def test_a_click_on_another_merchants_link_does_not_attribute(shop, product):
    elsewhere = factories.LinkFactory()
    paid_at = timezone.now()
    click = factories.ClickFactory(link=elsewhere, created_at=paid_at - timedelta(hours=1))

    store(shop, paid("X-1", paid_at, click_id=click.pk, customer_id="c-x"))

    assert Order.objects.get().attribution == "none"


def test_a_click_after_payment_does_not_attribute(shop, link):
    paid_at = timezone.now() - timedelta(hours=2)
    click = factories.ClickFactory(link=link, created_at=paid_at + timedelta(minutes=1))

    store(shop, paid("X-2", paid_at, click_id=click.pk, customer_id="c-y"))

    assert Order.objects.get().attribution == "none"


def test_a_malformed_click_id_is_just_unattributed(shop, product):
    store(shop, paid("X-3", timezone.now(), click_id="not-a-uuid", customer_id="c-z"))

    assert Order.objects.get().attribution == "none"


def test_an_attributed_order_binds_its_customer_for_later_orders(shop, link):
    first_paid = timezone.now() - timedelta(days=40)
    click = factories.ClickFactory(link=link, created_at=first_paid - timedelta(hours=1))
    store(shop, paid("B-1", first_paid, click_id=click.pk, customer_id="loyal"))

    store(shop, paid("B-2", first_paid + timedelta(days=5), customer_id="loyal"))
    # B-2, attributed by the binding, binds again from its own paid_at: 30 days from day 5.
    store(shop, paid("B-3", first_paid + timedelta(days=36), customer_id="loyal"))
    # An order paid before the binding's start is not bound by it.
    store(shop, paid("B-0", first_paid - timedelta(days=1), customer_id="loyal"))

    found = dict(Order.objects.values_list("order_id", "attribution"))
    assert found == {
        "B-1": "click",
        "B-2": "customer",
        "B-3": "none",
        "B-0": "none",
    }
    assert Order.objects.get(order_id="B-2").promoter_id == link.promoter_id


def test_self_purchase_is_void_where_the_merchant_forbids_it(shop, link):
    shop.allow_self_purchase = False
    shop.save()
    factories.OwnCustomerFactory(promoter=link.promoter, merchant=shop, customer_id="me-myself")
    paid_at = timezone.now()
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))

    store(shop, paid("SP-1", paid_at, click_id=click.pk, customer_id="me-myself"))

    commission = Commission.objects.get()
    assert (commission.status, commission.invalid_reason) == ("void", "self_purchase")


def test_self_purchase_earns_where_the_merchant_allows_it(shop, link):
    factories.OwnCustomerFactory(promoter=link.promoter, merchant=shop, customer_id="me-myself")
    paid_at = timezone.now()
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))

    store(shop, paid("SP-2", paid_at, click_id=click.pk, customer_id="me-myself"))

    assert Commission.objects.get().status == "pending"


def test_a_targeted_campaign_counts_only_for_admitted_promoters(shop, product, link):
    campaign = factories.CampaignFactory(merchant=shop, kind="targeted", rate=D("40.00"))
    outsider_link = factories.LinkFactory(product=product)
    CampaignApplication.objects.create(campaign=campaign, promoter=link.promoter, status="approved")
    paid_at = timezone.now()
    for order_id, some_link in (("TG-in", link), ("TG-out", outsider_link)):
        click = factories.ClickFactory(link=some_link, created_at=paid_at - timedelta(hours=1))
        store(shop, paid(order_id, paid_at, click_id=click.pk, customer_id=order_id))

    rates = dict(Commission.objects.values_list("order__order_id", "rate"))
    assert rates == {"TG-in": D("40.00"), "TG-out": D("20.00")}


def test_an_expired_upline_earns_nothing(shop, product):
    promoter, upline = factories.PromoterFactory(), factories.PromoterFactory()
    factories.upline(promoter=promoter, upline=upline, days_ago=400, days=365)
    link = factories.LinkFactory(promoter=promoter, product=product)
    paid_at = timezone.now()
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))

    store(shop, paid("UP-1", paid_at, click_id=click.pk))

    commission = Commission.objects.get()
    assert (commission.upline1_id, commission.upline1_amount, commission.promoter_amount) == (
        None,
        D("0.00"),
        D("17.82"),
    )


def test_a_zero_rate_product_is_void_with_its_reason(shop):
    factories.ProductFactory(merchant=shop, sku="FREE", commission_rate=D("0.00"))
    link = factories.LinkFactory(product=shop.products.get(sku="FREE"))
    paid_at = timezone.now()
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))

    store(
        shop,
        event("order.paid", "Z-1", items=[("FREE", "50.00")], paid_at=paid_at, click_id=click.pk),
    )

    commission = Commission.objects.get()
    assert (commission.status, commission.invalid_reason, commission.commission) == (
        "void",
        "zero_rate",
        D("0.00"),
    )


def test_cancelled_stays_cancelled_and_reverses(shop, link):
    paid_at = timezone.now() - timedelta(days=1)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    cancel = event(
        "order.cancelled",
        "C-1",
        items=[("T-1", "99.00")],
        paid_at=paid_at,
        occurred_at=paid_at + timedelta(hours=1),
        click_id=click.pk,
    )
    # A later event that claims otherwise does not revive a cancelled order.
    late_paid = event(
        "order.paid",
        "C-1",
        items=[("T-1", "99.00")],
        paid_at=paid_at,
        occurred_at=paid_at + timedelta(hours=5),
        click_id=click.pk,
    )

    store(shop, cancel)
    store(shop, late_paid)

    order = Order.objects.get()
    commission = Commission.objects.get()
    assert order.status == "cancelled"
    assert (commission.status, commission.invalid_reason) == ("reversed", "cancelled")


def test_completed_before_paid_arrives_is_confirmed_with_its_hold(shop, link):
    paid_at = timezone.now() - timedelta(days=3)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    paid_event, completed_event = lifecycle(
        "O-1", "T-1", "99.00", click_id=click.pk, paid_at=paid_at
    )

    store(shop, completed_event)
    store(shop, paid_event)

    commission = Commission.objects.get()
    assert commission.status == "confirmed"
    assert commission.available_at == paid_at + timedelta(days=1 + shop.hold_days)
    assert Order.objects.get().status == "completed"


def test_a_partial_refund_before_completion_lowers_the_estimate(shop, link):
    paid_at = timezone.now() - timedelta(days=3)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    store(shop, paid("PR-1", paid_at, click_id=click.pk))

    store(
        shop,
        event(
            "order.refunded",
            "PR-1",
            items=[("T-1", "99.00", "90.00")],
            paid_at=paid_at,
            occurred_at=paid_at + timedelta(hours=3),
            click_id=click.pk,
        ),
    )

    commission = Commission.objects.get()
    assert (commission.status, commission.base_amount, commission.commission) == (
        "pending",
        D("9.00"),
        D("1.80"),
    )
    assert Order.objects.get().status == "paid"
