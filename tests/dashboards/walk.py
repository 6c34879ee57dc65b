"""Every page of every role, with rows on it: the walks that check translations and the
Content-Security-Policy visit the same pages.

`world()` builds one merchant with a product, a campaign, a coupon, settled sales through one
promoter, a statement and a requested payout, so that tables, charts and actions render."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from fraud.models import Flag, Rule
from fraud.services.flags import Finding, flag_raise
from ledger.models import LedgerCheck
from payouts.services.payouts import payout_request
from promoters.models import CampaignApplication
from statements.models import Statement
from statements.services import statements_issue

from .. import factories
from ..payouts.money import alipay, earn

PUBLIC = ["/", "/login/", "/signup/merchant/", "/signup/promoter/", "/merchant/webhook/guide/"]


@dataclass
class World:
    merchant_user: object
    promoter_user: object
    admin_user: object
    pages: dict[str, list[str]]

    def client(self, role: str, **headers) -> Client:
        client = Client(headers=headers)
        user = {
            "merchant": self.merchant_user,
            "promoter": self.promoter_user,
            "admin": self.admin_user,
        }.get(role)
        if user is not None:
            client.force_login(user)
        return client


def world() -> World:
    shop = factories.MerchantFactory(name="Tea House")
    owner = factories.MerchantMemberFactory(merchant=shop).user
    promoter = factories.PromoterFactory(display_name="Lily Tea Notes")
    factories.PromoterFactory(display_name="Invited", status="pending")
    earn(promoter, sales=["100.00", "250.00"], shop=shop)
    product = shop.products.first()
    link = promoter.links.first()
    campaign = factories.CampaignFactory(
        merchant=shop,
        name="Spring",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=30),
    )
    CampaignApplication.objects.create(campaign=campaign, promoter=promoter)
    LedgerCheck.objects.create(
        status=LedgerCheck.Status.PASSED, started_at=timezone.now(), finished_at=timezone.now()
    )
    factories.CouponFactory(merchant=shop, code="SPRING10")
    # The sales settle today: this month's statement, issued as if the month were over.
    today = timezone.localdate()
    statements_issue(
        month=date(today.year, today.month, 1), now=timezone.now() + timedelta(days=32)
    )
    payout_request(promoter=promoter, method=alipay(promoter), amount=Decimal("10.00"))
    # A low fraud flag on one sale: the on-hold page shows a penalised order and its appeal
    # form, the merchant's orders page its mark (a low flag holds nothing).
    sale = promoter.orders.order_by("pk").first()
    flag_raise(
        Finding(
            rule=Rule.FAST_PAY,
            severity=Flag.Severity.LOW,
            key=f"fast_pay:order:{sale.pk}",
            promoter_id=promoter.pk,
            merchant_id=shop.pk,
            summary="Paid soon after the click",
            evidence={},
            order_ids=[sale.pk],
        )
    )
    admin = factories.AdminFactory(username="root")
    statement = Statement.objects.filter(merchant=shop).first()
    from commissions.models import SettlementRun

    run = SettlementRun.objects.order_by("pk").last()
    # A low flag marks and holds nothing, so the other pages read as without it.
    order = promoter.orders.order_by("pk").first()
    flag = flag_raise(
        Finding(
            rule=Rule.FAST_PAY,
            severity=Flag.Severity.LOW,
            key=f"fast_pay:order:{order.pk}",
            promoter_id=promoter.pk,
            merchant_id=shop.pk,
            summary="Paid 2 s after the click (at least 10 s)",
            evidence={"measured": {"seconds": 2}, "threshold": {"min_seconds": 10}},
            order_ids=[order.pk],
        )
    )
    merchant_pages = [
        "/merchant/",
        "/merchant/products/",
        "/merchant/imports/",
        "/merchant/orders/",
        "/merchant/promoters/",
        "/merchant/campaigns/",
        f"/merchant/campaigns/{campaign.pk}/",
        "/merchant/coupons/",
        "/merchant/webhook/",
        "/merchant/domains/",
        "/merchant/statements/",
        "/merchant/orders/backfill/",
    ]
    if statement is not None:
        merchant_pages.append(f"/merchant/statements/{statement.pk}/")
    return World(
        merchant_user=owner,
        promoter_user=promoter.user,
        admin_user=admin,
        pages={
            "public": PUBLIC,
            "merchant": merchant_pages,
            "promoter": [
                "/promoter/",
                "/promoter/products/",
                f"/promoter/links/new/?product={product.pk}",
                "/promoter/links/",
                f"/promoter/links/{link.pk}/",
                "/promoter/channels/",
                "/promoter/orders/",
                "/promoter/team/",
                "/promoter/payouts/",
                "/promoter/on-hold/",
            ],
            "admin": [
                "/console/",
                "/console/merchants/",
                "/console/promoters/",
                "/console/domains/",
                "/console/payouts/",
                "/console/audit/",
                "/console/settlement/",
                f"/console/settlement/{run.pk}/",
                "/console/ledger/",
                "/console/statements/",
                "/console/fraud/",
                f"/console/fraud/{flag.pk}/",
            ],
        },
    )
