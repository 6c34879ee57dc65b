"""Admin screens for payouts: read-only, since every change goes through a service (the
console at /console/payouts/ and the API)."""

from django.contrib import admin

from alliance.admin import ReadOnlyAdmin

from .models import Payout, PayoutBatch, PayoutHold, PayoutMethod


@admin.register(PayoutMethod)
class PayoutMethodAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "promoter",
        "kind",
        "account_name",
        "masked_account",
        "bank_name",
        "is_default",
        "is_active",
        "created_at",
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["account_name", "promoter__display_name"]
    list_select_related = ["promoter"]
    exclude = ["account"]
    readonly_fields = ["masked_account"]


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "promoter",
        "amount",
        "currency",
        "status",
        "kind",
        "masked_account",
        "requested_at",
        "reviewed_at",
        "paid_at",
        "batch",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["promoter__display_name", "reference"]
    list_select_related = ["promoter"]
    exclude = ["account"]
    readonly_fields = ["masked_account"]


@admin.register(PayoutHold)
class PayoutHoldAdmin(ReadOnlyAdmin):
    list_display = ["id", "promoter", "source", "reason", "created_at", "released_at"]
    list_filter = ["source"]
    list_select_related = ["promoter"]


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "count", "total", "currency", "created_at", "created_by"]
    list_filter = ["kind"]
