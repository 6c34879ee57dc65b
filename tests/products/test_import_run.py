"""Importing a catalog file: what a good file writes, and what a bad row or file reports."""

from decimal import Decimal

import pytest

from products import imports
from products.imports import run as import_run
from products.models import Product, ProductImport
from products.tasks import run_product_import

from .. import factories
from .import_files import (
    HEADER,
    catalog,
    csv_file,
    post,
    product_values,
    xlsx_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


# --- Importing -------------------------------------------------------------------------------


def test_csv_import_creates_products_with_exact_values(merchant, merchant_api, upload, categories):
    content = csv_file(
        [
            HEADER,
            [
                "MUG-01",
                "陶瓷马克杯 Ceramic mug",
                "https://shop.example.com/mug",
                "https://img.example.com/mug.jpg",
                "12.5",
                "home-kitchen",
                "",
                "",
                "",
            ],
            [
                "CREAM-02",
                "Hand cream",
                "https://shop.example.com/cream",
                "",
                "0",
                "Beauty",
                "15.25",
                "no",
                "Out of stock",
            ],
        ],
        bom=True,
    )

    result = upload(merchant_api, content)

    assert result["status"] == "succeeded"
    assert result["file_name"] == "products.csv"
    assert result["file_format"] == "csv"
    assert (result["total_rows"], result["processed_rows"]) == (2, 2)
    assert (result["created_count"], result["updated_count"]) == (2, 0)
    assert result["errors"] == []
    assert result["error_count"] == 0
    assert result["finished_at"] is not None
    assert catalog(merchant) == [
        (
            "CREAM-02",
            "Hand cream",
            "https://shop.example.com/cream",
            "",
            Decimal("0.00"),
            "beauty",
            Decimal("15.25"),
            False,
            "out_of_stock",
        ),
        (
            "MUG-01",
            "陶瓷马克杯 Ceramic mug",
            "https://shop.example.com/mug",
            "https://img.example.com/mug.jpg",
            Decimal("12.50"),
            "home-kitchen",
            None,
            True,
            "in_stock",
        ),
    ]
    mug = Product.objects.get(sku="MUG-01")
    assert mug.effective_rate == Decimal("10.00")  # the merchant's default


def test_xlsx_import_reads_numbers_booleans_and_column_order(merchant, merchant_api, upload):
    content = xlsx_file(
        [
            # Columns in another order, with one the platform does not know (kept as notes).
            ["Price", "SKU", "Title", "URL", "Is Active", "Commission Rate", "notes"],
            [12.5, 10023, "Numbered", "https://shop.example.com/n", True, 8, "ignore me"],
            [],
            [Decimal("7.99"), "B-2", "Second", "https://shop.example.com/b", False, 0.5, None],
        ]
    )

    result = upload(merchant_api, content, "catalog.xlsx")

    assert result["status"] == "succeeded"
    assert result["file_format"] == "xlsx"
    assert (result["total_rows"], result["created_count"], result["updated_count"]) == (2, 2, 0)
    assert catalog(merchant) == [
        (
            "10023",
            "Numbered",
            "https://shop.example.com/n",
            "",
            Decimal("12.50"),
            None,
            Decimal("8.00"),
            True,
            "in_stock",
        ),
        (
            "B-2",
            "Second",
            "https://shop.example.com/b",
            "",
            Decimal("7.99"),
            None,
            Decimal("0.50"),
            False,
            "in_stock",
        ),
    ]


def test_import_updates_existing_skus_of_this_merchant_only(
    merchant, other_merchant, merchant_api, upload, categories
):
    existing = factories.ProductFactory(
        merchant=merchant, sku="A-1", price=Decimal("99.00"), category=categories["home"]
    )
    theirs = factories.ProductFactory(
        merchant=other_merchant, sku="A-1", title="Theirs", price=Decimal("5.00")
    )
    content = csv_file(
        [
            HEADER,
            ["A-1", "Renamed", "https://shop.example.com/a1", "", "79.90", "beauty", "30", "1", ""],
            ["B-1", "New", "https://shop.example.com/b1", "", "19.00", "", "", "yes", "low_stock"],
        ]
    )

    result = upload(merchant_api, content)

    assert (result["status"], result["created_count"], result["updated_count"]) == (
        "succeeded",
        1,
        1,
    )
    existing.refresh_from_db()
    assert existing.pk == Product.objects.get(merchant=merchant, sku="A-1").pk
    assert product_values(existing) == (
        "A-1",
        "Renamed",
        "https://shop.example.com/a1",
        "",
        Decimal("79.90"),
        "beauty",
        Decimal("30.00"),
        True,
        "in_stock",
    )
    theirs.refresh_from_db()
    assert (theirs.title, theirs.price) == ("Theirs", Decimal("5.00"))
    assert Product.objects.filter(merchant=merchant).count() == 2


def test_columns_left_out_keep_existing_values_and_defaults_for_new(
    merchant, merchant_api, upload, categories
):
    factories.ProductFactory(
        merchant=merchant,
        sku="KEEP",
        title="Old",
        image_url="https://img.example.com/keep.jpg",
        category=categories["beauty"],
        commission_rate=Decimal("22.00"),
        is_active=False,
        stock_status=Product.StockStatus.LOW_STOCK,
    )
    content = csv_file(
        [
            ["sku", "title", "url", "price"],
            ["KEEP", "New title", "https://shop.example.com/keep", "5.00"],
            ["FRESH", "Fresh", "https://shop.example.com/fresh", "6.00"],
        ]
    )

    result = upload(merchant_api, content)

    assert (result["status"], result["created_count"], result["updated_count"]) == (
        "succeeded",
        1,
        1,
    )
    assert catalog(merchant) == [
        (
            "FRESH",
            "Fresh",
            "https://shop.example.com/fresh",
            "",
            Decimal("6.00"),
            None,
            None,
            True,
            "in_stock",
        ),
        (
            "KEEP",
            "New title",
            "https://shop.example.com/keep",
            "https://img.example.com/keep.jpg",
            Decimal("5.00"),
            "beauty",
            Decimal("22.00"),
            False,
            "low_stock",
        ),
    ]


def test_columns_left_out_are_not_written_even_if_changed_while_validating(
    merchant, merchant_api, upload, monkeypatch
):
    factories.ProductFactory(merchant=merchant, sku="KEEP", commission_rate=Decimal("22.00"))
    validated_write = import_run._write

    def write_after_an_edit(**kwargs):
        Product.objects.filter(sku="KEEP").update(commission_rate=Decimal("33.00"))
        return validated_write(**kwargs)

    monkeypatch.setattr(import_run, "_write", write_after_an_edit)
    content = csv_file([["sku", "title", "url", "price"], ["KEEP", "T", "https://e.com/k", "5"]])

    result = upload(merchant_api, content)

    assert result["status"] == "succeeded"
    product = Product.objects.get(sku="KEEP")
    assert (product.title, product.price, product.commission_rate) == (
        "T",
        Decimal("5.00"),
        Decimal("33.00"),
    )


def test_any_bad_row_fails_the_import_reporting_every_row_and_writing_nothing(
    merchant, merchant_api, upload
):
    existing = factories.ProductFactory(
        merchant=merchant, sku="OK-1", title="Original", price=Decimal("99.00")
    )
    content = csv_file(
        [
            HEADER,
            ["OK-1", "Changed", "https://shop.example.com/ok", "", "1.00", "", "", "", ""],
            ["NEW-1", "Fine", "https://shop.example.com/new", "", "2.00", "", "", "", ""],
            ["BAD-1", "", "not a url", "", "abc", "", "150", "maybe", "soon"],
            [],
            ["BAD-2", "Cheap", "https://shop.example.com/b2", "", "-1", "", "12.505", "", ""],
            ["", "No sku", "https://shop.example.com/x", "", "", "", "", "", ""],
        ]
    )

    result = upload(merchant_api, content)

    assert result["status"] == "failed"
    assert (result["total_rows"], result["processed_rows"]) == (5, 5)
    assert (result["created_count"], result["updated_count"]) == (0, 0)
    assert result["errors"] == [
        {"row": 4, "field": "title", "message": "This field cannot be blank."},
        {"row": 4, "field": "url", "message": "Enter a valid URL."},
        {"row": 4, "field": "price", "message": "Enter a plain number, such as 12.50."},
        {
            "row": 4,
            "field": "commission_rate",
            "message": "Ensure this value is less than or equal to 100.00.",
        },
        {
            "row": 4,
            "field": "is_active",
            "message": "Enter true or false (also accepted: yes/no, 1/0).",
        },
        {"row": 4, "field": "stock_status", "message": "Value 'soon' is not a valid choice."},
        {
            "row": 6,
            "field": "price",
            "message": "Ensure this value is greater than or equal to 0.00.",
        },
        {
            "row": 6,
            "field": "commission_rate",
            "message": "Ensure that there are no more than 2 decimal places.",
        },
        {"row": 7, "field": "sku", "message": "This field cannot be blank."},
        {"row": 7, "field": "price", "message": "This field is required."},
    ]
    assert result["error_count"] == 10
    assert list(Product.objects.values_list("sku", flat=True)) == ["OK-1"]
    existing.refresh_from_db()
    assert (existing.title, existing.price) == ("Original", Decimal("99.00"))


def test_duplicate_sku_in_the_file_is_an_error_on_each_repeat(merchant, merchant_api, upload):
    row = ["https://shop.example.com/d", "", "3.00", "", "", "", ""]
    content = csv_file(
        [HEADER, ["DUP", "One", *row], ["OTHER", "Two", *row], ["DUP", "Three", *row]]
    )

    result = upload(merchant_api, content)

    assert result["status"] == "failed"
    assert result["errors"] == [
        {"row": 4, "field": "sku", "message": "SKU \u201cDUP\u201d is already in row 2."}
    ]
    assert Product.objects.count() == 0


def test_unknown_category_is_a_row_error(merchant, merchant_api, upload, categories):
    content = csv_file(
        [
            HEADER,
            ["C-1", "Known", "https://shop.example.com/c1", "", "1.00", "beauty", "", "", ""],
            ["C-2", "Unknown", "https://shop.example.com/c2", "", "1.00", "toys", "", "", ""],
        ]
    )

    result = upload(merchant_api, content)

    assert result["status"] == "failed"
    assert result["errors"] == [
        {
            "row": 3,
            "field": "category",
            "message": "Unknown category \u201ctoys\u201d: use a category's slug or name.",
        }
    ]
    assert Product.objects.count() == 0


def test_nul_character_is_a_row_error_not_a_crash(merchant_api, upload):
    content = csv_file(
        [["sku", "title", "url", "price"], ["N-1", "a\x00b", "https://e.com/n", "1"]]
    )

    result = upload(merchant_api, content)

    assert result["status"] == "failed"
    assert result["errors"] == [
        {"row": 2, "field": "title", "message": "Remove the NUL character from this cell."}
    ]


def test_xlsx_errors_name_the_spreadsheet_row(merchant, merchant_api, upload):
    content = xlsx_file(
        [
            [],  # the header may sit below blank rows; numbering stays the sheet's
            ["sku", "title", "url", "price"],
            ["X-1", "Fine", "https://shop.example.com/x1", 1],
            [None, None, None, None],
            ["X-2", "Bad", "https://shop.example.com/x2", "12,50"],
        ]
    )

    result = upload(merchant_api, content, "sheet.xlsx")

    assert result["status"] == "failed"
    assert result["errors"] == [
        {"row": 5, "field": "price", "message": "Enter a plain number, such as 12.50."}
    ]
    assert Product.objects.count() == 0


def test_a_column_named_twice_fails(merchant_api, upload):
    content = csv_file(
        [["sku", "title", "url", "Price", "price"], ["S", "T", "https://e.com/", "1", "2"]]
    )

    result = upload(merchant_api, content)

    assert result["status"] == "failed"
    assert result["errors"] == [
        {"row": 1, "field": "price", "message": "Column \u201cprice\u201d appears twice."}
    ]


def test_missing_required_columns_fail_with_a_clear_error(merchant_api, upload):
    content = csv_file([["sku", "title", "image_url"], ["S-1", "T", ""]])

    result = upload(merchant_api, content)

    assert result["status"] == "failed"
    assert result["total_rows"] == 0
    assert result["errors"] == [
        {
            "row": 1,
            "field": "url",
            "message": "Missing required columns: url, price. "
            "The header row needs sku, title, url, price.",
        }
    ]
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([HEADER], "The file has no product rows below the header."),
        ([[], [""]], "The file is empty: it needs a header row and product rows."),
        (
            [
                HEADER,
                *[[f"S-{n}", "T", "https://e.com/", "", "1", "", "", "", ""] for n in range(3)],
            ],
            "The file has more than 2 product rows; split it into smaller files.",
        ),
    ],
    ids=["header-only", "blank", "too-many-rows"],
)
def test_a_file_that_cannot_be_imported_as_a_whole_fails(
    merchant_api, upload, settings, rows, message
):
    settings.ALLIANCE_IMPORT_MAX_ROWS = 2

    result = upload(merchant_api, csv_file(rows))

    assert result["status"] == "failed"
    assert result["errors"] == [{"row": None, "field": None, "message": message}]
    assert Product.objects.count() == 0


