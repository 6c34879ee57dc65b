"""The platform's settings for the test suite. The suite runs on the development key, which the
platform accepts only in development mode, so the environment turns DEBUG on before the settings
load (processes the tests start inherit it); pytest-django still runs each test with DEBUG off."""

import os

# Under pytest-xdist each worker ("gw0", "gw1", ...) has its own test database (pytest-django
# names it after the worker) and its own keys in the shared Redis: the cache's key prefix, which
# every key the platform writes there carries, names the worker, and the suite's cache clearing
# deletes that worker's keys only (tests/conftest.py).
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["CACHE_KEY_PREFIX"] = "-".join(
        [os.environ.get("CACHE_KEY_PREFIX", "alliance"), os.environ["PYTEST_XDIST_WORKER"]]
    )

os.environ.setdefault("DEBUG", "1")

from config.settings import *  # noqa: F403
