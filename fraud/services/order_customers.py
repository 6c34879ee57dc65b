"""The order rules about one customer id's orders (docs/fraud.md, "Order and account rules"):
many orders through one promoter in a short time (customer_repeat), one customer across many
promoters (shared_customer).

A customer's attributed orders are read through their customer bindings: every attributed order
with a customer id makes one (merchant, customer id, promoter, order, starts_at = paid_at), and
that table is indexed by merchant and customer, where the orders table is not."""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from alliance.masking import mask_order_id
from commissions.models import CustomerBinding, Order

from ..models import Flag, Rule
from ..params import param
from .flags import Finding

# (paid_at, promoter id, order pk, order id) of one customer's attributed orders.
Seen = tuple[datetime, int, int, str]


def customer_key(customer_id: str) -> str:
    """A short, stable name for a customer id in a flag's key (the id itself may be long)."""
    return hashlib.sha256(customer_id.encode()).hexdigest()[:16]


def _windows(merchant) -> tuple[timedelta, timedelta]:
    return (
        timedelta(hours=param("customer_orders_hours", merchant)),
        timedelta(days=param("shared_customer_days", merchant)),
    )


def customer_orders(orders: list[Order]) -> dict[tuple[int, str], list[Seen]]:
    """The attributed orders of the orders' customers, per (merchant, customer id), sorted by
    paid_at, from the widest window either rule looks at around the orders: one query."""
    spans: dict[int, list] = {}
    for order in orders:
        if not order.customer_id:
            continue
        reach = max(_windows(order.merchant))
        span = spans.setdefault(order.merchant_id, [order.paid_at, order.paid_at, set(), reach])
        span[0] = min(span[0], order.paid_at)
        span[1] = max(span[1], order.paid_at)
        span[2].add(order.customer_id)
    if not spans:
        return {}
    condition = Q()
    for merchant_id, (first, last, customers, reach) in spans.items():
        condition |= Q(
            merchant_id=merchant_id,
            customer_id__in=sorted(customers),
            starts_at__gte=first - reach,
            starts_at__lte=last + reach,
        )
    found: dict[tuple[int, str], list[Seen]] = defaultdict(list)
    rows = CustomerBinding.objects.filter(condition).values_list(
        "merchant_id", "customer_id", "starts_at", "promoter_id", "order_id", "order__order_id"
    )
    for merchant_id, customer_id, paid_at, promoter_id, pk, order_id in rows:
        found[(merchant_id, customer_id)].append((paid_at, promoter_id, pk, order_id))
    for seen in found.values():
        seen.sort()
    return found


def _dense(seen: list[Seen], width: timedelta, enough) -> tuple[set[int], int]:
    """The orders inside any window of `width` whose orders satisfy `enough(window)`, and the
    largest measure of such a window (orders, or promoters, as `enough` answers)."""
    tripped: set[int] = set()
    worst = 0
    start = 0
    for end in range(len(seen)):
        while seen[end][0] - seen[start][0] > width:
            start += 1
        window = seen[start : end + 1]
        measure = enough(window)
        if measure:
            worst = max(worst, measure)
            tripped.update(index for index in range(start, end + 1))
    return tripped, worst


def customer_findings(orders: list[Order]) -> Iterator[Finding]:
    """customer_repeat and shared_customer over the customers of `orders`."""
    merchants = {order.merchant_id: order.merchant for order in orders}
    for (merchant_id, customer_id), seen in sorted(customer_orders(orders).items()):
        merchant = merchants[merchant_id]
        yield from _repeat(merchant, customer_id, seen)
        yield from _shared(merchant, customer_id, seen)


def _repeat(merchant, customer_id: str, seen: list[Seen]) -> Iterator[Finding]:
    """customer_repeat: more than customer_orders_max orders of the customer through one
    promoter within customer_orders_hours. HIGH, touches those orders."""
    maximum = param("customer_orders_max", merchant)
    hours = param("customer_orders_hours", merchant)
    by_promoter: dict[int, list[Seen]] = defaultdict(list)
    for row in seen:
        by_promoter[row[1]].append(row)
    for promoter_id, rows in sorted(by_promoter.items()):
        tripped, worst = _dense(
            rows, timedelta(hours=hours), lambda window: len(window) * (len(window) > maximum)
        )
        if not tripped:
            continue
        touched = [rows[index] for index in sorted(tripped)]
        yield Finding(
            rule=Rule.CUSTOMER_REPEAT,
            severity=Flag.Severity.HIGH,
            key=f"{Rule.CUSTOMER_REPEAT}:m{merchant.pk}:{customer_key(customer_id)}:p{promoter_id}",
            promoter_id=promoter_id,
            merchant_id=merchant.pk,
            summary=_("%(count)d orders of one customer within %(hours)s h (at most %(max)d)")
            % {"count": worst, "hours": hours, "max": maximum},
            evidence={
                "measured": {"orders": worst},
                "threshold": {"max_orders": maximum, "hours": hours},
                "customer": mask_order_id(customer_id),
                "orders": [row[3] for row in touched],
            },
            order_ids=[row[2] for row in touched],
        )


def _shared(merchant, customer_id: str, seen: list[Seen]) -> Iterator[Finding]:
    """shared_customer: the customer's orders within shared_customer_days were brought by at
    least shared_customer_promoters promoters. One flag per promoter involved: LOW for the one
    whose order came first (it most likely brought the customer), HIGH for the others."""
    minimum = param("shared_customer_promoters", merchant)
    days = param("shared_customer_days", merchant)

    def promoters(window: list[Seen]) -> int:
        count = len({row[1] for row in window})
        return count if count >= minimum else 0

    tripped, worst = _dense(seen, timedelta(days=days), promoters)
    if not tripped:
        return
    touched = [seen[index] for index in sorted(tripped)]
    first = touched[0][1]
    per_promoter = Counter(row[1] for row in touched)
    for promoter_id in sorted(per_promoter):
        own = [row for row in touched if row[1] == promoter_id]
        yield Finding(
            rule=Rule.SHARED_CUSTOMER,
            severity=Flag.Severity.LOW if promoter_id == first else Flag.Severity.HIGH,
            key=f"{Rule.SHARED_CUSTOMER}:m{merchant.pk}:{customer_key(customer_id)}:p{promoter_id}",
            promoter_id=promoter_id,
            merchant_id=merchant.pk,
            summary=_("One customer's orders came through %(count)d promoters within %(days)s days")
            % {"count": worst, "days": days},
            evidence={
                "measured": {"promoters": worst},
                "threshold": {"min_promoters": minimum, "days": days},
                "customer": mask_order_id(customer_id),
                "first": promoter_id == first,
                "orders": [row[3] for row in own],
            },
            order_ids=[row[2] for row in own],
        )
