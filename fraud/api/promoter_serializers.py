"""Serializers of what promoters and merchants see of fraud review (fraud/api/promoter.py)."""

import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliance.api.fields import AmountField, DateTimeField, RequiredTextField
from alliance.api.filters import IdParameterField
from alliance.masking import mask_order_id
from alliance.money import currency
from commissions.models import Commission

from ..models import REASON_KINDS, Flag, ReasonKind
from ..selectors.promoter import PenaltyStatus

# C0 and C1 control characters but tab and line breaks: a note may have lines, nothing else
# that a screen cannot show (NUL cannot even be stored by PostgreSQL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class NoteField(RequiredTextField):
    """A note (an appeal, a report): up to 2000 characters, control characters removed; the
    service refuses one that is empty (`note_required`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return _CONTROL.sub("", super().to_internal_value(data))


class PenalisedOrderSerializer(serializers.Serializer):
    """One penalised order (处罚订单). A promoter sees the merchant's order id masked and its
    own appeal note; a merchant sees neither the appeal note nor anything else of the
    promoter's; nobody but the admin queue sees a rule's thresholds or evidence."""

    id = serializers.IntegerField(read_only=True)
    order_id = serializers.SerializerMethodField(
        help_text="The merchant's order id; masked for promoters (first 3 and last 2 characters)."
    )
    merchant = serializers.IntegerField(source="merchant_id", read_only=True)
    merchant_name = serializers.CharField(source="merchant.name", read_only=True)
    paid_at = DateTimeField(read_only=True)
    amount = AmountField(read_only=True, help_text="What the buyer paid.")
    commission = AmountField(
        source="promoter_commission",
        read_only=True,
        help_text="The promoter's share of the order's lines, voided ones included.",
    )
    currency = serializers.SerializerMethodField()
    status = serializers.ChoiceField(
        source="penalty_status",
        choices=PenaltyStatus.choices,
        read_only=True,
        help_text="voided: voided with reason fraud; held: held by an open high flag; marked: "
        "an open low flag touches it; cleared: every flag on it was cleared.",
    )
    reason_kind = serializers.SerializerMethodField(
        help_text="The kind of reason of the order's flag (null for a void without a flag)."
    )
    reason = serializers.SerializerMethodField(help_text="The reason in the request's language.")
    invalid_reason = serializers.SerializerMethodField(
        help_text="`fraud` once voided (the commission's reason code), else null."
    )
    flag = serializers.IntegerField(source="flag_id", read_only=True, allow_null=True)
    flag_status = serializers.ChoiceField(
        choices=Flag.Status.choices, read_only=True, allow_null=True
    )
    can_appeal = serializers.SerializerMethodField(
        help_text="True for the promoter while the flag is open."
    )
    appeal_note = serializers.SerializerMethodField(
        help_text="The promoter's appeal note; null for merchants and when there is none."
    )

    def _is_promoter(self) -> bool:
        return bool(self.context.get("is_promoter"))

    def get_order_id(self, obj) -> str:
        return mask_order_id(obj.order_id) if self._is_promoter() else obj.order_id

    def get_currency(self, obj) -> str:
        return currency()

    @extend_schema_field(serializers.ChoiceField(choices=ReasonKind.choices, allow_null=True))
    def get_reason_kind(self, obj) -> str | None:
        return REASON_KINDS[obj.flag_rule] if obj.flag_rule else None

    def get_reason(self, obj) -> str:
        if obj.flag_rule:
            return str(ReasonKind(REASON_KINDS[obj.flag_rule]).label)
        return str(Commission.InvalidReason.FRAUD.label)

    @extend_schema_field(
        serializers.ChoiceField(choices=Commission.InvalidReason.choices, allow_null=True)
    )
    def get_invalid_reason(self, obj) -> str | None:
        if obj.penalty_status == PenaltyStatus.VOIDED:
            return Commission.InvalidReason.FRAUD.value
        return None

    def get_can_appeal(self, obj) -> bool:
        return self._is_promoter() and obj.flag_status == Flag.Status.OPEN

    def get_appeal_note(self, obj) -> str | None:
        if self.context.get("is_merchant"):
            return None
        return obj.flag_appeal_note or None


class AppealSerializer(serializers.Serializer):
    note = NoteField(help_text="Why the promoter thinks the orders are genuine.")


class OrderReportSerializer(serializers.Serializer):
    order = IdParameterField(help_text="The order's id (`id` in /api/v1/orders/).")
    note = NoteField(help_text="What looks wrong about the order.")


class OrderReportAnswerSerializer(serializers.ModelSerializer):
    """The flag the report opened (or updated): low, open, for an admin to review."""

    order = serializers.SerializerMethodField()
    created_at = DateTimeField(read_only=True)

    class Meta:
        model = Flag
        fields = ["id", "order", "status", "severity", "report_note", "created_at"]
        read_only_fields = fields

    def get_order(self, obj) -> int:
        return self.context["order"].pk
