"""Payout requests and their review: request, approve, reject, mark paid, mark failed, one by
one or in bulk, with the ledger postings each step implies.

Postings (docs/payouts.md), each under its own idempotency key, so a step never posts twice:
approve moves the amount from available to in transit (`payout:<id>:approve`), paid from in
transit to paid (`payout:<id>:paid`), failed or rejected after approval back from in transit
to available (`payout:<id>:return`)."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.audit import audit_record
from alliance.errors import AllianceError, Conflict, NotAllowed, required_text
from alliance.money import CENT, currency, format_money
from alliance.roles import Right, status_allows
from alliance.status import StatusTable, locked
from commissions.services.commissions import commissions_mark_paid
from ledger import selectors as ledger_selectors
from ledger import services as ledger
from ledger.models import LedgerAccount, LedgerTransaction
from promoters.models import Promoter

from ..models import OPEN_STATUSES, PAYOUT_TRANSITIONS, Payout, PayoutHold, PayoutMethod
from .locks import promoter_lock

Status = Payout.Status
Kind = LedgerAccount.Kind
PAYOUT_STATUS = StatusTable(
    moves=PAYOUT_TRANSITIONS, refused=gettext_lazy("A payout cannot move from %(old)s to %(new)s.")
)


def available_key(promoter_id: int) -> str:
    return ledger.account_key(Kind.PROMOTER_AVAILABLE, promoter_id=promoter_id)


def in_transit_key(promoter_id: int) -> str:
    return ledger.account_key(Kind.PAYOUTS_IN_TRANSIT, promoter_id=promoter_id)


def paid_key(promoter_id: int) -> str:
    return ledger.account_key(Kind.PAYOUTS_PAID, promoter_id=promoter_id)


def has_active_hold(promoter_id: int) -> bool:
    return PayoutHold.objects.filter(promoter_id=promoter_id, released_at__isnull=True).exists()


def _audit(payout: Payout, *, actor, action: str, **data):
    """The `record` of a payout's move: its audit row, "payout.<action>"."""
    return lambda old: audit_record(
        actor=actor,
        action=f"payout.{action}",
        target=payout,
        promoter=payout.promoter_id,
        amount=payout.amount,
        **data,
    )


def _reason(value: str) -> str:
    return required_text(value, field="reason", message=_("A reason is required."))


def _reference(value: str) -> str:
    return required_text(
        value, field="reference", message=_("The transfer's reference is required.")
    )


def _post(payout: Payout, step: str, moves: tuple[tuple[str, Decimal], ...], accounts=None) -> None:
    """Post `moves` between the promoter's accounts under `payout:<id>:<step>`; `accounts`
    when the caller has them already."""
    accounts = accounts or ledger.accounts_get(
        (key.partition(":")[0], None, payout.promoter_id) for key, _amount in moves
    )
    ledger.ledger_post(
        idempotency_key=f"payout:{payout.pk}:{step}",
        kind=LedgerTransaction.Kind.PAYOUT,
        entries=dict(moves),
        accounts=accounts,
        memo=f"payout {payout.pk} {step}",
    )


def _return_money(payout: Payout) -> None:
    _post(
        payout,
        "return",
        (
            (in_transit_key(payout.promoter_id), -payout.amount),
            (available_key(payout.promoter_id), payout.amount),
        ),
    )


def _requested_amount(amount) -> Decimal:
    """The amount as a Decimal, refused unless positive, in whole cents, and at least
    ALLIANCE_MIN_PAYOUT (checked before any lock is taken)."""
    amount = Decimal(amount)
    if amount != amount.quantize(CENT) or amount <= 0:
        raise AllianceError(
            _("Give a positive amount in whole cents."), field="amount", code="invalid_amount"
        )
    minimum = settings.ALLIANCE_MIN_PAYOUT
    if amount < minimum:
        raise AllianceError(
            _("The smallest payout is %(minimum)s.") % {"minimum": format_money(minimum)},
            field="amount",
            code="below_minimum",
        )
    return amount


def _open_request_exists() -> Conflict:
    return Conflict(
        _("You already have an open payout request; wait until it is paid or rejected."),
        code="open_payout_exists",
    )


