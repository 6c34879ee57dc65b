"""The production settings: DEBUG off unless set, the development key refused, `check --deploy`
clean, HTTPS enforced (but /healthz) and the security headers sent. Each test starts a fresh
Python with a production environment, since these settings are read once at start-up."""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.embedded

ROOT = Path(__file__).resolve().parents[2]
HOST = "alliance.example.com"


def production(tmp_path, **extra) -> dict:
    """A production environment: DEBUG unset (so off), a real key, the public host."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    environment.update(extra)
    return {name: value for name, value in environment.items() if value is not None}


def python(environment: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    checked = python(
        production(tmp_path), "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    assert checked.returncode == 0, checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_debug_is_off_unless_the_environment_turns_it_on(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    )

    unset = python(production(tmp_path), "-c", script)
    on = python(production(tmp_path, DEBUG="1"), "-c", script)

    assert (unset.stdout.strip(), on.stdout.strip()) == ("False", "True")


def test_debug_off_refuses_the_published_development_key(tmp_path):
    started = python(production(tmp_path, SECRET_KEY=None), "manage.py", "check")

    assert started.returncode != 0
    assert "DEBUG is off: set SECRET_KEY to a secret value." in started.stderr


HEADERS_SCRIPT = textwrap.dedent(
    f"""
    import json, django
    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="{HOST}")
    plain = client.get("/api/v1/")
    health = client.get("/healthz")
    secure = client.get("/api/v1/", secure=True)
    forwarded = client.get("/api/v1/", HTTP_X_FORWARDED_PROTO="https")
    print(json.dumps({{
        "plain": [plain.status_code, plain.get("Location")],
        "health": health.status_code,
        "secure": secure.status_code,
        "forwarded": forwarded.status_code,
        "headers": {{
            name: secure.get(name)
            for name in (
                "Strict-Transport-Security",
                "X-Content-Type-Options",
                "Referrer-Policy",
                "X-Frame-Options",
                "Cross-Origin-Opener-Policy",
            )
        }},
        "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    }}))
    """
)


def test_production_redirects_to_https_and_sends_the_security_headers(tmp_path):
    ran = python(production(tmp_path), "-c", HEADERS_SCRIPT)
    assert ran.returncode == 0, ran.stderr
    answers = json.loads(ran.stdout.strip().splitlines()[-1])

    assert answers["plain"] == [301, f"https://{HOST}/api/v1/"]
    # Container health checks reach /healthz over plain HTTP.
    assert answers["health"] == 200
    assert answers["secure"] == 200
    # Without SECURE_PROXY_SSL_HEADER, a client's X-Forwarded-Proto is not believed.
    assert answers["forwarded"] == 301
    assert answers["headers"] == {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    assert answers["cookies_secure"] == [True, True]


def test_behind_a_proxy_that_says_so_forwarded_https_counts(tmp_path):
    environment = production(tmp_path, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")

    ran = python(environment, "-c", HEADERS_SCRIPT)
    assert ran.returncode == 0, ran.stderr
    answers = json.loads(ran.stdout.strip().splitlines()[-1])

    assert answers["forwarded"] == 200
    assert answers["plain"] == [301, f"https://{HOST}/api/v1/"]


def test_development_mode_does_not_redirect_or_pin_https(tmp_path):
    ran = python(production(tmp_path, DEBUG="1", SECRET_KEY=None), "-c", HEADERS_SCRIPT)
    assert ran.returncode == 0, ran.stderr
    answers = json.loads(ran.stdout.strip().splitlines()[-1])

    assert answers["plain"] == [200, None]
    assert answers["headers"]["Strict-Transport-Security"] is None
    assert answers["cookies_secure"] == [False, False]


def test_a_malformed_rate_is_refused_at_start_up(tmp_path):
    started = python(
        production(tmp_path, ALLIANCE_THROTTLE_LOGIN="20 per minute"), "manage.py", "check"
    )

    assert started.returncode != 0
    assert "ALLIANCE_THROTTLE_LOGIN is a count and a period, like 20/min" in started.stderr
