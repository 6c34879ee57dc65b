"""Who a user is, for tenancy. Roles come from rows attached to the user (a MerchantMember, a
Promoter); reading them by attribute keeps this module free of the apps above it."""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    MERCHANT = "merchant"
    PROMOTER = "promoter"
    NONE = "none"


def role_of(user) -> Role:
    if not (user and user.is_authenticated and user.is_active):
        return Role.NONE
    if user.is_staff:
        return Role.ADMIN
    if getattr(user, "merchant_membership", None) is not None:
        return Role.MERCHANT
    if getattr(user, "promoter", None) is not None:
        return Role.PROMOTER
    return Role.NONE


def merchant_of(user):
    """The merchant the user works for, or None."""
    membership = getattr(user, "merchant_membership", None) if user.is_authenticated else None
    return membership.merchant if membership is not None else None


def promoter_of(user):
    """The user's promoter profile, or None."""
    return getattr(user, "promoter", None) if user.is_authenticated else None
