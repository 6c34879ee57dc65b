"""The catalog's rules on what a merchant enters, each written once.

The services enforce them before they write. The pages and the API call them too, while they
validate their input, so a refusal lands next to its field together with whatever else is wrong;
they only choose the wording (the API's names the fields its clients send). A rule on one field
raises AllianceError with that field and a code; a rule that may name several fields raises
Django's ValidationError keyed by field, with a code per message."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alliance.errors import AllianceError

from .models import Campaign, Coupon, Product


def _refuse(errors: dict[str, ValidationError]) -> None:
    if errors:
        raise ValidationError(errors)


def campaign_window_check(*, kind: str, starts_at, ends_at) -> None:
    """An event campaign has both a start and an end; a window ends after it starts."""
    errors = {}
    if kind == Campaign.Kind.EVENT:
        for name, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
            if not moment:
                errors[name] = ValidationError(
                    _("An event campaign needs a start and an end."), code="event_window_missing"
                )
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = ValidationError(
            _("The end must be after the start."), code="window_order"
        )
    _refuse(errors)


def coupon_window_check(*, valid_from, valid_until) -> None:
    """A coupon's validity ends after it starts."""
    if valid_from and valid_until and valid_until <= valid_from:
        _refuse(
            {
                "valid_until": ValidationError(
                    _("The end must be after the start."), code="window_order"
                )
            }
        )


def coupon_code_check(*, merchant_id: int, code: str, pk: int | None = None) -> None:
    """A coupon code is the merchant's only once."""
    clash = Coupon.objects.filter(merchant_id=merchant_id, code=code).exclude(pk=pk)
    if code and clash.exists():
        raise coupon_code_taken_error()


def coupon_code_taken_error() -> AllianceError:
    return AllianceError(
        _("You already have a coupon with this code."), field="code", code="code_taken"
    )


def product_sku_check(*, merchant_id: int, sku: str, pk: int | None = None) -> None:
    """A SKU is the merchant's only once."""
    clash = Product.objects.filter(merchant_id=merchant_id, sku=sku).exclude(pk=pk)
    if sku and clash.exists():
        raise product_sku_taken_error()


def product_sku_taken_error() -> AllianceError:
    return AllianceError(
        _("You already have a product with this SKU."), field="sku", code="sku_taken"
    )
