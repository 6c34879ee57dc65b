"""Raising fraud flags and deciding them. Every rule (fraud.rules, fraud.clicks) reports what
it found as a Finding; flag_raise() turns it into a Flag, idempotently by its key, and holds
what a high flag touches. An admin clears a flag (the money flows again) or confirms it (its
commissions are voided with reason fraud, clawed back when already settled)."""

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.audit import audit_record
from alliance.errors import Conflict, InvalidTransition, NotAllowed, required_text
from alliance.models import ReviewStatus
from commissions.models import Commission, Order
from commissions.services.commissions import commission_void
from payouts.models import PayoutHold
from payouts.services.holds import hold_release, hold_set
from promoters.services import promoter_review

from ..models import Flag, Rule

logger = logging.getLogger(__name__)

Severity = Flag.Severity
Status = Flag.Status
# Commissions a hold or a void can still change: not void, and the hold matters until paid.
LIVE = [
    Commission.Status.PENDING,
    Commission.Status.CONFIRMED,
    Commission.Status.SETTLED,
    Commission.Status.PAID,
    Commission.Status.REVERSED,
]


@dataclass(frozen=True)
class Finding:
    """What a rule found: the flag to raise. `key` names the subject (`rule:subject`), so the
    same finding raised twice is one flag. Touched commissions are those listed and every
    commission of the listed orders."""

    rule: str
    severity: str
    key: str
    promoter_id: int
    summary: str
    evidence: dict
    merchant_id: int | None = None
    order_ids: Sequence[int] = ()
    commission_ids: Sequence[int] = ()
    reported_by: Any = None
    report_note: str = ""
    extra: dict = field(default_factory=dict)


def _touched(finding: Finding) -> list[int]:
    ids = set(finding.commission_ids)
    if finding.order_ids:
        ids.update(
            Commission.objects.filter(order_id__in=finding.order_ids).values_list("pk", flat=True)
        )
    return sorted(ids)


def commission_holds_sync(commission_ids: Iterable[int]) -> None:
    """Set review_hold on exactly those of the commissions that an open high flag touches."""
    ids = list(commission_ids)
    if not ids:
        return
    holding = Flag.objects.filter(
        commissions=OuterRef("pk"), status=Status.OPEN, severity=Severity.HIGH
    )
    rows = Commission.objects.filter(pk__in=ids)
    rows.filter(Exists(holding), review_hold=False).update(review_hold=True)
    rows.filter(~Exists(holding), review_hold=True).update(review_hold=False)


def _payout_hold(flag: Flag) -> None:
    if flag.holds and flag.payout_hold_id is None:
        flag.payout_hold = hold_set(
            promoter=flag.promoter,
            reason=_("Fraud review: %(summary)s") % {"summary": flag.summary},
            actor=None,
            source=PayoutHold.Source.FRAUD,
        )
        flag.save(update_fields=["payout_hold", "updated_at"])


def _after_confirmed(finding: Finding, touched: list[int]) -> tuple[Finding | None, Flag | None]:
    """The finding to raise after its key's flag was confirmed: under the next free key
    `key#N` (its open flag when there is one), when it touches commissions that no decided
    flag of the key touched; else None."""
    family = Flag.objects.filter(Q(key=finding.key) | Q(key__startswith=f"{finding.key}#"))
    seen = set(
        Commission.objects.filter(fraud_flags__in=family.exclude(status=Status.OPEN)).values_list(
            "pk", flat=True
        )
    )
    new = sorted(set(touched) - seen)
    if not new:
        return None, None
    # The new flag touches what was not decided yet, and those commissions' orders.
    finding = replace(
        finding,
        commission_ids=new,
        order_ids=sorted(
            set(Commission.objects.filter(pk__in=new).values_list("order_id", flat=True))
        ),
    )
    open_flag = family.select_for_update().filter(status=Status.OPEN).first()
    if open_flag is not None:
        return replace(finding, key=open_flag.key), open_flag
    return replace(finding, key=f"{finding.key}#{family.count() + 1}"), None


