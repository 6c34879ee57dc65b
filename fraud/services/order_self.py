"""The undeclared self-purchase rule (docs/fraud.md, "Order and account rules"): only for
merchants that forbid self-purchase, an order whose buyer is the promoter itself by its contact,
its device or its network, though its customer id is not one the promoter declared.

The buyer's contact arrives hashed (SHA-256 of the normalised phone or email, docs/webhooks.md);
the promoter's own contacts are hashed the same way here: its sign-in email and the accounts of
its payout methods (an Alipay account is an email or a phone)."""

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q
from django.utils.translation import gettext as _

from commissions.models import Order
from payouts.models import PayoutMethod
from promoters.models import OwnCustomer, Promoter

from ..models import Flag, Rule, Sighting
from .flags import Finding

# A mainland mobile number written without its country code.
MAINLAND_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def contact_normalise(value: str) -> str:
    """An email trimmed and lowercased; a phone as its digits with the country code (a mainland
    mobile number without one gets 86); "" for anything else."""
    value = value.strip()
    if "@" in value:
        return value.lower()
    digits = re.sub(r"[^0-9]", "", value)
    if MAINLAND_MOBILE.fullmatch(digits):
        return f"86{digits}"
    return digits if len(digits) >= 8 else ""


def contact_hash(value: str) -> str:
    """The SHA-256 hex of the normalised contact, as stores send it; "" for no contact."""
    normalised = contact_normalise(value)
    return hashlib.sha256(normalised.encode()).hexdigest() if normalised else ""


class Identities:
    """The promoters' own contacts (hashed), devices and networks, read in five queries at
    most (promoters, payout methods, sightings, declared customers, their orders)."""

    def __init__(self, promoter_ids: set[int]) -> None:
        self.contacts: dict[int, dict[str, str]] = defaultdict(dict)
        self.devices: dict[int, set[str]] = defaultdict(set)
        self.networks: dict[int, set[str]] = defaultdict(set)
        users: dict[int, int] = {}
        for promoter_id, user_id, email in Promoter.objects.filter(pk__in=promoter_ids).values_list(
            "pk", "user_id", "user__email"
        ):
            users[user_id] = promoter_id
            self._contact(promoter_id, email, "email")
        for promoter_id, account in PayoutMethod.objects.filter(
            promoter_id__in=promoter_ids
        ).values_list("promoter_id", "account"):
            self._contact(promoter_id, account, "payout_account")
        for user_id, ip_hash in Sighting.objects.filter(user_id__in=list(users)).values_list(
            "user_id", "ip_hash"
        ):
            self.networks[users[user_id]].add(ip_hash)
        self._devices(promoter_ids)

    def _contact(self, promoter_id: int, value: str, kind: str) -> None:
        hashed = contact_hash(value or "")
        if hashed:
            self.contacts[promoter_id].setdefault(hashed, kind)

    def _devices(self, promoter_ids: set[int]) -> None:
        """The devices of the orders of customers the promoter declared its own."""
        declared = list(
            OwnCustomer.objects.filter(promoter_id__in=promoter_ids).values_list(
                "promoter_id", "merchant_id", "customer_id"
            )
        )
        if not declared:
            return
        condition = Q()
        for promoter_id, merchant_id, customer_id in declared:
            condition |= Q(
                promoter_id=promoter_id, merchant_id=merchant_id, customer_id=customer_id
            )
        for promoter_id, device in (
            Order.objects.filter(condition)
            .exclude(buyer_device="")
            .values_list("promoter_id", "buyer_device")
        ):
            self.devices[promoter_id].add(device)


def promoter_of(order: Order) -> int:
    """The promoter of an attributed order (the rules read attributed orders only)."""
    assert order.promoter_id is not None
    return order.promoter_id


def _matches(order: Order, identities: Identities, network: str) -> list[str]:
    promoter_id = promoter_of(order)
    found = []
    kind = identities.contacts[promoter_id].get(order.buyer_contact_hash)
    if order.buyer_contact_hash and kind:
        found.append(f"contact_{kind}")
    if order.buyer_device and order.buyer_device in identities.devices[promoter_id]:
        found.append("device")
    if network and network in identities.networks[promoter_id]:
        found.append("network")
    return found


def self_purchase_findings(orders: list[Order], networks: dict[str, str]) -> Iterator[Finding]:
    """self_purchase: where the merchant forbids self-purchase, the order's buyer contact is
    one of the promoter's own, its device is one the promoter's declared customers bought
    with (HIGH), or only its click came from a network the promoter signed in from (LOW: a
    shared network is not proof). Touches the order. Orders already void as declared
    self-purchases are left alone. `networks` are the visitor hashes of the orders' clicks, by
    click id."""
    candidates = [
        order
        for order in orders
        if not order.merchant.allow_self_purchase and not order.is_self_purchase
    ]
    if not candidates:
        return
    identities = Identities({promoter_of(order) for order in candidates})
    for order in candidates:
        network = networks.get(order.click_id, "") if order.click_id else ""
        matches = _matches(order, identities, network)
        if not matches:
            continue
        yield Finding(
            rule=Rule.SELF_PURCHASE,
            # The network alone (a carrier's NAT, an office's or a cafe's Wi-Fi shared with
            # buyers) only marks; a contact or a device the promoter owns holds.
            severity=Flag.Severity.LOW if matches == ["network"] else Flag.Severity.HIGH,
            key=f"{Rule.SELF_PURCHASE}:order:{order.pk}",
            promoter_id=promoter_of(order),
            merchant_id=order.merchant_id,
            summary=_("Order %(order)s bought by the promoter's own %(what)s")
            % {"order": order.order_id, "what": ", ".join(matches)},
            evidence={
                "measured": {"matches": matches},
                "threshold": {"matches": 1},
                "clicks": [order.click_id] if order.click_id else [],
                "orders": [order.order_id],
            },
            order_ids=[order.pk],
        )
