import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.fields import amount_field, rate_field
from alliance.models import Reviewable, ReviewStatus


class Merchant(Reviewable):
    name = models.CharField(max_length=120)
    store_url = models.URLField(max_length=500)
    default_commission_rate = rate_field(default=Decimal("10.00"))
    attribution_window_days = models.PositiveSmallIntegerField(
        default=15, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    hold_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(0), MaxValueValidator(90)]
    )
    platform_fee_rate = rate_field(default=Decimal("10.00"))
    upline_rate_level1 = rate_field(default=Decimal("5.00"))
    upline_rate_level2 = rate_field(default=Decimal("2.00"))
    customer_binding_days = models.PositiveSmallIntegerField(
        default=30, validators=[MaxValueValidator(365)]
    )
    click_param = models.CharField(
        max_length=40,
        default="alliance_click",
        help_text=_("Query parameter that carries the click id to the store."),
    )
    allow_self_purchase = models.BooleanField(default=True)
    # This merchant's values of the fraud rules' parameters, over ALLIANCE_FRAUD
    # (docs/fraud.md lists the keys a merchant may set).
    fraud_overrides = models.JSONField(default=dict, blank=True)
    # Standard Webhooks signing secret (`whsec_` + base64). The previous one keeps verifying
    # until `webhook_previous_secret_expires_at`, so a store can switch over without losing
    # events. products.services.merchant_webhook_secret_rotate is the only writer.
    webhook_secret = models.CharField(max_length=80, blank=True, editable=False)
    webhook_previous_secret = models.CharField(max_length=80, blank=True, editable=False)
    webhook_previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(platform_fee_rate__gte=0)
                & Q(upline_rate_level1__gte=0)
                & Q(upline_rate_level2__gte=0)
                & Q(platform_fee_rate__lte=Decimal("100"))
                & Q(
                    # The fee and both upline shares together never exceed the commission.
                    platform_fee_rate__lte=Decimal("100")
                    - models.F("upline_rate_level1")
                    - models.F("upline_rate_level2")
                ),
                name="merchant_split_rates_within_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def upline_rates(self) -> tuple[Decimal, Decimal]:
        return (self.upline_rate_level1, self.upline_rate_level2)

    def webhook_secrets_at(self, moment) -> list[str]:
        """The secrets that verify a delivery at `moment`: the current one, and the previous
        one while its grace period lasts."""
        secrets = [self.webhook_secret] if self.webhook_secret else []
        expires_at = self.webhook_previous_secret_expires_at
        if self.webhook_previous_secret and expires_at and moment < expires_at:
            secrets.append(self.webhook_previous_secret)
        return secrets


class MerchantMember(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        STAFF = "staff", _("Staff")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="merchant_membership"
    )
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STAFF)

    def __str__(self) -> str:
        return f"{self.user} @ {self.merchant} ({self.role})"


class Category(models.Model):
    """Platform-wide product categories, managed by admins."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ProductQuerySet(models.QuerySet):
    def promotable(self):
        """Products a promoter may see and link to: active, of an approved merchant."""
        return self.filter(is_active=True, merchant__status=ReviewStatus.APPROVED)


class Product(models.Model):
    class StockStatus(models.TextChoices):
        IN_STOCK = "in_stock", _("In stock")
        LOW_STOCK = "low_stock", _("Low stock")
        OUT_OF_STOCK = "out_of_stock", _("Out of stock")

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="products")
    sku = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    image_url = models.URLField(max_length=500, blank=True)
    price = amount_field()
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    commission_rate = rate_field(
        null=True, blank=True, help_text=_("Empty means the merchant's default rate.")
    )
    is_active = models.BooleanField(default=True)
    stock_status = models.CharField(
        max_length=16, choices=StockStatus.choices, default=StockStatus.IN_STOCK
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["merchant", "sku"], name="product_unique_sku"),
        ]
        indexes = [models.Index(fields=["merchant", "is_active"])]

    def __str__(self) -> str:
        return f"{self.sku} {self.title}"

    @property
    def effective_rate(self) -> Decimal:
        if self.commission_rate is not None:
            return self.commission_rate
        return self.merchant.default_commission_rate


class Campaign(models.Model):
    """A commission plan. The rate of a sale is the highest of the product's own rate and every
    campaign that covers the product, is active at paid_at and is open to the promoter."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General (open to every promoter)")
        TARGETED = "targeted", _("Targeted (approved promoters only)")
        EVENT = "event", _("Event (time-limited)")

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GENERAL)
    rate = rate_field()
    applies_to_all_products = models.BooleanField(
        default=False, help_text=_("Covers the whole store instead of the listed products.")
    )
    products = models.ManyToManyField(Product, blank=True, related_name="campaigns")
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="event")
                | (Q(starts_at__isnull=False) & Q(ends_at__isnull=False)),
                name="campaign_event_has_window",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="campaign_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_running_at(self, moment) -> bool:
        return (
            self.is_active
            and (self.starts_at is None or self.starts_at <= moment)
            and (self.ends_at is None or moment < self.ends_at)
        )


