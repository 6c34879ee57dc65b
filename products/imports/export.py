"""Exporting a merchant's catalog in the import's columns, so the file imports back unchanged."""

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from alliance.money import amount_text

from ..models import Merchant, Product
from .columns import BATCH_SIZE, COLUMNS, FORMULA_TRIGGERS, TEXT_COLUMNS, FileFormat


def _export_rows(merchant: Merchant) -> Iterator[dict]:
    products = (
        Product.objects.filter(merchant=merchant).select_related("category").order_by("sku", "pk")
    )
    for product in products.iterator(chunk_size=BATCH_SIZE):
        yield {
            "sku": product.sku,
            "title": product.title,
            "url": product.url,
            "image_url": product.image_url,
            "price": product.price,
            "category": product.category.slug if product.category else "",
            "commission_rate": product.commission_rate,
            "is_active": "true" if product.is_active else "false",
            "stock_status": product.stock_status,
        }


def _csv_cell(name: str, value) -> str:
    if value is None:
        return ""
    text = amount_text(value) if name == "price" else str(value)
    if name in TEXT_COLUMNS and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _csv_bytes(rows: Iterable[dict]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(name, row[name]) for name in COLUMNS])
    # With the byte order mark, Excel opens the file as UTF-8 (Chinese titles stay readable).
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_bytes(rows: Iterable[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("products")
    for letter, width in zip("ABCDEFGHI", (16, 40, 40, 40, 12, 16, 16, 10, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(list(COLUMNS))
    for row in rows:
        cells = []
        for name in COLUMNS:
            value = row[name]
            if isinstance(value, str):
                # A worksheet cannot hold most control characters (a title may carry them);
                # left in, they fail the whole file.
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
            elif isinstance(value, str):
                # A string cell, never a formula, whatever the text starts with.
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def products_export(*, merchant: Merchant, file_format: str) -> bytes:
    """The merchant's catalog in the import's columns, ordered by SKU, amounts as plain decimals,
    so the file imports back unchanged."""
    rows = _export_rows(merchant)
    if file_format == FileFormat.XLSX:
        return _xlsx_bytes(rows)
    return _csv_bytes(rows)


def export_file_name(*, merchant: Merchant, file_format: str) -> str:
    return f"products-{merchant.pk}-{timezone.localdate():%Y%m%d}.{file_format}"
