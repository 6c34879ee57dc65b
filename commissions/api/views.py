from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance.api.errors import flatten_errors
from alliance.api.fields import DateTimeField
from alliance.api.filters import IdParameterField
from alliance.api.permissions import IsPlatformAdmin
from alliance.api.schema import shapes
from alliance.auth import WebhookAddressThrottle, WebhookMerchantThrottle
from alliance.errors import AllianceError, NotAllowed
from alliance.roles import Role, merchant_of, promoter_of, role_of
from ledger.selectors import promoter_available_balance
from products.api.permissions import IsMerchantMember

from .. import selectors
from ..models import Commission, SettlementRun
from ..services import commissions as commission_services
from ..services import events, webhooks
from ..services.settlement import settlement_trigger
from .filters import CommissionFilter, OrderEventFilter, OrderFilter
from .schema import OrderEventSchema
from .serializers import (
    BackfillResultSerializer,
    BackfillUploadSerializer,
    CommissionSerializer,
    EarningsSerializer,
    EventAcceptedSerializer,
    InvalidReasonSerializer,
    OrderEventSerializer,
    OrderForPromoterSerializer,
    OrderSerializer,
    SettlementRunSerializer,
    VoidSerializer,
)

WEBHOOK_HEADERS = [
    OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.HEADER, required=True, description=d)
    for name, d in (
        ("webhook-id", "Unique id of this message; a redelivery repeats it."),
        ("webhook-timestamp", "Unix seconds when it was signed; at most 5 minutes off."),
        ("webhook-signature", "`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, space-separated."),
    )
]


class OrderEventWebhookView(APIView):
    """A merchant's store reports an order event (Standard Webhooks signed). The event is
    stored in the inbox and acknowledged with 202; a worker applies it."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes: list = []  # the signature covers the raw body, read as sent
    # Per merchant and per sending address, before anything is read or written.
    throttle_classes = [WebhookMerchantThrottle, WebhookAddressThrottle]

    @extend_schema(
        operation_id="order_event_webhook",
        # Read as raw bytes (the signature covers them), but JSON all the same.
        request={"application/json": OrderEventSchema},
        parameters=WEBHOOK_HEADERS,
        responses={
            202: EventAcceptedSerializer,
            400: OpenApiResponse(description="Malformed JSON or an invalid event."),
            401: OpenApiResponse(description="Missing headers, bad signature or stale time."),
            404: OpenApiResponse(description="No such merchant."),
            413: OpenApiResponse(description="The body is too large."),
            429: OpenApiResponse(description="Too many deliveries (`throttled`, Retry-After)."),
        },
        auth=[],
    )
    def post(self, request, merchant_id: int):
        headers = {name.lower(): value for name, value in request.headers.items()}
        try:
            receipt = webhooks.order_event_receive(
                merchant_id=merchant_id, headers=headers, read_body=lambda: request.body
            )
        except webhooks.EventInvalid as exc:
            raise ValidationError(exc.errors) from None
        return Response(receipt.body, status=receipt.status_code)


class OrderEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The inbox: every event a merchant's store sent, with whether it was applied."""

    serializer_class = OrderEventSerializer
    filterset_class = OrderEventFilter
    ordering_fields = ["received_at", "occurred_at"]

    def get_queryset(self):
        return selectors.order_events_visible_to(self.request.user).order_by("-pk")

    @extend_schema(request=BackfillUploadSerializer, responses={200: BackfillResultSerializer})
    @action(
        detail=False,
        methods=["post"],
        permission_classes=[IsMerchantMember],
        parser_classes=[MultiPartParser],
    )
    def backfill(self, request):
        """Upload past order events as JSON Lines (one event per line, optionally with a
        `webhook_id`). Each line is processed like a webhook delivery; the answer says what
        became of every line."""
        upload = BackfillUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        if file.size > settings.ALLIANCE_BACKFILL_MAX_BYTES:
            raise AllianceError("The file is too large.", field="file", code="too_large")
        lines = events.order_events_backfill(
            merchant=merchant_of(request.user), content=file.read()
        )
        return Response(backfill_report(lines))


