"""Flags hold what they touch and an admin's decision lets it go or voids it
(docs/fraud.md, "Holds and decisions")."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from alliance.errors import AllianceError, Conflict, InvalidTransition, NotAllowed
from alliance.models import AuditLog
from commissions.models import Commission
from commissions.services.settlement import settlement_run
from fraud.models import Flag, Rule
from fraud.services.flags import (
    Finding,
    flag_appeal,
    flag_clear,
    flag_confirm,
    flag_raise,
    order_report,
)
from ledger.selectors import promoter_available_balance
from payouts.models import Payout, PayoutHold, PayoutMethod
from payouts.services.payouts import payout_request

from .. import factories
from ..commissions.orders import lifecycle, store

pytestmark = pytest.mark.django_db
D = Decimal


def _sale(shop, promoter, order_id: str, amount: str = "100.00"):
    product = shop.products.filter(sku="S").first() or factories.ProductFactory(
        merchant=shop, sku="S", commission_rate=D("10.00")
    )
    link = factories.LinkFactory(promoter=promoter, product=product)
    paid_at = timezone.now() - timedelta(days=20)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    for body in lifecycle(order_id, "S", amount, click_id=click.pk, paid_at=paid_at):
        store(shop, body)
    return shop.orders.get(order_id=order_id)


def _finding(order, severity=Flag.Severity.HIGH, **overrides):
    values = dict(
        rule=Rule.FAST_PAY,
        severity=severity,
        key=f"fast_pay:order:{order.pk}",
        promoter_id=order.promoter_id,
        merchant_id=order.merchant_id,
        summary="Paid 2 s after the click (at least 10 s)",
        evidence={"measured": {"seconds": 2}, "threshold": {"min_seconds": 10}},
        order_ids=[order.pk],
    )
    return Finding(**(values | overrides))


@pytest.fixture
def shop():
    return factories.MerchantFactory(hold_days=0)


def test_a_high_flag_holds_its_commissions_and_the_payouts_and_settlement_counts_them(shop):
    promoter = factories.PromoterFactory()
    flagged = _sale(shop, promoter, "F-1")
    _sale(shop, promoter, "F-2")

    flag = flag_raise(_finding(flagged))
    run = settlement_run()

    assert flag.payout_hold.source == PayoutHold.Source.FRAUD
    assert flag.payout_hold.released_at is None
    held = Commission.objects.get(order=flagged)
    assert (held.review_hold, held.status) == (True, "confirmed")
    assert (run.settled_count, run.held_count) == (1, 1)
    assert promoter_available_balance(promoter.pk) == D("9.00")


def test_a_low_flag_only_marks(shop):
    order = _sale(shop, factories.PromoterFactory(), "L-1")

    flag = flag_raise(_finding(order, Flag.Severity.LOW))
    run = settlement_run()

    assert flag.payout_hold is None
    assert (run.settled_count, run.held_count) == (1, 0)
    assert list(flag.commissions.values_list("order__order_id", flat=True)) == ["L-1"]


def test_raising_again_is_idempotent_and_raises_low_to_high(shop):
    order = _sale(shop, factories.PromoterFactory(), "I-1")

    first = flag_raise(_finding(order, Flag.Severity.LOW))
    again = flag_raise(_finding(order, Flag.Severity.LOW))
    higher = flag_raise(_finding(order, Flag.Severity.HIGH))
    lower = flag_raise(_finding(order, Flag.Severity.LOW))

    assert first.pk == again.pk == higher.pk == lower.pk
    assert Flag.objects.count() == 1
    assert Flag.objects.get().severity == "high"
    assert PayoutHold.objects.filter(released_at__isnull=True).count() == 1
    assert AuditLog.objects.filter(action="fraud_flag.raise").count() == 1


def test_clearing_lets_the_money_settle_and_releases_the_payout_hold(shop):
    promoter = factories.PromoterFactory()
    order = _sale(shop, promoter, "C-1")
    flag = flag_raise(_finding(order))
    admin = factories.AdminFactory()

    flag_clear(flag=flag, actor=admin, note="Known fast buyer")
    run = settlement_run()

    flag.refresh_from_db()
    assert flag.status == "cleared"
    assert flag.payout_hold.released_at is not None
    assert (run.settled_count, run.held_count) == (1, 0)
    assert flag_raise(_finding(order)) is None  # decided stays decided
    with pytest.raises(Conflict):
        flag_clear(flag=flag, actor=admin)


def test_a_commission_stays_held_while_another_high_flag_holds_it(shop):
    order = _sale(shop, factories.PromoterFactory(), "T-1")
    one = flag_raise(_finding(order))
    flag_raise(_finding(order, key=f"click_reuse:order:{order.pk}", rule=Rule.CLICK_REUSE))

    flag_clear(flag=one, actor=factories.AdminFactory())

    assert Commission.objects.get(order=order).review_hold is True
    assert PayoutHold.objects.filter(released_at__isnull=True).count() == 1


def test_confirming_voids_and_claws_back_settled_money_and_can_suspend(shop):
    promoter = factories.PromoterFactory()
    order = _sale(shop, promoter, "V-1")
    settlement_run()
    assert promoter_available_balance(promoter.pk) == D("9.00")
    flag = flag_raise(_finding(order))
    admin = factories.AdminFactory()

    flag_confirm(flag=flag, actor=admin, note="Brushing ring", suspend=True)

    commission = Commission.objects.get(order=order)
    assert (commission.status, commission.invalid_reason) == ("void", "fraud")
    assert promoter_available_balance(promoter.pk) == D("0.00")
    promoter.refresh_from_db()
    assert promoter.status == "suspended"
    assert flag.payout_hold.released_at is None
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {"fraud_flag.raise", "fraud_flag.confirm"} <= actions


def test_confirm_needs_a_reason(shop):
    flag = flag_raise(_finding(_sale(shop, factories.PromoterFactory(), "R-1")))
    with pytest.raises(AllianceError) as refused:
        flag_confirm(flag=flag, actor=factories.AdminFactory(), note="  ")
    assert refused.value.code == "note_required"
    assert Flag.objects.get().status == "open"


def test_a_requested_payout_is_held_by_a_high_flag(shop):
    promoter = factories.PromoterFactory()
    settled = _sale(shop, promoter, "P-1", amount="1000.00")
    settlement_run()
    method = PayoutMethod.objects.create(
        promoter=promoter, kind="alipay", account_name="Li Lei", account="13800138000"
    )
    payout = payout_request(promoter=promoter, method=method, amount=D("50.00"))
    flag_raise(_finding(settled))
    payout.refresh_from_db()
    assert payout.status == Payout.Status.HELD


def test_only_the_promoter_appeals_its_own_open_flag(shop):
    order = _sale(shop, factories.PromoterFactory(), "A-1")
    flag = flag_raise(_finding(order))

    with pytest.raises(NotAllowed):
        flag_appeal(flag=flag, promoter=factories.PromoterFactory(), note="Not me")
    flag_appeal(flag=flag, promoter=order.promoter, note="My fans buy fast")

    flag.refresh_from_db()
    assert flag.appeal_note == "My fans buy fast"
    flag_clear(flag=flag, actor=factories.AdminFactory())
    with pytest.raises(InvalidTransition):
        flag_appeal(flag=flag, promoter=order.promoter, note="again")


def test_a_merchant_report_opens_a_low_flag_that_voids_nothing(shop):
    order = _sale(shop, factories.PromoterFactory(), "M-1")

    flag = order_report(
        order=order, actor=factories.UserFactory(), note="Same address as the promoter"
    )
    run = settlement_run()

    assert (flag.rule, flag.severity, flag.report_note) == (
        "merchant_report",
        "low",
        "Same address as the promoter",
    )
    assert (run.settled_count, run.held_count) == (1, 0)
    assert Commission.objects.get(order=order).status == "settled"


def test_after_a_confirmation_new_commissions_of_the_subject_raise_a_new_flag(shop):
    promoter = factories.PromoterFactory()
    first, later = _sale(shop, promoter, "K-1"), _sale(shop, promoter, "K-2")
    key = f"customer_repeat:m{shop.pk}:c:p{promoter.pk}"
    flag = flag_raise(_finding(first, key=key, rule=Rule.CUSTOMER_REPEAT))
    flag_confirm(flag=flag, actor=factories.AdminFactory(), note="Brushing")

    again = flag_raise(
        _finding(first, key=key, rule=Rule.CUSTOMER_REPEAT, order_ids=[first.pk, later.pk])
    )

    assert again.key == f"{key}#2"
    assert (again.status, again.severity) == ("open", "high")
    assert list(again.orders.values_list("order_id", flat=True)) == ["K-2"]
    assert Commission.objects.get(order=later).review_hold is True
    # Nothing new: nothing raised.
    assert flag_raise(_finding(first, key=key, rule=Rule.CUSTOMER_REPEAT)) is None


def test_a_cleared_subject_stays_cleared_with_new_orders(shop):
    promoter = factories.PromoterFactory()
    first, later = _sale(shop, promoter, "Q-1"), _sale(shop, promoter, "Q-2")
    key = f"customer_repeat:m{shop.pk}:c:p{promoter.pk}"
    flag_clear(flag=flag_raise(_finding(first, key=key)), actor=factories.AdminFactory())

    assert flag_raise(_finding(first, key=key, order_ids=[first.pk, later.pk])) is None
    assert Flag.objects.count() == 1


def test_reporting_an_order_again_keeps_the_latest_note(shop):
    order = _sale(shop, factories.PromoterFactory(), "N-1")
    order_report(order=order, actor=factories.UserFactory(), note="Odd address")

    flag = order_report(order=order, actor=factories.UserFactory(), note="Same phone as the KOL")

    flag.refresh_from_db()
    assert flag.report_note == "Same phone as the KOL"
    assert Flag.objects.count() == 1


def test_a_rule_that_fails_leaves_the_others_and_the_bookmark(shop, monkeypatch, caplog):
    from fraud.models import SweepMark
    from fraud.services import account_rules, rules

    order = _sale(shop, factories.PromoterFactory(), "B-1")

    def broken(**kwargs):
        raise RuntimeError("a broken rule")
        yield

    monkeypatch.setattr(account_rules, "outlier_findings", broken)
    monkeypatch.setattr(
        rules, "order_findings", lambda ids: iter([_finding(order)] if order.pk in ids else [])
    )
    rules.orders_sweep()

    assert Flag.objects.filter(key=f"fast_pay:order:{order.pk}").exists()
    assert "a broken rule" in caplog.text
    mark = SweepMark.objects.get(name="orders")
    assert mark.until < timezone.now() - timedelta(days=29)  # not moved: read again next time


def test_a_fraud_parameter_of_the_wrong_type_is_read_as_its_default_type(settings, caplog):
    from fraud.params import param

    settings.ALLIANCE_FRAUD = {"customer_orders_max": "20", "fast_pay_seconds": "soon"}
    merchant = factories.MerchantFactory(fraud_overrides={"outlier_p_value": "0.001"})

    assert param("customer_orders_max") == 20
    assert param("outlier_p_value", merchant) == 0.001
    assert param("fast_pay_seconds") == 10
    assert "fast_pay_seconds" in caplog.text
