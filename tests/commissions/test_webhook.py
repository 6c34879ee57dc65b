"""The order webhook over HTTP: Standard Webhooks signatures, the inbox, and bad input."""

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.test import TestCase
from django.utils import timezone
from standardwebhooks import Webhook

from commissions.api.schema import OrderEventSchema
from commissions.models import Order, OrderEvent
from commissions.services import events
from commissions.services.webhooks import order_event_receive
from products.services import merchant_webhook_secret_rotate

from .. import factories
from ..assertions import assert_error
from ..conftest import client_for
from .orders import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    merchant = factories.MerchantFactory()
    owner = factories.MerchantMemberFactory(merchant=merchant).user
    merchant.secret = merchant_webhook_secret_rotate(merchant=merchant, actor=owner)
    merchant.owner = owner
    return merchant


@pytest.fixture
def product(shop):
    return factories.ProductFactory(merchant=shop, sku="TEA-1")


def url(merchant) -> str:
    return f"/api/v1/webhooks/merchants/{merchant.pk}/order-events/"


def signed_headers(secrets, body: str, *, msg_id="msg_1", at: datetime | None = None) -> dict:
    at = at or datetime.now(tz=UTC)
    signatures = " ".join(Webhook(s).sign(msg_id, at, body) for s in secrets)
    return {
        "HTTP_WEBHOOK_ID": msg_id,
        "HTTP_WEBHOOK_TIMESTAMP": str(int(at.timestamp())),
        "HTTP_WEBHOOK_SIGNATURE": signatures,
    }


def post(api, merchant, body, *, secrets=None, **header_options):
    text = body if isinstance(body, str) else json.dumps(body)
    headers = signed_headers(secrets or [merchant.secret], text, **header_options)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return api.post(url(merchant), text, content_type="application/json", **headers)


def paid_body(sku="TEA-1", amount="99.00", order_id="W-1"):
    return event(
        "order.paid", order_id, items=[(sku, amount)], paid_at=timezone.now() - timedelta(minutes=5)
    )


def test_a_signed_event_is_stored_acknowledged_and_applied(api, shop, product):
    response = post(api, shop, paid_body())

    assert response.status_code == 202, response.content
    assert response.json()["status"] == "accepted"
    stored = OrderEvent.objects.get(pk=response.json()["id"])
    assert (stored.webhook_id, stored.status) == ("msg_1", "applied")
    order = Order.objects.get(merchant=shop, order_id="W-1")
    assert (order.status, order.amount, order.attribution) == ("paid", 99, "none")


def test_a_store_may_send_numbers_for_the_order_id_and_amounts(api, shop, product):
    """docs/webhooks.md takes an amount as a string or a number; the API's own bodies do not
    (alliance/api/fields.py), stores' systems send what they send."""
    body = paid_body(order_id="W-7")
    body["order_id"] = 20261202
    body["items"][0]["amount"] = 99.5

    response = post(api, shop, body)

    assert response.status_code == 202, response.content
    order = Order.objects.get(merchant=shop, order_id="20261202")
    assert order.amount == Decimal("99.50")


def test_a_redelivery_is_acknowledged_and_ignored(api, shop, product):
    first = post(api, shop, paid_body())
    again = post(api, shop, paid_body())

    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json() == {"id": first.json()["id"], "status": "duplicate"}
    assert OrderEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda h: h.pop("HTTP_WEBHOOK_SIGNATURE"), "missing_headers"),
        (lambda h: h.pop("HTTP_WEBHOOK_ID"), "missing_headers"),
        (lambda h: h.update(HTTP_WEBHOOK_SIGNATURE="v1,AAAA"), "invalid_signature"),
        (lambda h: h.update(HTTP_WEBHOOK_SIGNATURE="garbage"), "invalid_signature"),
        (lambda h: h.update(HTTP_WEBHOOK_SIGNATURE="v1,@@not-base64@@"), "invalid_signature"),
        (lambda h: h.update(HTTP_WEBHOOK_ID="msg_other"), "invalid_signature"),
        (lambda h: h.update(HTTP_WEBHOOK_TIMESTAMP="yesterday"), "stale_timestamp"),
    ],
)
def test_bad_signatures_are_refused_and_store_nothing(api, shop, product, mutate, code):
    text = json.dumps(paid_body())
    headers = signed_headers([shop.secret], text)
    mutate(headers)

    response = api.post(url(shop), text, content_type="application/json", **headers)

    assert_error(response, 401, code=code)
    assert not OrderEvent.objects.exists()


@pytest.mark.parametrize("minutes", [-6, 6])
def test_a_timestamp_more_than_five_minutes_off_is_refused(api, shop, product, minutes):
    response = post(api, shop, paid_body(), at=datetime.now(tz=UTC) + timedelta(minutes=minutes))

    assert_error(response, 401, code="stale_timestamp")
    assert not OrderEvent.objects.exists()


def test_another_merchants_secret_does_not_verify(api, shop, product):
    other = factories.MerchantFactory()
    owner = factories.MerchantMemberFactory(merchant=other).user
    other_secret = merchant_webhook_secret_rotate(merchant=other, actor=owner)

    response = post(api, shop, paid_body(), secrets=[other_secret])

    assert_error(response, 401, code="invalid_signature")


def test_unknown_merchant_is_404(api, shop):
    response = api.post(
        "/api/v1/webhooks/merchants/987654/order-events/", "{}", content_type="application/json"
    )
    assert_error(response, 404, code="not_found")


def test_malformed_json_is_400(api, shop, product):
    response = post(api, shop, '{"type": "order.paid", ')

    assert_error(response, 400, code="malformed_json")
    assert not OrderEvent.objects.exists()


