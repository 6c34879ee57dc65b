"""Linked promoter accounts: one payout identity (an Alipay phone or email, a bank card) on
several promoter accounts (multi-account farms, high), and upline chains of accounts created
minutes apart (low; high when the chain also shares a payout identity or a sign-in network).
docs/fraud.md ("Linked accounts") states the rules."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from itertools import combinations
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from commissions.models import Commission
from payouts.models import MethodKind, PayoutMethod, mask_account
from promoters.models import UplineRelation

from ..models import Flag, Rule, Sighting
from ..params import param
from .flags import Finding

UNSETTLED = [Commission.Status.PENDING, Commission.Status.CONFIRMED]


def identity_key(kind: str, account: str) -> tuple[str, str] | None:
    """A payout account as an identity: (`bank`, digits), (`phone`, digits) or (`email`,
    lowercase), so spaces, dashes and letter case do not tell two accounts apart."""
    account = account.strip()
    if kind == MethodKind.BANK:
        digits = "".join(ch for ch in account if ch.isdigit())
        return ("bank", digits) if digits else None
    if "@" in account:
        return "email", account.lower()
    digits = "".join(ch for ch in account if ch.isdigit())
    return ("phone", digits) if digits else None


def payout_identities() -> dict[tuple[str, str], set[int]]:
    """Every payout identity and the promoters whose payout methods (active or not) carry it:
    one pass over the methods, normalised here because the database cannot do it portably."""
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    methods = PayoutMethod.objects.values_list("promoter_id", "kind", "account").order_by()
    for promoter_id, kind, account in methods.iterator(chunk_size=5000):
        identity = identity_key(kind, account)
        if identity is not None:
            owners[identity].add(promoter_id)
    return owners


def _unsettled(promoter_ids) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    rows = (
        Commission.objects.filter(promoter_id__in=list(promoter_ids), status__in=UNSETTLED)
        .order_by("pk")
        .values_list("promoter_id", "pk")
    )
    for promoter_id, commission_id in rows:
        found[promoter_id].append(commission_id)
    return found


def _masked(identity: tuple[str, str]) -> str:
    kind, value = identity
    return mask_account(MethodKind.BANK if kind == "bank" else MethodKind.ALIPAY, value)


def shared_identity_findings(
    owners: dict[tuple[str, str], set[int]],
) -> Iterator[Finding]:
    """A high flag on each promoter of a payout identity shared by at least
    shared_identity_min_accounts accounts, touching its unsettled commissions."""
    least = max(int(param("shared_identity_min_accounts")), 2)
    shared: dict[int, list[dict]] = defaultdict(list)
    for identity, promoters in sorted(owners.items()):
        if len(promoters) < least:
            continue
        for promoter_id in promoters:
            others = sorted(promoters - {promoter_id})
            shared[promoter_id].append(
                {"kind": identity[0], "account": _masked(identity), "promoters": others}
            )
    unsettled = _unsettled(shared)
    for promoter_id, identities in sorted(shared.items()):
        others = sorted({other for entry in identities for other in entry["promoters"]})
        yield Finding(
            rule=Rule.SHARED_IDENTITY,
            severity=Flag.Severity.HIGH,
            key=f"{Rule.SHARED_IDENTITY}:promoter:{promoter_id}",
            promoter_id=promoter_id,
            summary=_("Payout account shared with %(count)s other promoter accounts: %(ids)s")
            % {"count": len(others), "ids": ", ".join(str(other) for other in others[:10])},
            evidence={
                "measured": {"accounts": len(others) + 1},
                "threshold": {"min_accounts": least},
                "shared": identities,
                "other_promoters": others,
            },
            commission_ids=unsettled.get(promoter_id, []),
        )


def _chains(minutes: int) -> list[Any]:
    """Promoters with an upline and an upline's upline, the three accounts created within
    `minutes` of each other: one query, the first pair narrowed in the database."""
    spread = timedelta(minutes=minutes)
    rows = (
        UplineRelation.objects.filter(
            upline__upline_link__isnull=False,
            promoter__created_at__lte=F("upline__created_at") + spread,
            promoter__created_at__gte=F("upline__created_at") - spread,
        )
        .values(
            "promoter_id",
            "promoter__user_id",
            "promoter__created_at",
            "upline_id",
            "upline__user_id",
            "upline__created_at",
            second_id=F("upline__upline_link__upline_id"),
            second_user_id=F("upline__upline_link__upline__user_id"),
            second_created_at=F("upline__upline_link__upline__created_at"),
        )
        .order_by("promoter_id")
    )
    chains = []
    for row in rows:
        moments = [row["promoter__created_at"], row["upline__created_at"], row["second_created_at"]]
        if max(moments) - min(moments) <= spread:
            chains.append(row)
    return chains


def _shared_networks(user_ids: set[int]) -> dict[int, set[str]]:
    networks: dict[int, set[str]] = defaultdict(set)
    rows = Sighting.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "ip_hash")
    for user_id, ip_hash in rows.order_by():
        networks[user_id].add(ip_hash)
    return networks


def upline_chain_findings(owners: dict[tuple[str, str], set[int]]) -> Iterator[Finding]:
    """A flag on each promoter whose two-level upline chain was created within
    upline_chain_minutes: low, or high when two accounts of the chain share a payout
    identity or a sign-in network."""
    minutes = int(param("upline_chain_minutes"))
    chains = _chains(minutes)
    if not chains:
        return
    identities: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for identity, promoters in owners.items():
        for promoter_id in promoters:
            identities[promoter_id].add(identity)
    users = {row[key] for row in chains for key in ("promoter__user_id", "upline__user_id")}
    networks = _shared_networks(users | {row["second_user_id"] for row in chains})
    high = [row for row in chains if _links(row, identities, networks)]
    unsettled = _unsettled(row["promoter_id"] for row in high)
    for row in chains:
        links = _links(row, identities, networks)
        chain = [row["promoter_id"], row["upline_id"], row["second_id"]]
        moments = [row["promoter__created_at"], row["upline__created_at"], row["second_created_at"]]
        seconds = (max(moments) - min(moments)).total_seconds()
        yield Finding(
            rule=Rule.UPLINE_CHAIN,
            severity=Flag.Severity.HIGH if links else Flag.Severity.LOW,
            key=f"{Rule.UPLINE_CHAIN}:promoter:{row['promoter_id']}",
            promoter_id=row["promoter_id"],
            summary=_("Upline chain %(chain)s created within %(minutes)s minutes")
            % {"chain": " < ".join(str(pk) for pk in chain), "minutes": round(seconds / 60, 1)}
            + (" " + _("and linked by %(links)s") % {"links": ", ".join(links)} if links else ""),
            evidence={
                "chain": chain,
                "created_at": [moment.isoformat() for moment in moments],
                "measured": {"minutes": round(seconds / 60, 2), "links": links},
                "threshold": {"max_minutes": minutes},
            },
            commission_ids=unsettled.get(row["promoter_id"], []),
        )


def _links(row: dict, identities, networks) -> list[str]:
    """What ties two accounts of the chain together, besides their creation times."""
    members = [
        (row["promoter_id"], row["promoter__user_id"]),
        (row["upline_id"], row["upline__user_id"]),
        (row["second_id"], row["second_user_id"]),
    ]
    links = set()
    for (first, first_user), (second, second_user) in combinations(members, 2):
        if identities.get(first, set()) & identities.get(second, set()):
            links.add("payout_identity")
        if networks.get(first_user, set()) & networks.get(second_user, set()):
            links.add("sign_in_network")
    return sorted(links)
