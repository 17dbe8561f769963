"""A searchable lazy list of one record type, with its read-only detail beside it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QItemSelection, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import listing
from desktop_app.changes import Changes
from desktop_app.i18n import tr
from ui.context import AppContext
from ui.detail_view import DetailView
from ui.forms.ref_picker import RefFilter
from ui.icons import icon
from ui.record_actions import RecordActions
from ui.signals import app_signals
from ui.table_model import RecordTableModel

SEARCH_DELAY_MS = 200


class RecordList(QWidget):
    """Search box, count, lazy table, detail. Refreshes when its record types change."""

    def __init__(
        self,
        ctx: AppContext,
        record_type: str,
        filters: Mapping[str, Any] | None = None,
        *,
        editable: bool = False,
    ) -> None:
        super().__init__()
        self.record_type = record_type
        self.depends_on = listing.dependencies(record_type)
        self.fixed_filters = dict(filters or {})
        self.chosen_filters: dict[str, Any] = {}
        self.filter_boxes: list[RefFilter] = []
        # Buttons after Thêm / Sửa / Xóa (In danh sách…), each with whether it needs a row
        self.extra_tools: list[tuple[QPushButton, bool]] = []
        self.model = RecordTableModel(ctx, record_type, filters)
        self.model.loaded = self._show_count
        self.model.dataChanged.connect(self._fit_columns_once)
        self._fitted = False
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.count = QLabel()
        self.table = self._table()
        self.detail = DetailView(ctx)
        self.editing = RecordActions(ctx, self) if editable else None
        # Bound to this widget, so the connections end with it.
        self.model.modelReset.connect(self._update_actions)
        app_signals().screen_unlocked.connect(self._update_actions)  # maybe another officer
        self._delay = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._delay.timeout.connect(lambda: self.model.search(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._delay.start())
        self._layout()
        self.retranslate_ui()

    def load(self) -> None:
        self.load_rows()
        self.load_filters()

    def load_rows(self) -> None:
        self.model.reload()

    def load_filters(self) -> None:
        """The filters' choices: after the rows, since a province has 15,000 groups."""
        for box in self.filter_boxes:
            box.load()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.depends_on):
            self.model.reload()
            self.detail.refresh()
        for box in self.filter_boxes:
            box.on_changes(changes)

    def add_filter(self, box: RefFilter) -> None:
        """A combo that narrows the list (by area, by group), left of Thêm / Sửa / Xóa."""
        self.filter_boxes.append(box)
        self.tools.insertWidget(len(self.filter_boxes) - 1, box)
        self.tools_bar.setVisible(True)
        box.chosen.connect(self.set_filter)

    def add_tool(
        self, slot: Callable[[], object], icon_name: str = "", *, needs_row: bool = False
    ) -> QPushButton:
        """A button at the right of the toolbar, for every officer (printing, exports are
        audited); its owner sets its text in retranslate_ui()."""
        button = QPushButton(icon(icon_name) if icon_name else QIcon(), "")
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        self.tools.addWidget(button)
        self.tools_bar.setVisible(True)
        self.extra_tools.append((button, needs_row))
        self._update_actions()
        return button

    def set_filter(self, name: str, value: Any) -> None:
        self.chosen_filters[name] = value
        self.model.set_filters({**self.fixed_filters, **self.chosen_filters})

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_id(rows[0].row()) if rows else None

    def new_record(self) -> bool:
        """Ctrl+N: open the empty form, if this list has one and the officer may write."""
        if self.editing is None or not self.editing.allowed:
            return False
        self.editing.add()
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(tr("Tìm kiếm (không cần dấu): tên, số định danh, địa chỉ…"))
        self.model.retranslate()
        self._show_count(self.model.rowCount())
        for box in self.filter_boxes:
            box.retranslate_ui()
        if self.editing is not None:
            self.editing.retranslate_ui()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(28)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(150)
        header.setStretchLastSection(True)
        # Fit columns to the rows on screen: by default Qt reads a thousand rows to fit them,
        # which on a province's list means ten more pages fetched (and measured) first.
        header.setResizeContentsPrecision(0)
        table.selectionModel().selectionChanged.connect(self._selected)
        table.activated.connect(self._activated)
        return table

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        # Filters on the left, Thêm / Sửa / Xóa on the right, under the search box.
        self.tools_bar = QWidget()
        self.tools = QHBoxLayout(self.tools_bar)
        self.tools.setContentsMargins(0, 0, 0, 0)
        self.tools.addStretch(1)
        for button in self.editing.buttons if self.editing is not None else ():
            self.tools.addWidget(button)
        self.tools_bar.setVisible(self.editing is not None)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.tools_bar)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _fit_columns_once(self) -> None:
        # The first real rows decide the widths; later pages keep them (no jumping columns).
        if not self._fitted:
            self._fitted = True
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                width = min(self.table.columnWidth(column), 320)
                self.table.setColumnWidth(column, width + 12)

    def _show_count(self, count: int) -> None:
        n = QLocale().toString(count)
        if self.model.capped:  # a search of a province: the first matches, in order
            self.count.setText(tr("{n} hồ sơ đầu tiên — hãy tìm cụ thể hơn", n=n))
        else:
            self.count.setText(tr("{n} hồ sơ", n=n))

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self._show_detail(rows[0])
        self._update_actions()

    def _update_actions(self) -> None:
        if self.editing is not None:
            self.editing.update()
        chosen = self.selected_id() is not None
        for button, needs_row in self.extra_tools:
            button.setEnabled(chosen or not needs_row)

    def _show_detail(self, index: QModelIndex) -> None:
        record_id = self.model.record_id(index.row())
        if record_id:
            self.detail.show_record(self.record_type, record_id)

    def _activated(self, index: QModelIndex) -> None:
        """Enter or double-click: the form, for those who may edit; else the detail."""
        record_id = self.model.record_id(index.row())
        if self.editing is not None and self.editing.allowed and record_id:
            self.editing.edit(record_id)
        else:
            self._show_detail(index)