def backfill_report(lines) -> dict:
    counts = {"accepted": 0, "duplicate": 0, "error": 0}
    for line in lines:
        counts[line.status] += 1
    return {
        "accepted": counts["accepted"],
        "duplicates": counts["duplicate"],
        "errors": counts["error"],
        "lines": [
            {
                "line": line.line,
                "status": line.status,
                "event_id": line.event_id,
                "webhook_id": line.webhook_id,
                "code": line.code,
                "message": line.message,
                "fields": flatten_errors(line.errors) if line.errors else {},
            }
            for line in lines
        ],
    }


# Merchant members and admins get the merchant's shape; promoters the masked one.
ORDER_SHAPES = {"merchant": OrderSerializer, "promoter": OrderForPromoterSerializer}


@extend_schema_view(
    list=extend_schema(responses=shapes("Order", ORDER_SHAPES, many=True)),
    retrieve=extend_schema(responses=shapes("Order", ORDER_SHAPES)),
)
class OrderViewSet(viewsets.ReadOnlyModelViewSet):
    """Orders: a merchant's own (attributed or not), a promoter's attributed ones (the
    merchant's order id masked), every order for admins."""

    filterset_class = OrderFilter
    search_fields = ["order_id"]
    ordering_fields = ["paid_at", "amount", "updated_at"]

    def get_queryset(self):
        return selectors.orders_with_earnings(
            selectors.orders_visible_to(self.request.user)
        ).order_by("-paid_at", "-pk")

    def get_serializer_class(self):
        if role_of(self.request.user) == Role.PROMOTER:
            return OrderForPromoterSerializer
        return OrderSerializer

    def filter_queryset(self, queryset):
        # A promoter cannot search by the order id it is not shown.
        if role_of(self.request.user) == Role.PROMOTER:
            self.search_fields = []
        return super().filter_queryset(queryset)


