"""Field-level validation and normalisation of record input, with messages for the officer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol

from desktop_app.errors import ValidationError
from desktop_app.i18n import tr
from desktop_app.records.catalog import SYSTEM_FIELDS, FieldSpec, RecordType
from desktop_app.records.labels import choice_label
from desktop_app.text import clean, clean_multiline

_ID_NUMBER = re.compile(r"^\d{12}$")
_PHONE = re.compile(r"^0\d{9,10}$")
_PHONE_NOISE = re.compile(r"[\s.\-()]")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_TRUE = {"true", "1", "có", "co", "yes", "x"}
_FALSE = {"false", "0", "không", "khong", "no", ""}


class Resolver(Protocol):
    """What validation needs to know from the database."""

    def vocabulary_codes(self, vocabulary: str) -> set[str]: ...

    def exists(self, record_type: str, record_id: str) -> bool: ...


class _Invalid(Exception):
    pass


def validate(
    rtype: RecordType, data: Mapping[str, Any], resolver: Resolver, *, creating: bool
) -> dict[str, Any]:
    """The normalised values of `data`; raises ValidationError naming every bad field."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in data:
        if name in SYSTEM_FIELDS:
            continue
        if name not in rtype.field_names:
            errors[name] = tr("trường này không có trong loại hồ sơ")
    for spec in rtype.fields:
        if spec.name not in data:
            if creating and spec.required:
                errors[spec.name] = _field_problem(spec, _required())
            continue
        try:
            values[spec.name] = _value(spec, data[spec.name], resolver)
        except _Invalid as problem:
            errors[spec.name] = _field_problem(spec, str(problem))
            continue
        if values[spec.name] is None and spec.required:
            errors[spec.name] = _field_problem(spec, _required())
    if errors:
        raise ValidationError(_not_valid(rtype), errors)
    return values


def check_required(rtype: RecordType, merged: Mapping[str, Any]) -> None:
    """After an update: every required field still has a value."""
    missing = {
        s.name: _field_problem(s, _required())
        for s in rtype.fields
        if s.required and merged.get(s.name) in (None, "")
    }
    if missing:
        raise ValidationError(_not_valid(rtype), missing)


def field_problem(spec: FieldSpec, raw: Any) -> str | None:
    """What is wrong with `raw` as the value of `spec`, checked without the database (for
    forms that validate as the officer types); None when it is acceptable."""
    empty = raw is None or (isinstance(raw, str) and not raw.strip() and spec.kind != "bool")
    if empty:
        return _required() if spec.required else None
    try:
        _PARSERS.get(spec.kind, _text)(spec, raw)
    except _Invalid as problem:
        return str(problem)
    return None


def _field_problem(spec: FieldSpec, problem: str) -> str:
    """What is wrong with one field, after its label ("Số định danh: …")."""
    return tr("{label}: {problem}", label=tr(spec.label), problem=problem)


def _required() -> str:
    return tr("bắt buộc phải nhập")


def _not_valid(rtype: RecordType) -> str:
    return tr("{label} chưa hợp lệ.", label=tr(rtype.label))


def _value(spec: FieldSpec, raw: Any, resolver: Resolver) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip() and spec.kind != "bool"):
        return None
    parse = _PARSERS.get(spec.kind, _text)
    value = parse(spec, raw)
    if spec.kind == "vocab":
        _check_vocabulary(spec, str(value), resolver)
    elif spec.kind == "ref":
        _check_ref(spec, str(value), resolver)
    return value


def _text(spec: FieldSpec, raw: Any) -> str | None:
    if not isinstance(raw, str | int | float):
        raise _Invalid(tr("phải là văn bản"))
    text = clean(str(raw)) if spec.max_length else clean_multiline(str(raw))
    if text is not None and spec.max_length and len(text) > spec.max_length:
        raise _Invalid(tr("dài quá {n} ký tự", n=spec.max_length))
    return text


def _id_number(spec: FieldSpec, raw: Any) -> str:
    text = re.sub(r"\s", "", str(raw))
    if not _ID_NUMBER.match(text):
        raise _Invalid(tr("phải gồm đúng 12 chữ số (đã nhập '{raw}')", raw=raw))
    return text


def _phone(spec: FieldSpec, raw: Any) -> str:
    text = _PHONE_NOISE.sub("", str(raw))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    if not _PHONE.match(text):
        raise _Invalid(tr("không phải số điện thoại Việt Nam hợp lệ (đã nhập '{raw}')", raw=raw))
    return text


def _date(spec: FieldSpec, raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise _Invalid(
            tr("ngày không hợp lệ '{raw}' (nhập dd/mm/yyyy hoặc yyyy-mm-dd)", raw=raw)
        ) from None


def _local_time(spec: FieldSpec, raw: Any) -> datetime:
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None, microsecond=0)
    try:
        return datetime.fromisoformat(str(raw).strip()).replace(tzinfo=None, microsecond=0)
    except ValueError:
        raise _Invalid(
            tr("thời gian không hợp lệ '{raw}' (nhập yyyy-mm-dd hh:mm)", raw=raw)
        ) from None


def _instant(spec: FieldSpec, raw: Any) -> datetime:
    try:
        value = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    except ValueError:
        raise _Invalid(tr("thời điểm không hợp lệ '{raw}'", raw=raw)) from None
    return value


def _int(spec: FieldSpec, raw: Any) -> int:
    if isinstance(raw, bool):
        raise _Invalid(tr("phải là số nguyên"))
    try:
        value = int(str(raw).strip()) if not isinstance(raw, int) else raw
    except ValueError:
        raise _Invalid(tr("phải là số nguyên (đã nhập '{raw}')", raw=raw)) from None
    if spec.minimum is not None and value < spec.minimum:
        raise _Invalid(tr("không được nhỏ hơn {minimum}", minimum=spec.minimum))
    return value


def _bool(spec: FieldSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Invalid(tr("phải là có/không (đã nhập '{raw}')", raw=raw))


def _choice(spec: FieldSpec, raw: Any) -> str:
    text = str(raw).strip()
    if text not in spec.choices:
        allowed = ", ".join(f"{c} ({tr(choice_label(c))})" for c in spec.choices)
        raise _Invalid(
            tr("giá trị '{raw}' không hợp lệ; chọn một trong: {allowed}", raw=raw, allowed=allowed)
        )
    return text


def _code(spec: FieldSpec, raw: Any) -> str:
    return str(raw).strip()


def _check_vocabulary(spec: FieldSpec, value: str, resolver: Resolver) -> None:
    assert spec.vocabulary
    codes = resolver.vocabulary_codes(spec.vocabulary)
    if value not in codes:
        allowed = ", ".join(sorted(codes)) or tr("(danh mục trống)")
        raise _Invalid(
            tr(
                "mã '{code}' không có trong danh mục; các mã có: {allowed}",
                code=value,
                allowed=allowed,
            )
        )


def _check_ref(spec: FieldSpec, value: str, resolver: Resolver) -> None:
    if spec.ref and not resolver.exists(spec.ref, value):
        raise _Invalid(tr("không tìm thấy hồ sơ có mã '{code}'", code=value))


_PARSERS = {
    "text": _text,
    "id_number": _id_number,
    "phone": _phone,
    "date": _date,
    "local_time": _local_time,
    "instant": _instant,
    "int": _int,
    "bool": _bool,
    "choice": _choice,
    "vocab": _code,
    "ref": _code,
}
