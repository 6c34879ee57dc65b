"""Refund abuse: refunds after settlement far above the promoter's own history and its
peers (its merchant's other promoters, and every promoter over all merchants). A high flag:
it holds the promoter's payouts and touches the commissions refunded after settlement and the
promoter's unsettled ones. docs/fraud.md ("Refund abuse") states the rule.

A refund after settlement is a commission that was settled (settled_at set) and is now
reversed: target_status keeps settled_at through a reversal, and a commission is reversed
only when its order is refunded or cancelled, which a completed (settled) order cannot be."""

import math
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from commissions.models import Commission
from products.models import Merchant

from ..models import Flag, Rule
from ..params import param
from . import stats
from .flags import Finding

UNSETTLED = [Commission.Status.PENDING, Commission.Status.CONFIRMED]
REFUNDED_AFTER = Q(status=Commission.Status.REVERSED, settled_at__isnull=False)
# Rounds of testing, each without the promoters the rounds before flagged.
PASSES = 3
# The share of each group's highest refund rates left out of the peers' fit.
TRIM = 0.1


def _cohorts(since: datetime, history_since: datetime, now: datetime, by: tuple) -> list[Any]:
    """Per `by` (promoter and merchant, or promoter alone): commissions settled in the window
    and how many of them were refunded after settlement, the same for the history before it.
    One aggregate query."""
    recent = Q(settled_at__gte=since)
    history = Q(settled_at__lt=since)
    return list(
        Commission.objects.filter(settled_at__gte=history_since, settled_at__lt=now)
        .values(*by)
        .annotate(
            settled=Count("pk", filter=recent),
            refunded=Count("pk", filter=recent & REFUNDED_AFTER),
            history_settled=Count("pk", filter=history),
            history_refunded=Count("pk", filter=history & REFUNDED_AFTER),
        )
        .order_by(*by)
    )


def refund_abuse_findings(*, now: datetime) -> Iterator[Finding]:
    """A high flag on each promoter whose share of settled commissions later refunded, over
    refund_abuse_window_days, is above its peers (beta-binomial, p below refund_abuse_p_value
    over the number tested) and at least refund_abuse_min_ratio times both their mean and the
    promoter's own history. Tested twice: at each merchant against the merchant's other
    promoters (with the merchant's own parameters), and over all merchants against every
    other promoter, so an abuser who spreads its refunds thin over many merchants is seen."""
    flagged = set()
    for finding in _level(now, ("promoter_id", "merchant_id")):
        flagged.add(finding.promoter_id)
        yield finding
    for finding in _level(now, ("promoter_id",)):
        if finding.promoter_id not in flagged:  # one flag is enough to hold its payouts
            yield finding


def _level(now: datetime, by: tuple) -> Iterator[Finding]:
    window = int(param("refund_abuse_window_days"))
    since = now - timedelta(days=window)
    history_since = since - timedelta(days=int(param("refund_abuse_history_days")))
    rows = _cohorts(since, history_since, now, by)
    for row in rows:
        row.setdefault("merchant_id", None)
    merchants: dict[Any, Any] = Merchant.objects.only("fraud_overrides").in_bulk(
        {r["merchant_id"] for r in rows} - {None}
    )
    minimum = {
        key: int(param("refund_abuse_min_settled", merchants.get(key)))
        for key in {r["merchant_id"] for r in rows}
    }
    groups: dict[Any, stats.RateSums] = defaultdict(stats.RateSums)
    own = {}
    for row in rows:
        sample = stats.RateSums.of(
            row["refunded"], row["settled"], min_trials=minimum[row["merchant_id"]]
        )
        own[(row["promoter_id"], row["merchant_id"])] = sample
        groups[row["merchant_id"]] += sample
    least_peers = int(param("outlier_min_peers"))
    # The peers are fitted without their highest rates (TRIM of each group, by rate): a few
    # abusers among them would widen the fit until none of them stands out.
    trimmed: set[int] = set()
    for key, members in _by_group(rows, own).items():
        for sample in _highest(members):
            groups[key] -= sample
            trimmed.add(id(sample))
    candidates = [
        row for row in rows if row["settled"] >= minimum[row["merchant_id"]] and row["refunded"]
    ]
    # Abusers among the peers would widen the peers' spread and hide each other: a promoter
    # that trips leaves the peers, and the others are tested again against the rest, until
    # no one more trips (a few passes at most).
    for _round in range(PASSES):
        tested = []
        for row in candidates:
            sample = own[(row["promoter_id"], row["merchant_id"])]
            peers_sums = groups[row["merchant_id"]]
            if id(sample) not in trimmed:  # a trimmed sample is out of the peers already
                peers_sums = peers_sums - sample
            peers = stats.rate_fit(peers_sums, min_peers=least_peers)
            if peers is not None:
                p = stats.rate_upper_p(row["refunded"], row["settled"], peers)
                tested.append((row, peers, p))
        tripped = []
        for row, peers, p in tested:
            merchant = merchants.get(row["merchant_id"])
            verdict = _verdict(row, peers, p, len(tested), merchant, minimum[row["merchant_id"]])
            if verdict is not None:
                tripped.append(row)
                yield _finding(row, peers, verdict, now, since, window)
        if not tripped:
            return
        for row in tripped:
            sample = own[(row["promoter_id"], row["merchant_id"])]
            if id(sample) not in trimmed:
                groups[row["merchant_id"]] -= sample
                trimmed.add(id(sample))
        candidates = [row for row in candidates if row not in tripped]


