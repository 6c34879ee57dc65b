"""A commission's target (rate, split, status) from its order's snapshot, its status moves, and
the ledger postings that bring what is credited in line with the target.

Recompute, don't patch: every change computes the whole target again and posts only the
difference from what the ledger already holds for the commission."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.audit import audit_records
from alliance.db import bulk_insert_rows, bulk_update_rows
from alliance.errors import InvalidTransition, required_text
from alliance.models import ReviewStatus
from alliance.roles import Right, status_allows
from alliance.status import StatusTable
from ledger import selectors as ledger_selectors
from ledger import services as ledger
from ledger.models import LedgerAccount, LedgerTransaction

from ..models import (
    COMMISSION_TRANSITIONS,
    Commission,
    CommissionStatusChange,
    Order,
)
from .changes import change_position, mark_changed
from .split import ZERO, line_commission, split_commission

Status = Commission.Status
Reason = Commission.InvalidReason
# Statuses whose split is credited in the ledger.
CREDITED = {Status.SETTLED, Status.PAID}
# A commission computed for the first time starts in whatever status its order gives it; one
# that keeps its status but changes its reason records the change like a move.
COMMISSION_STATUS = StatusTable(
    moves=COMMISSION_TRANSITIONS,
    refused=gettext_lazy("A commission cannot move from %(old)s to %(new)s."),
    initial=tuple(Status),
    repeat=True,
)


def target_status(
    *,
    order_status: str,
    base: Decimal,
    rate: Decimal,
    is_self_purchase: bool,
    current: Commission | None,
) -> tuple[str, str]:
    """The status (and invalid reason) a commission should have for its order's state. Only
    an admin's void and settlement are history; the rest follows from the snapshot, so any
    order of events gives the same answer."""
    if current is not None and current.status == Status.VOID:
        return Status.VOID, current.invalid_reason
    if is_self_purchase:
        return Status.VOID, Reason.SELF_PURCHASE
    if rate == ZERO:
        return Status.VOID, Reason.ZERO_RATE
    if order_status == Order.Status.CANCELLED:
        return Status.REVERSED, Reason.CANCELLED
    if order_status == Order.Status.REFUNDED or base == ZERO:
        return Status.REVERSED, Reason.REFUNDED
    if current is not None and current.settled_at is not None:
        return (Status.PAID if current.status == Status.PAID else Status.SETTLED), ""
    if order_status == Order.Status.COMPLETED:
        return Status.CONFIRMED, ""
    return Status.PENDING, ""


@dataclass
class LineTarget:
    base: Decimal
    commission: Decimal
    platform_fee: Decimal
    upline1_amount: Decimal
    upline2_amount: Decimal
    promoter_amount: Decimal


def line_target(
    *,
    amount: Decimal,
    refunded_amount: Decimal,
    rate: Decimal,
    platform_fee_rate: Decimal,
    upline_rates: tuple[Decimal, ...],
) -> LineTarget:
    base = max(amount - refunded_amount, ZERO)
    commission = line_commission(amount=amount, refunded_amount=refunded_amount, rate=rate)
    split = split_commission(
        commission=commission, platform_fee_rate=platform_fee_rate, upline_rates=upline_rates
    )
    return LineTarget(
        base=base,
        commission=split.commission,
        platform_fee=split.platform_fee,
        upline1_amount=split.upline_level1,
        upline2_amount=split.upline_level2,
        promoter_amount=split.promoter,
    )


def status_move(
    commission: Commission, new_status: str, reason: str, changes: list[CommissionStatusChange]
) -> None:
    """Move `commission` to `new_status` if the move is allowed, recording it in `changes`
    (the caller saves both). A move the table does not allow raises."""
    if commission.status == new_status and commission.invalid_reason == reason:
        return
    COMMISSION_STATUS.move(
        commission,
        new_status,
        record=lambda old: changes.append(
            CommissionStatusChange(
                commission=commission, old_status=old, new_status=new_status, reason=reason
            )
        ),
    )
    commission.invalid_reason = reason


def ledger_target(commission: Commission) -> dict[str, Decimal]:
    """What the ledger should hold for the commission: its split once settled, nothing
    otherwise (a reversal or void after settlement is then a clawback to zero)."""
    if commission.status not in CREDITED:
        return {}
    Kind = LedgerAccount.Kind
    key = ledger.account_key
    target = {
        key(Kind.MERCHANT_PAYABLE, merchant_id=commission.merchant_id): -commission.commission,
        key(Kind.PLATFORM_REVENUE): commission.platform_fee,
        key(Kind.PROMOTER_AVAILABLE, promoter_id=commission.promoter_id): ZERO,
    }
    # One promoter may appear twice only through bad data; adding keeps the sum exact.
    for promoter_id, amount in (
        (commission.promoter_id, commission.promoter_amount),
        (commission.upline1_id, commission.upline1_amount),
        (commission.upline2_id, commission.upline2_amount),
    ):
        if promoter_id is not None:
            account = key(Kind.PROMOTER_AVAILABLE, promoter_id=promoter_id)
            target[account] = target.get(account, ZERO) + amount
    return target


def ledger_sync(commissions: list[Commission]) -> int:
    """Post, for each commission, the difference between its ledger target and what it has
    posted. Callers hold the commissions' row locks. Returns the number of postings."""
    touched = [c for c in commissions if c.settled_at is not None]
    if not touched:
        return 0
    posted = ledger_selectors.posted_by_commission(c.pk for c in touched)
    counts = ledger_selectors.postings_count_by_commission(c.pk for c in touched)
    differences = {}
    for commission in touched:
        target = ledger_target(commission)
        already = posted.get(commission.pk, {})
        diff = {
            key: target.get(key, ZERO) - already.get(key, ZERO)
            for key in set(target) | set(already)
        }
        diff = {key: amount for key, amount in diff.items() if amount}
        if diff or counts.get(commission.pk, 0) == 0:
            differences[commission.pk] = (commission, diff)
    if not differences:
        return 0
    accounts = ledger.accounts_get(
        _account_owner(key) for _commission, diff in differences.values() for key in diff
    )
    for commission, diff in differences.values():
        number = counts.get(commission.pk, 0)
        ledger.ledger_post(
            idempotency_key=f"commission:{commission.pk}:{number + 1}",
            kind=(
                LedgerTransaction.Kind.SETTLEMENT
                if number == 0
                else LedgerTransaction.Kind.ADJUSTMENT
            ),
            entries=diff,
            accounts=accounts,
            commission=commission,
        )
    return len(differences)


