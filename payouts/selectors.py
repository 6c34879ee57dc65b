"""Read paths for payouts, payout methods, holds, balances and the audit log, scoped by role."""

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from alliance.money import quantize
from alliance.roles import Role, promoter_of, role_of
from commissions.models import Commission
from commissions.selectors import promoter_earnings
from ledger.models import LedgerEntry

from .models import OPEN_STATUSES, Payout, PayoutBatch, PayoutHold, PayoutMethod
from .services.payouts import available_key, in_transit_key, paid_key

ZERO = Decimal("0.00")


def payouts_visible_to(user) -> QuerySet[Payout]:
    """Admins see every payout; a promoter its own; nobody else any."""
    queryset = Payout.objects.select_related("promoter", "reviewed_by")
    role = role_of(user)
    if role == Role.ADMIN:
        return queryset
    if role == Role.PROMOTER:
        return queryset.filter(promoter=promoter_of(user))
    return queryset.none()


def payout_methods_visible_to(user) -> QuerySet[PayoutMethod]:
    """Admins see every method, removed ones too; a promoter its own active ones."""
    role = role_of(user)
    if role == Role.ADMIN:
        return PayoutMethod.objects.all()
    if role == Role.PROMOTER:
        return PayoutMethod.objects.filter(promoter=promoter_of(user), is_active=True)
    return PayoutMethod.objects.none()


def payout_holds() -> QuerySet[PayoutHold]:
    return PayoutHold.objects.select_related("promoter", "created_by", "released_by")


def payout_batches() -> QuerySet[PayoutBatch]:
    return PayoutBatch.objects.select_related("created_by")


def open_payout(promoter_id: int) -> Payout | None:
    return Payout.objects.filter(promoter_id=promoter_id, status__in=OPEN_STATUSES).first()


def promoter_balances(promoter_id: int) -> dict:
    """What a promoter has, in two queries: pending and confirmed earnings (its own share of
    its sales plus its upline shares, not yet settled), and its available, in-transit and paid
    balances from the ledger."""
    Status = Commission.Status
    earnings = promoter_earnings(promoter_id)
    keys = {
        "available": available_key(promoter_id),
        "in_transit": in_transit_key(promoter_id),
        "paid": paid_key(promoter_id),
    }
    ledger = dict(
        LedgerEntry.objects.filter(account__key__in=keys.values())
        .values("account__key")
        .annotate(total=Sum("amount"))
        .values_list("account__key", "total")
        .order_by()
    )
    # Earnings as commissions.selectors.promoter_earnings defines them, for every endpoint.
    result: dict[str, Decimal] = {
        status: earnings[status] for status in (Status.PENDING, Status.CONFIRMED)
    }
    for name, key in keys.items():
        result[name] = quantize(ledger.get(key) or ZERO)
    result["held"] = held_for_review(promoter_id)
    return result


def held_for_review(promoter_id: int) -> Decimal:
    """The part of pending and confirmed earnings that a fraud review holds (Commission.
    review_hold): the promoter's share P of its sales and U1 / U2 where it is the upline, as
    in promoter_earnings. Money held after settlement is in `available`, kept by the payout
    hold instead."""
    Status = Commission.Status
    mine = Q(promoter_id=promoter_id) | Q(upline1_id=promoter_id) | Q(upline2_id=promoter_id)
    held = Commission.objects.filter(
        mine, review_hold=True, status__in=(Status.PENDING, Status.CONFIRMED)
    ).order_by()
    totals = held.aggregate(
        own=Sum("promoter_amount", filter=Q(promoter_id=promoter_id)),
        upline1=Sum("upline1_amount", filter=Q(upline1_id=promoter_id)),
        upline2=Sum("upline2_amount", filter=Q(upline2_id=promoter_id)),
    )
    return quantize(sum((value or ZERO for value in totals.values()), ZERO))


def balance_entries(promoter_id: int) -> QuerySet[LedgerEntry]:
    """The entries of the promoter's available account, newest first: its settlement
    history (settlements, adjustments after settlement, payouts and their returns)."""
    return (
        LedgerEntry.objects.filter(account__key=available_key(promoter_id))
        .select_related("transaction__commission__order")
        .order_by("-transaction__created_at", "-pk")
    )
