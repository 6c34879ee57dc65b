"""Aggregations behind the promoter's pages: the overview's window, the product selection with
the rate that applies to this promoter, and per-row stats of links, channels and downlines."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Round
from django.utils import timezone

from commissions.models import Commission, Order
from products.models import Coupon, Product
from products.selectors import promoter_rate
from promoters.models import Click, Link, Promoter, UplineRelation
from promoters.selectors import click_counts

from ..periods import Period, by_day

ZERO = Decimal("0.00")
# Statuses of a commission that still earns: estimated, confirmed, settled or paid.
EARNING_STATUSES = [
    Commission.Status.PENDING,
    Commission.Status.CONFIRMED,
    Commission.Status.SETTLED,
    Commission.Status.PAID,
]
SETTLED_STATUSES = [Commission.Status.SETTLED, Commission.Status.PAID]
POPULARITY_DAYS = 30


@dataclass(frozen=True)
class Window:
    days: list[date]
    clicks: list[int]
    orders: list[int]
    earnings: list[Decimal]
    # Per day too: people's first clicks (not suspicious), bots', and those the traffic rules
    # marked suspicious (docs/fraud.md).
    unique_clicks: list[int]
    bot_clicks: list[int]
    suspicious_clicks: list[int]

    @property
    def clicks_total(self) -> int:
        return sum(self.clicks)

    @property
    def unique_clicks_total(self) -> int:
        return sum(self.unique_clicks)

    @property
    def bot_clicks_total(self) -> int:
        return sum(self.bot_clicks)

    @property
    def suspicious_clicks_total(self) -> int:
        return sum(self.suspicious_clicks)

    @property
    def orders_total(self) -> int:
        return sum(self.orders)

    @property
    def earnings_total(self) -> Decimal:
        return sum(self.earnings, ZERO)

    @property
    def conversion(self) -> Decimal | None:
        """Orders per unique click; None without unique clicks."""
        if not self.unique_clicks_total:
            return None
        return Decimal(self.orders_total) / Decimal(self.unique_clicks_total)

    @property
    def earnings_per_click(self) -> Decimal | None:
        """Estimated earnings per unique click; None without unique clicks."""
        if not self.unique_clicks_total:
            return None
        return (self.earnings_total / self.unique_clicks_total).quantize(Decimal("0.01"))


def promoter_window(promoter: Promoter, *, days: int, now: datetime | None = None) -> Window:
    """Clicks, attributed orders and estimated earnings of the promoter's own sales per day over
    the last `days` calendar days, zero-filled: three grouped queries."""
    period = Period.last(days, now=now)
    calendar = period.day_list
    clicks = by_day(
        Click.objects.filter(link__promoter=promoter), "created_at", period, **click_counts()
    )
    orders = by_day(Order.objects.filter(promoter=promoter), "paid_at", period, total=Count("pk"))
    earnings = by_day(
        Commission.objects.filter(promoter=promoter, status__in=EARNING_STATUSES),
        "paid_at",
        period,
        total=Sum("promoter_amount"),
    )
    return Window(
        days=calendar,
        clicks=[clicks.get(day, {}).get("clicks_count", 0) for day in calendar],
        orders=[orders.get(day, {}).get("total", 0) for day in calendar],
        earnings=[earnings.get(day, {}).get("total") or ZERO for day in calendar],
        unique_clicks=[clicks.get(day, {}).get("unique_clicks_count", 0) for day in calendar],
        bot_clicks=[clicks.get(day, {}).get("bot_clicks_count", 0) for day in calendar],
        suspicious_clicks=[
            clicks.get(day, {}).get("suspicious_clicks_count", 0) for day in calendar
        ],
    )


# --- Product selection --------------------------------------------------------------------------


def products_for_promoter(
    queryset: QuerySet[Product], *, promoter: Promoter, now: datetime | None = None
) -> QuerySet[Product]:
    """Products with `promoter_rate` (the highest of the product's rate, or the merchant
    default, and every campaign open to this promoter now), `estimated_earning` (price x rate,
    to the cent) and `popularity` (clicks on any link to it over the last POPULARITY_DAYS)."""
    moment = now or timezone.now()
    since = moment - timedelta(days=POPULARITY_DAYS)
    clicks = (
        Click.objects.filter(link__product=OuterRef("pk"), created_at__gte=since)
        .order_by()
        .values("link__product")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(
        promoter_rate=promoter_rate(promoter_id=promoter.pk, moment=moment),
        estimated_earning=ExpressionWrapper(
            Round(F("price") * F("promoter_rate") / Value(Decimal(100)), precision=2),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        ),
        popularity=Coalesce(Subquery(clicks, output_field=IntegerField()), 0),
    )


def coupons_for_link(*, promoter: Promoter, merchant_id: int | None) -> QuerySet[Coupon]:
    """Coupons the promoter may put on a link to the merchant's goods: valid now, and general or
    exclusive to this promoter."""
    now = timezone.now()
    queryset = Coupon.objects.filter(
        Q(exclusive_promoter__isnull=True) | Q(exclusive_promoter=promoter),
        is_active=True,
        valid_from__lte=now,
        valid_until__gt=now,
    ).select_related("merchant")
    if merchant_id is None:
        return queryset.none()
    return queryset.filter(merchant_id=merchant_id).order_by("code")


# --- Links, channels, downlines -----------------------------------------------------------------


def _order_count(**filters) -> Coalesce:
    orders = Order.objects.filter(**filters).order_by().values(*filters).annotate(total=Count("pk"))
    return Coalesce(Subquery(orders.values("total"), output_field=IntegerField()), 0)


def _earning_sum(amount: str, *, group: str, **filters) -> Coalesce:
    rows = (
        Commission.objects.filter(status__in=EARNING_STATUSES, **filters)
        .order_by()
        .values(group)
        .annotate(total=Sum(amount))
    )
    return Coalesce(
        Subquery(rows.values("total"), output_field=DecimalField(max_digits=14, decimal_places=2)),
        Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def with_order_stats(links: QuerySet[Link]) -> QuerySet[Link]:
    """Links with their attributed orders and the estimated earnings of those orders."""
    return links.annotate(
        orders_count=_order_count(link=OuterRef("pk")),
        estimated_earnings=_earning_sum("promoter_amount", group="link", link=OuterRef("pk")),
    )


def downlines_with_stats(relations: QuerySet[UplineRelation], *, upline: Promoter):
    """Downline relations with the downline's attributed orders and what the upline earns from
    its sales (level 1 share, estimated)."""
    return relations.annotate(
        orders_count=_order_count(promoter=OuterRef("promoter_id")),
        upline_earnings=_earning_sum(
            "upline1_amount", group="promoter", promoter=OuterRef("promoter_id"), upline1=upline
        ),
    )
