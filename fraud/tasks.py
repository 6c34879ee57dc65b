"""Celery tasks of the fraud rules. Each is thin: it calls a service."""

from celery import shared_task

from alliance.queue import RETRY_ON_DATABASE_ERRORS

from .services.clicks import clicks_sweep
from .services.rules import orders_check, orders_sweep


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300, **RETRY_ON_DATABASE_ERRORS)
def sweep_clicks() -> int:
    """The traffic rules over the clicks stored since the last sweep."""
    return clicks_sweep()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300, **RETRY_ON_DATABASE_ERRORS)
def sweep_orders() -> int:
    """The order and account rules over what changed since the last sweep."""
    return orders_sweep()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300, **RETRY_ON_DATABASE_ERRORS)
def check_orders(order_ids: list[int]) -> int:
    """The order rules over orders just applied (the incremental path)."""
    return orders_check(order_ids)
