from django.urls import path

from . import channels, fraud, payouts, views

urlpatterns = [
    path("promoter/", views.overview, name="promoter-overview"),
    path("promoter/products/", views.products, name="promoter-products"),
    path("promoter/products/lookup/", views.product_lookup, name="promoter-product-lookup"),
    path("promoter/links/", views.links, name="promoter-links"),
    path("promoter/links/new/", views.link_new, name="promoter-link-new"),
    path("promoter/links/<int:pk>/", views.link_detail, name="promoter-link"),
    path("promoter/links/<int:pk>/active/", views.link_active, name="promoter-link-active"),
    path("promoter/links/<int:pk>/qr.<str:fmt>", views.link_qr, name="promoter-link-qr"),
    path("promoter/channels/", channels.channels, name="promoter-channels"),
    path("promoter/channels/new/", channels.channel_create, name="promoter-channel-create"),
    path(
        "promoter/channels/default/",
        channels.channel_create_default,
        name="promoter-channel-create-default",
    ),
    path(
        "promoter/channels/<int:pk>/rename/",
        channels.channel_rename,
        name="promoter-channel-rename",
    ),
    path(
        "promoter/channels/<int:pk>/default/",
        channels.channel_make_default,
        name="promoter-channel-make-default",
    ),
    path(
        "promoter/channels/<int:pk>/delete/",
        channels.channel_delete,
        name="promoter-channel-delete",
    ),
    path("promoter/orders/", views.orders, name="promoter-orders"),
    path("promoter/team/", views.team, name="promoter-team"),
    path("promoter/on-hold/", fraud.on_hold, name="promoter-on-hold"),
    path("promoter/on-hold/<int:order>/appeal/", fraud.appeal, name="promoter-on-hold-appeal"),
    path("promoter/payouts/", payouts.promoter_payouts_page, name="promoter-payouts"),
    path(
        "promoter/payouts/methods/",
        payouts.payout_method_add,
        name="promoter-payout-method-add",
    ),
    path(
        "promoter/payouts/methods/remove/",
        payouts.payout_method_remove,
        name="promoter-payout-method-remove",
    ),
    path("promoter/payouts/request/", payouts.payout_request, name="promoter-payout-request"),
]
