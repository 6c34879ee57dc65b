"""The admin console: staff only; the review queues approve, reject and suspend through the
review services (audited); settlement runs and ledger checks are started, watched and
recorded."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from alliance.models import AuditLog, ReviewStatus
from commissions.models import Commission, OrderEvent, SettlementRun
from ledger import tasks as ledger_tasks
from ledger.models import LedgerCheck
from payouts.models import Payout
from payouts.services import payouts as payout_services

from .. import factories
from ..payouts.money import alipay, earn, fund

D = Decimal
pytestmark = pytest.mark.django_db

PAGES = [
    "/console/",
    "/console/merchants/",
    "/console/promoters/",
    "/console/settlement/",
    "/console/ledger/",
]


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def console(admin_user):
    return browser(admin_user)


def _run(**fields) -> SettlementRun:
    return SettlementRun.objects.create(cutoff=timezone.now(), **fields)


# --- Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_staff_open_every_console_page(console, path):
    assert console.get(path).status_code == 200


@pytest.mark.parametrize(
    "path", [*PAGES, "/console/settlement/{run}/", "/console/ledger/1/progress/"]
)
def test_merchants_and_promoters_get_403_and_anonymous_visitors_the_login(
    path, merchant_owner, promoter
):
    path = path.format(run=_run().pk)
    for user in (merchant_owner, promoter.user):
        response = browser(user).get(path)
        assert response.status_code == 403
        assert "Only platform admins may open the console." in response.content.decode()
    anonymous = Client().get(path)
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]


def test_posts_from_non_staff_change_nothing(merchant_owner):
    pending = factories.MerchantFactory(status=ReviewStatus.PENDING)

    response = browser(merchant_owner).post(
        "/console/merchants/", {"row": pending.pk, f"r{pending.pk}-action": "approve"}
    )

    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.PENDING
    assert browser(merchant_owner).post("/console/ledger/").status_code == 403
    assert not LedgerCheck.objects.exists()


# --- Overview -----------------------------------------------------------------------------------


def test_the_overview_counts_what_needs_action(console, admin_user, django_assert_max_num_queries):
    factories.MerchantFactory.create_batch(2, status=ReviewStatus.PENDING)
    factories.MerchantFactory()  # approved: nothing to do
    factories.PromoterFactory(status=ReviewStatus.PENDING)
    requested, held = factories.PromoterFactory(), factories.PromoterFactory()
    for someone in (requested, held):
        fund(someone, "100.00")
        payout_services.payout_request(promoter=someone, method=alipay(someone), amount=D("20.00"))
    Payout.objects.filter(promoter=held).update(status=Payout.Status.HELD)
    OrderEvent.objects.create(
        merchant=factories.MerchantFactory(),
        webhook_id="w-1",
        type=OrderEvent.Type.PAID,
        order_id="O-1",
        occurred_at=timezone.now(),
        payload={},
        status=OrderEvent.Status.FAILED,
    )
    run = _run(status=SettlementRun.Status.FINISHED)
    LedgerCheck.objects.create(status=LedgerCheck.Status.FAILED, breaks=["a", "b"])
    link = factories.LinkFactory()
    factories.ClickFactory(link=link)
    factories.ClickFactory(link=link, is_unique=False)
    factories.ClickFactory(link=link, is_bot=True)
    factories.ClickFactory(link=link, is_suspicious=True, suspicion="click_flood")
    factories.ClickFactory(link=link, created_at=timezone.now() - timedelta(days=2))

    # One more than the counts of work: the last day's clicks, one aggregate.
    with django_assert_max_num_queries(10):
        response = console.get("/console/")

    html = response.content.decode()
    assert 'id="count-merchants">2<' in html
    assert 'id="count-promoters">1<' in html
    assert 'id="count-payouts-requested">1<' in html
    assert 'id="count-payouts-held">1<' in html
    assert 'id="count-order-events-failed">1<' in html
    assert 'id="count-clicks">4<' in html
    assert 'id="count-unique-clicks">1<' in html
    assert 'id="count-bot-clicks">1<' in html
    assert 'id="count-suspicious-clicks">1<' in html
    assert f'href="/console/settlement/{run.pk}/"' in html
    assert "2 breaks found" in html
    assert 'href="/console/merchants/"' in html and 'href="/console/payouts/?status=held"' in html


# --- Review queues ------------------------------------------------------------------------------


def test_the_merchant_queue_shows_pending_by_default_and_filters(
    console, django_assert_max_num_queries
):
    waiting = [
        factories.MerchantMemberFactory(
            merchant=factories.MerchantFactory(status=ReviewStatus.PENDING, name=f"Tea {n}")
        ).merchant
        for n in range(5)
    ]
    approved = factories.MerchantFactory(name="Silk House")

    with django_assert_max_num_queries(6):
        html = console.get("/console/merchants/").content.decode()

    assert all(f'id="merchant-{m.pk}"' in html for m in waiting)
    assert f'id="merchant-{approved.pk}"' not in html
    html = console.get("/console/merchants/?status=approved&q=silk").content.decode()
    assert f'id="merchant-{approved.pk}"' in html and f'id="merchant-{waiting[0].pk}"' not in html
    html = console.get("/console/merchants/?status=&q=Tea 3").content.decode()
    assert f'id="merchant-{waiting[3].pk}"' in html and f'id="merchant-{waiting[0].pk}"' not in html


def test_the_promoter_queue_query_count_does_not_grow_with_rows(
    console, django_assert_max_num_queries
):
    factories.PromoterFactory.create_batch(8, status=ReviewStatus.PENDING)
    reviewed = factories.PromoterFactory(status=ReviewStatus.REJECTED, display_name="Zhang Wei")

    with django_assert_max_num_queries(5):
        html = console.get("/console/promoters/").content.decode()

    assert html.count('id="promoter-') == 8
    html = console.get("/console/promoters/?status=rejected&q=zhang").content.decode()
    assert f'id="promoter-{reviewed.pk}"' in html and html.count('id="promoter-') == 1


def test_approving_a_merchant_records_the_reviewer_and_the_audit_log(console, admin_user):
    merchant = factories.MerchantFactory(status=ReviewStatus.PENDING, name="West Lake Tea")

    response = console.post(
        "/console/merchants/?q=West", {"row": merchant.pk, f"r{merchant.pk}-action": "approve"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/console/merchants/?q=West"
    merchant.refresh_from_db()
    assert (merchant.status, merchant.reviewed_by) == (ReviewStatus.APPROVED, admin_user)
    entry = AuditLog.objects.get(action="merchant.approve")
    assert (entry.actor, entry.target_type, entry.target_id) == (
        admin_user,
        "products.merchant",
        str(merchant.pk),
    )
    assert entry.data == {"old_status": "pending", "status": "approved", "reason": ""}
    page = console.get(response["Location"]).content.decode()
    assert "Merchant West Lake Tea is now Approved." in page


def test_rejecting_and_suspending_a_promoter_need_and_keep_the_reason(console, admin_user):
    promoter = factories.PromoterFactory(status=ReviewStatus.PENDING)
    field = f"r{promoter.pk}"

    rejected = console.post(
        "/console/promoters/",
        {"row": promoter.pk, f"{field}-action": "reject", f"{field}-reason": "Fake followers"},
    )
    assert rejected.status_code == 302
    promoter.refresh_from_db()
    assert (promoter.status, promoter.review_reason, promoter.reviewed_by) == (
        ReviewStatus.REJECTED,
        "Fake followers",
        admin_user,
    )

    console.post("/console/promoters/", {"row": promoter.pk, f"{field}-action": "approve"})
    suspended = console.post(
        "/console/promoters/?status=approved",
        {"row": promoter.pk, f"{field}-action": "suspend", f"{field}-reason": "Spam"},
    )
    assert suspended.status_code == 302
    promoter.refresh_from_db()
    assert promoter.status == ReviewStatus.SUSPENDED
    assert list(
        AuditLog.objects.filter(target_id=str(promoter.pk), target_type="promoters.promoter")
        .order_by("pk")
        .values_list("action", "data__reason")
    ) == [
        ("promoter.reject", "Fake followers"),
        ("promoter.approve", ""),
        ("promoter.suspend", "Spam"),
    ]


def test_a_reject_without_reason_is_shown_next_to_that_rows_field(console):
    promoter, other = factories.PromoterFactory.create_batch(2, status=ReviewStatus.PENDING)
    field = f"r{promoter.pk}-reason"

    response = console.post(
        "/console/promoters/",
        {"row": promoter.pk, f"r{promoter.pk}-action": "reject", field: "   "},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert f'<p class="error" id="id_{field}_error">A reason is required.</p>' in html
    assert f'aria-describedby="id_{field}_error"' in html
    assert f'id="id_r{other.pk}-reason_error"' not in html
    assert f'name="{field}" id="id_{field}" maxlength="2000" value="   "' in html
    promoter.refresh_from_db()
    assert promoter.status == ReviewStatus.PENDING
    assert not AuditLog.objects.filter(action__startswith="promoter.").exists()


def test_a_refused_move_is_shown_on_the_row(console):
    merchant = factories.MerchantFactory()  # approved: it cannot be rejected

    response = console.post(
        "/console/merchants/?status=approved",
        {"row": merchant.pk, f"r{merchant.pk}-action": "reject", f"r{merchant.pk}-reason": "x"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Cannot move from approved to rejected." in html
    assert 'value="x"' in html
    assert console.post("/console/merchants/", {"row": "999999"}).status_code == 404


# --- Settlement ---------------------------------------------------------------------------------


def test_run_settlement_now_queues_a_run_and_its_page_follows_it(
    console, admin_user, django_capture_on_commit_callbacks
):
    shop = earn(factories.PromoterFactory(), sales=["500.00", "300.00"], settle=False)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = console.post("/console/settlement/")

    run = SettlementRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/console/settlement/{run.pk}/"
    assert (run.status, run.due_count, run.triggered_by) == ("queued", 2, admin_user)
    queued = console.get(response["Location"]).content.decode()
    assert f'data-progress-url="/console/settlement/{run.pk}/progress/"' in queued
    assert 'http-equiv="refresh"' in queued
    assert console.get(f"/console/settlement/{run.pk}/progress/").json() == {
        "progress": 0.0,
        "done": False,
        "label": "Queued: waiting for a worker.",
    }

    again = console.post("/console/settlement/")
    assert again.status_code == 409
    assert "A settlement run is already queued or running." in again.content.decode()
    assert SettlementRun.objects.count() == 1

    callbacks[0]()  # the worker carries the run out

    assert console.get(f"/console/settlement/{run.pk}/progress/").json() == {
        "progress": 1.0,
        "done": True,
        "label": "Finished: 2 of 2 commissions settled.",
    }
    finished = console.get(response["Location"]).content.decode()
    assert "data-progress-url" not in finished and 'http-equiv="refresh"' not in finished
    assert 'id="commission-total">CN¥160.00<' in finished
    assert 'id="platform-fee-total">CN¥16.00<' in finished
    assert f'{shop.name} <span class="muted">#{shop.pk}</span>' in finished
    listing = console.get("/console/settlement/").content.decode()
    assert f'id="run-{run.pk}"' in listing and "CN¥160.00" in listing


def test_a_running_runs_progress_is_settled_over_due(console):
    run = _run(status=SettlementRun.Status.RUNNING, due_count=4, settled_count=1)

    assert console.get(f"/console/settlement/{run.pk}/progress/").json() == {
        "progress": 0.25,
        "done": False,
        "label": "Running: 1 of 4 commissions settled.",
    }
    assert console.get("/console/settlement/999999/").status_code == 404


def test_the_settlement_list_query_count_is_flat(
    console, admin_user, django_assert_max_num_queries
):
    for _ in range(6):
        _run(status=SettlementRun.Status.FINISHED, triggered_by=admin_user)

    with django_assert_max_num_queries(4):
        html = console.get("/console/settlement/").content.decode()

    assert html.count('id="run-') == 6


# --- Ledger check -------------------------------------------------------------------------------


def test_run_check_now_on_a_clean_ledger_passes(
    console, admin_user, django_capture_on_commit_callbacks
):
    earn(factories.PromoterFactory(), sales=["500.00"])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = console.post("/console/ledger/")

    check = LedgerCheck.objects.get()
    assert response.status_code == 302
    assert (check.status, check.requested_by) == ("queued", admin_user)
    assert AuditLog.objects.filter(
        action="ledger_check.request", target_id=str(check.pk), actor=admin_user
    ).exists()
    queued = console.get("/console/ledger/").content.decode()
    assert f'data-progress-url="/console/ledger/{check.pk}/progress/"' in queued
    assert "No check has finished yet." in queued
    progress = console.get(f"/console/ledger/{check.pk}/progress/").json()
    assert progress == {"progress": 0.0, "done": False, "label": "Queued: waiting for a worker."}
    again = console.post("/console/ledger/")
    assert again.status_code == 409
    assert "A ledger check is already queued or running." in again.content.decode()

    callbacks[0]()

    check.refresh_from_db()
    assert (check.status, check.breaks, check.commissions_checked) == ("passed", [], 1)
    assert check.started_at is not None and check.finished_at is not None
    assert console.get(f"/console/ledger/{check.pk}/progress/").json() == {
        "progress": 1.0,
        "done": True,
        "label": "Passed: the ledger is clean.",
    }
    html = console.get("/console/ledger/").content.decode()
    assert "data-progress-url" not in html
    assert "The ledger is clean: 1 transactions, 3 entries, 1 settled commissions checked." in html


def test_a_tampered_ledger_fails_with_its_breaks_listed(
    console, django_capture_on_commit_callbacks
):
    earn(factories.PromoterFactory(), sales=["500.00"])
    commission = Commission.objects.get()
    # A settled commission whose amounts no longer match what the ledger holds.
    Commission.objects.filter(pk=commission.pk).update(
        promoter_amount=D("1.00"), commission=D("11.00")
    )

    with django_capture_on_commit_callbacks(execute=True):
        console.post("/console/ledger/")  # the task runs in-process in the tests

    check = LedgerCheck.objects.get()
    assert check.status == "failed"
    assert len(check.breaks) == 1
    assert check.breaks[0].startswith(f"commission {commission.pk} (settled) should hold")
    html = console.get("/console/ledger/").content.decode()
    assert "1 break found:" in html
    assert f"<li>commission {commission.pk} (settled) should hold" in html
    assert console.get(f"/console/ledger/{check.pk}/progress/").json()["label"] == (
        "Failed: 1 break found."
    )


def test_the_hourly_task_records_its_check_and_closes_lost_ones(console):
    lost = LedgerCheck.objects.create(
        status=LedgerCheck.Status.RUNNING, started_at=timezone.now() - timedelta(hours=2)
    )

    assert ledger_tasks.check_ledger() is True

    lost.refresh_from_db()
    assert (lost.status, lost.error) == (
        "failed",
        "The check stopped without a result (its worker was lost).",
    )
    hourly = LedgerCheck.objects.exclude(pk=lost.pk).get()
    assert (hourly.status, hourly.requested_by) == ("passed", None)
    assert "hourly check" in console.get("/console/ledger/").content.decode()


def test_the_hourly_task_runs_a_queued_check_whose_task_was_lost():
    queued = LedgerCheck.objects.create()

    ledger_tasks.check_ledger()

    queued.refresh_from_db()
    assert queued.status == "passed"
    assert LedgerCheck.objects.count() == 1


def test_the_ledger_history_query_count_is_flat(console, admin_user, django_assert_max_num_queries):
    for n in range(25):
        LedgerCheck.objects.create(
            status=LedgerCheck.Status.FAILED if n % 2 else LedgerCheck.Status.PASSED,
            breaks=["x"] if n % 2 else [],
            requested_by=admin_user if n % 3 else None,
        )

    with django_assert_max_num_queries(6):
        html = console.get("/console/ledger/").content.decode()

    assert html.count('id="check-') == 20
