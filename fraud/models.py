"""Fraud flags: a rule that tripped (or a merchant's report), with its evidence, the orders and
commissions it touches, and the admin's decision. docs/fraud.md states the rules.

A high flag that is open holds what it touches: its commissions are not settled
(Commission.review_hold) and the promoter's payouts wait (a PayoutHold of source fraud). A low
flag only marks. Clearing a flag lets the money flow again; confirming it voids its commissions
with reason fraud (clawed back through the ledger when already settled)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissions.models import Commission, Order
from payouts.models import PayoutHold
from products.models import Merchant
from promoters.models import Promoter


class Rule(models.TextChoices):
    # Traffic: computed from the stored clicks by the click sweep.
    CLICK_FLOOD = "click_flood", _("Click flood")
    NO_REFERER_BURST = "no_referer_burst", _("Burst of clicks with no referer or from one network")
    COOKIE_STUFFING = "cookie_stuffing", _("One visitor clicking many promoters' links")
    CHANNEL_MISMATCH = "channel_mismatch", _("Clicks that never come from the declared channel")
    # Orders.
    FAST_PAY = "fast_pay", _("Paid implausibly soon after the click")
    CLICK_REUSE = "click_reuse", _("Many orders from one click")
    CUSTOMER_REPEAT = "customer_repeat", _("Many orders from one customer")
    SHARED_CUSTOMER = "shared_customer", _("One customer across many promoters")
    CONVERSION_OUTLIER = "conversion_outlier", _("Conversion rate far above its peers")
    REFUND_OUTLIER = "refund_outlier", _("Refund rate far above its peers")
    ORDER_VALUE_OUTLIER = "order_value_outlier", _("Average order value far from its peers")
    SELF_PURCHASE = "self_purchase", _("Undeclared self-purchase")
    # Accounts.
    SHARED_IDENTITY = "shared_identity", _("Payout account or phone shared by several promoters")
    UPLINE_CHAIN = "upline_chain", _("Upline chain of accounts created minutes apart")
    REFUND_ABUSE = "refund_abuse", _("Refunds after settlement above the promoter's history")
    # People.
    MERCHANT_REPORT = "merchant_report", _("Reported by the merchant")


class ReasonKind(models.TextChoices):
    """What a promoter is told about a flag: the kind of reason, never the rule's numbers
    (the alliances' 处罚原因)."""

    INVALID_TRAFFIC = "invalid_traffic", _("Invalid traffic")
    ABNORMAL_ORDERS = "abnormal_orders", _("Abnormal orders")
    SELF_PURCHASE = "self_purchase", _("Purchase by the promoter's own account or device")
    LINKED_ACCOUNTS = "linked_accounts", _("Linked promoter accounts")
    REFUND_ABUSE = "refund_abuse", _("Unusual refunds after settlement")
    MERCHANT_REPORT = "merchant_report", _("Under review after a merchant's report")


REASON_KINDS: dict[str, str] = {
    Rule.CLICK_FLOOD: ReasonKind.INVALID_TRAFFIC,
    Rule.NO_REFERER_BURST: ReasonKind.INVALID_TRAFFIC,
    Rule.COOKIE_STUFFING: ReasonKind.INVALID_TRAFFIC,
    Rule.CHANNEL_MISMATCH: ReasonKind.INVALID_TRAFFIC,
    Rule.FAST_PAY: ReasonKind.ABNORMAL_ORDERS,
    Rule.CLICK_REUSE: ReasonKind.ABNORMAL_ORDERS,
    Rule.CUSTOMER_REPEAT: ReasonKind.ABNORMAL_ORDERS,
    Rule.SHARED_CUSTOMER: ReasonKind.ABNORMAL_ORDERS,
    Rule.CONVERSION_OUTLIER: ReasonKind.ABNORMAL_ORDERS,
    Rule.REFUND_OUTLIER: ReasonKind.ABNORMAL_ORDERS,
    Rule.ORDER_VALUE_OUTLIER: ReasonKind.ABNORMAL_ORDERS,
    Rule.SELF_PURCHASE: ReasonKind.SELF_PURCHASE,
    Rule.SHARED_IDENTITY: ReasonKind.LINKED_ACCOUNTS,
    Rule.UPLINE_CHAIN: ReasonKind.LINKED_ACCOUNTS,
    Rule.REFUND_ABUSE: ReasonKind.REFUND_ABUSE,
    Rule.MERCHANT_REPORT: ReasonKind.MERCHANT_REPORT,
}


class Flag(models.Model):
    class Severity(models.TextChoices):
        LOW = "low", _("Low: marked for review")
        HIGH = "high", _("High: money held until review")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLEARED = "cleared", _("Cleared")
        CONFIRMED = "confirmed", _("Confirmed as fraud")

    # What the flag is about, unique: raising the same flag again updates it instead of adding
    # one (`rule:subject`, e.g. `fast_pay:order:42`), so a rule re-run is idempotent.
    key = models.CharField(max_length=200, unique=True)
    rule = models.CharField(max_length=24, choices=Rule.choices, db_index=True)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    promoter = models.ForeignKey(Promoter, on_delete=models.PROTECT, related_name="fraud_flags")
    merchant = models.ForeignKey(
        Merchant, null=True, blank=True, on_delete=models.PROTECT, related_name="fraud_flags"
    )
    # One line for the admin queue, in plain words with the tripping numbers.
    summary = models.CharField(max_length=300)
    # The numbers that tripped the rule and its thresholds: {"measured": {...},
    # "threshold": {...}, "clicks": [...click ids], ...} (docs/fraud.md, per rule).
    evidence = models.JSONField(default=dict, blank=True)
    orders = models.ManyToManyField(Order, blank=True, related_name="fraud_flags")
    commissions = models.ManyToManyField(Commission, blank=True, related_name="fraud_flags")
    # The payout hold a high flag set while open; released when the flag is cleared.
    payout_hold = models.OneToOneField(
        PayoutHold, null=True, blank=True, on_delete=models.SET_NULL, related_name="fraud_flag"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report_note = models.TextField(blank=True)
    appeal_note = models.TextField(blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["promoter", "severity"],
                condition=Q(status="open"),
                name="fraud_flag_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.severity}, {self.status})"

    @property
    def reason_kind(self) -> str:
        return REASON_KINDS[self.rule]

    @property
    def holds(self) -> bool:
        return self.status == self.Status.OPEN and self.severity == self.Severity.HIGH


class Sighting(models.Model):
    """A network (visitor hash) a user was seen signing in from: matched against the visitors
    of orders (self-purchase) and of other accounts (linked accounts)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ip_hash = models.CharField(max_length=32)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "ip_hash"], name="fraud_sighting_unique")
        ]
        indexes = [models.Index(fields=["ip_hash"], name="fraud_sighting_ip")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.ip_hash}"


class SweepMark(models.Model):
    """How far a scheduled sweep has read (clicks, orders), so the next run starts there."""

    name = models.CharField(max_length=40, unique=True)
    until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} until {self.until}"
