"""Peer outliers: a promoter's (per merchant) or a link's conversion rate, refund rate and
average order value over the recent window, against its peers (the merchant's other promoters;
the other links of the product's category). Low flags only: honest deal groups convert far
above the average, so an outlier is marked for a look and its money keeps flowing.
docs/fraud.md ("Peer outliers") states the rule; fraud.services.stats the statistics."""

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, FloatField, Q, Sum
from django.db.models.functions import Cast, Ln, Power
from django.utils.translation import gettext as _

from commissions.models import Order
from products.models import Merchant
from promoters.models import Click

from ..models import Flag, Rule
from ..params import param
from . import stats
from .flags import Finding

Metric = str
CONVERSION: Metric = "conversion"
REFUNDS: Metric = "refunds"
ORDER_VALUE: Metric = "order_value"
RULES = {
    CONVERSION: Rule.CONVERSION_OUTLIER,
    REFUNDS: Rule.REFUND_OUTLIER,
    ORDER_VALUE: Rule.ORDER_VALUE_OUTLIER,
}


@dataclass(frozen=True)
class Unit:
    """What is tested: a promoter at one merchant (peers: the merchant's other promoters) or
    one link (peers: the other links of its product's category, or of its merchant for a link
    to the whole store)."""

    kind: str  # "promoter" or "link"
    id: int
    promoter_id: int
    merchant_id: int
    group: tuple

    def subject(self, rule: str) -> str:
        if self.kind == "promoter":
            return f"{rule}:promoter:{self.id}:merchant:{self.merchant_id}"
        return f"{rule}:link:{self.id}"


@dataclass
class Counts:
    """One unit's numbers over the window."""

    clicks: int = 0  # unique clicks: is_unique, not a bot, not suspicious
    click_orders: int = 0  # orders attributed by a click on its links
    orders: int = 0  # orders, cancelled ones left out
    refunded: int = 0
    log: stats.LogSums = field(default_factory=stats.LogSums)


