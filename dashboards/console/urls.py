from django.urls import path

from . import audit, domains, fraud, payouts, statements, views

urlpatterns = [
    path("console/", views.overview_page, name="console-overview"),
    path("console/merchants/", views.merchants_page, name="console-merchants"),
    path("console/promoters/", views.promoters_page, name="console-promoters"),
    path("console/promoters/lookup/", views.promoter_lookup, name="console-promoter-lookup"),
    path("console/domains/", domains.domains_page, name="console-domains"),
    path("console/settlement/", views.settlement_page, name="console-settlement"),
    path("console/settlement/<int:pk>/", views.settlement_run_page, name="console-settlement-run"),
    path(
        "console/settlement/<int:pk>/progress/",
        views.settlement_run_progress,
        name="console-settlement-run-progress",
    ),
    path("console/ledger/", views.ledger_page, name="console-ledger"),
    path(
        "console/ledger/<int:pk>/progress/",
        views.ledger_check_progress,
        name="console-ledger-check-progress",
    ),
    path("console/payouts/", payouts.console_payouts_page, name="console-payouts"),
    path("console/payouts/approve/", payouts.payout_approve, name="console-payout-approve"),
    path("console/payouts/reject/", payouts.payout_reject, name="console-payout-reject"),
    path("console/payouts/mark-paid/", payouts.payout_mark_paid, name="console-payout-mark-paid"),
    path(
        "console/payouts/mark-failed/",
        payouts.payout_mark_failed,
        name="console-payout-mark-failed",
    ),
    path("console/payouts/bulk/", payouts.payouts_bulk, name="console-payouts-bulk"),
    path("console/payouts/export/", payouts.payouts_export, name="console-payouts-export"),
    path("console/payouts/holds/", payouts.payout_hold, name="console-payout-hold"),
    path(
        "console/payouts/holds/release/",
        payouts.payout_hold_release,
        name="console-payout-hold-release",
    ),
    path(
        "console/payouts/batches/<int:batch_id>.csv",
        payouts.console_batch_csv,
        name="console-payout-batch",
    ),
    path("console/fraud/", fraud.fraud_queue_page, name="console-fraud"),
    path("console/fraud/bulk/", fraud.fraud_bulk, name="console-fraud-bulk"),
    path("console/fraud/<int:pk>/", fraud.fraud_flag_page, name="console-fraud-flag"),
    path("console/fraud/<int:pk>/clear/", fraud.fraud_flag_clear, name="console-fraud-clear"),
    path("console/fraud/<int:pk>/confirm/", fraud.fraud_flag_confirm, name="console-fraud-confirm"),
    path("console/audit/", audit.audit_page, name="console-audit"),
    path(
        "console/statements/",
        statements.console_statements_page,
        name="console-statements",
    ),
    path(
        "console/statements/<int:statement_id>/mark-paid/",
        statements.console_mark_paid,
        name="console-statement-mark-paid",
    ),
]
