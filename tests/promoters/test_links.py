import re
from decimal import Decimal

import pytest

from promoters.models import Link
from promoters.services import BASE62

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_promoter_creates_product_link_with_share_forms(promoter_api, promoter, product):
    product.title = "Longjing green tea 250g"
    product.price = Decimal("128.00")
    product.save()

    response = promoter_api.post("/api/v1/links/", {"product": product.pk}, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    link = Link.objects.get(pk=body["id"])
    assert link.promoter == promoter
    assert link.merchant == product.merchant
    assert link.channel.is_default
    assert len(link.code) >= 8 and set(link.code) <= set(BASE62)
    assert body["short_url"] == f"http://testserver/t/{link.code}"
    assert body["share_text"] == (
        f"Longjing green tea 250g\n128.00 CNY\nhttp://testserver/t/{link.code}"
    )
    assert body["target_url"] == product.url
    assert body["clicks_count"] == 0


def test_store_link_with_coupon_and_sub_id(promoter_api, promoter, merchant):
    coupon = factories.CouponFactory(merchant=merchant, code="TEA10", description="10 off 100")
    channel = factories.ChannelFactory(promoter=promoter)

    response = promoter_api.post(
        "/api/v1/links/",
        {"merchant": merchant.pk, "coupon": coupon.pk, "channel": channel.pk, "sub_id": "post-7"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["product"] is None
    assert body["channel"] == channel.pk
    assert body["sub_id"] == "post-7"
    assert body["share_text"].splitlines() == [
        merchant.name,
        "TEA10: 10 off 100",
        body["short_url"],
    ]


def test_exclusive_coupon_of_the_promoter_is_accepted(promoter_api, promoter, merchant):
    coupon = factories.CouponFactory(merchant=merchant, exclusive_promoter=promoter)

    response = promoter_api.post(
        "/api/v1/links/", {"merchant": merchant.pk, "coupon": coupon.pk}, format="json"
    )

    assert response.status_code == 201, response.json()


def test_short_url_base_setting(promoter_api, product, settings):
    settings.ALLIANCE_SHORT_URL_BASE = "https://s.example.cn"

    body = promoter_api.post("/api/v1/links/", {"product": product.pk}, format="json").json()

    assert body["short_url"] == f"https://s.example.cn/t/{body['code']}"


def test_qr_codes_encode_the_short_url(promoter_api, link):
    svg = promoter_api.get(f"/api/v1/links/{link.pk}/qr.svg/")
    png = promoter_api.get(f"/api/v1/links/{link.pk}/qr.png/")

    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<?xml") and b"<svg" in svg.content
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_link_stats_count_clicks(promoter_api, link):
    factories.ClickFactory(link=link, is_unique=True)
    factories.ClickFactory(link=link, is_unique=False)
    factories.ClickFactory(link=link, is_unique=True, is_bot=True)
    factories.ClickFactory(link=link, is_unique=True, is_suspicious=True, suspicion="click_flood")

    body = promoter_api.get(f"/api/v1/links/{link.pk}/").json()

    counts = ("clicks_count", "unique_clicks_count", "bot_clicks_count", "suspicious_clicks_count")
    assert tuple(body[name] for name in counts) == (4, 1, 1, 1)


def test_clicks_say_whether_suspicious_and_filter_by_it(promoter_api, link):
    factories.ClickFactory(link=link)
    flagged = factories.ClickFactory(link=link, is_suspicious=True, suspicion="cookie_stuffing")

    everything = promoter_api.get("/api/v1/clicks/").json()["results"]
    suspicious = promoter_api.get("/api/v1/clicks/?is_suspicious=true").json()["results"]

    assert len(everything) == 2
    assert [(c["id"], c["is_suspicious"], c["suspicion"]) for c in suspicious] == [
        (str(flagged.pk), True, "cookie_stuffing")
    ]


def test_deactivating_a_link_makes_it_gone(promoter_api, client, link):
    client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0")  # cached as live

    response = promoter_api.patch(f"/api/v1/links/{link.pk}/", {"is_active": False}, format="json")

    assert response.status_code == 200
    assert client.get(f"/t/{link.code}").status_code == 410


def test_link_target_cannot_be_changed(promoter_api, link, merchant):
    other = factories.ProductFactory(merchant=merchant)

    promoter_api.patch(f"/api/v1/links/{link.pk}/", {"product": other.pk}, format="json")

    link.refresh_from_db()
    assert link.product_id != other.pk


def test_links_list_query_count_does_not_grow(
    promoter_api, promoter, django_assert_max_num_queries
):
    for _ in range(15):
        factories.LinkFactory(promoter=promoter)

    with django_assert_max_num_queries(4):
        response = promoter_api.get("/api/v1/links/?page_size=50")

    assert response.json()["count"] == 15


def test_link_codes_are_unique_and_random(promoter_api, product):
    codes = {
        promoter_api.post("/api/v1/links/", {"product": product.pk}, format="json").json()["code"]
        for _ in range(20)
    }

    assert len(codes) == 20
    assert all(re.fullmatch(r"[0-9A-Za-z]{8,}", code) for code in codes)


def test_duplicate_channel_name_is_a_field_error_even_past_the_check(promoter):
    from alliance.errors import AllianceError
    from promoters.models import Channel
    from promoters.services import channel_save

    channel_save(channel=Channel(promoter=promoter, name="Tea group"))

    with pytest.raises(AllianceError) as error:
        channel_save(channel=Channel(promoter=promoter, name="Tea group"))

    assert (error.value.field, error.value.code) == ("name", "name_taken")
    assert promoter.channels.filter(name="Tea group").count() == 1


def test_declaring_the_same_customer_twice_is_a_field_error(promoter, merchant):
    from alliance.errors import AllianceError
    from promoters.services import own_customer_declare

    own_customer_declare(promoter=promoter, merchant=merchant, customer_id="c-1")

    with pytest.raises(AllianceError) as error:
        own_customer_declare(promoter=promoter, merchant=merchant, customer_id="c-1")

    assert (error.value.field, error.value.code) == ("customer_id", "already_declared")
    assert promoter.own_customers.count() == 1


def test_a_channel_name_past_the_rule_is_refused_by_the_constraint(promoter):
    """Two requests both find the name free (the rule runs before the insert); the unique
    constraint then refuses the second, with the same answer."""
    from unittest import mock

    from alliance.errors import AllianceError
    from promoters import services
    from promoters.models import Channel

    services.channel_save(channel=Channel(promoter=promoter, name="Tea group"))

    with mock.patch.object(services, "channel_name_check"), pytest.raises(AllianceError) as error:
        services.channel_save(channel=Channel(promoter=promoter, name="Tea group"))

    assert (error.value.field, error.value.code) == ("name", "name_taken")
    assert promoter.channels.filter(name="Tea group").count() == 1


def test_a_customer_declared_past_the_rule_is_refused_by_the_constraint(promoter, merchant):
    from unittest import mock

    from alliance.errors import AllianceError
    from promoters import services

    services.own_customer_declare(promoter=promoter, merchant=merchant, customer_id="c-1")

    with mock.patch.object(services, "own_customer_check"), pytest.raises(AllianceError) as error:
        services.own_customer_declare(promoter=promoter, merchant=merchant, customer_id="c-1")

    assert (error.value.field, error.value.code) == ("customer_id", "already_declared")
    assert promoter.own_customers.count() == 1
