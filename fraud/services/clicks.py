"""The traffic rules, over the stored clicks (never in the redirect): floods, bursts from one
network with no referer, cookie stuffing and declared-channel mismatch (docs/fraud.md,
"Traffic rules").

Every rule counts clicks in fixed windows (aligned to the epoch, so a re-run sees the same
windows) with a few set-based queries, marks the clicks it finds (one bulk UPDATE per finding;
a click keeps the first suspicion it got) and raises one flag per subject and window, whose key
names both: re-reading the same clicks raises nothing new. Bot clicks are left out of every
rule: they are counted apart already."""

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Flag, Rule, SweepMark
from ..params import param
from .click_rules import channel_findings, stuffed_orders_findings, stuffing_findings
from .click_windows import Window, bucket, clicks_mark, finding_for, people_clicks, window_start
from .flags import Finding, RuleRun, flags_raise

CLICKS_MARK = "clicks"
# Clicks stored this long before the bookmark are read again: batched recording stores a click
# up to a flush interval after it happened (longer while the database refuses batches), with
# the time it happened. Re-reading is idempotent.
OVERLAP = timedelta(minutes=5)
# The first sweep of an installation reads the last day, not the whole history.
FIRST_LOOKBACK = timedelta(days=1)


def flood_findings(since: datetime, until: datetime) -> Iterator[Finding]:
    """Floods: one visitor clicking too often (any links), and a link or a promoter whose
    clicks come from too few visitors. A big honest burst has as many visitors as clicks."""
    seconds = int(param("flood_window_minutes")) * 60
    start = window_start(since, seconds)
    clicks = people_clicks(start, until).annotate(bucket=bucket(seconds))
    yield from _visitor_floods(clicks, seconds)
    ratio = float(param("flood_clicks_per_visitor"))
    for field, minimum in (
        ("link_id", "flood_link_clicks"),
        ("link__promoter_id", "flood_promoter_clicks"),
    ):
        groups = (
            clicks.values(field, "bucket")
            .annotate(total=Count("pk"), visitors=Count("ip_hash", distinct=True))
            .filter(total__gte=int(param(minimum)))
            .order_by(field, "bucket")
        )
        for group in groups:
            if group["total"] / group["visitors"] < ratio:
                continue
            yield _group_flood(field, group, seconds, ratio, int(param(minimum)))


