"""Building and applying order events in tests: `store(merchant, paid(...))` puts an event in the
inbox the way the webhook does (tasks run in-process, so it is applied at once)."""

import itertools
from datetime import datetime, timedelta
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from commissions.models import OrderEvent
from commissions.services.events import event_store, event_validate

_ids = itertools.count(1)


def event(
    type_: str,
    order_id: str,
    *,
    items: list[tuple[str, str] | tuple[str, str, str]],
    paid_at: datetime,
    occurred_at: datetime | None = None,
    completed_at: datetime | None = None,
    click_id=None,
    coupon_code=None,
    customer_id="buyer-1",
) -> dict:
    """An event body as a store sends it. Items are (sku, amount[, refunded_amount])."""
    return {
        "type": type_,
        "order_id": order_id,
        "occurred_at": (occurred_at or paid_at).isoformat(),
        "paid_at": paid_at.isoformat(),
        "completed_at": completed_at.isoformat() if completed_at else None,
        "click_id": str(click_id) if click_id else None,
        "coupon_code": coupon_code,
        "customer_id": customer_id,
        "items": [
            {
                "sku": sku,
                "quantity": 1,
                "amount": rest[0],
                "refunded_amount": rest[1] if len(rest) > 1 else "0.00",
            }
            for sku, *rest in items
        ],
    }


def store(merchant, body: dict, webhook_id: str | None = None) -> OrderEvent:
    schema = event_validate(merchant=merchant, data=body)
    assert not schema.errors, schema.errors
    # The test's transaction never commits: run what would run after commit (the apply task).
    with TestCase.captureOnCommitCallbacks(execute=True):
        stored, _created = event_store(
            merchant=merchant,
            webhook_id=webhook_id or f"msg_{next(_ids)}",
            data=schema.validated_data,
        )
    stored.refresh_from_db()
    return stored


def lifecycle(order_id: str, sku: str, amount: str, *, click_id=None, paid_at=None, **extra):
    """paid, completed a day later: the two events of an ordinary sale."""
    paid_at = paid_at or timezone.now() - timedelta(days=10)
    completed_at = paid_at + timedelta(days=1)
    common = {"paid_at": paid_at, "click_id": click_id, **extra}
    return [
        event("order.paid", order_id, items=[(sku, amount)], **common),
        event(
            "order.completed",
            order_id,
            items=[(sku, amount)],
            occurred_at=completed_at,
            completed_at=completed_at,
            **common,
        ),
    ]


D = Decimal
