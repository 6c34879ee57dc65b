"""Benchmark of the redirect `GET /t/<code>` against a bare Django 302, and of the redirect with
the traffic signals on against the same redirect with them off (docs/benchmarks.md).

Creates a fresh PostgreSQL database, migrates it, creates an approved merchant, an approved
promoter, a product and N links, serves the platform with gunicorn on 127.0.0.1, then runs wrk for
a fixed time against the baseline (`/bench/baseline`, a constant 302 through the same middleware)
and against the redirect, rotating through the link codes. It checks that every redirect wrk
sent stored exactly one click, prints requests/s, p50 and p99 for both and their ratio, and
writes bench/results/redirect.json.

The traffic signals (docs/fraud.md): a second gunicorn serves the same database with
ALLIANCE_FRAUD_CLICK_SIGNALS=0; each round also runs the redirect on it (signals off), and the
redirect with signals on runs while bench/sweeper.py runs the click sweep every second against
the same database. The requests play --visitors visitors on their /24 networks (a header the
bench settings read as the address), so the traffic has the shape of honest clicks.

Run: `make bench`, `scripts/bench`, or `.venv/bin/python bench/redirect.py --help`.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from common import (  # bench/common.py: run as a script, bench/ is on sys.path
    CLOCK_TICKS,
    HOST,
    ROOT,
    NoRedirect,
    free_port,
    machine,
    process_ticks,
    recreate_database,
    start_gunicorn,
    stop_on_signal,
    stop_process,
)

RESULTS = ROOT / "bench" / "results"
LUA_SCRIPT = ROOT / "bench" / "redirect.lua"
GOAL_RATIO = 0.5
# The redirect with the traffic signals on against the redirect with them off (issue 13).
SIGNALS_GOAL_RATIO = 0.95
SWEEPER = ROOT / "bench" / "sweeper.py"
UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration",
        type=int,
        default=int(os.environ.get("BENCH_DURATION", 15)),
        help="seconds of each measured wrk run (default 15, or $BENCH_DURATION)",
    )
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per URL")
    parser.add_argument(
        "--rounds",
        type=int,
        default=int(os.environ.get("BENCH_ROUNDS", 3)),
        help="baseline-then-redirect pairs; the table shows medians (default 3)",
    )
    parser.add_argument("--links", type=int, default=1000, help="number of link codes")
    parser.add_argument(
        "--visitors",
        type=int,
        default=100_000,
        help="request lines, each a random link and a random visitor address (default 100000)",
    )
    parser.add_argument(
        "--sweep-interval", type=float, default=1.0, help="seconds between click sweeps"
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk -c")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk -t")
    # gthread for HTTP keep-alive (sync workers close every connection); one thread per worker so
    # requests never wait on each other for the GIL; 2 x cores + 1 workers so the CPUs stay busy
    # while some workers wait on PostgreSQL or Redis. docs/benchmarks.md compares alternatives.
    parser.add_argument(
        "--click-recording",
        choices=["batched", "direct"],
        default="batched",
        help="how the redirect records clicks (ALLIANCE_CLICK_RECORDING)",
    )
    parser.add_argument("--worker-class", default="gthread", help="gunicorn -k")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn -w"
    )
    parser.add_argument("--threads", type=int, default=1, help="gunicorn --threads (gthread)")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server (no database name); must be on 127.0.0.1",
    )
    parser.add_argument(
        "--database", default="alliance_bench", help="dropped and recreated; must contain 'bench'"
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    )
    args = parser.parse_args()
    # It is dropped: a plain name that says "bench", never the development or a system database.
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database) or "bench" not in args.database:
        parser.error("--database must be a plain lower-case name containing 'bench'")
    for url in (args.pg_url, args.redis_url):
        if urlsplit(url).hostname not in {"127.0.0.1", "localhost"}:
            parser.error(f"{url}: the benchmark only talks to 127.0.0.1")
    if not (
        1 <= args.duration <= 600
        and 0 <= args.warmup <= 60
        and 1 <= args.rounds <= 20
        and 1 <= args.links <= 100_000
    ):
        parser.error("duration 1..600 s, warmup 0..60 s, rounds 1..20, links 1..100000")
    return args


# --- database and data -----------------------------------------------------------------------


def seed(links: int) -> dict:
    """Migrate, then create the catalog and the links through the services, as a merchant and a
    promoter would. Returns the codes and the expected target."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from django.db import connections

    from alliance.models import ReviewStatus, User
    from products.models import Product
    from products.services import merchant_review, merchant_signup, product_save
    from promoters.services import link_create, promoter_review, promoter_signup

    password = "bench-Correct-Horse-42"
    admin = User.objects.create_superuser("bench-admin", "admin@example.com", password)
    merchant = merchant_signup(
        username="bench-merchant",
        password=password,
        name="Bench Store",
        store_url="https://store.example.com/",
    )
    merchant = merchant_review(merchant=merchant, status=ReviewStatus.APPROVED, reviewer=admin)
    product = product_save(
        product=Product(
            merchant=merchant,
            sku="SKU-1",
            title="Bench product",
            url="https://store.example.com/item/SKU-1?ref=shop",
            price="99.00",
        )
    )
    promoter = promoter_signup(username="bench-promoter", password=password, display_name="Bench")
    promoter = promoter_review(promoter=promoter, status=ReviewStatus.APPROVED, reviewer=admin)
    codes = [link_create(promoter=promoter, product=product).code for _ in range(links)]
    inactive = link_create(promoter=promoter, product=product)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    connections.close_all()
    return {
        "codes": codes,
        "inactive_code": inactive.code,
        "target": product.url,
        "click_param": merchant.click_param,
    }


