"""The per-order rules (docs/fraud.md, "Order and account rules"): each trips on its shape and
not on the honest one, merchants override their keys, a re-run changes nothing, and the rules
run by themselves once orders arrive through the webhook's path."""

import hashlib
import logging
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commissions.models import Commission, OrderEvent
from commissions.services.events import event_store, event_validate
from commissions.services.inbox import order_events_apply_pending
from fraud import tasks
from fraud.models import Flag, Sighting
from fraud.services.order_rules import order_findings
from fraud.services.order_self import contact_hash
from fraud.services.rules import orders_check
from payouts.models import PayoutMethod
from promoters.models import click_id, click_token

from .. import factories
from ..commissions.orders import event, store

pytestmark = pytest.mark.django_db
D = Decimal
HIGH, LOW = Flag.Severity.HIGH, Flag.Severity.LOW


@pytest.fixture
def shop():
    merchant = factories.MerchantFactory()
    factories.ProductFactory(merchant=merchant, sku="S", commission_rate=D("10.00"))
    return merchant


@pytest.fixture
def kol():
    return factories.PromoterFactory()


def _link(shop, promoter):
    return factories.LinkFactory(promoter=promoter, product=shop.products.get(sku="S"))


def _order(shop, order_id, *, paid_at, click=None, customer_id="buyer-1", **buyer):
    body = event(
        "order.paid",
        order_id,
        items=[("S", "100.00")],
        paid_at=paid_at,
        click_id=click.token if click is not None else None,
        customer_id=customer_id,
    )
    store(shop, body | buyer)
    return shop.orders.get(order_id=order_id)


def _clicked(shop, promoter, order_id, *, after: timedelta, customer_id="buyer-1", **buyer):
    """An order paid `after` its click on the promoter's link."""
    paid_at = timezone.now() - timedelta(hours=8)
    click = factories.ClickFactory(link=_link(shop, promoter), created_at=paid_at - after)
    return _order(shop, order_id, paid_at=paid_at, click=click, customer_id=customer_id, **buyer)


def _flags(rule):
    return list(Flag.objects.filter(rule=rule).order_by("pk"))


# --- fast_pay -----------------------------------------------------------------------------


def test_an_order_paid_seconds_after_its_click_is_flagged_high_and_its_commission_held(shop, kol):
    order = _clicked(shop, kol, "FP-1", after=timedelta(seconds=3))

    [flag] = _flags("fast_pay")
    assert (flag.key, flag.severity, flag.promoter_id, flag.merchant_id) == (
        f"fast_pay:order:{order.pk}",
        HIGH,
        kol.pk,
        shop.pk,
    )
    assert flag.evidence["measured"] == {"seconds": 3.0}
    assert flag.evidence["threshold"] == {"min_seconds": 10}
    assert flag.evidence["clicks"] == [order.click_id]
    assert list(flag.orders.all()) == [order]
    assert Commission.objects.get(order=order).review_hold is True


def test_a_human_two_minute_checkout_is_not_flagged(shop, kol):
    order = _clicked(shop, kol, "FP-2", after=timedelta(minutes=2))

    assert Flag.objects.count() == 0
    assert list(order_findings([order.pk])) == []
    assert Commission.objects.get(order=order).review_hold is False


def test_fast_pay_reads_the_click_ids_own_time_when_the_row_was_lost(shop, kol):
    link = _link(shop, kol)
    lost = click_token(link_id=link.pk, click_uuid=click_id())  # never stored
    paid_at = timezone.now() + timedelta(seconds=4)
    body = event("order.paid", "FP-3", items=[("S", "100.00")], paid_at=paid_at, click_id=lost)
    store(shop, body)

    [flag] = _flags("fast_pay")
    assert flag.promoter_id == kol.pk
    assert 3 <= flag.evidence["measured"]["seconds"] < 10


def test_a_merchant_sets_its_own_fast_pay_threshold_and_the_platform_its_default(
    shop, kol, settings
):
    shop.fraud_overrides = {"fast_pay_seconds": 2}
    shop.save()
    _clicked(shop, kol, "FP-4", after=timedelta(seconds=3))
    assert _flags("fast_pay") == []

    settings.ALLIANCE_FRAUD = {"fast_pay_seconds": 300}
    other = factories.MerchantFactory()
    factories.ProductFactory(merchant=other, sku="S")
    order = _clicked(other, kol, "FP-5", after=timedelta(minutes=2))
    [flag] = _flags("fast_pay")
    assert (flag.key, flag.evidence["threshold"]) == (
        f"fast_pay:order:{order.pk}",
        {"min_seconds": 300},
    )


