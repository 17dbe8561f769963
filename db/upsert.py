"""INSERT … ON CONFLICT DO UPDATE for both engines (SQLite and PostgreSQL share the syntax)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from db import inserts


def rows(
    conn: Connection,
    table: Table,
    values: Sequence[dict[str, Any]],
    *,
    keys: Sequence[str],
    greatest: str | None = None,
) -> None:
    """Insert `values`, or overwrite the non-key columns of rows that exist.

    With `greatest`, an existing row keeps the larger value of that column (max-only
    vectors and acknowledgements never move backwards).
    """
    if not values:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    updates = {name: stmt.excluded[name] for name in values[0] if name not in keys}
    if greatest:
        column = table.c[greatest]
        updates[greatest] = _max(conn, column, stmt.excluded[greatest])
    inserts.many(conn, stmt.on_conflict_do_update(index_elements=list(keys), set_=updates), values)


def _max(conn: Connection, left: Any, right: Any) -> Any:
    from sqlalchemy import func

    # SQLite's two-argument max() is its scalar GREATEST.
    return (
        func.greatest(left, right) if conn.dialect.name == "postgresql" else func.max(left, right)
    )
