"""Settlement runs: due commissions are credited in batches and recorded; twice, or two at
once, never settle a commission twice."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from commissions import tasks
from commissions.models import Commission, LedgerTransaction, SettlementRun
from commissions.services.checks import ledger_check
from commissions.services.ledger import balance, promoter_available_balance
from commissions.services.settlement import settlement_run

from .. import factories
from .orders import event, lifecycle, store

D = Decimal


def _sales(count: int, *, days_ago: int, prefix: str):
    """`count` completed sales of 10.00 at 20 % (C 2.00, F 0.20, P 1.80), paid `days_ago`."""
    shop = factories.MerchantFactory()
    factories.ProductFactory(merchant=shop, sku="S", commission_rate=D("20.00"))
    link = factories.LinkFactory(product=shop.products.get())
    paid_at = timezone.now() - timedelta(days=days_ago)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    for n in range(count):
        for body in lifecycle(f"{prefix}{n}", "S", "10.00", click_id=click.pk, paid_at=paid_at):
            store(shop, body)
    return shop, link.promoter


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_run_settles_what_is_due_in_batches_and_records_it():
    shop, promoter = _sales(5, days_ago=20, prefix="DUE")
    _other_shop, late_promoter = _sales(2, days_ago=3, prefix="LATE")  # still in its hold

    run = settlement_run(batch_size=2)

    assert (run.status, run.settled_count, run.batches) == ("finished", 5, 3)
    assert (run.commission_total, run.platform_fee_total) == (D("10.00"), D("1.00"))
    assert run.per_merchant == {
        str(shop.pk): {"count": 5, "commission": "10.00", "platform_fee": "1.00"}
    }
    assert promoter_available_balance(promoter.pk) == D("9.00")
    assert balance(f"merchant_payable:{shop.pk}") == D("-10.00")
    assert set(
        Commission.objects.filter(promoter=late_promoter).values_list("status", flat=True)
    ) == {"confirmed"}
    assert ledger_check().is_clean


@pytest.mark.django_db
@pytest.mark.embedded
def test_running_again_settles_nothing_more():
    _sales(3, days_ago=20, prefix="AGAIN")
    settlement_run()

    again = tasks.settle_due_commissions()

    assert again == 0
    assert LedgerTransaction.objects.filter(kind="settlement").count() == 3
    assert SettlementRun.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_refund_after_the_run_claws_back():
    shop, promoter = _sales(1, days_ago=20, prefix="CB")
    settlement_run()
    order = Commission.objects.get(promoter=promoter).order

    store(
        shop,
        event(
            "order.refunded",
            order.order_id,
            items=[("S", "10.00", "10.00")],
            paid_at=order.paid_at,
            occurred_at=order.paid_at + timedelta(days=12),
            completed_at=order.completed_at,
            click_id=order.click_id,
        ),
    )

    assert Commission.objects.get(promoter=promoter).status == "reversed"
    assert promoter_available_balance(promoter.pk) == D("0.00")
    assert ledger_check().is_clean


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_settle_each_commission_once():
    _sales(30, days_ago=20, prefix="RACE")
    start = threading.Barrier(2)
    runs, errors = [], []

    def run():
        try:
            start.wait()
            runs.append(settlement_run(batch_size=4))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert sum(r.settled_count for r in runs) == 30
    assert LedgerTransaction.objects.filter(kind="settlement").count() == 30
    assert set(Commission.objects.values_list("status", flat=True)) == {"settled"}
    assert ledger_check().is_clean
