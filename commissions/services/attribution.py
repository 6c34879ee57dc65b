"""Who brought an order: decided once, when the order is first seen (docs/orders.md).

Precedence: a click on this merchant's link within the attribution window before paid_at; an
exclusive coupon valid at paid_at; a customer bound to a promoter at paid_at; otherwise nobody."""

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q

from products.models import Coupon, Merchant
from promoters.clicks import click_id_refused
from promoters.models import (
    Click,
    ClickIdRefused,
    ClickReference,
    Link,
    OwnCustomer,
    click_reference,
)

from ..models import CustomerBinding, Order

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attribution:
    kind: str = Order.Attribution.NONE
    promoter_id: int | None = None
    link_id: int | None = None
    channel_id: int | None = None


def _reference(click_id: str) -> ClickReference | None:
    try:
        return click_reference(click_id)
    except ClickIdRefused:
        return None


class AttributionBook:
    """What attribution needs for a batch of new orders, loaded in three queries: the clicks their
    events name, the links of click ids whose row is missing, and the customer bindings of their
    customers. Bindings made earlier in the same batch (not yet stored) are kept in `pending` and
    count too."""

    def __init__(self) -> None:
        self.clicks: dict[uuid.UUID, Click] = {}
        self.links: dict[int, Link] = {}
        self.stored: dict[tuple[int, str], list[CustomerBinding]] = defaultdict(list)
        self.pending: list[CustomerBinding] = []

    def load(self, orders: list[tuple[int, str, str]]) -> None:
        """Preload for (merchant_id, click_id, customer_id) of each new order."""
        references = [
            reference
            for _merchant_id, click_id, _customer in orders
            if (reference := _reference(click_id)) is not None
        ]
        if references:
            keys = {reference.click_uuid for reference in references}
            for click in Click.objects.filter(pk__in=keys).select_related("link"):
                self.clicks[click.pk] = click
            self._load_links(
                {r.link_id for r in references if r.link_id and r.click_uuid not in self.clicks}
            )
        customers: dict[int, set[str]] = defaultdict(set)
        for merchant_id, _click_id, customer_id in orders:
            if customer_id:
                customers[merchant_id].add(customer_id)
        if customers:
            condition = Q()
            for merchant_id, customer_ids in customers.items():
                condition |= Q(merchant_id=merchant_id, customer_id__in=customer_ids)
            bindings = CustomerBinding.objects.filter(condition).select_related("order")
            for binding in bindings:
                self.stored[(binding.merchant_id, binding.customer_id)].append(binding)

    def _load_links(self, link_ids: set[int]) -> None:
        missing = link_ids - self.links.keys()
        if missing:
            for link in Link.objects.filter(pk__in=missing):
                self.links[link.pk] = link

    def click(self, merchant: Merchant, click_id: str, paid_at: datetime) -> Link | None:
        """The link of a click on this merchant's link, made at or before paid_at and within
        the window. The stored click row decides when there is one; a verified token whose row
        was lost (a web process killed before its flush) decides by its own link and time.
        Raises ClickIdRefused for an id that fails verification."""
        reference = click_reference(click_id)
        if reference is None:
            return None
        if reference.click_uuid not in self.clicks:
            click = Click.objects.filter(pk=reference.click_uuid).select_related("link").first()
            if click is not None:
                self.clicks[reference.click_uuid] = click
        click = self.clicks.get(reference.click_uuid)
        if click is not None:
            link, clicked_at = click.link, click.created_at
        elif reference.link_id is not None:
            # A token's content is authentic (its MAC verified): it stands in for the lost row.
            self._load_links({reference.link_id})
            link, clicked_at = self.links.get(reference.link_id), reference.clicked_at
            if link is not None:
                logger.info(
                    "Click %s has no stored row: attributed by its verified id (link %s)",
                    reference.click_uuid.hex,
                    link.pk,
                )
        else:
            return None  # an old plain UUID attributes through its row alone
        if link is None or link.merchant_id != merchant.pk:
            return None
        window_start = paid_at - timedelta(days=merchant.attribution_window_days)
        if not window_start <= clicked_at <= paid_at:
            return None
        return link

    def bound_promoter(self, *, merchant_id: int, customer_id: str, moment: datetime):
        """The promoter the customer is bound to at `moment`: the binding that started last.
        Two bindings that started at the same instant (two orders paid in the same second) are
        decided by the order id of the binding order, the lowest first: a rule that does not
        depend on which order arrived first or how the database returns rows."""
        candidates = [
            b
            for b in [*self.stored.get((merchant_id, customer_id), []), *self.pending]
            if b.merchant_id == merchant_id
            and b.customer_id == customer_id
            and b.starts_at <= moment < b.ends_at
        ]
        if not candidates:
            return None
        latest = max(b.starts_at for b in candidates)
        tied = [b for b in candidates if b.starts_at == latest]
        return min(tied, key=lambda b: b.order.order_id).promoter_id


def attribution_decide(
    *,
    merchant: Merchant,
    paid_at: datetime,
    click_id: str,
    coupon_code: str,
    customer_id: str,
    book: AttributionBook,
    order_id: str = "",
) -> Attribution:
    """Apply the precedence above. A click id that fails verification (forged, altered or
    unreadable) attributes nothing and is recorded as a ClickIdRefusal; the order then goes on
    to the coupon and customer rules, as an order without a click id would."""
    if click_id:
        try:
            link = book.click(merchant, click_id, paid_at)
        except ClickIdRefused as refused:
            click_id_refused(
                merchant_id=merchant.pk, order_id=order_id, click_id=click_id, reason=refused.reason
            )
            link = None
        if link is not None:
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
