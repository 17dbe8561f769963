"""Backups of the SQLite database: consistent copies in the backups folder, kept per kind,
rotated, checked; and restoring a copy into an empty place (docs/backups.md).

A copy `<database>-<kind>-<stamp>.sqlite3` is a plain SQLite file a technician can open. Its
sidecar `<copy>.json` names the database it copies, the replica (read from the copy itself),
the verdict of PRAGMA integrity_check and the SHA-256, so listing opens no database and
restore refuses a file that is not what it claims. PostgreSQL is backed up by its
administrator with pg_dump, not here.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from db.engine import database_url, sqlite_path
from db.uow import Database
from desktop_app import settings
from desktop_app.actor import Actor, require_admin, require_write
from desktop_app.errors import BackupError
from desktop_app.i18n import N_, tr
from desktop_app.sqlite_files import (
    Identity,
    check_integrity,
    copy_database,
    discard,
    finish,
    holds_rows,
    read_identity,
    sha256_of,
    temp_beside,
    write_text,
)

__all__ = ["BackupInfo", "check_integrity", "list_backups", "make_backup", "restore"]

ON_CLOSE, DAILY, BEFORE_MIGRATION, BEFORE_IMPORT, MANUAL = (
    "on-close",
    "daily",
    "before-migration",
    "before-import",
    "manual",
)
# Copies kept per database and kind, newest first; None: never deleted automatically.
KEEP: dict[str, int | None] = {
    ON_CLOSE: 5,
    DAILY: 7,
    BEFORE_IMPORT: 5,
    BEFORE_MIGRATION: 3,
    MANUAL: None,
}
# What each kind is called on screen (translated where shown).
KIND_LABELS = {
    ON_CLOSE: N_("Khi đóng chương trình"),
    DAILY: N_("Hằng ngày"),
    BEFORE_MIGRATION: N_("Trước khi nâng cấp"),
    BEFORE_IMPORT: N_("Trước khi nhập gói đồng bộ"),
    MANUAL: N_("Sao lưu theo yêu cầu"),
}
MARKER = "ANTQ Desk backup"
SIDECAR = ".json"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"-(?P<kind>" + "|".join(KEEP) + r")-\d{8}-\d{6}(-\d+)?\.sqlite3$")
log = logging.getLogger("antq.backups")


@dataclass(frozen=True)
class BackupInfo:
    """One copy in a backups folder, as its sidecar describes it."""

    path: Path
    kind: str
    made_at: datetime
    size: int
    source: str  # the database file it copies ("" when no sidecar says)
    replica_id: str | None
    unit_name: str | None
    ok: bool | None  # integrity_check passed; None: never checked (a copy without sidecar)
    problem: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "kind": self.kind,
            "made_at": self.made_at.isoformat(),
            "size": self.size,
            "source": self.source,
            "replica_id": self.replica_id,
            "unit_name": self.unit_name,
            "ok": self.ok,
            "problem": self.problem,
        }


# --- making copies ---


def make_backup(
    source: Path, kind: str, *, folder: Path | None = None, now: datetime | None = None
) -> BackupInfo:
    """Copy the database file `source`, check the copy, describe it, then rotate its kind."""
    made_at = (now or datetime.now()).astimezone()
    target_folder = folder or settings.backups_dir()
    temp = temp_beside(target_folder, ".sqlite3")
    try:
        copy_database(source, temp)
        problem = check_integrity(temp)
        identity = read_identity(temp)
        target = _free_name(target_folder, source, kind, made_at)
        sidecar = _sidecar(source, kind, made_at, problem, identity, temp)
        write_text(_sidecar_path(target), json.dumps(sidecar, ensure_ascii=False, indent=1))
        finish(temp, target)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(
            tr(
                "Không sao lưu được '{source}' vào '{folder}': {reason}.",
                source=source.name,
                folder=str(target_folder),
                reason=getattr(error, "strerror", None) or str(error),
            ),
            str(error),
        ) from error
    finally:
        discard(temp)
    if problem is not None:
        log.warning("backup %s fails integrity_check: %s", target, problem)
    info = _describe(target)
    if folder is None:
        rotate(source, kind)
    return info


def backup_database(db: Database, kind: str, *, now: datetime | None = None) -> BackupInfo | None:
    """A copy of `db`'s file; None for PostgreSQL (its administrator uses pg_dump)."""
    path = sqlite_path(db.engine)
    if path is None or not path.exists():
        return None
    return make_backup(path, kind, now=now)


def database_file(db: Database) -> Path | None:
    """The SQLite file of `db`; None for PostgreSQL."""
    return sqlite_path(db.engine)


def backups_of(db: Database) -> list[BackupInfo]:
    """The copies of `db`'s file, newest first (none for PostgreSQL)."""
    path = sqlite_path(db.engine)
    return list_backups(path) if path is not None else []


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def format_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def daily_backup(db: Database, *, now: datetime | None = None) -> BackupInfo | None:
    """At most one `daily` copy per calendar day: made if none was made today."""
    path = sqlite_path(db.engine)
    today = (now or datetime.now()).astimezone().date()
    if path is None or any(
        b.kind == DAILY and b.made_at.date() == today for b in list_backups(path)
    ):
        return None
    return backup_database(db, DAILY, now=now)


