"""Sales and flags for the tests of what promoters and merchants see."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from fraud.models import Flag, Rule
from fraud.services.flags import Finding, flag_raise

from .. import factories
from ..commissions.orders import event, lifecycle, store


def sale(shop, promoter, order_id: str, amount: str = "100.00"):
    """A completed sale of `amount` through a click on the promoter's link: 10% commission,
    the promoter keeps 9.00 of 10.00 (platform fee 10%)."""
    product = shop.products.filter(sku="S").first() or factories.ProductFactory(
        merchant=shop, sku="S", commission_rate=Decimal("10.00")
    )
    link = factories.LinkFactory(promoter=promoter, product=product)
    paid_at = timezone.now() - timedelta(days=20)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    for body in lifecycle(order_id, "S", amount, click_id=click.pk, paid_at=paid_at):
        store(shop, body)
    return shop.orders.get(order_id=order_id)


def unattributed_sale(shop, order_id: str):
    factories.ProductFactory(merchant=shop, sku="U")
    store(
        shop,
        event(
            "order.paid",
            order_id,
            items=[("U", "50.00")],
            paid_at=timezone.now(),
            customer_id="stranger",
        ),
    )
    return shop.orders.get(order_id=order_id)


def flag(order, severity=Flag.Severity.HIGH, rule=Rule.FAST_PAY) -> Flag:
    raised = flag_raise(
        Finding(
            rule=rule,
            severity=severity,
            key=f"{rule}:order:{order.pk}",
            promoter_id=order.promoter_id,
            merchant_id=order.merchant_id,
            summary="Paid 2 s after the click (at least 10 s)",
            evidence={"measured": {"seconds": 2}, "threshold": {"min_seconds": 10}},
            order_ids=[order.pk],
        )
    )
    assert raised is not None
    return raised
