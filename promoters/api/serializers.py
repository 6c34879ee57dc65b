from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliance.api.fields import DateTimeField, ScopedPrimaryKeyRelatedField
from alliance.errors import AllianceError
from alliance.roles import promoter_of
from products.models import Coupon, Merchant, Product
from products.selectors import coupons_visible_to, merchants_visible_to

from .. import services
from ..models import CampaignApplication, Channel, Click, Link, OwnCustomer, Promoter
from ..sharing import share_text, short_url

PLATFORM_CHOICES = [choice for choice, _label in Channel.Kind.choices]


class UplineSerializer(serializers.Serializer):
    """Who invited this promoter, while that upline earns from its sales."""

    display_name = serializers.CharField()
    expires_at = DateTimeField(help_text="When the upline stops earning from this promoter.")


class PromoterSerializer(serializers.ModelSerializer):
    """A promoter's own profile (and what admins see)."""

    username = serializers.CharField(source="user.username", read_only=True)
    upline = serializers.SerializerMethodField()
    platforms = serializers.ListField(
        child=serializers.ChoiceField(choices=PLATFORM_CHOICES), required=False, max_length=10
    )
    audience_tags = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=20
    )

    class Meta:
        model = Promoter
        fields = [
            "id",
            "username",
            "display_name",
            "bio",
            "platforms",
            "fans_count",
            "audience_tags",
            "invite_code",
            "upline",
            "status",
            "review_reason",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "invite_code",
            "status",
            "review_reason",
            "reviewed_at",
            "created_at",
        ]

    @extend_schema_field(UplineSerializer(allow_null=True))
    def get_upline(self, promoter) -> dict | None:
        relation = getattr(promoter, "upline_link", None)
        if relation is None:
            return None
        return UplineSerializer(
            {"display_name": relation.upline.display_name, "expires_at": relation.expires_at}
        ).data


class DownlineSerializer(serializers.ModelSerializer):
    """What an upline sees of the promoters it invited: public fields only."""

    joined_at = DateTimeField(source="starts_at", read_only=True)
    display_name = serializers.CharField(source="promoter.display_name", read_only=True)
    status = serializers.CharField(source="promoter.status", read_only=True)

    class Meta:
        model = Promoter.downline_links.rel.related_model
        fields = ["display_name", "status", "joined_at", "expires_at"]


class ChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Channel
        fields = ["id", "name", "kind", "is_default", "created_at"]
        read_only_fields = ["id", "is_default", "created_at"]
        validators = []

    def validate_name(self, value: str) -> str:
        promoter = promoter_of(self.context["request"].user)
        try:
            services.channel_name_check(
                promoter_id=promoter.pk if promoter else None,
                name=value,
                pk=getattr(self.instance, "pk", None),
            )
        except AllianceError:
            # The API's wording, in English whatever the request's language, as it always was.
            raise serializers.ValidationError(
                "You already have a channel with this name."
            ) from None
        return value


def own_channels(request):
    return Channel.objects.filter(promoter=promoter_of(request.user))


def promotable_products(request):
    return Product.objects.promotable()


class LinkSerializer(serializers.ModelSerializer):
    channel = ScopedPrimaryKeyRelatedField(
        scope=own_channels, model=Channel, required=False, allow_null=True
    )
    product = ScopedPrimaryKeyRelatedField(
        scope=promotable_products, model=Product, required=False, allow_null=True
    )
    merchant = ScopedPrimaryKeyRelatedField(
        scope=lambda request: merchants_visible_to(request.user),
        model=Merchant,
        required=False,
        allow_null=True,
    )
    coupon = ScopedPrimaryKeyRelatedField(
        scope=lambda request: coupons_visible_to(request.user),
        model=Coupon,
        required=False,
        allow_null=True,
    )
    short_url = serializers.SerializerMethodField()
    share_text = serializers.SerializerMethodField()
    qr_svg_url = serializers.SerializerMethodField()
    qr_png_url = serializers.SerializerMethodField()
    target_url = serializers.URLField(read_only=True)
    title = serializers.SerializerMethodField()
    clicks_count = serializers.IntegerField(read_only=True, default=0)
    unique_clicks_count = serializers.IntegerField(
        read_only=True,
        default=0,
        help_text="People's first clicks in the unique window, neither bot nor suspicious.",
    )
    bot_clicks_count = serializers.IntegerField(read_only=True, default=0)
    suspicious_clicks_count = serializers.IntegerField(
        read_only=True,
        default=0,
        help_text="Clicks of people a traffic rule marked suspicious (docs/fraud.md).",
    )

    class Meta:
        model = Link
        fields = [
            "id",
            "code",
            "title",
            "channel",
            "product",
            "merchant",
            "coupon",
            "sub_id",
            "is_active",
            "target_url",
            "short_url",
            "share_text",
            "qr_svg_url",
            "qr_png_url",
            "clicks_count",
            "unique_clicks_count",
            "bot_clicks_count",
            "suspicious_clicks_count",
            "created_at",
        ]
        # A new link starts active; PATCH (LinkUpdateSerializer) retires it.
        read_only_fields = ["id", "code", "is_active", "created_at"]

    def validate_sub_id(self, value: str) -> str:
        if value and not all(ch.isalnum() or ch in "-_." for ch in value):
            raise serializers.ValidationError("Use letters, digits, '-', '_' or '.' only.")
        return value

    def get_title(self, link) -> str:
        return link.product.title if link.product_id else link.merchant.name

    @extend_schema_field(OpenApiTypes.URI)
    def get_short_url(self, link) -> str:
        return short_url(link, request=self.context.get("request"))

    def get_share_text(self, link) -> str:
        return share_text(link, url=self.get_short_url(link))

    def _action_url(self, link, suffix: str) -> str:
        request = self.context.get("request")
        path = f"/api/v1/links/{link.pk}/{suffix}/"
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_qr_svg_url(self, link) -> str:
        return self._action_url(link, "qr.svg")

    @extend_schema_field(OpenApiTypes.URI)
    def get_qr_png_url(self, link) -> str:
        return self._action_url(link, "qr.png")


