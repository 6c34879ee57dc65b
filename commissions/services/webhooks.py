"""Standard Webhooks verification of merchants' order events (standardwebhooks does the HMAC).

A delivery carries webhook-id, webhook-timestamp and webhook-signature; the signature is `v1,`
and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under the merchant's secret, and several
may be sent at once, space-separated, while a store rotates its secret."""

import binascii
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from standardwebhooks import Webhook, WebhookVerificationError

from alliance.errors import AllianceError
from alliance.roles import Right, status_allows
from products.models import Merchant, Product, WebhookDelivery
from products.services import webhook_delivery_record, webhook_secret_new

from ..models import OrderEvent, WebhookRefusalCount
from ..selectors import webhook_merchant
from .events import MAX_WEBHOOK_ID, event_store, event_validate, parse_json_object

REQUIRED_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")


class Unverified(AllianceError):
    """A refusal before the delivery's signature verified: anyone could have sent it, so it is
    counted (webhook_refusal_count), never logged row by row."""


class SignatureInvalid(Unverified):
    code = "invalid_signature"
    status_code = 401


class BodyTooLarge(Unverified):
    code = "too_large"
    status_code = 413


def webhook_verify(*, merchant: Merchant, body: bytes, headers: Mapping[str, str]) -> str:
    """Check a delivery's signature and timestamp (at most 5 minutes off) against the merchant's
    current secret and, during its grace period, the previous one. Returns the webhook id."""
    missing = [name for name in REQUIRED_HEADERS if not headers.get(name)]
    if missing:
        raise SignatureInvalid(
            _("Missing header(s): %(names)s.") % {"names": ", ".join(missing)},
            code="missing_headers",
        )
    secrets = merchant.webhook_secrets_at(timezone.now())
    if not secrets:
        raise SignatureInvalid(
            _("This merchant has no webhook secret yet; create one first."), code="no_secret"
        )
    try:
        text = body.decode()
    except UnicodeDecodeError:
        raise Unverified(_("The body is not UTF-8."), code="malformed_body") from None
    last_error = ""
    for secret in secrets:
        try:
            Webhook(secret).verify(text, dict(headers), json_parse=False)
            return headers["webhook-id"]
        except WebhookVerificationError as exc:
            last_error = str(exc)
            if "timestamp" in last_error.lower() or "headers" in last_error.lower():
                # The timestamp is wrong whichever secret is tried.
                raise SignatureInvalid(
                    _("The webhook-timestamp is missing, malformed or more than 5 minutes off."),
                    code="stale_timestamp",
                ) from None
        except (ValueError, binascii.Error):
            # A signature that is not `v1,<base64>` (the library unpacks it without a check).
            raise SignatureInvalid(
                _("The webhook-signature header is malformed: expected 'v1,<base64>'."),
            ) from None
    raise SignatureInvalid(_("No signature matches this merchant's webhook secret."))


class MerchantNotApproved(AllianceError):
    """A signed delivery from a merchant that is pending or rejected: refused, so the store
    retries it and it is accepted once the merchant is approved."""

    code = "merchant_not_approved"
    status_code = 403


class EventInvalid(AllianceError):
    """The delivery verified but the event breaks a rule; `errors` are the schema's errors."""

    code = "validation_error"

    def __init__(self, errors: dict):
        super().__init__(_("Invalid event: %(errors)s") % {"errors": describe_errors(errors)})
        self.errors = errors


def describe_errors(errors, prefix: str = "") -> str:
    """Nested schema errors as one line: `items.0.sku: Unknown SKU ...; paid_at: ...`."""
    if isinstance(errors, dict):
        parts = []
        for key, value in errors.items():
            name = prefix if key == "non_field_errors" else f"{prefix}.{key}" if prefix else key
            parts.append(describe_errors(value, name))
        return "; ".join(part for part in parts if part)
    if isinstance(errors, list):
        if all(not isinstance(item, dict | list) for item in errors):
            text = " ".join(str(item) for item in errors)
            return f"{prefix}: {text}" if prefix else text
        return "; ".join(
            describe_errors(item, f"{prefix}.{index}" if prefix else str(index))
            for index, item in enumerate(errors)
            if item
        )
    return f"{prefix}: {errors}" if prefix else str(errors)


