"""The API's contract test: schemathesis's CLI, as an outsider, against a live server.

A real web server (gunicorn, production settings: DEBUG off) serves a database seeded with the
demo platform and rows in every state (two tenants of each kind and more, orders and
commissions, payouts, holds, batches, statements, settlement runs, imports, store domains).
For each role, a promoter, a merchant owner and a platform admin, `schemathesis run` with the
committed schemathesis.toml runs every phase (examples, coverage, fuzzing, stateful) and every
check over the whole schema, and must report no failure. docs/api.md, "Contract test", says
what that proves and lists each exception with its reason.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from alliance.models import AuditLog, ReviewStatus, User
from commissions.models import Commission, Order, OrderEvent, SettlementRun
from commissions.services.settlement import settlement_trigger
from fraud.models import Flag, Rule
from fraud.services.flags import Finding, flag_raise
from payouts.models import Payout, PayoutBatch, PayoutHold, PayoutMethod
from payouts.services.export import payouts_export
from payouts.services.holds import hold_set
from payouts.services.payouts import payout_approve
from products.models import (
    Campaign,
    Category,
    Coupon,
    Merchant,
    Product,
    ProductImport,
    StoreDomain,
)
from products.services import store_domain_declare
from promoters.management import demo_data as demo
from promoters.models import CampaignApplication, Channel, Click, Link, OwnCustomer, Promoter
from statements.models import Statement

from .. import factories
from ..celery_worker import worker_database_url
from ..web_server import WebServer

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CONFIG = Path(settings.BASE_DIR) / "schemathesis.toml"
READY_SECONDS = 60
# Far above a run's few minutes: only a hung run reaches it, and then the test fails.
RUN_SECONDS = 1200
# The servers' key: production settings refuse the development one.
SECRET_KEY = secrets.token_urlsafe(50)

# The collection in a path (`/api/v1/<collection>/{id}/`) -> the model its `{id}` names.
MODEL_BY_COLLECTION = {
    "audit-log": AuditLog,
    "campaign-applications": CampaignApplication,
    "campaigns": Campaign,
    "categories": Category,
    "channels": Channel,
    "clicks": Click,
    "commissions": Commission,
    "coupons": Coupon,
    "fraud-flags": Flag,
    "links": Link,
    "merchants": Merchant,
    "order-events": OrderEvent,
    "orders": Order,
    "own-customers": OwnCustomer,
    "payout-batches": PayoutBatch,
    "payout-holds": PayoutHold,
    "payout-methods": PayoutMethod,
    "payouts": Payout,
    "product-imports": ProductImport,
    "products": Product,
    "promoters": Promoter,
    "settlement-runs": SettlementRun,
    "statements": Statement,
    "store-domains": StoreDomain,
}
# Body fields that hold foreign keys -> the model they point at.
MODEL_BY_BODY_FIELD = {
    "campaign": Campaign,
    "category": Category,
    "channel": Channel,
    "coupon": Coupon,
    "exclusive_promoter": Promoter,
    "merchant": Merchant,
    "method": PayoutMethod,
    "parent": Category,
    "product": Product,
    "products": Product,
    "promoter": Promoter,
}


def world_ids() -> dict:
    """Every row's id, by collection and by body field, for the hooks (contract_hooks.py)."""

    def ids(model) -> list:
        values = model.objects.order_by("pk").values_list("pk", flat=True)
        return [str(pk) if model is Click else pk for pk in values]

    return {
        "path": {name: ids(model) for name, model in MODEL_BY_COLLECTION.items()},
        "body": {name: ids(model) for name, model in MODEL_BY_BODY_FIELD.items()},
    }


@pytest.fixture
def world():
    """The demo platform (four merchants, one pending; five promoters, one pending; products,
    campaigns, coupons, links, clicks, orders and commissions in every status, payout methods
    and requests), and the rows the demo does not make: a pending merchant and promoter with
    their own rows, a pending store domain, a hold, an exported batch, statements, a settlement
    run, a finished and a failed import, fraud flags."""
    call_command("load_demo_data", quiet=True, allow_without_debug=True)
    call_command("load_demo_orders", quiet=True, allow_without_debug=True)
    call_command("load_demo_payouts", quiet=True, allow_without_debug=True)
    now = timezone.now()
    admin = User.objects.get(username=demo.ADMIN_USERNAME)
    teahouse = Merchant.objects.get(members__user__username="teahouse")
    owner = teahouse.members.get(user__username="teahouse").user
    lily = Promoter.objects.get(user__username="lily")

    pending_merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)
    factories.ProductFactory(merchant=pending_merchant)
    factories.PromoterFactory(status=ReviewStatus.PENDING)
    store_domain_declare(merchant=teahouse, actor=owner, host="tea-shop.example.net")

    approved = Payout.objects.filter(status=Payout.Status.REQUESTED).order_by("pk").first()
    payout_approve(payout=approved, reviewer=admin)
    payouts_export(kind=approved.kind, actor=admin)
    hold_set(promoter=Promoter.objects.get(user__username="hao"), reason="Review", actor=admin)
    for merchant in Merchant.objects.filter(status=ReviewStatus.APPROVED).order_by("pk")[:2]:
        Statement.objects.create(
            merchant=merchant,
            month=(now - timedelta(days=40)).date().replace(day=1),
            currency=settings.ALLIANCE_CURRENCY,
            commission_count=1,
            commission_total=Decimal("10.00"),
            total_owed=Decimal("10.00"),
            issued_at=now,
        )
    settlement_trigger(actor=admin)
    # Fraud flags, low (they hold nothing, so the payouts above stay as they are): open ones to
    # read and decide, one already cleared.
    for order in Order.objects.filter(promoter__isnull=False).order_by("pk")[:3]:
        flag_raise(
            Finding(
                rule=Rule.FAST_PAY,
                severity=Flag.Severity.LOW,
                key=f"fast_pay:order:{order.pk}",
                promoter_id=order.promoter_id,
                merchant_id=order.merchant_id,
                summary="Paid 2 s after the click (at least 10 s)",
                evidence={"measured": {"seconds": 2}, "threshold": {"min_seconds": 10}},
                order_ids=[order.pk],
            )
        )
    Flag.objects.filter(pk=Flag.objects.order_by("pk").values("pk")[:1]).update(
        status=Flag.Status.CLEARED, reviewed_at=now, reviewed_by=admin
    )
    for status in (ProductImport.Status.SUCCEEDED, ProductImport.Status.FAILED):
        ProductImport.objects.create(
            merchant=teahouse,
            created_by=owner,
            file_name="products.csv",
            file_format=ProductImport.FileFormat.CSV,
            content=b"sku,title\n",
            status=status,
            total_rows=1,
            processed_rows=1,
            errors=[]
            if status == ProductImport.Status.SUCCEEDED
            else [{"row": 2, "field": "price", "message": "Required."}],
            error_count=0 if status == ProductImport.Status.SUCCEEDED else 1,
            started_at=now,
            finished_at=now,
        )
    return {"promoter": lily.user, "merchant": owner, "admin": admin}


