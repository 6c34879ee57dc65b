from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """The double-entry ledger. The apps that move money post to it through ledger.services
    and add their invariants to its check in their own AppConfig.ready() (ledger.checks)."""

    name = "ledger"
    verbose_name = "Ledger"
