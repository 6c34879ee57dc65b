"""Rate limits and the login lockout (docs/security.md, "Authentication").

Every limit is a fixed window counted in the cache (Redis when REDIS_URL is set): one INCR per
request, whatever the rate, so the limit costs the webhook one round trip. The redirect, the
hottest path, waits on no network: its limit is counted in each web process's memory
(LocalCounter), so it holds per process, not across them. A rate is `count/period`
(`20/min`), read from settings.ALLIANCE_THROTTLE_RATES at each request; an empty rate turns
the limit off.

Failed logins are django-axes's: a (username, address) pair is locked out after
AXES_FAILURE_LIMIT failures for AXES_COOLOFF_TIME. The pair, not the username alone, so a
stranger guessing a user's password from elsewhere never locks the user out.
"""

import logging
import math
import time
from functools import wraps

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import throttling

from alliance.api.errors import error_body

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def client_ip(request) -> str:
    """The address limits and lockouts are counted by: the connection's, as for clicks (behind a
    proxy, REMOTE_ADDR must be the visitor's: docs/operations.md)."""
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def rate_parse(rate: str) -> tuple[int, int]:
    """`20/min` -> (20, 60). Periods: s, m, h, d (or sec, min, hour, day)."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period.strip().lower()]


def _count(key: str, period: int) -> int:
    """Add one to the counter `key` that lives for one period and return its new value."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # INCR and EXPIRE in one round trip; the key names its window, so refreshing its expiry
        # on every hit only keeps it a little longer than the window.
        full_key = backend.make_and_validate_key(key)
        pipeline = backend._cache.get_client(full_key, write=True).pipeline()
        pipeline.incr(full_key)
        pipeline.expire(full_key, period + 1)
        return int(pipeline.execute()[0])
    if cache.add(key, 1, period + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, period + 1)
        return 1


class LocalCounter:
    """Fixed-window counts kept in this process's memory: no round trip, for the redirect. Only
    the current window is kept, and at most MAX_KEYS keys in it (past that a new key is let
    through uncounted), so memory stays bounded whatever the traffic."""

    MAX_KEYS = 100_000

    def __init__(self) -> None:
        self.window: tuple[str, int] | None = None
        self.counts: dict[str, int] = {}

    def hit(self, key: str, *, scope: str, window: int) -> int:
        if self.window != (scope, window):
            self.window, self.counts = (scope, window), {}
        count = self.counts.get(key, 0) + 1
        if count == 1 and len(self.counts) >= self.MAX_KEYS:
            return 1
        self.counts[key] = count
        return count

    def reset(self) -> None:
        self.window, self.counts = None, {}


# The redirect's counts (one scope: one window at a time).
redirect_counter = LocalCounter()


def rate_hit(*, scope: str, key: str, local: LocalCounter | None = None) -> int | None:
    """Count one request of `key` (an address, a merchant) against the `scope` limit, in the
    cache or, given `local`, in this process. Returns None while within the limit, else the
    seconds until the window ends (for Retry-After)."""
    rate = settings.ALLIANCE_THROTTLE_RATES.get(scope)
    if not rate:
        return None
    limit, period = rate_parse(rate)
    now = time.time()
    window = int(now // period)
    try:
        if local is not None:
            count = local.hit(key, scope=scope, window=window)
        else:
            count = _count(f"throttle:{scope}:{key}:{window}", period)
    except Exception as exc:
        # A cache outage must not take the redirect or the logins down with it: the request
        # goes through uncounted (the login lockout, in the database, still holds).
        logger.warning("Rate limit %s not counted: %s", scope, exc.__class__.__name__)
        return None
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * period - now))


class RateThrottle(throttling.BaseThrottle):
    """A DRF throttle on rate_hit: over the limit, DRF answers 429 with Retry-After and the API's
    error body (code `throttled`). Subclasses name the scope and what is counted."""

    scope = ""

    def key(self, request, view) -> str | None:
        return client_ip(request)

    def allow_request(self, request, view) -> bool:
        key = self.key(request, view)
        self.retry_after = None if key is None else rate_hit(scope=self.scope, key=key)
        return self.retry_after is None

    def wait(self) -> float | None:
        return self.retry_after


class LoginThrottle(RateThrottle):
    """Login attempts (token, page and admin logins together) per address."""

    scope = "login"


class TokenRefreshThrottle(RateThrottle):
    scope = "token_refresh"


class SignupThrottle(RateThrottle):
    """Sign-ups (API and pages together) per address."""

    scope = "signup"


class WebhookAddressThrottle(RateThrottle):
    scope = "webhook_ip"


class WebhookMerchantThrottle(RateThrottle):
    """Deliveries per merchant, whoever sends them."""

    scope = "webhook_merchant"

    def key(self, request, view) -> str | None:
        return str(view.kwargs.get("merchant_id", ""))


def throttled_page(request, retry_after: int):
    """The page a form shows over its limit: readable, 429, with Retry-After."""
    response = render(
        request,
        "registration/throttled.html",
        {"minutes": max(1, math.ceil(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit_posts(scope: str):
    """Limit a page's POSTs (a login or sign-up form) per address; GETs are free."""

    def decorate(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method == "POST":
                retry_after = rate_hit(scope=scope, key=client_ip(request))
                if retry_after is not None:
                    return throttled_page(request, retry_after)
            return view(request, *args, **kwargs)

        return limited

    return decorate


class LockoutBackend(AxesStandaloneBackend):
    """django-axes's lockout check, for logins that come with a request (the pages, the admin,
    the API). A call without one (the shell, a script, the test client's login) is not from
    the network: there is no address to lock out, and the password check proceeds."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers a locked-out (username, address) pair: the API's error body for
    the API, a readable page for the login pages; 429 with Retry-After either way."""
    retry_after = int(settings.AXES_COOLOFF_TIME.total_seconds())
    message = _("Too many failed logins. Try again in %(minutes)d minutes.") % {
        "minutes": math.ceil(retry_after / 60)
    }
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(error_body("login_locked", message), status=429)
    else:
        response = render(request, "registration/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
