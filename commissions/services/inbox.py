"""The order-event inbox drained a batch at a time: events are taken (locked, oldest first),
applied together by commissions.services.apply, and marked applied in the same transaction; a
batch that fails is applied one event at a time, so one bad event cannot block the queue."""

import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from ..models import OrderEvent
from .apply import order_events_apply

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# Not the event's fault: the batch rolls back whole and the task is retried or redelivered.
NOT_POISON = (*TRANSIENT_ERRORS, SoftTimeLimitExceeded)


def _take(batch_size: int, ids: list[int] | None = None) -> list[OrderEvent]:
    """Lock pending events, oldest first, skipping those another worker holds."""
    queryset = OrderEvent.objects.filter(status=OrderEvent.Status.PENDING)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return list(
        queryset.select_for_update(of=("self",), skip_locked=True)
        .select_related("merchant")
        .order_by("pk")[:batch_size]
    )


def _mark(events: list[OrderEvent], status: str, error: str = "") -> None:
    OrderEvent.objects.filter(pk__in=[e.pk for e in events]).update(
        status=status, applied_at=timezone.now(), error=error
    )


def _apply_alone(event_id: int) -> None:
    """Apply one event in a transaction of its own, commit included."""
    with transaction.atomic():
        events = _take(1, ids=[event_id])
        if events:
            order_events_apply(events)
            _mark(events, OrderEvent.Status.APPLIED)


def _fail(event_id: int, exc: Exception) -> None:
    logger.error("Order event %s could not be applied", event_id, exc_info=exc)
    OrderEvent.objects.filter(pk=event_id, status=OrderEvent.Status.PENDING).update(
        status=OrderEvent.Status.FAILED,
        applied_at=timezone.now(),
        error=f"{type(exc).__name__}: {exc}"[:2000],
    )


def order_events_apply_pending(*, batch_size: int) -> int:
    """Apply up to `batch_size` pending events in one transaction; return how many were taken.

    Each event is marked applied in the transaction that applies it, so a worker that dies
    mid-batch leaves the whole batch pending, to be applied once by the next. If the batch
    fails for a reason other than the database being unreachable or the task running out of
    time, its events are applied one by one, each in its own transaction, commit included; an
    event that still fails is marked failed with the error instead of blocking the queue (an
    admin can send it back: order_events_retry)."""
    taken: list[int] = []
    try:
        with transaction.atomic():
            events = _take(batch_size)
            taken = [e.pk for e in events]
            if events:
                order_events_apply(events)
                _mark(events, OrderEvent.Status.APPLIED)
        return len(taken)
    except NOT_POISON:
        raise
    except Exception:
        if not taken:
            raise
        logger.warning("A batch of %d order events failed; applying them one by one", len(taken))
    for event_id in taken:
        try:
            _apply_alone(event_id)
        except NOT_POISON:
            raise
        except IntegrityError:
            # Most likely another worker created the same order a moment ago: it is there now.
            try:
                _apply_alone(event_id)
            except NOT_POISON:
                raise
            except Exception as exc:
                _fail(event_id, exc)
        except Exception as exc:
            _fail(event_id, exc)
    return len(taken)


def order_events_retry(*, event_ids) -> int:
    """Send failed events back to the inbox (after the cause is fixed); returns how many."""
    count = OrderEvent.objects.filter(
        pk__in=list(event_ids), status=OrderEvent.Status.FAILED
    ).update(status=OrderEvent.Status.PENDING, error="", applied_at=None)
    if count:
        from ..tasks import apply_order_events_after_commit  # the tasks module imports this one

        apply_order_events_after_commit()
    return count
