"""The ledger is append-only in the database on SQLite (the embedded default) as on PostgreSQL:
raw SQL cannot update or delete an entry, a transaction or an account
(commissions/migrations/0010_ledger_guards_sqlite.py, 0002_ledger_guards.py)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from ledger import selectors as ledger_selectors
from ledger import services as ledger
from ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

D = Decimal
TABLES = ("commissions_ledgerentry", "commissions_ledgertransaction", "commissions_ledgeraccount")


@pytest.fixture
def posted():
    accounts = ledger.accounts_get([("platform_revenue", None, None), ("payouts_paid", None, None)])
    ledger.ledger_post(
        idempotency_key="fixed",
        kind="adjustment",
        entries={"platform_revenue": D("1.00"), "payouts_paid": D("-1.00")},
        accounts=accounts,
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE commissions_ledgerentry SET amount = amount * 2",
        "DELETE FROM commissions_ledgerentry",
        "UPDATE commissions_ledgertransaction SET idempotency_key = 'other'",
        "DELETE FROM commissions_ledgertransaction",
        "UPDATE commissions_ledgeraccount SET key = 'platform_revenue_2' "
        "WHERE key = 'platform_revenue'",
        "DELETE FROM commissions_ledgeraccount",
    ],
)
def test_the_database_refuses_to_edit_the_ledger(posted, statement):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert ledger_selectors.balance("platform_revenue") == D("1.00")
    assert ledger_selectors.balance("payouts_paid") == D("-1.00")
    assert (LedgerEntry.objects.count(), LedgerTransaction.objects.count()) == (2, 1)
    assert LedgerAccount.objects.filter(key="platform_revenue").exists()


def test_the_orm_cannot_edit_the_ledger_either(posted):
    entry = LedgerEntry.objects.order_by("pk").first()
    entry.amount = D("5.00")

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        entry.save()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.all().delete()

    assert ledger_selectors.balance("platform_revenue") == D("1.00")


def test_every_ledger_table_carries_its_guards():
    """A later migration that makes SQLite rebuild a ledger table drops its triggers; this
    fails until that migration creates them again."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            guarded = {
                (table, operation)
                for table, sql in cursor.fetchall()
                for operation in ("UPDATE", "DELETE")
                if f"BEFORE {operation} ON {table}" in sql and "append-only" in sql
            }
        else:
            cursor.execute(
                "SELECT event_object_table, event_manipulation FROM information_schema.triggers "
                "WHERE action_timing = 'BEFORE' AND trigger_name LIKE '%%append_only'"
            )
            guarded = set(cursor.fetchall())

    assert guarded == {(table, op) for table in TABLES for op in ("UPDATE", "DELETE")}
