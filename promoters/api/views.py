from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from alliance.api.bodies import ReplaceNeedsBody
from alliance.api.fields import ScopedPrimaryKeyRelatedField
from alliance.api.review import ReviewActionsMixin
from alliance.auth import SignupThrottle
from alliance.errors import NotAllowed
from alliance.models import ReviewStatus
from alliance.roles import Role, promoter_of, role_of
from products.api.permissions import IsMerchantMember
from products.api.serializers import MerchantSerializer
from products.models import Campaign
from products.selectors import campaigns_visible_to
from products.services import merchant_signup

from .. import selectors, services
from ..models import Channel, OwnCustomer
from ..sharing import qr_png, qr_svg, short_url
from .filters import (
    CampaignApplicationFilter,
    ClickFilter,
    LinkFilter,
    OwnCustomerFilter,
    PromoterFilter,
)
from .permissions import IsPromoter, IsPromoterOrAdminReadOnly
from .serializers import (
    ApplicationReviewSerializer,
    CampaignApplicationSerializer,
    ChannelSerializer,
    ClickSerializer,
    DownlineSerializer,
    LinkSerializer,
    LinkUpdateSerializer,
    OwnCustomerSerializer,
    PromoterSerializer,
    PromoterSignupSerializer,
    SignupSerializer,
)


