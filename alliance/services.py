from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_record
from .errors import AllianceError, InvalidTransition
from .models import REVIEW_TRANSITIONS, Reviewable, ReviewStatus, User
from .tokens import account_tokens_revoke

# The audit log's verb for each review move.
REVIEW_ACTIONS = {
    ReviewStatus.APPROVED: "approve",
    ReviewStatus.REJECTED: "reject",
    ReviewStatus.SUSPENDED: "suspend",
}


def review_move(*, obj: Reviewable, status: str, reviewer: User, reason: str = "") -> Reviewable:
    """Move a reviewable sign-up to `status`, recorded in the audit log ("merchant.approve",
    "promoter.reject", ...). Rejections and suspensions need a reason; the move must be in
    REVIEW_TRANSITIONS. The caller holds the row lock, in its transaction."""
    if status not in REVIEW_TRANSITIONS.get(obj.status, set()):
        raise InvalidTransition(
            _("Cannot move from %(old)s to %(new)s.") % {"old": obj.status, "new": status}
        )
    reason = reason.strip()
    if status in {ReviewStatus.REJECTED, ReviewStatus.SUSPENDED} and not reason:
        raise AllianceError(_("A reason is required."), field="reason", code="reason_required")
    old_status = obj.status
    obj.status = status
    obj.review_reason = reason
    obj.reviewed_by = reviewer
    obj.reviewed_at = timezone.now()
    obj.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
    if status == ReviewStatus.SUSPENDED:
        # A suspended account's logins lose every token they hold (docs/security.md).
        account_tokens_revoke(account=obj)
    audit_record(
        actor=reviewer,
        action=f"{obj._meta.model_name}.{REVIEW_ACTIONS[status]}",
        target=obj,
        old_status=old_status,
        status=status,
        reason=reason,
    )
    return obj


def lock(obj: models.Model) -> models.Model:
    """Reload `obj` under a row lock (no-op lock on SQLite, which serialises writers)."""
    return type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)


def save_unique(obj, *, clash, error: AllianceError) -> None:
    """Save `obj` whose natural key full_clean has just found free. Two requests for the same
    key (a double-submitted form) can both pass that check; the unique constraint then refuses
    the second, which gets the same answer as if the check had caught it."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        if clash.exclude(pk=obj.pk).exists():
            raise error from None
        raise
