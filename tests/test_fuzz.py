"""Hostile input, generated: packages (damaged bytes; signed by a trusted peer but malformed
inside; ZIP bombs and path tricks) and spreadsheets (random workbooks, random bytes). Every
input is imported or refused with the app's error and a Vietnamese message; a refusal
changes nothing. Hypothesis runs derandomized and without its example database, so CI sees
the same examples every time and the repository stays clean."""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import re
import struct
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import count
from pathlib import Path
from typing import Any

import openpyxl
import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from db.base import SYNCED, table_of
from db.changelog import ROW_FIELD
from desktop_app.errors import AntqError
from desktop_app.services import attachments
from desktop_app.spreadsheets.households_import import import_households
from desktop_app.sync import audit_io, importer, package
from desktop_app.sync.changelog_io import COLUMNS
from desktop_app.sync.keys import signing_key
from desktop_app.sync.package import Contents, PackageError, open_package, seal
from tests.conftest import Env
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
_names = count()


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
        path = self.folder / f"fuzz-{next(_names)}.antq"
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
        path = self.folder / f"refused-{next(_names)}.antq"
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


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
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
        manifest = {**manifest, "files": {n: _sha(d) for n, d in sorted(members.items())}}
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


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
NUMBERS = st.sampled_from([-1, 0, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1])
HLCS = st.sampled_from(
    [
        "",
        "abc",
        "999999999999999.99999",
        "000000000000000.00000",
        "-00000000000001.00000",
        "0000017323_5678.00000",
        " 00017323456789.00000",
        "001732345678901.0000x",
        "001732345678901",
    ]
) | st.text(max_size=25)
VALUES = JSON | NUMBERS | HLCS
MANIFEST_KEYS = st.sampled_from(
    [
        "format",
        "format_version",
        "schema_version",
        "min_reader_schema",
        "kind",
        "package_id",
        "seq",
        "sender",
        "recipient",
        "sender_hlc",
        "vector",
        "ranges",
        "recipient_tip",
        "counts",
        "app_version",
    ]
)
CHANGE_KEYS = st.sampled_from([*COLUMNS, "extra"])
AUDIT_KEYS = st.sampled_from([*audit_io.FIELDS, "extra"])
TABLES = st.sampled_from(sorted(SYNCED))


@st.composite
def hostile(draw: st.DrawFn, pair: Pair) -> bytes:
    """A package that decrypts and verifies (the post's real keys) but says odd things."""
    manifest, changes = fresh(pair, draw(st.uuids()), draw(st.uuids()))
    where = draw(st.integers(0, len(changes) - 1))
    kinds = ["set", "drop", "m-set", "m-drop", "column", "row", "lines", "audit"]
    kind = draw(st.sampled_from(kinds))
    if kind == "set":
        changes[where][draw(CHANGE_KEYS)] = draw(VALUES)
    elif kind == "drop":
        changes[where].pop(draw(CHANGE_KEYS), None)
    elif kind == "m-set":
        manifest[draw(MANIFEST_KEYS)] = draw(VALUES)
    elif kind == "m-drop":
        manifest.pop(draw(MANIFEST_KEYS), None)
    elif kind == "audit":
        origin = draw(st.uuids())
        events = events_of(pair, origin)
        events[draw(st.integers(0, len(events) - 1))][draw(AUDIT_KEYS)] = draw(VALUES)
        return sealed(pair, manifest, changes, events)
    elif kind in ("column", "row"):
        tbl = draw(TABLES | st.text(max_size=45))
        names = [c.key for c in table_of(SYNCED[tbl]).columns] if tbl in SYNCED else []
        name = draw(st.sampled_from([*names, "khong_co"]) | st.text(max_size=65))
        raw = draw(VALUES)
        change = changes[where]
        change["tbl"] = tbl
        if kind == "column":
            change["field"], change["value"] = name, json.dumps(raw)
        else:
            change["field"], change["value"] = ROW_FIELD, json.dumps({name: raw})
    else:
        body = jsonl(changes)
        lines = body.splitlines(keepends=True)
        junk = draw(st.binary(max_size=40) | st.text(max_size=40).map(str.encode))
        lines.insert(draw(st.integers(0, len(lines))), junk + b"\n")
        return sealed_raw(pair, manifest, {package.CHANGES: b"".join(lines)})
    return sealed(pair, manifest, changes)


