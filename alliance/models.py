from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The one user model. Roles come from what a user is attached to: staff are platform
    admins, a MerchantMember row makes a merchant member, a Promoter row makes a promoter."""

    email = models.EmailField(_("email address"), blank=True)
    # Raised to revoke every token of the user at once (alliance.tokens.tokens_revoke_all).
    token_version = models.PositiveIntegerField(default=0, editable=False)

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_staff


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


# The only moves a review may make; anything else is refused by alliance.services.review_move.
REVIEW_TRANSITIONS: dict[str, set[str]] = {
    ReviewStatus.PENDING: {ReviewStatus.APPROVED, ReviewStatus.REJECTED},
    ReviewStatus.REJECTED: {ReviewStatus.APPROVED},
    ReviewStatus.APPROVED: {ReviewStatus.SUSPENDED},
    ReviewStatus.SUSPENDED: {ReviewStatus.APPROVED},
}


class Reviewable(models.Model):
    """Sign-ups that an admin approves or rejects (merchants, promoters)."""

    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    review_reason = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.status == ReviewStatus.APPROVED


class AuditLog(models.Model):
    """Who did what to which row, and when: every review and money action an admin or a user
    takes is written here by `alliance.audit.audit_record`, in the same transaction as the
    action itself, and is never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "payout.approve", "statement.mark_paid", "settlement.trigger", ...
    action = models.CharField(max_length=40, db_index=True)
    # "payouts.payout", "statements.statement": the app label and model name of the target.
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"


class IdempotencyRecord(models.Model):
    """The first answer to an API POST sent with an `Idempotency-Key` header, replayed to the
    same user's retries of the same request (alliance.idempotency, docs/api.md "Safe retries").

    Written in the request's own transaction: inserted before the view runs, so a concurrent
    duplicate waits on the unique index, and completed with the answer before the commit, so a
    committed record always holds one. Purged after ALLIANCE_IDEMPOTENCY_TTL_HOURS."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # SHA-256 (hex) of the method, path, query string and raw body.
    fingerprint = models.CharField(max_length=64)
    method = models.CharField(max_length=10)
    path = models.TextField()
    # Null only inside the request's transaction, before the view has answered.
    status_code = models.PositiveSmallIntegerField(null=True)
    # [[name, value], ...] as the view answered them, cookies and Content-Length left out.
    headers = models.JSONField(default=list)
    body = models.BinaryField(default=bytes)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_record_user_key")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"
