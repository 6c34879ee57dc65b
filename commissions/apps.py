from django.apps import AppConfig


class CommissionsConfig(AppConfig):
    name = "commissions"
    verbose_name = "Orders and commissions"

    def ready(self):
        from ledger.checks import ledger_check_register

        from .checks import commission_ledger_problems

        ledger_check_register(commission_ledger_problems)
