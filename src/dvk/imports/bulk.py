"""Inserting new records of an import in bulk, ids allocated up front.

The ORM's `bulk_create` prepares every value through the full field machinery and, on SQLite, is limited to
999 parameters a query (some 30 initiatives per INSERT): for a 10,000-row register it took most of the write
step. Here the values are prepared once per field kind, the ids are allocated by the database before the
insert (so the objects get their primary keys, as `bulk_create` gives them), and the rows go in through
`insert_rows` (parameterised: `executemany` on SQLite, `unnest` of typed arrays on PostgreSQL):

- PostgreSQL: the ids come from the table's identity sequence (`nextval` over `generate_series`), so they
  never collide with concurrent inserts.
- SQLite: the ids follow the highest id ever given (the table's row in `sqlite_sequence`, or max(id)), read
  after taking the database's write lock, which DVK's transactions hold until commit.

The caller runs inside a transaction (`commit_import` does).
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

_PLAIN = (str, int, bool)  # values the database drivers take as they are (bool is an int)
_PASS_THROUGH_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
_INSERT_BATCH = 5000


def _preparer(field: models.Field, db) -> Callable[[Any], Any]:
    """How one field's Python value becomes the database parameter (what `bulk_create` does). Plain values of
    text, number and key fields pass as they are; others (dates, times, decimals, JSON) are prepared once per
    distinct value, since an import repeats the same few thousands of times."""
    prepare = field.get_db_prep_save
    if isinstance(field, models.JSONField):  # JSON text on both databases (an array of it on PostgreSQL)
        return lambda value: None if value is None else json.dumps(value, cls=field.encoder)
    plain_field = isinstance(field, _PASS_THROUGH_FIELDS)
    memo: dict[Any, Any] = {}

    def prepared(value: Any) -> Any:
        if value is None or (plain_field and type(value) in _PLAIN):
            return value
        try:
            return memo[value]
        except KeyError:
            memo[value] = result = prepare(value, db)
        except TypeError:  # unhashable (JSON)
            return prepare(value, db)
        return result

    return prepared


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for `model`, reserved for this transaction (see the module docstring)."""
    if count == 0:
        return []
    table = model._meta.db_table
    pk_column = model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), pk_column, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        # SQLite: a write takes the lock first (a no-op when the transaction already holds it).
        cursor.execute("UPDATE sqlite_sequence SET seq = seq WHERE name = %s", [table])
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        cursor.execute(f"SELECT MAX({quote(pk_column)}) FROM {quote(table)}")
        highest = max(row[0] if row else 0, cursor.fetchone()[0] or 0)
    return list(range(highest + 1, highest + 1 + count))


def insert_new(objects: Sequence[models.Model]) -> None:
    """Insert unsaved instances of one model, giving each its primary key (no signals, like `bulk_create`)."""
    if not objects:
        return
    model = type(objects[0])
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objects:
                setattr(obj, field.attname, now)
    ids = allocate_ids(model, len(objects))
    pk_attname = meta.pk.attname
    attnames = [field.attname for field in fields]
    db = connections[DEFAULT_DB_ALIAS]
    preparers = [_preparer(field, db) for field in fields]
    rows = []
    for pk, obj in zip(ids, objects, strict=True):
        setattr(obj, pk_attname, pk)
        values = obj.__dict__
        rows.append((pk, *[prepare(values[name]) for name, prepare in zip(attnames, preparers, strict=True)]))
        obj._state.adding = False
        obj._state.db = connection.alias
    insert_rows(model, [meta.pk.column, *(field.column for field in fields)], rows)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert parameter rows (values for `columns`, in order) into `model`'s table. On SQLite one
    `executemany` (in-process, cheap per row). On PostgreSQL one `INSERT … SELECT FROM unnest(…)` per 5,000
    rows, each column sent as one typed array: `executemany` there costs a round trip a row and a many-row
    VALUES list makes the driver parse tens of thousands of placeholders."""
    if not rows:
        return
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(column) for column in columns)}) "
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            sql = head + f"VALUES ({', '.join(['%s'] * len(columns))})"
            for start in range(0, len(rows), _INSERT_BATCH):
                cursor.executemany(sql, rows[start : start + _INSERT_BATCH])
            return
        by_column = {field.column: field for field in model._meta.concrete_fields}
        arrays = ", ".join(f"%s::{by_column[column].db_type(connection)}[]" for column in columns)
        sql = head + f"SELECT * FROM unnest({arrays})"
        for start in range(0, len(rows), _INSERT_BATCH):
            cursor.execute(
                sql, [list(values) for values in zip(*rows[start : start + _INSERT_BATCH], strict=True)]
            )
