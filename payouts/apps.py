from django.apps import AppConfig


class PayoutsConfig(AppConfig):
    name = "payouts"
    verbose_name = "Payouts"

    def ready(self):
        from ledger.checks import ledger_check_register

        from .checks import payout_ledger_problems

        ledger_check_register(payout_ledger_problems)
