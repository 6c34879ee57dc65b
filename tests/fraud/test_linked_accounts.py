"""Linked promoter accounts: payout identities shared by several accounts (multi-account
farms) and upline chains created minutes apart (docs/fraud.md, "Linked accounts")."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commissions.models import Commission
from fraud.models import Flag, Rule, Sighting
from fraud.services.account_rules import account_findings
from fraud.services.flags import flags_raise
from fraud.services.linked_accounts import identity_key
from payouts.models import PayoutHold
from promoters.models import Promoter

from .. import factories
from .history import commissions, link_at, payout_method

pytestmark = pytest.mark.django_db


def sweep() -> int:
    return flags_raise(account_findings(now=timezone.now()))


@pytest.fixture
def shop():
    return factories.MerchantFactory()


def test_payout_identities_ignore_spacing_and_letter_case():
    assert identity_key("bank", "6222 0202 0000 1234 567") == ("bank", "6222020200001234567")
    assert identity_key("alipay", "138-0013-8000") == ("phone", "13800138000")
    assert identity_key("alipay", " Li.Wei@Example.COM ") == ("email", "li.wei@example.com")
    assert identity_key("bank", " - ") is None


def test_one_bank_card_and_one_phone_across_accounts_is_a_high_flag_on_each(shop):
    first, second, third = (link_at(shop) for _ in range(3))
    payout_method(first.promoter, "6222020200001234567", kind="bank")
    payout_method(second.promoter, "6222 0202 0000 1234 567", kind="bank")
    payout_method(second.promoter, "13800138000")
    payout_method(third.promoter, "138 0013 8000")
    pending = commissions(second, 2, status=Commission.Status.PENDING)
    confirmed = commissions(second, 1, status=Commission.Status.CONFIRMED)
    settled = commissions(second, 1)

    sweep()

    flags = {flag.promoter_id: flag for flag in Flag.objects.filter(rule=Rule.SHARED_IDENTITY)}
    ids = [first.promoter_id, second.promoter_id, third.promoter_id]
    assert sorted(flags) == sorted(ids)
    assert {flag.severity for flag in flags.values()} == {"high"}
    middle = flags[second.promoter_id]
    assert middle.evidence["other_promoters"] == sorted([first.promoter_id, third.promoter_id])
    assert middle.evidence["measured"] == {"accounts": 3}
    assert middle.evidence["threshold"] == {"min_accounts": 2}
    assert sorted(middle.evidence["shared"], key=lambda entry: entry["kind"]) == [
        {"kind": "bank", "account": "**** **** **** 4567", "promoters": [first.promoter_id]},
        {"kind": "phone", "account": "138****8000", "promoters": [third.promoter_id]},
    ]
    assert "6222020200001234567" not in str(middle.evidence)
    touched = set(middle.commissions.values_list("pk", flat=True))
    assert touched == {c.pk for c in pending + confirmed}
    assert not Commission.objects.get(pk=settled[0].pk).review_hold
    assert PayoutHold.objects.filter(released_at__isnull=True).count() == 3


def test_two_honest_promoters_with_their_own_accounts_are_not_flagged(shop):
    first, second = link_at(shop), link_at(shop)
    payout_method(first.promoter, "13800138000")
    payout_method(second.promoter, "13900139000")
    payout_method(first.promoter, "li.wei@example.com")
    payout_method(second.promoter, "wang.fang@example.com")

    assert sweep() == 0
    assert not Flag.objects.exists()


def test_an_email_account_matches_whatever_its_letter_case(shop):
    first, second = link_at(shop), link_at(shop)
    payout_method(first.promoter, "li.wei@example.com")
    payout_method(second.promoter, "LI.WEI@example.com")

    sweep()

    assert Flag.objects.filter(rule=Rule.SHARED_IDENTITY).count() == 2


def _chain(minutes_apart: float, *, days_ago: float = 3):
    top, middle, bottom = (factories.PromoterFactory() for _ in range(3))
    start = timezone.now() - timedelta(days=days_ago)
    for i, promoter in enumerate((top, middle, bottom)):
        Promoter.objects.filter(pk=promoter.pk).update(
            created_at=start + timedelta(minutes=i * minutes_apart)
        )
    factories.upline(promoter=middle, upline=top)
    factories.upline(promoter=bottom, upline=middle)
    return top, middle, bottom


def test_an_upline_chain_created_minutes_apart_is_a_low_flag_on_its_last_account():
    top, middle, bottom = _chain(3)

    sweep()

    flag = Flag.objects.get(rule=Rule.UPLINE_CHAIN)
    assert (flag.promoter_id, flag.severity) == (bottom.pk, "low")
    assert flag.key == f"upline_chain:promoter:{bottom.pk}"
    assert flag.evidence["chain"] == [bottom.pk, middle.pk, top.pk]
    assert flag.evidence["measured"] == {"minutes": 6.0, "links": []}
    assert flag.evidence["threshold"] == {"max_minutes": 10}
    assert not PayoutHold.objects.exists()


def test_an_upline_chain_that_also_signs_in_from_one_network_is_high(shop):
    top, _middle, bottom = _chain(2)
    link = link_at(shop, promoter=bottom)
    pending = commissions(link, 2, status=Commission.Status.PENDING)
    Sighting.objects.create(user=top.user, ip_hash="net-a")
    Sighting.objects.create(user=bottom.user, ip_hash="net-a")

    sweep()

    flag = Flag.objects.get(rule=Rule.UPLINE_CHAIN)
    assert flag.severity == "high"
    assert flag.evidence["measured"]["links"] == ["sign_in_network"]
    assert set(flag.commissions.values_list("pk", flat=True)) == {c.pk for c in pending}
    assert flag.payout_hold.promoter_id == bottom.pk


def test_an_upline_chain_that_shares_a_payout_account_is_high():
    top, _middle, bottom = _chain(2)
    payout_method(top, "13800138000")
    payout_method(bottom, "13800138000")

    sweep()

    flag = Flag.objects.get(rule=Rule.UPLINE_CHAIN)
    assert flag.severity == "high"
    assert flag.evidence["measured"]["links"] == ["payout_identity"]


def test_chains_built_over_days_or_of_one_level_are_not_flagged():
    _chain(60 * 24)
    _chain(20)  # 40 minutes end to end: above upline_chain_minutes
    first, second = factories.PromoterFactory(), factories.PromoterFactory()
    factories.upline(promoter=second, upline=first)  # one level only, created together

    sweep()

    assert not Flag.objects.filter(rule=Rule.UPLINE_CHAIN).exists()
