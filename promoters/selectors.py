"""Read paths for promoters, links and clicks."""

import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from alliance.models import ReviewStatus
from alliance.roles import Role, merchant_of, promoter_of, role_of

from .models import MAX_UPLINE_DEPTH, CampaignApplication, Click, Link, Promoter, UplineRelation


def uplines_at(*, promoter: Promoter, moment) -> list[Promoter]:
    """The promoter's uplines whose relation is unexpired at `moment`, nearest first. Never more
    than MAX_UPLINE_DEPTH, whatever the data or settings hold; a chain stops at the first
    expired or missing relation."""
    chain: list[Promoter] = []
    current = promoter
    while len(chain) < MAX_UPLINE_DEPTH:
        relation = UplineRelation.objects.select_related("upline").filter(promoter=current).first()
        if relation is None or not relation.is_active_at(moment):
            break
        chain.append(relation.upline)
        current = relation.upline
    return chain


def _click_count(**filters) -> Coalesce:
    clicks = (
        Click.objects.filter(link=OuterRef("pk"), **filters)
        .order_by()
        .values("link")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(clicks), 0)


# The separate counts of clicks shown everywhere (docs/fraud.md, "Traffic rules"): unique
# clicks are people's first clicks that no traffic rule found suspicious; bot and suspicious
# clicks are counted apart, a click never in both.
UNIQUE_CLICK = {"is_unique": True, "is_bot": False, "is_suspicious": False}
BOT_CLICK = {"is_bot": True}
SUSPICIOUS_CLICK = {"is_suspicious": True, "is_bot": False}


def click_counts(prefix: str = "") -> dict[str, Count]:
    """Aggregates of the four click counts (total, unique, bot, suspicious) over a query's
    clicks, reached through `prefix` (e.g. "clicks__")."""
    field = f"{prefix}pk" if prefix else "pk"

    def only(conditions: dict) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in conditions.items()})

    return {
        "clicks_count": Count(field),
        "unique_clicks_count": Count(field, filter=only(UNIQUE_CLICK)),
        "bot_clicks_count": Count(field, filter=only(BOT_CLICK)),
        "suspicious_clicks_count": Count(field, filter=only(SUSPICIOUS_CLICK)),
    }


def links_with_stats(queryset: QuerySet[Link]) -> QuerySet[Link]:
    """Links with their click counts (total, unique, bot, suspicious). The counts are
    correlated subqueries, so a page of links counts only its own clicks instead of grouping
    the promoter's whole click history."""
    return (
        queryset.select_related("channel", "merchant", "product", "coupon")
        .annotate(
            clicks_count=_click_count(),
            unique_clicks_count=_click_count(**UNIQUE_CLICK),
            bot_clicks_count=_click_count(**BOT_CLICK),
            suspicious_clicks_count=_click_count(**SUSPICIOUS_CLICK),
        )
        .order_by("-created_at", "-pk")
    )


def clicks_for_promoter(promoter: Promoter) -> QuerySet[Click]:
    return Click.objects.filter(link__promoter=promoter).select_related("link")


def append_query(url: str, name: str, value: str) -> str:
    """Add `name=value` to `url`, keeping its own query string and fragment; an existing
    parameter of the same name is replaced, so the store sees exactly one click id."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What the redirect needs to know about a link, cached in-process for a few seconds."""

    link_id: int
    url: str
    click_param: str
    sub_id: str
    is_live: bool
    expires: float
    # `append_query(url, click_param, "")` split around the empty value, once per link.
    location_head: str
    location_tail: str

    def location(self, click_id: str) -> str:
        """`append_query(url, click_param, click_id)` for a click id of URL-safe characters
        (a click token is base64url), without parsing the target URL again on every redirect."""
        return f"{self.location_head}{click_id}{self.location_tail}"


def _location_parts(url: str, click_param: str) -> tuple[str, str]:
    parts = urlsplit(url)
    head = append_query(urlunsplit(parts._replace(fragment="")), click_param, "")
    return head, f"#{parts.fragment}" if parts.fragment else ""


