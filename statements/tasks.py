"""Celery tasks for statements. Each is thin: it calls a service."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    # Issuing is one transaction and idempotent, so a retry after a database hiccup is safe.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=120,
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
