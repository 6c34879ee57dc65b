"""Benchmark of order events from webhook to ledger, against a raw COPY of the same rows
(docs/benchmarks.md, "Order events: webhook to ledger").

Creates a fresh PostgreSQL database, migrates it, creates an approved merchant with a webhook
secret, products, a store-wide campaign, approved promoters (most with uplines), links and clicks,
and plans order events as a store sends them: every order paid, most completed, some refunded
(in part or in full) or cancelled, some delivered twice (same webhook-id) and some out of order
(completed before paid). It serves the platform with gunicorn on 127.0.0.1 and sends the signed
deliveries with wrk (bench/orders.lua), each exactly once, in three measured phases:

1. accept only: a first set of orders' events with no Celery worker running: the webhook
   endpoint alone (verify, validate, insert into the inbox, wake the task);
2. apply: a Celery worker starts and drains that backlog: the worker alone;
3. end to end: N events of new orders with the worker running, from the first request sent
   until every stored event is applied.

It checks that every delivery was answered 202, that no event is pending or failed, that every
order has the status, amounts and attribution its events say and every attributed line its
commission, and that `manage.py check_ledger` is clean. Then, as the baseline, it times a COPY of
the rows phase 3 wrote (inbox, orders, lines, bindings, commissions, status changes) back into
the same tables. Prints a table and writes bench/results/orders.json; exits non-zero if a check
failed.

Run: `scripts/bench orders`, `scripts/bench orders --events 2000`, or
`.venv/bin/python bench/orders.py --help`.
"""

import argparse
import io
import json
import os
import platform
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from common import (  # bench/common.py: run as a script, bench/ is on sys.path
    CLOCK_TICKS,
    HOST,
    ROOT,
    fmt,
    free_port,
    process_ticks,
    rate,
    recreate_database,
    start_gunicorn,
    stop_on_signal,
    stop_process,
    table,
)

RESULTS = ROOT / "bench" / "results"
LUA_SCRIPT = ROOT / "bench" / "orders.lua"
GOAL_EVENTS_PER_SECOND = 1000
WEBHOOK_PATH = "/api/v1/webhooks/merchants/{merchant_id}/order-events/"

# Deliveries are signed this far ahead: the endpoint accepts a timestamp up to 5 minutes off
# either way, so a chunk signed while the one before it is sent stays valid for 9 minutes.
SIGN_AHEAD_SECONDS = 240
TOLERANCE_SECONDS = 300
# wrk runs at most this long per chunk; a chunk whose answers stop coming for STALL_SECONDS is
# interrupted and reported.
WRK_CAP_SECONDS = 1800
STALL_SECONDS = 120
POLL_SECONDS = 0.2

# The tables the pipeline writes, in foreign-key order (the COPY baseline loads them so).
PIPELINE_TABLES = [
    "commissions_orderevent",
    "commissions_order",
    "commissions_orderitem",
    "commissions_customerbinding",
    "commissions_commission",
    "commissions_commissionstatuschange",
]
# Empty unless commissions settle (nothing settles here); TRUNCATE needs them named too.
LEDGER_TABLES = ["commissions_ledgerentry", "commissions_ledgertransaction"]

# The event mix (docs/benchmarks.md): shares of orders, and of deliveries for duplicates.
CLICK_SHARE = 0.85
COMPLETED_SHARE = 0.70
CANCELLED_SHARE = 0.05
REFUNDED_SHARE = 0.10
FULL_REFUND_SHARE = 0.5
DUPLICATE_SHARE = 0.05
OUT_OF_ORDER_SHARE = 0.10


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--events",
        type=int,
        default=int(os.environ.get("BENCH_EVENTS", 100_000)),
        help="deliveries sent end to end (phase 3; default 100000, or $BENCH_EVENTS)",
    )
    parser.add_argument(
        "--accept-events",
        type=int,
        default=None,
        help="deliveries of phases 1 and 2 (default: a fifth of --events; 0 skips them)",
    )
    parser.add_argument("--chunk", type=int, default=10_000, help="deliveries per wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk -c")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk -t")
    # gthread with one thread per worker, as for the redirect benchmark; 3 workers rather than
    # 2 x cores + 1, because the Celery worker and PostgreSQL need the same 2 cores.
    parser.add_argument("--worker-class", default="gthread", help="gunicorn -k")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn -w")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn --threads (gthread)")
    parser.add_argument(
        "--celery-pool", choices=["solo", "prefork", "threads"], default="solo", help="--pool"
    )
    parser.add_argument("--celery-concurrency", type=int, default=1, help="--concurrency")
    parser.add_argument(
        "--batch",
        type=int,
        default=int(os.environ.get("ALLIANCE_ORDER_EVENT_BATCH", 500)),
        help="events per apply transaction (ALLIANCE_ORDER_EVENT_BATCH; default 500)",
    )
    parser.add_argument("--products", type=int, default=200, help="products of the merchant")
    parser.add_argument("--promoters", type=int, default=50, help="approved promoters")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the event plan")
    parser.add_argument(
        "--drain-timeout",
        type=int,
        default=1200,
        help="seconds to wait for the worker to apply a phase's events (default 1200)",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server (no database name); must be on 127.0.0.1",
    )
    parser.add_argument(
        "--database", default="alliance_bench", help="dropped and recreated; must contain 'bench'"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        help="cache (the apply task's wake flag), under a key prefix of this run",
    )
    parser.add_argument(
        "--broker-url",
        default=os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/12"),
        help="Celery broker; this Redis database is flushed at the start",
    )
    args = parser.parse_args()
    if args.accept_events is None:
        args.accept_events = args.events // 5
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database) or "bench" not in args.database:
        parser.error("--database must be a plain lower-case name containing 'bench'")
    for url in (args.pg_url, args.redis_url, args.broker_url):
        if urlsplit(url).hostname not in {"127.0.0.1", "localhost"}:
            parser.error(f"{url}: the benchmark only talks to 127.0.0.1")
    if args.redis_url == args.broker_url:
        parser.error("--broker-url must be another Redis database than --redis-url")
    if not (
        1 <= args.events <= 1_000_000
        and 0 <= args.accept_events <= 1_000_000
        and 100 <= args.chunk <= 200_000
        and 1 <= args.connections <= 256
        and 1 <= args.wrk_threads <= 16
        and 1 <= args.batch <= 10_000
        and 1 <= args.products <= 10_000
        and 1 <= args.promoters <= 1_000
        and 10 <= args.drain_timeout <= 3600
    ):
        parser.error(
            "events 1..1000000, accept-events 0..1000000, chunk 100..200000, connections "
            "1..256, wrk-threads 1..16, batch 1..10000, products 1..10000, promoters 1..1000, "
            "drain-timeout 10..3600"
        )
    return args


