"""The dashboards' periods: the last 7, 30 or 90 calendar days in TIME_ZONE, and sums grouped by
such a day. Merchant and promoter pages count their days the same way."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30


def period_days(value) -> int:
    """The `?days=` switch: 7, 30 or 90; anything else is the default."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


def day_start(day: date) -> datetime:
    """Midnight starting `day` in TIME_ZONE."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


@dataclass(frozen=True)
class Period:
    """The last `days` calendar days in TIME_ZONE, today included."""

    days: int
    first_day: date
    start: datetime  # midnight starting first_day
    end: datetime  # midnight after today

    @classmethod
    def last(cls, days: int, *, now: datetime | None = None) -> "Period":
        today = timezone.localdate(now or timezone.now(), timezone.get_default_timezone())
        first_day = today - timedelta(days=days - 1)
        return cls(
            days=days,
            first_day=first_day,
            start=day_start(first_day),
            end=day_start(today + timedelta(days=1)),
        )

    @property
    def day_list(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(self.days)]

    def within(self, moment: str) -> dict:
        """Filter arguments keeping the rows whose `moment` falls in the period."""
        return {f"{moment}__gte": self.start, f"{moment}__lt": self.end}


def by_day(queryset: QuerySet, moment: str, period: Period, **sums) -> dict[date, dict]:
    """`sums` of the rows whose `moment` falls in the period, per TIME_ZONE day: one query."""
    rows = (
        queryset.filter(**period.within(moment))
        .annotate(day=TruncDate(moment, tzinfo=timezone.get_default_timezone()))
        .values("day")
        .annotate(**sums)
        .order_by()
    )
    return {row["day"]: row for row in rows}