# --- click_reuse ----------------------------------------------------------------------------


def test_more_orders_from_one_click_than_allowed_raise_one_flag_touching_them_all(shop, kol):
    paid_at = timezone.now() - timedelta(hours=1)
    click = factories.ClickFactory(link=_link(shop, kol), created_at=paid_at - timedelta(hours=1))
    orders = [
        _order(shop, f"CR-{n}", paid_at=paid_at + timedelta(minutes=n), click=click, customer_id="")
        for n in range(3)
    ]
    assert _flags("click_reuse") == []  # 3 orders: a cart split by warehouse

    orders.append(_order(shop, "CR-3", paid_at=paid_at, click=click, customer_id=""))

    [flag] = _flags("click_reuse")
    assert (flag.key, flag.severity) == (f"click_reuse:click:{click.token}", HIGH)
    assert flag.evidence["measured"] == {"orders": 4}
    assert flag.evidence["threshold"] == {"max_orders": 3}
    assert set(flag.orders.all()) == set(orders)
    assert Commission.objects.filter(order__in=orders, review_hold=True).count() == 4


def test_one_order_per_click_is_honest(shop, kol):
    for n in range(5):
        _clicked(shop, kol, f"OK-{n}", after=timedelta(minutes=3), customer_id=f"c{n}")

    assert Flag.objects.count() == 0


# --- customer_repeat ------------------------------------------------------------------------


def test_many_orders_of_one_customer_through_one_promoter_in_a_day_are_flagged(shop, kol):
    first = _clicked(shop, kol, "RP-0", after=timedelta(minutes=5), customer_id="brusher")
    # The customer is bound to the promoter now: its next orders come without a click.
    later = [
        _order(shop, f"RP-{n}", paid_at=first.paid_at + timedelta(hours=n), customer_id="brusher")
        for n in range(1, 6)
    ]

    [flag] = _flags("customer_repeat")
    assert (flag.severity, flag.promoter_id) == (HIGH, kol.pk)
    assert flag.evidence["measured"] == {"orders": 6}
    assert flag.evidence["threshold"] == {"max_orders": 5, "hours": 24}
    assert flag.evidence["customer"] == "bru**er"
    assert set(flag.orders.all()) == {first, *later}


def test_a_customer_who_buys_twice_is_not_flagged(shop, kol):
    first = _clicked(shop, kol, "TW-0", after=timedelta(minutes=5), customer_id="loyal")
    _order(shop, "TW-1", paid_at=first.paid_at + timedelta(hours=3), customer_id="loyal")

    assert Flag.objects.count() == 0


def test_a_merchant_may_allow_more_orders_per_customer(shop, kol):
    shop.fraud_overrides = {"customer_orders_max": 10}
    shop.save()
    first = _clicked(shop, kol, "RM-0", after=timedelta(minutes=5), customer_id="family")
    for n in range(1, 6):
        _order(shop, f"RM-{n}", paid_at=first.paid_at + timedelta(hours=n), customer_id="family")

    assert _flags("customer_repeat") == []


# --- shared_customer ------------------------------------------------------------------------


def test_one_customer_through_three_promoters_flags_each_the_first_low(shop):
    promoters = [factories.PromoterFactory() for _ in range(3)]
    orders = []
    for n, promoter in enumerate(promoters):
        paid_at = timezone.now() - timedelta(days=3 - n)
        click = factories.ClickFactory(
            link=_link(shop, promoter), created_at=paid_at - timedelta(minutes=5)
        )
        orders.append(_order(shop, f"SC-{n}", paid_at=paid_at, click=click, customer_id="ring"))

    flags = _flags("shared_customer")
    assert [(f.promoter_id, f.severity) for f in flags] == [
        (promoters[0].pk, LOW),
        (promoters[1].pk, HIGH),
        (promoters[2].pk, HIGH),
    ]
    assert [list(f.orders.all()) for f in flags] == [[order] for order in orders]
    assert flags[2].evidence["measured"] == {"promoters": 3}
    assert flags[2].evidence["threshold"] == {"min_promoters": 3, "days": 7}
    held = Commission.objects.filter(review_hold=True).values_list("order__order_id", flat=True)
    assert sorted(held) == ["SC-1", "SC-2"]


def test_a_customer_who_follows_two_promoters_is_not_flagged(shop):
    for n in range(2):
        _clicked(
            shop,
            factories.PromoterFactory(),
            f"TP-{n}",
            after=timedelta(minutes=5),
            customer_id="fan",
        )

    assert Flag.objects.count() == 0


