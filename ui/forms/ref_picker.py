"""Choosing another record: the reference editor, its search dialog, and the page filters.

Titles and choices come from `desktop_app.listing` (the same rows the lists show), fetched on
the worker thread by QueryOps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import listing
from desktop_app.changes import Changes
from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec, record_type
from desktop_app.services import records
from ui.context import AppContext
from ui.forms.fields import FieldEditor
from ui.forms.guards import alive
from ui.icons import icon
from ui.ops import QueryOp
from ui.table_model import RecordTableModel

# The list columns that name a record, in the order they make its title.
TITLE_PATHS: dict[str, tuple[str, ...]] = {
    "person": ("full_name", "@birth", "household_id.address"),
    "household": ("head_person_id.full_name", "address", "number"),
    "area": ("name",),
    "household_group": ("name",),
    "security_team": ("name",),
    "officer": ("full_name", "title"),
    "team_member": ("person_id.full_name", "role"),
    "reintegration_case": ("person_id.full_name", "case_no"),
    "meeting": ("subject", "starts_at"),
}
# The first item of a page filter, by the record type it filters on.
ALL_TEXTS: dict[str, str] = {
    "area": "Mọi thôn, tổ dân phố",
    "household_group": "Mọi tổ tự quản",
}


def title_of(type_name: str, columns: Sequence[listing.Column], row: Sequence[str]) -> str:
    """A short name for a record from its list row: "Trần Văn An · 1962 · 12 Ngõ Huế"."""
    paths = TITLE_PATHS.get(type_name)
    if paths is None:
        picked = list(row[:3])
    else:
        where = {c.path: i for i, c in enumerate(columns)}
        picked = [row[where[p]] for p in paths if p in where]
    return " · ".join(value for value in picked if value)


def record_titles(ctx: AppContext, type_name: str, ids: Sequence[str]) -> dict[str, str]:
    """Titles of `ids` (run on the worker)."""
    columns = listing.columns(type_name, ctx.actor)
    rows = listing.list_rows(ctx.db, ctx.actor, type_name, ids)
    return {i: title_of(type_name, columns, row) for i, row in rows.items()}


def record_choices(
    ctx: AppContext, type_name: str, filters: Mapping[str, Any] | None = None
) -> list[tuple[str, str]]:
    """(id, title) of every live record of a type, in list order (run on the worker)."""
    ids = listing.list_ids(ctx.db, ctx.actor, type_name, filters=filters)
    titles = record_titles(ctx, type_name, ids)
    return [(i, titles[i]) for i in ids if i in titles]


class RefPicker(QDialog):
    """Search a lazy list of one type and choose a record (double-click, Enter or "Chọn")."""

    chosen = Signal(str, str)  # id, title

    def __init__(
        self,
        ctx: AppContext,
        type_name: str,
        filters: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.type_name = type_name
        self.columns = listing.columns(type_name, ctx.actor)
        self.model = RecordTableModel(ctx, type_name, filters)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._delay = QTimer(self, singleShot=True, interval=200)
        self._delay.timeout.connect(lambda: self.model.search(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._delay.start())
        rtype = record_type(type_name)
        self.search.setVisible(bool(rtype.search_fields) or type_name in records.SEARCH_VIA)
        self.table = self._table()
        self.buttons = QDialogButtonBox()
        self.choose_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 520)
        self.retranslate_ui()
        self.model.reload()

    def retranslate_ui(self) -> None:
        label = tr(record_type(self.type_name).label)
        self.setWindowTitle(tr("Chọn: {label}", label=label))
        self.search.setPlaceholderText(tr("Tìm kiếm (không cần dấu)…"))
        self.choose_button.setText(tr("Chọn"))
        self.cancel_button.setText(tr("Hủy"))

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        record_id = self.model.record_id(row)
        if record_id is None:
            return
        cells = [
            str(self.model.data(self.model.index(row, c)) or "") for c in range(len(self.columns))
        ]
        self.chosen.emit(record_id, title_of(self.type_name, self.columns, cells))
        super().accept()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setDefaultSectionSize(160)
        table.horizontalHeader().setStretchLastSection(True)
        table.activated.connect(lambda _index: self.accept())
        self.model.modelReset.connect(self._select_first)
        self.model.dataChanged.connect(self._fit_columns_once)
        self._fitted = False
        return table

    def _fit_columns_once(self) -> None:
        if not self._fitted:
            self._fitted = True
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                width = min(self.table.columnWidth(column), 280)
                self.table.setColumnWidth(column, width + 12)

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)

    def select_id(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0, QModelIndex()))
            self.table.selectRow(row)


class RefEditor(FieldEditor):
    """A reference: the chosen record's title, "Chọn…" to search for one, × to clear."""

    def __init__(
        self, ctx: AppContext, spec: FieldSpec, filters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(spec)
        assert spec.ref
        self.ctx = ctx
        self.target = spec.ref
        self.filters = dict(filters or {})
        self._id: str | None = None
        self.picker: RefPicker | None = None
        self.line = QLineEdit()
        self.line.setReadOnly(True)
        self.line.setMinimumWidth(220)
        self.pick_button = QPushButton()
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(self.choose)
        self.clear_button = QToolButton()
        self.clear_button.setIcon(icon("x"))
        self.clear_button.clicked.connect(self.clear)
        self.row.addWidget(self.line, 1)
        self.row.addWidget(self.pick_button)
        self.row.addWidget(self.clear_button)
        self.setFocusProxy(self.pick_button)
        self.retranslate_ui()

    def raw(self) -> Any:
        return self._id

    def set_raw(self, value: Any) -> None:
        self._id = str(value) if value else None
        self.line.clear()
        self.clear_button.setVisible(self._id is not None)
        if self._id is not None:
            ctx, target, ids = self.ctx, self.target, [self._id]
            QueryOp(self, lambda: record_titles(ctx, target, ids)).success(
                alive(self, self._titled)
            ).run()

    def set_choice(self, record_id: str | None, title: str = "") -> None:
        """Choose as the officer does (fires `edited`)."""
        self._id = record_id or None
        self.line.setText(title)
        self.clear_button.setVisible(self._id is not None)
        if self._id is not None and not title:
            self.set_raw(self._id)
        self.edited.emit()

    def choose(self) -> None:
        self.picker = RefPicker(self.ctx, self.target, self.filters, self.window())
        self.picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.picker.chosen.connect(self.set_choice)
        self.picker.open()

    def clear(self) -> None:
        self.set_choice(None)

    def retranslate_ui(self) -> None:
        self.pick_button.setText(tr("Chọn…"))
        self.clear_button.setToolTip(tr("Bỏ chọn"))
        self.line.setPlaceholderText(tr("(chưa chọn)"))

    def _titled(self, titles: dict[str, str]) -> None:
        if self._id is not None:
            self.line.setText(titles.get(self._id, self._id))


class RefFilter(QComboBox):
    """A list filter: every record of one type, or all of them (the first item)."""

    chosen = Signal(str, object)  # the filter's name, the chosen id or None

    def __init__(self, ctx: AppContext, name: str, type_name: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.name = name
        self.type_name = type_name
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addItem("", None)
        self.currentIndexChanged.connect(lambda i: self.chosen.emit(self.name, self.itemData(i)))
        self.retranslate_ui()

    def load(self) -> None:
        ctx, kind = self.ctx, self.type_name
        QueryOp(self, lambda: record_choices(ctx, kind)).success(self._fill).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(self.type_name):
            self.load()

    def retranslate_ui(self) -> None:
        self.setItemText(0, tr(ALL_TEXTS[self.type_name]))

    def _fill(self, choices: list[tuple[str, str]]) -> None:
        current = self.currentData()
        blocked = self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for record_id, title in choices:
            self.addItem(title, record_id)
        index = self.findData(current) if current else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(blocked)
        if current and index < 0:  # the chosen record is gone: show everything again
            self.chosen.emit(self.name, None)
