"""Autosave of a draft or held meeting, a few seconds after typing stops: quietly, without moving
the focus, and saying above the tabs when it saved or why it could not.

Threading: the save is a MutationOp on the one worker. At most one autosave is on its way; what
is typed meanwhile stays dirty and is saved by the next one, and Lưu pressed meanwhile runs
right after it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.services import records
from ui.forms.guards import alive
from ui.forms.meeting_parts import EDITABLE
from ui.ops import MutationOp

if TYPE_CHECKING:
    from ui.forms.meeting_form import MeetingForm


class Autosave:
    """Saves the meeting form given `form.autosave_delay_ms` after its last keystroke."""

    def __init__(self, form: MeetingForm) -> None:
        self.form = form
        self.running = False  # an autosave is on its way
        self.again = False  # typed while it was: autosave once more after it
        self.save_queued = False  # Lưu pressed while it was: save by hand after it
        self.timer = QTimer(form, singleShot=True)
        self.timer.timeout.connect(self.run)

    def allowed(self) -> bool:
        form = self.form
        return form.ctx.actor.can_write and not form.locked and form.status() in EDITABLE

    def typed(self) -> None:
        if self.allowed():
            self.timer.start(self.form.autosave_delay_ms)

    def stop(self) -> None:
        self.timer.stop()

    def run(self) -> None:
        """Save a draft or held meeting quietly: no focus moves, nothing typed is lost."""
        form = self.form
        if not self.allowed() or form._busy or not form.is_dirty():
            return
        if self.running:
            self.again = True
            return
        problems = form.problems()
        if problems:
            names = ", ".join(form.rows[k].editor.label() for k in problems)
            form.say(tr("Chưa tự lưu: cần nhập hoặc sửa {fields}.", fields=names), problem=True)
            return
        data, typed = form._data(), form.values()
        if data is None:
            return
        self.running = True
        ctx = form.ctx
        MutationOp(form, lambda: records.put(ctx.db, ctx.actor, "meeting", data)).success(
            alive(form, lambda saved: self._saved(saved, typed))
        ).failure(alive(form, self._failed)).run()

    def _saved(self, saved: records.Saved, typed: dict[str, Any]) -> None:
        """As RecordForm._saved, but the form stays open and keeps what was typed meanwhile."""
        self.running = False
        form = self.form
        form.record_id, form.record = saved.record.id, saved.record
        form._baseline = typed  # what was sent; later typing stays dirty
        form._server.clear()
        form.on_record(saved.record)
        form.saved.emit(saved.record)
        form.say(tr("Đã tự lưu lúc {time}", time=f"{datetime.now():%H:%M}"))
        form._refresh()
        self._next()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        form = self.form
        unplaced = form._place(error)  # field problems beside their fields, in red
        if isinstance(error, AntqError):
            reason = unplaced or tr("hãy sửa các trường báo đỏ.")
            form.say(tr("Chưa tự lưu được: {reason}", reason=reason), problem=True)
        form._refresh()
        self._next()

    def _next(self) -> None:
        if self.save_queued:
            self.save_queued = self.again = False
            self.form.save()
        elif self.again:
            self.again = False
            self.run()
