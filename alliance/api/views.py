import math

from django.conf import settings
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework_simplejwt import views as jwt_views

from alliance.auth import LoginThrottle, TokenRefreshThrottle
from alliance.auth_tokens import TokenObtainPairSerializer, TokenRefreshSerializer

from .errors import error_body

API_ROOT_ROUTES = [
    "merchant-list",
    "category-list",
    "product-list",
    "campaign-list",
    "campaign-application-list",
    "coupon-list",
    "product-import-list",
    "promoter-list",
    "channel-list",
    "link-list",
    "click-list",
    "own-customer-list",
    "order-event-list",
    "order-list",
    "commission-list",
    "settlement-run-list",
    "statement-list",
    "payout-method-list",
    "payout-list",
    "payout-hold-list",
]


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    links = {name.removesuffix("-list"): reverse(name, request=request) for name in API_ROOT_ROUTES}
    links["schema"] = reverse("schema", request=request)
    links["docs"] = reverse("api-docs", request=request)
    links["token"] = reverse("token-obtain", request=request)
    return Response(links)


def _database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:
        return {"ok": False, "vendor": connection.vendor, "error": exc.__class__.__name__}


def _broker_state() -> dict:
    if not settings.CELERY_BROKER_URL:
        return {"ok": True, "mode": "eager"}
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "mode": "broker"}
    except Exception as exc:
        return {"ok": False, "mode": "broker", "error": exc.__class__.__name__}


@csrf_exempt  # it changes nothing; a CSRF refusal here would be an HTML 403
def api_not_found(request, path=""):
    """Any path under /api/ that names no endpoint: the API's JSON 404, never a page. A GET or
    HEAD without its trailing slash is sent on to the path with it, as Django does elsewhere."""
    if request.method in {"GET", "HEAD"} and not request.path.endswith("/"):
        with_slash = f"{request.path}/"
        try:
            match = resolve(with_slash)
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{with_slash}?{query}" if query else with_slash)
    return JsonResponse(
        error_body("not_found", _("No API endpoint at %(path)s.") % {"path": request.path}),
        status=404,
        # As DRF renders the API's other answers.
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


@require_GET
def healthz(request):
    """Liveness and readiness: 200 when the database and the broker answer, 503 otherwise."""
    database, broker = _database_state(), _broker_state()
    healthy = database["ok"] and broker["ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


def _locked_out(request) -> bool:
    # django-axes flags the request it was given: the API request or the Django one inside it.
    return bool(
        getattr(request, "axes_locked_out", False)
        or getattr(getattr(request, "_request", None), "axes_locked_out", False)
    )


class LoginLocked(Throttled):
    default_code = "login_locked"


THROTTLED = OpenApiResponse(
    description="Too many requests (`throttled`, or `login_locked` for a username and address "
    "locked out after failed logins); Retry-After says when to try again."
)


@extend_schema(responses={200: TokenObtainPairSerializer, 429: THROTTLED})
class TokenObtainView(jwt_views.TokenObtainPairView):
    """Log in with username and password: an access and a refresh token. Counted against the
    address's login rate; failed logins lock the username out from this address for a while."""

    throttle_classes = [LoginThrottle]

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except AuthenticationFailed:
            if _locked_out(request):
                wait = int(settings.AXES_COOLOFF_TIME.total_seconds())
                raise LoginLocked(
                    wait=wait,
                    detail=_("Too many failed logins. Try again in %(minutes)d minutes.")
                    % {"minutes": math.ceil(wait / 60)},
                ) from None
            raise


@extend_schema(responses={200: TokenRefreshSerializer, 429: THROTTLED})
class TokenRefreshView(jwt_views.TokenRefreshView):
    """A new access token and a new refresh token for a refresh token, which is then spent
    (blacklisted). Refused once the password changed or the user's tokens were revoked."""

    throttle_classes = [TokenRefreshThrottle]
