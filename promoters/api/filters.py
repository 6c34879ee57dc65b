from alliance.api.filters import FilterSet, IdFilter, MomentFilter

from ..models import CampaignApplication, Click, Link, OwnCustomer, Promoter


class PromoterFilter(FilterSet):
    class Meta:
        model = Promoter
        fields = ["status"]


class LinkFilter(FilterSet):
    channel = IdFilter()
    product = IdFilter()
    merchant = IdFilter()
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte")
    created_before = MomentFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Link
        fields = ["channel", "product", "merchant", "is_active", "sub_id"]


class ClickFilter(FilterSet):
    link = IdFilter()
    channel = IdFilter(field_name="link__channel")
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte")
    created_before = MomentFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Click
        fields = ["link", "is_unique", "is_bot", "is_suspicious", "sub_id"]


class CampaignApplicationFilter(FilterSet):
    campaign = IdFilter()

    class Meta:
        model = CampaignApplication
        fields = ["campaign", "status"]


class OwnCustomerFilter(FilterSet):
    merchant = IdFilter()

    class Meta:
        model = OwnCustomer
        fields = ["merchant"]
