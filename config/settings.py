"""Alliance settings, read from the environment.

Every setting has a runnable default for development (the "embedded default": SQLite and Celery
tasks run in-process). docs/configuration.md lists each one. Production must set SECRET_KEY: the
process refuses to start with DEBUG off and the development key.
"""

import json
import os
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "dev-insecure-alliance-secret-key-change-me-in-production"

# Off unless the environment turns it on (`make run` and the tests do): a deploy that forgets it
# runs without debug pages, and then refuses the published development key below.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("DEBUG is off: set SECRET_KEY to a secret value.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "axes",
    "django_filters",
    "drf_spectacular",
    "alliance",
    "drf_spectacular_sidecar",
    "products",
    "promoters",
    "ledger",
    "commissions",
    "statements",
    "payouts",
    "fraud",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Replays the stored answer to a retried API POST (Idempotency-Key); runs the view in one
    # transaction with the stored answer (alliance/idempotency.py, docs/api.md "Safe retries").
    "alliance.idempotency.IdempotencyMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alliance.navigation.navigation",
            ],
        },
    },
]

# --- Pages: Content-Security-Policy (docs/security.md, "Pages") ------------------------------
# Sent on every answer, with DEBUG on or off, so that tests and development see what production
# sends. Scripts and styles come only from the platform's own static files: no inline <script>,
# no style="" attribute, no 'unsafe-inline'. Charts are SVG drawn on the server; QR codes and
# Swagger UI's icons are data: images. Forms post only to the platform; no page may be framed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a task writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "alliance.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out (username, address) pair before the password is
# even checked (alliance/auth.py).
AUTHENTICATION_BACKENDS = [
    "alliance.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# --- Cache and Celery -----------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", "")
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", "alliance")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
# Without a broker the platform runs every task in-process, so one command brings it all up.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", "")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TIMEZONE = "UTC"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Each class is alliance.auth_tokens' JWT or DRF's session authentication followed by the
    # account status check (alliance/api/permissions.py, docs/domain.md "Who may do what").
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "alliance.api.permissions.StatusCheckedJWTAuthentication",
        "alliance.api.permissions.StatusCheckedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "alliance.api.filters.FilterBackend",
        "alliance.api.filters.SearchFilter",
        "alliance.api.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "alliance.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # Request bodies are JSON; the upload endpoints take multipart/form-data and say so in
    # their own `parser_classes` (docs/api.md "Request bodies").
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # An Accept header naming a file's media type gets the file, an error JSON: never 406.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "alliance.api.negotiation.LenientContentNegotiation",
    # Adds the error answers, the shared error component and the Idempotency-Key header to
    # every operation (alliance/api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "alliance.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "alliance.api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=int(env("JWT_ACCESS_MINUTES", "30"))),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=int(env("JWT_REFRESH_DAYS", "14"))),
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Each refresh answers a new refresh token and blacklists the one used; password changes
    # and revocations void every older token (alliance/auth_tokens.py).
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "TOKEN_OBTAIN_SERIALIZER": "alliance.auth_tokens.TokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": "alliance.auth_tokens.TokenRefreshSerializer",
}
# Hours the answer to an API POST sent with an Idempotency-Key header is kept and replayed to
# its retries (docs/api.md "Safe retries"); Stripe keeps them 24 hours too.
ALLIANCE_IDEMPOTENCY_TTL_HOURS = int(env("ALLIANCE_IDEMPOTENCY_TTL_HOURS", "24"))
if ALLIANCE_IDEMPOTENCY_TTL_HOURS < 1:
    raise ImproperlyConfigured("ALLIANCE_IDEMPOTENCY_TTL_HOURS is a whole number of hours, >= 1.")

