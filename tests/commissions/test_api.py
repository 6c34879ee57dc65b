"""Orders, commissions, the inbox and incremental sync over the API, by tenant."""

import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import TestCase
from django.utils import timezone

from commissions.models import Order, OrderEvent
from commissions.services.commissions import commission_settle

from .. import factories
from ..assertions import assert_error
from ..conftest import client_for
from .orders import event, lifecycle, store

D = Decimal


def _world():
    """Two merchants, two promoters, each promoter with an attributed sale at each merchant,
    plus an unattributed order at the first merchant."""
    shops = [factories.MerchantFactory() for _ in range(2)]
    promoters = [factories.PromoterFactory() for _ in range(2)]
    paid_at = timezone.now() - timedelta(days=20)
    for s, shop in enumerate(shops):
        product = factories.ProductFactory(merchant=shop, sku=f"S{s}", commission_rate=D("20"))
        for p, promoter in enumerate(promoters):
            link = factories.LinkFactory(promoter=promoter, product=product)
            click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
            for body in lifecycle(
                f"ORDER-{s}{p}-123456", product.sku, "99.00", click_id=click.pk, paid_at=paid_at
            ):
                store(shop, body)
    store(
        shops[0],
        event(
            "order.paid",
            "NOBODY-1",
            items=[("S0", "10.00")],
            paid_at=paid_at,
            customer_id="walk-in",
        ),
    )
    return shops, promoters


@pytest.fixture
def world(db):
    return _world()


def test_a_promoter_sees_its_own_orders_with_masked_ids(world):
    _shops, promoters = world
    client = client_for(promoters[0].user)

    body = client.get("/api/v1/orders/").json()

    ids = sorted(row["order_id"] for row in body["results"])
    assert ids == ["ORD**********56", "ORD**********56"]
    assert {row["promoter"] for row in body["results"]} == {promoters[0].pk}
    row = body["results"][0]
    assert (row["estimated_commission"], row["settled_commission"], row["currency"]) == (
        "17.82",
        "0.00",
        "CNY",
    )
    assert "promoter_name" not in row


def test_a_merchant_sees_all_its_orders_with_promoter_names_only(world):
    shops, promoters = world
    owner = factories.MerchantMemberFactory(merchant=shops[0]).user

    body = client_for(owner).get("/api/v1/orders/").json()

    assert sorted(row["order_id"] for row in body["results"]) == [
        "NOBODY-1",
        "ORDER-00-123456",
        "ORDER-01-123456",
    ]
    names = {row["promoter_name"] for row in body["results"]}
    assert names == {promoters[0].display_name, promoters[1].display_name, None}


def test_another_tenants_order_and_commission_are_404(world):
    shops, promoters = world
    theirs = Order.objects.get(order_id="ORDER-01-123456")
    client = client_for(promoters[0].user)

    assert_error(client.get(f"/api/v1/orders/{theirs.pk}/"), 404, code="not_found")
    commission = theirs.commissions.get()
    assert_error(client.get(f"/api/v1/commissions/{commission.pk}/"), 404, code="not_found")
    other_shop_owner = factories.MerchantMemberFactory(merchant=shops[1]).user
    unattributed = Order.objects.get(order_id="NOBODY-1")
    assert_error(client_for(other_shop_owner).get(f"/api/v1/orders/{unattributed.pk}/"), 404)


def test_commission_filters(world):
    _shops, promoters = world
    client = client_for(promoters[0].user)
    link = promoters[0].links.order_by("pk").first()

    by_link = client.get(f"/api/v1/commissions/?link={link.pk}").json()["results"]
    confirmed = client.get("/api/v1/commissions/?status=confirmed").json()["results"]
    pending = client.get("/api/v1/commissions/?status=pending").json()["results"]
    bad = client.get("/api/v1/commissions/?status=sideways")

    assert [row["link"] for row in by_link] == [link.pk]
    assert len(confirmed) == 2 and pending == []
    assert_error(bad, 400, code="validation_error", fields={"status"})


def test_promoter_earnings_summary_follows_settlement(world):
    _shops, promoters = world
    client = client_for(promoters[0].user)
    for commission in promoters[0].commissions.all():
        commission_settle(commission_id=commission.pk)

    body = client.get("/api/v1/commissions/earnings/").json()

    assert body == {
        "currency": "CNY",
        "estimated": "0.00",
        "confirmed": "0.00",
        "settled": "35.64",
        "paid": "0.00",
        "available_balance": "35.64",
    }