def _account_owner(key: str) -> tuple[str, int | None, int | None]:
    kind, _sep, owner = key.partition(":")
    owner_id = int(owner) if owner else None
    if kind == LedgerAccount.Kind.MERCHANT_PAYABLE:
        return kind, owner_id, None
    return kind, None, owner_id


def _save(
    commissions: list[Commission], changes: list[CommissionStatusChange], fields: list[str]
) -> None:
    now = timezone.now()
    for commission in commissions:
        commission.updated_at = now
    bulk_update_rows(Commission, commissions, [*fields, "updated_at"])
    bulk_insert_rows(CommissionStatusChange, changes)
    mark_changed(Commission, [c.pk for c in commissions])
    # The order feed shows the estimated and settled totals, which just changed.
    mark_changed(Order, {c.order_id for c in commissions})


def commission_is_held(commission: Commission) -> bool:
    """Whether settlement holds the commission back: an open high fraud flag holds it, or its
    merchant or its promoter lacks the settle right (suspended) in the status table. Released
    by clearing the flag or approving the account again."""
    return commission.review_hold or not (
        status_allows(commission.merchant.status, Right.SETTLE)
        and status_allows(commission.promoter.status, Right.SETTLE)
    )


@transaction.atomic
def commissions_void_held(*, account, note: str, actor) -> int:
    """An admin decides against a suspended merchant or promoter (`account`): every commission
    of it that is held (not settled yet, not reversed or void) is voided with reason
    `suspension` and `note`. Settled money is not touched: a clawback is a separate decision
    (commission_void). Returns how many were voided."""
    note = required_text(note, field="reason", message=_("A reason is required."))
    if account.status != ReviewStatus.SUSPENDED:
        raise InvalidTransition(
            _("Only a suspended account's held commissions can be voided."), code="not_suspended"
        )
    owner = "merchant" if account._meta.model_name == "merchant" else "promoter"
    commissions = list(
        Commission.objects.select_for_update(of=("self",))
        .filter(**{owner: account}, status__in=[Status.PENDING, Status.CONFIRMED])
        .order_by("pk")
    )
    changes: list[CommissionStatusChange] = []
    for commission in commissions:
        status_move(commission, Status.VOID, Reason.SUSPENSION, changes)
        commission.void_note = note
        commission.voided_by = actor
    if commissions:
        _save(commissions, changes, ["status", "invalid_reason", "void_note", "voided_by"])
        audit_records(
            actor=actor,
            action="commission.void_held",
            targets=commissions,
            account=f"{owner}:{account.pk}",
            reason=note,
        )
    return len(commissions)


