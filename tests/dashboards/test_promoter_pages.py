"""The promoter's dashboard: access, tenancy, the link builder, QR downloads, the product
selection's filters and sorts, exact overview numbers and pinned query counts."""

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from alliance.models import ReviewStatus
from commissions.models import Commission
from commissions.services.rates import RateBook
from dashboards.promoter import selectors
from products.models import Campaign
from promoters.models import CampaignApplication, Channel, Link

from .. import factories
from ..commissions.orders import lifecycle, store

pytestmark = pytest.mark.django_db

D = Decimal
PAGES = [
    "/promoter/",
    "/promoter/products/",
    "/promoter/links/new/",
    "/promoter/links/",
    "/promoter/channels/",
    "/promoter/orders/",
    "/promoter/team/",
]


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def page(promoter):
    return browser(promoter.user)


def html_of(response) -> str:
    return response.content.decode()


# --- Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_for_an_approved_promoter(page, path):
    assert page.get(path).status_code == 200


@pytest.mark.parametrize("path", PAGES)
def test_merchants_get_403_and_visitors_the_login(merchant_owner, path):
    response = browser(merchant_owner).get(path)
    assert response.status_code == 403
    assert "This page is for promoters." in html_of(response)
    anonymous = Client().get(path)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/login/?next={path}"


@pytest.mark.parametrize("path", PAGES)
def test_a_pending_promoter_sees_its_review_state(path):
    pending = factories.PromoterFactory(status=ReviewStatus.PENDING)
    response = browser(pending.user).get(path)
    assert response.status_code == 403
    assert 'id="links"' not in html_of(response)
    assert 'id="window-clicks"' not in html_of(response)


