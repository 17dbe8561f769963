"""Rows a package creates that this replica has never seen, inserted set-based.

Most of an import is creations (a commune's first package, a new post's snapshot, the
province's vocabularies); through the ORM each costs a unit-of-work round of events and one
INSERT (~250 µs). A row nobody here has written has no local value to compare, no clock and
no conflict: the merge rule reduces to "insert it as sent". So these rows are built as dicts
with the columns the ORM would write, derived and indexed like a flush does, and inserted with
one `executemany` per table. Their clock is the creation entry's own (field `*`), as on the
replica that made them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

from db import bulk, inserts
from db.base import SYNCED, table_of
from db.hlc import Hlc
from db.models import SearchToken
from db.session import bulk_writer
from db.values import from_jsonable
from desktop_app import indexing


def insert_created(conn: Connection, changes: Sequence[Mapping[str, Any]]) -> None:
    """Insert the rows of `changes`: creation entries (field `*`) of known tables, each of a
    row absent here and alone in its batch."""
    tables: dict[Table, list[dict[str, Any]]] = {}
    tokens: list[dict[str, str]] = []
    for change in changes:
        model = SYNCED[change["tbl"]]
        row = _row(model, change)
        indexing.derive_row(model, row)
        tokens += indexing.row_tokens(change["tbl"], row)
        tables.setdefault(table_of(model), []).append(row)
    with bulk_writer():
        for table, rows in tables.items():
            inserts.many(conn, table.insert(), rows)
    inserts.many(conn, table_of(SearchToken).insert(), tokens)


def _row(model: type[Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """The columns the ORM merge would insert: the sent fields (a newer schema's left out),
    defaults for the rest, and the creation's clock as the row's version."""
    columns = table_of(model).c
    values: dict[str, Any] = {}
    for name, raw in (json.loads(change["value"] or "{}") or {}).items():
        column = columns.get(name)
        if column is not None and name != "id":
            values[name] = from_jsonable(column.type, raw)
    row = bulk.row_from(model, values)
    row["id"] = change["row_id"]
    row["hlc"] = change["hlc"]
    row["updated_at"] = datetime.fromtimestamp(Hlc.parse(change["hlc"]).wall_ms / 1000, tz=UTC)
    return row
