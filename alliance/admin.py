from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditLog, IdempotencyRecord, User

admin.site.register(User, UserAdmin)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services (the ledger, orders, payouts, records): shown, never
    added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "actor__username"]
    readonly_fields = [f.name for f in AuditLog._meta.fields]


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(ReadOnlyAdmin):
    """Stored answers of Idempotency-Key requests, to look at while one is kept. The body is
    left out: it may hold a secret shown once (a webhook secret rotation's answer)."""

    list_display = ["created_at", "user", "method", "path", "status_code", "key"]
    list_select_related = ["user"]
    list_filter = ["method", "status_code"]
    search_fields = ["key", "path", "user__username"]
    fields = ["created_at", "user", "key", "method", "path", "status_code", "fingerprint"]
    readonly_fields = fields
