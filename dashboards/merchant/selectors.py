"""Reads of the merchant dashboard: per-day and per-promoter sums, each a grouped query.

Words used on the pages, and what they count:
- clicks: clicks on the merchant's links, all of them, and apart: unique clicks (people's first
  clicks that no traffic rule found suspicious), bot clicks and suspicious clicks (people's
  clicks a traffic rule marked, docs/fraud.md); conversion is per unique click;
- attributed orders: orders a promoter brought (by click, exclusive coupon or bound customer),
  whatever their status, by the day they were paid;
- GMV: the paid amounts of attributed orders that are valid, i.e. paid or completed (a cancelled
  or fully refunded order is left out; partial refunds are not deducted);
- commission: the whole commission C of the merchant's lines that still earn (estimated,
  confirmed, settled or paid out), by the day the order was paid.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from alliance.money import quantize
from commissions.models import Commission, Order
from ledger.models import LedgerAccount
from ledger.selectors import balance
from ledger.services import account_key
from products.models import Merchant, Product, ProductImport
from promoters.models import Click, Promoter
from promoters.selectors import click_counts

from ..periods import Period, by_day, day_start

ZERO = Decimal("0.00")
# Commission statuses that still earn: what the merchant pays or has paid for a line.
EARNING = (
    Commission.Status.PENDING,
    Commission.Status.CONFIRMED,
    Commission.Status.SETTLED,
    Commission.Status.PAID,
)
# Estimated: earned, not yet settled into the ledger (and so not yet on a statement).
ESTIMATED = (Commission.Status.PENDING, Commission.Status.CONFIRMED)
VALID_ORDER = Q(status__in=[Order.Status.PAID, Order.Status.COMPLETED])
ATTRIBUTED = Q(promoter__isnull=False)


@dataclass
class Overview:
    period: Period
    days: list[date]
    clicks: list[int]
    unique_clicks: list[int]
    bot_clicks: list[int]
    suspicious_clicks: list[int]
    orders: list[int]
    gmv: list[Decimal]
    commission: list[Decimal]
    estimated_owed: Decimal
    settled_unpaid: Decimal
    totals: dict = field(default_factory=dict)

    @property
    def commission_owed(self) -> Decimal:
        return self.estimated_owed + self.settled_unpaid


def merchant_overview(*, merchant: Merchant, days: int, now: datetime | None = None) -> Overview:
    """The merchant's daily clicks, attributed orders, GMV and commission over the period
    (every day present, zero when nothing happened), and what it owes now. Five queries."""
    period = Period.last(days, now=now)
    clicks = by_day(
        Click.objects.filter(link__merchant=merchant), "created_at", period, **click_counts()
    )
    orders = by_day(
        Order.objects.filter(ATTRIBUTED, merchant=merchant),
        "paid_at",
        period,
        count=Count("pk"),
        gmv=Sum("amount", filter=VALID_ORDER),
    )
    commissions = by_day(
        Commission.objects.filter(merchant=merchant, status__in=EARNING),
        "paid_at",
        period,
        total=Sum("commission"),
    )
    estimated = Commission.objects.filter(merchant=merchant, status__in=ESTIMATED).aggregate(
        total=Sum("commission")
    )["total"]
    # The merchant payable account holds -C for every settled line (and the adjustments after
    # it) plus what the merchant has paid against its statements: minus it is what is unpaid.
    payable = balance(account_key(LedgerAccount.Kind.MERCHANT_PAYABLE, merchant_id=merchant.pk))

    day_list = period.day_list
    overview = Overview(
        period=period,
        days=day_list,
        clicks=[clicks.get(day, {}).get("clicks_count", 0) for day in day_list],
        unique_clicks=[clicks.get(day, {}).get("unique_clicks_count", 0) for day in day_list],
        bot_clicks=[clicks.get(day, {}).get("bot_clicks_count", 0) for day in day_list],
        suspicious_clicks=[
            clicks.get(day, {}).get("suspicious_clicks_count", 0) for day in day_list
        ],
        orders=[orders.get(day, {}).get("count", 0) for day in day_list],
        gmv=[quantize(orders.get(day, {}).get("gmv") or ZERO) for day in day_list],
        commission=[quantize(commissions.get(day, {}).get("total") or ZERO) for day in day_list],
        estimated_owed=quantize(estimated or ZERO),
        settled_unpaid=max(-payable, ZERO),
    )
    overview.totals = {
        "clicks": sum(overview.clicks),
        "unique_clicks": sum(overview.unique_clicks),
        "bot_clicks": sum(overview.bot_clicks),
        "suspicious_clicks": sum(overview.suspicious_clicks),
        "orders": sum(overview.orders),
        "gmv": sum(overview.gmv, ZERO),
        "commission": sum(overview.commission, ZERO),
    }
    return overview


# --- Top promoters -------------------------------------------------------------------------------


@dataclass
class PromoterRow:
    promoter_id: int
    display_name: str = ""
    clicks: int = 0
    unique_clicks: int = 0
    bot_clicks: int = 0
    suspicious_clicks: int = 0
    orders: int = 0
    gmv: Decimal = ZERO
    commission: Decimal = ZERO

    @property
    def conversion(self) -> float | None:
        """Attributed orders per unique click; None without unique clicks (orders by coupon
        or binding)."""
        return self.orders / self.unique_clicks if self.unique_clicks else None


def top_promoters(
    *, merchant: Merchant, days: int, limit: int = 50, now: datetime | None = None
) -> tuple[Period, list[PromoterRow]]:
    """The promoters who brought the merchant clicks or orders in the period, by GMV (then
    orders, then clicks), the first `limit`. Four queries whatever the number of promoters."""
    period = Period.last(days, now=now)
    rows: dict[int, PromoterRow] = {}

    def row(promoter_id: int) -> PromoterRow:
        return rows.setdefault(promoter_id, PromoterRow(promoter_id=promoter_id))

    clicks = (
        Click.objects.filter(link__merchant=merchant, **period.within("created_at"))
        .values("link__promoter_id")
        .annotate(**click_counts())
        .order_by()
    )
    for found in clicks:
        target = row(found["link__promoter_id"])
        target.clicks = found["clicks_count"]
        target.unique_clicks = found["unique_clicks_count"]
        target.bot_clicks = found["bot_clicks_count"]
        target.suspicious_clicks = found["suspicious_clicks_count"]
    orders = (
        Order.objects.filter(ATTRIBUTED, merchant=merchant, **period.within("paid_at"))
        .values("promoter_id")
        .annotate(count=Count("pk"), gmv=Sum("amount", filter=VALID_ORDER))
        .order_by()
    )
    for found in orders:
        target = row(found["promoter_id"])
        target.orders = found["count"]
        target.gmv = quantize(found["gmv"] or ZERO)
    commissions = (
        Commission.objects.filter(
            merchant=merchant,
            status__in=EARNING,
            **period.within("paid_at"),
        )
        .values("promoter_id")
        .annotate(total=Sum("commission"))
        .order_by()
    )
    for found in commissions:
        row(found["promoter_id"]).commission = quantize(found["total"] or ZERO)
    ranked = sorted(rows.values(), key=lambda r: (-r.gmv, -r.orders, -r.clicks, r.promoter_id))[
        :limit
    ]
    names = dict(
        Promoter.objects.filter(pk__in=[r.promoter_id for r in ranked]).values_list(
            "pk", "display_name"
        )
    )
    for ranked_row in ranked:
        ranked_row.display_name = names.get(ranked_row.promoter_id, "")
    return period, ranked


# --- Lists ---------------------------------------------------------------------------------------


def _merchant_commission_sum() -> Coalesce:
    rows = (
        Commission.objects.filter(order=OuterRef("pk"), status__in=EARNING)
        .order_by()
        .values("order")
        .annotate(total=Sum("commission"))
        .values("total")
    )
    return Coalesce(Subquery(rows), ZERO, output_field=DecimalField())


def orders_for_merchant(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """Orders with the commission the merchant pays on them (C of the lines that still earn)
    and their lines' commission statuses, in one query plus one for the page's commissions."""
    return queryset.annotate(merchant_commission=_merchant_commission_sum()).prefetch_related(
        Prefetch(
            "commissions",
            queryset=Commission.objects.only("pk", "order_id", "status", "invalid_reason"),
            to_attr="line_commissions",
        )
    )


def orders_filter(
    queryset: QuerySet[Order],
    *,
    status: str = "",
    invalid_reason: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Order]:
    """Attributed orders unless the reason asked for is `unknown_source` (the unattributed
    ones); dates are days of paid_at in TIME_ZONE, both included."""
    Reason = Commission.InvalidReason
    if invalid_reason == Reason.UNKNOWN_SOURCE:
        queryset = queryset.filter(attribution=Order.Attribution.NONE)
    else:
        queryset = queryset.filter(ATTRIBUTED)
    if invalid_reason == Reason.CANCELLED:
        queryset = queryset.filter(status=Order.Status.CANCELLED)
    elif invalid_reason == Reason.REFUNDED:
        queryset = queryset.filter(status=Order.Status.REFUNDED)
    elif invalid_reason in (Reason.SELF_PURCHASE, Reason.ZERO_RATE, Reason.FRAUD):
        queryset = queryset.filter(
            pk__in=Commission.objects.filter(invalid_reason=invalid_reason).values("order_id")
        )
    if status:
        queryset = queryset.filter(status=status)
    if date_from is not None:
        queryset = queryset.filter(paid_at__gte=day_start(date_from))
    if date_to is not None:
        queryset = queryset.filter(paid_at__lt=day_start(date_to + timedelta(days=1)))
    return queryset


PRODUCT_SORTS = {
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
    "updated": ("updated_at", "pk"),
    "-updated": ("-updated_at", "-pk"),
}
DEFAULT_PRODUCT_SORT = "-updated"


def products_filter(
    queryset: QuerySet[Product],
    *,
    search: str = "",
    category=None,
    is_active: bool | None = None,
    stock_status: str = "",
    sort: str = DEFAULT_PRODUCT_SORT,
) -> QuerySet[Product]:
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(sku__icontains=search))
    if category is not None:
        queryset = queryset.filter(category=category)
    if is_active is not None:
        queryset = queryset.filter(is_active=is_active)
    if stock_status:
        queryset = queryset.filter(stock_status=stock_status)
    return queryset.order_by(*PRODUCT_SORTS.get(sort, PRODUCT_SORTS[DEFAULT_PRODUCT_SORT]))


def product_import_of(*, merchant: Merchant, pk: int) -> ProductImport | None:
    return ProductImport.objects.filter(merchant=merchant, pk=pk).defer("content").first()
