"""What the console's pages read: the counts that need an admin, and the review queues."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from alliance.models import ReviewStatus
from commissions.models import OrderEvent, SettlementRun
from ledger.models import LedgerCheck
from payouts.models import Payout
from products.models import Merchant, MerchantMember, StoreDomain
from promoters.models import Click, Promoter
from promoters.selectors import click_counts


def console_counts() -> dict:
    """Everything waiting for an admin, one query per kind of work."""
    payouts = Payout.objects.aggregate(
        requested=Count("pk", filter=Q(status=Payout.Status.REQUESTED)),
        held=Count("pk", filter=Q(status=Payout.Status.HELD)),
    )
    return {
        "merchants_pending": Merchant.objects.filter(status=ReviewStatus.PENDING).count(),
        "promoters_pending": Promoter.objects.filter(status=ReviewStatus.PENDING).count(),
        "store_domains_pending": StoreDomain.objects.filter(status=ReviewStatus.PENDING).count(),
        "payouts_requested": payouts["requested"],
        "payouts_held": payouts["held"],
        "order_events_failed": OrderEvent.objects.filter(status=OrderEvent.Status.FAILED).count(),
        "settlement_run": SettlementRun.objects.order_by("-started_at", "-pk").first(),
        "ledger_check": ledger_check_latest_done(),
        "clicks": clicks_last_day(),
    }


def clicks_last_day() -> dict:
    """The alliance's clicks of the last 24 hours: total, unique, bot and suspicious, one
    query over the click time's index."""
    since = timezone.now() - timedelta(days=1)
    return Click.objects.filter(created_at__gte=since).aggregate(**click_counts())


def ledger_check_latest_done() -> LedgerCheck | None:
    return (
        LedgerCheck.objects.filter(
            status__in=[LedgerCheck.Status.PASSED, LedgerCheck.Status.FAILED]
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def ledger_check_open() -> LedgerCheck | None:
    """The check queued or running now, if any."""
    return (
        LedgerCheck.objects.filter(
            status__in=[LedgerCheck.Status.QUEUED, LedgerCheck.Status.RUNNING]
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def merchants_for_review(*, status: str, search: str) -> QuerySet[Merchant]:
    owners = MerchantMember.objects.filter(role=MerchantMember.Role.OWNER).select_related("user")
    queryset = (
        Merchant.objects.select_related("reviewed_by")
        .prefetch_related(Prefetch("members", queryset=owners, to_attr="owners"))
        .order_by("created_at", "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(store_url__icontains=search)
            | Q(members__user__username__icontains=search)
            | Q(members__user__email__icontains=search)
        ).distinct()
    return queryset


def promoters_for_review(*, status: str, search: str) -> QuerySet[Promoter]:
    queryset = Promoter.objects.select_related("user", "reviewed_by").order_by("created_at", "pk")
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(
            Q(display_name__icontains=search)
            | Q(user__username__icontains=search)
            | Q(user__email__icontains=search)
            | Q(invite_code__iexact=search)
        )
    return queryset
