"""Statements in the Django admin: read-only; marking paid goes through the console or the API,
which post the payment to the ledger."""

from django.contrib import admin

from alliance.admin import ReadOnlyAdmin

from .models import Statement


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "merchant",
        "month",
        "status",
        "commission_count",
        "commission_total",
        "adjustment_total",
        "total_owed",
        "currency",
        "issued_at",
        "paid_at",
    ]
    list_filter = ["status", "month"]
    search_fields = ["merchant__name", "payment_reference"]
    list_select_related = ["merchant"]
    date_hierarchy = "month"
