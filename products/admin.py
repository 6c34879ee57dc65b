from django.contrib import admin

from alliance.admin_review import review_actions

from . import services
from .models import (
    Campaign,
    Category,
    Coupon,
    Merchant,
    MerchantMember,
    Product,
    ProductImport,
    StoreDomain,
)


class MerchantMemberInline(admin.TabularInline):
    model = MerchantMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Merchant)
class MerchantAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "default_commission_rate", "platform_fee_rate", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "store_url"]
    readonly_fields = ["status", "review_reason", "reviewed_at", "reviewed_by", "created_at"]
    inlines = [MerchantMemberInline]
    actions = review_actions(lambda obj, **kw: services.merchant_review(merchant=obj, **kw))


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["sku", "title", "merchant", "price", "commission_rate", "is_active"]
    list_filter = ["is_active", "stock_status", "category"]
    search_fields = ["sku", "title"]
    list_select_related = ["merchant"]
    raw_id_fields = ["merchant"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "merchant", "kind", "rate", "starts_at", "ends_at", "is_active"]
    list_filter = ["kind", "is_active"]
    raw_id_fields = ["merchant"]
    filter_horizontal = ["products"]


@admin.register(Coupon)
class CouponAdmin(admin.ModelAdmin):
    list_display = ["code", "merchant", "valid_from", "valid_until", "exclusive_promoter"]
    raw_id_fields = ["merchant", "exclusive_promoter"]


@admin.register(MerchantMember)
class MerchantMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "merchant", "role"]
    raw_id_fields = ["user", "merchant"]


@admin.register(ProductImport)
class ProductImportAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "merchant",
        "file_name",
        "status",
        "total_rows",
        "error_count",
        "created_at",
    ]
    list_filter = ["status", "file_format"]
    raw_id_fields = ["merchant", "created_by"]
    exclude = ["content"]
    readonly_fields = [
        "status",
        "total_rows",
        "processed_rows",
        "created_count",
        "updated_count",
        "errors",
        "error_count",
        "started_at",
        "finished_at",
    ]


@admin.register(StoreDomain)
class StoreDomainAdmin(admin.ModelAdmin):
    """Reviewed here or in the console's queue; declared by the merchant (page or API), so the
    host is always normalized by products.services.store_domain_declare."""

    list_display = ["host", "merchant", "status", "reviewed_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["host", "merchant__name"]
    list_select_related = ["merchant"]
    readonly_fields = [
        "merchant",
        "host",
        "status",
        "review_reason",
        "reviewed_at",
        "reviewed_by",
        "created_at",
    ]
    actions = review_actions(lambda obj, **kw: services.store_domain_review(domain=obj, **kw))

    def has_add_permission(self, request) -> bool:
        return False
