"""The household spreadsheet in the window: the import wizard, and the export.

Three pages: the file; how it is read (header row, column → field mapping the officer may
change, encodings, the first rows with their problems); a dry run with every problem by
spreadsheet row. Finish imports for real. Reading runs in a QueryOp, the dry run and the
import in a LongOp (Cancel rolls the transaction back), all on the database worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.errors import AntqError
from desktop_app.formatting import format_date
from desktop_app.i18n import tr
from desktop_app.progress import Progress
from desktop_app.records.labels import choice_label
from desktop_app.spreadsheets import FIELD_LABELS, PER_PERSON, field_label
from desktop_app.spreadsheets.households_export import ExportResult, export_households
from desktop_app.spreadsheets.households_import import ImportReport, import_households
from desktop_app.spreadsheets.reader import Preview, PreviewRow, preview_households
from ui.context import AppContext
from ui.errors import message_for
from ui.forms.guards import alive, inform
from ui.long_op import LongOp
from ui.ops import QueryOp
from ui.printing import ask_save_path, documents_folder, offer_to_open

PREVIEW_ROWS = 30
PROBLEM = QColor("#fdecea")
PROBLEM_TEXT = QColor("#a93226")
ENCODINGS = {"tcvn3": "TCVN3", "vni": "VNI", "unicode": "Unicode", "ascii": "ASCII"}
# Preview columns: (key in PreviewRow.values, sheet field naming it); shown when filled.
SHOWN = (
    ("full_name", "full_name"), ("birth", "birth"), ("sex", "sex"), ("id_number", "id_number"),
    ("relation", "relation"), ("area", "area"), ("address", "address"),
    ("number", "household_number"), ("phone", "phone"), ("occupation", "occupation"),
    ("ethnicity", "ethnicity"), ("religion", "religion"), ("hometown", "hometown"),
    ("note", "note"),
)
Outcome = ImportReport | AntqError  # a cancelled or refused run comes back as its error


@dataclass
class ImportState:
    """What the pages share: the file, the officer's mapping, what was read and checked."""

    path: str = ""
    overrides: dict[str, str] = field(default_factory=dict)  # column letter → field, "-"
    preview: Preview | None = None
    report: ImportReport | None = None  # the dry run


def encodings_text(found: Mapping[str, int]) -> str:
    parts = [f"{ENCODINGS.get(name, name)}: {n}" for name, n in sorted(found.items())]
    return ", ".join(parts) or "-"


def sheet_facts(
    sheet: str, header_rows: tuple[int, ...], rows: int, found: Mapping[str, int]
) -> str:
    """Which sheet was read, where its header is, how many rows, which encodings."""
    return tr(
        "Trang '{sheet}', tiêu đề ở dòng {header}, {rows} dòng dữ liệu. Mã chữ: {encodings}.",
        sheet=sheet,
        header=", ".join(str(r) for r in header_rows),
        rows=rows,
        encodings=encodings_text(found),
    )


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #c0392b;")
    return label


def table(columns: int) -> QTableWidget:
    found = QTableWidget(0, columns)
    found.verticalHeader().setVisible(False)
    found.setAlternatingRowColors(True)
    found.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    found.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    found.horizontalHeader().setStretchLastSection(True)
    return found


def importing(
    ctx: AppContext, state: ImportState, *, skip_invalid: bool, dry_run: bool
) -> Callable[[Progress], Outcome]:
    """The worker's job, over a copy of the choices; expected errors (cancelled, unreadable
    file) come back as the result, to be shown on the page rather than in a box."""
    path, overrides = state.path, dict(state.overrides) or None

    def run(progress: Progress) -> Outcome:
        try:
            return import_households(
                ctx.db, ctx.actor, path, overrides=overrides, skip_invalid=skip_invalid,
                dry_run=dry_run, progress=progress,
            )
        except AntqError as error:
            return error

    return run


class FilePage(QWizardPage):
    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.browse = QPushButton()
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(lambda _checked=False: self.choose())
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addStretch(1)

    def choose(self) -> None:
        current = Path(self.path.text().strip())
        start = str(current.parent if current.name else documents_folder())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, tr("Chọn bảng tính"), start, tr("Bảng tính Excel (*.xlsx)")
        )
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        chosen = self.path.text().strip()
        if chosen != self.state.path:
            self.state.path, self.state.overrides = chosen, {}
        return True

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Chọn tệp Excel"))
        self.setSubTitle(tr("Danh sách hộ gia đình, nhân khẩu trong một bảng tính .xlsx."))
        self.intro.setText(
            tr(
                "Các dòng tiêu đề phía trên bảng (UBND xã…, DANH SÁCH…) được bỏ qua; dòng tiêu "
                "đề cột được tìm tự động. Chữ gõ bằng phông .VnTime (TCVN3) hoặc VNI-Times "
                "được chuyển sang Unicode. Tệp .xls cũ: mở bằng Excel rồi lưu lại dạng .xlsx."
            )
        )
        self.path.setPlaceholderText(tr("Đường dẫn tệp .xlsx"))
        self.browse.setText(tr("Chọn tệp…"))


