from django.conf import settings
from rest_framework import serializers

from alliance.api.fields import (
    AmountField,
    DateTimeField,
    RequiredTextField,
    ScopedPrimaryKeyRelatedField,
)
from alliance.api.filters import IdParameterField
from alliance.money import MAX_AMOUNT, currency
from alliance.roles import promoter_of
from ledger.models import LedgerEntry, LedgerTransaction

from ..models import MethodKind, Payout, PayoutBatch, PayoutHold, PayoutMethod
from ..services.payouts import BULK_ACTIONS

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class PayoutMethodSerializer(serializers.ModelSerializer):
    """A payout method. The account is write-only in full and always read back masked."""

    account = serializers.CharField(
        write_only=True,
        max_length=254,
        help_text="Alipay: an email or a mainland mobile number; bank: 12-19 digits.",
    )
    account_masked = serializers.CharField(source="masked_account", read_only=True)
    # 100, as method_validate counts them (the schema says what the service enforces).
    account_name = serializers.CharField(max_length=100, help_text="The holder's real name.")
    bank_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    is_default = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = PayoutMethod
        fields = [
            "id",
            "promoter",
            "kind",
            "account_name",
            "account",
            "account_masked",
            "bank_name",
            "is_default",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["id", "promoter", "is_active", "created_at"]


class PayoutMethodUpdateSerializer(PayoutMethodSerializer):
    account = serializers.CharField(write_only=True, max_length=254, required=False)
    account_name = serializers.CharField(max_length=100, required=False)
    bank_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    is_default = serializers.BooleanField(required=False)

    class Meta(PayoutMethodSerializer.Meta):
        extra_kwargs = {"kind": {"required": False}}


class PayoutSerializer(serializers.ModelSerializer):
    """A payout, the account of its method masked."""

    promoter_name = serializers.CharField(source="promoter.display_name", read_only=True)
    account = serializers.CharField(source="masked_account", read_only=True)
    reviewed_by = serializers.CharField(
        source="reviewed_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Payout
        fields = [
            "id",
            "promoter",
            "promoter_name",
            "method",
            "kind",
            "account_name",
            "account",
            "bank_name",
            "amount",
            "currency",
            "status",
            "reason",
            "reference",
            "requested_at",
            "approved_at",
            "reviewed_at",
            "reviewed_by",
            "paid_at",
            "failed_at",
            "exported_at",
            "batch",
        ]
        read_only_fields = fields


def _own_active_methods(request):
    promoter = promoter_of(request.user)
    if promoter is None:
        return PayoutMethod.objects.none()
    return PayoutMethod.objects.filter(promoter=promoter, is_active=True)


class PayoutRequestSerializer(serializers.Serializer):
    amount = serializers.DecimalField(
        **AMOUNT,
        min_value=0,
        max_value=MAX_AMOUNT,
        help_text="At least ALLIANCE_MIN_PAYOUT, at most the available balance.",
    )
    method = ScopedPrimaryKeyRelatedField(
        scope=_own_active_methods, model=PayoutMethod, help_text="One of your active methods."
    )


class ReasonSerializer(serializers.Serializer):
    reason = RequiredTextField(max_length=2000)


class ReferenceSerializer(serializers.Serializer):
    reference = RequiredTextField(max_length=120)


class BulkSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(BULK_ACTIONS))
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=500,
    )
    reason = RequiredTextField(max_length=2000)
    reference = RequiredTextField(max_length=120)


class BulkResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    status = serializers.CharField(allow_blank=True)
    code = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)


class BulkAnswerSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    results = BulkResultSerializer(many=True)


class ExportSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MethodKind.choices)


class ReExportSerializer(serializers.Serializer):
    batch = IdParameterField()


class PayoutBatchSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = PayoutBatch
        fields = ["id", "kind", "count", "total", "currency", "created_at", "created_by"]
        read_only_fields = fields


class PayoutHoldSerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, default=None, allow_null=True
    )
    released_by = serializers.CharField(
        source="released_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = PayoutHold
        fields = [
            "id",
            "promoter",
            "reason",
            "source",
            "is_active",
            "created_at",
            "created_by",
            "released_at",
            "released_by",
        ]
        read_only_fields = [
            "id",
            "source",
            "is_active",
            "created_at",
            "created_by",
            "released_at",
            "released_by",
        ]
        extra_kwargs = {
            "reason": {"max_length": 2000, "required": False, "allow_blank": True, "default": ""}
        }


class BalanceQuerySerializer(serializers.Serializer):
    promoter = IdParameterField(required=False, help_text="Admins only: whose balances.")


class BalancesSerializer(serializers.Serializer):
    promoter = serializers.IntegerField()
    pending = AmountField(help_text="Estimated earnings: own share and upline shares, orders paid.")
    confirmed = AmountField(help_text="Confirmed earnings, waiting for settlement after the hold.")
    held = AmountField(
        help_text="Of pending and confirmed: held for a fraud review, not settled until it is "
        "decided (docs/fraud.md)."
    )
    available = AmountField(
        help_text="Settled and not paid out: what a payout may take (may be negative)."
    )
    in_transit = AmountField(help_text="Approved payouts not yet paid.")
    paid = AmountField(help_text="Paid out, all time.")
    min_payout = AmountField()
    currency = serializers.CharField()
    open_payout = PayoutSerializer(allow_null=True)

    @staticmethod
    def build(promoter_id: int, balances: dict, open_payout) -> dict:
        return {
            "promoter": promoter_id,
            **balances,
            "min_payout": settings.ALLIANCE_MIN_PAYOUT,
            "currency": currency(),
            "open_payout": open_payout,
        }


class BalanceEntrySerializer(serializers.ModelSerializer):
    """One movement of the available balance."""

    created_at = DateTimeField(source="transaction.created_at", read_only=True)
    kind = serializers.ChoiceField(
        choices=LedgerTransaction.Kind.choices, source="transaction.kind", read_only=True
    )
    commission = serializers.IntegerField(
        source="transaction.commission_id", read_only=True, allow_null=True
    )
    payout = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()

    class Meta:
        model = LedgerEntry
        fields = ["id", "created_at", "kind", "amount", "currency", "commission", "payout"]
        read_only_fields = fields

    def get_payout(self, obj) -> int | None:
        key = obj.transaction.idempotency_key
        if key.startswith("payout:"):
            return int(key.split(":")[1])
        return None

    def get_currency(self, obj) -> str:
        return currency()
