"""`antq sync import`: one transaction per package; any failure changes nothing.

Copy to local disk; decrypt; check the recipient, the sender's signature and the hashes; check
versions; then either hold the package (newer schema, a clock far ahead, a gap, a clone) with a
local copy to retry, or apply its unseen changes, record what the sender acknowledged, and
remember the package so a second import is a reported no-op.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import upsert
from db.base import table_of, utc_now
from db.engine import analyze
from db.hlc import Hlc
from db.models import InboxPackage, LocalReplica, Peer, PeerAck, SyncChange, VersionVector
from db.schema import SCHEMA_VERSION
from db.uow import Database
from desktop_app import backups, settings
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.errors import NotFoundError
from desktop_app.i18n import tr
from desktop_app.services import attachments, audit
from desktop_app.sync import audit_io, contents, media
from desktop_app.sync.merge import CloneError, Merger
from desktop_app.sync.package import Opened, PackageError, open_package, verify_signature
from desktop_app.sync.upcast import upcast
from desktop_app.work import Work, work

APPLIED, ALREADY = "applied", "already_imported"
HELD_SCHEMA, HELD_CLOCK, HELD_GAP, QUARANTINED = (
    "needs_upgrade",
    "clock_ahead",
    "gap",
    "quarantined",
)
HELD = (HELD_SCHEMA, HELD_CLOCK, HELD_GAP, QUARANTINED)
# Packages smaller than this never change the planner's picture enough to re-sample.
ANALYZE_AFTER = 1000


@dataclass(frozen=True)
class ImportSummary:
    file: str
    status: str
    package_id: str = ""
    sender: str = ""
    kind: str = ""
    applied: int = 0
    already_seen: int = 0
    conflicts: int = 0
    blobs: int = 0
    message: str = ""
    dry_run: bool = False
    changes: Changes = field(default_factory=Changes)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["changes"] = sorted(self.changes.types)
        return data


class _DryRun(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary


def inbox_dir() -> Path:
    return settings.data_dir() / "inbox"


def import_packages(
    db: Database, actor: Actor, files: list[Path], *, dry_run: bool = False
) -> list[ImportSummary]:
    """Import each file in turn (each its own transaction), then retry held gaps."""
    if not dry_run:
        backups.before_import(db, actor)
    results = [import_package(db, actor, f, dry_run=dry_run) for f in files]
    if not dry_run:
        results += retry_held(db, actor)
    return results


def import_package(
    db: Database, actor: Actor, source: Path, *, dry_run: bool = False, release: bool = False
) -> ImportSummary:
    require_write(actor)
    local = media.copy_to_local(source, inbox_dir())
    try:
        with work(db, actor, write=True) as w:
            summary = _import(w, local, source.name, dry_run=dry_run, release=release)
            if dry_run:
                raise _DryRun(summary)
            return summary
    except _DryRun as done:
        return done.summary


def release(db: Database, actor: Actor, package_id: str) -> ImportSummary:
    """Import a package held because the sender's clock ran far ahead, after review."""
    with work(db, actor, write=False) as w:
        held = w.session.get(InboxPackage, package_id)
        path = held.file_path if held is not None else None
    if not path or not Path(path).exists():
        raise NotFoundError(tr("Không có gói đang giữ với mã '{id}'.", id=package_id))
    return import_package(db, actor, Path(path), release=True)


def retry_held(db: Database, actor: Actor) -> list[ImportSummary]:
    """Packages held for a gap may apply now that an earlier package arrived."""
    with work(db, actor, write=False) as w:
        held = list(
            w.session.scalars(
                select(InboxPackage)
                .where(InboxPackage.status == HELD_GAP)
                .order_by(InboxPackage.seq)
            )
        )
    results = []
    for package in held:
        if package.file_path and Path(package.file_path).exists():
            result = import_package(db, actor, Path(package.file_path))
            if result.status == APPLIED:
                results.append(result)
    return results


