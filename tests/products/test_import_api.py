"""The import and export endpoints: who may use them, and the uploads they refuse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from products import imports
from products.models import Product, ProductImport

from ..assertions import assert_error
from .import_files import (
    EXPORT_URL,
    URL,
    csv_file,
    post,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


# --- Tenancy and roles -----------------------------------------------------------------------


def test_a_merchant_sees_only_its_own_imports(
    merchant, other_merchant, merchant_api, other_merchant_api, upload
):
    content = csv_file([["sku", "title", "url", "price"], ["T-1", "T", "https://e.com/t", "1"]])
    mine = upload(merchant_api, content)

    theirs_list = other_merchant_api.get(URL)
    theirs_detail = other_merchant_api.get(f"{URL}{mine['id']}/")
    my_list = merchant_api.get(URL)

    assert theirs_list.status_code == 200
    assert theirs_list.json()["results"] == []
    assert theirs_detail.status_code == 404
    assert theirs_detail.json() == {"error": {"code": "not_found", "message": "Not found."}}
    assert [item["id"] for item in my_list.json()["results"]] == [mine["id"]]
    assert "errors" not in my_list.json()["results"][0]
    assert Product.objects.filter(merchant=other_merchant).count() == 0


@pytest.mark.parametrize("method", ["post", "delete", "trace"])
@pytest.mark.parametrize("query", ["", "?format=csv", "?format=xlsx"])
def test_a_method_the_export_does_not_take_answers_405_whatever_the_format(
    merchant_api, method, query
):
    response = merchant_api.generic(method.upper(), f"{EXPORT_URL}{query}")

    assert_error(response, 405, code="method_not_allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    ("method", "url"), [("post", URL), ("get", URL), ("get", EXPORT_URL)], ids=str
)
def test_promoters_cannot_import_or_export(promoter_api, method, url):
    content = csv_file([["sku", "title", "url", "price"], ["P-1", "T", "https://e.com/p", "1"]])
    data = {"file": SimpleUploadedFile("p.csv", content)} if method == "post" else None

    response = getattr(promoter_api, method)(url, data, format="multipart" if data else None)

    assert response.status_code == 403
    assert response.json() == {
        "error": {
            "code": "permission_denied",
            "message": "Only merchant members may do this.",
        }
    }
    assert ProductImport.objects.count() == 0


def test_anonymous_users_are_refused(api):
    response = api.get(URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_listing_imports_takes_a_fixed_number_of_queries(
    merchant, merchant_owner, merchant_api, django_assert_max_num_queries
):
    for _ in range(5):
        ProductImport.objects.create(
            merchant=merchant,
            created_by=merchant_owner,
            file_format="csv",
            content=b"x" * 1000,
            errors=[{"row": 2, "field": "price", "message": "bad"}],
            error_count=1,
        )

    with django_assert_max_num_queries(2):
        response = merchant_api.get(URL)

    assert response.status_code == 200
    assert [item["error_count"] for item in response.json()["results"]] == [1] * 5


# --- Bad input -------------------------------------------------------------------------------

GOOD_CSV = b"sku,title,url,price\r\nG-1,T,https://e.com/g,1\r\n"


def field_error(field: str, message: str) -> dict:
    return {
        "error": {
            "code": "validation_error",
            "message": f"Invalid input: {field}: {message}",
            "fields": {field: [message]},
        }
    }


def domain_error(code: str, field: str, message: str) -> dict:
    return {"error": {"code": code, "message": message, "fields": {field: [message]}}}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, field_error("file", "No file was submitted.")),
        (
            {"file": SimpleUploadedFile("empty.csv", b"")},
            field_error("file", "The submitted file is empty."),
        ),
        (
            {"file": SimpleUploadedFile("products.txt", GOOD_CSV)},
            field_error("file", "Upload a .csv or .xlsx file (or say which it is in `format`)."),
        ),
        (
            {"file": SimpleUploadedFile("products", GOOD_CSV)},
            field_error("file", "Upload a .csv or .xlsx file (or say which it is in `format`)."),
        ),
        (
            {"file": SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0")},
            field_error("file", "Old .xls workbooks are not supported; save the file as .xlsx."),
        ),
        (
            {"file": SimpleUploadedFile("products.xlsx", GOOD_CSV), "format": "csv"},
            field_error("format", "The file name says .xlsx, not csv."),
        ),
        (
            {"file": SimpleUploadedFile("products.csv", GOOD_CSV), "format": "pdf"},
            field_error("format", '"pdf" is not a valid choice.'),
        ),
        (
            {"file": SimpleUploadedFile("gbk.csv", "sku,title\r\n1,蓝牙耳机\r\n".encode("gbk"))},
            domain_error(
                "invalid_encoding",
                "file",
                "The file is not UTF-8 text. Save it as \u201cCSV UTF-8\u201d and upload it again.",
            ),
        ),
        (
            {"file": SimpleUploadedFile("garbage.xlsx", b"PK\x03\x04 not really a zip")},
            domain_error("invalid_file", "file", "The file is not a readable XLSX workbook."),
        ),
        (
            {"file": SimpleUploadedFile("renamed.xlsx", GOOD_CSV)},
            domain_error("invalid_file", "file", "The file is not a readable XLSX workbook."),
        ),
    ],
    ids=[
        "no-file",
        "empty",
        "txt",
        "no-extension",
        "xls",
        "format-mismatch",
        "unknown-format",
        "not-utf8",
        "garbage-xlsx",
        "csv-named-xlsx",
    ],
)
def test_bad_upload_is_refused_naming_the_field(merchant_api, data, expected):
    response = merchant_api.post(URL, data, format="multipart")

    assert response.status_code == 400
    assert response.json() == expected
    assert ProductImport.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "format_field", "expected"),
    [("blob", "csv", "csv"), ("products.CSV", "", "csv"), ("products.csv", "csv", "csv")],
)
def test_format_comes_from_the_field_or_the_file_name(
    merchant_api, upload, name, format_field, expected
):
    result = upload(merchant_api, GOOD_CSV, name, format=format_field)

    assert (result["status"], result["file_format"], result["created_count"]) == (
        "succeeded",
        expected,
        1,
    )


def test_too_large_file_is_refused_before_it_is_read(merchant_api, settings):
    settings.ALLIANCE_IMPORT_MAX_BYTES = len(GOOD_CSV) - 1

    response = post(merchant_api, GOOD_CSV, "big.csv")

    assert response.status_code == 400
    assert response.json() == field_error(
        "file", f"The file is larger than {len(GOOD_CSV) - 1} bytes; split it into smaller files."
    )
    assert ProductImport.objects.count() == 0


def test_service_refuses_too_large_content(merchant, settings):
    settings.ALLIANCE_IMPORT_MAX_BYTES = 10

    with pytest.raises(imports.AllianceError) as raised:
        imports.product_import_start(
            merchant=merchant, user=None, file_format="csv", content=GOOD_CSV
        )

    assert (raised.value.field, raised.value.code) == ("file", "file_too_large")
    assert ProductImport.objects.count() == 0


def test_export_with_unknown_format_is_refused(merchant_api):
    response = merchant_api.get(EXPORT_URL, {"format": "pdf"})

    assert response.status_code == 400
    assert response.json() == field_error("format", '"pdf" is not a valid choice.')
