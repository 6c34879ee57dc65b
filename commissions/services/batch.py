"""The lookups one batch of order events shares, and the orders it locks or creates."""

from collections import defaultdict

from django.db.models import Q

from alliance.roles import Right, status_allows
from products.models import Merchant, Product
from promoters.models import Promoter

from ..models import Order
from . import attribution
from .rates import RateBook, UplineBook
from .snapshots import Snapshot


class Batch:
    """One transaction's worth of events, with the lookups they share."""

    def __init__(self) -> None:
        self.rates = RateBook()
        self.uplines = UplineBook()
        self.attribution = attribution.AttributionBook()
        self.products: dict[tuple[int, str], Product] = {}
        self.promoter_statuses: dict[int, str] = {}

    def promoter_status(self, promoter_id: int) -> str:
        if promoter_id not in self.promoter_statuses:
            self.promoter_statuses[promoter_id] = (
                Promoter.objects.filter(pk=promoter_id).values_list("status", flat=True).first()
                or ""
            )
        return self.promoter_statuses[promoter_id]

    def load_products(self, merchant_id: int, skus: set[str]) -> None:
        missing = {sku for sku in skus if (merchant_id, sku) not in self.products}
        if missing:
            for product in Product.objects.filter(merchant_id=merchant_id, sku__in=missing):
                self.products[(merchant_id, product.sku)] = product

    def product(self, merchant_id: int, sku: str) -> Product | None:
        return self.products.get((merchant_id, sku))


def orders_lock(keys: list[tuple[int, str]]) -> dict[tuple[int, str], Order]:
    """The existing orders among `keys`, locked in primary-key order (a stable order, so two
    workers never wait on each other in a cycle)."""
    by_merchant: dict[int, list[str]] = defaultdict(list)
    for merchant_id, order_id in keys:
        by_merchant[merchant_id].append(order_id)
    condition = Q()
    for merchant_id, order_ids in by_merchant.items():
        condition |= Q(merchant_id=merchant_id, order_id__in=order_ids)
    orders = Order.objects.select_for_update(of=("self",)).filter(condition).order_by("pk")
    return {(o.merchant_id, o.order_id): o for o in orders}


def order_new(merchant: Merchant, order_id: str, first: Snapshot, batch: Batch) -> Order:
    decided = attribution.attribution_decide(
        merchant=merchant,
        paid_at=first.paid_at,
        click_id=first.click_id,
        coupon_code=first.coupon_code,
        customer_id=first.customer_id,
        book=batch.attribution,
        order_id=order_id,
    )
    if decided.promoter_id is not None and not (
        status_allows(merchant.status, Right.EARN)
        and status_allows(batch.promoter_status(decided.promoter_id), Right.EARN)
    ):
        # A pending or rejected merchant's orders, and orders a pending or rejected promoter
        # brought, earn nothing: the order is kept, unattributed (docs/domain.md).
        decided = attribution.Attribution()
    order = Order(
        merchant=merchant,
        order_id=order_id,
        paid_at=first.paid_at,
        click_id=first.click_id,
        coupon_code=first.coupon_code,
        customer_id=first.customer_id,
        buyer_contact_hash=first.buyer_contact_hash,
        buyer_device=first.buyer_device,
        attribution=decided.kind,
        promoter_id=decided.promoter_id,
        link_id=decided.link_id,
        channel_id=decided.channel_id,
        status=Order.Status.PAID,
    )
    if decided.promoter_id is not None:
        order.is_self_purchase = attribution.is_self_purchase(
            merchant=merchant, promoter_id=decided.promoter_id, customer_id=first.customer_id
        )
        binding = attribution.binding_for(order)
        if binding is not None:
            batch.attribution.pending.append(binding)
    return order
