"""Attribution and the rules around it: the click window and the merchant's own links, customer
binding, self-purchase, targeted campaigns, expired uplines, refunds and cancellations."""

import base64
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commissions.models import Commission, Order
from promoters.models import CampaignApplication, Click, ClickIdRefusal, click_id, click_token

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


# --- Click ids that prove themselves (docs/orders.md, "Click ids") --------------------------


def lost_click_token(link, clicked_at) -> str:
    """The id the redirect handed out for a click whose row was never stored."""
    millis = int(clicked_at.timestamp() * 1000)
    return click_token(link_id=link.pk, click_uuid=click_id(millis))


def altered(token: str) -> str:
    """The token with one bit of its MAC flipped."""
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[-1] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).decode()


def test_a_verified_click_id_attributes_even_when_its_row_was_lost(shop, link):
    paid_at = timezone.now()
    token = lost_click_token(link, paid_at - timedelta(hours=1))

    store(shop, paid("L-1", paid_at, click_id=token, customer_id="c-lost"))

    order = Order.objects.get()
    assert Click.objects.count() == 0
    assert (order.attribution, order.promoter_id, order.link_id, order.channel_id) == (
        "click",
        link.promoter_id,
        link.pk,
        link.channel_id,
    )
    assert order.click_id == token
    assert Commission.objects.get().promoter_amount == D("17.82")


@pytest.mark.parametrize(
    ("case", "clicked"),
    [
        ("after payment", timedelta(minutes=-1)),
        ("outside the window", timedelta(days=15, minutes=1)),
    ],
)
def test_a_lost_rows_id_obeys_the_window_by_its_own_time(shop, link, case, clicked):
    paid_at = timezone.now()
    token = lost_click_token(link, paid_at - clicked)

    store(shop, paid("L-2", paid_at, click_id=token, customer_id="c-window"))

    assert Order.objects.get().attribution == "none"


def test_a_lost_rows_id_attributes_only_for_its_links_merchant(shop, product):
    elsewhere = factories.LinkFactory()
    paid_at = timezone.now()

    store(shop, paid("L-3", paid_at, click_id=lost_click_token(elsewhere, paid_at)))

    assert Order.objects.get().attribution == "none"
    assert not ClickIdRefusal.objects.exists()  # authentic, just not this merchant's


def test_a_stored_row_and_its_token_attribute_alike(shop, link):
    paid_at = timezone.now()
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))

    store(shop, paid("L-4", paid_at, click_id=click.token, customer_id="c-row"))

    order = Order.objects.get()
    assert (order.attribution, order.link_id) == ("click", link.pk)


def test_a_forged_click_id_attributes_nothing_and_is_recorded(shop, link, caplog):
    thief = factories.LinkFactory(product=link.product)
    paid_at = timezone.now()
    genuine = lost_click_token(link, paid_at - timedelta(hours=1))
    # Swap the link id inside the token for the thief's, keeping the genuine MAC.
    raw = bytearray(base64.urlsafe_b64decode(genuine))
    raw[1:7] = thief.pk.to_bytes(6, "big")
    forged = base64.urlsafe_b64encode(bytes(raw)).decode()

    store(shop, paid("F-1", paid_at, click_id=forged, customer_id="c-forged"))

    order = Order.objects.get()
    assert (order.attribution, order.promoter_id) == ("none", None)
    assert not Commission.objects.exclude(status="void").filter(order=order).exists()
    refusal = ClickIdRefusal.objects.get()
    assert (refusal.merchant_id, refusal.order_id, refusal.click_id, refusal.reason) == (
        shop.pk,
        "F-1",
        forged,
        "forged",
    )
    assert f"click_id_refused merchant={shop.pk} order_id='F-1' reason=forged" in caplog.text


def test_a_forged_click_id_does_not_erase_an_exclusive_coupon(shop, link):
    coupon = factories.CouponFactory(merchant=shop, exclusive_promoter=link.promoter)
    paid_at = timezone.now()
    forged = altered(lost_click_token(link, paid_at - timedelta(hours=1)))

    store(shop, paid("F-2", paid_at, click_id=forged, coupon_code=coupon.code))

    order = Order.objects.get()
    assert (order.attribution, order.promoter_id) == ("coupon", link.promoter_id)
    assert ClickIdRefusal.objects.get().reason == "forged"


def test_every_event_of_a_refused_order_records_one_refusal(shop, link):
    paid_at = timezone.now() - timedelta(days=2)
    forged = altered(lost_click_token(link, paid_at - timedelta(hours=1)))

    for order_event in lifecycle("F-3", "T-1", "99.00", click_id=forged, paid_at=paid_at):
        store(shop, order_event)

    assert ClickIdRefusal.objects.count() == 1
    assert Order.objects.get().attribution == "none"


def test_a_customer_bound_to_two_promoters_at_the_same_instant_goes_to_the_lowest_order_id(
    shop, product
):
    """Two orders of one customer paid in the same second through two promoters' links: the
    next order goes to the binding of the order whose id sorts first, whatever the order the
    bindings were stored in."""
    paid_at = timezone.now() - timedelta(days=3)
    first_link = factories.LinkFactory(product=product)
    second_link = factories.LinkFactory(product=product)
    # The order with the higher id arrives first, so its binding is the older row.
    for order_id, some_link in (("TIE-B", second_link), ("TIE-A", first_link)):
        token = lost_click_token(some_link, paid_at - timedelta(hours=1))
        store(shop, paid(order_id, paid_at, click_id=token, customer_id="twice"))

    store(shop, paid("TIE-NEXT", paid_at + timedelta(days=1), customer_id="twice"))

    order = Order.objects.get(order_id="TIE-NEXT")
    assert (order.attribution, order.promoter_id) == ("customer", first_link.promoter_id)
