"""Applying inbox events to orders, order lines and commissions, a batch at a time.

An order's state is a function of the set of its events: the latest snapshot by (occurred_at,
type rank, webhook id) gives its lines; cancelled, once seen, stays; completed_at is the latest
one any event carried. So applying events in any order, or twice, ends in the same state, and
the commissions, recomputed from that state, post only what differs from the ledger.
commissions.services.inbox takes the batches from the inbox and calls order_events_apply."""

from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone

from alliance.db import bulk_insert_rows, bulk_update_rows
from products.models import Merchant

from ..models import (
    Commission,
    CommissionStatusChange,
    CustomerBinding,
    Order,
    OrderEvent,
    OrderItem,
)
from ..signals import orders_applied
from .batch import Batch, order_new, orders_lock
from .changes import mark_changed
from .commissions import available_at, ledger_sync, line_target, status_move, target_status
from .snapshots import (
    NO_LINE,
    ORDER_STATE_FIELDS,
    ZERO,
    Line,
    Snapshot,
    order_key,
    order_state_of,
    order_total,
)


@dataclass
class OrderState:
    """One order of the batch between the phases: the row (new or locked), what its events
    said, and its stored state before them, to tell whether it changed."""

    order: Order
    is_new: bool
    # The latest snapshot's lines when it moved the order forward (always for a new order);
    # None when the order's stored snapshot is as recent as any of the batch.
    lines: dict[str, Line] | None
    # Every SKU any of the order's events listed.
    seen: set[str]
    before: tuple | None = None


@dataclass
class Loaded:
    """What the batch read before deciding anything: the events by order, the existing
    orders (locked), the merchants and the existing lines of each order."""

    groups: dict[tuple[int, str], list[OrderEvent]]
    existing: dict[tuple[int, str], Order]
    merchants: dict[int, Merchant]
    items_by_order: dict[int, dict[str, OrderItem]]


def order_events_apply(events: list[OrderEvent]) -> None:
    """Apply `events` inside the caller's transaction: upsert each order from its snapshots,
    attribute new orders, recompute every line's commission and post ledger differences."""
    batch = Batch()
    loaded = _load(events, batch)
    # Phase 1: the orders themselves, in the order their events arrived.
    states = [_order_decide(key, group, loaded, batch) for key, group in loaded.groups.items()]
    new_orders = _orders_insert(states, batch)
    # Phase 2: the lines, then the totals of the existing orders.
    _lines_write(states, loaded.items_by_order, batch)
    changed_orders = _orders_update(states, loaded.items_by_order)
    mark_changed(Order, [order.pk for order in new_orders + changed_orders])
    # Phase 3: the commissions of attributed orders.
    attributed = [state.order for state in states if state.order.promoter_id is not None]
    commissions_recompute(attributed, loaded.items_by_order, batch)
    _announce(new_orders + changed_orders)


def _announce(orders: list[Order]) -> None:
    """Tell the listeners (the fraud rules) which attributed orders the batch created or
    changed, once, after the caller's transaction commits: a batch that rolls back said nothing."""
    order_ids = sorted(order.pk for order in orders if order.promoter_id is not None)
    if order_ids:
        # robust: a listener that fails is logged by Django; the batch is committed already.
        transaction.on_commit(
            partial(orders_applied.send, sender=Order, order_ids=order_ids), robust=True
        )


def _load(events: list[OrderEvent], batch: Batch) -> Loaded:
    """Group the events by order, lock the existing orders, and read in one query each what
    the decisions need: products, attribution data, existing lines."""
    groups: dict[tuple[int, str], list[OrderEvent]] = defaultdict(list)
    for event in sorted(events, key=lambda e: e.pk):
        groups[(event.merchant_id, event.order_id)].append(event)
    existing = orders_lock(list(groups))
    merchants = {event.merchant_id: event.merchant for event in events}
    skus: dict[int, set[str]] = defaultdict(set)
    new_orders_seen = []
    for (merchant_id, order_id), group in groups.items():
        skus[merchant_id].update(sku for event in group for sku in event.payload_skus())
        if (merchant_id, order_id) not in existing:
            payload = group[0].payload
            new_orders_seen.append(
                (merchant_id, payload.get("click_id") or "", payload.get("customer_id") or "")
            )
    for merchant_id, merchant_skus in skus.items():
        batch.load_products(merchant_id, merchant_skus)
    batch.attribution.load(new_orders_seen)
    for order in existing.values():
        order.merchant = merchants[order.merchant_id]
    items_by_order: dict[int, dict[str, OrderItem]] = defaultdict(dict)
    for item in OrderItem.objects.filter(order__in=list(existing.values())):
        items_by_order[item.order_id][item.sku] = item
    return Loaded(groups, existing, merchants, items_by_order)