# --- The package importer ------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_damaged_package_bytes_are_refused_and_change_nothing(
    pair: Pair, data: st.DataObject
) -> None:
    raw = bytearray(pair.package)
    damage = data.draw(st.sampled_from(["flip", "truncate", "append", "splice"]))
    if damage == "flip":
        for at in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=4)):
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
    elif damage == "truncate":
        del raw[data.draw(st.integers(0, len(raw) - 1)) :]
    elif damage == "append":
        raw += data.draw(st.binary(min_size=1, max_size=200))
    else:
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=50))
    pair.refused(bytes(raw))


@FUZZ
@given(data=st.data())
def test_a_damaged_zip_inside_a_valid_encryption_is_refused(
    pair: Pair, data: st.DataObject
) -> None:
    """Whoever holds the hub's public key can encrypt to it: the ZIP is hostile until the
    signature is checked."""
    raw = bytearray(pair.plain)
    for at in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=6)):
        raw[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del raw[data.draw(st.integers(0, len(raw) - 1)) :]
    pair.attempt(pair.encrypt(bytes(raw)))


@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_signed_packages_with_malformed_contents_import_or_are_refused(
    pair: Pair, data: st.DataObject
) -> None:
    pair.attempt(data.draw(hostile(pair)))


# --- Bugs the fuzzing found, kept as plain examples ----------------------------------------

Edit = Callable[[dict[str, Any]], None]


def _set(**fields: Any) -> Edit:
    return lambda change: change.update(fields)


def _drop(name: str) -> Edit:
    return lambda change: change.pop(name)


def _person(values: dict[str, Any], *, ascii: bool = False) -> Edit:
    """The person's creation entry with some values changed."""

    def edit(change: dict[str, Any]) -> None:
        # as the change log writes values: db.values.encode keeps non-ASCII as it is
        merged = {**json.loads(change["value"]), **values}
        change["value"] = json.dumps(merged, ensure_ascii=ascii)

    return edit


CHANGE_BUGS: dict[str, Edit] = {
    # upcast() stepped from this version up to ours one by one: 2**62 steps
    "schema_version far below ours": _set(schema_version=-(2**62)),
    "schema_version as text": _set(schema_version="bốn"),
    "seq beyond 64 bits": _set(seq=2**64),  # OverflowError from the SQLite driver
    "hlc after the year 9999": _set(hlc="999999999999999.99999"),  # datetime overflow
    "hlc that is not a clock": _set(hlc="hôm qua"),
    "no tx_id": _drop("tx_id"),  # NOT NULL in the log
    "tombstone set to null": _set(field="deleted", value="null"),  # NOT NULL on the row
    "a local-only field": _set(field="hlc", value='"999"'),  # would poison the row's clock
    "value that is not JSON": _set(value="{không phải json"),
    "birth year as words": _person({"birth_year": "một nghìn chín trăm"}),
    "name with a NUL byte": _person({"full_name": "Lò\x00Mai"}),  # PostgreSQL refuses NUL
    "name with a lone surrogate": _person({"full_name": "Lò \ud800 Mai"}, ascii=True),  # not UTF-8
    "name longer than its column": _person({"full_name": "Lò " * 60}),  # PostgreSQL refuses
}


@pytest.mark.parametrize("edit", CHANGE_BUGS.values(), ids=CHANGE_BUGS.keys())
def test_a_signed_package_with_a_bad_change_is_refused_whole(pair: Pair, edit: Edit) -> None:
    manifest, changes = fresh(pair, uuid.uuid4(), uuid.uuid4())
    edit(changes[-1])
    message = pair.refused(sealed(pair, manifest, changes))
    assert "không hợp lệ" in message


def test_two_changes_with_one_id_are_refused(pair: Pair) -> None:
    manifest, changes = fresh(pair, uuid.uuid4(), uuid.uuid4())
    changes[-1]["change_id"] = changes[0]["change_id"]  # was an IntegrityError
    assert "cùng mã" in pair.refused(sealed(pair, manifest, changes))


def test_a_change_id_already_held_elsewhere_quarantines_the_package(pair: Pair) -> None:
    first, changes = fresh(pair, uuid.uuid4(), uuid.uuid4())
    pair.attempt(sealed(pair, first, changes))
    manifest, again = fresh(pair, uuid.uuid4(), uuid.uuid4())
    again[-1]["change_id"] = changes[-1]["change_id"]  # was an IntegrityError
    path = pair.folder / f"clone-{next(_names)}.antq"
    path.write_bytes(sealed(pair, manifest, again))
    result = importer.import_package(pair.hub.db, pair.hub.actor, path)
    assert result.status == importer.QUARANTINED
    assert pair.hub.dump() == pair.state


MANIFEST_BUGS: dict[str, Edit] = {
    "seq beyond 64 bits": _set(seq=2**64),
    "sender as a list": _set(sender=["post"]),  # was AttributeError
    "vector with words": _set(vector={"x": "nhiều"}),  # was ValueError
    "range of one number": _set(ranges={"x": [5]}),
    "package_id as a number": _set(package_id=7),
    "counts as text": _set(counts="ba"),
}


@pytest.mark.parametrize("edit", MANIFEST_BUGS.values(), ids=MANIFEST_BUGS.keys())
def test_a_signed_package_with_a_bad_manifest_is_refused(pair: Pair, edit: Edit) -> None:
    manifest, changes = fresh(pair, uuid.uuid4(), uuid.uuid4())
    edit(manifest)
    assert "Bản kê của gói không hợp lệ" in pair.refused(sealed(pair, manifest, changes))


@pytest.mark.parametrize(
    "manifest",
    [["antq-sync"], {"format": "antq-sync", "files": ["changes.jsonl"]}],
    ids=["a list", "files as a list"],
)
def test_a_manifest_of_the_wrong_shape_is_refused(pair: Pair, manifest: Any) -> None:
    members = {package.CHANGES: jsonl(pair.changes)}
    entries = signed(pair, manifest, members)
    pair.refused(pair.encrypt(zipped(entries)))


def test_an_audit_event_numbered_beyond_64_bits_is_refused(pair: Pair) -> None:
    origin = uuid.uuid4()
    manifest, changes = fresh(pair, origin, uuid.uuid4())
    events = events_of(pair, origin)
    events[0]["seq"] = 2**64  # was an OverflowError from the driver
    assert "audit.jsonl" in pair.refused(sealed(pair, manifest, changes, events))


@pytest.mark.parametrize("junk", [b"\xff\xfe ho\xe0ng\n", b"[1, 2]\n", b"{\n"])
def test_garbage_lines_in_the_change_list_are_refused(pair: Pair, junk: bytes) -> None:
    manifest, changes = fresh(pair, uuid.uuid4(), uuid.uuid4())
    pair.refused(sealed_raw(pair, manifest, {package.CHANGES: jsonl(changes) + junk}))


def test_unknown_tables_and_fields_wait_in_the_log_and_the_rest_applies(pair: Pair) -> None:
    """A newer version's table or field is not an error: it applies after an upgrade."""
    manifest, changes = fresh(pair, uuid.uuid4(), uuid.uuid4())
    changes[0]["tbl"] = "bang_moi"
    changes[-1]["value"] = json.dumps({**json.loads(changes[-1]["value"]), "truong_moi": [1]})
    path = pair.folder / f"newer-{next(_names)}.antq"
    path.write_bytes(sealed(pair, manifest, changes))
    assert importer.import_package(pair.hub.db, pair.hub.actor, path).status == importer.APPLIED
    pair.state = pair.hub.dump()


def test_a_value_with_a_line_separator_is_one_change(pair: Pair) -> None:
    """JSON lines keep U+2028 and U+0085 unescaped; str.splitlines() cut such a line in two.
    The app cleans what officers type, but a value that reached the log another way (an
    older version, a hub's own import) must still travel."""
    note = "Dòng một\u2028dòng hai\x85dòng ba"
    manifest, changes = fresh(pair, uuid.uuid4(), uuid.uuid4())
    _person({"note": note})(changes[-1])
    # A resident new to the hub: the rows `fresh` re-sends exist there already, with the same
    # clocks, and an equal clock is won by the greater origin — a coin toss between uuid4s.
    changes[-1]["row_id"] = str(uuid.uuid4())
    path = pair.folder / f"note-{next(_names)}.antq"
    path.write_bytes(sealed(pair, manifest, changes))
    assert importer.import_package(pair.hub.db, pair.hub.actor, path).status == importer.APPLIED
    assert pair.hub.get("person", changes[-1]["row_id"]).get("note") == note
    pair.state = pair.hub.dump()


# --- ZIP tricks ------------------------------------------------------------------------------


def plain_package(pair: Pair, members: dict[str, bytes]) -> bytes:
    """A ZIP with these members besides a properly signed manifest listing them all."""
    manifest, _ = fresh(pair, uuid.uuid4(), uuid.uuid4())
    return zipped(signed(pair, manifest, members))


def patched(raw: bytes, name: str, field: str, value: int) -> bytes:
    """`raw` with one header field of member `name` rewritten, in both of its headers."""
    # (local header offset, central directory offset, struct format) of each field
    fields = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "size": (22, 24, "<I")}
    local, central, fmt = fields[field]
    data = bytearray(raw)
    encoded = name.encode()
    for signature, at, name_at in ((b"PK\x03\x04", local, 30), (b"PK\x01\x02", central, 46)):
        pos = data.find(signature)
        while pos != -1:
            if data[pos + name_at : pos + name_at + len(encoded)] == encoded:
                struct.pack_into(fmt, data, pos + at, value)
            pos = data.find(signature, pos + 1)
    return bytes(data)


