"""Where sync stands (vector, peers and what they acknowledged, package history, held
packages, open conflicts in words), retrying a held package, and re-enrolment after a
restored backup or a cloned disk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.base import SYNCED, table_of
from db.ids import new_id
from db.models import (
    InboxPackage,
    LocalReplica,
    OutboxPackage,
    Peer,
    PeerAck,
    SyncChange,
    SyncClock,
    SyncConflict,
    VersionVector,
)
from db.uow import Database
from db.values import from_jsonable
from desktop_app.actor import Actor, require_admin
from desktop_app.changes import Changes
from desktop_app.errors import NotFoundError
from desktop_app.formatting import format_value
from desktop_app.i18n import tr
from desktop_app.listing import vocabulary_labels
from desktop_app.records.catalog import FieldSpec, record_type
from desktop_app.records.labels import field_label
from desktop_app.services import audit
from desktop_app.sync import importer, keys
from desktop_app.sync.importer import HELD, QUARANTINED, ImportSummary
from desktop_app.work import work

CHUNK = 1000


@dataclass(frozen=True)
class PackageView:
    package_id: str
    direction: str  # sent | received
    peer_id: str
    seq: int
    kind: str | None
    at: datetime
    changes: int
    status: str
    acknowledged: dict[str, int]
    note: str | None = None


@dataclass(frozen=True)
class SyncStatus:
    replica_id: str
    last_seq: int
    vector: dict[str, int]
    peer_acks: dict[str, dict[str, int]]
    history: tuple[PackageView, ...]
    held: tuple[PackageView, ...]
    open_conflicts: int


def status(db: Database, actor: Actor, history: int = 50) -> SyncStatus:
    with work(db, actor, write=False) as w:
        me = w.session.scalars(select(LocalReplica)).one()
        vector = {
            o: s for o, s in w.session.execute(select(VersionVector.origin, VersionVector.seq))
        }
        acks: dict[str, dict[str, int]] = {}
        for peer, origin, seq in w.session.execute(
            select(PeerAck.peer_id, PeerAck.origin, PeerAck.seq)
        ):
            acks.setdefault(peer, {})[origin] = seq
        packages = _history(w.session, history)
        conflicts = w.session.scalar(
            select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
        )
        held = tuple(p for p in packages if p.status in HELD)
        return SyncStatus(
            me.replica_id, me.last_seq, vector, acks, packages, held, int(conflicts or 0)
        )


def _history(session: Session, limit: int) -> tuple[PackageView, ...]:
    sent = [
        PackageView(
            p.package_id,
            "sent",
            p.peer_id,
            p.seq,
            p.kind,
            p.created_at,
            p.n_changes,
            "written",
            json.loads(p.vector or "{}"),
        )
        for p in session.scalars(
            select(OutboxPackage).order_by(OutboxPackage.created_at.desc()).limit(limit)
        )
    ]
    received = [
        PackageView(
            p.package_id,
            "received",
            p.sender,
            p.seq,
            p.kind,
            p.received_at,
            p.applied or 0,
            p.status,
            json.loads(p.vector or "{}"),
            p.note,
        )
        for p in session.scalars(
            select(InboxPackage).order_by(InboxPackage.received_at.desc()).limit(limit)
        )
    ]
    return tuple(sorted(sent + received, key=lambda p: p.at, reverse=True)[:limit])


@dataclass(frozen=True)
class ConflictLine:
    """An open conflict as the officer reviews it: every value already in words."""

    id: str
    record_type: str
    record_id: str
    record_label: str  # the kind of record, translated ("Nhân khẩu")
    record_title: str  # which one ("Trần Văn Bình")
    field_label: str
    value_in_use: str
    other_value: str
    in_use_from: str  # the machine whose value is in use
    other_from: str
    detected_at: datetime


# Fields that name a record, tried in this order for its title.
TITLE_FIELDS = ("full_name", "name", "subject", "address", "case_no", "label")


def conflict_lines(db: Database, actor: Actor) -> list[ConflictLine]:
    """Open conflicts, oldest first, with record titles, labels and machine names."""
    with work(db, actor, write=False) as w:
        names = _replica_names(w.session)
        vocabulary = vocabulary_labels(w.session)
        found = w.session.scalars(
            select(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.detected_at)
        )
        return [_line(w.session, c, names, vocabulary) for c in found]


def _line(
    session: Session,
    c: SyncConflict,
    names: dict[str, str],
    vocabulary: dict[tuple[str, str], str],
) -> ConflictLine:
    spec = _spec(c.tbl, c.field)

    def shown(text: str | None) -> str:
        if text is None:
            return ""
        if spec is None:
            return str(json.loads(text))
        value = from_jsonable(table_of(SYNCED[c.tbl]).c[c.field].type, json.loads(text))
        if spec.kind == "ref" and value:
            return _title(session, spec.ref or "", str(value))
        return format_value(spec, value, record_type=c.tbl, vocabulary=vocabulary)

    return ConflictLine(
        c.id,
        c.tbl,
        c.row_id,
        tr(record_type(c.tbl).label) if c.tbl in SYNCED else c.tbl,
        _title(session, c.tbl, c.row_id),
        tr(spec.label if spec is not None else field_label(c.field)),
        shown(c.winner_value),
        shown(c.loser_value),
        _machine(names, c.winner_origin),
        _machine(names, c.loser_origin),
        c.detected_at,
    )


def _spec(tbl: str, name: str) -> FieldSpec | None:
    if tbl not in SYNCED:
        return None
    try:
        return record_type(tbl).field(name)
    except KeyError:
        return None  # a system field (the tombstone): shown as stored


def _title(session: Session, tbl: str, row_id: str) -> str:
    model = SYNCED.get(tbl)
    row: Any = session.get(model, row_id) if model is not None else None
    for name in TITLE_FIELDS:
        if row is not None and getattr(row, name, None):
            return str(getattr(row, name))
    return tr("mã {id}", id=row_id[-8:])


def _replica_names(session: Session) -> dict[str, str]:
    names = {p.replica_id: p.name for p in session.scalars(select(Peer))}
    for me in session.scalars(select(LocalReplica)):
        names[me.replica_id] = tr("Máy này ({name})", name=me.name)
    return names


def _machine(names: dict[str, str], replica_id: str) -> str:
    return names.get(replica_id) or tr("máy {id}", id=replica_id[-8:])


def retry_package(db: Database, actor: Actor, package_id: str) -> ImportSummary:
    """Import a held package again from its local copy, with every check: after installing a
    newer version, or once the missing earlier package arrived. (`importer.release` is the
    one that skips the clock check, after review.)"""
    with work(db, actor, write=False) as w:
        held = w.session.get(InboxPackage, package_id)
        path = held.file_path if held is not None and held.status in HELD else None
    if not path or not Path(path).exists():
        raise NotFoundError(tr("Không có gói đang giữ với mã '{id}'.", id=package_id))
    return importer.import_package(db, actor, Path(path))


def peers_of(db: Database, actor: Actor) -> list[Peer]:
    with work(db, actor, write=False) as w:
        return list(w.session.scalars(select(Peer)))


def reenrol(db: Database, actor: Actor) -> Changes:
    """Start again under a new replica id and new keys after a restore or a clone.

    Every change this replica made under its old id is issued again under the new id with its
    original clock and value, so edits made since the restore reach the hub, and values the
    hub holds newer than ours are not overwritten (the clock decides, as always).
    """
    require_admin(actor)
    with work(db, actor, write=True) as w:
        me = w.session.scalars(select(LocalReplica)).one()
        old, new = me.replica_id, new_id()
        copied = _reissue(w.session, old, new)
        _forget_unacknowledged(w.session, old, new)
        pair = keys.generate()
        w.session.execute(
            update(LocalReplica)
            .where(LocalReplica.replica_id == old)
            .values(
                replica_id=new,
                last_seq=copied,
                age_identity=pair.age_identity,
                age_recipient=pair.age_recipient,
                sign_private=pair.sign_private,
                sign_public=pair.sign_public,
            )
        )
        if copied:
            w.session.merge(VersionVector(origin=new, seq=copied))
        w.session.execute(
            update(InboxPackage)
            .where(InboxPackage.status == QUARANTINED)
            .values(status="discarded")
        )
        w.session.flush()
        # Recorded at the end of the old identity's audit chain, naming the new one.
        audit.append(w, "reenrol", None, new, {"old_replica": old, "reissued": copied})
        return Changes()


def _forget_unacknowledged(session: Session, old: str, new: str) -> None:
    """Old-id entries the hub never acknowledged may clash with what it holds under the same
    (origin, seq); their content now lives under the new id, so they go, and the hub's own
    copies of those seqs can arrive. Clocks point at the re-issued entries (same hlc)."""
    acked = session.scalar(select(func.max(PeerAck.seq)).where(PeerAck.origin == old)) or 0
    changes, clock = table_of(SyncChange), table_of(SyncClock)
    session.execute(changes.delete().where(changes.c.origin == old, changes.c.seq > acked))
    session.execute(update(clock).where(clock.c.origin == old).values(origin=new))
    session.execute(update(VersionVector).where(VersionVector.origin == old).values(seq=acked))


def _reissue(session: Session, old: str, new: str) -> int:
    table = table_of(SyncChange)
    rows = (
        session.execute(
            select(table)
            .where(table.c.origin == old, table.c.applied.is_(True))
            .order_by(table.c.seq)
        )
        .mappings()
        .all()
    )
    copies = []
    for seq, row in enumerate(rows, start=1):
        copies.append({**row, "change_id": new_id(), "origin": new, "seq": seq})
    for start in range(0, len(copies), CHUNK):
        session.execute(table.insert(), copies[start : start + CHUNK])
    return len(copies)
