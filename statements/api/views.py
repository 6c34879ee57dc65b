from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from alliance.api.permissions import IsPlatformAdmin
from alliance.errors import NotAllowed
from alliance.money import currency
from alliance.roles import Role, merchant_of, role_of

from .. import selectors, services
from ..exports import csv_file_name, statement_csv
from .filters import StatementFilter
from .serializers import CurrentStatementSerializer, MarkPaidSerializer, StatementSerializer


class IsMerchantMemberOrAdmin(BasePermission):
    """Statements are the business of the merchant and the platform: a promoter is refused
    before any lookup, so the answer says nothing about which statements exist."""

    message = "Only merchant members and platform admins may see statements."

    def has_permission(self, request, view) -> bool:
        return role_of(request.user) in {Role.ADMIN, Role.MERCHANT}


class StatementViewSet(viewsets.ReadOnlyModelViewSet):
    """Monthly statements: what a merchant owes for a calendar month's settled commissions and
    the adjustments after them. A merchant member sees its merchant's, an admin every one."""

    serializer_class = StatementSerializer
    filterset_class = StatementFilter
    permission_classes = [IsMerchantMemberOrAdmin]
    ordering_fields = ["month", "total_owed", "issued_at"]

    def get_queryset(self):
        return selectors.statements_visible_to(self.request.user).order_by(
            "-month", "merchant_id", "pk"
        )

    @extend_schema(
        operation_id="statements_lines_csv",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="lines.csv",
        filter_backends=[],
        pagination_class=None,
    )
    def lines_csv(self, request, pk=None):
        """The statement's lines as CSV, one per posting, read from the ledger and streamed."""
        statement = self.get_object()
        response = StreamingHttpResponse(
            statement_csv(statement), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{csv_file_name(statement)}"'
        return response

    @extend_schema(request=MarkPaidSerializer, responses=StatementSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="mark-paid",
        permission_classes=[IsPlatformAdmin],
    )
    def mark_paid(self, request, pk=None):
        """Record the merchant's payment with its reference; posts the payment to the ledger.
        Marking a paid statement again answers 409 `already_paid`."""
        payload = MarkPaidSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        statement = services.statement_mark_paid(
            statement=self.get_object(),
            reference=payload.validated_data["reference"],
            actor=request.user,
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=statement.pk)).data)

    @extend_schema(responses=CurrentStatementSerializer)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def current(self, request):
        """The merchant's running month so far, computed from the ledger now (not stored)."""
        merchant = merchant_of(request.user)
        if merchant is None:
            raise NotAllowed("Only merchant members have a running month.")
        now = timezone.now()
        month = services.running_month(now)
        totals = selectors.month_totals(merchant_id=merchant.pk, month=month)
        return Response(
            CurrentStatementSerializer(
                {
                    "merchant": merchant.pk,
                    "month": month,
                    "period": f"{month:%Y-%m}",
                    **totals.as_dict(),
                    "currency": currency(),
                    "as_of": now,
                }
            ).data
        )