@dataclass(frozen=True)
class VerifiedDelivery:
    merchant: Merchant
    webhook_id: str
    data: dict  # the validated event


def webhook_delivery_check(
    *, merchant: Merchant, body: bytes, headers: Mapping[str, str]
) -> VerifiedDelivery:
    """Everything the webhook checks before it stores an event: the signature (with the
    merchant read again if it does not verify, as the secret may have been rotated since this
    process read it), the webhook id, the JSON and the event's rules. Raises SignatureInvalid,
    AllianceError or EventInvalid; stores nothing."""
    try:
        webhook_id = webhook_verify(merchant=merchant, body=body, headers=headers)
    except SignatureInvalid:
        fresh = webhook_merchant(merchant.pk, fresh=True)
        if fresh is None:
            raise
        merchant = fresh
        webhook_id = webhook_verify(merchant=merchant, body=body, headers=headers)
    if not status_allows(merchant.status, Right.SEND_EVENTS):
        # The cached row may predate the approval; only a fresh read may refuse.
        merchant = webhook_merchant(merchant.pk, fresh=True) or merchant
        if not status_allows(merchant.status, Right.SEND_EVENTS):
            raise MerchantNotApproved(
                _("This merchant is not approved yet; its order events are refused until it is."),
            )
    if len(webhook_id) > MAX_WEBHOOK_ID:
        raise AllianceError(
            _("The webhook-id is longer than %(n)d characters.") % {"n": MAX_WEBHOOK_ID},
            code="bad_id",
        )
    schema = event_validate(merchant=merchant, data=parse_json_object(body))
    if schema.errors:
        raise EventInvalid(schema.errors)
    return VerifiedDelivery(merchant=merchant, webhook_id=webhook_id, data=schema.validated_data)


class MerchantUnknown(AllianceError):
    code = "not_found"
    status_code = 404


@dataclass(frozen=True)
class Receipt:
    """What the webhook answers a delivery it accepted: 202 and the inbox row's id, with
    `duplicate` for a webhook id it already holds."""

    event: OrderEvent
    created: bool
    status_code = 202

    @property
    def body(self) -> dict:
        return {"id": self.event.pk, "status": "accepted" if self.created else "duplicate"}


def order_event_receive(
    *, merchant_id: int, headers: Mapping[str, str], read_body: Callable[[], bytes]
) -> Receipt:
    """One delivery of the order-event webhook: the announced size (before the body is read),
    then everything webhook_delivery_check checks, then the event stored in the inbox. A refusal
    is recorded (webhook_rejection_record) and raised: MerchantUnknown, BodyTooLarge,
    SignatureInvalid, EventInvalid or another AllianceError. `headers` are lowercase."""
    merchant = webhook_merchant(merchant_id)
    if merchant is None:
        raise MerchantUnknown("No such merchant.")
    try:
        length = int(headers.get("content-length") or 0)
    except ValueError:
        length = 0
    try:
        if length > settings.ALLIANCE_WEBHOOK_MAX_BYTES:
            raise BodyTooLarge(
                f"The body is larger than {settings.ALLIANCE_WEBHOOK_MAX_BYTES} bytes."
            )
        delivery = webhook_delivery_check(merchant=merchant, body=read_body(), headers=headers)
    except AllianceError as exc:
        # Refusals are logged for the merchant's delivery log; the accepted path below writes
        # only the inbox row.
        webhook_rejection_record(
            merchant=merchant, error=exc, headers=headers, status=exc.status_code
        )
        raise
    event, created = event_store(
        merchant=delivery.merchant, webhook_id=delivery.webhook_id, data=delivery.data
    )
    return Receipt(event=event, created=created)