def test_another_promoters_link_and_qr_are_404(page, other_promoter, product):
    theirs = factories.LinkFactory(promoter=other_promoter, product=product)
    for path in (
        f"/promoter/links/{theirs.pk}/",
        f"/promoter/links/{theirs.pk}/qr.png",
        f"/promoter/links/{theirs.pk}/qr.svg",
    ):
        assert page.get(path).status_code == 404
    assert page.post(f"/promoter/links/{theirs.pk}/", {"action": "deactivate"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


# --- Link builder -------------------------------------------------------------------------------


def test_the_builder_preselects_the_product_and_lists_its_coupons(page, promoter, product):
    general = factories.CouponFactory(merchant=product.merchant, code="ALL10")
    factories.CouponFactory(merchant=product.merchant, code="MINE", exclusive_promoter=promoter)
    factories.CouponFactory(
        merchant=product.merchant, code="THEIRS", exclusive_promoter=factories.PromoterFactory()
    )
    factories.CouponFactory(code="ELSEWHERE")
    factories.CouponFactory(
        merchant=product.merchant,
        code="OVER",
        valid_from=timezone.now() - timedelta(days=9),
        valid_until=timezone.now() - timedelta(days=1),
    )

    html = html_of(page.get(f"/promoter/links/new/?product={product.pk}"))

    # The picker shows the product by its SKU and store, not by an internal number.
    assert f'value="{product.sku} · {product.merchant.name}"' in html
    assert product.title in html
    assert f'<option value="{general.pk}">ALL10' in html
    assert "MINE" in html
    for code in ("THEIRS", "ELSEWHERE", "OVER"):
        assert code not in html


def test_good_input_creates_the_link(page, promoter, product):
    channel = factories.ChannelFactory(promoter=promoter, name="Moms group")
    coupon = factories.CouponFactory(merchant=product.merchant, code="ALL10")

    response = page.post(
        "/promoter/links/new/",
        {
            "product": product.pk,
            "channel": channel.pk,
            "coupon": coupon.pk,
            "sub_id": "spring-post",
        },
    )

    link = Link.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/promoter/links/{link.pk}/"
    assert (link.promoter, link.product, link.merchant) == (promoter, product, product.merchant)
    assert (link.channel, link.coupon, link.sub_id) == (channel, coupon, "spring-post")


def test_bad_input_shows_errors_next_to_fields_and_keeps_it(page, other_promoter, merchant):
    inactive = factories.ProductFactory(merchant=merchant, is_active=False)
    theirs = factories.ChannelFactory(promoter=other_promoter)
    too_long = "x" * 65

    response = page.post(
        "/promoter/links/new/",
        {"product": inactive.pk, "channel": theirs.pk, "sub_id": too_long},
    )

    assert response.status_code == 400
    html = html_of(response)
    assert '<p class="error" id="id_channel_error">Choose one of your channels.</p>' in html
    assert (
        '<p class="error" id="id_sub_id_error">'
        "Ensure this value has at most 64 characters (it has 65).</p>"
    ) in html
    assert f'value="{too_long}"' in html
    assert f'value="{inactive.pk}"' in html
    assert not Link.objects.exists()


def test_an_inactive_product_is_refused_next_to_the_product(page, promoter, merchant):
    inactive = factories.ProductFactory(merchant=merchant, is_active=False)
    channel = promoter.channels.get()

    response = page.post(
        "/promoter/links/new/", {"product": inactive.pk, "channel": channel.pk, "sub_id": "keep"}
    )

    assert response.status_code == 400
    html = html_of(response)
    assert (
        '<p class="error" id="id_product_error">'
        f"None of the products you may promote matches “{inactive.pk}”.</p>"
    ) in html
    assert 'value="keep"' in html
    assert not Link.objects.exists()


@pytest.mark.parametrize("typed", ["sku", "title", "sku · store", "part of the title"])
def test_the_link_builder_finds_the_product_by_sku_or_name(page, promoter, merchant, typed):
    product = factories.ProductFactory(merchant=merchant, sku="TEA-250", title="Longjing 250 g")
    factories.ProductFactory(merchant=merchant, sku="CUP-1", title="Glass cup")
    text = {
        "sku": "tea-250",
        "title": "Longjing 250 g",
        "sku · store": f"TEA-250 · {merchant.name}",
        "part of the title": "longjing",
    }[typed]

    response = page.post(
        "/promoter/links/new/", {"product": text, "channel": promoter.channels.get().pk}
    )

    assert response.status_code == 302
    assert Link.objects.get().product == product


def test_the_link_builder_names_the_products_a_vague_text_matches(page, promoter, merchant):
    factories.ProductFactory(merchant=merchant, sku="TEA-1", title="Green tea")
    factories.ProductFactory(merchant=merchant, sku="TEA-2", title="Black tea")
    factories.ProductFactory(sku="TEA-9", title="Someone else's tea", is_active=False)

    response = page.post(
        "/promoter/links/new/", {"product": "tea", "channel": promoter.channels.get().pk}
    )

    assert response.status_code == 400
    assert (
        '<p class="error" id="id_product_error">Several match “tea”: '
        f"TEA-2 · {merchant.name}, TEA-1 · {merchant.name}. Type more of it or pick one.</p>"
    ) in html_of(response)
    assert not Link.objects.exists()


def test_the_product_lookup_suggests_only_promotable_products(page, merchant):
    factories.ProductFactory(merchant=merchant, sku="TEA-1", title="Green tea")
    factories.ProductFactory(merchant=merchant, sku="TEA-2", title="Old tea", is_active=False)

    answer = page.get("/promoter/products/lookup/", {"q": "tea"})

    assert answer.status_code == 200
    assert answer.json() == {
        "results": [{"value": f"TEA-1 · {merchant.name}", "label": "Green tea"}]
    }


def test_without_channels_the_builder_offers_a_default(page, promoter):
    Channel.objects.filter(promoter=promoter).delete()
    assert "Create a default channel" in html_of(page.get("/promoter/links/new/"))

    response = page.post("/promoter/channels/", {"action": "default_channel", "next": "link-new"})

    assert response["Location"] == "/promoter/links/new/"
    assert list(promoter.channels.values_list("name", "is_default")) == [("Default", True)]


# --- A link's page and QR codes -----------------------------------------------------------------


def test_the_link_page_shares_and_counts(page, link):
    factories.ClickFactory(link=link, ip_hash="a" * 32)
    factories.ClickFactory(link=link, ip_hash="a" * 32, is_unique=False)

    html = html_of(page.get(f"/promoter/links/{link.pk}/"))

    assert f'value="http://testserver/t/{link.code}"' in html
    assert 'data-copy="#short-url"' in html and 'data-copy="#share-text"' in html
    assert f"{link.product.title}\n99.00 CNY\nhttp://testserver/t/{link.code}" in html
    assert '<p class="card-value" id="link-clicks">2</p>' in html
    assert '<p class="card-value" id="link-unique-clicks">1</p>' in html
    assert '<p class="card-value" id="link-orders">0</p>' in html
    assert "<svg" in html
    assert f'href="/promoter/links/{link.pk}/qr.png"' in html


def test_deactivate_and_activate(page, link):
    assert page.post(f"/promoter/links/{link.pk}/", {"action": "deactivate"}).status_code == 302
    link.refresh_from_db()
    assert not link.is_active
    assert Client().get(f"/t/{link.code}").status_code == 410

    page.post(f"/promoter/links/{link.pk}/", {"action": "activate"})
    link.refresh_from_db()
    assert link.is_active


@pytest.mark.parametrize(("fmt", "content_type"), [("png", "image/png"), ("svg", "image/svg+xml")])
def test_qr_downloads(page, link, fmt, content_type):
    response = page.get(f"/promoter/links/{link.pk}/qr.{fmt}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="link-{link.code}.{fmt}"'
    if fmt == "png":
        assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in response.content


def test_an_unknown_qr_format_is_404(page, link):
    assert page.get(f"/promoter/links/{link.pk}/qr.gif").status_code == 404


# --- Product selection --------------------------------------------------------------------------


@pytest.fixture
def catalog(promoter):
    """Four products in two stores. Shop A's targeted campaign (30 %) covers "Kettle" and
    admits the promoter; shop B's general 15 % campaign covers its whole store."""
    kitchen = factories.CategoryFactory(name="Kitchen", slug="kitchen")
    shop_a = factories.MerchantFactory(name="Alpha Home", default_commission_rate=D("8.00"))
    shop_b = factories.MerchantFactory(name="Beta Tech")
    kettle = factories.ProductFactory(
        merchant=shop_a, sku="A-KET", title="Kettle", price=D("200.00"),
        commission_rate=D("10.00"), category=kitchen,
    )  # fmt: skip
    pan = factories.ProductFactory(
        merchant=shop_a, sku="A-PAN", title="Pan", price=D("50.00"), commission_rate=None,
        category=kitchen,
    )  # fmt: skip  # 8 % default: 4.00
    cable = factories.ProductFactory(
        merchant=shop_b, sku="B-CAB", title="Cable", price=D("19.90"), commission_rate=D("5.00")
    )  # 15 % campaign: 2.985 -> 2.99
    phone = factories.ProductFactory(
        merchant=shop_b, sku="B-PHO", title="Phone", price=D("1000.00"), commission_rate=D("20")
    )  # 20 % own rate beats the campaign: 200.00
    factories.ProductFactory(merchant=shop_b, sku="B-OFF", title="Retired", is_active=False)
    factories.ProductFactory(
        merchant=factories.MerchantFactory(status=ReviewStatus.PENDING), title="Unreviewed"
    )
    targeted = factories.CampaignFactory(
        merchant=shop_a, kind=Campaign.Kind.TARGETED, rate=D("30.00"),
        applies_to_all_products=False,
    )  # fmt: skip
    targeted.products.add(kettle)
    CampaignApplication.objects.create(
        campaign=targeted, promoter=promoter, status=ReviewStatus.APPROVED
    )
    factories.CampaignFactory(merchant=shop_b, rate=D("15.00"))
    factories.CampaignFactory(merchant=shop_b, rate=D("90.00"), is_active=False)
    for _ in range(3):
        factories.ClickFactory(link=factories.LinkFactory(product=cable))
    factories.ClickFactory(link=factories.LinkFactory(product=pan))
    factories.ClickFactory(
        link=factories.LinkFactory(product=phone), created_at=timezone.now() - timedelta(days=40)
    )
    return {"kettle": kettle, "pan": pan, "cable": cable, "phone": phone}


def titles(response) -> list[str]:
    return [product.title for product in response.context["page_obj"]]


def test_rates_and_earnings_match_the_rate_book(promoter, catalog):
    rows = {
        p.title: (p.promoter_rate, p.estimated_earning)
        for p in selectors.products_for_promoter(
            factories.ProductFactory._meta.model.objects.promotable(), promoter=promoter
        )
    }

    assert rows == {
        "Kettle": (D("30.00"), D("60.00")),
        "Pan": (D("8.00"), D("4.00")),
        "Cable": (D("15.00"), D("2.99")),
        "Phone": (D("20.00"), D("200.00")),
    }
    book, now = RateBook(), timezone.now()
    for product in catalog.values():
        rate = book.rate(
            merchant=product.merchant, product=product, promoter_id=promoter.pk, moment=now
        )
        assert rows[product.title][0] == rate


def test_a_promoter_not_admitted_gets_the_products_own_rate(catalog, other_promoter):
    kettle = selectors.products_for_promoter(
        factories.ProductFactory._meta.model.objects.filter(pk=catalog["kettle"].pk),
        promoter=other_promoter,
    ).get()
    assert (kettle.promoter_rate, kettle.estimated_earning) == (D("10.00"), D("20.00"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Phone", "Kettle", "Pan", "Cable"]),
        ("sort=rate", ["Kettle", "Phone", "Cable", "Pan"]),
        ("sort=price", ["Cable", "Pan", "Kettle", "Phone"]),
        ("sort=-price", ["Phone", "Kettle", "Pan", "Cable"]),
        ("sort=popular", ["Cable", "Pan", "Phone", "Kettle"]),
        ("q=alpha", ["Kettle", "Pan"]),
        ("q=b-cab", ["Cable"]),
        ("q=kett", ["Kettle"]),
        ("min_price=50&max_price=200&sort=price", ["Pan", "Kettle"]),
        ("min_rate=15&sort=rate", ["Kettle", "Phone", "Cable"]),
        ("max_rate=15&sort=rate", ["Cable", "Pan"]),
        ("min_earning=4&max_earning=60", ["Kettle", "Pan"]),
    ],
)
def test_product_filters_and_sorts(page, catalog, query, expected):
    response = page.get(f"/promoter/products/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_product_category_filter(page, catalog):
    category = catalog["kettle"].category
    assert titles(page.get(f"/promoter/products/?category={category.pk}&sort=price")) == [
        "Pan",
        "Kettle",
    ]


def test_product_rows_show_price_rate_earning_and_promote(page, catalog):
    html = html_of(page.get("/promoter/products/?q=kettle"))
    kettle = catalog["kettle"]
    assert "CN¥200.00" in html and "30%" in html and "CN¥60.00" in html
    assert f'href="/promoter/link-new/?product={kettle.pk}"' not in html
    assert f'href="/promoter/links/new/?product={kettle.pk}"' in html


def test_a_bad_filter_is_400(page, catalog):
    response = page.get("/promoter/products/?min_price=abc")
    assert response.status_code == 400
    assert "Enter a number." in html_of(response)


def test_product_selection_query_count_is_pinned(page, catalog, django_assert_max_num_queries):
    for n in range(30):
        factories.ProductFactory(
            merchant=catalog["cable"].merchant, image_url=f"https://img.example.com/{n}.jpg"
        )
    with django_assert_max_num_queries(7):
        response = page.get("/promoter/products/?sort=popular")
    assert len(response.context["page_obj"]) == 24
    assert 'alt="' in html_of(response)


# --- Overview -----------------------------------------------------------------------------------


def _sale(promoter, *, amount: str, paid_at, order_id: str, product=None, settle=False):
    product = product or factories.ProductFactory(commission_rate=D("20.00"))
    link = factories.LinkFactory(promoter=promoter, product=product)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    events = lifecycle(order_id, product.sku, amount, click_id=click.pk, paid_at=paid_at)
    store(product.merchant, events[0])
    if settle:
        store(product.merchant, events[1])
    return link


def test_overview_numbers_are_exact(page, promoter):
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localtime(timezone.now(), zone).date()
    noon = datetime.combine(today, datetime.min.time(), tzinfo=zone) + timedelta(hours=12)
    # 100.00 at 20 %: C = 20.00, F = 2.00, P = 18.00 (yesterday, paid only: estimated)
    link = _sale(promoter, amount="100.00", paid_at=noon - timedelta(days=1), order_id="OV-1")
    # 50.00: P = 9.00, completed: confirmed (40 days ago, outside the 30-day window)
    _sale(promoter, amount="50.00", paid_at=noon - timedelta(days=40), order_id="OV-2", settle=True)
    for _ in range(2):
        factories.ClickFactory(link=link, created_at=noon - timedelta(days=1))
    factories.ClickFactory(link=link, created_at=timezone.now())

    response = page.get("/promoter/")
    html = html_of(response)

    assert '<p class="card-value" id="earnings-pending">CN¥18.00</p>' in html
    assert '<p class="card-value" id="earnings-confirmed">CN¥9.00</p>' in html
    assert '<p class="card-value" id="earnings-available">CN¥0.00</p>' in html
    assert '<p class="card-value" id="window-clicks">4</p>' in html
    assert '<p class="card-value" id="window-orders">1</p>' in html
    assert '<p class="card-value" id="window-conversion">25%</p>' in html
    assert '<p class="card-value" id="window-earnings">CN¥18.00</p>' in html
    assert '<p class="card-value" id="window-epc">CN¥4.50</p>' in html
    window = response.context["window"]
    assert len(window.days) == 30 and window.days[-1] == today
    assert window.clicks[-2:] == [3, 1] and sum(window.clicks[:-2]) == 0
    assert window.orders[-2:] == [1, 0]
    assert window.earnings[-2] == D("18.00") and sum(window.earnings) == D("18.00")

    assert 'id="window-click-split">4 unique · 0 bots · 0 suspicious<' in html

    wide = page.get("/promoter/?days=90").context["window"]
    assert (wide.clicks_total, wide.orders_total, wide.earnings_total) == (5, 2, D("27.00"))
    assert len(page.get("/promoter/?days=7").context["window"].days) == 7
    assert len(page.get("/promoter/?days=12").context["window"].days) == 30


def test_overview_days_follow_the_time_zone(promoter):
    zone = ZoneInfo(settings.TIME_ZONE)
    now = datetime(2026, 3, 10, 1, 0, tzinfo=zone)  # 17:00 UTC the day before
    link = factories.LinkFactory(promoter=promoter)
    factories.ClickFactory(link=link, created_at=now - timedelta(minutes=30))  # 00:30 local
    factories.ClickFactory(link=link, created_at=now - timedelta(hours=2))  # 23:00 the 9th

    window = selectors.promoter_window(promoter, days=7, now=now)

    assert window.days[-1].isoformat() == "2026-03-10"
    assert window.clicks[-2:] == [1, 1]


def test_overview_query_count_is_pinned(page, promoter, django_assert_max_num_queries):
    for n in range(3):
        _sale(
            promoter, amount="10.00", paid_at=timezone.now() - timedelta(days=n), order_id=f"Q{n}"
        )
    # 11 since the balances say how much a fraud review holds (payouts.selectors).
    with django_assert_max_num_queries(11):
        assert page.get("/promoter/?days=90").status_code == 200


# --- Lists --------------------------------------------------------------------------------------


def test_links_list_filters_and_pins_queries(page, promoter, django_assert_max_num_queries):
    group = factories.ChannelFactory(promoter=promoter, name="Group")
    for n in range(6):
        link = factories.LinkFactory(
            promoter=promoter, channel=group if n % 2 else promoter.channels.get(name="Default")
        )
        factories.ClickFactory(link=link)
    retired = factories.LinkFactory(promoter=promoter, channel=group, is_active=False)
    factories.LinkFactory()  # someone else's

    with django_assert_max_num_queries(7):
        everything = page.get("/promoter/links/")
    assert len(everything.context["page_obj"]) == 7

    in_group = page.get(f"/promoter/links/?channel={group.pk}").context["page_obj"]
    assert {link.channel_id for link in in_group} == {group.pk} and len(in_group) == 4
    inactive = page.get("/promoter/links/?active=no").context["page_obj"]
    assert [link.pk for link in inactive] == [retired.pk]
    assert all(
        link.clicks_count == 1
        for link in page.get("/promoter/links/?active=yes").context["page_obj"]
    )


def test_orders_list_masks_and_filters(page, promoter, django_assert_max_num_queries):
    now = timezone.now()
    _sale(promoter, amount="100.00", paid_at=now - timedelta(days=2), order_id="SHOP-ORDER-001")
    _sale(
        promoter, amount="50.00", paid_at=now - timedelta(days=20), order_id="SHOP-ORDER-002",
        settle=True,
    )  # fmt: skip
    other = factories.PromoterFactory()
    _sale(other, amount="70.00", paid_at=now - timedelta(days=2), order_id="THEIRS-0001")

    with django_assert_max_num_queries(7):
        response = page.get("/promoter/orders/")
    html = html_of(response)
    assert "SHO*********01" in html and "SHO*********02" in html
    assert "SHOP-ORDER-001" not in html and "THEIRS" not in html
    assert "CN¥18.00" in html and "CN¥9.00" in html

    confirmed = page.get("/promoter/orders/?status=confirmed").context["rows"]
    assert [row["commission"].order.order_id for row in confirmed] == ["SHOP-ORDER-002"]
    assert confirmed[0]["estimated"] == D("9.00") and confirmed[0]["settled"] is None
    since = (timezone.localdate() - timedelta(days=5)).isoformat()
    recent = page.get(f"/promoter/orders/?paid_from={since}").context["rows"]
    assert [row["commission"].order.order_id for row in recent] == ["SHOP-ORDER-001"]


def test_orders_show_why_a_line_earns_nothing(page, promoter):
    product = factories.ProductFactory(commission_rate=D("0.00"))
    _sale(promoter, amount="30.00", paid_at=timezone.now(), order_id="ZERO-00001", product=product)
    assert Commission.objects.get().invalid_reason == "zero_rate"
    assert "The product earns no commission" in html_of(page.get("/promoter/orders/"))


# --- Channels -----------------------------------------------------------------------------------


def test_channels_create_rename_default_delete(page, promoter, django_assert_max_num_queries):
    for _ in range(5):
        factories.LinkFactory(
            promoter=promoter, channel=factories.ChannelFactory(promoter=promoter)
        )
    with django_assert_max_num_queries(5):
        listed = page.get("/promoter/channels/")
    assert len(listed.context["channels"]) == 6
    Link.objects.all().delete()
    Channel.objects.filter(promoter=promoter).exclude(name="Default").delete()

    created = page.post(
        "/promoter/channels/", {"action": "create", "new-name": "Blog", "new-kind": "blog"}
    )
    assert created.status_code == 302
    blog = promoter.channels.get(name="Blog")
    assert blog.kind == "blog" and not blog.is_default

    page.post(
        "/promoter/channels/",
        {"action": "rename", "channel": blog.pk, f"rename-{blog.pk}-name": "My blog"},
    )
    blog.refresh_from_db()
    assert blog.name == "My blog"

    page.post("/promoter/channels/", {"action": "default", "channel": blog.pk})
    assert list(promoter.channels.filter(is_default=True)) == [blog]

    old_default = promoter.channels.get(name="Default")
    assert (
        page.post(
            "/promoter/channels/", {"action": "delete", "channel": old_default.pk}
        ).status_code
        == 302
    )
    assert list(promoter.channels.all()) == [blog]


def test_channel_errors_are_readable(page, promoter, other_promoter):
    used = factories.ChannelFactory(promoter=promoter, name="Used")
    factories.LinkFactory(promoter=promoter, channel=used)

    refused = page.post("/promoter/channels/", {"action": "delete", "channel": used.pk})
    assert refused.status_code == 400
    assert "This channel has links; it cannot be deleted." in html_of(refused)
    assert Channel.objects.filter(pk=used.pk).exists()

    taken = page.post(
        "/promoter/channels/", {"action": "create", "new-name": "Used", "new-kind": "blog"}
    )
    assert taken.status_code == 400
    assert "You already have a channel with this name." in html_of(taken)
    assert 'value="Used"' in html_of(taken)

    blank = page.post(
        "/promoter/channels/",
        {"action": "rename", "channel": used.pk, f"rename-{used.pk}-name": ""},
    )
    assert blank.status_code == 400
    assert f'id="id_rename-{used.pk}-name_error">This field is required.' in html_of(blank)

    theirs = other_promoter.channels.get()
    assert (
        page.post("/promoter/channels/", {"action": "default", "channel": theirs.pk}).status_code
        == 404
    )


# --- Team ---------------------------------------------------------------------------------------


def test_team_shows_the_invite_and_the_downlines(page, promoter, django_assert_max_num_queries):
    joined = factories.PromoterFactory(display_name="Xiao Li")
    factories.upline(promoter=joined, upline=promoter, days_ago=3)
    # 100.00 at 20 %: C = 20.00, upline level 1 gets 5 % of C = 1.00
    _sale(joined, amount="100.00", paid_at=timezone.now() - timedelta(hours=2), order_id="DL-1")
    factories.upline(promoter=factories.PromoterFactory(), upline=factories.PromoterFactory())

    with django_assert_max_num_queries(6):
        html = html_of(page.get("/promoter/team/"))

    assert f'value="{promoter.invite_code}"' in html
    assert f'value="http://testserver/signup/promoter/?invite={promoter.invite_code}"' in html
    assert "Xiao Li" in html
    assert '<td class="num">1</td>' in html and "CN¥1.00" in html


def test_conversion_is_per_unique_click_and_every_kind_of_click_is_counted_apart(page, promoter):
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localtime(timezone.now(), zone).date()
    noon = datetime.combine(today, datetime.min.time(), tzinfo=zone) + timedelta(hours=12)
    link = _sale(promoter, amount="100.00", paid_at=noon - timedelta(days=1), order_id="CV-1")
    factories.ClickFactory(link=link, created_at=noon - timedelta(days=1), is_bot=True)
    for _ in range(2):
        factories.ClickFactory(
            link=link,
            created_at=noon - timedelta(days=1),
            is_suspicious=True,
            suspicion="click_flood",
        )

    html = html_of(page.get("/promoter/"))
    links = html_of(page.get("/promoter/links/"))
    detail = html_of(page.get(f"/promoter/links/{link.pk}/"))

    # One sale's click is unique: 1 order per 1 unique click, whatever bots and floods add.
    assert '<p class="card-value" id="window-clicks">4</p>' in html
    assert 'id="window-click-split">1 unique · 1 bots · 2 suspicious<' in html
    assert '<p class="card-value" id="window-conversion">100%</p>' in html
    assert '<p class="card-value" id="link-bot-clicks">1</p>' in detail
    assert '<p class="card-value" id="link-suspicious-clicks">2</p>' in detail
    row = links[links.index(f'data-link="{link.pk}"') :]
    assert [cell for cell in re.findall(r'<td class="num">([^<]*)</td>', row)[:4]] == [
        "4",
        "1",
        "1",
        "2",
    ]
