"""Importing sync packages from the UI: the run (backup, file by file, held ones retried) and
the dialog that says what an import did, or a dry run would do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app import backups
from desktop_app.changes import Changes
from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.progress import CancelledError, Progress
from desktop_app.sync import importer
from desktop_app.sync.importer import ImportSummary
from ui.context import AppContext
from ui.sync_data import PACKAGES_CHANGED
from ui.sync_widgets import TranslatedDialog, fill_row, seq_of, status_label
from ui.tables import read_only_table


@dataclass(frozen=True)
class ImportOutcome:
    """What importing (or a dry run of) several files gave: one summary per package read,
    and the files refused, each with the error that says why (nothing of them changed)."""

    summaries: tuple[ImportSummary, ...]
    failures: tuple[tuple[str, AntqError], ...]
    dry_run: bool
    changes: Changes


def run_import(
    ctx: AppContext, files: list[Path], *, dry_run: bool, progress: Progress
) -> ImportOutcome:
    """`importer.import_packages` with progress, file by file: a backup copy first, each file
    in its own transaction (on the worker), a refused file reported while the others go on,
    then packages held for a gap tried again."""
    summaries: list[ImportSummary] = []
    failures: list[tuple[str, AntqError]] = []
    if not dry_run:
        backups.before_import(ctx.db, ctx.actor)  # as `antq sync import` does, once
    for done, path in enumerate(files):
        progress(done, len(files))
        try:
            summaries.append(importer.import_package(ctx.db, ctx.actor, path, dry_run=dry_run))
        except CancelledError:
            raise
        except AntqError as error:
            failures.append((path.name, error))
    if not dry_run:
        summaries += importer.retry_held(ctx.db, ctx.actor)
    progress(len(files), len(files))
    changes = Changes()  # a dry run rolled back: nothing changed, whatever it touched
    if not dry_run and summaries:
        for summary in summaries:
            changes = changes | summary.changes
        changes = changes | PACKAGES_CHANGED
    return ImportOutcome(tuple(summaries), tuple(failures), dry_run=dry_run, changes=changes)


class ImportSummaryDialog(TranslatedDialog):
    """Per package: sender, number, changes applied and already present, conflicts, result."""

    def __init__(self, outcome: ImportOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = read_only_table(7)
        self.table.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(860, 320)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        outcome = self.outcome
        self.setWindowTitle(tr("Xem trước khi nhập") if outcome.dry_run else tr("Kết quả nhập gói"))
        self.intro.setText(self._intro())
        self.table.setHorizontalHeaderLabels(
            [
                tr("Tệp"),
                tr("Gửi từ"),
                tr("Gói số"),
                tr("Sẽ áp dụng") if outcome.dry_run else tr("Đã áp dụng"),
                tr("Đã có (bỏ qua)"),
                tr("Xung đột"),
                tr("Kết quả"),
            ]
        )
        rows = [self._row(s) for s in outcome.summaries]
        rows += [
            (name, "", seq_of(name), "", "", "", error.message) for name, error in outcome.failures
        ]
        self.table.setRowCount(len(rows))
        for row, texts in enumerate(rows):
            fill_row(self.table, row, texts)
        self.table.resizeRowsToContents()
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(tr("Đóng"))

    def _intro(self) -> str:
        outcome = self.outcome
        applied = sum(s.applied for s in outcome.summaries)
        found = sum(s.conflicts for s in outcome.summaries)
        held = sum(1 for s in outcome.summaries if s.status in importer.HELD)
        if outcome.dry_run:
            text = tr(
                "Xem trước: chưa có gì thay đổi. Nếu nhập, {n} thay đổi sẽ được áp dụng.",
                n=applied,
            )
        else:
            text = tr("Đã nhập: {n} thay đổi được áp dụng.", n=applied)
        if found:
            text += " " + tr("{n} xung đột cần xem xét (nút «Xung đột» trên trang).", n=found)
        if held:
            text += " " + tr("{n} gói được giữ lại: xem lý do ở thẻ «Gói đang giữ».", n=held)
        if outcome.failures:
            text += " " + tr(
                "{n} tệp bị từ chối; các tệp đó không làm thay đổi gì.", n=len(outcome.failures)
            )
        return text

    @staticmethod
    def _row(s: ImportSummary) -> tuple[str, ...]:
        if s.dry_run and s.status == importer.APPLIED:
            result = tr("Nhập được")
        else:
            result = status_label(s.status)
        if s.status in importer.HELD and s.message:
            result = f"{result}. {s.message}"  # why, and what to do
        if s.kind == "snapshot":
            result = tr("{result} (gói toàn bộ dữ liệu)", result=result)
        return (
            s.file,
            s.sender,
            seq_of(s.file),
            str(s.applied),
            str(s.already_seen),
            str(s.conflicts),
            result,
        )
