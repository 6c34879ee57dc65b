"""Payout holds: while a promoter has an active hold its requested payouts wait as held and
none can be approved; releasing the last hold lets them go back to review."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.audit import audit_record, audit_records
from alliance.errors import Conflict, required_text
from promoters.models import Promoter

from ..models import Payout, PayoutHold
from .locks import promoter_lock
from .payouts import PAYOUT_STATUS, has_active_hold

Status = Payout.Status


def _move_all(promoter_id: int, old: str, new: str, *, actor, action: str, hold) -> list[Payout]:
    payouts = list(
        Payout.objects.select_for_update(of=("self",))
        .filter(promoter_id=promoter_id, status=old)
        .order_by("pk")
    )
    moved: list[Payout] = []
    for payout in payouts:
        # Each move is recorded in one audit statement for the batch, written below.
        PAYOUT_STATUS.move(payout, new, save=[], record=lambda _old: None)
        moved.append(payout)
    audit_records(actor=actor, action=action, targets=moved, hold=hold.pk, status=new)
    return payouts


@transaction.atomic
def hold_set(
    *, promoter: Promoter, reason: str, actor, source: str = PayoutHold.Source.ADMIN
) -> PayoutHold:
    """Put a promoter's payouts on hold, with a reason: its requested payouts become held."""
    reason = required_text(reason, field="reason", message=_("A reason is required."))
    promoter = promoter_lock(promoter.pk)
    hold = PayoutHold.objects.create(
        promoter=promoter, reason=reason, source=source, created_by=actor
    )
    audit_record(
        actor=actor,
        action="payout_hold.set",
        target=hold,
        promoter=promoter.pk,
        reason=reason,
        source=source,
    )
    _move_all(
        promoter.pk, Status.REQUESTED, Status.HELD, actor=actor, action="payout.hold", hold=hold
    )
    return hold


@transaction.atomic
def hold_release(*, hold: PayoutHold, actor) -> PayoutHold:
    """Release a hold. When it was the promoter's last active one, its held payouts go back to
    requested."""
    promoter_lock(hold.promoter_id)
    hold = PayoutHold.objects.select_for_update(of=("self",)).get(pk=hold.pk)
    if hold.released_at is not None:
        raise Conflict(_("This hold was already released."), code="already_released")
    hold.released_at = timezone.now()
    hold.released_by = actor
    hold.save(update_fields=["released_at", "released_by"])
    audit_record(actor=actor, action="payout_hold.release", target=hold, promoter=hold.promoter_id)
    if not has_active_hold(hold.promoter_id):
        _move_all(
            hold.promoter_id,
            Status.HELD,
            Status.REQUESTED,
            actor=actor,
            action="payout.unhold",
            hold=hold,
        )
    return hold
