from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from alliance.models import ReviewStatus

from .permissions import IsPlatformAdmin


class ReviewSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReviewActionsMixin:
    """approve / reject / suspend actions for a platform admin on a reviewable sign-up."""

    def perform_review(self, obj, **kwargs):
        raise NotImplementedError

    def _review(self, request, status_value):
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.perform_review(
            self.get_object(),
            status=status_value,
            reviewer=request.user,
            reason=serializer.validated_data["reason"],
        )
        return Response(self.get_serializer(obj).data)

    @extend_schema(request=ReviewSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def approve(self, request, pk=None):
        return self._review(request, ReviewStatus.APPROVED)

    @extend_schema(request=ReviewSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def reject(self, request, pk=None):
        return self._review(request, ReviewStatus.REJECTED)

    @extend_schema(request=ReviewSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def suspend(self, request, pk=None):
        return self._review(request, ReviewStatus.SUSPENDED)
