"""Who brought an order: decided once, when the order is first seen (docs/orders.md).

Precedence: a click on this merchant's link within the attribution window before paid_at; an
exclusive coupon valid at paid_at; a customer bound to a promoter at paid_at; otherwise nobody."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from products.models import Coupon, Merchant
from promoters.models import Click, OwnCustomer

from ..models import CustomerBinding, Order


@dataclass(frozen=True)
class Attribution:
    kind: str = Order.Attribution.NONE
    promoter_id: int | None = None
    link_id: int | None = None
    channel_id: int | None = None


@dataclass
class BindingBook:
    """Customer bindings made earlier in the same batch, not yet in the database."""

    pending: list[CustomerBinding] = field(default_factory=list)

    def bound_promoter(self, *, merchant_id: int, customer_id: str, moment: datetime):
        candidates = [
            b
            for b in self.pending
            if b.merchant_id == merchant_id
            and b.customer_id == customer_id
            and b.starts_at <= moment < b.ends_at
        ]
        stored = (
            CustomerBinding.objects.filter(
                merchant_id=merchant_id,
                customer_id=customer_id,
                starts_at__lte=moment,
                ends_at__gt=moment,
            )
            .order_by("-starts_at", "-pk")
            .first()
        )
        if stored is not None:
            candidates.append(stored)
        if not candidates:
            return None
        return max(candidates, key=lambda b: b.starts_at).promoter_id


def _click(merchant: Merchant, click_id: str, paid_at: datetime):
    try:
        key = uuid.UUID(click_id)
    except ValueError:
        return None
    window_start = paid_at - timedelta(days=merchant.attribution_window_days)
    return (
        Click.objects.filter(
            pk=key,
            link__merchant=merchant,
            created_at__lte=paid_at,
            created_at__gte=window_start,
        )
        .select_related("link")
        .first()
    )


def attribution_decide(
    *,
    merchant: Merchant,
    paid_at: datetime,
    click_id: str,
    coupon_code: str,
    customer_id: str,
    bindings: BindingBook,
) -> Attribution:
    if click_id:
        click = _click(merchant, click_id, paid_at)
        if click is not None:
            link = click.link
            return Attribution(Order.Attribution.CLICK, link.promoter_id, link.pk, link.channel_id)
    if coupon_code:
        coupon = Coupon.objects.filter(
            merchant=merchant, code=coupon_code, exclusive_promoter__isnull=False
        ).first()
        if coupon is not None and coupon.is_valid_at(paid_at):
            return Attribution(Order.Attribution.COUPON, coupon.exclusive_promoter_id)
    if customer_id:
        promoter_id = bindings.bound_promoter(
            merchant_id=merchant.pk, customer_id=customer_id, moment=paid_at
        )
        if promoter_id is not None:
            return Attribution(Order.Attribution.CUSTOMER, promoter_id)
    return Attribution()


def is_self_purchase(*, merchant: Merchant, promoter_id: int, customer_id: str) -> bool:
    """Only where the merchant forbids it: the customer is one the promoter declared its own."""
    if merchant.allow_self_purchase or not customer_id:
        return False
    return OwnCustomer.objects.filter(
        promoter_id=promoter_id, merchant=merchant, customer_id=customer_id
    ).exists()


def binding_for(order: Order) -> CustomerBinding | None:
    """The binding an attributed order makes: its customer to its promoter, from paid_at."""
    if order.promoter_id is None or not order.customer_id:
        return None
    return CustomerBinding(
        merchant_id=order.merchant_id,
        customer_id=order.customer_id,
        promoter_id=order.promoter_id,
        order=order,
        starts_at=order.paid_at,
        ends_at=order.paid_at + timedelta(days=order.merchant.customer_binding_days),
    )
