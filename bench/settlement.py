"""Benchmark of a settlement run, against one set-based SQL statement doing the same writes
(docs/benchmarks.md, "Settlement").

For each round (N/10 first, then N), in a fresh PostgreSQL database:

1. migrate, then generate N confirmed, due commissions with set-based SQL (INSERT ... SELECT
   generate_series): 50 merchants, 5,000 promoters (30 % with an upline, 10 % with two), 20
   products per merchant, one order with one line and one commission per sale (timed, not
   counted);
2. the baseline: one statement (data-modifying CTEs) settles them all, writes the status
   changes, stamps the orders, creates the ledger accounts, and writes the transactions and
   their entries, with every trigger and constraint in place, commit included;
3. reset: the ledger, its accounts and the status changes are truncated, the commissions put
   back to confirmed;
4. the platform: `settlement_run()` in a Python process of its own, which reports the time of
   the run, its peak RSS and where the time went (statements by kind, commits, the rest);
5. checks: `manage.py check_ledger` exits 0, N commissions settled, N settlement transactions,
   as many entries as the baseline wrote and, account by account, the same balances.

Before each measured phase the tables it writes are vacuumed (FULL on commissions and orders,
so both phases start from the same packed tables), analyzed, and a checkpoint is taken.

Run: `scripts/bench settlement`, `scripts/bench settlement --n 20000`, or
`.venv/bin/python bench/settlement.py --help`.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from common import (
    ROOT,
    fmt,
    machine,
    rate,
    recreate_database,
    stop_on_signal,
    stop_process,
    table,
)
from orders import CpuMeter, Database

RESULTS = ROOT / "bench" / "results"
GOAL_RATIO = 3.0
CHILD_TIMEOUT_SECONDS = 4 * 3600

# What the two phases write; TRUNCATE resets the first four (accounts included, so both phases
# also create the accounts they post to), an UPDATE the commissions and the orders' stamps.
LEDGER_TABLES = [
    "commissions_ledgerentry",
    "commissions_ledgertransaction",
    "commissions_ledgeraccount",
    "commissions_commissionstatuschange",
]
REWRITTEN_TABLES = ["commissions_commission", "commissions_order"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        default=int(os.environ.get("BENCH_SETTLEMENT_N", 1_000_000)),
        help="commissions settled (default 1000000, or $BENCH_SETTLEMENT_N)",
    )
    parser.add_argument(
        "--small",
        type=int,
        default=None,
        help="commissions of the first, smaller round (default N/10; 0 skips it)",
    )
    parser.add_argument(
        "--first",
        choices=["baseline", "settlement"],
        default="baseline",
        help="which phase of a round is measured first (default baseline)",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=int(os.environ.get("ALLIANCE_SETTLEMENT_BATCH", 1000)),
        help="commissions per settlement transaction (ALLIANCE_SETTLEMENT_BATCH; default 1000)",
    )
    parser.add_argument("--merchants", type=int, default=50, help="merchants (default 50)")
    parser.add_argument("--promoters", type=int, default=5000, help="promoters (default 5000)")
    parser.add_argument("--products", type=int, default=20, help="products per merchant")
    parser.add_argument("--seed", type=float, default=0.42, help="setseed() of the generation")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run settlement_run() under cProfile; writes bench/results/settlement-<N>.prof",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server (no database name); must be on 127.0.0.1",
    )
    parser.add_argument(
        "--database", default="alliance_bench", help="dropped and recreated; must contain 'bench'"
    )
    args = parser.parse_args()
    if args.small is None:
        args.small = args.n // 10
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database) or "bench" not in args.database:
        parser.error("--database must be a plain lower-case name containing 'bench'")
    if urlsplit(args.pg_url).hostname not in {"127.0.0.1", "localhost"}:
        parser.error(f"{args.pg_url}: the benchmark only talks to 127.0.0.1")
    if not (
        1 <= args.n <= 10_000_000
        and 0 <= args.small < args.n
        and 1 <= args.batch <= 100_000
        and 1 <= args.merchants <= 10_000
        and 100 <= args.promoters <= 1_000_000
        and 1 <= args.products <= 1_000
        and -1 <= args.seed <= 1
    ):
        parser.error(
            "n 1..10000000, small 0..n-1, batch 1..100000, merchants 1..10000, promoters "
            "100..1000000, products 1..1000, seed -1..1"
        )
    return args


# --- generation ------------------------------------------------------------------------------

# One transaction, so now() is one moment throughout. Ids are assigned in generate_series order
# in a fresh database, which generate() checks: merchant m, promoter p (user p), product
# (m - 1) * products + k, order, line and commission i of sale i.
GENERATE = [
    (
        "merchants",
        """
        INSERT INTO products_merchant (
            status, review_reason, reviewed_at, created_at, name, store_url,
            default_commission_rate, attribution_window_days, hold_days, platform_fee_rate,
            upline_rate_level1, upline_rate_level2, customer_binding_days, click_param,
            allow_self_purchase, webhook_secret, webhook_previous_secret)
        SELECT 'approved', '', now(), now(), 'Bench store ' || g,
            'https://store' || g || '.example.com/',
            (ARRAY[8, 10, 12, 15])[1 + g %% 4], 15, (ARRAY[7, 7, 14, 0, 3])[1 + g %% 5],
            (ARRAY[10, 8, 12, 15, 10, 5])[1 + g %% 6], (ARRAY[5, 5, 4, 6])[1 + g %% 4],
            (ARRAY[2, 2, 1, 3, 0])[1 + g %% 5], 30, 'alliance_click', true, '', ''
        FROM generate_series(1, %(merchants)s) AS g ORDER BY g
        """,
    ),
    (
        "users",
        """
        INSERT INTO alliance_user (
            password, is_superuser, username, first_name, last_name, email, is_staff,
            is_active, date_joined)
        SELECT '!', false, 'bench-promoter-' || g, '', '', '', false, true, now()
        FROM generate_series(1, %(promoters)s) AS g ORDER BY g
        """,
    ),
    (
        "promoters",
        """
        INSERT INTO promoters_promoter (
            status, review_reason, reviewed_at, created_at, display_name, bio, platforms,
            fans_count, audience_tags, invite_code, user_id)
        SELECT 'approved', '', now(), now(), 'Bench promoter ' || g, '', '[]', g * 37 %% 5000,
            '[]', 'BENCH' || g, g
        FROM generate_series(1, %(promoters)s) AS g ORDER BY g
        """,
    ),
    # Promoters from 51 on whose number ends in 0, 1 or 2 were invited (30 %): those ending in
    # 0 by a promoter ending in 1, who has an upline too (so 10 % pay two levels), those ending
    # in 1 or 2 by a promoter ending in 5, who has none. Always by an older promoter.
    (
        "uplines",
        """
        INSERT INTO promoters_uplinerelation (starts_at, expires_at, promoter_id, upline_id)
        SELECT now() - interval '400 days', now() + interval '300 days', p,
            CASE WHEN p %% 10 = 0 THEN 10 * (5 + (p / 10 * 7919) %% (p / 10 - 5)) + 1
                 ELSE 10 * ((p / 10 * 7919 + p %% 10) %% (p / 10)) + 5 END
        FROM generate_series(51, %(promoters)s) AS p WHERE p %% 10 IN (0, 1, 2) ORDER BY p
        """,
    ),
    (
        "products",
        """
        INSERT INTO products_product (
            sku, title, url, image_url, price, commission_rate, is_active, stock_status,
            created_at, updated_at, merchant_id)
        SELECT 'SKU-' || k, 'Bench product ' || m || '-' || k,
            'https://store' || m || '.example.com/item/' || k, '',
            (ARRAY[9.90, 19.90, 49.00, 99.00, 199.00, 399.00])[1 + floor(random() * 6)::int],
            CASE WHEN random() < 0.8
                 THEN (ARRAY[5, 8, 12, 15, 20])[1 + floor(random() * 5)::int] END,
            true, 'in_stock', now(), now(), m
        FROM generate_series(1, %(merchants)s) AS m, generate_series(1, %(products)s) AS k
        ORDER BY m, k
        """,
    ),
    # Sale i: paid 60 to 20 days ago in the order of i, completed 1 to 72 hours later, so the
    # due dates follow the ids with some jitter, as they do in production; a few promoters make
    # most sales (p = 1 + P * r^2).
    (
        "plan",
        """
        CREATE TEMPORARY TABLE bench_plan ON COMMIT DROP AS
        SELECT g AS i,
            1 + g %% %(merchants)s AS merchant_id,
            1 + floor(random() * %(products)s)::int AS product_no,
            1 + floor(random() * 3)::int AS quantity,
            1 + floor(%(promoters)s * power(random(), 2))::int AS promoter_id,
            now() - interval '60 days' + g * %(step)s * interval '1 second' AS paid_at,
            (1 + random() * 71) * interval '1 hour' AS completes_after
        FROM generate_series(1, %(n)s) AS g
        """,
    ),
    (
        "orders",
        """
        INSERT INTO commissions_order (
            order_id, status, paid_at, completed_at, click_id, coupon_code, customer_id, amount,
            refunded_amount, snapshot_occurred_at, snapshot_rank, snapshot_webhook_id,
            attribution, is_self_purchase, created_at, updated_at, change_seq, merchant_id,
            promoter_id)
        SELECT 'B' || s.i, 'completed', s.paid_at, s.paid_at + s.completes_after,
            'click-' || s.i, '', 'customer-' || s.i, pr.price * s.quantity, 0,
            s.paid_at + s.completes_after, 1, 'msg_c' || s.i, 'click', false, s.paid_at,
            s.paid_at + s.completes_after, 0, s.merchant_id, s.promoter_id
        FROM bench_plan AS s
        JOIN products_product AS pr ON pr.id = (s.merchant_id - 1) * %(products)s + s.product_no
        ORDER BY s.i
        """,
    ),
    (
        "order lines",
        """
        INSERT INTO commissions_orderitem (sku, quantity, amount, refunded_amount, order_id,
            product_id)
        SELECT pr.sku, s.quantity, pr.price * s.quantity, 0, s.i, pr.id
        FROM bench_plan AS s
        JOIN products_product AS pr ON pr.id = (s.merchant_id - 1) * %(products)s + s.product_no
        ORDER BY s.i
        """,
    ),
    # C = round(base * rate / 100), F and U1, U2 likewise from C, P = C - F - U1 - U2: the
    # check constraint commission_split_sums holds by construction.
    (
        "commissions",
        """
        WITH sale AS (
            SELECT s.*, pr.id AS product_id, pr.price * s.quantity AS base,
                coalesce(pr.commission_rate, m.default_commission_rate) AS rate,
                m.platform_fee_rate, m.hold_days,
                u1.upline_id AS upline1_id, u2.upline_id AS upline2_id,
                CASE WHEN u1.upline_id IS NULL THEN 0 ELSE m.upline_rate_level1 END AS rate1,
                CASE WHEN u2.upline_id IS NULL THEN 0 ELSE m.upline_rate_level2 END AS rate2
            FROM bench_plan AS s
            JOIN products_merchant AS m ON m.id = s.merchant_id
            JOIN products_product AS pr
                ON pr.id = (s.merchant_id - 1) * %(products)s + s.product_no
            LEFT JOIN promoters_uplinerelation AS u1 ON u1.promoter_id = s.promoter_id
            LEFT JOIN promoters_uplinerelation AS u2 ON u2.promoter_id = u1.upline_id
        ), earned AS (
            SELECT sale.*, round(base * rate / 100, 2) AS c FROM sale
        ), split AS (
            SELECT earned.*, round(c * platform_fee_rate / 100, 2) AS f,
                round(c * rate1 / 100, 2) AS u1, round(c * rate2 / 100, 2) AS u2
            FROM earned
        )
        INSERT INTO commissions_commission (
            rate, platform_fee_rate, upline1_rate, upline2_rate, hold_days, base_amount,
            commission, platform_fee, upline1_amount, upline2_amount, promoter_amount, status,
            invalid_reason, void_note, paid_at, available_at, settled_at, created_at,
            updated_at, change_seq, merchant_id, product_id, promoter_id, upline1_id,
            upline2_id, order_id, order_item_id)
        SELECT rate, platform_fee_rate, rate1, rate2, hold_days, base, c, f, u1, u2,
            c - f - u1 - u2, 'confirmed', '', '', paid_at,
            paid_at + completes_after + hold_days * interval '1 day', NULL, paid_at, paid_at,
            0, merchant_id, product_id, promoter_id, upline1_id, upline2_id, i, i
        FROM split ORDER BY i
        """,
    ),
]

# Tables whose ids generate() relies on, and how many rows each must hold.
GENERATED_IDS = {
    "products_merchant": "merchants",
    "alliance_user": "promoters",
    "promoters_promoter": "promoters",
    "products_product": "product_count",
    "commissions_order": "n",
    "commissions_orderitem": "n",
    "commissions_commission": "n",
}


def generate(dsn: str, args, n: int) -> dict:
    import psycopg2

    params = {
        "n": n,
        "merchants": args.merchants,
        "promoters": args.promoters,
        "products": args.products,
        "product_count": args.merchants * args.products,
        # Sales spread evenly over 40 days.
        "step": 40 * 86400 / n,
    }
    seconds = {}
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cursor:
            began = time.perf_counter()
            cursor.execute("SELECT setseed(%s)", (args.seed,))
            for name, sql in GENERATE:
                started = time.perf_counter()
                cursor.execute(sql, params)
                seconds[name] = round(time.perf_counter() - started, 2)
            conn.commit()
            total = time.perf_counter() - began
            problems = []
            for table_name, key in GENERATED_IDS.items():
                cursor.execute(f"SELECT count(*), min(id), max(id) FROM {table_name}")
                if cursor.fetchone() != (params[key], 1, params[key]):
                    problems.append(f"generation: {table_name} ids are not 1..{params[key]}")
            cursor.execute(
                "SELECT count(*), count(upline1_id), count(upline2_id), sum(commission) "
                "FROM commissions_commission WHERE status = 'confirmed' AND settled_at IS NULL "
                "AND available_at < now()"
            )
            due, with_upline, with_two, commission_total = cursor.fetchone()
            if due != n:
                problems.append(f"generation: {due} confirmed, due commissions, not {n}")
            cursor.execute("SELECT count(*) FROM promoters_uplinerelation")
            upline_relations = cursor.fetchone()[0]
            conn.commit()
    finally:
        conn.close()
    return {
        "seconds": total,
        "seconds_by_step": seconds,
        "due": due,
        "with_upline": with_upline,
        "with_two_uplines": with_two,
        "commission_total": commission_total,
        "promoters_with_upline": upline_relations,
        "problems": problems,
    }


# --- the baseline ----------------------------------------------------------------------------

# The writes of a settlement run in one statement: the commissions settled and stamped, one
# status change each, their orders stamped, the accounts created, one transaction per
# commission under its idempotency key and its entries (the split as ledger_target computes
# it: merchant payable -C, platform revenue +F, promoter available +P, +U1, +U2 for the
# promoter and the uplines, summed per account, zero amounts left out).
BASELINE = """
WITH settled AS (
    UPDATE commissions_commission
    SET status = 'settled', invalid_reason = '', settled_at = now(), updated_at = now(),
        change_seq = pg_current_xact_id()::text::bigint
    WHERE status = 'confirmed' AND available_at <= now()
    RETURNING id, order_id, merchant_id, promoter_id, upline1_id, upline2_id, commission,
        platform_fee, promoter_amount, upline1_amount, upline2_amount
), stamped AS (
    UPDATE commissions_order AS o SET change_seq = pg_current_xact_id()::text::bigint
    FROM (SELECT DISTINCT order_id FROM settled) AS s WHERE o.id = s.order_id
), changes AS (
    INSERT INTO commissions_commissionstatuschange (
        commission_id, old_status, new_status, reason, created_at)
    SELECT id, 'confirmed', 'settled', '', now() FROM settled
), lines AS (
    SELECT s.id AS commission_id, l.kind, l.merchant_id, l.promoter_id,
        l.kind || coalesce(':' || coalesce(l.merchant_id, l.promoter_id), '') AS key,
        sum(l.amount) AS amount
    FROM settled AS s
    CROSS JOIN LATERAL (VALUES
        ('merchant_payable', s.merchant_id, NULL::bigint, -s.commission),
        ('platform_revenue', NULL, NULL, s.platform_fee),
        ('promoter_available', NULL, s.promoter_id, s.promoter_amount),
        ('promoter_available', NULL, s.upline1_id, s.upline1_amount),
        ('promoter_available', NULL, s.upline2_id, s.upline2_amount)
    ) AS l (kind, merchant_id, promoter_id, amount)
    WHERE l.kind = 'platform_revenue' OR coalesce(l.merchant_id, l.promoter_id) IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(l.amount) <> 0
), created AS (
    INSERT INTO commissions_ledgeraccount (kind, merchant_id, promoter_id, key)
    SELECT DISTINCT kind, merchant_id, promoter_id, key FROM lines
    ON CONFLICT (key) DO NOTHING
    RETURNING id, key
), accounts AS (
    SELECT id, key FROM created
    UNION ALL
    SELECT id, key FROM commissions_ledgeraccount
), postings AS (
    INSERT INTO commissions_ledgertransaction (
        idempotency_key, kind, commission_id, memo, created_at)
    SELECT 'commission:' || id || ':1', 'settlement', id, '', now() FROM settled
    RETURNING id, commission_id
)
INSERT INTO commissions_ledgerentry (transaction_id, account_id, amount)
SELECT p.id, a.id, l.amount
FROM lines AS l
JOIN postings AS p USING (commission_id)
JOIN accounts AS a USING (key)
"""


def baseline(dsn: str) -> dict:
    import psycopg2

    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cursor:
            began = time.perf_counter()
            cursor.execute(BASELINE)
            entries = cursor.rowcount
            statement = time.perf_counter() - began
            conn.commit()
            total = time.perf_counter() - began
    finally:
        conn.close()
    return {
        "seconds": total,
        "statement_seconds": statement,
        "commit_seconds": total - statement,
        "entries_inserted": entries,
    }


# --- the settlement under test ---------------------------------------------------------------


def statement_kind(sql: str) -> str:
    """ "UPDATE commissions_order", "SELECT commissions_commission FOR UPDATE", ..."""
    match = re.match(r'\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', sql, re.I)
    match = match or re.match(r'\s*(SELECT)\b.*?\bFROM\s+"?(\w+)', sql, re.I | re.S)
    if not match:
        return sql.split(None, 1)[0].upper() if sql.strip() else "?"
    verb = " ".join(match.group(1).upper().split())
    return f"{verb} {match.group(2)}" + (" FOR UPDATE" if "FOR UPDATE" in sql else "")


def proc_status_kb(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    return 0


def settle_child(profile_path: str) -> int:
    """The measured process: settlement_run() with the platform's settings (bench.settings,
    DEBUG off), timing every statement by kind and every commit. Prints one line of JSON."""
    import django

    django.setup()

    import psycopg2.extras
    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    from commissions.services.settlement import settlement_run

    timings: dict[str, list] = defaultdict(lambda: [0, 0.0])

    def record(kind: str, started: float) -> None:
        entry = timings[kind]
        entry[0] += 1
        entry[1] += time.perf_counter() - started

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            record(statement_kind(sql), started)

    # alliance.db.bulk_insert_rows inserts with psycopg2's execute_values on the raw cursor,
    # which Django's execute wrappers do not see; it imports it on each call.
    execute_values = psycopg2.extras.execute_values

    def timed_execute_values(cursor, sql, *args, **kwargs):
        started = time.perf_counter()
        try:
            return execute_values(cursor, sql, *args, **kwargs)
        finally:
            record(statement_kind(sql), started)

    psycopg2.extras.execute_values = timed_execute_values
    # A commit runs the deferred constraint trigger of every entry of the batch.
    commit = DatabaseWrapper._commit

    def timed_commit(self):
        started = time.perf_counter()
        try:
            return commit(self)
        finally:
            record("COMMIT", started)

    DatabaseWrapper._commit = timed_commit

    connection.ensure_connection()
    rss_before_kb = proc_status_kb("VmRSS")
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
    with connection.execute_wrapper(wrapper):
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        run = settlement_run()
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
    if profiler:
        profiler.dump_stats(profile_path)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "run": {
                    "id": run.pk,
                    "status": run.status,
                    "settled_count": run.settled_count,
                    "due_count": run.due_count,
                    "batches": run.batches,
                    "commission_total": str(run.commission_total),
                    "error": run.error,
                },
                "statements": {kind: [n, round(s, 3)] for kind, (n, s) in timings.items()},
                "rss_before_kb": rss_before_kb,
                "peak_rss_kb": proc_status_kb("VmHWM"),
            }
        )
    )
    return 0


def settle(env: dict, profile_path: Path | None) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "_settle"]
    if profile_path:
        command.append(str(profile_path))
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=CHILD_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        stop_process(process)
        return {"exit_code": None, "error": f"no result within {CHILD_TIMEOUT_SECONDS} s"}
    finally:
        stop_process(process)
    wall = time.perf_counter() - began
    if process.returncode != 0:
        return {"exit_code": process.returncode, "error": stderr.strip()[-3000:]}
    result = json.loads(stdout.strip().splitlines()[-1])
    return {"exit_code": 0, "process_seconds": wall, **result}


# --- database state --------------------------------------------------------------------------


def prepare(db: Database) -> float:
    """Same start for both phases: packed tables, fresh statistics, no dirty buffers."""
    began = time.perf_counter()
    with db.conn.cursor() as cursor:  # autocommit: VACUUM runs outside a transaction
        for name in REWRITTEN_TABLES:
            cursor.execute(f"VACUUM (FULL, ANALYZE) {name}")
        for name in LEDGER_TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {name}")
        cursor.execute("CHECKPOINT")
    return time.perf_counter() - began


def reset(db: Database) -> float:
    """Undo a phase: empty the ledger, its accounts and the status changes; put the commissions
    back to confirmed and the orders' stamps back to 0."""
    began = time.perf_counter()
    with db.conn.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(LEDGER_TABLES)}")
        cursor.execute(
            "UPDATE commissions_commission SET status = 'confirmed', settled_at = NULL, "
            "change_seq = 0, updated_at = created_at WHERE status = 'settled'"
        )
        cursor.execute("UPDATE commissions_order SET change_seq = 0 WHERE change_seq <> 0")
    return time.perf_counter() - began


