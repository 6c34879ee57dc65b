"""The traffic simulator's database setup and its HTTP side: accounts and catalog through the
ORM, clicks through `GET /t/<code>` from each visitor's own loopback address, order events
through the signed webhook. bench/traffic.py runs the phases."""

import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from common import HOST
from traffic_scenario import IN_APP, ClickPlan, OrderPlan, Scenario

SIGN_IN_PASSWORD = "sim-Correct-Horse-42"
TOKEN_PATH = "/api/v1/auth/token/"
WEBHOOK_PATH = "/api/v1/webhooks/merchants/{merchant_id}/order-events/"
CHANNEL_KINDS = {
    "douyin": "douyin",
    "weibo": "weibo",
    "xiaohongshu": "xiaohongshu",
    "wechat_group": "wechat_group",
    "blog": "blog",
}


@dataclass
class World:
    """The rows the scenario became: merchant key -> (pk, webhook secret, click param),
    promoter key -> pk, and the admin who triggers settlement."""

    merchants: dict[str, tuple[int, str, str]]
    promoters: dict[str, int]
    admin_id: int


def seed(scenario: Scenario) -> World:
    """Merchants (hold_days 0: commissions are due once completed), categories, products with
    their category's rate, approved promoters with a channel of their kind, uplines, payout
    methods (Alipay phone, bank card) and links, directly through the ORM."""
    from django.contrib.auth.hashers import make_password
    from django.db import connections
    from django.utils import timezone

    from alliance.models import ReviewStatus, User
    from payouts.models import PayoutMethod
    from products.models import Category, Merchant, Product
    from products.services import webhook_secret_new
    from promoters.models import Channel, Link, Promoter, UplineRelation

    now = timezone.now()
    admin = User.objects.create_superuser("sim-admin", "admin@example.com", "sim-Correct-42")
    categories = {
        slug: Category.objects.create(name=name, slug=slug) for slug, name in scenario.categories
    }
    merchants = {}
    for key, name, allow in scenario.merchants:
        merchants[key] = Merchant.objects.create(
            name=name,
            store_url=f"https://{key}.example.com/",
            status=ReviewStatus.APPROVED,
            reviewed_at=now,
            hold_days=0,
            allow_self_purchase=allow,
            webhook_secret=webhook_secret_new(),
        )
    products = {
        product.sku: product
        for product in Product.objects.bulk_create(
            Product(
                merchant=merchants[plan.merchant],
                sku=plan.sku,
                title=f"{plan.category} {plan.sku}",
                url=f"https://{plan.merchant}.example.com/item/{plan.sku}?from=sim",
                price=Decimal(plan.price),
                category=categories[plan.category],
                commission_rate=Decimal(plan.rate),
            )
            for plan in scenario.products
        )
    }
    # One hash for every promoter: they sign in (phase 0), and hashing is not what is measured.
    password = make_password(SIGN_IN_PASSWORD)
    users = User.objects.bulk_create(
        User(username=f"sim-{plan.key}", password=password) for plan in scenario.promoters
    )
    promoters = {}
    for number, (plan, user) in enumerate(zip(scenario.promoters, users, strict=True)):
        promoters[plan.key] = Promoter.objects.create(
            user=user,
            display_name=plan.key,
            invite_code=f"SIM{number:05d}",
            status=ReviewStatus.APPROVED,
            reviewed_at=now,
        )
        joined = now - timedelta(minutes=plan.created_minutes_ago)
        Promoter.objects.filter(pk=promoters[plan.key].pk).update(created_at=joined)
        User.objects.filter(pk=user.pk).update(date_joined=joined)
    channels = {
        plan.key: Channel.objects.create(
            promoter=promoters[plan.key],
            name=plan.channel,
            kind=CHANNEL_KINDS[plan.channel],
            is_default=True,
        )
        for plan in scenario.promoters
    }
    for plan in scenario.promoters:
        if plan.upline:
            joined = now - timedelta(minutes=plan.created_minutes_ago)
            UplineRelation.objects.create(
                promoter=promoters[plan.key],
                upline=promoters[plan.upline],
                starts_at=joined,
                expires_at=joined + timedelta(days=365),
            )
        PayoutMethod.objects.create(
            promoter=promoters[plan.key],
            kind="alipay",
            account_name="张伟",
            account=plan.phone,
            is_default=True,
        )
        PayoutMethod.objects.create(
            promoter=promoters[plan.key],
            kind="bank",
            account_name="张伟",
            account=plan.bank_card,
            bank_name="招商银行",
        )
    Link.objects.bulk_create(
        Link(
            promoter=promoters[link.promoter],
            channel=channels[link.promoter],
            merchant=products[link.sku].merchant,
            product=products[link.sku],
            code=link.code,
        )
        for link in scenario.links
    )
    world = World(
        merchants={
            key: (merchant.pk, merchant.webhook_secret, merchant.click_param)
            for key, merchant in merchants.items()
        },
        promoters={key: promoter.pk for key, promoter in promoters.items()},
        admin_id=admin.pk,
    )
    connections.close_all()
    return world


# --- sign-ins --------------------------------------------------------------------------------


def sign_ins(scenario: Scenario, port: int) -> dict[int, int]:
    """Every promoter signs in once through the API from its own address, as it would from
    its phone: the platform may record where its users sign in. Answers status -> count."""
    statuses: dict[int, int] = {}
    for plan in scenario.promoters:
        body = json.dumps({"username": f"sim-{plan.key}", "password": SIGN_IN_PASSWORD})
        connection = http.client.HTTPConnection(
            HOST, port, timeout=30, source_address=(plan.home_ip, 0)
        )
        try:
            headers = {"Content-Type": "application/json", "User-Agent": IN_APP["wechat"]}
            connection.request("POST", TOKEN_PATH, body=body.encode(), headers=headers)
            response = connection.getresponse()
            response.read()
            statuses[response.status] = statuses.get(response.status, 0) + 1
        except OSError:
            statuses[0] = statuses.get(0, 0) + 1
        finally:
            connection.close()
    return statuses


