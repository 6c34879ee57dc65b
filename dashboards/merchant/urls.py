from django.urls import path

from . import backfill, guide, statements, views

urlpatterns = [
    path("merchant/", views.overview, name="merchant-overview"),
    path("merchant/products/", views.products, name="merchant-products"),
    path("merchant/products/export/", views.products_export, name="merchant-products-export"),
    path("merchant/products/<int:pk>/rate/", views.product_rate, name="merchant-product-rate"),
    path("merchant/imports/", views.product_imports, name="merchant-imports"),
    path("merchant/imports/<int:pk>/", views.product_import, name="merchant-import"),
    path(
        "merchant/imports/<int:pk>/progress/",
        views.product_import_progress,
        name="merchant-import-progress",
    ),
    path(
        "merchant/imports/<int:pk>/errors.csv",
        views.product_import_errors,
        name="merchant-import-errors",
    ),
    path("merchant/orders/", views.orders, name="merchant-orders"),
    path("merchant/orders/<int:pk>/report/", views.order_report, name="merchant-order-report"),
    path("merchant/promoters/", views.promoters, name="merchant-promoters"),
    path("merchant/webhook/guide/", guide.webhook_guide, name="merchant-webhook-guide"),
    path("merchant/orders/backfill/", backfill.backfill_page, name="merchant-backfill"),
    path(
        "merchant/statements/",
        statements.merchant_statements_page,
        name="merchant-statements",
    ),
    path(
        "merchant/statements/<int:statement_id>/",
        statements.statement_page,
        name="merchant-statement",
    ),
]
