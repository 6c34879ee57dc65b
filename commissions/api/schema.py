"""The order event's schema: the webhook's published request body (OpenAPI), and the reading of
every event's fields wherever one arrives (webhook, backfill, demo data), handed to the domain by
commissions.apps. Its rules beyond each field's own are the domain's
(commissions.services.events.event_rules_check)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliance.money import MAX_AMOUNT

from ..models import OrderEvent
from ..services import events

# Events may be stamped a little ahead of the platform's clock, never far.
CLOCK_SKEW = timedelta(hours=1)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


class MomentField(serializers.DateTimeField):
    """An ISO 8601 moment with its offset (`...+08:00` or `...Z`): a time without one would be
    read in the platform's zone and could move an order by hours."""

    default_error_messages = {
        "naive": gettext_lazy("Give the time with its UTC offset, e.g. 2026-11-23T10:15:00+08:00."),
        "range": gettext_lazy("Out of range: from 2000-01-01 to shortly after now."),
    }

    def to_internal_value(self, value):
        if isinstance(value, str):
            parsed = parse_datetime(value.strip())
            if parsed is not None and parsed.tzinfo is None:
                self.fail("naive")
        moment = super().to_internal_value(value)
        if not EARLIEST <= moment <= timezone.now() + CLOCK_SKEW:
            self.fail("range")
        return moment


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "pattern": r"^[0-9]{1,12}(?:\.[0-9]{1,2})?$"},
            {"type": "number", "minimum": 0},
        ],
        "description": 'An amount, as a string ("129.50") or a number (129.5).',
    }
)
class StoreAmountField(serializers.DecimalField):
    """An amount a store sends: a string or a number (json_types_lenient below)."""


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "maxLength": 64}, {"type": "integer"}],
        "description": "The store's order id, as a string or a whole number.",
    }
)
class StoreOrderIdField(serializers.CharField):
    """An order id a store sends: a string or a whole number (json_types_lenient below)."""


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[0-9a-fA-F]{64}$",
        "nullable": True,
        "description": "SHA-256, in hex, of the buyer's normalised phone (digits with the "
        "country code, 8613800138000) or email (trimmed, lowercased); stored lowercased.",
    }
)
class BuyerContactHashField(serializers.CharField):
    default_error_messages = {
        "format": gettext_lazy("Give the SHA-256 of the buyer's phone or email: 64 hex digits.")
    }

    def to_internal_value(self, data):
        try:
            return events.buyer_contact_hash_clean(super().to_internal_value(data))
        except ValueError:
            self.fail("format")


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[!-~]{1,64}$",
        "nullable": True,
        "description": "The store's opaque id of the buyer's device: 1 to 64 visible ASCII "
        "characters.",
    }
)
class BuyerDeviceField(serializers.CharField):
    default_error_messages = {
        "format": gettext_lazy("Use 1 to 64 visible ASCII characters (no spaces).")
    }

    def to_internal_value(self, data):
        try:
            return events.buyer_device_clean(super().to_internal_value(data))
        except ValueError:
            self.fail("format")


class OrderItemSchema(serializers.Serializer):
    sku = serializers.CharField(max_length=64)
    quantity = serializers.IntegerField(min_value=1, max_value=1_000_000)
    amount = StoreAmountField(
        max_digits=14, decimal_places=2, min_value=Decimal("0"), max_value=MAX_AMOUNT
    )
    refunded_amount = StoreAmountField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MAX_AMOUNT,
        default=Decimal("0.00"),
    )

    def validate(self, attrs):
        try:
            events.order_line_check(attrs)
        except events.EventRuleBroken as exc:
            raise serializers.ValidationError(exc.errors) from None
        return attrs


class OrderEventSchema(serializers.Serializer):
    """One order event: the full snapshot of the order (docs/webhooks.md)."""

    # Stores' systems send what they send: an amount as a string or a number, an order id as a
    # number (docs/webhooks.md). The API's own JSON types are strict (alliance/api/fields.py).
    json_types_lenient = True

    type = serializers.ChoiceField(choices=OrderEvent.Type.choices)
    order_id = StoreOrderIdField(max_length=64)
    occurred_at = MomentField()
    paid_at = MomentField()
    completed_at = MomentField(required=False, allow_null=True, default=None)
    click_id = serializers.CharField(
        max_length=64, required=False, allow_null=True, allow_blank=True, default=""
    )
    coupon_code = serializers.CharField(
        max_length=40, required=False, allow_null=True, allow_blank=True, default=""
    )
    customer_id = serializers.CharField(
        max_length=128, required=False, allow_null=True, allow_blank=True, default=""
    )
    # Optional buyer identity, for the undeclared self-purchase rule (docs/fraud.md).
    buyer_contact_hash = BuyerContactHashField(
        max_length=64, required=False, allow_null=True, allow_blank=True, default=""
    )
    device_id = BuyerDeviceField(
        max_length=64, required=False, allow_null=True, allow_blank=True, default=""
    )
    items = OrderItemSchema(many=True, allow_empty=False, max_length=500)

    def validate(self, attrs):
        try:
            events.event_rules_check(merchant=self.context["merchant"], event=attrs)
        except events.EventRuleBroken as exc:
            raise serializers.ValidationError(exc.errors) from None
        return attrs
