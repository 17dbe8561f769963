"""A meeting and its minutes (Biên bản): the meeting on the first tab; who attended, the agenda,
the residents' opinions, conclusions and votes, scans of the signed paper and corrections on the
others. A draft or held meeting saves itself a few seconds after typing stops; "Đã họp" and
"Khóa biên bản" move it along, and closed minutes are read-only but take dated corrections.

The form lays out the meeting's own fields and composes the rest: the tabs (meeting_tabs), the
tables of its rows (meeting_sections), the lifecycle (meeting_lifecycle) and the autosave
(meeting_autosave); which fields go where and the rows' small forms are in meeting_parts.

Threading: every read and write is a QueryOp/MutationOp on the one worker. At most one autosave
is on its way; what is typed meanwhile stays dirty and is saved by the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.view import Record
from ui import print_preview  # the module: print_preview imports ui.forms, which imports us
from ui.attachments_panel import AttachmentsPanel
from ui.context import AppContext
from ui.forms.fields import FieldEditor, NoteEditor
from ui.forms.meeting_autosave import Autosave
from ui.forms.meeting_lifecycle import MinutesLifecycle, action_button
from ui.forms.meeting_parts import (
    ATTENDANCE,
    CLOSING,
    FIELDS,
    GENERAL,
    NOTE_LINES,
    Lines,
    TimeEditor,
)
from ui.forms.meeting_sections import MeetingSections
from ui.forms.meeting_tabs import MeetingTabs
from ui.forms.record_form import RecordForm
from ui.forms.sections import ChildSection


class MeetingForm(RecordForm):
    """Add or edit a meeting; every part is saved at once (the meeting first when new)."""

    fields_height = 420
    autosave_delay_ms = 3000  # after the last keystroke; tests set 0

    def __init__(
        self, ctx: AppContext, record_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            "meeting",
            record_id,
            parent=parent,
            fields=FIELDS,
            defaults={"meeting_type": "hop_dan"},
        )
        self.resize(1180, 720)

    @property
    def locked(self) -> bool:
        """Closed minutes: read-only, never saved again."""
        lifecycle = getattr(self, "lifecycle", None)  # None while RecordForm builds the fields
        return lifecycle is not None and lifecycle.locked

    # --- building ---

    def create_editor(self, spec: FieldSpec) -> FieldEditor:
        if spec.kind == "local_time":
            return TimeEditor(spec)
        if spec.name in NOTE_LINES:
            return NoteEditor(spec, lines=NOTE_LINES[spec.name])
        return super().create_editor(spec)

    def _place_rows(self, grid: QGridLayout) -> None:
        """Only the meeting itself here; counts and conclusions go to their own tabs."""
        self._lay_out(grid, GENERAL)

    def _lay_out(self, grid: QGridLayout, lines: Lines) -> None:
        """Label and field pairs, line by line (labels in the even columns)."""
        width = max(len(line) for line in lines) * 2 - 1
        for number, line in enumerate(lines):
            for index, name in enumerate(line):
                span = 1 if len(line) > 1 else width
                self._add_row(grid, self.rows[name], number, index * 2, span)
                grid.setColumnStretch(index * 2 + 1, 1)

    def build_extra(self) -> None:
        self.lifecycle = MinutesLifecycle(self)
        self.autosaver = Autosave(self)
        self.held_button, self.close_minutes_button, self.addendum_button = self.lifecycle.buttons
        self.number_label = self.lifecycle.number_label
        layout = cast(QVBoxLayout, self.layout())
        layout.removeWidget(self.fields_scroll)  # the meeting's own fields become the first tab
        layout.insertLayout(1, self._status_row())
        self.sections = sections = MeetingSections(self)
        self.attendees, self.agenda, self.opinions, self.addenda = sections.parts
        self.household_button, self.count_button = sections.household_button, sections.count_button
        self.pull_button, self.follow_up_button = sections.pull_button, sections.follow_up_button
        self.tabs = MeetingTabs()
        self._add_tabs()
        self.extra.addWidget(self.tabs)
        for row in self.rows.values():
            row.editor.edited.connect(self.autosaver.typed)
        self.editor("subject").edited.connect(self._retitle)
        self.tabs.add_keys(self)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.preview)

    def _status_row(self) -> QHBoxLayout:
        """The state and number, what was last saved (or why not), the lifecycle and In…."""
        self.autosave_label = QLabel()
        self.autosave_label.setObjectName("placeholder")
        self.autosave_label.setWordWrap(True)  # a refused save says why, at length
        self.print_button = action_button(self.preview)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.lifecycle.state_label)
        row.addWidget(self.lifecycle.number_label)
        row.addWidget(self.autosave_label, 1)
        for button in (*self.lifecycle.buttons, self.print_button):
            row.addWidget(button)
        return row

    def _add_tabs(self) -> None:
        tabs, sections = self.tabs, self.sections
        tabs.addTab(self.fields_scroll, "")
        tabs.addTab(self._fields_tab(ATTENDANCE, sections.attendees), "")
        tabs.addTab(sections.agenda, "")
        tabs.addTab(sections.opinions, "")
        tabs.addTab(self._fields_tab(CLOSING, None), "")
        self.scans = AttachmentsPanel(
            self.ctx, "meeting", ensure_owner=self.ensure_saved, report=self.report
        )
        self.scans.loaded.connect(self._name_tabs)
        tabs.addTab(self.scans, "")
        tabs.addTab(sections.addenda, "")
        tabs.setTabVisible(tabs.indexOf(sections.addenda), False)
        for part in self.parts:
            part.loaded.connect(lambda _rows: self._name_tabs())

    @property
    def parts(self) -> tuple[ChildSection, ...]:
        return self.sections.parts

    def _fields_tab(self, lines: Lines, below: QWidget | None) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        grid = QGridLayout()
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        column.addLayout(grid)
        self._lay_out(grid, lines)
        if below is not None:
            column.addWidget(below, 1)
        else:
            column.addStretch(1)
        return page

    # --- the record ---

    def status(self) -> str:
        return str(self.record.get("status") or "draft") if self.record is not None else "draft"

    def on_record(self, record: Record) -> None:
        self.sections.set_meeting(record.id)
        if self.scans.owner_id != record.id:
            self.scans.set_owner(record.id)
        self.lifecycle.lock_if_closed()
        self.lifecycle.show_state()
        self._retitle()

    def problems(self) -> dict[str, str]:
        """Nothing to fix in closed minutes: they are not saved again."""
        return {} if self.locked else super().problems()

    def reveal_opinion(self, opinion_id: str) -> None:
        """Show the Ý kiến tab with `opinion_id` chosen (from the page's open opinions)."""
        self.sections.reveal_opinion(opinion_id)

    # --- saving: by hand, before an action, and by itself ---

    def save(self) -> None:
        """Lưu (Ctrl+S): save now and stay in the form (Đóng or Esc closes it)."""
        if self.locked:
            return
        if self.autosaver.running:
            self.autosaver.save_queued = True  # right after the autosave on its way
            return
        self.autosaver.stop()
        if self._after_save is None:
            self._after_save = self._saved_by_hand
        super().save()

    def save_then(self, then: Callable[[], None]) -> None:
        """Run `then` once what is typed is stored (at once when nothing is waiting)."""
        if self.record_id is not None and (self.locked or not self.is_dirty()):
            then()
            return
        self._after_save = then
        self.save()
        if self.problems():
            self._after_save = None
            self.show_message(tr("Hãy nhập đủ và sửa các trường báo đỏ trước."))

    def reject(self) -> None:
        """Đóng / Esc: what is typed is saved first when it can be (as autosave would)."""
        allowed = self.autosaver.allowed()
        if allowed and self.is_dirty() and not self.problems() and not self._saving:
            self.save_then(lambda: RecordForm.reject(self))
            return
        super().reject()

    def autosave(self) -> None:
        """Save a draft or held meeting quietly: no focus moves, nothing typed is lost."""
        self.autosaver.run()

    def _saved_by_hand(self) -> None:
        self.say(tr("Đã lưu lúc {time}", time=f"{datetime.now():%H:%M}"))

    def say(self, text: str, *, problem: bool = False) -> None:
        """What happened last, beside the state: saved, or why not (in red)."""
        self.autosave_label.setText(text)
        self.autosave_label.setObjectName("fieldProblem" if problem else "placeholder")
        self.autosave_label.style().unpolish(self.autosave_label)
        self.autosave_label.style().polish(self.autosave_label)

    def preview(self) -> None:
        """In… (Ctrl+P): the minutes as they print, once what is typed is saved."""
        if self.record_id is None and not self.is_dirty():
            self.show_message(tr("Hãy nhập cuộc họp trước khi in biên bản."))
            return
        self.save_then(lambda: print_preview.preview_minutes(self, self.ctx, str(self.record_id)))

    # --- titles ---

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "tabs"):
            return
        self._name_tabs()
        self.lifecycle.retranslate_ui()
        self._retitle()
        self.print_button.setText(tr("In biên bản…"))
        self.print_button.setToolTip(tr("Xem trước và in biên bản (Ctrl+P)"))
        self.sections.retranslate_ui()
        notes = self.editor("recipients")
        if isinstance(notes, NoteEditor):
            notes.text.setPlaceholderText(tr("Mỗi nơi nhận một dòng, ví dụ: UBND xã; Lưu: hồ sơ."))

    def _name_tabs(self) -> None:
        counted = {1: self.attendees, 2: self.agenda, 3: self.opinions, 6: self.addenda}
        counts = {index: len(part.records) for index, part in counted.items() if part.parent_id}
        if self.scans.owner_id:
            counts[5] = len(self.scans.items)
        self.tabs.name_tabs(counts)

    def _retitle(self) -> None:
        subject = str(self.editor("subject").raw() or "").strip()
        number = self.record.get("doc_number") if self.record is not None else None
        if number:
            text = tr("Biên bản số {number}", number=number)
        elif self.record_id is None:
            text = tr("Thêm mới: {label}", label=tr(self.rtype.label))
        else:
            text = tr(self.rtype.label)
        text = f"{text} · {subject}" if subject else text
        self.setWindowTitle(text)
        self.heading.setText(text)
