"""Receiving order events: validate the snapshot, store it in the inbox, enqueue the apply task.

The webhook and the JSON Lines backfill share this path; neither applies anything itself."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliance.db import insert_ignoring_conflict
from alliance.errors import AllianceError
from alliance.money import MAX_AMOUNT
from alliance.roles import Right, account_require
from products.models import Merchant

from ..models import OrderEvent
from ..selectors import known_skus

MAX_WEBHOOK_ID = 128  # OrderEvent.webhook_id
# The ties of one order's events at the same occurred_at: the later stage wins.
TYPE_RANK = {
    OrderEvent.Type.PAID: 0,
    OrderEvent.Type.COMPLETED: 1,
    OrderEvent.Type.REFUNDED: 2,
    OrderEvent.Type.CANCELLED: 3,
}


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
        if attrs["refunded_amount"] > attrs["amount"]:
            raise serializers.ValidationError(
                {"refunded_amount": [_("Cannot exceed the line's amount.")]}
            )
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
    items = OrderItemSchema(many=True, allow_empty=False, max_length=500)

    def validate(self, attrs):
        skus = [item["sku"] for item in attrs["items"]]
        if len(set(skus)) != len(skus):
            raise serializers.ValidationError(
                {"items": [_("Each SKU appears once per order; add up the quantities.")]}
            )
        if attrs["type"] == OrderEvent.Type.COMPLETED and attrs["completed_at"] is None:
            raise serializers.ValidationError(
                {"completed_at": [_("An order.completed event carries completed_at.")]}
            )
        if attrs["paid_at"] > attrs["occurred_at"]:
            raise serializers.ValidationError(
                {"occurred_at": [_("An order event cannot happen before the order was paid.")]}
            )
        completed_at = attrs["completed_at"]
        if (
            completed_at is not None
            and not attrs["paid_at"] <= completed_at <= attrs["occurred_at"]
        ):
            raise serializers.ValidationError(
                {"completed_at": [_("An order completes after it is paid, by the event's time.")]}
            )
        if sum(item["amount"] for item in attrs["items"]) > MAX_AMOUNT:
            raise serializers.ValidationError(
                {
                    "items": [
                        _("The order's lines add up to more than %(max)s.") % {"max": MAX_AMOUNT}
                    ]
                }
            )
        merchant: Merchant = self.context["merchant"]
        known = known_skus(merchant.pk, set(skus))
        unknown = {
            str(index): {"sku": [_("Unknown SKU for this merchant: %(sku)s.") % {"sku": sku}]}
            for index, sku in enumerate(skus)
            if sku not in known
        }
        if unknown:
            raise serializers.ValidationError({"items": unknown})
        return attrs


def snapshot_payload(data: dict) -> dict:
    """The validated event as stored in the inbox: JSON types only, amounts as strings."""
    return {
        "paid_at": data["paid_at"].isoformat(),
        "completed_at": data["completed_at"].isoformat() if data["completed_at"] else None,
        "click_id": data["click_id"] or "",
        "coupon_code": data["coupon_code"] or "",
        "customer_id": data["customer_id"] or "",
        "items": [
            {
                "sku": item["sku"],
                "quantity": item["quantity"],
                "amount": str(item["amount"]),
                "refunded_amount": str(item["refunded_amount"]),
            }
            for item in data["items"]
        ],
    }


def parse_json_object(raw: bytes | str):
    """The JSON object in `raw`, or an error that says what is wrong with it."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise AllianceError(
            _("The body is not valid JSON: %(error)s") % {"error": exc}, code="malformed_json"
        ) from None
    if not isinstance(data, dict):
        raise AllianceError(_("The body must be a JSON object."), code="malformed_json")
    return data


def event_validate(*, merchant: Merchant, data: dict) -> OrderEventSchema:
    """The event checked against the schema and the merchant's catalog; the caller reads
    `.is_valid()`, `.errors` and `.validated_data`."""
    schema = OrderEventSchema(data=data, context={"merchant": merchant})
    schema.is_valid()
    return schema


