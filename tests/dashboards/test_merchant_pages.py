"""The merchant dashboard's pages: access, tenancy, forms, imports and exact numbers."""

import csv
import io
import re
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commissions.models import Commission, Order
from commissions.services.commissions import commission_settle
from dashboards.merchant import selectors
from products.models import Product, ProductImport

from .. import factories
from ..commissions.orders import event, store

pytestmark = pytest.mark.django_db

D = Decimal
PAGES = [
    "merchant-overview",
    "merchant-products",
    "merchant-imports",
    "merchant-orders",
    "merchant-promoters",
]


@pytest.fixture
def owner_client(client, merchant_owner):
    client.force_login(merchant_owner)
    return client


def today_start() -> datetime:
    zone = timezone.get_default_timezone()
    return datetime.combine(timezone.localdate(), time.min, tzinfo=zone)


def sale(merchant, product, promoter, order_id, amount, paid_at, *, complete=False, click=True):
    """An attributed order (by a click an hour before it was paid), applied like the webhook."""
    link = factories.LinkFactory(promoter=promoter, product=product)
    click_id = None
    if click:
        click_id = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1)).pk
    store(
        merchant,
        event(
            "order.paid",
            order_id,
            items=[(product.sku, amount)],
            paid_at=paid_at,
            click_id=click_id,
        ),
    )
    if complete:
        completed_at = min(paid_at + timedelta(days=1), timezone.now())
        store(
            merchant,
            event(
                "order.completed",
                order_id,
                items=[(product.sku, amount)],
                paid_at=paid_at,
                occurred_at=completed_at,
                completed_at=completed_at,
                click_id=click_id,
            ),
        )
    return Order.objects.get(merchant=merchant, order_id=order_id)


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def stat(html: str, name: str) -> str:
    match = re.search(rf'data-stat="{name}">([^<]*)<', html)
    assert match, name
    return match.group(1)


# --- Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_each_page_opens_for_a_merchant(owner_client, name):
    response = owner_client.get(reverse(name))

    assert response.status_code == 200
    assert b"<h1>" in response.content