class Coupon(models.Model):
    """A merchant's discount code. When exclusive to a promoter, the code alone attributes an
    order to that promoter."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="coupons")
    code = models.CharField(max_length=40)
    description = models.CharField(max_length=200, help_text=_("What the discount is."))
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField()
    quantity = models.PositiveIntegerField(null=True, blank=True, help_text=_("Empty: unlimited."))
    exclusive_promoter = models.ForeignKey(
        # The one schema-level reference from the catalog to promoters: an exclusive coupon
        # names its promoter. No code in products imports promoters.
        "promoters.Promoter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exclusive_coupons",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["merchant", "code"], name="coupon_unique_code"),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")), name="coupon_window_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def is_valid_at(self, moment) -> bool:
        return self.is_active and self.valid_from <= moment < self.valid_until


class ProductImport(models.Model):
    """A merchant's catalog upload (CSV or XLSX), applied all or nothing by a Celery task."""

    class FileFormat(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="product_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    file_format = models.CharField(max_length=4, choices=FileFormat.choices)
    # Capped by ALLIANCE_IMPORT_MAX_BYTES when the import is started.
    content = models.BinaryField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # [{"row": 3, "field": "price", "message": "..."}]; row 1 is the header, and row and field
    # are null for errors about the file as a whole.
    errors = models.JSONField(default=list, blank=True)
    # len(errors), stored so that lists can show it without loading every error.
    error_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["merchant", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.merchant} import {self.pk} ({self.status})"


# The only moves an import may make. running -> running is a restart: a task redelivered after
# its worker died starts over, which is safe because nothing is written until the last step.
PRODUCT_IMPORT_TRANSITIONS: dict[str, set[str]] = {
    ProductImport.Status.PENDING: {ProductImport.Status.RUNNING, ProductImport.Status.FAILED},
    ProductImport.Status.RUNNING: {
        ProductImport.Status.RUNNING,
        ProductImport.Status.SUCCEEDED,
        ProductImport.Status.FAILED,
    },
    ProductImport.Status.SUCCEEDED: set(),
    ProductImport.Status.FAILED: set(),
}


# Rows of the delivery log kept per merchant: the dashboard shows the latest 50 deliveries.
WEBHOOK_DELIVERY_LOG_SIZE = 50


class WebhookDelivery(models.Model):
    """A webhook delivery the platform refused, or a test event sent from the dashboard.

    Accepted deliveries are the order event inbox itself and are not copied here, so the
    accepted path writes nothing more. Only the latest WEBHOOK_DELIVERY_LOG_SIZE rows of a
    merchant are kept (products.services.webhook_delivery_record prunes as it writes)."""

    merchant = models.ForeignKey(
        Merchant, on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    received_at = models.DateTimeField(default=timezone.now)
    http_status = models.PositiveSmallIntegerField()
    error_code = models.CharField(max_length=40, blank=True)
    message = models.TextField(blank=True)
    # The delivery's webhook-id header, when it had one.
    event_id = models.CharField(max_length=128, blank=True)
    is_test = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["merchant", "-id"], name="webhook_delivery_latest")]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.merchant} {self.http_status} {self.error_code or 'ok'}"

    @property
    def is_accepted(self) -> bool:
        return 200 <= self.http_status < 300


# --- Store domains -----------------------------------------------------------------------------

# The schemes a product or store URL may use: a link sends shoppers to a web page.
URL_SCHEMES = ("http", "https")
# One DNS label as stored (after IDNA encoding): letters, digits and inner hyphens, 1-63 long.
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class InvalidHost(ValueError):
    """The text is not a domain name that a store can be reached on."""


def host_normalize(text: str) -> str:
    """A domain name as stored and compared: lowercase, IDNA-encoded (bücher.example becomes
    xn--bcher-kva.example), without a trailing dot. Raises InvalidHost for anything that is not
    a plain domain name of at least two labels: a URL, a port, an IP address, `localhost`."""
    host = (text or "").strip().lower().rstrip(".")
    if not host or any(mark in host for mark in ("/", ":", "@", "?", "#", " ", "\\")):
        raise InvalidHost(text)
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidHost(text) from exc
    labels = host.split(".")
    if (
        len(host) > 253
        or len(labels) < 2
        or not all(_HOST_LABEL.match(label) for label in labels)
        # The last label is a top-level domain, never a number: refuses IPv4 addresses.
        or labels[-1].isdigit()
    ):
        raise InvalidHost(text)
    return host


def host_of_url(url: str) -> str:
    """The normalized host of an http(s) URL; InvalidHost when it has none or another scheme."""
    try:
        parts = urlsplit(url or "")
        hostname = parts.hostname
    except ValueError as exc:
        raise InvalidHost(url) from exc
    if parts.scheme.lower() not in URL_SCHEMES or not hostname:
        raise InvalidHost(url)
    return host_normalize(hostname)


def host_covers(domain: str, host: str) -> bool:
    """A declared domain covers itself and every name under it: example.com covers
    shop.example.com, shop.example.com does not cover example.com nor myshop.example.com."""
    return host == domain or host.endswith("." + domain)


class StoreDomain(Reviewable):
    """A domain a merchant sells on. Its products' URLs (and its store URL) must be on one of
    its approved domains, so a link a promoter shared keeps sending shoppers to the store the
    admin approved. The merchant declares, an admin reviews (approve, reject, suspend) through
    products.services; `status` is the Reviewable's review status."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="store_domains")
    # Normalized by host_normalize: lowercase, IDNA-encoded, no scheme, port or path.
    host = models.CharField(max_length=253)

    class Meta:
        ordering = ["host", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["merchant", "host"], name="store_domain_unique_host"),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.host

    def covers(self, host: str) -> bool:
        return host_covers(self.host, host)