# --- database and catalog --------------------------------------------------------------------


@dataclass(frozen=True)
class Catalog:
    merchant_id: int
    secret: str
    prices: dict[str, Decimal]  # sku -> unit price
    link_ids: list[int]


def seed(args) -> Catalog:
    """Migrate, then create the merchant, its catalog and the promoters directly with the ORM
    (the services would hash a password per user, which is not what is measured here)."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from django.contrib.auth.hashers import make_password
    from django.db import connections
    from django.utils import timezone

    from alliance.models import ReviewStatus, User
    from products.models import Campaign, Merchant, Product
    from products.services import webhook_secret_new
    from promoters.models import Channel, Link, Promoter, UplineRelation

    rng = random.Random(args.seed)
    now = timezone.now()
    merchant = Merchant.objects.create(
        name="Bench Store",
        store_url="https://store.example.com/",
        status=ReviewStatus.APPROVED,
        reviewed_at=now,
    )
    merchant.webhook_secret = webhook_secret_new()
    merchant.save(update_fields=["webhook_secret"])
    products = Product.objects.bulk_create(
        Product(
            merchant=merchant,
            sku=f"SKU-{number:05d}",
            title=f"Bench product {number}",
            url=f"https://store.example.com/item/{number}",
            price=Decimal(rng.choice(["9.90", "19.90", "49.00", "99.00", "199.00", "399.00"])),
            # Most products carry their own rate; the others earn the merchant's default.
            commission_rate=(
                Decimal(rng.choice(["5.00", "8.00", "12.00", "15.00", "20.00"]))
                if rng.random() < 0.8
                else None
            ),
        )
        for number in range(1, args.products + 1)
    )
    # One store-wide campaign, so the rate of every line also weighs a campaign.
    Campaign.objects.create(
        merchant=merchant,
        name="Bench campaign",
        rate=Decimal("11.00"),
        applies_to_all_products=True,
    )
    users = User.objects.bulk_create(
        User(username=f"bench-promoter-{number}", password=make_password(None))
        for number in range(args.promoters)
    )
    promoters = Promoter.objects.bulk_create(
        Promoter(
            user=user,
            display_name=f"Bench promoter {number}",
            invite_code=f"BENCH{number:05d}",
            status=ReviewStatus.APPROVED,
            reviewed_at=now,
        )
        for number, user in enumerate(users)
    )
    channels = Channel.objects.bulk_create(
        Channel(promoter=promoter, name="Default", is_default=True) for promoter in promoters
    )
    # Promoter n was invited by promoter n - 10: most sales pay one or two uplines.
    UplineRelation.objects.bulk_create(
        UplineRelation(
            promoter=promoter,
            upline=promoters[number - 10],
            starts_at=now - timedelta(days=60),
            expires_at=now + timedelta(days=300),
        )
        for number, promoter in enumerate(promoters)
        if number >= 10
    )
    links = Link.objects.bulk_create(
        Link(
            promoter=promoter,
            channel=channel,
            merchant=merchant,
            product=rng.choice(products),
            code=f"bo{number:04d}{index}",
        )
        for number, (promoter, channel) in enumerate(zip(promoters, channels, strict=True))
        for index in range(4)
    )
    catalog = Catalog(
        merchant_id=merchant.pk,
        secret=merchant.webhook_secret,
        prices={product.sku: product.price for product in products},
        link_ids=[link.pk for link in links],
    )
    connections.close_all()
    return catalog


# --- the event plan --------------------------------------------------------------------------


@dataclass
class PlannedOrder:
    order_id: str
    paid_at: datetime
    click_id: str
    customer_id: str
    lines: list[tuple[str, int, Decimal]]  # sku, quantity, amount
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None
    refunded_at: datetime | None = None
    refunds: list[Decimal] = field(default_factory=list)  # per line, when refunded

    def expected(self) -> dict:
        """The order as the platform should hold it once all its events are applied."""
        amount = sum((amount for _sku, _quantity, amount in self.lines), Decimal("0.00"))
        refunded = sum(self.refunds, Decimal("0.00"))
        full_refund = bool(self.refunds) and all(
            refund == line[2] for refund, line in zip(self.refunds, self.lines, strict=True)
        )
        if self.cancelled_at:
            status, commission = "cancelled", "reversed"
        elif full_refund:
            status, commission = "refunded", "reversed"
        elif self.completed_at:
            status, commission = "completed", "confirmed"
        else:
            status, commission = "paid", "pending"
        return {
            "status": status,
            "amount": amount,
            "refunded_amount": refunded,
            "attribution": "click" if self.click_id else "none",
            "commissions": len(self.lines) if self.click_id else 0,
            "commission_status": commission,
        }

    def body(self, kind: str) -> dict:
        occurred_at = {
            "order.paid": self.paid_at,
            "order.completed": self.completed_at,
            "order.refunded": self.refunded_at,
            "order.cancelled": self.cancelled_at,
        }[kind]
        refunded = kind == "order.refunded"
        # A snapshot carries completed_at once the order is completed (not on its paid event).
        completed_at = self.completed_at if kind in ("order.completed", "order.refunded") else None
        return {
            "type": kind,
            "order_id": self.order_id,
            "occurred_at": occurred_at.isoformat(),
            "paid_at": self.paid_at.isoformat(),
            "completed_at": completed_at.isoformat() if completed_at else None,
            "click_id": self.click_id or None,
            "coupon_code": None,
            "customer_id": self.customer_id or None,
            "items": [
                {
                    "sku": sku,
                    "quantity": quantity,
                    "amount": str(amount),
                    "refunded_amount": str(self.refunds[index] if refunded else "0.00"),
                }
                for index, (sku, quantity, amount) in enumerate(self.lines)
            ],
        }


@dataclass
class Plan:
    name: str
    orders: list[PlannedOrder]
    deliveries: list[tuple[str, str]]  # (webhook id, JSON body), in sending order
    clicks: list  # promoters.models.Click rows to store before sending
    events: int  # distinct webhook ids
    duplicates: int
    out_of_order: int
    by_type: dict[str, int]


def plan_events(rng: random.Random, catalog: Catalog, *, name: str, prefix: str, deliveries: int):
    """Orders and their deliveries, exactly `deliveries` of them, in the order a store would
    send them: an order's later events come a few hundred orders later."""
    from promoters.models import Click, click_id

    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=10)
    span = timedelta(days=7).total_seconds()
    estimated_orders = max(1, int(deliveries / 1.9))
    skus = sorted(catalog.prices)
    orders: list[PlannedOrder] = []
    clicks: list[Click] = []
    placed: list[tuple[float, str, str]] = []  # (position, webhook id, body)
    by_type: dict[str, int] = {}
    duplicates = out_of_order = 0
    while len(placed) < deliveries:
        number = len(orders)
        room = deliveries - len(placed)
        offset = min(number / estimated_orders, 1.0) * span + rng.uniform(0, 60)
        paid_at = start + timedelta(seconds=offset)
        lines = []
        for sku in rng.sample(skus, k=min(len(skus), rng.choice([1, 1, 1, 2, 2, 3]))):
            quantity = rng.choice([1, 1, 1, 2, 3])
            lines.append((sku, quantity, catalog.prices[sku] * quantity))
        order = PlannedOrder(
            order_id=f"{prefix}{number:07d}",
            paid_at=paid_at,
            click_id="",
            customer_id="",
            lines=lines,
        )
        if rng.random() < CLICK_SHARE:
            click = Click(
                id=click_id(),
                link_id=rng.choice(catalog.link_ids),
                created_at=paid_at - timedelta(seconds=rng.uniform(300, 3 * 86400)),
                ip_hash=f"{rng.getrandbits(128):032x}",
            )
            clicks.append(click)
            order.click_id = click.id.hex
            order.customer_id = f"cust-{rng.randrange(50_000)}"
        elif rng.random() < 0.5:
            # Guests never bound to a promoter: these orders stay unattributed.
            order.customer_id = f"guest-{rng.randrange(50_000)}"
        kinds = ["order.paid"]
        if room > 1:
            if rng.random() < COMPLETED_SHARE:
                order.completed_at = paid_at + timedelta(hours=rng.uniform(1, 48))
                kinds.append("order.completed")
            elif rng.random() < CANCELLED_SHARE / (1 - COMPLETED_SHARE):
                order.cancelled_at = paid_at + timedelta(hours=rng.uniform(0.1, 12))
                kinds.append("order.cancelled")
        if (
            len(kinds) < room
            and not order.cancelled_at
            and rng.random() < REFUNDED_SHARE / (1 - CANCELLED_SHARE)
        ):
            order.refunded_at = (order.completed_at or paid_at) + timedelta(
                hours=rng.uniform(1, 24)
            )
            if rng.random() < FULL_REFUND_SHARE:
                order.refunds = [amount for _sku, _quantity, amount in lines]
            else:
                part = rng.choice([Decimal("0.25"), Decimal("0.5")])
                refunded_line = rng.randrange(len(lines))
                order.refunds = [
                    (amount * part).quantize(Decimal("0.01"))
                    if index == refunded_line
                    else Decimal("0.00")
                    for index, (_sku, _quantity, amount) in enumerate(lines)
                ]
            kinds.append("order.refunded")
        positions = [float(number)] + [number + rng.uniform(20, 1500) for _kind in kinds[1:]]
        positions[1:] = sorted(positions[1:])
        if len(kinds) > 1 and rng.random() < OUT_OF_ORDER_SHARE:
            # The next event overtakes the paid one (completed, or cancelled, before paid).
            positions[0], positions[1] = positions[1], positions[0]
            out_of_order += 1
        for index, (kind, position) in enumerate(zip(kinds, positions, strict=True)):
            webhook_id = f"msg_{order.order_id}_{index}"
            body = json.dumps(order.body(kind), separators=(",", ":"))
            placed.append((position, webhook_id, body))
            by_type[kind] = by_type.get(kind, 0) + 1
            spare = deliveries - len(placed) - (len(kinds) - index - 1)
            if spare > 0 and rng.random() < DUPLICATE_SHARE / (1 - DUPLICATE_SHARE):
                # A redelivery of the same message, a little later.
                placed.append((position + rng.uniform(1, 200), webhook_id, body))
                duplicates += 1
        orders.append(order)
    placed.sort(key=lambda item: item[0])
    return Plan(
        name=name,
        orders=orders,
        deliveries=[(webhook_id, body) for _position, webhook_id, body in placed],
        clicks=clicks,
        events=len(placed) - duplicates,
        duplicates=duplicates,
        out_of_order=out_of_order,
        by_type=by_type,
    )


