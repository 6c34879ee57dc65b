"""The ledger keeps its own books: unbalanced postings and edits are refused by PostgreSQL
itself, postings are idempotent, and check_ledger reports any break."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from commissions.models import Commission
from commissions.services.commissions import commission_settle, commission_void
from ledger import selectors as ledger_selectors
from ledger import services as ledger
from ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction

from .. import factories
from ..assertions import assert_error
from ..commissions.orders import lifecycle, store
from ..conftest import client_for

D = Decimal


@pytest.fixture
def accounts(db):
    return ledger.accounts_get([("platform_revenue", None, None), ("payouts_paid", None, None)])


def test_a_balanced_posting_is_written_once(accounts):
    entries = {"platform_revenue": D("5.00"), "payouts_paid": D("-5.00")}

    first = ledger.ledger_post(
        idempotency_key="k-1", kind="adjustment", entries=entries, accounts=accounts
    )
    again = ledger.ledger_post(
        idempotency_key="k-1", kind="adjustment", entries=entries, accounts=accounts
    )

    assert first is not None and again is None
    assert LedgerEntry.objects.count() == 2
    assert ledger_selectors.balance("platform_revenue") == D("5.00")


def test_the_service_refuses_an_unbalanced_posting(accounts):
    with pytest.raises(ledger.Unbalanced):
        ledger.ledger_post(
            idempotency_key="k-2",
            kind="adjustment",
            entries={"platform_revenue": D("5.00"), "payouts_paid": D("-4.99")},
            accounts=accounts,
        )
    assert not LedgerTransaction.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_to_commit_an_unbalanced_transaction_even_from_raw_sql():
    account = LedgerAccount.objects.create(kind="platform_revenue", key="platform_revenue")
    posting = LedgerTransaction.objects.create(idempotency_key="raw", kind="adjustment")

    with (
        pytest.raises(IntegrityError, match="does not balance"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "INSERT INTO commissions_ledgerentry (transaction_id, account_id, amount) "
            "VALUES (%s, %s, 10.00)",
            [posting.pk, account.pk],
        )

    assert not LedgerEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_to_update_or_delete_ledger_rows():
    accounts = ledger.accounts_get([("platform_revenue", None, None), ("payouts_paid", None, None)])
    ledger.ledger_post(
        idempotency_key="fixed",
        kind="adjustment",
        entries={"platform_revenue": D("1.00"), "payouts_paid": D("-1.00")},
        accounts=accounts,
    )

    for statement in (
        "UPDATE commissions_ledgerentry SET amount = amount * 2",
        "DELETE FROM commissions_ledgerentry",
        "DELETE FROM commissions_ledgertransaction",
    ):
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert ledger_selectors.balance("platform_revenue") == D("1.00")


def _settled_commission():
    shop = factories.MerchantFactory()
    product = factories.ProductFactory(merchant=shop, commission_rate=D("20.00"))
    link = factories.LinkFactory(product=product)
    paid_at = timezone.now() - timedelta(days=20)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    for body in lifecycle("L-1", product.sku, "99.00", click_id=click.pk, paid_at=paid_at):
        store(shop, body)
    commission = Commission.objects.get()
    assert commission_settle(commission_id=commission.pk)
    commission.refresh_from_db()
    return commission


@pytest.mark.django_db
def test_check_ledger_is_clean_after_settlement():
    _settled_commission()
    out = StringIO()

    call_command("check_ledger", stdout=out)

    assert "Ledger clean: 1 transactions, 3 entries, 1 settled commissions checked" in (
        out.getvalue()
    )


@pytest.mark.django_db
def test_check_ledger_fails_loudly_when_a_settled_commission_drifts_from_the_ledger():
    commission = _settled_commission()
    # A settled commission whose amounts no longer match what the ledger holds.
    Commission.objects.filter(pk=commission.pk).update(
        promoter_amount=D("1.00"), commission=D("2.98")
    )
    err = StringIO()

    with pytest.raises(CommandError, match="Ledger check FAILED"):
        call_command("check_ledger", stderr=err)

    assert f"commission {commission.pk} (settled) should hold" in err.getvalue()


@pytest.mark.django_db
def test_a_void_after_settlement_claws_everything_back():
    commission = _settled_commission()
    admin = factories.AdminFactory()

    commission = commission_void(commission=commission, note="fake orders", actor=admin)

    assert (commission.status, commission.invalid_reason) == ("void", "fraud")
    assert ledger_selectors.promoter_available_balance(commission.promoter_id) == D("0.00")
    assert ledger_selectors.balance(f"merchant_payable:{commission.merchant_id}") == D("0.00")
    assert commission.postings.count() == 2
    call_command("check_ledger", stdout=StringIO())


@pytest.mark.django_db
def test_admins_void_over_the_api_with_a_reason():
    commission = _settled_commission()
    admin = client_for(factories.AdminFactory())
    promoter = client_for(commission.promoter.user)
    url = f"/api/v1/commissions/{commission.pk}/void/"

    assert_error(promoter.post(url, {"reason": "x"}), 403)
    assert_error(admin.post(url, {"reason": "  "}), 400, code="reason_required", fields={"reason"})
    ok = admin.post(url, {"reason": "click farm"})
    again = admin.post(url, {"reason": "click farm"})

    assert ok.status_code == 200, ok.content
    assert (ok.json()["status"], ok.json()["invalid_reason"]) == ("void", "fraud")
    assert_error(again, 409, code="already_void")
