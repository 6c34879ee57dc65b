"""Who a user is, for tenancy. Roles come from rows attached to the user (a MerchantMember, a
Promoter); reading them by attribute keeps this module free of the apps above it."""

from enum import StrEnum

from django.utils.translation import gettext as _

from .errors import NotAllowed
from .models import ReviewStatus


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


class Right(StrEnum):
    """What a merchant's or promoter's account may do; STATUS_RIGHTS says which statuses hold
    each right. docs/domain.md ("Who may earn and spend") is the same table in words."""

    # See its own dashboards and API data (orders, statements, balances, links).
    VIEW = "view"
    # Change anything: catalog, rates and hold days, campaigns, coupons, backfill, links,
    # channels, payout methods, payout requests.
    ACT = "act"
    # Merchant: its store's order events are accepted (webhook) and applied.
    SEND_EVENTS = "send_events"
    # Its orders create commissions (the merchant's) / it is attributed orders (the promoter).
    EARN = "earn"
    # Its commissions settle and its payouts can be approved; without it they are held.
    SETTLE = "settle"


# The one status table. The statuses are alliance.models.ReviewStatus values; a status missing
# from a right's set does not hold it. Suspended keeps EARN without SETTLE: what it touches is
# recorded but held until an admin approves the account again (release) or voids the money.
STATUS_RIGHTS: dict[str, frozenset[Right]] = {
    ReviewStatus.PENDING: frozenset(),
    ReviewStatus.REJECTED: frozenset(),
    ReviewStatus.APPROVED: frozenset(Right),
    ReviewStatus.SUSPENDED: frozenset({Right.VIEW, Right.SEND_EVENTS, Right.EARN}),
}


def status_allows(status: str, right: Right) -> bool:
    return right in STATUS_RIGHTS.get(status, frozenset())


def account_require(account, right: Right) -> None:
    """Raise unless the merchant's or promoter's account holds `right` in its status: 403
    `account_suspended` for a suspended account, `account_not_approved` otherwise."""
    if status_allows(account.status, right):
        return
    if account.status == ReviewStatus.SUSPENDED:
        raise NotAllowed(
            _(
                "This account is suspended: it may look but not change anything until an admin "
                "decides."
            ),
            code="account_suspended",
        )
    raise NotAllowed(
        _("This account is not approved yet: it can do this once an admin approves it."),
        code="account_not_approved",
    )
