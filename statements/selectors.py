"""Read paths for statements: the ledger's sums for a month, a statement's lines, and what each
user may see. Every amount comes from the ledger's entries, in set-based queries."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from alliance.money import quantize
from alliance.roles import Role, merchant_of, role_of
from ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction
from ledger.services import account_key

from .models import Statement
from .months import month_bounds, month_of

ZERO = Decimal("0.00")
Kind = LedgerTransaction.Kind
Account = LedgerAccount.Kind
# The postings a statement holds: settlements and the adjustments after them. A statement's own
# payment (kind statement_payment) also touches merchant payable but is not part of any month.
STATEMENT_KINDS = (Kind.SETTLEMENT, Kind.ADJUSTMENT)
# The order of a statement's fields that come from the ledger.
TOTAL_FIELDS = (
    "commission_count",
    "commission_total",
    "promoter_total",
    "platform_fee_total",
    "adjustment_total",
    "total_owed",
)


@dataclass
class MonthTotals:
    commission_count: int = 0
    commission_total: Decimal = ZERO
    promoter_total: Decimal = ZERO
    platform_fee_total: Decimal = ZERO
    adjustment_total: Decimal = ZERO
    total_owed: Decimal = ZERO

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in TOTAL_FIELDS}


def _sum(value) -> Decimal:
    return quantize(value or ZERO)


def _moment(*, month: date | None, since: date | None, until) -> Q:
    """The entries whose transaction was written in `month`, from `since`'s month on, and
    before `until` (each only when given)."""
    moment = Q()
    if month is not None:
        start, end = month_bounds(month)
        moment &= Q(transaction__created_at__gte=start, transaction__created_at__lt=end)
    if since is not None:
        moment &= Q(transaction__created_at__gte=month_bounds(since)[0])
    if until is not None:
        moment &= Q(transaction__created_at__lt=until)
    return moment


def _payable_totals(*, moment: Q, merchant_ids: list[int] | None) -> dict:
    """The merchant payable side per (merchant, month): the count, C, the adjustments and the
    total owed."""
    owners = Q() if merchant_ids is None else Q(account__merchant_id__in=merchant_ids)
    payable = (
        LedgerEntry.objects.filter(
            moment,
            owners,
            account__kind=Account.MERCHANT_PAYABLE,
            transaction__kind__in=STATEMENT_KINDS,
        )
        .annotate(
            period=TruncMonth("transaction__created_at", tzinfo=timezone.get_default_timezone())
        )
        .values("account__merchant_id", "period")
        .annotate(
            count=Count("pk", filter=Q(transaction__kind=Kind.SETTLEMENT)),
            settled=Sum("amount", filter=Q(transaction__kind=Kind.SETTLEMENT)),
            adjusted=Sum("amount", filter=Q(transaction__kind=Kind.ADJUSTMENT)),
        )
        .order_by()
    )
    totals: dict[tuple[int, date], MonthTotals] = {}
    for row in payable:
        settled, adjusted = _sum(row["settled"]), _sum(row["adjusted"])
        key = (row["account__merchant_id"], month_of(row["period"]))
        totals[key] = MonthTotals(
            commission_count=row["count"],
            commission_total=-settled,
            adjustment_total=-adjusted,
            total_owed=-(settled + adjusted),
        )
    return totals


def _add_settlement_shares(totals: dict, *, moment: Q, merchant_ids: list[int] | None) -> None:
    """Add F and P + U1 + U2 to `totals`: the other entries of the same settlements, found
    through their commission. A settlement posts -C on merchant_payable of its commission's
    merchant (ledger_target; check_ledger verifies every settled commission holds exactly
    that), so the two groupings agree."""
    commission_owners = (
        Q() if merchant_ids is None else Q(transaction__commission__merchant_id__in=merchant_ids)
    )
    other_side = (
        LedgerEntry.objects.filter(
            moment,
            commission_owners,
            transaction__kind=Kind.SETTLEMENT,
            account__kind__in=[Account.PLATFORM_REVENUE, Account.PROMOTER_AVAILABLE],
        )
        .annotate(
            period=TruncMonth("transaction__created_at", tzinfo=timezone.get_default_timezone()),
            owner=F("transaction__commission__merchant_id"),
        )
        .values("owner", "period")
        .annotate(
            fees=Sum("amount", filter=Q(account__kind=Account.PLATFORM_REVENUE)),
            shares=Sum("amount", filter=Q(account__kind=Account.PROMOTER_AVAILABLE)),
        )
        .order_by()
    )
    for row in other_side:
        key = (row["owner"], month_of(row["period"]))
        found = totals.setdefault(key, MonthTotals())
        found.platform_fee_total = _sum(row["fees"])
        found.promoter_total = _sum(row["shares"])


def ledger_month_totals(
    *,
    month: date | None = None,
    since: date | None = None,
    merchant_ids: Iterable[int] | None = None,
    until=None,
) -> dict[tuple[int, date], MonthTotals]:
    """The ledger's sums per (merchant, month) of the settlement and adjustment postings, by
    the month their transaction was written in (TIME_ZONE). `month` limits it to one month,
    `since` to that month and later ones, `until` to postings before that moment.

    Two grouped queries: the merchant payable entries (which give the count, C, the adjustments
    and the total owed), and the other entries of the same settlements (F, and P + U1 + U2).
    A month that ended never changes: its postings are written once, stamped when written."""
    moment = _moment(month=month, since=since, until=until)
    owner_ids = None if merchant_ids is None else list(merchant_ids)
    totals = _payable_totals(moment=moment, merchant_ids=owner_ids)
    if totals:
        _add_settlement_shares(totals, moment=moment, merchant_ids=owner_ids)
    return totals


def month_totals(*, merchant_id: int, month: date, until=None) -> MonthTotals:
    """One merchant's sums for one month (the running month: pass no `until`, it is live)."""
    totals = ledger_month_totals(month=month, merchant_ids=[merchant_id], until=until)
    return totals.get((merchant_id, month), MonthTotals())


