"""The record types users and scripts edit, described once from the models."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String
from sqlalchemy.sql.schema import Column

import db.models  # noqa: F401  (registers every synced model)
from db.base import SYNCED, Synced, UtcDateTime, table_of
from desktop_app.errors import NotFoundError
from desktop_app.i18n import tr
from desktop_app.records.labels import field_label, type_label

# Fields the system sets; a put may not change them.
SYSTEM_FIELDS = frozenset({"id", "origin_replica", "created_at", "updated_at", "hlc", "deleted"})
# Reintegration data is sensitive (Law 91/2025): views and prints of it are audited.
SENSITIVE_TYPES = frozenset(
    {
        "reintegration_case",
        "case_judgement",
        "case_helper",
        "case_contact",
        "case_classification",
        "case_support",
        "case_incident",
    }
)
# Officers are managed through `antq officers`, never through `records put`.
HIDDEN_TYPES = frozenset({"officer"})


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    # text | id_number | phone | date | local_time | instant | int | bool | choice | vocab | ref
    kind: str
    required: bool = False
    max_length: int | None = None
    minimum: int | None = None
    choices: tuple[str, ...] = ()
    vocabulary: str | None = None
    ref: str | None = None
    searchable: bool = False


@dataclass(frozen=True)
class RecordType:
    name: str
    label: str
    model: type[Synced]
    fields: tuple[FieldSpec, ...]
    sensitive: bool

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def search_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.searchable)


@cache
def record_types() -> dict[str, RecordType]:
    """Every record type, by name, in a stable order."""
    return {name: _describe(SYNCED[name]) for name in sorted(SYNCED)}


def editable_types() -> list[str]:
    return [name for name in record_types() if name not in HIDDEN_TYPES]


def record_type(name: str) -> RecordType:
    try:
        return record_types()[name]
    except KeyError:
        known = ", ".join(editable_types())
        raise NotFoundError(
            tr("Không có loại hồ sơ '{name}'. Các loại có: {known}.", name=name, known=known)
        ) from None


def _describe(model: type[Synced]) -> RecordType:
    fields = tuple(
        _field(column)
        for column in table_of(model).columns
        if column.info.get("sync", True) and column.key not in SYSTEM_FIELDS
    )
    name = model.__tablename__
    return RecordType(name, type_label(name), model, fields, name in SENSITIVE_TYPES)


def _field(column: Column[Any]) -> FieldSpec:
    info = column.info
    return FieldSpec(
        name=column.key,
        label=field_label(column.key),
        kind=_kind(column),
        required=bool(info.get("required")),
        max_length=column.type.length if isinstance(column.type, String) else None,
        minimum=info.get("minimum"),
        choices=tuple(info.get("choices", ())),
        vocabulary=info.get("vocab"),
        ref=info.get("ref") or None,
        searchable=bool(info.get("search")),
    )


def _kind(column: Column[Any]) -> str:
    info = column.info
    for key in ("choices", "vocab", "ref"):
        if info.get(key):
            return {"choices": "choice", "vocab": "vocab", "ref": "ref"}[key]
    if info.get("kind"):
        return str(info["kind"])
    type_ = column.type
    if isinstance(type_, UtcDateTime):
        return "instant"
    if isinstance(type_, DateTime):
        return "local_time"
    if isinstance(type_, Date):
        return "date"
    if isinstance(type_, Boolean):
        return "bool"
    if isinstance(type_, Integer):
        return "int"
    return "text"
