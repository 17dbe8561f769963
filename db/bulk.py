"""Set-based insertion of new synced rows, with the change log a flush would have written.

The ORM path costs ~200 µs a row (unit of work, events, one INSERT a row); seeding a province
needs ~20. `insert_new` takes the same objects a session would flush, logs them through
`db.changelog` (one creation entry and one clock row each, the seq range and vector moved
once per call) and inserts them with one Core `executemany` per table.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from db import inserts
from db.base import Synced, table_of
from db.changelog import ChangeContext, Stamp, record_creations
from db.session import bulk_writer


@functools.cache
def _columns(model: type[Synced]) -> tuple[tuple[str, Any], ...]:
    """(key, value when unset) per column: a scalar default fills in as the ORM would."""
    found = []
    for column in table_of(model).columns:
        default = column.default
        if isinstance(default, ScalarElementColumnDefault):
            found.append((column.key, default.arg))
        elif default is None or column.key == "id":  # ids are given before insert_new
            found.append((column.key, None))
        else:
            raise TypeError(f"{model.__name__}.{column.key}: only scalar defaults are supported")
    return tuple(found)


def row_from(model: type[Synced], values: Mapping[str, Any]) -> dict[str, Any]:
    """The column values the ORM would insert for an object of `model` holding `values`.

    Like the ORM, a column left None takes its default (`residence_status` → "present").
    """
    return {
        key: fallback if (value := values.get(key)) is None else value
        for key, fallback in _columns(model)
    }


def row_of(obj: Synced, stamp: Stamp) -> dict[str, Any]:
    """The column values the ORM would insert for `obj`, after `record_creations`."""
    row = row_from(type(obj), obj.__dict__)
    # What a flush stamps on every row it writes (`changelog.record_local_changes`).
    row["updated_at"], row["hlc"] = stamp.now, stamp.hlc.encode()
    return row


def insert_new(conn: Connection, ctx: ChangeContext, objects: Sequence[Synced]) -> Stamp:
    """Log and insert `objects`, all new, in the open transaction of `conn`.

    Derived columns must be filled first (`desktop_app.indexing.derive`); the search index
    is the caller's too. Returns the stamp the rows carry.
    """
    stamp = record_creations(conn, ctx, objects)
    tables: dict[Table, list[dict[str, Any]]] = {}
    for obj in objects:
        tables.setdefault(table_of(type(obj)), []).append(row_of(obj, stamp))
    with bulk_writer():
        for table, rows in tables.items():
            inserts.many(conn, table.insert(), rows)
    return stamp