def books(db: Database) -> dict:
    """What a phase left: counts and every account's balance."""
    return {
        "settled": db.value(
            "SELECT count(*) FROM commissions_commission "
            "WHERE status = 'settled' AND settled_at IS NOT NULL"
        ),
        "confirmed_left": db.value(
            "SELECT count(*) FROM commissions_commission WHERE status = 'confirmed'"
        ),
        "status_changes": db.value(
            "SELECT count(*) FROM commissions_commissionstatuschange "
            "WHERE old_status = 'confirmed' AND new_status = 'settled'"
        ),
        "orders_stamped": db.value("SELECT count(*) FROM commissions_order WHERE change_seq <> 0"),
        "transactions": db.value("SELECT count(*) FROM commissions_ledgertransaction"),
        "settlement_transactions": db.value(
            "SELECT count(*) FROM commissions_ledgertransaction WHERE kind = 'settlement' "
            "AND idempotency_key = 'commission:' || commission_id || ':1'"
        ),
        "entries": db.value("SELECT count(*) FROM commissions_ledgerentry"),
        "accounts": db.value("SELECT count(*) FROM commissions_ledgeraccount"),
        "balances": dict(
            db.rows(
                "SELECT a.key, sum(e.amount) FROM commissions_ledgerentry AS e "
                "JOIN commissions_ledgeraccount AS a ON a.id = e.account_id GROUP BY a.key"
            )
        ),
    }


