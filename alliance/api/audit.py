"""The audit-log API (admins): who did what, when. Served by the kernel, which owns AuditLog;
every app writes its rows through alliance.audit."""

import django_filters
from rest_framework import serializers, viewsets

from alliance.audit import audit_log
from alliance.models import AuditLog

from .filters import FilterSet, IdFilter
from .permissions import IsPlatformAdmin


class AuditLogFilter(FilterSet):
    action = django_filters.CharFilter(max_length=40)
    target_type = django_filters.CharFilter(max_length=60)
    target_id = django_filters.CharFilter(max_length=40)
    actor = IdFilter(field_name="actor_id")

    class Meta:
        model = AuditLog
        fields = []


class AuditLogSerializer(serializers.ModelSerializer):
    actor_username = serializers.CharField(
        source="actor.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = AuditLog
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_username",
            "action",
            "target_type",
            "target_id",
            "data",
        ]
        read_only_fields = fields


class AuditLogViewSet(viewsets.ReadOnlyModelViewSet):
    """Who did what, when (admins): every review and money action."""

    serializer_class = AuditLogSerializer
    permission_classes = [IsPlatformAdmin]
    filterset_class = AuditLogFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return audit_log().order_by("-created_at", "-pk")
