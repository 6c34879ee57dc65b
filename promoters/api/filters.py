import django_filters

from ..models import CampaignApplication, Click, Link, Promoter


class PromoterFilter(django_filters.FilterSet):
    class Meta:
        model = Promoter
        fields = ["status"]


class LinkFilter(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Link
        fields = ["channel", "product", "merchant", "is_active", "sub_id"]


class ClickFilter(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    channel = django_filters.NumberFilter(field_name="link__channel")

    class Meta:
        model = Click
        fields = ["link", "is_unique", "is_bot", "sub_id"]


class CampaignApplicationFilter(django_filters.FilterSet):
    class Meta:
        model = CampaignApplication
        fields = ["campaign", "status"]
