"""Where sync stands (vector, peers and what they acknowledged, package history, held
packages, open conflicts), and re-enrolment after a restored backup or a cloned disk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.base import table_of
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
from desktop_app.actor import Actor, require_admin
from desktop_app.changes import Changes
from desktop_app.services import audit
from desktop_app.sync import keys
from desktop_app.sync.importer import HELD, QUARANTINED
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
