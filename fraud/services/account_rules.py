"""Rules over promoters' histories: statistics against peers, linked accounts, refunds after
settlement. Run by the sweep (fraud.services.rules.orders_sweep); each reads what it needs in
a few aggregate queries, whatever the number of promoters."""

from collections.abc import Iterator
from datetime import datetime

from .flags import Finding, RuleRun
from .linked_accounts import payout_identities, shared_identity_findings, upline_chain_findings
from .outliers import outlier_findings
from .refund_abuse import refund_abuse_findings


def account_findings(*, now: datetime, run: RuleRun | None = None) -> Iterator[Finding]:
    """What the account rules find as of `now`; each rule in `run`, so one that fails does
    not stop the others."""
    run = run or RuleRun()
    yield from run.findings(outlier_findings, now=now)
    owners = payout_identities()
    yield from run.findings(shared_identity_findings, owners)
    yield from run.findings(upline_chain_findings, owners)
    yield from run.findings(refund_abuse_findings, now=now)
