"""What `load_demo_data` prints after a load: the rows the demo holds, and its logins."""

from collections import Counter

from alliance.models import ReviewStatus
from products.models import Campaign, Category, Coupon, Merchant, Product
from promoters.management import demo_data as demo
from promoters.models import CampaignApplication, Channel, Click, Link, Promoter, UplineRelation


def summary(counts: Counter[str]) -> str:
    clicks = Click.objects.all()
    rows = [
        ("merchants", Merchant.objects.count(), f"{_approved(Merchant)} approved"),
        ("categories", Category.objects.count(), ""),
        ("products", Product.objects.count(), f"{Product.objects.promotable().count()} promotable"),
        ("campaigns", Campaign.objects.count(), _by_kind()),
        ("applications", CampaignApplication.objects.count(), _applications()),
        ("coupons", Coupon.objects.count(), f"{_exclusive()} exclusive to a promoter"),
        ("promoters", Promoter.objects.count(), f"{_approved(Promoter)} approved"),
        ("uplines", UplineRelation.objects.count(), "lily -> mei -> jun, hao -> xin"),
        ("channels", Channel.objects.count(), "推广位, default ones included"),
        ("links", Link.objects.count(), f"{Link.objects.filter(is_active=True).count()} active"),
        (
            "clicks",
            clicks.count(),
            f"{clicks.filter(is_unique=True, is_bot=False).count()} unique, "
            f"{clicks.filter(is_bot=True).count()} from bots",
        ),
    ]
    created = ", ".join(f"{number} {name}" for name, number in counts.items() if number)
    lines = [f"Demo data loaded ({'created ' + created if created else 'nothing new'})."]
    lines += [f"  {name:<13}{number:>5}  {note}".rstrip() for name, number, note in rows]
    lines.append(f"Demo logins, all with password {demo.DEMO_PASSWORD!r}:")
    lines += [f"  {login.role:<25}{login.username:<10}{login.note}" for login in demo.LOGINS]
    return "\n".join(lines)


def _approved(model) -> int:
    return model.objects.filter(status=ReviewStatus.APPROVED).count()


def _by_kind() -> str:
    return ", ".join(
        f"{Campaign.objects.filter(kind=kind).count()} {kind}" for kind in Campaign.Kind.values
    )


def _applications() -> str:
    statuses = Counter(CampaignApplication.objects.values_list("status", flat=True))
    return ", ".join(
        f"{statuses[status]} {status}" for status in ("approved", "pending", "rejected")
    )


def _exclusive() -> int:
    return Coupon.objects.filter(exclusive_promoter__isnull=False).count()
