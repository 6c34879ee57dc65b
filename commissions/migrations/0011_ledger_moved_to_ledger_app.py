"""The ledger's models (LedgerAccount, LedgerTransaction, LedgerEntry, LedgerCheck) moved to the
`ledger` app. Only Django's state changes here: the tables, their rows, constraints, indexes and
triggers stay as they are (ledger 0001 takes the models over with db_table set to the same
tables). Reversible: going back restores the models here, still without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("commissions", "0010_ledger_guards_sqlite"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='ledgeraccount',
                    name='merchant',
                ),
                migrations.RemoveField(
                    model_name='ledgeraccount',
                    name='promoter',
                ),
                migrations.RemoveField(
                    model_name='ledgercheck',
                    name='requested_by',
                ),
                migrations.RemoveConstraint(
                    model_name='ledgerentry',
                    name='ledger_entry_not_zero',
                ),
                migrations.RemoveIndex(
                    model_name='ledgertransaction',
                    name='ledger_transaction_created',
                ),
                migrations.DeleteModel(
                    name='LedgerCheck',
                ),
                migrations.RemoveField(
                    model_name='ledgerentry',
                    name='account',
                ),
                migrations.RemoveField(
                    model_name='ledgerentry',
                    name='transaction',
                ),
                migrations.RemoveField(
                    model_name='ledgertransaction',
                    name='commission',
                ),
                migrations.DeleteModel(
                    name='LedgerAccount',
                ),
                migrations.DeleteModel(
                    name='LedgerEntry',
                ),
                migrations.DeleteModel(
                    name='LedgerTransaction',
                ),
            ],
        ),
    ]
