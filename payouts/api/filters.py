import django_filters

from alliance.api.filters import AmountFilter, BooleanFilter, FilterSet, IdFilter, MomentFilter

from ..models import MethodKind, Payout, PayoutHold, PayoutMethod


class PayoutFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=Payout.Status.choices)
    kind = django_filters.ChoiceFilter(choices=MethodKind.choices)
    promoter = IdFilter(field_name="promoter_id")
    batch = IdFilter(field_name="batch_id")
    min_amount = AmountFilter(field_name="amount", lookup_expr="gte")
    max_amount = AmountFilter(field_name="amount", lookup_expr="lte")
    requested_after = MomentFilter(field_name="requested_at", lookup_expr="gte")
    requested_before = MomentFilter(field_name="requested_at", lookup_expr="lt")

    class Meta:
        model = Payout
        fields = []


class PayoutMethodFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=MethodKind.choices)
    promoter = IdFilter(field_name="promoter_id")
    is_active = BooleanFilter()

    class Meta:
        model = PayoutMethod
        fields = []


class PayoutHoldFilter(FilterSet):
    promoter = IdFilter(field_name="promoter_id")
    is_active = BooleanFilter(
        field_name="released_at", lookup_expr="isnull", label="Not released yet"
    )

    class Meta:
        model = PayoutHold
        fields = []
