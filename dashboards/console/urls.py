from django.urls import path

from . import domains, views

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
]
