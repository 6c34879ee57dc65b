from django.db.models import F
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from alliance.api.fields import DateTimeField
from alliance.api.review import ReviewActionsMixin
from alliance.api.schema import shapes
from alliance.errors import NotAllowed
from alliance.roles import Role, merchant_of, promoter_of, role_of

from .. import selectors, services
from .filters import (
    CampaignFilter,
    CouponFilter,
    MerchantFilter,
    ProductFilter,
    StoreDomainFilter,
)
from .permissions import (
    IsMerchantMember,
    IsMerchantMemberOrAdminReads,
    IsMerchantMemberOrReadOnly,
    IsPlatformAdminOrReadOnly,
)
from .serializers import (
    CampaignSerializer,
    CategorySerializer,
    CouponSerializer,
    MerchantPublicSerializer,
    MerchantSerializer,
    ProductSerializer,
    StoreDomainSerializer,
)

# Members and admins get the merchant's settings and review state; promoters the public part.
MERCHANT_SHAPES = {"member": MerchantSerializer, "public": MerchantPublicSerializer}


@extend_schema_view(
    list=extend_schema(responses=shapes("Merchant", MERCHANT_SHAPES, many=True)),
    retrieve=extend_schema(responses=shapes("Merchant", MERCHANT_SHAPES)),
)
class MerchantViewSet(ReviewActionsMixin, viewsets.ReadOnlyModelViewSet):
    """Merchants. Admins see all and review them; members see their own; promoters see the
    approved ones (public fields only)."""

    filterset_class = MerchantFilter
    search_fields = ["name"]
    ordering_fields = ["name", "created_at", "default_commission_rate"]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.merchants_visible_to(self.request.user)

    def perform_review(self, obj, **kwargs):
        return services.merchant_review(merchant=obj, **kwargs)

    def get_serializer_class(self):
        if role_of(self.request.user) == Role.PROMOTER:
            return MerchantPublicSerializer
        return MerchantSerializer

    @extend_schema(
        request=None,
        responses=inline_serializer(
            "WebhookSecret",
            fields={
                "secret": serializers.CharField(help_text="Shown this once: keep it in the store."),
                "previous_secret_expires_at": DateTimeField(allow_null=True),
            },
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="me/webhook-secret",
        permission_classes=[IsMerchantMember],
    )
    def webhook_secret(self, request):
        """Create or rotate the order webhook's signing secret (owner only). The answer is the
        only time the secret is shown; the previous one keeps verifying for a grace period."""
        merchant = merchant_of(request.user)
        secret = services.merchant_webhook_secret_rotate(merchant=merchant, actor=request.user)
        merchant.refresh_from_db()
        return Response(
            {
                "secret": secret,
                "previous_secret_expires_at": DateTimeField().to_representation(
                    merchant.webhook_previous_secret_expires_at
                ),
            }
        )

    @extend_schema(request=MerchantSerializer, responses=MerchantSerializer)
    @action(detail=False, methods=["get", "patch"], permission_classes=[IsAuthenticated])
    def me(self, request):
        """The signed-in member's merchant; PATCH changes its settings (owner only)."""
        merchant = merchant_of(request.user)
        if merchant is None:
            raise NotAllowed("You are not a merchant member.")
        if request.method == "GET":
            return Response(MerchantSerializer(merchant).data)
        serializer = MerchantSerializer(merchant, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        merchant = services.merchant_update(
            merchant=merchant, actor=request.user, **serializer.validated_data
        )
        return Response(MerchantSerializer(merchant).data)


class CategoryViewSet(viewsets.ModelViewSet):
    serializer_class = CategorySerializer
    permission_classes = [IsPlatformAdminOrReadOnly]
    search_fields = ["name"]
    ordering_fields = ["name"]
    filterset_fields = ["parent"]

    def get_queryset(self):
        return selectors.categories()

    def perform_destroy(self, instance):
        services.category_delete(category=instance)


# A product's own refusals, beside the invalid input every write may answer.
PRODUCT_URL_REFUSED = OpenApiResponse(
    description=(
        "Invalid input (`validation_error`, a SKU already used among them), or a new or "
        "changed `url` off the merchant's approved store domains (`url_domain_not_approved`) "
        "or not http(s) (`url_scheme_not_allowed`); nothing is written."
    )
)


@extend_schema_view(
    create=extend_schema(responses={201: ProductSerializer, 400: PRODUCT_URL_REFUSED}),
    update=extend_schema(responses={200: ProductSerializer, 400: PRODUCT_URL_REFUSED}),
    partial_update=extend_schema(responses={200: ProductSerializer, 400: PRODUCT_URL_REFUSED}),
)
class ProductViewSet(viewsets.ModelViewSet):
    """The catalog. Members manage their merchant's products; promoters browse promotable ones."""

    serializer_class = ProductSerializer
    permission_classes = [IsMerchantMemberOrReadOnly]
    filterset_class = ProductFilter
    search_fields = ["title", "sku"]
    ordering_fields = ["price", "created_at", "title", "commission_rate", "effective_rate", "sku"]
    # commission_rate sorts products on their merchant's default by that default, as they earn;
    # effective_rate sorts by the rate the list shows (for a promoter, campaigns included).
    ordering_sources = {"commission_rate": "base_rate", "effective_rate": "shown_rate"}

    def get_queryset(self):
        queryset = selectors.products_visible_to(self.request.user).alias(
            base_rate=selectors.base_rate()
        )
        promoter = promoter_of(self.request.user)
        if promoter is None:
            return queryset.alias(shown_rate=F("base_rate"))
        rate = selectors.promoter_rate(promoter_id=promoter.pk, moment=timezone.now())
        return queryset.annotate(promoter_rate=rate).alias(shown_rate=F("promoter_rate"))

    def perform_destroy(self, instance):
        services.product_delete(product=instance)


class CampaignViewSet(viewsets.ModelViewSet):
    serializer_class = CampaignSerializer
    permission_classes = [IsMerchantMemberOrReadOnly]
    filterset_class = CampaignFilter
    search_fields = ["name"]
    ordering_fields = ["rate", "created_at", "starts_at", "ends_at"]

    def get_queryset(self):
        return selectors.campaigns_visible_to(self.request.user)


class CouponViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Coupons. Deleting is not offered: links may carry a coupon; set is_active instead."""

    serializer_class = CouponSerializer
    permission_classes = [IsMerchantMemberOrReadOnly]
    filterset_class = CouponFilter
    search_fields = ["code", "description"]
    ordering_fields = ["created_at", "valid_until", "code"]

    def get_queryset(self):
        return selectors.coupons_visible_to(self.request.user)


@extend_schema_view(
    create=extend_schema(
        responses={
            201: StoreDomainSerializer,
            400: OpenApiResponse(description="Not a domain name (`invalid_host`)."),
            403: OpenApiResponse(description="Only the merchant's owner declares (`not_allowed`)."),
            409: OpenApiResponse(description="Already on the list (`domain_already_declared`)."),
        }
    ),
    destroy=extend_schema(
        responses={
            204: None,
            403: OpenApiResponse(description="Only the merchant's owner removes (`not_allowed`)."),
            409: OpenApiResponse(
                description="The store URL or a product URL needs this domain (`domain_in_use`)."
            ),
        }
    ),
)
class StoreDomainViewSet(
    ReviewActionsMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The domains a merchant sells on. Product and store URLs must be on an approved one.
    The merchant's owner declares (pending) and removes its own; admins see every merchant's
    and approve, reject or suspend them (a reason is required to reject or suspend)."""

    serializer_class = StoreDomainSerializer
    permission_classes = [IsMerchantMemberOrAdminReads]
    filterset_class = StoreDomainFilter
    search_fields = ["host", "merchant__name"]
    ordering_fields = ["host", "created_at", "reviewed_at"]

    def get_queryset(self):
        return selectors.store_domains_visible_to(self.request.user)

    def perform_review(self, obj, **kwargs):
        return services.store_domain_review(domain=obj, **kwargs)

    def perform_destroy(self, instance):
        services.store_domain_remove(domain=instance, actor=self.request.user)
