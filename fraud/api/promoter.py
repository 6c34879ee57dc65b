"""The fraud API for promoters and merchants (docs/api.md "Penalised orders and reports"):
penalised orders with their reason and the appeal on them, and a merchant's report of a
suspicious order. The commissions API cannot offer the report (commissions must not import
fraud), so it is a resource of its own here."""

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from alliance.api.filters import FilterSet
from alliance.errors import InvalidTransition
from alliance.roles import Role, merchant_of, promoter_of, role_of
from commissions.models import Order
from products.api.permissions import IsMerchantMember
from promoters.api.permissions import IsPromoter

from ..models import Flag, ReasonKind
from ..selectors import promoter as selectors
from ..services.flags import flag_appeal, order_report
from .promoter_serializers import (
    AppealSerializer,
    OrderReportAnswerSerializer,
    OrderReportSerializer,
    PenalisedOrderSerializer,
)


class IsPromoterMerchantOrAdmin(BasePermission):
    message = "Only promoters, merchant members and platform admins may do this."

    def has_permission(self, request, view) -> bool:
        return role_of(request.user) in {Role.PROMOTER, Role.MERCHANT, Role.ADMIN}


class PenalisedOrderFilter(FilterSet):
    status = django_filters.ChoiceFilter(
        choices=selectors.PenaltyStatus.choices, method="filter_status"
    )
    reason_kind = django_filters.ChoiceFilter(choices=ReasonKind.choices, method="filter_kind")

    class Meta:
        model = Order
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        return selectors.penalised_orders_filter(queryset, status=value)

    def filter_kind(self, queryset, name, value):
        return selectors.penalised_orders_filter(queryset, reason_kind=value)


class PenalisedOrderViewSet(viewsets.ReadOnlyModelViewSet):
    """Penalised orders (处罚订单): orders with a line voided for fraud, held for review, or
    touched by a fraud flag. A promoter sees its own (order id masked) and appeals; a merchant
    its own orders; admins every one. The kind of reason, never the rule's numbers."""

    serializer_class = PenalisedOrderSerializer
    filterset_class = PenalisedOrderFilter
    permission_classes = [IsPromoterMerchantOrAdmin]
    ordering_fields = ["paid_at", "amount"]

    def get_queryset(self):
        return selectors.penalised_orders_visible_to(self.request.user)

    def get_serializer_context(self):
        role = role_of(self.request.user)
        return super().get_serializer_context() | {
            "is_promoter": role == Role.PROMOTER,
            "is_merchant": role == Role.MERCHANT,
        }

    @extend_schema(
        request=AppealSerializer,
        responses={
            200: PenalisedOrderSerializer,
            409: OpenApiResponse(description="`nothing_to_appeal`: no open flag on the order."),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsPromoter])
    def appeal(self, request, pk=None):
        """The promoter's appeal note on the order's open flag, shown to the admin beside
        it; a later note replaces the earlier one. 400 note_required; 409 nothing_to_appeal."""
        payload = AppealSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        order = self.get_object()
        if order.flag_status != Flag.Status.OPEN:
            raise InvalidTransition(
                _("Nothing on this order is waiting for review."), code="nothing_to_appeal"
            )
        flag_appeal(
            flag=Flag.objects.get(pk=order.flag_id),
            promoter=promoter_of(request.user),
            note=payload.validated_data["note"],
        )
        return Response(self.get_serializer(self.get_object()).data)


class OrderReportViewSet(viewsets.GenericViewSet):
    """A merchant reports one of its attributed orders as suspicious: a low flag for an admin
    to review. It holds nothing and voids nothing by itself."""

    permission_classes = [IsMerchantMember]
    serializer_class = OrderReportSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        request=OrderReportSerializer,
        responses={
            201: OrderReportAnswerSerializer,
            404: OpenApiResponse(description="No such order of this merchant."),
            409: OpenApiResponse(
                description="`not_attributed`: no promoter brought the order; "
                "`already_decided`: an admin already decided its report."
            ),
        },
    )
    def create(self, request):
        """Report an order: opens (or updates) its report flag. 400 note_required."""
        payload = OrderReportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        order = Order.objects.filter(
            merchant=merchant_of(request.user), pk=payload.validated_data["order"]
        ).first()
        if order is None:
            raise NotFound(_("No such order."))
        flag = order_report(order=order, actor=request.user, note=payload.validated_data["note"])
        answer = OrderReportAnswerSerializer(flag, context={"order": order})
        return Response(answer.data, status=status.HTTP_201_CREATED)