class PromoterViewSet(ReviewActionsMixin, viewsets.ReadOnlyModelViewSet):
    """Promoter profiles. Admins list and review them; a promoter sees only itself."""

    serializer_class = PromoterSerializer
    filterset_class = PromoterFilter
    search_fields = ["display_name", "user__username"]
    ordering_fields = ["created_at", "fans_count", "display_name"]

    def get_queryset(self):
        return selectors.promoters_visible_to(self.request.user)

    def perform_review(self, obj, **kwargs):
        return services.promoter_review(promoter=obj, **kwargs)

    def _me(self):
        promoter = promoter_of(self.request.user)
        if promoter is None:
            raise NotAllowed("You are not a promoter.")
        return promoter

    @extend_schema(request=PromoterSerializer, responses=PromoterSerializer)
    @action(detail=False, methods=["get", "patch"], permission_classes=[IsAuthenticated])
    def me(self, request):
        """The signed-in promoter's profile; PATCH changes it."""
        promoter = self._me()
        if request.method == "GET":
            return Response(PromoterSerializer(promoter).data)
        serializer = PromoterSerializer(promoter, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        promoter = services.promoter_update(promoter=promoter, **serializer.validated_data)
        return Response(PromoterSerializer(promoter).data)

    @extend_schema(responses=DownlineSerializer(many=True))
    @action(detail=False, methods=["get"], permission_classes=[IsPromoter], filter_backends=[])
    def downlines(self, request):
        """The promoters this promoter invited (public fields only)."""
        queryset = selectors.downlines_of(self._me())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(DownlineSerializer(page, many=True).data)


class OwnedByPromoterMixin:
    """Rows a promoter owns: promoters manage their own, admins may read everyone's."""

    permission_classes = [IsPromoterOrAdminReadOnly]


class ChannelViewSet(OwnedByPromoterMixin, viewsets.ModelViewSet):
    serializer_class = ChannelSerializer
    filterset_fields = ["kind", "is_default"]
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        role = role_of(self.request.user)
        if role == Role.ADMIN:
            return Channel.objects.all()
        return Channel.objects.filter(promoter=promoter_of(self.request.user))

    def perform_create(self, serializer):
        channel = Channel(promoter=promoter_of(self.request.user), **serializer.validated_data)
        serializer.instance = services.channel_save(channel=channel)

    def perform_update(self, serializer):
        for name, value in serializer.validated_data.items():
            setattr(serializer.instance, name, value)
        serializer.instance = services.channel_save(channel=serializer.instance)

    def perform_destroy(self, instance):
        services.channel_delete(channel=instance)


class LinkViewSet(
    ReplaceNeedsBody,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Tracked links. Links are never deleted (their clicks and orders refer to them): set
    is_active to false to retire one, and its short URL answers 410."""

    permission_classes = [IsPromoterOrAdminReadOnly]
    filterset_class = LinkFilter
    search_fields = ["code", "sub_id", "product__title"]
    ordering_fields = [
        "created_at",
        "clicks_count",
        "unique_clicks_count",
        "bot_clicks_count",
        "suspicious_clicks_count",
    ]

    def get_queryset(self):
        return selectors.links_visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return LinkUpdateSerializer
        return LinkSerializer

    def _link_response(self, link, status_code=status.HTTP_200_OK):
        link = self.get_queryset().get(pk=link.pk)
        return Response(
            LinkSerializer(link, context=self.get_serializer_context()).data, status=status_code
        )

    def create(self, request, *args, **kwargs):
        serializer = LinkSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        link = services.link_create(promoter=promoter_of(request.user), **serializer.validated_data)
        return self._link_response(link, status.HTTP_201_CREATED)

    @extend_schema(request=LinkUpdateSerializer, responses=LinkSerializer)
    def update(self, request, *args, **kwargs):
        serializer = LinkUpdateSerializer(
            self.get_object(), data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        link = services.link_update(link=serializer.instance, **serializer.validated_data)
        selectors.link_target_forget(link.code)
        return self._link_response(link)

    @extend_schema(request=LinkUpdateSerializer, responses=LinkSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def _qr(self, render, content_type: str):
        link = self.get_object()
        return HttpResponse(
            render(short_url(link, request=self.request)), content_type=content_type
        )

    @extend_schema(responses={(200, "image/svg+xml"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"], url_path="qr.svg")
    def qr_svg(self, request, pk=None):
        """The link's QR code as SVG."""
        return self._qr(qr_svg, "image/svg+xml")

    @extend_schema(responses={(200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"], url_path="qr.png")
    def qr_png(self, request, pk=None):
        """The link's QR code as PNG."""
        return self._qr(qr_png, "image/png")


class ClickViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ClickSerializer
    permission_classes = [IsPromoterOrAdminReadOnly]
    filterset_class = ClickFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.clicks_visible_to(self.request.user)


class OwnCustomerViewSet(
    OwnedByPromoterMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Customer ids the promoter declares as its own (their orders are self-purchases)."""

    serializer_class = OwnCustomerSerializer
    filterset_class = OwnCustomerFilter
    ordering_fields = ["created_at"]

    def perform_create(self, serializer):
        serializer.instance = services.own_customer_declare(
            promoter=promoter_of(self.request.user), **serializer.validated_data
        )

    def get_queryset(self):
        if role_of(self.request.user) == Role.ADMIN:
            return OwnCustomer.objects.all()
        return OwnCustomer.objects.filter(promoter=promoter_of(self.request.user))


class CampaignApplicationCreateSerializer(serializers.Serializer):
    campaign = ScopedPrimaryKeyRelatedField(
        scope=lambda request: campaigns_visible_to(request.user), model=Campaign
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class CampaignApplicationViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Applications to targeted campaigns: promoters apply, the campaign's merchant reviews."""

    serializer_class = CampaignApplicationSerializer
    filterset_class = CampaignApplicationFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.applications_visible_to(self.request.user)

    def get_permissions(self):
        if self.action == "create":
            return [IsPromoter()]
        if self.action in {"approve", "reject"}:
            return [IsMerchantMember()]
        return [IsAuthenticated()]

    @extend_schema(request=CampaignApplicationCreateSerializer)
    def create(self, request, *args, **kwargs):
        serializer = CampaignApplicationCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        application = services.campaign_apply(
            promoter=promoter_of(request.user), **serializer.validated_data
        )
        return Response(
            CampaignApplicationSerializer(application).data, status=status.HTTP_201_CREATED
        )

    def _review(self, request, status_value):
        serializer = ApplicationReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.campaign_application_review(
            application=self.get_object(),
            status=status_value,
            reason=serializer.validated_data["reason"],
        )
        return Response(CampaignApplicationSerializer(application).data)

    @extend_schema(request=ApplicationReviewSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._review(request, ReviewStatus.APPROVED)

    @extend_schema(request=ApplicationReviewSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._review(request, ReviewStatus.REJECTED)


class MerchantSignupSerializer(SignupSerializer):
    name = serializers.CharField(max_length=120)
    store_url = serializers.URLField(max_length=500)


class SignupViewSet(viewsets.GenericViewSet):
    """Self-service sign-up. Accounts start pending until an admin approves them."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [SignupThrottle]
    serializer_class = SignupSerializer

    @extend_schema(request=MerchantSignupSerializer, responses={201: MerchantSerializer})
    @action(detail=False, methods=["post"])
    def merchant(self, request):
        serializer = MerchantSignupSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        merchant = merchant_signup(**serializer.validated_data)
        return Response(MerchantSerializer(merchant).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PromoterSignupSerializer, responses={201: PromoterSerializer})
    @action(detail=False, methods=["post"])
    def promoter(self, request):
        serializer = PromoterSignupSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        promoter = services.promoter_signup(**serializer.validated_data)
        return Response(PromoterSerializer(promoter).data, status=status.HTTP_201_CREATED)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.ChoiceField(
        choices=[role.value for role in Role],
        help_text="admin, merchant, promoter, or none (a login with no profile yet).",
    )
    merchant_id = serializers.IntegerField(allow_null=True)
    promoter_id = serializers.IntegerField(allow_null=True)


class MeViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = MeSerializer

    @action(detail=False, methods=["get"], url_path="me")
    def me(self, request):
        """Who the token or session belongs to, and in which role."""
        user = request.user
        membership = getattr(user, "merchant_membership", None)
        promoter = promoter_of(user)
        return Response(
            {
                "id": user.pk,
                "username": user.username,
                "role": str(role_of(user)),
                "merchant_id": membership.merchant_id if membership else None,
                "promoter_id": promoter.pk if promoter else None,
            }
        )
