"""The fraud rules' parameters: the defaults, ALLIANCE_FRAUD over them for the platform, and a
merchant's own values (Merchant.fraud_overrides) over those for the keys a merchant may set.
docs/fraud.md describes every key."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # --- Traffic (fraud.services.clicks) ---
    # --- Orders and accounts (fraud.services.rules) ---
}

# The keys a merchant may set for its own orders (where merchants differ).
MERCHANT_KEYS: frozenset[str] = frozenset()


def param(name: str, merchant=None) -> Any:
    """The value of one parameter, for `merchant` when given."""
    if merchant is not None and name in MERCHANT_KEYS and name in merchant.fraud_overrides:
        return merchant.fraud_overrides[name]
    return settings.ALLIANCE_FRAUD.get(name, DEFAULTS[name])
