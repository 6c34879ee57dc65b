"""Enqueueing work after the transaction that created it commits."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_after_commit(task, *args) -> None:
    """Publish `task(*args)` once the current transaction commits. A broker that is down must
    not turn a saved request into an error: the row that describes the work is committed, and
    the periodic sweeper of that kind of work publishes it again."""

    def publish() -> None:
        try:
            task.delay(*args)
        except Exception:
            logger.warning("Could not enqueue %s%r; the sweeper will retry", task.name, args)

    transaction.on_commit(publish)
