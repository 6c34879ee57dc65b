"""An order's state as its events describe it: the snapshot each event carries, the status it
derives, and the totals of its lines (commissions.services.apply applies them)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..models import Order, OrderEvent
from .events import TYPE_RANK

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    quantity: int
    amount: Decimal
    refunded_amount: Decimal


@dataclass(frozen=True)
class Snapshot:
    key: tuple[datetime, int, str]
    type: str
    paid_at: datetime
    completed_at: datetime | None
    click_id: str
    coupon_code: str
    customer_id: str
    lines: dict[str, Line]
    buyer_contact_hash: str = ""
    buyer_device: str = ""

    @classmethod
    def of(cls, event: OrderEvent) -> "Snapshot":
        payload = event.payload
        completed_at = payload.get("completed_at")
        return cls(
            key=(event.occurred_at, TYPE_RANK[event.type], event.webhook_id),
            type=event.type,
            paid_at=datetime.fromisoformat(payload["paid_at"]),
            completed_at=datetime.fromisoformat(completed_at) if completed_at else None,
            click_id=payload.get("click_id") or "",
            coupon_code=payload.get("coupon_code") or "",
            customer_id=payload.get("customer_id") or "",
            buyer_contact_hash=payload.get("buyer_contact_hash") or "",
            buyer_device=payload.get("device_id") or "",
            lines={
                item["sku"]: Line(
                    int(item["quantity"]),
                    Decimal(item["amount"]),
                    Decimal(item["refunded_amount"]),
                )
                for item in payload["items"]
            },
        )


NO_LINE = Line(0, ZERO, ZERO)


def order_key(order: Order) -> tuple[datetime, int, str]:
    return (order.snapshot_occurred_at, order.snapshot_rank, order.snapshot_webhook_id)


def derive_status(*, is_cancelled: bool, completed_at, items: list) -> str:
    """Cancelled is terminal; refunded when every line is refunded in full; then completed
    once any event said so; paid otherwise."""
    if is_cancelled:
        return Order.Status.CANCELLED
    if any(i.amount > ZERO for i in items) and all(i.refunded_amount == i.amount for i in items):
        return Order.Status.REFUNDED
    if completed_at is not None:
        return Order.Status.COMPLETED
    return Order.Status.PAID


ORDER_STATE_FIELDS = [
    "status",
    "completed_at",
    "amount",
    "refunded_amount",
    "snapshot_occurred_at",
    "snapshot_rank",
    "snapshot_webhook_id",
]


def order_state_of(order: Order) -> tuple:
    return tuple(getattr(order, name) for name in ORDER_STATE_FIELDS)


def order_total(order: Order, lines: list) -> None:
    """Set the order's status and totals from its lines (OrderItem rows or snapshot Lines)."""
    order.status = derive_status(
        is_cancelled=order.status == Order.Status.CANCELLED,
        completed_at=order.completed_at,
        items=lines,
    )
    order.amount = sum((line.amount for line in lines), ZERO)
    order.refunded_amount = sum((line.refunded_amount for line in lines), ZERO)
