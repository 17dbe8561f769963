"""A meeting and its minutes (Biên bản): the meeting on the first tab; who attended, the agenda,
the residents' opinions, conclusions and votes, scans of the signed paper and corrections on the
others. A draft or held meeting saves itself a few seconds after typing stops; "Đã họp" and
"Khóa biên bản" move it along, and closed minutes are read-only but take dated corrections.

Threading: every read and write is a QueryOp/MutationOp on the one worker. At most one autosave
is on its way; what is typed meanwhile stays dirty and is saved by the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AntqError
from desktop_app.i18n import N_, tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.labels import choice_label
from desktop_app.records.view import Record
from desktop_app.services import meetings, records
from ui import print_preview  # the module: print_preview imports ui.forms, which imports us
from ui.attachments_panel import AttachmentsPanel
from ui.context import AppContext
from ui.forms.case_form import name_from_person
from ui.forms.fields import FieldEditor, NoteEditor
from ui.forms.guards import alive, confirm
from ui.forms.meeting_parts import (
    ATTENDANCE,
    ATTENDEE_FIELDS,
    CLOSING,
    EDITABLE,
    FIELDS,
    FOLLOW_UP_FIELDS,
    GENERAL,
    NOTE_LINES,
    OPINION_FIELDS,
    Lines,
    PartForm,
    TimeEditor,
)
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import RefEditor
from ui.forms.sections import ChildSection
from ui.ops import MutationOp


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
        self.locked = False
        self._autosaving = self._autosave_again = self._save_queued = False
        self._reveal: str | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.autosave)
        layout = cast(QVBoxLayout, self.layout())
        layout.removeWidget(self.fields_scroll)  # the meeting's own fields become the first tab
        layout.insertLayout(1, self._status_row())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.fields_scroll, "")
        self._build_parts()
        self.extra.addWidget(self.tabs)
        for row in self.rows.values():
            row.editor.edited.connect(self._typed)
        self.editor("subject").edited.connect(self._retitle)
        self._shortcuts()

    def _status_row(self) -> QHBoxLayout:
        self.state_label = QLabel()
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-weight: bold;")
        self.autosave_label = QLabel()
        self.autosave_label.setObjectName("placeholder")
        self.held_button = self._button(self.mark_held)
        self.close_minutes_button = self._button(self.close_minutes)
        self.addendum_button = self._button(self.add_addendum)
        self.print_button = self._button(self.preview)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.autosave_label.setWordWrap(True)  # a refused save says why, at length
        row.addWidget(self.state_label)
        row.addWidget(self.number_label)
        row.addWidget(self.autosave_label, 1)
        for button in (
            self.held_button,
            self.close_minutes_button,
            self.addendum_button,
            self.print_button,
        ):
            row.addWidget(button)
        return row

    def _button(self, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_parts(self) -> None:
        self.attendees = ChildSection(self, "meeting_attendee", "meeting_id", self._attendee_form)
        self.household_button = self.attendees.add_action(
            "", lambda: self.add_attendee("household")
        )
        self.count_button = self.attendees.add_action("", self.count_attendance)
        self.tabs.addTab(self._fields_tab(ATTENDANCE, self.attendees), "")
        self.agenda = ChildSection(self, "agenda_item", "meeting_id", self._agenda_form)
        self.pull_button = self.agenda.add_action("", self.pull_opinions)
        self.tabs.addTab(self.agenda, "")
        self.opinions = ChildSection(self, "opinion", "meeting_id", self._opinion_form)
        self.follow_up_button = self.opinions.add_action("", self.follow_up)
        self.opinions.loaded.connect(lambda _rows: self._select_revealed())
        self.tabs.addTab(self.opinions, "")
        self.tabs.addTab(self._fields_tab(CLOSING, None), "")
        self.scans = AttachmentsPanel(
            self.ctx, "meeting", ensure_owner=self.ensure_saved, report=self.report
        )
        self.scans.loaded.connect(self._name_tabs)
        self.tabs.addTab(self.scans, "")
        self.addenda = ChildSection(self, "meeting_addendum", "meeting_id", self._addendum_form)
        for button in self.addenda.action_buttons:  # corrections are added from the top row
            button.setVisible(False)
        self.addenda.table.doubleClicked.disconnect()  # and never edited
        self.tabs.addTab(self.addenda, "")
        self.tabs.setTabVisible(self.tabs.indexOf(self.addenda), False)
        for part in self.parts:
            part.loaded.connect(lambda _rows: self._name_tabs())
        self._enter_adds(self.attendees, lambda: self.add_attendee(self._selected_kind()))
        self._enter_adds(self.agenda, self.agenda.add)
        self._enter_adds(self.opinions, self.opinions.add)

    @property
    def parts(self) -> tuple[ChildSection, ...]:
        return (self.attendees, self.agenda, self.opinions, self.addenda)

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

    def _enter_adds(self, section: ChildSection, add: Callable[[], None]) -> None:
        """Enter in a part's table adds the next row; F2 edits the chosen one."""
        keys = ((Qt.Key.Key_Return, add), (Qt.Key.Key_Enter, add), (Qt.Key.Key_F2, section.edit))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), section.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda slot=slot: self._from_table(slot))

    def _from_table(self, slot: Callable[[], None]) -> None:
        """A key in a part's table: nothing on closed minutes or while a row's form is open."""
        if not self.locked and QApplication.activeModalWidget() is None:
            slot()

    def _shortcuts(self) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: next / previous tab; Alt+1…7: that tab; Ctrl+P: print."""
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self._step_tab(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self._step_tab(-1))
        for index in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Alt+{index + 1}"), self, lambda i=index: self.show_tab(i))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.preview)

    # --- tabs ---

    def show_tab(self, index: int) -> None:
        """Bring tab `index` forward and put the cursor in its first field or table."""
        page = self.tabs.widget(index)
        if page is None or not self.tabs.isTabVisible(index):
            return
        self.tabs.setCurrentIndex(index)
        found = _first_field(page)
        if found is not None:
            found.setFocus(Qt.FocusReason.TabFocusReason)

    def _step_tab(self, step: int) -> None:
        index = self.tabs.currentIndex()
        for _ in range(self.tabs.count()):
            index = (index + step) % self.tabs.count()
            if self.tabs.isTabVisible(index):
                self.show_tab(index)
                return

    # --- the record ---

    def status(self) -> str:
        return str(self.record.get("status") or "draft") if self.record is not None else "draft"

    def on_record(self, record: Record) -> None:
        for part in self.parts:
            if part.parent_id != record.id:
                part.set_parent(record.id)
        if self.scans.owner_id != record.id:
            self.scans.set_owner(record.id)
        self._apply_lock()
        self._show_state()
        self._retitle()

    def problems(self) -> dict[str, str]:
        """Nothing to fix in closed minutes: they are not saved again."""
        return {} if getattr(self, "locked", False) else super().problems()

    # --- saving: by hand, before an action, and by itself ---

    def save(self) -> None:
        """Lưu (Ctrl+S): save now and stay in the form (Đóng or Esc closes it)."""
        if self.locked:
            return
        if self._autosaving:
            self._save_queued = True  # right after the autosave on its way
            return
        self._timer.stop()
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
        if self._can_autosave() and self.is_dirty() and not self.problems() and not self._saving:
            self.save_then(lambda: RecordForm.reject(self))
            return
        super().reject()

    def autosave(self) -> None:
        """Save a draft or held meeting quietly: no focus moves, nothing typed is lost."""
        if not self._can_autosave() or self._busy or not self.is_dirty():
            return
        if self._autosaving:
            self._autosave_again = True
            return
        problems = self.problems()
        if problems:
            names = ", ".join(self.rows[k].editor.label() for k in problems)
            self._say(tr("Chưa tự lưu: cần nhập hoặc sửa {fields}.", fields=names), problem=True)
            return
        data, typed = self._data(), self.values()
        if data is None:
            return
        self._autosaving = True
        ctx = self.ctx
        MutationOp(self, lambda: records.put(ctx.db, ctx.actor, "meeting", data)).success(
            alive(self, lambda saved: self._autosaved(saved, typed))
        ).failure(alive(self, self._autosave_failed)).run()

    def _can_autosave(self) -> bool:
        return self.ctx.actor.can_write and not self.locked and self.status() in EDITABLE

    def _typed(self) -> None:
        if self._can_autosave():
            self._timer.start(self.autosave_delay_ms)

    def _autosaved(self, saved: records.Saved, typed: dict[str, Any]) -> None:
        self._autosaving = False
        self.record_id, self.record = saved.record.id, saved.record
        self._baseline = typed  # what was sent; later typing stays dirty
        self._server.clear()
        self.on_record(saved.record)
        self.saved.emit(saved.record)
        self._say(tr("Đã tự lưu lúc {time}", time=f"{datetime.now():%H:%M}"))
        self._refresh()
        self._after_autosave()

    def _autosave_failed(self, error: BaseException) -> None:
        self._autosaving = False
        unplaced = self._place(error)  # field problems beside their fields, in red
        if isinstance(error, AntqError):
            reason = unplaced or tr("hãy sửa các trường báo đỏ.")
            self._say(tr("Chưa tự lưu được: {reason}", reason=reason), problem=True)
        self._refresh()
        self._after_autosave()

    def _after_autosave(self) -> None:
        if self._save_queued:
            self._save_queued = self._autosave_again = False
            self.save()
        elif self._autosave_again:
            self._autosave_again = False
            self.autosave()

    def _saved_by_hand(self) -> None:
        self._say(tr("Đã lưu lúc {time}", time=f"{datetime.now():%H:%M}"))

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.autosave_label.setText(text)
        self.autosave_label.setObjectName("fieldProblem" if problem else "placeholder")
        self.autosave_label.style().unpolish(self.autosave_label)
        self.autosave_label.style().polish(self.autosave_label)

    # --- the lifecycle: draft → held → closed ---

    def mark_held(self) -> None:
        """Đã họp: the meeting took place; the minutes can still be corrected."""
        self.save_then(lambda: self._put_status("held"))

    def close_minutes(self) -> None:
        """Khóa biên bản…: after a confirmation, lock the minutes and get their number."""
        question = tr(
            "Sau khi khóa, biên bản không sửa được nữa; chỉ có thể thêm phụ lục đính chính.\n"
            "Biên bản sẽ được cấp số trong sổ biên bản của đơn vị.\n\nKhóa biên bản này?"
        )
        if confirm(self, tr("Khóa biên bản"), question):
            self.save_then(lambda: self._put_status("closed"))

    def _put_status(self, status: str) -> None:
        ctx, data = self.ctx, {"id": self.record_id, "status": status}
        MutationOp(self, lambda: records.put(ctx.db, ctx.actor, "meeting", data)).success(
            alive(self, self._status_saved)
        ).failure(alive(self, self.report)).run()

    def _status_saved(self, saved: records.Saved) -> None:
        self.record = saved.record
        self.on_record(saved.record)
        self.saved.emit(saved.record)
        number = saved.record.get("doc_number")
        if self.status() == "closed" and number:
            self._say(tr("Đã khóa biên bản, số {number}.", number=number))

    def _apply_lock(self) -> None:
        """Closed minutes: every field and part read-only; opinions keep their follow-up."""
        if self.locked or self.status() != "closed":
            return
        self.locked = True
        self._timer.stop()
        for row in self.rows.values():
            row.cell.setEnabled(False)
        self.save_button.setVisible(False)
        for part in (self.attendees, self.agenda, self.opinions):
            for button in part.action_buttons:
                button.setVisible(button is self.follow_up_button and self.ctx.actor.can_write)
            part.table.doubleClicked.disconnect()
        self.opinions.table.doubleClicked.connect(lambda _index: self.follow_up())
        self.tabs.setTabVisible(self.tabs.indexOf(self.addenda), True)
        self._hint_parts()
        self._refresh()

    def add_addendum(self) -> None:
        """Thêm phụ lục đính chính…: a dated correction, kept with the minutes for good."""
        if self.record_id is not None and self.locked:
            self.show_tab(self.tabs.indexOf(self.addenda))
            self.addenda.open_child(self._addendum_form(None))

    def _show_state(self) -> None:
        status, writer = self.status(), self.ctx.actor.can_write
        label = tr(choice_label(status, "meeting", "status"))
        self.state_label.setText(tr("Trạng thái: {status}", status=label))
        number = self.record.get("doc_number") if self.record is not None else None
        self.number_label.setText(tr("Số: {number}", number=number) if number else "")
        self.held_button.setVisible(writer and status == "draft")
        self.close_minutes_button.setVisible(writer and status == "held")
        self.addendum_button.setVisible(writer and status == "closed")

    # --- parts ---

    def add_attendee(self, kind: str) -> None:
        """Thêm đại biểu / Thêm hộ dự họp (Enter in the table adds one like the chosen row)."""

        def open_form() -> None:
            self.attendees.open_child(self._attendee_form(None, kind))

        self.ensure_saved(open_form)

    def _selected_kind(self) -> str:
        chosen = self.attendees.selected()
        return str(chosen.get("kind") or "official") if chosen is not None else "official"

    def count_attendance(self) -> None:
        """Fill Số người có mặt / vắng mặt from the list of attendees."""
        rows = self.attendees.records
        absent = sum(1 for r in rows if not r.get("present"))
        self.editor("present_count").set_raw(len(rows) - absent)
        self.editor("absent_count").set_raw(absent)

    def pull_opinions(self) -> None:
        """Lấy ý kiến chưa trả lời: earlier meetings' open opinions of the same area become an
        agenda item, to report back on them."""
        self.save_then(self._pull)

    def _pull(self) -> None:
        ctx, meeting_id = self.ctx, str(self.record_id)
        MutationOp(
            self, lambda: meetings.pull_open_opinions(ctx.db, ctx.actor, meeting_id)
        ).success(alive(self, lambda _changes: self._pulled())).failure(
            alive(self, self.report)
        ).run()

    def _pulled(self) -> None:
        self.show_tab(self.tabs.indexOf(self.agenda))
        self._say(tr("Đã thêm mục báo cáo kết quả giải quyết ý kiến của các cuộc họp trước."))

    def follow_up(self) -> None:
        """Cập nhật kết quả: the answer given after the meeting (also on closed minutes)."""
        chosen = self.opinions.selected()
        if chosen is None:
            return
        form = RecordForm(
            self.ctx,
            "opinion",
            chosen.id,
            parent=self,
            fields=FOLLOW_UP_FIELDS,
            title=tr("Kết quả giải quyết ý kiến: {title}", title=self.opinions.title(chosen)),
        )
        self.opinions.open_child(form)

    def reveal_opinion(self, opinion_id: str) -> None:
        """Show the Ý kiến tab with `opinion_id` chosen (from the page's open opinions)."""
        self.show_tab(self.tabs.indexOf(self.opinions))
        self._reveal = opinion_id
        self._select_revealed()

    def _select_revealed(self) -> None:
        if self._reveal and any(r.id == self._reveal for r in self.opinions.records):
            self.opinions.select_id(self._reveal)
            self._reveal = None

    def preview(self) -> None:
        """In… (Ctrl+P): the minutes as they print, once what is typed is saved."""
        if self.record_id is None and not self.is_dirty():
            self.show_message(tr("Hãy nhập cuộc họp trước khi in biên bản."))
            return
        self.save_then(lambda: print_preview.preview_minutes(self, self.ctx, str(self.record_id)))

    # --- the parts' forms ---

    def _part_form(
        self, kind: str, record_id: str | None, fields: tuple[str, ...], **extra: Any
    ) -> RecordForm:
        fixed = {"meeting_id": self.record_id, **extra.pop("fixed", {})}
        return PartForm(self.ctx, kind, record_id, parent=self, fields=fields, fixed=fixed, **extra)

    def _attendee_form(self, record_id: str | None, kind: str = "official") -> RecordForm:
        known = next((r for r in self.attendees.records if r.id == record_id), None)
        kind = str(known.get("kind")) if known is not None else kind
        form = self._part_form(
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

    def _agenda_form(self, record_id: str | None) -> RecordForm:
        return self._part_form(
            "agenda_item",
            record_id,
            ("position", "title", "content"),
            defaults={"position": _next_position(self.agenda.records)},
            overrides={"title": {"label": N_("Tiêu đề")}, "content": {"label": N_("Diễn biến")}},
            note_lines={"content": 10},
        )

    def _opinion_form(self, record_id: str | None) -> RecordForm:
        form = self._part_form(
            "opinion",
            record_id,
            OPINION_FIELDS,
            defaults={
                "position": _next_position(self.opinions.records),
                "status": "open",
                "within_authority": True,
            },
        )
        form.resize(980, 640)
        return form

    def _addendum_form(self, record_id: str | None) -> RecordForm:
        return self._part_form(
            "meeting_addendum",
            record_id,
            ("made_on", "content"),
            defaults={"made_on": date.today()},
            title=tr("Thêm phụ lục đính chính"),
            note_lines={"content": 8},
        )

    # --- titles ---

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "tabs"):
            return
        self._name_tabs()
        self._show_state()
        self._retitle()
        self.held_button.setText(tr("Đã họp"))
        self.held_button.setToolTip(tr("Cuộc họp đã diễn ra; biên bản vẫn sửa được"))
        self.close_minutes_button.setText(tr("Khóa biên bản…"))
        self.close_minutes_button.setToolTip(tr("Khóa và cấp số biên bản; sau đó không sửa được"))
        self.addendum_button.setText(tr("Thêm phụ lục đính chính…"))
        self.addendum_button.setToolTip(tr("Biên bản đã khóa chỉ sửa bằng phụ lục đính chính"))
        self.print_button.setText(tr("In biên bản…"))
        self.print_button.setToolTip(tr("Xem trước và in biên bản (Ctrl+P)"))
        self.attendees.add_button.setText(tr("Thêm đại biểu"))
        self.household_button.setText(tr("Thêm hộ dự họp"))
        self.count_button.setText(tr("Điền số có mặt, vắng mặt"))
        self.count_button.setToolTip(tr("Đếm theo danh sách thành phần tham dự"))
        self.agenda.add_button.setText(tr("Thêm nội dung"))
        self.pull_button.setText(tr("Lấy ý kiến chưa trả lời"))
        self.pull_button.setToolTip(
            tr("Đưa các ý kiến chưa giải quyết của các cuộc họp trước cùng địa bàn vào nội dung")
        )
        self.opinions.add_button.setText(tr("Thêm ý kiến"))
        self.follow_up_button.setText(tr("Cập nhật kết quả"))
        self.follow_up_button.setToolTip(tr("Ghi trả lời sau cuộc họp, ngày trả lời, trạng thái"))
        self._hint_parts()
        notes = self.editor("recipients")
        if isinstance(notes, NoteEditor):
            notes.text.setPlaceholderText(tr("Mỗi nơi nhận một dòng, ví dụ: UBND xã; Lưu: hồ sơ."))

    def _hint_parts(self) -> None:
        if self.locked:
            self.attendees.set_hint("")
            self.agenda.set_hint("")
            self.opinions.set_hint(
                tr("Biên bản đã khóa: chỉ cập nhật được kết quả giải quyết ý kiến (nhấp đúp).")
            )
        else:
            keys = tr("Enter: thêm dòng mới; F2 hoặc nhấp đúp: sửa dòng đang chọn.")
            for section in (self.attendees, self.agenda, self.opinions):
                section.set_hint(keys)
        self.addenda.set_hint(
            tr(
                "Biên bản đã khóa chỉ sửa bằng phụ lục đính chính, ghi ngày, in kèm biên bản; "
                "đính chính đã ghi không sửa, không xóa được."
            )
        )

    def _name_tabs(self) -> None:
        titles = (
            tr("Chung"),
            tr("Thành phần tham dự"),
            tr("Nội dung"),
            tr("Ý kiến"),
            tr("Kết luận"),
            tr("Tài liệu scan"),
            tr("Đính chính"),
        )
        counted = {1: self.attendees, 2: self.agenda, 3: self.opinions, 6: self.addenda}
        for index, title in enumerate(titles):
            part = counted.get(index)
            text = (
                f"{title} ({len(part.records)})" if part is not None and part.parent_id else title
            )
            if index == 5 and self.scans.owner_id:
                text = f"{title} ({len(self.scans.items)})"
            self.tabs.setTabText(index, text)
            self.tabs.setTabToolTip(index, f"Alt+{index + 1}")

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


def _first_field(page: QWidget) -> QWidget | None:
    """The first widget inside `page` that Tab reaches."""
    widget = page.nextInFocusChain()
    for _ in range(2000):  # the window's whole chain at most
        if widget is None or widget is page:
            return None
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if page.isAncestorOf(widget) and focusable and widget.isVisible() and widget.isEnabled():
            return widget
        widget = widget.nextInFocusChain()
    return None


def _next_position(rows: list[Record]) -> int:
    return max((int(r.get("position") or 0) for r in rows), default=0) + 1
