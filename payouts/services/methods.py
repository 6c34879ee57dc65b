"""Payout methods: validated on every write, exactly one default among a promoter's active
methods, and never deleted once a payout used them (deactivated instead)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from alliance.audit import audit_record
from alliance.roles import Right, account_require
from promoters.models import Promoter

from ..models import MethodKind, PayoutMethod
from .locks import promoter_lock

MOBILE = re.compile(r"1[3-9]\d{9}")
BANK_ACCOUNT = re.compile(r"\d{12,19}")
# Letters of any script, with the spaces, dots, middle dots, apostrophes and hyphens of names
# (张三, Li Wei, 阿卜杜·热合曼, O'Brien); no digits, and nothing a spreadsheet reads as a formula.
REAL_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|[ ·.'\u2019-])*")


def method_validate(*, kind: str, account_name: str, account: str, bank_name: str = "") -> dict:
    """The method's fields, normalised: names trimmed, spaces taken out of bank account numbers
    and phone numbers. Raises ValidationError naming every bad field."""
    errors: dict[str, list[str]] = {}
    account_name = " ".join((account_name or "").split())
    account = (account or "").strip()
    bank_name = " ".join((bank_name or "").split())
    if kind not in MethodKind.values:
        errors["kind"] = [_("Choose Alipay or a bank account.")]
    if not account_name:
        errors["account_name"] = [_("Enter the account holder's real name.")]
    elif len(account_name) > 100:
        errors["account_name"] = [_("The name is longer than 100 characters.")]
    elif not REAL_NAME.fullmatch(account_name):
        errors["account_name"] = [
            _("Enter the real name as the bank or Alipay knows it: letters only, no digits.")
        ]
    if kind == MethodKind.ALIPAY:
        bank_name = ""
        if "@" in account:
            try:
                validate_email(account)
            except ValidationError:
                errors["account"] = [_("This is not a valid email address.")]
            else:
                local, _sep, domain = account.rpartition("@")
                account = f"{local}@{domain.lower()}"
        else:
            digits = "".join(account.split())
            if MOBILE.fullmatch(digits):
                account = digits
            else:
                errors["account"] = [
                    _(
                        "Enter the Alipay account: an email address or a mainland China mobile "
                        "number (11 digits, starting with 13 to 19)."
                    )
                ]
    elif kind == MethodKind.BANK:
        digits = "".join(account.split())
        if BANK_ACCOUNT.fullmatch(digits):
            account = digits
        else:
            errors["account"] = [_("A bank account number has 12 to 19 digits.")]
        if not bank_name:
            errors["bank_name"] = [_("Enter the bank's name.")]
        elif len(bank_name) > 100:
            errors["bank_name"] = [_("The bank's name is longer than 100 characters.")]
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "account_name": account_name, "account": account, "bank_name": bank_name}


def _make_default(promoter: Promoter, method: PayoutMethod) -> None:
    PayoutMethod.objects.filter(promoter=promoter, is_default=True).exclude(pk=method.pk).update(
        is_default=False
    )
    method.is_default = True


def method_create(
    *,
    promoter: Promoter,
    kind: str,
    account_name: str,
    account: str,
    bank_name: str = "",
    is_default: bool = False,
    actor=None,
) -> PayoutMethod:
    """Add a payout method, for an approved promoter only. The first active method, or one
    asked to be, becomes the default."""
    fields = method_validate(
        kind=kind, account_name=account_name, account=account, bank_name=bank_name
    )
    with transaction.atomic():
        promoter = promoter_lock(promoter.pk)
        account_require(promoter, Right.ACT)
        method = PayoutMethod(promoter=promoter, **fields)
        has_default = PayoutMethod.objects.filter(
            promoter=promoter, is_active=True, is_default=True
        ).exists()
        if is_default or not has_default:
            _make_default(promoter, method)
        method.save()
        audit_record(
            actor=actor,
            action="payout_method.create",
            target=method,
            promoter=promoter.pk,
            kind=method.kind,
            account=method.masked_account,
        )
    return method


def method_update(*, method: PayoutMethod, actor=None, **changes) -> PayoutMethod:
    """Change a method's fields (payouts already requested keep their snapshot). is_default true
    makes it the default; the default cannot be unset except by choosing another."""
    with transaction.atomic():
        account_require(promoter_lock(method.promoter_id), Right.ACT)
        method = PayoutMethod.objects.select_for_update(of=("self",)).get(pk=method.pk)
        if not method.is_active:
            raise ValidationError({"method": [_("This payout method was removed.")]})
        fields = method_validate(
            kind=changes.get("kind", method.kind),
            account_name=changes.get("account_name", method.account_name),
            account=changes.get("account", method.account),
            bank_name=changes.get("bank_name", method.bank_name),
        )
        for name, value in fields.items():
            setattr(method, name, value)
        wants_default = changes.get("is_default")
        if wants_default is True:
            _make_default(method.promoter, method)
        elif wants_default is False and method.is_default:
            raise ValidationError({"is_default": [_("Make another method the default instead.")]})
        method.save()
        audit_record(
            actor=actor,
            action="payout_method.update",
            target=method,
            promoter=method.promoter_id,
            kind=method.kind,
            account=method.masked_account,
        )
    return method


def method_delete(*, method: PayoutMethod, actor=None) -> bool:
    """Remove a method: deleted if no payout used it, otherwise only deactivated. If it was the
    default, the newest remaining active method becomes the default. Returns whether the row
    was deleted."""
    with transaction.atomic():
        promoter = promoter_lock(method.promoter_id)
        method = PayoutMethod.objects.select_for_update(of=("self",)).get(pk=method.pk)
        was_default = method.is_default
        audit_record(
            actor=actor,
            action="payout_method.delete",
            target=method,
            promoter=promoter.pk,
            kind=method.kind,
            account=method.masked_account,
        )
        deleted = not method.payouts.exists()
        if deleted:
            method.delete()
        else:
            method.is_active = False
            method.is_default = False
            method.save(update_fields=["is_active", "is_default"])
        if was_default:
            successor = (
                PayoutMethod.objects.filter(promoter=promoter, is_active=True)
                .order_by("-created_at", "-pk")
                .first()
            )
            if successor is not None:
                successor.is_default = True
                successor.save(update_fields=["is_default"])
    return deleted
