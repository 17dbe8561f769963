"""Scans and photos attached to records (signed minutes, case papers, a group's quy ước).

Files are stored once, named by their SHA-256, in the data folder; the `attachment` record
(which replicates) names the owner, the file name and the hash. Packages carry the bytes as
`blobs/<sha256>` (DESIGN.md §3).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select

from db.base import SYNCED
from db.models import Attachment
from db.uow import Database
from desktop_app import settings
from desktop_app.actor import Actor, require_write
from desktop_app.errors import NotFoundError, PermissionDeniedError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records.catalog import SENSITIVE_TYPES, record_type
from desktop_app.records.view import Record, to_record
from desktop_app.services import audit
from desktop_app.services.records import save
from desktop_app.work import Work, work

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024


def store_dir() -> Path:
    path = settings.data_dir() / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def blob_path(sha256: str) -> Path:
    return store_dir() / sha256[:2] / sha256


def add(
    db: Database, actor: Actor, owner_type: str, owner_id: str, source: Path, note: str = ""
) -> Record:
    """Copy `source` into the store and attach it to the record `owner_type`/`owner_id`."""
    require_write(actor)
    sha, size = _digest(source)
    _store(source, sha)
    with work(db, actor, write=True) as w:
        _check_owner(w, owner_type, owner_id)
        data = {
            "owner_type": owner_type,
            "owner_id": owner_id,
            "file_name": source.name,
            "media_type": mimetypes.guess_type(source.name)[0] or "application/octet-stream",
            "size": size,
            "sha256": sha,
            "note": note or None,
        }
        obj, _ = save(w, record_type("attachment"), data)
        return to_record(record_type("attachment"), obj)


def list_for(db: Database, actor: Actor, owner_type: str, owner_id: str) -> list[Record]:
    _check_reader(actor, owner_type)
    with work(db, actor, write=owner_type in SENSITIVE_TYPES) as w:
        rows = list(
            w.session.scalars(
                select(Attachment)
                .where(
                    Attachment.owner_type == owner_type,
                    Attachment.owner_id == owner_id,
                    Attachment.deleted.is_(False),
                )
                .order_by(Attachment.created_at)
            )
        )
        if owner_type in SENSITIVE_TYPES:
            audit.append(w, "list", "attachment", None, {"owner": owner_id, "count": len(rows)})
        return [to_record(record_type("attachment"), a) for a in rows]


def export(db: Database, actor: Actor, attachment_id: str, target: Path) -> Path:
    """Copy an attachment's file out of the store (audited), checking its hash on the way."""
    with work(db, actor, write=True) as w:
        found = w.session.get(Attachment, attachment_id)
        if found is None or found.deleted:
            raise NotFoundError(tr("Không tìm thấy tệp đính kèm có mã '{id}'.", id=attachment_id))
        _check_reader(actor, found.owner_type or "")
        source = blob_path(found.sha256 or "")
        if not source.exists() or _digest(source)[0] != found.sha256:
            raise ValidationError(
                tr(
                    "Tệp '{name}' chưa có trên máy này hoặc đã hỏng; hãy đồng bộ lại.",
                    name=found.file_name,
                )
            )
        shutil.copyfile(source, target)
        audit.append(w, "export", "attachment", found.id, {"owner": found.owner_id})
        return target


def _digest(source: Path) -> tuple[str, int]:
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(
                tr("Tệp lớn hơn {mb} MB, không đính kèm được.", mb=MAX_BYTES // 2**20)
            )
        digest = hashlib.sha256()
        with source.open("rb") as handle:
            for block in iter(lambda: handle.read(CHUNK), b""):
                digest.update(block)
    except OSError as error:
        raise ValidationError(
            tr("Không đọc được tệp '{name}': {reason}", name=source.name, reason=error.strerror)
        ) from error
    return digest.hexdigest(), size


def _store(source: Path, sha: str) -> None:
    """Write once: temp file beside the target, fsync, rename; an existing blob is kept."""
    target = blob_path(sha)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as data:
            shutil.copyfileobj(data, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _check_owner(w: Work, owner_type: str, owner_id: str) -> None:
    model = SYNCED.get(owner_type)
    owner = w.session.get(model, owner_id) if model is not None else None
    if owner is None or owner.deleted:
        raise NotFoundError(tr("Không tìm thấy hồ sơ có mã '{id}'.", id=owner_id))
    if owner_type == "attachment":
        raise ValidationError(tr("Không đính kèm tệp vào một tệp đính kèm."))


def _check_reader(actor: Actor, owner_type: str) -> None:
    if owner_type in SENSITIVE_TYPES and not actor.sees_case_details:
        raise PermissionDeniedError(
            tr(
                "Tài khoản '{user}' không được xem tài liệu của hồ sơ tái hòa nhập.",
                user=actor.username,
            )
        )
