"""Enqueueing work, after the transaction that created it commits, and how tasks retry.

Every task the code enqueues goes through here: `enqueue_after_commit` from a request or a
service (the row that describes the work must be committed before a worker looks for it),
`enqueue_now` from a task or a sweeper, which runs outside any transaction of its own."""

import logging
from typing import Any

from django.db import InterfaceError, OperationalError, transaction

logger = logging.getLogger(__name__)

# The retry preset of every task whose work is one transaction (or a series of them) that a
# database briefly unreachable rolls back whole: only those errors are worth another try, the
# others are bugs or bad data that a retry would only repeat. The longest countdown (two
# minutes) stays far below the broker's visibility timeout (CELERY_VISIBILITY_TIMEOUT), so a
# retried task is never also redelivered. Each task adds its own max_retries and time limits.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_ON_DATABASE_ERRORS: dict[str, Any] = dict(
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=2,
    retry_backoff_max=120,
)


def enqueue_now(task, *args) -> bool:
    """Publish `task(*args)` now; answer whether it was published. A broker that is down is
    logged, not raised: the row that describes the work is committed, and the periodic sweeper
    of that kind of work publishes it again."""
    try:
        task.delay(*args)
    except Exception:
        logger.warning(
            "Could not enqueue %s%r; the sweeper will retry", task.name, args, exc_info=True
        )
        return False
    return True


def enqueue_after_commit(task, *args) -> None:
    """Publish `task(*args)` once the current transaction commits (at once outside one), as
    enqueue_now does."""
    transaction.on_commit(lambda: enqueue_now(task, *args))