@transaction.atomic
def flag_raise(finding: Finding) -> Flag | None:
    """Raise the finding's flag, or update the open flag of the same key (new evidence, new
    touched commissions, low raised to high, never lowered). A cleared flag stays cleared:
    the same key raises nothing. After a confirmed one, commissions it did not touch raise a
    new flag (`key#2`...). Answers the flag raised or updated, or None."""
    touched = _touched(finding)
    flag = Flag.objects.select_for_update().filter(key=finding.key).first()
    if flag is not None and flag.status == Status.CONFIRMED:
        # Confirmed fraud goes on being caught: what it did not touch yet raises a new flag of
        # its own (`key#2`, ...), held like the first. A cleared subject stays cleared.
        again, flag = _after_confirmed(finding, touched)
        if again is None:
            return None
        finding, touched = again, _touched(again)
    if flag is None:
        flag = Flag.objects.create(
            key=finding.key,
            rule=finding.rule,
            severity=finding.severity,
            promoter_id=finding.promoter_id,
            merchant_id=finding.merchant_id,
            summary=finding.summary[:300],
            evidence=finding.evidence,
            reported_by=finding.reported_by,
            report_note=finding.report_note,
        )
        audit_record(
            actor=finding.reported_by,
            action="fraud_flag.raise",
            target=flag,
            rule=flag.rule,
            severity=flag.severity,
            promoter=flag.promoter_id,
        )
    elif flag.status != Status.OPEN:
        return None
    else:
        old = set(flag.commissions.values_list("pk", flat=True))
        raised = flag.severity == Severity.LOW and finding.severity == Severity.HIGH
        if set(touched) <= old and flag.evidence == finding.evidence and not raised:
            return flag  # nothing new: a re-run is a no-op
        flag.evidence = finding.evidence
        flag.summary = finding.summary[:300]
        if raised:
            flag.severity = Severity.HIGH
        if finding.report_note:  # a merchant reporting the order again: its latest words
            flag.report_note = finding.report_note
            flag.reported_by = finding.reported_by
        flag.save(
            update_fields=[
                "evidence",
                "summary",
                "severity",
                "report_note",
                "reported_by",
                "updated_at",
            ]
        )
    if finding.order_ids:
        flag.orders.add(*finding.order_ids)
    if touched:
        flag.commissions.add(*touched)
    _payout_hold(flag)
    commission_holds_sync(touched)
    return flag


class RuleRun:
    """Runs rules so that one that fails (a bug, a bad parameter) is logged and the others go
    on; `failed` tells the sweep not to move its bookmark, so the window is read again."""

    def __init__(self) -> None:
        self.failed = False

    def findings(self, finder: Callable[..., Iterable[Finding]], *args, **kwargs):
        try:
            yield from finder(*args, **kwargs)
        except Exception:
            self.failed = True
            logger.exception("Fraud rule %s failed", getattr(finder, "__name__", finder))


def flags_raise(findings: Iterable[Finding]) -> int:
    """Raise every finding, each in its own transaction: one that fails is logged and the
    others are raised. Answers how many flags were raised or updated."""
    count = 0
    for finding in findings:
        try:
            count += flag_raise(finding) is not None
        except Exception:
            logger.exception("Could not raise fraud flag %s", finding.key)
    return count


def _lock_open(flag: Flag) -> Flag:
    flag = Flag.objects.select_for_update(of=("self",)).select_related("promoter").get(pk=flag.pk)
    if flag.status != Status.OPEN:
        raise Conflict(_("This flag was already decided."), code="already_decided")
    return flag


def _decide(flag: Flag, status: str, *, actor, note: str) -> None:
    flag.status = status
    flag.review_note = note
    flag.reviewed_by = actor
    flag.reviewed_at = timezone.now()
    flag.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "updated_at"])