def _request_checked(*, promoter: Promoter, method: PayoutMethod, amount: Decimal) -> PayoutMethod:
    """The promoter's active method, once the locked promoter may ask for `amount`: approved,
    no other open request, and at most its available balance."""
    if not promoter.is_approved:
        raise NotAllowed(_("Your promoter account is not approved."), code="promoter_not_approved")
    usable = PayoutMethod.objects.filter(pk=method.pk, promoter=promoter, is_active=True).first()
    if usable is None:
        raise AllianceError(
            _("Choose one of your payout methods."), field="method", code="method_not_usable"
        )
    if Payout.objects.filter(promoter=promoter, status__in=OPEN_STATUSES).exists():
        raise _open_request_exists()
    available = ledger_selectors.balance(available_key(promoter.pk))
    if amount > available:
        raise AllianceError(
            _("You can withdraw at most %(available)s.")
            % {"available": format_money(max(available, Decimal("0.00")))},
            field="amount",
            code="insufficient_balance",
        )
    return usable


def payout_request(*, promoter: Promoter, method: PayoutMethod, amount: Decimal, actor=None):
    """A promoter asks to be paid `amount` to one of its active methods: at least
    ALLIANCE_MIN_PAYOUT, at most its available balance, and only while it has no other open
    request. Under an active hold the request starts held."""
    amount = _requested_amount(amount)
    with transaction.atomic():
        promoter = promoter_lock(promoter.pk)
        method = _request_checked(promoter=promoter, method=method, amount=amount)
        payout = Payout(
            promoter=promoter,
            method=method,
            kind=method.kind,
            account_name=method.account_name,
            account=method.account,
            bank_name=method.bank_name,
            amount=amount,
            currency=currency(),
            status=Status.HELD if has_active_hold(promoter.pk) else Status.REQUESTED,
        )
        try:
            with transaction.atomic():
                payout.save()
        except IntegrityError:
            # The partial unique index: another open request got in first.
            raise _open_request_exists() from None
        audit_record(
            actor=actor,
            action="payout.request",
            target=payout,
            promoter=promoter.pk,
            amount=amount,
            status=payout.status,
        )
    return payout


def _locked(payout: Payout | int) -> Payout:
    """The payout, locked after its promoter (the stable order of every payout write)."""
    pk = payout if isinstance(payout, int) else payout.pk
    promoter_id = Payout.objects.filter(pk=pk).values_list("promoter_id", flat=True).first()
    if promoter_id is None:
        raise Payout.DoesNotExist(pk)
    promoter_lock(promoter_id)
    return locked(Payout, pk)


@transaction.atomic
def payout_approve(*, payout: Payout | int, reviewer) -> Payout:
    """Approve a requested payout: the amount moves from available to in transit. Refused
    while the promoter is on hold or suspended, and when the balance, read again under the
    promoter's lock and its available account's lock, no longer covers it (a clawback may
    have lowered it)."""
    payout = _locked(payout)
    if payout.status == Status.HELD or (
        payout.status == Status.REQUESTED and has_active_hold(payout.promoter_id)
    ):
        raise Conflict(
            _("This promoter's payouts are on hold; release the hold first."), code="payout_held"
        )
    # A suspended promoter's payouts wait until an admin approves the promoter again.
    promoter_status = Promoter.objects.values_list("status", flat=True).get(pk=payout.promoter_id)
    if payout.status == Status.REQUESTED and not status_allows(promoter_status, Right.SETTLE):
        raise Conflict(
            _(
                "This promoter is not approved (%(status)s); its payouts are held until an admin "
                "decides."
            )
            % {"status": promoter_status},
            code="payout_held",
        )
    # A refused move is refused before any money moves; the move itself comes last.
    PAYOUT_STATUS.check(payout, Status.APPROVED)
    available = available_key(payout.promoter_id)
    accounts = ledger.accounts_get(
        [
            (Kind.PROMOTER_AVAILABLE, None, payout.promoter_id),
            (Kind.PAYOUTS_IN_TRANSIT, None, payout.promoter_id),
        ]
    )
    # FOR UPDATE on the account: no other posting to it can commit until this approval does
    # (an entry's foreign key check takes a key-share lock on its account when it commits), so
    # nothing lands between the balance read next and the approval's own posting. A clawback
    # that commits later nets against the balance like any later clawback.
    ledger.account_lock(available)
    balance = ledger_selectors.balance(available)
    if payout.amount > balance:
        raise Conflict(
            _("The available balance (%(balance)s) no longer covers this payout.")
            % {"balance": format_money(balance)},
            code="insufficient_balance",
        )
    _post(
        payout,
        "approve",
        ((available, -payout.amount), (in_transit_key(payout.promoter_id), payout.amount)),
        accounts,
    )
    now = timezone.now()
    payout.approved_at = payout.reviewed_at = now
    payout.reviewed_by = reviewer
    PAYOUT_STATUS.move(
        payout,
        Status.APPROVED,
        save=["approved_at", "reviewed_at", "reviewed_by"],
        record=_audit(payout, actor=reviewer, action="approve"),
    )
    return payout


