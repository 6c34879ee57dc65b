from django.contrib import admin

from alliance.admin_review import review_actions

from . import services
from .models import (
    CampaignApplication,
    Channel,
    Click,
    ClickIdRefusal,
    Link,
    OwnCustomer,
    Promoter,
    UplineRelation,
)


@admin.register(Promoter)
class PromoterAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "status", "fans_count", "invite_code", "created_at"]
    list_filter = ["status"]
    search_fields = ["display_name", "user__username", "invite_code"]
    readonly_fields = ["status", "review_reason", "reviewed_at", "reviewed_by", "created_at"]
    raw_id_fields = ["user"]
    actions = review_actions(lambda obj, **kw: services.promoter_review(promoter=obj, **kw))


@admin.register(UplineRelation)
class UplineRelationAdmin(admin.ModelAdmin):
    list_display = ["promoter", "upline", "starts_at", "expires_at"]
    raw_id_fields = ["promoter", "upline"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "promoter", "kind", "is_default"]
    raw_id_fields = ["promoter"]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["code", "promoter", "merchant", "product", "channel", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["code", "sub_id"]
    raw_id_fields = ["promoter", "channel", "merchant", "product", "coupon"]


@admin.register(Click)
class ClickAdmin(admin.ModelAdmin):
    list_display = ["id", "link", "created_at", "is_unique", "is_unique_checked", "is_bot"]
    list_filter = ["is_unique", "is_unique_checked", "is_bot"]
    raw_id_fields = ["link"]
    date_hierarchy = "created_at"


@admin.register(ClickIdRefusal)
class ClickIdRefusalAdmin(admin.ModelAdmin):
    """Orders whose click id failed verification: the count an admin watches for forgery."""

    list_display = ["created_at", "merchant", "order_id", "reason", "click_id"]
    list_filter = ["reason"]
    search_fields = ["order_id", "click_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OwnCustomer)
class OwnCustomerAdmin(admin.ModelAdmin):
    list_display = ["customer_id", "promoter", "merchant"]
    raw_id_fields = ["promoter", "merchant"]


@admin.register(CampaignApplication)
class CampaignApplicationAdmin(admin.ModelAdmin):
    list_display = ["campaign", "promoter", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["campaign", "promoter"]
