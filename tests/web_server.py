"""A real web server for the tests about one: gunicorn serving config.wsgi with one worker, in
its own process group, so that master and worker stop (or die) together."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings


class WebServer:
    """gunicorn on a free port of 127.0.0.1 with `environment` as its whole environment; ready
    once `ready_path` answers `ready_status`. Everything it logs is kept in `lines`."""

    def __init__(
        self,
        environment: dict[str, str],
        *,
        ready_path: str,
        ready_status: int,
        ready_seconds: float = 30,
        arguments: tuple[str, ...] = (),
    ) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "config.wsgi",
                *("-b", f"127.0.0.1:{self.port}", "-w", "1"),
                *arguments,
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: master and worker go together
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self._wait_ready(ready_path, ready_status, ready_seconds)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def _wait_ready(self, path: str, status: int, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.get(path)[0] == status:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.kill()
        pytest.fail("The web server did not start:\n" + "".join(self.lines))

    def get(self, path: str, user_agent: str = "Mozilla/5.0 (iPhone)") -> tuple[int, str]:
        """GET `path`; answers the status and the Location header ("" without one)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers={"User-Agent": user_agent})
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Location") or ""
        finally:
            connection.close()

    def stop(self) -> None:
        """A graceful stop (SIGTERM), a hard one if it takes more than ten seconds."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """A hard kill (SIGKILL) of master and worker: nothing runs after it."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
