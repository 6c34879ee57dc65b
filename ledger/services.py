"""The double-entry ledger's write paths: accounts created on first use, postings, and the lock
on an account a caller reads a balance under. The apps that move money (commissions, payouts,
statements) post only through these; balances are read in ledger.selectors.

Account kinds and keys are plain data ("promoter_available:12"): the ledger knows which owner an
account has by its id, never the owner's model, so it imports no app built on it.

A posting is written once under its idempotency key; posting the same key again is a no-op. The
entries of a posting sum to zero here in Python and, on PostgreSQL, in the database too (a
deferred constraint trigger; migration 0002), which also refuses any update or delete."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from alliance.db import bulk_insert_rows
from alliance.errors import AllianceError

from .models import LedgerAccount, LedgerEntry, LedgerTransaction

ZERO = Decimal("0.00")


class Unbalanced(AllianceError):
    code = "unbalanced_posting"


def account_key(kind: str, *, merchant_id: int | None = None, promoter_id: int | None = None):
    owner = merchant_id if merchant_id is not None else promoter_id
    return f"{kind}:{owner}" if owner is not None else kind


def accounts_get(keys: Iterable[tuple[str, int | None, int | None]]) -> dict[str, LedgerAccount]:
    """The accounts for (kind, merchant_id, promoter_id) triples, created on first use."""
    wanted = {
        account_key(kind, merchant_id=merchant_id, promoter_id=promoter_id): (
            kind,
            merchant_id,
            promoter_id,
        )
        for kind, merchant_id, promoter_id in keys
    }
    found = {a.key: a for a in LedgerAccount.objects.filter(key__in=wanted)}
    missing = [
        LedgerAccount(key=key, kind=kind, merchant_id=merchant_id, promoter_id=promoter_id)
        for key, (kind, merchant_id, promoter_id) in sorted(wanted.items())
        if key not in found
    ]
    if missing:
        # Two workers may create the same account at once; the unique key keeps one.
        LedgerAccount.objects.bulk_create(missing, ignore_conflicts=True)
        found = {a.key: a for a in LedgerAccount.objects.filter(key__in=wanted)}
    return found


def ledger_post(
    *,
    idempotency_key: str,
    kind: str,
    entries: dict[str, Decimal],
    accounts: dict[str, LedgerAccount],
    commission=None,
    memo: str = "",
) -> LedgerTransaction | None:
    """Post `entries` (account key -> signed amount) as one transaction. They must sum to zero.
    Returns None when the key was posted before: posting twice is a no-op."""
    lines = Posting(idempotency_key, kind, entries).lines  # refuses an unbalanced one
    try:
        with transaction.atomic():
            posting = LedgerTransaction.objects.create(
                idempotency_key=idempotency_key, kind=kind, commission=commission, memo=memo
            )
    except IntegrityError:
        if LedgerTransaction.objects.filter(idempotency_key=idempotency_key).exists():
            return None
        raise
    LedgerEntry.objects.bulk_create(
        LedgerEntry(transaction=posting, account=accounts[key], amount=amount)
        for key, amount in sorted(lines.items())
    )
    return posting


@dataclass
class Posting:
    idempotency_key: str
    kind: str
    entries: dict[str, Decimal]
    commission_id: int | None = None
    memo: str = ""
    lines: dict[str, Decimal] = field(init=False)

    def __post_init__(self):
        self.lines = {key: amount for key, amount in self.entries.items() if amount}
        if sum(self.lines.values(), ZERO) != ZERO:
            raise Unbalanced(_("A posting must sum to zero: %(lines)s") % {"lines": self.lines})


def ledger_post_new(postings: list[Posting], accounts: dict[str, LedgerAccount]) -> None:
    """Post many postings whose keys were never posted, in two statements per thousand rows.

    For callers that know the keys are new because they hold the row locks that decide it
    (settlement: a confirmed commission has never posted). Should one be posted after all, the
    unique key refuses it and the caller's whole transaction rolls back: never a double."""
    if not postings:
        return
    transactions = [
        LedgerTransaction(
            idempotency_key=posting.idempotency_key,
            kind=posting.kind,
            commission_id=posting.commission_id,
            memo=posting.memo,
        )
        for posting in postings
    ]
    bulk_insert_rows(LedgerTransaction, transactions)
    bulk_insert_rows(
        LedgerEntry,
        [
            LedgerEntry(transaction_id=row.pk, account_id=accounts[key].pk, amount=amount)
            for row, posting in zip(transactions, postings, strict=True)
            for key, amount in sorted(posting.lines.items())
        ],
    )


def account_lock(key: str) -> LedgerAccount:
    """Lock an account's row (FOR UPDATE) until the caller's transaction ends: no other posting
    to it can commit meanwhile (an entry's foreign key check takes a key-share lock on its
    account when it commits), so a balance read under the lock stays true until the caller's
    own posting."""
    return LedgerAccount.objects.select_for_update(of=("self",)).get(key=key)
