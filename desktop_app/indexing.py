"""Derived columns (folded names, sort keys) and the folded-word search index, kept in step with
every flush: local edits, sync imports and seeding all pass through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, event, inspect, or_, select
from sqlalchemy.orm import Session

from db.base import Synced, table_of
from db.models import Area, Household, HouseholdGroup, Officer, Person, SearchToken, SecurityTeam
from db.session import AntqSession
from desktop_app.records.catalog import record_types
from desktop_app.text import collation_key, fold, name_sort_key, tokens

MAX_TOKEN = 60
# A token prefix range ends just above 'z', the largest character tokens contain.
PREFIX_END = "{"


def _person(p: Any) -> None:
    p.name_fold = fold(p.full_name or "")
    p.sort_key = name_sort_key(p.full_name or "", p.given_name)


def _named(attribute: str) -> Callable[[Any], None]:
    def derive(obj: Any) -> None:
        obj.sort_key = collation_key(getattr(obj, attribute) or "")

    return derive


def _officer(o: Any) -> None:
    o.sort_key = name_sort_key(o.full_name or "")


DERIVE: dict[type[Synced], Callable[[Any], None]] = {
    Person: _person,
    Area: _named("name"),
    Household: _named("address"),
    HouseholdGroup: _named("name"),
    SecurityTeam: _named("name"),
    Officer: _officer,
}
_installed = False


def install() -> None:
    """Hook derivation and indexing into every session's flush (idempotent)."""
    global _installed
    if not _installed:
        event.listen(AntqSession, "before_flush", _before_flush)
        _installed = True


def derive(obj: Synced) -> None:
    """Fill the derived columns of `obj` (bulk writers call this themselves)."""
    fill = DERIVE.get(type(obj))
    if fill is not None:
        fill(obj)


class _RowView:
    """Attribute access over a row held as a dict, so the DERIVE functions fill it too."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.__dict__ = row


def derive_row(model: type[Synced], row: dict[str, Any]) -> None:
    """Fill the derived columns of `row`, a dict of every column of `model`."""
    fill = DERIVE.get(model)
    if fill is not None:
        fill(_RowView(row))


def row_tokens(kind: str, row: dict[str, Any]) -> list[dict[str, str]]:
    """The search-index rows of `row` (a dict of every column of the `kind` table)."""
    fields = record_types()[kind].search_fields
    return token_rows(kind, row["id"], (row[f] for f in fields)) if fields else []


def token_rows(kind: str, row_id: str, texts: Iterable[str | None]) -> list[dict[str, str]]:
    words = {t[:MAX_TOKEN] for text in texts if text for t in tokens(text)}
    return [{"kind": kind, "token": w, "row_id": row_id} for w in sorted(words)]


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    pending = [o for o in (*session.new, *session.dirty) if isinstance(o, Synced)]
    stale: list[Synced] = []
    for obj in pending:
        derive(obj)
        if _search_changed(obj):
            stale.append(obj)
    if stale:
        _reindex(session, stale)


def _search_changed(obj: Synced) -> bool:
    fields = record_types()[obj.__tablename__].search_fields
    if not fields:
        return False
    state = inspect(obj)
    if state.transient or state.pending:
        return True
    return any(state.attrs[name].history.has_changes() for name in fields)


def _reindex(session: Session, objects: list[Synced]) -> None:
    conn = session.connection()
    table = table_of(SearchToken)
    for kind in {o.__tablename__ for o in objects}:
        ids = [o.id for o in objects if o.__tablename__ == kind and o.id]
        conn.execute(delete(table).where(table.c.kind == kind, table.c.row_id.in_(ids)))
    rows = index_rows(objects)
    if rows:
        conn.execute(table.insert(), rows)


def index_rows(objects: Iterable[Synced]) -> list[dict[str, str]]:
    """The search-index rows of `objects` as they are now (set-based writers insert them)."""
    rows = []
    for obj in objects:
        fields = record_types()[obj.__tablename__].search_fields
        if fields:
            rows += token_rows(obj.__tablename__, obj.id, (getattr(obj, f) for f in fields))
    return rows


def search_condition(kind: str, id_column: Any, query: str) -> ColumnElement[bool] | None:
    """`id_column IN (rows of kind matching query)`, one IN per word (`searching` plans the
    same search for a large register)."""
    words = tokens(query)
    if not words:
        return None
    t = table_of(SearchToken)
    conditions = [
        id_column.in_(
            select(t.c.row_id).where(
                t.c.kind == kind,
                t.c.token >= w[:MAX_TOKEN],
                t.c.token < w[:MAX_TOKEN] + PREFIX_END,
            )
        )
        for w in words
    ]
    return and_(*conditions)


def any_of(*conditions: ColumnElement[bool] | None) -> ColumnElement[bool] | None:
    present = [c for c in conditions if c is not None]
    return or_(*present) if present else None