class PreviewPage(QWizardPage):
    """How the file is read; changing a column's field reads it again with that mapping."""

    def __init__(self, ctx: AppContext, state: ImportState) -> None:
        super().__init__()
        self.ctx, self.state = ctx, state
        self.loading = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problem = error_label()
        self.problem.hide()
        self.mapping_title, self.rows_title = QLabel(), QLabel()
        for title in (self.mapping_title, self.rows_title):
            title.setObjectName("sectionTitle")
        self.mapping = table(3)
        self.mapping.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.mapping.verticalHeader().setDefaultSectionSize(36)  # room for the combos
        self.rows = table(1)
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._layout()

    def _layout(self) -> None:
        left, right = QWidget(), QWidget()
        for box, title, widget in ((left, self.mapping_title, self.mapping),
                                   (right, self.rows_title, self.rows)):
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(title)
            column.addWidget(widget, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([430, 510])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)

    def initializePage(self) -> None:
        self.read()

    def isComplete(self) -> bool:
        return self.state.preview is not None and not self.loading

    def read(self) -> None:
        """Read the file again with the current mapping (on the worker)."""
        path, overrides = self.state.path, dict(self.state.overrides)
        self._set_loading(True)
        QueryOp(self, lambda: preview_households(path, overrides or None, PREVIEW_ROWS)).success(
            alive(self, self._show)
        ).failure(alive(self, self._failed)).run()

    def map_column(self, letter: str, name: str | None) -> None:
        """Import column `letter` into field `name` (None: ignore the column), and re-read."""
        self.state.overrides[letter] = name or "-"
        self.read()

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        if loading:
            self.summary.setText(tr("Đang đọc tệp…"))
        self.completeChanged.emit()

    def _show(self, preview: Preview) -> None:
        self.state.preview = preview
        self.problem.hide()
        self._set_loading(False)
        self._show_summary(preview)
        self._show_mapping(preview)
        self._show_rows(preview)

    def _failed(self, error: BaseException) -> None:
        self.state.preview = None
        self._set_loading(False)
        self.summary.clear()
        self.problem.setText(message_for(error))
        self.problem.show()
        self.mapping.setRowCount(0)
        self.rows.setRowCount(0)

    def _show_summary(self, preview: Preview) -> None:
        facts = sheet_facts(
            preview.sheet, preview.header_rows, preview.total_rows, preview.encodings
        )
        if preview.layout == PER_PERSON:
            layout = tr("Mỗi dòng một nhân khẩu; dòng 'Chủ hộ' bắt đầu một hộ.")
        else:
            layout = tr("Mỗi dòng một hộ (chủ hộ và địa chỉ).")
        self.summary.setText(f"{facts} {layout}")

    def _show_mapping(self, preview: Preview) -> None:
        self.mapping.setRowCount(len(preview.columns))
        widest = 0
        for row, column in enumerate(preview.columns):
            self.mapping.setItem(row, 0, QTableWidgetItem(column.letter))
            self.mapping.setItem(row, 1, QTableWidgetItem(column.header or "—"))
            box = self._field_box(column.letter, column.field)
            widest = max(widest, box.sizeHint().width())
            self.mapping.setCellWidget(row, 2, box)
        self.mapping.resizeColumnsToContents()
        self.mapping.setColumnWidth(1, min(self.mapping.columnWidth(1), 200))
        self.mapping.setColumnWidth(2, widest)

    def _field_box(self, letter: str, current: str | None) -> QComboBox:
        box = QComboBox()
        box.addItem(tr("(bỏ qua)"), "")
        for name in FIELD_LABELS:
            box.addItem(field_label(name), name)
        box.setCurrentIndex(max(box.findData(current or ""), 0))
        box.currentIndexChanged.connect(
            lambda _i: self.map_column(letter, box.currentData() or None)
        )
        return box

    def _show_rows(self, preview: Preview) -> None:
        shown = [(k, f) for k, f in SHOWN if any(_value(k, r.values) for r in preview.rows)]
        # Problems second: they are what the officer looks for, and the values are wide.
        headers = [tr("Dòng"), tr("Vấn đề"), *(field_label(f) for _, f in shown)]
        self.rows.clear()
        self.rows.setColumnCount(len(headers))
        self.rows.setHorizontalHeaderLabels(headers)
        self.rows.setRowCount(len(preview.rows))
        for index, found in enumerate(preview.rows):
            cells = [str(found.row), "; ".join(found.problems)]
            cells += [_value(k, found.values) for k, _ in shown]
            for column, text in enumerate(cells):
                self.rows.setItem(index, column, _item(text, found))
        self.rows.resizeColumnsToContents()
        for column in range(self.rows.columnCount()):
            self.rows.setColumnWidth(column, min(self.rows.columnWidth(column), 240))
        self.rows_title.setText(
            tr("{n} dòng đầu tiên (dòng có lỗi tô đỏ)", n=len(preview.rows))
        )

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Kiểm tra cách đọc tệp"))
        self.setSubTitle(
            tr("Đổi trường của một cột nếu đọc sai; bảng bên phải được đọc lại theo cách mới.")
        )
        self.mapping_title.setText(tr("Cột trong tệp"))
        self.mapping.setHorizontalHeaderLabels([tr("Cột"), tr("Tiêu đề"), tr("Nhập vào")])
        self.rows_title.setText(tr("Các dòng đầu tiên"))
        if self.state.preview is not None and not self.loading:
            self._show(self.state.preview)


