"""Demo payouts: the demo promoters get payout methods and those with enough balance an open
request; loading again adds nothing."""

import io

import pytest
from django.core.management import call_command

from ledger.selectors import promoter_available_balance
from payouts.models import Payout, PayoutMethod

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_demo_payouts_load_once():
    call_command("load_demo_data", quiet=True, allow_without_debug=True)
    call_command("load_demo_orders", quiet=True, allow_without_debug=True)
    out = io.StringIO()

    call_command("load_demo_payouts", stdout=out, allow_without_debug=True)
    methods, payouts = PayoutMethod.objects.count(), list(Payout.objects.all())
    call_command("load_demo_payouts", quiet=True, allow_without_debug=True)

    assert methods == 3 and PayoutMethod.objects.count() == 3
    assert Payout.objects.count() == len(payouts)
    for payout in payouts:
        assert payout.status == "requested"
        assert payout.amount <= promoter_available_balance(payout.promoter_id)
    assert f"Demo payouts: 3 payout methods, {len(payouts)} requests." in out.getvalue()
    ledger = io.StringIO()
    call_command("check_ledger", stdout=ledger)
    assert ledger.getvalue().startswith("Ledger clean")