def test_reported_errors_are_capped(merchant_api, upload, monkeypatch):
    monkeypatch.setattr(import_run, "MAX_REPORTED_ERRORS", 2)
    bad = [["S-1", "T", "https://e.com/", "x"], ["S-2", "T", "https://e.com/", "y"]]
    content = csv_file([["sku", "title", "url", "price"], *bad, ["S-3", "", "bad", "1"]])

    result = upload(merchant_api, content)

    assert [(e["row"], e["field"]) for e in result["errors"]] == [
        (2, "price"),
        (3, "price"),
        (None, None),
    ]
    assert result["errors"][-1]["message"] == (
        "2 more errors are not shown; fix the rows above first."
    )
    assert result["error_count"] == 4


def test_running_an_import_again_changes_nothing(merchant, merchant_owner):
    content = csv_file([["sku", "title", "url", "price"], ["R-1", "T", "https://e.com/r", "3"]])
    product_import = ProductImport.objects.create(
        merchant=merchant, created_by=merchant_owner, file_format="csv", content=content
    )

    first = imports.product_import_run(product_import=product_import)
    Product.objects.filter(sku="R-1").update(title="Edited since")
    again = imports.product_import_run(product_import=product_import)

    assert (first.status, first.created_count) == ("succeeded", 1)
    assert (again.status, again.created_count, again.updated_count) == ("succeeded", 1, 0)
    assert Product.objects.get(sku="R-1").title == "Edited since"


