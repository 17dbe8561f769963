"""What a package's manifest and change list must look like before the importer trusts them.

A signature proves who sent a package, not that its contents are sane: a peer's bug or a
stolen key can sign anything. Everything the merge and the database will rely on is checked
here (types, lengths, clocks, values that fit their columns), so a bad package is refused
with a message instead of failing halfway with a database error. Tables and fields this
version does not know are let through: a newer schema's changes wait in the log.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.sql.schema import Column

from db.base import ID_LENGTH, SYNCED, table_of
from db.changelog import ROW_FIELD
from db.models import AuditEvent, InboxPackage, SyncChange
from db.values import from_jsonable
from desktop_app.i18n import tr
from desktop_app.sync import audit_io
from desktop_app.sync.changelog_io import COLUMNS
from desktop_app.sync.package import AUDIT, CHANGES, Opened, PackageError

BIGGEST = 2**63 - 1  # a 64-bit INTEGER column on both engines
HLC = re.compile(r"[0-9]{15}\.[0-9]{5}")  # not \d: int() reads other scripts' digits too
LAST_WALL_MS = 253_402_300_799_999  # 9999-12-31: the last instant a datetime can hold
Change = dict[str, Any]


def check_manifest(manifest: Mapping[str, Any]) -> None:
    """Refuse a manifest whose fields the importer could not store or compare."""
    wrong = next((name for name, ok in _manifest_checks(manifest) if not ok), None)
    if wrong is not None:
        raise PackageError(
            tr("Bản kê của gói không hợp lệ: trường '{field}' sai kiểu hoặc giá trị.", field=wrong)
        )


def changes(opened: Opened) -> list[Change]:
    """The package's changes, each checked; refused whole at the first bad line."""
    found = [
        {name: raw.get(name) for name in COLUMNS}
        for raw in _records(opened, CHANGES, _change_problem)
    ]
    if len({c["change_id"] for c in found}) != len(found):
        raise PackageError(tr("Gói chứa hai thay đổi cùng mã."))
    return found


def audit(opened: Opened) -> list[Change]:
    """The sender's audit events (packages to a hub), each checked."""
    return _records(opened, AUDIT, _event_problem)


def _records(
    opened: Opened, member: str, problem_of: Callable[[Change], str | None]
) -> list[Change]:
    try:
        text = opened.members.get(member, b"").decode("utf-8")
    except UnicodeDecodeError as error:
        raise PackageError(
            tr("Tệp {member} trong gói không phải văn bản UTF-8.", member=member)
        ) from error
    found: list[Change] = []
    # Lines end with "\n" only: str.splitlines() would also cut at U+2028 or U+0085 inside
    # a value (a note pasted from a word processor).
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            found.append(_record(line, number, member, problem_of))
    return found


def _record(
    line: str, number: int, member: str, problem_of: Callable[[Change], str | None]
) -> Change:
    try:
        raw = json.loads(line)
    except ValueError as error:
        raise PackageError(
            tr("Dòng {n} của tệp {member} trong gói không đọc được.", n=number, member=member)
        ) from error
    problem = problem_of(raw) if isinstance(raw, dict) else tr("không phải một đối tượng JSON")
    if problem:
        raise PackageError(
            tr(
                "Dòng {n} của tệp {member} trong gói không hợp lệ: {problem}.",
                n=number,
                member=member,
                problem=problem,
            )
        )
    return raw


# --- The manifest --------------------------------------------------------------------------


def _manifest_checks(m: Mapping[str, Any]) -> list[tuple[str, bool]]:
    sender, counts, tip = m.get("sender"), m.get("counts"), m.get("recipient_tip")
    return [
        ("package_id", _text(m.get("package_id"), ID_LENGTH)),
        ("seq", _number(m.get("seq"), 0)),
        ("sender", isinstance(sender, dict) and _text(sender.get("replica_id"), ID_LENGTH)),
        ("recipient", _text(m.get("recipient"), ID_LENGTH)),
        ("kind", _optional_text(m.get("kind"), _length(InboxPackage.kind))),
        ("app_version", _optional_text(m.get("app_version"), _length(InboxPackage.app_version))),
        ("schema_version", m.get("schema_version") is None or _number(m["schema_version"], 1)),
        ("min_reader_schema", "min_reader_schema" not in m or _number(m["min_reader_schema"], 1)),
        ("vector", _vector(m.get("vector"))),
        ("audit_vector", _vector(m.get("audit_vector"))),
        ("ranges", _ranges(m.get("ranges"))),
        ("counts", counts is None or (isinstance(counts, dict) and _counts(counts))),
        ("recipient_tip", tip is None or (isinstance(tip, dict) and _tip(tip))),
    ]


def _vector(value: Any) -> bool:
    if value is None:
        return True
    return isinstance(value, dict) and all(
        _text(o, ID_LENGTH) and _number(s, 0) for o, s in value.items()
    )


def _ranges(value: Any) -> bool:
    if value is None:
        return True
    return isinstance(value, dict) and all(
        _text(o, ID_LENGTH) and _span(span) for o, span in value.items()
    )


def _span(span: Any) -> bool:
    return (
        isinstance(span, list)
        and len(span) == 2
        and all(_number(s, 0) for s in span)
        and span[0] <= span[1]
    )


def _counts(counts: Mapping[str, Any]) -> bool:
    return all(_number(counts[k], 0) for k in ("changes", "blobs") if k in counts)


def _tip(tip: Mapping[str, Any]) -> bool:
    return _number(tip.get("seq"), 0) and _text(tip.get("change_id"), ID_LENGTH)


