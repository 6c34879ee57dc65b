"""Orders reported by merchants' stores and their commissions.

The inbox (OrderEvent) keeps every accepted event as received; Order and OrderItem hold the state
derived from them; Commission is one order line's earning and its split; the ledger (the `ledger`
app) records money that moved. docs/orders.md states the rules.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliance.fields import amount_field, rate_field
from products.models import Merchant, Product
from promoters.models import Channel, Link, Promoter


class OrderEvent(models.Model):
    """One order event as the store sent it: the inbox, and the outbox of the apply task.

    Unique per merchant and webhook id, so a redelivery stores nothing."""

    class Type(models.TextChoices):
        PAID = "order.paid", _("Paid")
        COMPLETED = "order.completed", _("Completed")
        REFUNDED = "order.refunded", _("Refunded")
        CANCELLED = "order.cancelled", _("Cancelled")

    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        BACKFILL = "backfill", _("Backfill upload")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be applied")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="order_events")
    webhook_id = models.CharField(max_length=128)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEBHOOK)
    type = models.CharField(max_length=20, choices=Type.choices)
    order_id = models.CharField(max_length=64)
    occurred_at = models.DateTimeField()
    # The validated snapshot, amounts as strings: {"paid_at", "completed_at", "click_id",
    # "coupon_code", "customer_id", "items": [{"sku", "quantity", "amount", "refunded_amount"}]},
    # and "buyer_contact_hash", "device_id" when the store sent them.
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["merchant", "webhook_id"], name="order_event_unique_webhook_id"
            ),
        ]
        indexes = [
            # The apply task and the sweeper read only the pending events, oldest first.
            models.Index(fields=["id"], condition=Q(status="pending"), name="order_event_pending"),
            models.Index(fields=["merchant", "order_id"], name="order_event_order"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.order_id} ({self.webhook_id})"

    def payload_skus(self) -> list[str]:
        return [item["sku"] for item in self.payload.get("items", [])]


class Order(models.Model):
    """A store order, as of its latest snapshot. Attribution is decided once, when the order is
    first seen, and never changes."""

    class Status(models.TextChoices):
        PAID = "paid", _("Paid")
        COMPLETED = "completed", _("Completed")
        REFUNDED = "refunded", _("Refunded")
        CANCELLED = "cancelled", _("Cancelled")

    class Attribution(models.TextChoices):
        CLICK = "click", _("Click on a link")
        COUPON = "coupon", _("Exclusive coupon")
        CUSTOMER = "customer", _("Bound customer")
        NONE = "none", _("Unattributed")

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="orders")
    order_id = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices)
    paid_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    click_id = models.CharField(max_length=64, blank=True)
    coupon_code = models.CharField(max_length=40, blank=True)
    customer_id = models.CharField(max_length=128, blank=True)
    # Optional buyer identity the store may send, for the self-purchase rule (docs/fraud.md):
    # SHA-256 hex of the buyer's normalised phone or email, and the store's device id.
    buyer_contact_hash = models.CharField(max_length=64, blank=True)
    buyer_device = models.CharField(max_length=64, blank=True)
    amount = amount_field(default=0)
    refunded_amount = amount_field(default=0)
    # Which event the current snapshot came from: (occurred_at, type rank, webhook id) orders the
    # events of one order totally, so the latest wins whatever order they arrive in.
    snapshot_occurred_at = models.DateTimeField()
    snapshot_rank = models.PositiveSmallIntegerField()
    snapshot_webhook_id = models.CharField(max_length=128)

    attribution = models.CharField(max_length=10, choices=Attribution.choices)
    promoter = models.ForeignKey(
        Promoter, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    link = models.ForeignKey(
        Link, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    channel = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    is_self_purchase = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Position in the change feed (commissions.sync): the writing transaction's id on
    # PostgreSQL, so that a reader can tell which changes are surely committed.
    change_seq = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-paid_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["merchant", "order_id"], name="order_unique_order_id"),
        ]
        indexes = [
            models.Index(fields=["promoter", "-paid_at"], name="order_promoter_paid"),
            models.Index(fields=["merchant", "-paid_at"], name="order_merchant_paid"),
            models.Index(fields=["change_seq", "id"], name="order_change_feed"),
        ]

    def __str__(self) -> str:
        return f"{self.merchant_id}/{self.order_id}"

    @property
    def invalid_reason(self) -> str:
        """Why the order earns nothing as a whole, as a commission reason code (失效原因):
        no promoter brought it, or it was cancelled or refunded in full. "" when it earns;
        a single line's reason (zero rate, self-purchase, fraud) is on its commission."""
        if self.attribution == self.Attribution.NONE:
            return Commission.InvalidReason.UNKNOWN_SOURCE
        if self.status == self.Status.CANCELLED:
            return Commission.InvalidReason.CANCELLED
        if self.status == self.Status.REFUNDED:
            return Commission.InvalidReason.REFUNDED
        return ""

    def get_invalid_reason_display(self) -> str:
        reason = self.invalid_reason
        return str(Commission.InvalidReason(reason).label) if reason else ""


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    sku = models.CharField(max_length=64)
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.PROTECT, related_name="order_items"
    )
    quantity = models.PositiveIntegerField()
    amount = amount_field()
    refunded_amount = amount_field(default=0)

    class Meta:
        ordering = ["order", "sku"]
        constraints = [
            models.UniqueConstraint(fields=["order", "sku"], name="order_item_unique_sku"),
            models.CheckConstraint(
                condition=Q(refunded_amount__lte=models.F("amount")),
                name="order_item_refund_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order} {self.sku}"


class CustomerBinding(models.Model):
    """An attributed order binds its customer to its promoter, in that merchant's store, for
    customer_binding_days from the order's paid_at."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="+")
    customer_id = models.CharField(max_length=128)
    promoter = models.ForeignKey(
        Promoter, on_delete=models.CASCADE, related_name="customer_bindings"
    )
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="binding")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["merchant", "customer_id", "-starts_at"])]

    def __str__(self) -> str:
        return f"{self.customer_id} -> {self.promoter_id}"


HALF_CENT = Decimal("0.005")
SPLIT_SUM = (
    models.F("platform_fee")
    + models.F("upline1_amount")
    + models.F("upline2_amount")
    + models.F("promoter_amount")
)


class Commission(models.Model):
    """What one order line earns (C) and its split: platform fee F, uplines U1 and U2, and the
    promoter's P = C - F - U1 - U2. The amounts are the current target; the ledger holds what
    was actually credited once the commission is settled."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Estimated (order paid)")
        CONFIRMED = "confirmed", _("Confirmed (order completed)")
        SETTLED = "settled", _("Settled into the balance")
        PAID = "paid", _("Paid out")
        REVERSED = "reversed", _("Reversed")
        VOID = "void", _("Void")

    class InvalidReason(models.TextChoices):
        """Why a commission earns nothing, in words a promoter can read (失效原因)."""

        CANCELLED = "cancelled", _("The order was cancelled")
        REFUNDED = "refunded", _("The goods were refunded")
        SELF_PURCHASE = "self_purchase", _("Bought by the promoter's own customer account")
        ZERO_RATE = "zero_rate", _("The product earns no commission")
        FRAUD = "fraud", _("Voided by the platform after review")
        # An admin voided what a suspended merchant or promoter had held (docs/domain.md).
        SUSPENSION = "suspension", _("Voided by the platform after a suspension")
        # Only on orders: no click, exclusive coupon or customer binding brought the order.
        UNKNOWN_SOURCE = "unknown_source", _("The order did not come through a promoter")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="commissions")
    order_item = models.OneToOneField(
        OrderItem, on_delete=models.CASCADE, related_name="commission"
    )
    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="commissions")
    promoter = models.ForeignKey(Promoter, on_delete=models.PROTECT, related_name="commissions")
    link = models.ForeignKey(
        Link, null=True, blank=True, on_delete=models.PROTECT, related_name="commissions"
    )
    channel = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.PROTECT, related_name="commissions"
    )
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.PROTECT, related_name="commissions"
    )
    # The rates in force when the line was first seen: a later change of the merchant's
    # settings or campaigns does not move a commission already earned.
    rate = rate_field()
    platform_fee_rate = rate_field()
    upline1_rate = rate_field(default=0)
    upline2_rate = rate_field(default=0)
    hold_days = models.PositiveSmallIntegerField(default=0)
    base_amount = amount_field()
    commission = amount_field()
    platform_fee = amount_field()
    upline1 = models.ForeignKey(
        Promoter, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    upline1_amount = amount_field(default=0)
    upline2 = models.ForeignKey(
        Promoter, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    upline2_amount = amount_field(default=0)
    promoter_amount = amount_field()

    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    invalid_reason = models.CharField(max_length=16, choices=InvalidReason.choices, blank=True)
    # Held by an open high fraud flag (fraud.models.Flag): settlement skips it until the flag
    # is cleared or confirmed.
    review_hold = models.BooleanField(default=False)
    void_note = models.TextField(blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_at = models.DateTimeField()
    available_at = models.DateTimeField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    change_seq = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-paid_at", "-pk"]
        constraints = [
            # C = F + U1 + U2 + P. Written as "within half a cent", which on 2-decimal columns
            # is exact equality; SQLite keeps decimals as floats, where 1.98 + 17.82 may not
            # equal 19.80 to the last bit.
            models.CheckConstraint(
                condition=Q(commission__gt=SPLIT_SUM - HALF_CENT)
                & Q(commission__lt=SPLIT_SUM + HALF_CENT),
                name="commission_split_sums",
            ),
        ]
        indexes = [
            models.Index(fields=["promoter", "-paid_at"], name="commission_promoter_paid"),
            models.Index(fields=["merchant", "-paid_at"], name="commission_merchant_paid"),
            models.Index(
                fields=["available_at", "id"],
                condition=Q(status="confirmed"),
                name="commission_due",
            ),
            models.Index(fields=["change_seq", "id"], name="commission_change_feed"),
        ]

    def __str__(self) -> str:
        return f"commission {self.pk} ({self.status})"


# The only moves a commission's status may make (COMMISSION_STATUS in
# commissions.services.commissions, through alliance.status).
COMMISSION_TRANSITIONS: dict[str, set[str]] = {
    Commission.Status.PENDING: {
        Commission.Status.CONFIRMED,
        Commission.Status.REVERSED,
        Commission.Status.VOID,
    },
    Commission.Status.CONFIRMED: {
        Commission.Status.SETTLED,
        Commission.Status.REVERSED,
        Commission.Status.VOID,
    },
    # A refund or a void after settlement claws the money back (services.commissions.ledger_sync).
    Commission.Status.SETTLED: {
        Commission.Status.PAID,
        Commission.Status.REVERSED,
        Commission.Status.VOID,
    },
    Commission.Status.PAID: {Commission.Status.REVERSED, Commission.Status.VOID},
    # Reversed follows the order: a later snapshot that takes a refund back (or lists a
    # dropped line again) makes the line earn again, so any order of events ends the same.
    Commission.Status.REVERSED: {
        Commission.Status.PENDING,
        Commission.Status.CONFIRMED,
        Commission.Status.SETTLED,
        Commission.Status.PAID,
        Commission.Status.VOID,
    },
    Commission.Status.VOID: set(),
}


class CommissionStatusChange(models.Model):
    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10)
    reason = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.commission_id}: {self.old_status or '-'} -> {self.new_status}"


class SettlementRun(models.Model):
    """One pass of settlement: every commission confirmed and due by `cutoff` credited to the
    balances, in batches. Counts and totals grow as its batches commit, so a run can be watched
    while it works."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    # "continuous", or the month of a monthly cycle ("2026-11"): one finished run per month.
    cycle = models.CharField(max_length=10, default="continuous", db_index=True)
    cutoff = models.DateTimeField(help_text=_("Commissions due by this moment are settled."))
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # How many commissions were due when the run began: with settled_count, its progress.
    due_count = models.PositiveIntegerField(default=0)
    settled_count = models.PositiveIntegerField(default=0)
    # Due commissions the run left alone because their merchant or promoter is suspended (or
    # otherwise not approved): held until an admin approves the account again or voids them.
    held_count = models.PositiveIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    commission_total = amount_field(default=0)
    platform_fee_total = amount_field(default=0)
    # {"<merchant id>": {"count": 3, "commission": "59.40", "platform_fee": "5.94"}}
    per_merchant = models.JSONField(default=dict, blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"settlement run {self.pk} ({self.status})"

    @property
    def progress(self) -> float:
        """Settled out of due when the run began, 0 to 1: what its page shows while it works.
        Commissions that fall due while it runs are settled too, so the count can pass due."""
        if self.status == self.Status.FINISHED or not self.due_count:
            return 1.0 if self.status == self.Status.FINISHED else 0.0
        return min(1.0, self.settled_count / self.due_count)


class WebhookRefusalCount(models.Model):
    """Refused webhook deliveries that never proved who sent them (no valid signature), counted
    per merchant, hour and reason instead of logged one by one: anyone can send those, so one
    row each would let forged deliveries push the store's real ones out of the delivery log.
    The latest refusal of each count is kept as a sample."""

    merchant = models.ForeignKey(
        Merchant, on_delete=models.CASCADE, related_name="webhook_refusal_counts"
    )
    hour = models.DateTimeField()  # the hour's start
    reason = models.CharField(max_length=40)  # the refusal's error code
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField()
    last_event_id = models.CharField(max_length=128, blank=True)
    last_message = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["merchant", "hour", "reason"], name="webhook_refusal_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.merchant} {self.hour:%Y-%m-%d %H}h {self.reason} x{self.count}"