def before_import(db: Database, actor: Actor) -> BackupInfo | None:
    """The copy made once per `antq sync import` (not for --dry-run), before anything applies."""
    require_write(actor)
    return backup_database(db, BEFORE_IMPORT)


def manual_backup(db: Database, actor: Actor, out: Path | None = None) -> BackupInfo:
    """A copy the post chief asked for (never deleted automatically), audited: it holds
    every record and the replica's private keys."""
    from desktop_app.services import audit  # the services load only when needed
    from desktop_app.work import work

    require_admin(actor)
    path = sqlite_path(db.engine)
    if path is None:
        raise postgresql_error()
    info = make_backup(path, MANUAL, folder=out)
    with work(db, actor, write=True) as w:
        audit.append(w, "backup", None, None, {"path": str(info.path), "ok": info.ok})
    return info


def postgresql_error() -> BackupError:
    return BackupError(
        tr(
            "Cơ sở dữ liệu này chạy trên PostgreSQL: việc sao lưu do quản trị viên cơ sở dữ liệu "
            "làm bằng pg_dump (và phục hồi bằng pg_restore). 'antq backup' và 'antq restore' chỉ "
            "dùng cho tệp SQLite của Công an xã."
        )
    )


def sqlite_file(target: str | Path | None) -> Path:
    """The SQLite file of a --db value (default: the user's database); PostgreSQL is refused."""
    url = database_url(target or settings.default_database())
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise postgresql_error()
    return Path(url.database)


# --- listing and rotating ---


def list_backups(source: Path | None = None, folder: Path | None = None) -> list[BackupInfo]:
    """The copies in the backups folder (of the database `source` only, if given), newest first."""
    found = [_describe(p) for p in (folder or settings.backups_dir()).glob("*.sqlite3")]
    if source is not None:
        wanted = str(source.resolve())
        found = [b for b in found if b.source == wanted]
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def newest_good(source: Path) -> BackupInfo | None:
    return next((b for b in list_backups(source) if b.ok), None)


