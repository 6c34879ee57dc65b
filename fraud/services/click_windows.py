"""What the traffic rules share: fixed windows of clicks, marking clicks, the orders attributed
through them, and a finding's evidence (fraud.services.clicks runs the rules)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from commissions.models import Order
from promoters.models import Click, ClickIdRefused, click_reference

from .flags import Finding

# Click ids kept in a flag's evidence: enough for an admin to open a few, bounded for the row.
SAMPLE = 20
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Window:
    """One fixed window of clicks: [start, end)."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, bucket: int, seconds: int) -> "Window":
        start = _EPOCH + timedelta(seconds=bucket * seconds)
        return cls(start, start + timedelta(seconds=seconds))

    def evidence(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def window_start(moment: datetime, seconds: int) -> datetime:
    """The start of the fixed window of `seconds` that holds `moment`."""
    return Window.of(int((moment - _EPOCH).total_seconds()) // seconds, seconds).start


def bucket(seconds: int) -> RawSQL:
    """The number of a click's fixed window of `seconds` (seconds since the epoch divided),
    on PostgreSQL and on SQLite."""
    column = f'"{Click._meta.db_table}"."created_at"'
    if connection.vendor == "postgresql":
        return RawSQL(f"FLOOR(EXTRACT(EPOCH FROM {column}) / %s)::bigint", (seconds,))
    return RawSQL(f"CAST(strftime('%%s', {column}) AS INTEGER) / %s", (seconds,))


def people_clicks(start: datetime, end: datetime) -> QuerySet[Click]:
    """The clicks of people (not bots) stored in [start, end)."""
    return Click.objects.filter(created_at__gte=start, created_at__lt=end, is_bot=False)


def clicks_mark(clicks: QuerySet[Click], suspicion: str) -> int:
    """Mark these clicks suspicious (one UPDATE); a click already marked keeps its suspicion."""
    return clicks.filter(is_suspicious=False).update(is_suspicious=True, suspicion=suspicion)


def orders_through(promoter_id: int, clicks: QuerySet[Click], since: datetime) -> list[int]:
    """The orders attributed to the promoter through these clicks (made from `since`): the
    order's click id names one of them. Read from the orders' side, so a flood of a hundred
    thousand clicks costs what its few orders cost."""
    links = clicks.values_list("link_id", flat=True).order_by().distinct()
    references = {}
    for pk, value in Order.objects.filter(
        promoter_id=promoter_id,
        attribution=Order.Attribution.CLICK,
        link_id__in=list(links),
        paid_at__gte=since,
    ).values_list("pk", "click_id"):
        try:
            reference = click_reference(value)
        except ClickIdRefused:
            continue
        if reference is not None:
            references[reference.click_uuid] = pk
    if not references:
        return []
    found = clicks.filter(pk__in=list(references)).values_list("pk", flat=True)
    return sorted(references[click_pk] for click_pk in found)


def finding_for(
    *,
    rule: str,
    severity: str,
    key: str,
    promoter_id: int,
    clicks: QuerySet[Click],
    summary: str,
    measured: dict,
    threshold: dict,
    window: Window,
    merchant_id: int | None = None,
) -> Finding:
    """The flag of one tripped rule: its evidence (measured against threshold, the window, a
    sample of the click ids and their number) and the orders attributed through the clicks."""
    sample = clicks.order_by("created_at", "pk").values_list("pk", flat=True)[:SAMPLE]
    return Finding(
        rule=rule,
        severity=severity,
        key=key,
        promoter_id=promoter_id,
        merchant_id=merchant_id,
        summary=summary,
        evidence={
            "measured": measured,
            "threshold": threshold,
            "window": window.evidence(),
            "click_count": clicks.count(),
            "clicks": [str(pk) for pk in sample],
        },
        order_ids=orders_through(promoter_id, clicks, window.start),
    )
