"""Reviewing payouts: every allowed move and its ledger postings, every refused move (409), the
balance checked again at approval, and an audit record for each action."""

import pytest

from alliance.models import AuditLog
from commissions.models import Commission
from ledger import selectors as ledger_selectors
from ledger.models import LedgerTransaction
from payouts.models import PAYOUT_TRANSITIONS, Payout
from payouts.services import payouts as services

from ..assertions import assert_error
from .money import D, alipay, earn, fund, postings, refund

pytestmark = pytest.mark.django_db
API = "/api/v1/payouts/"


@pytest.fixture
def payout(promoter):
    fund(promoter, "100.00")
    return services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("60.00"))


def balances(promoter):
    return (
        ledger_selectors.balance(f"promoter_available:{promoter.pk}"),
        ledger_selectors.balance(f"payouts_in_transit:{promoter.pk}"),
        ledger_selectors.balance(f"payouts_paid:{promoter.pk}"),
    )


def test_approve_moves_the_amount_to_in_transit(admin_api, admin_user, payout, promoter):
    response = admin_api.post(f"{API}{payout.pk}/approve/")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["reviewed_by"]) == ("approved", admin_user.username)
    assert postings(payout) == {
        "approve": {
            f"promoter_available:{promoter.pk}": D("-60.00"),
            f"payouts_in_transit:{promoter.pk}": D("60.00"),
        }
    }
    assert balances(promoter) == (D("40.00"), D("60.00"), D("0.00"))


