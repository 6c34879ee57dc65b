"""Rules over promoters' histories: statistics against peers, linked accounts, refunds after
settlement. Run by the sweep (fraud.services.rules.orders_sweep); each reads what it needs in
a few aggregate queries, whatever the number of promoters."""

from collections.abc import Iterator
from datetime import datetime

from .flags import Finding
from .linked_accounts import payout_identities, shared_identity_findings, upline_chain_findings
from .outliers import outlier_findings
from .refund_abuse import refund_abuse_findings


def account_findings(*, now: datetime) -> Iterator[Finding]:
    """What the account rules find as of `now`."""
    yield from outlier_findings(now=now)
    owners = payout_identities()
    yield from shared_identity_findings(owners)
    yield from upline_chain_findings(owners)
    yield from refund_abuse_findings(now=now)