def _with(body, path, value):
    target = body
    *parents, last = path
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("type",), "order.shipped", "type"),
        (("order_id",), KeyError, "order_id"),
        (("paid_at",), KeyError, "paid_at"),
        (("occurred_at",), "not a time", "occurred_at"),
        (("items",), [], "items"),
        (("items", 0, "sku"), "NO-SUCH-SKU", "items.0.sku"),
        (("items", 0, "amount"), "-1.00", "items.0.amount"),
        (("items", 0, "amount"), "12.345", "items.0.amount"),
        (("items", 0, "amount"), "ten", "items.0.amount"),
        (("items", 0, "amount"), KeyError, "items.0.amount"),
        (("items", 0, "refunded_amount"), "100.00", "items.0.refunded_amount"),
        (("items", 0, "quantity"), 0, "items.0.quantity"),
    ],
)
def test_invalid_events_name_the_field_and_store_nothing(api, shop, product, path, value, field):
    body = _with(paid_body(), path, value)

    response = post(api, shop, body)

    assert_error(response, 400, code="validation_error", fields={field})
    assert not OrderEvent.objects.exists()
    assert not Order.objects.exists()


def test_a_body_over_the_limit_is_413(api, shop, product, settings):
    settings.ALLIANCE_WEBHOOK_MAX_BYTES = 100

    response = post(api, shop, paid_body())

    assert_error(response, 413, code="too_large")


def test_rotation_keeps_the_old_secret_valid_during_the_grace_period(api, shop, product, settings):
    old = shop.secret
    new = merchant_webhook_secret_rotate(merchant=shop, actor=shop.owner)
    shop.refresh_from_db()

    with_old = post(api, shop, paid_body(order_id="R-1"), secrets=[old], msg_id="m1")
    with_both = post(api, shop, paid_body(order_id="R-2"), secrets=[old, new], msg_id="m2")
    with_new = post(api, shop, paid_body(order_id="R-3"), secrets=[new], msg_id="m3")

    assert [r.status_code for r in (with_old, with_both, with_new)] == [202, 202, 202]

    after_grace = shop.webhook_previous_secret_expires_at + timedelta(seconds=1)
    with mock.patch("commissions.services.webhooks.timezone.now", return_value=after_grace):
        old_after = post(api, shop, paid_body(order_id="R-4"), secrets=[old], msg_id="m4")
        new_after = post(api, shop, paid_body(order_id="R-5"), secrets=[new], msg_id="m5")
    assert_error(old_after, 401, code="invalid_signature")
    assert new_after.status_code == 202


def test_the_secret_is_created_by_the_owner_and_shown_once(shop):
    client = client_for(shop.owner)

    response = client.post("/api/v1/merchants/me/webhook-secret/")

    assert response.status_code == 200, response.content
    secret = response.json()["secret"]
    assert secret.startswith("whsec_") and secret != shop.secret
    assert response.json()["previous_secret_expires_at"] is not None
    assert "webhook_secret" not in client.get("/api/v1/merchants/me/").json()


def test_staff_members_cannot_rotate_the_secret(shop):
    staff = factories.MerchantMemberFactory(merchant=shop, role="staff").user

    response = client_for(staff).post("/api/v1/merchants/me/webhook-secret/")

    assert_error(response, 403, code="not_allowed")
    shop_secret = type(shop).objects.get(pk=shop.pk).webhook_secret
    assert shop_secret == shop.secret


def test_a_merchant_without_a_secret_gets_a_clear_401(api):
    merchant = factories.MerchantFactory()
    body = json.dumps(paid_body())
    headers = signed_headers(["whsec_" + "A" * 44], body)

    response = api.post(url(merchant), body, content_type="application/json", **headers)

    assert_error(response, 401, code="no_secret")


def test_a_secret_rotated_after_this_process_read_the_merchant_verifies_at_once(api, shop, product):
    assert post(api, shop, paid_body(order_id="C-1"), msg_id="c1").status_code == 202
    new = merchant_webhook_secret_rotate(merchant=shop, actor=shop.owner)

    response = post(api, shop, paid_body(order_id="C-2"), secrets=[new], msg_id="c2")

    assert response.status_code == 202, response.content


def test_a_product_created_after_a_delivery_is_known_to_the_next(api, shop, product):
    assert post(api, shop, paid_body(order_id="K-1"), msg_id="k1").status_code == 202
    factories.ProductFactory(merchant=shop, sku="TEA-2")

    response = post(api, shop, paid_body(sku="TEA-2", order_id="K-2"), msg_id="k2")

    assert response.status_code == 202, response.content


def test_the_domain_reads_events_with_the_published_schema():
    """One reader of an event's fields: the webhook's OpenAPI request body is the schema the
    domain validates with (commissions.apps hands it over), so the two cannot disagree."""
    assert events._event_schema is OrderEventSchema


def test_one_service_receives_a_delivery_and_answers_its_receipt(shop, product):
    text = json.dumps(paid_body())
    headers = {
        name[5:].replace("_", "-").lower(): value
        for name, value in signed_headers([shop.secret], text, msg_id="msg_receive").items()
    }

    with TestCase.captureOnCommitCallbacks(execute=True):
        first = order_event_receive(
            merchant_id=shop.pk, headers=headers, read_body=lambda: text.encode()
        )
        again = order_event_receive(
            merchant_id=shop.pk, headers=headers, read_body=lambda: text.encode()
        )

    assert (first.status_code, first.body["status"]) == (202, "accepted")
    assert again.body == {"id": first.event.pk, "status": "duplicate"}