def check_ledger(env: dict) -> dict:
    began = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "manage.py", "check_ledger"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )
    return {
        "exit_code": completed.returncode,
        "output": (completed.stdout + completed.stderr).strip()[-3000:],
        "seconds": time.perf_counter() - began,
    }


def check_books(name: str, found: dict, n: int) -> list[str]:
    problems = []
    for key in (
        "settled",
        "status_changes",
        "orders_stamped",
        "transactions",
        "settlement_transactions",
    ):
        if found[key] != n:
            problems.append(f"{name}: {found[key]:,} {key.replace('_', ' ')}, not {n:,}")
    if found["confirmed_left"]:
        problems.append(f"{name}: {found['confirmed_left']:,} commissions left confirmed")
    total = sum(found["balances"].values(), Decimal("0.00"))
    if total != 0:
        problems.append(f"{name}: the balances sum to {total}, not 0")
    return problems


def cores_line(cores: dict) -> str:
    # CpuMeter's "wrk" is the CPU of this script's waited-for children: here the settlement
    # process (it is not sampled by session, so it is counted once).
    names = {"wrk": "settlement process", "bench": "this script"}
    return ", ".join(
        f"{names.get(who, who)} {used:.2f}" for who, used in cores.items() if who != "redis"
    )


# --- one round -------------------------------------------------------------------------------


