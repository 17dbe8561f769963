"""Audit events in packages: each post's chain travels to the hub, so the province holds a copy
that a post cannot quietly shorten. Events are copied as they are, hashes included; the hub's
`antq audit verify` checks every chain it holds.

Only packages to a hub carry events; a post needs no other machine's trail. Each side tells
the other how far it holds every chain (`audit_vector` in the manifest, max only), so an
event travels until the hub has acknowledged it, like changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import upsert
from db.base import table_of
from db.models import AuditAck, AuditEvent, Peer
from db.values import to_jsonable
from desktop_app.work import HUB

FIELDS = (
    "id",
    "replica_id",
    "seq",
    "at",
    "officer_id",
    "action",
    "record_type",
    "record_id",
    "tx_id",
    "detail",
    "prev_hash",
    "hash",
)


def held(session: Session) -> dict[str, int]:
    """The highest event number held of every machine's chain."""
    query = select(AuditEvent.replica_id, func.max(AuditEvent.seq)).group_by(
        AuditEvent.replica_id
    )
    return {replica: int(seq) for replica, seq in session.execute(query)}


def to_send(session: Session, peer: Peer) -> list[dict[str, Any]]:
    """Events the peer (a hub) has not acknowledged, oldest first; none for a post."""
    if peer.role != HUB:
        return []
    acked = _acknowledged(session, peer.replica_id)
    events: list[dict[str, Any]] = []
    for replica, top in sorted(held(session).items()):
        if replica == peer.replica_id or top <= acked.get(replica, 0):
            continue
        query = (
            select(AuditEvent)
            .where(AuditEvent.replica_id == replica, AuditEvent.seq > acked.get(replica, 0))
            .order_by(AuditEvent.seq)
        )
        events += [_as_dict(e) for e in session.scalars(query)]
    return events


def receive(session: Session, events: Iterable[Mapping[str, Any]], me: str) -> int:
    """Store the events not yet held (by machine and number); returns how many were new."""
    by_replica: dict[str, list[Mapping[str, Any]]] = {}
    for event in events:
        if event.get("replica_id") != me:
            by_replica.setdefault(str(event["replica_id"]), []).append(event)
    rows: list[dict[str, Any]] = []
    for replica, batch in by_replica.items():
        known = set(
            session.scalars(
                select(AuditEvent.seq).where(
                    AuditEvent.replica_id == replica,
                    AuditEvent.seq.in_([int(e["seq"]) for e in batch]),
                )
            )
        )
        rows += [_row(e) for e in batch if int(e["seq"]) not in known]
    if rows:
        session.execute(table_of(AuditEvent).insert(), rows)
    return len(rows)


def store_ack(session: Session, sender: str, vector: Mapping[str, Any]) -> None:
    """Remember how far `sender` holds each chain (never moving backwards)."""
    values = [{"peer_id": sender, "replica_id": r, "seq": int(s)} for r, s in vector.items()]
    upsert.rows(
        session.connection(),
        table_of(AuditAck),
        values,
        keys=("peer_id", "replica_id"),
        greatest="seq",
    )


def _acknowledged(session: Session, peer_id: str) -> dict[str, int]:
    query = select(AuditAck.replica_id, AuditAck.seq).where(AuditAck.peer_id == peer_id)
    return {replica: seq for replica, seq in session.execute(query)}


def _as_dict(event: AuditEvent) -> dict[str, Any]:
    data = {name: getattr(event, name) for name in FIELDS}
    data["at"] = to_jsonable(event.at)
    return data


def _row(event: Mapping[str, Any]) -> dict[str, Any]:
    row = {name: event.get(name) for name in FIELDS}
    row["seq"] = int(event["seq"])
    row["at"] = datetime.fromisoformat(str(event["at"]))
    if row["detail"] is not None and not isinstance(row["detail"], str):
        row["detail"] = json.dumps(row["detail"], ensure_ascii=False, sort_keys=True)
    return row