@pytest.mark.parametrize(
    "name",
    [
        "../../evil",
        "/tmp/evil",
        "blobs/../../evil",
        "C:\\Windows\\evil",
        "blobs/" + "A" * 64,
        "changes.jsonl/../manifest.json",
        "blobs/",
    ],
)
def test_members_outside_the_package_layout_are_refused_and_nothing_is_written(
    pair: Pair, name: str
) -> None:
    store = attachments.store_dir()
    before = sorted(store.rglob("*"))
    evil = b"du lieu doc hai"
    message = pair.refused(pair.encrypt(plain_package(pair, {name: evil})))
    assert "không được phép" in message
    assert sorted(store.rglob("*")) == before
    if name.startswith("blobs/") and name != "blobs/":  # where the old code wrote it
        assert not attachments.blob_path(name.removeprefix("blobs/")).resolve().exists()
    assert not (pair.folder / "evil").exists() and not Path("/tmp/evil").exists()


def test_a_member_twice_is_refused(pair: Pair) -> None:
    body = jsonl(pair.changes)
    entries = signed(pair, fresh(pair, uuid.uuid4(), uuid.uuid4())[0], {package.CHANGES: body})
    with pytest.warns(UserWarning, match="Duplicate name"):
        raw = zipped([*entries, (package.CHANGES, b"{}\n")])
    assert "hai lần" in pair.refused(pair.encrypt(raw))