def _by_group(rows: list[Any], own: dict) -> dict[Any, list[stats.RateSums]]:
    members: dict[Any, list[stats.RateSums]] = defaultdict(list)
    for row in rows:
        members[row["merchant_id"]].append(own[(row["promoter_id"], row["merchant_id"])])
    return members


def _highest(members: list[stats.RateSums]) -> list[stats.RateSums]:
    """The TRIM share of a group's fitted samples with the highest rates (rounded up)."""
    fitted = [sample for sample in members if sample.fitted]
    count = math.ceil(TRIM * len(fitted))
    return sorted(fitted, key=lambda sample: sample.rates, reverse=True)[:count]


def _verdict(row, peers, p, tests, merchant, minimum) -> dict | None:
    """The numbers against the thresholds when the promoter trips, else None."""
    level = float(param("refund_abuse_p_value", merchant))
    ratio = float(param("refund_abuse_min_ratio", merchant))
    threshold = level / max(tests, 1)
    rate = row["refunded"] / row["settled"]
    history_rate = None
    history_p = None
    if row["history_settled"] >= minimum:
        history_rate = row["history_refunded"] / row["history_settled"]
        history = stats.RatePeers(count=1, pooled_rate=history_rate)
        history_p = stats.rate_upper_p(row["refunded"], row["settled"], history)
        if rate < ratio * history_rate or history_p >= threshold:
            return None
    if p >= threshold or rate < ratio * peers.mean:
        return None
    return {
        "measured": {
            "refunded_after_settlement": row["refunded"],
            "settled": row["settled"],
            "rate": round(rate, 6),
            "p_value": p,
            "history_settled": row["history_settled"],
            "history_refunded": row["history_refunded"],
            "history_rate": None if history_rate is None else round(history_rate, 6),
            "history_p_value": history_p,
        },
        "peers": peers.evidence(),
        "threshold": {
            "p_value": threshold,
            "family_p_value": level,
            "tests": tests,
            "min_ratio": ratio,
            "min_settled": minimum,
        },
    }


def _finding(row, peers, verdict, now, since, window) -> Finding:
    promoter_id, merchant_id = row["promoter_id"], row["merchant_id"]
    refunded = Commission.objects.filter(
        REFUNDED_AFTER, promoter_id=promoter_id, settled_at__gte=since, settled_at__lt=now
    )
    if merchant_id is not None:
        refunded = refunded.filter(merchant_id=merchant_id)
    amounts = refunded.aggregate(
        orders=Count("order_id", distinct=True), refunded=Sum("order_item__refunded_amount")
    )
    refunded_ids = list(refunded.order_by("pk").values_list("pk", flat=True))
    unsettled = Commission.objects.filter(promoter_id=promoter_id, status__in=UNSETTLED)
    if merchant_id is not None:  # a flag about one merchant holds that merchant's money only
        unsettled = unsettled.filter(merchant_id=merchant_id)
    touched = refunded_ids + list(unsettled.order_by("pk").values_list("pk", flat=True))
    verdict["measured"]["orders"] = amounts["orders"]
    verdict["measured"]["refunded_amount"] = str(amounts["refunded"] or Decimal("0.00"))
    verdict["window_days"] = window
    verdict["commissions_refunded"] = refunded_ids
    measured = verdict["measured"]
    return Finding(
        rule=Rule.REFUND_ABUSE,
        severity=Flag.Severity.HIGH,
        # One flag per promoter, merchant (or all merchants) and month: an admin's decision
        # holds for the month.
        key=f"{Rule.REFUND_ABUSE}:promoter:{promoter_id}:merchant:{merchant_id or 'all'}"
        f":{now:%Y-%m}",
        promoter_id=promoter_id,
        merchant_id=merchant_id,
        summary=_(
            "%(k)s of %(n)s settled commissions refunded after settlement (%(rate).1f%%, "
            "%(amount)s refunded) against its peers' %(peers).1f%%"
        )
        % {
            "k": measured["refunded_after_settlement"],
            "n": measured["settled"],
            "rate": 100 * measured["rate"],
            "amount": measured["refunded_amount"],
            "peers": 100 * peers.mean,
        },
        evidence=verdict,
        commission_ids=touched,
    )
