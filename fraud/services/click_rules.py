"""The traffic rules that look across promoters and channels: cookie stuffing and the
declared-channel mismatch (docs/fraud.md, "Traffic rules"). fraud.services.clicks runs them."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from commissions.models import Order
from promoters.models import Channel, Click, ClickIdRefused, click_reference

from ..models import Flag, Rule
from ..params import param
from .click_windows import Window, bucket, clicks_mark, finding_for, people_clicks, window_start
from .flags import Finding

# The hosts whose pages link out from each platform's app and site (its share pages and its
# link shortener). A channel of another kind cannot be checked: WeChat's in-app browser sends
# no referer, and a blog or "other" can be anywhere.
PLATFORM_HOSTS: dict[str, tuple[str, ...]] = {
    Channel.Kind.DOUYIN: ("douyin.com", "iesdouyin.com", "amemv.com", "snssdk.com"),
    Channel.Kind.WEIBO: ("weibo.com", "weibo.cn", "sina.cn", "t.cn"),
    Channel.Kind.XIAOHONGSHU: ("xiaohongshu.com", "xhslink.com", "xhscdn.com"),
}


def following(start: datetime, end: datetime, seconds: int) -> list[tuple]:
    """(click id, promoter id, time) of the clicks made in [start, end) that follow, within
    `seconds`, a person's click by the same visitor on a link of another promoter for the same
    merchant: the cookie-stuffing shape. Set-based first: one grouped query finds the visitors
    who clicked links of two promoters or more; only their clicks are read and walked in time
    order. Clicks a flood marked are left out (a flooding visitor is the flood rule's)."""
    pool = people_clicks(start - timedelta(seconds=seconds), end).exclude(
        suspicion=Rule.CLICK_FLOOD
    )
    visitors = (
        pool.values("ip_hash")
        .annotate(promoters=Count("link__promoter_id", distinct=True))
        .filter(promoters__gte=2)
        .values("ip_hash")
    )
    rows = (
        pool.filter(ip_hash__in=visitors)
        .order_by("ip_hash", "created_at", "pk")
        .values_list("pk", "ip_hash", "created_at", "link__promoter_id", "link__merchant_id")
    )
    window = timedelta(seconds=seconds)
    found: list[tuple] = []
    recent: list[tuple] = []  # the visitor's clicks of the last `seconds`
    for pk, visitor, moment, promoter_id, merchant_id in rows.iterator(chunk_size=2000):
        recent = [r for r in recent if r[0] == visitor and moment - r[1] <= window]
        if start <= moment and any(
            earlier < moment and merchant == merchant_id and promoter != promoter_id
            for _visitor, earlier, promoter, merchant in recent
        ):
            found.append((pk, promoter_id, moment))
        recent.append((visitor, moment, promoter_id, merchant_id))
    return found


def stuffing_findings(since: datetime, until: datetime) -> Iterator[Finding]:
    """A promoter whose clicks, over a period, often follow another promoter's click of the
    same visitor within seconds: it takes the attribution of orders another promoter brought.
    A high flag: it touches the orders attributed through those clicks."""
    seconds = int(param("stuffing_seconds"))
    period = int(param("stuffing_period_hours")) * 3600
    minimum = int(param("stuffing_min_clicks"))
    share = float(param("stuffing_share"))
    candidates = {
        (promoter_id, window_start(moment, period))
        for _pk, promoter_id, moment in following(since, until, seconds)
    }
    # The whole period is walked once per period that has candidates, not once per promoter.
    periods: dict[datetime, dict[int, list]] = {}
    for promoter_id, start in sorted(candidates):
        if start not in periods:
            periods[start] = defaultdict(list)
            for pk, promoter, _moment in following(
                start, start + timedelta(seconds=period), seconds
            ):
                periods[start][promoter].append(pk)
        window = Window(start, start + timedelta(seconds=period))
        stuffed_ids = periods[start][promoter_id]
        count = len(stuffed_ids)
        if count < minimum:
            continue
        total = (
            people_clicks(window.start, window.end).filter(link__promoter_id=promoter_id).count()
        )
        if count / total < share:
            continue
        stuffed = Click.objects.filter(pk__in=stuffed_ids)
        clicks_mark(stuffed, Rule.COOKIE_STUFFING)
        yield finding_for(
            rule=Rule.COOKIE_STUFFING,
            severity=Flag.Severity.HIGH,
            key=stuffing_key(promoter_id, window.start),
            promoter_id=promoter_id,
            clicks=stuffed,
            summary=_(
                "%(count)d of %(total)d clicks came within %(seconds)d seconds after the same "
                "visitor clicked another promoter's link"
            )
            % {"count": count, "total": total, "seconds": seconds},
            measured={"clicks": total, "following_clicks": count, "share": round(count / total, 3)},
            threshold={
                "stuffing_seconds": seconds,
                "stuffing_min_clicks": minimum,
                "stuffing_share": share,
            },
            window=window,
        )


def stuffing_key(promoter_id: int, start: datetime) -> str:
    return f"cookie_stuffing:promoter:{promoter_id}:{start:%Y%m%dT%H%M}"


def stuffed_orders_findings(since: datetime, until: datetime) -> Iterator[Finding]:
    """Orders that arrived after their promoter's cookie-stuffing flag, through one of the
    clicks it marked: added to that flag (held with it), its evidence unchanged; after the
    flag was confirmed, they raise a new flag of the same evidence (flag_raise), so a
    stuffed cookie that attributes later still earns nothing before review."""
    live = [Flag.Status.OPEN, Flag.Status.CONFIRMED]
    promoters = set(
        Flag.objects.filter(rule=Rule.COOKIE_STUFFING, status__in=live).values_list(
            "promoter_id", flat=True
        )
    )
    if not promoters:
        return
    orders: dict = {}
    for pk, value in Order.objects.filter(
        created_at__gte=since,
        promoter_id__in=promoters,
        attribution=Order.Attribution.CLICK,
    ).values_list("pk", "click_id"):
        try:
            reference = click_reference(value)
        except ClickIdRefused:
            continue
        if reference is not None:
            orders[reference.click_uuid] = pk
    period = int(param("stuffing_period_hours")) * 3600
    by_key: dict[str, list[int]] = defaultdict(list)
    for click_pk, promoter_id, created_at in Click.objects.filter(
        pk__in=list(orders), suspicion=Rule.COOKIE_STUFFING
    ).values_list("pk", "link__promoter_id", "created_at"):
        by_key[stuffing_key(promoter_id, window_start(created_at, period))].append(orders[click_pk])
    for flag in Flag.objects.filter(key__in=list(by_key), status__in=live).order_by("pk"):
        yield Finding(
            rule=flag.rule,
            severity=flag.severity,
            key=flag.key,
            promoter_id=flag.promoter_id,
            merchant_id=flag.merchant_id,
            summary=flag.summary,
            evidence=flag.evidence,
            order_ids=sorted(by_key[flag.key]),
        )


def channel_findings(since: datetime, until: datetime) -> Iterator[Finding]:
    """A Douyin, Weibo or Xiaohongshu channel whose clicks carry referers, enough of them, and
    none from its platform: the traffic does not come from where the promoter says."""
    seconds = int(param("channel_period_days")) * 86400
    minimum = int(param("channel_min_referer_clicks"))
    recent = set(
        people_clicks(since, until)
        .filter(link__channel__kind__in=list(PLATFORM_HOSTS))
        .values_list("link__channel_id", flat=True)
        .order_by()
        .distinct()
    )
    if not recent:
        return
    start = window_start(since, seconds)
    for kind, hosts in PLATFORM_HOSTS.items():
        matching = Q()
        for host in hosts:
            matching |= Q(referer__icontains=f"//{host}") | Q(referer__icontains=f".{host}")
        rows = (
            people_clicks(start, until)
            .filter(link__channel_id__in=recent, link__channel__kind=kind)
            .exclude(referer="")
            .annotate(bucket=bucket(seconds))
            .values("link__channel_id", "link__promoter_id", "bucket")
            .annotate(total=Count("pk"), matching=Count("pk", filter=matching))
            .filter(total__gte=minimum, matching=0)
            .order_by("link__channel_id", "bucket")
        )
        for row in rows:
            window = Window.of(row["bucket"], seconds)
            clicks = people_clicks(window.start, window.end).filter(
                link__channel_id=row["link__channel_id"]
            )
            clicks_mark(clicks, Rule.CHANNEL_MISMATCH)
            yield finding_for(
                rule=Rule.CHANNEL_MISMATCH,
                severity=Flag.Severity.LOW,
                key=f"channel_mismatch:channel:{row['link__channel_id']}:{window.start:%Y%m%d}",
                promoter_id=row["link__promoter_id"],
                clicks=clicks,
                summary=_(
                    "%(total)d clicks with a referer on a %(kind)s channel, none from %(kind)s"
                )
                % {"total": row["total"], "kind": Channel.Kind(kind).label},
                measured={"referer_clicks": row["total"], "platform_clicks": 0},
                threshold={"channel_min_referer_clicks": minimum, "platform_hosts": list(hosts)},
                window=window,
            )