def test_a_member_declared_larger_than_the_limit_is_refused_unread(pair: Pair) -> None:
    raw = plain_package(pair, {package.CHANGES: jsonl(pair.changes)})
    bomb = patched(raw, package.CHANGES, "size", (1 << 30) + 1)  # "1 GiB" in the header
    assert "quá lớn" in pair.refused(pair.encrypt(bomb))


def test_a_highly_compressible_member_over_the_limit_is_refused(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real limit is 512 MiB; lowered here so the bomb stays small to build."""
    monkeypatch.setattr(package, "MAX_MEMBER_BYTES", 1 << 20)
    zeros = bytes(2 << 20)  # 2 MiB of zeros: about 2 KiB compressed
    raw = plain_package(pair, {f"blobs/{_sha(zeros)}": zeros})
    assert len(raw) < 20_000
    assert "quá lớn" in pair.refused(pair.encrypt(raw))


def test_members_over_the_total_limit_are_refused(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 1 << 20)
    blobs = {bytes([n]) * (600 << 10) for n in (1, 2)}
    raw = plain_package(pair, {f"blobs/{_sha(b)}": b for b in blobs})
    assert "quá lớn" in pair.refused(pair.encrypt(raw))


def test_a_member_whose_header_understates_its_size_is_refused(pair: Pair) -> None:
    """zipfile stops at the declared size; the checksum then fails: never read past it."""
    raw = plain_package(pair, {package.CHANGES: jsonl(pair.changes)})
    assert "hỏng" in pair.refused(pair.encrypt(patched(raw, package.CHANGES, "size", 10)))


def test_too_many_members_are_refused(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_MEMBERS", 10)
    blobs = {bytes([n]) for n in range(12)}
    raw = plain_package(pair, {f"blobs/{_sha(b)}": b for b in blobs})
    assert "quá nhiều" in pair.refused(pair.encrypt(raw))


@pytest.mark.parametrize(
    ("field", "value"),
    [("method", 99), ("flags", 0x1)],  # unknown compression; "encrypted" (ZIP passwords)
    ids=["unknown compression", "zip password"],
)
def test_members_zipfile_cannot_read_are_refused(pair: Pair, field: str, value: int) -> None:
    raw = plain_package(pair, {package.CHANGES: jsonl(pair.changes)})
    # were NotImplementedError and RuntimeError
    assert "hỏng" in pair.refused(pair.encrypt(patched(raw, package.CHANGES, field, value)))


def test_a_blob_not_named_by_its_hash_is_refused(pair: Pair) -> None:
    """The store is addressed by content: a blob under another hash would poison it."""
    data = b"anh chup ho so"
    raw = plain_package(pair, {f"blobs/{_sha(b'something else')}": data})
    assert "bị sửa hoặc hỏng" in pair.refused(pair.encrypt(raw))


@pytest.mark.parametrize("length", [0, 1, 30, 200, -200, -1])
def test_a_package_cut_short_is_refused_and_changes_nothing(pair: Pair, length: int) -> None:
    """A stick pulled mid-copy: every length short of the whole file."""
    message = pair.refused(pair.package[:length])
    assert "cắt cụt" in message or "hỏng" in message


# --- The spreadsheet importer --------------------------------------------------------------

HEADERS = [
    "STT",
    "Họ và tên",
    "Họ và tên chủ hộ",
    "Họ và tên đệm",
    "Tên",
    "Năm sinh",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Nam",
    "Nữ",
    "Số định danh cá nhân",
    "Quan hệ với chủ hộ",
    "Địa chỉ",
    "Thôn, tổ dân phố",
    "Số điện thoại",
    "Số nhân khẩu",
    "Số hộ",
    "Dân tộc",
    "Nghề nghiệp",
    "Ghi chú",
]
WORDS = [
    "Chủ hộ",
    "Con",
    "Vợ",
    "Nam",
    "Nữ",
    "x",
    "Kinh",
    "Tổ dân phố 3",
    "Thôn Đông",
    "012345678901",
    "12/03/1985",
    "03/1985",
    "1985",
    "(1)",
    "Tổng cộng",
    "Người lập biểu",
]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
CELL = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.sampled_from(HEADERS),
    TEXT,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),
    st.booleans(),
)
FONTS = st.sampled_from([None, ".VnTime", ".VnTimeH", "VNI-Times", "Arial"])


@dataclass(frozen=True)
class Workbook:
    """A sheet as officers' files vary: titles, a header somewhere, odd cells, merges."""

    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]]  # first row, first column, height, width
    fonts: list[str | None]  # per row

    def save(self, path: Path) -> Path:
        path.write_bytes(self.as_bytes())
        return path

    def as_bytes(self) -> bytes:
        book = openpyxl.Workbook()
        sheet = book.active
        for r, (row, font) in enumerate(zip(self.rows, self.fonts, strict=True), start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(r, c, value)
                if font:
                    cell.font = Font(name=font)
        taken: set[tuple[int, int]] = set()
        for top, left, height, width in self.merges:
            cells = {(r, c) for r in range(top, top + height) for c in range(left, left + width)}
            if len(cells) > 1 and not cells & taken:  # Excel itself never overlaps merges
                taken |= cells
                sheet.merge_cells(
                    start_row=top,
                    start_column=left,
                    end_row=top + height - 1,
                    end_column=left + width - 1,
                )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


@st.composite
def workbooks(draw: st.DrawFn) -> Workbook:
    width = draw(st.integers(1, 8))
    header = draw(st.lists(st.sampled_from(HEADERS) | TEXT, min_size=width, max_size=width))
    above = draw(st.lists(st.lists(CELL, max_size=width), max_size=3))
    below = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=12))
    rows = [*above, header, *below]
    merges = draw(
        st.lists(
            st.tuples(
                st.integers(1, len(rows)),
                st.integers(1, width),
                st.integers(1, 3),
                st.integers(1, 3),
            ),
            max_size=3,
        )
    )
    fonts = draw(st.lists(FONTS, min_size=len(rows), max_size=len(rows)))
    return Workbook(rows, merges, fonts)