def store_clicks(plan: Plan) -> None:
    from django.db import connections

    from promoters.models import Click

    Click.objects.bulk_create(plan.clicks, batch_size=5000)
    connections.close_all()


# --- signing ---------------------------------------------------------------------------------


def write_requests(
    path: Path, deliveries: list[tuple[str, str]], *, secret: str, merchant_id: int, port: int
) -> float:
    """Sign every delivery with a timestamp SIGN_AHEAD_SECONDS from now and write the raw HTTP
    requests for bench/orders.lua. Returns the timestamp."""
    from standardwebhooks import Webhook

    signer = Webhook(secret)
    timestamp = int(time.time()) + SIGN_AHEAD_SECONDS
    moment = datetime.fromtimestamp(timestamp, UTC)
    head = (
        f"POST {WEBHOOK_PATH.format(merchant_id=merchant_id)} HTTP/1.1\r\n"
        f"Host: {HOST}:{port}\r\n"
        "Content-Type: application/json\r\n"
        "User-Agent: bench-store/1.0\r\n"
        f"webhook-timestamp: {timestamp}\r\n"
    )
    with path.open("wb") as out:
        for webhook_id, body in deliveries:
            signature = signer.sign(webhook_id, moment, body)
            raw = (
                f"{head}webhook-id: {webhook_id}\r\nwebhook-signature: {signature}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n{body}"
            ).encode()
            out.write(b"%d\n" % len(raw))
            out.write(raw)
    return timestamp


