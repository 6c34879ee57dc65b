from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import audit_record
from .errors import AllianceError
from .models import REVIEW_TRANSITIONS, Reviewable, ReviewStatus, User
from .status import StatusTable, lock  # noqa: F401 (the apps' services lock through here)
from .tokens import account_tokens_revoke

# The audit log's verb for each review move.
REVIEW_ACTIONS: dict[str, str] = {
    ReviewStatus.APPROVED: "approve",
    ReviewStatus.REJECTED: "reject",
    ReviewStatus.SUSPENDED: "suspend",
}
REVIEW_STATUS = StatusTable(
    moves=REVIEW_TRANSITIONS, refused=gettext_lazy("Cannot move from %(old)s to %(new)s.")
)


def review_move[R: Reviewable](*, obj: R, status: str, reviewer: User, reason: str = "") -> R:
    """Move a reviewable sign-up to `status`, recorded in the audit log ("merchant.approve",
    "promoter.reject", ...). Rejections and suspensions need a reason; the move must be in
    REVIEW_TRANSITIONS. The caller holds the row lock, in its transaction."""
    REVIEW_STATUS.check(obj, status)
    reason = reason.strip()
    if status in {ReviewStatus.REJECTED, ReviewStatus.SUSPENDED} and not reason:
        raise AllianceError(_("A reason is required."), field="reason", code="reason_required")
    obj.review_reason = reason
    obj.reviewed_by = reviewer
    obj.reviewed_at = timezone.now()
    REVIEW_STATUS.move(
        obj,
        status,
        save=["review_reason", "reviewed_by", "reviewed_at"],
        record=lambda old_status: audit_record(
            actor=reviewer,
            action=f"{obj._meta.model_name}.{REVIEW_ACTIONS[status]}",
            target=obj,
            old_status=old_status,
            status=status,
            reason=reason,
        ),
    )
    if status == ReviewStatus.SUSPENDED:
        # A suspended account's logins lose every token they hold (docs/security.md).
        account_tokens_revoke(account=obj)
    return obj


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
