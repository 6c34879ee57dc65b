"""Payouts by promoter status (docs/payouts.md "Held payouts"): a suspended promoter's payouts
are held (they cannot be approved, alone or in bulk, and no new one can be asked for) until an
admin approves the promoter again; a promoter that is not approved adds no payout method."""

import pytest

from alliance.errors import Conflict, NotAllowed
from ledger import selectors as ledger_selectors
from ledger.models import LedgerTransaction
from payouts.models import Payout
from payouts.services import payouts as services
from payouts.services.methods import method_update
from promoters.services import promoter_review

from .. import factories
from ..assertions import assert_error
from .money import D, alipay, fund

pytestmark = pytest.mark.django_db
API = "/api/v1/payouts/"


def balances(promoter):
    return (
        ledger_selectors.balance(f"promoter_available:{promoter.pk}"),
        ledger_selectors.balance(f"payouts_in_transit:{promoter.pk}"),
    )


@pytest.fixture
def requested(promoter):
    fund(promoter, "100.00")
    return services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("60.00"))


def _suspend(promoter, admin):
    return promoter_review(
        promoter=promoter, status="suspended", reviewer=admin, reason="Click fraud"
    )


def test_a_suspended_promoters_payout_cannot_be_approved_until_it_is_approved_again(
    admin_api, admin_user, promoter, requested
):
    _suspend(promoter, admin_user)
    postings_before = LedgerTransaction.objects.count()

    response = admin_api.post(f"{API}{requested.pk}/approve/")

    assert_error(response, 409, code="payout_held")
    requested.refresh_from_db()
    assert requested.status == Payout.Status.REQUESTED
    assert balances(promoter) == (D("100.00"), D("0.00"))
    assert LedgerTransaction.objects.count() == postings_before

    promoter_review(promoter=promoter, status="approved", reviewer=admin_user)
    approved = services.payout_approve(payout=requested, reviewer=admin_user)

    assert approved.status == Payout.Status.APPROVED
    assert balances(promoter) == (D("40.00"), D("60.00"))


def test_bulk_approval_leaves_a_suspended_promoters_payout_held(admin_user, promoter, requested):
    other = factories.PromoterFactory()
    fund(other, "50.00")
    fine = services.payout_request(promoter=other, method=alipay(other), amount=D("50.00"))
    _suspend(promoter, admin_user)

    results = services.payouts_bulk(action="approve", ids=[requested.pk, fine.pk], actor=admin_user)

    assert [(r.id, r.ok, r.code or r.status) for r in results] == [
        (requested.pk, False, "payout_held"),
        (fine.pk, True, "approved"),
    ]
    assert balances(promoter) == (D("100.00"), D("0.00"))
    assert balances(other) == (D("0.00"), D("50.00"))
    with pytest.raises(Conflict):
        services.payout_approve(payout=requested.pk, reviewer=admin_user)


def test_a_suspended_promoter_cannot_ask_for_a_payout(admin_user, promoter):
    fund(promoter, "100.00")
    method = alipay(promoter)
    promoter = _suspend(promoter, admin_user)

    with pytest.raises(NotAllowed) as refused:
        services.payout_request(promoter=promoter, method=method, amount=D("20.00"))

    assert refused.value.code == "promoter_not_approved"
    assert Payout.objects.count() == 0
    assert balances(promoter) == (D("100.00"), D("0.00"))


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_only_an_approved_promoter_adds_or_changes_a_payout_method(status, admin_user):
    promoter = factories.PromoterFactory()
    method = alipay(promoter)
    type(promoter).objects.filter(pk=promoter.pk).update(status=status)
    promoter.refresh_from_db()

    with pytest.raises(NotAllowed) as refused:
        alipay(promoter, account="13900139000")
    with pytest.raises(NotAllowed):
        method_update(method=method, account_name="李四")

    expected = "account_suspended" if status == "suspended" else "account_not_approved"
    assert refused.value.code == expected
    assert promoter.payout_methods.count() == 1
    method.refresh_from_db()
    assert method.account_name == "张三"
