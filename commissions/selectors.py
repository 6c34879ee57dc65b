"""Read paths for orders, commissions, the inbox and balances, each scoped by tenant."""

import base64
import binascii
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from alliance.money import quantize
from alliance.roles import Role, merchant_of, promoter_of, role_of
from products.models import Merchant, Product, WebhookDelivery

from .models import Commission, Order, OrderEvent, WebhookRefusalCount
from .services.changes import committed_horizon

ZERO = Decimal("0.00")

# --- The webhook's lookups -----------------------------------------------------------------------

# Seconds a web process trusts what it read of a merchant and its SKUs. Each delivery would
# otherwise read both again; see webhook_merchant and known_skus for why staleness is harmless.
WEBHOOK_CACHE_SECONDS = 30
_merchants: dict[int, tuple[float, Merchant]] = {}
_skus: dict[int, tuple[float, set[str]]] = {}


def webhook_merchant(merchant_id: int, *, fresh: bool = False) -> Merchant | None:
    """The merchant a delivery is addressed to, read at most every WEBHOOK_CACHE_SECONDS. A
    stale row can only hold an older secret, which stays valid through its grace period; when a
    signature does not verify, the caller asks again with `fresh=True`."""
    now = time.monotonic()
    cached = _merchants.get(merchant_id)
    if not fresh and cached is not None and now - cached[0] < WEBHOOK_CACHE_SECONDS:
        return cached[1]
    merchant = Merchant.objects.filter(pk=merchant_id).first()
    if merchant is None:
        _merchants.pop(merchant_id, None)
    else:
        _merchants[merchant_id] = (now, merchant)
    return merchant


def known_skus(merchant_id: int, skus: set[str]) -> set[str]:
    """Which of `skus` are the merchant's products. Only SKUs found are remembered, so a new
    product is known at once; one deleted a moment ago may still pass, and its order line is
    then applied without a product (the merchant's default rate)."""
    now = time.monotonic()
    cached = _skus.get(merchant_id)
    if cached is None or now - cached[0] >= WEBHOOK_CACHE_SECONDS:
        cached = (now, set())
        _skus[merchant_id] = cached
    known = cached[1]
    missing = skus - known
    if missing:
        known.update(
            Product.objects.filter(merchant_id=merchant_id, sku__in=missing).values_list(
                "sku", flat=True
            )
        )
    return skus & known


def webhook_cache_forget() -> None:
    _merchants.clear()
    _skus.clear()


def order_events_stale(*, older_than_seconds: int) -> QuerySet[OrderEvent]:
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return OrderEvent.objects.filter(status=OrderEvent.Status.PENDING, received_at__lt=cutoff)


def order_events_visible_to(user) -> QuerySet[OrderEvent]:
    role = role_of(user)
    if role == Role.ADMIN:
        return OrderEvent.objects.all()
    if role == Role.MERCHANT:
        return OrderEvent.objects.filter(merchant=merchant_of(user))
    return OrderEvent.objects.none()


def orders_visible_to(user) -> QuerySet[Order]:
    """Admins see every order; a merchant its own, attributed or not; a promoter the orders
    attributed to it."""
    role = role_of(user)
    queryset = Order.objects.select_related("merchant", "promoter", "link", "channel")
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(merchant=merchant_of(user))
    if role == Role.PROMOTER:
        return queryset.filter(promoter=promoter_of(user))
    return queryset.none()


def commissions_visible_to(user) -> QuerySet[Commission]:
    """A promoter sees the commissions of its own sales (not those it earns as an upline,
    whose buyers are its downline's business); a merchant those it owes."""
    role = role_of(user)
    queryset = Commission.objects.select_related(
        "order", "merchant", "promoter", "product", "link", "channel"
    )
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(merchant=merchant_of(user))
    if role == Role.PROMOTER:
        return queryset.filter(promoter=promoter_of(user))
    return queryset.none()


# The statuses in which a commission still earns; reversed and void ones earn nothing.
EARNING_STATUSES = (
    Commission.Status.PENDING,
    Commission.Status.CONFIRMED,
    Commission.Status.SETTLED,
    Commission.Status.PAID,
)
SHARES = (("promoter", "promoter_id"), ("upline1", "upline1_id"), ("upline2", "upline2_id"))


def promoter_earnings(promoter_id: int, *, own_sales_only: bool = False) -> dict[str, Decimal]:
    """A promoter's earnings by commission status, the one definition that
    /api/v1/commissions/earnings/, /api/v1/balances/ and the pages use: its share P of its own
    sales plus U1 / U2 of the commissions where it is the level-1 / level-2 upline, for every
    status that still earns (0.00 when none). `own_sales_only` leaves the upline shares out."""
    shares = SHARES[:1] if own_sales_only else SHARES
    mine = Q()
    for _share, owner in shares:
        mine |= Q(**{owner: promoter_id})
    totals = (
        Commission.objects.filter(mine, status__in=EARNING_STATUSES)
        .order_by()
        .aggregate(
            **{
                f"{status}_{share}": Sum(
                    f"{share}_amount", filter=Q(status=status, **{owner: promoter_id})
                )
                for status in EARNING_STATUSES
                for share, owner in shares
            }
        )
    )
    return {
        status: quantize(
            sum((totals[f"{status}_{share}"] or ZERO for share, _owner in shares), ZERO)
        )
        for status in EARNING_STATUSES
    }