def test_mark_paid_moves_it_to_paid_with_the_reference(admin_api, payout, promoter):
    admin_api.post(f"{API}{payout.pk}/approve/")

    assert_error(
        admin_api.post(f"{API}{payout.pk}/mark-paid/", {"reference": " "}, format="json"),
        400,
        code="reference_required",
        fields={"reference"},
    )
    response = admin_api.post(
        f"{API}{payout.pk}/mark-paid/", {"reference": "ALI20261120001"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["reference"]) == ("paid", "ALI20261120001")
    assert postings(payout)["paid"] == {
        f"payouts_in_transit:{promoter.pk}": D("-60.00"),
        f"payouts_paid:{promoter.pk}": D("60.00"),
    }
    assert balances(promoter) == (D("40.00"), D("0.00"), D("60.00"))


def test_mark_failed_returns_the_money(admin_api, payout, promoter):
    admin_api.post(f"{API}{payout.pk}/approve/")

    assert_error(
        admin_api.post(f"{API}{payout.pk}/mark-failed/", {"reason": ""}, format="json"),
        400,
        code="reason_required",
        fields={"reason"},
    )
    response = admin_api.post(
        f"{API}{payout.pk}/mark-failed/", {"reason": "Account closed"}, format="json"
    )

    assert response.json()["status"] == "failed"
    assert postings(payout)["return"] == {
        f"payouts_in_transit:{promoter.pk}": D("-60.00"),
        f"promoter_available:{promoter.pk}": D("60.00"),
    }
    assert balances(promoter) == (D("100.00"), D("0.00"), D("0.00"))


def test_rejecting_a_requested_payout_moves_no_money(admin_api, payout, promoter):
    assert_error(
        admin_api.post(f"{API}{payout.pk}/reject/", {"reason": ""}, format="json"),
        400,
        code="reason_required",
        fields={"reason"},
    )
    response = admin_api.post(
        f"{API}{payout.pk}/reject/", {"reason": "Name mismatch"}, format="json"
    )

    assert (response.json()["status"], response.json()["reason"]) == ("rejected", "Name mismatch")
    assert postings(payout) == {}
    assert balances(promoter) == (D("100.00"), D("0.00"), D("0.00"))


def test_rejecting_after_approval_returns_the_money(admin_api, payout, promoter):
    admin_api.post(f"{API}{payout.pk}/approve/")

    admin_api.post(f"{API}{payout.pk}/reject/", {"reason": "Wrong account"}, format="json")

    assert set(postings(payout)) == {"approve", "return"}
    assert balances(promoter) == (D("100.00"), D("0.00"), D("0.00"))


def test_rejecting_a_held_payout_moves_no_money(admin_user, payout, promoter):
    from payouts.services.holds import hold_set

    hold_set(promoter=promoter, reason="Fraud check", actor=admin_user)

    services.payout_reject(payout=payout, reviewer=admin_user, reason="Fraud")

    assert Payout.objects.get(pk=payout.pk).status == "rejected"
    assert postings(payout) == {}


def test_approving_twice_posts_once(admin_api, admin_user, payout, promoter):
    admin_api.post(f"{API}{payout.pk}/approve/")

    assert_error(admin_api.post(f"{API}{payout.pk}/approve/"), 409, code="invalid_transition")
    # The posting itself is idempotent too, whoever posts it again.
    services._post(
        Payout.objects.get(pk=payout.pk),
        "approve",
        (
            (f"promoter_available:{promoter.pk}", D("-60.00")),
            (f"payouts_in_transit:{promoter.pk}", D("60.00")),
        ),
    )

    assert (
        LedgerTransaction.objects.filter(idempotency_key=f"payout:{payout.pk}:approve").count() == 1
    )
    assert balances(promoter) == (D("40.00"), D("60.00"), D("0.00"))


# (status the payout is brought to, action) for every move the table does not allow.
ACTIONS = {
    "approve": "approved",
    "reject": "rejected",
    "mark-paid": "paid",
    "mark-failed": "failed",
}
PATHS = {
    "requested": [],
    "held": ["hold"],
    "approved": ["approve"],
    "rejected": ["reject"],
    "paid": ["approve", "mark-paid"],
    "failed": ["approve", "mark-failed"],
}
BODY = {"reason": "Because", "reference": "REF-1"}


def bring(admin_api, admin_user, payout, status):
    from payouts.services.holds import hold_set

    for step in PATHS[status]:
        if step == "hold":
            hold_set(promoter=payout.promoter, reason="x", actor=admin_user)
        else:
            assert (
                admin_api.post(f"{API}{payout.pk}/{step}/", BODY, format="json").status_code == 200
            )
    assert Payout.objects.get(pk=payout.pk).status == status


BAD_MOVES = [
    (status, action)
    for status in PATHS
    for action, target in ACTIONS.items()
    if target not in PAYOUT_TRANSITIONS[status]
]


@pytest.mark.parametrize(("status", "action"), BAD_MOVES, ids=[f"{s}-{a}" for s, a in BAD_MOVES])
def test_every_move_outside_the_table_is_refused_with_409(
    admin_api, admin_user, payout, status, action
):
    bring(admin_api, admin_user, payout, status)
    before = LedgerTransaction.objects.count()

    response = admin_api.post(f"{API}{payout.pk}/{action}/", BODY, format="json")

    error = assert_error(response, 409)
    assert error["code"] in {"invalid_transition", "payout_held"}
    assert Payout.objects.get(pk=payout.pk).status == status
    assert LedgerTransaction.objects.count() == before


GOOD_MOVES = [
    (status, action)
    for status in PATHS
    for action, target in ACTIONS.items()
    if target in PAYOUT_TRANSITIONS[status]
]


@pytest.mark.parametrize(("status", "action"), GOOD_MOVES, ids=[f"{s}-{a}" for s, a in GOOD_MOVES])
def test_every_move_in_the_table_is_made(admin_api, admin_user, payout, status, action):
    bring(admin_api, admin_user, payout, status)

    response = admin_api.post(f"{API}{payout.pk}/{action}/", BODY, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == ACTIONS[action]


def test_approval_rechecks_the_balance_after_a_clawback(admin_api, promoter):
    """A real sale settles 90.00 into the balance; the promoter asks for 60.00; a refund
    claws the 90.00 back before review: approval is refused and nothing moves."""
    earn(promoter, sales=["500.00"])
    assert ledger_selectors.promoter_available_balance(promoter.pk) == D("90.00")
    payout = services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("60.00"))

    refund(Commission.objects.get(promoter=promoter))

    assert ledger_selectors.promoter_available_balance(promoter.pk) == D("0.00")
    assert_error(admin_api.post(f"{API}{payout.pk}/approve/"), 409, code="insufficient_balance")
    assert Payout.objects.get(pk=payout.pk).status == "requested"
    assert postings(payout) == {}


def test_every_action_is_audited(admin_api, admin_user, promoter, payout):
    admin_api.post(f"{API}{payout.pk}/approve/")
    admin_api.post(f"{API}{payout.pk}/mark-paid/", {"reference": "BANK-77"}, format="json")

    rows = list(
        AuditLog.objects.filter(target_type="payouts.payout", target_id=str(payout.pk)).order_by(
            "pk"
        )
    )
    assert [(r.action, r.actor_id) for r in rows] == [
        ("payout.request", None),
        ("payout.approve", admin_user.pk),
        ("payout.mark_paid", admin_user.pk),
    ]
    assert rows[1].data == {"promoter": promoter.pk, "amount": "60.00"}
    assert rows[2].data == {"promoter": promoter.pk, "amount": "60.00", "reference": "BANK-77"}


def test_promoters_and_merchants_cannot_review(promoter_api, merchant_api, payout):
    for client in (promoter_api, merchant_api):
        for action in ACTIONS:
            assert_error(client.post(f"{API}{payout.pk}/{action}/", BODY, format="json"), 403)
    assert Payout.objects.get(pk=payout.pk).status == "requested"


def test_paying_out_marks_the_covered_commissions_paid(admin_user, promoter):
    earn(promoter, sales=["500.00", "300.00"])  # P 90.00 and 54.00, settled in that order
    first = services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("100.00"))
    services.payout_approve(payout=first, reviewer=admin_user)

    services.payout_mark_paid(payout=first, actor=admin_user, reference="R1")

    amounts = dict(
        Commission.objects.filter(promoter=promoter).values_list("promoter_amount", "status")
    )
    assert amounts == {D("90.00"): "paid", D("54.00"): "settled"}
