"""Admin screens for orders and money: read-only, since every change goes through a service."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.admin import ReadOnlyAdmin
from alliance.errors import AllianceError

from .models import (
    Commission,
    CommissionStatusChange,
    Order,
    OrderEvent,
    OrderItem,
    SettlementRun,
)
from .services.commissions import commission_void, commissions_void_held
from .services.inbox import order_events_retry
from .services.settlement import settlement_trigger


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
    actions = ["void_for_fraud", "void_held_of_suspended"]

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

    @admin.action(
        description=gettext_lazy(
            "Void every held commission of the selected commissions' suspended merchant or promoter"
        )
    )
    def void_held_of_suspended(self, request, queryset):
        """The admin's decision against a suspended account (docs/domain.md): its held
        commissions are voided, reason `suspension`. Approving the account instead releases
        them (the merchant or promoter review actions)."""
        accounts = {}
        for commission in queryset.select_related("merchant", "promoter"):
            for account in (commission.merchant, commission.promoter):
                if account.status == "suspended":
                    accounts[(account._meta.model_name, account.pk)] = account
        if not accounts:
            messages.error(request, _("None of the selected commissions has a suspended side."))
            return
        for account in accounts.values():
            voided = commissions_void_held(
                account=account,
                note=_("Voided in the admin after a suspension"),
                actor=request.user,
            )
            messages.success(
                request,
                _("%(account)s: %(count)d held commissions voided.")
                % {"account": account, "count": voided},
            )


@admin.register(SettlementRun)
class SettlementRunAdmin(ReadOnlyAdmin):
    """Runs, newest first. "Run settlement now" queues a run for a worker; a run's page shows
    its progress and reloads itself until the run ends."""

    change_list_template = "admin/commissions/settlementrun/change_list.html"
    change_form_template = "admin/commissions/settlementrun/change_form.html"
    list_display = [
        "id",
        "status",
        "cycle",
        "cutoff",
        "started_at",
        "finished_at",
        "progress_display",
        "settled_count",
        "held_count",
        "commission_total",
        "platform_fee_total",
        "triggered_by",
    ]
    list_filter = ["status", "cycle"]
    readonly_fields = ["progress_display"]

    @admin.display(description=gettext_lazy("Progress"))
    def progress_display(self, run):
        return format_html(
            '<progress max="100" value="{}"></progress> {} / {}',
            round(run.progress * 100),
            run.settled_count,
            run.due_count,
        )

    def get_urls(self):
        return [
            path(
                "trigger/",
                self.admin_site.admin_view(self.trigger_view),
                name="commissions_settlementrun_trigger",
            ),
            *super().get_urls(),
        ]

    def trigger_view(self, request):
        if request.method != "POST" or not request.user.is_staff:
            return redirect("admin:commissions_settlementrun_changelist")
        try:
            run = settlement_trigger(actor=request.user)
        except AllianceError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return redirect("admin:commissions_settlementrun_changelist")
        self.message_user(
            request,
            _("Settlement run %(id)s is queued: %(due)s commissions are due.")
            % {"id": run.pk, "due": run.due_count},
        )
        return redirect("admin:commissions_settlementrun_change", run.pk)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["reload"] = obj is not None and obj.status in {
            SettlementRun.Status.QUEUED,
            SettlementRun.Status.RUNNING,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)
