"""Payouts: where a promoter's money goes (PayoutMethod), what stops it (PayoutHold), the
requests an admin reviews (Payout) and the CSV batches they are exported in (PayoutBatch).
docs/payouts.md states the rules; the money itself moves only through ledger postings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliance.fields import amount_field
from promoters.models import Promoter


class MethodKind(models.TextChoices):
    ALIPAY = "alipay", _("Alipay")
    BANK = "bank", _("Bank account")


def mask_account(kind: str, account: str) -> str:
    """What anyone but an admin exporting a batch sees of an account: `138****8000`,
    `ab***@example.com`, `**** **** **** 1234`."""
    if kind == MethodKind.BANK:
        return f"**** **** **** {account[-4:]}"
    if "@" in account:
        local, _sep, domain = account.partition("@")
        return f"{local[:2]}***@{domain}"
    if len(account) > 7:
        return f"{account[:3]}{'*' * (len(account) - 7)}{account[-4:]}"
    return "*" * len(account)


class PayoutMethod(models.Model):
    """An Alipay account or a bank account a promoter is paid to. A method that a payout used
    is never deleted, only deactivated (is_active false); payouts keep a snapshot anyway."""

    promoter = models.ForeignKey(Promoter, on_delete=models.PROTECT, related_name="payout_methods")
    kind = models.CharField(max_length=10, choices=MethodKind.choices)
    # The account holder's real name, as the bank or Alipay knows it.
    account_name = models.CharField(max_length=100)
    # Alipay: an email or a mainland mobile number; bank: 12-19 digits, stored without spaces.
    account = models.CharField(max_length=254)
    bank_name = models.CharField(max_length=100, blank=True)
    is_default = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["promoter"],
                condition=Q(is_default=True, is_active=True),
                name="payout_method_one_default",
            ),
            models.CheckConstraint(
                condition=Q(kind="alipay") | ~Q(bank_name=""), name="payout_method_bank_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.masked_account}"

    @property
    def masked_account(self) -> str:
        return mask_account(self.kind, self.account)


class PayoutHold(models.Model):
    """Stops a promoter's payouts while active (released_at empty): new requests start held,
    requested ones are held, and none can be approved."""

    class Source(models.TextChoices):
        ADMIN = "admin", _("Set by an admin")
        FRAUD = "fraud", _("Open fraud flag")

    promoter = models.ForeignKey(Promoter, on_delete=models.PROTECT, related_name="payout_holds")
    reason = models.TextField()
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ADMIN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["promoter"],
                condition=Q(released_at__isnull=True),
                name="payout_hold_active",
            )
        ]

    def __str__(self) -> str:
        return f"hold {self.pk} on {self.promoter_id}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None


class PayoutBatch(models.Model):
    """One CSV export of approved payouts of one kind. Exporting the batch again gives the
    same file, built from the payouts' snapshots."""

    kind = models.CharField(max_length=10, choices=MethodKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    count = models.PositiveIntegerField(default=0)
    total = amount_field(default=0)
    currency = models.CharField(max_length=8)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"batch {self.pk} ({self.kind}, {self.count})"


class Payout(models.Model):
    """A promoter's request to be paid `amount` from its available balance."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        HELD = "held", _("Held")
        APPROVED = "approved", _("Approved, in transit")
        REJECTED = "rejected", _("Rejected")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")

    promoter = models.ForeignKey(Promoter, on_delete=models.PROTECT, related_name="payouts")
    method = models.ForeignKey(PayoutMethod, on_delete=models.PROTECT, related_name="payouts")
    # The method as it was when the request was made: what the export pays to.
    kind = models.CharField(max_length=10, choices=MethodKind.choices)
    account_name = models.CharField(max_length=100)
    account = models.CharField(max_length=254)
    bank_name = models.CharField(max_length=100, blank=True)
    amount = amount_field()
    currency = models.CharField(max_length=8)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    reason = models.TextField(blank=True)
    reference = models.CharField(max_length=120, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set once, on approval: a payout rejected afterwards returns its money, one rejected
    # before approval moved none.
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        PayoutBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="payouts"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open request per promoter, whatever races the service's row lock misses.
            models.UniqueConstraint(
                fields=["promoter"],
                condition=Q(status__in=["requested", "held", "approved"]),
                name="payout_one_open_per_promoter",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["promoter", "-requested_at"], name="payout_promoter_requested"),
            models.Index(
                fields=["kind", "id"],
                condition=Q(status="approved", exported_at__isnull=True),
                name="payout_to_export",
            ),
        ]

    def __str__(self) -> str:
        return f"payout {self.pk} ({self.status})"

    @property
    def masked_account(self) -> str:
        return mask_account(self.kind, self.account)

    @property
    def was_approved(self) -> bool:
        return self.approved_at is not None


Status = Payout.Status
OPEN_STATUSES = (Status.REQUESTED, Status.HELD, Status.APPROVED)

# The only moves a payout's status may make (PAYOUT_STATUS in payouts.services.payouts).
PAYOUT_TRANSITIONS: dict[str, set[str]] = {
    Status.REQUESTED: {Status.HELD, Status.APPROVED, Status.REJECTED},
    Status.HELD: {Status.REQUESTED, Status.REJECTED},
    Status.APPROVED: {Status.PAID, Status.FAILED, Status.REJECTED},
    Status.REJECTED: set(),
    Status.PAID: set(),
    Status.FAILED: set(),
}
