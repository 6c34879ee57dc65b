from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from alliance import views as pages
from alliance.api.views import healthz
from alliance.auth import rate_limit_posts
from promoters import views as promoter_pages

urlpatterns = [
    path("t/<str:code>", promoter_pages.redirect, name="link-redirect"),
    path("healthz", healthz, name="healthz"),
    path("", pages.home, name="home"),
    path("", include("dashboards.urls")),
    path("login/", rate_limit_posts("login")(auth_views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's own login, counted against the same per-address login rate.
    path("admin/login/", rate_limit_posts("login")(admin.site.login)),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
]
