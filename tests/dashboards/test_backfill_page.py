"""The merchant's backfill page: upload JSON Lines, read what became of every line."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from commissions.models import Order

from .. import factories
from ..commissions.orders import event

pytestmark = pytest.mark.django_db
URL = "/merchant/orders/backfill/"


@pytest.fixture
def merchant_client(client):
    shop = factories.MerchantFactory()
    factories.ProductFactory(merchant=shop, sku="PG-1")
    client.force_login(factories.MerchantMemberFactory(merchant=shop).user)
    return client


def test_an_upload_lists_every_line(merchant_client):
    good = event(
        "order.paid",
        "PG-100",
        items=[("PG-1", "20.00")],
        paid_at=timezone.now() - timedelta(days=1),
    )
    content = f"{json.dumps(good)}\nnot json\n".encode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = merchant_client.post(URL, {"file": SimpleUploadedFile("past.jsonl", content)})

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 accepted, 0 already received, 1 with errors." in page
    assert "The body is not valid JSON" in page
    assert Order.objects.filter(order_id="PG-100").exists()


def test_no_file_is_an_error_next_to_the_field(merchant_client):
    response = merchant_client.post(URL, {})

    assert response.status_code == 400
    assert 'id="id_file_error"' in response.content.decode()


def test_promoters_cannot_use_it(client, promoter):
    client.force_login(promoter.user)

    response = client.get(URL)

    assert response.status_code == 403
    assert "Only merchant members can upload orders." in response.content.decode()
