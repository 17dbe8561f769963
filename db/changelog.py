"""The change log, captured in the ORM: one entry per changed field, in the same transaction.

Every flush of synced rows appends to `sync_change` (gapless seq per origin), moves the
per-field clock index `sync_clock`, and advances this replica's entry of the version
vector. Sync packages (DESIGN.md §3) are built from exactly these rows.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db import inserts, upsert
from db.base import Synced, synced_columns, table_of, utc_now
from db.hlc import Hlc, HybridClock
from db.ids import new_id
from db.models.local import LocalReplica, SyncChange, SyncClock, VersionVector
from db.schema import SCHEMA_VERSION
from db.values import encode, to_jsonable

CONTEXT_KEY = "antq_change_context"
# A row's creation is one entry carrying every initial field as a JSON object, and one clock
# row; it means exactly "each of these fields was set at this hlc". A field changed later gets
# its own entry and clock row, which then overrides the creation clock for that field.
ROW_FIELD = "*"


@dataclass
class ChangeContext:
    """Who is writing, from which replica, as which user action. Lives in `Session.info`."""

    replica_id: str
    unit_code: str
    clock: HybridClock
    officer_id: str | None = None
    tx_id: str = field(default_factory=new_id)
    # Set while a sync import applies changes made elsewhere: those are not new changes.
    applying_remote: bool = False
    written: int = 0
    changed_types: set[str] = field(default_factory=set)


class FieldChange(NamedTuple):
    """One entry to append (a named tuple: a province's seed makes millions of them)."""

    tbl: str
    row_id: str
    field: str
    value: str  # JSON
    unit_code: str | None
    base: tuple[str, str] | None  # (hlc, origin) of the version it overwrote


class LogGuardError(RuntimeError):
    """A write that would bypass the change log."""


def context_of(session: Session) -> ChangeContext | None:
    ctx: ChangeContext | None = session.info.get(CONTEXT_KEY)
    return ctx


def before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    """Turn the session's pending synced writes into change-log entries."""
    pending = [o for o in (*session.new, *session.dirty) if isinstance(o, Synced)]
    deleted = [o for o in session.deleted if isinstance(o, Synced)]
    if deleted:
        raise LogGuardError(f"{type(deleted[0]).__name__}: synced rows are tombstoned, not deleted")
    if not pending:
        return
    ctx = context_of(session)
    if ctx is None:
        raise LogGuardError("a synced write outside a unit of work that records changes")
    if ctx.applying_remote:
        return
    record_local_changes(session, ctx, pending)


def record_local_changes(session: Session, ctx: ChangeContext, objects: Sequence[Synced]) -> None:
    now = utc_now()
    stamp = ctx.clock.tick()
    new_rows = [o for o in objects if inspect(o).transient or inspect(o).pending]
    created = set(new_rows)
    dirty_rows = [o for o in objects if o not in created and session.is_modified(o)]
    changes = creation_changes(new_rows, ctx, now)
    changes += _update_changes(session.connection(), dirty_rows)
    for obj in (*new_rows, *dirty_rows):
        obj.updated_at = now
        obj.hlc = stamp.encode()
    if changes:
        write_entries(session.connection(), ctx, changes, stamp)
        ctx.changed_types.update(c.tbl for c in changes)


@dataclass(frozen=True)
class Stamp:
    """When a batch of changes was recorded: the row columns `updated_at` and `hlc`."""

    now: datetime
    hlc: Hlc


def record_creations(conn: Connection, ctx: ChangeContext, objects: Sequence[Synced]) -> Stamp:
    """Log `objects` as new rows, exactly as a flush would, for a writer that inserts them itself.

    Fills each object's id, origin, creation time, commune and tombstone as the flush does;
    the caller inserts the rows (with the returned stamp) inside `db.session.bulk_writer()`.
    """
    stamp = Stamp(utc_now(), ctx.clock.tick())
    changes = creation_changes(objects, ctx, stamp.now)
    if changes:
        write_entries(conn, ctx, changes, stamp.hlc)
        ctx.changed_types.update(c.tbl for c in changes)
    return stamp


def creation_changes(
    objects: Sequence[Synced], ctx: ChangeContext, now: datetime
) -> list[FieldChange]:
    """One entry per new row, field `*`, carrying every initial field (see `ROW_FIELD`)."""
    return [_creation_change(o, ctx, now) for o in objects]


def _creation_change(obj: Synced, ctx: ChangeContext, now: datetime) -> FieldChange:
    if obj.id is None:
        obj.id = new_id()
    obj.origin_replica = obj.origin_replica or ctx.replica_id
    obj.created_at = obj.created_at or now
    obj.unit_code = obj.unit_code or ctx.unit_code
    if obj.deleted is None:
        obj.deleted = False
    return FieldChange(obj.__tablename__, obj.id, ROW_FIELD, row_value(obj), obj.unit_code, None)


def row_value(obj: Synced) -> str:
    """The JSON object of a new row's fields (those set), as its creation entry carries it.

    `obj` is new (transient or pending): its instance dict holds every field it has.
    """
    values = obj.__dict__  # what was set; a column never set is None, left out like None
    fields = {
        name: value if type(value) in _JSON_NATIVE else to_jsonable(value)
        for name in _value_columns(type(obj))
        if (value := values.get(name)) is not None
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# Values JSON carries as they are (`to_jsonable` would return them unchanged, only slower).
_JSON_NATIVE = frozenset({str, int, bool, float})


@functools.cache
def _value_columns(model: type[Synced]) -> tuple[str, ...]:
    return tuple(name for name in synced_columns(model) if name != "id")


def _update_changes(conn: Connection, objects: Sequence[Synced]) -> list[FieldChange]:
    changed = {id(o): _changed_fields(o) for o in objects}
    objects = [o for o in objects if changed[id(o)]]
    bases = _current_clocks(conn, objects)
    return [
        FieldChange(
            o.__tablename__,
            o.id,
            name,
            encode(getattr(o, name)),
            o.unit_code,
            bases.get((o.__tablename__, o.id, name))
            or bases.get((o.__tablename__, o.id, ROW_FIELD)),
        )
        for o in objects
        for name in changed[id(o)]
    ]


def _changed_fields(obj: Synced) -> list[str]:
    state = inspect(obj)
    names = []
    for name in synced_columns(type(obj)):
        history = state.attrs[name].history
        if history.added and list(history.added) != list(history.deleted):
            names.append(name)
    return names


def _current_clocks(
    conn: Connection, objects: Iterable[Synced]
) -> dict[tuple[str, str, str], tuple[str, str]]:
    by_table: dict[str, list[str]] = defaultdict(list)
    for obj in objects:
        by_table[obj.__tablename__].append(obj.id)
    found: dict[tuple[str, str, str], tuple[str, str]] = {}
    clock = table_of(SyncClock)
    for table, ids in by_table.items():
        rows = conn.execute(
            select(clock.c.row_id, clock.c.field, clock.c.hlc, clock.c.origin).where(
                clock.c.tbl == table, clock.c.row_id.in_(ids)
            )
        )
        for row_id, name, hlc, origin in rows:
            found[(table, row_id, name)] = (hlc, origin)
    return found


def write_entries(
    conn: Connection, ctx: ChangeContext, changes: Sequence[FieldChange], stamp: Hlc
) -> None:
    """Append `changes` to the log with consecutive seqs, and move the clock index and vector."""
    last_seq = _allocate_seqs(conn, ctx.replica_id, len(changes), stamp)
    first = last_seq - len(changes) + 1
    hlc = stamp.encode()
    inserts.many(
        conn,
        table_of(SyncChange).insert(),
        [_log_row(ctx, change, first + i, hlc) for i, change in enumerate(changes)],
    )
    clock_rows = {(c.tbl, c.row_id, c.field): c for c in changes}
    upsert.rows(
        conn,
        table_of(SyncClock),
        [
            {"tbl": t, "row_id": r, "field": f, "hlc": hlc, "origin": ctx.replica_id}
            for (t, r, f) in clock_rows
        ],
        keys=("tbl", "row_id", "field"),
    )
    upsert.rows(
        conn,
        table_of(VersionVector),
        [{"origin": ctx.replica_id, "seq": last_seq}],
        keys=("origin",),
    )
    ctx.written += len(changes)


def _allocate_seqs(conn: Connection, replica_id: str, count: int, stamp: Hlc) -> int:
    # One UPDATE both reserves the seq range and, on PostgreSQL, row-locks the replica until
    # commit, so concurrent writers serialise and seqs stay gapless.
    table = table_of(LocalReplica)
    result = conn.execute(
        update(table)
        .where(table.c.replica_id == replica_id)
        .values(last_seq=table.c.last_seq + count, last_hlc=stamp.encode())
        .returning(table.c.last_seq)
    )
    last = result.scalar_one_or_none()
    if last is None:
        raise LogGuardError(f"replica {replica_id} is not this database's replica")
    return int(last)


def _log_row(ctx: ChangeContext, change: FieldChange, seq: int, hlc: str) -> dict[str, Any]:
    base_hlc, base_origin = change.base or (None, None)
    return {
        "change_id": new_id(),
        "origin": ctx.replica_id,
        "seq": seq,
        "hlc": hlc,
        "tbl": change.tbl,
        "row_id": change.row_id,
        "field": change.field,
        "value": change.value,
        "base_hlc": base_hlc,
        "base_origin": base_origin,
        "tx_id": ctx.tx_id,
        "officer_id": ctx.officer_id,
        "schema_version": SCHEMA_VERSION,
        "unit_code": change.unit_code,
        "applied": True,
    }
