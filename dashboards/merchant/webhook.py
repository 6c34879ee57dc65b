"""The merchant's webhook settings: where the store posts, the signing secret, a test event and
the log of recent deliveries."""

import json

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.errors import AllianceError
from alliance.pages import merchant_page
from commissions.selectors import webhook_delivery_log, webhook_refusal_counts
from commissions.services.webhooks import webhook_test_body, webhook_test_event
from products.models import WEBHOOK_DELIVERY_LOG_SIZE, MerchantMember
from products.services import merchant_webhook_secret_rotate


def _render(request, *, new_secret: str = "", error: str = "", status: int = 200):
    merchant = request.merchant
    now = timezone.now()
    previous_until = merchant.webhook_previous_secret_expires_at
    membership = getattr(request.user, "merchant_membership", None)
    response = render(
        request,
        "merchant/webhook.html",
        {
            "merchant": merchant,
            "webhook_url": request.build_absolute_uri(
                reverse("order-event-webhook", args=[merchant.pk])
            ),
            "has_secret": bool(merchant.webhook_secret),
            "previous_secret_until": (
                previous_until
                if merchant.webhook_previous_secret and previous_until and previous_until > now
                else None
            ),
            "is_owner": membership is not None and membership.role == MerchantMember.Role.OWNER,
            "new_secret": new_secret,
            "error": error,
            "grace_hours": settings.ALLIANCE_WEBHOOK_SECRET_GRACE_HOURS,
            "sample_event": json.dumps(webhook_test_body(merchant=merchant), indent=2),
            "deliveries": webhook_delivery_log(merchant=merchant, limit=WEBHOOK_DELIVERY_LOG_SIZE),
            "log_size": WEBHOOK_DELIVERY_LOG_SIZE,
            "refusal_counts": list(webhook_refusal_counts(merchant=merchant)),
        },
        status=status,
    )
    # The page can carry a secret; no cache (browser or proxy) may keep it.
    response["Cache-Control"] = "no-store"
    return response


@merchant_page
def webhook_page(request):
    """The webhook URL, the secret's state (never the secret), how to sign, recent deliveries."""
    return _render(request)


@merchant_page
@require_POST
def webhook_secret_rotate(request):
    """Issue a new signing secret and show it on this answer only: it is not stored in the
    session and a later visit shows only that a secret exists."""
    try:
        secret = merchant_webhook_secret_rotate(merchant=request.merchant, actor=request.user)
    except AllianceError as exc:
        return _render(request, error=exc.message, status=exc.status_code)
    request.merchant.refresh_from_db()
    return _render(request, new_secret=secret)


@merchant_page
@require_POST
def webhook_test(request):
    """Send a signed sample event through the webhook's checks and log the result."""
    delivery = webhook_test_event(merchant=request.merchant)
    if delivery.is_accepted:
        messages.success(
            request, _("The test event was verified and is valid. It was not stored as an order.")
        )
    else:
        messages.error(
            request,
            _("The test event was refused (%(status)s %(code)s): %(message)s")
            % {
                "status": delivery.http_status,
                "code": delivery.error_code,
                "message": delivery.message,
            },
        )
    return redirect("merchant-webhook")
