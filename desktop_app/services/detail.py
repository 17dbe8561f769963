"""The read-only detail of one record: its fields as an officer reads them, and its parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from db.base import SYNCED
from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.errors import NotFoundError
from desktop_app.formatting import format_value
from desktop_app.i18n import tr
from desktop_app.listing import RowBuilder, columns, vocabulary_labels
from desktop_app.records.catalog import RecordType, record_type
from desktop_app.records.view import to_record
from desktop_app.services import audit
from desktop_app.services.records import reader_view
from desktop_app.work import Work, work

# The parts shown under a record: (child type, the child's field pointing at the record).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "area": (("household", "area_id"),),
    "household": (("person", "household_id"),),
    "person": (("reintegration_case", "person_id"),),
    "household_group": (("group_member", "group_id"), ("group_rating", "group_id")),
    "security_team": (
        ("team_member", "team_id"),
        ("team_area", "team_id"),
        ("team_rating", "team_id"),
    ),
    "reintegration_case": (
        ("case_judgement", "case_id"),
        ("case_classification", "case_id"),
        ("case_helper", "case_id"),
        ("case_contact", "case_id"),
        ("case_support", "case_id"),
        ("case_incident", "case_id"),
    ),
    "meeting": (
        ("meeting_attendee", "meeting_id"),
        ("agenda_item", "meeting_id"),
        ("opinion", "meeting_id"),
        ("meeting_addendum", "meeting_id"),
    ),
}


@dataclass(frozen=True)
class Section:
    title: str
    record_type: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (id, display values)


@dataclass(frozen=True)
class Detail:
    record_type: str
    record_id: str
    title: str
    fields: tuple[tuple[str, str], ...]  # (label, display value), empty values left out
    sections: tuple[Section, ...]
    minimal: bool


def record_detail(db: Database, actor: Actor, type_name: str, record_id: str) -> Detail:
    rtype = record_type(type_name)
    minimal = reader_view(actor, rtype)
    with work(db, actor, write=rtype.sensitive) as w:
        obj = w.session.get(rtype.model, record_id)
        if obj is None:
            raise NotFoundError(tr("Không tìm thấy hồ sơ có mã '{id}'.", id=record_id))
        record = to_record(rtype, obj, minimal=minimal)
        if rtype.sensitive:
            audit.append(w, "view", rtype.name, obj.id, {"minimal": minimal})
        fields = _fields(w, rtype, record.values)
        sections = () if minimal else _sections(w, actor, rtype, record_id)
        title = next((value for _, value in fields), record_id)
        return Detail(rtype.name, record_id, title, fields, sections, minimal)


def _fields(w: Work, rtype: RecordType, values: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    vocabulary = vocabulary_labels(w.session)
    shown = []
    for name, value in values.items():
        spec = rtype.field(name)
        if spec.kind == "ref" and value:
            text = _ref_title(w, spec.ref or "", value)
        else:
            text = format_value(spec, value, record_type=rtype.name, vocabulary=vocabulary)
        if text:
            shown.append((tr(spec.label), text))
    return tuple(shown)


def _ref_title(w: Work, type_name: str, record_id: str) -> str:
    model = SYNCED.get(type_name)
    target = w.session.get(model, record_id) if model is not None else None
    if target is None:
        return record_id
    for name in ("full_name", "name", "subject", "address", "case_no", "label"):
        if getattr(target, name, None):
            return str(getattr(target, name))
    return record_id


def _sections(w: Work, actor: Actor, rtype: RecordType, record_id: str) -> tuple[Section, ...]:
    sections = []
    for child_type, link in CHILDREN.get(rtype.name, ()):
        model = SYNCED[child_type]
        ids = list(
            w.session.scalars(
                select(model.id)
                .where(getattr(model, link) == record_id, model.deleted.is_(False))
                .order_by(model.created_at)
            )
        )
        cols = tuple(c for c in columns(child_type, actor) if c.path.split(".")[0] != link)
        rows = RowBuilder(w.session, child_type).build(cols, ids)
        child = record_type(child_type)
        sections.append(
            Section(
                tr(child.label),
                child_type,
                tuple(tr(c.title) for c in cols),
                tuple((i, rows[i]) for i in ids if i in rows),
            )
        )
    return tuple(sections)
