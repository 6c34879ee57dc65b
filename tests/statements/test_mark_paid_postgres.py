"""Marking a statement paid, what only PostgreSQL shows: the trigger that refuses to edit the
payment posting, and two admins marking at once under row locks."""

import pytest
from django.db import connection

from alliance.errors import InvalidTransition
from alliance.models import AuditLog
from ledger.models import LedgerEntry, LedgerTransaction
from statements.checks import statement_ledger_problems
from statements.models import Statement
from statements.services import statement_mark_paid, statements_issue

from .. import factories
from .test_mark_paid import OCTOBER, D

pytestmark = pytest.mark.django_db


def test_the_payment_posting_cannot_be_edited(october, admin_user):
    from django.db import DatabaseError, transaction

    statement_mark_paid(statement=october, reference="R", actor=admin_user)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(
            transaction__idempotency_key=f"statement:{october.pk}:paid"
        ).update(amount=D("1.00"))


@pytest.mark.django_db(transaction=True)
def test_two_admins_marking_at_once_post_one_payment(books):
    import threading

    statements_issue(month=OCTOBER)
    statement = Statement.objects.get(merchant=books.tea.merchant)
    admins = [factories.AdminFactory(), factories.AdminFactory()]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def mark(admin, reference):
        try:
            start.wait()
            statement_mark_paid(statement=statement, reference=reference, actor=admin)
            outcomes.append("paid")
        except InvalidTransition:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=mark, args=(admin, f"R-{n}")) for n, admin in enumerate(admins)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(outcomes) == ["conflict", "paid"]
    assert LedgerTransaction.objects.filter(kind="statement_payment").count() == 1
    assert AuditLog.objects.filter(action="statement.mark_paid").count() == 1
    assert statement_ledger_problems() == []
