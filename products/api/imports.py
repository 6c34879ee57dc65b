"""Product bulk import (CSV/XLSX upload, run by a task) and export, for merchant members."""

from pathlib import PurePath

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from alliance.api.filters import FilterBackend, OrderingFilter
from alliance.roles import merchant_of

from .. import imports, selectors
from ..models import ProductImport
from .permissions import IsMerchantMember

FileFormat = ProductImport.FileFormat


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text="Spreadsheet row (the header is row 1); null for the file."
    )
    field = serializers.CharField(allow_null=True, help_text="Column; null for the whole row.")
    message = serializers.CharField()


class ProductImportSummarySerializer(serializers.ModelSerializer):
    error_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ProductImport
        fields = [
            "id",
            "file_name",
            "file_format",
            "status",
            "total_rows",
            "processed_rows",
            "created_count",
            "updated_count",
            "error_count",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class ProductImportSerializer(ProductImportSummarySerializer):
    errors = ImportErrorSerializer(many=True, read_only=True)

    class Meta(ProductImportSummarySerializer.Meta):
        fields = [*ProductImportSummarySerializer.Meta.fields, "errors"]
        read_only_fields = fields


class ProductImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV (UTF-8) or XLSX with the columns sku, title, url, price and optionally "
        "image_url, category, commission_rate, is_active, stock_status."
    )
    format = serializers.ChoiceField(
        choices=FileFormat.choices,
        required=False,
        allow_blank=True,
        help_text="Defaults to the file name's extension.",
    )

    def validate_file(self, file):
        # Checked before the upload is read into memory; the service checks the bytes again.
        limit = settings.ALLIANCE_IMPORT_MAX_BYTES
        if file.size > limit:
            raise serializers.ValidationError(
                f"The file is larger than {limit} bytes; split it into smaller files."
            )
        return file

    def validate(self, attrs):
        extension = PurePath(attrs["file"].name or "").suffix.lower().lstrip(".")
        chosen = attrs.get("format") or None
        if chosen is None:
            if extension == "xls":
                raise serializers.ValidationError(
                    {"file": ["Old .xls workbooks are not supported; save the file as .xlsx."]}
                )
            if extension not in FileFormat.values:
                raise serializers.ValidationError(
                    {"file": ["Upload a .csv or .xlsx file (or say which it is in `format`)."]}
                )
            attrs["format"] = extension
        elif extension in FileFormat.values and extension != chosen:
            raise serializers.ValidationError(
                {"format": [f"The file name says .{extension}, not {chosen}."]}
            )
        return attrs


class ProductExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=FileFormat.choices, default=FileFormat.CSV)


class ProductImportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """A merchant's product imports. Uploading starts one; a task applies it all or nothing and
    the resource reports progress, counts and every row's errors."""

    permission_classes = [IsMerchantMember]
    parser_classes = [MultiPartParser]
    filter_backends = [FilterBackend, OrderingFilter]
    filterset_fields = ["status"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        queryset = selectors.product_imports_of(merchant=merchant_of(self.request.user))
        if self.action == "list":
            queryset = queryset.defer("errors")
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return ProductImportSummarySerializer
        return ProductImportSerializer

    def perform_content_negotiation(self, request, force=False):
        # On the export's path (whatever the method: a DELETE there must answer 405, not 404),
        # `format` names the file to export, not a renderer; errors are still JSON.
        if "export" in getattr(self, "action_map", {}).values():
            renderer = JSONRenderer()
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force=force)

    @extend_schema(
        request={"multipart/form-data": ProductImportUploadSerializer},
        responses={202: ProductImportSerializer},
    )
    def create(self, request):
        """Upload a CSV or XLSX file. Answers 202 with the queued import (already finished when
        tasks run in-process)."""
        upload = ProductImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        product_import = imports.product_import_start(
            merchant=merchant_of(request.user),
            user=request.user,
            file_format=upload.validated_data["format"],
            content=file.read(),
            file_name=file.name or "",
        )
        product_import = self.get_queryset().get(pk=product_import.pk)
        return Response(
            ProductImportSerializer(product_import).data, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=FileFormat.values,
                default=FileFormat.CSV,
                description="csv (UTF-8 with a byte order mark) or xlsx.",
            )
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, imports.CONTENT_TYPES[FileFormat.XLSX]): OpenApiResponse(OpenApiTypes.BINARY),
        },
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def export(self, request):
        """Every product of the merchant as a file in the import's columns; it imports back
        unchanged."""
        query = ProductExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        file_format = query.validated_data["format"]
        merchant = merchant_of(request.user)
        content = imports.products_export(merchant=merchant, file_format=file_format)
        name = imports.export_file_name(merchant=merchant, file_format=file_format)
        response = HttpResponse(content, content_type=imports.CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
