"""Many-row INSERTs at driver speed: the statement compiled once, values bound by column type.

`conn.execute(insert, rows)` spends most of its time building each row's parameters
(`construct_params`, ~20 µs a row); set-based writers insert millions of rows. `many` binds
the values with the same type processors SQLAlchemy uses and hands the driver one
`executemany`, on both engines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Insert, Table, exc
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.schema import ScalarElementColumnDefault

Processor = Callable[[Any], Any] | None
_processors: dict[tuple[Table, str, str], Processor] = {}


def many(conn: Connection, statement: Insert, rows: Sequence[Mapping[str, Any]]) -> None:
    """Execute `statement` (an INSERT, maybe with ON CONFLICT) once per row of `rows`.

    Every row has the keys of the first; a column of the table left out takes its scalar
    default. Synced tables need `db.session.bulk_writer()`, as for any Core DML.
    """
    if not rows:
        return
    table = statement.table
    assert isinstance(table, Table)
    _guard(table)
    compiled = statement.compile(dialect=conn.dialect, column_keys=list(rows[0]))
    names = list(compiled.positiontup or compiled.binds)
    extra = {name: _default(table, name) for name in names if name not in rows[0]}
    if extra:
        rows = [{**extra, **row} for row in rows]
    get = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    bind = [(i, p) for i, name in enumerate(names) if (p := _processor(table, name, conn.dialect))]
    params: list[Any] = []
    for row in rows:
        values = get(row)
        if bind:
            listed = list(values)
            for i, process in bind:
                if listed[i] is not None:
                    listed[i] = process(listed[i])
            values = tuple(listed)
        params.append(values if compiled.positional else dict(zip(names, values, strict=True)))
    if conn.dialect.name == "postgresql" and _plain(statement):
        _copy(conn, table, names, params)
        return
    conn.exec_driver_sql(compiled.string, params)


def _plain(statement: Insert) -> bool:
    """An INSERT of values only (no ON CONFLICT, no RETURNING): COPY can do its work."""
    return statement._post_values_clause is None and not statement._returning


def _copy(conn: Connection, table: Table, names: list[str], params: list[Any]) -> None:
    """PostgreSQL's COPY: about 7× the rate of a pipelined executemany of single-row INSERTs
    (a hub ingests a million changes a day from its communes). Same transaction, same
    constraints: a duplicate key still fails the statement."""
    from psycopg import errors

    columns = ", ".join(conn.dialect.identifier_preparer.quote(name) for name in names)
    sql = f"COPY {conn.dialect.identifier_preparer.format_table(table)} ({columns}) FROM STDIN"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor, cursor.copy(sql) as copy:
            for row in params:
                copy.write_row(row if isinstance(row, tuple) else tuple(row.values()))
    except errors.IntegrityError as error:  # raised as executemany's would be
        raise exc.IntegrityError(sql, None, error) from error


def _processor(table: Table, name: str, dialect: Dialect) -> Processor:
    key = (table, name, dialect.name)
    if key not in _processors:
        type_ = table.c[name].type
        _processors[key] = type_.dialect_impl(dialect).bind_processor(dialect)
    return _processors[key]


def _default(table: Table, name: str) -> Any:
    default = table.c[name].default
    if not isinstance(default, ScalarElementColumnDefault):
        raise ValueError(f"{table.name}.{name}: no value and no scalar default")
    return default.arg


def _guard(table: Table) -> None:
    # Imported here: db.session imports db.changelog, which writes through this module.
    from db.session import refuse_unlogged

    refuse_unlogged(table.name, "insert")
