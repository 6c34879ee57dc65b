"""Races on real PostgreSQL connections: many requests at once make one payout, and approvals
racing a clawback never pay out more than the balance held at approval."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from alliance.errors import AllianceError
from commissions.models import Commission
from ledger import selectors as ledger_selectors
from ledger.checks import ledger_check
from payouts.models import Payout
from payouts.services import payouts as services

from .. import factories
from .money import D, alipay, earn, refund

pytestmark = pytest.mark.django_db(transaction=True)


def race(callables) -> tuple[list, list]:
    """Run each callable in its own thread (its own connection), released at once."""
    start = threading.Barrier(len(callables))
    results, errors = [], []

    def run(call):
        try:
            start.wait()
            results.append(call())
        except AllianceError as exc:
            errors.append(exc)
        except Exception as exc:  # surfaced by the callers' assertions
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in callables]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results, errors


def test_eight_requests_at_once_make_exactly_one_payout():
    promoter = factories.PromoterFactory()
    earn(promoter, sales=["555.56"])  # C 111.11, F 11.11, P 100.00
    assert ledger_selectors.promoter_available_balance(promoter.pk) == D("100.00")
    method = alipay(promoter)

    results, errors = race(
        [
            lambda: services.payout_request(promoter=promoter, method=method, amount=D("60.00"))
            for _ in range(8)
        ]
    )

    assert len(results) == 1
    assert len(errors) == 7
    assert {getattr(e, "code", type(e).__name__) for e in errors} == {"open_payout_exists"}
    assert Payout.objects.filter(promoter=promoter).count() == 1


def test_approvals_racing_a_clawback_never_exceed_the_balance(admin_user):
    """Two promoters each have one settled sale (P 90.00) and a payout of 60.00 requested. Both
    are approved while the first promoter's sale is refunded. Whichever commits first, an
    approval only goes through against a balance that still covers it: either the first
    promoter's approval is refused (the clawback came first), or the clawback lands after it
    and leaves the balance at 90 - 60 - 90 = -60 (netted against later earnings)."""
    outcomes = set()
    for _round in range(6):
        first, second = factories.PromoterFactory(), factories.PromoterFactory()
        payouts = []
        for promoter in (first, second):
            earn(promoter, sales=["500.00"])
            payouts.append(
                services.payout_request(
                    promoter=promoter, method=alipay(promoter), amount=D("60.00")
                )
            )
        commission = Commission.objects.get(promoter=first)

        _results, errors = race(
            [
                lambda p=payouts[0]: services.payout_approve(payout=p.pk, reviewer=admin_user),
                lambda p=payouts[1]: services.payout_approve(payout=p.pk, reviewer=admin_user),
                lambda c=commission: refund(c),
            ]
        )

        assert [getattr(e, "code", repr(e)) for e in errors] in ([], ["insufficient_balance"])
        first_status = Payout.objects.get(pk=payouts[0].pk).status
        assert Payout.objects.get(pk=payouts[1].pk).status == "approved"
        assert Commission.objects.get(pk=commission.pk).status == "reversed"
        available = ledger_selectors.promoter_available_balance(first.pk)
        if first_status == "approved":
            assert errors == []
            # Approved against 90.00, then clawed back: 90 - 60 - 90.
            assert available == D("-60.00")
        else:
            assert first_status == "requested"
            assert available == D("0.00")
        assert ledger_selectors.promoter_available_balance(second.pk) == D("30.00")
        outcomes.add(first_status)
        assert ledger_check().is_clean, ledger_check().problems
    assert outcomes <= {"approved", "requested"}


def test_a_refused_approval_leaves_no_trace():
    promoter = factories.PromoterFactory()
    earn(promoter, sales=["500.00"])
    payout = services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("60.00"))
    refund(Commission.objects.get(promoter=promoter))
    admin = factories.AdminFactory()

    with pytest.raises(AllianceError) as caught:
        services.payout_approve(payout=payout.pk, reviewer=admin)

    assert caught.value.code == "insufficient_balance"
    assert Payout.objects.get(pk=payout.pk).status == "requested"
    assert ledger_selectors.balance(f"payouts_in_transit:{promoter.pk}") == Decimal("0.00")
