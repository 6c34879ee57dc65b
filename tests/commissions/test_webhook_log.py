"""Forged webhook deliveries cannot push a merchant's real deliveries out of its delivery log:
unsigned refusals are counted per hour and reason, with a sample (commissions/services/
webhooks.py, webhook_refusal_count)."""

import json

import pytest
from django.test import TestCase

from commissions.models import WebhookRefusalCount
from commissions.selectors import webhook_delivery_log
from products.models import WEBHOOK_DELIVERY_LOG_SIZE, WebhookDelivery
from products.services import merchant_webhook_secret_rotate

from .. import factories
from .test_webhook import paid_body, signed_headers, url

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FORGED_SECRET = "whsec_" + "A" * 44


@pytest.fixture
def shop():
    merchant = factories.MerchantFactory()
    merchant.owner = factories.MerchantMemberFactory(merchant=merchant).user
    merchant.secret = merchant_webhook_secret_rotate(merchant=merchant, actor=merchant.owner)
    factories.ProductFactory(merchant=merchant, sku="TEA-1")
    return merchant


def deliver(api, shop, body: str, headers: dict):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return api.post(url(shop), body, content_type="application/json", **headers)


def test_a_hundred_forged_deliveries_leave_the_real_ones_in_the_log(api, shop):
    good = json.dumps(paid_body(order_id="W-1"))
    bad = json.dumps(paid_body(sku="NO-SUCH", order_id="W-2"))
    assert (
        deliver(api, shop, good, signed_headers([shop.secret], good, msg_id="real_ok")).status_code
        == 202
    )
    assert (
        deliver(api, shop, bad, signed_headers([shop.secret], bad, msg_id="real_bad")).status_code
        == 400
    )

    for number in range(100):
        forged = json.dumps(paid_body(order_id=f"F-{number}"))
        headers = signed_headers([FORGED_SECRET], forged, msg_id=f"forged_{number}")
        assert deliver(api, shop, forged, headers).status_code == 401
    for number in range(3):
        unsigned = deliver(api, shop, "{}", {"HTTP_WEBHOOK_ID": f"bare_{number}"})
        assert unsigned.status_code == 401

    log = webhook_delivery_log(merchant=shop, limit=WEBHOOK_DELIVERY_LOG_SIZE)
    assert [(entry.event_id, entry.result) for entry in log] == [
        ("real_bad", "rejected"),
        ("real_ok", "applied"),
    ]
    counts = {
        (row.reason, row.count, row.last_event_id) for row in WebhookRefusalCount.objects.all()
    }
    assert counts == {("invalid_signature", 100, "forged_99"), ("missing_headers", 3, "bare_2")}
    assert WebhookDelivery.objects.filter(merchant=shop).count() == 1


def test_the_merchant_page_shows_the_counts_beside_the_log(api, client, shop):
    good = json.dumps(paid_body(order_id="W-1"))
    deliver(api, shop, good, signed_headers([shop.secret], good, msg_id="real_ok"))
    for number in range(60):
        forged = json.dumps(paid_body(order_id=f"F-{number}"))
        deliver(api, shop, forged, signed_headers([FORGED_SECRET], forged, msg_id=f"f_{number}"))

    client.force_login(shop.owner)
    page = client.get("/merchant/webhook/")

    assert page.status_code == 200
    assert "real_ok" in page.text
    refusals = page.context["refusal_counts"]
    assert [(row.reason, row.count, row.last_event_id) for row in refusals] == [
        ("invalid_signature", 60, "f_59")
    ]
    assert "f_0" not in page.text


def test_a_too_large_body_is_counted_not_logged(api, shop, settings):
    settings.ALLIANCE_WEBHOOK_MAX_BYTES = 10
    body = json.dumps(paid_body())

    response = deliver(api, shop, body, signed_headers([shop.secret], body, msg_id="big"))

    assert response.status_code == 413
    assert not WebhookDelivery.objects.exists()
    row = WebhookRefusalCount.objects.get()
    assert (row.merchant_id, row.reason, row.count, row.last_event_id) == (
        shop.pk,
        "too_large",
        1,
        "big",
    )


def test_counts_are_per_merchant(api, shop):
    other = factories.MerchantFactory()
    merchant_webhook_secret_rotate(
        merchant=other, actor=factories.MerchantMemberFactory(merchant=other).user
    )
    for merchant in (shop, other, other):
        deliver(api, merchant, "{}", signed_headers([FORGED_SECRET], "{}"))

    assert sorted(WebhookRefusalCount.objects.values_list("merchant_id", "count")) == sorted(
        [(shop.pk, 1), (other.pk, 2)]
    )