def _window_counts(since: datetime, now: datetime) -> dict[Unit, Counts]:
    """Every unit's counts, from two aggregate queries (clicks per link, orders per link)."""
    units: dict[Unit, Counts] = defaultdict(Counts)
    clicks = (
        Click.objects.filter(
            created_at__gte=since,
            created_at__lt=now,
            is_unique=True,
            is_bot=False,
            is_suspicious=False,
        )
        .values("link_id", "link__promoter_id", "link__merchant_id", "link__product__category_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in clicks:
        for unit in _units(row["link_id"], row):
            units[unit].clicks += row["count"]
    for row in _order_rows(since, now):
        log = stats.LogSums(row["valued"], row["log_total"] or 0.0, row["log_squares"] or 0.0)
        for unit in _units(row["link_id"], row):
            counts = units[unit]
            counts.click_orders += row["click_orders"]
            counts.orders += row["orders"]
            counts.refunded += row["refunded"]
            counts.log += log
    return units


def _order_rows(since: datetime, now: datetime):
    kept = ~Q(status=Order.Status.CANCELLED)
    valued = kept & Q(amount__gt=0)
    log_amount = Ln(Cast("amount", FloatField()))
    return (
        Order.objects.filter(paid_at__gte=since, paid_at__lt=now, promoter__isnull=False)
        .values("link_id", "promoter_id", "merchant_id", "link__product__category_id")
        .annotate(
            click_orders=Count("pk", filter=Q(attribution=Order.Attribution.CLICK)),
            orders=Count("pk", filter=kept),
            refunded=Count("pk", filter=Q(status=Order.Status.REFUNDED)),
            valued=Count("pk", filter=valued),
            log_total=Sum(log_amount, filter=valued, output_field=FloatField()),
            log_squares=Sum(Power(log_amount, 2), filter=valued, output_field=FloatField()),
        )
        .order_by()
    )


def _units(link_id: int | None, row: Mapping[str, Any]) -> list[Unit]:
    promoter_id = row.get("promoter_id") or row["link__promoter_id"]
    merchant_id = row.get("merchant_id") or row["link__merchant_id"]
    units = [Unit("promoter", promoter_id, promoter_id, merchant_id, ("merchant", merchant_id))]
    if link_id is not None:
        category = row["link__product__category_id"]
        group = ("category", category) if category else ("merchant", merchant_id)
        units.append(Unit("link", link_id, promoter_id, merchant_id, group))
    return units


@dataclass(frozen=True)
class Outlier:
    unit: Unit
    metric: Metric
    p_value: float
    measured: dict
    peers: dict


def _rate_sample(metric: Metric, counts: Counts) -> tuple[int, int]:
    if metric == CONVERSION:
        return counts.click_orders, counts.clicks
    return counts.refunded, counts.orders


def _rate_outliers(metric: Metric, units: dict[Unit, Counts], limits: "Limits") -> list[Outlier]:
    """Every unit of enough trials tested against its group without it."""
    sums: dict[tuple, stats.RateSums] = defaultdict(stats.RateSums)
    own: dict[Unit, stats.RateSums] = {}
    for unit, counts in units.items():
        k, n = _rate_sample(metric, counts)
        own[unit] = stats.RateSums.of(k, n, min_trials=limits.trials(metric, unit))
        sums[(unit.kind, unit.group)] += own[unit]
    found = []
    for unit, counts in units.items():
        k, n = _rate_sample(metric, counts)
        if n < limits.trials(metric, unit):
            continue
        peers = stats.rate_fit(sums[(unit.kind, unit.group)] - own[unit], min_peers=limits.peers)
        if peers is None:
            continue
        measured = {"successes": k, "trials": n, "rate": round(k / n, 6)}
        p = stats.rate_upper_p(k, n, peers)
        found.append(Outlier(unit, metric, p, measured, peers.evidence()))
    return found


def _value_outliers(units: dict[Unit, Counts], limits: "Limits") -> list[Outlier]:
    sums: dict[tuple, stats.LogSums] = defaultdict(stats.LogSums)
    own: dict[Unit, stats.LogSums] = {}
    for unit, counts in units.items():
        log = counts.log
        own[unit] = stats.LogSums.of(
            log.count, log.total, log.squares, min_count=limits.trials(ORDER_VALUE, unit)
        )
        sums[(unit.kind, unit.group)] += own[unit]
    found = []
    for unit, counts in units.items():
        if counts.log.count < limits.trials(ORDER_VALUE, unit):
            continue
        peers = stats.mean_fit(sums[(unit.kind, unit.group)] - own[unit], min_peers=limits.peers)
        if peers is None:
            continue
        z, p = stats.mean_two_sided_p(own[unit], peers)
        measured = {
            "orders": counts.log.count,
            "mean_log_amount": round(counts.log.mean, 6),
            "geometric_mean_amount": round(math.exp(counts.log.mean), 2),
            "z": round(z, 3),
        }
        found.append(Outlier(unit, ORDER_VALUE, p, measured, peers.evidence()))
    return found


@dataclass
class Limits:
    """The parameters, read once per merchant (a merchant may override some)."""

    window_days: int
    peers: int
    merchants: dict[int, Merchant]

    def get(self, name: str, merchant_id: int):
        return param(name, self.merchants.get(merchant_id))

    def trials(self, metric: Metric, unit: Unit) -> int:
        name = "outlier_min_clicks" if metric == CONVERSION else "outlier_min_orders"
        # A link's peers span merchants (its category): the platform's value.
        return int(self.get(name, unit.merchant_id if unit.kind == "promoter" else 0))


def outlier_findings(*, now: datetime) -> Iterator[Finding]:
    """Low flags for every unit whose p-value is below outlier_p_value divided by the number
    of units tested for the same metric and unit kind (Bonferroni)."""
    window = int(param("outlier_window_days"))
    since = now - timedelta(days=window)
    units = _window_counts(since, now)
    merchant_ids = {unit.merchant_id for unit in units}
    limits = Limits(
        window_days=window,
        peers=int(param("outlier_min_peers")),
        merchants=Merchant.objects.only("fraud_overrides").in_bulk(merchant_ids),
    )
    silenced = _silenced(since)
    for kind in ("promoter", "link"):
        of_kind = {unit: counts for unit, counts in units.items() if unit.kind == kind}
        families = [
            _rate_outliers(CONVERSION, of_kind, limits),
            _rate_outliers(REFUNDS, of_kind, limits),
            _value_outliers(of_kind, limits),
        ]
        for tested in families:
            for outlier in tested:
                level = float(limits.get("outlier_p_value", _merchant_of(outlier.unit)))
                threshold = level / len(tested)
                subject = outlier.unit.subject(RULES[outlier.metric])
                if outlier.p_value < threshold and subject not in silenced:
                    yield _finding(outlier, now, since, level, threshold, len(tested), limits)


def _merchant_of(unit: Unit) -> int:
    return unit.merchant_id if unit.kind == "promoter" else 0


def _silenced(since: datetime) -> set[str]:
    """Subjects whose outlier flag an admin cleared within the window: not raised again (a
    new flag a day) until the window has moved past the decision."""
    keys = Flag.objects.filter(
        rule__in=list(RULES.values()), status=Flag.Status.CLEARED, reviewed_at__gte=since
    ).values_list("key", flat=True)
    return {key.rpartition(":")[0] for key in keys}


def _finding(outlier, now, since, level, threshold, tests, limits) -> Finding:
    unit = outlier.unit
    rule = RULES[outlier.metric]
    orders = Order.objects.filter(paid_at__gte=since, paid_at__lt=now)
    orders = orders.filter(link_id=unit.id) if unit.kind == "link" else orders
    orders = orders.filter(promoter_id=unit.promoter_id, merchant_id=unit.merchant_id)
    if outlier.metric == REFUNDS:
        orders = orders.filter(status=Order.Status.REFUNDED)
    elif outlier.metric == CONVERSION:
        orders = orders.filter(attribution=Order.Attribution.CLICK)
    evidence = {
        "metric": outlier.metric,
        "unit": {"kind": unit.kind, "id": unit.id, "group": list(unit.group)},
        "window_days": limits.window_days,
        "measured": outlier.measured | {"p_value": outlier.p_value},
        "peers": outlier.peers,
        "threshold": {
            "p_value": threshold,
            "family_p_value": level,
            "tests": tests,
            "min_sample": limits.trials(outlier.metric, unit),
            "min_peers": limits.peers,
        },
    }
    return Finding(
        rule=rule,
        severity=Flag.Severity.LOW,
        key=f"{unit.subject(rule)}:{now.date().isoformat()}",
        promoter_id=unit.promoter_id,
        merchant_id=unit.merchant_id,
        summary=_summary(outlier, threshold),
        evidence=evidence,
        order_ids=list(orders.order_by("pk").values_list("pk", flat=True)),
    )


def _summary(outlier: Outlier, threshold: float) -> str:
    measured, peers = outlier.measured, outlier.peers
    where = _("link %(id)s") % {"id": outlier.unit.id} if outlier.unit.kind == "link" else ""
    if outlier.metric == ORDER_VALUE:
        text = _("Average order %(amount)s (z %(z)s) against its peers") % {
            "amount": measured["geometric_mean_amount"],
            "z": measured["z"],
        }
    else:
        label = _("Conversion") if outlier.metric == CONVERSION else _("Refunds")
        text = _("%(label)s %(k)s/%(n)s (%(rate).1f%%) against its peers' %(peers).1f%%") % {
            "label": label,
            "k": measured["successes"],
            "n": measured["trials"],
            "rate": 100 * measured["rate"],
            "peers": 100 * peers.get("mean_rate", peers.get("pooled_rate", 0.0)),
        }
    p = _("p = %(p).2g, below %(threshold).2g") % {"p": outlier.p_value, "threshold": threshold}
    return " ".join(part for part in (where, text, p) if part)
