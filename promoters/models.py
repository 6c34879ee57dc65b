import base64
import functools
import hmac
import os
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from alliance.models import Reviewable, ReviewStatus
from products.models import Campaign, Coupon, Merchant, Product

# Depth of the upline chain that ever earns on a sale, whatever the settings say.
MAX_UPLINE_DEPTH = 2


class Promoter(Reviewable):
    """A KOL, blogger or group owner who promotes goods (推广者)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="promoter"
    )
    display_name = models.CharField(max_length=80)
    bio = models.TextField(blank=True)
    platforms = models.JSONField(
        default=list, blank=True, help_text=_("Where the promoter publishes, e.g. douyin, blog.")
    )
    fans_count = models.PositiveIntegerField(default=0)
    audience_tags = models.JSONField(default=list, blank=True)
    invite_code = models.CharField(max_length=16, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.display_name


class UplineRelation(models.Model):
    """`promoter` was invited by `upline`; the upline earns a share of the promoter's
    commissions until `expires_at`."""

    promoter = models.OneToOneField(Promoter, on_delete=models.CASCADE, related_name="upline_link")
    upline = models.ForeignKey(Promoter, on_delete=models.PROTECT, related_name="downline_links")
    starts_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(promoter=models.F("upline")), name="upline_not_self"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("starts_at")), name="upline_window_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.upline} -> {self.promoter}"

    def is_active_at(self, moment) -> bool:
        return self.starts_at <= moment < self.expires_at


class OwnCustomer(models.Model):
    """A customer id (in one merchant's store) that the promoter declares as its own: orders by
    it are self-purchases."""

    promoter = models.ForeignKey(Promoter, on_delete=models.CASCADE, related_name="own_customers")
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="+")
    customer_id = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["promoter", "merchant", "customer_id"], name="own_customer_unique"
            )
        ]

    def __str__(self) -> str:
        return self.customer_id


class Channel(models.Model):
    """A promotion position (推广位, like a PID): a WeChat group, a Douyin account, a blog."""

    class Kind(models.TextChoices):
        WECHAT_GROUP = "wechat_group", _("WeChat group")
        WECHAT_MOMENTS = "wechat_moments", _("WeChat Moments")
        DOUYIN = "douyin", _("Douyin")
        XIAOHONGSHU = "xiaohongshu", _("Xiaohongshu")
        WEIBO = "weibo", _("Weibo")
        BLOG = "blog", _("Blog or website")
        OTHER = "other", _("Other")

    promoter = models.ForeignKey(Promoter, on_delete=models.CASCADE, related_name="channels")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["promoter", "name"], name="channel_unique_name"),
            models.UniqueConstraint(
                fields=["promoter"], condition=Q(is_default=True), name="channel_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignApplication(models.Model):
    """A promoter's request to join a targeted campaign, approved or rejected by the merchant."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="applications")
    promoter = models.ForeignKey(
        Promoter, on_delete=models.CASCADE, related_name="campaign_applications"
    )
    message = models.TextField(blank=True)
    status = models.CharField(
        max_length=16,
        choices=[c for c in ReviewStatus.choices if c[0] != ReviewStatus.SUSPENDED],
        default=ReviewStatus.PENDING,
    )
    review_reason = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "promoter"], name="campaign_application_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.promoter} -> {self.campaign}"


class Link(models.Model):
    """A tracked link: a promoter's short URL to a product or to a merchant's whole store."""

    promoter = models.ForeignKey(Promoter, on_delete=models.CASCADE, related_name="links")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="links")
    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="links")
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.PROTECT, related_name="links"
    )
    coupon = models.ForeignKey(
        Coupon, null=True, blank=True, on_delete=models.PROTECT, related_name="links"
    )
    sub_id = models.CharField(max_length=64, blank=True)
    code = models.CharField(max_length=24, unique=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["promoter", "-created_at"])]

    def __str__(self) -> str:
        return self.code

    @property
    def target_url(self) -> str:
        return self.product.url if self.product_id else self.merchant.store_url