def webhook_rejection_record(
    *, merchant: Merchant, error: AllianceError, headers: Mapping[str, str], status: int
) -> WebhookDelivery | None:
    """Record a delivery the webhook refused, for the merchant's delivery log. A delivery that
    proved its sender (a valid signature, then a bad event) is logged; one that did not is only
    counted, so forged deliveries never push the store's own out of the log."""
    event_id = str(headers.get("webhook-id") or "")
    if isinstance(error, Unverified):
        webhook_refusal_count(merchant=merchant, error=error, event_id=event_id)
        return None
    return webhook_delivery_record(
        merchant=merchant,
        http_status=status,
        error_code=error.code,
        message=error.message,
        event_id=event_id,
    )


# Hourly refusal counts older than this are dropped when a new hour's count starts.
REFUSAL_COUNT_DAYS = 30


def webhook_refusal_count(*, merchant: Merchant, error: AllianceError, event_id: str = "") -> None:
    """Add one to the merchant's count of `error.code` refusals this hour, keeping this one as
    the count's sample. One UPDATE; an INSERT once per reason and hour."""
    now = timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    sample = {"last_at": now, "last_event_id": event_id[:128], "last_message": error.message[:2000]}
    counts = WebhookRefusalCount.objects.filter(
        merchant=merchant, hour=hour, reason=error.code[:40]
    )
    if counts.update(count=F("count") + 1, **sample):
        return
    try:
        with transaction.atomic():
            WebhookRefusalCount.objects.create(
                merchant=merchant, hour=hour, reason=error.code[:40], count=1, **sample
            )
    except IntegrityError:
        # Another delivery started this hour's count first.
        counts.update(count=F("count") + 1, **sample)
        return
    WebhookRefusalCount.objects.filter(
        merchant=merchant, hour__lt=hour - timedelta(days=REFUSAL_COUNT_DAYS)
    ).delete()


TEST_EVENT_PREFIX = "test_"


def webhook_test_body(*, merchant: Merchant, order_id: str = "TEST-0001") -> dict:
    """A sample order.paid event for the merchant, on its first active product."""
    product = (
        Product.objects.filter(merchant=merchant)
        .order_by("-is_active", "pk")
        .only("sku", "price")
        .first()
    )
    paid_at = timezone.now().replace(microsecond=0) - timedelta(minutes=1)
    return {
        "type": "order.paid",
        "order_id": order_id,
        "occurred_at": paid_at.isoformat(),
        "paid_at": paid_at.isoformat(),
        "click_id": None,
        "coupon_code": None,
        "customer_id": "test-customer",
        "items": [
            {
                "sku": product.sku if product else "SAMPLE-SKU",
                "quantity": 1,
                "amount": str(product.price if product else "99.00"),
            }
        ],
    }


def webhook_test_event(*, merchant: Merchant) -> WebhookDelivery:
    """Sign a sample order event with the merchant's current secret, exactly as a store would,
    and run it through the webhook's checks. The result is logged as a test delivery; the
    event itself is never stored, so it never becomes an order."""
    merchant = Merchant.objects.get(pk=merchant.pk)
    webhook_id = f"{TEST_EVENT_PREFIX}{uuid.uuid4().hex}"
    body = json.dumps(
        webhook_test_body(merchant=merchant, order_id=f"TEST-{webhook_id[-8:].upper()}")
    )
    now = datetime.now(tz=UTC)
    # Without a secret yet, sign with a throwaway one: the check then answers as it would the
    # store (no_secret).
    secret = merchant.webhook_secret or webhook_secret_new()
    headers = {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(webhook_id, now, body),
    }
    try:
        webhook_delivery_check(merchant=merchant, body=body.encode(), headers=headers)
    except AllianceError as exc:
        return webhook_delivery_record(
            merchant=merchant,
            http_status=exc.status_code,
            error_code=exc.code,
            message=exc.message,
            event_id=webhook_id,
            is_test=True,
        )
    return webhook_delivery_record(
        merchant=merchant,
        http_status=202,
        message=_("Signature verified and event valid. A test event is not stored as an order."),
        event_id=webhook_id,
        is_test=True,
    )
