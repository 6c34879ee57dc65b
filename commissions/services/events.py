"""Receiving order events: validate the snapshot, store it in the inbox, enqueue the apply task.

The webhook and the JSON Lines backfill share this path; neither applies anything itself."""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _

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


class EventRuleBroken(AllianceError):
    """An order event whose fields each read well breaks a rule between them; `errors` name the
    fields, as the schema's own errors do: {"items": {"0": {"sku": ["..."]}}}."""

    code = "validation_error"

    def __init__(self, errors: dict):
        super().__init__(_("Invalid event."))
        self.errors = errors


def order_line_check(line: dict) -> None:
    """An order line refunds at most its amount."""
    if line["refunded_amount"] > line["amount"]:
        raise EventRuleBroken({"refunded_amount": [_("Cannot exceed the line's amount.")]})


def event_rules_check(*, merchant: Merchant, event: dict) -> None:
    """The rules of an order event beyond each field's own: each SKU once, completed_at when
    the order completed, paid <= completed <= occurred, the lines' total within MAX_AMOUNT and
    every SKU the merchant's. The first broken rule is raised."""
    skus = [item["sku"] for item in event["items"]]
    if len(set(skus)) != len(skus):
        raise EventRuleBroken(
            {"items": [_("Each SKU appears once per order; add up the quantities.")]}
        )
    if event["type"] == OrderEvent.Type.COMPLETED and event["completed_at"] is None:
        raise EventRuleBroken(
            {"completed_at": [_("An order.completed event carries completed_at.")]}
        )
    if event["paid_at"] > event["occurred_at"]:
        raise EventRuleBroken(
            {"occurred_at": [_("An order event cannot happen before the order was paid.")]}
        )
    completed_at = event["completed_at"]
    if completed_at is not None and not event["paid_at"] <= completed_at <= event["occurred_at"]:
        raise EventRuleBroken(
            {"completed_at": [_("An order completes after it is paid, by the event's time.")]}
        )
    if sum(item["amount"] for item in event["items"]) > MAX_AMOUNT:
        raise EventRuleBroken(
            {"items": [_("The order's lines add up to more than %(max)s.") % {"max": MAX_AMOUNT}]}
        )
    known = known_skus(merchant.pk, set(skus))
    unknown = {
        str(index): {"sku": [_("Unknown SKU for this merchant: %(sku)s.") % {"sku": sku}]}
        for index, sku in enumerate(skus)
        if sku not in known
    }
    if unknown:
        raise EventRuleBroken({"items": unknown})


class EventValidation(Protocol):
    """A validated event as the schema leaves it: `errors` (empty when valid) and, when valid,
    `validated_data`."""

    errors: dict
    validated_data: dict


# The event's shape (JSON types, lengths, formats) is the webhook's published schema, a DRF
# serializer kept with the API (commissions.api.schema, which calls the rules above). The app
# hands it here when it starts (commissions.apps), so the webhook, the backfill and the demo
# data validate with it without the domain importing the API layer.
_event_schema: Callable[..., Any] | None = None


def event_schema_use(schema: Callable[..., Any]) -> None:
    global _event_schema
    _event_schema = schema


BUYER_CONTACT_HASH = re.compile(r"[0-9a-f]{64}")
# The store's device id: 1 to 64 visible ASCII characters (no space, no control).
BUYER_DEVICE = re.compile(r"[!-~]{1,64}")


def buyer_contact_hash_clean(value: str | None) -> str:
    """The buyer's hashed contact as stored: trimmed and lowercased; "" for none. Raises
    ValueError unless it is a SHA-256 in hex (docs/webhooks.md, "Buyer identity")."""
    value = (value or "").strip().lower()
    if value and not BUYER_CONTACT_HASH.fullmatch(value):
        raise ValueError(value)
    return value


def buyer_device_clean(value: str | None) -> str:
    """The store's device id as stored: trimmed; "" for none. Raises ValueError unless it is 1
    to 64 visible ASCII characters."""
    value = (value or "").strip()
    if value and not BUYER_DEVICE.fullmatch(value):
        raise ValueError(value)
    return value


def buyer_payload(data: dict) -> dict:
    """The optional buyer identity of the snapshot, only the keys the store sent, so that an
    event without it is stored as before."""
    fields = {
        "buyer_contact_hash": data.get("buyer_contact_hash") or "",
        "device_id": data.get("device_id") or "",
    }
    return {name: value for name, value in fields.items() if value}


def snapshot_payload(data: dict) -> dict:
    """The validated event as stored in the inbox: JSON types only, amounts as strings."""
    return {
        "paid_at": data["paid_at"].isoformat(),
        "completed_at": data["completed_at"].isoformat() if data["completed_at"] else None,
        "click_id": data["click_id"] or "",
        "coupon_code": data["coupon_code"] or "",
        "customer_id": data["customer_id"] or "",
        **buyer_payload(data),
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


def event_validate(*, merchant: Merchant, data: dict) -> EventValidation:
    """The event checked against the schema and the merchant's catalog; the caller reads
    `.errors` and `.validated_data`."""
    if _event_schema is None:
        raise RuntimeError("No order event schema: is the commissions app installed?")
    schema = _event_schema(data=data, context={"merchant": merchant})
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


def _backfill_lines(content: bytes) -> list[str]:
    """The upload's lines, refused unless it is UTF-8 text of at most
    ALLIANCE_BACKFILL_MAX_LINES events (blank lines not counted)."""
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
    return lines


def _backfill_line(*, merchant: Merchant, number: int, raw: str) -> BackfillLine:
    """One line's fate: an error (not a JSON object, an id too long, an invalid event), or
    stored in the inbox (accepted) or already there (duplicate)."""
    try:
        data = parse_json_object(raw)
    except AllianceError as exc:
        return BackfillLine(number, "error", code=exc.code, message=exc.message)
    webhook_id = backfill_event_id(raw, data)
    if len(webhook_id) > MAX_WEBHOOK_ID:
        return BackfillLine(
            number,
            "error",
            code="bad_id",
            message=_("The webhook_id is longer than %(n)d characters.") % {"n": MAX_WEBHOOK_ID},
        )
    schema = event_validate(merchant=merchant, data=data)
    if schema.errors:
        return BackfillLine(
            number,
            "error",
            webhook_id=webhook_id,
            code="validation_error",
            message=_("Invalid event."),
            errors=schema.errors,
        )
    event, created = event_store(
        merchant=merchant,
        webhook_id=webhook_id,
        data=schema.validated_data,
        source=OrderEvent.Source.BACKFILL,
    )
    return BackfillLine(
        number,
        "accepted" if created else "duplicate",
        event_id=event.pk,
        webhook_id=webhook_id,
    )


def order_events_backfill(*, merchant: Merchant, content: bytes) -> list[BackfillLine]:
    """Store every valid line of a JSON Lines upload in the inbox, as the webhook would, and
    report each line's fate. A bad line is reported and skipped; the good ones are kept. Only
    an approved merchant backfills (a suspended one's store events still arrive by webhook)."""
    account_require(merchant, Right.ACT)
    results = [
        _backfill_line(merchant=merchant, number=number, raw=raw)
        for number, raw in enumerate(_backfill_lines(content), start=1)
        if raw.strip()
    ]
    if not results:
        raise AllianceError(_("The file holds no events."), field="file", code="empty")
    return results
