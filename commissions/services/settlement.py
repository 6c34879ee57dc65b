"""Settlement runs: every commission that is confirmed and due credited to the balances, in
batches, each batch one transaction. Two runs at once never settle a commission twice: each
takes its batch with `FOR UPDATE SKIP LOCKED`, and a commission is settled only from confirmed.

The cycle (ALLIANCE_SETTLEMENT_CYCLE) decides what a scheduled run settles:
- continuous: each run settles what is due at the moment it starts;
- monthly: on day ALLIANCE_SETTLEMENT_DAY (D) of each month, or the first run after it, one
  run settles what became due before day ALLIANCE_SETTLEMENT_CUTOFF_DAY (C) of that month, at
  00:00 in TIME_ZONE. With C = 1 that is everything due by the end of the month before."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.audit import audit_record
from alliance.errors import Conflict
from alliance.queue import enqueue_after_commit
from alliance.roles import STATUS_RIGHTS, Right

from ..models import Commission, SettlementRun
from .commissions import commissions_settle

ZERO = Decimal("0.00")
CONTINUOUS = "continuous"
MONTHLY = "monthly"
Status = SettlementRun.Status
# Enough to settle a commission and credit its balances; the rest stays on disk.
SETTLE_FIELDS = [
    "status",
    "invalid_reason",
    "settled_at",
    "available_at",
    "order_id",
    "merchant_id",
    "promoter_id",
    "upline1_id",
    "upline2_id",
    "commission",
    "platform_fee",
    "promoter_amount",
    "upline1_amount",
    "upline2_amount",
]


@dataclass(frozen=True)
class Cycle:
    label: str  # "continuous" or the month, "2026-11"
    cutoff: datetime


def settlement_cycle(now: datetime | None = None) -> Cycle:
    """The cycle a run started at `now` belongs to, and its cutoff."""
    now = now or timezone.now()
    if settings.ALLIANCE_SETTLEMENT_CYCLE == CONTINUOUS:
        return Cycle(CONTINUOUS, now)
    local = timezone.localtime(now)
    cutoff = local.replace(
        day=settings.ALLIANCE_SETTLEMENT_CUTOFF_DAY, hour=0, minute=0, second=0, microsecond=0
    )
    return Cycle(f"{local:%Y-%m}", cutoff)


def settlement_scheduled_cycle(now: datetime | None = None) -> Cycle | None:
    """The cycle a scheduled run should settle now, or None when there is nothing to do: in
    the monthly cycle, before day D, or once this month's run has finished."""
    now = now or timezone.now()
    cycle = settlement_cycle(now)
    if cycle.label == CONTINUOUS:
        return cycle
    if timezone.localtime(now).day < settings.ALLIANCE_SETTLEMENT_DAY:
        return None
    if SettlementRun.objects.filter(cycle=cycle.label, status=Status.FINISHED).exists():
        return None
    return cycle


# The statuses whose commissions settle (alliance.roles.STATUS_RIGHTS): a commission whose
# merchant or promoter holds another status (suspended) is held, and runs skip it.
SETTLING_STATUSES = [status for status, rights in STATUS_RIGHTS.items() if Right.SETTLE in rights]


def settleable() -> Q:
    """Commissions whose merchant and promoter may both settle and that no open high fraud
    flag holds (review_hold)."""
    return Q(
        merchant__status__in=SETTLING_STATUSES,
        promoter__status__in=SETTLING_STATUSES,
        review_hold=False,
    )


def _due(cutoff: datetime):
    return Commission.objects.filter(status=Commission.Status.CONFIRMED, available_at__lte=cutoff)


def settlement_due_count(cutoff: datetime) -> int:
    return _due(cutoff).filter(settleable()).count()


def settlement_held_count(cutoff: datetime) -> int:
    """Due commissions held because their merchant or promoter is not approved, or because a
    fraud flag holds them."""
    return _due(cutoff).exclude(settleable()).count()