def _value(key: str, values: Mapping[str, Any]) -> str:
    """A value as understood, as the officer reads it: dates dd/mm/yyyy, sex as a word."""
    if key == "birth":
        value = values.get("birth_date") or values.get("birth_year")
    else:
        value = values.get(key)
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return format_date(value)
    if key == "sex":
        return tr(choice_label(str(value), "person", "sex"))
    return str(value)


def _item(text: str, row: PreviewRow) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if row.problems:
        item.setBackground(QBrush(PROBLEM))
        item.setForeground(QBrush(PROBLEM_TEXT))
        item.setToolTip("\n".join(row.problems))
    return item


class CheckPage(QWizardPage):
    """The dry run: what would be imported, and each problem with its spreadsheet row."""

    def __init__(self, ctx: AppContext, state: ImportState) -> None:
        super().__init__()
        self.ctx, self.state = ctx, state
        self.running = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.outcome = error_label()
        self.problems_title = QLabel()
        self.problems_title.setObjectName("sectionTitle")
        self.problems = table(2)
        self.skip = QCheckBox()
        self.skip.toggled.connect(lambda _on: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (self.summary, self.outcome, self.problems_title):
            layout.addWidget(widget)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.skip)

    def initializePage(self) -> None:
        self.state.report = None
        self.skip.setChecked(False)
        self.show_outcome("")
        self._show(None)
        self.running = True
        self.summary.setText(tr("Đang chạy thử…"))
        dry_run = importing(self.ctx, self.state, skip_invalid=True, dry_run=True)
        LongOp(self, tr("Đang chạy thử…"), dry_run).success(alive(self, self._done)).run()

    def isComplete(self) -> bool:
        report = self.state.report
        if report is None or self.running or not report.households:
            return False
        return not report.problems or self.skip.isChecked()

    def show_outcome(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))

    def _done(self, outcome: Outcome) -> None:
        self.running = False
        if isinstance(outcome, AntqError):
            self.summary.setText(tr("Chưa chạy thử được."))
            self.show_outcome(outcome.message)
            self.completeChanged.emit()
            return
        self.state.report = outcome
        self._show(outcome)

    def _show(self, report: ImportReport | None) -> None:
        problems = report.problems if report is not None else ()
        self.problems.setRowCount(len(problems))
        for index, problem in enumerate(problems):
            self.problems.setItem(index, 0, QTableWidgetItem(str(problem.row)))
            self.problems.setItem(index, 1, QTableWidgetItem(problem.message))
        self.problems.resizeColumnToContents(0)
        self.problems.setVisible(bool(problems))
        self.problems_title.setVisible(bool(problems))
        self.skip.setVisible(bool(problems))
        if report is not None:
            self.summary.setText(self._summary(report))
        self.completeChanged.emit()

    def _summary(self, report: ImportReport) -> str:
        facts = sheet_facts(report.sheet, report.header_rows, report.rows, report.encodings)
        counts = {
            "households": report.households,
            "persons": report.persons,
            "areas": report.areas_created,
        }
        if not report.problems:
            return facts + "\n" + tr(
                "Chạy thử: sẽ nhập {households} hộ, {persons} nhân khẩu; thêm {areas} thôn, tổ "
                "dân phố. Chưa thay đổi gì trong cơ sở dữ liệu.",
                **counts,
            )
        bad = len({p.row for p in report.problems})
        return facts + "\n" + tr(
            "Chạy thử: {bad} dòng có lỗi (xem bảng dưới). Nếu bỏ qua các dòng lỗi, sẽ nhập "
            "{households} hộ, {persons} nhân khẩu; thêm {areas} thôn, tổ dân phố.",
            bad=bad,
            **counts,
        )

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Chạy thử"))
        self.setSubTitle(
            tr("Mọi dòng được kiểm tra như khi nhập thật, rồi hoàn tác; chưa có gì thay đổi.")
        )
        self.problems_title.setText(tr("Các dòng có lỗi"))
        self.problems.setHorizontalHeaderLabels([tr("Dòng"), tr("Vấn đề")])
        self.skip.setText(tr("Bỏ qua các dòng lỗi, nhập các dòng hợp lệ"))
        if self.state.report is not None:
            self.summary.setText(self._summary(self.state.report))


