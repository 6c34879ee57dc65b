import itertools
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from alliance.errors import AllianceError
from alliance.models import ReviewStatus
from promoters.models import MAX_UPLINE_DEPTH, UplineRelation
from promoters.selectors import uplines_at
from promoters.services import promoter_signup

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def chain(length: int) -> list:
    """promoters[0] invited promoters[1] invited ... promoters[length-1]."""
    promoters = [factories.PromoterFactory() for _ in range(length)]
    for upper, lower in itertools.pairwise(promoters):
        factories.upline(promoter=lower, upline=upper)
    return promoters


def test_signup_with_invite_code_creates_upline_that_expires_after_a_year():
    inviter = factories.PromoterFactory()

    promoter = promoter_signup(
        username="newkol",
        password="a-long-enough-pass",
        display_name="New KOL",
        invite_code=inviter.invite_code.lower(),
    )

    relation = UplineRelation.objects.get(promoter=promoter)
    assert relation.upline == inviter
    assert relation.expires_at - relation.starts_at == timedelta(days=365)
    assert promoter.status == ReviewStatus.PENDING
    assert list(promoter.channels.values_list("name", "is_default")) == [("Default", True)]


@override_settings(ALLIANCE_UPLINE_EXPIRY_DAYS=30)
def test_upline_expiry_follows_the_setting():
    inviter = factories.PromoterFactory()

    promoter = promoter_signup(
        username="kol30",
        password="a-long-enough-pass",
        display_name="K",
        invite_code=inviter.invite_code,
    )

    relation = promoter.upline_link
    assert relation.expires_at - relation.starts_at == timedelta(days=30)


@pytest.mark.parametrize("status", [ReviewStatus.PENDING, ReviewStatus.SUSPENDED])
def test_invite_code_of_a_promoter_that_is_not_approved_is_refused(status):
    inviter = factories.PromoterFactory(status=status)

    with pytest.raises(AllianceError) as error:
        promoter_signup(
            username="x1",
            password="a-long-enough-pass",
            display_name="X",
            invite_code=inviter.invite_code,
        )

    assert error.value.field == "invite_code"
    assert not UplineRelation.objects.exists()
    assert not factories.User.objects.filter(username="x1").exists()


def test_uplines_are_capped_at_two_levels_whatever_the_chain_length():
    promoters = chain(5)

    uplines = uplines_at(promoter=promoters[-1], moment=timezone.now())

    assert MAX_UPLINE_DEPTH == 2
    assert uplines == [promoters[-2], promoters[-3]]


def test_expired_upline_earns_nothing_and_stops_the_chain():
    top, middle, bottom = chain(3)
    UplineRelation.objects.filter(promoter=middle).update(
        starts_at=timezone.now() - timedelta(days=500)
    )
    relation = bottom.upline_link
    relation.expires_at = timezone.now() - timedelta(seconds=1)
    relation.starts_at = relation.expires_at - timedelta(days=365)
    relation.save()

    assert uplines_at(promoter=bottom, moment=timezone.now()) == []
    assert uplines_at(promoter=bottom, moment=relation.expires_at - timedelta(days=1)) == [
        middle,
        top,
    ]


def test_level_two_relation_is_judged_at_the_same_moment():
    _top, middle, bottom = chain(3)
    upper = middle.upline_link
    upper.expires_at = timezone.now() - timedelta(days=1)
    upper.starts_at = upper.expires_at - timedelta(days=365)
    upper.save()

    assert uplines_at(promoter=bottom, moment=timezone.now()) == [middle]


def test_promoter_without_upline_has_none():
    assert uplines_at(promoter=factories.PromoterFactory(), moment=timezone.now()) == []
