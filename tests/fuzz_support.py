"""The fuzz tests' shared pieces: Hypothesis settings, a post and a hub with a valid package
between them, and the helpers that build signed packages from it.

Hypothesis runs derandomized and without its example database, so CI sees the same examples
every time and the repository stays clean. The `pair` fixture is module-scoped: each test module
that imports it gets its own post and hub, and `pair.state` follows the hub across that
module's tests."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import pyrage
import pytest
from hypothesis import HealthCheck, settings

from desktop_app.errors import AntqError
from desktop_app.sync import importer, package
from desktop_app.sync.keys import signing_key
from desktop_app.sync.package import Contents, PackageError, open_package, seal
from tests.sync_harness import Replica

FUZZ = settings(
    derandomize=True,  # the same examples on every run and every machine
    database=None,  # no .hypothesis folder in the repository
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
OUTCOMES = {importer.APPLIED, importer.ALREADY, *importer.HELD}
VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")
names = count()  # unique file names within a run


def assert_told(error: AntqError) -> None:
    """The officer is told why, in Vietnamese."""
    assert error.message.strip(), repr(error)
    assert VIETNAMESE.search(error.message.lower()), error.message


# --- A post that sends, a hub that receives ------------------------------------------------


@dataclass
class Pair:
    post: Replica
    hub: Replica
    folder: Path
    package: bytes  # a valid package from the post to the hub
    plain: bytes  # the same, decrypted: the ZIP
    manifest: dict[str, Any]
    changes: list[dict[str, Any]]
    events: list[dict[str, Any]]  # the post's audit events (packages to a hub carry them)
    sign_private: str  # the post's real signing key
    recipient: str  # the hub's age recipient
    state: dict[str, Any]  # the hub's dump now

    def attempt(self, data: bytes) -> None:
        """Import `data`: it applies (or is held), or it is refused and changes nothing."""
        path = self.folder / f"fuzz-{next(names)}.antq"
        path.write_bytes(data)
        try:
            result = importer.import_package(self.hub.db, self.hub.actor, path)
        except AntqError as error:
            assert_told(error)
            assert self.hub.dump() == self.state
            return
        assert result.status in OUTCOMES
        if result.status == importer.APPLIED:
            self.state = self.hub.dump()

    def refused(self, data: bytes) -> str:
        """Import `data`, which must be refused without a change; the officer's message."""
        path = self.folder / f"refused-{next(names)}.antq"
        path.write_bytes(data)
        with pytest.raises(PackageError) as caught:
            importer.import_package(self.hub.db, self.hub.actor, path)
        assert_told(caught.value)
        assert self.hub.dump() == self.state
        return caught.value.message

    def encrypt(self, plain: bytes) -> bytes:
        """Anyone may encrypt to the hub: its recipient is on a key card."""
        encrypted: bytes = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(self.recipient)])
        return encrypted


@pytest.fixture(scope="module", name="pair")
def pair_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    folder = tmp_path_factory.mktemp("fuzz-sync")
    post = Replica.create("post", str(folder / "post.sqlite3"), "post", "00097", folder)
    hub = Replica.create("hub", str(folder / "hub.sqlite3"), "hub", "01", folder)
    post.trust(hub)
    hub.trust(post)
    area = post.put("area", name="Tổ dân phố Đông", kind="to_dan_pho")
    home = post.put("household", address="Số 2, Tổ dân phố Đông", area_id=area)
    post.put("person", full_name="Lò Thị Mai", birth_year=1971, household_id=home)
    data = post.send(hub).read_bytes()
    keys = _keys(post, hub)
    opened = open_package(data, keys["identity"])
    plain: bytes = pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(keys["identity"])])
    yield Pair(
        post,
        hub,
        folder,
        data,
        plain,
        opened.manifest,
        opened.changes(),
        opened.audit(),
        keys["sign_private"],
        keys["recipient"],
        hub.dump(),
    )
    post.close()
    hub.close()


def _keys(post: Replica, hub: Replica) -> dict[str, str]:
    from sqlalchemy import select

    from db.models import LocalReplica
    from desktop_app.work import work

    with work(post.db, post.actor, write=False) as w:
        sign_private = w.session.scalars(select(LocalReplica)).one().sign_private
    with work(hub.db, hub.actor, write=False) as w:
        me = w.session.scalars(select(LocalReplica)).one()
        return {
            "sign_private": sign_private,
            "identity": me.age_identity,
            "recipient": me.age_recipient,
        }


# --- Building hostile packages -------------------------------------------------------------


def fresh(pair: Pair, origin: uuid.UUID, package_id: uuid.UUID) -> tuple[dict[str, Any], list[Any]]:
    """The valid package's changes as if from a new origin: unseen, so the merge runs."""
    o = str(origin)
    changes = [
        {**c, "origin": o, "seq": i, "change_id": str(uuid.uuid5(origin, str(i)))}
        for i, c in enumerate(pair.changes, start=1)
    ]
    n = len(changes)
    manifest = {
        **pair.manifest,
        "package_id": str(package_id),
        "vector": {o: n},
        "ranges": {o: [0, n]},
        "recipient_tip": None,
        "counts": {"changes": n, "blobs": 0},
        "audit_vector": {},
    }
    manifest.pop("files", None)
    return manifest, changes


def events_of(pair: Pair, origin: uuid.UUID) -> list[dict[str, Any]]:
    """The post's audit events as another machine's chain: new to the hub."""
    return [
        {**e, "replica_id": str(origin), "id": str(uuid.uuid5(origin, f"audit-{e['seq']}"))}
        for e in pair.events
    ]


def sealed(
    pair: Pair, manifest: dict[str, Any], changes: list[Any], events: list[Any] | None = None
) -> bytes:
    return seal(Contents(manifest, changes, audit=events or ()), pair.sign_private, pair.recipient)


def zipped(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return out.getvalue()


def signed(pair: Pair, manifest: Any, members: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """manifest.json listing every member's hash, and its signature by the post's real key."""
    if isinstance(manifest, dict) and "files" not in manifest:
        manifest = {**manifest, "files": {n: sha(d) for n, d in sorted(members.items())}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
    signature = signing_key(pair.sign_private).sign(manifest_bytes)
    return [
        (package.MANIFEST, manifest_bytes),
        (package.SIGNATURE, base64.b64encode(signature)),
        *members.items(),
    ]


def sealed_raw(pair: Pair, manifest: Any, members: dict[str, bytes]) -> bytes:
    return pair.encrypt(zipped(signed(pair, manifest, members)))


def jsonl(changes: list[Any]) -> bytes:
    return b"".join(json.dumps(c, ensure_ascii=False).encode() + b"\n" for c in changes)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
