"""Rules over single orders, run as events arrive and by the sweep."""

from collections.abc import Iterator

from .flags import Finding


def order_findings(order_ids: list[int]) -> Iterator[Finding]:
    """What the order rules find in these orders."""
    return iter(())
