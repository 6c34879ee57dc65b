from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from alliance import views as pages
from alliance.api.views import healthz
from alliance.auth import rate_limit_posts
from commissions import views as order_pages
from products import views as merchant_pages
from promoters import views as promoter_pages
from statements import views as statement_pages

urlpatterns = [
    path("t/<str:code>", promoter_pages.redirect, name="link-redirect"),
    path("healthz", healthz, name="healthz"),
    path("", pages.home, name="home"),
    path(
        "signup/merchant/",
        rate_limit_posts("signup")(merchant_pages.merchant_signup_page),
        name="signup-merchant",
    ),
    path(
        "signup/promoter/",
        rate_limit_posts("signup")(promoter_pages.promoter_signup_page),
        name="signup-promoter",
    ),
    path("merchant/orders/backfill/", order_pages.backfill_page, name="merchant-backfill"),
    path("", include("payouts.urls")),
    path("", include("dashboards.urls")),
    path(
        "merchant/statements/",
        statement_pages.merchant_statements_page,
        name="merchant-statements",
    ),
    path(
        "merchant/statements/<int:statement_id>/",
        statement_pages.statement_page,
        name="merchant-statement",
    ),
    path(
        "console/statements/",
        statement_pages.console_statements_page,
        name="console-statements",
    ),
    path(
        "console/statements/<int:statement_id>/mark-paid/",
        statement_pages.console_mark_paid,
        name="console-statement-mark-paid",
    ),
    path("login/", rate_limit_posts("login")(auth_views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's own login, counted against the same per-address login rate.
    path("admin/login/", rate_limit_posts("login")(admin.site.login)),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
]
