"""Rules over promoters' histories: statistics against peers, linked accounts, refunds after
settlement. Run by the sweep."""

from collections.abc import Iterator
from datetime import datetime

from .flags import Finding


def account_findings(*, now: datetime) -> Iterator[Finding]:
    """What the account rules find as of `now`."""
    return iter(())
