"""Tổng quan: real counts of the post's records, what is due (overdue first), and charts of
the movement's figures for a period, each bar opening the records behind it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.changes import Changes
from desktop_app.formatting import format_date
from desktop_app.i18n import tr
from desktop_app.services.overview import Overview, overview
from desktop_app.services.stats import period_stats
from desktop_app.services.stats_model import Figure, PeriodStats
from ui.charts import (
    BarChart,
    Chart,
    PartChart,
    show_attendance,
    show_cases,
    show_contacts,
    show_coverage,
    show_meetings,
    show_opinions,
)
from ui.context import AppContext
from ui.forms.guards import alive
from ui.ops import QueryOp
from ui.pages.base import Page
from ui.stats_dialogs import FigureRecords, PeriodChooser, show_figure

OVERDUE = QColor("#b03a2e")
ID_ROLE = Qt.ItemDataRole.UserRole
DUE_ROWS = 6  # rows of the due list in view: the charts start on the first screen at 1366×768
CHART_HEIGHT = 240


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
        self._fit_due()
        self.charts = StatsCharts(ctx)
        self.charts.figure_chosen.connect(self.open_figure)
        self.records_dialog: FigureRecords | None = None  # the last one opened
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(10)
        column.addLayout(self.cards)
        column.addWidget(self.due_title)
        column.addWidget(self.due)
        column.addWidget(self.charts)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)
        self.retranslate_ui()

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: overview(ctx.db, ctx.actor)).success(self._show).run()
        self.charts.load()

    def open_figure(self, figure: Figure) -> None:
        """The records behind a bar; without ids (a viewer's contacts) the status bar says so."""
        self.records_dialog = show_figure(self, self.ctx, figure, self.open_record)

    def on_changes(self, changes: Changes) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: overview(ctx.db, ctx.actor)).success(self._show).run()
        self.charts.on_changes()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.due_title.setText(tr("Việc đến hạn và quá hạn"))
        self.due.setHeaderLabels([tr("Hạn"), tr("Việc"), tr("Hồ sơ")])
        if hasattr(self, "charts"):
            self.charts.retranslate_ui()
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
        if data.due_more:
            more = tr("… và {n} việc khác, hạn muộn hơn", n=QLocale().toString(data.due_more))
            self.due.addTopLevelItem(QTreeWidgetItem(["", more, ""]))
        if not data.due:
            self.due.addTopLevelItem(QTreeWidgetItem(["", tr("Không có việc đến hạn."), ""]))
        self._fit_due()

    def _fit_due(self) -> None:
        """Whole rows under the header, DUE_ROWS of them; the rest scrolls."""
        row = self.due.sizeHintForRow(0)
        row = row if row > 0 else self.due.fontMetrics().height() + 2  # before the first rows
        head = self.due.header().sizeHint().height()
        self.due.setFixedHeight(head + DUE_ROWS * row + 2 * self.due.frameWidth())

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


class StatsCharts(QWidget):
    """Kết quả phong trào: a period chooser and six charts of `period_stats` for that period
    (the movement year by default). Loads on the worker; `figure_chosen` carries a bar's figure."""

    figure_chosen = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.stats: PeriodStats | None = None
        self.stale = False  # records changed while the charts were hidden
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.unit = QLabel()
        self.unit.setObjectName("placeholder")
        self.chooser = PeriodChooser()
        self.chooser.changed.connect(self.load)
        self.coverage = PartChart()
        self.cases, self.meetings, self.attendance = BarChart(), BarChart(), BarChart()
        self.contacts, self.opinions = BarChart(), BarChart()
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, chart in enumerate(self.charts()):
            chart.setMinimumHeight(CHART_HEIGHT)
            chart.figure_chosen.connect(self.figure_chosen)
            grid.addWidget(chart, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.unit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.chooser)
        layout.addLayout(grid)
        self.retranslate_ui()

    def charts(self) -> tuple[Chart, ...]:
        """In the order they are laid out, two by two."""
        return (
            self.coverage,
            self.cases,
            self.meetings,
            self.attendance,
            self.contacts,
            self.opinions,
        )

    def on_changes(self) -> None:
        """Counting a period takes a moment: done now if the charts are in view, else when
        they are shown again."""
        self.stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.load()

    def load(self) -> None:
        self.stale = False
        ctx, (start, end) = self.ctx, self.chooser.period()
        QueryOp(self, lambda: period_stats(ctx.db, ctx.actor, start, end)).success(
            alive(self, self.show_stats)
        ).run()

    def show_stats(self, stats: PeriodStats) -> None:
        if (stats.start, stats.end) != self.chooser.period():
            return  # the officer chose another period while this one loaded
        self.stats = stats
        self.unit.setText(stats.unit_name)
        show_cases(self.cases, stats)
        show_coverage(self.coverage, stats)
        show_meetings(self.meetings, stats)
        show_attendance(self.attendance, stats)
        show_contacts(self.contacts, stats)
        show_opinions(self.opinions, stats)

    def retranslate_ui(self) -> None:
        self.title.setText(tr("Kết quả phong trào"))
        self.chooser.retranslate_ui()
        empty = tr("Không có số liệu trong kỳ.")
        titles = (
            tr("Hộ tham gia tổ tự quản theo thôn, tổ dân phố"),
            tr("Người đang quản lý theo phân loại, cuối mỗi tháng"),
            tr("Cuộc họp đã tổ chức theo tháng"),
            tr("Người dự họp và vắng mặt theo tháng"),
            tr("Tiếp xúc, làm việc với người chấp hành xong án"),
            tr("Ý kiến Nhân dân nêu tại các cuộc họp"),
        )
        for chart, title in zip(self.charts(), titles, strict=True):
            chart.set_title(title, empty)
        if self.stats is not None:
            self.show_stats(self.stats)