def click_count() -> int:
    from django.db import connection

    from promoters.models import Click

    count = Click.objects.count()
    connection.close()
    return count


def click_exists(token: str, timeout: float = 5.0) -> bool:
    """Whether the click id verifies and its click is stored on the link it names, waiting up
    to `timeout` for the batched recorder's flush."""
    from promoters.models import Click, ClickIdRefused, click_reference

    try:
        reference = click_reference(token)
    except ClickIdRefused:
        return False
    if reference is None or reference.link_id is None:
        return False
    stored = Click.objects.filter(pk=reference.click_uuid, link_id=reference.link_id)
    deadline = time.monotonic() + timeout
    while not stored.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def settled_click_count(timeout: float = 10.0) -> int:
    """The click count once the server has finished the requests still in flight when wrk
    stopped: two equal reads 0.5 s apart, for at most `timeout` seconds."""
    previous = click_count()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        current = click_count()
        if current == previous:
            return current
        previous = current
    return previous


# --- gunicorn --------------------------------------------------------------------------------


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"User-Agent": UA})
    try:
        with OPENER.open(request, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


# --- CPU accounting --------------------------------------------------------------------------


def cpu_snapshot(database: str) -> dict:
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    children = os.times()
    return {
        "time": time.monotonic(),
        "busy": user + nice + system + irq + softirq + steal,
        "processes": process_ticks(database),
        # wrk has exited by the second snapshot: its CPU time is in this process's children's.
        "children": (children.children_user + children.children_system) * CLOCK_TICKS,
    }


def cpu_usage(before: dict, after: dict, gunicorn_pid: int, sweeper_pid: int = 0) -> dict:
    """Cores used during a run, by who used them: the gunicorn master and workers, wrk,
    PostgreSQL (the bench database's backends and the server's own processes), Redis, and
    everything else on the machine."""
    used = dict.fromkeys(("gunicorn", "wrk", "postgres", "redis", "sweeper"), 0)
    for pid, (command, parent, _session, ticks) in after["processes"].items():
        previous = before["processes"].get(pid)
        delta = ticks - previous[3] if previous and previous[0] == command else ticks
        if gunicorn_pid in (pid, parent):
            used["gunicorn"] += delta
        elif sweeper_pid and pid == sweeper_pid:
            used["sweeper"] += delta
        elif command == "postgres":
            used["postgres"] += delta
        elif command.startswith("redis-server"):
            used["redis"] += delta
    used["wrk"] = after["children"] - before["children"]
    used["other"] = max(0, after["busy"] - before["busy"] - sum(used.values()))
    seconds = after["time"] - before["time"]
    return {name: round(ticks / CLOCK_TICKS / seconds, 3) for name, ticks in used.items()}


# --- wrk -------------------------------------------------------------------------------------


def run_wrk(args, base: str, paths_file: Path, seconds: int) -> dict:
    command = [
        "wrk",
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        base,
        "--",
        str(paths_file),
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    match = re.search(r"^BENCH_RESULT (\{.*\})$", completed.stdout, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no result line in wrk's output:\n{completed.stdout}")
    result = json.loads(match.group(1))
    result["requests_per_second"] = result["requests"] / (result["duration_us"] / 1e6)
    result["wrk_output"] = completed.stdout[: match.start()].rstrip()
    result["command"] = " ".join(command)
    return result


# --- checks and report -----------------------------------------------------------------------


def check_pages(base: str, data: dict) -> list[str]:
    """One redirect by hand: 302 to the target with the click id of a stored click; an unknown
    code is 404 and an inactive link 410."""
    problems = []
    status, headers = fetch(f"{base}/t/{data['codes'][0]}")
    location = headers.get("Location", "")
    click_ids = parse_qs(urlsplit(location).query).get(data["click_param"], [])
    if status != 302 or not location.startswith(data["target"].split("?")[0]):
        problems.append(f"redirect answered {status} {location!r}")
    elif parse_qs(urlsplit(location).query).get("ref") != ["shop"]:
        problems.append(f"redirect lost the target's query string: {location!r}")
    elif len(click_ids) != 1 or not click_exists(click_ids[0]):
        problems.append(f"no stored click for {location!r}")
    if (status := fetch(f"{base}/t/doesnotexist")[0]) != 404:
        problems.append(f"unknown code answered {status}, not 404")
    if (status := fetch(f"{base}/t/{data['inactive_code']}")[0]) != 410:
        problems.append(f"inactive link answered {status}, not 410")
    return problems


def check_run(name: str, result: dict) -> list[str]:
    problems = []
    errors = {kind: count for kind, count in result["errors"].items() if count}
    if errors:
        problems.append(f"{name}: wrk reported errors {errors}")
    if result["status_other"]:
        problems.append(f"{name}: {result['status_other']} responses were not 302")
    if result["status_302"] != result["requests"]:
        problems.append(f"{name}: {result['status_302']} 302s for {result['requests']} requests")
    return problems


def summary(results: list[dict]) -> dict:
    """Medians over the rounds (the only values with a single round)."""
    return {
        "requests_per_second": statistics.median(r["requests_per_second"] for r in results),
        "p50_ms": statistics.median(r["latency_us"]["p50"] for r in results) / 1000,
        "p99_ms": statistics.median(r["latency_us"]["p99"] for r in results) / 1000,
        "requests": sum(r["requests"] for r in results),
        "cpu_us_per_request": statistics.median(r["cpu_us_per_request"] for r in results),
    }


def table(*named: tuple[str, dict]) -> str:
    rows = [("", "requests/s", "p50 ms", "p99 ms", "CPU us/request", "requests")]
    for name, result in named:
        rows.append(
            (
                name,
                f"{result['requests_per_second']:,.0f}",
                f"{result['p50_ms']:.2f}",
                f"{result['p99_ms']:.2f}",
                f"{result['cpu_us_per_request']:,.0f}",
                f"{result['requests']:,}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )


def measured(args, base: str, paths: Path, gunicorn_pid: int, sweeper_pid: int = 0) -> dict:
    before = cpu_snapshot(args.database)
    result = run_wrk(args, base, paths, args.duration)
    after = cpu_snapshot(args.database)
    result["cpu_cores"] = cores = cpu_usage(before, after, gunicorn_pid, sweeper_pid)
    # CPU the request path cost, wherever it ran: gunicorn (with its click-flusher threads), wrk,
    # PostgreSQL and Redis, and the click sweep when it runs beside (the signals' price).
    path_seconds = sum(cores[who] for who in ("gunicorn", "wrk", "postgres", "redis", "sweeper"))
    path_seconds *= after["time"] - before["time"]
    result["cpu_us_per_request"] = path_seconds / max(result["requests"], 1) * 1e6
    return result


def counted(args, base: str, paths: Path, gunicorn_pid: int, sweeper_pid: int = 0) -> dict:
    """A measured redirect run, with the clicks stored during it against the requests sent."""
    before = settled_click_count()
    result = measured(args, base, paths, gunicorn_pid, sweeper_pid)
    after = settled_click_count()
    result["clicks"] = {
        "before": before,
        "after": after,
        "stored": after - before,
        "sent": result["sent"],
        "answered": result["requests"],
    }
    return result


def start_sweeper(args, env: dict) -> subprocess.Popen:
    """bench/sweeper.py on the benchmark's database, once it has set Django up."""
    process = subprocess.Popen(
        [sys.executable, str(SWEEPER), "--interval", str(args.sweep_interval)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "SWEEPER_READY":
        raise RuntimeError("the click sweeper did not start")
    return process


def stop_sweeper(process: subprocess.Popen) -> dict:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=120)
    match = re.search(r"^SWEEPER (\{.*\})$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no result line from the sweeper:\n{output}")
    return json.loads(match.group(1))


def request_lines(codes: list[str], visitors: int) -> str:
    """`visitors` request lines, each a random link and a random address among 2**20 in
    10.0.0.0/12 (4,096 networks of /24): many visitors, each clicking now and then, the shape
    of honest traffic. Seeded, so every run sends the same requests."""
    rng = random.Random(13)
    lines = []
    for _ in range(visitors):
        address = rng.randrange(2**20)
        ip = f"10.{address >> 16}.{(address >> 8) & 255}.{address & 255}"
        lines.append(f"/t/{rng.choice(codes)} {ip}\n")
    return "".join(lines)


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, stop_on_signal)
    if shutil.which("wrk") is None:
        print(
            "wrk is not installed (apt-get install -y wrk, or run scripts/bench)", file=sys.stderr
        )
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{args.pg_url.rstrip('/')}/{args.database}",
        "REDIS_URL": args.redis_url,
        # Fresh uniqueness keys for every run, without flushing anybody's Redis database.
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}-{int(time.time())}",
        "ALLIANCE_CLICK_RECORDING": args.click_recording,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CELERY_BROKER_URL", None)
    os.environ.update({key: env[key] for key in env if key != "PYTHONPATH"})
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))

    print(f"== database {args.database}: recreate, migrate, seed {args.links} links")
    recreate_database(args.pg_url, args.database)
    data = seed(args.links)

    port = free_port()
    base = f"http://{HOST}:{port}"
    log = RESULTS / "gunicorn.log"
    port_off = free_port()
    base_off = f"http://{HOST}:{port_off}"
    env_off = {**env, "ALLIANCE_FRAUD_CLICK_SIGNALS": "0"}
    process = process_off = None
    problems: list[str] = []
    baselines: list[dict] = []
    redirects: list[dict] = []
    redirects_off: list[dict] = []
    sweeps: list[dict] = []
    wrk_flags = f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s"
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as tmp:
        baseline_paths = Path(tmp) / "baseline.txt"
        baseline_paths.write_text("/bench/baseline\n")
        redirect_paths = Path(tmp) / "redirect.txt"
        redirect_paths.write_text(request_lines(data["codes"], args.visitors))
        try:
            threads = f" x{args.threads} threads" if args.worker_class == "gthread" else ""
            print(f"== gunicorn {args.worker_class} x{args.workers}{threads} on {base}")
            process = start_gunicorn(args, port, env, log)
            print(f"== the same with ALLIANCE_FRAUD_CLICK_SIGNALS=0 on {base_off}")
            process_off = start_gunicorn(args, port_off, env_off, RESULTS / "gunicorn-off.log")
            problems += check_pages(base, data)
            problems += check_pages(base_off, data)
            if args.warmup:
                print(f"== warm-up {args.warmup} s each")
                run_wrk(args, base, baseline_paths, args.warmup)
                run_wrk(args, base, redirect_paths, args.warmup)
                run_wrk(args, base_off, redirect_paths, args.warmup)
            for number in range(1, args.rounds + 1):
                label = f" (round {number}/{args.rounds})" if args.rounds > 1 else ""
                print(f"== baseline{label}: {wrk_flags}")
                baselines.append(measured(args, base, baseline_paths, process.pid))
                # Off then on in odd rounds, on then off in even ones: neither always goes first.
                for signals in (True, False) if number % 2 == 0 else (False, True):
                    if not signals:
                        print(f"== redirect, signals off{label}: {wrk_flags}")
                        redirects_off.append(
                            counted(args, base_off, redirect_paths, process_off.pid)
                        )
                        continue
                    print(f"== redirect, signals on, sweep every {args.sweep_interval:g} s{label}")
                    sweeper = start_sweeper(args, env)
                    try:
                        redirects.append(
                            counted(args, base, redirect_paths, process.pid, sweeper.pid)
                        )
                    finally:
                        sweeps.append(stop_sweeper(sweeper))
        finally:
            stop_process(process)
            stop_process(process_off)

    rounds = zip(baselines, redirects, redirects_off, sweeps, strict=True)
    for number, (baseline, redirect, redirect_off, sweep) in enumerate(rounds, start=1):
        prefix = f"round {number}: " if args.rounds > 1 else ""
        problems += check_run(f"{prefix}baseline", baseline)
        named = (("redirect", redirect), ("redirect, signals off", redirect_off))
        for name, result in named:
            problems += check_run(f"{prefix}{name}", result)
            clicks = result["clicks"]
            if clicks["stored"] != clicks["sent"]:
                problems.append(
                    f"{prefix}{name}: {clicks['stored']} clicks stored for {clicks['sent']} sent"
                )
            if not 0 <= clicks["sent"] - clicks["answered"] <= args.connections:
                problems.append(
                    f"{prefix}{name}: {clicks['sent']} sent, {clicks['answered']} answered"
                )
        print()
        for name, result in (("baseline", baseline), *named):
            print(f"{prefix}{name}:\n  " + result["wrk_output"].replace("\n", "\n  "))
            cores = ", ".join(f"{who} {used:.2f}" for who, used in result["cpu_cores"].items())
            print(f"  cores used: {cores}")
            if "clicks" in result:
                clicks = result["clicks"]
                print(
                    f"  clicks stored: {clicks['stored']:,} for {clicks['sent']:,} redirects "
                    f"sent ({clicks['answered']:,} answered within the run, "
                    f"{clicks['sent'] - clicks['answered']} in flight at its end)"
                )
        print(
            f"  click sweeps beside the signals-on run: {sweep['sweeps']} "
            f"({sweep['busy_s']:.1f} s sweeping, longest {sweep['max_s']:.2f} s, "
            f"{sweep['flags']} flags raised or updated)"
        )

    baseline_summary, redirect_summary = summary(baselines), summary(redirects)
    off_summary = summary(redirects_off)
    signals_ratio = redirect_summary["requests_per_second"] / off_summary["requests_per_second"]
    ratio = redirect_summary["requests_per_second"] / baseline_summary["requests_per_second"]
    print()
    if args.rounds > 1:
        print(f"medians of {args.rounds} rounds:")
    print(
        table(
            ("baseline", baseline_summary),
            ("redirect, signals off", off_summary),
            ("redirect (signals on)", redirect_summary),
        )
    )
    verdict = "met" if ratio >= GOAL_RATIO else "MISSED"
    print(f"redirect/baseline throughput: {ratio:.1%} (goal >= {GOAL_RATIO:.0%}: {verdict})")
    verdict = "met" if signals_ratio >= SIGNALS_GOAL_RATIO else "MISSED"
    print(
        f"signals on/off throughput: {signals_ratio:.1%} "
        f"(goal >= {SIGNALS_GOAL_RATIO:.0%}: {verdict})"
    )
    cpu_ratio = baseline_summary["cpu_us_per_request"] / redirect_summary["cpu_us_per_request"]
    print(f"baseline/redirect CPU per request: {cpu_ratio:.1%}")
    busy = max(r["cpu_cores"]["other"] for r in baselines + redirects + redirects_off)
    if busy > 0.1:
        print(
            f"warning: other processes used up to {busy:.2f} cores during the runs; "
            "the numbers are not from a quiet machine"
        )

    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "config": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rounds": args.rounds,
            "links": args.links,
            "visitors": args.visitors,
            "sweep_interval_s": args.sweep_interval,
            "wrk": {"threads": args.wrk_threads, "connections": args.connections},
            "gunicorn": {
                "worker_class": args.worker_class,
                "workers": args.workers,
                "threads": args.threads,
            },
            "settings": "bench.settings",
            "click_recording": args.click_recording,
        },
        "summary": {
            "baseline": baseline_summary,
            "redirect": redirect_summary,
            "ratio": ratio,
            "cpu_ratio": cpu_ratio,
            "goal_ratio": GOAL_RATIO,
            "goal_met": ratio >= GOAL_RATIO,
            "redirect_signals_off": off_summary,
            "signals_ratio": signals_ratio,
            "signals_goal_ratio": SIGNALS_GOAL_RATIO,
            "signals_goal_met": signals_ratio >= SIGNALS_GOAL_RATIO,
        },
        "baseline_runs": baselines,
        "redirect_runs": redirects,
        "redirect_signals_off_runs": redirects_off,
        "sweeps": sweeps,
        "problems": problems,
    }
    (RESULTS / "redirect.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"results: {(RESULTS / 'redirect.json').relative_to(ROOT)}")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
