"""The traffic simulator: honest promoters and attackers of every pattern through the real
redirect, webhook and workers, and what the fraud rules caught (docs/fraud.md, "Measured: the
traffic simulator").

Creates a fresh PostgreSQL database, migrates it, sets up merchants, products, promoters,
payout methods and links (bench/traffic_scenario.py: deterministic for a seed), serves the
platform with gunicorn on 127.0.0.1 and runs a Celery worker on Redis. Then, in phases:

1. clicks: every visitor's click at its moment on the timeline, `GET /t/<code>` from the
   visitor's own 127.a.b.c address with its agent and referer; the click id is read from the
   302's Location. Earlier visits (repeat customers, shoppers comparing promoters) are then
   moved back by days in the database.
2. orders: once the last click is 30 s old, `order.paid` through the signed webhook: paid now,
   or a second or two after the click (brushing), or minutes after a moved-back click.
3. `order.completed` (a few honest orders are refunded before completion instead), then a
   settlement run triggered as an admin would, carried out by the worker.
4. the refunds after settlement (refund abuse, and a few honest ones).
After each phase the worker drains the events and the fraud sweeps run on the worker, as beat
would run them. Finally the money caught per pattern and over honest promoters is measured
(bench/traffic_measure.py), printed, and written to bench/results/traffic.json.

Exits non-zero only when the harness failed (a click or a delivery refused, an event not
applied, an order credited to another promoter than planned), never on a missed goal.

Run: `make bench-traffic` (options in ARGS="--scale full --seed 2"), or
`.venv/bin/python bench/traffic.py --help`.
"""

import argparse
import json
import os
import re
import signal
import sys
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from common import (  # bench/common.py: run as a script, bench/ is on sys.path
    HOST,
    ROOT,
    free_port,
    machine,
    recreate_database,
    start_gunicorn,
    stop_on_signal,
    stop_process,
    table,
)

RESULTS = ROOT / "bench" / "results"
HONEST_PAY_AFTER_SECONDS = 30


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["small", "full"], default="small")
    parser.add_argument("--seed", type=int, default=1, help="seed of the scenario (default 1)")
    parser.add_argument("--senders", type=int, default=24, help="concurrent click senders")
    parser.add_argument("--worker-class", default="gthread", help="gunicorn -k")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn -w")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn --threads (gthread)")
    parser.add_argument("--celery-pool", default="solo", help="Celery --pool")
    parser.add_argument("--celery-concurrency", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=900, help="seconds per wait (drain...)")
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--database",
        default="alliance_bench_traffic",
        help="dropped and recreated; must contain 'bench'",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        help="cache and Celery results, under a key prefix of this run",
    )
    parser.add_argument(
        "--broker-url",
        default=os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13"),
        help="Celery broker; this Redis database is flushed at the start",
    )
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database) or "bench" not in args.database:
        parser.error("--database must be a plain lower-case name containing 'bench'")
    for url in (args.pg_url, args.redis_url, args.broker_url):
        if urlsplit(url).hostname not in {"127.0.0.1", "localhost"}:
            parser.error(f"{url}: the simulator only talks to 127.0.0.1")
    if args.redis_url == args.broker_url:
        parser.error("--broker-url must be another Redis database than --redis-url")
    if not (1 <= args.senders <= 256 and 60 <= args.timeout <= 3600):
        parser.error("senders 1..256, timeout 60..3600")
    return args


