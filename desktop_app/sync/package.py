"""The package file: a ZIP (manifest, signature, changes, blobs), signed with Ed25519, then
encrypted to the recipient with age (pyrage), so the reference `age` tool can open it with the
recipient's identity and nothing personal is readable without it.

This module knows bytes and keys only; what goes in and what comes out is decided elsewhere.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import re
import zipfile
import zlib
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
# What a package may hold, checked before anything is decompressed: a decrypted ZIP is still
# hostile until its signature is checked (anyone can encrypt to a public key card).
MEMBER_NAME = re.compile(
    r"manifest\.json|manifest\.sig|changes\.jsonl|audit\.jsonl|blobs/[0-9a-f]{64}"
)
MAX_MEMBERS = 100_000
MAX_MEMBER_BYTES = 512 << 20  # one attachment, or a commune's whole change list
MAX_TOTAL_BYTES = 1 << 30  # packages are split above ~1 GiB
# zipfile raises these for damaged archives, unsupported methods and encrypted members.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


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
        return [json.loads(line) for line in text.split("\n") if line.strip()]

    def audit(self) -> list[dict[str, Any]]:
        text = self.members.get(AUDIT, b"").decode("utf-8")
        return [json.loads(line) for line in text.split("\n") if line.strip()]

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
        signature = base64.b64decode(members.pop(SIGNATURE), validate=True)
        manifest = json.loads(manifest_bytes)
    except (KeyError, ValueError, binascii.Error) as error:
        raise PackageError(tr("Gói thiếu bản kê hoặc chữ ký.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
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
            _check_names(infos)
            members: dict[str, bytes] = {}
            budget = MAX_TOTAL_BYTES
            for info in infos:
                members[info.filename] = _read_member(zf, info, budget)
                budget -= len(members[info.filename])
            return members
    except (*_ZIP_ERRORS, OSError, ValueError) as error:
        raise PackageError(tr("Nội dung gói bị hỏng.")) from error


def _check_names(infos: Sequence[zipfile.ZipInfo]) -> None:
    """Only the members a package is made of, each once: no paths out of the package."""
    if len(infos) > MAX_MEMBERS:
        raise PackageError(tr("Gói có quá nhiều tệp bên trong."))
    names = [info.filename for info in infos]
    strange = [n for n in names if not MEMBER_NAME.fullmatch(n)]
    if strange:
        raise PackageError(tr("Gói chứa tệp không được phép: '{name}'.", name=strange[0][:80]))
    if len(set(names)) != len(names):
        raise PackageError(tr("Gói chứa một tệp hai lần."))


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The member's bytes, read no further than the limits (its header's size may lie)."""
    limit = min(MAX_MEMBER_BYTES, budget)
    if info.file_size > limit:
        raise _too_big()
    with zf.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise _too_big()
    return data


def _too_big() -> PackageError:
    return PackageError(
        tr(
            "Gói giải nén ra quá lớn (giới hạn {member} MiB mỗi tệp, {total} MiB cả gói): gói "
            "hỏng hoặc có ý phá hoại.",
            member=MAX_MEMBER_BYTES >> 20,
            total=MAX_TOTAL_BYTES >> 20,
        )
    )


def _check_hashes(manifest: Mapping[str, Any], members: Mapping[str, bytes]) -> None:
    listed = manifest.get("files")
    if not isinstance(listed, dict) or set(listed) != set(members):
        raise PackageError(tr("Danh sách tệp trong gói không khớp với bản kê."))
    for name, data in members.items():
        if listed[name] != _sha(data):
            raise PackageError(tr("Tệp '{name}' trong gói bị sửa hoặc hỏng.", name=name))
        if name.startswith("blobs/") and name != f"blobs/{_sha(data)}":
            raise PackageError(tr("Tệp '{name}' trong gói bị sửa hoặc hỏng.", name=name))


# One encoder for every line: `json.dumps` with options builds a new one per call, a third
# of the time of writing a province's package.
_LINE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _jsonl(rows: Sequence[Mapping[str, Any]]) -> bytes:
    return "".join([_LINE(row) + "\n" for row in rows]).encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_name(sender: str, recipient: str, seq: int) -> str:
    """`<from>_<to>_<seq>.antq`: routing only, nothing personal. The ids' last digits are
    random (UUIDv7 starts with the time), so machines set up together still differ."""
    return f"{sender[-8:]}_{recipient[-8:]}_{seq:05d}{SUFFIX}"
