"""Write paths for statements: issuing a month's statements and marking one paid."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.audit import audit_record
from alliance.errors import AllianceError, NotAllowed, required_text
from alliance.money import currency
from alliance.roles import Role, role_of
from alliance.status import StatusTable, lock
from ledger import services as ledger
from ledger.models import LedgerAccount, LedgerTransaction

from . import selectors
from .models import STATEMENT_TRANSITIONS, Statement
from .months import month_bounds, month_of, month_start, previous_month

REFERENCE_MAX_LENGTH = Statement._meta.get_field("payment_reference").max_length
STATEMENT_STATUS = StatusTable(
    moves=STATEMENT_TRANSITIONS,
    refused=gettext_lazy("A statement cannot move from %(old)s to %(new)s."),
    refused_from={
        Statement.Status.PAID: (
            gettext_lazy("This statement is already marked paid."),
            "already_paid",
        )
    },
)


@dataclass
class IssueResult:
    month: date
    created: int
    existing: int


@transaction.atomic
def statements_issue(*, month: date, now: datetime | None = None) -> IssueResult:
    """Issue the statement of every merchant with settlement or adjustment postings in `month`
    (a calendar month of TIME_ZONE that has ended). A merchant that already has its statement
    for the month keeps it as it is, so issuing twice issues nothing more."""
    now = now or timezone.now()
    month = month_start(month)
    if month_bounds(month)[1] > now:
        raise AllianceError(
            _("%(month)s has not ended yet: a statement covers a whole month.")
            % {"month": f"{month:%Y-%m}"},
            field="month",
            code="month_not_ended",
        )
    totals = selectors.ledger_month_totals(month=month)
    existing = set(Statement.objects.filter(month=month).values_list("merchant_id", flat=True))
    new = [
        Statement(
            merchant_id=merchant_id,
            month=month,
            currency=currency(),
            issued_at=now,
            **found.as_dict(),
        )
        for (merchant_id, _month), found in sorted(totals.items())
        if merchant_id not in existing
    ]
    # Two issuers at once: the unique (merchant, month) keeps the first, the other skips it.
    Statement.objects.bulk_create(new, ignore_conflicts=True)
    created = Statement.objects.filter(month=month).count() - len(existing)
    return IssueResult(month=month, created=created, existing=len(existing))


def statements_issue_due(*, now: datetime | None = None) -> IssueResult | None:
    """From day ALLIANCE_STATEMENT_DAY of a month on, issue the previous month's statements if
    none is issued yet. Returns None when there is nothing to do."""
    now = now or timezone.now()
    today = timezone.localtime(now, timezone.get_default_timezone()).date()
    if today.day < settings.ALLIANCE_STATEMENT_DAY:
        return None
    month = previous_month(month_start(today))
    if Statement.objects.filter(month=month).exists():
        return None
    return statements_issue(month=month, now=now)


@transaction.atomic
def statement_mark_paid(
    *, statement: Statement, reference: str, actor, now: datetime | None = None
) -> Statement:
    """An admin records that the merchant paid its statement, with the payment's reference.
    The payment is posted once (key statement:<id>:paid): merchant payable +total owed,
    merchant received -total owed, which brings the month's postings on merchant payable back
    to zero. A statement with nothing owed only changes status."""
    if role_of(actor) != Role.ADMIN:
        raise NotAllowed(_("Only platform admins may mark a statement paid."))
    reference = required_text(
        reference, field="reference", message=_("Enter the payment's reference.")
    )
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise AllianceError(
            _("The reference is at most %(count)s characters.") % {"count": REFERENCE_MAX_LENGTH},
            field="reference",
            code="reference_too_long",
        )
    statement = lock(statement)
    # A refused move is refused before the payment is posted; the move itself comes last.
    STATEMENT_STATUS.check(statement, Statement.Status.PAID)
    total = statement.total_owed
    if total:
        Kind = LedgerAccount.Kind
        merchant_id = statement.merchant_id
        accounts = ledger.accounts_get(
            [
                (Kind.MERCHANT_PAYABLE, merchant_id, None),
                (Kind.MERCHANT_RECEIVED, merchant_id, None),
            ]
        )
        ledger.ledger_post(
            idempotency_key=payment_key(statement.pk),
            kind=LedgerTransaction.Kind.STATEMENT_PAYMENT,
            entries={
                ledger.account_key(Kind.MERCHANT_PAYABLE, merchant_id=merchant_id): total,
                ledger.account_key(Kind.MERCHANT_RECEIVED, merchant_id=merchant_id): -total,
            },
            accounts=accounts,
            memo=f"statement {statement.pk} {statement.period}: {reference}"[:200],
        )
    statement.paid_at = now or timezone.now()
    statement.paid_by = actor
    statement.payment_reference = reference
    STATEMENT_STATUS.move(
        statement,
        Statement.Status.PAID,
        save=["paid_at", "paid_by", "payment_reference"],
        record=lambda old: audit_record(
            actor=actor,
            action="statement.mark_paid",
            target=statement,
            merchant=statement.merchant_id,
            month=statement.period,
            total_owed=total,
            reference=reference,
        ),
    )
    return statement


def payment_key(statement_id: int) -> str:
    return f"statement:{statement_id}:paid"


def running_month(now: datetime | None = None) -> date:
    return month_of(now or timezone.now())
