"""A real `celery -A config worker` process for the tests about one (marked celery_worker).

The worker consumes the `default` queue of the broker named by CELERY_BROKER_URL and works on
pytest-django's test database, so a test sees what the worker wrote. Use it from a test marked
`celery_worker` and `django_db(transaction=True)`: the worker only sees committed rows.
"""

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

READY_SECONDS = 30
STOP_SECONDS = 15


class WorkerProcess:
    """A running worker and everything it has logged so far."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self._lines: list[str] = []
        # Reading the output in the background also keeps the pipe from filling up and
        # stalling the worker.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self._lines)

    def wait_for(self, text: str, *, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.output:
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.1)
        return text in self.output

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # a warm shutdown: the current task finishes first
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)


def worker_database_url() -> str:
    """A DATABASE_URL naming pytest-django's test database (settings hold it once it is set up)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail(
            "The worker test needs PostgreSQL: a worker process cannot share the SQLite test "
            "database. Set DATABASE_URL to a PostgreSQL server."
        )
    user = quote(database.get("USER") or "", safe="")
    password = database.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}@" if password else f"{user}@"
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{database['NAME']}"


def start_worker(**extra_environment: str) -> WorkerProcess:
    """Start a worker on the `default` queue and wait until it is ready."""
    broker_url = os.environ.get("CELERY_BROKER_URL")
    if not broker_url:
        pytest.fail("CELERY_BROKER_URL is not set: there is no broker for a worker to consume")
    celery = Path(sys.executable).with_name("celery")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "PYTHONUNBUFFERED": "1",
        **extra_environment,
    }
    process = subprocess.Popen(
        [
            str(celery),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            "default",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
            f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    worker = WorkerProcess(process)
    if not worker.wait_for(" ready.", seconds=READY_SECONDS):
        worker.stop()
        pytest.fail(f"The Celery worker did not start:\n{worker.output}")
    return worker


def purge_queue() -> None:
    """A clean queue, so that a worker runs only what the test sends."""
    from config.celery import app

    app.control.purge()


@pytest.fixture
def celery_worker(django_db_setup, django_db_blocker):
    """Start a worker on an empty `default` queue; stop it after the test."""
    purge_queue()
    worker = start_worker()
    try:
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def tasks_on_the_broker():
    """Send tasks to the broker instead of running them in this process, on a queue empty
    before and after the test."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    purge_queue()
    yield
    app.conf.task_always_eager = previous
    purge_queue()
