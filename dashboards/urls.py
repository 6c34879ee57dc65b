from django.urls import include, path

urlpatterns = [
    path("", include("dashboards.merchant.urls")),
    path("", include("dashboards.merchant.setup_urls")),
    path("", include("dashboards.promoter.urls")),
    path("", include("dashboards.console.urls")),
]