@transaction.atomic
def settlement_trigger(*, actor, now: datetime | None = None) -> SettlementRun:
    """An admin asks for a run now: it is queued with the current cycle's cutoff, recorded in
    the audit log, and handed to a worker once this transaction commits. One queued or
    running run at a time is enough; asking again while one is waiting is refused."""
    from ..tasks import run_settlement

    if SettlementRun.objects.filter(status__in=[Status.QUEUED, Status.RUNNING]).exists():
        raise Conflict(
            _("A settlement run is already queued or running."), code="settlement_running"
        )
    run = _run_create(settlement_cycle(now), status=Status.QUEUED, triggered_by=actor)
    audit_record(actor=actor, action="settlement.trigger", target=run, cutoff=run.cutoff)
    enqueue_after_commit(run_settlement, run.pk)
    return run


def settlement_run(
    *,
    now: datetime | None = None,
    cycle: Cycle | None = None,
    batch_size: int | None = None,
    triggered_by=None,
    run: SettlementRun | None = None,
) -> SettlementRun:
    """Settle every commission confirmed with available_at at or before the cutoff, recording
    the run, its counts and its totals per merchant. Commissions of a merchant or promoter that
    is not approved (suspended) are held: skipped, and counted in the run's held_count. With
    `run`, carry out that queued run (if no one else has claimed it); otherwise start a run of
    `cycle`, by default the cycle of `now` (the moment the run starts unless given), whose
    cutoff in the continuous cycle is `now` itself."""
    batch_size = batch_size or settings.ALLIANCE_SETTLEMENT_BATCH
    if run is None:
        run = _run_create(
            cycle or settlement_cycle(now), status=Status.RUNNING, triggered_by=triggered_by
        )
    else:
        claimed = SettlementRun.objects.filter(pk=run.pk, status=Status.QUEUED).update(
            status=Status.RUNNING, started_at=timezone.now()
        )
        run.refresh_from_db()
        if not claimed:
            return run
    per_merchant: dict[str, dict[str, Decimal | int]] = defaultdict(
        lambda: {"count": 0, "commission": ZERO, "platform_fee": ZERO}
    )
    try:
        while _settle_batch(run, run.cutoff, batch_size, per_merchant):
            pass
    except Exception as exc:
        SettlementRun.objects.filter(pk=run.pk).update(
            status=Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    SettlementRun.objects.filter(pk=run.pk).update(
        status=Status.FINISHED,
        finished_at=timezone.now(),
        held_count=settlement_held_count(run.cutoff),
    )
    run.refresh_from_db()
    return run


def _run_create(cycle: Cycle, *, status: str, triggered_by) -> SettlementRun:
    return SettlementRun.objects.create(
        status=status,
        cycle=cycle.label,
        cutoff=cycle.cutoff,
        due_count=settlement_due_count(cycle.cutoff),
        triggered_by=triggered_by,
    )


def settlement_run_queued() -> SettlementRun | None:
    """Carry out the oldest queued run, if any: one whose task was lost still runs."""
    run = SettlementRun.objects.filter(status=Status.QUEUED).order_by("pk").first()
    return settlement_run(run=run) if run is not None else None


def _settle_batch(run, cutoff, batch_size, per_merchant) -> int:
    with transaction.atomic():
        batch = list(
            _due(cutoff)
            .filter(settleable())
            .select_for_update(of=("self",), skip_locked=True)
            .order_by("available_at", "pk")
            .only(*SETTLE_FIELDS)[:batch_size]
        )
        if not batch:
            return 0
        commission_total = platform_fee_total = ZERO
        for commission in batch:
            totals = per_merchant[str(commission.merchant_id)]
            totals["count"] += 1
            totals["commission"] += commission.commission
            totals["platform_fee"] += commission.platform_fee
            commission_total += commission.commission
            platform_fee_total += commission.platform_fee
        # Settled when the run settles: in the monthly cycle the cutoff lies in the past.
        commissions_settle(
            batch, moment=cutoff if run.cycle == CONTINUOUS else max(cutoff, run.started_at)
        )
        SettlementRun.objects.filter(pk=run.pk).update(
            settled_count=F("settled_count") + len(batch),
            batches=F("batches") + 1,
            commission_total=F("commission_total") + commission_total,
            platform_fee_total=F("platform_fee_total") + platform_fee_total,
            per_merchant={
                merchant: {
                    name: str(value) if isinstance(value, Decimal) else value
                    for name, value in totals.items()
                }
                for merchant, totals in per_merchant.items()
            },
        )
    return len(batch)
