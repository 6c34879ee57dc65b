import django_filters

from alliance.api.filters import IdFilter, MomentFilter
from alliance.models import AuditLog
from alliance.money import MAX_AMOUNT

from ..models import MethodKind, Payout, PayoutHold, PayoutMethod


class PayoutFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Payout.Status.choices)
    kind = django_filters.ChoiceFilter(choices=MethodKind.choices)
    promoter = IdFilter(field_name="promoter_id")
    batch = IdFilter(field_name="batch_id")
    min_amount = django_filters.NumberFilter(
        field_name="amount", lookup_expr="gte", min_value=0, max_value=MAX_AMOUNT
    )
    max_amount = django_filters.NumberFilter(
        field_name="amount", lookup_expr="lte", min_value=0, max_value=MAX_AMOUNT
    )
    requested_after = MomentFilter(field_name="requested_at", lookup_expr="gte")
    requested_before = MomentFilter(field_name="requested_at", lookup_expr="lt")

    class Meta:
        model = Payout
        fields = []


class PayoutMethodFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=MethodKind.choices)
    promoter = IdFilter(field_name="promoter_id")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = PayoutMethod
        fields = []


class PayoutHoldFilter(django_filters.FilterSet):
    promoter = IdFilter(field_name="promoter_id")
    is_active = django_filters.BooleanFilter(
        field_name="released_at", lookup_expr="isnull", label="Not released yet"
    )

    class Meta:
        model = PayoutHold
        fields = []


class AuditLogFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(max_length=40)
    target_type = django_filters.CharFilter(max_length=60)
    target_id = django_filters.CharFilter(max_length=40)
    actor = IdFilter(field_name="actor_id")

    class Meta:
        model = AuditLog
        fields = []
