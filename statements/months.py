"""Calendar months in the installation's time zone (settings.TIME_ZONE), whatever time zone a
request has activated: a month of the books is the same for every reader."""

import re
from datetime import date, datetime

from django.utils import timezone

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def month_start(value: date) -> date:
    return value.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first moment of the month and of the next one, local midnights of TIME_ZONE."""
    zone = timezone.get_default_timezone()
    start, end = month_start(month), next_month(month)
    return (
        datetime(start.year, start.month, 1, tzinfo=zone),
        datetime(end.year, end.month, 1, tzinfo=zone),
    )


def month_of(moment: datetime) -> date:
    """The month (its first day) that `moment` falls in, in TIME_ZONE."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)


def month_parse(text: str) -> date | None:
    """ "2026-10" (or a day of it, "2026-10-01") -> date(2026, 10, 1); None if not a month."""
    found = MONTH_PATTERN.match(text.strip())
    if not found:
        return None
    year, month, day = int(found[1]), int(found[2]), int(found[3] or 1)
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    if parsed.year < 1971 or parsed.year > 2999:
        return None
    return parsed.replace(day=1)
