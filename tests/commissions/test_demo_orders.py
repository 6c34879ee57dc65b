"""Demo orders: some demo clicks become orders through the real apply path; loading again adds
nothing, and the ledger is clean."""

import io

import pytest
from django.core.management import call_command

from commissions.models import Commission, Order, OrderEvent
from ledger.models import LedgerEntry

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def counts():
    return {
        "events": OrderEvent.objects.count(),
        "orders": Order.objects.count(),
        "attributed": Order.objects.exclude(attribution="none").count(),
        "commissions": Commission.objects.count(),
        "settled": Commission.objects.filter(status="settled").count(),
        "entries": LedgerEntry.objects.count(),
    }


def test_demo_orders_load_once_and_leave_a_clean_ledger():
    call_command("load_demo_data", quiet=True, allow_without_debug=True)
    out = io.StringIO()

    call_command("load_demo_orders", stdout=out, allow_without_debug=True)
    first = counts()
    call_command("load_demo_orders", quiet=True, allow_without_debug=True)

    assert counts() == first
    assert first["orders"] > 10 and first["orders"] == first["attributed"]
    assert first["settled"] > 0 and first["entries"] > 0
    # Which clicks convert depends on the clicks' random times, so only the shape is fixed.
    statuses = set(Commission.objects.values_list("status", flat=True))
    assert "settled" in statuses
    assert statuses <= {"pending", "confirmed", "settled", "reversed"}
    assert not OrderEvent.objects.exclude(status="applied").exists()
    ledger = io.StringIO()
    call_command("check_ledger", stdout=ledger)
    assert ledger.getvalue().startswith("Ledger clean")
    assert "Demo orders:" in out.getvalue()
