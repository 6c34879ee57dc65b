from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance.api.bodies import ReplaceNeedsBody
from alliance.api.permissions import IsPlatformAdmin
from alliance.errors import AllianceError, NotAllowed
from alliance.roles import Role, promoter_of, role_of
from promoters.api.permissions import IsPromoter, IsPromoterOrAdminReadOnly
from promoters.models import Promoter

from .. import selectors
from ..models import PayoutBatch
from ..services import export, holds, methods
from ..services import payouts as payout_services
from .filters import PayoutFilter, PayoutHoldFilter, PayoutMethodFilter
from .serializers import (
    BalanceEntrySerializer,
    BalanceQuerySerializer,
    BalancesSerializer,
    BulkAnswerSerializer,
    BulkSerializer,
    ExportSerializer,
    PayoutBatchSerializer,
    PayoutHoldSerializer,
    PayoutMethodSerializer,
    PayoutMethodUpdateSerializer,
    PayoutRequestSerializer,
    PayoutSerializer,
    ReasonSerializer,
    ReExportSerializer,
    ReferenceSerializer,
)

CSV_RESPONSE = OpenApiResponse(
    response=OpenApiTypes.BINARY,
    description="The batch file: payout_id, account_name, account, bank_name, amount, currency, "
    "memo.",
)


class IsPromoterOrAdmin(BasePermission):
    message = "Only promoters and platform admins may do this."

    def has_permission(self, request, view) -> bool:
        return role_of(request.user) in {Role.PROMOTER, Role.ADMIN}