# --- processes -------------------------------------------------------------------------------


def start_worker(args, env: dict, log: Path) -> subprocess.Popen:
    """A Celery worker on the default queue; returns once it says it is ready."""
    command = [
        str(Path(sys.executable).parent / "celery"),
        "-A",
        "config",
        "worker",
        "-Q",
        "default",
        f"--pool={args.celery_pool}",
        f"--concurrency={args.celery_concurrency}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
        f"--hostname=bench-orders-{os.getpid()}@%h",
    ]
    with log.open("ab") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Celery worker exited with {process.returncode}; see {log}")
        if " ready." in log.read_text(errors="replace"):
            return process
        time.sleep(0.1)
    stop_process(process)
    raise RuntimeError(f"the Celery worker was not ready within 60 s; see {log}")


# --- CPU accounting --------------------------------------------------------------------------


class CpuMeter:
    """Cores used during a phase, by who used them: gunicorn and the Celery worker (by their
    sessions), PostgreSQL (the bench database's backends and the server's own processes),
    Redis, wrk, this script, and everything else. /proc is read every second, so a process that
    exits meanwhile (a database connection closed after CONN_MAX_AGE) still counts what it used
    until its last reading."""

    def __init__(self, database: str, sessions: dict[str, int]) -> None:
        self.database = database
        self.sessions = sessions
        self.stopping = threading.Event()
        self.latest: dict[int, tuple[str, int, int]] = {}

    def _machine(self) -> dict:
        line = Path("/proc/stat").read_text().split("\n")[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in line[:8])
        own = os.times()
        return {
            "time": time.monotonic(),
            "busy": user + nice + system + irq + softirq + steal,
            "self": (own.user + own.system) * CLOCK_TICKS,
            # wrk has exited by the end of a phase: its CPU time is in this process's children's.
            "children": (own.children_user + own.children_system) * CLOCK_TICKS,
        }

    def _read(self) -> None:
        for pid, (command, _parent, session, ticks) in process_ticks(self.database).items():
            self.latest[pid] = (command, session, ticks)

    def _run(self) -> None:
        while not self.stopping.wait(1.0):
            self._read()

    def start(self) -> "CpuMeter":
        self.before = self._machine()
        self._read()
        self.initial = dict(self.latest)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> dict:
        self.stopping.set()
        self.thread.join()
        self._read()
        after = self._machine()
        used = dict.fromkeys((*self.sessions, "postgres", "redis", "wrk", "bench"), 0.0)
        owner = {session: name for name, session in self.sessions.items()}
        for pid, (command, session, ticks) in self.latest.items():
            if pid == os.getpid():
                continue
            first = self.initial.get(pid)
            delta = ticks - first[2] if first and first[0] == command else ticks
            if session in owner:
                used[owner[session]] += delta
            elif command == "postgres":
                used["postgres"] += delta
            elif command.startswith("redis-server"):
                used["redis"] += delta
        used["wrk"] = after["children"] - self.before["children"]
        used["bench"] = after["self"] - self.before["self"]
        busy = after["busy"] - self.before["busy"]
        used["other"] = max(0.0, busy - sum(used.values()))
        seconds = max(after["time"] - self.before["time"], 1e-9)
        return {name: round(ticks / CLOCK_TICKS / seconds, 3) for name, ticks in used.items()}


# --- sending ---------------------------------------------------------------------------------


def run_wrk(args, base: str, requests_file: Path, *, progress) -> dict:
    """Send every request of the file once; returns when the last answer is in."""
    threads = args.wrk_threads
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{args.connections}",
        f"-d{WRK_CAP_SECONDS}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        base,
        "--",
        str(requests_file),
        str(threads),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put((time.monotonic(), line.rstrip("\n")))
        lines.put((time.monotonic(), None))

    threading.Thread(target=read, daemon=True).start()
    starts: dict[int, float] = {}
    finishes: dict[int, tuple[float, list[int]]] = {}
    answered: dict[int, int] = {}
    codes: dict[str, int] = {}
    output: list[str] = []
    stalled = False
    interrupted_at = None
    last_line = time.monotonic()
    try:
        while True:
            try:
                when, line = lines.get(timeout=1)
            except queue.Empty:
                now = time.monotonic()
                if interrupted_at is None and now - last_line > STALL_SECONDS:
                    stalled = True
                    interrupted_at = now
                    process.send_signal(signal.SIGINT)
                elif interrupted_at is not None and now - interrupted_at > 15:
                    process.kill()
                continue
            if line is None:
                break
            last_line = when
            words = line.split()
            if words[:1] == ["START"]:
                starts[int(words[1])] = when
            elif words[:1] == ["PROGRESS"]:
                answered[int(words[1])] = int(words[2])
                progress(sum(answered.values()), min(starts.values(), default=when))
            elif words[:1] == ["FINISHED"]:
                numbers = [int(word) for word in words[1:6]]
                finishes[numbers[0]] = (when, numbers[1:])
                for pair in words[6].split(",") if len(words) > 6 and words[6] != "-" else []:
                    code, count = pair.split(":")
                    codes[code] = codes.get(code, 0) + int(count)
                answered[numbers[0]] = numbers[2]
                if len(finishes) == threads and interrupted_at is None:
                    interrupted_at = time.monotonic()
                    process.send_signal(signal.SIGINT)
            else:
                output.append(line)
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
    match = re.search(r"^BENCH_RESULT (\{.*\})$", "\n".join(output), re.MULTILINE)
    result = json.loads(match.group(1)) if match else {}
    totals = [sum(numbers[i] for _when, numbers in finishes.values()) for i in range(4)]
    return {
        "started": min(starts.values()) if starts else None,
        "finished": max(when for when, _numbers in finishes.values()) if finishes else None,
        "all_finished": len(finishes) == threads and not stalled,
        "stalled": stalled,
        "sent": totals[0],
        "answered": totals[1],
        "status_202": totals[2],
        "status_other": totals[3],
        "other_codes": codes,
        "fillers": result.get("fillers"),
        "latency_us": result.get("latency_us"),
        "errors": result.get("errors"),
        "wrk_output": "\n".join(line for line in output if not line.startswith("BENCH_RESULT")),
        "command": " ".join(command),
    }


