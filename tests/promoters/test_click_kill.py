"""A real web server (gunicorn, batched click recording) killed with SIGKILL mid-interval: the
clicks it had queued are lost, and the orders that carry their ids are still attributed to the
right promoters, because the id itself proves the link and the click time."""

import os
import signal
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from commissions.models import Commission, Order
from promoters.models import Click, ClickIdRefusal, click_reference

from .. import factories
from ..celery_worker import worker_database_url
from ..commissions.orders import event, store
from ..web_server import WebServer

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

READY_SECONDS = 30


def start_server(**environment: str) -> WebServer:
    """The platform served by gunicorn with batched click recording on Redis, `environment`
    added to this process's."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.fail("REDIS_URL is not set: batched click recording needs Redis")
    return WebServer(
        {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": redis_url,
            "PYTHONUNBUFFERED": "1",
            **environment,
        },
        ready_path="/t/NoSuchCode0",
        ready_status=404,
        ready_seconds=READY_SECONDS,
    )


@pytest.fixture
def web_server():
    servers: list[WebServer] = []

    def start(**environment: str) -> WebServer:
        servers.append(start_server(**environment))
        return servers[-1]

    yield start
    for server in servers:
        server.kill()


def test_orders_of_clicks_lost_in_a_hard_kill_are_still_attributed(web_server):
    merchant = factories.MerchantFactory()
    product = factories.ProductFactory(merchant=merchant, sku="K-1", commission_rate=Decimal("20"))
    lily = factories.LinkFactory(product=product)
    mei = factories.LinkFactory(product=product)
    # A flush interval far longer than the test: the kill lands mid-interval, every time.
    server = web_server(ALLIANCE_CLICK_RECORDING="batched", ALLIANCE_CLICK_FLUSH_MS="600000")

    tokens = []
    for link in (lily, mei, lily, mei, lily):
        status, location = server.get(f"/t/{link.code}")
        assert status == 302
        tokens.append((link, parse_qs(urlsplit(location).query)["alliance_click"][0]))

    server.kill()

    # The measured loss: every click of the interval (5 of 5), as docs/domain.md says.
    assert Click.objects.count() == 0
    paid_at = timezone.now()
    for number, (_link, token) in enumerate(tokens):
        store(
            merchant,
            event(
                "order.paid",
                f"KILL-{number}",
                items=[("K-1", "99.00")],
                paid_at=paid_at,
                click_id=token,
                customer_id=f"buyer-{number}",
            ),
        )

    orders = Order.objects.order_by("order_id").values_list(
        "order_id", "attribution", "promoter_id", "link_id"
    )
    assert list(orders) == [
        (f"KILL-{number}", "click", link.promoter_id, link.pk)
        for number, (link, _token) in enumerate(tokens)
    ]
    assert Commission.objects.filter(promoter_amount=Decimal("17.82")).count() == 5
    assert not ClickIdRefusal.objects.exists()
    assert {click_reference(token).link_id for _link, token in tokens} == {lily.pk, mei.pk}


def test_a_graceful_stop_stores_the_queued_clicks_first(web_server):
    link = factories.LinkFactory()
    server = web_server(ALLIANCE_CLICK_RECORDING="batched", ALLIANCE_CLICK_FLUSH_MS="600000")
    locations = [server.get(f"/t/{link.code}")[1] for _ in range(3)]

    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=30)

    stored = set(Click.objects.values_list("pk", flat=True))
    expected = {
        click_reference(parse_qs(urlsplit(location).query)["alliance_click"][0]).click_uuid
        for location in locations
    }
    assert stored == expected, "".join(server.lines)
