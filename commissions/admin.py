"""Admin screens for orders and money: read-only, since every change goes through a service."""

from django.contrib import admin, messages

from alliance.errors import AllianceError

from .models import (
    Commission,
    CommissionStatusChange,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Order,
    OrderEvent,
    OrderItem,
    SettlementRun,
)
from .services.apply import order_events_retry
from .services.commissions import commission_void


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrderEvent)
class OrderEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "merchant", "type", "order_id", "status", "source", "received_at"]
    list_filter = ["status", "type", "source"]
    search_fields = ["order_id", "webhook_id"]
    list_select_related = ["merchant"]
    actions = ["retry_failed"]

    @admin.action(description="Apply the selected failed events again")
    def retry_failed(self, request, queryset):
        count = order_events_retry(event_ids=queryset.values_list("pk", flat=True))
        messages.success(request, f"{count} failed events sent back to the inbox.")


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    can_delete = False
    readonly_fields = ["sku", "product", "quantity", "amount", "refunded_amount"]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = [
        "order_id",
        "merchant",
        "status",
        "amount",
        "attribution",
        "promoter",
        "paid_at",
    ]
    list_filter = ["status", "attribution"]
    search_fields = ["order_id", "customer_id"]
    list_select_related = ["merchant", "promoter"]
    inlines = [OrderItemInline]


class StatusChangeInline(admin.TabularInline):
    model = CommissionStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["old_status", "new_status", "reason", "created_at"]


@admin.register(Commission)
class CommissionAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "order",
        "promoter",
        "commission",
        "promoter_amount",
        "status",
        "invalid_reason",
        "paid_at",
    ]
    list_filter = ["status", "invalid_reason"]
    search_fields = ["order__order_id", "promoter__display_name"]
    list_select_related = ["order", "promoter"]
    inlines = [StatusChangeInline]
    actions = ["void_for_fraud"]

    @admin.action(description="Void the selected commissions for fraud (claws back settled money)")
    def void_for_fraud(self, request, queryset):
        voided = 0
        for commission in queryset.exclude(status=Commission.Status.VOID):
            try:
                commission_void(
                    commission=commission, note="Voided in the admin", actor=request.user
                )
            except AllianceError as exc:
                messages.error(request, f"Commission {commission.pk}: {exc.message}")
                continue
            voided += 1
        messages.success(request, f"{voided} commissions voided.")


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    can_delete = False
    readonly_fields = ["account", "amount"]


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["idempotency_key", "kind", "commission", "created_at"]
    list_filter = ["kind"]
    search_fields = ["idempotency_key"]
    inlines = [LedgerEntryInline]


@admin.register(SettlementRun)
class SettlementRunAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "status",
        "cutoff",
        "started_at",
        "finished_at",
        "settled_count",
        "commission_total",
        "platform_fee_total",
    ]
    list_filter = ["status"]


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    list_display = ["key", "kind", "merchant", "promoter"]
    list_filter = ["kind"]
    search_fields = ["key"]