# --- Incremental sync ---------------------------------------------------------------------------


class CursorInvalid(ValueError):
    pass


def cursor_encode(change_seq: int, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{change_seq}.{pk}".encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> tuple[int, int]:
    if len(cursor) > 100:  # two bigints and a dot, base64: far shorter
        raise CursorInvalid(cursor[:100])
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        change_seq, pk = raw.split(".")
        return int(change_seq), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise CursorInvalid(cursor) from None


def changes_page(queryset: QuerySet, *, cursor: str | None, since, limit: int):
    """One page of the change feed of `queryset`: rows in (change_seq, id) order after the
    cursor, only up to the committed horizon, so a row committed later with a smaller position
    cannot be skipped. Returns (rows, next_cursor, has_more)."""
    horizon = committed_horizon()
    queryset = queryset.filter(change_seq__lt=horizon)
    if cursor:
        change_seq, pk = cursor_decode(cursor)
        queryset = queryset.filter(
            Q(change_seq__gt=change_seq) | Q(change_seq=change_seq, pk__gt=pk)
        )
    if since is not None:
        queryset = queryset.filter(updated_at__gte=since)
    rows = list(queryset.order_by("change_seq", "pk")[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = cursor_encode(rows[-1].change_seq, rows[-1].pk) if rows else cursor or ""
    return rows, next_cursor, has_more


def _commission_sum(statuses) -> Coalesce:
    rows = (
        Commission.objects.filter(order=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("order")
        .annotate(total=Sum("promoter_amount"))
        .values("total")
    )
    return Coalesce(Subquery(rows), Decimal("0.00"), output_field=DecimalField())


def orders_with_earnings(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """Orders with the promoter's share of their commissions: estimated (every line that still
    earns) and settled (credited to the balance)."""
    Status = Commission.Status
    return queryset.annotate(
        estimated_commission=_commission_sum(EARNING_STATUSES),
        settled_commission=_commission_sum([Status.SETTLED, Status.PAID]),
    )


# --- The merchant's webhook delivery log ---------------------------------------------------------


@dataclass(frozen=True)
class DeliveryLogEntry:
    received_at: datetime
    # applied | pending | failed (accepted: the inbox), rejected, test-ok | test-rejected
    result: str
    http_status: int
    event_id: str
    event_type: str = ""
    order_id: str = ""
    error_code: str = ""
    message: str = ""
    is_test: bool = False


def webhook_delivery_log(*, merchant: Merchant, limit: int = 50) -> list[DeliveryLogEntry]:
    """The merchant's latest webhook deliveries, newest first: the events the webhook accepted
    (the inbox, with whether they were applied) merged with the refused deliveries and test
    events of products.WebhookDelivery. Two queries of at most `limit` rows each."""
    accepted = (
        OrderEvent.objects.filter(merchant=merchant, source=OrderEvent.Source.WEBHOOK)
        .order_by("-pk")
        .only("received_at", "webhook_id", "type", "order_id", "status", "error")[:limit]
    )
    entries = [
        DeliveryLogEntry(
            received_at=event.received_at,
            result=event.status,
            http_status=202,
            event_id=event.webhook_id,
            event_type=event.type,
            order_id=event.order_id,
            message=event.error,
        )
        for event in accepted
    ]
    for delivery in WebhookDelivery.objects.filter(merchant=merchant).order_by("-pk")[:limit]:
        if delivery.is_test:
            result = "test-ok" if delivery.is_accepted else "test-rejected"
        else:
            result = "rejected"
        entries.append(
            DeliveryLogEntry(
                received_at=delivery.received_at,
                result=result,
                http_status=delivery.http_status,
                event_id=delivery.event_id,
                error_code=delivery.error_code,
                message=delivery.message,
                is_test=delivery.is_test,
            )
        )
    entries.sort(key=lambda entry: entry.received_at, reverse=True)
    return entries[:limit]


def webhook_refusal_counts(*, merchant: Merchant, hours: int = 24) -> QuerySet[WebhookRefusalCount]:
    """The merchant's unsigned refused deliveries of the last `hours` hours, counted per hour and
    reason (commissions.services.webhooks.webhook_refusal_count), newest hour first."""
    since = timezone.now() - timedelta(hours=hours)
    return WebhookRefusalCount.objects.filter(merchant=merchant, hour__gte=since).order_by(
        "-hour", "reason"
    )
