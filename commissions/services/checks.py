"""The ledger's invariants, checked by `manage.py check_ledger` and a periodic task."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from alliance.money import quantize

from ..models import Commission, LedgerEntry, LedgerTransaction
from . import ledger
from .commissions import ledger_target

ZERO = Decimal("0.00")
HALF_CENT = Decimal("0.005")
# Commissions are checked in slices of this many, to keep memory flat on a large ledger.
CHUNK = 2000
# Checks of the apps that post to the ledger on top of commissions: each takes the number of
# problems it may still report and returns their descriptions. An app adds its own in its
# AppConfig.ready(), so that this module never imports the apps built on it.
LEDGER_CHECKS: list[Callable[[int], list[str]]] = []


def ledger_check_register(check: Callable[[int], list[str]]) -> None:
    if check not in LEDGER_CHECKS:
        LEDGER_CHECKS.append(check)


@dataclass
class LedgerReport:
    transactions: int = 0
    entries: int = 0
    commissions_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems


def ledger_check(*, limit: int = 50) -> LedgerReport:
    """Every transaction sums to zero; all balances together sum to zero; every settled
    commission has exactly one settlement posting and the ledger holds exactly its target
    (its split while settled, nothing once reversed or void); an unsettled one has none.

    Read as of one moment: in a REPEATABLE READ transaction on PostgreSQL, so a posting
    committed midway cannot look like a break (inside a caller's transaction, in that one)."""
    if connection.in_atomic_block:
        return _ledger_check(limit)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _ledger_check(limit)


def _ledger_check(limit: int) -> LedgerReport:
    report = LedgerReport(
        transactions=LedgerTransaction.objects.count(), entries=LedgerEntry.objects.count()
    )
    problems = report.problems
    unbalanced = (
        LedgerEntry.objects.values("transaction__idempotency_key")
        .annotate(total=Sum("amount"))
        # Not zero to the cent (SQLite sums decimals as floats; on PostgreSQL this is != 0).
        .filter(Q(total__gte=HALF_CENT) | Q(total__lte=-HALF_CENT))
        .order_by("transaction__idempotency_key")[:limit]
    )
    for row in unbalanced:
        problems.append(
            f"transaction {row['transaction__idempotency_key']} sums to "
            f"{quantize(row['total'])}, not 0"
        )
    grand_total = quantize(LedgerEntry.objects.aggregate(total=Sum("amount"))["total"] or ZERO)
    if grand_total != ZERO:
        problems.append(f"the balances of all accounts sum to {grand_total}, not 0")

    posted_elsewhere = Commission.objects.filter(settled_at__isnull=True).filter(
        postings__isnull=False
    )
    for commission_id in posted_elsewhere.values_list("pk", flat=True).distinct()[:limit]:
        problems.append(f"commission {commission_id} is not settled but has postings")

    settled = Commission.objects.filter(settled_at__isnull=False).annotate(
        settlements=Count("postings", filter=Q(postings__kind=LedgerTransaction.Kind.SETTLEMENT))
    )
    last_pk = 0
    while len(problems) < limit:
        chunk = list(settled.filter(pk__gt=last_pk).order_by("pk")[:CHUNK])
        if not chunk:
            break
        last_pk = chunk[-1].pk
        report.commissions_checked += len(chunk)
        posted = ledger.posted_by_commission(c.pk for c in chunk)
        for commission in chunk:
            if commission.settlements != 1:
                problems.append(
                    f"commission {commission.pk} has {commission.settlements} settlement "
                    "postings, not 1"
                )
            target = {k: v for k, v in ledger_target(commission).items() if v}
            held = {k: v for k, v in posted.get(commission.pk, {}).items() if v}
            if target != held:
                problems.append(
                    f"commission {commission.pk} ({commission.status}) should hold {target} "
                    f"in the ledger but holds {held}"
                )
    # The books of the apps built on this one (payouts, statements), registered at start-up.
    for check in LEDGER_CHECKS:
        if len(problems) < limit:
            problems.extend(check(limit - len(problems)))
    del problems[limit:]
    return report