def _import(w: Work, local: Path, shown: str, *, dry_run: bool, release: bool) -> ImportSummary:
    me = w.session.scalars(select(LocalReplica)).one()
    opened = open_package(_read(local), me.age_identity)
    manifest = opened.manifest
    contents.check_manifest(manifest)
    sender = _check_sender(w.session, opened, me)
    base = ImportSummary(
        shown, "", manifest["package_id"], sender.name, manifest.get("kind", ""), dry_run=dry_run
    )
    known = w.session.get(InboxPackage, manifest["package_id"])
    if known is not None and known.status in (APPLIED, ALREADY):
        return _replace(base, status=ALREADY, message=tr("Gói này đã được nhập trước đây."))
    hold = _hold_reason(w.session, manifest, me, release=release)
    # Checked before holding, so a held package cannot fail when retried; a newer schema's
    # changes are checked by the version that can read them.
    changes = [] if hold and hold[0] == HELD_SCHEMA else contents.changes(opened)
    if hold is not None:
        return _hold(w, base, manifest, local, *hold)
    w.context.applying_remote = True  # these are changes made elsewhere, not new local ones
    try:
        changes = [upcast(c) for c in changes]  # an older sender's schema, upgraded
        result = Merger(w.session, me.replica_id).apply(changes)
    except CloneError as clone:
        return _hold(w, base, manifest, local, QUARANTINED, clone.message)
    _refresh_statistics(w.session, result.applied)
    blobs = _store_blobs(opened)
    _receive_audit(w.session, opened, me.replica_id)
    _advance(w.session, me, manifest, result.max_hlc)
    _remember(w, manifest, APPLIED, result.applied, None)
    audit.append(
        w,
        "sync_import",
        None,
        sender.replica_id,
        {
            "package_id": manifest["package_id"],
            "applied": result.applied,
            "conflicts": result.conflicts,
        },
    )
    return _replace(
        base,
        status=APPLIED,
        applied=result.applied,
        already_seen=result.already_seen,
        conflicts=result.conflicts,
        blobs=blobs,
        changes=Changes(frozenset(result.touched)),
    )


def _refresh_statistics(session: Session, applied: int) -> None:
    """ANALYZE after a package that grew the log by a fifth or more (a new hub's first
    packages): PostgreSQL's planner otherwise keeps the empty tables' estimates and scans
    whole tables to find the next package's rows (19–40 s a package instead of 6 s)."""
    conn = session.connection()
    if conn.dialect.name != "postgresql" or applied < ANALYZE_AFTER:
        return
    held = conn.exec_driver_sql(
        "SELECT reltuples FROM pg_class WHERE relname = 'sync_change'"
    ).scalar()
    if held is None or held < 0 or applied * 5 >= held:
        analyze(conn)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise PackageError(tr("Không đọc được tệp '{name}'.", name=path.name)) from error


def _check_sender(session: Session, opened: Opened, me: LocalReplica) -> Peer:
    manifest = opened.manifest
    if manifest.get("recipient") != me.replica_id:
        raise PackageError(tr("Gói này gửi cho máy khác, không phải máy này."))
    sender_id = (manifest.get("sender") or {}).get("replica_id", "")
    peer = session.get(Peer, sender_id)
    if peer is None:
        raise PackageError(
            tr("Gói đến từ một máy chưa được thêm làm đối tác (mã {id}).", id=str(sender_id)[:8])
        )
    if peer.revoked_at is not None:
        raise PackageError(tr("Gói đến từ đối tác '{name}' đã bị thu hồi.", name=peer.name))
    verify_signature(opened, peer.sign_public)
    return peer


def _hold_reason(
    session: Session, manifest: dict[str, Any], me: LocalReplica, *, release: bool
) -> tuple[str, str] | None:
    if int(manifest.get("min_reader_schema", 1)) > SCHEMA_VERSION:
        return HELD_SCHEMA, tr(
            "Gói được tạo bởi phiên bản mới hơn (lược đồ {theirs}); máy này cần cài ANTQ Desk "
            "phiên bản {app} trở lên. Gói được giữ lại để nhập sau khi nâng cấp.",
            theirs=manifest.get("schema_version"),
            app=manifest.get("app_version"),
        )
    if _restored(session, manifest, me):
        return QUARANTINED, tr(
            "Đối tác đã nhận của máy này nhiều thay đổi hơn máy đang có: máy đã được phục hồi từ "
            "bản sao lưu cũ hoặc sao chép ổ đĩa. Hãy đăng ký lại máy (antq sync reenrol)."
        )
    if not release and _clock_ahead(manifest):
        return HELD_CLOCK, tr(
            "Đồng hồ của máy gửi chạy trước quá {days} ngày; gói được giữ lại để xem xét "
            "(antq sync release {id} để nhập).",
            days=settings.load()["clock_drift_days"],
            id=manifest["package_id"],
        )
    if _gap(session, manifest):
        return HELD_GAP, tr(
            "Còn thiếu một gói trước gói này; gói được giữ lại và sẽ tự nhập khi có."
        )
    return None


