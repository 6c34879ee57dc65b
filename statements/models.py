"""Monthly merchant statements: what a merchant owes for the postings of one calendar month.

A statement stores its totals as a checked cache of the ledger (statements.checks compares them);
its lines are never copied, they are read from the ledger when shown or exported.
docs/statements.md states the rules."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alliance.fields import signed_amount_field
from products.models import Merchant


class Statement(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        PAID = "paid", _("Paid")

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="statements")
    # The first day of the calendar month, in settings.TIME_ZONE.
    month = models.DateField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ISSUED, db_index=True
    )
    # Settlement postings of the month: how many, their commissions C, the promoters' and
    # uplines' shares P + U1 + U2, and the platform fees F (C = P + U1 + U2 + F).
    commission_count = models.PositiveIntegerField(default=0)
    commission_total = signed_amount_field(default=0)
    promoter_total = signed_amount_field(default=0)
    platform_fee_total = signed_amount_field(default=0)
    # Adjustments after settlement posted in the month (clawbacks are negative): the change
    # they make to what the merchant owes.
    adjustment_total = signed_amount_field(default=0)
    # commission_total + adjustment_total: minus the month's merchant payable entries.
    total_owed = signed_amount_field(default=0)
    currency = models.CharField(max_length=10)
    issued_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payment_reference = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-month", "merchant_id"]
        constraints = [
            models.UniqueConstraint(fields=["merchant", "month"], name="statement_unique_month"),
        ]
        indexes = [models.Index(fields=["month", "status"], name="statement_month_status")]

    def __str__(self) -> str:
        return f"{self.merchant_id} {self.month:%Y-%m} ({self.status})"

    @property
    def period(self) -> str:
        return f"{self.month:%Y-%m}"


# The only moves a statement's status may make (STATEMENT_STATUS in statements.services).
STATEMENT_TRANSITIONS: dict[str, set[str]] = {
    Statement.Status.ISSUED: {Statement.Status.PAID},
    Statement.Status.PAID: set(),
}
