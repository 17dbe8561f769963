"""Column helpers that record what the service layer validates: required, choices, vocabulary, refs.

The database itself keeps domain columns nullable: rows arrive field by field from other
replicas, so "required" is a rule of the services, not a NOT NULL constraint.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import MappedColumn, mapped_column

from db.base import ID_LENGTH, UtcDateTime


def _info(required: bool, **extra: Any) -> dict[str, Any]:
    info: dict[str, Any] = {k: v for k, v in extra.items() if v not in (None, False)}
    if required:
        info["required"] = True
    return info


def text(
    length: int | None = 200,
    *,
    required: bool = False,
    search: bool = False,
    kind: str = "",
    index: bool = False,
) -> MappedColumn[Any]:
    """Free text; `search` puts its words in the folded search index; `kind` picks a validator."""
    type_ = String(length) if length else Text()
    info = _info(required, search=search, kind=kind or None)
    return mapped_column(type_, index=index, info=info)


def ref(record_type: str, *, required: bool = False, index: bool = True) -> MappedColumn[Any]:
    """The id of another record. No FOREIGN KEY: rows may arrive from other replicas first."""
    return mapped_column(String(ID_LENGTH), index=index, info=_info(required, ref=record_type))


def vocab(name: str, *, required: bool = False) -> MappedColumn[Any]:
    """A code from a per-province vocabulary (rows of `vocabulary_term`, not an enum in code)."""
    return mapped_column(String(40), info=_info(required, vocab=name))


def choice(*values: str, required: bool = False, default: str | None = None) -> MappedColumn[Any]:
    """One of a fixed set of codes that the law fixes (e.g. classification A/B/C/D)."""
    return mapped_column(
        String(max(len(v) for v in values)),
        default=default,
        info=_info(required, choices=tuple(values)),
    )


def day(*, required: bool = False) -> MappedColumn[Any]:
    return mapped_column(Date, info=_info(required))


def instant(*, required: bool = False) -> MappedColumn[Any]:
    return mapped_column(UtcDateTime(), info=_info(required))


def integer(*, required: bool = False, minimum: int | None = None) -> MappedColumn[Any]:
    return mapped_column(Integer, info=_info(required, minimum=minimum))


def flag(*, default: bool = False) -> MappedColumn[Any]:
    return mapped_column(Boolean, default=default)


def derived(length: int | None = 400, *, index: bool = False) -> MappedColumn[Any]:
    """Computed locally from other fields (folded text, sort keys); never in the change log."""
    type_ = String(length) if length else Text()
    if length:
        # Sort keys compare byte-wise; PostgreSQL's locale collation would reorder them.
        type_ = String(length).with_variant(String(length, collation="C"), "postgresql")
    return mapped_column(type_, index=index, info={"sync": False, "derived": True})


def local_time(*, required: bool = False) -> MappedColumn[Any]:
    """A wall-clock time at the post (a meeting's start), not an instant: no time zone."""
    return mapped_column(DateTime(timezone=False), info=_info(required))
