"""Flags to review in tests: real orders and commissions from real order events, and a flag
raised on them by flag_raise, as a rule would."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from fraud.models import Flag, Rule
from fraud.services.flags import Finding, flag_raise

from .. import factories
from ..commissions.orders import lifecycle, store

D = Decimal


def sale(shop, promoter, order_id: str, amount: str = "100.00", *, clicks: int = 1):
    """A completed order of `amount` through one of the promoter's links (10% commission),
    after `clicks` clicks on that link. Answers the order and its clicks."""
    product = shop.products.filter(sku="S").first() or factories.ProductFactory(
        merchant=shop, sku="S", commission_rate=D("10.00")
    )
    link = factories.LinkFactory(promoter=promoter, product=product)
    paid_at = timezone.now() - timedelta(days=20)
    made = [
        factories.ClickFactory(link=link, created_at=paid_at - timedelta(minutes=60 - n))
        for n in range(clicks)
    ]
    for body in lifecycle(order_id, "S", amount, click_id=made[-1].pk, paid_at=paid_at):
        store(shop, body)
    return shop.orders.get(order_id=order_id), made


def flag_on(order, *, severity=Flag.Severity.HIGH, rule=Rule.FAST_PAY, clicks=(), **extra):
    """The flag a rule raises on this order, measured against its threshold."""
    return flag_raise(
        Finding(
            rule=rule,
            severity=severity,
            key=f"{rule}:order:{order.pk}",
            promoter_id=order.promoter_id,
            merchant_id=order.merchant_id,
            summary=f"Order {order.order_id} paid 2 s after the click (at least 10 s)",
            evidence={
                "measured": {"seconds": 2},
                "threshold": {"min_seconds": 10},
                "clicks": [str(c.pk) for c in clicks],
            },
            order_ids=[order.pk],
            **extra,
        )
    )
