"""Celery tasks of the ledger check. Each is thin: it calls a service."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=1700, time_limit=1800)
def check_ledger() -> bool:
    """The hourly check of every ledger invariant, recorded as a LedgerCheck; a break is also
    logged as an error, loudly."""
    from .checks import ledger_check_scheduled

    return _check_logged(ledger_check_scheduled())


@shared_task(acks_late=True, soft_time_limit=1700, time_limit=1800)
def run_ledger_check(check_id: int) -> bool:
    """Carry out the ledger check an admin queued; a vanished row is a no-op."""
    from .checks import ledger_check_run
    from .models import LedgerCheck

    check = LedgerCheck.objects.filter(pk=check_id).first()
    return _check_logged(ledger_check_run(check=check)) if check is not None else False


def _check_logged(check) -> bool:
    for problem in check.breaks:
        logger.error("LEDGER CHECK FAILED: %s", problem)
    return check.status == check.Status.PASSED