@pytest.mark.parametrize("name", PAGES)
def test_a_promoter_gets_403_with_a_reason(client, promoter, name):
    client.force_login(promoter.user)

    response = client.get(reverse(name))

    assert response.status_code == 403
    assert "This page is for merchants." in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_go_to_the_login_page(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_merchant_waiting_for_review_sees_its_state(client):
    merchant = factories.MerchantFactory(status="pending")
    client.force_login(factories.MerchantMemberFactory(merchant=merchant).user)

    assert client.get(reverse("merchant-overview")).status_code == 403


def test_another_merchants_rows_are_404(owner_client, other_merchant):
    product = factories.ProductFactory(merchant=other_merchant)
    product_import = ProductImport.objects.create(
        merchant=other_merchant, file_format="csv", content=b"x"
    )

    rate_url = reverse("merchant-product-rate", args=[product.pk])
    assert owner_client.post(rate_url, {f"rate-{product.pk}-commission_rate": "5"}).status_code == (
        404
    )
    for name in ("merchant-import", "merchant-import-progress", "merchant-import-errors"):
        assert owner_client.get(reverse(name, args=[product_import.pk])).status_code == 404
    product.refresh_from_db()
    assert product.commission_rate == D("20.00")


def test_lists_show_only_the_merchants_own_rows(owner_client, merchant, other_merchant):
    mine = factories.ProductFactory(merchant=merchant, title="Mine teapot")
    theirs = factories.ProductFactory(merchant=other_merchant, title="Their teapot")
    promoter = factories.PromoterFactory()
    paid_at = timezone.now() - timedelta(days=2)
    sale(merchant, mine, promoter, "MY-ORDER-1", "10.00", paid_at)
    sale(other_merchant, theirs, promoter, "THEIR-ORDER-1", "10.00", paid_at)

    products = owner_client.get(reverse("merchant-products")).content.decode()
    orders = owner_client.get(reverse("merchant-orders")).content.decode()

    assert "Mine teapot" in products and "Their teapot" not in products
    assert "MY-ORDER-1" in orders and "THEIR-ORDER-1" not in orders


# --- Products and the inline rate edit -----------------------------------------------------------


def test_products_search_filter_sort_and_paginate(owner_client, merchant):
    beauty = factories.CategoryFactory(name="Beauty", slug="beauty")
    factories.ProductFactory(merchant=merchant, sku="TEA-1", title="Green tea", category=beauty)
    factories.ProductFactory(merchant=merchant, sku="CUP-1", title="Cup", is_active=False)
    factories.ProductFactory(
        merchant=merchant, sku="POT-1", title="Pot", stock_status="out_of_stock"
    )
    url = reverse("merchant-products")

    def skus(**query):
        html = owner_client.get(url, query).content.decode()
        return re.findall(r"<code>([A-Z]+-\d+)</code>", html)

    assert skus(q="tea") == ["TEA-1"]
    assert skus(q="cup-1") == ["CUP-1"]
    assert skus(category=beauty.pk) == ["TEA-1"]
    assert skus(active="no") == ["CUP-1"]
    assert skus(active="yes", sort="title") == ["TEA-1", "POT-1"]
    assert skus(sort="title") == ["CUP-1", "TEA-1", "POT-1"]
    assert skus(sort="-title") == ["POT-1", "TEA-1", "CUP-1"]
    assert skus() == ["POT-1", "CUP-1", "TEA-1"]  # recently updated first
    assert skus(stock="out_of_stock") == ["POT-1"]
    assert skus(category="not-a-number") == skus()


def test_products_list_paginates_by_50_in_a_fixed_number_of_queries(
    owner_client, merchant, django_assert_max_num_queries
):
    factories.ProductFactory.create_batch(
        55, merchant=merchant, category=factories.CategoryFactory()
    )

    with django_assert_max_num_queries(8):
        first = owner_client.get(reverse("merchant-products"))
    second = owner_client.get(reverse("merchant-products"), {"page": 2})

    assert first.content.decode().count("data-inline-root") == 50
    assert second.content.decode().count("data-inline-root") == 5


def rate_post(client, product, value, *, inline=False, query=""):
    url = reverse("merchant-product-rate", args=[product.pk]) + query
    headers = {"X-Inline": "1"} if inline else {}
    return client.post(url, {f"rate-{product.pk}-commission_rate": value}, headers=headers)


def test_inline_rate_edit_saves_and_answers_the_row(owner_client, product):
    response = rate_post(owner_client, product, "12.5", inline=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<tr data-inline-root")
    assert 'value="12.50"' in html
    assert "Saved: 12.5%." in html
    product.refresh_from_db()
    assert product.commission_rate == D("12.50")


def test_inline_rate_edit_of_a_bad_value_keeps_it_and_shows_the_error(owner_client, product):
    response = rate_post(owner_client, product, "150", inline=True)

    assert response.status_code == 400
    html = response.content.decode()
    assert html.startswith("<tr data-inline-root")
    assert 'value="150"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(
        rf'id="id_rate-{product.pk}-commission_rate_error">Ensure this value is less than or '
        r"equal to 100",
        html,
    )
    product.refresh_from_db()
    assert product.commission_rate == D("20.00")


def test_plain_rate_post_redirects_back_to_the_filtered_list(owner_client, product):
    response = rate_post(owner_client, product, "", query="?q=Product&page=1")

    assert response.status_code == 302
    assert response["Location"] == reverse("merchant-products") + "?q=Product&page=1"
    product.refresh_from_db()
    assert product.commission_rate is None  # empty: the merchant's default


def test_plain_rate_post_of_a_bad_value_rerenders_the_page_with_the_error(owner_client, product):
    response = rate_post(owner_client, product, "abc")

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>" in html
    assert 'value="abc"' in html
    assert "Enter a number." in html
    product.refresh_from_db()
    assert product.commission_rate == D("20.00")


@pytest.mark.parametrize(
    ("query", "content_type", "start"),
    [
        ("", "text/csv; charset=utf-8", b"\xef\xbb\xbfsku,title"),
        ("?format=xlsx", "application/vnd.openxmlformats", b"PK"),
        ("?format=pdf", "text/csv; charset=utf-8", b"\xef\xbb\xbfsku,title"),
    ],
)
def test_export_downloads_the_catalog(owner_client, product, query, content_type, start):
    response = owner_client.get(reverse("merchant-products-export") + query)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response.content.startswith(start)
    assert "attachment" in response["Content-Disposition"]


# --- Imports -------------------------------------------------------------------------------------


def upload(client, content: bytes, name: str, capture):
    with capture(execute=True):
        return client.post(reverse("merchant-imports"), {"file": SimpleUploadedFile(name, content)})


def test_a_good_file_is_imported_and_its_page_shows_the_counts(
    owner_client, merchant, django_capture_on_commit_callbacks
):
    factories.ProductFactory(merchant=merchant, sku="OLD-1", title="Old")
    content = csv_bytes(
        [
            ["sku", "title", "url", "price", "commission_rate"],
            ["OLD-1", "Old, renamed", "https://shop.example.com/1", "10.00", ""],
            ["NEW-1", "New", "https://shop.example.com/2", "20.50", "15"],
        ]
    )

    response = upload(owner_client, content, "catalog.csv", django_capture_on_commit_callbacks)

    product_import = ProductImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("merchant-import", args=[product_import.pk])
    assert product_import.status == "succeeded"
    assert Product.objects.get(sku="NEW-1").commission_rate == D("15.00")
    assert Product.objects.get(sku="OLD-1").title == "Old, renamed"
    html = owner_client.get(response["Location"]).content.decode()
    assert stat(html, "created") == "1"
    assert stat(html, "updated") == "1"
    assert "data-progress-url" not in html
    listing = owner_client.get(reverse("merchant-imports")).content.decode()
    assert "catalog.csv" in listing and "Succeeded" in listing


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("catalog.txt", b"sku,title", "Upload a .csv or .xlsx file."),
        ("catalog.xls", b"sku,title", "Old .xls workbooks are not supported"),
        ("catalog.csv", b"", "The submitted file is empty."),
        ("catalog.csv", "sku,title\n".encode("utf-16"), "The file is not UTF-8 text."),
        ("catalog.xlsx", b"not a workbook", "The file is not a readable XLSX workbook."),
        ("catalog.csv", b"x" * 2000, "The file is larger than"),
    ],
)
def test_a_bad_file_is_refused_next_to_the_field(
    owner_client, settings, django_capture_on_commit_callbacks, name, content, message
):
    settings.ALLIANCE_IMPORT_MAX_BYTES = 1000

    response = upload(owner_client, content, name, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'<p class="error" id="id_file_error">' + re.escape(message), html)
    assert not ProductImport.objects.exists()


