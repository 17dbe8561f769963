"""Records as the UI and the CLI receive them: frozen values, never ORM rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from db.base import Synced
from db.values import to_jsonable
from desktop_app.records.catalog import RecordType

# For viewers (and helpers from mass organisations): who and where, never the offence.
MINIMAL_CASE_FIELDS = frozenset(
    {"person_id", "case_no", "officer_in_charge_id", "status", "unit_code"}
)


@dataclass(frozen=True)
class Record:
    type: str
    id: str
    values: Mapping[str, Any]
    unit_code: str | None
    deleted: bool
    created_at: datetime | None
    updated_at: datetime | None
    origin_replica: str | None
    minimal: bool = False  # fields were withheld from this reader

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def to_json(self) -> dict[str, Any]:
        data = {name: to_jsonable(value) for name, value in self.values.items()}
        data.update(
            id=self.id,
            type=self.type,
            deleted=self.deleted,
            created_at=to_jsonable(self.created_at),
            updated_at=to_jsonable(self.updated_at),
            origin_replica=self.origin_replica,
        )
        if self.minimal:
            data["minimal"] = True
        return data


# Values that replicate but are never shown or printed anywhere.
SECRET_FIELDS = frozenset({"password_hash"})


def to_record(rtype: RecordType, obj: Synced, *, minimal: bool = False) -> Record:
    names = tuple(n for n in rtype.field_names if n not in SECRET_FIELDS)
    if minimal:
        names = tuple(n for n in names if n in MINIMAL_CASE_FIELDS)
    values = {name: getattr(obj, name) for name in names}
    return Record(
        type=rtype.name,
        id=obj.id,
        values=MappingProxyType(values),
        unit_code=obj.unit_code,
        deleted=obj.deleted,
        created_at=obj.created_at,
        updated_at=obj.updated_at,
        origin_replica=obj.origin_replica,
        minimal=minimal,
    )
