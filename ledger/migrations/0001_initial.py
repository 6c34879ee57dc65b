"""The ledger's models, taken over from `commissions` (commissions 0011 let them go) with their
tables: db_table names the tables they always had, so only Django's state changes, and an
existing database keeps every account, posting, entry and check row, its constraints, indexes
and the triggers that keep the books append-only (commissions 0002 and 0010).

The content types of the four models move with them (app label commissions -> ledger), so their
admin permissions keep pointing at the same rows; and the audit rows of ledger checks name their
target by the new label ("ledger.ledgercheck", as new rows do), so one filter finds them all."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("ledgeraccount", "ledgertransaction", "ledgerentry", "ledgercheck")


def content_types_move(apps, schema_editor, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        moved = ContentType.objects.using(db).filter(app_label=old, model=model)
        if not moved.exists():
            continue
        # A row under the new label can only be one post_migrate made for a database that
        # never had the old one in use; the old row, which permissions and audit rows point
        # to, wins.
        ContentType.objects.using(db).filter(app_label=new, model=model).delete()
        moved.update(app_label=new)
    AuditLog = apps.get_model("alliance", "AuditLog")
    AuditLog.objects.using(db).filter(target_type=f"{old}.ledgercheck").update(
        target_type=f"{new}.ledgercheck"
    )


def forwards(apps, schema_editor):
    content_types_move(apps, schema_editor, old="commissions", new="ledger")


def backwards(apps, schema_editor):
    content_types_move(apps, schema_editor, old="ledger", new="commissions")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('commissions', '0011_ledger_moved_to_ledger_app'),
        ('products', '0007_store_domains_from_existing_urls'),
        ('promoters', '0003_click_tokens_unchecked_uniqueness_refusals'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("alliance", "0004_idempotency_record"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='LedgerAccount',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('merchant_payable', 'Merchant payable'), ('promoter_available', 'Promoter available'), ('platform_revenue', 'Platform revenue'), ('payouts_in_transit', 'Payouts in transit'), ('payouts_paid', 'Payouts paid'), ('merchant_received', 'Merchant payments received')], max_length=20)),
                        ('key', models.CharField(max_length=60, unique=True)),
                        ('merchant', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='products.merchant')),
                        ('promoter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='promoters.promoter')),
                    ],
                    options={
                        'db_table': 'commissions_ledgeraccount',
                    },
                ),
                migrations.CreateModel(
                    name='LedgerCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('passed', 'Passed'), ('failed', 'Failed')], default='queued', max_length=10)),
                        ('breaks', models.JSONField(blank=True, default=list)),
                        ('transactions', models.PositiveIntegerField(default=0)),
                        ('entries', models.PositiveIntegerField(default=0)),
                        ('commissions_checked', models.PositiveIntegerField(default=0)),
                        ('error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'commissions_ledgercheck',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='LedgerTransaction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('idempotency_key', models.CharField(max_length=120, unique=True)),
                        ('kind', models.CharField(choices=[('settlement', 'Settlement'), ('adjustment', 'Adjustment after settlement'), ('payout', 'Payout'), ('statement_payment', 'Statement payment')], max_length=20)),
                        ('memo', models.CharField(blank=True, max_length=200)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('commission', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='postings', to='commissions.commission')),
                    ],
                    options={
                        'db_table': 'commissions_ledgertransaction',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='LedgerEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14)),
                        ('account', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='ledger.ledgeraccount')),
                        ('transaction', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='ledger.ledgertransaction')),
                    ],
                    options={
                        'db_table': 'commissions_ledgerentry',
                        'ordering': ['pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='ledgertransaction',
                    index=models.Index(fields=['created_at'], name='ledger_transaction_created'),
                ),
                migrations.AddConstraint(
                    model_name='ledgerentry',
                    constraint=models.CheckConstraint(condition=models.Q(('amount', 0), _negated=True), name='ledger_entry_not_zero'),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
