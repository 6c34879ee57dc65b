"""`manage.py load_demo_data`: a small, realistic alliance to click around in.

An admin, four merchants (three approved, one pending) with their owners and catalogs, campaigns
of every kind, coupons (two exclusive to a promoter), five promoters (one pending) with an invite
chain lily -> mei -> jun, their channels (推广位) and links, and a few hundred clicks over the
last 30 days. Every demo login uses the password in promoters/management/demo_data.py.

Idempotent: each row is looked up by its natural key first, so a second run creates nothing.
Sign-ups, reviews, products, campaigns, coupons and links go through the services, so the demo
obeys the same rules as real data; history (join dates, click times) is then written on the
rows directly, because the services stamp "now".
"""

import random
from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alliance.models import ReviewStatus
from products import services as catalog
from products.models import Campaign, Category, Coupon, Merchant, MerchantMember, Product
from promoters import services
from promoters.management import demo_data as demo
from promoters.management.demo_clicks import click_history
from promoters.management.demo_summary import summary
from promoters.models import (
    CampaignApplication,
    Channel,
    Click,
    Link,
    OwnCustomer,
    Promoter,
    UplineRelation,
)

DAY = timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Load demo merchants, products, campaigns, coupons, promoters, links and clicks. "
        f"Safe to run again. Every demo login's password is {demo.DEMO_PASSWORD!r}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing on success.")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load even with DEBUG off. The demo creates a superuser with a published "
            "password: never on a reachable server.",
        )
        parser.add_argument(
            "--site-url",
            default=settings.ALLIANCE_SHORT_URL_BASE or "http://127.0.0.1:8000",
            help="Where the platform is served: the demo products' images are its static files "
            "(default: ALLIANCE_SHORT_URL_BASE, else http://127.0.0.1:8000).",
        )

    def handle(self, *args, quiet: bool = False, allow_without_debug: bool = False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off: the demo data holds a superuser with a published password. "
                "Pass --allow-without-debug if this is really a throwaway installation."
            )
        loader = DemoLoader(now=timezone.now(), site_url=options["site_url"])
        with transaction.atomic():
            loader.load()
        if not quiet:
            self.stdout.write(summary(loader.counts))


