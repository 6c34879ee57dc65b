"""Files to upload and the catalog to compare, for the tests of the product import and export."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from products.models import Product

URL = "/api/v1/product-imports/"
EXPORT_URL = "/api/v1/product-imports/export/"
HEADER = [
    "sku",
    "title",
    "url",
    "image_url",
    "price",
    "category",
    "commission_rate",
    "is_active",
    "stock_status",
]


def csv_file(rows, *, bom=False) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_file(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def post(client, content: bytes, name: str, **fields):
    return client.post(
        URL, {"file": SimpleUploadedFile(name, content), **fields}, format="multipart"
    )


def product_values(product: Product) -> tuple:
    return (
        product.sku,
        product.title,
        product.url,
        product.image_url,
        product.price,
        product.category.slug if product.category else None,
        product.commission_rate,
        product.is_active,
        product.stock_status,
    )


def catalog(merchant) -> list[tuple]:
    products = Product.objects.filter(merchant=merchant).select_related("category")
    return [product_values(product) for product in products.order_by("sku")]
