"""The ledger's admin screens: read-only, since money moves only through postings."""

from django.contrib import admin

from alliance.admin import ReadOnlyAdmin

from .models import LedgerAccount, LedgerEntry, LedgerTransaction


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


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    list_display = ["key", "kind", "merchant", "promoter"]
    list_filter = ["kind"]
    search_fields = ["key"]