def _order_decide(
    key: tuple[int, str], group: list[OrderEvent], loaded: Loaded, batch: Batch
) -> OrderState:
    """The order of `key` as its events leave it (a new one attributed), not stored yet."""
    merchant = loaded.merchants[key[0]]
    snapshots = sorted((Snapshot.of(e) for e in group), key=lambda s: s.key)
    latest = snapshots[-1]
    order = loaded.existing.get(key)
    if order is None:
        order = order_new(merchant, key[1], snapshots[0], batch)
        order.merchant = merchant
        state = OrderState(order=order, is_new=True, lines=None, seen=set())
    else:
        state = OrderState(
            order=order, is_new=False, lines=None, seen=set(), before=order_state_of(order)
        )
    if state.is_new or latest.key > order_key(order):
        (
            order.snapshot_occurred_at,
            order.snapshot_rank,
            order.snapshot_webhook_id,
        ) = latest.key
        state.lines = latest.lines
    completed = [s.completed_at for s in snapshots if s.completed_at] + (
        [order.completed_at] if order.completed_at else []
    )
    order.completed_at = max(completed) if completed else None
    if any(s.type == OrderEvent.Type.CANCELLED for s in snapshots):
        order.status = Order.Status.CANCELLED
    if state.is_new:
        # A new order's lines are all in its latest snapshot: total it before it is stored.
        order_total(order, list(latest.lines.values()))
    # Every SKU any event listed is a line of the order, with quantity and amount 0 where
    # the latest snapshot does not list it: so a stale event still adds the lines it knew
    # of, and the set of lines does not depend on the order of arrival.
    state.seen = {sku for snapshot in snapshots for sku in snapshot.lines}
    return state


def _orders_insert(states: list[OrderState], batch: Batch) -> list[Order]:
    """Store the new orders, then the customer bindings they make; answer the new orders."""
    # Inserted in key order: two workers inserting overlapping new orders then wait on each
    # other's unique keys in the same order, never in a cycle.
    new_orders = sorted(
        (state.order for state in states if state.is_new),
        key=lambda order: (order.merchant_id, order.order_id),
    )
    bulk_insert_rows(Order, new_orders)
    batch.uplines.load(order.promoter_id for order in new_orders if order.promoter_id)
    # The orders have their keys now, so the bindings they make can be stored.
    bulk_insert_rows(CustomerBinding, batch.attribution.pending)
    return new_orders


def _line_targets(state: OrderState, current: dict[str, OrderItem]) -> dict[str, Line]:
    """What each line of the order must become. An order whose snapshot moved forward takes
    its lines from it; any order gets a zero line for a SKU an event listed that it does not
    have yet."""
    if state.lines is not None:
        lines = state.lines
        return {sku: lines.get(sku, NO_LINE) for sku in state.seen | lines.keys() | current.keys()}
    return {sku: NO_LINE for sku in state.seen if sku not in current}


def _lines_write(
    states: list[OrderState], items_by_order: dict[int, dict[str, OrderItem]], batch: Batch
) -> None:
    """Insert the new lines and update the changed ones; `items_by_order` then holds every
    line of every order of the batch."""
    new_items: list[OrderItem] = []
    changed_items: list[OrderItem] = []
    for state in states:
        order = state.order
        current = items_by_order[order.pk]
        for sku, line in _line_targets(state, current).items():
            item = current.get(sku)
            if item is None:
                item = OrderItem(
                    order=order,
                    sku=sku,
                    product=batch.product(order.merchant_id, sku),
                    quantity=line.quantity,
                    amount=line.amount,
                    refunded_amount=line.refunded_amount,
                )
                current[sku] = item
                new_items.append(item)
            elif (item.quantity, item.amount, item.refunded_amount) != (
                line.quantity,
                line.amount,
                line.refunded_amount,
            ):
                item.quantity, item.amount, item.refunded_amount = (
                    line.quantity,
                    line.amount,
                    line.refunded_amount,
                )
                changed_items.append(item)
    bulk_insert_rows(OrderItem, new_items)
    bulk_update_rows(OrderItem, changed_items, ["quantity", "amount", "refunded_amount"])