# --- clicks ----------------------------------------------------------------------------------


@dataclass
class ClickResult:
    index: int
    status: int = 0
    token: str = ""
    answered: float = 0.0  # time.time() of the answer
    error: str = ""


def click_send(port: int, click: ClickPlan, click_params: set[str]) -> ClickResult:
    """One visitor's click from its own address; the click id is read from the Location."""
    result = ClickResult(click.index)
    headers = {"User-Agent": click.user_agent, "Accept": "text/html"}
    if click.referer:
        headers["Referer"] = click.referer
    for attempt in range(3):
        connection = http.client.HTTPConnection(
            HOST, port, timeout=30, source_address=(click.ip, 0)
        )
        try:
            connection.request("GET", f"/t/{click.link}", headers=headers)
            response = connection.getresponse()
            response.read()
            result.status = response.status
            query = parse_qs(urlsplit(response.getheader("Location", "")).query)
            result.token = next((query[p][0] for p in click_params if p in query), "")
            result.answered = time.time()
            result.error = ""
            return result
        except OSError as error:
            result.error = f"{type(error).__name__}: {error}"
            time.sleep(0.2 * (attempt + 1))
        finally:
            connection.close()
    return result


def clicks_play(scenario: Scenario, port: int, world: World, threads: int, progress) -> dict:
    """Every click at its moment on the timeline (seconds after the start), from a pool of
    `threads` senders. Returns index -> ClickResult and how late the sender ran."""
    click_params = {param for _pk, _secret, param in world.merchants.values()}
    results: dict[int, ClickResult] = {}
    lock = threading.Lock()
    late = 0.0
    start, start_wall = time.monotonic(), time.time()

    def done(future) -> None:
        result = future.result()
        with lock:
            results[result.index] = result

    with ThreadPoolExecutor(max_workers=threads) as pool:
        for number, click in enumerate(scenario.clicks):
            wait = start + click.at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            else:
                late = max(late, -wait)
            pool.submit(click_send, port, click, click_params).add_done_callback(done)
            if number % 500 == 0:
                progress(number, len(scenario.clicks))
    # How long after its moment on the timeline each click was answered: the senders' delay
    # plus the server's, which a loaded machine stretches (bursts then last longer).
    lags = sorted(
        results[click.index].answered - start_wall - click.at
        for click in scenario.clicks
        if results[click.index].answered
    )
    return {
        "results": results,
        "seconds": time.monotonic() - start,
        "max_late_s": late,
        "answer_lag_s": {
            "p50": lags[len(lags) // 2] if lags else None,
            "p99": lags[int(len(lags) * 0.99)] if lags else None,
            "max": lags[-1] if lags else None,
        },
    }


# --- order events ----------------------------------------------------------------------------


def event_body(order: OrderPlan, kind: str, *, token: str, paid_at: datetime, **moments) -> str:
    """The order's snapshot as its store sends it (docs/webhooks.md), with the optional buyer
    identity (hashed contact, device) the self-purchase rules read."""
    refunded = kind == "order.refunded"
    completed_at = moments.get("completed_at")
    body = {
        "type": kind,
        "order_id": order.order_id,
        "occurred_at": moments["occurred_at"].isoformat(),
        "paid_at": paid_at.isoformat(),
        "completed_at": completed_at.isoformat() if completed_at else None,
        "click_id": token or None,
        "coupon_code": None,
        "customer_id": order.customer_id or None,
        "buyer_contact_hash": order.contact_hash or None,
        "buyer_device": order.device or None,
        "items": [
            {
                "sku": sku,
                "quantity": quantity,
                "amount": amount,
                "refunded_amount": amount if refunded else "0.00",
            }
            for sku, quantity, amount in order.lines
        ],
    }
    return json.dumps(body, separators=(",", ":"))


@dataclass
class Delivery:
    merchant: str
    webhook_id: str
    body: str
    status: int = 0
    error: str = ""


@dataclass
class Sender:
    """Signs (Standard Webhooks, each merchant's secret) and posts deliveries from the store's
    address, 127.0.0.1, over a few keep-alive connections."""

    port: int
    world: World
    threads: int = 4
    local: threading.local = field(default_factory=threading.local)

    def _post(self, delivery: Delivery) -> Delivery:
        from standardwebhooks import Webhook

        merchant_id, secret, _param = self.world.merchants[delivery.merchant]
        moment = datetime.now(UTC)
        signature = Webhook(secret).sign(delivery.webhook_id, moment, delivery.body)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "sim-store/1.0",
            "webhook-id": delivery.webhook_id,
            "webhook-timestamp": str(int(moment.timestamp())),
            "webhook-signature": signature,
        }
        for attempt in range(3):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(
                    HOST, self.port, timeout=30
                )
            try:
                path = WEBHOOK_PATH.format(merchant_id=merchant_id)
                connection.request("POST", path, body=delivery.body.encode(), headers=headers)
                response = connection.getresponse()
                response.read()
                delivery.status, delivery.error = response.status, ""
                return delivery
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                self.local.connection = None
                delivery.error = f"{type(error).__name__}: {error}"
                time.sleep(0.2 * (attempt + 1))
        return delivery

    def send(self, deliveries: list[Delivery]) -> list[Delivery]:
        with ThreadPoolExecutor(max_workers=self.threads) as pool:
            return list(pool.map(self._post, deliveries))
