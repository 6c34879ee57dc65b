from django.urls import include, path

from alliance.auth import rate_limit_posts

from . import signup

urlpatterns = [
    path(
        "signup/merchant/",
        rate_limit_posts("signup")(signup.merchant_signup_page),
        name="signup-merchant",
    ),
    path(
        "signup/promoter/",
        rate_limit_posts("signup")(signup.promoter_signup_page),
        name="signup-promoter",
    ),
    path("", include("dashboards.merchant.urls")),
    path("", include("dashboards.merchant.setup_urls")),
    path("", include("dashboards.promoter.urls")),
    path("", include("dashboards.console.urls")),
]
