import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from alliance.models import ReviewStatus, User
from alliance.roles import Role, role_of
from products.models import (
    Campaign,
    Category,
    Coupon,
    Merchant,
    MerchantMember,
    Product,
)
from promoters.management.demo_data import DEMO_PASSWORD, LOGINS
from promoters.models import (
    CampaignApplication,
    Channel,
    Click,
    Link,
    OwnCustomer,
    Promoter,
    UplineRelation,
)
from promoters.selectors import uplines_at

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

MODELS = [
    User,
    Merchant,
    MerchantMember,
    Category,
    Product,
    Campaign,
    CampaignApplication,
    Coupon,
    Promoter,
    UplineRelation,
    Channel,
    Link,
    Click,
    OwnCustomer,
]


def load(*flags: str) -> str:
    out = io.StringIO()
    # pytest-django runs with DEBUG off, which the command refuses without the flag.
    call_command("load_demo_data", "--allow-without-debug", *flags, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo():
    """Load the demo; the counts from before, so tests compare what the load added."""
    before = counts()
    assert load("--quiet") == ""
    return before


DEMO_USERNAMES = [login.username for login in LOGINS]


def demo_links():
    return Link.objects.filter(promoter__user__username__in=DEMO_USERNAMES)


def test_second_run_leaves_every_count_unchanged(demo):
    first = counts()

    output = load()

    assert counts() == first
    assert "nothing new" in output
    assert DEMO_PASSWORD in output


def test_loads_the_documented_alliance(demo):
    added = {name: number - demo[name] for name, number in counts().items() if name != "Click"}
    assert added == {
        "User": 10,
        "Merchant": 4,
        "MerchantMember": 4,
        "Category": 8,
        "Product": 109,
        "Campaign": 10,
        "CampaignApplication": 7,
        "Coupon": 6,
        "Promoter": 5,
        "UplineRelation": 3,
        "Channel": 13,
        "Link": 27,
        "OwnCustomer": 1,
    }
    merchants = Merchant.objects.filter(members__user__username__in=DEMO_USERNAMES)
    assert merchants.filter(status=ReviewStatus.APPROVED).count() == 3
    assert merchants.filter(status=ReviewStatus.PENDING).count() == 1
    promoters = Promoter.objects.filter(user__username__in=DEMO_USERNAMES)
    assert promoters.filter(status=ReviewStatus.PENDING).count() == 1
    assert set(Campaign.objects.values_list("kind", flat=True)) == set(Campaign.Kind.values)
    assert Coupon.objects.filter(exclusive_promoter__isnull=False).count() == 2
    assert Product.objects.filter(commission_rate__isnull=True).exists()
    assert Product.objects.filter(commission_rate__isnull=False).exists()
    assert CampaignApplication.objects.filter(status=ReviewStatus.APPROVED).exists()
    assert CampaignApplication.objects.filter(status=ReviewStatus.PENDING).exists()
    now = timezone.now()
    assert any(campaign.is_running_at(now) for campaign in Campaign.objects.filter(kind="event"))


def test_invite_chain_is_two_levels_deep_and_unexpired(demo):
    jun = Promoter.objects.get(user__username="jun")

    chain = uplines_at(promoter=jun, moment=timezone.now())

    assert [upline.user.username for upline in chain] == ["mei", "lily"]
    relation = jun.upline_link
    assert relation.expires_at - relation.starts_at == timedelta(
        days=settings.ALLIANCE_UPLINE_EXPIRY_DAYS
    )
    assert relation.starts_at < timezone.now() - timedelta(days=30)


def test_clicks_are_spread_over_the_last_30_days(demo):
    now = timezone.now()
    clicks = Click.objects.filter(link__in=demo_links())

    assert 200 <= clicks.count() <= 1000
    assert not clicks.filter(created_at__lt=now - timedelta(days=30)).exists()
    assert not clicks.filter(created_at__gt=now).exists()
    assert clicks.filter(created_at__gte=now - timedelta(days=7)).exists()
    assert clicks.filter(created_at__lt=now - timedelta(days=21)).exists()
    assert clicks.filter(is_unique=False).exists()
    assert clicks.filter(is_bot=True).exists()
    for link in demo_links():
        assert not link.clicks.filter(created_at__lt=link.created_at).exists()


@pytest.mark.parametrize("login", LOGINS, ids=[login.username for login in LOGINS])
def test_every_demo_login_authenticates_in_its_role(demo, login):
    user = authenticate(username=login.username, password=DEMO_PASSWORD)

    assert user is not None
    expected = {
        "platform admin": Role.ADMIN,
        "merchant owner": Role.MERCHANT,
        "promoter": Role.PROMOTER,
    }[login.role.removesuffix(" (pending)")]
    assert role_of(user) == expected


def test_demo_links_redirect(demo, client):
    live = demo_links().filter(is_active=True).first()
    retired = demo_links().get(is_active=False)

    assert client.get(f"/t/{live.code}", HTTP_USER_AGENT="Mozilla/5.0").status_code == 302
    assert client.get(f"/t/{retired.code}", HTTP_USER_AGENT="Mozilla/5.0").status_code == 410


def test_refuses_to_run_with_debug_off_unless_told(db):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo_data", "--quiet")

    assert not User.objects.filter(username="admin").exists()


def test_run_script_prints_a_demo_login_for_each_role():
    script = (settings.BASE_DIR / "scripts" / "run").read_text()

    assert f"password: {DEMO_PASSWORD}" in script
    for role in ("platform admin", "merchant owner", "promoter"):
        username = next(login.username for login in LOGINS if login.role == role)
        assert re.search(rf"{role} +{username} ", script), role
