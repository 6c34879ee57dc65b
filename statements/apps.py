from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = "Merchant statements"

    def ready(self):
        from ledger.checks import ledger_check_register

        from .checks import statement_ledger_problems

        ledger_check_register(statement_ledger_problems)