# --- One change ----------------------------------------------------------------------------


def _checks(columns: Iterable[tuple[str, Column[Any]]]) -> tuple[Check, ...]:
    return tuple((name, _optional(column), _fits(column)) for name, column in columns)


def _optional(column: Column[Any]) -> bool:
    return bool(column.nullable) and not column.primary_key


# (name, may be missing, test of a value): a package of a province carries millions of values.
Check = tuple[str, bool, Callable[[Any], bool]]


@functools.cache
def _log_checks() -> tuple[Check, ...]:
    return _checks((name, table_of(SyncChange).c[name]) for name in COLUMNS)


def _change_problem(change: Mapping[str, Any]) -> str | None:
    for name, optional, fits in _log_checks():
        problem = _problem(optional, fits, change.get(name))
        if problem:
            return tr("trường '{field}' {problem}", field=name, problem=problem)
    if not _hlc(change["hlc"]) or (change.get("base_hlc") and not _hlc(change["base_hlc"])):
        return tr("đồng hồ (hlc) sai dạng")
    if change.get("base_hlc") and not change.get("base_origin"):
        return tr("thiếu máy của phiên bản gốc (base_origin)")
    if change["seq"] < 1 or change["schema_version"] < 1:
        return tr("số thứ tự hoặc phiên bản lược đồ phải từ 1")
    return _value_problem(change)


def _value_problem(change: Mapping[str, Any]) -> str | None:
    """Values the merge would write must fit their columns (known tables and fields only)."""
    try:
        decoded = json.loads(change["value"]) if change.get("value") is not None else None
    except ValueError:
        return tr("giá trị không phải JSON")
    tbl = change["tbl"]
    if tbl not in SYNCED:
        return None
    if change["field"] == ROW_FIELD:
        if decoded is not None and not isinstance(decoded, dict):
            return tr("bản ghi mới phải là một đối tượng JSON")
        values = dict(decoded or {})
    else:
        values = {change["field"]: decoded}
    fields = _field_checks(tbl)
    for name, raw in values.items():
        check = fields.get(name)
        if check is None:
            continue  # a field of a newer schema (or the id): the merge leaves it alone
        _, optional, fits = check
        if fits is _NOT_SYNCED:
            return tr("trường '{field}' không được đồng bộ", field=name)
        problem = _problem(optional, fits, raw)
        if problem:
            return tr("trường '{field}' {problem}", field=f"{tbl}.{name}", problem=problem)
    return None


def _problem(optional: bool, fits: Callable[[Any], bool], raw: Any) -> str | None:
    if raw is None:
        return None if optional else tr("bị thiếu")
    return None if fits(raw) else tr("sai kiểu hoặc quá dài")


def _not_synced(_raw: Any) -> bool:
    return False


_NOT_SYNCED = _not_synced


@functools.cache
def _field_checks(tbl: str) -> dict[str, Check]:
    """The check of each field a change of `tbl` may carry; a local-only column fails all."""
    table = table_of(SYNCED[tbl])
    checks = {check[0]: check for check in _checks((c.key, c) for c in table.c if c.key != "id")}
    for column in table.c:
        if not column.info.get("sync", True):
            checks[column.key] = (column.key, False, _NOT_SYNCED)
    return checks


def _event_problem(event: Mapping[str, Any]) -> str | None:
    table = table_of(AuditEvent)
    for name in audit_io.FIELDS:
        raw = event.get(name)
        if name == "detail" and raw is not None and not isinstance(raw, str):
            raw = json.dumps(raw, ensure_ascii=False)  # stored as JSON text
        problem = _column_problem(table.c[name], raw)
        if problem:
            return tr("trường '{field}' {problem}", field=name, problem=problem)
    return None if event["seq"] >= 1 else tr("số thứ tự phải từ 1")


def _column_problem(column: Column[Any], raw: Any) -> str | None:
    """Why `raw` cannot be stored in `column`, if it cannot."""
    return _problem(_optional(column), _fits(column), raw)


@functools.cache
def _fits(column: Column[Any]) -> Callable[[Any], bool]:
    """The test a value of `column` must pass, chosen once per column (a package of a
    province carries millions of values)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return lambda raw: isinstance(raw, bool)
    if isinstance(kind, Integer):
        return lambda raw: _number(raw, -BIGGEST)
    if isinstance(kind, String):
        length = kind.length
        return lambda raw: _text(raw, length)
    # dates and instants, as ISO text
    return lambda raw: isinstance(raw, str) and _converts(column, raw)


def _converts(column: Column[Any], raw: str) -> bool:
    try:
        from_jsonable(column.type, raw)
    except (ValueError, TypeError, OverflowError):
        return False
    return True


# --- Plain values --------------------------------------------------------------------------


def _number(value: Any, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and least <= value <= BIGGEST


def _text(value: Any, length: int | None) -> bool:
    """Text both engines store: no NUL (PostgreSQL refuses it), no lone surrogate."""
    if not isinstance(value, str) or "\x00" in value or (length and len(value) > length):
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _optional_text(value: Any, length: int | None) -> bool:
    return value is None or _text(value, length)


def _length(attribute: Any) -> int | None:
    length: int | None = getattr(attribute.property.columns[0].type, "length", None)
    return length


def _hlc(value: Any) -> bool:
    return (
        isinstance(value, str)
        and HLC.fullmatch(value) is not None
        and int(value[:15]) <= LAST_WALL_MS
    )
