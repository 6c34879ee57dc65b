"""The fraud rules' parameters: the defaults, ALLIANCE_FRAUD over them for the platform, and a
merchant's own values (Merchant.fraud_overrides) over those for the keys a merchant may set.
docs/fraud.md describes every key."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # --- Traffic (fraud.services.clicks) ---
    # --- Orders and accounts (fraud.services.rules) ---
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
    """The value of one parameter, for `merchant` when given."""
    if merchant is not None and name in MERCHANT_KEYS and name in merchant.fraud_overrides:
        return merchant.fraud_overrides[name]
    return settings.ALLIANCE_FRAUD.get(name, DEFAULTS[name])
