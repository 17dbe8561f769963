"""Damaged package bytes and hostile ZIPs: flipped, cut short or spliced files, ZIPs encrypted
to the hub by anyone, path tricks, duplicate members, bombs. Each is refused with a Vietnamese
message and changes nothing, unless the damage misses everything signed and it imports."""

from __future__ import annotations

import struct
import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.services import attachments
from desktop_app.sync import package
from tests.fuzz_support import (
    FUZZ,
    Pair,
    fresh,
    jsonl,
    pair_fixture,  # noqa: F401 (the `pair` fixture: this module's own post and hub)
    sha,
    signed,
    zipped,
)

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
    raw = plain_package(pair, {f"blobs/{sha(zeros)}": zeros})
    assert len(raw) < 20_000
    assert "quá lớn" in pair.refused(pair.encrypt(raw))


def test_members_over_the_total_limit_are_refused(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 1 << 20)
    blobs = {bytes([n]) * (600 << 10) for n in (1, 2)}
    raw = plain_package(pair, {f"blobs/{sha(b)}": b for b in blobs})
    assert "quá lớn" in pair.refused(pair.encrypt(raw))


def test_a_member_whose_header_understates_its_size_is_refused(pair: Pair) -> None:
    """zipfile stops at the declared size; the checksum then fails: never read past it."""
    raw = plain_package(pair, {package.CHANGES: jsonl(pair.changes)})
    assert "hỏng" in pair.refused(pair.encrypt(patched(raw, package.CHANGES, "size", 10)))


def test_too_many_members_are_refused(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_MEMBERS", 10)
    blobs = {bytes([n]) for n in range(12)}
    raw = plain_package(pair, {f"blobs/{sha(b)}": b for b in blobs})
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
    raw = plain_package(pair, {f"blobs/{sha(b'something else')}": data})
    assert "bị sửa hoặc hỏng" in pair.refused(pair.encrypt(raw))


@pytest.mark.parametrize("length", [0, 1, 30, 200, -200, -1])
def test_a_package_cut_short_is_refused_and_changes_nothing(pair: Pair, length: int) -> None:
    """A stick pulled mid-copy: every length short of the whole file."""
    message = pair.refused(pair.package[:length])
    assert "cắt cụt" in message or "hỏng" in message
