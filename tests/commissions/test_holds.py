"""Who earns, by status (docs/domain.md "Who may do what"): a pending or rejected merchant's
events are refused and its orders earn nothing; so do orders a pending promoter brought; a
suspended merchant's or promoter's commissions are held, skipped by settlement runs (which
count them), until an admin approves the account again (they settle) or voids them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from alliance.errors import AllianceError, InvalidTransition, NotAllowed
from commissions.models import Commission, Order, OrderEvent, SettlementRun
from commissions.services.commissions import commission_settle, commissions_void_held
from commissions.services.events import order_events_backfill
from commissions.services.settlement import settlement_run
from ledger.models import LedgerTransaction
from ledger.selectors import balance, promoter_available_balance
from products.services import merchant_review
from promoters.services import promoter_review

from .. import factories
from ..conftest import client_for
from .orders import lifecycle, store

pytestmark = pytest.mark.django_db
D = Decimal


def _sale(shop, promoter, order_id: str, amount: str = "4500.00", *, rate="100.00"):
    """A completed sale through `promoter`'s link, paid 20 days ago (past the hold)."""
    product = shop.products.filter(sku="S").first() or factories.ProductFactory(
        merchant=shop, sku="S", commission_rate=D(rate)
    )
    link = factories.LinkFactory(promoter=promoter, product=product)
    paid_at = timezone.now() - timedelta(days=20)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    for body in lifecycle(order_id, "S", amount, click_id=click.pk, paid_at=paid_at):
        store(shop, body)


def _suspend(account, admin):
    review = merchant_review if account._meta.model_name == "merchant" else promoter_review
    key = account._meta.model_name
    return review(**{key: account}, status="suspended", reviewer=admin, reason="Under review")


def _approve(account, admin):
    review = merchant_review if account._meta.model_name == "merchant" else promoter_review
    return review(**{account._meta.model_name: account}, status="approved", reviewer=admin)


BACKFILL = (
    b'{"type": "order.completed", "order_id": "B-1", "occurred_at": "2026-01-02T00:00:00+00:00",'
    b' "paid_at": "2026-01-01T00:00:00+00:00", "completed_at": "2026-01-02T00:00:00+00:00",'
    b' "click_id": null, "coupon_code": null, "customer_id": "c",'
    b' "items": [{"sku": "S", "quantity": 1, "amount": "4500.00", "refunded_amount": "0.00"}]}'
)


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_only_an_approved_merchant_backfills(status):
    shop = factories.MerchantFactory(status=status)
    factories.ProductFactory(merchant=shop, sku="S", commission_rate=D("100.00"))

    with pytest.raises(NotAllowed) as refused:
        order_events_backfill(merchant=shop, content=BACKFILL)

    assert refused.value.code == (
        "account_suspended" if status == "suspended" else "account_not_approved"
    )
    assert (OrderEvent.objects.count(), Order.objects.count(), Commission.objects.count()) == (
        0,
        0,
        0,
    )


