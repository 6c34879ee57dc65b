"""An existing database with ledger data upgrades to the ledger app without loss, and back.

The database is taken back to the schema before the move (commissions 0010, no ledger app: every
other app at its latest), accounts, postings, entries, a ledger check and its audit row are
written through the historical models, and the migrations to the latest are applied: every row,
sum and foreign key reads the same through the new models, the tables are the same tables, and
the content types (with their permissions) now carry the ledger's app label. Then back and
forward again, since the move is reversible.

Runs on SQLite too, where the ledger's append-only triggers refuse the DELETE with which a
transactional test empties the tables afterwards (PostgreSQL's TRUNCATE is not a row event):
there the test lifts them to empty the ledger, then sets them again."""

import importlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Sum

from alliance.models import AuditLog
from commissions.models import Commission
from ledger.models import LedgerAccount, LedgerCheck, LedgerEntry, LedgerTransaction

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]

D = Decimal
PREVIOUS = ("commissions", "0010_ledger_guards_sqlite")
# Apps that came after the move and depend on later commissions migrations.
LATER = ("fraud",)
MODELS = ("ledgeraccount", "ledgertransaction", "ledgerentry", "ledgercheck")
TABLES = {model: f"commissions_{model}" for model in MODELS}
AT = datetime(2026, 10, 5, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _ledger_emptied_on_sqlite(transactional_db):
    yield
    if connection.vendor != "sqlite":
        return
    guards = importlib.import_module("commissions.migrations.0010_ledger_guards_sqlite")
    with connection.schema_editor() as editor:
        guards.backwards(None, editor)
        for model in ("ledgerentry", "ledgertransaction", "ledgeraccount"):
            editor.execute(f"DELETE FROM {TABLES[model]}", params=None)
        guards.forwards(None, editor)


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def _previous_nodes(executor: MigrationExecutor) -> list[tuple[str, str]]:
    """Every app at its latest migration, except commissions at the one before the move and no
    ledger app: the schema of main before the ledger app existed. The apps born after the move
    (LATER) are not there either."""
    leaves = executor.loader.graph.leaf_nodes()
    return [node for node in leaves if node[0] not in {"commissions", "ledger", *LATER}] + [
        PREVIOUS
    ]


def _migrate_to_previous():
    executor = _executor()
    executor.migrate([PREVIOUS, ("ledger", None), *((app, None) for app in LATER)])
    executor = _executor()
    return executor.loader.project_state(_previous_nodes(executor)).apps


def _migrate_to_latest() -> None:
    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _write_books(apps) -> dict:
    """A settled commission's posting, a payout approval and a ledger check an admin asked for,
    as the previous code wrote them (the entries of a posting in one transaction: on
    PostgreSQL a deferred trigger refuses one that does not balance at commit)."""
    User = apps.get_model("alliance", "User")
    Merchant = apps.get_model("products", "Merchant")
    Promoter = apps.get_model("promoters", "Promoter")
    Order = apps.get_model("commissions", "Order")
    OrderItem = apps.get_model("commissions", "OrderItem")
    Commission_ = apps.get_model("commissions", "Commission")
    Account = apps.get_model("commissions", "LedgerAccount")
    Transaction = apps.get_model("commissions", "LedgerTransaction")
    Entry = apps.get_model("commissions", "LedgerEntry")
    Check = apps.get_model("commissions", "LedgerCheck")
    Audit = apps.get_model("alliance", "AuditLog")

    admin = User.objects.create(username="books-admin", is_staff=True)
    merchant = Merchant.objects.create(
        name="Store", store_url="https://store.example.com/", status="approved"
    )
    promoter = Promoter.objects.create(
        user=User.objects.create(username="books-promoter"),
        display_name="Promoter",
        invite_code="INVBOOKS",
        status="approved",
    )
    order = Order.objects.create(
        merchant=merchant,
        order_id="A-1",
        status="completed",
        paid_at=AT,
        completed_at=AT,
        amount=D("100.00"),
        snapshot_occurred_at=AT,
        snapshot_rank=1,
        snapshot_webhook_id="wh-1",
        attribution="click",
        promoter=promoter,
    )
    item = OrderItem.objects.create(order=order, sku="SKU-1", quantity=1, amount=D("100.00"))
    commission = Commission_.objects.create(
        order=order,
        order_item=item,
        merchant=merchant,
        promoter=promoter,
        rate=D("10.00"),
        platform_fee_rate=D("10.00"),
        base_amount=D("100.00"),
        commission=D("10.00"),
        platform_fee=D("1.00"),
        promoter_amount=D("9.00"),
        status="settled",
        paid_at=AT,
        settled_at=AT,
    )
    payable = Account.objects.create(
        kind="merchant_payable", merchant=merchant, key=f"merchant_payable:{merchant.pk}"
    )
    revenue = Account.objects.create(kind="platform_revenue", key="platform_revenue")
    available = Account.objects.create(
        kind="promoter_available", promoter=promoter, key=f"promoter_available:{promoter.pk}"
    )
    in_transit = Account.objects.create(
        kind="payouts_in_transit", promoter=promoter, key=f"payouts_in_transit:{promoter.pk}"
    )
    with transaction.atomic():
        settlement = Transaction.objects.create(
            idempotency_key=f"commission:{commission.pk}:1",
            kind="settlement",
            commission=commission,
        )
        Entry.objects.bulk_create(
            [
                Entry(transaction=settlement, account=payable, amount=D("-10.00")),
                Entry(transaction=settlement, account=revenue, amount=D("1.00")),
                Entry(transaction=settlement, account=available, amount=D("9.00")),
            ]
        )
    with transaction.atomic():
        approval = Transaction.objects.create(
            idempotency_key="payout:1:approve", kind="payout", memo="approved"
        )
        Entry.objects.bulk_create(
            [
                Entry(transaction=approval, account=available, amount=D("-5.00")),
                Entry(transaction=approval, account=in_transit, amount=D("5.00")),
            ]
        )
    check = Check.objects.create(
        status="passed", requested_by=admin, transactions=2, entries=5, commissions_checked=1
    )
    Audit.objects.create(
        actor=admin,
        action="ledger_check.request",
        target_type="commissions.ledgercheck",
        target_id=str(check.pk),
    )
    return {
        "admin": admin.pk,
        "merchant": merchant.pk,
        "promoter": promoter.pk,
        "commission": commission.pk,
        "accounts": {a.key: a.pk for a in (payable, revenue, available, in_transit)},
        "settlement": settlement.pk,
        "approval": approval.pk,
        "check": check.pk,
    }


def _content_types(app_label: str) -> dict[str, int]:
    ContentType.objects.clear_cache()
    return dict(
        ContentType.objects.filter(app_label=app_label, model__in=MODELS).values_list("model", "pk")
    )


def _assert_books(books: dict) -> None:
    accounts = books["accounts"]
    promoter, merchant = books["promoter"], books["merchant"]
    assert dict(LedgerAccount.objects.values_list("key", "pk")) == accounts
    assert dict(LedgerAccount.objects.values_list("key", "merchant_id")) == {
        f"merchant_payable:{merchant}": merchant,
        "platform_revenue": None,
        f"promoter_available:{promoter}": None,
        f"payouts_in_transit:{promoter}": None,
    }
    assert dict(LedgerAccount.objects.values_list("key", "promoter_id")) == {
        f"merchant_payable:{merchant}": None,
        "platform_revenue": None,
        f"promoter_available:{promoter}": promoter,
        f"payouts_in_transit:{promoter}": promoter,
    }

    settlement = LedgerTransaction.objects.get(pk=books["settlement"])
    approval = LedgerTransaction.objects.get(pk=books["approval"])
    assert (settlement.idempotency_key, settlement.kind, settlement.commission_id) == (
        f"commission:{books['commission']}:1",
        LedgerTransaction.Kind.SETTLEMENT,
        books["commission"],
    )
    assert (approval.idempotency_key, approval.kind, approval.commission_id, approval.memo) == (
        "payout:1:approve",
        LedgerTransaction.Kind.PAYOUT,
        None,
        "approved",
    )
    assert LedgerTransaction.objects.count() == 2
    # The relation from the commission's side still reaches its postings.
    assert list(
        Commission.objects.get(pk=books["commission"]).postings.values_list("pk", flat=True)
    ) == [settlement.pk]

    assert sorted(
        LedgerEntry.objects.values_list("transaction_id", "account__key", "amount")
    ) == sorted(
        [
            (settlement.pk, f"merchant_payable:{merchant}", D("-10.00")),
            (settlement.pk, "platform_revenue", D("1.00")),
            (settlement.pk, f"promoter_available:{promoter}", D("9.00")),
            (approval.pk, f"promoter_available:{promoter}", D("-5.00")),
            (approval.pk, f"payouts_in_transit:{promoter}", D("5.00")),
        ]
    )
    assert LedgerEntry.objects.aggregate(total=Sum("amount"))["total"] == D("0.00")
    balances = dict(
        LedgerEntry.objects.values("account__key")
        .annotate(total=Sum("amount"))
        .values_list("account__key", "total")
    )
    assert balances == {
        f"merchant_payable:{merchant}": D("-10.00"),
        "platform_revenue": D("1.00"),
        f"promoter_available:{promoter}": D("4.00"),
        f"payouts_in_transit:{promoter}": D("5.00"),
    }

    check = LedgerCheck.objects.get()
    assert (
        check.pk,
        check.status,
        check.requested_by_id,
        check.transactions,
        check.entries,
        check.commissions_checked,
    ) == (books["check"], LedgerCheck.Status.PASSED, books["admin"], 2, 5, 1)


def _assert_tables_kept() -> None:
    """The models read the tables they always had; no table was made for the ledger app."""
    tables = set(connection.introspection.table_names())
    for model, table in TABLES.items():
        assert (
            ContentType.objects.get(app_label="ledger", model=model).model_class()._meta.db_table
            == table
        )
        assert table in tables
    assert not {table for table in tables if table.startswith("ledger_")}


def test_an_existing_database_with_ledger_data_upgrades_to_the_ledger_app_without_loss():
    old_apps = _migrate_to_previous()
    try:
        # A database that ran on the previous code has the ledger's content types (and their
        # permissions) under the commissions label.
        before = _content_types("commissions")
        assert set(before) == set(MODELS)
        assert not _content_types("ledger")
        permissions = dict(
            Permission.objects.filter(content_type_id__in=before.values()).values_list(
                "codename", "content_type_id"
            )
        )
        assert set(permissions) == {
            f"{action}_{model}"
            for model in MODELS
            for action in ("add", "change", "delete", "view")
        }
        books = _write_books(old_apps)
    finally:
        _migrate_to_latest()

    _assert_books(books)
    # The same content type rows, now under the ledger's label; the permissions follow them.
    assert _content_types("ledger") == before
    assert not _content_types("commissions")
    assert (
        dict(
            Permission.objects.filter(content_type_id__in=before.values()).values_list(
                "codename", "content_type_id"
            )
        )
        == permissions
    )
    assert ContentType.objects.get_for_model(LedgerCheck).pk == before["ledgercheck"]
    assert AuditLog.objects.get(action="ledger_check.request").target_type == "ledger.ledgercheck"
    _assert_tables_kept()

    # Back to the previous schema: the rows are still there, under the old labels again.
    old_apps = _migrate_to_previous()
    try:
        assert _content_types("commissions") == before
        assert not _content_types("ledger")
        Entry = old_apps.get_model("commissions", "LedgerEntry")
        assert Entry.objects.count() == 5
        assert Entry.objects.aggregate(total=Sum("amount"))["total"] == D("0.00")
        assert old_apps.get_model("commissions", "LedgerCheck").objects.get().pk == books["check"]
        assert (
            old_apps.get_model("alliance", "AuditLog").objects.get().target_type
            == "commissions.ledgercheck"
        )
    finally:
        _migrate_to_latest()
    _assert_books(books)
    assert _content_types("ledger") == before
