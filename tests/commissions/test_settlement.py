"""Settlement runs: due commissions are credited in batches and recorded; twice, or two at
once, never settle a commission twice."""

import threading
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from alliance.errors import InvalidTransition
from alliance.models import AuditLog
from commissions import tasks
from commissions.models import Commission, SettlementRun
from commissions.services.commissions import commissions_mark_paid, commissions_settle
from commissions.services.settlement import Cycle, settlement_run, settlement_scheduled_cycle
from ledger.checks import ledger_check
from ledger.models import LedgerTransaction
from ledger.selectors import balance, promoter_available_balance

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


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_batch_posts_each_split_once_in_a_few_statements(django_assert_max_num_queries):
    _sales(40, days_ago=20, prefix="FEW")

    # Per batch of 40: lock and read, update, status changes, order stamps, accounts (find,
    # create, find again), transactions, entries, the run's totals, plus the run's own rows.
    # SQLite also reads the last change position twice and splits inserts by its variable limit.
    with django_assert_max_num_queries(18 if connection.vendor == "postgresql" else 24):
        run = settlement_run(batch_size=50)

    assert run.settled_count == 40
    assert LedgerTransaction.objects.filter(kind="settlement").count() == 40
    assert ledger_check().is_clean


@pytest.mark.django_db
@pytest.mark.embedded
def test_only_a_confirmed_commission_can_be_settled():
    _sales(1, days_ago=20, prefix="ONLY")
    settlement_run()
    commission = Commission.objects.get()

    with pytest.raises(InvalidTransition):
        commissions_settle([commission], moment=timezone.now())

    assert LedgerTransaction.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.embedded
def test_the_monthly_cycle_settles_on_day_d_what_was_due_by_day_c(settings):
    settings.ALLIANCE_SETTLEMENT_CYCLE = "monthly"
    settings.ALLIANCE_SETTLEMENT_DAY = 20
    settings.ALLIANCE_SETTLEMENT_CUTOFF_DAY = 5
    _sales(2, days_ago=20, prefix="M")
    due = list(Commission.objects.order_by("pk"))
    zone = timezone.get_current_timezone()
    before_cutoff = datetime(2026, 3, 4, 12, tzinfo=zone)
    after_cutoff = datetime(2026, 3, 6, 12, tzinfo=zone)
    Commission.objects.filter(pk=due[0].pk).update(available_at=before_cutoff)
    Commission.objects.filter(pk=due[1].pk).update(available_at=after_cutoff)

    assert settlement_scheduled_cycle(datetime(2026, 3, 19, 23, tzinfo=zone)) is None
    cycle = settlement_scheduled_cycle(datetime(2026, 3, 20, 9, tzinfo=zone))
    assert cycle == Cycle("2026-03", datetime(2026, 3, 5, tzinfo=zone))

    run = settlement_run(cycle=cycle)

    assert (run.cycle, run.settled_count) == ("2026-03", 1)
    assert Commission.objects.get(pk=due[0].pk).status == "settled"
    assert Commission.objects.get(pk=due[1].pk).status == "confirmed"
    # The month's run has finished: later days of March do nothing; April's day D does.
    assert settlement_scheduled_cycle(datetime(2026, 3, 28, tzinfo=zone)) is None
    april = settlement_scheduled_cycle(datetime(2026, 4, 21, tzinfo=zone))
    assert april == Cycle("2026-04", datetime(2026, 4, 5, tzinfo=zone))
    assert settlement_run(cycle=april).settled_count == 1
    assert ledger_check().is_clean


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_failed_monthly_run_is_tried_again_the_next_day(settings):
    settings.ALLIANCE_SETTLEMENT_CYCLE = "monthly"
    zone = timezone.get_current_timezone()
    day_d = datetime(2026, 5, settings.ALLIANCE_SETTLEMENT_DAY, 9, tzinfo=zone)
    SettlementRun.objects.create(
        cycle="2026-05", cutoff=day_d, status=SettlementRun.Status.FAILED, error="boom"
    )

    assert settlement_scheduled_cycle(day_d + timedelta(days=1)).label == "2026-05"


