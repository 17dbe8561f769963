"""Signed packages that decrypt and verify (the post's real keys) but say odd things inside:
generated, and the bugs the fuzzing found kept as plain examples. Each is imported (or held) or
refused with a Vietnamese message, and a refusal changes nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.base import SYNCED, table_of
from db.changelog import ROW_FIELD
from desktop_app.sync import audit_io, importer, package
from desktop_app.sync.changelog_io import COLUMNS
from tests.fuzz_support import (
    FUZZ,
    Pair,
    events_of,
    fresh,
    jsonl,
    names,
    pair_fixture,  # noqa: F401 (the `pair` fixture: this module's own post and hub)
    sealed,
    sealed_raw,
    signed,
    zipped,
)

# --- Generated hostile packages -----------------------------------------------------------

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
    path = pair.folder / f"clone-{next(names)}.antq"
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
    path = pair.folder / f"newer-{next(names)}.antq"
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
    path = pair.folder / f"note-{next(names)}.antq"
    path.write_bytes(sealed(pair, manifest, changes))
    assert importer.import_package(pair.hub.db, pair.hub.actor, path).status == importer.APPLIED
    assert pair.hub.get("person", changes[-1]["row_id"]).get("note") == note
    pair.state = pair.hub.dump()
