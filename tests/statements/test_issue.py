"""Issuing a month's statements: the totals are the ledger's sums for the merchant's postings
written in that calendar month of TIME_ZONE; issuing is idempotent; a month that has not ended
is refused; the beat task issues last month's statements from ALLIANCE_STATEMENT_DAY on."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from alliance.errors import AllianceError
from ledger.checks import ledger_check
from ledger.models import LedgerEntry
from statements import tasks
from statements.models import Statement
from statements.selectors import month_totals
from statements.services import statements_issue

from .conftest import local

D = Decimal
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)
pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def totals(statement: Statement) -> dict:
    return {
        "count": statement.commission_count,
        "commission": statement.commission_total,
        "promoters": statement.promoter_total,
        "fees": statement.platform_fee_total,
        "adjustments": statement.adjustment_total,
        "owed": statement.total_owed,
    }


def test_a_month_holds_the_postings_written_in_it_in_the_local_time_zone(books):
    result = statements_issue(month=OCTOBER)

    assert (result.created, result.existing) == (2, 0)
    tea = Statement.objects.get(merchant=books.tea.merchant, month=OCTOBER)
    silk = Statement.objects.get(merchant=books.silk.merchant, month=OCTOBER)
    # TEA-A and TEA-B settled (20.00 + 10.00; P 17.00 + 8.50, U1 1.00 + 0.50, F 2.00 + 1.00),
    # TEA-A clawed back in October. TEA-C (00:10 on 1 November local) is not October's.
    assert totals(tea) == {
        "count": 2,
        "commission": D("30.00"),
        "promoters": D("27.00"),
        "fees": D("3.00"),
        "adjustments": D("-20.00"),
        "owed": D("10.00"),
    }
    assert totals(silk) == {
        "count": 1,
        "commission": D("40.00"),
        "promoters": D("36.00"),
        "fees": D("4.00"),
        "adjustments": D("0.00"),
        "owed": D("40.00"),
    }
    assert (tea.status, tea.currency, tea.issued_at) == ("issued", "CNY", local(2026, 12, 1, 9, 0))


def test_the_total_owed_is_minus_the_months_merchant_payable_entries(books):
    statements_issue(month=OCTOBER)
    statements_issue(month=NOVEMBER)

    for statement in Statement.objects.all():
        start = local(statement.month.year, statement.month.month, 1)
        end = local(2026, statement.month.month + 1, 1)
        entries = LedgerEntry.objects.filter(
            account__key=f"merchant_payable:{statement.merchant_id}",
            transaction__kind__in=["settlement", "adjustment"],
            transaction__created_at__gte=start,
            transaction__created_at__lt=end,
        )
        assert statement.total_owed == -sum(e.amount for e in entries), statement
    november = Statement.objects.get(merchant=books.tea.merchant, month=NOVEMBER)
    # TEA-C settled (6.00) and TEA-B's clawback (-10.00): the merchant is owed 4.00 back.
    assert totals(november) == {
        "count": 1,
        "commission": D("6.00"),
        "promoters": D("5.40"),
        "fees": D("0.60"),
        "adjustments": D("-10.00"),
        "owed": D("-4.00"),
    }
    assert not Statement.objects.filter(merchant=books.silk.merchant, month=NOVEMBER).exists()


def test_issuing_twice_leaves_the_statements_as_they_are(books):
    statements_issue(month=OCTOBER)
    Statement.objects.filter(merchant=books.silk.merchant).delete()
    before = {s.pk: (s.issued_at, s.total_owed) for s in Statement.objects.all()}

    again = statements_issue(month=OCTOBER)

    assert (again.created, again.existing) == (1, 1)
    assert {
        s.pk: (s.issued_at, s.total_owed) for s in Statement.objects.filter(pk__in=before)
    } == before
    assert Statement.objects.filter(month=OCTOBER).count() == 2
    assert statements_issue(month=OCTOBER).created == 0


def test_a_month_that_has_not_ended_is_refused(books, clock):
    clock.at(local(2026, 11, 30, 23, 59))

    with pytest.raises(AllianceError) as refused:
        statements_issue(month=NOVEMBER)

    assert refused.value.code == "month_not_ended"
    assert not Statement.objects.filter(month=NOVEMBER).exists()
    clock.at(local(2026, 12, 1, 0, 0))
    assert statements_issue(month=NOVEMBER).created == 1


def test_the_running_month_is_computed_live(books, clock):
    clock.at(local(2026, 11, 15, 12, 0))

    running = month_totals(merchant_id=books.tea.merchant.pk, month=NOVEMBER)

    assert (running.commission_count, running.total_owed) == (1, D("-4.00"))
    assert not Statement.objects.exists()


def test_the_command_issues_a_month(books, capsys):
    call_command("issue_statements", "--month", "2026-10")

    assert "2026-10: 2 statements issued, 0 already issued." in capsys.readouterr().out
    with pytest.raises(CommandError, match="not a month"):
        call_command("issue_statements", "--month", "October")


def test_the_command_refuses_the_running_month(books, clock):
    clock.at(local(2026, 11, 20, 12, 0))

    with pytest.raises(CommandError, match="has not ended"):
        call_command("issue_statements", "--month", "2026-11")


@pytest.mark.parametrize("statement_day", [1, 3])
def test_the_beat_task_issues_last_month_on_the_statement_day_and_not_before(
    books, clock, settings, statement_day
):
    settings.ALLIANCE_STATEMENT_DAY = statement_day
    # 23:59 local on the day before: still nothing due.
    if statement_day > 1:
        clock.at(local(2026, 11, statement_day - 1, 23, 59))
        assert tasks.issue_monthly_statements.delay().get() == 0
        assert not Statement.objects.exists()

    clock.at(local(2026, 11, statement_day, 0, 30))
    assert tasks.issue_monthly_statements.delay().get() == 2
    assert set(Statement.objects.values_list("month", flat=True)) == {OCTOBER}

    # Once issued, later runs that month do nothing.
    clock.at(local(2026, 11, statement_day, 1, 30))
    assert tasks.issue_monthly_statements.delay().get() == 0
    assert Statement.objects.count() == 2


def test_the_first_hours_of_the_month_in_utc_are_still_the_previous_month_locally(books, clock):
    # 2026-10-31 20:00 UTC is 2026-11-01 04:00 in Shanghai: October has ended there.
    clock.at(local(2026, 11, 1, 4, 0))

    assert tasks.issue_monthly_statements.delay().get() == 2


def test_the_books_are_clean_after_issuing(books):
    statements_issue(month=OCTOBER)
    statements_issue(month=NOVEMBER)

    report = ledger_check()

    assert report.problems == []
