"""The statements' invariants, part of `manage.py check_ledger` (ledger.checks).

- Every paid statement has exactly one payment posting (key statement:<id>:paid, kind
  statement_payment) of merchant payable +total owed and merchant received -total owed; one with
  nothing owed has none. No other statement payment posting exists.
- Every statement's totals still equal the ledger's sums for its merchant and month, and every
  merchant with postings in a month that has statements has its statement."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Min, Sum

from alliance.money import quantize
from ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction
from ledger.services import account_key

from .models import Statement
from .selectors import TOTAL_FIELDS, ledger_month_totals
from .services import payment_key

# Paid statements checked per query, to keep memory flat.
CHUNK = 2000
Kind = LedgerAccount.Kind


def statement_ledger_problems(limit: int = 50) -> list[str]:
    problems: list[str] = []
    _check_payments(problems, limit)
    if len(problems) < limit:
        _check_totals(problems, limit)
    return problems[:limit]


def _check_payments(problems: list[str], limit: int) -> None:
    paid = Statement.objects.filter(status=Statement.Status.PAID).order_by("pk")
    expected_keys: set[str] = set()
    last_pk = 0
    while len(problems) < limit:
        chunk = list(paid.filter(pk__gt=last_pk).values("pk", "merchant_id", "total_owed")[:CHUNK])
        if not chunk:
            break
        last_pk = chunk[-1]["pk"]
        keys = {payment_key(row["pk"]): row for row in chunk}
        expected_keys.update(keys)
        held: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for key, kind, account, total in (
            LedgerEntry.objects.filter(transaction__idempotency_key__in=list(keys))
            .values_list("transaction__idempotency_key", "transaction__kind", "account__key")
            .annotate(total=Sum("amount"))
            .order_by()
        ):
            if kind != LedgerTransaction.Kind.STATEMENT_PAYMENT:
                problems.append(f"posting {key} is of kind {kind}, not statement_payment")
            held[key][account] = quantize(total)
        for key, row in keys.items():
            total = row["total_owed"]
            merchant_id = row["merchant_id"]
            target = (
                {
                    account_key(Kind.MERCHANT_PAYABLE, merchant_id=merchant_id): total,
                    account_key(Kind.MERCHANT_RECEIVED, merchant_id=merchant_id): -total,
                }
                if total
                else {}
            )
            if held.get(key, {}) != target:
                problems.append(
                    f"paid statement {row['pk']} (total owed {total}) should have the payment "
                    f"posting {target or 'none'} but has {held.get(key) or 'none'}"
                )
    stray = LedgerTransaction.objects.filter(kind=LedgerTransaction.Kind.STATEMENT_PAYMENT)
    for key in stray.values_list("idempotency_key", flat=True).iterator(chunk_size=CHUNK):
        if len(problems) >= limit:
            return
        if key not in expected_keys:
            problems.append(f"statement payment posting {key} belongs to no paid statement")


def _check_totals(problems: list[str], limit: int) -> None:
    first = Statement.objects.aggregate(first=Min("month"))["first"]
    if first is None:
        return
    ledger = ledger_month_totals(since=first)
    months = set(Statement.objects.values_list("month", flat=True).distinct())
    fields = ["pk", "merchant_id", "month", *TOTAL_FIELDS]
    seen: set[tuple[int, object]] = set()
    for row in (
        Statement.objects.order_by("month", "merchant_id")
        .values(*fields)
        .iterator(chunk_size=CHUNK)
    ):
        key = (row["merchant_id"], row["month"])
        seen.add(key)
        found = ledger.get(key)
        held = {name: row[name] for name in TOTAL_FIELDS}
        expected = found.as_dict() if found is not None else dict.fromkeys(TOTAL_FIELDS, 0)
        if held != expected:
            problems.append(
                f"statement {row['pk']} (merchant {row['merchant_id']}, {row['month']:%Y-%m}) "
                f"holds {_plain(held)} but the ledger sums to {_plain(expected)}"
            )
            if len(problems) >= limit:
                return
    for merchant_id, month in sorted(set(ledger) - seen):
        if month in months:
            problems.append(
                f"merchant {merchant_id} has postings in {month:%Y-%m} but no statement for it"
            )
            if len(problems) >= limit:
                return


def _plain(totals: dict) -> dict:
    return {name: str(value) for name, value in totals.items()}
