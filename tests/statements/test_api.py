"""The statements API: who sees which statements, filters, the streamed CSV of lines, the
running month, and the list's query count."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements import exports
from statements.models import Statement
from statements.services import statements_issue

from .. import factories
from ..assertions import assert_error, assert_not_found
from ..conftest import client_for
from .conftest import local

D = Decimal
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)
API = "/api/v1/statements/"
pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def issued(books):
    statements_issue(month=OCTOBER)
    statements_issue(month=NOVEMBER)
    return books


@pytest.fixture
def tea_api(issued):
    return client_for(factories.MerchantMemberFactory(merchant=issued.tea.merchant).user)


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_merchant_sees_only_its_own_statements(issued, tea_api):
    own = set(Statement.objects.filter(merchant=issued.tea.merchant).values_list("pk", flat=True))
    silk = Statement.objects.get(merchant=issued.silk.merchant)

    assert ids(tea_api.get(API)) == own
    assert ids(tea_api.get(f"{API}?merchant={issued.silk.merchant.pk}")) == set()
    assert_not_found(tea_api.get(f"{API}{silk.pk}/"))
    assert_not_found(tea_api.get(f"{API}{silk.pk}/lines.csv/"))


def test_the_detail_carries_the_totals_and_the_currency(issued, tea_api):
    october = Statement.objects.get(merchant=issued.tea.merchant, month=OCTOBER)

    body = tea_api.get(f"{API}{october.pk}/").json()

    assert {k: body[k] for k in ("merchant_name", "month", "period", "status")} == {
        "merchant_name": "West Lake Tea",
        "month": "2026-10-01",
        "period": "2026-10",
        "status": "issued",
    }
    assert [
        body[k]
        for k in (
            "commission_count",
            "commission_total",
            "promoter_total",
            "platform_fee_total",
            "adjustment_total",
            "total_owed",
            "currency",
        )
    ] == [2, "30.00", "27.00", "3.00", "-20.00", "10.00", "CNY"]


def test_an_admin_sees_all_and_filters(issued, admin_api):
    tea = issued.tea.merchant.pk

    assert len(ids(admin_api.get(API))) == 3
    assert len(ids(admin_api.get(f"{API}?month=2026-10"))) == 2
    assert len(ids(admin_api.get(f"{API}?month=2026-10&merchant={tea}"))) == 1
    assert ids(admin_api.get(f"{API}?status=paid")) == set()
    assert len(ids(admin_api.get(f"{API}?status=issued"))) == 3


@pytest.mark.parametrize("month", ["2026-13", "October", "2026-10-32"])
def test_a_month_that_is_not_one_is_bad_input(issued, admin_api, month):
    assert_error(admin_api.get(f"{API}?month={month}"), 400, fields={"month"})


def test_promoters_are_refused(issued, promoter_api):
    statement = Statement.objects.first()

    for path in ("", f"{statement.pk}/", f"{statement.pk}/lines.csv/", "current/"):
        assert_error(promoter_api.get(API + path), 403, code="permission_denied")


def test_the_list_costs_the_same_queries_however_many_statements(issued, admin_api, clock):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_api.get(API).status_code == 200
        return len(captured)

    few = queries()
    paid_by = factories.AdminFactory()
    for _ in range(12):
        Statement.objects.create(
            merchant=factories.MerchantFactory(),
            month=OCTOBER,
            currency="CNY",
            issued_at=local(2026, 11, 1, 1, 0),
            status="paid",
            paid_by=paid_by,
        )

    assert queries() == few <= 4


# --- Lines as CSV -----------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf") and content.count(b"\xef\xbb\xbf") == 1
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_the_csv_lists_every_posting_of_the_month_from_the_ledger(issued, tea_api):
    october = Statement.objects.get(merchant=issued.tea.merchant, month=OCTOBER)

    response = tea_api.get(f"{API}{october.pk}/lines.csv/")

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="statement-{october.merchant_id}-2026-10.csv"'
    )
    header, *lines = csv_rows(response)
    assert header == list(exports.COLUMNS)
    assert [dict(zip(header, line, strict=True)) for line in lines] == [
        {
            "posted_at": "2026-10-10T12:00:00+08:00",
            "kind": "settlement",
            "order_id": "TEA-A",
            "sku": "TEA-1",
            # A name that a spreadsheet would run as a formula is quoted.
            "promoter": "'=Tea Lover",
            "settled_at": "2026-10-10T12:00:00+08:00",
            # Base and rate are the commission's as it stands: TEA-A was refunded since.
            "base_amount": "0.00",
            "rate": "20.00",
            "commission": "20.00",
            "platform_fee": "2.00",
            "promoter_amount": "17.00",
            "upline1_amount": "1.00",
            "upline2_amount": "0.00",
            "currency": "CNY",
        },
        {
            "posted_at": "2026-10-20T10:00:00+08:00",
            "kind": "adjustment",
            "order_id": "TEA-A",
            "sku": "TEA-1",
            "promoter": "'=Tea Lover",
            "settled_at": "2026-10-10T12:00:00+08:00",
            "base_amount": "0.00",
            "rate": "20.00",
            "commission": "-20.00",
            "platform_fee": "-2.00",
            "promoter_amount": "-17.00",
            "upline1_amount": "-1.00",
            "upline2_amount": "0.00",
            "currency": "CNY",
        },
        {
            "posted_at": "2026-10-31T23:30:00+08:00",
            "kind": "settlement",
            "order_id": "TEA-B",
            "sku": "TEA-1",
            "promoter": "'=Tea Lover",
            "settled_at": "2026-10-31T23:30:00+08:00",
            "base_amount": "0.00",
            "rate": "20.00",
            "commission": "10.00",
            "platform_fee": "1.00",
            "promoter_amount": "8.50",
            "upline1_amount": "0.50",
            "upline2_amount": "0.00",
            "currency": "CNY",
        },
    ]
    # The lines add up to the statement.
    assert sum(D(line[header.index("commission")]) for line in lines) == october.total_owed


def test_the_csv_is_written_a_chunk_at_a_time(issued, admin_api, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_ROWS", 1)
    october = Statement.objects.get(merchant=issued.tea.merchant, month=OCTOBER)

    response = admin_api.get(f"{API}{october.pk}/lines.csv/")

    chunks = list(response.streaming_content)
    # The header with the first line, then one chunk per line, then what is left (nothing).
    assert [chunk.count(b"\n") for chunk in chunks] == [2, 1, 1, 0]


# --- The running month ------------------------------------------------------------------------


def test_the_current_month_is_computed_when_asked(issued, tea_api, clock):
    clock.at(local(2026, 11, 20, 10, 0))

    body = tea_api.get(f"{API}current/").json()

    assert body == {
        "merchant": issued.tea.merchant.pk,
        "month": "2026-11-01",
        "period": "2026-11",
        "commission_count": 1,
        "commission_total": "6.00",
        "promoter_total": "5.40",
        "platform_fee_total": "0.60",
        "adjustment_total": "-10.00",
        "total_owed": "-4.00",
        "currency": "CNY",
        # 10:00 in Shanghai, written in UTC like every datetime of the API.
        "as_of": "2026-11-20T02:00:00Z",
    }


def test_only_merchants_have_a_running_month(issued, admin_api):
    assert_error(admin_api.get(f"{API}current/"), 403)
