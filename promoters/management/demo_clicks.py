"""The demo's click history: visitors, their browsers and referers, and when they click.

Generated, not listed: each link's clicks come from a random generator seeded with the demo's
SEED, the promoter and the link, so every load draws the same history relative to its day."""

import random
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from promoters.management import demo_data as demo
from promoters.models import Channel, Click, Link
from promoters.services import is_bot_agent, network_hash, visitor_hash

CLICK_WINDOW = timedelta(days=30)

# Visitors and their browsers. The IPs are from the documentation ranges (RFC 5737); only their
# keyed hash is stored, as for real clicks.
HUMAN_AGENTS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003130) NetType/WIFI Language/zh_CN",
    "Mozilla/5.0 (Linux; Android 14; V2302A Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
    "MMWEBSDK/20240301 MicroMessenger/8.0.48.2580(0x28003036) WeChat/arm64 Weixin",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 aweme_30.1.0 JsSdk/2.0 NetType/WIFI Channel/App Store",
    "Mozilla/5.0 (Linux; Android 13; 22081212C) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/110.0.5481.153 Mobile Safari/537.36 XiaoHongShu/8.32.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; PJZ110) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
]
BOT_AGENTS = [
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36"
    " (compatible; Bytespider; spider-feedback@bytedance.com)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "python-requests/2.31.0",
    "curl/8.5.0",
]
REFERERS = {
    Channel.Kind.DOUYIN: ["https://www.douyin.com/", ""],
    Channel.Kind.XIAOHONGSHU: ["https://www.xiaohongshu.com/", ""],
    Channel.Kind.WEIBO: ["https://weibo.com/", "https://m.weibo.cn/"],
    Channel.Kind.BLOG: ["https://jun-tech-notes.example.com/", ""],
    # WeChat's in-app browser sends no referer.
    Channel.Kind.WECHAT_GROUP: [""],
    Channel.Kind.WECHAT_MOMENTS: [""],
    Channel.Kind.OTHER: ["", "https://www.baidu.com/"],
}
# Share of clicks in each hour of the day (local time): evenings are when groups and lives are.
HOUR_WEIGHTS = [2, 1, 1, 1, 1, 1, 2, 4, 5, 5, 5, 6, 8, 7, 5, 5, 5, 6, 7, 9, 10, 10, 8, 5]


def click_history(spec: demo.PromoterSpec, index: int, link: Link, *, now: datetime) -> list[Click]:
    """Clicks of one link over the last 30 days, flagged as the redirect would flag them:
    bots by user agent, and only the first click of a visitor in each
    ALLIANCE_UNIQUE_CLICK_HOURS window unique."""
    rng = random.Random(f"{demo.SEED}:clicks:{spec.username}:{index}")
    total = rng.randint(*spec.clicks_per_link)
    # A small crowd per link, so some visitors come back (non-unique clicks).
    visitors = [
        (f"{rng.choice(['198.51.100', '203.0.113'])}.{rng.randint(1, 254)}", agent)
        for agent in rng.choices(HUMAN_AGENTS, k=max(3, total * 2 // 3))
    ]
    referers = REFERERS[link.channel.kind]
    unique_window = timedelta(hours=settings.ALLIANCE_UNIQUE_CLICK_HOURS)
    visits = []
    for _ in range(total):
        moment = click_moment(rng, now=now)
        if rng.random() < 0.08:
            visitor = (f"192.0.2.{rng.randint(1, 254)}", rng.choice(BOT_AGENTS))
        else:
            visitor = rng.choice(visitors)
        visits.append((moment, visitor))
        # Some visitors tap the same share again a little later: not a unique click.
        again = moment + rng.uniform(20, 6 * 3600) * timedelta(seconds=1)
        if rng.random() < 0.12 and again < now:
            visits.append((again, visitor))
    window_start: dict[str, datetime] = {}
    clicks = []
    for moment, (ip, agent) in sorted(visits):
        ip_hash = visitor_hash(ip)
        first = window_start.get(ip_hash)
        is_unique = first is None or moment - first >= unique_window
        if is_unique:
            window_start[ip_hash] = moment
        # Now and then a promoter tags a share with ?sub= (a group number, a post).
        sub_id = f"post-{rng.randint(1, 9)}" if rng.random() < 0.1 else link.sub_id
        clicks.append(
            Click(
                id=click_id_at(moment, rng),
                link=link,
                created_at=moment,
                ip_hash=ip_hash,
                net_hash=network_hash(ip),
                user_agent=agent,
                referer=rng.choice(referers),
                sub_id=sub_id,
                is_unique=is_unique,
                is_bot=is_bot_agent(agent),
            )
        )
    return clicks


def click_moment(rng: random.Random, *, now: datetime) -> datetime:
    """A moment in the last 30 days, more often in the evening (local time)."""
    zone = timezone.get_current_timezone()
    while True:
        moment = now - rng.uniform(60, CLICK_WINDOW.total_seconds() - 60) * timedelta(seconds=1)
        hour = moment.astimezone(zone).hour
        if rng.random() * max(HOUR_WEIGHTS) < HOUR_WEIGHTS[hour]:
            return moment


def click_id_at(moment: datetime, rng: random.Random) -> uuid.UUID:
    """A click id in the layout of promoters.models.click_id, but for a past moment, so ids
    stay in the order of created_at as they do for live clicks."""
    millis = int(moment.timestamp() * 1000)
    raw = bytearray(millis.to_bytes(6, "big") + rng.randbytes(10))
    raw[6] = 0x70 | (raw[6] & 0x0F)
    raw[8] = 0x80 | (raw[8] & 0x3F)
    return uuid.UUID(bytes=bytes(raw))
