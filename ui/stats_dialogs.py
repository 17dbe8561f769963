"""Around the statistics: choosing a period, the records behind a number, what each chart
shows of a `PeriodStats`, the suggested name of a report file, and the report panel.

The figures come from `desktop_app.services.stats` on the worker; the records behind one
come from `listing.list_rows`; the files from `stats_files.write_report` (docs/reports.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import listing, periods
from desktop_app.formatting import format_time
from desktop_app.i18n import N_, tr
from desktop_app.services import records
from desktop_app.services.overview import status
from desktop_app.services.stats import period_stats, reporting_posts
from desktop_app.services.stats_files import PDF, XLSX, Written, write_report
from desktop_app.services.stats_model import (
    Figure,
    PeriodStats,
    PostReport,
)
from desktop_app.work import HUB
from ui.charts import LATE, BarChart, show_cases, show_meetings, value_text
from ui.context import AppContext
from ui.errors import show_error
from ui.forms.guards import alive
from ui.ops import MutationOp, QueryOp
from ui.print_preview import PdfFile, open_preview
from ui.printing import ask_save_path, safe_file_name, show_status
from ui.tables import read_only_table

CUSTOM = "custom"  # a period given by its first and last days
KIND_TITLES = (
    (periods.MONTH, N_("Tháng")),
    (periods.QUARTER, N_("Quý")),
    (periods.HALF, N_("6 tháng")),
    (periods.YEAR, N_("Năm")),
    (periods.MOVEMENT_YEAR, N_("Năm phong trào")),
    (CUSTOM, N_("Từ ngày… đến ngày…")),
)
# In its first weeks a movement year has few records, and the year just ended is the one
# being reported on (its report is due after 14/11): the default shows that one.
MOVEMENT_GRACE_DAYS = 31
# Parts without a page of their own open their owner: (field naming it, its record type).
OWNERS = {
    "case_contact": ("case_id", "reintegration_case"),
    "group_rating": ("group_id", "household_group"),
    "team_rating": ("team_id", "security_team"),
}
OpenRecord = Callable[[str, str], None]
LATE_BACKGROUND = "#fdecea"  # a post that sent nothing in the period
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def default_day(today: date) -> date:
    """Today; in the first weeks of a movement year, the last day of the one just ended."""
    start, _ = periods.bounds(periods.MOVEMENT_YEAR, today)
    return start - timedelta(days=1) if (today - start).days < MOVEMENT_GRACE_DAYS else today


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def report_file_name(start: date, end: date, suffix: str, unit: str = "") -> str:
    """ "bao-cao-quy-3-2026.pdf", "bao-cao-nam-phong-trao-2026-toan-tinh.xlsx"…"""
    kind = next((k for k in periods.KINDS if periods.bounds(k, start) == (start, end)), CUSTOM)
    names = {
        periods.MONTH: f"thang {start.month} {start.year}",
        periods.QUARTER: f"quy {(start.month - 1) // 3 + 1} {start.year}",
        periods.HALF: f"6 thang {'dau' if start.month == 1 else 'cuoi'} {start.year}",
        periods.YEAR: f"nam {start.year}",
        periods.MOVEMENT_YEAR: f"nam phong trao {end.year}",
    }
    period = names.get(kind, f"{start:%d %m %Y} den {end:%d %m %Y}")
    return safe_file_name(f"bao cao {period} {unit}", "").lower() + suffix


class PeriodChooser(QWidget):
    """Kind of period and a day in it (or, with `custom`, the first and last days); the
    period's printed name beside them. `changed` is emitted on every change."""

    changed = Signal()

    def __init__(self, *, custom: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for code, _title in KIND_TITLES if custom else KIND_TITLES[:-1]:
            self.kind.addItem("", code)
        self.kind_label, self.on_label, self.to_label = QLabel(), QLabel(), QLabel()
        self.on, self.start, self.end = self._date(), self._date(), self._date()
        self.name = QLabel()
        self.name.setObjectName("placeholder")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind_label, self.kind, self.on_label, self.on, self.start):
            row.addWidget(widget)
        for widget in (self.to_label, self.end, self.name):
            row.addWidget(widget)
        row.addStretch(1)
        self.set_period(periods.MOVEMENT_YEAR, default_day(date.today()))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.on, self.start, self.end):
            edit.dateChanged.connect(self._changed)
        self.retranslate_ui()

    def set_period(self, kind: str, on: date, end: date | None = None) -> None:
        """The period of `kind` containing `on` (CUSTOM: from `on` to `end`)."""
        for edit in (self.kind, self.on, self.start, self.end):
            edit.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.on.setDate(to_qdate(on))
        self.start.setDate(to_qdate(on))
        self.end.setMinimumDate(self.start.date())  # the one of the period shown before is gone
        self.end.setDate(to_qdate(end or on))
        for edit in (self.kind, self.on, self.start, self.end):
            edit.blockSignals(False)
        self._kind_changed()

    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def period(self) -> tuple[date, date]:
        if self.kind_code() == CUSTOM:
            start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
            return start, max(start, end)
        return periods.bounds(self.kind_code(), from_qdate(self.on.date()))

    def label(self) -> str:
        return periods.label(*self.period())

    def retranslate_ui(self) -> None:
        for index, (_code, title) in enumerate(KIND_TITLES[: self.kind.count()]):
            self.kind.setItemText(index, tr(title))
        self.kind_label.setText(tr("Kỳ:"))
        self.on_label.setText(tr("Ngày trong kỳ:"))
        self.on.setToolTip(tr("Chọn một ngày bất kỳ trong kỳ muốn xem"))
        self.to_label.setText(tr("đến"))

    def _date(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def _kind_changed(self) -> None:
        custom = self.kind_code() == CUSTOM
        for widget in (self.on_label, self.on):
            widget.setVisible(not custom)
        for widget in (self.start, self.to_label, self.end):
            widget.setVisible(custom)
        self._changed()

    def _changed(self) -> None:
        self.end.setMinimumDate(self.start.date())
        self.name.setText(self.label())
        self.changed.emit()


# --- the records behind a number --------------------------------------------------------------


def show_figure(
    parent: QWidget, ctx: AppContext, figure: Figure, open_record: OpenRecord
) -> FigureRecords | None:
    """Open the records a figure counted; without ids, say why in the status bar instead."""
    if figure.ids:
        dialog = FigureRecords(ctx, figure, open_record, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        dialog.load()
        return dialog
    if figure.value:
        show_status(parent, tr("Tài khoản của bạn chỉ xem được con số, không xem được hồ sơ."))
    else:
        show_status(parent, tr("Không có hồ sơ nào ở số liệu này."))
    return None


class FigureRecords(QDialog):
    """The rows of the records a figure counted; Enter or a double-click opens one."""

    def __init__(
        self, ctx: AppContext, figure: Figure, open_record: OpenRecord, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx, self.figure, self.open_record = ctx, figure, open_record
        self.columns = listing.columns(figure.record_type, ctx.actor)
        self.ids: list[str] = []  # the ids shown, row by row
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = read_only_table(len(self.columns), fit_columns=False)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton()
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda _=False: self.open_row(self.table.currentRow()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 480)
        self.retranslate_ui()

    def load(self) -> None:
        ctx, kind, ids = self.ctx, self.figure.record_type, self.figure.ids
        QueryOp(self, lambda: listing.list_rows(ctx.db, ctx.actor, kind, ids)).success(
            alive(self, self._show)
        ).run()

    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.ids):
            return
        kind, record_id = self.figure.record_type, self.ids[row]
        ctx, open_record, parent = self.ctx, self.open_record, self.parentWidget()
        self.accept()
        if kind not in OWNERS:
            open_record(kind, record_id)
            return
        field, owner = OWNERS[kind]  # a contact opens its case
        part = QueryOp(parent, lambda: records.get(ctx.db, ctx.actor, kind, record_id))
        part.success(lambda record: open_record(owner, str(record.get(field) or ""))).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Hồ sơ của số liệu: {label}", label=tr(self.figure.label)))
        self.table.setHorizontalHeaderLabels([tr(c.title) for c in self.columns])
        self.open_button.setText(tr("Mở hồ sơ"))
        self._summarise()

    def _show(self, rows: dict[str, tuple[str, ...]]) -> None:
        self.ids = [i for i in self.figure.ids if i in rows]
        self.table.setRowCount(len(self.ids))
        for line, record_id in enumerate(self.ids):
            for column, text in enumerate(rows[record_id]):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(line, column, item)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 12, 300))
        if self.ids:
            self.table.selectRow(0)
            self.table.setFocus()
        self._summarise()

    def _summarise(self) -> None:
        text = tr(
            "{label}: {value}. Danh sách dưới đây có {n} hồ sơ; nhấn Enter để mở hồ sơ đang chọn.",
            label=tr(self.figure.label),
            value=self.figure.count,
            n=len(self.ids),
        )
        self.summary.setText(text)


