"""The pieces of the meeting form: which fields each tab holds, the time editor, and the small
forms of a meeting's parts (attendees, agenda items, opinions, addenda)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from desktop_app.formatting import format_time
from desktop_app.i18n import N_, tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.view import Record
from ui.forms.case_form import name_from_person, parse_date
from ui.forms.fields import FieldEditor, LineEditor, NoteEditor
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import RefEditor

# Each tab's fields, line by line; a field alone on its line spans the whole width.
Lines = tuple[tuple[str, ...], ...]
GENERAL: Lines = (
    ("meeting_type", "area_id"),
    ("subject",),
    ("starts_at", "ends_at"),
    ("place",),
    ("chair_name", "chair_title"),
    ("secretary_name", "secretary_title"),
    ("group_id", "team_id"),
)
ATTENDANCE: Lines = (("present_count", "absent_count"), ("absent_reasons",))
CLOSING: Lines = (("conclusions",), ("votes_for", "votes_against", "votes_other"), ("recipients",))
FIELDS = tuple(name for line in (*GENERAL, *ATTENDANCE, *CLOSING) for name in line)
NOTE_LINES = {"absent_reasons": 2, "conclusions": 7, "recipients": 4}
ATTENDEE_FIELDS = {
    "official": ("name", "title", "present", "absent_reason"),
    "household": ("household_id", "name", "present", "absent_reason"),
    "person": ("name", "person_id", "title", "present", "absent_reason"),
}
OPINION_FIELDS = tuple(
    "position speaker_name speaker_person_id category content answer within_authority "
    "referred_to responsible deadline status replied_on reply".split()
)
# What may still change on an opinion of closed minutes (services.meetings.FOLLOW_UP).
FOLLOW_UP_FIELDS = ("status", "replied_on", "reply", "responsible")
EDITABLE = ("draft", "held")
TIME = re.compile(r"(\d{1,2}):(\d{2})")


def parse_time(text: str) -> datetime | None:
    """A time typed as the lists show it ("05/03/2026 19:30") or as "2026-03-05 19:30"; None
    while incomplete or wrong."""
    parts = text.split()
    if len(parts) != 2:
        return None
    day, clock = parse_date(parts[0]), TIME.fullmatch(parts[1])
    if day is None or clock is None:
        return None
    try:
        return datetime(day.year, day.month, day.day, int(clock[1]), int(clock[2]))
    except ValueError:
        return None


class TimeEditor(LineEditor):
    """A start or end time, typed dd/mm/yyyy hh:mm; handed on as yyyy-mm-dd hh:mm."""

    def raw(self) -> Any:
        text = self.line.text().strip()
        found = parse_time(text)
        return found.strftime("%Y-%m-%d %H:%M") if found else text

    def set_raw(self, value: Any) -> None:
        if isinstance(value, str):
            value = parse_time(value) or value
        self.line.setText(format_time(value) if isinstance(value, datetime) else str(value or ""))

    def problem(self) -> str | None:
        text = self.line.text().strip()
        if text and parse_time(text) is None:
            return tr("thời gian chưa đúng: nhập ngày giờ dạng dd/mm/yyyy hh:mm")
        return super().problem()

    def retranslate_ui(self) -> None:
        self.line.setPlaceholderText(tr("dd/mm/yyyy hh:mm"))


class PartForm(RecordForm):
    """A part of the meeting; `note_lines` gives what was said more room than a note."""

    def __init__(
        self, *args: Any, note_lines: Mapping[str, int] | None = None, **kwargs: Any
    ) -> None:
        self.note_lines = dict(note_lines or {})
        super().__init__(*args, **kwargs)
        if self.note_lines:
            self.setMinimumWidth(680)

    def create_editor(self, spec: FieldSpec) -> FieldEditor:
        if spec.name in self.note_lines:
            return NoteEditor(spec, lines=self.note_lines[spec.name])
        return super().create_editor(spec)


def part_form(
    meeting: RecordForm, kind: str, record_id: str | None, fields: tuple[str, ...], **extra: Any
) -> RecordForm:
    """A part of `meeting`, tied to it by its id as it is now (a new meeting is saved first)."""
    fixed = {"meeting_id": meeting.record_id, **extra.pop("fixed", {})}
    return PartForm(
        meeting.ctx, kind, record_id, parent=meeting, fields=fields, fixed=fixed, **extra
    )


def attendee_form(
    meeting: RecordForm, record_id: str | None, kind: str, rows: list[Record]
) -> RecordForm:
    """An official or a household at the meeting (a known row keeps its own kind)."""
    known = next((r for r in rows if r.id == record_id), None)
    kind = str(known.get("kind")) if known is not None else kind
    form = part_form(
        meeting,
        "meeting_attendee",
        record_id,
        ATTENDEE_FIELDS.get(kind, ATTENDEE_FIELDS["person"]),
        fixed={"kind": kind},
        defaults={"present": True},
        overrides={
            "name": {"label": N_("Họ và tên")},
            "household_id": {"required": True},
            "title": {"label": N_("Chức vụ")},
        },
        title=tr("Đại biểu, cán bộ") if kind == "official" else tr("Hộ gia đình dự họp"),
    )
    if kind == "household":
        household = form.editor("household_id")
        assert isinstance(household, RefEditor)
        household.line.textChanged.connect(lambda text: name_from_person(form, text))
    return form


def agenda_form(meeting: RecordForm, record_id: str | None, rows: list[Record]) -> RecordForm:
    return part_form(
        meeting,
        "agenda_item",
        record_id,
        ("position", "title", "content"),
        defaults={"position": next_position(rows)},
        overrides={"title": {"label": N_("Tiêu đề")}, "content": {"label": N_("Diễn biến")}},
        note_lines={"content": 10},
    )


def opinion_form(meeting: RecordForm, record_id: str | None, rows: list[Record]) -> RecordForm:
    form = part_form(
        meeting,
        "opinion",
        record_id,
        OPINION_FIELDS,
        defaults={
            "position": next_position(rows),
            "status": "open",
            "within_authority": True,
        },
    )
    form.resize(980, 640)
    return form


def follow_up_form(meeting: RecordForm, opinion_id: str, title: str) -> RecordForm:
    """The answer given to opinion `opinion_id` after the meeting (also on closed minutes)."""
    return RecordForm(
        meeting.ctx,
        "opinion",
        opinion_id,
        parent=meeting,
        fields=FOLLOW_UP_FIELDS,
        title=tr("Kết quả giải quyết ý kiến: {title}", title=title),
    )


def addendum_form(meeting: RecordForm, record_id: str | None) -> RecordForm:
    return part_form(
        meeting,
        "meeting_addendum",
        record_id,
        ("made_on", "content"),
        defaults={"made_on": date.today()},
        title=tr("Thêm phụ lục đính chính"),
        note_lines={"content": 8},
    )


def next_position(rows: list[Record]) -> int:
    return max((int(r.get("position") or 0) for r in rows), default=0) + 1