class CommissionViewSet(viewsets.ReadOnlyModelViewSet):
    """Commissions, one per attributed order line, with their split and status."""

    serializer_class = CommissionSerializer
    filterset_class = CommissionFilter
    ordering_fields = ["paid_at", "commission", "promoter_amount", "updated_at"]

    def get_queryset(self):
        return (
            selectors.commissions_visible_to(self.request.user)
            .select_related("order_item")
            .order_by("-paid_at", "-pk")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["mask_order_id"] = role_of(self.request.user) == Role.PROMOTER
        return context

    @extend_schema(request=VoidSerializer, responses=CommissionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def void(self, request, pk=None):
        """Void a commission for fraud, with a reason; settled money is clawed back."""
        payload = VoidSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        commission = commission_services.commission_void(
            commission=self.get_object(),
            note=payload.validated_data["reason"],
            actor=request.user,
        )
        return Response(self.get_serializer(commission).data)

    @extend_schema(responses=InvalidReasonSerializer(many=True))
    @action(
        detail=False,
        methods=["get"],
        url_path="invalid-reasons",
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        filter_backends=[],
    )
    def invalid_reasons(self, request):
        """Every invalid-order reason code with its text in the request's language (失效原因):
        what `invalid_reason` on orders and commissions can say."""
        return Response(
            InvalidReasonSerializer(
                [
                    {"code": code, "label": label}
                    for code, label in Commission.InvalidReason.choices
                ],
                many=True,
            ).data
        )

    @extend_schema(responses=EarningsSerializer)
    @action(detail=False, methods=["get"], permission_classes=[IsAuthenticated])
    def earnings(self, request):
        """The signed-in promoter's earnings by status (its share of its own sales plus its
        upline shares, as /api/v1/balances/ counts them), and its available balance."""
        promoter = promoter_of(request.user)
        if promoter is None:
            raise NotAllowed("You are not a promoter.")
        totals = selectors.promoter_earnings(promoter.pk)
        return Response(
            EarningsSerializer(
                {
                    "estimated": totals[Commission.Status.PENDING],
                    "confirmed": totals[Commission.Status.CONFIRMED],
                    "settled": totals[Commission.Status.SETTLED],
                    "paid": totals[Commission.Status.PAID],
                    "available_balance": promoter_available_balance(promoter.pk),
                }
            ).data
        )


class SinceField(DateTimeField):
    """`since` sent empty is not a moment: 400, as the schema's date-time says. DRF reads an
    optional field sent empty in a query string as left out, which here meant "from the
    start"."""

    def get_value(self, dictionary):
        if dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)


class SyncQuerySerializer(serializers.Serializer):
    # No max_length: a cursor too long to be ours is refused as invalid_cursor like any other.
    cursor = serializers.CharField(required=False, allow_blank=True)
    since = SinceField(required=False)
    # Digits only, as every whole number in a query string (alliance/api/filters.py).
    limit = IdParameterField(required=False, min_value=1, max_value=500, default=100)


def sync_response_serializer(name: str, item):
    return extend_schema(
        parameters=[SyncQuerySerializer],
        responses=inline_serializer(
            name,
            fields={
                "results": item
                if isinstance(item, serializers.BaseSerializer)
                else item(many=True),
                "next_cursor": serializers.CharField(),
                "has_more": serializers.BooleanField(),
            },
        ),
    )


class SyncViewSet(viewsets.GenericViewSet):
    """Incremental sync for promoters' tools and apps: what changed since a cursor (or a
    moment), in commit-safe order. Keep `next_cursor` and pass it next time; repeat while
    `has_more`. No row is skipped or repeated across pages."""

    def _page(self, queryset, serializer_class, **context):
        query = SyncQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        try:
            rows, next_cursor, has_more = selectors.changes_page(
                queryset,
                cursor=query.validated_data.get("cursor") or None,
                since=query.validated_data.get("since"),
                limit=query.validated_data["limit"],
            )
        except selectors.CursorInvalid:
            raise AllianceError(
                _("This cursor is not one we issued."), field="cursor", code="invalid_cursor"
            ) from None
        data = serializer_class(rows, many=True, context={"request": self.request, **context}).data
        return Response({"results": data, "next_cursor": next_cursor, "has_more": has_more})

    @sync_response_serializer("OrderSyncPage", shapes("Order", ORDER_SHAPES, many=True))
    @action(detail=False, methods=["get"])
    def orders(self, request):
        """Orders changed after the cursor (a promoter's orders are masked)."""
        queryset = selectors.orders_with_earnings(selectors.orders_visible_to(request.user))
        serializer = (
            OrderForPromoterSerializer
            if role_of(request.user) == Role.PROMOTER
            else OrderSerializer
        )
        return self._page(queryset, serializer)

    @sync_response_serializer("CommissionSyncPage", CommissionSerializer)
    @action(detail=False, methods=["get"])
    def commissions(self, request):
        """Commissions changed after the cursor, with estimated and settled amounts."""
        queryset = selectors.commissions_visible_to(request.user).select_related("order_item")
        return self._page(
            queryset,
            CommissionSerializer,
            mask_order_id=role_of(request.user) == Role.PROMOTER,
        )


class SettlementRunViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Settlement runs, newest first, with their progress (admins). `POST` queues a run of the
    current cycle now; poll its detail to watch it."""

    serializer_class = SettlementRunSerializer
    permission_classes = [IsPlatformAdmin]
    filterset_fields = ["status", "cycle"]
    queryset = SettlementRun.objects.order_by("-started_at", "-pk")

    @extend_schema(
        request=None,
        responses={
            202: SettlementRunSerializer,
            409: OpenApiResponse(description="A run is already queued or running."),
        },
    )
    def create(self, request):
        """Queue a settlement run now (the current cycle's cutoff)."""
        run = settlement_trigger(actor=request.user)
        return Response(self.get_serializer(run).data, status=status.HTTP_202_ACCEPTED)
