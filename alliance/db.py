"""Database helpers shared by the apps."""

from django.db import DEFAULT_DB_ALIAS, connections

# Rows per UPDATE statement: a few hundred kilobytes of parameters at most.
UPDATE_CHUNK = 1000


def bulk_update_rows(model, objs, fields: list[str]) -> None:
    """Write `fields` of `objs` in one statement per chunk.

    On PostgreSQL: `UPDATE t SET f = v.f FROM (VALUES ...) v WHERE t.id = v.id`, which costs
    the same per row however many rows there are. Django's bulk_update builds a CASE with one
    branch per row for every field, which PostgreSQL then evaluates row by row: quadratic, and
    the slowest step of applying a batch of order events. Elsewhere, Django's bulk_update."""
    objs = list(objs)
    if not objs:
        return
    # The wrapper itself, not the thread-local proxy: it is read once per value below.
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objs, fields, batch_size=UPDATE_CHUNK)
        return
    meta = model._meta
    quote = connection.ops.quote_name
    pk = meta.pk
    columns = [meta.get_field(name) for name in fields]
    casts = [pk.db_type(connection), *(column.db_type(connection) for column in columns)]
    row = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    names = ", ".join(quote(field.column) for field in [pk, *columns])
    assignments = ", ".join(f"{quote(c.column)} = v.{quote(c.column)}" for c in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), UPDATE_CHUNK):
            chunk = objs[start : start + UPDATE_CHUNK]
            params = []
            for obj in chunk:
                params.append(pk.get_db_prep_value(obj.pk, connection))
                params.extend(
                    column.get_db_prep_save(getattr(obj, column.attname), connection)
                    for column in columns
                )
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "
                f"FROM (VALUES {', '.join([row] * len(chunk))}) AS v({names}) "
                f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}",
                params,
            )


def bulk_insert_rows(model, objs) -> None:
    """Insert `objs` and set their primary keys, like bulk_create without its per-value
    compilation: on PostgreSQL one `INSERT ... VALUES ... RETURNING id` per chunk, built by
    psycopg2's execute_values. Each field's pre_save runs (auto_now and the like); no signals.
    Elsewhere, Django's bulk_create."""
    objs = list(objs)
    if not objs:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs)
        return
    from psycopg2.extras import execute_values

    meta = model._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.db_returning]
    columns = ", ".join(quote(field.column) for field in fields)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES %s "
        f"RETURNING {quote(meta.pk.column)}"
    )
    for obj in objs:
        # A related object assigned before it was saved has its key now.
        obj._prepare_related_fields_for_save(operation_name="bulk_insert_rows")
    with connection.cursor() as cursor, connection.wrap_database_errors:
        for start in range(0, len(objs), UPDATE_CHUNK):
            chunk = objs[start : start + UPDATE_CHUNK]
            rows = [
                tuple(
                    field.get_db_prep_save(field.pre_save(obj, True), connection)
                    for field in fields
                )
                for obj in chunk
            ]
            ids = execute_values(cursor.cursor, sql, rows, page_size=len(rows), fetch=True)
            for obj, (pk,) in zip(chunk, ids, strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias


def insert_ignoring_conflict(obj, conflict_fields: list[str]) -> bool:
    """INSERT `obj` unless a row with the same `conflict_fields` exists: one statement, in
    autocommit if no transaction is open (`ON CONFLICT ... DO NOTHING RETURNING`, on
    PostgreSQL and SQLite 3.35+). Returns whether it was inserted, and then sets its key."""
    connection = connections[DEFAULT_DB_ALIAS]
    meta = obj._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.db_returning]
    values = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
    conflict = ", ".join(quote(meta.get_field(name).column) for name in conflict_fields)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({conflict}) DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    return True