class Run:
    """One run's state: the scenario, the rows it became, the click ids, the problems."""

    def __init__(self, args, scenario, world, port: int) -> None:
        self.args, self.scenario, self.world, self.port = args, scenario, world, port
        self.tokens: dict[int, str] = {}
        self.answered: dict[int, float] = {}
        self.completed_at = datetime.now(UTC)
        self.click_times: dict[int, datetime] = {}
        self.paid_at: dict[str, datetime] = {}
        self.problems: list[str] = []
        self.phases: dict[str, dict] = {}
        self.worker = None

    # --- waits -------------------------------------------------------------------------------

    def drain(self, label: str) -> None:
        """Wait until the worker has applied every stored event."""
        from commissions.models import OrderEvent

        began = time.monotonic()
        while True:
            pending = OrderEvent.objects.filter(status=OrderEvent.Status.PENDING).count()
            if pending == 0:
                break
            if self.worker.poll() is not None:
                raise RuntimeError("the Celery worker exited")
            if time.monotonic() - began > self.args.timeout:
                raise RuntimeError(f"{label}: {pending} events still pending")
            time.sleep(0.3)
        failed = OrderEvent.objects.filter(status=OrderEvent.Status.FAILED).count()
        if failed:
            self.problems.append(f"{label}: {failed} events failed to apply")

    def sweeps(self, label: str) -> None:
        """The fraud sweeps, on the worker, as beat runs them; waits for their results."""
        from fraud.tasks import sweep_clicks, sweep_orders

        raised = {}
        for task in (sweep_clicks, sweep_orders):
            raised[task.name] = task.delay().get(timeout=self.args.timeout)
        self.phases.setdefault("sweeps", {})[label] = raised
        print(f"   sweeps after {label}: flags raised or updated {raised}")

    # --- phases ------------------------------------------------------------------------------

    def sign_ins(self) -> None:
        from traffic_play import sign_ins

        statuses = sign_ins(self.scenario, self.port)
        self.phases["sign_ins"] = statuses
        if set(statuses) != {200}:
            self.problems.append(f"sign-ins answered {statuses}, not only 200")
        print(f"   {sum(statuses.values())} promoters signed in: {statuses}")

    def clicks(self) -> None:
        from django.db.models import F
        from traffic_play import clicks_play

        from promoters.models import Click, click_reference

        def progress(done: int, total: int) -> None:
            print(f"   {done:,}/{total:,} clicks scheduled")

        played = clicks_play(self.scenario, self.port, self.world, self.args.senders, progress)
        results = played["results"]
        refused = [r for r in results.values() if r.status != 302 or not r.token]
        if refused:
            sample = refused[0]
            self.problems.append(
                f"{len(refused)} clicks got no click id (e.g. {sample.status} {sample.error})"
            )
        self.tokens = {index: r.token for index, r in results.items() if r.token}
        self.answered = {index: r.answered for index, r in results.items()}
        uuids = {index: click_reference(token).click_uuid for index, token in self.tokens.items()}
        began = time.monotonic()
        while Click.objects.count() < len(uuids):
            if time.monotonic() - began > 60:
                self.problems.append(f"only {Click.objects.count()} of {len(uuids)} clicks stored")
                break
            time.sleep(0.5)
        for click in self.scenario.clicks:
            if click.days_ago and click.index in uuids:
                Click.objects.filter(pk=uuids[click.index]).update(
                    created_at=F("created_at") - timedelta(days=click.days_ago)
                )
        stored = dict(Click.objects.filter(pk__in=uuids.values()).values_list("pk", "created_at"))
        self.click_times = {i: stored[u] for i, u in uuids.items() if u in stored}
        self.phases["clicks"] = {
            "clicks": len(self.scenario.clicks),
            "answered_with_id": len(self.tokens),
            "seconds": round(played["seconds"], 1),
            "sender_max_late_s": round(played["max_late_s"], 2),
            "answer_lag_s": played["answer_lag_s"],
        }
        lag = played["answer_lag_s"]
        print(
            f"   {len(self.tokens):,} click ids in {played['seconds']:.0f} s; answered after "
            f"their moment: p50 {lag['p50'] or 0:.2f} s, p99 {lag['p99'] or 0:.2f} s"
        )

    def send(self, kind: str, orders, label: str, **moments) -> None:
        from traffic_play import Delivery, Sender, event_body

        deliveries = []
        for order in orders:
            if order.click not in self.tokens:
                continue
            now = datetime.now(UTC)
            body = event_body(
                order,
                kind,
                token=self.tokens[order.click],
                paid_at=self.paid_at[order.order_id],
                occurred_at=moments.get("occurred_at", now),
                completed_at=moments.get("completed_at"),
            )
            deliveries.append(Delivery(order.merchant, f"sim-{order.order_id}-{label}", body))
        sent = Sender(self.port, self.world).send(deliveries)
        refused = [d for d in sent if d.status != 202]
        if refused:
            self.problems.append(
                f"{label}: {len(refused)} deliveries refused "
                f"(e.g. {refused[0].status} {refused[0].error})"
            )
        self.phases.setdefault("deliveries", {})[label] = len(sent)
        print(f"   {label}: {len(sent):,} deliveries")

    def orders(self) -> None:
        scenario = self.scenario
        later = [o.click for o in scenario.orders if o.pay == "later" and o.click in self.answered]
        last = max((self.answered[i] for i in later), default=time.time())
        wait = last + HONEST_PAY_AFTER_SECONDS - time.time()
        if wait > 0:
            print(f"   waiting {wait:.0f} s so that every purchase is 30 s after its click")
            time.sleep(wait)
        now = datetime.now(UTC)
        for order in scenario.orders:
            clicked = self.click_times.get(order.click)
            if order.pay == "later" or clicked is None:
                self.paid_at[order.order_id] = now
            else:
                self.paid_at[order.order_id] = clicked + timedelta(seconds=order.pay_seconds)
        self.send("order.paid", scenario.orders, "paid")
        self.drain("paid")
        self.attribution_check()
        self.sweeps("paid")

        completed = [o for o in scenario.orders if o.complete]
        before = [o for o in scenario.orders if o.refund == "before"]
        now = datetime.now(UTC)
        self.completed_at = now
        self.send("order.completed", completed, "completed", occurred_at=now, completed_at=now)
        self.send("order.refunded", before, "refunded-before", occurred_at=now)
        self.drain("completed")
        self.sweeps("completed")

    def settle(self) -> None:
        from alliance.models import User
        from commissions.models import SettlementRun
        from commissions.services.settlement import settlement_trigger

        run = settlement_trigger(actor=User.objects.get(pk=self.world.admin_id))
        began = time.monotonic()
        while run.status not in (SettlementRun.Status.FINISHED, SettlementRun.Status.FAILED):
            if time.monotonic() - began > self.args.timeout:
                raise RuntimeError("the settlement run did not finish")
            time.sleep(0.5)
            run.refresh_from_db()
        if run.status != SettlementRun.Status.FINISHED:
            self.problems.append(f"settlement run {run.pk} failed: {run.error}")
        self.phases["settlement"] = {
            "settled": run.settled_count,
            "held": run.held_count,
            "due": run.due_count,
        }
        print(f"   settled {run.settled_count:,}, held {run.held_count:,}")

    def refunds(self) -> None:
        after = [o for o in self.scenario.orders if o.refund == "after" and o.complete]
        now = datetime.now(UTC)
        self.send(
            "order.refunded",
            after,
            "refunded-after",
            occurred_at=now,
            completed_at=self.completed_at,
        )
        self.drain("refunded after settlement")
        self.sweeps("refunded after settlement")

    def attribution_check(self) -> None:
        """Every order credited to the promoter the scenario meant: else the measurement
        would credit the wrong side."""
        from commissions.models import Order

        expected = {o.order_id: self.world.promoters[o.promoter] for o in self.scenario.orders}
        got = dict(
            Order.objects.filter(order_id__in=list(expected)).values_list("order_id", "promoter")
        )
        wrong = [order for order, promoter in expected.items() if got.get(order) != promoter]
        if wrong:
            self.problems.append(f"{len(wrong)} orders not credited as planned, e.g. {wrong[0]}")


