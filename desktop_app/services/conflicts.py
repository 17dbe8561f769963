"""Conflicts found by sync: two values of one field set without seeing each other.

The winner already applies everywhere (convergence); the officer reviews each conflict and
keeps the winner or swaps to the other value, with a written reason. Swapping is an ordinary
new change, so it syncs and wins everywhere; keeping changes no data, only the review state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from db.base import SYNCED, table_of, utc_now
from db.models import SyncConflict
from db.uow import Database
from db.values import from_jsonable
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records.catalog import record_type
from desktop_app.services import audit
from desktop_app.services.records import save
from desktop_app.work import work

KEEP, SWAP = "keep", "swap"


@dataclass(frozen=True)
class ConflictView:
    id: str
    record_type: str
    record_id: str
    field: str
    field_label: str
    winner_value: object
    loser_value: object
    winner_origin: str
    loser_origin: str
    detected_at: datetime
    resolved_at: datetime | None
    resolution: str | None


def list_conflicts(
    db: Database, actor: Actor, *, include_resolved: bool = False
) -> list[ConflictView]:
    with work(db, actor, write=False) as w:
        query = select(SyncConflict).order_by(SyncConflict.detected_at)
        if not include_resolved:
            query = query.where(SyncConflict.resolved_at.is_(None))
        return [_view(c) for c in w.session.scalars(query)]


def resolve(db: Database, actor: Actor, conflict_id: str, choice: str, reason: str) -> Changes:
    """Keep the winner, or swap to the other value (a new change that syncs)."""
    require_write(actor)
    if choice not in (KEEP, SWAP):
        raise ValidationError(
            tr("Chọn 'keep' (giữ giá trị đang dùng) hoặc 'swap' (đổi sang giá trị kia).")
        )
    if not reason.strip():
        raise ValidationError(tr("Phải ghi lý do giải quyết xung đột."))
    with work(db, actor, write=True) as w:
        conflict = w.session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise NotFoundError(tr("Không có xung đột mã '{id}'.", id=conflict_id))
        if conflict.resolved_at is not None:
            raise ValidationError(tr("Xung đột này đã được giải quyết."))
        if choice == SWAP:
            value = _decoded(conflict.tbl, conflict.field, conflict.loser_value)
            save(w, record_type(conflict.tbl), {"id": conflict.row_id, conflict.field: value})
        conflict.resolved_at, conflict.resolved_by = utc_now(), actor.officer_id
        conflict.resolution = f"{choice}: {reason.strip()}"
        audit.append(
            w,
            "conflict_resolve",
            conflict.tbl,
            conflict.row_id,
            {"field": conflict.field, "choice": choice, "reason": reason.strip()},
        )
        return w.changes() | Changes(frozenset({conflict.tbl}))


def _decoded(tbl: str, name: str, text: str | None) -> object:
    column = table_of(SYNCED[tbl]).c[name]
    return from_jsonable(column.type, json.loads(text)) if text is not None else None


def _view(c: SyncConflict) -> ConflictView:
    spec_label = record_type(c.tbl).field(c.field).label if c.tbl in SYNCED else c.field
    return ConflictView(
        c.id,
        c.tbl,
        c.row_id,
        c.field,
        tr(spec_label),
        json.loads(c.winner_value) if c.winner_value else None,
        json.loads(c.loser_value) if c.loser_value else None,
        c.winner_origin,
        c.loser_origin,
        c.detected_at,
        c.resolved_at,
        c.resolution,
    )
