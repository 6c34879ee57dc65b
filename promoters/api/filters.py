import django_filters

from alliance.api.filters import IdFilter, MomentFilter

from ..models import CampaignApplication, Click, Link, OwnCustomer, Promoter


class PromoterFilter(django_filters.FilterSet):
    class Meta:
        model = Promoter
        fields = ["status"]


class LinkFilter(django_filters.FilterSet):
    channel = IdFilter()
    product = IdFilter()
    merchant = IdFilter()
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte")
    created_before = MomentFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Link
        fields = ["channel", "product", "merchant", "is_active", "sub_id"]


class ClickFilter(django_filters.FilterSet):
    link = IdFilter()
    channel = IdFilter(field_name="link__channel")
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte")
    created_before = MomentFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Click
        fields = ["link", "is_unique", "is_bot", "sub_id"]


class CampaignApplicationFilter(django_filters.FilterSet):
    campaign = IdFilter()

    class Meta:
        model = CampaignApplication
        fields = ["campaign", "status"]


class OwnCustomerFilter(django_filters.FilterSet):
    merchant = IdFilter()

    class Meta:
        model = OwnCustomer
        fields = ["merchant"]