def click_id(millis: int | None = None) -> uuid.UUID:
    """A time-ordered random id (the UUIDv7 layout): opaque to the store and the buyer, yet
    inserted in index order, so the click table's primary key stays compact."""
    if millis is None:
        millis = time.time_ns() // 1_000_000
    raw = bytearray(millis.to_bytes(6, "big") + os.urandom(10))
    raw[6] = 0x70 | (raw[6] & 0x0F)
    raw[8] = 0x80 | (raw[8] & 0x3F)
    return uuid.UUID(bytes=bytes(raw))


# --- Click ids that prove themselves (docs/domain.md, "The click id") -------------------------
#
# The id the redirect hands the store is a token of 36 bytes, 48 base64url characters:
#   version (1 byte, 1) | link id (6 bytes) | click UUID (16 bytes, its first 6 are the click
#   time in ms) | HMAC-SHA256 of the 23 bytes before, keyed with ALLIANCE_CLICK_KEY (13 bytes)
# so attribution can read the link and the click time from the id alone when the click row was
# lost, and nobody without the key can make or alter one. 36 bytes encode without padding.
CLICK_TOKEN_VERSION = 1
CLICK_TOKEN_LENGTH = 48
_TOKEN_MAC_BYTES = 13  # 104 bits: forging one by trial means ~2**103 webhook events
_TOKEN_SIGNED_BYTES = 1 + 6 + 16
_TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_KEY_SALT = "alliance.promoters.click-id"


@functools.lru_cache(maxsize=8)
def _derived_key(secret: str) -> bytes:
    # Hex, so the derived key can be written into ALLIANCE_CLICK_KEY_FALLBACKS when SECRET_KEY
    # changes (docs/configuration.md).
    return (
        salted_hmac(_KEY_SALT, "click-id-key", secret=secret, algorithm="sha256")
        .hexdigest()
        .encode()
    )


def click_keys() -> tuple[bytes, ...]:
    """The key that signs new click ids, then the older keys still accepted: ALLIANCE_CLICK_KEY
    (default: derived from SECRET_KEY), ALLIANCE_CLICK_KEY_FALLBACKS, and the keys derived from
    SECRET_KEY_FALLBACKS, so rotating SECRET_KEY the Django way keeps shared ids valid."""
    global _current_keys
    if _current_keys is None:
        _current_keys = _keys(
            settings.ALLIANCE_CLICK_KEY,
            tuple(settings.ALLIANCE_CLICK_KEY_FALLBACKS),
            settings.SECRET_KEY,
            tuple(settings.SECRET_KEY_FALLBACKS),
        )
    return _current_keys


# The redirect signs every click: the keys are read from the settings once per process (a
# settings read costs about a microsecond) and read again only when a test changes them.
_current_keys: tuple[bytes, ...] | None = None
_KEY_SETTINGS = frozenset(
    {"ALLIANCE_CLICK_KEY", "ALLIANCE_CLICK_KEY_FALLBACKS", "SECRET_KEY", "SECRET_KEY_FALLBACKS"}
)


@receiver(setting_changed)
def _click_keys_forget(*, setting: str, **kwargs) -> None:
    global _current_keys
    if setting in _KEY_SETTINGS:
        _current_keys = None


@functools.lru_cache(maxsize=8)
def _keys(
    current: str, fallbacks: tuple[str, ...], secret: str, secret_fallbacks: tuple[str, ...]
) -> tuple[bytes, ...]:
    keys = [current.encode() if current else _derived_key(secret)]
    keys.extend(key.encode() for key in fallbacks)
    keys.extend(_derived_key(old_secret) for old_secret in secret_fallbacks)
    return tuple(keys)


def _click_mac(key: bytes, signed: bytes) -> bytes:
    return hmac.digest(key, signed, "sha256")[:_TOKEN_MAC_BYTES]


def click_token(*, link_id: int, click_uuid: uuid.UUID) -> str:
    """The self-verifying id of the click `click_uuid` on link `link_id`."""
    signed = bytes((CLICK_TOKEN_VERSION,)) + link_id.to_bytes(6, "big") + click_uuid.bytes
    mac = _click_mac(click_keys()[0], signed)
    return base64.urlsafe_b64encode(signed + mac).decode("ascii")


def click_time(click_uuid: uuid.UUID) -> datetime:
    """The moment (to the millisecond, UTC) a click UUID of the click_id() layout carries."""
    millis = int.from_bytes(click_uuid.bytes[:6], "big")
    return datetime.fromtimestamp(millis / 1000, tz=UTC)


