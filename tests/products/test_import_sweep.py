from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from products.models import Product, ProductImport
from products.tasks import run_product_import, sweep_stale_product_imports

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

CSV = b"sku,title,url,price\nTEA-1,Longjing 250g,https://tea.example.com/1,128.00\n"


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing fails the way kombu fails when the broker cannot be reached."""

    def refuse(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(run_product_import, "delay", refuse)
    return monkeypatch


def test_lost_publish_keeps_the_upload_and_the_sweeper_applies_it(
    merchant_api, merchant, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = merchant_api.post(
            "/api/v1/product-imports/",
            {"file": SimpleUploadedFile("products.csv", CSV)},
            format="multipart",
        )

    assert response.status_code == 202
    product_import = ProductImport.objects.get(pk=response.json()["id"])
    assert product_import.status == ProductImport.Status.PENDING
    assert not Product.objects.exists()

    broker_down.undo()  # the broker is back
    assert sweep_stale_product_imports() == 0  # too fresh: its publish may still be in flight
    ProductImport.objects.filter(pk=product_import.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )

    assert sweep_stale_product_imports() == 1

    product_import.refresh_from_db()
    assert product_import.status == ProductImport.Status.SUCCEEDED
    assert Product.objects.get(merchant=merchant, sku="TEA-1").price == Decimal("128.00")
    assert sweep_stale_product_imports() == 0
