from rest_framework import serializers

from alliance.api.fields import DateTimeField

from ..models import Statement


class StatementSerializer(serializers.ModelSerializer):
    merchant_name = serializers.CharField(source="merchant.name", read_only=True)
    period = serializers.CharField(read_only=True, help_text="The month as YYYY-MM.")
    paid_by = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = [
            "id",
            "merchant",
            "merchant_name",
            "month",
            "period",
            "status",
            "commission_count",
            "commission_total",
            "promoter_total",
            "platform_fee_total",
            "adjustment_total",
            "total_owed",
            "currency",
            "issued_at",
            "paid_at",
            "paid_by",
            "payment_reference",
        ]
        read_only_fields = fields

    def get_paid_by(self, obj) -> str | None:
        return obj.paid_by.username if obj.paid_by_id else None


class CurrentStatementSerializer(serializers.Serializer):
    """The running month so far, computed from the ledger when asked; not a stored statement."""

    merchant = serializers.IntegerField()
    month = serializers.DateField()
    period = serializers.CharField()
    commission_count = serializers.IntegerField()
    commission_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    promoter_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    platform_fee_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    adjustment_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    total_owed = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()
    as_of = DateTimeField()


class MarkPaidSerializer(serializers.Serializer):
    reference = serializers.CharField(
        max_length=120, help_text="The reference of the merchant's payment (bank or Alipay)."
    )