@transaction.atomic
def flag_clear(*, flag: Flag, actor, note: str = "") -> Flag:
    """Not fraud: the flag's holds are lifted (its payout hold released, its commissions
    settle again unless another open high flag holds them)."""
    flag = _lock_open(flag)
    _decide(flag, Status.CLEARED, actor=actor, note=note.strip())
    if flag.payout_hold_id is not None:
        hold = PayoutHold.objects.get(pk=flag.payout_hold_id)
        if hold.released_at is None:
            hold_release(hold=hold, actor=actor)
    commission_holds_sync(flag.commissions.values_list("pk", flat=True))
    audit_record(actor=actor, action="fraud_flag.clear", target=flag, note=flag.review_note)
    return flag


@transaction.atomic
def flag_confirm(*, flag: Flag, actor, note: str, suspend: bool = False) -> Flag:
    """Fraud: every commission the flag touches is voided with reason fraud (money already
    settled is clawed back by a ledger posting), the promoter's payouts stay held until an
    admin releases the hold, and with `suspend` the promoter is suspended."""
    note = required_text(note, field="note", message=_("A reason is required."))
    flag = _lock_open(flag)
    _decide(flag, Status.CONFIRMED, actor=actor, note=note)
    voided = 0
    for commission in flag.commissions.exclude(status=Commission.Status.VOID).order_by("pk"):
        commission_void(commission=commission, note=note, actor=actor)
        voided += 1
    if flag.payout_hold_id is None:
        flag.payout_hold = hold_set(
            promoter=flag.promoter,
            reason=_("Fraud confirmed: %(summary)s") % {"summary": flag.summary},
            actor=actor,
            source=PayoutHold.Source.FRAUD,
        )
        flag.save(update_fields=["payout_hold", "updated_at"])
    commission_holds_sync(flag.commissions.values_list("pk", flat=True))
    if suspend and flag.promoter.status == ReviewStatus.APPROVED:
        promoter_review(
            promoter=flag.promoter, status=ReviewStatus.SUSPENDED, reviewer=actor, reason=note
        )
    audit_record(
        actor=actor,
        action="fraud_flag.confirm",
        target=flag,
        note=note,
        voided=voided,
        suspended=bool(suspend),
    )
    return flag


@transaction.atomic
def flag_appeal(*, flag: Flag, promoter, note: str) -> Flag:
    """The promoter's appeal note, shown to the admin beside the flag. Only on the promoter's
    own open flag; a later note replaces the earlier one."""
    note = required_text(note, field="note", message=_("An appeal note is required."))[:2000]
    flag = Flag.objects.select_for_update(of=("self",)).get(pk=flag.pk)
    if flag.promoter_id != promoter.pk:
        raise NotAllowed(_("This is not your flag."), code="not_yours")
    if flag.status != Status.OPEN:
        raise InvalidTransition(_("This flag was already decided."), code="already_decided")
    flag.appeal_note = note
    flag.appealed_at = timezone.now()
    flag.save(update_fields=["appeal_note", "appealed_at", "updated_at"])
    audit_record(actor=promoter.user, action="fraud_flag.appeal", target=flag)
    return flag


def order_report(*, order: Order, actor, note: str) -> Flag:
    """A merchant reports one of its attributed orders as suspicious: a low flag for an
    admin to review, which holds nothing and voids nothing by itself. Reporting the same
    order again updates the open report."""
    note = required_text(note, field="note", message=_("Say what looks wrong."))[:2000]
    if order.promoter_id is None:
        raise InvalidTransition(
            _("Only an order a promoter brought can be reported."), code="not_attributed"
        )
    flag = flag_raise(
        Finding(
            rule=Rule.MERCHANT_REPORT,
            severity=Severity.LOW,
            key=f"{Rule.MERCHANT_REPORT}:order:{order.pk}",
            promoter_id=order.promoter_id,
            merchant_id=order.merchant_id,
            summary=_("Order %(order)s reported by the merchant") % {"order": order.order_id},
            evidence={"note": note},
            order_ids=[order.pk],
            reported_by=actor,
            report_note=note,
        )
    )
    if flag is None:
        raise Conflict(_("This order's report was already decided."), code="already_decided")
    return flag