def test_commission_list_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries):
    _shops, promoters = world
    client = client_for(promoters[0].user)
    for n in range(10):
        shop = factories.MerchantFactory()
        product = factories.ProductFactory(merchant=shop, sku="Q", commission_rate=D("10"))
        link = factories.LinkFactory(promoter=promoters[0], product=product)
        click = factories.ClickFactory(link=link)
        store(
            shop,
            event(
                "order.paid",
                f"Q-{n}",
                items=[("Q", "10.00")],
                paid_at=timezone.now(),
                click_id=click.pk,
            ),
        )

    with django_assert_max_num_queries(6):
        rows = client.get("/api/v1/commissions/?page_size=50").json()["results"]
    with django_assert_max_num_queries(6):
        orders = client.get("/api/v1/orders/?page_size=50").json()["results"]
    assert (len(rows), len(orders)) == (12, 12)


def test_the_inbox_is_the_merchants_own(world):
    shops, _promoters = world
    owner = factories.MerchantMemberFactory(merchant=shops[1]).user

    rows = client_for(owner).get("/api/v1/order-events/").json()["results"]

    assert len(rows) == 4
    assert {row["status"] for row in rows} == {"applied"}
    assert OrderEvent.objects.count() == 9


def _upload(client, text: str):
    upload = io.BytesIO(text.encode())
    upload.name = "events.jsonl"
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/api/v1/order-events/backfill/", {"file": upload}, format="multipart")


@pytest.mark.django_db
def test_backfill_reports_every_line_and_keeps_the_good_ones():
    shop = factories.MerchantFactory()
    factories.ProductFactory(merchant=shop, sku="B-1")
    client = client_for(factories.MerchantMemberFactory(merchant=shop).user)
    paid_at = timezone.now() - timedelta(days=3)
    good = event("order.paid", "B-100", items=[("B-1", "50.00")], paid_at=paid_at)
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "items": [{"sku": "B-404", "quantity": 1, "amount": "1.00"}]}),
        "",
        json.dumps({**good, "webhook_id": "given-1", "order_id": "B-101"}),
    ]

    first = _upload(client, "\n".join(lines))
    again = _upload(client, "\n".join(lines))

    assert first.status_code == 200, first.content
    body = first.json()
    assert (body["accepted"], body["duplicates"], body["errors"]) == (2, 0, 2)
    assert [(r["line"], r["status"]) for r in body["lines"]] == [
        (1, "accepted"),
        (2, "error"),
        (3, "error"),
        (5, "accepted"),
    ]
    assert body["lines"][1]["code"] == "malformed_json"
    assert body["lines"][2]["fields"] == {"items.0.sku": ["Unknown SKU for this merchant: B-404."]}
    assert body["lines"][3]["webhook_id"] == "given-1"
    assert (again.json()["accepted"], again.json()["duplicates"]) == (0, 2)
    assert sorted(Order.objects.values_list("order_id", flat=True)) == ["B-100", "B-101"]
    assert set(OrderEvent.objects.values_list("source", flat=True)) == {"backfill"}


@pytest.mark.django_db
def test_backfill_is_for_merchants_and_refuses_an_empty_file(promoter):
    shop = factories.MerchantFactory()
    owner = client_for(factories.MerchantMemberFactory(merchant=shop).user)

    assert_error(_upload(client_for(promoter.user), "{}"), 403)
    assert_error(_upload(owner, "\n\n"), 400, code="empty", fields={"file"})
    assert not OrderEvent.objects.exists()


# --- Incremental sync ---------------------------------------------------------------------


def _sync_all(client, path, limit):
    seen, cursor, pages = [], "", 0
    while True:
        body = client.get(f"{path}?limit={limit}&cursor={cursor}").json()
        seen += [row["id"] for row in body["results"]]
        cursor = body["next_cursor"]
        pages += 1
        if not body["has_more"]:
            return seen, cursor, pages