# --- Lines ---------------------------------------------------------------------------------------

LINE_FIELDS = (
    "posted_at",
    "kind",
    "order_id",
    "sku",
    "promoter_name",
    "settled_at",
    "base_amount",
    "rate",
    "commission",
    "platform_fee",
    "promoter_amount",
    "upline1_amount",
    "upline2_amount",
)


def statement_lines(*, merchant_id: int, month: date) -> QuerySet:
    """The postings of the merchant's month, one row per transaction, oldest first, as dicts:
    the amounts are that posting's entries (the commission is what it changed the merchant's
    payable by: C for a settlement, minus what a clawback took back); the order, SKU, promoter,
    base and rate are the commission's."""
    start, end = month_bounds(month)
    payable_key = account_key(Account.MERCHANT_PAYABLE, merchant_id=merchant_id)
    on_payable = LedgerEntry.objects.filter(transaction=OuterRef("pk"), account__key=payable_key)
    amount = "entries__amount"
    return (
        LedgerTransaction.objects.filter(
            Exists(on_payable),
            kind__in=STATEMENT_KINDS,
            created_at__gte=start,
            created_at__lt=end,
        )
        .values(
            "pk",
            "kind",
            posted_at=F("created_at"),
            order_id=F("commission__order__order_id"),
            sku=F("commission__order_item__sku"),
            promoter_name=F("commission__promoter__display_name"),
            settled_at=F("commission__settled_at"),
            base_amount=F("commission__base_amount"),
            rate=F("commission__rate"),
        )
        .annotate(
            payable=Sum(amount, filter=Q(entries__account__key=payable_key)),
            platform_fee=Sum(amount, filter=Q(entries__account__kind=Account.PLATFORM_REVENUE)),
            promoter_amount=Sum(
                amount, filter=Q(entries__account__promoter_id=F("commission__promoter_id"))
            ),
            upline1_amount=Sum(
                amount, filter=Q(entries__account__promoter_id=F("commission__upline1_id"))
            ),
            upline2_amount=Sum(
                amount, filter=Q(entries__account__promoter_id=F("commission__upline2_id"))
            ),
        )
        .order_by("created_at", "pk")
    )


def line_amounts(row: dict) -> dict:
    """A row of statement_lines with its amounts to the cent and missing entries as 0.00."""
    return {
        **row,
        "commission": -_sum(row["payable"]),
        "platform_fee": _sum(row["platform_fee"]),
        "promoter_amount": _sum(row["promoter_amount"]),
        "upline1_amount": _sum(row["upline1_amount"]),
        "upline2_amount": _sum(row["upline2_amount"]),
    }


# --- Who sees what -------------------------------------------------------------------------------


def statements_visible_to(user) -> QuerySet[Statement]:
    """Admins see every statement, a merchant member its merchant's; nobody else any."""
    role = role_of(user)
    queryset = Statement.objects.select_related("merchant", "paid_by")
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(merchant=merchant_of(user))
    return queryset.none()
