"""The minutes' lifecycle, draft → held → closed: the state and number shown above the tabs,
"Đã họp" and "Khóa biên bản…" (after a confirmation), and closed minutes made read-only, where
only "Thêm phụ lục đính chính…" adds a dated correction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton

from desktop_app.i18n import tr
from desktop_app.records.labels import choice_label
from desktop_app.services import records
from ui.forms.guards import alive, confirm
from ui.ops import MutationOp

if TYPE_CHECKING:
    from ui.forms.meeting_form import MeetingForm


def action_button(slot: Callable[[], object]) -> QPushButton:
    """A button of the row above the tabs (Enter in a field does not press it)."""
    button = QPushButton()
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class MinutesLifecycle:
    """Moves the meeting given along its states; `locked` once its minutes are closed."""

    def __init__(self, form: MeetingForm) -> None:
        self.form = form
        self.locked = False
        self.state_label = QLabel()
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-weight: bold;")
        self.held_button = action_button(self.mark_held)
        self.close_minutes_button = action_button(self.close_minutes)
        self.addendum_button = action_button(self.add_addendum)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.held_button, self.close_minutes_button, self.addendum_button)

    def mark_held(self) -> None:
        """Đã họp: the meeting took place; the minutes can still be corrected."""
        self.form.save_then(lambda: self._put_status("held"))

    def close_minutes(self) -> None:
        """Khóa biên bản…: after a confirmation, lock the minutes and get their number."""
        question = tr(
            "Sau khi khóa, biên bản không sửa được nữa; chỉ có thể thêm phụ lục đính chính.\n"
            "Biên bản sẽ được cấp số trong sổ biên bản của đơn vị.\n\nKhóa biên bản này?"
        )
        if confirm(self.form, tr("Khóa biên bản"), question):
            self.form.save_then(lambda: self._put_status("closed"))

    def _put_status(self, status: str) -> None:
        form = self.form
        ctx, data = form.ctx, {"id": form.record_id, "status": status}
        MutationOp(form, lambda: records.put(ctx.db, ctx.actor, "meeting", data)).success(
            alive(form, self._status_saved)
        ).failure(alive(form, form.report)).run()

    def _status_saved(self, saved: records.Saved) -> None:
        form = self.form
        form.record = saved.record
        form.on_record(saved.record)
        form.saved.emit(saved.record)
        number = saved.record.get("doc_number")
        if form.status() == "closed" and number:
            form.say(tr("Đã khóa biên bản, số {number}.", number=number))

    def lock_if_closed(self) -> None:
        """Closed minutes: every field and part read-only; opinions keep their follow-up."""
        form = self.form
        if self.locked or form.status() != "closed":
            return
        self.locked = True
        form.autosaver.stop()
        for row in form.rows.values():
            row.cell.setEnabled(False)
        form.save_button.setVisible(False)
        form.sections.lock()
        form.tabs.setTabVisible(form.tabs.indexOf(form.addenda), True)
        form.sections.hint()
        form._refresh()

    def add_addendum(self) -> None:
        """Thêm phụ lục đính chính…: a dated correction, kept with the minutes for good."""
        if self.form.record_id is not None and self.locked:
            self.form.sections.open_addendum()

    def show_state(self) -> None:
        form = self.form
        status, writer = form.status(), form.ctx.actor.can_write
        label = tr(choice_label(status, "meeting", "status"))
        self.state_label.setText(tr("Trạng thái: {status}", status=label))
        number = form.record.get("doc_number") if form.record is not None else None
        self.number_label.setText(tr("Số: {number}", number=number) if number else "")
        self.held_button.setVisible(writer and status == "draft")
        self.close_minutes_button.setVisible(writer and status == "held")
        self.addendum_button.setVisible(writer and status == "closed")

    def retranslate_ui(self) -> None:
        self.show_state()
        self.held_button.setText(tr("Đã họp"))
        self.held_button.setToolTip(tr("Cuộc họp đã diễn ra; biên bản vẫn sửa được"))
        self.close_minutes_button.setText(tr("Khóa biên bản…"))
        self.close_minutes_button.setToolTip(tr("Khóa và cấp số biên bản; sau đó không sửa được"))
        self.addendum_button.setText(tr("Thêm phụ lục đính chính…"))
        self.addendum_button.setToolTip(tr("Biên bản đã khóa chỉ sửa bằng phụ lục đính chính"))
