"""Any permutation and repetition of one order's events ends in the same order, commissions and
balances: applied one by one in the order they happened, shuffled with redeliveries, or shuffled
and applied in batches that split the order's events."""

import itertools
import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissions.models import Commission, Order
from commissions.services.commissions import commission_settle
from commissions.services.events import event_store, event_validate
from commissions.services.inbox import order_events_apply_pending
from ledger.checks import ledger_check
from ledger.selectors import promoter_available_balance

from .. import factories
from .orders import event, store

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
D = Decimal
_orders = itertools.count(1)


@st.composite
def order_story(draw):
    """The events of one order in the order they happened, each a full snapshot."""
    amounts = draw(st.lists(st.integers(1, 200_000), min_size=1, max_size=2))
    lines = [D(cents) / 100 for cents in amounts]
    refunded = [D("0.00")] * len(lines)
    completed = False
    cancelled = False
    steps = draw(
        st.lists(
            st.one_of(
                st.just(("complete",)),
                st.just(("cancel",)),
                st.tuples(st.just("refund"), st.integers(0, len(lines) - 1), st.floats(0.05, 1)),
            ),
            max_size=4,
        )
    )
    story = [("order.paid", list(refunded), None)]
    for hour, step in enumerate(steps, start=1):
        if cancelled:
            break
        if step[0] == "complete" and not completed:
            completed = hour
            story.append(("order.completed", list(refunded), hour))
        elif step[0] == "cancel" and not completed:
            cancelled = True
            story.append(("order.cancelled", list(refunded), None))
        elif step[0] == "refund":
            _kind, index, share = step
            left = lines[index] - refunded[index]
            refunded[index] += min(left, max(D("0.01"), (left * D(str(share))).quantize(D("0.01"))))
            story.append(("order.refunded", list(refunded), completed or None))
    duplicates = draw(st.lists(st.integers(0, len(story) - 1), max_size=4))
    seed = draw(st.integers(0, 2**32))
    return lines, story, duplicates, seed


def bodies(order_id, sku_prefix, lines, story, paid_at, click_id):
    result = []
    for hour, (type_, refunded, completed_hour) in enumerate(story):
        result.append(
            event(
                type_,
                order_id,
                items=[
                    (f"{sku_prefix}-{i}", str(amount), str(refunded[i]))
                    for i, amount in enumerate(lines)
                ],
                paid_at=paid_at,
                occurred_at=paid_at + timedelta(hours=hour),
                completed_at=paid_at + timedelta(hours=completed_hour) if completed_hour else None,
                click_id=click_id,
            )
        )
    return result


def state_of(order_id):
    order = Order.objects.get(order_id=order_id)
    items = sorted((i.sku[-1], i.quantity, i.amount, i.refunded_amount) for i in order.items.all())
    commissions = sorted(
        (
            c.order_item.sku[-1],
            c.status,
            c.invalid_reason,
            c.commission,
            c.platform_fee,
            c.upline1_amount,
            c.promoter_amount,
            c.available_at,
        )
        for c in Commission.objects.filter(order=order).select_related("order_item")
    )
    return (
        (order.status, order.completed_at, order.amount, order.refunded_amount),
        items,
        commissions,
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(story=order_story())
def test_any_order_of_events_converges(story):
    lines, events_in_order, duplicates, seed = story
    merchant = factories.MerchantFactory()
    skus = f"P{next(_orders)}"
    for i in range(len(lines)):
        factories.ProductFactory(merchant=merchant, sku=f"{skus}-{i}", commission_rate=D("17.50"))
    paid_at = timezone.now() - timedelta(days=30)
    upline = factories.PromoterFactory()
    runs = {}
    for mode in ("in_order", "shuffled", "batched"):
        promoter = factories.PromoterFactory()
        factories.upline(promoter=promoter, upline=upline, days_ago=60)
        product = merchant.products.get(sku=f"{skus}-0")
        link = factories.LinkFactory(promoter=promoter, product=product)
        click = factories.ClickFactory(link=link, created_at=paid_at - timedelta(hours=1))
        order_id = f"{skus}-{mode}"
        stream = [
            (f"{order_id}-{n}", body)
            for n, body in enumerate(
                bodies(order_id, skus, lines, events_in_order, paid_at, click.pk)
            )
        ]
        if mode != "in_order":
            rng = random.Random(seed)
            # Redeliveries with the same webhook id, and resends under a new one.
            stream += [stream[i] for i in duplicates]
            stream += [(f"{webhook_id}-again", body) for webhook_id, body in stream[:2]]
            rng.shuffle(stream)
        if mode == "batched":
            for webhook_id, body in stream:
                schema = event_validate(merchant=merchant, data=body)
                event_store(merchant=merchant, webhook_id=webhook_id, data=schema.validated_data)
            while order_events_apply_pending(batch_size=3):
                pass
        else:
            for webhook_id, body in stream:
                store(merchant, body, webhook_id=webhook_id)
        before_settlement = state_of(order_id)
        for commission in Commission.objects.filter(order__order_id=order_id):
            commission_settle(commission_id=commission.pk)
        runs[mode] = (
            before_settlement,
            state_of(order_id),
            promoter_available_balance(promoter.pk),
        )

    assert runs["shuffled"] == runs["in_order"]
    assert runs["batched"] == runs["in_order"]
    assert ledger_check().is_clean
