"""The order and account rules: which run when, and the sweep's bookmark. The rules themselves
are in order_rules (one order at a time, as events arrive) and account_rules (over a promoter's
history: statistics, linked accounts, refunds after settlement)."""

from datetime import timedelta

from django.utils import timezone

from commissions.models import Order

from ..models import SweepMark
from .account_rules import account_findings
from .flags import RuleRun, flags_raise
from .order_rules import order_findings

ORDERS_MARK = "orders"
# Orders changed this long before the bookmark are read again: a transaction that committed
# late (its updated_at earlier than the bookmark) is still seen. Re-reading is idempotent.
OVERLAP = timedelta(minutes=5)


def orders_check(order_ids: list[int]) -> int:
    """Run the order rules over these orders (just applied); answers how many flags were raised
    or updated."""
    return flags_raise(RuleRun().findings(order_findings, order_ids))


def orders_sweep() -> int:
    """The order rules over every order changed since the last sweep, then the account rules.
    Answers how many flags were raised or updated."""
    now = timezone.now()
    mark, _created = SweepMark.objects.get_or_create(
        name=ORDERS_MARK, defaults={"until": now - timedelta(days=30)}
    )
    since = mark.until - OVERLAP
    order_ids = list(
        Order.objects.filter(updated_at__gte=since, updated_at__lte=now, promoter__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    run = RuleRun()
    raised = flags_raise(run.findings(order_findings, order_ids))
    raised += flags_raise(run.findings(account_findings, now=now, run=run))
    # The bookmark moves only once every rule has read the window: a sweep that dies on the
    # way, or a rule that failed, has the window read again next time. Only forward.
    if not run.failed:
        SweepMark.objects.filter(name=ORDERS_MARK, until__lt=now).update(until=now)
    return raised
