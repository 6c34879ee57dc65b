"""Settings for the benchmarks: the platform's own settings, production-like (DEBUG off), plus a
baseline view in bench.urls. DATABASE_URL and REDIS_URL come from the environment, as in
production; bench/redirect.py points them at a throwaway database."""

import os
import warnings

# Production refuses the development key when DEBUG is off; this key only ever signs bench data.
os.environ["DEBUG"] = "0"
os.environ["SECRET_KEY"] = "bench-only-secret-key-not-used-anywhere-else-0123456789"
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings import *  # noqa: F403
from config.settings import STORAGES

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# The load generator speaks plain HTTP to gunicorn from one address: no HTTPS redirect, and a
# per-address redirect and webhook limits so high they never trip, so every request still pays
# its counters.
SECURE_SSL_REDIRECT = False
ALLIANCE_THROTTLE_RATES = {
    **ALLIANCE_THROTTLE_RATES,  # noqa: F405
    "redirect": "1000000000/min",
    "webhook_merchant": "1000000000/min",
    "webhook_ip": "1000000000/min",
}

# wrk plays many visitors through X-Bench-Visitor (bench/visitors.py); it runs first, before
# anything reads the address.
MIDDLEWARE = ["bench.visitors.bench_visitor", *MIDDLEWARE]  # noqa: F405

# The manifest storage needs `collectstatic`; the measured views render no template, and the
# plain storage lets the 404/410 pages render in a checkout without collected files.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves nothing here: no collected static files, and no warning about it per worker.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # The checks request an unknown and an inactive link on purpose.
    "loggers": {"django.request": {"level": "ERROR"}},
}