class Database:
    """A plain autocommit connection for the counts the benchmark polls."""

    def __init__(self, dsn: str) -> None:
        import psycopg2

        self.conn = psycopg2.connect(dsn)
        self.conn.autocommit = True

    def value(self, sql: str, params=()):
        with self.conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def rows(self, sql: str, params=()) -> list[tuple]:
        with self.conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def pending(self, after_id: int) -> int:
        # Served by the partial index on pending events.
        return self.value(
            "SELECT count(*) FROM commissions_orderevent WHERE status = 'pending' AND id > %s",
            (after_id,),
        )

    def watermarks(self) -> dict[str, int]:
        return {
            table: self.value(f"SELECT coalesce(max(id), 0) FROM {table}")
            for table in PIPELINE_TABLES
        }

    def close(self) -> None:
        self.conn.close()


@dataclass
class Context:
    args: argparse.Namespace
    catalog: Catalog
    base: str
    port: int
    tmp: Path
    db: Database
    sessions: dict[str, int] = field(default_factory=dict)


def send(ctx: Context, plan: Plan, label: str) -> dict:
    """Send the plan's deliveries in chunks of --chunk, one wrk run each. The first chunk is
    signed before the clock starts; each next one is signed by a thread while the current one
    is sent, and once more (timed) if its signatures could expire before it is through."""
    args = ctx.args
    chunks = [
        plan.deliveries[start : start + args.chunk]
        for start in range(0, len(plan.deliveries), args.chunk)
    ]

    def sign(number: int) -> tuple[Path, float, float]:
        began = time.monotonic()
        path = ctx.tmp / f"{plan.name}-{number}.req"
        stamp = write_requests(
            path,
            chunks[number],
            secret=ctx.catalog.secret,
            merchant_id=ctx.catalog.merchant_id,
            port=ctx.port,
        )
        return path, stamp, time.monotonic() - began

    signed = sign(0)
    print(f"   signed the first {len(chunks[0]):,} deliveries in {signed[2]:.2f} s")
    signer = ThreadPoolExecutor(max_workers=1)
    runs: list[dict] = []
    resign_seconds = 0.0
    sent_before = 0
    first = None
    last_print = [time.monotonic()]

    def progress(answered: int, chunk_started: float) -> None:
        now = time.monotonic()
        if now - last_print[0] >= 5:
            last_print[0] = now
            done = sent_before + answered
            print(
                f"   {label}: {done:,}/{len(plan.deliveries):,} answered, "
                f"{done / (now - (first or chunk_started)):,.0f}/s"
            )

    try:
        for number, chunk in enumerate(chunks):
            path, stamp, _seconds = signed
            upcoming = signer.submit(sign, number + 1) if number + 1 < len(chunks) else None
            pace = sent_before / (time.monotonic() - first) if first and sent_before else 50.0
            if time.time() + len(chunk) / max(pace, 20.0) * 1.5 + 15 > stamp + TOLERANCE_SECONDS:
                path, stamp, seconds = sign(number)
                resign_seconds += seconds
            run = run_wrk(args, ctx.base, path, progress=progress)
            runs.append(run)
            if run["started"] is not None and first is None:
                first = run["started"]
            sent_before += run["answered"]
            if not run["all_finished"]:
                break
            if upcoming is not None:
                signed = upcoming.result()
    finally:
        signer.shutdown(wait=True, cancel_futures=True)
    finished = runs[-1]["finished"] if runs and runs[-1]["finished"] else time.monotonic()
    totals = {
        key: sum(run[key] for run in runs)
        for key in ("sent", "answered", "status_202", "status_other")
    }
    codes: dict[str, int] = {}
    for run in runs:
        for code, count in run["other_codes"].items():
            codes[code] = codes.get(code, 0) + count
    windows = sum(
        run["finished"] - run["started"] for run in runs if run["started"] and run["finished"]
    )
    return {
        "deliveries": len(plan.deliveries),
        "chunks": len(chunks),
        "first_request": first,
        "last_answer": finished,
        "http_seconds": finished - first if first else None,
        "sending_seconds": windows,
        "resign_seconds": resign_seconds,
        **totals,
        "other_codes": codes,
        "complete": all(run["all_finished"] for run in runs) and len(runs) == len(chunks),
        "fillers": sum(run["fillers"] or 0 for run in runs),
        "errors": [run["errors"] for run in runs],
        "latency_us": [run["latency_us"] for run in runs],
        "wrk_command": runs[0]["command"] if runs else "",
    }


def wait_drained(ctx: Context, after_id: int, label: str, worker: subprocess.Popen) -> dict:
    """Poll until no event after `after_id` is pending, for at most --drain-timeout."""
    began = time.monotonic()
    deadline = began + ctx.args.drain_timeout
    last_print = began
    while True:
        pending = ctx.db.pending(after_id)
        now = time.monotonic()
        if pending == 0:
            return {"drained": True, "drained_at": now, "waited": now - began}
        if worker.poll() is not None:
            return {"drained": False, "pending": pending, "reason": "the worker exited"}
        if now > deadline:
            return {"drained": False, "pending": pending, "reason": "drain timeout"}
        if now - last_print >= 5:
            last_print = now
            print(f"   {label}: {pending:,} events pending")
        time.sleep(POLL_SECONDS)


def batch_rate(db: Database, after_id: int) -> dict:
    """The worker's steady rate from the applied_at of each batch (one value per transaction):
    events of batches 2..n over the time from the end of batch 1 to the end of batch n."""
    rows = db.rows(
        "SELECT applied_at, count(*) FROM commissions_orderevent WHERE id > %s "
        "AND applied_at IS NOT NULL GROUP BY applied_at ORDER BY applied_at",
        (after_id,),
    )
    if len(rows) < 2:
        return {"batches": len(rows), "events_per_second": None}
    seconds = (rows[-1][0] - rows[0][0]).total_seconds()
    events = sum(count for _at, count in rows[1:])
    return {
        "batches": len(rows),
        "events_per_second": events / seconds if seconds > 0 else None,
        "mean_batch": sum(count for _at, count in rows) / len(rows),
    }


