"""Celery tasks for orders and settlement. Each is thin: it calls a service."""

import logging
import time

import redis
from celery import shared_task
from django.conf import settings
from django.db import transaction

from alliance.queue import RETRY_ON_DATABASE_ERRORS, enqueue_now

logger = logging.getLogger(__name__)

# Set (in Redis) while an apply task is queued and has not started: the webhook then need not
# queue another. The task clears it first thing, so an event stored after that wakes a new one.
WAKE_KEY = "commissions:apply-order-events:queued"
WAKE_SECONDS = 30
_flags = None


def _wake_flags() -> redis.Redis:
    """One Redis client per process (Django's cache builds one per call, a third of the wake's
    cost on the webhook's path)."""
    global _flags
    if _flags is None:
        _flags = redis.Redis.from_url(settings.REDIS_URL)
    return _flags


def _wake_key() -> str:
    return f"{settings.CACHE_KEY_PREFIX}:{WAKE_KEY}"


# A task hands over to a fresh one after this long, so other queued work gets a turn.
APPLY_SECONDS = 60


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # Only a database that is briefly unreachable is worth another try: the batch rolled back
    # whole, and its events are still pending.
    **RETRY_ON_DATABASE_ERRORS,
    max_retries=10,
    soft_time_limit=240,
    time_limit=300,
)
def apply_order_events() -> int:
    """Apply pending inbox events in batches until none is left (or APPLY_SECONDS pass)."""
    from .services.inbox import order_events_apply_pending

    if settings.REDIS_URL:
        _wake_flags().delete(_wake_key())
    if not apply_order_events.request.is_eager:
        # Let a burst of deliveries gather: one batch of many events costs far less per event
        # than many batches of a few.
        time.sleep(settings.ALLIANCE_ORDER_EVENT_LINGER_MS / 1000)
    deadline = time.monotonic() + APPLY_SECONDS
    applied = 0
    while True:
        taken = order_events_apply_pending(batch_size=settings.ALLIANCE_ORDER_EVENT_BATCH)
        applied += taken
        if taken == 0:
            return applied
        if time.monotonic() > deadline:
            enqueue_now(apply_order_events)
            return applied


def apply_order_events_soon() -> None:
    """Wake the apply task unless one is already queued. A failure of Redis or the broker is
    logged, not raised: the event is stored, and the sweeper queues the task again."""
    try:
        # The flag lives in Redis, which the worker shares; without REDIS_URL, always publish.
        if settings.REDIS_URL and not _wake_flags().set(_wake_key(), 1, nx=True, ex=WAKE_SECONDS):
            return
    except Exception:
        logger.warning("Could not enqueue apply_order_events; the sweeper will", exc_info=True)
    else:
        if enqueue_now(apply_order_events):
            return
    try:
        if settings.REDIS_URL:
            _wake_flags().delete(_wake_key())
    except Exception:
        logger.warning("Could not clear the wake flag; it expires by itself", exc_info=True)


def apply_order_events_after_commit() -> None:
    """Wake the apply task once the current transaction commits. Not enqueue_after_commit:
    the wake first asks Redis whether an apply task is queued already, so that a burst of
    deliveries publishes one task, and that question belongs after the commit too."""
    transaction.on_commit(apply_order_events_soon)


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def sweep_order_events() -> int:
    """The inbox is the outbox: events stored but not applied after a grace period lost their
    publish or their worker, and get a new apply task. Returns how many were waiting."""
    from .selectors import order_events_stale

    stale = order_events_stale(older_than_seconds=settings.ALLIANCE_ORDER_EVENT_SWEEP_SECONDS)
    count = stale.count()
    if count:
        logger.warning("%d order events waited too long; enqueueing the apply task", count)
        enqueue_now(apply_order_events)
    return count


# Settlement tasks: a batch that lost its database connection is redone by a retry (every
# batch is its own transaction); a run of a million commissions fits in the time limit.
SETTLEMENT_TASK = dict(
    acks_late=True,
    **RETRY_ON_DATABASE_ERRORS,
    max_retries=5,
    soft_time_limit=3300,
    time_limit=3500,
)


@shared_task(**SETTLEMENT_TASK)
def settle_due_commissions() -> int:
    """Carry out a run an admin queued, then the scheduled run of the settlement cycle, if
    one is due. Safe to run twice or concurrently: each batch skips the commissions another
    run holds. Returns how many commissions were settled."""
    from .services.settlement import (
        settlement_run,
        settlement_run_queued,
        settlement_scheduled_cycle,
    )

    queued = settlement_run_queued()
    settled = queued.settled_count if queued is not None else 0
    cycle = settlement_scheduled_cycle()
    if cycle is not None:
        settled += settlement_run(cycle=cycle).settled_count
    return settled


@shared_task(**SETTLEMENT_TASK)
def run_settlement(run_id: int) -> int:
    """Carry out the settlement run an admin queued."""
    from .models import SettlementRun
    from .services.settlement import settlement_run

    run = SettlementRun.objects.filter(pk=run_id).first()
    return settlement_run(run=run).settled_count if run is not None else 0
