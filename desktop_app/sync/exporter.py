"""`antq sync export`: one package for one peer, holding every change it has not acknowledged.

Nothing is ever marked "sent": a lost package is covered by the next one. A first package to a
peer (no acknowledgement yet) is a snapshot: the current value of every field in its scope.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.base import utc_now
from db.ids import new_id
from db.models import Attachment, LocalReplica, OutboxPackage, Peer, PeerAck, SyncChange
from db.schema import MIN_READER_SCHEMA, SCHEMA_VERSION
from db.uow import Database
from desktop_app import __version__ as app_version
from desktop_app import admin_units
from desktop_app.actor import Actor, require_write
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.progress import Progress
from desktop_app.services import attachments, audit
from desktop_app.sync import audit_io, changelog_io, media
from desktop_app.sync.package import FORMAT, FORMAT_VERSION, Contents, file_name, seal
from desktop_app.work import HUB, work

CHANGES, SNAPSHOT = "changes", "snapshot"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    kind: str
    seq: int
    changes: int
    blobs: int


def export_package(
    db: Database,
    actor: Actor,
    peer_id: str,
    folder: Path,
    *,
    snapshot: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Build, sign, encrypt and safely write the next package for `peer_id` into `folder`."""
    require_write(actor)
    with work(db, actor, write=True) as w:
        me = w.session.scalars(select(LocalReplica)).one()
        peer = _peer(w.session, peer_id)
        acked = _acknowledged(w.session, peer.replica_id)
        kind = SNAPSHOT if snapshot or not acked else CHANGES
        entries = _entries(w.session, peer, acked, kind)
        blobs = _blobs(w.session, entries)
        events = audit_io.to_send(w.session, peer)
        seq = _next_seq(w.session, peer.replica_id)
        counts = {"changes": len(entries), "blobs": len(blobs), "audit": len(events)}
        manifest = _manifest(w.session, me, peer, kind, seq, acked, counts)
        contents = Contents(manifest, entries, blobs, events)
        data = seal(contents, me.sign_private, peer.age_recipient)
        if progress is not None:
            progress(1, 2)
        name = file_name(me.replica_id, peer.replica_id, seq)
        path = media.write_file(folder, name, data)
        _record(w.session, manifest, peer.replica_id, name, data)
        audit.append(
            w,
            "sync_export",
            None,
            peer.replica_id,
            {"package_id": manifest["package_id"], "kind": kind, "changes": len(entries)},
        )
        if progress is not None:
            progress(2, 2)
        package_id = str(manifest["package_id"])
        return ExportResult(path, package_id, kind, seq, len(entries), len(blobs))


def scope_of(peer: Peer) -> frozenset[str] | None:
    """What a peer may receive: a hub everything; a post its commune and province-wide rows."""
    if peer.role == HUB:
        return None
    try:
        province = admin_units.commune(peer.unit_code).province_code
    except NotFoundError:
        province = peer.unit_code
    return frozenset({peer.unit_code, province})


def _peer(session: Session, peer_id: str) -> Peer:
    peer = session.get(Peer, peer_id)
    if peer is None:
        raise NotFoundError(tr("Không có đối tác với mã máy '{id}'.", id=peer_id))
    if peer.revoked_at is not None:
        raise ValidationError(
            tr("Đối tác '{name}' đã bị thu hồi; không gửi gói cho đối tác này.", name=peer.name)
        )
    return peer


def _acknowledged(session: Session, peer_id: str) -> dict[str, int]:
    query = select(PeerAck.origin, PeerAck.seq).where(PeerAck.peer_id == peer_id)
    return {origin: seq for origin, seq in session.execute(query)}


def _entries(
    session: Session, peer: Peer, acked: dict[str, int], kind: str
) -> list[dict[str, object]]:
    scope = scope_of(peer)
    if kind == SNAPSHOT:
        found = changelog_io.winners(session, changelog_io.rows_in_scope(session, scope))
    else:
        found = changelog_io.since(session, acked, scope)
        if scope is not None:
            moved = changelog_io.winners(session, changelog_io.moved_in(session, found, scope))
            found = _union(found, moved)
    return [changelog_io.as_dict(c) for c in found]


def _union(
    first: list[changelog_io.Entry], second: list[changelog_io.Entry]
) -> list[changelog_io.Entry]:
    seen = {c.change_id for c in first}
    return first + [c for c in second if c.change_id not in seen]


def _blobs(session: Session, entries: list[dict[str, object]]) -> dict[str, bytes]:
    """The files of attachments carried in this package (content-addressed, each once)."""
    ids = sorted({str(e["row_id"]) for e in entries if e["tbl"] == "attachment"})
    blobs: dict[str, bytes] = {}
    for attachment in session.scalars(select(Attachment).where(Attachment.id.in_(ids))):
        path = attachments.blob_path(attachment.sha256 or "")
        if attachment.sha256 and path.exists():
            blobs[attachment.sha256] = path.read_bytes()
    return blobs


def _next_seq(session: Session, peer_id: str) -> int:
    last = session.scalar(
        select(func.max(OutboxPackage.seq)).where(OutboxPackage.peer_id == peer_id)
    )
    return (last or 0) + 1


def _manifest(
    session: Session,
    me: LocalReplica,
    peer: Peer,
    kind: str,
    seq: int,
    acked: dict[str, int],
    counts: dict[str, int],
) -> dict[str, object]:
    vector = changelog_io.vector(session)
    floor = {} if kind == SNAPSHOT else acked
    ranges = {o: [floor.get(o, 0), top] for o, top in vector.items() if top > floor.get(o, 0)}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "min_reader_schema": MIN_READER_SCHEMA,
        "app_version": app_version,
        "kind": kind,
        "package_id": new_id(),
        "seq": seq,
        "sender": {
            "replica_id": me.replica_id,
            "unit_code": me.unit_code,
            "role": me.role,
            "name": me.name,
        },
        "recipient": peer.replica_id,
        "created_at": utc_now().isoformat(),
        "sender_hlc": me.last_hlc,
        "vector": vector,
        "ranges": ranges,
        "recipient_tip": _tip(session, peer.replica_id),
        "counts": counts,
        "audit_vector": audit_io.held(session),
    }


def _tip(session: Session, origin: str) -> dict[str, object] | None:
    """The latest change we hold from the recipient: it recognises it, unless it was restored
    from an older copy (then its own change at that seq is missing or different)."""
    row = session.execute(
        select(SyncChange.seq, SyncChange.change_id)
        .where(SyncChange.origin == origin)
        .order_by(SyncChange.seq.desc())
        .limit(1)
    ).first()
    return {"seq": row[0], "change_id": row[1]} if row else None


def _record(
    session: Session, manifest: dict[str, object], peer_id: str, name: str, data: bytes
) -> None:
    counts = manifest["counts"]
    assert isinstance(counts, dict)
    session.add(
        OutboxPackage(
            package_id=manifest["package_id"],
            peer_id=peer_id,
            seq=manifest["seq"],
            kind=manifest["kind"],
            created_at=utc_now(),
            file_name=name,
            n_changes=counts["changes"],
            n_blobs=counts["blobs"],
            vector=json.dumps(manifest["vector"], sort_keys=True),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    )
