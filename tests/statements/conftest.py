"""A clock the tests set, and a month of books in two merchants built through the real order
pipeline and settlement, so that every posting lands at a chosen moment.

LedgerTransaction.created_at is set on insert from django.utils.timezone.now (auto_now_add, and
the ledger refuses UPDATEs on PostgreSQL), so the clock is moved to the moment a posting should
be written before the service that writes it runs."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from commissions.models import Commission
from commissions.services.commissions import commission_settle

from .. import factories
from ..commissions.orders import event, lifecycle, store

D = Decimal
SHANGHAI = ZoneInfo("Asia/Shanghai")
_real_now = timezone.now


def local(*args) -> datetime:
    """A moment in the installation's zone (TIME_ZONE, Asia/Shanghai by default)."""
    return datetime(*args, tzinfo=SHANGHAI)


class Clock:
    def __init__(self):
        self.moment: datetime | None = None

    def now(self) -> datetime:
        return self.moment if self.moment is not None else _real_now()

    def at(self, moment: datetime) -> "Clock":
        self.moment = moment
        return self


@pytest.fixture
def clock(monkeypatch, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    the_clock = Clock()
    monkeypatch.setattr(timezone, "now", the_clock.now)
    return the_clock


@dataclass
class Shop:
    merchant: object
    link: object
    orders: dict = field(default_factory=dict)


def shop_with_link(*, promoter=None, name=None):
    merchant = factories.MerchantFactory(**({"name": name} if name else {}))
    product = factories.ProductFactory(merchant=merchant, sku="TEA-1", commission_rate=D("20.00"))
    link = factories.LinkFactory(product=product, **({"promoter": promoter} if promoter else {}))
    return Shop(merchant=merchant, link=link)


def settle_sale(clock, shop: Shop, order_id: str, amount: str, *, at: datetime) -> Commission:
    """A sale of `amount` at 20 %, paid 20 days before `at`, completed a day later, settled with
    the clock at `at` (so its settlement posting is written at `at`)."""
    clock.at(at)
    paid_at = at - timedelta(days=20)
    click = factories.ClickFactory(link=shop.link, created_at=paid_at - timedelta(hours=1))
    for body in lifecycle(order_id, "TEA-1", amount, click_id=click.pk, paid_at=paid_at):
        store(shop.merchant, body)
    commission = Commission.objects.get(order__merchant=shop.merchant, order__order_id=order_id)
    assert commission_settle(commission_id=commission.pk, now=at)
    commission.refresh_from_db()
    shop.orders[order_id] = commission.order
    return commission


def refund(clock, shop: Shop, order_id: str, *, at: datetime) -> None:
    """The whole order refunded, applied with the clock at `at`: a clawback if it was settled."""
    clock.at(at)
    order = shop.orders[order_id]
    item = order.items.get()
    store(
        shop.merchant,
        event(
            "order.refunded",
            order.order_id,
            items=[(item.sku, str(item.amount), str(item.amount))],
            paid_at=order.paid_at,
            occurred_at=at - timedelta(minutes=5),
            completed_at=order.completed_at,
            click_id=order.click_id,
        ),
    )


@dataclass
class Books:
    tea: Shop
    silk: Shop


@pytest.fixture
def books(db, clock) -> Books:
    """October and November 2026 (Asia/Shanghai):

    Tea house (promoter with an upline: F 10 %, U1 5 %):
      TEA-A 100.00 -> C 20.00 settled 10-10 12:00, refunded 10-20 (clawback -20.00 in October)
      TEA-B  50.00 -> C 10.00 settled 10-31 23:30, refunded 11-02 (clawback in November)
      TEA-C  30.00 -> C  6.00 settled 11-01 00:10 local, which is still 10-31 in UTC
    Silk shop (promoter without upline):
      SILK-A 200.00 -> C 40.00 settled 10-15 09:00
    """
    clock.at(local(2026, 9, 1, 12, 0))
    upline = factories.PromoterFactory(display_name="Auntie Upline")
    promoter = factories.PromoterFactory(display_name="=Tea Lover")
    factories.upline(promoter=promoter, upline=upline)
    tea = shop_with_link(promoter=promoter, name="West Lake Tea")
    silk = shop_with_link(name="Suzhou Silk")

    settle_sale(clock, tea, "TEA-A", "100.00", at=local(2026, 10, 10, 12, 0))
    settle_sale(clock, silk, "SILK-A", "200.00", at=local(2026, 10, 15, 9, 0))
    refund(clock, tea, "TEA-A", at=local(2026, 10, 20, 10, 0))
    settle_sale(clock, tea, "TEA-B", "50.00", at=local(2026, 10, 31, 23, 30))
    settle_sale(clock, tea, "TEA-C", "30.00", at=local(2026, 11, 1, 0, 10))
    refund(clock, tea, "TEA-B", at=local(2026, 11, 2, 8, 0))
    clock.at(local(2026, 12, 1, 9, 0))
    return Books(tea=tea, silk=silk)


@pytest.fixture
def october(books):
    """October's statement of the tea house, issued."""
    from statements.models import Statement
    from statements.services import statements_issue

    statements_issue(month=date(2026, 10, 1))
    return Statement.objects.get(merchant=books.tea.merchant, month=date(2026, 10, 1))
