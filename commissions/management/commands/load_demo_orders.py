"""Demo orders on top of `load_demo_data`: some of the demo clicks become orders, sent through
the same inbox and apply path as a store's webhook, so the demo promoters have estimated,
confirmed, settled and invalid commissions to look at. Safe to run again: every event has a
fixed webhook id, and settling twice is a no-op."""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from alliance.models import ReviewStatus
from alliance.money import quantize
from commissions.models import Commission, Order, OrderEvent
from commissions.services.commissions import commission_settle
from commissions.services.events import event_store, event_validate
from commissions.services.inbox import order_events_apply_pending
from promoters.models import Click

SEED = "alliance-demo-orders"
# About one human click in twelve becomes an order: a plausible conversion rate for shared links.
CONVERSION = 1 / 12
CUSTOMERS = 40


class Command(BaseCommand):
    help = "Turn some demo clicks into orders and commissions (run after load_demo_data)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing on success.")
        parser.add_argument("--allow-without-debug", action="store_true")

    def handle(self, *args, quiet=False, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError("DEBUG is off: demo data is for throwaway installations.")
        now = timezone.now()
        clicks = (
            Click.objects.filter(
                is_bot=False,
                is_unique=True,
                link__merchant__status=ReviewStatus.APPROVED,
                created_at__lt=now - timedelta(hours=2),
            )
            .select_related("link__merchant", "link__product")
            .order_by("created_at", "pk")
        )
        stored = 0
        with transaction.atomic():
            for click in clicks:
                rng = random.Random(f"{SEED}:{click.pk}")
                if rng.random() >= CONVERSION:
                    continue
                for webhook_id, body in demo_events(click, rng, now):
                    schema = event_validate(merchant=click.link.merchant, data=body)
                    if schema.errors:
                        raise CommandError(f"Demo event {webhook_id} is invalid: {schema.errors}")
                    _event, created = event_store(
                        merchant=click.link.merchant,
                        webhook_id=webhook_id,
                        data=schema.validated_data,
                    )
                    stored += created
        # Apply here rather than wait for a worker, so the demo is complete when this returns.
        while order_events_apply_pending(batch_size=settings.ALLIANCE_ORDER_EVENT_BATCH):
            pass
        settled = 0
        for commission_id in Commission.objects.filter(
            status=Commission.Status.CONFIRMED, available_at__lte=now
        ).values_list("pk", flat=True):
            settled += commission_settle(commission_id=commission_id, now=now)
        if not quiet:
            self.stdout.write(
                f"Demo orders: {Order.objects.count()} orders from "
                f"{OrderEvent.objects.filter(webhook_id__startswith='demo-').count()} events "
                f"({stored} new), {settled} commissions settled now."
            )


def demo_events(click: Click, rng: random.Random, now):
    """The events of one demo order: paid, then most complete, a few are cancelled or refunded."""
    link = click.link
    product = link.product or link.merchant.products.filter(is_active=True).order_by("pk").first()
    if product is None:
        return []
    order_id = f"DEMO{click.pk.hex[:12].upper()}"
    paid_at = click.created_at + timedelta(minutes=rng.randint(2, 90))
    quantity = rng.choice([1, 1, 1, 2])
    amount = product.price * quantity
    base = {
        "order_id": order_id,
        "paid_at": paid_at,
        "completed_at": None,
        "click_id": click.token,  # the id the redirect handed the store
        "coupon_code": "",
        "customer_id": f"demo-buyer-{rng.randint(1, CUSTOMERS)}",
    }

    def snapshot(type_, occurred_at, refunded="0.00", completed_at=None):
        return (
            f"demo-{order_id}-{type_}",
            {
                **base,
                "type": type_,
                "occurred_at": occurred_at,
                "completed_at": completed_at,
                "items": [
                    {
                        "sku": product.sku,
                        "quantity": quantity,
                        "amount": str(amount),
                        "refunded_amount": refunded,
                    }
                ],
            },
        )

    events = [snapshot("order.paid", paid_at)]
    fate = rng.random()
    completed_at = paid_at + timedelta(days=rng.randint(2, 5))
    cancelled_at = paid_at + timedelta(hours=rng.randint(1, 20))
    if fate < 0.08 and cancelled_at < now:
        events.append(snapshot("order.cancelled", cancelled_at))
    elif completed_at < now:
        events.append(snapshot("order.completed", completed_at, completed_at=completed_at))
        refund_at = completed_at + timedelta(days=1)
        if fate > 0.9 and refund_at < now:
            half = quantize(amount / 2)
            events.append(
                snapshot("order.refunded", refund_at, refunded=str(half), completed_at=completed_at)
            )
    return [(webhook_id, {**body, **_isoformat(body)}) for webhook_id, body in events]


def _isoformat(body: dict) -> dict:
    return {
        name: body[name].isoformat()
        for name in ("paid_at", "occurred_at", "completed_at")
        if body[name] is not None
    }
