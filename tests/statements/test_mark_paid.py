"""Marking a statement paid: admin only, a reference required, one posting under
statement:<id>:paid that settles the month's merchant payable, an audit record, 409 the second
time; and check_ledger's statement invariants."""

from datetime import date
from decimal import Decimal

import pytest

from alliance.errors import AllianceError, InvalidTransition, NotAllowed
from alliance.models import AuditLog
from ledger.checks import ledger_check
from ledger.models import LedgerEntry, LedgerTransaction
from ledger.selectors import balance
from statements.checks import statement_ledger_problems
from statements.models import Statement
from statements.services import statement_mark_paid, statements_issue

from .. import factories
from ..assertions import assert_error

D = Decimal
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)
pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def payment_entries(statement) -> dict:
    return dict(
        LedgerEntry.objects.filter(
            transaction__idempotency_key=f"statement:{statement.pk}:paid"
        ).values_list("account__key", "amount")
    )


def test_marking_paid_posts_the_total_once_and_records_who_and_what(october, admin_api, admin_user):
    merchant_id = october.merchant_id

    response = admin_api.post(
        f"/api/v1/statements/{october.pk}/mark-paid/", {"reference": " ALI-2026-11-0042 "}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["payment_reference"], body["paid_by"]) == (
        "paid",
        "ALI-2026-11-0042",
        admin_user.username,
    )
    assert payment_entries(october) == {
        f"merchant_payable:{merchant_id}": D("10.00"),
        f"merchant_received:{merchant_id}": D("-10.00"),
    }
    posting = LedgerTransaction.objects.get(idempotency_key=f"statement:{october.pk}:paid")
    assert posting.kind == "statement_payment"
    # October's postings on merchant payable (-10.00) and the payment (+10.00) cancel out.
    assert balance(f"merchant_received:{merchant_id}") == D("-10.00")
    audit = AuditLog.objects.get(action="statement.mark_paid")
    assert (audit.actor, audit.target_type, audit.target_id) == (
        admin_user,
        "statements.statement",
        str(october.pk),
    )
    assert audit.data["reference"] == "ALI-2026-11-0042"
    assert audit.data["total_owed"] == "10.00"
    assert ledger_check().problems == []


def test_marking_twice_is_a_conflict_and_posts_nothing_more(october, admin_api):
    first = admin_api.post(f"/api/v1/statements/{october.pk}/mark-paid/", {"reference": "R-1"})
    assert first.status_code == 200
    postings = LedgerTransaction.objects.count()

    second = admin_api.post(f"/api/v1/statements/{october.pk}/mark-paid/", {"reference": "R-2"})

    assert_error(second, 409, code="already_paid")
    assert LedgerTransaction.objects.count() == postings
    october.refresh_from_db()
    assert october.payment_reference == "R-1"
    assert AuditLog.objects.filter(action="statement.mark_paid").count() == 1


@pytest.mark.parametrize("body", [{}, {"reference": ""}, {"reference": "   "}])
def test_a_reference_is_required(october, admin_api, body):
    response = admin_api.post(f"/api/v1/statements/{october.pk}/mark-paid/", body, format="json")

    assert_error(response, 400, fields={"reference"})
    october.refresh_from_db()
    assert october.status == "issued"
    assert not LedgerTransaction.objects.filter(kind="statement_payment").exists()


def test_merchants_and_promoters_cannot_mark_paid(october, merchant_api, promoter_api, books):
    for client in (merchant_api, promoter_api):
        response = client.post(f"/api/v1/statements/{october.pk}/mark-paid/", {"reference": "R"})
        assert_error(response, 403)
    member = factories.MerchantMemberFactory(merchant=books.tea.merchant).user
    with pytest.raises(NotAllowed):
        statement_mark_paid(statement=october, reference="R", actor=member)
    october.refresh_from_db()
    assert october.status == "issued"


def test_a_negative_total_posts_the_opposite_signs(books, admin_user):
    statements_issue(month=NOVEMBER)
    november = Statement.objects.get(merchant=books.tea.merchant, month=NOVEMBER)
    assert november.total_owed == D("-4.00")

    statement_mark_paid(statement=november, reference="REFUND-7", actor=admin_user)

    merchant_id = november.merchant_id
    assert payment_entries(november) == {
        f"merchant_payable:{merchant_id}": D("-4.00"),
        f"merchant_received:{merchant_id}": D("4.00"),
    }
    assert ledger_check().problems == []


def test_a_statement_with_nothing_owed_only_changes_status(books, admin_user):
    statements_issue(month=OCTOBER)
    statement = Statement.objects.get(merchant=books.silk.merchant)
    Statement.objects.filter(pk=statement.pk).update(
        commission_count=0,
        commission_total=0,
        promoter_total=0,
        platform_fee_total=0,
        total_owed=0,
    )
    statement.refresh_from_db()

    statement_mark_paid(statement=statement, reference="NOTHING", actor=admin_user)

    statement.refresh_from_db()
    assert statement.status == "paid"
    assert payment_entries(statement) == {}
    with pytest.raises(InvalidTransition):
        statement_mark_paid(statement=statement, reference="AGAIN", actor=admin_user)


def test_a_reference_too_long_is_refused(october, admin_user):
    with pytest.raises(AllianceError) as refused:
        statement_mark_paid(statement=october, reference="R" * 121, actor=admin_user)

    assert refused.value.field == "reference"


# --- check_ledger ---------------------------------------------------------------------------------


def test_check_ledger_finds_a_statement_whose_totals_were_changed(october):
    assert statement_ledger_problems() == []

    Statement.objects.filter(pk=october.pk).update(total_owed=D("9.00"))

    problems = ledger_check().problems
    assert len(problems) == 1
    assert f"statement {october.pk} " in problems[0]
    assert "'total_owed': '9.00'" in problems[0] and "'total_owed': '10.00'" in problems[0]


def test_check_ledger_finds_a_paid_statement_without_its_payment(october):
    Statement.objects.filter(pk=october.pk).update(status="paid", payment_reference="FAKE")

    problems = statement_ledger_problems()

    assert problems == [
        f"paid statement {october.pk} (total owed 10.00) should have the payment posting "
        f"{{'merchant_payable:{october.merchant_id}': Decimal('10.00'), "
        f"'merchant_received:{october.merchant_id}': Decimal('-10.00')}} but has none"
    ]


def test_check_ledger_finds_a_payment_whose_statement_is_not_paid(october, admin_user):
    statement_mark_paid(statement=october, reference="R", actor=admin_user)
    Statement.objects.filter(pk=october.pk).update(status="issued")

    problems = statement_ledger_problems()

    assert problems == [
        f"statement payment posting statement:{october.pk}:paid belongs to no paid statement"
    ]


def test_check_ledger_finds_a_merchant_missing_from_an_issued_month(books):
    statements_issue(month=OCTOBER)
    Statement.objects.filter(merchant=books.silk.merchant).delete()

    assert statement_ledger_problems() == [
        f"merchant {books.silk.merchant.pk} has postings in 2026-10 but no statement for it"
    ]
