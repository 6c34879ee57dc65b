from django.urls import path

from . import campaigns, domains, webhook

urlpatterns = [
    path("merchant/campaigns/", campaigns.campaigns_page, name="merchant-campaigns"),
    path("merchant/campaigns/<int:pk>/", campaigns.campaign_page, name="merchant-campaign"),
    path(
        "merchant/campaigns/<int:pk>/active/",
        campaigns.campaign_active,
        name="merchant-campaign-active",
    ),
    path(
        "merchant/campaigns/<int:pk>/applications/<int:application_pk>/",
        campaigns.campaign_application,
        name="merchant-campaign-application",
    ),
    path("merchant/coupons/", campaigns.coupons_page, name="merchant-coupons"),
    path(
        "merchant/coupons/<int:pk>/active/", campaigns.coupon_active, name="merchant-coupon-active"
    ),
    path("merchant/domains/", domains.domains_page, name="merchant-domains"),
    path("merchant/domains/<int:pk>/remove/", domains.domain_remove, name="merchant-domain-remove"),
    path("merchant/webhook/", webhook.webhook_page, name="merchant-webhook"),
    path(
        "merchant/webhook/secret/",
        webhook.webhook_secret_rotate,
        name="merchant-webhook-rotate",
    ),
    path("merchant/webhook/test/", webhook.webhook_test, name="merchant-webhook-test"),
]
