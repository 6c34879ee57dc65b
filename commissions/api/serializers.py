from decimal import Decimal

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from alliance.api.fields import AmountField, RequiredTextField
from alliance.api.schema import ShapeField
from alliance.masking import mask_order_id
from alliance.money import currency

from ..models import Commission, Order, OrderEvent, SettlementRun
from ..selectors import EARNING_STATUSES


class EstimatedAmountField(AmountField):
    """P while the commission still earns, 0.00 once reversed or void: summing it over a
    promoter's commissions gives its estimated earnings, as the order's total does."""

    def get_attribute(self, instance):
        if instance.status in EARNING_STATUSES:
            return instance.promoter_amount
        return Decimal("0.00")


class InvalidReasonField(serializers.ChoiceField):
    """Why a commission or an order earns nothing; null while it earns (stored as "")."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, allow_null=True)
        super().__init__(choices=Commission.InvalidReason.choices, **kwargs)

    def to_representation(self, value):
        return value or None


class CurrencyMixin(serializers.Serializer):
    currency = serializers.SerializerMethodField()

    def get_currency(self, obj) -> str:
        return currency()


class OrderEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderEvent
        fields = [
            "id",
            "webhook_id",
            "source",
            "type",
            "order_id",
            "occurred_at",
            "status",
            "error",
            "received_at",
            "applied_at",
        ]
        read_only_fields = fields


class EventAcceptedSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The event's id in the inbox.")
    status = serializers.ChoiceField(
        choices=["accepted", "duplicate"],
        help_text="duplicate: this webhook-id was received before; nothing new was stored.",
    )


class BackfillLineSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["accepted", "duplicate", "error"])
    event_id = serializers.IntegerField(allow_null=True)
    webhook_id = serializers.CharField(allow_blank=True)
    code = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class BackfillResultSerializer(serializers.Serializer):
    accepted = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    errors = serializers.IntegerField()
    lines = BackfillLineSerializer(many=True)


class BackfillUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="JSON Lines: one order event object per line.")


@extend_schema_serializer(component_name="MerchantOrder")
class OrderSerializer(CurrencyMixin, serializers.ModelSerializer):
    """An order as its merchant or an admin sees it. Promoters get OrderForPromoterSerializer."""

    promoter_name = serializers.SerializerMethodField()
    estimated_commission = AmountField(
        read_only=True,
        default=None,
        help_text="The promoter's share (P) of the lines that still earn; null without one.",
    )
    settled_commission = AmountField(
        read_only=True,
        default=None,
        help_text="The promoter's share credited to its balance; null without one.",
    )
    shape = ShapeField("merchant")
    invalid_reason = InvalidReasonField(
        help_text="Why the whole order earns nothing (unknown_source, cancelled, refunded); "
        "null when it earns."
    )
    invalid_reason_display = serializers.CharField(
        source="get_invalid_reason_display", read_only=True
    )

    class Meta:
        model = Order
        fields = [
            "shape",
            "id",
            "merchant",
            "order_id",
            "status",
            "paid_at",
            "completed_at",
            "amount",
            "refunded_amount",
            "currency",
            "attribution",
            "promoter",
            "promoter_name",
            "link",
            "channel",
            "estimated_commission",
            "settled_commission",
            "invalid_reason",
            "invalid_reason_display",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_promoter_name(self, obj) -> str | None:
        return obj.promoter.display_name if obj.promoter_id else None


@extend_schema_serializer(component_name="PromoterOrder")
class OrderForPromoterSerializer(OrderSerializer):
    """A promoter sees the merchant's order id masked (first 3 and last 2 characters)."""

    shape = ShapeField("promoter")
    order_id = serializers.SerializerMethodField()
    merchant_name = serializers.CharField(source="merchant.name", read_only=True)

    class Meta(OrderSerializer.Meta):
        fields = [f for f in OrderSerializer.Meta.fields if f != "promoter_name"] + [
            "merchant_name"
        ]
        read_only_fields = fields

    def get_order_id(self, obj) -> str:
        return mask_order_id(obj.order_id)


class CommissionSerializer(CurrencyMixin, serializers.ModelSerializer):
    order_id = serializers.SerializerMethodField()
    invalid_reason = InvalidReasonField(
        help_text="Why this line earns nothing (docs/orders.md); null while it earns."
    )
    sku = serializers.CharField(source="order_item.sku", read_only=True)
    invalid_reason_display = serializers.CharField(
        source="get_invalid_reason_display", read_only=True
    )
    estimated_amount = EstimatedAmountField(
        source="promoter_amount",
        read_only=True,
        help_text="The promoter's share P as the order stands now (预估收入 while pending); "
        "0.00 once reversed or void, as the order's estimated_commission counts it.",
    )
    settled_amount = serializers.SerializerMethodField(
        help_text="What the ledger credited the promoter for this line; 0.00 until settled."
    )

    class Meta:
        model = Commission
        fields = [
            "id",
            "order",
            "order_id",
            "merchant",
            "promoter",
            "link",
            "channel",
            "product",
            "sku",
            "rate",
            "base_amount",
            "commission",
            "platform_fee",
            "upline1_amount",
            "upline2_amount",
            "promoter_amount",
            "estimated_amount",
            "settled_amount",
            "currency",
            "status",
            "invalid_reason",
            "invalid_reason_display",
            "void_note",
            "paid_at",
            "available_at",
            "settled_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_order_id(self, obj) -> str:
        if self.context.get("mask_order_id"):
            return mask_order_id(obj.order.order_id)
        return obj.order.order_id

    def get_settled_amount(self, obj) -> str:
        credited = obj.status in {Commission.Status.SETTLED, Commission.Status.PAID}
        return str(obj.promoter_amount if credited else "0.00")


class VoidSerializer(serializers.Serializer):
    reason = RequiredTextField(max_length=2000)


class EarningsSerializer(CurrencyMixin, serializers.Serializer):
    estimated = AmountField()
    confirmed = AmountField()
    settled = AmountField()
    paid = AmountField()
    available_balance = AmountField()


class InvalidReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="In the request's language.")


class SettlementRunSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField(
        help_text="Settled out of due when the run began, 0 to 1; 1 once finished."
    )

    class Meta:
        model = SettlementRun
        fields = [
            "id",
            "status",
            "cycle",
            "cutoff",
            "started_at",
            "finished_at",
            "due_count",
            "settled_count",
            "held_count",
            "batches",
            "progress",
            "commission_total",
            "platform_fee_total",
            "per_merchant",
            "triggered_by",
            "error",
        ]
        read_only_fields = fields

    def get_progress(self, run) -> float:
        return run.progress
