"""Tổng quan: real counts of the post's records and what is due, overdue first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
)

from desktop_app.changes import Changes
from desktop_app.formatting import format_date
from desktop_app.i18n import tr
from desktop_app.services.overview import Overview, overview
from ui.context import AppContext
from ui.ops import QueryOp
from ui.pages.base import Page

OVERDUE = QColor("#b03a2e")
ID_ROLE = Qt.ItemDataRole.UserRole


class OverviewPage(Page):
    name = "overview"
    title = "Tổng quan"
    icon_name = "layout-dashboard"

    def __init__(self, ctx: AppContext, open_record: Callable[[str, str], None]) -> None:
        super().__init__(ctx)
        self.open_record = open_record
        self.data: Overview | None = None
        self.cards = QGridLayout()
        self.cards.setSpacing(10)
        self.due_title = QLabel()
        self.due_title.setObjectName("sectionTitle")
        self.due = QTreeWidget()
        self.due.setRootIsDecorated(False)
        self.due.setAlternatingRowColors(True)
        self.due.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.due.header().setStretchLastSection(True)
        self.due.itemActivated.connect(self._activated)
        self.body.addLayout(self.cards)
        self.body.addWidget(self.due_title)
        self.body.addWidget(self.due, 1)
        self.retranslate_ui()

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: overview(ctx.db, ctx.actor)).success(self._show).run()

    def on_changes(self, changes: Changes) -> None:
        self.load()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.due_title.setText(tr("Việc đến hạn và quá hạn"))
        self.due.setHeaderLabels([tr("Hạn"), tr("Việc"), tr("Hồ sơ")])
        if self.data is not None:
            self._show(self.data)

    def _show(self, data: Overview) -> None:
        self.data = data
        self._show_counts(data)
        self.due.clear()
        for item in data.due:
            row = QTreeWidgetItem([format_date(item.due), tr(item.title), item.detail])
            row.setData(0, ID_ROLE, (item.record_type, item.record_id))
            if item.overdue:
                for column in range(3):
                    row.setForeground(column, QBrush(OVERDUE))
                row.setToolTip(0, tr("Quá hạn"))
            self.due.addTopLevelItem(row)
        if not data.due:
            self.due.addTopLevelItem(QTreeWidgetItem(["", tr("Không có việc đến hạn."), ""]))

    def _show_counts(self, data: Overview) -> None:
        while self.cards.count():
            taken = self.cards.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, count in enumerate(data.counts):
            label = tr(count.label, **dict(count.placeholders))
            card = QPushButton(QLocale().toString(count.value) + "\n" + label)
            card.setObjectName("countCard")
            card.setMinimumHeight(72)
            card.clicked.connect(lambda _=False, kind=count.record_type: self.open_record(kind, ""))
            self.cards.addWidget(card, index // 4, index % 4)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, ID_ROLE)
        if target:
            self.open_record(*target)