def apply_latency(db: Database, after_id: int) -> dict:
    """Seconds from an event's acceptance to its application: p50, p99, max."""
    row = db.rows(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), "
        "percentile_cont(0.99) WITHIN GROUP (ORDER BY d), max(d) FROM ("
        "SELECT extract(epoch FROM applied_at - received_at) AS d FROM commissions_orderevent "
        "WHERE id > %s AND applied_at IS NOT NULL) AS t",
        (after_id,),
    )[0]
    return {
        "p50": float(row[0] or 0),
        "p99": float(row[1] or 0),
        "max": float(row[2] or 0),
    }


# --- checks ----------------------------------------------------------------------------------


def check_sending(name: str, sent: dict) -> list[str]:
    problems = []
    if not sent["complete"]:
        problems.append(f"{name}: wrk did not get every answer (stalled or interrupted)")
    if sent["sent"] != sent["deliveries"] or sent["answered"] != sent["deliveries"]:
        problems.append(
            f"{name}: {sent['sent']:,} sent and {sent['answered']:,} answered of "
            f"{sent['deliveries']:,} deliveries"
        )
    if sent["status_other"]:
        problems.append(
            f"{name}: {sent['status_other']:,} answers were not 202 {sent['other_codes']}"
        )
    for errors in sent["errors"]:
        if errors and any(errors.values()):
            problems.append(f"{name}: wrk reported socket errors {errors}")
    return problems


def check_plan(db: Database, plan: Plan, prefix: str, after_id: int) -> tuple[dict, list[str]]:
    """The inbox holds each distinct event once, applied; every order and its commissions are
    as the plan says."""
    problems = []
    statuses = dict(
        db.rows(
            "SELECT status, count(*) FROM commissions_orderevent WHERE id > %s GROUP BY status",
            (after_id,),
        )
    )
    stored = sum(statuses.values())
    if stored != plan.events:
        problems.append(f"{plan.name}: {stored:,} events stored for {plan.events:,} distinct sent")
    if statuses.get("pending") or statuses.get("failed"):
        problems.append(
            f"{plan.name}: {statuses.get('pending', 0)} events pending and "
            f"{statuses.get('failed', 0)} failed"
        )
    rows = db.rows(
        "SELECT o.order_id, o.status, o.amount, o.refunded_amount, o.attribution, "
        "count(c.id), array_agg(DISTINCT c.status) FILTER (WHERE c.id IS NOT NULL) "
        "FROM commissions_order o LEFT JOIN commissions_commission c ON c.order_id = o.id "
        "WHERE o.order_id LIKE %s GROUP BY o.id",
        (prefix + "%",),
    )
    found = {row[0]: row[1:] for row in rows}
    wrong = []
    for order in plan.orders:
        want = order.expected()
        row = found.get(order.order_id)
        if row is None:
            wrong.append(f"{order.order_id} missing")
            continue
        status, amount, refunded, attribution, commissions, commission_statuses = row
        got = (status, amount, refunded, attribution, commissions, commission_statuses or [])
        expected = (
            want["status"],
            want["amount"],
            want["refunded_amount"],
            want["attribution"],
            want["commissions"],
            [want["commission_status"]] if want["commissions"] else [],
        )
        if got != expected:
            wrong.append(f"{order.order_id}: {got} instead of {expected}")
    if len(found) != len(plan.orders):
        problems.append(f"{plan.name}: {len(found):,} orders for {len(plan.orders):,} planned")
    if wrong:
        problems.append(
            f"{plan.name}: {len(wrong):,} orders differ from their events, e.g. "
            + "; ".join(wrong[:3])
        )
    return {
        "events": statuses,
        "orders": len(found),
        "orders_as_expected": len(plan.orders) - len(wrong),
        "commissions": sum(row[4] for row in found.values()),
    }, problems


