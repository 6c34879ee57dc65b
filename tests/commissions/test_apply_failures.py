"""What the apply task does when things go wrong: a poison event is set aside with its error and
the rest of its batch is applied; only an unreachable database is retried."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from commissions import tasks
from commissions.models import Order, OrderEvent
from commissions.services.events import event_store, event_validate
from commissions.services.inbox import order_events_apply_pending

from .. import factories
from .orders import event

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def shop():
    merchant = factories.MerchantFactory()
    factories.ProductFactory(merchant=merchant, sku="F-1")
    return merchant


def _stored(shop, order_id):
    body = event("order.paid", order_id, items=[("F-1", "10.00")], paid_at=timezone.now())
    schema = event_validate(merchant=shop, data=body)
    stored, _created = event_store(merchant=shop, webhook_id=order_id, data=schema.validated_data)
    return stored


def test_a_poison_event_is_marked_failed_and_the_rest_of_the_batch_applies(shop):
    good = [_stored(shop, f"G-{n}") for n in range(3)]
    poison = _stored(shop, "POISON")
    # A row that passed validation once but cannot be applied (say, written by an older release).
    OrderEvent.objects.filter(pk=poison.pk).update(payload={"paid_at": "yesterday", "items": []})

    taken = order_events_apply_pending(batch_size=10)

    poison.refresh_from_db()
    assert taken == 4
    assert poison.status == "failed" and "ValueError" in poison.error
    assert set(
        OrderEvent.objects.filter(pk__in=[e.pk for e in good]).values_list("status", flat=True)
    ) == {"applied"}
    assert sorted(Order.objects.values_list("order_id", flat=True)) == ["G-0", "G-1", "G-2"]


def test_an_unreachable_database_rolls_the_batch_back_for_a_retry(shop):
    _stored(shop, "R-1")

    with (
        mock.patch(
            "commissions.services.inbox.order_events_apply",
            side_effect=OperationalError("server closed the connection"),
        ),
        pytest.raises(OperationalError),
    ):
        order_events_apply_pending(batch_size=10)

    assert OrderEvent.objects.get().status == "pending"
    assert order_events_apply_pending(batch_size=10) == 1
    assert OrderEvent.objects.get().status == "applied"


def test_retries_are_for_database_errors_only_and_end_before_redelivery():
    task = tasks.apply_order_events
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert set(task.autoretry_for) == {OperationalError, InterfaceError}
    assert task.acks_late and task.reject_on_worker_lost
    assert task.retry_backoff_max < visibility
    assert task.time_limit < visibility


def test_the_sweeper_ignores_fresh_events(shop, settings):
    settings.ALLIANCE_ORDER_EVENT_SWEEP_SECONDS = 60
    stored = _stored(shop, "S-1")

    assert tasks.sweep_order_events() == 0
    OrderEvent.objects.filter(pk=stored.pk).update(
        received_at=timezone.now() - timedelta(minutes=2)
    )
    assert tasks.sweep_order_events() == 1
    assert OrderEvent.objects.get().status == "applied"
