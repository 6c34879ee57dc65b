"""The double-entry ledger: accounts, transactions (postings) and their entries, and the runs of
the ledger check. Money moves only through postings (ledger.services); balances are sums of
entries, never stored. docs/orders.md states the rules.

The tables keep the names they had when these models lived in `commissions` (migration
ledger 0001 moved them without touching the database), and so do the triggers that keep the
books append-only (commissions 0002 on PostgreSQL, 0010 on SQLite)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LedgerAccount(models.Model):
    """An account of the books. Balances are the sums of its entries, never stored."""

    class Kind(models.TextChoices):
        MERCHANT_PAYABLE = "merchant_payable", _("Merchant payable")
        PROMOTER_AVAILABLE = "promoter_available", _("Promoter available")
        PLATFORM_REVENUE = "platform_revenue", _("Platform revenue")
        PAYOUTS_IN_TRANSIT = "payouts_in_transit", _("Payouts in transit")
        PAYOUTS_PAID = "payouts_paid", _("Payouts paid")
        # What merchants have paid against their statements: the other side of merchant payable.
        MERCHANT_RECEIVED = "merchant_received", _("Merchant payments received")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    merchant = models.ForeignKey(
        "products.Merchant", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    promoter = models.ForeignKey(
        "promoters.Promoter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "promoter_available:12": one account per kind and owner, unique without NULL subtleties.
    key = models.CharField(max_length=60, unique=True)

    class Meta:
        db_table = "commissions_ledgeraccount"

    def __str__(self) -> str:
        return self.key


class LedgerTransaction(models.Model):
    """A posting: entries that sum to zero, written once under a unique idempotency key. On
    PostgreSQL a deferred constraint trigger refuses to commit one that does not balance, and
    no entry or transaction can be updated or deleted."""

    class Kind(models.TextChoices):
        SETTLEMENT = "settlement", _("Settlement")
        ADJUSTMENT = "adjustment", _("Adjustment after settlement")
        PAYOUT = "payout", _("Payout")
        STATEMENT_PAYMENT = "statement_payment", _("Statement payment")

    idempotency_key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The commission a settlement or adjustment posts for: named by string, the ledger imports
    # no app built on it.
    commission = models.ForeignKey(
        "commissions.Commission",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postings",
    )
    memo = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "commissions_ledgertransaction"
        ordering = ["created_at", "pk"]
        # A merchant's statement reads the postings of one month.
        indexes = [models.Index(fields=["created_at"], name="ledger_transaction_created")]

    def __str__(self) -> str:
        return self.idempotency_key


class LedgerEntry(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="entries")
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        db_table = "commissions_ledgerentry"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"


class LedgerCheck(models.Model):
    """One run of the ledger check (ledger.checks.ledger_check) and what it found:
    the hourly one from beat, or one an admin asked for. `breaks` holds the readable problems."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    breaks = models.JSONField(default=list, blank=True)
    # What was read, as `manage.py check_ledger` prints it.
    transactions = models.PositiveIntegerField(default=0)
    entries = models.PositiveIntegerField(default=0)
    commissions_checked = models.PositiveIntegerField(default=0)
    # Set when the check itself stopped on an exception (then `breaks` is empty).
    error = models.TextField(blank=True)
    # None for the hourly check.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "commissions_ledgercheck"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"ledger check {self.pk} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status in {self.Status.PASSED, self.Status.FAILED}

    @property
    def progress(self) -> float:
        """The check reads the ledger in one pass: queued 0, running halfway, done 1."""
        if self.is_done:
            return 1.0
        return 0.5 if self.status == self.Status.RUNNING else 0.0
