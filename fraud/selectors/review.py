"""Reads for the admin's fraud queue (docs/fraud.md "Review"): the queue with its filters, and
one flag's detail: its evidence, what it touches, the promoter's history and the accounts that
look like the same person (a shared payout account, a shared sign-in network, an upline chain
or downlines created minutes apart). Each read is a fixed number of queries, whatever the
number of rows."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from commissions.models import Commission, Order
from payouts.models import PayoutMethod
from promoters.models import Click, Promoter, UplineRelation

from ..models import Flag, Sighting

Status = Flag.Status
# "any" in a status filter: every status.
ANY = "any"
# Accounts created this close to the promoter's own (an upline above it, a downline below it)
# are shown as "created minutes apart" beside it: a farm registers its chain in one sitting.
CHAIN_MINUTES = 60
# At most this many of each kind of similar account, and of sample clicks: enough to judge, and
# the page stays one screen.
SIMILAR_LIMIT = 20
CLICKS_SAMPLE = 20
ZERO = Decimal("0.00")
# Why another account is shown beside a flag's promoter.
SIMILAR_REASONS = ("payout_account", "network", "upline", "downline")


def _count_of(through, **where) -> Coalesce:
    rows = (
        through.objects.filter(flag_id=OuterRef("pk"), **where)
        .order_by()
        .values("flag_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def flags_queue() -> QuerySet[Flag]:
    """Every flag with what the queue shows of it, high severity first, then oldest first (the
    longest-waiting money first): its promoter and merchant, how many orders and commissions it
    touches and how many of those are held."""
    orders = Flag.orders.through
    commissions = Flag.commissions.through
    return (
        Flag.objects.select_related("promoter", "merchant")
        .annotate(
            severity_rank=Case(
                When(severity=Flag.Severity.HIGH, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            order_count=_count_of(orders),
            commission_count=_count_of(commissions),
            held_count=_count_of(commissions, commission__review_hold=True),
        )
        .order_by("severity_rank", "created_at", "pk")
    )


def flags_filter(
    queryset: QuerySet[Flag],
    *,
    status: str = Status.OPEN,
    rule: str = "",
    severity: str = "",
    merchant: int | None = None,
    promoter: int | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    older_than_days: int | None = None,
    now: datetime | None = None,
) -> QuerySet[Flag]:
    """The queue narrowed: by status (open unless told, `any` for all), rule, severity,
    merchant, promoter, and age (created after / before a moment, or more than N days ago)."""
    if status and status != ANY:
        queryset = queryset.filter(status=status)
    if rule:
        queryset = queryset.filter(rule=rule)
    if severity:
        queryset = queryset.filter(severity=severity)
    if merchant is not None:
        queryset = queryset.filter(merchant_id=merchant)
    if promoter is not None:
        queryset = queryset.filter(promoter_id=promoter)
    if created_after is not None:
        queryset = queryset.filter(created_at__gte=created_after)
    if created_before is not None:
        queryset = queryset.filter(created_at__lt=created_before)
    if older_than_days is not None:
        moment = (now or timezone.now()) - timedelta(days=older_than_days)
        queryset = queryset.filter(created_at__lt=moment)
    return queryset


# --- One flag ---------------------------------------------------------------------------------


@dataclass
class History:
    """A promoter's record, to judge a flag against: its clicks (unique, bot and suspicious
    counted apart), orders, conversion (orders per unique click), refunds, commissions by
    status, and its flags by status."""

    promoter: Promoter
    account_age_days: int
    clicks: int
    unique_clicks: int
    bot_clicks: int
    suspicious_clicks: int
    orders: int
    refunded_orders: int
    gmv: Decimal
    refunded_amount: Decimal
    conversion: float | None
    refund_rate: float | None
    commissions: dict[str, Decimal]
    flags: dict[str, int]


@dataclass
class Similar:
    """Another promoter that looks like the same person, and why: `reasons` are `payout_account`,
    `network`, `upline` (above it in its chain) or `downline`; `minutes_apart` between the two
    accounts' creation."""

    promoter: Promoter
    reasons: list[str] = field(default_factory=list)
    minutes_apart: int = 0
    open_flags: int = 0
    orders: int = 0