def check_ledger(env: dict) -> dict:
    completed = subprocess.run(
        [sys.executable, "manage.py", "check_ledger"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return {
        "exit_code": completed.returncode,
        "output": (completed.stdout + completed.stderr).strip(),
    }


# --- the COPY baseline -----------------------------------------------------------------------


def copy_baseline(dsn: str, watermarks: dict[str, int]) -> dict:
    """Dump the tables the pipeline writes, empty them, load the rows written before phase 3
    back (untimed), then time one transaction that COPYs phase 3's rows back in, with every
    index, constraint and foreign key in place, commit included."""
    import psycopg2

    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cursor:
            for table in LEDGER_TABLES:
                cursor.execute(f"SELECT count(*) FROM {table}")
                if cursor.fetchone()[0]:
                    return {"skipped": f"{table} is not empty"}
            earlier, measured = {}, {}
            for table in PIPELINE_TABLES:
                mark = watermarks[table]
                earlier[table], measured[table] = io.BytesIO(), io.BytesIO()
                cursor.copy_expert(
                    f"COPY (SELECT * FROM {table} WHERE id <= {mark} ORDER BY id) TO STDOUT",
                    earlier[table],
                )
                cursor.copy_expert(
                    f"COPY (SELECT * FROM {table} WHERE id > {mark} ORDER BY id) TO STDOUT",
                    measured[table],
                )
            rows = {table: measured[table].getvalue().count(b"\n") for table in PIPELINE_TABLES}
            cursor.execute("TRUNCATE " + ", ".join(PIPELINE_TABLES + LEDGER_TABLES))
            for table in PIPELINE_TABLES:
                earlier[table].seek(0)
                cursor.copy_expert(f"COPY {table} FROM STDIN", earlier[table])
            conn.commit()
            conn.autocommit = True
            cursor.execute("VACUUM ANALYZE " + ", ".join(PIPELINE_TABLES))
            cursor.execute("CHECKPOINT")
            conn.autocommit = False
            seconds = {}
            began = time.perf_counter()
            for table in PIPELINE_TABLES:
                measured[table].seek(0)
                start = time.perf_counter()
                cursor.copy_expert(f"COPY {table} FROM STDIN", measured[table])
                seconds[table] = time.perf_counter() - start
            commit_start = time.perf_counter()
            conn.commit()
            seconds["commit"] = time.perf_counter() - commit_start
            total = time.perf_counter() - began
            loaded = {}
            for table in PIPELINE_TABLES:
                cursor.execute(f"SELECT count(*) FROM {table} WHERE id > {watermarks[table]}")
                loaded[table] = cursor.fetchone()[0]
            conn.commit()
    finally:
        conn.close()
    return {
        "rows": rows,
        "rows_total": sum(rows.values()),
        "seconds": total,
        "seconds_by_table": seconds,
        "rows_per_second": sum(rows.values()) / total,
        "loaded_as_dumped": loaded == rows,
        "bytes": sum(len(buffer.getvalue()) for buffer in measured.values()),
    }


# --- report ----------------------------------------------------------------------------------


def machine(db: Database) -> dict:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = match.group(1).strip() if match else ""
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "postgresql": db.value("SHOW server_version"),
        "wrk": (wrk.stdout + wrk.stderr).split("\n")[0].strip(),
    }


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
    dsn = f"{args.pg_url.rstrip('/')}/{args.database}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": dsn,
        "REDIS_URL": args.redis_url,
        # The apply task's wake flag lives under this prefix: fresh for every run, and nobody
        # else's keys are touched.
        "CACHE_KEY_PREFIX": f"bench-orders-{os.getpid()}-{int(time.time())}",
        "CELERY_BROKER_URL": args.broker_url,
        "ALLIANCE_ORDER_EVENT_BATCH": str(args.batch),
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update({key: env[key] for key in env if key != "PYTHONPATH"})
    sys.path.insert(0, str(ROOT))

    import redis

    print(f"== database {args.database}: recreate, migrate, seed")
    recreate_database(args.pg_url, args.database)
    catalog = seed(args)
    # Only the broker's own database is emptied: tasks left by an earlier, interrupted run.
    redis.Redis.from_url(args.broker_url).flushdb()

    rng = random.Random(args.seed)
    plans = []
    if args.accept_events:
        plans.append(
            plan_events(rng, catalog, name="accept", prefix="A", deliveries=args.accept_events)
        )
    plans.append(plan_events(rng, catalog, name="end-to-end", prefix="E", deliveries=args.events))
    for plan in plans:
        store_clicks(plan)
        print(
            f"   {plan.name}: {len(plan.deliveries):,} deliveries = {plan.events:,} events "
            f"+ {plan.duplicates:,} duplicates, {len(plan.orders):,} orders "
            f"({plan.out_of_order:,} out of order), {len(plan.clicks):,} clicks; {plan.by_type}"
        )

    port = free_port()
    base = f"http://{HOST}:{port}"
    gunicorn_log = RESULTS / "orders-gunicorn.log"
    worker_log = RESULTS / "orders-celery.log"
    worker_log.write_text("")
    db = Database(dsn)
    problems: list[str] = []
    phases: dict[str, dict] = {}
    checks: dict[str, dict] = {}
    gunicorn = worker = None
    copy = None
    with tempfile.TemporaryDirectory(prefix="alliance-bench-orders-") as tmp:
        ctx = Context(args=args, catalog=catalog, base=base, port=port, tmp=Path(tmp), db=db)
        try:
            threads = f" x{args.threads} threads" if args.worker_class == "gthread" else ""
            print(f"== gunicorn {args.worker_class} x{args.workers}{threads} on {base}")
            gunicorn = start_gunicorn(args, port, env, gunicorn_log)
            ctx.sessions["gunicorn"] = gunicorn.pid
            ctx.sessions["celery"] = -1

            if args.accept_events:
                plan = plans[0]
                mark = db.watermarks()["commissions_orderevent"]
                print(f"== phase 1, accept only: {len(plan.deliveries):,} deliveries, no worker")
                meter = CpuMeter(args.database, ctx.sessions).start()
                sent = send(ctx, plan, "accept")
                sent["cpu_cores"] = meter.stop()
                sent["events_per_second"] = rate(sent["deliveries"], sent["http_seconds"])
                phases["accept"] = sent
                problems += check_sending("accept", sent)

                print(f"== phase 2, apply: a Celery worker ({args.celery_pool}) drains the backlog")
                meter = CpuMeter(args.database, ctx.sessions).start()
                spawned = time.monotonic()
                worker = start_worker(args, env, worker_log)
                ready = time.monotonic()
                ctx.sessions["celery"] = worker.pid
                drained = wait_drained(ctx, mark, "apply", worker)
                cores = meter.stop()
                stored = db.value(
                    "SELECT count(*) FROM commissions_orderevent WHERE id > %s", (mark,)
                )
                drain_seconds = drained["drained_at"] - ready if drained["drained"] else None
                phases["apply"] = {
                    "events": stored,
                    "worker_start_seconds": ready - spawned,
                    "seconds": drain_seconds,
                    "events_per_second": rate(stored, drain_seconds),
                    "by_batch": batch_rate(db, mark),
                    **drained,
                    "cpu_cores": cores,
                }
                if not drained["drained"]:
                    problems.append(f"apply: {drained['reason']}, {drained['pending']} pending")
                checks["accept"], found = check_plan(db, plan, "A", mark)
                problems += found
            else:
                worker = start_worker(args, env, worker_log)
                ctx.sessions["celery"] = worker.pid

            plan = plans[-1]
            watermarks = db.watermarks()
            mark = watermarks["commissions_orderevent"]
            print(f"== phase 3, end to end: {len(plan.deliveries):,} deliveries, worker running")
            meter = CpuMeter(args.database, ctx.sessions).start()
            sent = send(ctx, plan, "end to end")
            backlog = db.pending(mark)
            print(f"   all answered; {backlog:,} events still pending")
            drained = wait_drained(ctx, mark, "end to end", worker)
            cores = meter.stop()
            seconds = drained["drained_at"] - sent["first_request"] if drained["drained"] else None
            phases["end_to_end"] = {
                "deliveries": sent["deliveries"],
                "events": plan.events,
                "seconds": seconds,
                "events_per_second": rate(sent["deliveries"], seconds),
                "stored_events_per_second": rate(plan.events, seconds),
                "pending_when_answered": backlog,
                "http": sent,
                "http_events_per_second": rate(sent["deliveries"], sent["http_seconds"]),
                "apply_latency_s": apply_latency(db, mark),
                "by_batch": batch_rate(db, mark),
                **drained,
                "cpu_cores": cores,
            }
            problems += check_sending("end to end", sent)
            if not drained["drained"]:
                problems.append(f"end to end: {drained['reason']}, {drained['pending']} pending")
        finally:
            stop_process(worker)
            stop_process(gunicorn)

    failed = db.value("SELECT count(*) FROM commissions_orderevent WHERE status = 'failed'")
    if failed:
        problems.append(f"{failed} events failed to apply (see the inbox's error column)")
    checks["end_to_end"], found = check_plan(db, plans[-1], "E", mark)
    problems += found
    print("== manage.py check_ledger")
    ledger = check_ledger(env)
    print(f"   exit {ledger['exit_code']}: {ledger['output']}")
    if ledger["exit_code"] != 0:
        problems.append("check_ledger failed")
    report_machine = machine(db)
    db.close()

    print("== baseline: COPY of the rows phase 3 wrote back into the same tables")
    copy = copy_baseline(dsn, watermarks)
    if "skipped" in copy:
        problems.append(f"COPY baseline skipped: {copy['skipped']}")
    elif not copy["loaded_as_dumped"]:
        problems.append("COPY baseline: the rows loaded differ from the rows dumped")

    e2e = phases["end_to_end"]
    n = e2e["deliveries"]
    copy_events_per_second = rate(n, copy.get("seconds"))
    ratio = (
        e2e["events_per_second"] / copy_events_per_second
        if e2e["events_per_second"] and copy_events_per_second
        else None
    )
    rows = [("", "events", "seconds", "events/s")]
    if "accept" in phases:
        accept, apply = phases["accept"], phases["apply"]
        rows.append(
            (
                "1. accept only (webhook, no worker)",
                f"{accept['deliveries']:,}",
                fmt(accept["http_seconds"], 1),
                fmt(accept["events_per_second"]),
            )
        )
        rows.append(
            (
                "2. apply (worker drains phase 1)",
                f"{apply['events']:,}",
                fmt(apply["seconds"], 1),
                fmt(apply["events_per_second"]),
            )
        )
    rows.append(
        (
            "3. end to end (first request -> all applied)",
            f"{n:,}",
            fmt(e2e["seconds"], 1),
            fmt(e2e["events_per_second"]),
        )
    )
    rows.append(
        (
            "   its HTTP part (first request -> last answer)",
            f"{n:,}",
            fmt(e2e["http"]["http_seconds"], 1),
            fmt(e2e["http_events_per_second"]),
        )
    )
    if "seconds" in copy:
        rows.append(
            (
                f"baseline: COPY of phase 3's {copy['rows_total']:,} rows",
                f"{n:,}",
                fmt(copy["seconds"], 2),
                fmt(copy_events_per_second),
            )
        )
    print()
    print(table(rows))
    if "seconds" in copy:
        print(
            f"COPY: {copy['rows_per_second']:,.0f} rows/s "
            + ", ".join(f"{t.removeprefix('commissions_')} {c:,}" for t, c in copy["rows"].items())
        )
    if ratio is not None:
        print(f"end to end / COPY: {ratio:.2%}")
    for name in ("accept", "apply", "end_to_end"):
        if name in phases:
            cores = ", ".join(
                f"{who} {used:.2f}" for who, used in phases[name]["cpu_cores"].items()
            )
            print(f"cores used, {name}: {cores}")
    latency = e2e["apply_latency_s"]
    print(
        f"end to end: {e2e['pending_when_answered']:,} events pending at the last answer; "
        f"accepted -> applied p50 {latency['p50']:.1f} s, p99 {latency['p99']:.1f} s"
    )
    print(f"check_ledger: {'clean' if ledger['exit_code'] == 0 else 'FAILED'}")
    busy = max(phase["cpu_cores"]["other"] for phase in phases.values())
    if busy > 0.1:
        print(
            f"warning: other processes used up to {busy:.2f} cores during the phases; "
            "the numbers are not from a quiet machine"
        )
    met = bool(e2e["events_per_second"]) and e2e["events_per_second"] >= GOAL_EVENTS_PER_SECOND
    print(
        f"goal: end to end >= {GOAL_EVENTS_PER_SECOND:,} events/s: "
        f"{'met' if met else 'NOT met'} ({fmt(e2e['events_per_second'])} events/s)"
    )

    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": report_machine,
        "config": {
            "events": args.events,
            "accept_events": args.accept_events,
            "chunk": args.chunk,
            "seed": args.seed,
            "wrk": {"threads": args.wrk_threads, "connections": args.connections},
            "gunicorn": {
                "worker_class": args.worker_class,
                "workers": args.workers,
                "threads": args.threads,
            },
            "celery": {"pool": args.celery_pool, "concurrency": args.celery_concurrency},
            "batch": args.batch,
            "products": args.products,
            "promoters": args.promoters,
            "settings": "bench.settings",
        },
        "plans": [
            {
                "name": plan.name,
                "deliveries": len(plan.deliveries),
                "events": plan.events,
                "duplicates": plan.duplicates,
                "orders": len(plan.orders),
                "out_of_order": plan.out_of_order,
                "clicks": len(plan.clicks),
                "by_type": plan.by_type,
            }
            for plan in plans
        ],
        "phases": phases,
        "copy_baseline": {**copy, "events_per_second": copy_events_per_second},
        "summary": {
            "accept_events_per_second": phases.get("accept", {}).get("events_per_second"),
            "apply_events_per_second": phases.get("apply", {}).get("events_per_second"),
            "end_to_end_events_per_second": e2e["events_per_second"],
            "copy_events_per_second": copy_events_per_second,
            "ratio_end_to_end_to_copy": ratio,
            "goal_events_per_second": GOAL_EVENTS_PER_SECOND,
            "goal_met": met,
        },
        "checks": {**checks, "failed_events": failed, "check_ledger": ledger},
        "problems": problems,
    }
    (RESULTS / "orders.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"results: {(RESULTS / 'orders.json').relative_to(ROOT)}")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
