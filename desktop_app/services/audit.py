"""The audit trail: who did what to which record, each event chained to the one before by hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from db.base import utc_now
from db.ids import new_id
from db.models import AuditEvent, Officer
from db.uow import Database
from db.values import to_jsonable
from desktop_app.actor import Actor, require_admin
from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.work import Work, work

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    officer: str | None
    action: str
    record_type: str | None
    record_id: str | None
    detail: Mapping[str, Any]


def append(
    w: Work,
    action: str,
    record_type: str | None = None,
    record_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Add one event to this replica's chain, inside the caller's transaction."""
    replica_id = w.replica.replica_id
    last = w.session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.replica_id == replica_id)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    event = AuditEvent(
        id=new_id(),
        replica_id=replica_id,
        seq=seq,
        at=utc_now(),
        officer_id=w.actor.officer_id if w.actor else None,
        action=action,
        record_type=record_type,
        record_id=record_id,
        tx_id=w.tx_id,
        detail=json.dumps(to_jsonable(dict(detail or {})), ensure_ascii=False, sort_keys=True),
        prev_hash=prev,
        hash="",
    )
    event.hash = event_hash(event)
    w.session.add(event)


def event_hash(event: AuditEvent) -> str:
    fields = [
        event.replica_id,
        event.seq,
        to_jsonable(event.at),
        event.officer_id,
        event.action,
        event.record_type,
        event.record_id,
        event.tx_id,
        event.detail,
        event.prev_hash,
    ]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def list_events(
    db: Database,
    actor: Actor,
    *,
    officer: str | None = None,
    record_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """Events newest first, filtered by officer username, record id and date range."""
    with work(db, actor, write=False) as w:
        query = (
            select(AuditEvent, Officer.username)
            .outerjoin(Officer, Officer.id == AuditEvent.officer_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.seq.desc())
            .limit(limit)
        )
        if officer:
            query = query.where(Officer.username == officer)
        if record_id:
            query = query.where(AuditEvent.record_id == record_id)
        if since:
            query = query.where(AuditEvent.at >= datetime.combine(since, datetime.min.time()))
        if until:
            query = query.where(AuditEvent.at < datetime.combine(until, datetime.max.time()))
        return [_entry(event, username) for event, username in w.session.execute(query)]


def _entry(event: AuditEvent, username: str | None) -> AuditEntry:
    return AuditEntry(
        seq=event.seq,
        at=event.at,
        officer=username,
        action=event.action,
        record_type=event.record_type,
        record_id=event.record_id,
        detail=json.loads(event.detail or "{}"),
    )


MISSING, ALTERED, REORDERED = "missing", "altered", "reordered"


class ChainBrokenError(AntqError):
    """`antq audit verify` found a deleted, altered or reordered event."""

    exit_code = 13


@dataclass(frozen=True)
class ChainProblem:
    """The first place a replica's chain stops adding up, in words an officer can act on."""

    replica_id: str
    seq: int
    kind: str  # missing | altered | reordered
    message: str


@dataclass(frozen=True)
class ChainReport:
    replica_id: str
    events: int
    last_seq: int
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(db: Database, actor: Actor) -> list[ChainReport]:
    """Walk every replica's chain (this machine's and those received by sync) from the start.

    A deleted event leaves a gap in seq or a broken link; an edited one no longer matches its
    own hash; events swapped or re-chained break the link to the one before or run back in
    time. A deleted tail leaves no trace here: the hub's copy, received by sync, shows it.
    """
    require_admin(actor)
    with work(db, actor, write=True) as w:
        replicas = w.session.scalars(select(AuditEvent.replica_id).distinct()).all()
        reports = [_verify_chain(w, r) for r in sorted(replicas)]
        append(w, "audit_verify", None, None, {"ok": all(r.ok for r in reports)})
        return reports


def _verify_chain(w: Work, replica_id: str) -> ChainReport:
    query = (
        select(AuditEvent).where(AuditEvent.replica_id == replica_id).order_by(AuditEvent.seq)
    )
    count, prev_hash, prev_at, expected = 0, GENESIS, None, 1
    problem = None
    for event in w.session.scalars(query).yield_per(2000):
        count += 1
        if problem is None:
            problem = _check(event, expected, prev_hash, prev_at)
        expected, prev_hash, prev_at = event.seq + 1, event.hash, event.at
    return ChainReport(replica_id, count, expected - 1, problem)


def _check(
    event: AuditEvent, expected: int, prev_hash: str, prev_at: datetime | None
) -> ChainProblem | None:
    rid, seq = event.replica_id, event.seq
    if seq != expected:
        return ChainProblem(
            rid,
            expected,
            MISSING,
            tr(
                "Thiếu sự kiện số {first} đến {last} của máy {replica}: đã bị xóa.",
                first=expected,
                last=seq - 1,
                replica=rid[-8:],
            ),
        )
    if event_hash(event) != event.hash:
        return ChainProblem(
            rid,
            seq,
            ALTERED,
            tr("Sự kiện số {seq} của máy {replica} đã bị sửa.", seq=seq, replica=rid[-8:]),
        )
    if event.prev_hash != prev_hash or (prev_at is not None and event.at < prev_at):
        return ChainProblem(
            rid,
            seq,
            REORDERED,
            tr(
                "Chuỗi nhật ký của máy {replica} bị đứt ở sự kiện số {seq}: sự kiện đã bị "
                "xóa, chèn hoặc đổi thứ tự.",
                seq=seq,
                replica=rid[-8:],
            ),
        )
    return None
