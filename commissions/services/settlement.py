"""Settlement runs: every commission that is confirmed and due credited to the balances, in
batches, each batch one transaction. Two runs at once never settle a commission twice: each
takes its batch with `FOR UPDATE SKIP LOCKED`, and a commission is settled only from confirmed."""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import Commission, SettlementRun
from .commissions import commissions_settle

# Commissions settled per transaction: long enough to amortise the commit and the lookups,
# short enough that a failure redoes little and locks are held briefly.
SETTLE_BATCH = 500
ZERO = Decimal("0.00")


def settlement_run(
    *, now: datetime | None = None, batch_size: int = SETTLE_BATCH, triggered_by=None
) -> SettlementRun:
    """Settle every commission confirmed with available_at at or before `now` (default: the
    moment the run starts), recording the run, its counts and its totals per merchant."""
    cutoff = now or timezone.now()
    run = SettlementRun.objects.create(cutoff=cutoff, triggered_by=triggered_by)
    per_merchant: dict[str, dict[str, Decimal | int]] = defaultdict(
        lambda: {"count": 0, "commission": ZERO, "platform_fee": ZERO}
    )
    try:
        while _settle_batch(run, cutoff, batch_size, per_merchant):
            pass
    except Exception as exc:
        SettlementRun.objects.filter(pk=run.pk).update(
            status=SettlementRun.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    SettlementRun.objects.filter(pk=run.pk).update(
        status=SettlementRun.Status.FINISHED, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def _settle_batch(run, cutoff, batch_size, per_merchant) -> int:
    with transaction.atomic():
        batch = list(
            Commission.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(status=Commission.Status.CONFIRMED, available_at__lte=cutoff)
            .order_by("available_at", "pk")[:batch_size]
        )
        if not batch:
            return 0
        for commission in batch:
            totals = per_merchant[str(commission.merchant_id)]
            totals["count"] += 1
            totals["commission"] += commission.commission
            totals["platform_fee"] += commission.platform_fee
        commissions_settle(batch, moment=cutoff)
        SettlementRun.objects.filter(pk=run.pk).update(
            settled_count=F("settled_count") + len(batch),
            batches=F("batches") + 1,
            commission_total=F("commission_total") + sum(c.commission for c in batch),
            platform_fee_total=F("platform_fee_total") + sum(c.platform_fee for c in batch),
            per_merchant={
                merchant: {
                    name: str(value) if isinstance(value, Decimal) else value
                    for name, value in totals.items()
                }
                for merchant, totals in per_merchant.items()
            },
        )
    return len(batch)