def start_server(environment: dict[str, str]) -> WebServer:
    """The platform served by gunicorn with `environment`, ready once the API root answers."""
    return WebServer(
        environment,
        ready_path="/api/v1/",
        ready_status=200,
        ready_seconds=READY_SECONDS,
        # No request-line limit: gunicorn refuses a URL over 4 KB with its own HTML 414 before
        # the API sees it, which is the web server's rule, not the API's (docs/api.md
        # "Contract test"). Stateful sequences sometimes build such URLs.
        arguments=("--limit-request-line", "0"),
    )


def server_environment(database: str, role: str) -> dict[str, str]:
    """Production settings (DEBUG off) on one role's copy of the test database. Tasks run in
    the request (no broker), so a queued import or settlement run is applied while the run
    watches; plain HTTP is served as a proxy would hand it on (no HTTPS redirect); the rate
    limits count in a cache of the role's own."""
    url = worker_database_url()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": f"{url.rsplit('/', 1)[0]}/{database}",
        "CACHE_KEY_PREFIX": f"contract-{role}",
        "CELERY_BROKER_URL": "",
        "PYTHONUNBUFFERED": "1",
    }


def access_token(environment: dict[str, str], user) -> str:
    """An access token signed with the server's key, issued as the token endpoint issues it,
    without logging in."""
    code = (
        "import sys, django; django.setup()\n"
        "from alliance.auth_tokens import TokenObtainPairSerializer\n"
        "from alliance.models import User\n"
        "print(TokenObtainPairSerializer.get_token(User.objects.get(pk=sys.argv[1])).access_token)"
    )
    answer = subprocess.run(
        [sys.executable, "-c", code, str(user.pk)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return answer.stdout.strip()


@contextmanager
def database_copies(roles):
    """A copy of the seeded test database for each role, so that no role's run changes what
    another's sees (an admin suspending the promoter would revoke its token mid-run)."""
    source = connection.settings_dict["NAME"]
    copies = {role: f"{source}_contract_{role}" for role in roles}
    connections.close_all()
    with connection.cursor() as cursor:
        # A template database must have no session but this one: end any an earlier test left
        # behind (a server's or a thread's connection that has not gone yet).
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        for name in copies.values():
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.close()
    try:
        for name in copies.values():
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            connection.close()
        yield copies
    finally:
        with connection.cursor() as cursor:
            for name in copies.values():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_api_keeps_its_contract(world, tmp_path):
    ids = tmp_path / "ids.json"
    ids.write_text(json.dumps(world_ids()))
    schemathesis = Path(sys.executable).with_name("schemathesis")
    servers: list[WebServer] = []
    runs: dict[str, subprocess.Popen] = {}
    outputs: dict[str, str] = {}
    with database_copies(world) as databases, ExitStack() as logs:
        try:
            for role, user in world.items():
                environment = server_environment(databases[role], role)
                servers.append(start_server(environment))
                log = logs.enter_context((tmp_path / f"{role}.txt").open("w"))
                # The three runs share the two cores; each keeps its own order of cases.
                runs[role] = subprocess.Popen(
                    [
                        str(schemathesis),
                        "--config-file",
                        str(CONFIG),
                        "run",
                        f"{servers[-1].url}/api/schema/?format=json",
                        "--report",
                        "junit,ndjson",
                        "--report-dir",
                        str(tmp_path / role),
                        "--no-color",
                    ],
                    cwd=settings.BASE_DIR,
                    env={
                        **os.environ,
                        "ALLIANCE_CONTRACT_TOKEN": access_token(environment, user),
                        "ALLIANCE_CONTRACT_IDS": str(ids),
                    },
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            for role, run in runs.items():
                run.wait(timeout=RUN_SECONDS)
                outputs[role] = (tmp_path / f"{role}.txt").read_text()
        finally:
            for run in runs.values():
                if run.poll() is None:
                    run.kill()
                    run.wait()
            for server in servers:
                server.stop()
    keep = os.environ.get("ALLIANCE_CONTRACT_REPORTS")
    if keep:
        for role, output in outputs.items():
            shutil.copytree(tmp_path / role, Path(keep) / role, dirs_exist_ok=True)
            (Path(keep) / role / "stdout.txt").write_text(output)
    failed = {role: run.returncode for role, run in runs.items() if run.returncode != 0}
    assert not failed, "\n\n".join(
        f"schemathesis as {role} (exit {code}):\n{outputs[role][-20000:]}"
        for role, code in failed.items()
    )