def dump(env: Env) -> str:
    from desktop_app.services.dump import write_dump

    out = io.StringIO()
    write_dump(env.db, env.admin, out)
    return out.getvalue()


def import_or_refuse(env: Env, path: Path) -> None:
    """The sheet is imported, or refused (an error, or rows reported) and nothing changes."""
    before = dump(env)
    try:
        report = import_households(env.db, env.admin, path)
    except AntqError as error:
        assert_told(error)
        assert dump(env) == before
        return
    if not report.applied:
        assert report.rejected and all(p.message for p in report.problems)
        assert dump(env) == before


@settings(FUZZ, max_examples=30)
@given(book=workbooks())
def test_generated_spreadsheets_import_or_are_refused_unchanged(
    sqlite_env: Env, tmp_path: Path, book: Workbook
) -> None:
    import_or_refuse(sqlite_env, book.save(tmp_path / f"so-{next(_names)}.xlsx"))


@functools.cache
def valid_xlsx() -> bytes:
    """A small register sheet, the same bytes on every run (openpyxl stamps the time)."""
    rows: list[list[Any]] = [
        ["Họ và tên", "Năm sinh", "Thôn, tổ dân phố"],
        ["Lê Văn Tám", 1980, "Thôn Đông"],
    ]
    saved = io.BytesIO(Workbook(rows, [], [None, None]).as_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in source.namelist():
            data = re.sub(rb"\d{4}-\d\d-\d\dT[\d:.]+Z", b"2025-01-01T00:00:00Z", source.read(name))
            info = zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def damaged_member(data: st.DataObject) -> bytes:
    """The valid sheet with one XML part changed: what a crashed save or a bad disk leaves."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as source, zipfile.ZipFile(out, "w") as zf:
        names = source.namelist()
        target = data.draw(st.sampled_from(names))
        for name in names:
            part = bytearray(source.read(name))
            if name == target:
                at = data.draw(st.integers(0, len(part)))
                cut = data.draw(st.integers(0, 20))
                part[at : at + cut] = data.draw(st.binary(max_size=20) | st.sampled_from(SNIPPETS))
            zf.writestr(name, bytes(part))
    return out.getvalue()


SNIPPETS = [
    b"<",
    b"</x>",
    b'r="ZZZ999999"',
    b'<c r="A1" t="s"><v>99</v></c>',
    b"&bogus;",
    b"\xff\xfe",
]


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_random_and_damaged_bytes_named_xlsx_are_refused(
    sqlite_env: Env, tmp_path: Path, data: st.DataObject
) -> None:
    how = data.draw(st.sampled_from(["random", "bytes", "part"]))
    if how == "random":
        raw = data.draw(st.binary(max_size=3000))
    elif how == "bytes":
        damaged = bytearray(valid_xlsx())
        for at in data.draw(st.lists(st.integers(0, len(damaged) - 1), min_size=1, max_size=5)):
            damaged[at] = data.draw(st.integers(0, 255))
        raw = bytes(damaged)
    else:
        raw = damaged_member(data)
    path = tmp_path / f"hong-{next(_names)}.xlsx"
    path.write_bytes(raw)
    import_or_refuse(sqlite_env, path)


def _replace_part(name: str, damage: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as source, zipfile.ZipFile(out, "w") as zf:
        for info in source.infolist():
            data = source.read(info)
            zf.writestr(info, damage(data) if info.filename == name else data)
    return out.getvalue()


def _garbled_deflate(name: str) -> bytes:
    """The part's compressed bytes overwritten: zlib says "invalid block type"."""
    raw = bytearray(valid_xlsx())
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        info = zf.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start : start + info.compress_size] = b"\x06" * info.compress_size
    return bytes(raw)


@pytest.mark.parametrize(
    "damaged",
    [
        lambda: _garbled_deflate("xl/worksheets/sheet1.xml"),  # was zlib.error
        lambda: _replace_part("xl/workbook.xml", lambda d: d[: len(d) // 2]),  # ParseError
        lambda: _replace_part("xl/styles.xml", lambda d: d + b"<"),
        lambda: _replace_part("docProps/core.xml", lambda d: b"<x"),  # ValueError
    ],
    ids=["garbled deflate", "workbook cut short", "styles with junk", "broken properties"],
)
def test_a_damaged_workbook_is_refused_in_vietnamese_and_changes_nothing(
    sqlite_env: Env, tmp_path: Path, damaged: Callable[[], bytes]
) -> None:
    from desktop_app.errors import ValidationError

    path = tmp_path / "hong.xlsx"
    path.write_bytes(damaged())
    before = dump(sqlite_env)
    with pytest.raises(ValidationError, match=r"Không đọc được tệp 'hong\.xlsx'"):
        import_households(sqlite_env.db, sqlite_env.admin, path)
    assert dump(sqlite_env) == before