def run_round(args, n: int, env: dict) -> dict:
    dsn = env["DATABASE_URL"]
    result: dict = {"n": n, "phases_seconds": {}, "problems": []}
    timing = result["phases_seconds"]
    problems = result["problems"]
    print(f"== N = {n:,}: database {args.database}: recreate, migrate")
    started = time.perf_counter()
    recreate_database(args.pg_url, args.database)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0", "--no-input"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    timing["migrate"] = time.perf_counter() - started

    print(f"== generate {n:,} confirmed, due commissions (set-based SQL; not counted)")
    generated = generate(dsn, args, n)
    result["generation"] = generated
    timing["generate"] = generated["seconds"]
    problems += generated["problems"]
    steps = ", ".join(f"{k} {v}" for k, v in generated["seconds_by_step"].items())
    print(
        f"   {generated['seconds']:.1f} s ({steps}); "
        f"{generated['with_upline']:,} with an upline, {generated['with_two_uplines']:,} with "
        f"two; C total {generated['commission_total']:,}"
    )
    if generated["problems"]:
        return result

    db = Database(dsn)
    order = ["baseline", "settlement"] if args.first == "baseline" else ["settlement", "baseline"]
    try:
        for position, phase in enumerate(order):
            if position:
                print(
                    "== reset: TRUNCATE the ledger, its accounts and the status changes; "
                    "commissions back to confirmed"
                )
                timing["reset"] = reset(db)
            print(
                "== prepare: VACUUM (FULL, ANALYZE) commissions and orders, VACUUM (ANALYZE) "
                "the ledger tables, CHECKPOINT"
            )
            timing[f"prepare before {phase}"] = prepare(db)
            meter = CpuMeter(args.database, {}).start()
            if phase == "baseline":
                print("== baseline: one SQL statement, commit included")
                measured = baseline(dsn)
                measured["cpu_cores"] = meter.stop()
                timing["baseline"] = measured["seconds"]
                print(
                    f"   {measured['seconds']:.2f} s ({measured['commit_seconds']:.2f} s of it "
                    f"the commit); cores: {cores_line(measured['cpu_cores'])}"
                )
            else:
                print(f"== settlement_run() in its own process, batches of {args.batch:,}")
                profile = RESULTS / f"settlement-{n}.prof" if args.profile else None
                measured = settle(env, profile)
                measured["cpu_cores"] = meter.stop()
                if measured["exit_code"] != 0:
                    problems.append(f"settlement process failed: {measured['error']}")
                    print(f"   FAILED: {measured['error']}", file=sys.stderr)
                    return result
                timing["settlement"] = measured["seconds"]
                run = measured["run"]
                print(
                    f"   {measured['seconds']:.2f} s ({measured['process_seconds']:.2f} s with "
                    f"the process start), {run['batches']:,} batches, peak RSS "
                    f"{measured['peak_rss_kb'] / 1024:.0f} MB; cores: "
                    f"{cores_line(measured['cpu_cores'])}"
                )
                if run["status"] != "finished" or run["settled_count"] != n:
                    problems.append(
                        f"settlement run {run['status']}, settled {run['settled_count']:,} "
                        f"of {n:,}: {run['error']}"
                    )
            result[phase] = measured
            started = time.perf_counter()
            found = books(db)
            timing[f"count {phase}"] = time.perf_counter() - started
            result[f"{phase}_books"] = {k: v for k, v in found.items() if k != "balances"}
            result[f"{phase}_balances"] = found["balances"]
            problems += check_books(phase, found, n)
            if phase == "settlement":
                print("== manage.py check_ledger")
                ledger = check_ledger(env)
                timing["check_ledger"] = ledger["seconds"]
                result["check_ledger"] = ledger
                print(
                    f"   exit {ledger['exit_code']} in {ledger['seconds']:.1f} s: "
                    f"{ledger['output']}"
                )
                if ledger["exit_code"] != 0:
                    problems.append("check_ledger failed")
    finally:
        result["postgresql"] = db.value("SHOW server_version")
        db.close()

    base, mine = result["baseline_books"], result["settlement_books"]
    if base["entries"] != mine["entries"]:
        problems.append(f"entries: settlement {mine['entries']:,}, baseline {base['entries']:,}")
    if base["accounts"] != mine["accounts"]:
        problems.append(f"accounts: settlement {mine['accounts']:,}, baseline {base['accounts']:,}")
    balances_b, balances_s = result.pop("baseline_balances"), result.pop("settlement_balances")
    differ = sorted(
        k for k in balances_b.keys() | balances_s.keys() if balances_b.get(k) != balances_s.get(k)
    )
    result["balances_equal"] = not differ
    result["accounts_compared"] = len(balances_b.keys() | balances_s.keys())
    if differ:
        problems.append(
            f"{len(differ)} balances differ, e.g. "
            + ", ".join(f"{k}: {balances_s.get(k)} vs {balances_b.get(k)}" for k in differ[:5])
        )
    result["ratio"] = result["settlement"]["seconds"] / result["baseline"]["seconds"]
    return result