def test_a_failed_import_lists_every_row_error_and_offers_them_as_csv(
    owner_client, django_capture_on_commit_callbacks
):
    content = csv_bytes(
        [
            ["sku", "title", "url", "price"],
            ["A-1", "Fine", "https://shop.example.com/1", "10.00"],
            ["A-2", "Bad price", "https://shop.example.com/2", "ten"],
            ["A-3", "Bad url", "=not a url", "1.00"],
        ]
    )

    response = upload(owner_client, content, "bad.csv", django_capture_on_commit_callbacks)

    product_import = ProductImport.objects.get()
    assert product_import.status == "failed"
    assert not Product.objects.filter(sku="A-1").exists()
    html = owner_client.get(response["Location"]).content.decode()
    assert stat(html, "errors") == "2"
    assert "<code>price</code></td>\n        <td>Enter a plain number, such as 12.50.</td>" in html
    assert ">3</td>" in html and ">4</td>" in html
    errors = owner_client.get(reverse("merchant-import-errors", args=[product_import.pk]))
    assert errors["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(errors.content.decode("utf-8-sig"))))
    assert rows == [
        ["row", "column", "message"],
        ["3", "price", "Enter a plain number, such as 12.50."],
        ["4", "url", "Enter a valid URL."],
    ]


def test_progress_json_follows_the_import(owner_client, merchant):
    product_import = ProductImport.objects.create(
        merchant=merchant, file_format="csv", content=b"x"
    )
    url = reverse("merchant-import-progress", args=[product_import.pk])

    assert owner_client.get(url).json() == {
        "progress": 0.0,
        "done": False,
        "label": "Waiting to start…",
    }
    ProductImport.objects.filter(pk=product_import.pk).update(
        status="running", total_rows=200, processed_rows=50
    )
    assert owner_client.get(url).json() == {
        "progress": 0.25,
        "done": False,
        "label": "50 of 200 rows checked",
    }
    page = owner_client.get(reverse("merchant-import", args=[product_import.pk])).content.decode()
    assert f'data-progress-url="{url}"' in page
    assert '<progress max="1" value="0.2500"' in page
    assert '<meta http-equiv="refresh" content="2">' in page
    ProductImport.objects.filter(pk=product_import.pk).update(status="succeeded")
    assert owner_client.get(url).json() == {"progress": 1.0, "done": True, "label": "Succeeded"}


# --- Overview ------------------------------------------------------------------------------------


@pytest.fixture
def shop_history(merchant, other_merchant):
    """Sales around today's and the period's midnights (TIME_ZONE), and the noise that must
    not count: bots, unattributed and cancelled orders, another merchant."""
    product = factories.ProductFactory(merchant=merchant, sku="TEA", commission_rate=D("20"))
    ada, bob = (
        factories.PromoterFactory(display_name="Ada"),
        factories.PromoterFactory(display_name="Bob"),
    )
    midnight = today_start()
    first_day = midnight - timedelta(days=29)
    # Yesterday 23:59:59 and today 00:00:00: two different days.
    sale(merchant, product, ada, "YESTERDAY", "100.00", midnight - timedelta(seconds=1))
    sale(merchant, product, bob, "TODAY", "50.00", midnight, complete=True)
    # The first day of the 30 days, and the second before it (only in the 90 days).
    sale(merchant, product, ada, "FIRST-DAY", "10.00", first_day)
    old = sale(
        merchant,
        product,
        ada,
        "TOO-OLD",
        "1000.00",
        first_day - timedelta(seconds=1),
        complete=True,
    )
    # Attributed, then cancelled: an order, but no GMV and no commission.
    cancelled = sale(merchant, product, bob, "CANCELLED", "70.00", midnight - timedelta(days=3))
    store(
        merchant,
        event(
            "order.cancelled",
            "CANCELLED",
            items=[("TEA", "70.00")],
            paid_at=cancelled.paid_at,
            occurred_at=cancelled.paid_at + timedelta(hours=2),
            click_id=None,
        ),
    )
    store(
        merchant,
        event(
            "order.paid",
            "WALK-IN",
            items=[("TEA", "30.00")],
            paid_at=midnight - timedelta(days=2),
            customer_id="walk-in",
        ),
    )
    link = factories.LinkFactory(promoter=ada, product=product)
    factories.ClickFactory(link=link, created_at=midnight - timedelta(days=1), is_bot=True)
    # A click the traffic rules marked: counted in the clicks and apart, never as unique.
    factories.ClickFactory(
        link=link,
        created_at=midnight - timedelta(days=1),
        is_suspicious=True,
        suspicion="click_flood",
    )
    foreign = factories.ProductFactory(merchant=other_merchant, sku="TEA")
    sale(other_merchant, foreign, ada, "ELSEWHERE", "500.00", midnight - timedelta(hours=5))
    # The old sale is due: settled into the ledger, owed until the merchant pays its statement.
    old_commission = Commission.objects.get(order=old)
    assert commission_settle(commission_id=old_commission.pk)
    return {"ada": ada, "bob": bob, "midnight": midnight, "first_day": first_day}


def test_overview_numbers_are_exact_across_day_boundaries(owner_client, shop_history):
    midnight = shop_history["midnight"]

    response = owner_client.get(reverse("merchant-overview"))

    html = response.content.decode()
    # Clicks: an hour before each sale (the first day's click falls on the day before the
    # period), the bot's and the suspicious one, each also counted apart.
    assert stat(html, "clicks") == "5"
    assert stat(html, "unique-clicks") == "3"
    assert stat(html, "bot-clicks") == "1"
    assert stat(html, "suspicious-clicks") == "1"
    assert stat(html, "orders") == "4"  # yesterday, today, first day, cancelled
    assert stat(html, "gmv") == "CN¥160.00"  # 100 + 50 + 10
    # Estimated: 20.00 (paid) + 10.00 (completed) + 2.00 (first day); settled unpaid: 200.00.
    assert stat(html, "owed") == "CN¥232.00"
    assert "CN¥32.00 estimated" in html and "CN¥200.00 settled and not yet paid" in html

    overview = response.context["overview"]
    assert (
        overview.days[-1] == midnight.date()
        and overview.days[0] == shop_history["first_day"].date()
    )
    assert len(overview.days) == 30
    assert overview.orders[-1] == 1 and overview.orders[-2] == 1 and overview.orders[0] == 1
    assert overview.gmv[-1] == D("50.00") and overview.gmv[-2] == D("100.00")
    assert overview.gmv[0] == D("10.00")
    assert overview.commission[-1] == D("10.00") and overview.commission[-2] == D("20.00")
    assert overview.orders[-4] == 1 and overview.gmv[-4] == D("0.00")  # the cancelled order
    assert sum(overview.orders) == 4
    assert overview.totals["commission"] == D("32.00")


def test_overview_period_switch(owner_client, shop_history):
    week = owner_client.get(reverse("merchant-overview"), {"days": "7"})
    quarter = owner_client.get(reverse("merchant-overview"), {"days": "90"})
    invalid = owner_client.get(reverse("merchant-overview"), {"days": "8"})

    assert len(week.context["overview"].days) == 7
    assert stat(week.content.decode(), "gmv") == "CN¥150.00"
    assert stat(quarter.content.decode(), "gmv") == "CN¥1,160.00"
    assert stat(quarter.content.decode(), "orders") == "5"
    assert invalid.context["days"] == 30
    assert 'href="?days=7"' in week.content.decode()
    assert 'aria-current="page">Last 7 days' in week.content.decode()


def test_overview_takes_a_fixed_number_of_queries(
    owner_client, shop_history, django_assert_max_num_queries
):
    # Session, user, membership and merchant, then the five sums.
    with django_assert_max_num_queries(9):
        response = owner_client.get(reverse("merchant-overview"), {"days": "90"})
    assert response.status_code == 200


def test_selector_zero_fills_every_day(merchant):
    overview = selectors.merchant_overview(merchant=merchant, days=7)

    assert overview.clicks == [0] * 7
    assert overview.gmv == [D("0.00")] * 7
    assert overview.commission_owed == D("0.00")


# --- Orders --------------------------------------------------------------------------------------


def test_orders_show_promoter_amounts_and_commission_status(owner_client, shop_history):
    html = owner_client.get(reverse("merchant-orders")).content.decode()

    assert "WALK-IN" not in html  # not attributed
    row = html[html.index("<code>TODAY</code>") :]
    row = row[: row.index("</tr>")]
    assert "Bob" in row
    assert "CN¥50.00" in row  # amount
    assert "CN¥10.00" in row  # commission
    assert "CN¥9.00" in row  # the promoter's share after the 10% platform fee
    assert "Confirmed (order completed)" in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["TODAY", "YESTERDAY", "CANCELLED", "FIRST-DAY", "TOO-OLD"]),
        ({"status": "cancelled"}, ["CANCELLED"]),
        ({"invalid_reason": "cancelled"}, ["CANCELLED"]),
        ({"invalid_reason": "unknown_source"}, ["WALK-IN"]),
        ({"status": "completed"}, ["TODAY", "TOO-OLD"]),
        ({"date_from": "today", "date_to": "today"}, ["TODAY"]),
        ({"date_to": "yesterday"}, ["YESTERDAY", "CANCELLED", "FIRST-DAY", "TOO-OLD"]),
        ({"date_from": "yesterday", "date_to": "nonsense"}, ["TODAY", "YESTERDAY"]),
    ],
)
def test_orders_filters(owner_client, shop_history, query, expected):
    days = {
        "today": shop_history["midnight"].date().isoformat(),
        "yesterday": (shop_history["midnight"].date() - timedelta(days=1)).isoformat(),
    }
    query = {name: days.get(value, value) for name, value in query.items()}

    html = owner_client.get(reverse("merchant-orders"), query).content.decode()

    assert re.findall(r"<td><code>([A-Z-]+)</code></td>", html) == expected


