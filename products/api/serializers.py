from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from alliance.api.fields import ScopedPrimaryKeyRelatedField, WindowDateTimeField
from alliance.api.schema import ShapeField
from alliance.errors import AllianceError
from alliance.models import ReviewStatus
from alliance.roles import merchant_of

from .. import rules, services
from ..models import Campaign, Category, Coupon, Merchant, Product, StoreDomain

ExclusivePromoter = Coupon._meta.get_field("exclusive_promoter").related_model


# The API's own wording of the rules: the windows name the fields its clients send, and the
# clashes have always answered in English whatever the request's language.
EVENT_WINDOW = "An event campaign needs both starts_at and ends_at."
API_WORDING = {
    ("sku", "sku_taken"): "You already have a product with this SKU.",
    ("code", "code_taken"): "You already have a coupon with this code.",
    ("starts_at", "event_window_missing"): EVENT_WINDOW,
    ("ends_at", "event_window_missing"): EVENT_WINDOW,
    ("ends_at", "window_order"): "Must be after starts_at.",
    ("valid_until", "window_order"): "Must be after valid_from.",
}


def rule_check(check, **values) -> None:
    """Run a rule of products.rules while validating: its refusal becomes a validation error on
    its field, so it reads like any other invalid input."""
    try:
        check(**values)
    except AllianceError as exc:
        message = API_WORDING.get((exc.field, exc.code), exc.message)
        raise serializers.ValidationError({exc.field: [message]}) from None
    except DjangoValidationError as exc:
        raise serializers.ValidationError(
            {
                name: [API_WORDING.get((name, error.code), error.message) for error in errors]
                for name, errors in exc.error_dict.items()
            }
        ) from None


def own_merchant_id(request) -> int | None:
    merchant = merchant_of(request.user)
    return merchant.pk if merchant else None


def own_products(request):
    return Product.objects.filter(merchant=merchant_of(request.user))


def approved_promoters(request):
    return ExclusivePromoter.objects.filter(status=ReviewStatus.APPROVED)


@extend_schema_serializer(component_name="MerchantPublic")
class MerchantPublicSerializer(serializers.ModelSerializer):
    """What promoters see of a merchant."""

    shape = ShapeField("public")

    class Meta:
        model = Merchant
        fields = [
            "shape",
            "id",
            "name",
            "store_url",
            "default_commission_rate",
            "attribution_window_days",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="MerchantMember")
