"""Two workers applying the same inbox at once, on real PostgreSQL connections: events of one
order land in both workers' batches, yet every order ends as if applied by one worker."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from commissions.models import Commission, Order, OrderEvent
from commissions.services.events import event_store, event_validate
from commissions.services.inbox import order_events_apply_pending

from .. import factories
from .orders import event

pytestmark = pytest.mark.django_db(transaction=True)
ORDERS = 40


def test_two_workers_racing_over_the_same_orders_converge():
    shop = factories.MerchantFactory()
    factories.ProductFactory(merchant=shop, sku="R-1", commission_rate=Decimal("20.00"))
    link = factories.LinkFactory(product=shop.products.get())
    paid_at = timezone.now() - timedelta(days=5)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    completed_at = paid_at + timedelta(days=1)
    with transaction.atomic():
        # Interleaved so that each order's three events are spread over many batches.
        for stage in range(3):
            for n in range(ORDERS):
                body = [
                    event(
                        "order.paid",
                        f"R{n}",
                        items=[("R-1", "100.00")],
                        paid_at=paid_at,
                        click_id=click.pk,
                    ),
                    event(
                        "order.completed",
                        f"R{n}",
                        items=[("R-1", "100.00")],
                        paid_at=paid_at,
                        occurred_at=completed_at,
                        completed_at=completed_at,
                        click_id=click.pk,
                    ),
                    event(
                        "order.refunded",
                        f"R{n}",
                        items=[("R-1", "100.00", "40.00")],
                        paid_at=paid_at,
                        occurred_at=completed_at + timedelta(hours=1),
                        completed_at=completed_at,
                        click_id=click.pk,
                    ),
                ][(stage + n) % 3]
                schema = event_validate(merchant=shop, data=body)
                event_store(merchant=shop, webhook_id=f"R{n}-{stage}", data=schema.validated_data)
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait()
            while order_events_apply_pending(batch_size=7):
                pass
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert OrderEvent.objects.filter(status="applied").count() == 3 * ORDERS
    assert Order.objects.count() == ORDERS
    assert set(Order.objects.values_list("status", "amount", "refunded_amount")) == {
        ("completed", Decimal("100.00"), Decimal("40.00"))
    }
    assert Commission.objects.count() == ORDERS
    assert set(Commission.objects.values_list("status", "commission", "promoter_amount")) == {
        ("confirmed", Decimal("12.00"), Decimal("10.80"))
    }
