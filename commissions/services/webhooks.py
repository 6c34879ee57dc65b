"""Standard Webhooks verification of merchants' order events (standardwebhooks does the HMAC).

A delivery carries webhook-id, webhook-timestamp and webhook-signature; the signature is `v1,`
and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under the merchant's secret, and several
may be sent at once, space-separated, while a store rotates its secret."""

import binascii
from collections.abc import Mapping

from django.utils import timezone
from django.utils.translation import gettext as _
from standardwebhooks import Webhook, WebhookVerificationError

from alliance.errors import AllianceError
from products.models import Merchant

REQUIRED_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")


class SignatureInvalid(AllianceError):
    code = "invalid_signature"
    status_code = 401


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
        raise AllianceError(_("The body is not UTF-8."), code="malformed_body") from None
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