class ClickIdRefused(Exception):
    """A click id that is neither a verified token nor a plain click UUID."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ClickReference:
    """What a click id says: the click row's key, and for a token also its link and time."""

    click_uuid: uuid.UUID
    link_id: int | None = None
    clicked_at: datetime | None = None


def click_reference(value: str) -> ClickReference | None:
    """Read a click id from an order. None for no id; ClickIdRefused("forged") for a token
    whose MAC does not verify under any accepted key, ("unreadable") for anything that is
    neither a token nor a UUID. A plain UUID (the ids issued before tokens) has no MAC: it
    refers to the stored row alone."""
    value = value.strip()
    if not value:
        return None
    if len(value) == CLICK_TOKEN_LENGTH and _TOKEN_ALPHABET.issuperset(value):
        raw = base64.urlsafe_b64decode(value)
        if raw[0] != CLICK_TOKEN_VERSION:
            raise ClickIdRefused(ClickIdRefusal.Reason.UNREADABLE)
        signed, mac = raw[:_TOKEN_SIGNED_BYTES], raw[_TOKEN_SIGNED_BYTES:]
        if not any(hmac.compare_digest(_click_mac(key, signed), mac) for key in click_keys()):
            raise ClickIdRefused(ClickIdRefusal.Reason.FORGED)
        click_uuid = uuid.UUID(bytes=signed[7:])
        return ClickReference(
            click_uuid=click_uuid,
            link_id=int.from_bytes(signed[1:7], "big"),
            clicked_at=click_time(click_uuid),
        )
    if len(value) in (32, 36) and _HEX_UUID.fullmatch(value):
        return ClickReference(click_uuid=uuid.UUID(value))
    raise ClickIdRefused(ClickIdRefusal.Reason.UNREADABLE)


_HEX_UUID = re.compile(
    r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
)


class Click(models.Model):
    id = models.UUIDField(primary_key=True, default=click_id, editable=False)
    # No index of its own: the (link, -created_at) index below serves every lookup by link, and
    # each index is one more write on the platform's busiest table.
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="clicks", db_index=False)
    created_at = models.DateTimeField(db_index=True)
    ip_hash = models.CharField(max_length=32)
    user_agent = models.CharField(max_length=400, blank=True)
    referer = models.CharField(max_length=500, blank=True)
    sub_id = models.CharField(max_length=64, blank=True)
    is_unique = models.BooleanField(default=True)
    # False when the uniqueness store (Redis) could not answer as the click was stored: the
    # click was then counted unique, best effort (docs/domain.md, "Unique?").
    is_unique_checked = models.BooleanField(default=True)
    is_bot = models.BooleanField(default=False)
    # Keyed hash of the visitor's network (/24 of IPv4, /48 of IPv6), for bursts from one network.
    net_hash = models.CharField(max_length=16, blank=True, db_default="")
    # Set by the click sweep (fraud.clicks) from the stored clicks, never in the request: a
    # person's click that a traffic rule finds suspicious, and which rule.
    # Database defaults too: the click INSERT (promoters/clicks.py) names its columns and leaves
    # these to the sweep.
    is_suspicious = models.BooleanField(default=False, db_default=False)
    suspicion = models.CharField(max_length=24, blank=True, db_default="")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["link", "-created_at"])]

    def __str__(self) -> str:
        return self.pk.hex

    @property
    def token(self) -> str:
        """The id the redirect handed the store for this click."""
        return click_token(link_id=self.link_id, click_uuid=self.pk)


class ClickIdRefusal(models.Model):
    """An order whose click id failed verification: it attributed nothing. One row per order,
    so the admin can count and inspect them (docs/orders.md, "Click ids")."""

    class Reason(models.TextChoices):
        FORGED = "forged", _("Forged or altered (signature does not verify)")
        UNREADABLE = "unreadable", _("Unreadable (neither a click id nor an old click UUID)")

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="+")
    order_id = models.CharField(max_length=64)
    click_id = models.CharField(max_length=64)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["merchant", "order_id"], name="click_id_refusal_one_per_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.reason}"
