"""Reads of the ledger: balances and what a commission has posted so far. Pages, reports and the
apps' own checks read balances here.

Sums are quantized to the cent: on SQLite, which keeps decimals as floats, a sum of exact
amounts can come back a hair off."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Sum

from alliance.money import quantize

from .models import LedgerAccount, LedgerEntry, LedgerTransaction
from .services import account_key

Kind = LedgerAccount.Kind
ZERO = Decimal("0.00")


def posted_by_commission(commission_ids: Iterable[int]) -> dict[int, dict[str, Decimal]]:
    """What the ledger holds for each commission, by account key."""
    posted: dict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = (
        LedgerEntry.objects.filter(transaction__commission_id__in=list(commission_ids))
        .values_list("transaction__commission_id", "account__key")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for commission_id, key, total in rows:
        posted[commission_id][key] = quantize(total)
    return posted


def balance(account_key_: str) -> Decimal:
    total = LedgerEntry.objects.filter(account__key=account_key_).aggregate(total=Sum("amount"))
    return quantize(total["total"] or ZERO)


def promoter_available_balance(promoter_id: int) -> Decimal:
    return balance(account_key(Kind.PROMOTER_AVAILABLE, promoter_id=promoter_id))


def postings_count_by_commission(commission_ids: Iterable[int]) -> dict[int, int]:
    """How many postings each commission has (the next one's number follows)."""
    return dict(
        LedgerTransaction.objects.filter(commission_id__in=list(commission_ids))
        .values("commission")
        .annotate(n=Count("pk"))
        .values_list("commission", "n")
    )