# --- Rate limits and login lockout (alliance/auth.py, docs/configuration.md) -----------------
# `count/period` (s, min, hour, day) per fixed window, counted in the cache; empty turns one off.
ALLIANCE_THROTTLE_RATES = {
    # Login attempts per address: the token endpoint, /login/ and /admin/login/ together.
    "login": env("ALLIANCE_THROTTLE_LOGIN", "20/min"),
    "token_refresh": env("ALLIANCE_THROTTLE_TOKEN_REFRESH", "60/min"),
    # Sign-ups per address, API and pages together.
    "signup": env("ALLIANCE_THROTTLE_SIGNUP", "10/hour"),
    # Webhook deliveries per merchant and per sending address: far above a busy store's bursts.
    "webhook_merchant": env("ALLIANCE_THROTTLE_WEBHOOK_MERCHANT", "6000/min"),
    "webhook_ip": env("ALLIANCE_THROTTLE_WEBHOOK_IP", "6000/min"),
    # Redirects per visitor address: generous, as a carrier's NAT puts many phones behind one.
    "redirect": env("ALLIANCE_THROTTLE_REDIRECT", "600/min"),
}
for _scope, _rate in ALLIANCE_THROTTLE_RATES.items():
    if _rate and not re.fullmatch(r"\d+/(s|sec|m|min|h|hour|d|day)", _rate.strip().lower()):
        raise ImproperlyConfigured(
            f"ALLIANCE_THROTTLE_{_scope.upper()} is a count and a period, like 20/min "
            "(periods: s, min, hour, day), or empty."
        )
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
# Per (username, address) pair: a stranger guessing from elsewhere cannot lock the user out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "alliance.auth.client_ip"
AXES_LOCKOUT_CALLABLE = "alliance.auth.lockout_response"
AXES_VERBOSE = False
SPECTACULAR_SETTINGS = {
    "TITLE": "Alliance API",
    "DESCRIPTION": "E-commerce affiliate alliance: catalog, promoters, tracked links.",
    "VERSION": "1.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "alliance.models.ReviewStatus",
        "ApplicationStatusEnum": [
            ("pending", "Pending review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        "ProductImportStatusEnum": "products.models.ProductImport.Status",
        "ProductFileFormatEnum": "products.models.ProductImport.FileFormat",
        "OrderStatusEnum": "commissions.models.Order.Status",
        "OrderEventStatusEnum": "commissions.models.OrderEvent.Status",
        "OrderEventTypeEnum": "commissions.models.OrderEvent.Type",
        "CommissionStatusEnum": "commissions.models.Commission.Status",
        "BackfillLineStatusEnum": ["accepted", "duplicate", "error"],
        "EventAcceptedStatusEnum": ["accepted", "duplicate"],
        "PayoutMethodKindEnum": "payouts.models.MethodKind",
        "PayoutStatusEnum": "payouts.models.Payout.Status",
        "PayoutHoldSourceEnum": "payouts.models.PayoutHold.Source",
        "BalanceEntryKindEnum": "ledger.models.LedgerTransaction.Kind",
        "RoleEnum": "alliance.roles.Role",
        "FlagStatusEnum": "fraud.models.Flag.Status",
        "FlagSeverityEnum": "fraud.models.Flag.Severity",
        "PenaltyStatusEnum": "fraud.selectors.promoter.PenaltyStatus",
        "ReasonKindEnum": "fraud.models.ReasonKind",
        "FraudRuleEnum": "fraud.models.Rule",
        "FraudDecisionEnum": ["clear", "confirm"],
        "SimilarAccountReasonEnum": ["payout_account", "network", "upline", "downline"],
        # The constants that tell one resource's shapes apart (alliance.api.schema.ShapeField).
        "MerchantShapeEnum": ["merchant"],
        "PromoterShapeEnum": ["promoter"],
        "MemberShapeEnum": ["member"],
        "PublicShapeEnum": ["public"],
    },
    # Swagger UI and Redoc come from the project's own static files (drf-spectacular-sidecar),
    # never a CDN: /api/docs/ works offline and needs no host but the platform's own.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise send the schema to validator.swagger.io to draw a badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # The enum hook is drf-spectacular's default; the links hook chains each create to what
    # follows it (alliance/api/schema_links.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "alliance.api.schema_links.add_create_links",
    ],
}

