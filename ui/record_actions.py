"""Thêm, Sửa, Xóa for a record list: the buttons, and the forms they open.

Only officers who may write see the buttons (`Actor.can_write`); the services check again.
A form opens window-modal over the main window and deletes itself when closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app import listing
from desktop_app.i18n import tr
from desktop_app.records.catalog import record_type
from desktop_app.records.view import Record
from desktop_app.services import records
from ui.context import AppContext
from ui.forms import form_for
from ui.forms.guards import confirm
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import title_of
from ui.icons import icon
from ui.ops import MutationOp

if TYPE_CHECKING:
    from ui.record_list import RecordList


class RecordActions:
    """The buttons of one list and what they do; `current_form` is the last form opened."""

    def __init__(self, ctx: AppContext, record_list: RecordList) -> None:
        self.ctx = ctx
        self.list = record_list
        self.record_type = record_list.record_type
        self.current_form: RecordForm | None = None
        self.add_button = self._button("plus", self.add)
        self.edit_button = self._button("file-text", self.edit)
        self.delete_button = self._button("x", self.delete)
        self.buttons = (self.add_button, self.edit_button, self.delete_button)
        self.update()

    @property
    def allowed(self) -> bool:
        return self.ctx.actor.can_write

    def update(self) -> None:
        """Show the buttons to writers only; Sửa and Xóa need a selected row."""
        chosen = self.list.selected_id() is not None
        for button in self.buttons:
            button.setVisible(self.allowed)
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def add(self) -> None:
        if self.allowed:
            self._open(None)

    def edit(self, record_id: str | None = None) -> None:
        record_id = record_id or self.list.selected_id()
        if self.allowed and record_id:
            self._open(record_id)

    def delete(self) -> None:
        record_id = self.list.selected_id()
        if not self.allowed or record_id is None:
            return
        label = tr(record_type(self.record_type).label)
        question = tr("Xóa {what}: {title}?", what=label, title=self._title(record_id))
        if not confirm(self.list, tr("Xóa"), question):
            return
        ctx, kind = self.ctx, self.record_type
        MutationOp(self.list, lambda: records.delete(ctx.db, ctx.actor, kind, record_id)).success(
            lambda _changes: self.list.detail.clear()
        ).run()

    def retranslate_ui(self) -> None:
        self.add_button.setText(tr("Thêm"))
        self.add_button.setToolTip(tr("Thêm mới (Ctrl+N)"))
        self.edit_button.setText(tr("Sửa"))
        self.edit_button.setToolTip(tr("Sửa dòng đang chọn (Enter hoặc nhấp đúp)"))
        self.delete_button.setText(tr("Xóa"))
        self.delete_button.setToolTip(tr("Xóa dòng đang chọn"))

    def _open(self, record_id: str | None) -> None:
        form = form_for(self.ctx, self.record_type, record_id, self.list.window())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.setWindowModality(Qt.WindowModality.WindowModal)
        form.saved.connect(self._saved)
        self.current_form = form
        form.open()

    def _saved(self, record: Record) -> None:
        self.list.detail.show_record(record.type, record.id)

    def _title(self, record_id: str) -> str:
        model = self.list.model
        row = model.row_of(record_id)
        cells = [str(model.data(model.index(row, c)) or "") for c in range(model.columnCount())]
        columns = listing.columns(self.record_type, self.ctx.actor)
        return title_of(self.record_type, columns, cells) or record_id

    def _button(self, icon_name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(icon(icon_name), "")
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button
