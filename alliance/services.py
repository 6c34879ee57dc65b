from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import AllianceError, InvalidTransition
from .models import REVIEW_TRANSITIONS, Reviewable, ReviewStatus, User


def review_move(*, obj: Reviewable, status: str, reviewer: User, reason: str = "") -> Reviewable:
    """Move a reviewable sign-up to `status`. Rejections and suspensions need a reason; the move
    must be in REVIEW_TRANSITIONS. The caller holds the row lock."""
    if status not in REVIEW_TRANSITIONS.get(obj.status, set()):
        raise InvalidTransition(
            _("Cannot move from %(old)s to %(new)s.") % {"old": obj.status, "new": status}
        )
    reason = reason.strip()
    if status in {ReviewStatus.REJECTED, ReviewStatus.SUSPENDED} and not reason:
        raise AllianceError(_("A reason is required."), field="reason", code="reason_required")
    obj.status = status
    obj.review_reason = reason
    obj.reviewed_by = reviewer
    obj.reviewed_at = timezone.now()
    obj.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
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
