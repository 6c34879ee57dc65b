"""Promoters' histories for the account rules' tests, written in bulk: clicks, orders and
settled or refunded commissions, as the redirect and the order pipeline would have left them."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from commissions.models import Commission, Order, OrderItem
from payouts.models import PayoutMethod
from promoters.models import Click

from .. import factories

_numbers = itertools.count(1)
D = Decimal
Status = Commission.Status


def link_at(shop, *, category=None, promoter=None):
    """A new promoter's (or `promoter`'s) link to a new product of `shop`."""
    product = factories.ProductFactory(merchant=shop, category=category)
    if promoter is None:
        return factories.LinkFactory(product=product)
    return factories.LinkFactory(product=product, promoter=promoter)


def clicks(link, count: int, *, days_ago: float = 5, unique: bool = True) -> None:
    moment = timezone.now() - timedelta(days=days_ago)
    Click.objects.bulk_create(
        Click(
            link=link,
            created_at=moment - timedelta(seconds=i),
            ip_hash=f"{next(_numbers):032x}",
            is_unique=unique,
        )
        for i in range(count)
    )


def orders(
    link,
    count: int,
    *,
    refunded: int = 0,
    amounts: list[str] | None = None,
    days_ago: float = 5,
    attribution: str = Order.Attribution.CLICK,
) -> list[Order]:
    """`count` orders through `link`, the first `refunded` of them refunded; amounts cycle
    through `amounts` (100.00 each by default)."""
    paid_at = timezone.now() - timedelta(days=days_ago)
    cycle = itertools.cycle(amounts or ["100.00"])
    rows = []
    for i in range(count):
        number = next(_numbers)
        rows.append(
            Order(
                merchant_id=link.merchant_id,
                order_id=f"H-{number}",
                status=Order.Status.REFUNDED if i < refunded else Order.Status.COMPLETED,
                paid_at=paid_at - timedelta(seconds=i),
                amount=D(next(cycle)),
                snapshot_occurred_at=paid_at,
                snapshot_rank=1,
                snapshot_webhook_id=f"msg_h_{number}",
                attribution=attribution,
                promoter_id=link.promoter_id,
                link=link,
                channel_id=link.channel_id,
                customer_id=f"buyer-{number}",
            )
        )
    return Order.objects.bulk_create(rows)


def commissions(
    link,
    count: int,
    *,
    status: str = Status.SETTLED,
    refunded_after_settlement: int = 0,
    settled_days_ago: float = 10,
) -> list[Commission]:
    """`count` commissions of 10.00 on orders of 100.00 through `link`; the first
    `refunded_after_settlement` were settled, then their orders were refunded in full."""
    settled_at = timezone.now() - timedelta(days=settled_days_ago)
    made = orders(link, count, refunded=refunded_after_settlement, days_ago=settled_days_ago + 10)
    items = OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            sku=link.product.sku,
            product_id=link.product_id,
            quantity=1,
            amount=D("100.00"),
            refunded_amount=D("100.00") if i < refunded_after_settlement else D("0.00"),
        )
        for i, order in enumerate(made)
    )
    rows = []
    for i, (order, item) in enumerate(zip(made, items, strict=True)):
        refunded = i < refunded_after_settlement
        earns = D("0.00") if refunded else D("10.00")
        rows.append(
            Commission(
                order=order,
                order_item=item,
                merchant_id=link.merchant_id,
                promoter_id=link.promoter_id,
                link=link,
                product_id=link.product_id,
                rate=D("10.00"),
                platform_fee_rate=D("10.00"),
                base_amount=D("0.00") if refunded else D("100.00"),
                commission=earns,
                platform_fee=earns / 10,
                promoter_amount=earns - earns / 10,
                status=Status.REVERSED if refunded else status,
                invalid_reason=Commission.InvalidReason.REFUNDED if refunded else "",
                paid_at=order.paid_at,
                settled_at=settled_at
                if refunded or status in (Status.SETTLED, Status.PAID)
                else None,
            )
        )
    return Commission.objects.bulk_create(rows)


def payout_method(promoter, account: str, *, kind: str = "alipay") -> PayoutMethod:
    return PayoutMethod.objects.create(
        promoter=promoter,
        kind=kind,
        account_name="张三",
        account=account,
        bank_name="ICBC" if kind == "bank" else "",
    )
