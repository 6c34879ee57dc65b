"""The embedded default runs the beat schedule: with no broker server, `scripts/run` starts a
real Celery worker and beat on kombu's filesystem transport (CELERY_BROKER_URL=filesystem://,
messages as files under CELERY_BROKER_FOLDER). Here both start with that configuration, and a
confirmed commission past its hold is settled by the schedule alone, no button pressed.

The worker shares pytest-django's PostgreSQL test database (a second process cannot share the
SQLite test database); what is tested is the broker, which is the embedded one."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from commissions.models import Commission

from .celery_worker import WorkerProcess, worker_database_url
from .payouts.money import earn

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 60


def start(role: str, tmp_path: Path) -> WorkerProcess:
    """`celery -A config <role>` with the environment scripts/run gives it."""
    environment = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL"}} | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "ALLIANCE_SETTLEMENT_SECONDS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    arguments = {
        "worker": ["worker", "--concurrency", "1", "--hostname", f"embedded-{tmp_path.name}@%h"],
        "beat": ["beat", "--schedule", str(tmp_path / "celerybeat-schedule")],
    }[role]
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            *arguments,
            "--loglevel=INFO",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return WorkerProcess(process)


def test_the_beat_schedule_settles_on_the_embedded_broker(tmp_path):
    promoter = earn_promoter()
    commission = Commission.objects.get(promoter=promoter)
    assert commission.status == Commission.Status.CONFIRMED

    worker = start("worker", tmp_path)
    beat = start("beat", tmp_path)
    try:
        assert worker.wait_for(" ready.", seconds=WAIT_SECONDS), worker.output
        settled = wait_until_settled(commission)
    finally:
        beat.stop()
        worker.stop()

    assert settled, worker.output + beat.output
    assert "filesystem://" in worker.output
    assert "Sending due task settle-due-commissions" in beat.output
    commission.refresh_from_db()
    assert commission.status == Commission.Status.SETTLED


def earn_promoter():
    from . import factories

    promoter = factories.PromoterFactory()
    earn(promoter, sales=["100.00"], settle=False)  # completed 19 days ago: past its hold
    return promoter


def wait_until_settled(commission) -> bool:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        commission.refresh_from_db()
        if commission.status == Commission.Status.SETTLED:
            return True
        time.sleep(0.2)
    return False
