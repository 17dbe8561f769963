"""The package file: a ZIP (manifest, signature, changes, blobs), signed with Ed25519, then
encrypted to the recipient with age (pyrage), so the reference `age` tool can open it with the
recipient's identity and nothing personal is readable without it.

This module knows bytes and keys only; what goes in and what comes out is decided elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.sync.keys import signing_key

FORMAT = "antq-sync"
FORMAT_VERSION = 1
SUFFIX = ".antq"
MANIFEST, SIGNATURE, CHANGES = "manifest.json", "manifest.sig", "changes.jsonl"
AUDIT = "audit.jsonl"  # audit events, in packages to a hub (desktop_app/sync/audit_io.py)
MAX_MEMBERS = 100_000


class PackageError(AntqError):
    """A package that cannot be read or trusted; nothing was changed."""

    exit_code = 9


@dataclass(frozen=True)
class Contents:
    """What a package carries, before signing and encryption."""

    manifest: dict[str, Any]
    changes: Sequence[Mapping[str, Any]]
    blobs: Mapping[str, bytes] = field(default_factory=dict)  # sha256 → bytes
    audit: Sequence[Mapping[str, Any]] = ()


def seal(contents: Contents, sign_private: str, recipient: str) -> bytes:
    """ZIP, sign the manifest (which hashes every member), encrypt to `recipient`."""
    members = {CHANGES: _jsonl(contents.changes)}
    if contents.audit:
        members[AUDIT] = _jsonl(contents.audit)
    members.update({f"blobs/{sha}": data for sha, data in contents.blobs.items()})
    manifest = dict(contents.manifest)
    manifest["files"] = {name: _sha(data) for name, data in sorted(members.items())}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    signature = signing_key(sign_private).sign(manifest_bytes)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, base64.b64encode(signature))
        for name, data in members.items():
            zf.writestr(name, data)
    try:
        encrypted: bytes = pyrage.encrypt(
            archive.getvalue(), [pyrage.x25519.Recipient.from_str(recipient)]
        )
    except Exception as error:  # pyrage raises its own error types for bad keys
        raise PackageError(tr("Khóa nhận của đối tác không hợp lệ: {e}", e=str(error))) from error
    return encrypted


@dataclass(frozen=True)
class Opened:
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    members: dict[str, bytes]

    def changes(self) -> list[dict[str, Any]]:
        text = self.members.get(CHANGES, b"").decode("utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def audit(self) -> list[dict[str, Any]]:
        text = self.members.get(AUDIT, b"").decode("utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def blobs(self) -> dict[str, bytes]:
        prefix = "blobs/"
        return {n[len(prefix) :]: d for n, d in self.members.items() if n.startswith(prefix)}


def open_package(data: bytes, identity: str) -> Opened:
    """Decrypt and unzip; checks the member hashes against the manifest (not the signature:
    the caller checks it against the sender it expects)."""
    try:
        plain = pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)])
    except Exception as error:
        raise PackageError(
            tr("Không giải mã được gói: tệp bị hỏng, bị cắt cụt, hoặc không gửi cho máy này.")
        ) from error
    members = _unzip(plain)
    try:
        manifest_bytes = members.pop(MANIFEST)
        signature = base64.b64decode(members.pop(SIGNATURE))
        manifest = json.loads(manifest_bytes)
    except (KeyError, ValueError) as error:
        raise PackageError(tr("Gói thiếu bản kê hoặc chữ ký.")) from error
    if manifest.get("format") != FORMAT:
        raise PackageError(tr("Tệp không phải gói đồng bộ ANTQ Desk."))
    _check_hashes(manifest, members)
    return Opened(manifest, manifest_bytes, signature, members)


def verify_signature(opened: Opened, sign_public: str) -> None:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(sign_public))
        key.verify(opened.signature, opened.manifest_bytes)
    except (InvalidSignature, ValueError) as error:
        raise PackageError(
            tr("Chữ ký của gói không đúng: gói đã bị sửa hoặc không phải do đối tác này gửi.")
        ) from error


def _unzip(plain: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise PackageError(tr("Gói có quá nhiều tệp bên trong."))
            return {info.filename: zf.read(info) for info in infos}
    except (zipfile.BadZipFile, OSError) as error:
        raise PackageError(tr("Nội dung gói bị hỏng.")) from error


def _check_hashes(manifest: Mapping[str, Any], members: Mapping[str, bytes]) -> None:
    listed = manifest.get("files") or {}
    if set(listed) != set(members):
        raise PackageError(tr("Danh sách tệp trong gói không khớp với bản kê."))
    for name, data in members.items():
        if listed[name] != _sha(data):
            raise PackageError(tr("Tệp '{name}' trong gói bị sửa hoặc hỏng.", name=name))


def _jsonl(rows: Sequence[Mapping[str, Any]]) -> bytes:
    return "".join(
        json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
        for row in rows
    ).encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_name(sender: str, recipient: str, seq: int) -> str:
    """`<from>_<to>_<seq>.antq`: routing only, nothing personal. The ids' last digits are
    random (UUIDv7 starts with the time), so machines set up together still differ."""
    return f"{sender[-8:]}_{recipient[-8:]}_{seq:05d}{SUFFIX}"
