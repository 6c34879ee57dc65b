"""The platform's settings for the test suite. The suite runs on the development key, which the
platform accepts only in development mode, so the environment turns DEBUG on before the settings
load (processes the tests start inherit it); pytest-django still runs each test with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")

from config.settings import *  # noqa: F403