@transaction.atomic
def commission_settle(*, commission_id: int, now: datetime | None = None) -> bool:
    """Credit one due commission (confirmed, available_at passed) to the balances: merchant
    payable -C, promoter +P, uplines +U1/+U2, platform +F. A commission that is not due, or
    already settled, is left alone, so settling twice is a no-op; so is a held one (its merchant
    or promoter is suspended). Returns whether it settled."""
    now = now or timezone.now()
    commission = (
        Commission.objects.select_for_update(of=("self",))
        .select_related("merchant", "promoter")
        .filter(pk=commission_id)
        .first()
    )
    if (
        commission is None
        or commission_is_held(commission)
        or commission.status != Status.CONFIRMED
        or commission.available_at is None
        or commission.available_at > now
    ):
        return False
    commissions_settle([commission], moment=now)
    return True


def commissions_settle(commissions: list[Commission], *, moment: datetime) -> None:
    """Move confirmed commissions, locked by the caller and due at `moment`, to settled and
    post their splits: the one write path of settlement, for one commission or a batch.

    A confirmed commission has never been settled, so it has never posted (check_ledger holds
    this), and its settlement is its first posting: written in bulk, a few statements for the
    whole batch, instead of a diff per commission."""
    changes: list[CommissionStatusChange] = []
    for commission in commissions:
        if commission.status != Status.CONFIRMED or commission.settled_at is not None:
            raise InvalidTransition(
                _("Only a confirmed commission can be settled; %(c)s is %(status)s.")
                % {"c": commission.pk, "status": commission.status}
            )
        status_move(commission, Status.SETTLED, "", changes)
        commission.settled_at = moment
    if not commissions:
        return
    now = timezone.now()
    ids = [c.pk for c in commissions]
    Commission.objects.filter(pk__in=ids).update(
        status=Status.SETTLED,
        invalid_reason="",
        settled_at=moment,
        updated_at=now,
        change_seq=change_position(Commission),
    )
    bulk_insert_rows(CommissionStatusChange, changes)
    mark_changed(Order, {c.order_id for c in commissions})
    targets = [(commission, ledger_target(commission)) for commission in commissions]
    accounts = ledger.accounts_get(
        {_account_owner(key) for _commission, target in targets for key in target}
    )
    ledger.ledger_post_new(
        [
            ledger.Posting(
                idempotency_key=f"commission:{commission.pk}:1",
                kind=LedgerTransaction.Kind.SETTLEMENT,
                entries=target,
                commission_id=commission.pk,
            )
            for commission, target in targets
        ],
        accounts,
    )


def commissions_mark_paid(*, promoter_id: int, paid_total: Decimal) -> int:
    """Move the promoter's settled commissions to paid, oldest settlement first, as far as
    `paid_total` (everything paid out to the promoter so far) covers their promoter shares
    beyond the commissions already paid. A commission is paid only whole. Upline shares and
    clawbacks live in the same balance but do not decide a commission's status. The caller
    holds the promoter's lock (a payout being marked paid). Returns how many moved."""
    already = (
        Commission.objects.filter(promoter_id=promoter_id, status=Status.PAID).aggregate(
            total=Sum("promoter_amount")
        )["total"]
        or ZERO
    )
    room = paid_total - already
    chosen: list[Commission] = []
    changes: list[CommissionStatusChange] = []
    settled = (
        Commission.objects.select_for_update(of=("self",))
        .filter(promoter_id=promoter_id, status=Status.SETTLED)
        .order_by("settled_at", "pk")
        .only("status", "invalid_reason", "promoter_amount", "order_id")
    )
    for commission in settled.iterator(chunk_size=1000):
        if commission.promoter_amount > room:
            break
        room -= commission.promoter_amount
        status_move(commission, Status.PAID, "", changes)
        chosen.append(commission)
    if chosen:
        _save(chosen, changes, ["status", "invalid_reason"])
    return len(chosen)


@transaction.atomic
def commission_void(*, commission: Commission, note: str, actor) -> Commission:
    """An admin voids a commission for fraud, with a reason. Money already settled is clawed
    back by a posting; the commission never earns again."""
    note = required_text(note, field="reason", message=_("A reason is required."))
    commission = Commission.objects.select_for_update(of=("self",)).get(pk=commission.pk)
    if commission.status == Status.VOID:
        raise InvalidTransition(_("This commission is already void."), code="already_void")
    changes: list[CommissionStatusChange] = []
    status_move(commission, Status.VOID, Reason.FRAUD, changes)
    commission.void_note = note
    commission.voided_by = actor
    _save([commission], changes, ["status", "invalid_reason", "void_note", "voided_by"])
    ledger_sync([commission])
    return commission


def available_at(completed_at: datetime | None, hold_days: int) -> datetime | None:
    return completed_at + timedelta(days=hold_days) if completed_at else None
