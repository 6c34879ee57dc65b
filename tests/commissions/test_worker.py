"""Order events through a real Celery worker consuming from Redis: a worker killed with SIGKILL
mid-batch loses nothing and applies nothing twice, and an event whose publish was lost is
applied once the sweeper runs."""

import json
import os
import signal
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone
from standardwebhooks import Webhook

from commissions import tasks
from commissions.models import Commission, CommissionStatusChange, Order, OrderEvent
from commissions.services.events import event_store, event_validate
from ledger.checks import ledger_check
from products.services import merchant_webhook_secret_rotate

from .. import factories
from ..celery_worker import celery_worker, start_worker  # noqa: F401 (a fixture)
from ..conftest import client_for
from .orders import event

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

POLL_SECONDS = 120
BATCH = 1500


def _store_paid_orders(count: int):
    merchant = factories.MerchantFactory()
    product = factories.ProductFactory(merchant=merchant, sku="K-1", commission_rate=Decimal("20"))
    link = factories.LinkFactory(product=product)
    paid_at = timezone.now() - timedelta(hours=1)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(minutes=5))
    schema = event_validate(
        merchant=merchant,
        data=event(
            "order.paid", "template", items=[("K-1", "99.00")], paid_at=paid_at, click_id=click.pk
        ),
    )
    assert not schema.errors
    with transaction.atomic():
        for n in range(count):
            event_store(
                merchant=merchant,
                webhook_id=f"kill-{n}",
                data={**schema.validated_data, "order_id": f"K-{n:05d}"},
            )
    return merchant, link


def _pending_unlocked() -> int:
    """Pending events no worker holds a lock on right now."""
    with transaction.atomic():
        return len(
            OrderEvent.objects.filter(status=OrderEvent.Status.PENDING)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )


def _wait_until(condition, seconds=POLL_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _blocked_on_orders() -> int:
    """Sessions waiting for a lock on the orders table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks "
            "WHERE relation = 'commissions_order'::regclass AND NOT granted"
        )
        return cursor.fetchone()[0]


def test_a_worker_killed_mid_batch_loses_nothing_and_applies_nothing_twice(
    tasks_on_the_broker, settings
):
    _merchant, link = _store_paid_orders(BATCH)
    # A second session holds the orders table against inserts, so the worker, once it has
    # locked the batch, waits inside its transaction until it is killed. Without it the kill
    # raced the worker's commit: "fewer pending events unlocked" was also true once the batch
    # had been applied, and a slow poll under load killed a worker that had already committed.
    blocker = connections.create_connection("default")
    blocker.set_autocommit(False)
    with blocker.cursor() as cursor:
        cursor.execute("LOCK TABLE commissions_order IN SHARE MODE")
    worker = start_worker(ALLIANCE_ORDER_EVENT_BATCH=str(BATCH))
    try:
        # The worker holds the events' row locks and waits to write the first order.
        assert _wait_until(lambda: _blocked_on_orders() == 1, seconds=60), worker.output
        assert _pending_unlocked() == 0
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.wait(timeout=10)
    finally:
        worker.stop()
        blocker.rollback()
        blocker.close()

    # Its transaction died with it: nothing of the batch was applied, nothing is half-written.
    # (Its server session ends when it next talks to the dead client, right after the lock.)
    assert _wait_until(lambda: _pending_unlocked() == BATCH, seconds=30)
    assert OrderEvent.objects.filter(status=OrderEvent.Status.APPLIED).count() == 0
    assert Order.objects.count() == 0

    # The task's message is unacknowledged in Redis until the visibility timeout; the sweeper
    # does not wait that long: it sees stale pending events and queues the task again.
    settings.ALLIANCE_ORDER_EVENT_SWEEP_SECONDS = 0
    second = start_worker(ALLIANCE_ORDER_EVENT_BATCH="500")
    try:
        assert tasks.sweep_order_events() == BATCH
        assert _wait_until(
            lambda: not OrderEvent.objects.filter(status=OrderEvent.Status.PENDING).exists()
        ), second.output
    finally:
        second.stop()

    assert OrderEvent.objects.filter(status=OrderEvent.Status.APPLIED).count() == BATCH
    assert Order.objects.count() == BATCH
    commissions = Commission.objects.filter(promoter=link.promoter)
    assert commissions.count() == BATCH
    assert set(commissions.values_list("status", "promoter_amount").distinct()) == {
        ("pending", Decimal("17.82"))
    }
    # One status change per commission: applied exactly once.
    assert CommissionStatusChange.objects.count() == BATCH
    assert ledger_check().is_clean


def test_an_event_whose_publish_was_lost_is_applied_after_the_sweep(tasks_on_the_broker, settings):
    worker = start_worker()
    try:
        with mock.patch.object(
            tasks.apply_order_events, "delay", side_effect=ConnectionError("broker down")
        ):
            _merchant, _link = _store_paid_orders(3)
        # Stored, acknowledged, but no task was published: the worker has nothing to do.
        time.sleep(1)
        assert OrderEvent.objects.filter(status=OrderEvent.Status.PENDING).count() == 3

        settings.ALLIANCE_ORDER_EVENT_SWEEP_SECONDS = 0
        assert tasks.sweep_order_events() == 3

        assert _wait_until(
            lambda: OrderEvent.objects.filter(status=OrderEvent.Status.APPLIED).count() == 3
        ), worker.output
    finally:
        worker.stop()
    assert Order.objects.count() == 3
    assert "commissions.tasks.apply_order_events" in worker.output


def test_a_signed_webhook_is_applied_by_the_real_worker(tasks_on_the_broker, celery_worker):  # noqa: F811
    merchant = factories.MerchantFactory()
    owner = factories.MerchantMemberFactory(merchant=merchant).user
    secret = merchant_webhook_secret_rotate(merchant=merchant, actor=owner)
    factories.ProductFactory(merchant=merchant, sku="RW-1")
    body = json.dumps(
        event(
            "order.paid",
            "RW-ORDER",
            items=[("RW-1", "10.00")],
            paid_at=timezone.now() - timedelta(minutes=1),
        )
    )
    now = datetime.now(tz=UTC)

    response = client_for(owner).post(
        f"/api/v1/webhooks/merchants/{merchant.pk}/order-events/",
        body,
        content_type="application/json",
        HTTP_WEBHOOK_ID="msg_rw",
        HTTP_WEBHOOK_TIMESTAMP=str(int(now.timestamp())),
        HTTP_WEBHOOK_SIGNATURE=Webhook(secret).sign("msg_rw", now, body),
    )

    assert response.status_code == 202, response.content
    assert _wait_until(lambda: Order.objects.filter(order_id="RW-ORDER").exists(), 60), (
        celery_worker.output
    )
    assert OrderEvent.objects.get(webhook_id="msg_rw").status == OrderEvent.Status.APPLIED