def test_orders_list_takes_a_fixed_number_of_queries(
    owner_client, shop_history, django_assert_max_num_queries
):
    # 8, and 4 for fraud review: the orders' marks, and the held commissions, open flags and
    # suspicious clicks of the summary (dashboards.merchant.fraud).
    with django_assert_max_num_queries(12):
        response = owner_client.get(reverse("merchant-orders"))
    assert response.status_code == 200


# --- Top promoters -------------------------------------------------------------------------------


def test_top_promoters_by_gmv_with_conversion(
    owner_client, shop_history, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = owner_client.get(reverse("merchant-promoters"))

    rows = response.context["rows"]
    assert [(r.display_name, r.clicks, r.orders, r.gmv, r.commission) for r in rows] == [
        ("Ada", 3, 2, D("110.00"), D("22.00")),
        ("Bob", 2, 2, D("50.00"), D("10.00")),
    ]
    assert [(r.unique_clicks, r.bot_clicks, r.suspicious_clicks) for r in rows] == [
        (1, 1, 1),
        (2, 0, 0),
    ]
    # Conversion is per unique click: the bot's and the suspicious click do not dilute it.
    assert (rows[0].conversion, rows[1].conversion) == (2.0, 1.0)
    html = response.content.decode()
    assert html.index("Ada") < html.index("Bob")
    assert "200%" in html and "100%" in html
    quarter = owner_client.get(reverse("merchant-promoters"), {"days": "90"}).context["rows"]
    assert quarter[0].gmv == D("1110.00")
