from django.contrib import admin

from .models import Flag, Sighting


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    """Read-only: flags are decided in the console's fraud queue, through the services."""

    list_display = ["id", "rule", "severity", "status", "promoter", "merchant", "created_at"]
    list_filter = ["status", "severity", "rule"]
    search_fields = ["key", "summary"]
    readonly_fields = [field.name for field in Flag._meta.fields]
    filter_horizontal = []

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Sighting)
class SightingAdmin(admin.ModelAdmin):
    list_display = ["user", "ip_hash", "first_seen", "last_seen"]
    readonly_fields = ["user", "ip_hash", "first_seen", "last_seen"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
