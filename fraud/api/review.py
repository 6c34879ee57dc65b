"""The admin's fraud queue in the API (`/api/v1/fraud-flags/`, docs/api.md): the flags with
their filters, one flag with its evidence, the promoter's history and similar accounts, and the
decisions, one by one and in bulk. The decisions are the services' (fraud.services.flags), which
write the audit log."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from alliance.api.fields import AmountField, DateTimeField, RequiredTextField
from alliance.api.filters import FilterSet, IdFilter, MomentFilter, StrictIntegerField
from alliance.api.permissions import IsPlatformAdmin
from alliance.money import currency
from commissions.api.serializers import InvalidReasonField
from commissions.models import Commission, Order
from promoters.models import Click

from ..models import Flag, Rule
from ..selectors import review
from ..services import review as review_services
from ..services.flags import flag_clear, flag_confirm

NOTE_MAX = 2000
# --- Filters --------------------------------------------------------------------------------


class DaysFilter(django_filters.NumberFilter):
    field_class = StrictIntegerField

    def get_max_validator(self):
        return None  # max_value is the bound


class FlagFilter(FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[*Flag.Status.choices, (review.ANY, _("Any"))],
        method="by_selector",
        label="open (the default), cleared, confirmed, or any",
    )
    rule = django_filters.ChoiceFilter(choices=Rule.choices, method="by_selector")
    severity = django_filters.ChoiceFilter(choices=Flag.Severity.choices, method="by_selector")
    merchant = IdFilter(method="by_selector")
    promoter = IdFilter(method="by_selector")
    created_after = MomentFilter(method="by_selector", label="Created at or after this moment")
    created_before = MomentFilter(method="by_selector", label="Created before this moment")
    older_than_days = DaysFilter(
        method="by_selector",
        min_value=0,
        max_value=3650,
        label="Created more than this many days ago",
    )

    class Meta:
        model = Flag
        fields: list[str] = []

    def by_selector(self, queryset, name, value):
        return queryset  # every filter is applied at once by filter_queryset

    def filter_queryset(self, queryset):
        given = {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}
        given.setdefault("status", Flag.Status.OPEN)
        return review.flags_filter(queryset, **given)


# --- Serializers ----------------------------------------------------------------------------


class FlagSerializer(serializers.ModelSerializer):
    """A flag as the queue lists it."""

    rule_label = serializers.CharField(source="get_rule_display", read_only=True)
    promoter_name = serializers.CharField(source="promoter.display_name", read_only=True)
    merchant_name = serializers.CharField(
        source="merchant.name", read_only=True, default=None, allow_null=True
    )
    order_count = serializers.IntegerField(read_only=True, help_text="Orders it touches.")
    commission_count = serializers.IntegerField(read_only=True, help_text="Commissions it touches.")
    held_count = serializers.IntegerField(
        read_only=True, help_text="Of those, held from settlement now (by this or another flag)."
    )
    has_appeal = serializers.SerializerMethodField()
    reviewed_by = serializers.CharField(
        source="reviewed_by.username", read_only=True, default=None, allow_null=True
    )
    created_at = DateTimeField(read_only=True)
    reviewed_at = DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Flag
        fields = [
            "id",
            "rule",
            "rule_label",
            "severity",
            "status",
            "promoter",
            "promoter_name",
            "merchant",
            "merchant_name",
            "summary",
            "order_count",
            "commission_count",
            "held_count",
            "has_appeal",
            "created_at",
            "reviewed_at",
            "reviewed_by",
        ]
        read_only_fields = fields

    def get_has_appeal(self, obj) -> bool:
        return bool(obj.appeal_note)


class FlagOrderSerializer(serializers.ModelSerializer):
    amount = AmountField(read_only=True)
    refunded_amount = AmountField(read_only=True)
    paid_at = DateTimeField(read_only=True)
    currency = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = [
            "id",
            "order_id",
            "merchant",
            "status",
            "amount",
            "refunded_amount",
            "currency",
            "paid_at",
            "click_id",
            "customer_id",
        ]
        read_only_fields = fields

    def get_currency(self, obj) -> str:
        return currency()


class FlagCommissionSerializer(serializers.ModelSerializer):
    order_id = serializers.CharField(source="order.order_id", read_only=True)
    invalid_reason = InvalidReasonField(help_text="Why it earns nothing; null while it earns.")
    commission = AmountField(read_only=True)
    promoter_amount = AmountField(read_only=True)
    currency = serializers.SerializerMethodField()

    class Meta:
        model = Commission
        fields = [
            "id",
            "order",
            "order_id",
            "status",
            "invalid_reason",
            "commission",
            "promoter_amount",
            "currency",
            "review_hold",
        ]
        read_only_fields = fields

    def get_currency(self, obj) -> str:
        return currency()


class FlagClickSerializer(serializers.ModelSerializer):
    created_at = DateTimeField(read_only=True)
    link_code = serializers.CharField(source="link.code", read_only=True)

    class Meta:
        model = Click
        fields = [
            "id",
            "created_at",
            "link",
            "link_code",
            "ip_hash",
            "net_hash",
            "referer",
            "user_agent",
            "is_unique",
            "is_bot",
            "is_suspicious",
            "suspicion",
        ]
        read_only_fields = fields


class FlagHistorySerializer(serializers.Serializer):
    promoter_status = serializers.CharField(source="promoter.status")
    joined_at = DateTimeField(source="promoter.created_at")
    account_age_days = serializers.IntegerField()
    clicks = serializers.IntegerField()
    unique_clicks = serializers.IntegerField()
    bot_clicks = serializers.IntegerField()
    suspicious_clicks = serializers.IntegerField()
    orders = serializers.IntegerField()
    refunded_orders = serializers.IntegerField(help_text="Refunded in full or in part.")
    gmv = AmountField()
    refunded_amount = AmountField()
    conversion = serializers.FloatField(
        allow_null=True, help_text="Orders per unique click; null without unique clicks."
    )
    refund_rate = serializers.FloatField(
        allow_null=True, help_text="Refunded orders per order; null without orders."
    )
    commissions = serializers.DictField(
        child=AmountField(), help_text="The promoter's share, summed by commission status."
    )
    flags = serializers.DictField(
        child=serializers.IntegerField(), help_text="Its flags (this one too) by status."
    )
    currency = serializers.SerializerMethodField()

    def get_currency(self, obj) -> str:
        return currency()


class FlagSimilarSerializer(serializers.Serializer):
    promoter = serializers.IntegerField(source="promoter.pk")
    display_name = serializers.CharField(source="promoter.display_name")
    status = serializers.CharField(source="promoter.status")
    joined_at = DateTimeField(source="promoter.created_at")
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=review.SIMILAR_REASONS))
    minutes_apart = serializers.IntegerField(help_text="Between the two accounts' creation.")
    open_flags = serializers.IntegerField()
    orders = serializers.IntegerField()


class FlagDetailSerializer(FlagSerializer):
    """A flag with everything an admin judges it by."""

    evidence = serializers.JSONField(
        read_only=True,
        help_text="The rule's numbers: `measured` against `threshold`, and ids it names.",
    )
    appealed_at = DateTimeField(read_only=True, allow_null=True)
    orders = FlagOrderSerializer(source="detail.orders", many=True, read_only=True)
    commissions = FlagCommissionSerializer(source="detail.commissions", many=True, read_only=True)
    clicks = FlagClickSerializer(
        source="detail.clicks",
        many=True,
        read_only=True,
        help_text="A sample of the clicks the evidence names (at most 20).",
    )
    history = FlagHistorySerializer(source="detail.history", read_only=True)
    similar = FlagSimilarSerializer(source="detail.similar", many=True, read_only=True)

    class Meta(FlagSerializer.Meta):
        fields = [
            *FlagSerializer.Meta.fields,
            "key",
            "evidence",
            "report_note",
            "appeal_note",
            "appealed_at",
            "review_note",
            "orders",
            "commissions",
            "clicks",
            "history",
            "similar",
        ]
        read_only_fields = fields


class NoteField(RequiredTextField):
    def to_internal_value(self, data):
        return review_services.note_clean(super().to_internal_value(data))


class FlagClearSerializer(serializers.Serializer):
    note = NoteField(max_length=NOTE_MAX, help_text="Optional: why it is not fraud.")


class FlagConfirmSerializer(serializers.Serializer):
    note = NoteField(max_length=NOTE_MAX, help_text="Required: why it is fraud.")
    suspend = serializers.BooleanField(
        required=False, default=False, help_text="Suspend the promoter too."
    )


class FlagBulkSerializer(FlagConfirmSerializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=review_services.BULK_MAX,
    )
    decision = serializers.ChoiceField(choices=list(review_services.DECISIONS))
    note = NoteField(max_length=NOTE_MAX, help_text="Required to confirm.")


class FlagBulkResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    status = serializers.CharField(allow_blank=True, help_text="The flag's status when decided.")
    code = serializers.CharField(allow_blank=True, help_text="The error's code when not.")
    message = serializers.CharField(allow_blank=True)


class FlagBulkAnswerSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    results = FlagBulkResultSerializer(many=True)


# --- The resource ---------------------------------------------------------------------------


class FraudFlagViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Fraud flags (admins): the review queue, high severity first, then oldest first; open
    flags unless `status` says otherwise."""

    serializer_class = FlagSerializer
    permission_classes = [IsPlatformAdmin]
    filterset_class = FlagFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return review.flags_queue().select_related("reviewed_by")

    def filter_queryset(self, queryset):
        # The queue's filters (open by default) narrow the list, never one flag's address.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return FlagDetailSerializer
        return super().get_serializer_class()

    def _detail(self, flag: Flag) -> Response:
        flag = self.get_queryset().get(pk=flag.pk)
        flag.detail = review.flag_detail(flag)
        return Response(FlagDetailSerializer(flag).data)

    def retrieve(self, request, *args, **kwargs):
        """One flag: its evidence, the orders and commissions it touches, the promoter's history,
        similar accounts side by side, and the promoter's appeal note."""
        return self._detail(self.get_object())

    @extend_schema(request=FlagClearSerializer, responses=FlagDetailSerializer)
    @action(detail=True, methods=["post"])
    def clear(self, request, pk=None):
        """Not fraud: the flag's holds are lifted. 409 already_decided."""
        payload = FlagClearSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        flag = flag_clear(
            flag=self.get_object(), actor=request.user, note=payload.validated_data["note"]
        )
        return self._detail(flag)

    @extend_schema(request=FlagConfirmSerializer, responses=FlagDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Fraud: its commissions are voided with reason fraud (clawed back when settled), the
        promoter's payouts stay held, and with `suspend` the promoter is suspended. 400
        note_required; 409 already_decided."""
        payload = FlagConfirmSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        flag = flag_confirm(flag=self.get_object(), actor=request.user, **payload.validated_data)
        return self._detail(flag)

    @extend_schema(request=FlagBulkSerializer, responses=FlagBulkAnswerSerializer)
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """One decision on many flags, each in its own transaction: the answer lists every id's
        result (its new status, or the error's code: not_found, already_decided, error)."""
        payload = FlagBulkSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        results = review_services.flags_decide(actor=request.user, **payload.validated_data)
        done = sum(1 for r in results if r.ok)
        return Response(
            {"done": done, "failed": len(results) - done, "results": [vars(r) for r in results]}
        )
