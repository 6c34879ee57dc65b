"""Demo payouts, after load_demo_orders: payout methods for the demo promoters and one open
request for the admin's review queue. Safe to run again: it adds only what is missing."""

from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ledger.selectors import promoter_available_balance
from promoters.models import Promoter

from ...models import Payout, PayoutMethod
from ...services.methods import method_create
from ...services.payouts import payout_request

METHODS = {
    "lily": dict(kind="alipay", account_name="林莉", account="13800138000"),
    "mei": dict(
        kind="bank", account_name="王梅", account="6222 0212 3456 7890", bank_name="工商银行"
    ),
    "jun": dict(kind="alipay", account_name="陈俊", account="jun.chen@example.com"),
}
REQUEST = Decimal("50.00")


class Command(BaseCommand):
    help = "Add payout methods for the demo promoters and a payout request to review."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing on success.")
        parser.add_argument("--allow-without-debug", action="store_true")

    def handle(self, *args, quiet=False, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError("DEBUG is off: demo data is for throwaway installations.")
        added = requested = 0
        for username, fields in METHODS.items():
            promoter = Promoter.objects.filter(user__username=username).first()
            if promoter is None:
                continue
            method = PayoutMethod.objects.filter(promoter=promoter, is_active=True).first()
            if method is None:
                method = method_create(promoter=promoter, **fields)
                added += 1
            available = promoter_available_balance(promoter.pk)
            amount = min(REQUEST, available)
            if (
                amount >= settings.ALLIANCE_MIN_PAYOUT
                and not Payout.objects.filter(promoter=promoter).exists()
            ):
                payout_request(promoter=promoter, method=method, amount=amount)
                requested += 1
        if not quiet:
            self.stdout.write(f"Demo payouts: {added} payout methods, {requested} requests.")
