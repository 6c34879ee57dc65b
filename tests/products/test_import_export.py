"""Exporting a catalog: the import's columns, exactly, in CSV or XLSX, and back again."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from products import imports
from products.models import Product

from .. import factories
from .import_files import (
    EXPORT_URL,
    HEADER,
    catalog,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


# --- Exporting -------------------------------------------------------------------------------


@pytest.fixture
def tricky_catalog(merchant, categories):
    """Products whose values are easy to get wrong in a file: formulas, Chinese, blanks."""
    factories.ProductFactory(
        merchant=merchant,
        sku="0012",
        title='=HYPERLINK("http://evil.example.com")',
        url="https://shop.example.com/1",
        image_url="https://img.example.com/1.png",
        price=Decimal("12.50"),
        category=categories["home"],
        commission_rate=None,
    )
    factories.ProductFactory(
        merchant=merchant,
        sku="-7",
        title="'=not a formula",
        url="https://shop.example.com/2",
        price=Decimal("0.00"),
        commission_rate=Decimal("7.25"),
        is_active=False,
        stock_status=Product.StockStatus.OUT_OF_STOCK,
    )
    factories.ProductFactory(
        merchant=merchant,
        sku="中文-3",
        title='蓝牙耳机, "Pro"\nedition',
        url="https://shop.example.com/3?a=1&b=2",
        price=Decimal("999999999999.99"),
        commission_rate=Decimal("100.00"),
    )


def test_csv_export_writes_the_import_columns_exactly(merchant, merchant_api, tricky_catalog):
    factories.ProductFactory(sku="NOT-MINE")

    response = merchant_api.get(EXPORT_URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{imports.export_file_name(merchant=merchant, file_format="csv")}"'
    )
    assert response.content.decode("utf-8") == (
        "\ufeffsku,title,url,image_url,price,category,commission_rate,is_active,stock_status\r\n"
        "'-7,''=not a formula,https://shop.example.com/2,,0.00,,7.25,false,out_of_stock\r\n"
        '0012,"\'=HYPERLINK(""http://evil.example.com"")",https://shop.example.com/1,'
        "https://img.example.com/1.png,12.50,home-kitchen,,true,in_stock\r\n"
        '中文-3,"蓝牙耳机, ""Pro""\nedition",https://shop.example.com/3?a=1&b=2,,'
        "999999999999.99,,100.00,true,in_stock\r\n"
    )


def test_export_defaults_to_csv(merchant_api, tricky_catalog):
    response = merchant_api.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_xlsx_export_keeps_text_as_text_and_amounts_as_numbers(merchant_api, tricky_catalog):
    response = merchant_api.get(EXPORT_URL, {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == imports.CONTENT_TYPES["xlsx"]
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER)
    assert rows[1] == (
        "-7",
        "'=not a formula",
        "https://shop.example.com/2",
        None,
        0,
        None,
        7.25,
        "false",
        "out_of_stock",
    )
    assert rows[2][:5] == (
        "0012",
        '=HYPERLINK("http://evil.example.com")',
        "https://shop.example.com/1",
        "https://img.example.com/1.png",
        12.5,
    )
    assert len(rows) == 4


def test_xlsx_export_leaves_out_the_control_characters_a_worksheet_cannot_hold(
    merchant, merchant_api
):
    factories.ProductFactory(merchant=merchant, sku="C-1\x02", title="tab\tbell\x07 escape\x1b")

    response = merchant_api.get(EXPORT_URL, {"format": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("C-1", "tab\tbell escape")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_round_trips(
    merchant, other_merchant, merchant_api, other_merchant_api, upload, tricky_catalog, file_format
):
    before = catalog(merchant)
    exported = merchant_api.get(EXPORT_URL, {"format": file_format}).content

    again = upload(merchant_api, exported, f"export.{file_format}")
    elsewhere = upload(other_merchant_api, exported, f"export.{file_format}")

    assert (again["status"], again["created_count"], again["updated_count"]) == (
        "succeeded",
        0,
        3,
    )
    assert (elsewhere["status"], elsewhere["created_count"], elsewhere["updated_count"]) == (
        "succeeded",
        3,
        0,
    )
    assert catalog(merchant) == before
    assert catalog(other_merchant) == before