# --- self_purchase ---------------------------------------------------------------------------


@pytest.fixture
def strict_shop(shop):
    shop.allow_self_purchase = False
    shop.save()
    return shop


def test_a_buyer_with_the_promoters_own_email_is_an_undeclared_self_purchase(strict_shop, kol):
    kol.user.email = "Kol@Example.com"
    kol.user.save()
    buyer = hashlib.sha256(b"kol@example.com").hexdigest()
    order = _clicked(strict_shop, kol, "SP-1", after=timedelta(minutes=5), buyer_contact_hash=buyer)

    [flag] = _flags("self_purchase")
    assert (flag.key, flag.severity) == (f"self_purchase:order:{order.pk}", HIGH)
    assert flag.evidence["measured"] == {"matches": ["contact_email"]}
    assert Commission.objects.get(order=order).review_hold is True


def test_a_buyer_phone_matching_the_promoters_alipay_account_is_a_self_purchase(strict_shop, kol):
    PayoutMethod.objects.create(
        promoter=kol, kind="alipay", account_name="Kol", account="13800138000"
    )
    buyer = hashlib.sha256(b"8613800138000").hexdigest()
    _clicked(strict_shop, kol, "SP-2", after=timedelta(minutes=5), buyer_contact_hash=buyer)

    [flag] = _flags("self_purchase")
    assert flag.evidence["measured"] == {"matches": ["contact_payout_account"]}


def test_a_click_from_a_network_the_promoter_signs_in_from_only_marks(strict_shop, kol):
    """A network is shared (a carrier's NAT, an office's Wi-Fi): alone it is a low flag."""
    paid_at = timezone.now() - timedelta(hours=1)
    click = factories.ClickFactory(
        link=_link(strict_shop, kol), created_at=paid_at - timedelta(minutes=5)
    )
    Sighting.objects.create(user=kol.user, ip_hash=click.ip_hash)
    _order(strict_shop, "SP-3", paid_at=paid_at, click=click)

    [flag] = _flags("self_purchase")
    assert flag.evidence["measured"] == {"matches": ["network"]}
    assert (flag.severity, flag.payout_hold) == ("low", None)


def test_a_device_of_the_promoters_declared_purchases_is_a_self_purchase(strict_shop, kol):
    factories.OwnCustomerFactory(promoter=kol, merchant=strict_shop, customer_id="me")
    declared = _clicked(
        strict_shop, kol, "SP-4", after=timedelta(minutes=5), customer_id="me", device_id="dev-1"
    )
    other = _clicked(
        strict_shop, kol, "SP-5", after=timedelta(minutes=5), customer_id="alt", device_id="dev-1"
    )

    # The declared one is void already (self_purchase) and not flagged again.
    assert Commission.objects.get(order=declared).invalid_reason == "self_purchase"
    [flag] = _flags("self_purchase")
    assert list(flag.orders.all()) == [other]
    assert flag.evidence["measured"] == {"matches": ["device"]}


def test_where_self_purchase_is_allowed_the_promoters_own_purchase_is_not_flagged(shop, kol):
    paid_at = timezone.now() - timedelta(hours=1)
    click = factories.ClickFactory(link=_link(shop, kol), created_at=paid_at - timedelta(minutes=5))
    Sighting.objects.create(user=kol.user, ip_hash=click.ip_hash)
    buyer = contact_hash(kol.user.email)
    _order(shop, "SP-6", paid_at=paid_at, click=click, buyer_contact_hash=buyer)

    assert Flag.objects.count() == 0
    shop.allow_self_purchase = False  # the same order, where it is forbidden
    shop.save()
    assert [f.rule for f in order_findings(list(shop.orders.values_list("pk", flat=True)))] == [
        "self_purchase"
    ]


def test_a_stranger_is_not_a_self_purchase(strict_shop, kol):
    stranger = hashlib.sha256(b"someone@example.org").hexdigest()
    Sighting.objects.create(user=kol.user, ip_hash="f" * 32)
    _clicked(strict_shop, kol, "SP-7", after=timedelta(minutes=5), buyer_contact_hash=stranger)

    assert Flag.objects.count() == 0


def test_contacts_are_normalised_as_stores_hash_them():
    assert contact_hash(" Kol@Example.COM ") == hashlib.sha256(b"kol@example.com").hexdigest()
    mobile = hashlib.sha256(b"8613800138000").hexdigest()
    assert contact_hash("138-0013-8000") == contact_hash("+86 138 0013 8000") == mobile
    assert contact_hash("") == contact_hash("n/a") == ""