# --- Domain ----------------------------------------------------------------------------------
ALLIANCE_CURRENCY = env("ALLIANCE_CURRENCY", "CNY")
ALLIANCE_UPLINE_EXPIRY_DAYS = int(env("ALLIANCE_UPLINE_EXPIRY_DAYS", "365"))
ALLIANCE_MIN_PAYOUT = Decimal(env("ALLIANCE_MIN_PAYOUT", "10.00"))
# Base of the short URLs shown to promoters; empty means "the host the request came in on".
ALLIANCE_SHORT_URL_BASE = env("ALLIANCE_SHORT_URL_BASE", "").rstrip("/")
# A click from the same visitor on the same link within this window is not unique.
ALLIANCE_UNIQUE_CLICK_HOURS = int(env("ALLIANCE_UNIQUE_CLICK_HOURS", "24"))
# Seconds the redirect may serve a link's target from its in-process cache.
ALLIANCE_LINK_CACHE_SECONDS = int(env("ALLIANCE_LINK_CACHE_SECONDS", "30"))
# How the redirect records clicks: "batched" queues them in the web process and a thread stores
# them every ALLIANCE_CLICK_FLUSH_MS (the default when REDIS_URL is set); "direct" stores each
# click before answering. docs/domain.md explains the trade-off.
ALLIANCE_CLICK_RECORDING = env("ALLIANCE_CLICK_RECORDING", "batched" if REDIS_URL else "direct")
if ALLIANCE_CLICK_RECORDING not in {"batched", "direct"}:
    raise ImproperlyConfigured("ALLIANCE_CLICK_RECORDING is 'batched' or 'direct'.")