class LinkSchema(OpenApiSerializerExtension):
    """A new link needs a target: the request is a link to a product (`product` required,
    `merchant` optional and then the product's merchant) or to a merchant's store (`merchant`
    required). Two named shapes rather than a bare `anyOf`, so generated clients keep every
    field typed. Without either the answer is 400 `required` on `product`."""

    target_class = LinkSerializer

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        if direction != "request":
            return schema
        choices = []
        for name, target in [
            ("LinkToProductRequest", "product"),
            ("LinkToStoreRequest", "merchant"),
        ]:
            shape = {**schema, "properties": dict(schema["properties"]), "required": [target]}
            shape["properties"][target] = {"type": "integer"}
            shape = auto_schema._postprocess_serializer_schema(shape, self.target, direction)
            component = ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, object=name, schema=shape
            )
            auto_schema.registry.register_on_missing(component)
            choices.append(component.ref)
        return {"anyOf": choices, "description": "A link to a product or to a merchant's store."}


class LinkUpdateSerializer(serializers.ModelSerializer):
    """A link's target never changes after it is shared; only its state and sub_id do."""

    class Meta:
        model = Link
        fields = ["is_active", "sub_id"]

    validate_sub_id = LinkSerializer.validate_sub_id


class ClickSerializer(serializers.ModelSerializer):
    link_code = serializers.CharField(source="link.code", read_only=True)

    class Meta:
        model = Click
        fields = [
            "id",
            "link",
            "link_code",
            "created_at",
            "sub_id",
            "referer",
            "user_agent",
            "is_unique",
            "is_unique_checked",
            "is_bot",
            "is_suspicious",
            "suspicion",
        ]
        read_only_fields = fields


class OwnCustomerSerializer(serializers.ModelSerializer):
    merchant = ScopedPrimaryKeyRelatedField(
        scope=lambda request: merchants_visible_to(request.user), model=Merchant
    )

    class Meta:
        model = OwnCustomer
        fields = ["id", "merchant", "customer_id", "created_at"]
        read_only_fields = ["id", "created_at"]
        validators = []

    def validate(self, attrs):
        try:
            services.own_customer_check(
                promoter=promoter_of(self.context["request"].user),
                merchant=attrs["merchant"],
                customer_id=attrs["customer_id"],
            )
        except AllianceError:
            raise serializers.ValidationError({"customer_id": ["Already declared."]}) from None
        return attrs


class CampaignApplicationSerializer(serializers.ModelSerializer):
    promoter_name = serializers.CharField(source="promoter.display_name", read_only=True)
    campaign_name = serializers.CharField(source="campaign.name", read_only=True)

    class Meta:
        model = CampaignApplication
        fields = [
            "id",
            "campaign",
            "campaign_name",
            "promoter",
            "promoter_name",
            "message",
            "status",
            "review_reason",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = fields


class CampaignApplySerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ApplicationReviewSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class SignupSerializer(serializers.Serializer):
    username = serializers.RegexField(r"^[\w.@+-]+\Z", max_length=150)
    password = serializers.CharField(
        write_only=True, max_length=128, style={"input_type": "password"}
    )
    email = serializers.EmailField(required=False, allow_blank=True, default="", max_length=254)


class PromoterSignupSerializer(SignupSerializer):
    display_name = serializers.CharField(max_length=80)
    invite_code = serializers.CharField(required=False, allow_blank=True, max_length=16, default="")
    platforms = serializers.ListField(
        child=serializers.ChoiceField(choices=PLATFORM_CHOICES), required=False, max_length=10
    )
    fans_count = serializers.IntegerField(min_value=0, max_value=2_000_000_000, default=0)
    audience_tags = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=20
    )