def rotate(source: Path, kind: str) -> list[Path]:
    """Delete the copies of `kind` beyond its limit, but never the newest good one."""
    limit = KEEP.get(kind)
    if limit is None:
        return []
    copies = [b for b in list_backups(source) if b.kind == kind]
    keep = {b.path for b in copies[:limit]}
    newest_ok = next((b.path for b in copies if b.ok), None)
    if newest_ok is not None:
        keep.add(newest_ok)
    removed = [b.path for b in copies if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
        _sidecar_path(path).unlink(missing_ok=True)
    return removed


# --- restoring ---


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    target: Path
    replica_id: str | None
    unit_name: str | None
    had_synced: bool  # the replica had exchanged packages: it must re-enrol before syncing
    set_aside: Path | None = None  # where a damaged database was moved (restore in place)


def restore(backup_file: Path, target: Path) -> RestoreResult:
    """Restore `backup_file` into `target`, which must not exist or hold no data.

    The file is checked (SHA-256 against its sidecar, integrity_check, the ANTQ Desk schema)
    on a temp copy beside `target`; only a copy that passes is renamed into place. A refused
    file leaves nothing behind."""
    _check_target(target)
    _check_hash(backup_file)
    temp = temp_beside(target.parent, ".sqlite3")
    try:
        identity = _copy_checked(backup_file, temp)
        _check_target(target)  # still empty: nothing appeared while we copied
        finish(temp, target)
    except OSError as error:
        raise BackupError(
            tr(
                "Không ghi được '{target}': {reason}.",
                target=str(target),
                reason=error.strerror or str(error),
            ),
            str(error),
        ) from error
    finally:
        discard(temp)
    return RestoreResult(
        backup_file, target, identity.replica_id, identity.unit_name, identity.has_synced
    )


def reenrol_note() -> str:
    """What to tell the officer after restoring a copy of a replica that had synced."""
    return tr(
        "Máy này đã từng đồng bộ: trước lần đồng bộ tiếp theo, Trưởng Công an hãy đăng ký lại "
        "máy (antq sync reenrol, hoặc nút «Đăng ký lại máy này» trên trang Đồng bộ) rồi trao "
        "thẻ khóa mới cho Công an tỉnh. Nếu quên, gói gửi đi sẽ bị giữ lại và phần mềm nhắc "
        "việc này."
    )


def replace_damaged(
    damaged: Path, backup_file: Path, *, now: datetime | None = None
) -> RestoreResult:
    """Move a damaged database aside as `<name>.hong-<stamp>` (with its WAL) and restore
    `backup_file` in its place; on failure the damaged file goes back where it was."""
    stamp = (now or datetime.now()).strftime(_STAMP)
    aside = damaged.with_name(f"{damaged.name}.hong-{stamp}")
    moved = [
        (damaged.with_name(damaged.name + s), aside.with_name(aside.name + s))
        for s in ("", "-wal", "-shm")
        if damaged.with_name(damaged.name + s).exists()
    ]
    for old, new in moved:
        old.rename(new)
    try:
        result = restore(backup_file, damaged)
    except BaseException:
        for old, new in moved:
            new.rename(old)
        raise
    return replace(result, set_aside=aside)


def _check_target(target: Path) -> None:
    wal = target.with_name(target.name + "-wal")
    busy = wal.exists() and wal.stat().st_size > 0
    if target.is_dir() or busy or (target.exists() and _holds_data(target)):
        raise BackupError(
            tr(
                "'{target}' đã có dữ liệu (hoặc đang được mở): không phục hồi đè lên. Hãy chọn "
                "đường dẫn khác, hoặc chuyển tệp đó sang nơi khác rồi phục hồi lại.",
                target=str(target),
            )
        )


def _holds_data(target: Path) -> bool:
    return target.stat().st_size > 0 and holds_rows(target)


def _check_hash(backup_file: Path) -> None:
    if not backup_file.is_file():
        raise BackupError(tr("Không thấy tệp sao lưu '{file}'.", file=str(backup_file)))
    sidecar = _read_sidecar(backup_file)
    expected = sidecar.get("sha256") if sidecar else None
    if expected and expected != sha256_of(backup_file):
        raise BackupError(
            tr(
                "Tệp '{file}' đã bị thay đổi hoặc hỏng kể từ khi sao lưu (mã băm không khớp): "
                "không phục hồi. Hãy chọn một bản sao lưu khác.",
                file=backup_file.name,
            )
        )


def _copy_checked(backup_file: Path, temp: Path) -> Identity:
    try:
        copy_database(backup_file, temp)
    except sqlite3.Error as error:
        raise _refused(backup_file, str(error)) from error
    problem = check_integrity(temp)
    if problem is not None:
        raise _refused(backup_file, problem)
    identity = read_identity(temp)
    if identity is None:
        raise BackupError(
            tr(
                "Tệp '{file}' không phải cơ sở dữ liệu ANTQ Desk: không phục hồi.",
                file=backup_file.name,
            )
        )
    _check_revision(backup_file, identity.revision)
    return identity


def _check_revision(backup_file: Path, revision: str) -> None:
    from db import migrate

    if not migrate.knows_revision(revision):
        raise BackupError(
            tr(
                "Tệp '{file}' được tạo bởi phiên bản ANTQ Desk mới hơn (lược đồ {revision}): "
                "hãy cài phiên bản mới rồi phục hồi.",
                file=backup_file.name,
                revision=revision,
            )
        )


def _refused(backup_file: Path, problem: str) -> BackupError:
    return BackupError(
        tr(
            "Tệp '{file}' bị hỏng hoặc không phải cơ sở dữ liệu: không phục hồi. Hãy chọn một "
            "bản sao lưu khác.",
            file=backup_file.name,
        ),
        problem,
    )


# --- sidecars ---


def _free_name(folder: Path, source: Path, kind: str, made_at: datetime) -> Path:
    base = f"{source.stem}-{kind}-{made_at.strftime(_STAMP)}"
    candidate, n = folder / f"{base}.sqlite3", 1
    while candidate.exists() or _sidecar_path(candidate).exists():
        n += 1
        candidate = folder / f"{base}-{n}.sqlite3"
    return candidate


def _sidecar(
    source: Path,
    kind: str,
    made_at: datetime,
    problem: str | None,
    identity: Identity | None,
    copy: Path,
) -> dict[str, Any]:
    return {
        "marker": MARKER,
        "kind": kind,
        "made_at": made_at.isoformat(),
        "source": str(source.resolve()),
        "replica_id": identity.replica_id if identity else None,
        "unit_code": identity.unit_code if identity else None,
        "unit_name": identity.unit_name if identity else None,
        "schema_revision": identity.revision if identity else None,
        "integrity": "ok" if problem is None else problem,
        "size": copy.stat().st_size,
        "sha256": sha256_of(copy),
    }


def _sidecar_path(copy: Path) -> Path:
    return copy.with_name(copy.name + SIDECAR)


def _read_sidecar(copy: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(_sidecar_path(copy).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("marker") == MARKER else None


def _describe(copy: Path) -> BackupInfo:
    size = copy.stat().st_size
    data = _read_sidecar(copy)
    try:
        made_at = datetime.fromisoformat(str(data.get("made_at"))) if data else None
    except ValueError:
        made_at = None
    if data is None or made_at is None:  # a copy from elsewhere, or its sidecar was lost
        found = _NAME.search(copy.name)
        made_at = datetime.fromtimestamp(copy.stat().st_mtime).astimezone()
        kind = found.group("kind") if found else "unknown"
        return BackupInfo(copy, kind, made_at, size, "", None, None, None)
    integrity = str(data.get("integrity") or "")
    return BackupInfo(
        path=copy,
        kind=str(data.get("kind")),
        made_at=made_at,
        size=size,
        source=str(data.get("source") or ""),
        replica_id=data.get("replica_id"),
        unit_name=data.get("unit_name"),
        ok=integrity == "ok",
        problem="" if integrity == "ok" else integrity,
    )