def test_task_for_a_vanished_import_is_a_no_op(merchant):
    content = csv_file([["sku", "title", "url", "price"], ["V-1", "T", "https://e.com/v", "3"]])
    product_import = ProductImport.objects.create(
        merchant=merchant, file_format="csv", content=content
    )
    pk = product_import.pk
    product_import.delete()

    run_product_import.delay(pk)

    assert Product.objects.count() == 0
    assert ProductImport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_upload_answers_with_the_finished_import_when_tasks_run_in_process(merchant, merchant_api):
    content = csv_file([["sku", "title", "url", "price"], ["E-1", "T", "https://e.com/e", "4.5"]])

    response = post(merchant_api, content, "in-process.csv")

    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["total_rows"], body["created_count"]) == ("succeeded", 1, 1)
    assert Product.objects.get(merchant=merchant, sku="E-1").price == Decimal("4.50")


@pytest.mark.parametrize("error", ["OperationalError", "InterfaceError"])
def test_a_database_error_leaves_the_import_running_for_the_tasks_retry(
    merchant, merchant_owner, monkeypatch, error
):
    """A lost connection is transient: the task's retry preset runs the import again, so the
    import must not be marked failed on the way out."""
    from django import db

    content = csv_file([["sku", "title", "url", "price"], ["D-1", "T", "https://e.com/d", "3"]])
    product_import = ProductImport.objects.create(
        merchant=merchant, created_by=merchant_owner, file_format="csv", content=content
    )

    def lost(**_kwargs):
        raise getattr(db, error)("connection lost")

    monkeypatch.setattr(import_run, "_write", lost)

    with pytest.raises(getattr(db, error)):
        imports.product_import_run(product_import=product_import)

    product_import.refresh_from_db()
    assert product_import.status == "running"
    assert run_product_import.autoretry_for == (db.OperationalError, db.InterfaceError)