class DemoLoader:
    def __init__(self, *, now: datetime, site_url: str = "http://127.0.0.1:8000"):
        self.now = now
        self.site_url = site_url
        self.counts: Counter[str] = Counter()
        self.admin = None
        self.categories: dict[str, Category] = {}
        self.merchants: dict[str, Merchant] = {}
        self.promoters: dict[str, Promoter] = {}
        self.campaigns: dict[str, Campaign] = {}
        self.coupons: dict[str, Coupon] = {}

    def load(self) -> None:
        self.admin = self.load_admin()
        self.load_categories()
        for spec in demo.MERCHANTS:
            self.merchants[spec.key] = self.load_merchant(spec)
            self.load_products(spec, self.merchants[spec.key])
        for spec in demo.PROMOTERS:
            self.promoters[spec.username] = self.load_promoter(spec)
            self.load_channels(spec)
        for spec in demo.CAMPAIGNS:
            self.campaigns[spec.name] = self.load_campaign(spec)
        for spec in demo.APPLICATIONS:
            self.load_application(spec)
        for spec in demo.COUPONS:
            self.coupons[spec.code] = self.load_coupon(spec)
        new_clicks: list[Click] = []
        for spec in demo.PROMOTERS:
            self.load_own_customers(spec)
            for index, link_spec in enumerate(spec.links):
                link = self.load_link(spec, index, link_spec)
                if not link.clicks.exists():
                    new_clicks.extend(click_history(spec, index, link, now=self.now))
        # One multi-row INSERT per 500 clicks instead of a round trip per click.
        Click.objects.bulk_create(new_clicks, batch_size=500)
        self.counts["clicks"] += len(new_clicks)

    # --- Accounts ------------------------------------------------------------------------------

    def load_admin(self):
        user, created = get_user_model().objects.get_or_create(
            username=demo.ADMIN_USERNAME,
            defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True},
        )
        if created:
            # Set directly: an admin is not a sign-up, so the sign-up service does not apply.
            user.set_password(demo.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            self.counts["users"] += 1
        return user

    def load_categories(self) -> None:
        for spec in demo.CATEGORIES:
            category, created = Category.objects.get_or_create(
                slug=spec.slug, defaults={"name": spec.name}
            )
            self.categories[spec.slug] = category
            self.counts["categories"] += int(created)

    def load_merchant(self, spec: demo.MerchantSpec) -> Merchant:
        merchant = Merchant.objects.filter(name=spec.name).first()
        if merchant is not None:
            return merchant
        if get_user_model().objects.filter(username=spec.username).exists():
            raise CommandError(
                f"User {spec.username!r} exists but merchant {spec.name!r} does not: "
                "rename or delete that user, then load again."
            )
        merchant = catalog.merchant_signup(
            username=spec.username,
            password=demo.DEMO_PASSWORD,
            email=f"{spec.username}@example.com",
            name=spec.name,
            store_url=spec.store_url,
        )
        owner = MerchantMember.objects.get(merchant=merchant).user
        # Sign-up declared the store URL's host, which every demo product URL is on; the admin
        # approves it so the catalog below can be saved.
        for domain in merchant.store_domains.filter(status=ReviewStatus.PENDING):
            catalog.store_domain_review(
                domain=domain, status=ReviewStatus.APPROVED, reviewer=self.admin
            )
        joined = self.now - spec.joined_days_ago * DAY
        history = {"created_at": joined}
        if spec.is_approved:
            merchant = catalog.merchant_review(
                merchant=merchant, status=ReviewStatus.APPROVED, reviewer=self.admin
            )
            history["reviewed_at"] = joined + DAY
            # Rates and hold days are money: only an approved merchant sets them.
            merchant = catalog.merchant_update(merchant=merchant, actor=owner, **spec.settings)
        Merchant.objects.filter(pk=merchant.pk).update(**history)
        self.counts["users"] += 1
        self.counts["merchants"] += 1
        return Merchant.objects.get(pk=merchant.pk)

    def load_promoter(self, spec: demo.PromoterSpec) -> Promoter:
        promoter = Promoter.objects.filter(user__username=spec.username).first()
        if promoter is not None:
            return promoter
        if get_user_model().objects.filter(username=spec.username).exists():
            raise CommandError(
                f"User {spec.username!r} exists but is not a promoter: "
                "rename or delete that user, then load again."
            )
        inviter = self.promoters[spec.invited_by] if spec.invited_by else None
        promoter = services.promoter_signup(
            username=spec.username,
            password=demo.DEMO_PASSWORD,
            email=f"{spec.username}@example.com",
            display_name=spec.display_name,
            invite_code=inviter.invite_code if inviter else "",
            platforms=list(spec.platforms),
            fans_count=spec.fans_count,
            audience_tags=list(spec.audience_tags),
        )
        services.promoter_update(promoter=promoter, bio=spec.bio)
        joined = self.now - spec.joined_days_ago * DAY
        history = {"created_at": joined}
        if spec.is_approved:
            services.promoter_review(
                promoter=promoter, status=ReviewStatus.APPROVED, reviewer=self.admin
            )
            history["reviewed_at"] = joined + DAY / 2
        Promoter.objects.filter(pk=promoter.pk).update(**history)
        # The invitation happened when the promoter joined, not today.
        UplineRelation.objects.filter(promoter=promoter).update(
            starts_at=joined,
            expires_at=joined + timedelta(days=settings.ALLIANCE_UPLINE_EXPIRY_DAYS),
        )
        self.counts["users"] += 1
        self.counts["promoters"] += 1
        self.counts["uplines"] += int(inviter is not None)
        return Promoter.objects.get(pk=promoter.pk)

    def load_channels(self, spec: demo.PromoterSpec) -> None:
        promoter = self.promoters[spec.username]
        for channel_spec in spec.channels:
            _channel, created = Channel.objects.get_or_create(
                promoter=promoter, name=channel_spec.name, defaults={"kind": channel_spec.kind}
            )
            self.counts["channels"] += int(created)

    # --- Catalog -------------------------------------------------------------------------------

    def load_products(self, spec: demo.MerchantSpec, merchant: Merchant) -> None:
        existing = set(merchant.products.values_list("sku", flat=True))
        created: list[int] = []
        for number, product in enumerate(self.catalog_of(spec, merchant), start=1):
            if product.sku in existing:
                continue
            # The last product of each store is discontinued, as every real catalog has some.
            product.is_active = number < self.catalog_size(spec)
            created.append(catalog.product_save(product=product).pk)
        joined = self.now - spec.joined_days_ago * DAY
        Product.objects.filter(pk__in=created).update(created_at=joined + DAY)
        self.counts["products"] += len(created)
        self.repoint_images(spec, merchant)

    def repoint_images(self, spec: demo.MerchantSpec, merchant: Merchant) -> None:
        """Demo products loaded earlier (with photos from another host, or for another site
        URL) show this site's local category image: one update per category image."""
        skus_by_image: dict[str, list[str]] = {}
        for product in self.catalog_of(spec, merchant):
            skus_by_image.setdefault(product.image_url, []).append(product.sku)
        is_demo_image = Q(image_url__contains=demo.DEMO_IMAGE_PATH.split("{")[0])
        for prefix in demo.FORMER_DEMO_IMAGE_PREFIXES:
            is_demo_image |= Q(image_url__startswith=prefix)
        for image_url, skus in skus_by_image.items():
            merchant.products.filter(is_demo_image, sku__in=skus).exclude(
                image_url=image_url
            ).update(image_url=image_url)

    @staticmethod
    def catalog_size(spec: demo.MerchantSpec) -> int:
        return sum(len(line.variants) for line in spec.lines)

    def catalog_of(self, spec: demo.MerchantSpec, merchant: Merchant):
        """The store's products, unsaved. Numbered in the order of demo_data, so SKU numbers
        there (links, campaigns) always name the same goods."""
        rng = random.Random(f"{demo.SEED}:products:{spec.key}")
        number = 0
        for line in spec.lines:
            for variant, factor in line.variants:
                number += 1
                sku = f"{spec.key}-{number:04d}"
                uses_default = rng.random() < 0.35
                own_rate = rng.choice(spec.product_rates)
                stock = rng.choices(list(Product.StockStatus), weights=[85, 11, 4])[0]
                yield Product(
                    merchant=merchant,
                    sku=sku,
                    title=f"{line.title} {variant}".strip(),
                    url=f"{spec.store_url}item/{sku}.html?source=alliance",
                    image_url=demo.demo_image_url(self.site_url, line.category),
                    price=shop_price(line.base_price * factor, rng),
                    category=self.categories[line.category],
                    commission_rate=None if uses_default else Decimal(own_rate),
                    stock_status=stock,
                )

    def product(self, merchant_key: str, number: int) -> Product:
        return Product.objects.get(
            merchant=self.merchants[merchant_key], sku=f"{merchant_key}-{number:04d}"
        )

    def load_campaign(self, spec: demo.CampaignSpec) -> Campaign:
        merchant = self.merchants[spec.merchant]
        campaign = Campaign.objects.filter(merchant=merchant, name=spec.name).first()
        if campaign is not None:
            return campaign
        campaign = Campaign(
            merchant=merchant,
            name=spec.name,
            kind=spec.kind,
            rate=Decimal(spec.rate),
            applies_to_all_products=not spec.skus,
            description=spec.description,
        )
        if spec.window_days:
            starts, ends = spec.window_days
            campaign.starts_at = self.day_start(starts)
            campaign.ends_at = self.day_start(ends)
        products = [self.product(spec.merchant, number) for number in spec.skus]
        catalog.campaign_save(campaign=campaign, products=products)
        self.counts["campaigns"] += 1
        return campaign

    def load_application(self, spec: demo.ApplicationSpec) -> None:
        campaign = self.campaigns[spec.campaign]
        promoter = self.promoters[spec.promoter]
        if CampaignApplication.objects.filter(campaign=campaign, promoter=promoter).exists():
            return
        application = services.campaign_apply(
            campaign=campaign, promoter=promoter, message=spec.message
        )
        if spec.status != ReviewStatus.PENDING:
            services.campaign_application_review(
                application=application, status=spec.status, reason=spec.reason
            )
        self.counts["applications"] += 1

    def load_coupon(self, spec: demo.CouponSpec) -> Coupon:
        merchant = self.merchants[spec.merchant]
        coupon = Coupon.objects.filter(merchant=merchant, code=spec.code).first()
        if coupon is not None:
            return coupon
        starts, ends = spec.window_days
        coupon = catalog.coupon_save(
            coupon=Coupon(
                merchant=merchant,
                code=spec.code,
                description=spec.description,
                valid_from=self.day_start(starts),
                valid_until=self.day_start(ends),
                quantity=spec.quantity,
                exclusive_promoter=self.promoters[spec.exclusive_to] if spec.exclusive_to else None,
            )
        )
        self.counts["coupons"] += 1
        return coupon

    # --- Links and clicks ----------------------------------------------------------------------

    def load_own_customers(self, spec: demo.PromoterSpec) -> None:
        for merchant_key, customer_id in spec.own_customers:
            _row, created = OwnCustomer.objects.get_or_create(
                promoter=self.promoters[spec.username],
                merchant=self.merchants[merchant_key],
                customer_id=customer_id,
            )
            self.counts["own-customer ids"] += int(created)

    def load_link(self, spec: demo.PromoterSpec, index: int, link_spec: demo.LinkSpec) -> Link:
        promoter = self.promoters[spec.username]
        merchant = self.merchants[link_spec.merchant]
        product = self.product(link_spec.merchant, link_spec.sku) if link_spec.sku else None
        channel = (
            promoter.channels.get(name=link_spec.channel)
            if link_spec.channel
            else promoter.channels.get(is_default=True)
        )
        coupon = self.coupons[link_spec.coupon] if link_spec.coupon else None
        link = Link.objects.filter(
            promoter=promoter,
            channel=channel,
            merchant=merchant,
            product=product,
            coupon=coupon,
            sub_id=link_spec.sub_id,
        ).first()
        if link is not None:
            return link
        link = services.link_create(
            promoter=promoter,
            channel=channel,
            product=product,
            merchant=None if product else merchant,
            coupon=coupon,
            sub_id=link_spec.sub_id,
        )
        # Shared a little before the 30 days of clicks, and after the promoter joined.
        age = min(spec.joined_days_ago - 1, 31 + len(spec.links) - index)
        Link.objects.filter(pk=link.pk).update(
            created_at=self.now - age * DAY, is_active=link_spec.is_active
        )
        self.counts["links"] += 1
        link.refresh_from_db()
        return link

    def day_start(self, days_from_now: int) -> datetime:
        """Local midnight `days_from_now` days away: campaigns and coupons start on a day."""
        local = timezone.localtime(self.now) + days_from_now * DAY
        return local.replace(hour=0, minute=0, second=0, microsecond=0)


def shop_price(value: float, rng: random.Random) -> Decimal:
    """A price as shops set them: 79.00, 369.00, 129.90."""
    whole = max(9, round(value / 10) * 10 - 1)
    return Decimal(f"{whole}.{rng.choice(['00', '00', '90'])}")
