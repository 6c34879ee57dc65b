"""Rules over single orders, run as events arrive (commissions.signals.orders_applied, then
fraud.tasks.check_orders) and by the sweep (docs/fraud.md, "Order and account rules").

Each rule reads what it needs for a whole chunk of orders in one query, never one per order:
the clicks the orders name, the orders of those clicks, the customers' other orders (through
their customer bindings, indexed by merchant and customer), the promoters' own identities."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from commissions.models import Order
from promoters.models import Click, ClickIdRefused, click_reference

from ..models import Flag, Rule
from ..params import param
from .flags import Finding
from .order_customers import customer_findings
from .order_self import promoter_of, self_purchase_findings

# Orders read per pass: a sweep may hand over a month of changed orders; 500 orders with their
# clicks and their customers' neighbouring orders stay within a few MB of memory.
CHUNK = 500


@dataclass(frozen=True)
class ClickSeen:
    """What the rules know of an order's click: its time (the stored row's, or the verified
    id's own when the row was lost) and the visitor's network hash ("" without the row)."""

    clicked_at: datetime
    ip_hash: str


def order_findings(order_ids: list[int]) -> Iterator[Finding]:
    """What the order rules find in these orders (unattributed ones are skipped: a flag is
    about a promoter). A finding is yielded once per key and pass."""
    ids = sorted(set(order_ids))
    for start in range(0, len(ids), CHUNK):
        orders = list(
            Order.objects.filter(pk__in=ids[start : start + CHUNK], promoter__isnull=False)
            .select_related("merchant")
            .order_by("pk")
        )
        if not orders:
            continue
        clicks = clicks_seen(orders)
        seen: set[str] = set()
        for finding in _chunk_findings(orders, clicks):
            if finding.key not in seen:
                seen.add(finding.key)
                yield finding


def _chunk_findings(orders: list[Order], clicks: dict[str, ClickSeen]) -> Iterator[Finding]:
    yield from fast_pay_findings(orders, clicks)
    yield from click_reuse_findings(orders)
    yield from customer_findings(orders)
    yield from self_purchase_findings(orders, {k: v.ip_hash for k, v in clicks.items()})


def clicks_seen(orders: list[Order]) -> dict[str, ClickSeen]:
    """The clicks of the orders attributed by a click, by click id, in one query."""
    references = {}
    for order in orders:
        if order.attribution != Order.Attribution.CLICK or not order.click_id:
            continue
        try:
            reference = click_reference(order.click_id)
        except ClickIdRefused:
            continue
        if reference is not None:
            references[order.click_id] = reference
    if not references:
        return {}
    rows = {
        pk: (created_at, ip_hash)
        for pk, created_at, ip_hash in Click.objects.filter(
            pk__in={r.click_uuid for r in references.values()}
        ).values_list("pk", "created_at", "ip_hash")
    }
    seen = {}
    for click_id, reference in references.items():
        row = rows.get(reference.click_uuid)
        if row is not None:
            seen[click_id] = ClickSeen(clicked_at=row[0], ip_hash=row[1])
        elif reference.clicked_at is not None:
            seen[click_id] = ClickSeen(clicked_at=reference.clicked_at, ip_hash="")
    return seen


def fast_pay_findings(orders: list[Order], clicks: dict[str, ClickSeen]) -> Iterator[Finding]:
    """fast_pay: paid less than fast_pay_seconds after the click. HIGH, touches the order."""
    for order in orders:
        click = clicks.get(order.click_id) if order.attribution == Order.Attribution.CLICK else None
        if click is None:
            continue
        seconds = round((order.paid_at - click.clicked_at).total_seconds(), 3)
        minimum = param("fast_pay_seconds", order.merchant)
        if seconds >= minimum:
            continue
        yield Finding(
            rule=Rule.FAST_PAY,
            severity=Flag.Severity.HIGH,
            key=f"{Rule.FAST_PAY}:order:{order.pk}",
            promoter_id=promoter_of(order),
            merchant_id=order.merchant_id,
            summary=_("Order %(order)s paid %(seconds)s s after its click (at least %(min)s s)")
            % {"order": order.order_id, "seconds": seconds, "min": minimum},
            evidence={
                "measured": {"seconds": seconds},
                "threshold": {"min_seconds": minimum},
                "clicks": [order.click_id],
                "orders": [order.order_id],
            },
            order_ids=[order.pk],
        )


def click_reuse_findings(orders: list[Order]) -> Iterator[Finding]:
    """click_reuse: more than click_orders_max orders attributed to one click id (of any
    status). HIGH, one flag per click, touching all its orders."""
    by_click = {
        order.click_id: order
        for order in orders
        if order.attribution == Order.Attribution.CLICK and order.click_id
    }
    if not by_click:
        return
    # The orders' link index finds them; the click id has no index of its own.
    rows = Order.objects.filter(
        link_id__in={order.link_id for order in by_click.values()},
        click_id__in=list(by_click),
        attribution=Order.Attribution.CLICK,
    ).values_list("click_id", "pk", "order_id")
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for click_id, pk, order_id in rows:
        groups[click_id].append((pk, order_id))
    for click_id, group in sorted(groups.items()):
        order = by_click[click_id]
        maximum = param("click_orders_max", order.merchant)
        if len(group) <= maximum:
            continue
        group.sort()
        yield Finding(
            rule=Rule.CLICK_REUSE,
            severity=Flag.Severity.HIGH,
            key=f"{Rule.CLICK_REUSE}:click:{click_id}",
            promoter_id=promoter_of(order),
            merchant_id=order.merchant_id,
            summary=_("%(count)d orders from one click (at most %(max)d)")
            % {"count": len(group), "max": maximum},
            evidence={
                "measured": {"orders": len(group)},
                "threshold": {"max_orders": maximum},
                "clicks": [click_id],
                "orders": [order_id for _pk, order_id in group],
            },
            order_ids=[pk for pk, _order_id in group],
        )