@pytest.mark.django_db(transaction=True)
def test_sync_pages_through_every_change_once_and_resumes_from_the_cursor():
    _shops, promoters = _world()
    client = client_for(promoters[0].user)

    first, cursor, pages = _sync_all(client, "/api/v1/sync/commissions/", limit=1)
    nothing_new = client.get(f"/api/v1/sync/commissions/?cursor={cursor}").json()

    mine = sorted(promoters[0].commissions.values_list("pk", flat=True))
    assert sorted(first) == mine and len(first) == len(set(first)) and pages == 2
    assert nothing_new == {"results": [], "next_cursor": cursor, "has_more": False}

    # A refund changes one commission: the next sync returns exactly that one.
    commission = promoters[0].commissions.order_by("pk").first()
    order = commission.order
    paid_at = order.paid_at
    store(
        order.merchant,
        event(
            "order.refunded",
            order.order_id,
            items=[(commission.order_item.sku, "99.00", "99.00")],
            paid_at=paid_at,
            occurred_at=paid_at + timedelta(days=3),
            completed_at=order.completed_at,
            click_id=order.click_id,
        ),
    )
    changed = client.get(f"/api/v1/sync/commissions/?cursor={cursor}").json()
    assert [row["id"] for row in changed["results"]] == [commission.pk]
    assert changed["results"][0]["status"] == "reversed"
    assert changed["results"][0]["order_id"].startswith("ORD*")


@pytest.mark.django_db(transaction=True)
def test_sync_never_shows_changes_that_are_not_surely_committed():
    from django.db import connection, transaction

    shops, _promoters = _world()
    client = client_for(factories.AdminFactory())
    _all, cursor, _pages = _sync_all(client, "/api/v1/sync/orders/", limit=50)

    # A writer that has started but not committed holds back the horizon: a reader must not
    # move its cursor past the position that writer will commit at.
    import threading

    started, release = threading.Event(), threading.Event()

    def slow_writer():
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute("SELECT pg_current_xact_id()")
            started.set()
            release.wait(10)
            Order.objects.filter(order_id="NOBODY-1").update(amount=D("11.00"))
            from commissions.services.changes import mark_changed

            mark_changed(
                Order, Order.objects.filter(order_id="NOBODY-1").values_list("pk", flat=True)
            )
        connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    started.wait(10)
    # A quick writer commits after the slow one began: its position is larger.
    quick = Order.objects.get(order_id="ORDER-00-123456")
    store(
        shops[0],
        event(
            "order.refunded",
            quick.order_id,
            items=[("S0", "99.00", "1.00")],
            paid_at=quick.paid_at,
            occurred_at=quick.paid_at + timedelta(days=5),
            completed_at=quick.completed_at,
            click_id=quick.click_id,
        ),
    )
    held_back = client.get(f"/api/v1/sync/orders/?cursor={cursor}").json()
    release.set()
    thread.join(10)
    after = client.get(f"/api/v1/sync/orders/?cursor={cursor}").json()

    assert held_back["results"] == [] and held_back["next_cursor"] == cursor
    assert sorted(row["order_id"] for row in after["results"]) == [
        "NOBODY-1",
        "ORDER-00-123456",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_transaction_open_in_another_database_does_not_hold_the_feed_back():
    """Transaction ids are the server's: a report or a test run on another database of the same
    server, with a write pending, must not hide this database's committed changes."""
    import psycopg2
    from django.db import connection

    _shops, promoters = _world()
    client = client_for(promoters[0].user)
    params = connection.get_connection_params()
    params["database"] = "postgres"
    params.pop("dbname", None)
    elsewhere = psycopg2.connect(**params)
    try:
        with elsewhere.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()")  # an id, as a write would take
        seen, _cursor, _pages = _sync_all(client, "/api/v1/sync/commissions/", limit=50)
    finally:
        elsewhere.rollback()
        elsewhere.close()

    assert sorted(seen) == sorted(promoters[0].commissions.values_list("pk", flat=True))
    assert len(seen) == 2


@pytest.mark.django_db
def test_a_forged_cursor_is_a_clear_400(promoter):
    client = client_for(promoter.user)

    assert_error(client.get("/api/v1/sync/orders/?cursor=bm9wZQ"), 400, fields={"cursor"})
    assert_error(client.get("/api/v1/sync/orders/?limit=0"), 400, fields={"limit"})


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["orders", "commissions"])
def test_since_sent_empty_is_a_400_not_the_whole_feed(promoter, feed):
    client = client_for(promoter.user)

    assert_error(client.get(f"/api/v1/sync/{feed}/?since="), 400, fields={"since"})
    assert client.get(f"/api/v1/sync/{feed}/").status_code == 200
