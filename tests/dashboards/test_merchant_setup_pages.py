"""The merchant's setup pages: campaigns and their applications, coupons, and the webhook."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commissions.models import Order, OrderEvent
from products.models import WEBHOOK_DELIVERY_LOG_SIZE, Campaign, Coupon, WebhookDelivery
from products.services import merchant_webhook_secret_rotate, webhook_delivery_record
from promoters.models import CampaignApplication

from .. import factories
from ..commissions.test_webhook import paid_body, signed_headers, url

pytestmark = pytest.mark.django_db

PAGES = ["/merchant/campaigns/", "/merchant/coupons/", "/merchant/webhook/"]


@pytest.fixture
def shop():
    merchant = factories.MerchantFactory()
    merchant.owner = factories.MerchantMemberFactory(merchant=merchant).user
    return merchant


@pytest.fixture
def owner_client(client, shop):
    client.force_login(shop.owner)
    return client


def window(days_from: int, days_until: int) -> dict:
    now = timezone.localtime().replace(second=0, microsecond=0)
    return {
        "from": (now + timedelta(days=days_from)).strftime("%Y-%m-%dT%H:%M"),
        "until": (now + timedelta(days=days_until)).strftime("%Y-%m-%dT%H:%M"),
    }


# --- Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_pages_open_for_the_merchant(owner_client, path):
    response = owner_client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_go_to_the_login_page(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("path", PAGES)
def test_promoters_are_refused(client, promoter, path):
    client.force_login(promoter.user)

    response = client.get(path)

    assert response.status_code == 403
    assert "This page is for merchants." in response.content.decode()


def test_another_merchants_campaign_and_coupon_are_404(owner_client):
    other = factories.MerchantFactory()
    campaign = factories.CampaignFactory(merchant=other)
    coupon = factories.CouponFactory(merchant=other)

    assert owner_client.get(f"/merchant/campaigns/{campaign.pk}/").status_code == 404
    assert owner_client.post(f"/merchant/campaigns/{campaign.pk}/active/").status_code == 404
    assert owner_client.post(f"/merchant/coupons/{coupon.pk}/active/").status_code == 404
    campaign.refresh_from_db()
    coupon.refresh_from_db()
    assert campaign.is_active and coupon.is_active


# --- Campaigns -----------------------------------------------------------------------------------


def test_the_list_shows_each_campaign_with_its_pending_applications(
    owner_client, shop, django_assert_max_num_queries
):
    targeted = factories.CampaignFactory(
        merchant=shop,
        name="Spring picks",
        kind=Campaign.Kind.TARGETED,
        rate=Decimal("12.50"),
        applies_to_all_products=False,
    )
    targeted.products.set(factories.ProductFactory.create_batch(2, merchant=shop))
    for status in ("pending", "pending", "approved"):
        factories_application(targeted, status=status)
    for _ in range(5):
        factories.CampaignFactory(merchant=shop)
    factories.CampaignFactory(name="Not mine")

    with django_assert_max_num_queries(8):
        response = owner_client.get("/merchant/campaigns/")

    page = response.content.decode()
    row = page[page.index("Spring picks") :].split("</tr>")[0]
    assert "12.5%" in row
    assert "2 products" in row
    assert ">2</a></td>" in row
    assert "Not mine" not in page


def factories_application(campaign, *, status="pending"):
    return CampaignApplication.objects.create(
        campaign=campaign, promoter=factories.PromoterFactory(), status=status, message="Hi"
    )


def test_a_campaign_is_created_on_the_merchants_own_products(owner_client, shop):
    mine = factories.ProductFactory(merchant=shop)
    dates = window(1, 10)

    response = owner_client.post(
        "/merchant/campaigns/",
        {
            "name": "Double eleven",
            "kind": "event",
            "rate": "30",
            "products": [mine.pk],
            "starts_at": dates["from"],
            "ends_at": dates["until"],
        },
    )

    campaign = Campaign.objects.get(merchant=shop)
    assert response.status_code == 302
    assert response["Location"] == f"/merchant/campaigns/{campaign.pk}/"
    assert (campaign.name, campaign.kind, campaign.rate) == ("Double eleven", "event", Decimal(30))
    assert list(campaign.products.all()) == [mine]
    assert campaign.ends_at - campaign.starts_at == timedelta(days=9)


def test_a_bad_campaign_shows_errors_next_to_fields_and_keeps_the_input(owner_client, shop):
    foreign = factories.ProductFactory()
    dates = window(5, 1)

    response = owner_client.post(
        "/merchant/campaigns/",
        {
            "name": "Backwards",
            "kind": "general",
            "rate": "150",
            "products": [foreign.pk],
            "starts_at": dates["from"],
            "ends_at": dates["until"],
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_ends_at_error">The end must be after the start.' in page
    assert 'id="id_rate_error"' in page
    assert 'id="id_products_error"' in page
    assert 'value="Backwards"' in page
    assert f'value="{dates["from"]}"' in page
    assert not Campaign.objects.exists()


def test_an_event_campaign_needs_both_dates(owner_client, shop):
    response = owner_client.post(
        "/merchant/campaigns/",
        {"name": "Flash", "kind": "event", "rate": "20", "applies_to_all_products": "on"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_starts_at_error">An event campaign needs a start and an end.' in page
    assert 'id="id_ends_at_error">An event campaign needs a start and an end.' in page


def test_a_campaign_is_edited_and_deactivated(owner_client, shop):
    campaign = factories.CampaignFactory(merchant=shop, rate=Decimal("25.00"))

    edited = owner_client.post(
        f"/merchant/campaigns/{campaign.pk}/",
        {"name": "Renamed", "kind": "general", "rate": "18", "applies_to_all_products": "on"},
    )
    deactivated = owner_client.post(
        f"/merchant/campaigns/{campaign.pk}/active/", {"is_active": "0"}
    )

    campaign.refresh_from_db()
    assert (edited.status_code, deactivated.status_code) == (302, 302)
    assert (campaign.name, campaign.rate, campaign.is_active) == ("Renamed", Decimal(18), False)
    assert "Inactive" in owner_client.get(f"/merchant/campaigns/{campaign.pk}/").content.decode()


def test_an_application_is_approved(owner_client, shop):
    campaign = factories.CampaignFactory(merchant=shop, kind=Campaign.Kind.TARGETED)
    application = factories_application(campaign)
    prefix = f"application-{application.pk}"

    response = owner_client.post(
        f"/merchant/campaigns/{campaign.pk}/applications/{application.pk}/",
        {f"{prefix}-decision": "approved", f"{prefix}-reason": ""},
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == "approved"


def test_a_rejection_needs_a_reason(owner_client, shop):
    campaign = factories.CampaignFactory(merchant=shop, kind=Campaign.Kind.TARGETED)
    application = factories_application(campaign)
    prefix = f"application-{application.pk}"
    target = f"/merchant/campaigns/{campaign.pk}/applications/{application.pk}/"

    without = owner_client.post(target, {f"{prefix}-decision": "rejected", f"{prefix}-reason": " "})
    application.refresh_from_db()
    assert without.status_code == 400
    assert f'id="id_{prefix}-reason_error">A reason is required.' in without.content.decode()
    assert application.status == "pending"

    with_reason = owner_client.post(
        target, {f"{prefix}-decision": "rejected", f"{prefix}-reason": "Audience too small"}
    )
    application.refresh_from_db()
    assert with_reason.status_code == 302
    assert (application.status, application.review_reason) == ("rejected", "Audience too small")


def test_another_merchants_application_is_404(owner_client, shop):
    campaign = factories.CampaignFactory(merchant=shop, kind=Campaign.Kind.TARGETED)
    foreign = factories_application(factories.CampaignFactory(kind=Campaign.Kind.TARGETED))

    response = owner_client.post(
        f"/merchant/campaigns/{campaign.pk}/applications/{foreign.pk}/",
        {f"application-{foreign.pk}-decision": "approved"},
    )

    assert response.status_code == 404


# --- Coupons -------------------------------------------------------------------------------------


def test_a_coupon_is_created_exclusive_to_a_promoter_by_invite_code(owner_client, shop, promoter):
    dates = window(0, 30)

    response = owner_client.post(
        "/merchant/coupons/",
        {
            "code": "TEA10",
            "description": "10 off 100",
            "valid_from": dates["from"],
            "valid_until": dates["until"],
            "quantity": "500",
            "promoter_code": promoter.invite_code.lower(),
        },
    )

    assert response.status_code == 302
    coupon = Coupon.objects.get(merchant=shop)
    assert (coupon.code, coupon.quantity, coupon.exclusive_promoter) == ("TEA10", 500, promoter)
    page = owner_client.get("/merchant/coupons/").content.decode()
    assert "TEA10" in page and promoter.display_name in page


def test_a_coupon_with_bad_dates_or_an_unknown_promoter_is_refused(owner_client, shop):
    dates = window(3, 1)

    response = owner_client.post(
        "/merchant/coupons/",
        {
            "code": "LATE",
            "description": "Backwards",
            "valid_from": dates["from"],
            "valid_until": dates["until"],
            "promoter_code": "NOPE",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_valid_until_error">The end must be after the start.' in page
    assert 'id="id_promoter_code_error">No approved promoter has this invite code.' in page
    assert 'value="LATE"' in page
    assert not Coupon.objects.exists()


def test_a_taken_coupon_code_is_an_error_next_to_the_code(owner_client, shop):
    factories.CouponFactory(merchant=shop, code="DUP")
    dates = window(0, 3)

    response = owner_client.post(
        "/merchant/coupons/",
        {
            "code": "DUP",
            "description": "Again",
            "valid_from": dates["from"],
            "valid_until": dates["until"],
        },
    )

    assert response.status_code == 400
    assert 'id="id_code_error">You already have a coupon with this code.' in (
        response.content.decode()
    )


def test_a_coupon_is_deactivated(owner_client, shop):
    coupon = factories.CouponFactory(merchant=shop)

    response = owner_client.post(f"/merchant/coupons/{coupon.pk}/active/", {"is_active": "0"})

    coupon.refresh_from_db()
    assert response.status_code == 302
    assert not coupon.is_active


# --- Webhook -------------------------------------------------------------------------------------


def test_rotating_shows_the_new_secret_once_and_it_verifies(owner_client, api, shop):
    factories.ProductFactory(merchant=shop, sku="TEA-1")
    old = merchant_webhook_secret_rotate(merchant=shop, actor=shop.owner)

    response = owner_client.post("/merchant/webhook/secret/")

    shop.refresh_from_db()
    secret = shop.webhook_secret
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert secret != old and f'id="new-secret">{secret}</code>' in page
    assert 'data-copy="#new-secret"' in page
    until = timezone.localtime(shop.webhook_previous_secret_expires_at)
    assert "The previous secret keeps verifying until" in page
    assert str(until.year) in page

    again = owner_client.get("/merchant/webhook/")
    assert secret not in again.content.decode() and old not in again.content.decode()
    assert again["Cache-Control"] == "no-store"

    text = json.dumps(paid_body())
    with TestCase.captureOnCommitCallbacks(execute=True):
        delivery = api.post(
            url(shop), text, content_type="application/json", **signed_headers([secret], text)
        )
    assert delivery.status_code == 202, delivery.content


def test_staff_members_cannot_rotate(client, shop):
    staff = factories.MerchantMemberFactory(merchant=shop, role="staff").user
    client.force_login(staff)

    response = client.post("/merchant/webhook/secret/")

    shop.refresh_from_db()
    assert response.status_code == 403
    assert "Only the merchant&#x27;s owner may change its settings." in response.content.decode()
    assert shop.webhook_secret == ""


def test_a_test_event_is_logged_with_its_result_and_creates_no_order(owner_client, shop):
    factories.ProductFactory(merchant=shop, sku="TEA-1", price=Decimal("88.00"))
    merchant_webhook_secret_rotate(merchant=shop, actor=shop.owner)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = owner_client.post("/merchant/webhook/test/", follow=True)

    page = response.content.decode()
    delivery = WebhookDelivery.objects.get(merchant=shop)
    assert (delivery.is_test, delivery.http_status, delivery.error_code) == (True, 202, "")
    assert delivery.event_id.startswith("test_")
    assert "The test event was verified and is valid." in page
    assert "Test passed" in page and delivery.event_id in page
    assert not Order.objects.exists() and not OrderEvent.objects.exists()


def test_a_test_event_without_a_secret_is_logged_as_refused(owner_client, shop):
    response = owner_client.post("/merchant/webhook/test/", follow=True)

    delivery = WebhookDelivery.objects.get(merchant=shop)
    assert (delivery.http_status, delivery.error_code) == (401, "no_secret")
    assert "Test refused (401)" in response.content.decode()


def test_a_refused_real_delivery_appears_in_the_log(owner_client, api, shop):
    factories.ProductFactory(merchant=shop, sku="TEA-1")
    merchant_webhook_secret_rotate(merchant=shop, actor=shop.owner)
    text = json.dumps(paid_body())
    headers = signed_headers(["whsec_" + "A" * 44], text, msg_id="msg_forged")

    refused = api.post(url(shop), text, content_type="application/json", **headers)

    assert refused.status_code == 401
    # Unsigned, so anyone could have sent it: counted with a sample, not logged row by row.
    assert not WebhookDelivery.objects.exists()
    page = owner_client.get("/merchant/webhook/").content.decode()
    assert "Unsigned deliveries refused in the last 24 hours" in page
    assert "invalid_signature" in page and "msg_forged" in page
    assert "No signature matches this merchant&#x27;s webhook secret." in page


def test_an_invalid_event_and_an_accepted_one_are_listed_newest_first(owner_client, api, shop):
    factories.ProductFactory(merchant=shop, sku="TEA-1")
    shop.secret = merchant_webhook_secret_rotate(merchant=shop, actor=shop.owner)
    bad = json.dumps(paid_body(sku="NO-SUCH"))
    good = json.dumps(paid_body(order_id="W-9"))

    api.post(url(shop), bad, content_type="application/json", **signed_headers([shop.secret], bad))
    with TestCase.captureOnCommitCallbacks(execute=True):
        api.post(
            url(shop),
            good,
            content_type="application/json",
            **signed_headers([shop.secret], good, msg_id="msg_good"),
        )

    page = owner_client.get("/merchant/webhook/").content.decode()
    assert page.index("msg_good") < page.index("validation_error")
    assert "Unknown SKU for this merchant: NO-SUCH." in page
    assert "Applied" in page and "W-9" in page


def test_unknown_merchants_are_not_logged(api):
    api.post(
        "/api/v1/webhooks/merchants/987654/order-events/", "{}", content_type="application/json"
    )

    assert not WebhookDelivery.objects.exists()


def test_the_log_keeps_only_the_latest_rows_per_merchant(shop):
    other = factories.MerchantFactory()
    webhook_delivery_record(merchant=other, http_status=401, error_code="invalid_signature")
    for number in range(WEBHOOK_DELIVERY_LOG_SIZE + 3):
        webhook_delivery_record(merchant=shop, http_status=400, event_id=f"m{number}")

    kept = list(WebhookDelivery.objects.filter(merchant=shop).values_list("event_id", flat=True))
    assert len(kept) == WEBHOOK_DELIVERY_LOG_SIZE
    assert "m0" not in kept and f"m{WEBHOOK_DELIVERY_LOG_SIZE + 2}" in kept
    assert WebhookDelivery.objects.filter(merchant=other).count() == 1


def test_the_accepted_path_does_not_touch_the_delivery_log(api, shop):
    factories.ProductFactory(merchant=shop, sku="TEA-1")
    secret = merchant_webhook_secret_rotate(merchant=shop, actor=shop.owner)
    warm = json.dumps(paid_body(order_id="Q-0"))
    api.post(url(shop), warm, content_type="application/json", **signed_headers([secret], warm))
    text = json.dumps(paid_body(order_id="Q-1"))
    headers = signed_headers([secret], text, msg_id="msg_q1")

    with CaptureQueriesContext(connection) as queries:
        response = api.post(url(shop), text, content_type="application/json", **headers)

    assert response.status_code == 202
    # Merchant and SKUs come from the process cache: the inbox insert is the only statement.
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == 1, statements
    assert "webhookdelivery" not in statements[0].lower()


def test_the_webhook_page_query_count_is_bounded(owner_client, shop, django_assert_max_num_queries):
    for number in range(10):
        webhook_delivery_record(merchant=shop, http_status=401, event_id=f"r{number}")

    with django_assert_max_num_queries(8):
        response = owner_client.get("/merchant/webhook/")

    assert response.content.decode().count("Refused (401)") == 10
