from django.apps import AppConfig


class CommissionsConfig(AppConfig):
    name = "commissions"
    verbose_name = "Orders and commissions"

    def ready(self):
        from ledger.checks import ledger_check_register

        from .checks import commission_ledger_problems

        ledger_check_register(commission_ledger_problems)

        # The order event's schema is the API's (the webhook publishes it); the domain reads
        # events with it without importing the API layer.
        from .api.schema import OrderEventSchema
        from .services.events import event_schema_use

        event_schema_use(OrderEventSchema)