def _orders_update(
    states: list[OrderState], items_by_order: dict[int, dict[str, OrderItem]]
) -> list[Order]:
    """Total the existing orders from their lines and store those whose state changed;
    answer them."""
    changed_orders = []
    now = timezone.now()
    for state in states:
        if state.is_new:
            continue
        order = state.order
        order_total(order, list(items_by_order[order.pk].values()))
        if order_state_of(order) != state.before:
            order.updated_at = now
            changed_orders.append(order)
    bulk_update_rows(Order, changed_orders, [*ORDER_STATE_FIELDS, "updated_at"])
    return changed_orders


COMMISSION_FIELDS = [
    "base_amount",
    "commission",
    "platform_fee",
    "upline1_amount",
    "upline2_amount",
    "promoter_amount",
    "status",
    "invalid_reason",
    "available_at",
]


def commissions_recompute(
    orders: list[Order], items_by_order: dict[int, dict[str, OrderItem]], batch: Batch
) -> None:
    """Bring every line's commission to its target for the order's current state."""
    if not orders:
        return
    current = {
        c.order_item_id: c
        for c in Commission.objects.select_for_update(of=("self",))
        .filter(order__in=orders)
        .order_by("pk")
    }
    new: list[Commission] = []
    changed: list[Commission] = []
    changes: list[CommissionStatusChange] = []
    now = timezone.now()
    for order in orders:
        for item in items_by_order[order.pk].values():
            commission = current.get(item.pk)
            is_new = commission is None
            if is_new:
                commission = _commission_new(order, item, batch)
            before = tuple(getattr(commission, f) for f in COMMISSION_FIELDS)
            _commission_retarget(commission, order, item, is_new=is_new, changes=changes)
            if is_new:
                new.append(commission)
            elif tuple(getattr(commission, f) for f in COMMISSION_FIELDS) != before:
                commission.updated_at = now
                changed.append(commission)
    bulk_insert_rows(Commission, new)
    bulk_update_rows(Commission, changed, [*COMMISSION_FIELDS, "updated_at"])
    bulk_insert_rows(CommissionStatusChange, changes)
    mark_changed(Commission, [c.pk for c in new + changed])
    ledger_sync(changed)


def _commission_retarget(
    commission: Commission,
    order: Order,
    item: OrderItem,
    *,
    is_new: bool,
    changes: list[CommissionStatusChange],
) -> None:
    """Set the commission's amounts and status to the targets of its line and order (not
    stored); a status move adds its status-change row to `changes`."""
    target = line_target(
        amount=item.amount,
        refunded_amount=item.refunded_amount,
        rate=commission.rate,
        platform_fee_rate=commission.platform_fee_rate,
        upline_rates=tuple(
            rate
            for upline, rate in (
                (commission.upline1_id, commission.upline1_rate),
                (commission.upline2_id, commission.upline2_rate),
            )
            if upline is not None
        ),
    )
    commission.base_amount = target.base
    commission.commission = target.commission
    commission.platform_fee = target.platform_fee
    commission.upline1_amount = target.upline1_amount
    commission.upline2_amount = target.upline2_amount
    commission.promoter_amount = target.promoter_amount
    commission.available_at = available_at(order.completed_at, commission.hold_days)
    status, reason = target_status(
        order_status=order.status,
        base=target.base,
        rate=commission.rate,
        is_self_purchase=order.is_self_purchase,
        current=None if is_new else commission,
    )
    status_move(commission, status, reason, changes)


def _commission_new(order: Order, item: OrderItem, batch: Batch) -> Commission:
    merchant = order.merchant
    uplines = batch.uplines.uplines(promoter_id=order.promoter_id, moment=order.paid_at)
    upline_rates = merchant.upline_rates
    return Commission(
        order=order,
        order_item=item,
        merchant=merchant,
        promoter_id=order.promoter_id,
        link_id=order.link_id,
        channel_id=order.channel_id,
        product=item.product,
        rate=batch.rates.rate(
            merchant=merchant,
            product=item.product,
            promoter_id=order.promoter_id,
            moment=order.paid_at,
        ),
        platform_fee_rate=merchant.platform_fee_rate,
        upline1_id=uplines[0] if len(uplines) > 0 else None,
        upline1_rate=upline_rates[0] if len(uplines) > 0 else ZERO,
        upline2_id=uplines[1] if len(uplines) > 1 else None,
        upline2_rate=upline_rates[1] if len(uplines) > 1 else ZERO,
        hold_days=merchant.hold_days,
        paid_at=order.paid_at,
        status="",
    )