def test_the_backfill_api_refuses_a_pending_merchant_and_stores_nothing():
    shop = factories.MerchantFactory(status="pending")
    client = Client()
    client.force_login(factories.MerchantMemberFactory(merchant=shop).user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/v1/order-events/backfill/",
        {"file": SimpleUploadedFile("events.jsonl", BACKFILL)},
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_not_approved"
    assert OrderEvent.objects.count() == 0


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_orders_of_a_merchant_that_is_not_approved_earn_nothing(status):
    """Even an event that reached the inbox (stored before a check, or by hand) earns nothing
    for a pending merchant: the order is kept, unattributed."""
    shop = factories.MerchantFactory(status=status)
    promoter = factories.PromoterFactory()

    _sale(shop, promoter, "P-1")

    order = Order.objects.get(order_id="P-1")
    assert (order.status, order.attribution, order.promoter_id) == ("completed", "none", None)
    assert Commission.objects.count() == 0
    assert LedgerTransaction.objects.count() == 0


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_orders_a_promoter_that_is_not_approved_brought_earn_nothing(status):
    shop = factories.MerchantFactory()
    promoter = factories.PromoterFactory(status=status)

    _sale(shop, promoter, "P-2")

    order = Order.objects.get(order_id="P-2")
    assert (order.attribution, order.promoter_id) == ("none", None)
    assert Commission.objects.count() == 0


@pytest.mark.parametrize("side", ["merchant", "promoter"])
def test_a_suspended_sides_commission_is_held_skipped_and_counted_then_settles_on_release(
    side, admin_user, admin_api
):
    shop = factories.MerchantFactory()
    promoter = factories.PromoterFactory()
    account = shop if side == "merchant" else promoter
    _suspend(account, admin_user)

    _sale(shop, promoter, "H-1")  # C 4500.00, F 450.00, P 4050.00

    commission = Commission.objects.get()
    assert (commission.status, commission.commission, commission.promoter_amount) == (
        "confirmed",
        D("4500.00"),
        D("4050.00"),
    )
    run = settlement_run()
    assert (run.settled_count, run.held_count, run.due_count) == (0, 1, 0)
    assert commission_settle(commission_id=commission.pk) is False
    commission.refresh_from_db()
    assert (commission.status, commission.settled_at) == ("confirmed", None)
    assert LedgerTransaction.objects.count() == 0
    assert promoter_available_balance(promoter.pk) == D("0.00")
    shown = admin_api.get(f"/api/v1/settlement-runs/{run.pk}/").json()
    assert (shown["settled_count"], shown["held_count"]) == (0, 1)

    _approve(account, admin_user)
    released = settlement_run()

    assert (released.settled_count, released.held_count) == (1, 0)
    assert released.commission_total == D("4500.00")
    commission.refresh_from_db()
    assert commission.status == "settled"
    assert promoter_available_balance(promoter.pk) == D("4050.00")
    assert balance(f"merchant_payable:{shop.pk}") == D("-4500.00")


def test_the_console_run_page_shows_how_many_were_held(admin_user):
    shop = factories.MerchantFactory()
    _suspend(shop, admin_user)
    _sale(shop, factories.PromoterFactory(), "H-2")
    run = settlement_run()
    client = Client()
    client.force_login(admin_user)

    page = client.get(f"/console/settlement/{run.pk}/")

    assert page.status_code == 200
    assert b'id="held-count">1<' in page.content


def test_an_admin_voids_a_suspended_merchants_held_commissions(admin_user):
    shop = factories.MerchantFactory()
    promoter = factories.PromoterFactory()
    _sale(shop, promoter, "V-1", "100.00")
    settlement_run()  # V-1 settles while the merchant is approved: 100.00, P 90.00
    shop = _suspend(shop, admin_user)
    _sale(shop, promoter, "V-2", "200.00")

    voided = commissions_void_held(account=shop, note="Fake orders", actor=admin_user)

    assert voided == 1
    held = Commission.objects.get(order__order_id="V-2")
    assert (held.status, held.invalid_reason, held.void_note) == (
        "void",
        "suspension",
        "Fake orders",
    )
    settled = Commission.objects.get(order__order_id="V-1")
    assert settled.status == "settled"
    # Approving the merchant again later does not bring the void commission back.
    _approve(shop, admin_user)
    run = settlement_run()
    assert (run.settled_count, run.held_count) == (0, 0)
    assert promoter_available_balance(promoter.pk) == D("90.00")


def test_voiding_held_commissions_needs_a_suspended_account_and_a_reason(admin_user):
    shop = factories.MerchantFactory()
    with pytest.raises(InvalidTransition):
        commissions_void_held(account=shop, note="x", actor=admin_user)
    shop = _suspend(shop, admin_user)
    with pytest.raises(AllianceError) as missing:
        commissions_void_held(account=shop, note=" ", actor=admin_user)
    assert missing.value.code == "reason_required"


def test_a_suspended_merchants_webhook_events_are_still_accepted():
    """The store cannot be told to stop mid-flight: its events are kept, their money held."""
    from .test_webhook import paid_body, post

    shop = factories.MerchantFactory(status="suspended")
    owner = factories.MerchantMemberFactory(merchant=shop).user
    shop.webhook_secret = "whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    shop.save(update_fields=["webhook_secret"])
    shop.secret = shop.webhook_secret
    factories.ProductFactory(merchant=shop, sku="TEA-1")
    assert owner is not None

    response = post(client_for(owner), shop, paid_body(), msg_id="msg_s1")

    assert response.status_code == 202
    assert OrderEvent.objects.filter(merchant=shop).count() == 1


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_merchant_that_is_not_approved_has_its_webhook_events_refused(status):
    from .test_webhook import paid_body, post

    shop = factories.MerchantFactory(status=status)
    owner = factories.MerchantMemberFactory(merchant=shop).user
    shop.webhook_secret = "whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    shop.save(update_fields=["webhook_secret"])
    shop.secret = shop.webhook_secret
    factories.ProductFactory(merchant=shop, sku="TEA-1")

    response = post(client_for(owner), shop, paid_body(), msg_id="msg_p1")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "merchant_not_approved"
    assert OrderEvent.objects.count() == 0
    assert shop.webhook_deliveries.get().error_code == "merchant_not_approved"
    assert SettlementRun.objects.count() == 0


def test_the_admin_action_voids_the_held_commissions_of_a_suspended_promoter(admin_user):
    shop = factories.MerchantFactory()
    promoter = factories.PromoterFactory()
    _sale(shop, promoter, "A-1", "100.00")
    other = factories.PromoterFactory()
    _sale(shop, other, "A-2", "100.00")
    _suspend(promoter, admin_user)
    held = Commission.objects.get(order__order_id="A-1")
    client = Client()
    client.force_login(admin_user)

    response = client.post(
        "/admin/commissions/commission/",
        {"action": "void_held_of_suspended", "_selected_action": [held.pk]},
    )

    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.status, held.invalid_reason) == ("void", "suspension")
    assert Commission.objects.get(order__order_id="A-2").status == "confirmed"
    run = settlement_run()
    assert (run.settled_count, run.held_count) == (1, 0)
    assert promoter_available_balance(other.pk) == D("90.00")
    assert promoter_available_balance(promoter.pk) == D("0.00")