class ImportWizard(QWizard):
    """Nhập từ Excel. `set_path()` chooses the file without the file dialog (tests, drops)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = ImportState()
        self.result_report: ImportReport | None = None
        self._busy = False
        self.file_page = FilePage(self.state)
        self.preview_page = PreviewPage(ctx, self.state)
        self.check_page = CheckPage(ctx, self.state)
        for page in self.pages:
            self.addPage(page)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(980, 660)
        self.retranslate_ui()

    @property
    def pages(self) -> tuple[FilePage, PreviewPage, CheckPage]:
        return (self.file_page, self.preview_page, self.check_page)

    def set_path(self, path: str | Path) -> None:
        self.file_page.path.setText(str(path))

    def accept(self) -> None:
        """Finish: the real import; the wizard closes once it has gone in."""
        if self.result_report is not None:
            super().accept()
            return
        if self._busy or not self.check_page.isComplete():
            return
        skip = self.check_page.skip.isChecked()
        run = importing(self.ctx, self.state, skip_invalid=skip, dry_run=False)
        self._set_busy(True)
        LongOp(self, tr("Đang nhập…"), run).success(alive(self, self._imported)).run()

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _imported(self, outcome: Outcome) -> None:
        self._set_busy(False)
        if isinstance(outcome, AntqError):
            self.check_page.show_outcome(outcome.message)
            return
        if not outcome.applied:
            self.check_page.show_outcome(
                tr("Chưa nhập gì: {n} dòng không hợp lệ.", n=len(outcome.problems))
            )
            return
        self.result_report = outcome
        inform(self, tr("Nhập từ Excel"), self._result_text(outcome))
        self.accept()

    def _result_text(self, report: ImportReport) -> str:
        done = tr(
            "Đã nhập {households} hộ, {persons} nhân khẩu; thêm {areas} thôn, tổ dân phố.",
            households=report.households,
            persons=report.persons,
            areas=report.areas_created,
        )
        if not report.problems:
            return done
        skipped = tr("Đã bỏ qua {n} dòng lỗi.", n=len({p.row for p in report.problems}))
        return f"{done}\n{skipped}"

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(which).setEnabled(not busy)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Nhập hộ gia đình, nhân khẩu từ Excel"))
        texts = {
            QWizard.WizardButton.NextButton: tr("Tiếp theo >"),
            QWizard.WizardButton.BackButton: tr("< Quay lại"),
            QWizard.WizardButton.FinishButton: tr("Nhập"),
            QWizard.WizardButton.CancelButton: tr("Hủy"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
        for page in self.pages:
            page.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def open_import_wizard(parent: QWidget, ctx: AppContext) -> ImportWizard | None:
    """The wizard, window-modal over the main window; None for officers who may not write."""
    if not ctx.actor.can_write:
        return None
    wizard = ImportWizard(ctx, parent.window())
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.open()
    return wizard


def export_households_as(parent: QWidget, ctx: AppContext) -> None:
    """Xuất Excel: ask where, write every household and resident there, offer to open it."""
    title = tr("Xuất danh sách hộ gia đình ra Excel")
    name = f"Danh-sach-ho-gia-dinh-{date.today():%Y-%m-%d}.xlsx"
    path = ask_save_path(parent, title, name, tr("Bảng tính Excel (*.xlsx)"), ".xlsx")
    if path is None:
        return

    def export(progress: Progress) -> ExportResult:
        return export_households(ctx.db, ctx.actor, path, progress=progress)

    def done(result: ExportResult) -> None:
        text = tr(
            "Đã xuất {households} hộ, {persons} nhân khẩu vào {path}.",
            households=result.households,
            persons=result.persons,
            path=str(path),
        )
        offer_to_open(parent, title, text, path)

    LongOp(parent, tr("Đang xuất danh sách hộ gia đình…"), export).success(
        alive(parent, done)
    ).run()
