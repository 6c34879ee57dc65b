"""On PostgreSQL the database itself keeps the books: a deferred constraint trigger refuses to
commit a ledger transaction whose entries do not sum to zero, and triggers refuse any UPDATE or
DELETE of entries, transactions and accounts (mistakes are corrected by new postings). In the
manner of django-hordak. TRUNCATE, a table-level privilege that row triggers do not see, is left
to the database role: the platform's role needs none on these tables (docs/operations.md).
SQLite, the embedded default, relies on the checks in the service."""

from django.db import migrations

BALANCED = """
CREATE OR REPLACE FUNCTION commissions_ledger_check_balanced() RETURNS trigger AS $$
DECLARE
    total numeric;
BEGIN
    SELECT COALESCE(SUM(amount), 0) INTO total
    FROM commissions_ledgerentry WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance: its entries sum to %',
            NEW.transaction_id, total USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER commissions_ledger_balanced
    AFTER INSERT ON commissions_ledgerentry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION commissions_ledger_check_balanced();

CREATE OR REPLACE FUNCTION commissions_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER commissions_ledgerentry_append_only
    BEFORE UPDATE OR DELETE ON commissions_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION commissions_ledger_append_only();

CREATE TRIGGER commissions_ledgertransaction_append_only
    BEFORE UPDATE OR DELETE ON commissions_ledgertransaction
    FOR EACH ROW EXECUTE FUNCTION commissions_ledger_append_only();

-- An account's key and owner never change: moving them would move a balance.
CREATE TRIGGER commissions_ledgeraccount_append_only
    BEFORE UPDATE OR DELETE ON commissions_ledgeraccount
    FOR EACH ROW EXECUTE FUNCTION commissions_ledger_append_only();
"""

UNDO = """
DROP TRIGGER IF EXISTS commissions_ledgeraccount_append_only ON commissions_ledgeraccount;
DROP TRIGGER IF EXISTS commissions_ledgertransaction_append_only ON commissions_ledgertransaction;
DROP TRIGGER IF EXISTS commissions_ledgerentry_append_only ON commissions_ledgerentry;
DROP TRIGGER IF EXISTS commissions_ledger_balanced ON commissions_ledgerentry;
DROP FUNCTION IF EXISTS commissions_ledger_append_only();
DROP FUNCTION IF EXISTS commissions_ledger_check_balanced();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BALANCED, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO, params=None)


class Migration(migrations.Migration):
    dependencies = [("commissions", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