_link_cache: dict[str, LinkTarget] = {}
_LINK_CACHE_MAX = 50_000
_LINK_TARGET_FIELDS = (
    "pk",
    "is_active",
    "sub_id",
    "promoter__status",
    "merchant__status",
    "merchant__store_url",
    "merchant__click_param",
    "product_id",
    "product__url",
    "product__is_active",
)


# What a short code can be (docs/domain.md): base62 today, `-` and `_` tolerated, at most the
# column's length. Anything else (NUL, other controls, non-ASCII, overlong) is no link, and is
# answered without asking the database, which would refuse some of it (NUL) with an error.
_CODE_MAX = Link._meta.get_field("code").max_length
_CODE_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{1,{_CODE_MAX}}}")


def _link_target_row(code: str) -> tuple | None:
    rows = Link.objects.filter(code=code).order_by().values_list(*_LINK_TARGET_FIELDS)[:1]
    return next(iter(rows), None)


def link_target(code: str) -> LinkTarget | None:
    """Resolve a short code in one query (or none, within ALLIANCE_LINK_CACHE_SECONDS).

    A link is live when it, its promoter and its merchant are active, and its product (if any)
    is active too. Deactivation reaches the redirect within the cache lifetime."""
    if not _CODE_SHAPE.fullmatch(code):
        return None
    now = time.monotonic()
    cached = _link_cache.get(code)
    if cached is not None and cached.expires > now:
        return cached
    row = _link_target_row(code)
    if row is None:
        return None
    (pk, is_active, sub_id, promoter_status, merchant_status, store_url, click_param,
     product_id, product_url, product_active) = row  # fmt: skip
    url = product_url if product_id else store_url
    location_head, location_tail = _location_parts(url, click_param)
    target = LinkTarget(
        link_id=pk,
        url=url,
        click_param=click_param,
        sub_id=sub_id,
        is_live=bool(
            is_active
            and promoter_status == ReviewStatus.APPROVED
            and merchant_status == ReviewStatus.APPROVED
            and (product_id is None or product_active)
        ),
        expires=now + settings.ALLIANCE_LINK_CACHE_SECONDS,
        location_head=location_head,
        location_tail=location_tail,
    )
    if len(_link_cache) >= _LINK_CACHE_MAX:
        _link_cache.clear()
    _link_cache[code] = target
    return target


def link_target_forget(code: str | None = None) -> None:
    """Drop cached targets (one code, or all) in this process."""
    if code is None:
        _link_cache.clear()
    else:
        _link_cache.pop(code, None)


def promoters_visible_to(user) -> QuerySet[Promoter]:
    role = role_of(user)
    queryset = Promoter.objects.select_related("user", "upline_link__upline")
    if role == Role.ADMIN:
        return queryset
    if role == Role.PROMOTER:
        return queryset.filter(pk=promoter_of(user).pk)
    return queryset.none()


def links_visible_to(user) -> QuerySet[Link]:
    role = role_of(user)
    if role == Role.ADMIN:
        return links_with_stats(Link.objects.all())
    if role == Role.PROMOTER:
        return links_with_stats(Link.objects.filter(promoter=promoter_of(user)))
    return Link.objects.none()


def clicks_visible_to(user) -> QuerySet[Click]:
    role = role_of(user)
    if role == Role.ADMIN:
        return Click.objects.select_related("link")
    if role == Role.PROMOTER:
        return clicks_for_promoter(promoter_of(user))
    return Click.objects.none()


def applications_visible_to(user) -> QuerySet[CampaignApplication]:
    role = role_of(user)
    queryset = CampaignApplication.objects.select_related("campaign", "promoter")
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(campaign__merchant=merchant_of(user))
    if role == Role.PROMOTER:
        return queryset.filter(promoter=promoter_of(user))
    return queryset.none()


def downlines_of(promoter: Promoter) -> QuerySet[UplineRelation]:
    return promoter.downline_links.select_related("promoter").order_by("-starts_at")