# --- report ----------------------------------------------------------------------------------


def report(args, rounds: list[dict]) -> None:
    rows = [("", "commissions", "seconds", "commissions/s")]
    for r in rounds:
        if "ratio" not in r:
            continue
        n = r["n"]
        rows += [
            (
                f"N = {n:,}: generation (not counted)",
                f"{n:,}",
                fmt(r["generation"]["seconds"], 1),
                "",
            ),
            (
                "  baseline: one SQL statement",
                f"{n:,}",
                fmt(r["baseline"]["seconds"], 2),
                fmt(rate(n, r["baseline"]["seconds"])),
            ),
            (
                "  settlement_run()",
                f"{n:,}",
                fmt(r["settlement"]["seconds"], 2),
                fmt(rate(n, r["settlement"]["seconds"])),
            ),
            ("  settlement / baseline", "", f"{r['ratio']:.2f}x", ""),
        ]
    print()
    print(table(rows))
    print(
        f"order in each round: {args.first} first; before each phase: VACUUM (FULL, ANALYZE) "
        "of commissions and orders, VACUUM (ANALYZE) of the ledger tables, CHECKPOINT"
    )
    for r in rounds:
        if "ratio" not in r:
            continue
        s = r["settlement"]
        print(
            f"N = {r['n']:,}: peak RSS of the settlement process {s['peak_rss_kb'] / 1024:.0f} MB "
            f"(after setup, before the run: {s['rss_before_kb'] / 1024:.0f} MB); "
            f"check_ledger: {'clean' if r['check_ledger']['exit_code'] == 0 else 'FAILED'}; "
            f"balances equal to the baseline's ({r['accounts_compared']:,} accounts): "
            f"{'yes' if r['balances_equal'] else 'NO'}; entries "
            f"{r['settlement_books']['entries']:,}"
        )
    last = rounds[-1]
    if "ratio" in last:
        s = last["settlement"]
        accounted = sum(seconds for _count, seconds in s["statements"].values())
        print(f"where the settlement's {s['seconds']:.1f} s went at N = {last['n']:,}:")
        for kind, (count, seconds) in sorted(s["statements"].items(), key=lambda i: -i[1][1]):
            print(f"  {kind:<50} {count:>7,} x  {seconds:8.2f} s")
        rest = s["seconds"] - accounted
        print(f"  {'Python (the rest)':<50} {'':>9}  {rest:8.2f} s")
        commit = s["statements"].get("COMMIT", [0, 0.0])[1]
        per = 1e6 / last["n"]
        print(
            f"  per commission: statements {(accounted - commit) * per:.0f} us, commits "
            f"{commit * per:.0f} us, Python {rest * per:.0f} us; the baseline "
            f"{last['baseline']['seconds'] * per:.0f} us in all"
        )
        busy = max(
            r[phase]["cpu_cores"]["other"]
            for r in rounds
            if "ratio" in r
            for phase in ("baseline", "settlement")
        )
        if busy > 0.1:
            print(
                f"warning: other processes used up to {busy:.2f} cores during the phases; "
                "the numbers are not from a quiet machine"
            )
        met = last["ratio"] <= GOAL_RATIO
        print(
            f"goal: settlement <= {GOAL_RATIO:.0f}x the baseline: "
            f"{'met' if met else 'NOT met'} ({last['ratio']:.2f}x at N = {last['n']:,})"
        )


