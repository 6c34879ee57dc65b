import os
import time
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
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


def click_id() -> uuid.UUID:
    """A time-ordered random id (the UUIDv7 layout): opaque to the store and the buyer, yet
    inserted in index order, so the click table's primary key stays compact."""
    millis = time.time_ns() // 1_000_000
    raw = bytearray(millis.to_bytes(6, "big") + os.urandom(10))
    raw[6] = 0x70 | (raw[6] & 0x0F)
    raw[8] = 0x80 | (raw[8] & 0x3F)
    return uuid.UUID(bytes=bytes(raw))


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
    is_bot = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["link", "-created_at"])]

    def __str__(self) -> str:
        return self.pk.hex