def event_store(
    *, merchant: Merchant, webhook_id: str, data: dict, source: str = OrderEvent.Source.WEBHOOK
) -> tuple[OrderEvent, bool]:
    """Put a validated event in the inbox and, once committed, wake the apply task. Returns the
    event and whether it is new: the same webhook id again is acknowledged and ignored."""
    from ..tasks import apply_order_events_after_commit  # the tasks module imports this one

    event = OrderEvent(
        merchant=merchant,
        webhook_id=webhook_id,
        source=source,
        type=data["type"],
        order_id=data["order_id"],
        occurred_at=data["occurred_at"],
        payload=snapshot_payload(data),
    )
    # One statement, committed on its own unless the caller holds a transaction: the unique
    # (merchant, webhook id) decides between a new event and a redelivery.
    if insert_ignoring_conflict(event, ["merchant", "webhook_id"]):
        apply_order_events_after_commit()
        return event, True
    return OrderEvent.objects.get(merchant=merchant, webhook_id=webhook_id), False


@dataclass
class BackfillLine:
    line: int
    status: str  # accepted | duplicate | error | skipped
    event_id: int | None = None
    webhook_id: str = ""
    code: str = ""
    message: str = ""
    errors: dict = field(default_factory=dict)


def backfill_event_id(raw_line: str, data: dict) -> str:
    """A line's idempotency key: its `webhook_id` if it has one, else a hash of the line's
    content, so uploading the same file twice stores each event once."""
    given = data.get("webhook_id")
    if isinstance(given, str) and given.strip():
        return given.strip()
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return "backfill_" + hashlib.sha256(canonical.encode()).hexdigest()[:40]


def order_events_backfill(*, merchant: Merchant, content: bytes) -> list[BackfillLine]:
    """Store every valid line of a JSON Lines upload in the inbox, as the webhook would, and
    report each line's fate. A bad line is reported and skipped; the good ones are kept. Only
    an approved merchant backfills (a suspended one's store events still arrive by webhook)."""
    account_require(merchant, Right.ACT)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AllianceError(_("The file is not UTF-8 text."), field="file") from None
    lines = text.splitlines()
    if sum(1 for raw in lines if raw.strip()) > settings.ALLIANCE_BACKFILL_MAX_LINES:
        raise AllianceError(
            _("A backfill holds at most %(count)d events; split the file.")
            % {"count": settings.ALLIANCE_BACKFILL_MAX_LINES},
            field="file",
            code="too_many_lines",
        )
    results: list[BackfillLine] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = parse_json_object(raw)
        except AllianceError as exc:
            results.append(BackfillLine(number, "error", code=exc.code, message=exc.message))
            continue
        webhook_id = backfill_event_id(raw, data)
        if len(webhook_id) > MAX_WEBHOOK_ID:
            results.append(
                BackfillLine(
                    number,
                    "error",
                    code="bad_id",
                    message=_("The webhook_id is longer than %(n)d characters.")
                    % {"n": MAX_WEBHOOK_ID},
                )
            )
            continue
        schema = event_validate(merchant=merchant, data=data)
        if schema.errors:
            results.append(
                BackfillLine(
                    number,
                    "error",
                    webhook_id=webhook_id,
                    code="validation_error",
                    message=_("Invalid event."),
                    errors=schema.errors,
                )
            )
            continue
        event, created = event_store(
            merchant=merchant,
            webhook_id=webhook_id,
            data=schema.validated_data,
            source=OrderEvent.Source.BACKFILL,
        )
        results.append(
            BackfillLine(
                number,
                "accepted" if created else "duplicate",
                event_id=event.pk,
                webhook_id=webhook_id,
            )
        )
    if not results:
        raise AllianceError(_("The file holds no events."), field="file", code="empty")
    return results