def _visitor_floods(clicks: Any, seconds: int) -> Iterator[Finding]:
    threshold = int(param("flood_visitor_clicks"))
    groups = (
        clicks.values("ip_hash", "bucket")
        .annotate(total=Count("pk"))
        .filter(total__gte=threshold)
        .order_by("ip_hash", "bucket")
    )
    for group in groups:
        window = Window.of(group["bucket"], seconds)
        flood = people_clicks(window.start, window.end).filter(ip_hash=group["ip_hash"])
        clicks_mark(flood, Rule.CLICK_FLOOD)
        promoters = flood.values_list("link__promoter_id", flat=True).distinct().order_by()
        for promoter_id in sorted(promoters):
            yield finding_for(
                rule=Rule.CLICK_FLOOD,
                severity=Flag.Severity.LOW,
                key=f"click_flood:visitor:{group['ip_hash'][:16]}:{window.start:%Y%m%dT%H%M}"
                f":promoter:{promoter_id}",
                promoter_id=promoter_id,
                clicks=flood.filter(link__promoter_id=promoter_id),
                summary=_("One visitor clicked %(total)d times in %(minutes)d minutes")
                % {"total": group["total"], "minutes": seconds // 60},
                measured={"visitor_clicks": group["total"]},
                threshold={"flood_visitor_clicks": threshold},
                window=window,
            )


def _group_flood(field: str, group: dict, seconds: int, ratio: float, minimum: int) -> Finding:
    window = Window.of(group["bucket"], seconds)
    subject = group[field]
    flood = people_clicks(window.start, window.end).filter(**{field: subject})
    clicks_mark(flood, Rule.CLICK_FLOOD)
    kind = "link" if field == "link_id" else "promoter"
    promoter_id = subject if kind == "promoter" else flood.values_list("link__promoter_id")[0][0]
    per_visitor = round(group["total"] / group["visitors"], 2)
    return finding_for(
        rule=Rule.CLICK_FLOOD,
        severity=Flag.Severity.LOW,
        key=f"click_flood:{kind}:{subject}:{window.start:%Y%m%dT%H%M}",
        promoter_id=promoter_id,
        clicks=flood,
        summary=_(
            "%(total)d clicks from %(visitors)d visitors in %(minutes)d minutes on one %(kind)s"
        )
        % {
            "total": group["total"],
            "visitors": group["visitors"],
            "minutes": seconds // 60,
            "kind": _("link") if kind == "link" else _("promoter"),
        },
        measured={
            "clicks": group["total"],
            "visitors": group["visitors"],
            "clicks_per_visitor": per_visitor,
        },
        threshold={f"flood_{kind}_clicks": minimum, "flood_clicks_per_visitor": ratio},
        window=window,
    )


def burst_findings(since: datetime, until: datetime) -> Iterator[Finding]:
    """Bursts: a link whose clicks in a window came, for a large share, with no referer from
    one network. No referer alone is WeChat's in-app browser, not a sign."""
    seconds = int(param("flood_window_minutes")) * 60
    minimum = int(param("burst_min_clicks"))
    share = float(param("burst_network_share"))
    clicks = people_clicks(window_start(since, seconds), until).annotate(bucket=bucket(seconds))
    totals = {
        (row["link_id"], row["bucket"]): row["total"]
        for row in clicks.values("link_id", "bucket")
        .annotate(total=Count("pk"))
        .filter(total__gte=minimum)
        .order_by()
    }
    if not totals:
        return
    networks = (
        clicks.filter(referer="", link_id__in={link for link, _bucket in totals})
        # One visitor's flood is the flood rule's (it runs first): a burst is many visitors.
        .exclude(net_hash="")
        .exclude(suspicion=Rule.CLICK_FLOOD)
        .values("link_id", "bucket", "net_hash")
        .annotate(total=Count("pk"))
        .filter(total__gte=max(1, int(minimum * share)))
        .order_by("link_id", "bucket", "net_hash")
    )
    for row in networks:
        total = totals.get((row["link_id"], row["bucket"]))
        if total is None or row["total"] / total < share:
            continue
        window = Window.of(row["bucket"], seconds)
        burst = (
            people_clicks(window.start, window.end)
            .filter(link_id=row["link_id"], referer="", net_hash=row["net_hash"])
            .exclude(suspicion=Rule.CLICK_FLOOD)
        )
        clicks_mark(burst, Rule.NO_REFERER_BURST)
        yield finding_for(
            rule=Rule.NO_REFERER_BURST,
            severity=Flag.Severity.LOW,
            key=f"no_referer_burst:link:{row['link_id']}:{window.start:%Y%m%dT%H%M}"
            f":{row['net_hash']}",
            promoter_id=burst.values_list("link__promoter_id")[0][0],
            clicks=burst,
            summary=_(
                "%(part)d of %(total)d clicks in %(minutes)d minutes on one link came from one "
                "network with no referer"
            )
            % {"part": row["total"], "total": total, "minutes": seconds // 60},
            measured={
                "clicks": total,
                "network_clicks": row["total"],
                "network_share": round(row["total"] / total, 3),
            },
            threshold={"burst_min_clicks": minimum, "burst_network_share": share},
            window=window,
        )


def clicks_sweep() -> int:
    """Mark suspicious clicks and raise traffic flags over the clicks stored since the last
    sweep (and OVERLAP before it); answers how many flags were raised or updated. Does nothing
    while ALLIANCE_FRAUD_CLICK_SIGNALS is off."""
    if not settings.ALLIANCE_FRAUD_CLICK_SIGNALS:
        return 0
    now = timezone.now()
    mark, _created = SweepMark.objects.get_or_create(
        name=CLICKS_MARK, defaults={"until": now - FIRST_LOOKBACK}
    )
    since = min(mark.until, now) - OVERLAP
    finders: Iterable[Callable[[datetime, datetime], Iterator[Finding]]] = (
        flood_findings,
        burst_findings,
        stuffing_findings,
        channel_findings,
        stuffed_orders_findings,
    )
    run = RuleRun()
    raised = sum(flags_raise(run.findings(finder, since, now)) for finder in finders)
    # The bookmark moves only once every rule has read the window: a sweep that dies on the
    # way, or a rule that failed, has the window read again next time. Only forward.
    if not run.failed:
        SweepMark.objects.filter(name=CLICKS_MARK, until__lt=now).update(until=now)
    return raised