# --- the periodic report ----------------------------------------------------------------------


class ReportPanel(QWidget):
    """Báo cáo định kỳ: the period and (at a hub) the unit, "Lập báo cáo PDF…" and "Xuất
    Excel…" written on the worker; the period's figures (Enter opens the records behind one)
    beside, at a post, two charts and, at a hub, which posts sent their packages in the period."""

    def __init__(self, ctx: AppContext, open_record: OpenRecord) -> None:
        super().__init__()
        self.ctx, self.open_record = ctx, open_record
        self.hub = False
        self.stale = False  # records changed while the panel was hidden
        self.stats: PeriodStats | None = None
        self.posts: list[PostReport] = []
        self.written: Written | None = None  # the last report written
        self.done_box: QMessageBox | None = None
        self.preview: QDialog | None = None
        self.records_dialog: FigureRecords | None = None
        self.chooser = PeriodChooser(custom=True)
        self.unit_label, self.unit = QLabel(), QComboBox()
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pdf_button, self.xlsx_button = QPushButton(), QPushButton()
        self.pdf_button.clicked.connect(lambda _=False: self.make_report(PDF))
        self.xlsx_button.clicked.connect(lambda _=False: self.make_report(XLSX))
        self.busy, self.busy_label = QProgressBar(), QLabel()
        self.busy.setRange(0, 0)  # no steps to count: a moving bar while the file is written
        self.busy.setMaximumWidth(120)
        self.figures_title, self.side_title, self.side_note = QLabel(), QLabel(), QLabel()
        self.figures = read_only_table(2, fit_columns=False)
        self.figures.horizontalHeader().setStretchLastSection(False)
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.figures.activated.connect(lambda index: self._open_figure(index.row()))
        self.post_table = read_only_table(4, fit_columns=False)
        self.cases_chart, self.meetings_chart = BarChart(), BarChart()
        for chart in self._charts():
            chart.figure_chosen.connect(self._chosen)
        self._layout()
        self._set_busy(False)
        self.chooser.changed.connect(self.refresh)
        self.unit.currentIndexChanged.connect(lambda _index: self.refresh())
        self.retranslate_ui()

    def on_changes(self) -> None:
        """Again now if in view, else when shown (a hub may have heard from a new post)."""
        self.stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.load()

    def load(self) -> None:
        """Whether this is a hub, and its posts, then the figures of the period."""
        self.stale = False
        ctx = self.ctx
        QueryOp(self, lambda: status(ctx.db, ctx.actor).role).success(alive(self, self._role)).run()

    def refresh(self) -> None:
        ctx, unit, (start, end) = self.ctx, self.unit_code(), self.chooser.period()
        QueryOp(self, lambda: period_stats(ctx.db, ctx.actor, start, end, unit)).success(
            alive(self, self._show_stats)
        ).run()
        if self.hub:
            QueryOp(self, lambda: reporting_posts(ctx.db, ctx.actor, start, end)).success(
                alive(self, self._show_posts)
            ).run()

    def unit_code(self) -> str | None:
        code = self.unit.currentData() if self.hub else None
        return str(code) if code else None

    def make_report(self, suffix: str, path: Path | None = None) -> None:
        """Lập báo cáo PDF… / Xuất Excel…: ask where (unless `path`), write on the worker."""
        start, end = self.chooser.period()
        unit = self.unit.currentText() if self.hub else ""
        if path is None:
            kind = tr("Tệp PDF (*.pdf)") if suffix == PDF else tr("Bảng tính Excel (*.xlsx)")
            name = report_file_name(start, end, suffix, unit)
            path = ask_save_path(self, tr("Lập báo cáo định kỳ"), name, kind, suffix)
            if path is None:
                return
        ctx, code, target = self.ctx, self.unit_code(), path
        self._set_busy(True)
        MutationOp(
            self, lambda: write_report(ctx.db, ctx.actor, start, end, target, unit_code=code)
        ).success(alive(self, self._written)).failure(alive(self, self._failed)).run()

    def open_preview(self, path: Path) -> None:
        label = self.written.label if self.written is not None else path.stem
        self.preview = open_preview(self, PdfFile(path.read_bytes(), path.name, label))

    def retranslate_ui(self) -> None:
        self.chooser.retranslate_ui()
        self.unit_label.setText(tr("Đơn vị:"))
        if self.unit.count():
            self.unit.setItemText(0, tr("Toàn tỉnh"))
        self.pdf_button.setText(tr("Lập báo cáo PDF…"))
        self.pdf_button.setToolTip(tr("Báo cáo theo mẫu văn bản hành chính, để in và ký"))
        self.xlsx_button.setText(tr("Xuất Excel…"))
        self.xlsx_button.setToolTip(tr("Các số liệu của kỳ ra bảng tính .xlsx"))
        self.busy_label.setText(tr("Đang lập báo cáo…"))
        self.figures_title.setText(tr("Số liệu trong kỳ"))
        self.figures.setHorizontalHeaderLabels([tr("Chỉ tiêu"), tr("Số liệu")])
        headers = [tr("Xã, phường"), tr("Gói gần nhất"), tr("Phiên bản"), tr("Trong kỳ")]
        self.post_table.setHorizontalHeaderLabels(headers)
        empty = tr("Không có số liệu trong kỳ.")
        self.cases_chart.set_title(tr("Người đang quản lý theo phân loại"), empty)
        self.meetings_chart.set_title(tr("Cuộc họp đã tổ chức theo tháng"), empty)
        self._show_side()
        if self.stats is not None:
            self._show_stats(self.stats)
        self._show_posts(self.posts)

    # --- building and showing ---

    def _layout(self) -> None:
        for title in (self.figures_title, self.side_title):
            title.setObjectName("sectionTitle")
        controls = QHBoxLayout()
        buttons: tuple[QWidget, ...] = (self.unit_label, self.unit, self.pdf_button)
        for widget in (*buttons, self.xlsx_button, self.busy, self.busy_label):
            controls.addWidget(widget)
        controls.addStretch(1)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.figures_title)
        left.addWidget(self.figures, 1)
        for widget in (self.side_title, self.side_note, self.post_table, *self._charts()):
            right.addWidget(widget, 1 if isinstance(widget, BarChart) else 0)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.chooser)
        layout.addLayout(controls)
        layout.addLayout(columns, 1)

    def _charts(self) -> tuple[BarChart, BarChart]:
        return self.cases_chart, self.meetings_chart

    def _role(self, role: str) -> None:
        self.hub = role == HUB
        self._show_side()
        if not self.hub:
            self.refresh()
            return
        ctx = self.ctx
        QueryOp(self, lambda: reporting_posts(ctx.db, ctx.actor)).success(
            alive(self, self._fill_units)
        ).run()

    def _fill_units(self, posts: list[PostReport]) -> None:
        chosen = self.unit.currentData() or ""
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(tr("Toàn tỉnh"), "")
        for code, name in sorted({(p.unit_code, p.unit_name) for p in posts}):
            self.unit.addItem(f"{name} ({code})", code)
        self.unit.setCurrentIndex(max(0, self.unit.findData(chosen)))
        self.unit.blockSignals(False)
        self.refresh()

    def _show_side(self) -> None:
        for widget in (self.unit_label, self.unit, self.side_note, self.post_table):
            widget.setVisible(self.hub)
        for chart in self._charts():
            chart.setVisible(not self.hub)
        self.side_title.setText(
            tr("Công an xã gửi số liệu trong kỳ") if self.hub else tr("Biểu đồ của kỳ")
        )

    def _show_stats(self, stats: PeriodStats) -> None:
        if (stats.start, stats.end) != self.chooser.period():
            return  # another period was chosen while this one loaded
        self.stats = stats
        figures = stats.headline()
        self.figures.setRowCount(len(figures))
        for row, figure in enumerate(figures):
            for column, text in enumerate((tr(figure.label), value_text(figure))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column:
                    item.setTextAlignment(RIGHT)
                self.figures.setItem(row, column, item)
        self.figures.resizeColumnToContents(1)
        show_cases(self.cases_chart, stats)
        show_meetings(self.meetings_chart, stats)

    def _show_posts(self, posts: list[PostReport]) -> None:
        self.posts = list(posts)
        self.post_table.setRowCount(len(self.posts))
        for row, post in enumerate(self.posts):
            sent = tr("{n} gói", n=post.packages_in_period)
            cells = (
                f"{post.unit_name} ({post.unit_code})",
                format_time(post.last_received) if post.last_received else tr("chưa gửi"),
                post.app_version or "",
                sent if post.reported else tr("chưa báo cáo"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tr("Máy gửi: {name}", name=post.name))
                if not post.reported:
                    item.setForeground(QColor(LATE))
                    item.setBackground(QColor(LATE_BACKGROUND))
                self.post_table.setItem(row, column, item)
        self.post_table.resizeColumnsToContents()
        silent = sum(1 for p in self.posts if not p.reported)
        self.side_note.setText(
            tr("{n} công an xã chưa gửi số liệu trong kỳ.", n=silent)
            if silent
            else tr("Mọi công an xã đã gửi số liệu trong kỳ.")
        )

    def _open_figure(self, row: int) -> None:
        if self.stats is not None and 0 <= row < len(self.stats.headline()):
            self._chosen(self.stats.headline()[row])

    def _chosen(self, figure: Figure) -> None:
        self.records_dialog = show_figure(self, self.ctx, figure, self.open_record)

    # --- writing ---

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.pdf_button.setEnabled(not busy)
        self.xlsx_button.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, error)

    def _written(self, written: Written) -> None:
        """Say where the file is; offer the print preview (PDF) or the file, and its folder."""
        self._set_busy(False)
        self.written, path = written, written.path
        box = QMessageBox(QMessageBox.Icon.Information, tr("Lập báo cáo định kỳ"), "", parent=self)
        box.setText(tr("Đã lưu báo cáo {label} vào {path}.", label=written.label, path=str(path)))
        role = QMessageBox.ButtonRole
        first = box.addButton(
            tr("Xem trước và in…") if written.kind == "pdf" else tr("Mở tệp"), role.AcceptRole
        )
        folder = box.addButton(tr("Mở thư mục"), role.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        actions: dict[object, Callable[[], object]] = {
            first: (lambda: self.open_preview(path))
            if written.kind == "pdf"
            else lambda: _open(path),
            folder: lambda: _open(path.parent),
        }
        box.buttonClicked.connect(lambda button: actions.get(button, lambda: None)())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.done_box = box
        box.open()


def _open(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


