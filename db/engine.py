"""Engines for the two supported databases: an embedded SQLite file, or PostgreSQL at a hub."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import NullPool

WRITE_OPTION = "antq_write"
ANALYSIS_ROWS = 50_000  # rows SQLite samples an index: seconds, not minutes, on a province


def database_url(target: str | Path) -> URL:
    """An SQLAlchemy URL for `target`: a file path (SQLite) or a URL (postgresql://…)."""
    text = str(target)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def make_engine(target: str | Path | URL, *, echo: bool = False) -> Engine:
    url = target if isinstance(target, URL) else database_url(target)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo)
    return create_engine(url, echo=echo, pool_pre_ping=True, future=True)


def analyze(conn: Connection) -> None:
    """Refresh the query planner's statistics, inside the caller's transaction."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_ROWS}")
    conn.exec_driver_sql("ANALYZE")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_path(engine: Engine) -> Path | None:
    if not is_sqlite(engine) or not engine.url.database or engine.url.database == ":memory:":
        return None
    return Path(engine.url.database)


def _sqlite_engine(url: URL, echo: bool) -> Engine:
    # NullPool: every unit of work opens its own connection, so the worker thread and the
    # CLI never share a pysqlite connection across threads.
    engine = create_engine(url, echo=echo, poolclass=NullPool, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is off; `_sqlite_begin` emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",  # a pulled plug must not lose a committed edit
        "foreign_keys=ON",
        "busy_timeout=30000",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock up front, so two writers queue instead of deadlocking
    # when both would upgrade a read lock.
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