@transaction.atomic
def payout_reject(*, payout: Payout | int, reviewer, reason: str) -> Payout:
    """Reject a payout, with a reason. Before approval no money moved; after approval the
    amount returns from in transit to available."""
    reason = _reason(reason)
    payout = _locked(payout)
    old = PAYOUT_STATUS.check(payout, Status.REJECTED)
    if old == Status.APPROVED:
        _return_money(payout)
    payout.reason = reason
    payout.reviewed_at = timezone.now()
    payout.reviewed_by = reviewer
    PAYOUT_STATUS.move(
        payout,
        Status.REJECTED,
        save=["reason", "reviewed_at", "reviewed_by"],
        record=_audit(payout, actor=reviewer, action="reject", reason=reason, previous_status=old),
    )
    return payout


@transaction.atomic
def payout_mark_paid(*, payout: Payout | int, actor, reference: str) -> Payout:
    """The transfer of an approved payout went through: record its reference (the bank's or
    Alipay's transaction number); the amount moves from in transit to paid, and the settled
    commissions that all the promoter's paid payouts cover become paid."""
    reference = _reference(reference)
    if len(reference) > 120:
        raise AllianceError(
            _("The reference is longer than 120 characters."),
            field="reference",
            code="invalid_reference",
        )
    payout = _locked(payout)
    PAYOUT_STATUS.check(payout, Status.PAID)
    _post(
        payout,
        "paid",
        (
            (in_transit_key(payout.promoter_id), -payout.amount),
            (paid_key(payout.promoter_id), payout.amount),
        ),
    )
    # The settled commissions this money covers, oldest first, become paid.
    commissions_mark_paid(
        promoter_id=payout.promoter_id,
        paid_total=ledger_selectors.balance(paid_key(payout.promoter_id)),
    )
    payout.reference = reference
    payout.paid_at = timezone.now()
    PAYOUT_STATUS.move(
        payout,
        Status.PAID,
        save=["reference", "paid_at"],
        record=_audit(payout, actor=actor, action="mark_paid", reference=reference),
    )
    return payout


@transaction.atomic
def payout_mark_failed(*, payout: Payout | int, actor, reason: str) -> Payout:
    """The transfer of an approved payout failed (a closed account, a wrong name): the amount
    returns from in transit to available."""
    reason = _reason(reason)
    payout = _locked(payout)
    PAYOUT_STATUS.check(payout, Status.FAILED)
    _return_money(payout)
    payout.reason = reason
    payout.failed_at = timezone.now()
    PAYOUT_STATUS.move(
        payout,
        Status.FAILED,
        save=["reason", "failed_at"],
        record=_audit(payout, actor=actor, action="mark_failed", reason=reason),
    )
    return payout


BULK_ACTIONS = ("approve", "reject", "mark_paid", "mark_failed")


@dataclass
class BulkResult:
    id: int
    ok: bool
    status: str = ""
    code: str = ""
    message: str = ""


def payouts_bulk(
    *, action: str, ids: list[int], actor, reason: str = "", reference: str = ""
) -> list[BulkResult]:
    """Apply one review action to many payouts, each in its own transaction (a savepoint when
    called inside one): a row that fails is reported and the others go on."""
    if action not in BULK_ACTIONS:
        raise AllianceError(_("Unknown action."), field="action", code="invalid_action")
    if action in {"reject", "mark_failed"}:
        _reason(reason)
    if action == "mark_paid":
        _reference(reference)
    results = []
    for pk in sorted(set(ids)):
        try:
            with transaction.atomic():
                if action == "approve":
                    payout = payout_approve(payout=pk, reviewer=actor)
                elif action == "reject":
                    payout = payout_reject(payout=pk, reviewer=actor, reason=reason)
                elif action == "mark_paid":
                    payout = payout_mark_paid(payout=pk, actor=actor, reference=reference)
                else:
                    payout = payout_mark_failed(payout=pk, actor=actor, reason=reason)
        except Payout.DoesNotExist:
            results.append(
                BulkResult(id=pk, ok=False, code="not_found", message=_("No such payout."))
            )
        except AllianceError as exc:
            results.append(BulkResult(id=pk, ok=False, code=exc.code, message=exc.message))
        else:
            results.append(BulkResult(id=pk, ok=True, status=payout.status))
    return results
