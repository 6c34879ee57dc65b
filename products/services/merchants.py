"""A merchant's sign-up, review and profile, and its webhook secret and delivery log."""

import base64
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.auth_usernames import username_clean
from alliance.errors import AllianceError
from alliance.models import ReviewStatus, User
from alliance.roles import Right, account_require
from alliance.services import lock, review_move

from ..models import (
    WEBHOOK_DELIVERY_LOG_SIZE,
    Merchant,
    MerchantMember,
    StoreDomain,
    WebhookDelivery,
)
from .domains import store_domain_approve_with_merchant, store_url_host, url_domain_check
from .members import owner_require


def user_create(*, username: str, password: str, email: str = "") -> User:
    """Create a login. The password must pass the configured validators; the username is
    normalised and must not mix alphabets (alliance.auth_usernames)."""
    username = username_clean(username=username)
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise AllianceError(_("This username is taken."), field="username", code="username_taken")
    candidate = user_model(username=username, email=email)
    try:
        # The database would refuse what the model refuses (an email over 254 characters):
        # say so on the field instead.
        candidate.clean_fields(exclude=["password"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise AllianceError(" ".join(messages), field=field, code="invalid") from exc
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise AllianceError(" ".join(exc.messages), field="password", code="weak_password") from exc
    candidate.set_password(password)
    try:
        candidate.save()
    except IntegrityError as exc:
        raise AllianceError(
            _("This username is taken."), field="username", code="username_taken"
        ) from exc
    return candidate


@transaction.atomic
def merchant_signup(
    *, username: str, password: str, email: str = "", name: str, store_url: str
) -> Merchant:
    """A new merchant starts pending, its signing-up user as owner; an admin approves it."""
    user = user_create(username=username, password=password, email=email)
    merchant = Merchant(name=name, store_url=store_url)
    merchant.full_clean()
    merchant.save()
    MerchantMember.objects.create(user=user, merchant=merchant, role=MerchantMember.Role.OWNER)
    # The store URL's host is the merchant's first declared domain, reviewed like any other.
    StoreDomain.objects.create(merchant=merchant, host=store_url_host(store_url))
    return merchant


@transaction.atomic
def merchant_review(
    *, merchant: Merchant, status: str, reviewer: User, reason: str = ""
) -> Merchant:
    """Approve, reject or suspend a merchant; only approved merchants' goods reach promoters.
    Approving it also approves its store URL's domain while that is pending: the admin reviewed
    the store URL with the sign-up (every review queue shows it)."""
    merchant = review_move(obj=lock(merchant), status=status, reviewer=reviewer, reason=reason)
    if status == ReviewStatus.APPROVED:
        store_domain_approve_with_merchant(merchant=merchant, reviewer=reviewer)
    return merchant


# What a merchant may change whatever its status; every other field touches money.
MERCHANT_PROFILE_FIELDS = {"name", "store_url"}


@transaction.atomic
def merchant_update(*, merchant: Merchant, actor: User, **fields) -> Merchant:
    """Change a merchant's profile and commission settings; only its owner may, and only an
    approved merchant may change anything beyond its profile (rates, hold, attribution)."""
    owner_require(merchant, actor)
    if set(fields) - MERCHANT_PROFILE_FIELDS:
        account_require(merchant, Right.ACT)
    merchant = lock(merchant)
    store_url_before = merchant.store_url
    for name, value in fields.items():
        setattr(merchant, name, value)
    merchant.full_clean()
    if merchant.store_url != store_url_before:
        url_domain_check(merchant_id=merchant.pk, url=merchant.store_url, field="store_url")
    merchant.save()
    return merchant


def webhook_secret_new() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


@transaction.atomic
def merchant_webhook_secret_rotate(*, merchant: Merchant, actor: User) -> str:
    """Issue a new signing secret and return it (the only time it is shown in full). The
    secret it replaces keeps verifying for ALLIANCE_WEBHOOK_SECRET_GRACE_HOURS, so the store
    can switch over, or sign with both meanwhile (space-separated signatures)."""
    owner_require(merchant, actor)
    merchant = lock(merchant)
    secret = webhook_secret_new()
    if merchant.webhook_secret:
        merchant.webhook_previous_secret = merchant.webhook_secret
        merchant.webhook_previous_secret_expires_at = timezone.now() + timedelta(
            hours=settings.ALLIANCE_WEBHOOK_SECRET_GRACE_HOURS
        )
    merchant.webhook_secret = secret
    merchant.save(
        update_fields=[
            "webhook_secret",
            "webhook_previous_secret",
            "webhook_previous_secret_expires_at",
        ]
    )
    return secret


def webhook_delivery_record(
    *,
    merchant: Merchant,
    http_status: int,
    error_code: str = "",
    message: str = "",
    event_id: str = "",
    is_test: bool = False,
) -> WebhookDelivery:
    """Log a refused webhook delivery or a test event, and drop the merchant's rows beyond the
    latest WEBHOOK_DELIVERY_LOG_SIZE in the same write, so the log stays bounded however many
    bad deliveries arrive. Accepted deliveries are not logged here: the inbox holds them."""
    delivery = WebhookDelivery(
        merchant=merchant,
        http_status=http_status,
        error_code=error_code[:40],
        message=message[:2000],
        event_id=event_id[:128],
        is_test=is_test,
    )
    with transaction.atomic():
        delivery.save()
        # The oldest row still kept; everything of this merchant before it goes.
        kept = (
            WebhookDelivery.objects.filter(merchant=merchant)
            .order_by("-pk")
            .values("pk")[WEBHOOK_DELIVERY_LOG_SIZE - 1 : WEBHOOK_DELIVERY_LOG_SIZE]
        )
        WebhookDelivery.objects.filter(merchant=merchant, pk__lt=Subquery(kept)).delete()
    return delivery
