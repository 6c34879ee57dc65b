from django.urls import path

from . import views

urlpatterns = [
    path("promoter/", views.overview, name="promoter-overview"),
    path("promoter/products/", views.products, name="promoter-products"),
    path("promoter/products/lookup/", views.product_lookup, name="promoter-product-lookup"),
    path("promoter/links/", views.links, name="promoter-links"),
    path("promoter/links/new/", views.link_new, name="promoter-link-new"),
    path("promoter/links/<int:pk>/", views.link_detail, name="promoter-link"),
    path("promoter/links/<int:pk>/qr.<str:fmt>", views.link_qr, name="promoter-link-qr"),
    path("promoter/channels/", views.channels, name="promoter-channels"),
    path("promoter/orders/", views.orders, name="promoter-orders"),
    path("promoter/team/", views.team, name="promoter-team"),
]
