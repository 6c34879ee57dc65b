"""A merchant's campaigns (commission plans) and coupons."""

from django.db import transaction
from django.utils.translation import gettext as _

from alliance.errors import AllianceError
from alliance.roles import Right, account_require
from alliance.services import save_unique

from ..models import Campaign, Coupon, Product
from ..rules import (
    campaign_window_check,
    coupon_code_check,
    coupon_code_taken_error,
    coupon_window_check,
)


def campaign_save(*, campaign: Campaign, products: list[Product] | None) -> Campaign:
    """Save a commission plan of an approved merchant; its products must be its own, and its
    window must hold (products.rules)."""
    campaign_window_check(
        kind=campaign.kind, starts_at=campaign.starts_at, ends_at=campaign.ends_at
    )
    account_require(campaign.merchant, Right.ACT)
    if products is not None and any(p.merchant_id != campaign.merchant_id for p in products):
        raise AllianceError(_("Every product must be your own."), field="products")
    campaign.full_clean()
    with transaction.atomic():
        campaign.save()
        if products is not None:
            campaign.products.set(products)
    return campaign


def coupon_save(*, coupon: Coupon) -> Coupon:
    """Save a coupon of an approved merchant; an exclusive coupon must name an approved
    promoter. Its window and its code's uniqueness are products.rules'."""
    coupon_window_check(valid_from=coupon.valid_from, valid_until=coupon.valid_until)
    coupon_code_check(merchant_id=coupon.merchant_id, code=coupon.code, pk=coupon.pk)
    account_require(coupon.merchant, Right.ACT)
    promoter = coupon.exclusive_promoter
    if promoter is not None and not promoter.is_approved:
        raise AllianceError(
            _("The promoter is not approved."), field="exclusive_promoter", code="not_approved"
        )
    coupon.full_clean()
    save_unique(
        coupon,
        clash=Coupon.objects.filter(merchant_id=coupon.merchant_id, code=coupon.code),
        error=coupon_code_taken_error(),
    )
    return coupon


def coupon_active_set(*, coupon: Coupon, is_active: bool) -> Coupon:
    """Switch a coupon off, or on again; switching it on checks it like any save (an exclusive
    promoter must still be approved), switching it off always works."""
    coupon.is_active = is_active
    if is_active:
        return coupon_save(coupon=coupon)
    coupon.save(update_fields=["is_active"])
    return coupon
