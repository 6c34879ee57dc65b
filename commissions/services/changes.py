"""The change feed behind incremental sync: each write of an order or a commission stamps it
with a position, and readers page through positions that are surely committed.

On PostgreSQL the position is the writing transaction's id. Every transaction whose id is below
the oldest one still running (pg_snapshot_xmin) has ended, so a page that stops there can never
be overtaken by a commit that lands later with a smaller position: no row is skipped. SQLite runs
one writer at a time, so there the next number after the largest is already in commit order."""

from django.db import connection
from django.db.models import Max
from django.db.models.expressions import RawSQL

NO_HORIZON = 2**63 - 1


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def change_position(model):
    """The change-feed position for rows the current transaction writes: an expression to
    assign in an UPDATE."""
    if _is_postgresql():
        return RawSQL("pg_current_xact_id()::text::bigint", ())
    return (model.objects.aggregate(top=Max("change_seq"))["top"] or 0) + 1


def mark_changed(model, ids) -> None:
    """Stamp rows written in the current transaction with their change-feed position."""
    ids = list(ids)
    if not ids:
        return
    model.objects.filter(pk__in=ids).update(change_seq=change_position(model))


def committed_horizon() -> int:
    """Positions below this are final: no transaction still running can write one."""
    if not _is_postgresql():
        return NO_HORIZON
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        return cursor.fetchone()[0]
