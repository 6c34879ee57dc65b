"""What the benchmarks share: a throwaway database, a free port, and a gunicorn serving the
platform with bench.settings (whose /bench/baseline answers a constant 302)."""

import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def recreate_database(pg_url: str, name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(f"{pg_url.rstrip('/')}/postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def baseline_answers(base: str) -> bool:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(f"{base}/bench/baseline", timeout=5) as response:
            return response.status == 302
    except urllib.error.HTTPError as error:
        return error.code == 302
    except OSError:
        return False


def start_gunicorn(args, port: int, env: dict, log: Path) -> subprocess.Popen:
    """gunicorn with `args.worker_class`, `args.workers` and `args.threads`, in a session of its
    own (stop_process ends it with its workers), once it answers the baseline."""
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi:application",
        "--chdir",
        str(ROOT),
        "--bind",
        f"{HOST}:{port}",
        "--worker-class",
        args.worker_class,
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log}")
        if baseline_answers(f"http://{HOST}:{port}"):
            return process
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within 30 s; see {log}")


def stop_process(process: subprocess.Popen | None) -> None:
    """Stop a process started in its own session, with its children."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


# --- CPU accounting --------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_ticks(database: str) -> dict[int, tuple[str, int, int, int]]:
    """pid -> (command, parent pid, session id, user + system CPU ticks) of every process;
    PostgreSQL backends serving another database than `database` are told apart as
    "postgres:other"."""
    result = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        command = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        if command == "postgres":
            try:
                title = Path(entry.path, "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                title = ""
            # A backend's title: "postgres: 15/main: <user> <database> <client> <state>".
            match = re.match(r"postgres: [^:]+: \S+ (\S+) ", title)
            if match and match.group(1) != database:
                command = "postgres:other"
        ticks = int(fields[11]) + int(fields[12])
        result[int(entry.name)] = (command, int(fields[1]), int(fields[3]), ticks)
    return result


def machine() -> dict:
    """The CPU and Python a benchmark ran on, for its report."""
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = match.group(1).strip() if match else ""
    return {"cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version()}


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows as aligned columns: the first left-aligned, the numbers right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )


def rate(count: float, seconds: float | None) -> float | None:
    return count / seconds if seconds else None


def fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def stop_on_signal(signum, frame):
    # SIGTERM and SIGHUP unwind like Ctrl-C, so the servers a benchmark started are stopped on
    # the way out.
    raise SystemExit(128 + signum)