@pytest.mark.django_db
@pytest.mark.embedded
def test_an_admin_queues_a_run_and_watches_it(
    admin_api, admin_user, django_capture_on_commit_callbacks
):
    _sales(3, days_ago=20, prefix="Q")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_api.post("/api/v1/settlement-runs/")

    assert response.status_code == 202, response.content
    assert (response.data["status"], response.data["due_count"]) == ("queued", 3)
    run = SettlementRun.objects.get(pk=response.data["id"])
    # Tasks run in-process in the tests: the queued run has been carried out.
    assert (run.status, run.settled_count, run.progress) == ("finished", 3, 1.0)
    assert run.triggered_by == admin_user
    assert AuditLog.objects.filter(
        action="settlement.trigger", target_id=str(run.pk), actor=admin_user
    ).exists()
    detail = admin_api.get(f"/api/v1/settlement-runs/{run.pk}/")
    assert (detail.data["settled_count"], detail.data["progress"]) == (3, 1.0)


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_second_trigger_while_one_waits_is_refused(admin_api, promoter_api):
    SettlementRun.objects.create(cutoff=timezone.now(), status=SettlementRun.Status.QUEUED)

    response = admin_api.post("/api/v1/settlement-runs/")

    assert response.status_code == 409
    assert response.data["error"]["code"] == "settlement_running"
    assert promoter_api.post("/api/v1/settlement-runs/").status_code == 403
    assert promoter_api.get("/api/v1/settlement-runs/").status_code == 403


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_queued_run_whose_task_was_lost_runs_on_the_next_beat():
    _sales(2, days_ago=20, prefix="LOST")
    queued = SettlementRun.objects.create(
        cutoff=timezone.now(), status=SettlementRun.Status.QUEUED, due_count=2
    )

    assert tasks.settle_due_commissions() == 2

    queued.refresh_from_db()
    assert (queued.status, queued.settled_count) == ("finished", 2)


@pytest.mark.django_db
@pytest.mark.embedded
def test_the_admin_page_triggers_a_run_and_shows_its_progress(
    admin_user, client, django_capture_on_commit_callbacks
):
    _sales(2, days_ago=20, prefix="PAGE")
    client.force_login(admin_user)

    listing = client.get("/admin/commissions/settlementrun/")
    assert "Run settlement now" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/admin/commissions/settlementrun/trigger/")
    run = SettlementRun.objects.get()
    assert response.url == f"/admin/commissions/settlementrun/{run.pk}/change/"
    queued = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' in queued and "0 / 2" in queued

    callbacks[0]()  # the worker picks the run up

    finished = client.get(response.url).content.decode()
    assert 'value="100"' in finished and "2 / 2" in finished
    assert 'http-equiv="refresh"' not in finished


@pytest.mark.django_db
@pytest.mark.embedded
def test_orders_and_the_reason_list_say_why_an_order_earns_nothing(admin_api, promoter_api):
    shop = factories.MerchantFactory()
    factories.ProductFactory(merchant=shop, sku="S", commission_rate=D("20.00"))
    for body in lifecycle("NOBODY", "S", "10.00"):
        store(shop, body)

    order = admin_api.get("/api/v1/orders/", {"search": "NOBODY"}).data["results"][0]
    assert (order["attribution"], order["invalid_reason"]) == ("none", "unknown_source")
    reasons = promoter_api.get(
        "/api/v1/commissions/invalid-reasons/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert reasons.status_code == 200
    assert {r["code"] for r in reasons.data} == {
        "cancelled",
        "refunded",
        "self_purchase",
        "zero_rate",
        "fraud",
        "suspension",
        "unknown_source",
    }


@pytest.mark.django_db
@pytest.mark.embedded
def test_payouts_paid_mark_commissions_paid_oldest_first_and_whole():
    _shop, promoter = _sales(3, days_ago=20, prefix="PAID")  # P = 1.80 each
    settlement_run()

    assert commissions_mark_paid(promoter_id=promoter.pk, paid_total=D("3.60")) == 2
    assert commissions_mark_paid(promoter_id=promoter.pk, paid_total=D("5.00")) == 0
    assert commissions_mark_paid(promoter_id=promoter.pk, paid_total=D("5.40")) == 1

    statuses = list(
        Commission.objects.order_by("settled_at", "pk").values_list("status", flat=True)
    )
    assert statuses == ["paid", "paid", "paid"]
    assert ledger_check().is_clean
