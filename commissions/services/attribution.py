"""Who brought an order: decided once, when the order is first seen (docs/orders.md).

Precedence: a click on this merchant's link within the attribution window before paid_at; an
exclusive coupon valid at paid_at; a customer bound to a promoter at paid_at; otherwise nobody."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q

from products.models import Coupon, Merchant
from promoters.models import Click, OwnCustomer

from ..models import CustomerBinding, Order


@dataclass(frozen=True)
class Attribution:
    kind: str = Order.Attribution.NONE
    promoter_id: int | None = None
    link_id: int | None = None
    channel_id: int | None = None


class AttributionBook:
    """What attribution needs for a batch of new orders, loaded in two queries: the clicks their
    events name and the customer bindings of their customers. Bindings made earlier in the same
    batch (not yet stored) are kept in `pending` and count too."""

    def __init__(self) -> None:
        self.clicks: dict[uuid.UUID, Click] = {}
        self.stored: dict[tuple[int, str], list[CustomerBinding]] = defaultdict(list)
        self.pending: list[CustomerBinding] = []

    def load(self, orders: list[tuple[int, str, str]]) -> None:
        """Preload for (merchant_id, click_id, customer_id) of each new order."""
        keys = {key for _merchant_id, click_id, _customer in orders if (key := _uuid(click_id))}
        if keys:
            for click in Click.objects.filter(pk__in=keys).select_related("link"):
                self.clicks[click.pk] = click
        customers: dict[int, set[str]] = defaultdict(set)
        for merchant_id, _click_id, customer_id in orders:
            if customer_id:
                customers[merchant_id].add(customer_id)
        if customers:
            condition = Q()
            for merchant_id, customer_ids in customers.items():
                condition |= Q(merchant_id=merchant_id, customer_id__in=customer_ids)
            for binding in CustomerBinding.objects.filter(condition):
                self.stored[(binding.merchant_id, binding.customer_id)].append(binding)

    def click(self, merchant: Merchant, click_id: str, paid_at: datetime) -> Click | None:
        """A click on this merchant's link, at or before paid_at, within the window."""
        key = _uuid(click_id)
        if key is None:
            return None
        if key not in self.clicks:
            click = Click.objects.filter(pk=key).select_related("link").first()
            if click is None:
                return None
            self.clicks[key] = click
        click = self.clicks[key]
        window_start = paid_at - timedelta(days=merchant.attribution_window_days)
        if click.link.merchant_id != merchant.pk or not window_start <= click.created_at <= paid_at:
            return None
        return click

    def bound_promoter(self, *, merchant_id: int, customer_id: str, moment: datetime):
        """The promoter the customer is bound to at `moment`: the binding that started last."""
        candidates = [
            b
            for b in [*self.stored.get((merchant_id, customer_id), []), *self.pending]
            if b.merchant_id == merchant_id
            and b.customer_id == customer_id
            and b.starts_at <= moment < b.ends_at
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda b: b.starts_at).promoter_id


def _uuid(click_id: str) -> uuid.UUID | None:
    if not click_id:
        return None
    try:
        return uuid.UUID(click_id)
    except ValueError:
        return None


def attribution_decide(
    *,
    merchant: Merchant,
    paid_at: datetime,
    click_id: str,
    coupon_code: str,
    customer_id: str,
    book: AttributionBook,
) -> Attribution:
    if click_id:
        click = book.click(merchant, click_id, paid_at)
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
        promoter_id = book.bound_promoter(
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