ALLIANCE_CLICK_FLUSH_MS = int(env("ALLIANCE_CLICK_FLUSH_MS", "500"))
ALLIANCE_CLICK_FLUSH_BATCH = int(env("ALLIANCE_CLICK_FLUSH_BATCH", "1000"))
ALLIANCE_CLICK_QUEUE_MAX = int(env("ALLIANCE_CLICK_QUEUE_MAX", "100000"))
# Key of the MAC in every click id (docs/domain.md, "The click id"); empty: derived from
# SECRET_KEY. Old keys stay accepted from ALLIANCE_CLICK_KEY_FALLBACKS (comma-separated).
ALLIANCE_CLICK_KEY = env("ALLIANCE_CLICK_KEY", "")
ALLIANCE_CLICK_KEY_FALLBACKS = env_list("ALLIANCE_CLICK_KEY_FALLBACKS", "")
ALLIANCE_LINK_CODE_LENGTH = max(8, int(env("ALLIANCE_LINK_CODE_LENGTH", "8")))
ALLIANCE_IMPORT_MAX_ROWS = int(env("ALLIANCE_IMPORT_MAX_ROWS", "20000"))
# An import still pending this many seconds after upload lost its publish and is enqueued again.
ALLIANCE_IMPORT_SWEEP_SECONDS = int(env("ALLIANCE_IMPORT_SWEEP_SECONDS", "120"))
# Largest product import file accepted (bytes); the upload is kept in the database until run.
ALLIANCE_IMPORT_MAX_BYTES = int(env("ALLIANCE_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))

# --- Order events, commissions, ledger (docs/configuration.md) ---------------------------------
# Hours a rotated-out webhook secret keeps verifying deliveries.
ALLIANCE_WEBHOOK_SECRET_GRACE_HOURS = int(env("ALLIANCE_WEBHOOK_SECRET_GRACE_HOURS", "24"))
# Largest order event body accepted by the webhook (bytes).
ALLIANCE_WEBHOOK_MAX_BYTES = int(env("ALLIANCE_WEBHOOK_MAX_BYTES", str(256 * 1024)))
# Events one worker transaction applies. 500 events are about 1 MB of snapshots in memory and a
# transaction of a second or so: long enough to amortise the commit, short enough to retry.
ALLIANCE_ORDER_EVENT_BATCH = int(env("ALLIANCE_ORDER_EVENT_BATCH", "500"))
# Milliseconds a worker's apply task waits before its first batch, so that a burst of
# deliveries is applied in a few large batches rather than many small ones.
ALLIANCE_ORDER_EVENT_LINGER_MS = int(env("ALLIANCE_ORDER_EVENT_LINGER_MS", "100"))
# An event stored this many seconds ago and still not applied lost its publish (or its worker):
# the sweeper enqueues the apply task again.
ALLIANCE_ORDER_EVENT_SWEEP_SECONDS = int(env("ALLIANCE_ORDER_EVENT_SWEEP_SECONDS", "60"))
# Most lines one JSON Lines backfill upload may hold.
ALLIANCE_BACKFILL_MAX_LINES = int(env("ALLIANCE_BACKFILL_MAX_LINES", "5000"))
ALLIANCE_BACKFILL_MAX_BYTES = int(env("ALLIANCE_BACKFILL_MAX_BYTES", str(10 * 1024 * 1024)))
# Day of the month (1-28, in TIME_ZONE) from which last month's statements are issued. Later
# than 1 leaves time for postings of the month's last moments to commit before the month closes.
ALLIANCE_STATEMENT_DAY = int(env("ALLIANCE_STATEMENT_DAY", "1"))
if not 1 <= ALLIANCE_STATEMENT_DAY <= 28:
    raise ImproperlyConfigured("ALLIANCE_STATEMENT_DAY is a day from 1 to 28.")
# Settlement (docs/orders.md, "Settlement"). "continuous": every run settles what is due when
# it starts. "monthly": on day ALLIANCE_SETTLEMENT_DAY of each month (or the first run after it)
# one run settles what became due before 00:00 of day ALLIANCE_SETTLEMENT_CUTOFF_DAY of that
# month, in TIME_ZONE; the beat entry then only looks, every ALLIANCE_SETTLEMENT_SECONDS.
ALLIANCE_SETTLEMENT_CYCLE = env("ALLIANCE_SETTLEMENT_CYCLE", "continuous")
ALLIANCE_SETTLEMENT_DAY = int(env("ALLIANCE_SETTLEMENT_DAY", "20"))
ALLIANCE_SETTLEMENT_CUTOFF_DAY = int(env("ALLIANCE_SETTLEMENT_CUTOFF_DAY", "1"))
if ALLIANCE_SETTLEMENT_CYCLE not in {"continuous", "monthly"}:
    raise ImproperlyConfigured("ALLIANCE_SETTLEMENT_CYCLE is 'continuous' or 'monthly'.")
if not 1 <= ALLIANCE_SETTLEMENT_CUTOFF_DAY <= ALLIANCE_SETTLEMENT_DAY <= 28:
    raise ImproperlyConfigured(
        "1 <= ALLIANCE_SETTLEMENT_CUTOFF_DAY <= ALLIANCE_SETTLEMENT_DAY <= 28 (every month has it)."
    )
# Commissions settled per transaction: long enough to amortise the statements and the commit,
# short enough that locks are brief and a failure redoes little.
ALLIANCE_SETTLEMENT_BATCH = int(env("ALLIANCE_SETTLEMENT_BATCH", "1000"))
# Fraud rules (docs/fraud.md): a JSON object over the defaults of fraud/params.py, for the
# whole platform, e.g. {"fast_pay_seconds": 20}. Unknown keys are refused at start.
ALLIANCE_FRAUD = json.loads(env("ALLIANCE_FRAUD", "{}") or "{}")
if not isinstance(ALLIANCE_FRAUD, dict):
    raise ImproperlyConfigured("ALLIANCE_FRAUD is a JSON object of fraud rule parameters.")
# The traffic signals (docs/fraud.md, "Traffic rules"): the network hash taken at the redirect
# and the click sweep. Off only to measure the redirect without them (bench/redirect.py).
ALLIANCE_FRAUD_CLICK_SIGNALS = env_bool("ALLIANCE_FRAUD_CLICK_SIGNALS", True)
# Seconds after which Redis hands an unacknowledged task to another worker. Every retry
# countdown stays below it, or a retried task would also be redelivered and run twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
# The embedded broker: with no CELERY_BROKER_URL, `scripts/run` starts a worker and beat on
# kombu's filesystem transport (CELERY_BROKER_URL=filesystem:// for those two processes only),
# messages being files in this folder, so the beat schedule runs with no broker server. The web
# process still runs the tasks it enqueues in-process. docs/operations.md, "Embedded default".
CELERY_BROKER_FOLDER = env("CELERY_BROKER_FOLDER", str(BASE_DIR / "var" / "broker"))
if CELERY_BROKER_URL.startswith("filesystem:"):
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        # One folder both ways: what beat or a task writes there, the worker reads.
        "data_folder_in": str(Path(CELERY_BROKER_FOLDER) / "messages"),
        "data_folder_out": str(Path(CELERY_BROKER_FOLDER) / "messages"),
        "control_folder": str(Path(CELERY_BROKER_FOLDER) / "control"),
    }

# Periodic work run by `celery -A config beat`; docs/operations.md lists each entry.
CELERY_BEAT_SCHEDULE = {
    # Records past ALLIANCE_IDEMPOTENCY_TTL_HOURS no longer replay; this keeps the table small.
    "purge-idempotency-records": {
        "task": "alliance.tasks.purge_idempotency_records",
        "schedule": 3600.0,
    },
    "sweep-stale-product-imports": {
        "task": "products.tasks.sweep_stale_product_imports",
        "schedule": 60.0,
    },
    "sweep-unapplied-order-events": {
        "task": "commissions.tasks.sweep_order_events",
        "schedule": 30.0,
    },
    "settle-due-commissions": {
        "task": "commissions.tasks.settle_due_commissions",
        "schedule": float(env("ALLIANCE_SETTLEMENT_SECONDS", "600")),
    },
    # The traffic rules over the clicks stored since the last sweep (docs/fraud.md).
    "fraud-sweep-clicks": {
        "task": "fraud.tasks.sweep_clicks",
        "schedule": float(env("ALLIANCE_FRAUD_CLICK_SWEEP_SECONDS", "60")),
    },
    # The order and account rules over what changed since the last sweep (docs/fraud.md).
    "fraud-sweep-orders": {
        "task": "fraud.tasks.sweep_orders",
        "schedule": float(env("ALLIANCE_FRAUD_ORDER_SWEEP_SECONDS", "300")),
    },
    "check-ledger": {
        "task": "ledger.tasks.check_ledger",
        "schedule": float(env("ALLIANCE_LEDGER_CHECK_SECONDS", "3600")),
    },
    # Checks whether last month's statements are due (on or after ALLIANCE_STATEMENT_DAY) and
    # issues them once; every other run is a single cheap query.
    "issue-monthly-statements": {
        "task": "statements.tasks.issue_monthly_statements",
        "schedule": float(env("ALLIANCE_STATEMENT_CHECK_SECONDS", "3600")),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) would print every line a second time.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
if CELERY_TASK_ALWAYS_EAGER:
    # Tasks run inside the request or command that enqueued them: their "succeeded" lines would
    # only interleave with its own output. A worker (with a broker) still logs each task.
    LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}

if env_bool("SECURE_COOKIES", not DEBUG):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- HTTPS and security headers (docs/security.md, "Headers") --------------------------------
# With DEBUG off: plain HTTP is redirected to HTTPS, and HSTS tells browsers to stay on it. Behind
# a TLS-terminating proxy, requests count as HTTPS through gunicorn's FORWARDED_ALLOW_IPS (the
# documented setup, docs/operations.md) or, for another server, SECURE_PROXY_SSL_HEADER.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Container health checks call /healthz over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env("SECURE_PROXY_SSL_HEADER"):
    # The header's META name, e.g. HTTP_X_FORWARDED_PROTO: trusted only if the proxy always
    # sets it (and strips what the client sent).
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = []
if not SECURE_HSTS_PRELOAD:
    # Asking browsers to preload the domain (security.W021) is its owner's decision, hard to
    # undo: off unless SECURE_HSTS_PRELOAD says so.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
