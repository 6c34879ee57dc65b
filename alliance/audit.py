"""The audit log: one row per action, written inside the action's own transaction, so an
action that rolls back leaves no record and a recorded action always happened."""

from collections.abc import Sequence
from decimal import Decimal

from django.db import models
from django.db.models import QuerySet

from .models import AuditLog


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def audit_record(*, actor, action: str, target: models.Model, **data) -> AuditLog:
    """Record that `actor` (a user, or None for the system) did `action` to `target`."""
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data={key: _plain(value) for key, value in data.items()},
    )


def audit_records(*, actor, action: str, targets: Sequence[models.Model], **data) -> None:
    """The same action on many targets (a bulk approval), in one insert."""
    if not targets:
        return
    AuditLog.objects.bulk_create(
        AuditLog(
            actor=actor if actor is not None and actor.is_authenticated else None,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            data={key: _plain(value) for key, value in data.items()},
        )
        for target in targets
    )


def audit_log() -> QuerySet[AuditLog]:
    """Every audit row with its actor, for the audit-log API and the console's page."""
    return AuditLog.objects.select_related("actor")
