"""How long the stored answers of `Idempotency-Key` requests live, and their purge. The domain
side of alliance/idempotency.py (the API middleware): the beat task purges without importing
the API."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from alliance.models import IdempotencyRecord

# Expired records deleted per statement by the purge: short locks, a few MB of ids at most.
PURGE_BATCH = 5000


def records_expired_before():
    """Records created before this moment no longer replay and may be purged."""
    return timezone.now() - timedelta(hours=settings.ALLIANCE_IDEMPOTENCY_TTL_HOURS)


def records_purge() -> int:
    """Delete the records older than ALLIANCE_IDEMPOTENCY_TTL_HOURS; returns how many."""
    cutoff = records_expired_before()
    purged = 0
    while True:
        ids = list(
            IdempotencyRecord.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True)[
                :PURGE_BATCH
            ]
        )
        if not ids:
            return purged
        purged += IdempotencyRecord.objects.filter(pk__in=ids).delete()[0]