@dataclass
class FlagDetail:
    flag: Flag
    orders: list[Order]
    commissions: list[Commission]
    clicks: list[Click]
    history: History
    similar: list[Similar]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def promoter_history(promoter: Promoter, *, now: datetime | None = None) -> History:
    """The promoter's history in four queries (clicks, orders, commissions, flags)."""
    now = now or timezone.now()
    clicks = Click.objects.filter(link__promoter=promoter).aggregate(
        total=Count("pk"),
        unique=Count("pk", filter=Q(is_unique=True)),
        bot=Count("pk", filter=Q(is_bot=True)),
        suspicious=Count("pk", filter=Q(is_suspicious=True)),
    )
    orders = Order.objects.filter(promoter=promoter).aggregate(
        total=Count("pk"),
        refunded=Count("pk", filter=Q(refunded_amount__gt=0) | Q(status=Order.Status.REFUNDED)),
        gmv=Coalesce(Sum("amount"), Value(ZERO)),
        refunded_amount=Coalesce(Sum("refunded_amount"), Value(ZERO)),
    )
    by_status = dict(
        Commission.objects.filter(promoter=promoter)
        .order_by()
        .values("status")
        .annotate(total=Sum("promoter_amount"))
        .values_list("status", "total")
    )
    flags = dict(
        Flag.objects.filter(promoter=promoter)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return History(
        promoter=promoter,
        account_age_days=max((now - promoter.created_at).days, 0),
        clicks=clicks["total"],
        unique_clicks=clicks["unique"],
        bot_clicks=clicks["bot"],
        suspicious_clicks=clicks["suspicious"],
        orders=orders["total"],
        refunded_orders=orders["refunded"],
        gmv=orders["gmv"],
        refunded_amount=orders["refunded_amount"],
        conversion=_ratio(orders["total"], clicks["unique"]),
        refund_rate=_ratio(orders["refunded"], orders["total"]),
        commissions={s: by_status.get(s) or ZERO for s in Commission.Status.values},
        flags={s: flags.get(s, 0) for s in Status.values},
    )


def _shared_payout(promoter: Promoter) -> set[int]:
    """Promoters with a payout account equal to one of this promoter's: the service stores
    bank and phone accounts as digits only, and an email compares without case."""
    own = (
        PayoutMethod.objects.filter(promoter=promoter)
        .annotate(normal=Lower("account"))
        .values("normal")
    )
    return set(
        PayoutMethod.objects.annotate(normal=Lower("account"))
        .filter(normal__in=Subquery(own))
        .exclude(promoter=promoter)
        .values_list("promoter_id", flat=True)[: SIMILAR_LIMIT * 5]
    )


def _shared_network(promoter: Promoter) -> set[int]:
    """Promoters whose users signed in from a network this promoter's user signed in from."""
    own = Sighting.objects.filter(user_id=promoter.user_id).values("ip_hash")
    users = (
        Sighting.objects.filter(ip_hash__in=Subquery(own))
        .exclude(user_id=promoter.user_id)
        .values("user_id")
    )
    return set(
        Promoter.objects.filter(user_id__in=Subquery(users)).values_list("pk", flat=True)[
            : SIMILAR_LIMIT * 5
        ]
    )


def _chain(promoter: Promoter) -> tuple[list[int], set[int]]:
    """The promoter's upline chain (at most 2 levels, as commissions count it) and its direct
    downlines created within CHAIN_MINUTES of it."""
    relations = {
        r.promoter_id: r.upline_id
        for r in UplineRelation.objects.filter(
            Q(promoter=promoter) | Q(promoter__downline_links__promoter=promoter)
        ).only("promoter_id", "upline_id")
    }
    chain: list[int] = []
    current = promoter.pk
    while current in relations and len(chain) < 2:
        current = relations[current]
        chain.append(current)
    window = timedelta(minutes=CHAIN_MINUTES)
    downlines = set(
        UplineRelation.objects.filter(
            upline=promoter,
            promoter__created_at__gte=promoter.created_at - window,
            promoter__created_at__lte=promoter.created_at + window,
        ).values_list("promoter_id", flat=True)[:SIMILAR_LIMIT]
    )
    return chain, downlines


def similar_accounts(promoter: Promoter) -> list[Similar]:
    """The accounts beside this one, most reasons first, then closest in creation time."""
    reasons: dict[int, list[str]] = {}
    for pk in _shared_payout(promoter):
        reasons.setdefault(pk, []).append("payout_account")
    for pk in _shared_network(promoter):
        reasons.setdefault(pk, []).append("network")
    chain, downlines = _chain(promoter)
    for pk in chain:
        reasons.setdefault(pk, []).append("upline")
    for pk in downlines:
        reasons.setdefault(pk, []).append("downline")
    reasons.pop(promoter.pk, None)
    if not reasons:
        return []
    rows = Promoter.objects.filter(pk__in=reasons).annotate(
        open_flags=Count("fraud_flags", filter=Q(fraud_flags__status=Status.OPEN), distinct=True),
        order_count=Coalesce(
            Subquery(
                Order.objects.filter(promoter=OuterRef("pk"))
                .order_by()
                .values("promoter")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    )
    similar = [
        Similar(
            promoter=row,
            reasons=reasons[row.pk],
            minutes_apart=int(abs((row.created_at - promoter.created_at).total_seconds()) // 60),
            open_flags=row.open_flags,
            orders=row.order_count,
        )
        for row in rows
    ]
    similar.sort(key=lambda s: (-len(s.reasons), s.minutes_apart, s.promoter.pk))
    return similar[:SIMILAR_LIMIT]


def _click_id(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def flag_clicks(flag: Flag) -> list[Click]:
    """A sample of the clicks the evidence names (`clicks`: click ids), oldest first."""
    named = flag.evidence.get("clicks") if isinstance(flag.evidence, dict) else None
    if not isinstance(named, list):
        return []
    wanted = [i for i in map(_click_id, named[: CLICKS_SAMPLE * 2]) if i is not None]
    if not wanted:
        return []
    rows = Click.objects.filter(pk__in=wanted[:CLICKS_SAMPLE]).select_related("link")
    return list(rows.order_by("created_at"))


def flag_detail(flag: Flag, *, now: datetime | None = None) -> FlagDetail:
    """Everything the admin judges a flag by, in a fixed number of queries."""
    orders = list(flag.orders.order_by("paid_at", "pk"))
    commissions = list(flag.commissions.select_related("order").order_by("paid_at", "pk"))
    return FlagDetail(
        flag=flag,
        orders=orders,
        commissions=commissions,
        clicks=flag_clicks(flag),
        history=promoter_history(flag.promoter, now=now),
        similar=similar_accounts(flag.promoter),
    )


def flag_for_review(pk: int) -> Flag:
    """One flag with who it is about and who decided it (raises Flag.DoesNotExist)."""
    return Flag.objects.select_related("promoter", "merchant", "reviewed_by", "reported_by").get(
        pk=pk
    )
