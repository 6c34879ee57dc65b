"""Read paths for merchants and the catalog, scoped by who is asking."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from alliance.models import ReviewStatus
from alliance.roles import Role, merchant_of, promoter_of, role_of

from .models import Campaign, Category, Coupon, Merchant, Product, ProductImport, StoreDomain


def merchants_visible_to(user) -> QuerySet[Merchant]:
    role = role_of(user)
    if role == Role.ADMIN:
        return Merchant.objects.all()
    if role == Role.MERCHANT:
        return Merchant.objects.filter(pk=merchant_of(user).pk)
    if role == Role.PROMOTER:
        return Merchant.objects.filter(status=ReviewStatus.APPROVED)
    return Merchant.objects.none()


def products_visible_to(user) -> QuerySet[Product]:
    role = role_of(user)
    queryset = Product.objects.select_related("merchant", "category")
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(merchant=merchant_of(user))
    if role == Role.PROMOTER:
        return queryset.promotable()
    return queryset.none()


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    role = role_of(user)
    queryset = Campaign.objects.select_related("merchant").prefetch_related("products")
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(merchant=merchant_of(user))
    if role == Role.PROMOTER:
        now = timezone.now()
        return queryset.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            is_active=True,
            merchant__status=ReviewStatus.APPROVED,
        )
    return queryset.none()


def coupons_visible_to(user) -> QuerySet[Coupon]:
    role = role_of(user)
    queryset = Coupon.objects.select_related("merchant")
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(merchant=merchant_of(user))
    if role == Role.PROMOTER:
        return queryset.filter(
            Q(exclusive_promoter__isnull=True) | Q(exclusive_promoter=promoter_of(user)),
            is_active=True,
            merchant__status=ReviewStatus.APPROVED,
            valid_until__gt=timezone.now(),
        )
    return queryset.none()


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def product_imports_stale(*, older_than_seconds: int) -> QuerySet[ProductImport]:
    """Imports still pending after `older_than_seconds`: their publish was lost (a broker
    outage, a crash between commit and publish), so they need enqueueing again."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return ProductImport.objects.filter(
        status=ProductImport.Status.PENDING, created_at__lt=cutoff
    ).defer("content")


def product_imports_of(*, merchant: Merchant | None) -> QuerySet[ProductImport]:
    """A merchant's imports, newest first, without the uploaded files."""
    if merchant is None:
        return ProductImport.objects.none()
    return ProductImport.objects.filter(merchant=merchant).defer("content")


def store_domains_visible_to(user) -> QuerySet[StoreDomain]:
    """A merchant's members see its own store domains, admins every merchant's."""
    role = role_of(user)
    queryset = StoreDomain.objects.select_related("merchant", "reviewed_by")
    if role == Role.ADMIN:
        return queryset
    if role == Role.MERCHANT:
        return queryset.filter(merchant=merchant_of(user))
    return queryset.none()


def store_domains_for_review(*, status: str, search: str) -> QuerySet[StoreDomain]:
    """The admin's queue: oldest declaration first, searchable by host or merchant name."""
    queryset = StoreDomain.objects.select_related("merchant", "reviewed_by").order_by(
        "created_at", "pk"
    )
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(Q(host__icontains=search) | Q(merchant__name__icontains=search))
    return queryset
