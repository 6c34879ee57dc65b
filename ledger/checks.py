"""The ledger's invariants, checked by `manage.py check_ledger` and a periodic task, and the
registry of the checks the apps that post to it add (commissions, payouts, statements)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.audit import audit_record
from alliance.errors import Conflict
from alliance.money import quantize
from alliance.queue import enqueue_after_commit

from .models import LedgerCheck, LedgerEntry, LedgerTransaction

ZERO = Decimal("0.00")
HALF_CENT = Decimal("0.005")
# A check still queued or running after this long lost its worker (the task's time limit is
# 1800 s): it no longer blocks a new one, and the hourly check marks it failed.
STALE_SECONDS = 1800


@dataclass
class Findings:
    """What a registered check found, when it also counts what it read (the commissions' check
    counts the settled commissions, which the report and LedgerCheck keep)."""

    problems: list[str]
    commissions_checked: int = 0


# Checks of the apps that post to the ledger: each takes the number of problems it may still
# report and returns their descriptions (or Findings). An app adds its own in its
# AppConfig.ready(), so that this module never imports the apps built on it; they run in the
# order of INSTALLED_APPS (commissions, then statements and payouts).
LedgerCheckFunction = Callable[[int], list[str] | Findings]
LEDGER_CHECKS: list[LedgerCheckFunction] = []


def ledger_check_register(check: LedgerCheckFunction) -> None:
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
    """Every transaction sums to zero; all balances together sum to zero; and every check the
    apps registered holds (commissions: every settled commission has exactly one settlement
    posting and the ledger holds exactly its target; payouts; statements).

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

    # The books of the apps that post to the ledger, registered at start-up.
    for check in LEDGER_CHECKS:
        if len(problems) < limit:
            found = check(limit - len(problems))
            if isinstance(found, Findings):
                report.commissions_checked += found.commissions_checked
                found = found.problems
            problems.extend(found)
    del problems[limit:]
    return report


def ledger_check_request(*, actor) -> LedgerCheck:
    """An admin asks for a check now: it is queued, recorded in the audit log and handed to a
    worker once this transaction commits. One queued or running check at a time is enough;
    asking again meanwhile is refused."""
    from .tasks import run_ledger_check

    with transaction.atomic():
        # Not locked: two admins clicking at the same moment get two checks, which only read.
        if _ledger_checks_open().exists():
            raise Conflict(
                _("A ledger check is already queued or running."), code="ledger_check_running"
            )
        check = LedgerCheck.objects.create(requested_by=actor)
        audit_record(actor=actor, action="ledger_check.request", target=check)
        # A publish that fails is logged; the hourly check runs every queued one.
        enqueue_after_commit(run_ledger_check, check.pk)
    return check


def ledger_check_run(*, check: LedgerCheck) -> LedgerCheck:
    """Carry out a queued check, unless another worker has claimed it, and record its result:
    passed, or failed with the breaks found (or the error that stopped it)."""
    claimed = LedgerCheck.objects.filter(pk=check.pk, status=LedgerCheck.Status.QUEUED).update(
        status=LedgerCheck.Status.RUNNING, started_at=timezone.now()
    )
    check.refresh_from_db()
    if not claimed:
        return check
    try:
        report = ledger_check()
    except Exception as exc:
        LedgerCheck.objects.filter(pk=check.pk).update(
            status=LedgerCheck.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    LedgerCheck.objects.filter(pk=check.pk).update(
        status=LedgerCheck.Status.PASSED if report.is_clean else LedgerCheck.Status.FAILED,
        finished_at=timezone.now(),
        breaks=report.problems,
        transactions=report.transactions,
        entries=report.entries,
        commissions_checked=report.commissions_checked,
    )
    check.refresh_from_db()
    return check


def ledger_check_scheduled() -> LedgerCheck:
    """The hourly check: closes checks whose worker died, then runs a queued check an admin
    asked for (one whose task was lost still runs) or a new one, and records it."""
    LedgerCheck.objects.filter(
        status=LedgerCheck.Status.RUNNING,
        started_at__lt=timezone.now() - timedelta(seconds=STALE_SECONDS),
    ).update(
        status=LedgerCheck.Status.FAILED,
        finished_at=timezone.now(),
        error=_("The check stopped without a result (its worker was lost)."),
    )
    check = LedgerCheck.objects.filter(status=LedgerCheck.Status.QUEUED).order_by("pk").first()
    return ledger_check_run(check=check or LedgerCheck.objects.create())


def _ledger_checks_open():
    return LedgerCheck.objects.filter(
        status__in=[LedgerCheck.Status.QUEUED, LedgerCheck.Status.RUNNING],
        created_at__gte=timezone.now() - timedelta(seconds=STALE_SECONDS),
    )
