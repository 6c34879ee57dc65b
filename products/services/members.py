"""Who may act for a merchant."""

from django.utils.translation import gettext as _

from alliance.errors import NotAllowed
from alliance.models import User

from ..models import Merchant, MerchantMember


def owner_require(merchant: Merchant, actor: User) -> None:
    """Only the merchant's owner changes its settings, its domains and its webhook secret."""
    membership = getattr(actor, "merchant_membership", None)
    if not (membership and membership.merchant_id == merchant.pk) or (
        membership.role != MerchantMember.Role.OWNER
    ):
        raise NotAllowed(_("Only the merchant's owner may change its settings."))
