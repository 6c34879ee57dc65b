from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from alliance.api.audit import AuditLogViewSet
from alliance.api.views import TokenObtainView, TokenRefreshView, api_not_found, api_root
from commissions.api import views as commissions
from fraud.api import promoter as fraud_people
from fraud.api import review as fraud_review
from payouts.api import views as payouts
from products.api import imports as product_imports
from products.api import views as products
from promoters.api import views as promoters
from statements.api import views as statements

router = SimpleRouter()
router.register("merchants", products.MerchantViewSet, basename="merchant")
router.register("categories", products.CategoryViewSet, basename="category")
router.register("products", products.ProductViewSet, basename="product")
router.register("campaigns", products.CampaignViewSet, basename="campaign")
router.register("coupons", products.CouponViewSet, basename="coupon")
router.register("store-domains", products.StoreDomainViewSet, basename="store-domain")
router.register("product-imports", product_imports.ProductImportViewSet, basename="product-import")
router.register("promoters", promoters.PromoterViewSet, basename="promoter")
router.register(
    "campaign-applications", promoters.CampaignApplicationViewSet, basename="campaign-application"
)
router.register("channels", promoters.ChannelViewSet, basename="channel")
router.register("links", promoters.LinkViewSet, basename="link")
router.register("clicks", promoters.ClickViewSet, basename="click")
router.register("own-customers", promoters.OwnCustomerViewSet, basename="own-customer")
router.register("order-events", commissions.OrderEventViewSet, basename="order-event")
router.register("orders", commissions.OrderViewSet, basename="order")
router.register("commissions", commissions.CommissionViewSet, basename="commission")
router.register("sync", commissions.SyncViewSet, basename="sync")
router.register("statements", statements.StatementViewSet, basename="statement")
router.register("settlement-runs", commissions.SettlementRunViewSet, basename="settlement-run")
router.register("signup", promoters.SignupViewSet, basename="api-signup")
router.register("auth", promoters.MeViewSet, basename="auth")
router.register("payout-methods", payouts.PayoutMethodViewSet, basename="payout-method")
router.register("payouts", payouts.PayoutViewSet, basename="payout")
router.register("payout-batches", payouts.PayoutBatchViewSet, basename="payout-batch")
router.register("payout-holds", payouts.PayoutHoldViewSet, basename="payout-hold")
router.register("balance-entries", payouts.BalanceEntryViewSet, basename="balance-entry")
router.register("audit-log", AuditLogViewSet, basename="audit-log")
router.register("penalised-orders", fraud_people.PenalisedOrderViewSet, basename="penalised-order")
router.register("order-reports", fraud_people.OrderReportViewSet, basename="order-report")
router.register("fraud-flags", fraud_review.FraudFlagViewSet, basename="fraud-flag")

urlpatterns = [
    path("v1/", api_root, name="api-root"),
    path("v1/auth/token/", TokenObtainView.as_view(), name="token-obtain"),
    path("v1/auth/token/refresh/", TokenRefreshView.as_view(), name="token-refresh"),
    path(
        "v1/webhooks/merchants/<int:merchant_id>/order-events/",
        commissions.OrderEventWebhookView.as_view(),
        name="order-event-webhook",
    ),
    path("v1/balances/", payouts.BalancesView.as_view(), name="balances"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own, not inline, so
    # the page runs under a Content-Security-Policy that allows only the platform's scripts.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    # Last: every other path under /api/ answers the API's JSON 404, not the site's page.
    re_path(r"^(?P<path>.*)$", api_not_found, name="api-not-found"),
]
