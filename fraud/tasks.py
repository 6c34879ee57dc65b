"""Celery tasks of the fraud rules. Each is thin: it calls a service."""

from celery import shared_task

from alliance.queue import RETRY_ON_DATABASE_ERRORS, enqueue_now

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


def check_orders_soon(sender=None, order_ids=(), **kwargs) -> None:
    """The receiver of commissions.signals.orders_applied (sent after the batch committed):
    one task per applied batch. A broker that is down is logged, not raised, and the sweep
    reads the orders anyway."""
    if order_ids:
        enqueue_now(check_orders, list(order_ids))
