"""How field values travel in the change log: JSON text, the same bytes on every engine."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer
from sqlalchemy.sql.schema import Column
from sqlalchemy.types import TypeEngine

from db.base import UtcDateTime


def to_jsonable(value: Any) -> Any:
    """`value` as plain JSON data: dates as ISO text, instants in UTC with a 'Z'."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat(timespec="seconds")
        utc = value.astimezone(UTC).replace(tzinfo=None)
        return utc.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def encode(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"))


def decode(column: Column[Any], text: str | None) -> Any:
    """The Python value of `text` for `column`, the inverse of `encode`."""
    if text is None:
        return None
    raw = json.loads(text)
    return from_jsonable(column.type, raw)


def from_jsonable(type_: TypeEngine[Any], raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(type_, UtcDateTime):
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).astimezone(UTC)
    if isinstance(type_, DateTime):
        return datetime.fromisoformat(raw)
    if isinstance(type_, Date):
        return date.fromisoformat(raw)
    if isinstance(type_, Boolean):
        return bool(raw)
    if isinstance(type_, Integer):
        return int(raw)
    return raw
