"""The read-only detail of a record: its fields, then its parts (members, contacts, opinions…)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import tr
from desktop_app.services.detail import Detail, Section, record_detail
from ui.context import AppContext
from ui.ops import QueryOp


class DetailView(QScrollArea):
    """Shows one record; `show_record()` loads it through a QueryOp."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.current: tuple[str, str] | None = None
        self.detail: Detail | None = None
        self._placeholder()

    def show_record(self, record_type: str, record_id: str) -> None:
        self.current = (record_type, record_id)
        ctx = self.ctx
        QueryOp(self, lambda: record_detail(ctx.db, ctx.actor, record_type, record_id)).success(
            self._show
        ).run()

    def clear(self) -> None:
        self.current = None
        self.detail = None
        self._placeholder()

    def refresh(self) -> None:
        if self.current is not None:
            self.show_record(*self.current)

    def _placeholder(self) -> None:
        label = QLabel(tr("Chọn một dòng để xem chi tiết."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("placeholder")
        self.setWidget(label)

    def _show(self, detail: Detail) -> None:
        if self.current != (detail.record_type, detail.record_id):
            return  # the officer moved on while it loaded
        self.detail = detail
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel(detail.title)
        title.setObjectName("detailTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        if detail.minimal:
            layout.addWidget(QLabel(tr("Bạn chỉ được xem thông tin tối thiểu của hồ sơ này.")))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setHorizontalSpacing(12)
        for label, value in detail.fields:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(QLabel(label + ":"), text)
        layout.addLayout(form)
        for section in detail.sections:
            layout.addWidget(_section_title(section))
            layout.addWidget(_section_table(section))
        layout.addStretch(1)
        self.setWidget(body)


def _section_title(section: Section) -> QLabel:
    label = QLabel(f"{section.title} ({len(section.rows)})")
    label.setObjectName("sectionTitle")
    return label


def _section_table(section: Section) -> QTableWidget:
    table = QTableWidget(len(section.rows), len(section.headers))
    table.setHorizontalHeaderLabels(list(section.headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for row, (_, values) in enumerate(section.rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    height = (
        table.horizontalHeader().height()
        + 4
        + sum(table.rowHeight(r) for r in range(min(8, len(section.rows))))
    )
    table.setMinimumHeight(height)
    return table
