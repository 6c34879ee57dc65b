"""The commissions' ledger invariants, part of `manage.py check_ledger`
(ledger.checks.ledger_check):

- a commission not settled has no postings;
- every settled commission has exactly one settlement posting, and the ledger holds exactly its
  target (its split while settled, nothing once reversed or void)."""

from django.db.models import Count, Q

from ledger.checks import Findings
from ledger.models import LedgerTransaction
from ledger.selectors import posted_by_commission

from .models import Commission
from .services.commissions import ledger_target

# Commissions are checked in slices of this many, to keep memory flat on a large ledger.
CHUNK = 2000


def commission_ledger_problems(limit: int = 50) -> Findings:
    findings = Findings(problems=[])
    problems = findings.problems
    if limit <= 0:
        return findings
    posted_elsewhere = Commission.objects.filter(settled_at__isnull=True).filter(
        postings__isnull=False
    )
    for commission_id in posted_elsewhere.values_list("pk", flat=True).distinct()[:limit]:
        problems.append(f"commission {commission_id} is not settled but has postings")

    settled = Commission.objects.filter(settled_at__isnull=False).annotate(
        settlements=Count("postings", filter=Q(postings__kind=LedgerTransaction.Kind.SETTLEMENT))
    )
    last_pk = 0
    while len(problems) < limit:
        chunk = list(settled.filter(pk__gt=last_pk).order_by("pk")[:CHUNK])
        if not chunk:
            break
        last_pk = chunk[-1].pk
        findings.commissions_checked += len(chunk)
        posted = posted_by_commission(c.pk for c in chunk)
        for commission in chunk:
            if commission.settlements != 1:
                problems.append(
                    f"commission {commission.pk} has {commission.settlements} settlement "
                    "postings, not 1"
                )
            target = {k: v for k, v in ledger_target(commission).items() if v}
            held = {k: v for k, v in posted.get(commission.pk, {}).items() if v}
            if target != held:
                problems.append(
                    f"commission {commission.pk} ({commission.status}) should hold {target} "
                    f"in the ledger but holds {held}"
                )
    return findings
