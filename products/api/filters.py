from alliance.api.filters import AmountFilter, FilterSet, IdFilter

from ..models import Campaign, Coupon, Merchant, Product, StoreDomain


class MerchantFilter(FilterSet):
    class Meta:
        model = Merchant
        fields = ["status"]


class ProductFilter(FilterSet):
    merchant = IdFilter()
    category = IdFilter()
    min_price = AmountFilter(field_name="price", lookup_expr="gte")
    max_price = AmountFilter(field_name="price", lookup_expr="lte")

    class Meta:
        model = Product
        fields = ["merchant", "category", "is_active", "stock_status"]


class CampaignFilter(FilterSet):
    merchant = IdFilter()

    class Meta:
        model = Campaign
        fields = ["merchant", "kind", "is_active"]


class CouponFilter(FilterSet):
    merchant = IdFilter()
    exclusive_promoter = IdFilter()

    class Meta:
        model = Coupon
        fields = ["merchant", "is_active", "exclusive_promoter"]


class StoreDomainFilter(FilterSet):
    merchant = IdFilter()

    class Meta:
        model = StoreDomain
        fields = ["status", "merchant"]
