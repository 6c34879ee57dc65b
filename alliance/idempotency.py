"""Safe retries: the `Idempotency-Key` header on the API's POSTs (docs/api.md "Safe retries").

A client sends a key of its choosing with a POST; the first answer is stored with the key, and a
retry with the same key and the same request gets that answer again instead of running twice.
"""

API_PREFIX = "/api/v1/"

# POSTs that keep their own rules: the token endpoints answer anonymous callers (and rotate a
# refresh token on each call), the order webhook de-duplicates by its webhook-id, and the sign-ups
# are anonymous, so there is no user to scope a key to.
EXCLUDED_PREFIXES = (
    "/api/v1/auth/token/",
    "/api/v1/webhooks/",
    "/api/v1/signup/",
)


def applies_to(method: str, path: str) -> bool:
    """Whether an `Idempotency-Key` header is honoured on this method and URL path."""
    if method.upper() != "POST" or not path.startswith(API_PREFIX):
        return False
    return not path.startswith(EXCLUDED_PREFIXES)
