"""The payouts' ledger invariants, part of `manage.py check_ledger`
(ledger.checks.ledger_check):

- every payout holds exactly the postings its status implies: approved the approval; paid the
  approval and the payment; failed, and rejected after approval, the approval and the return;
  requested, held and rejected before approval none;
- each promoter's in-transit balance equals the sum of its approved payouts, and its paid
  balance the sum of its paid payouts."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from alliance.money import quantize
from ledger.models import LedgerAccount, LedgerEntry

from .models import Payout
from .services.payouts import available_key, in_transit_key, paid_key

Status = Payout.Status
ZERO = Decimal("0.00")
# Payouts are checked in slices of this many, to keep memory flat.
CHUNK = 2000
STEPS = ("approve", "paid", "return")


def expected_postings(payout: Payout) -> dict[str, dict[str, Decimal]]:
    """The postings (idempotency key -> {account key: amount}) the payout's status implies."""
    amount, promoter = payout.amount, payout.promoter_id
    approve = {available_key(promoter): -amount, in_transit_key(promoter): amount}
    paid = {in_transit_key(promoter): -amount, paid_key(promoter): amount}
    back = {in_transit_key(promoter): -amount, available_key(promoter): amount}
    key = f"payout:{payout.pk}:"
    if payout.status == Status.APPROVED:
        return {key + "approve": approve}
    if payout.status == Status.PAID:
        return {key + "approve": approve, key + "paid": paid}
    if payout.status == Status.FAILED or (
        payout.status == Status.REJECTED and payout.approved_at is not None
    ):
        return {key + "approve": approve, key + "return": back}
    return {}


def payout_ledger_problems(limit: int = 50) -> list[str]:
    problems: list[str] = []
    if limit <= 0:
        return problems
    last_pk = 0
    while len(problems) < limit:
        chunk = list(
            Payout.objects.filter(pk__gt=last_pk)
            .only("pk", "promoter_id", "amount", "status", "approved_at")
            .order_by("pk")[:CHUNK]
        )
        if not chunk:
            break
        last_pk = chunk[-1].pk
        keys = [f"payout:{p.pk}:{step}" for p in chunk for step in STEPS]
        held: dict[str, dict[str, Decimal]] = defaultdict(dict)
        rows = (
            LedgerEntry.objects.filter(transaction__idempotency_key__in=keys)
            .values_list("transaction__idempotency_key", "account__key")
            .annotate(total=Sum("amount"))
            .order_by()
        )
        for posting, account, total in rows:
            held[posting][account] = quantize(total)
        for payout in chunk:
            expected = expected_postings(payout)
            for step in STEPS:
                key = f"payout:{payout.pk}:{step}"
                want, have = expected.get(key, {}), held.get(key, {})
                if want != have:
                    problems.append(
                        f"payout {payout.pk} ({payout.status}) should hold {want or 'nothing'} "
                        f"under {key} but holds {have or 'nothing'}"
                    )
    problems.extend(_balance_problems())
    return problems[:limit]


def _balance_problems() -> list[str]:
    Kind = LedgerAccount.Kind
    ledger: dict[tuple[str, int], Decimal] = {
        (kind, promoter): quantize(total)
        for kind, promoter, total in LedgerEntry.objects.filter(
            account__kind__in=[Kind.PAYOUTS_IN_TRANSIT, Kind.PAYOUTS_PAID]
        )
        .values_list("account__kind", "account__promoter_id")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    payouts: dict[tuple[str, int], Decimal] = {
        (
            Kind.PAYOUTS_IN_TRANSIT if status == Status.APPROVED else Kind.PAYOUTS_PAID,
            promoter,
        ): quantize(total)
        for status, promoter, total in Payout.objects.filter(
            status__in=[Status.APPROVED, Status.PAID]
        )
        .values_list("status", "promoter_id")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    problems = []
    for kind, promoter in sorted(set(ledger) | set(payouts), key=lambda k: (k[1] or 0, k[0])):
        in_ledger = ledger.get((kind, promoter), ZERO)
        in_payouts = payouts.get((kind, promoter), ZERO)
        if in_ledger != in_payouts:
            label = "approved" if kind == Kind.PAYOUTS_IN_TRANSIT else "paid"
            problems.append(
                f"promoter {promoter}: {kind} holds {in_ledger} but its {label} payouts sum to "
                f"{in_payouts}"
            )
    return problems
