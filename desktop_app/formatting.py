"""How values read on screen and paper: dd/mm/yyyy dates, Vietnamese labels for codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.labels import choice_label


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_time(value: datetime | None) -> str:
    """A wall time as is; an instant (stored in UTC) in this PC's time zone."""
    if not value:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%d/%m/%Y %H:%M")


def format_value(
    spec: FieldSpec,
    value: Any,
    *,
    record_type: str = "",
    vocabulary: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """`value` of the field `spec` as an officer reads it ('' for nothing)."""
    if value is None or value == "":
        return ""
    if spec.kind == "date":
        return format_date(value)
    if spec.kind in ("local_time", "instant"):
        return format_time(value)
    if spec.kind == "bool":
        return tr("Có") if value else tr("Không")
    if spec.kind == "choice":
        return tr(choice_label(str(value), record_type, spec.name))
    if spec.kind == "vocab" and vocabulary is not None and spec.vocabulary:
        # Default terms have catalogue translations; a post's own terms come back unchanged.
        return tr(vocabulary.get((spec.vocabulary, str(value)), str(value)))
    return str(value)


def birth(birth_date: date | None, birth_year: int | None) -> str:
    """A birth date, or only the year when that is all the register knows."""
    if birth_date:
        return format_date(birth_date)
    return str(birth_year) if birth_year else ""
