from django.core.management.base import BaseCommand, CommandError

from alliance.errors import AllianceError
from statements.months import month_parse, month_start, previous_month
from statements.services import running_month, statements_issue


class Command(BaseCommand):
    help = (
        "Issue the statements of a month that has ended (default: the previous month) for every "
        "merchant with postings in it. Statements already issued are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="The month as YYYY-MM, e.g. 2026-10.")

    def handle(self, *args, month=None, **options):
        if month:
            parsed = month_parse(month)
            if parsed is None:
                raise CommandError(f"--month {month!r} is not a month like 2026-10.")
        else:
            parsed = previous_month(month_start(running_month()))
        try:
            result = statements_issue(month=parsed)
        except AllianceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.month:%Y-%m}: {result.created} statements issued, "
                f"{result.existing} already issued."
            )
        )
