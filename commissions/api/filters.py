import django_filters

from alliance.api.filters import FilterSet, IdFilter, MomentFilter

from ..models import Commission, Order, OrderEvent


class SaleFilter(FilterSet):
    """What orders and commissions are both filtered by: when they were paid and who brought
    them through which link and channel."""

    paid_after = MomentFilter(field_name="paid_at", lookup_expr="gte")
    paid_before = MomentFilter(field_name="paid_at", lookup_expr="lt")
    link = IdFilter(field_name="link_id")
    channel = IdFilter(field_name="channel_id")
    promoter = IdFilter(field_name="promoter_id")
    merchant = IdFilter(field_name="merchant_id")


class OrderFilter(SaleFilter):
    status = django_filters.ChoiceFilter(choices=Order.Status.choices)
    attribution = django_filters.ChoiceFilter(choices=Order.Attribution.choices)
    product = IdFilter(field_name="items__product_id", distinct=True)

    class Meta:
        model = Order
        fields = []


class CommissionFilter(SaleFilter):
    status = django_filters.ChoiceFilter(choices=Commission.Status.choices)
    invalid_reason = django_filters.ChoiceFilter(choices=Commission.InvalidReason.choices)
    product = IdFilter(field_name="product_id")
    order = IdFilter(field_name="order_id")

    class Meta:
        model = Commission
        fields = []


class OrderEventFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=OrderEvent.Status.choices)
    source = django_filters.ChoiceFilter(choices=OrderEvent.Source.choices)
    order_id = django_filters.CharFilter(max_length=64)

    class Meta:
        model = OrderEvent
        fields = []
