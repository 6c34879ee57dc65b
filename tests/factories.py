"""factory_boy factories for every app. Build what a test needs in one line:
`approved_merchant()`, `approved_promoter()`, `LinkFactory(promoter=...)`."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from alliance.models import ReviewStatus, User
from products.models import (
    Campaign,
    Category,
    Coupon,
    Merchant,
    MerchantMember,
    Product,
    StoreDomain,
    host_of_url,
)
from promoters.models import Channel, Click, Link, OwnCustomer, Promoter, UplineRelation

PASSWORD = "correct-horse-battery-staple"


User = User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AdminFactory(UserFactory):
    is_staff = True
    is_superuser = True


# Approved for every factory merchant besides its store URL's host, so tests about something
# else may use short product URLs (https://e.com/x, https://tea.example.com/y). A test about store
# domains passes its own: MerchantFactory(store_domains=["shop.example.com"]).
TEST_STORE_DOMAINS = ("example.com", "e.com")


class MerchantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Merchant
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Store {n}")
    store_url = factory.Sequence(lambda n: f"https://store{n}.example.com/")
    status = ReviewStatus.APPROVED
    default_commission_rate = Decimal("10.00")

    @factory.post_generation
    def store_domains(obj, create, extracted, **kwargs):
        """Approved store domains: the store URL's host and TEST_STORE_DOMAINS, or the list
        passed as `store_domains`."""
        if not create:
            return
        if extracted is None:
            extracted = [host_of_url(obj.store_url), *TEST_STORE_DOMAINS]
        StoreDomain.objects.bulk_create(
            [
                StoreDomain(
                    merchant=obj,
                    host=host,
                    status=ReviewStatus.APPROVED,
                    reviewed_at=timezone.now(),
                )
                for host in dict.fromkeys(extracted)
            ]
        )


class MerchantMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MerchantMember

    user = factory.SubFactory(UserFactory)
    merchant = factory.SubFactory(MerchantFactory)
    role = MerchantMember.Role.OWNER


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    merchant = factory.SubFactory(MerchantFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    title = factory.Sequence(lambda n: f"Product {n}")
    url = factory.LazyAttribute(lambda o: f"{o.merchant.store_url}item/{o.sku}?ref=shop")
    price = Decimal("99.00")
    commission_rate = Decimal("20.00")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    merchant = factory.SubFactory(MerchantFactory)
    name = factory.Sequence(lambda n: f"Campaign {n}")
    kind = Campaign.Kind.GENERAL
    rate = Decimal("25.00")
    applies_to_all_products = True


class PromoterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promoter
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Promoter {n}")
    invite_code = factory.Sequence(lambda n: f"INV{n:05d}")
    status = ReviewStatus.APPROVED

    @factory.post_generation
    def default_channel(obj, create, extracted, **kwargs):
        if create:
            Channel.objects.create(promoter=obj, name="Default", is_default=True)


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    promoter = factory.SubFactory(PromoterFactory)
    name = factory.Sequence(lambda n: f"Channel {n}")
    kind = Channel.Kind.WECHAT_GROUP


class CouponFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coupon

    merchant = factory.SubFactory(MerchantFactory)
    code = factory.Sequence(lambda n: f"SAVE{n}")
    description = "10 off 100"
    valid_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    promoter = factory.SubFactory(PromoterFactory)
    channel = factory.LazyAttribute(lambda o: o.promoter.channels.get(is_default=True))
    product = factory.SubFactory(ProductFactory)
    merchant = factory.LazyAttribute(lambda o: o.product.merchant)
    code = factory.Sequence(lambda n: f"code{n:06d}")


class ClickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Click

    link = factory.SubFactory(LinkFactory)
    created_at = factory.LazyFunction(timezone.now)
    ip_hash = factory.Sequence(lambda n: f"{n:032x}")
    # Each visitor on a network of its own unless a test says otherwise.
    net_hash = factory.LazyAttribute(lambda click: click.ip_hash[-16:])


class OwnCustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OwnCustomer

    promoter = factory.SubFactory(PromoterFactory)
    merchant = factory.SubFactory(MerchantFactory)
    customer_id = factory.Sequence(lambda n: f"cust-{n}")


def upline(*, promoter: Promoter, upline: Promoter, days_ago: int = 0, days: int = 365):
    starts = timezone.now() - timedelta(days=days_ago)
    return UplineRelation.objects.create(
        promoter=promoter, upline=upline, starts_at=starts, expires_at=starts + timedelta(days=days)
    )
