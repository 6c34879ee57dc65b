from django.core.management.base import BaseCommand, CommandError

from ledger.checks import ledger_check


class Command(BaseCommand):
    help = (
        "Check the ledger's invariants: every transaction sums to zero, the balances sum to "
        "zero, every settled commission is posted exactly once and holds its split. Exits "
        "non-zero with a report when one breaks."
    )

    def handle(self, *args, **options):
        report = ledger_check()
        summary = (
            f"{report.transactions} transactions, {report.entries} entries, "
            f"{report.commissions_checked} settled commissions checked"
        )
        if report.is_clean:
            self.stdout.write(self.style.SUCCESS(f"Ledger clean: {summary}."))
            return
        for problem in report.problems:
            self.stderr.write(f"  - {problem}")
        raise CommandError(f"Ledger check FAILED ({len(report.problems)} problems): {summary}.")
