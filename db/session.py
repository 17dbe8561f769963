"""The ORM session class of ANTQ Desk, with the change-log capture and the bulk-DML guard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Delete, Insert, Update, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import ORMExecuteState, Session

from db import changelog
from db.base import SYNCED

# Set while the ORM flushes (its DML is what the change log just recorded) or while a
# sanctioned bulk writer runs (it writes the log itself). Thread-local by construction.
_flushing: ContextVar[bool] = ContextVar("antq_flushing", default=False)
_bulk_writer: ContextVar[bool] = ContextVar("antq_bulk_writer", default=False)


class AntqSession(Session):
    """A Session whose flushes write the change log (see `db.changelog`)."""


@contextmanager
def bulk_writer() -> Iterator[None]:
    """Allow Core DML on synced tables for code that appends the change-log entries itself."""
    token = _bulk_writer.set(True)
    try:
        yield
    finally:
        _bulk_writer.reset(token)


@event.listens_for(AntqSession, "before_flush")
def _capture(session: Session, flush_context: Any, instances: Any) -> None:
    changelog.before_flush(session, flush_context, instances)
    _flushing.set(True)


@event.listens_for(AntqSession, "after_flush")
def _flushed(_session: Session, _flush_context: Any) -> None:
    _flushing.set(False)


@event.listens_for(AntqSession, "after_rollback")
def _rolled_back(_session: Session) -> None:
    _flushing.set(False)


@event.listens_for(AntqSession, "do_orm_execute")
def _refuse_orm_bulk(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete) or _bulk_writer.get():
        return
    mapper = state.bind_mapper
    name = getattr(mapper.local_table, "name", None) if mapper is not None else None
    if name in SYNCED:
        raise changelog.LogGuardError(
            f"bulk {type(state.statement).__name__.lower()} on {name} "
            "bypasses the change log; change objects through the session instead"
        )


@event.listens_for(Engine, "before_execute")
def _refuse_core_dml(
    _conn: Connection, clause: Any, _multiparams: Any, _params: Any, _options: Any
) -> None:
    if not isinstance(clause, Insert | Update | Delete):
        return
    name = getattr(getattr(clause, "table", None), "name", None)
    if name is not None:
        refuse_unlogged(name, type(clause).__name__.lower())


def refuse_unlogged(table_name: str, verb: str) -> None:
    """Raise unless a write to `table_name` is one the change log records (or needs none)."""
    if table_name in SYNCED and not (_flushing.get() or _bulk_writer.get()):
        raise changelog.LogGuardError(f"direct {verb} on {table_name} bypasses the change log")
