"""The parts of a record inside its form (residents, members, ratings…): a table of the child
records that point at it, with buttons that open their own forms. Each change is saved at once
through `records.put` of the child's type; the parent is saved first when it is new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import listing
from desktop_app.changes import Changes
from desktop_app.i18n import tr
from desktop_app.records.catalog import record_type
from desktop_app.records.view import Record
from desktop_app.services import records
from ui.context import AppContext
from ui.forms.guards import alive, confirm
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import title_of
from ui.ops import MutationOp, QueryOp
from ui.signals import app_signals


@dataclass(frozen=True)
class Children:
    """Child records with their display rows (the link column left out)."""

    records: tuple[Record, ...]
    headers: tuple[str, ...]  # Vietnamese source titles
    rows: dict[str, tuple[str, ...]]
    titles: dict[str, str]


def load_children(
    ctx: AppContext,
    child_type: str,
    link: str,
    parent_id: str,
    hide: frozenset[str] = frozenset(),
) -> Children:
    """Run on the worker: the live children of `parent_id`, in list order, without the
    columns of the link and those named in `hide`."""
    found = records.list_records(
        ctx.db, ctx.actor, child_type, filters={link: parent_id}, limit=None
    )
    columns = listing.columns(child_type, ctx.actor)
    keep = [i for i, c in enumerate(columns) if c.path.split(".")[0] != link and c.path not in hide]
    rows = listing.list_rows(ctx.db, ctx.actor, child_type, [r.id for r in found])
    return Children(
        tuple(found),
        tuple(columns[i].title for i in keep),
        {key: tuple(row[i] for i in keep) for key, row in rows.items()},
        {key: title_of(child_type, columns, row) for key, row in rows.items()},
    )


class ChildSection(QWidget):
    """Child records of the form's record; `keep` picks some (the members, not the leaders)."""

    loaded = Signal(object)  # the tuple of Records shown

    def __init__(
        self,
        owner: RecordForm,
        child_type: str,
        link: str,
        open_form: Callable[[str | None], RecordForm],
        keep: Callable[[Record], bool] | None = None,
        hide: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.owner = owner
        self.ctx = owner.ctx
        self.child_type = child_type
        self.link = link
        self.open_form = open_form
        self.keep = keep or (lambda _record: True)
        self.hidden_columns = hide
        self.depends_on = listing.dependencies(child_type)
        self.parent_id: str | None = None
        self.records: list[Record] = []
        self.titles: dict[str, str] = {}
        self.current_form: RecordForm | None = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("placeholder")
        self.table = self._table()
        self.buttons = QHBoxLayout()
        self.action_buttons: list[QPushButton] = []
        self.add_button = self.add_action(tr("Thêm"), self.add)
        self.edit_button = self.add_action(tr("Sửa"), self.edit)
        self.delete_button = self.add_action(tr("Xóa"), self.delete)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.hint.setVisible(False)
        app_signals().changes_applied.connect(self._changes)
        self._selection_changed()

    def add_action(self, text: str, slot: Callable[[], object]) -> QPushButton:
        """A button under the table (before the stretch, after the others)."""
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        button.setVisible(self.ctx.actor.can_write)
        self.buttons.insertWidget(len(self.action_buttons), button)
        self.action_buttons.append(button)
        return button

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_parent(self, parent_id: str | None) -> None:
        self.parent_id = parent_id
        self.reload()

    def reload(self) -> None:
        if self.parent_id is None:
            self._show(Children((), (), {}, {}))
            return
        ctx, kind, link, parent = self.ctx, self.child_type, self.link, self.parent_id
        hide = self.hidden_columns
        QueryOp(self, lambda: load_children(ctx, kind, link, parent, hide)).success(
            alive(self, self._show)
        ).failure(alive(self, self.owner.report)).run()

    def selected(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.records[row] if row < len(self.records) else None

    def select_id(self, record_id: str) -> None:
        for row, record in enumerate(self.records):
            if record.id == record_id:
                self.table.selectRow(row)

    def title(self, record: Record) -> str:
        return self.titles.get(record.id, record.id)

    # --- actions ---

    def add(self) -> None:
        self.owner.ensure_saved(lambda: self._open(None))

    def edit(self) -> None:
        record = self.selected()
        if record is not None:
            self._open(record.id)

    def delete(self) -> None:
        record = self.selected()
        if record is None or not confirm(
            self,
            tr("Xóa"),
            tr(
                "Xóa {what}: {title}?",
                what=tr(record_type(self.child_type).label),
                title=self.title(record),
            ),
        ):
            return
        ctx, kind = self.ctx, self.child_type
        MutationOp(self, lambda: records.delete(ctx.db, ctx.actor, kind, record.id)).failure(
            alive(self, self.owner.report)
        ).run()

    def open_child(self, form: RecordForm) -> RecordForm:
        """Show a child form over the owner; it is deleted when closed."""
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.setWindowModality(Qt.WindowModality.WindowModal)
        self.current_form = form
        form.open()
        return form

    def _open(self, record_id: str | None) -> None:
        self.open_child(self.open_form(record_id))

    # --- showing ---

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 0)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.itemSelectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(lambda _index: self.edit())
        return table

    def _show(self, children: Children) -> None:
        chosen = self.selected()
        self.records = [r for r in children.records if self.keep(r)]
        self.titles = children.titles
        self.table.clearContents()
        self.table.setColumnCount(len(children.headers))
        self.table.setHorizontalHeaderLabels([tr(h) for h in children.headers])
        self.table.setRowCount(len(self.records))
        for line, record in enumerate(self.records):
            for column, value in enumerate(children.rows.get(record.id, ())):
                self.table.setItem(line, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 12, 260))
        if chosen is not None:
            self.select_id(chosen.id)
        self._selection_changed()
        self.loaded.emit(tuple(self.records))

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _changes(self, changes: Changes, _initiator: object) -> None:
        if self.parent_id is not None and changes.touches(*self.depends_on):
            self.reload()
