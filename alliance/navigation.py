"""The dashboards' navigation: one list of sections per role, shown by the layout.

A page whose URL name does not resolve is left out, so the menu only ever links to pages that
exist. The current section is marked for the layout (`aria-current="page"`)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from alliance.roles import Role, role_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    is_current: bool


MENUS: "dict[Role, list[tuple[str, StrOrPromise]]]" = {
    Role.MERCHANT: [
        ("merchant-overview", _("Overview")),
        ("merchant-products", _("Products")),
        ("merchant-imports", _("Imports")),
        ("merchant-campaigns", _("Campaigns")),
        ("merchant-coupons", _("Coupons")),
        ("merchant-orders", _("Orders")),
        ("merchant-promoters", _("Top promoters")),
        ("merchant-statements", _("Statements")),
        ("merchant-domains", _("Store domains")),
        ("merchant-webhook", _("Webhook")),
        ("merchant-backfill", _("Backfill")),
    ],
    Role.PROMOTER: [
        ("promoter-overview", _("Overview")),
        ("promoter-products", _("Find products")),
        ("promoter-link-new", _("Link builder")),
        ("promoter-links", _("My links")),
        ("promoter-channels", _("Channels")),
        ("promoter-orders", _("Orders")),
        ("promoter-payouts", _("Balance and payouts")),
        ("promoter-on-hold", _("On hold and penalised")),
        ("promoter-team", _("Invites and team")),
    ],
    Role.ADMIN: [
        ("console-overview", _("Overview")),
        ("console-merchants", _("Merchants")),
        ("console-promoters", _("Promoters")),
        ("console-domains", _("Store domains")),
        ("console-payouts", _("Payouts")),
        ("console-fraud", _("Fraud review")),
        ("console-settlement", _("Settlement")),
        ("console-ledger", _("Ledger check")),
        ("console-statements", _("Statements")),
        ("console-audit", _("Audit log")),
    ],
}


def _menu(role: Role, path: str) -> list[NavItem]:
    entries = []
    for name, label in MENUS.get(role, []):
        try:
            entries.append((name, label, reverse(name)))
        except NoReverseMatch:
            continue
    # The current section is the longest menu URL the path starts with: /merchant/products/12/
    # belongs to Products, not to the overview at /merchant/.
    current = max(
        (url for _name, _label, url in entries if path.startswith(url)), default=None, key=len
    )
    return [
        NavItem(label=str(label), url=url, is_current=url == current) for _n, label, url in entries
    ]


def navigation(request) -> dict:
    """Context processor: the signed-in user's role and menu."""
    role = role_of(getattr(request, "user", None))
    return {"nav_role": str(role), "nav_items": _menu(role, request.path)}