class MerchantSerializer(serializers.ModelSerializer):
    """A merchant as its members and the platform's admins see it: its settings and review."""

    shape = ShapeField("member")

    class Meta:
        model = Merchant
        fields = [
            "shape",
            "id",
            "name",
            "store_url",
            "status",
            "review_reason",
            "reviewed_at",
            "created_at",
            "default_commission_rate",
            "attribution_window_days",
            "hold_days",
            "platform_fee_rate",
            "upline_rate_level1",
            "upline_rate_level2",
            "customer_binding_days",
            "click_param",
            "allow_self_purchase",
        ]
        read_only_fields = [
            "shape",
            "id",
            "status",
            "review_reason",
            "reviewed_at",
            "created_at",
            # The platform's share is the platform's to set (in the admin), not the merchant's.
            "platform_fee_rate",
            "upline_rate_level1",
            "upline_rate_level2",
        ]

    # The name of a query parameter in the store's URLs: ASCII, so the schema can state it as
    # a pattern (it took any script's letters before, which no pattern a client reads can say).
    click_param = serializers.RegexField(
        r"^[A-Za-z0-9_-]+$",
        max_length=40,
        required=False,
        error_messages={"invalid": "Use letters, digits, '_' or '-' only."},
        help_text=Merchant._meta.get_field("click_param").help_text,
    )


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug", "parent"]

    def create(self, validated_data):
        return services.category_save(category=Category(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.category_save(category=instance)


class EffectiveRateField(serializers.DecimalField):
    """A promoter's product list annotates `promoter_rate` (products.selectors.promoter_rate,
    campaigns included); any other product shows its own rate or its merchant's default."""

    def get_attribute(self, product):
        rate = getattr(product, "promoter_rate", None)
        return product.effective_rate if rate is None else rate


class ProductSerializer(serializers.ModelSerializer):
    effective_rate = EffectiveRateField(
        max_digits=5,
        decimal_places=2,
        read_only=True,
        help_text=(
            "The rate that applies: the product's own or its merchant's default; for a "
            "promoter, the highest of that and every campaign open to it now."
        ),
    )
    merchant_name = serializers.CharField(source="merchant.name", read_only=True)
    # A method, not `source="category.name"` with a default: DRF skips defaults in partial
    # updates, so a PATCH answer would lack the key.
    category_name = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id",
            "merchant",
            "merchant_name",
            "sku",
            "title",
            "url",
            "image_url",
            "price",
            "category",
            "category_name",
            "commission_rate",
            "effective_rate",
            "is_active",
            "stock_status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "merchant", "created_at", "updated_at"]
        # The (merchant, sku) constraint is checked by full_clean in the view's save.
        validators = []

    def get_category_name(self, product) -> str | None:
        return product.category.name if product.category_id else None

    def validate(self, attrs):
        rule_check(
            rules.product_sku_check,
            merchant_id=own_merchant_id(self.context["request"]),
            sku=attrs.get("sku", getattr(self.instance, "sku", None)),
            pk=getattr(self.instance, "pk", None),
        )
        return attrs

    def create(self, validated_data):
        merchant = merchant_of(self.context["request"].user)
        return services.product_save(product=Product(merchant=merchant, **validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.product_save(product=instance)


class CampaignSerializer(serializers.ModelSerializer):
    products = ScopedPrimaryKeyRelatedField(
        scope=own_products, model=Product, many=True, required=False
    )
    merchant_name = serializers.CharField(source="merchant.name", read_only=True)
    starts_at = WindowDateTimeField(required=False, allow_null=True)
    ends_at = WindowDateTimeField(required=False, allow_null=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "merchant",
            "merchant_name",
            "name",
            "kind",
            "rate",
            "applies_to_all_products",
            "products",
            "starts_at",
            "ends_at",
            "is_active",
            "description",
            "created_at",
        ]
        read_only_fields = ["id", "merchant", "created_at"]

    def validate(self, attrs):
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        rule_check(
            rules.campaign_window_check,
            kind=current("kind"),
            starts_at=current("starts_at"),
            ends_at=current("ends_at"),
        )
        return attrs

    def _save(self, instance, validated_data):
        products = validated_data.pop("products", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.campaign_save(campaign=instance, products=products)

    def create(self, validated_data):
        merchant = merchant_of(self.context["request"].user)
        return self._save(Campaign(merchant=merchant), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


class CouponSerializer(serializers.ModelSerializer):
    exclusive_promoter = ScopedPrimaryKeyRelatedField(
        scope=approved_promoters, model=ExclusivePromoter, required=False, allow_null=True
    )
    merchant_name = serializers.CharField(source="merchant.name", read_only=True)
    valid_from = WindowDateTimeField()
    valid_until = WindowDateTimeField()

    class Meta:
        model = Coupon
        fields = [
            "id",
            "merchant",
            "merchant_name",
            "code",
            "description",
            "valid_from",
            "valid_until",
            "quantity",
            "exclusive_promoter",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["id", "merchant", "created_at"]
        validators = []

    def validate(self, attrs):
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        rule_check(
            rules.coupon_window_check,
            valid_from=current("valid_from"),
            valid_until=current("valid_until"),
        )
        rule_check(
            rules.coupon_code_check,
            merchant_id=own_merchant_id(self.context["request"]),
            code=current("code"),
            pk=getattr(self.instance, "pk", None),
        )
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        merchant = merchant_of(self.context["request"].user)
        return services.coupon_save(coupon=Coupon(merchant=merchant, **validated_data))

    @transaction.atomic
    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.coupon_save(coupon=instance)


class StoreDomainSerializer(serializers.ModelSerializer):
    """A domain the merchant sells on and its review. Only `host` is written, when declaring."""

    merchant_name = serializers.CharField(source="merchant.name", read_only=True)
    host = serializers.CharField(
        max_length=253,
        help_text=(
            "A domain name only (shop.example.com), stored lowercase and IDNA-encoded. It covers "
            "itself and every name under it once an admin approves it."
        ),
    )

    class Meta:
        model = StoreDomain
        fields = [
            "id",
            "merchant",
            "merchant_name",
            "host",
            "status",
            "review_reason",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "merchant",
            "status",
            "review_reason",
            "reviewed_at",
            "created_at",
        ]
        # (merchant, host) is checked by the service on the normalized host.
        validators = []

    def create(self, validated_data):
        user = self.context["request"].user
        return services.store_domain_declare(
            merchant=merchant_of(user), actor=user, host=validated_data["host"]
        )