# --- runs: idempotent, batched, incremental -------------------------------------------------


def test_running_the_rules_again_changes_nothing(shop, kol):
    order = _clicked(shop, kol, "ID-1", after=timedelta(seconds=1))
    [flag] = Flag.objects.all()
    before = (flag.updated_at, flag.evidence, list(flag.commissions.all()))

    orders_check([order.pk])
    orders_check([order.pk])

    [again] = Flag.objects.all()
    assert (again.updated_at, again.evidence, list(again.commissions.all())) == before


def _shape(strict_shop, promoter, n):
    """n suspicious orders, each tripping fast_pay, self_purchase and the customer rules."""
    Sighting.objects.create(user=promoter.user, ip_hash="a" * 32)
    ids = []
    for i in range(n):
        paid_at = timezone.now() - timedelta(hours=1, minutes=i)
        click = factories.ClickFactory(
            link=_link(strict_shop, promoter),
            created_at=paid_at - timedelta(seconds=2),
            ip_hash="a" * 32,
        )
        ids.append(
            _order(
                strict_shop, f"Q-{n}-{i}", paid_at=paid_at, click=click, customer_id=f"same-{n}"
            ).pk
        )
    return ids


def test_the_rules_read_twenty_orders_in_as_many_queries_as_one(strict_shop):
    one = _shape(strict_shop, factories.PromoterFactory(), 1)
    twenty = _shape(strict_shop, factories.PromoterFactory(), 20)

    with CaptureQueriesContext(connection) as for_one:
        found_one = list(order_findings(one))
    with CaptureQueriesContext(connection) as for_twenty:
        found_twenty = list(order_findings(twenty))

    assert {f.rule for f in found_twenty} == {
        "fast_pay",
        "self_purchase",
        "customer_repeat",
    }
    assert len(found_one) == 2  # fast_pay and self_purchase
    assert len(for_twenty) == len(for_one)


def _stored_unapplied(shop, bodies):
    for n, body in enumerate(bodies):
        schema = event_validate(merchant=shop, data=body)
        assert not schema.errors
        event_store(merchant=shop, webhook_id=f"batch-{n}", data=schema.validated_data)


def test_one_applied_batch_publishes_one_check_with_its_attributed_orders(
    shop, kol, django_capture_on_commit_callbacks
):
    paid_at = timezone.now() - timedelta(hours=1)
    link = _link(shop, kol)
    bodies = [
        event(
            "order.paid",
            f"B-{n}",
            items=[("S", "10.00")],
            paid_at=paid_at,
            click_id=factories.ClickFactory(
                link=link, created_at=paid_at - timedelta(hours=1)
            ).token,
            customer_id=f"b{n}",
        )
        for n in range(3)
    ] + [event("order.paid", "B-none", items=[("S", "10.00")], paid_at=paid_at)]
    with django_capture_on_commit_callbacks(execute=False):
        _stored_unapplied(shop, bodies)

    with (
        mock.patch.object(tasks.check_orders, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert order_events_apply_pending(batch_size=100) == 4

    expected = sorted(shop.orders.exclude(order_id="B-none").values_list("pk", flat=True))
    delay.assert_called_once_with(expected)


def test_a_broker_that_is_down_does_not_fail_the_apply(
    shop, kol, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        paid_at = timezone.now() - timedelta(hours=1)
        click = factories.ClickFactory(link=_link(shop, kol), created_at=paid_at)
        _stored_unapplied(
            shop,
            [
                event(
                    "order.paid",
                    "DOWN",
                    items=[("S", "10.00")],
                    paid_at=paid_at,
                    click_id=click.token,
                )
            ],
        )

    with (
        mock.patch.object(tasks.check_orders, "delay", side_effect=OSError("broker down")),
        caplog.at_level(logging.WARNING, logger="alliance.queue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert order_events_apply_pending(batch_size=100) == 1

    assert OrderEvent.objects.get(order_id="DOWN").status == "applied"
    assert "Could not enqueue fraud.tasks.check_orders" in caplog.text
    assert Flag.objects.count() == 0  # the sweep will read it


def test_the_sweep_reads_the_orders_the_incremental_check_missed(shop, kol):
    with mock.patch.object(tasks.check_orders, "delay", side_effect=OSError("broker down")):
        order = _clicked(shop, kol, "SW-1", after=timedelta(seconds=1))
    assert Flag.objects.count() == 0

    tasks.sweep_orders()

    assert Flag.objects.get().key == f"fast_pay:order:{order.pk}"
