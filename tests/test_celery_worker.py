"""The task path end to end: the API enqueues on the broker and a real worker process applies it."""

import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from config.celery import app
from products.models import Product, ProductImport

from . import factories
from .celery_worker import celery_worker  # noqa: F401 (a fixture)
from .conftest import client_for

POLL_SECONDS = 60
FINISHED = {ProductImport.Status.SUCCEEDED, ProductImport.Status.FAILED}

CSV = (
    "\ufeffsku,title,url,price,commission_rate,is_active\r\n"
    "W-1,Worker mug,https://shop.example.com/w1,12.5,,yes\r\n"
    "W-2,Worker pot,https://shop.example.com/w2,0.99,7.25,no\r\n"
).encode()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_applies_an_uploaded_product_import(celery_worker, tasks_on_the_broker):  # noqa: F811
    app.control.purge()
    merchant = factories.MerchantFactory()
    client = client_for(factories.MerchantMemberFactory(merchant=merchant).user)

    response = client.post(
        "/api/v1/product-imports/",
        {"file": SimpleUploadedFile("products.csv", CSV)},
        format="multipart",
    )

    assert response.status_code == 202, response.json()
    pk = response.json()["id"]
    deadline = time.monotonic() + POLL_SECONDS
    product_import = ProductImport.objects.get(pk=pk)
    while product_import.status not in FINISHED and time.monotonic() < deadline:
        time.sleep(0.2)
        product_import.refresh_from_db()
    assert product_import.status == ProductImport.Status.SUCCEEDED, (
        f"status {product_import.status!r} after {POLL_SECONDS}s; worker output:\n"
        f"{celery_worker.output}"
    )
    assert (product_import.total_rows, product_import.processed_rows) == (2, 2)
    assert (product_import.created_count, product_import.updated_count) == (2, 0)
    assert product_import.errors == []
    products = Product.objects.filter(merchant=merchant).order_by("sku")
    assert [
        (p.sku, p.title, p.price, p.commission_rate, p.is_active, p.stock_status) for p in products
    ] == [
        ("W-1", "Worker mug", Decimal("12.50"), None, True, "in_stock"),
        ("W-2", "Worker pot", Decimal("0.99"), Decimal("7.25"), False, "in_stock"),
    ]
    # The worker process ran it, not this one.
    assert celery_worker.wait_for("products.tasks.run_product_import[", seconds=5)
    assert " succeeded in " in celery_worker.output, celery_worker.output