def environment(args) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{args.pg_url.rstrip('/')}/{args.database}",
        "REDIS_URL": args.redis_url,
        "CACHE_KEY_PREFIX": f"bench-traffic-{os.getpid()}-{int(time.time())}",
        "CELERY_BROKER_URL": args.broker_url,
        # The sweeps' results: the simulator waits for them.
        "CELERY_RESULT_BACKEND": args.redis_url,
        "ALLIANCE_SETTLEMENT_CYCLE": "continuous",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update({key: env[key] for key in env if key != "PYTHONPATH"})
    sys.path.insert(0, str(ROOT))
    return env


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, stop_on_signal)
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = environment(args)

    import django
    import redis
    from django.core.management import call_command
    from orders import start_worker  # bench/orders.py: a Celery worker on the default queue
    from traffic_measure import measure, money_snapshot, rows
    from traffic_play import seed
    from traffic_scenario import build

    scenario = build(args.seed, args.scale)
    print(
        f"== scenario {args.scale}, seed {args.seed}: {len(scenario.promoters)} promoters, "
        f"{len(scenario.links)} links, {len(scenario.clicks):,} clicks, "
        f"{len(scenario.orders):,} orders ({scenario.fingerprint()[:12]})"
    )
    print(f"== database {args.database}: recreate, migrate, seed")
    recreate_database(args.pg_url, args.database)
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    world = seed(scenario)
    redis.Redis.from_url(args.broker_url).flushdb()

    port = free_port()
    gunicorn = None
    run = Run(args, scenario, world, port)
    try:
        print(f"== gunicorn x{args.workers} and a Celery worker on http://{HOST}:{port}")
        gunicorn = start_gunicorn(args, port, env, RESULTS / "traffic-gunicorn.log")
        log = RESULTS / "traffic-celery.log"
        log.write_text("")
        run.worker = start_worker(args, env, log)
        print("== 0. every promoter signs in from its own address")
        run.sign_ins()
        print("== 1. clicks through the redirect")
        run.clicks()
        print("== 2-3. orders through the webhook, completion")
        run.orders()
        print("== settlement run")
        run.settle()
        snapshot = money_snapshot([order.order_id for order in scenario.orders])
        print("== 4. refunds after settlement")
        run.refunds()
        report = measure(scenario, world.promoters, snapshot)
    finally:
        stop_process(run.worker)
        stop_process(gunicorn)

    print()
    print(table(rows(report)))
    honest = report["honest"]
    print(
        f"honest flags: {honest['flags']}; high flags on big KOLs: "
        f"{honest['big_kol_high_flags']} (goal 0); honest clicks marked suspicious "
        f"{honest['clicks_suspicious']:,} of {honest['clicks']:,}"
    )
    result = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "config": {"scale": args.scale, "seed": args.seed, "fingerprint": scenario.fingerprint()},
        "scenario": {
            "promoters": {p.key: p.kind for p in scenario.promoters},
            "clicks": len(scenario.clicks),
            "orders": len(scenario.orders),
        },
        "phases": run.phases,
        **report,
        "problems": run.problems,
    }
    path = RESULTS / "traffic.json"
    path.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"results: {path.relative_to(ROOT)}")
    for problem in run.problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if run.problems else 0


if __name__ == "__main__":
    sys.exit(main())
