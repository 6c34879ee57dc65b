"""The change feed behind incremental sync: each write of an order or a commission stamps it
with a position, and readers page through positions that are surely committed.

On PostgreSQL the position is the writing transaction's id. Every transaction of this database
whose id is below the oldest one of it still running has ended, so a page that stops there can
never be overtaken by a commit that lands later with a smaller position: no row is skipped.
SQLite runs one writer at a time, so there the next number after the largest is already in
commit order."""

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


# Transaction ids are 64-bit (pg_current_xact_id) but pg_stat_activity and pg_prepared_xacts
# show the 32-bit id; a running transaction's id lies less than 2**32 below the next one, which
# gives its full value back.
_RUNNING_HERE = """
SELECT min(%(next)s - ((%(next)s - xid::text::bigint) %% 4294967296))
FROM (
    SELECT backend_xid AS xid FROM pg_stat_activity
    WHERE datname = current_database() AND backend_xid IS NOT NULL
    UNION ALL
    SELECT transaction FROM pg_prepared_xacts WHERE database = current_database()
) AS running
"""


def committed_horizon() -> int:
    """Positions below this are final: no transaction still running in this database can
    write one.

    Transaction ids are the server's, but a transaction writes in one database only, so only
    this database's running transactions hold the feed back, not a long one in another database
    of the same server (which pg_snapshot_xmin would count). The next id is read first: a
    transaction that gets its id (at its first write) after the running ones are listed gets
    one at or above it."""
    if not _is_postgresql():
        return NO_HORIZON
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
        next_id = cursor.fetchone()[0]
        # pg_stat_activity is otherwise read once per transaction and kept.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(_RUNNING_HERE, {"next": next_id})
        oldest_running = cursor.fetchone()[0]
    return next_id if oldest_running is None else min(next_id, oldest_running)