def _restored(session: Session, manifest: dict[str, Any], me: LocalReplica) -> bool:
    """The sender holds changes of ours that we do not: we run on an older copy of ourselves."""
    if int((manifest.get("vector") or {}).get(me.replica_id, 0)) > me.last_seq:
        return True
    tip = manifest.get("recipient_tip")
    if not tip:
        return False
    ours = session.scalar(
        select(SyncChange.change_id).where(
            SyncChange.origin == me.replica_id, SyncChange.seq == int(tip["seq"])
        )
    )
    return ours != tip["change_id"]


def _clock_ahead(manifest: dict[str, Any]) -> bool:
    try:
        sent = Hlc.parse(str(manifest.get("sender_hlc")))
    except ValueError:
        return False
    limit = timedelta(days=settings.load()["clock_drift_days"])
    return sent.wall_ms / 1000 > (utc_now() + limit).timestamp()


def _gap(session: Session, manifest: dict[str, Any]) -> bool:
    """A range that starts above what we hold means an earlier package is missing."""
    vector = {o: s for o, s in session.execute(select(VersionVector.origin, VersionVector.seq))}
    return any(
        int(lo) > vector.get(origin, 0)
        for origin, (lo, _hi) in (manifest.get("ranges") or {}).items()
    )


def _hold(
    w: Work, base: ImportSummary, manifest: dict[str, Any], local: Path, status: str, message: str
) -> ImportSummary:
    _remember(w, manifest, status, 0, str(local), note=message)
    audit.append(
        w, "sync_hold", None, base.sender, {"package_id": base.package_id, "status": status}
    )
    return _replace(base, status=status, message=message)


def _advance(session: Session, me: LocalReplica, manifest: dict[str, Any], max_hlc: str) -> None:
    """Move our vector over the package's ranges, store the sender's acknowledgement (max
    only), and push our clock past everything we received."""
    conn = session.connection()
    ranges = manifest.get("ranges") or {}
    upsert.rows(
        conn,
        table_of(VersionVector),
        [{"origin": o, "seq": int(hi)} for o, (_lo, hi) in ranges.items()],
        keys=("origin",),
        greatest="seq",
    )
    sender = manifest["sender"]["replica_id"]
    upsert.rows(
        conn,
        table_of(PeerAck),
        [
            {"peer_id": sender, "origin": o, "seq": int(s)}
            for o, s in (manifest.get("vector") or {}).items()
        ],
        keys=("peer_id", "origin"),
        greatest="seq",
    )
    if max_hlc and max_hlc > me.last_hlc:
        session.execute(
            update(LocalReplica)
            .where(LocalReplica.replica_id == me.replica_id)
            .values(last_hlc=max_hlc)
        )


def _remember(
    w: Work, manifest: dict[str, Any], status: str, applied: int, path: str | None, note: str = ""
) -> None:
    row = w.session.get(InboxPackage, manifest["package_id"]) or InboxPackage(
        package_id=manifest["package_id"]
    )
    row.sender = manifest["sender"]["replica_id"]
    row.seq = int(manifest.get("seq", 0))
    row.status, row.received_at, row.kind = status, utc_now(), manifest.get("kind")
    row.n_changes = int((manifest.get("counts") or {}).get("changes", 0))
    row.applied, row.file_path, row.note = applied, path, note or None
    row.vector = json.dumps(manifest.get("vector") or {}, sort_keys=True)
    row.app_version = str(manifest.get("app_version") or "")[:20] or None
    w.session.add(row)
    w.session.flush()


def _receive_audit(session: Session, opened: Opened, me: str) -> None:
    """The sender's audit events (packages to a hub) and how far it holds every chain."""
    sender = opened.manifest["sender"]["replica_id"]
    try:
        audit_io.receive(session, contents.audit(opened), me)
        audit_io.store_ack(session, sender, opened.manifest.get("audit_vector") or {})
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PackageError(tr("Nhật ký thao tác trong gói bị hỏng.")) from error


def _store_blobs(opened: Opened) -> int:
    stored = 0
    for sha, data in opened.blobs().items():
        target = attachments.blob_path(sha)
        if not target.exists():
            media.write_file(target.parent, target.name, data)
            stored += 1
    return stored


def _replace(summary: ImportSummary, **changes: Any) -> ImportSummary:
    return replace(summary, **changes)