class PayoutMethodViewSet(ReplaceNeedsBody, viewsets.ModelViewSet):
    """Where a promoter is paid: Alipay accounts and bank accounts. Promoters manage their own
    (the account is shown masked); admins read everyone's."""

    permission_classes = [IsPromoterOrAdminReadOnly]
    filterset_class = PayoutMethodFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.payout_methods_visible_to(self.request.user).order_by(
            "-is_default", "-created_at", "-pk"
        )

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return PayoutMethodUpdateSerializer
        return PayoutMethodSerializer

    def perform_create(self, serializer):
        serializer.instance = methods.method_create(
            promoter=promoter_of(self.request.user),
            actor=self.request.user,
            **serializer.validated_data,
        )

    def perform_update(self, serializer):
        serializer.instance = methods.method_update(
            method=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        methods.method_delete(method=instance, actor=self.request.user)


class PayoutViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Payout requests. A promoter requests and reads its own; an admin reads all and reviews:
    approve, reject, mark paid, mark failed, in bulk too, and exports approved ones as CSV."""

    serializer_class = PayoutSerializer
    filterset_class = PayoutFilter
    permission_classes = [IsPromoterOrAdmin]
    ordering_fields = ["requested_at", "amount", "reviewed_at"]

    def get_queryset(self):
        return selectors.payouts_visible_to(self.request.user).order_by("-requested_at", "-pk")

    def get_permissions(self):
        if self.action == "create":
            return [IsPromoter()]
        return super().get_permissions()

    @extend_schema(request=PayoutRequestSerializer, responses={201: PayoutSerializer})
    def create(self, request, *args, **kwargs):
        """Ask to be paid `amount` to `method`. 400 below_minimum, insufficient_balance; 409
        open_payout_exists. Starts `held` while the promoter is on hold."""
        payload = PayoutRequestSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        payout = payout_services.payout_request(
            promoter=promoter_of(request.user),
            method=payload.validated_data["method"],
            amount=payload.validated_data["amount"],
            actor=request.user,
        )
        return Response(PayoutSerializer(payout).data, status=status.HTTP_201_CREATED)

    def _review(self, service, **kwargs):
        payout = service(payout=self.get_object(), **kwargs)
        return Response(PayoutSerializer(payout).data)

    @extend_schema(request=None, responses=PayoutSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def approve(self, request, pk=None):
        """Approve: the amount moves from available to in transit. 409 payout_held,
        insufficient_balance, invalid_transition."""
        return self._review(payout_services.payout_approve, reviewer=request.user)

    @extend_schema(request=ReasonSerializer, responses=PayoutSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def reject(self, request, pk=None):
        """Reject with a reason; after approval the money returns to the balance."""
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._review(
            payout_services.payout_reject,
            reviewer=request.user,
            reason=payload.validated_data["reason"],
        )

    @extend_schema(request=ReferenceSerializer, responses=PayoutSerializer)
    @action(
        detail=True, methods=["post"], url_path="mark-paid", permission_classes=[IsPlatformAdmin]
    )
    def mark_paid(self, request, pk=None):
        """The transfer went through: record its reference."""
        payload = ReferenceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._review(
            payout_services.payout_mark_paid,
            actor=request.user,
            reference=payload.validated_data["reference"],
        )

    @extend_schema(request=ReasonSerializer, responses=PayoutSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="mark-failed",
        permission_classes=[IsPlatformAdmin],
    )
    def mark_failed(self, request, pk=None):
        """The transfer failed: the money returns to the balance."""
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._review(
            payout_services.payout_mark_failed,
            actor=request.user,
            reason=payload.validated_data["reason"],
        )

    @extend_schema(request=BulkSerializer, responses=BulkAnswerSerializer)
    @action(detail=False, methods=["post"], permission_classes=[IsPlatformAdmin])
    def bulk(self, request):
        """One action on many payouts, each on its own: the answer lists every id's result."""
        payload = BulkSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        results = payout_services.payouts_bulk(actor=request.user, **payload.validated_data)
        done = sum(1 for r in results if r.ok)
        return Response(
            {
                "done": done,
                "failed": len(results) - done,
                "results": [vars(r) for r in results],
            }
        )

    @extend_schema(
        methods=["POST"],
        parameters=[ExportSerializer],
        request=None,
        responses={(200, "text/csv"): CSV_RESPONSE},
        description="Export every approved payout of `kind` not exported yet as a new batch "
        "(CSV with the full accounts) and mark them exported. 409 nothing_to_export.",
    )
    @extend_schema(
        methods=["GET"],
        parameters=[ReExportSerializer],
        responses={
            (200, "text/csv"): CSV_RESPONSE,
            404: OpenApiResponse(description="No batch with that id."),
        },
        description="The file of an earlier batch again, byte for byte.",
    )
    @action(detail=False, methods=["get", "post"], permission_classes=[IsPlatformAdmin])
    def export(self, request):
        if request.method == "POST":
            query = ExportSerializer(data=request.query_params or request.data)
            query.is_valid(raise_exception=True)
            batch = export.payouts_export(kind=query.validated_data["kind"], actor=request.user)
        else:
            query = ReExportSerializer(data=request.query_params)
            query.is_valid(raise_exception=True)
            batch = get_object_or_404(PayoutBatch, pk=query.validated_data["batch"])
        return export.batch_download(batch)


class PayoutBatchViewSet(viewsets.ReadOnlyModelViewSet):
    """Exported batches (admins): fetch a batch's file again with
    `GET /api/v1/payouts/export/?batch=<id>`."""

    serializer_class = PayoutBatchSerializer
    permission_classes = [IsPlatformAdmin]
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.payout_batches().order_by("-created_at", "-pk")


class PayoutHoldViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Holds on promoters' payouts (admins). While a promoter has an active hold its payouts
    are held and cannot be approved."""

    serializer_class = PayoutHoldSerializer
    permission_classes = [IsPlatformAdmin]
    filterset_class = PayoutHoldFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.payout_holds().order_by("-created_at", "-pk")

    def perform_create(self, serializer):
        serializer.instance = holds.hold_set(
            promoter=serializer.validated_data["promoter"],
            reason=serializer.validated_data["reason"],
            actor=self.request.user,
        )

    @extend_schema(request=None, responses=PayoutHoldSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        """Release the hold; the last one released sends held payouts back to review."""
        hold = holds.hold_release(hold=self.get_object(), actor=request.user)
        return Response(PayoutHoldSerializer(hold).data)


def _balance_promoter(request) -> Promoter:
    """The promoter whose balances are asked for: one's own, or for admins `?promoter=`."""
    query = BalanceQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    role = role_of(request.user)
    if role == Role.PROMOTER:
        return promoter_of(request.user)
    if role == Role.ADMIN:
        pk = query.validated_data.get("promoter")
        if pk is None:
            raise AllianceError(
                _("Say whose balances: ?promoter=<id>."), field="promoter", code="required"
            )
        return get_object_or_404(Promoter, pk=pk)
    raise NotAllowed(_("Only promoters and platform admins may do this."))


class BalancesView(APIView):
    """The promoter's money: pending and confirmed earnings, available, in-transit and paid
    balances, and its open payout request."""

    permission_classes = [IsPromoterOrAdmin]

    @extend_schema(
        parameters=[BalanceQuerySerializer],
        responses={
            200: BalancesSerializer,
            404: OpenApiResponse(description="No promoter with that id (`promoter`, admins)."),
        },
    )
    def get(self, request):
        promoter = _balance_promoter(request)
        data = BalancesSerializer.build(
            promoter.pk,
            selectors.promoter_balances(promoter.pk),
            selectors.open_payout(promoter.pk),
        )
        return Response(BalancesSerializer(data).data)


class BalanceEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The promoter's settlement history: every movement of its available balance, newest
    first (settlements, adjustments, payouts and returned payouts)."""

    serializer_class = BalanceEntrySerializer
    permission_classes = [IsPromoterOrAdmin]
    filter_backends: list = []

    @extend_schema(parameters=[BalanceQuerySerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.balance_entries(_balance_promoter(self.request).pk)
