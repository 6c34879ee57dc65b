from django.urls import path

from . import views

urlpatterns = [
    path("promoter/payouts/", views.promoter_payouts_page, name="promoter-payouts"),
    path("console/payouts/", views.console_payouts_page, name="console-payouts"),
    path(
        "console/payouts/batches/<int:batch_id>.csv",
        views.console_batch_csv,
        name="console-payout-batch",
    ),
    path("console/audit/", views.console_audit_page, name="console-audit"),
]
