import django_filters

from alliance.api.filters import IdFilter

from ..models import Campaign, Coupon, Merchant, Product, StoreDomain


class MerchantFilter(django_filters.FilterSet):
    class Meta:
        model = Merchant
        fields = ["status"]


class ProductFilter(django_filters.FilterSet):
    merchant = IdFilter()
    category = IdFilter()
    min_price = django_filters.NumberFilter(field_name="price", lookup_expr="gte")
    max_price = django_filters.NumberFilter(field_name="price", lookup_expr="lte")

    class Meta:
        model = Product
        fields = ["merchant", "category", "is_active", "stock_status"]


class CampaignFilter(django_filters.FilterSet):
    merchant = IdFilter()

    class Meta:
        model = Campaign
        fields = ["merchant", "kind", "is_active"]


class CouponFilter(django_filters.FilterSet):
    merchant = IdFilter()
    exclusive_promoter = IdFilter()

    class Meta:
        model = Coupon
        fields = ["merchant", "is_active", "exclusive_promoter"]


class StoreDomainFilter(django_filters.FilterSet):
    merchant = IdFilter()

    class Meta:
        model = StoreDomain
        fields = ["status", "merchant"]
