"""Read paths for merchants and the catalog, scoped by who is asking."""

from datetime import datetime, timedelta

from django.db.models import (
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
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


RATE = DecimalField(max_digits=5, decimal_places=2)


def base_rate() -> Coalesce:
    """The rate a product earns before campaigns: its own, or its merchant's default."""
    return Coalesce(F("commission_rate"), F("merchant__default_commission_rate"), output_field=RATE)


def campaign_rate(*, promoter_id: int, moment: datetime) -> Subquery:
    """The best rate among the campaigns that cover the product, run at `moment` and are open
    to the promoter (general and event ones to all, targeted ones to admitted promoters): the
    campaign half of commissions.services.rates.RateBook.rate, in SQL."""
    # The applications live in the promoters app, which the catalog does not import: the
    # campaign's reverse relation names the model (docs/architecture.md).
    application = Campaign._meta.get_field("applications").related_model
    admitted = application.objects.filter(
        campaign=OuterRef("pk"), promoter_id=promoter_id, status=ReviewStatus.APPROVED
    )
    covers = Campaign.products.through.objects.filter(
        campaign=OuterRef("pk"), product=OuterRef(OuterRef("pk"))
    )
    campaigns = (
        Campaign.objects.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=moment),
            Q(ends_at__isnull=True) | Q(ends_at__gt=moment),
            Q(applies_to_all_products=True) | Exists(covers),
            ~Q(kind=Campaign.Kind.TARGETED) | Exists(admitted),
            merchant=OuterRef("merchant_id"),
            is_active=True,
        )
        .order_by()
        .values("merchant")
        .annotate(best=Max("rate"))
        .values("best")
    )
    return Subquery(campaigns, output_field=RATE)


def promoter_rate(*, promoter_id: int, moment: datetime) -> ExpressionWrapper:
    """The rate the promoter earns on a product sold at `moment`: the highest of the product's
    rate (or the merchant default) and every campaign open to the promoter then. The one SQL
    form of RateBook.rate, used by the promoter's product page and the API."""
    base = base_rate()
    rate = Greatest(base, Coalesce(campaign_rate(promoter_id=promoter_id, moment=moment), base))
    return ExpressionWrapper(rate, output_field=RATE)


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
