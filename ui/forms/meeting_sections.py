"""The meeting's rows, each a table on its tab: who attended, the agenda, the residents'
opinions and the dated corrections of closed minutes; their buttons (add a household, count
who came, pull earlier open opinions, record an answer), the keys in their tables and hints."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import tr
from desktop_app.services import meetings
from ui.forms.guards import alive
from ui.forms.meeting_parts import (
    addendum_form,
    agenda_form,
    attendee_form,
    follow_up_form,
    opinion_form,
)
from ui.forms.record_form import RecordForm
from ui.forms.sections import ChildSection
from ui.ops import MutationOp

if TYPE_CHECKING:
    from ui.forms.meeting_form import MeetingForm


class MeetingSections:
    """The tables of the meeting given; each row is saved at once by its own small form."""

    def __init__(self, form: MeetingForm) -> None:
        self.form = form
        self._reveal: str | None = None  # an opinion to choose once the opinions are loaded
        self.attendees = ChildSection(form, "meeting_attendee", "meeting_id", self._attendee_form)
        self.household_button = self.attendees.add_action(
            "", lambda: self.add_attendee("household")
        )
        self.count_button = self.attendees.add_action("", self.count_attendance)
        self.agenda = ChildSection(
            form, "agenda_item", "meeting_id", lambda i: agenda_form(form, i, self.agenda.records)
        )
        self.pull_button = self.agenda.add_action("", self.pull_opinions)
        self.opinions = ChildSection(
            form, "opinion", "meeting_id", lambda i: opinion_form(form, i, self.opinions.records)
        )
        self.follow_up_button = self.opinions.add_action("", self.follow_up)
        self.opinions.loaded.connect(lambda _rows: self._select_revealed())
        self.addenda = ChildSection(
            form, "meeting_addendum", "meeting_id", lambda i: addendum_form(form, i)
        )
        for button in self.addenda.action_buttons:  # corrections are added from the top row
            button.setVisible(False)
        self.addenda.table.doubleClicked.disconnect()  # and never edited
        self._enter_adds(self.attendees, lambda: self.add_attendee(self._selected_kind()))
        self._enter_adds(self.agenda, self.agenda.add)
        self._enter_adds(self.opinions, self.opinions.add)

    @property
    def parts(self) -> tuple[ChildSection, ...]:
        return (self.attendees, self.agenda, self.opinions, self.addenda)

    def set_meeting(self, meeting_id: str) -> None:
        """Show the rows of `meeting_id` (once it is saved, or when it changed)."""
        for part in self.parts:
            if part.parent_id != meeting_id:
                part.set_parent(meeting_id)

    # --- keys ---

    def _enter_adds(self, section: ChildSection, add: Callable[[], None]) -> None:
        """Enter in a part's table adds the next row; F2 edits the chosen one."""
        keys = ((Qt.Key.Key_Return, add), (Qt.Key.Key_Enter, add), (Qt.Key.Key_F2, section.edit))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), section.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda slot=slot: self._from_table(slot))

    def _from_table(self, slot: Callable[[], None]) -> None:
        """A key in a part's table: nothing on closed minutes or while a row's form is open."""
        if not self.form.locked and QApplication.activeModalWidget() is None:
            slot()

    # --- attendees ---

    def add_attendee(self, kind: str) -> None:
        """Thêm đại biểu / Thêm hộ dự họp (Enter in the table adds one like the chosen row)."""

        def open_form() -> None:
            self.attendees.open_child(self._attendee_form(None, kind))

        self.form.ensure_saved(open_form)

    def _attendee_form(self, record_id: str | None, kind: str = "official") -> RecordForm:
        return attendee_form(self.form, record_id, kind, self.attendees.records)

    def _selected_kind(self) -> str:
        chosen = self.attendees.selected()
        return str(chosen.get("kind") or "official") if chosen is not None else "official"

    def count_attendance(self) -> None:
        """Fill Số người có mặt / vắng mặt from the list of attendees."""
        rows = self.attendees.records
        absent = sum(1 for r in rows if not r.get("present"))
        self.form.editor("present_count").set_raw(len(rows) - absent)
        self.form.editor("absent_count").set_raw(absent)

    # --- agenda and opinions ---

    def pull_opinions(self) -> None:
        """Lấy ý kiến chưa trả lời: earlier meetings' open opinions of the same area become an
        agenda item, to report back on them."""
        self.form.save_then(self._pull)

    def _pull(self) -> None:
        form = self.form
        ctx, meeting_id = form.ctx, str(form.record_id)
        MutationOp(
            form, lambda: meetings.pull_open_opinions(ctx.db, ctx.actor, meeting_id)
        ).success(alive(form, lambda _changes: self._pulled())).failure(
            alive(form, form.report)
        ).run()

    def _pulled(self) -> None:
        self.form.tabs.show_tab(self.form.tabs.indexOf(self.agenda))
        self.form.say(tr("Đã thêm mục báo cáo kết quả giải quyết ý kiến của các cuộc họp trước."))

    def follow_up(self) -> None:
        """Cập nhật kết quả: the answer given after the meeting (also on closed minutes)."""
        chosen = self.opinions.selected()
        if chosen is None:
            return
        form = follow_up_form(self.form, chosen.id, self.opinions.title(chosen))
        self.opinions.open_child(form)

    def reveal_opinion(self, opinion_id: str) -> None:
        """Show the Ý kiến tab with `opinion_id` chosen (from the page's open opinions)."""
        self.form.tabs.show_tab(self.form.tabs.indexOf(self.opinions))
        self._reveal = opinion_id
        self._select_revealed()

    def _select_revealed(self) -> None:
        if self._reveal and any(r.id == self._reveal for r in self.opinions.records):
            self.opinions.select_id(self._reveal)
            self._reveal = None

    # --- closed minutes ---

    def lock(self) -> None:
        """Closed minutes: no row added, changed or removed; opinions keep their follow-up."""
        for part in (self.attendees, self.agenda, self.opinions):
            for button in part.action_buttons:
                button.setVisible(button is self.follow_up_button and self.form.ctx.actor.can_write)
            part.table.doubleClicked.disconnect()
        self.opinions.table.doubleClicked.connect(lambda _index: self.follow_up())

    def open_addendum(self) -> None:
        """Thêm phụ lục đính chính…: a dated correction, kept with the minutes for good."""
        self.form.tabs.show_tab(self.form.tabs.indexOf(self.addenda))
        self.addenda.open_child(addendum_form(self.form, None))

    # --- titles ---

    def retranslate_ui(self) -> None:
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
        self.hint()

    def hint(self) -> None:
        """What the keys do in each table, or what closed minutes still allow."""
        if self.form.locked:
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
