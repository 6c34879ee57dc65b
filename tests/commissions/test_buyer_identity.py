"""The optional buyer identity of an order event (docs/webhooks.md, "Buyer identity"): the
hashed contact and the device id, validated where the event enters and kept on the order."""

import hashlib

import pytest

from commissions.models import Order, OrderEvent
from commissions.services.events import event_validate
from products.services import merchant_webhook_secret_rotate

from .. import factories
from ..assertions import assert_error
from .orders import store
from .test_webhook import paid_body, post

pytestmark = pytest.mark.django_db
CONTACT = hashlib.sha256(b"8613800138000").hexdigest()


@pytest.fixture
def shop():
    merchant = factories.MerchantFactory()
    owner = factories.MerchantMemberFactory(merchant=merchant).user
    merchant.secret = merchant_webhook_secret_rotate(merchant=merchant, actor=owner)
    return merchant


@pytest.fixture
def product(shop):
    return factories.ProductFactory(merchant=shop, sku="TEA-1")


def test_the_buyer_identity_is_kept_on_the_order_as_sent_in_its_first_event(api, shop, product):
    body = paid_body(order_id="BI-1") | {
        "buyer_contact_hash": f" {CONTACT.upper()} ",
        "device_id": "ios:6F9619FF-8B86",
    }

    response = post(api, shop, body)

    assert response.status_code == 202, response.content
    order = Order.objects.get(merchant=shop, order_id="BI-1")
    assert (order.buyer_contact_hash, order.buyer_device) == (CONTACT, "ios:6F9619FF-8B86")
    payload = OrderEvent.objects.get().payload
    assert (payload["buyer_contact_hash"], payload["device_id"]) == (CONTACT, "ios:6F9619FF-8B86")


@pytest.mark.parametrize("empty", [None, ""])
def test_an_event_without_a_buyer_identity_stores_none(shop, product, empty):
    store(shop, paid_body(order_id="BI-2") | {"buyer_contact_hash": empty, "device_id": empty})

    order = Order.objects.get(merchant=shop, order_id="BI-2")
    assert (order.buyer_contact_hash, order.buyer_device) == ("", "")
    assert "device_id" not in OrderEvent.objects.get().payload


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("buyer_contact_hash", "13800138000"),  # the phone itself, not its hash
        ("buyer_contact_hash", CONTACT[:-1]),
        ("buyer_contact_hash", CONTACT[:-1] + "g"),
        ("buyer_contact_hash", 12345),
        ("device_id", "has space"),
        ("device_id", "tab\there"),
        ("device_id", "nul\x00"),
        ("device_id", "设备"),
        ("device_id", "d" * 65),
    ],
)
def test_a_bad_buyer_identity_is_refused_naming_its_field(api, shop, product, field, value):
    response = post(api, shop, paid_body(order_id="BI-3") | {field: value})

    assert_error(response, 400, code="validation_error", fields={field})
    assert not OrderEvent.objects.exists()


def test_the_backfill_validates_the_same_way(shop, product):
    schema = event_validate(merchant=shop, data=paid_body() | {"device_id": "a b"})

    assert set(schema.errors) == {"device_id"}
