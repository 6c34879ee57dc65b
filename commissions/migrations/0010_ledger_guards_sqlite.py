"""On SQLite, the embedded default, the database refuses edits of the ledger as PostgreSQL does
(0002_ledger_guards): triggers abort any UPDATE or DELETE of entries, transactions and
accounts, even from raw SQL. SQLite has no deferred triggers, so the balance of a transaction
(its entries sum to zero) is checked by the service and by check_ledger there, not at commit;
docs/orders.md says what SQLite cannot enforce.

A later migration that makes SQLite rebuild one of these tables (most column changes) drops
its triggers with the old table and must create them again:
tests/commissions/test_ledger_sqlite.py fails until it does."""

from django.db import migrations

TABLES = ("commissions_ledgerentry", "commissions_ledgertransaction", "commissions_ledgeraccount")
OPERATIONS = ("UPDATE", "DELETE")


def trigger_name(table: str, operation: str) -> str:
    return f"{table}_append_only_{operation.lower()}"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        for operation in OPERATIONS:
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {trigger_name(table, operation)} "
                f"BEFORE {operation} ON {table} FOR EACH ROW BEGIN "
                f"SELECT RAISE(ABORT, 'the ledger is append-only: {operation} on {table} "
                f"is refused'); END",
                params=None,
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        for operation in OPERATIONS:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {trigger_name(table, operation)}", params=None
            )


class Migration(migrations.Migration):
    dependencies = [("commissions", "0009_webhook_refusal_count")]

    operations = [migrations.RunPython(forwards, backwards)]
