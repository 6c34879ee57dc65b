"""Edge cases: refunds taken back, dropped lines, the webhook's time rules, Redis being down,
poison events that are only slow, and sending failed events back."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone

from commissions import tasks
from commissions.models import Commission, Order, OrderEvent
from commissions.services import inbox
from commissions.services.events import event_store, event_validate
from commissions.services.inbox import order_events_apply_pending, order_events_retry

from .. import factories
from .orders import event, store

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
D = Decimal


@pytest.fixture
def shop():
    merchant = factories.MerchantFactory()
    for sku in ("X", "Y"):
        factories.ProductFactory(merchant=merchant, sku=sku, commission_rate=D("20.00"))
    return merchant


@pytest.fixture
def click(shop):
    link = factories.LinkFactory(product=shop.products.get(sku="X"))
    return factories.ClickFactory(link=link, created_at=timezone.now() - timedelta(days=3))


def _events(paid_at, click, stories):
    return [
        event(
            type_,
            "E-1",
            items=items,
            paid_at=paid_at,
            occurred_at=paid_at + timedelta(hours=h),
            click_id=click.pk,
        )
        for h, (type_, items) in enumerate(stories)
    ]


def _state():
    order = Order.objects.get(order_id="E-1")
    return (
        order.status,
        sorted((i.sku, i.amount, i.refunded_amount) for i in order.items.all()),
        sorted((c.order_item.sku, c.status, c.commission) for c in order.commissions.all()),
    )


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 0, 2), (0, 2, 1)])
def test_a_refund_taken_back_earns_again_in_any_order(shop, click, order):
    paid_at = timezone.now() - timedelta(days=2)
    bodies = _events(
        paid_at,
        click,
        [
            ("order.paid", [("X", "100.00")]),
            ("order.refunded", [("X", "100.00", "100.00")]),
            ("order.paid", [("X", "100.00", "0.00")]),
        ],
    )

    for index in order:
        store(shop, bodies[index], webhook_id=f"w{index}")

    assert _state() == ("paid", [("X", D("100.00"), D("0.00"))], [("X", "pending", D("20.00"))])
    assert not OrderEvent.objects.filter(status="failed").exists()


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_dropped_line_leaves_the_same_lines_in_any_order(shop, click, order):
    paid_at = timezone.now() - timedelta(days=2)
    bodies = _events(
        paid_at,
        click,
        [
            ("order.paid", [("X", "100.00"), ("Y", "50.00")]),
            ("order.paid", [("X", "100.00")]),
        ],
    )

    for index in order:
        store(shop, bodies[index], webhook_id=f"w{index}")

    assert _state() == (
        "paid",
        [("X", D("100.00"), D("0.00")), ("Y", D("0.00"), D("0.00"))],
        [("X", "pending", D("20.00")), ("Y", "reversed", D("0.00"))],
    )


def _errors(shop, **changes):
    paid_at = timezone.now() - timedelta(days=1)
    body = {**event("order.paid", "V-1", items=[("X", "10.00")], paid_at=paid_at), **changes}
    return event_validate(merchant=shop, data=body).errors


def test_times_need_their_offset(shop):
    assert "paid_at" in _errors(shop, paid_at="2026-11-20T10:00:00")
    assert "occurred_at" in _errors(shop, occurred_at="2026-11-20T10:00:00")


def test_times_must_be_plausible(shop):
    far = (timezone.now() + timedelta(days=400)).isoformat()
    assert "occurred_at" in _errors(shop, occurred_at=far)
    assert "paid_at" in _errors(shop, paid_at="0001-01-01T00:00:00+00:00")
    before_paid = (timezone.now() - timedelta(days=30)).isoformat()
    assert "completed_at" in _errors(shop, completed_at=before_paid)


def test_an_order_total_beyond_the_largest_amount_is_refused(shop):
    lines = [{"sku": sku, "quantity": 1, "amount": "999999999999.99"} for sku in ("X", "Y")]
    assert "items" in _errors(shop, items=lines)


def test_redis_down_still_answers_202_and_the_sweeper_catches_up(shop, settings):
    body = event("order.paid", "RD-1", items=[("X", "10.00")], paid_at=timezone.now())
    schema = event_validate(merchant=shop, data=body)
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    tasks._flags = None
    try:
        with mock.patch.object(tasks.apply_order_events, "delay") as delay:
            stored, created = event_store(
                merchant=shop, webhook_id="rd", data=schema.validated_data
            )
            tasks.apply_order_events_soon()
        assert created and stored.status == "pending"
        delay.assert_not_called()
    finally:
        tasks._flags = None


def test_running_out_of_time_is_not_the_events_fault(shop):
    body = event("order.paid", "SL-1", items=[("X", "10.00")], paid_at=timezone.now())
    schema = event_validate(merchant=shop, data=body)
    event_store(merchant=shop, webhook_id="sl", data=schema.validated_data)

    with (
        mock.patch.object(inbox, "order_events_apply", side_effect=SoftTimeLimitExceeded()),
        pytest.raises(SoftTimeLimitExceeded),
    ):
        order_events_apply_pending(batch_size=10)

    assert OrderEvent.objects.get().status == "pending"


def test_failed_events_can_be_sent_back(shop):
    body = event("order.paid", "F-1", items=[("X", "10.00")], paid_at=timezone.now())
    schema = event_validate(merchant=shop, data=body)
    stored, _created = event_store(merchant=shop, webhook_id="f1", data=schema.validated_data)
    with mock.patch.object(inbox, "order_events_apply", side_effect=ValueError("bad data")):
        order_events_apply_pending(batch_size=10)
    stored.refresh_from_db()
    assert (stored.status, stored.error) == ("failed", "ValueError: bad data")

    assert order_events_retry(event_ids=[stored.pk]) == 1
    assert order_events_apply_pending(batch_size=10) == 1

    stored.refresh_from_db()
    assert (stored.status, stored.error) == ("applied", "")
    assert Commission.objects.count() == 0  # unattributed: no click
    assert Order.objects.filter(order_id="F-1").exists()