def main() -> int:
    if sys.argv[1:2] == ["_settle"]:
        return settle_child(sys.argv[2] if len(sys.argv) > 2 else "")
    args = parse_args()
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, stop_on_signal)
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_BROKER_URL"}
    }
    # No broker and no Redis: tasks run in-process; the settlement needs neither.
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"{args.pg_url.rstrip('/')}/{args.database}",
            "ALLIANCE_SETTLEMENT_BATCH": str(args.batch),
            "ALLIANCE_SETTLEMENT_CYCLE": "continuous",
            "PYTHONPATH": str(ROOT),
        }
    )
    rounds = []
    for n in [args.small, args.n] if args.small else [args.n]:
        rounds.append(run_round(args, n, env))
        if rounds[-1]["problems"] and "ratio" not in rounds[-1]:
            break
    report(args, rounds)
    problems = [problem for r in rounds for problem in r["problems"]]
    out = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**machine(), "postgresql": rounds[-1].get("postgresql")},
        "config": {
            "n": args.n,
            "small": args.small,
            "first": args.first,
            "batch": args.batch,
            "merchants": args.merchants,
            "promoters": args.promoters,
            "products_per_merchant": args.products,
            "seed": args.seed,
            "settings": "bench.settings",
        },
        "rounds": rounds,
        "goal_ratio": GOAL_RATIO,
        "problems": problems,
    }
    (RESULTS / "settlement.json").write_text(json.dumps(out, indent=2, default=str) + "\n")
    print(f"results: {(RESULTS / 'settlement.json').relative_to(ROOT)}")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
