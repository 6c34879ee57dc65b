"""Giving promoters money in tests.

`earn(promoter, ...)` builds real sales through the order pipeline and settles them, as the
platform does. `fund(promoter, amount)` is the shortcut for the many tests that only need an
available balance: one balanced posting from a merchant's payable account to the promoter."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from commissions.models import Commission
from commissions.services.settlement import settlement_run
from ledger import services as ledger
from ledger.models import LedgerAccount, LedgerTransaction
from payouts.models import MethodKind, Payout
from payouts.services.methods import method_create

from .. import factories
from ..commissions.orders import event, lifecycle, store

D = Decimal
_ids = itertools.count(1)
Kind = LedgerAccount.Kind


def fund(promoter, amount: str | Decimal, *, merchant=None) -> None:
    merchant = merchant or factories.MerchantFactory()
    payable = ledger.account_key(Kind.MERCHANT_PAYABLE, merchant_id=merchant.pk)
    available = ledger.account_key(Kind.PROMOTER_AVAILABLE, promoter_id=promoter.pk)
    accounts = ledger.accounts_get(
        [(Kind.MERCHANT_PAYABLE, merchant.pk, None), (Kind.PROMOTER_AVAILABLE, None, promoter.pk)]
    )
    ledger.ledger_post(
        idempotency_key=f"test-fund:{next(_ids)}",
        kind=LedgerTransaction.Kind.ADJUSTMENT,
        entries={payable: -D(amount), available: D(amount)},
        accounts=accounts,
    )


def earn(promoter, *, sales: list[str], shop=None, settle: bool = True):
    """Completed sales of the given amounts through `promoter`'s link, paid 20 days ago (past
    the hold), at 20 %: each earns C = 20 %, F = 10 % of C, P = 90 % of C. Settled unless
    `settle` is false. Returns the shop."""
    shop = shop or factories.MerchantFactory()
    product = factories.ProductFactory(
        merchant=shop, sku=f"PAY-{next(_ids)}", commission_rate=D("20.00")
    )
    link = factories.LinkFactory(promoter=promoter, product=product)
    paid_at = timezone.now() - timedelta(days=20)
    click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
    for amount in sales:
        order_id = f"PO{next(_ids)}"
        for body in lifecycle(order_id, product.sku, amount, click_id=click.pk, paid_at=paid_at):
            store(shop, body)
    if settle:
        settlement_run()
    return shop


def refund(commission: Commission) -> None:
    """The whole order of a settled commission refunded: the settled money is clawed back."""
    order = commission.order
    item = commission.order_item
    store(
        order.merchant,
        event(
            "order.refunded",
            order.order_id,
            items=[(item.sku, str(item.amount), str(item.amount))],
            paid_at=order.paid_at,
            occurred_at=order.paid_at + timedelta(days=12),
            completed_at=order.completed_at,
            click_id=order.click_id,
        ),
    )


def alipay(promoter, account: str = "13800138000", **kwargs):
    return method_create(
        promoter=promoter, kind=MethodKind.ALIPAY, account_name="张三", account=account, **kwargs
    )


def bank(promoter, account: str = "6222 0212 3456 7890 123", **kwargs):
    return method_create(
        promoter=promoter,
        kind=MethodKind.BANK,
        account_name="Li Wei",
        account=account,
        bank_name="招商银行",
        **kwargs,
    )


def postings(payout: Payout) -> dict[str, dict[str, Decimal]]:
    """The payout's postings by step, each as {account key: amount}."""
    out: dict[str, dict[str, Decimal]] = {}
    for posting in LedgerTransaction.objects.filter(
        idempotency_key__startswith=f"payout:{payout.pk}:"
    ).prefetch_related("entries__account"):
        step = posting.idempotency_key.rsplit(":", 1)[1]
        out[step] = {entry.account.key: entry.amount for entry in posting.entries.all()}
    return out
