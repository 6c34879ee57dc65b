"""Celery tasks for statements. Each is thin: it calls a service."""

import logging

from celery import shared_task

from alliance.queue import RETRY_ON_DATABASE_ERRORS

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    # Issuing is one transaction and idempotent, so a retry after a database hiccup is safe.
    **RETRY_ON_DATABASE_ERRORS,
    max_retries=5,
    soft_time_limit=540,
    time_limit=600,
)
def issue_monthly_statements() -> int:
    """On or after day ALLIANCE_STATEMENT_DAY, issue last month's statements once. Returns how
    many statements were created."""
    from .services import statements_issue_due

    result = statements_issue_due()
    if result is None:
        return 0
    logger.info("Issued %d statements for %s", result.created, f"{result.month:%Y-%m}")
    return result.created
