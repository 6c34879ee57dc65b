"""Celery tasks of the platform kernel: each calls one function and reports what it did."""

import logging

from celery import shared_task

from .idempotency_records import records_purge

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def purge_idempotency_records() -> int:
    """Delete the stored answers of `Idempotency-Key` requests older than
    ALLIANCE_IDEMPOTENCY_TTL_HOURS (they no longer replay). Running it twice is harmless."""
    purged = records_purge()
    if purged:
        logger.info("Purged %d idempotency records past their time", purged)
    return purged
