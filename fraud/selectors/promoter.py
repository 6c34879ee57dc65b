"""What promoters and merchants see of fraud review (docs/fraud.md, "What promoters and
merchants see"): the amounts on hold by kind of reason, the penalised orders (处罚订单) with
their reason code and the flag to appeal, and a merchant's held commissions, flags and
suspicious clicks. Never a rule's thresholds or evidence: those are for the admin queue."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.money import quantize
from alliance.roles import Role, merchant_of, promoter_of, role_of
from commissions.models import Commission, Order
from payouts.models import PayoutHold
from products.models import Merchant
from promoters.models import Click, Promoter

from ..models import REASON_KINDS, Flag, ReasonKind, Rule

ZERO = Decimal("0.00")
CommissionStatus = Commission.Status


class PenaltyStatus(models.TextChoices):
    """Where a penalised order stands, the first that applies: `voided` (a line was voided
    with reason fraud), `held` (a line is held by an open high flag), `marked` (an open low
    flag touches it), `cleared` (every flag touching it was cleared)."""

    VOIDED = "voided", _("Voided after review")
    HELD = "held", _("Held for review")
    MARKED = "marked", _("Marked for review")
    CLEARED = "cleared", _("Cleared after review")


def rules_of_kind(kind: str) -> list[str]:
    return [rule for rule, rule_kind in REASON_KINDS.items() if rule_kind == kind]


def _flags_touching_order() -> QuerySet[Flag]:
    return Flag.objects.filter(Q(orders=OuterRef("pk")) | Q(commissions__order=OuterRef("pk")))


def _flag_field(flags: QuerySet[Flag], name: str, output) -> Subquery:
    return Subquery(flags.values(name)[:1], output_field=output)


def penalised_orders(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """The orders of `queryset` a penalty or a review touches: a line voided with reason
    fraud, a line held by an open high flag, or any flag (open, cleared or confirmed) on the
    order or its lines. Annotated with `penalty_status` (PenaltyStatus), `promoter_commission`
    (the promoter's share P of all the order's lines, voided ones included) and the order's
    main flag (`flag_id`, `flag_rule`, `flag_status`, `flag_appeal_note`): the open one first,
    high before low, then confirmed, then cleared, newest first."""
    lines = Commission.objects.filter(order=OuterRef("pk"))
    flags = _flags_touching_order()
    main = flags.order_by(
        Case(
            When(status=Flag.Status.OPEN, then=Value(0)),
            When(status=Flag.Status.CONFIRMED, then=Value(1)),
            default=Value(2),
        ),
        Case(When(severity=Flag.Severity.HIGH, then=Value(0)), default=Value(1)),
        "-created_at",
        "-pk",
    )
    fraud_void = Q(status=CommissionStatus.VOID, invalid_reason=Commission.InvalidReason.FRAUD)
    candidates = Commission.objects.filter(
        Q(review_hold=True) | fraud_void | Q(fraud_flags__isnull=False)
    ).values("order_id")
    flagged = Flag.orders.through.objects.values("order_id")
    share = lines.order_by().values("order").annotate(total=Sum("promoter_amount")).values("total")
    text = CharField()
    return queryset.filter(Q(pk__in=candidates) | Q(pk__in=flagged)).annotate(
        penalty_status=Case(
            When(Exists(lines.filter(fraud_void)), then=Value(PenaltyStatus.VOIDED)),
            When(Exists(lines.filter(review_hold=True)), then=Value(PenaltyStatus.HELD)),
            When(Exists(flags.filter(status=Flag.Status.OPEN)), then=Value(PenaltyStatus.MARKED)),
            default=Value(PenaltyStatus.CLEARED),
            output_field=text,
        ),
        promoter_commission=Coalesce(Subquery(share), ZERO, output_field=DecimalField()),
        flag_id=_flag_field(main, "pk", None),
        flag_rule=_flag_field(main, "rule", text),
        flag_status=_flag_field(main, "status", text),
        flag_appeal_note=_flag_field(main, "appeal_note", text),
    )


def penalised_orders_filter(
    queryset: QuerySet[Order], *, status: str = "", reason_kind: str = ""
) -> QuerySet[Order]:
    """Narrowed to one PenaltyStatus and one ReasonKind (of the order's main flag)."""
    # Annotations of penalised_orders(), which the model's typed fields do not list.
    if status:
        queryset = queryset.filter(**{"penalty_status": status})
    if reason_kind:
        queryset = queryset.filter(**{"flag_rule__in": rules_of_kind(reason_kind)})
    return queryset


def penalised_orders_visible_to(user) -> QuerySet[Order]:
    """A promoter's own orders, a merchant's own orders, every order for admins; newest paid
    first."""
    role = role_of(user)
    queryset = Order.objects.select_related("merchant")
    if role == Role.PROMOTER:
        queryset = queryset.filter(promoter=promoter_of(user))
    elif role == Role.MERCHANT:
        queryset = queryset.filter(merchant=merchant_of(user))
    elif role != Role.ADMIN:
        return Order.objects.none()
    return penalised_orders(queryset).order_by("-paid_at", "-pk")


def order_penalties(order_ids) -> dict[int, str]:
    """PenaltyStatus of those of the orders that have one, in one query (the merchant's
    orders page marks them)."""
    ids = list(order_ids)
    if not ids:
        return {}
    rows = penalised_orders(Order.objects.filter(pk__in=ids))
    columns = ("pk", "penalty_status")  # an annotation, which the typed model does not list
    return dict(rows.values_list(*columns))


# --- A promoter's amounts on hold ----------------------------------------------------------------


@dataclass
class KindHold:
    kind: str
    label: str
    count: int = 0
    amount: Decimal = ZERO


@dataclass
class PromoterHolds:
    """The promoter's share P of its own sales' commissions under review hold (not void)."""

    total: Decimal = ZERO
    count: int = 0
    by_status: dict[str, Decimal] = field(default_factory=dict)
    by_kind: list[KindHold] = field(default_factory=list)
    payouts_held: bool = False


def promoter_holds(promoter: Promoter) -> PromoterHolds:
    """What is on hold for the promoter, in three queries: the held commissions by status,
    the same by the reason kind of the open high flags that hold them (a commission held by
    flags of two kinds counts under each; the total counts it once), and whether a fraud
    payout hold keeps its payouts."""
    held = Commission.objects.filter(promoter=promoter, review_hold=True).exclude(
        status=CommissionStatus.VOID
    )
    result = PromoterHolds()
    for status, count, amount in (
        held.order_by()
        .values("status")
        .annotate(count=Count("pk"), amount=Sum("promoter_amount"))
        .values_list("status", "count", "amount")
    ):
        result.by_status[status] = quantize(amount or ZERO)
        result.count += count
        result.total += amount or ZERO
    result.total = quantize(result.total)
    pairs = (
        Flag.commissions.through.objects.filter(
            commission__in=held, flag__status=Flag.Status.OPEN, flag__severity=Flag.Severity.HIGH
        )
        .values_list("commission_id", "flag__rule", "commission__promoter_amount")
        .distinct()
    )
    seen: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for commission_id, rule, amount in pairs:
        seen[REASON_KINDS[rule]][commission_id] = amount
    for kind, label in ReasonKind.choices:
        if kind in seen:
            amounts = seen[kind].values()
            result.by_kind.append(
                KindHold(kind, str(label), len(amounts), quantize(sum(amounts, ZERO)))
            )
    result.payouts_held = PayoutHold.objects.filter(
        promoter=promoter, source=PayoutHold.Source.FRAUD, released_at__isnull=True
    ).exists()
    return result


# --- A merchant's view ---------------------------------------------------------------------------


@dataclass
class MerchantFraudSummary:
    held_count: int
    held_commission: Decimal
    open_flags: int
    open_reports: int
    clicks: int
    suspicious_clicks: int
    days: int


def merchant_fraud_summary(merchant: Merchant, *, days: int = 30) -> MerchantFraudSummary:
    """For the merchant's orders page, in three queries: its commissions held for review
    (count, and the whole commission C it would pay), the open flags on its orders (its own
    open reports among them), and of the last `days` days' clicks on its links, bots left
    out, how many are suspicious (Click.is_suspicious)."""
    held = (
        Commission.objects.filter(merchant=merchant, review_hold=True)
        .exclude(status=CommissionStatus.VOID)
        .aggregate(count=Count("pk"), amount=Sum("commission"))
    )
    flags = Flag.objects.filter(merchant=merchant, status=Flag.Status.OPEN).aggregate(
        total=Count("pk"), reports=Count("pk", filter=Q(rule=Rule.MERCHANT_REPORT))
    )
    clicks = Click.objects.filter(
        link__merchant=merchant,
        is_bot=False,
        created_at__gte=timezone.now() - timedelta(days=days),
    ).aggregate(total=Count("pk"), suspicious=Count("pk", filter=Q(is_suspicious=True)))
    return MerchantFraudSummary(
        held_count=held["count"],
        held_commission=quantize(held["amount"] or ZERO),
        open_flags=flags["total"],
        open_reports=flags["reports"],
        clicks=clicks["total"],
        suspicious_clicks=clicks["suspicious"],
        days=days,
    )
