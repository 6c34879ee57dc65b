"""The fraud rules' parameters: the defaults, ALLIANCE_FRAUD over them for the platform, and a
merchant's own values (Merchant.fraud_overrides) over those for the keys a merchant may set.
docs/fraud.md describes every key."""

import logging
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

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
    # Per order (fraud.services.order_rules; docs/fraud.md, "Order and account rules").
    # fast_pay: paid less than this many seconds after the click. A person who follows a
    # link still has to read the page, pick a size and pay: 10 s is below any real checkout.
    "fast_pay_seconds": 10,
    # click_reuse: more than this many orders from one click id (a cart split into a few
    # orders by warehouse is honest; a click reused for a stream of orders is not).
    "click_orders_max": 3,
    # customer_repeat: more than this many orders of one customer id through one promoter
    # within customer_orders_hours (order brushing, 刷单).
    "customer_orders_max": 5,
    "customer_orders_hours": 24,
    # shared_customer: one customer id in orders of at least this many promoters of one
    # merchant within shared_customer_days.
    "shared_customer_promoters": 3,
    "shared_customer_days": 7,
    # statistics and accounts
    "outlier_window_days": 30,
    "outlier_min_clicks": 200,
    "outlier_min_orders": 30,
    "outlier_min_peers": 5,
    "outlier_p_value": 1e-4,
    "shared_identity_min_accounts": 2,
    "upline_chain_minutes": 10,
    "refund_abuse_window_days": 30,
    "refund_abuse_history_days": 180,
    "refund_abuse_min_settled": 20,
    "refund_abuse_p_value": 1e-4,
    "refund_abuse_min_ratio": 2.0,
}

# The keys a merchant may set for its own orders (where merchants differ).
MERCHANT_KEYS: frozenset[str] = frozenset(
    {
        # Per order.
        "fast_pay_seconds",
        "click_orders_max",
        "customer_orders_max",
        "customer_orders_hours",
        "shared_customer_promoters",
        "shared_customer_days",
        # statistics and accounts
        "outlier_min_clicks",
        "outlier_min_orders",
        "outlier_p_value",
        "refund_abuse_min_settled",
        "refund_abuse_p_value",
        "refund_abuse_min_ratio",
    }
)


def param(name: str, merchant=None) -> Any:
    """The value of one parameter, for `merchant` when given, of its default's type. A value
    that is not of that type (a number written as text) is read as it, and one that cannot be
    is logged and the default used: a bad override never stops a rule."""
    default = DEFAULTS[name]
    value = settings.ALLIANCE_FRAUD.get(name, default)
    if merchant is not None and name in MERCHANT_KEYS and name in merchant.fraud_overrides:
        value = merchant.fraud_overrides[name]
    if (isinstance(value, type(default)) and not isinstance(value, bool)) or value is default:
        return value
    try:
        kind = type(default)
        return kind(float(value)) if kind is int else kind(value)
    except (TypeError, ValueError):
        logger.error("Fraud parameter %s=%r is not a %s: its default applies", name, value, kind)
        return default
