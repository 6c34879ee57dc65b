"""The fraud rules' parameters: the defaults, ALLIANCE_FRAUD over them for the platform, and a
merchant's own values (Merchant.fraud_overrides) over those for the keys a merchant may set.
docs/fraud.md describes every key."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # --- Traffic (fraud.services.clicks) ---
    # Floods: clicks are counted in fixed windows of this many minutes.
    "flood_window_minutes": 10,
    # One visitor (ip hash) clicking this many times in a window, across any links.
    "flood_visitor_clicks": 30,
    # A link (or a promoter) with at least this many clicks in a window, from so few distinct
    # visitors that clicks per visitor reach flood_clicks_per_visitor.
    "flood_link_clicks": 50,
    "flood_promoter_clicks": 100,
    "flood_clicks_per_visitor": 4.0,
    # A link with at least burst_min_clicks in a window, of which burst_network_share came with
    # no referer from one network.
    "burst_min_clicks": 30,
    "burst_network_share": 0.5,
    # Cookie stuffing: a click that follows another promoter's click of the same visitor on
    # the same merchant within stuffing_seconds; a promoter is a stuffer when at least
    # stuffing_min_clicks of its clicks over the last stuffing_period_hours, and
    # stuffing_share of them, are such clicks.
    "stuffing_seconds": 60,
    "stuffing_min_clicks": 10,
    "stuffing_share": 0.3,
    "stuffing_period_hours": 24,
    # Declared-channel mismatch: a Douyin, Weibo or Xiaohongshu channel with at least this many
    # clicks carrying a referer over the last channel_period_days, none from its platform.
    "channel_min_referer_clicks": 20,
    "channel_period_days": 7,
    # --- Orders and accounts (fraud.services.rules) ---
}

# The keys a merchant may set for its own orders (where merchants differ).
MERCHANT_KEYS: frozenset[str] = frozenset()


def param(name: str, merchant=None) -> Any:
    """The value of one parameter, for `merchant` when given."""
    if merchant is not None and name in MERCHANT_KEYS and name in merchant.fraud_overrides:
        return merchant.fraud_overrides[name]
    return settings.ALLIANCE_FRAUD.get(name, DEFAULTS[name])
