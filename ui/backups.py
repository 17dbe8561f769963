"""Backups as the officer meets them: a copy when the main window closes and once a day after
login (both on the database worker), the damaged-database dialog at startup, and the Settings
tab listing the copies with a "Sao lưu ngay" button. The rules live in desktop_app/backups.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import backups
from desktop_app.backups import BackupInfo, RestoreResult
from desktop_app.errors import AntqError, BackupError, CorruptDatabaseError
from desktop_app.formatting import format_time
from desktop_app.i18n import tr
from ui.context import AppContext
from ui.errors import message_for, show_error
from ui.ops import QueryOp

log = logging.getLogger("antq.ui.backups")
STATUS_MS = 8000


class CloseBackup(QObject):
    """Holds the main window's close until the on-close copy is made, then closes it.

    Threading: lives in the GUI thread; the copy runs on the database worker, after whatever
    the officer started before closing. A failed copy is logged and never keeps the window
    open."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.state = "idle"  # → "running" → "done"
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window or event.type() != QEvent.Type.Close:
            return False
        if self.state == "done":
            return False
        event.ignore()
        if self.state == "idle":
            self._start()
        return True

    def _start(self) -> None:
        self.state = "running"
        self.window.statusBar().showMessage(tr("Đang sao lưu dữ liệu trước khi đóng…"))
        db = self.ctx.db
        QueryOp(self.window, lambda: backups.backup_database(db, backups.ON_CLOSE)).success(
            self._finished
        ).failure(self._failed).run()

    def _finished(self, _info: BackupInfo | None) -> None:
        self.state = "done"
        # Later, from the event loop: a close() inside this close's handling would be ignored.
        QTimer.singleShot(0, self.window.close)

    def _failed(self, error: BaseException) -> None:
        log.warning("on-close backup failed: %s", error, exc_info=error)
        self._finished(None)

    def run_now(self) -> None:
        """The app quit without closing the window (the lock screen's Thoát): copy now, in
        the GUI thread, once the worker has been shut down."""
        if self.state != "idle":
            return
        self.state = "done"
        try:
            backups.backup_database(self.ctx.db, backups.ON_CLOSE)
        except AntqError as error:
            log.warning("on-close backup failed: %s", error.detail or error.message)


def start_daily_backup(window: QMainWindow, ctx: AppContext) -> None:
    """After login: today's copy on the worker, if none was made today."""
    db = ctx.db
    QueryOp(window, lambda: backups.daily_backup(db)).success(
        lambda info: _tell_made(window, info)
    ).failure(lambda error: _tell_failed(window, error)).run()


def _tell_made(window: QMainWindow, info: BackupInfo | None) -> None:
    if info is None:
        return
    if not info.ok:
        show_error(window, _damaged_copy(info))
        return
    window.statusBar().showMessage(tr("Đã sao lưu dữ liệu hằng ngày."), STATUS_MS)


def _tell_failed(window: QMainWindow, error: BaseException) -> None:
    log.warning("daily backup failed: %s", error)
    window.statusBar().showMessage(
        tr("Không sao lưu được: {reason}", reason=message_for(error)), STATUS_MS * 2
    )


def _damaged_copy(info: BackupInfo) -> BackupError:
    return BackupError(
        tr(
            "Bản sao lưu vừa tạo không qua kiểm tra toàn vẹn: cơ sở dữ liệu có thể đang hỏng. "
            "Hãy báo kỹ thuật viên, và đừng xóa các bản sao lưu cũ trong {folder}.",
            folder=str(info.path.parent),
        ),
        info.problem,
    )


# --- a damaged database at startup ---


class DamagedDatabaseDialog(QMessageBox):
    """The database failed its check on open: restore the newest good copy, or quit."""

    def __init__(self, error: CorruptDatabaseError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert error.backup is not None, "offered only when a good copy exists"
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(tr("ANTQ Desk — Cơ sở dữ liệu bị hỏng"))
        self.setText(
            tr(
                "Cơ sở dữ liệu '{name}' bị hỏng: ANTQ Desk không mở nó để tránh làm mất thêm dữ "
                "liệu.",
                name=str(error.path),
            )
        )
        self.setInformativeText(_restore_offer(error.path, error.backup, error))
        if error.detail:
            self.setDetailedText(error.detail)
        self.restore_button = self.addButton(
            tr("Phục hồi từ bản sao lưu này"), QMessageBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.addButton(tr("Thoát"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)

    def wants_restore(self) -> bool:
        self.exec()
        return self.clickedButton() is self.restore_button


def _restore_offer(damaged: Path, backup: Path, error: CorruptDatabaseError) -> str:
    when = format_time(error.backup_made_at) if error.backup_made_at else ""
    return tr(
        "Bản sao lưu tốt gần nhất: {file}, lúc {when}.\n\nPhục hồi sẽ đổi tên tệp hỏng thành "
        "'{aside}' (giữ lại cho kỹ thuật viên) rồi đặt bản sao lưu vào chỗ của nó. Những gì "
        "nhập sau thời điểm sao lưu sẽ không có trong bản phục hồi.",
        file=backup.name,
        when=when,
        aside=f"{damaged.name}.hong-…",
    )


def restore_damaged(error: CorruptDatabaseError) -> RestoreResult:
    """On the worker: move the damaged file aside and restore the copy in its place."""
    assert error.backup is not None
    return backups.replace_damaged(error.path, error.backup)


def show_restored(result: RestoreResult, parent: QWidget | None = None) -> None:
    lines = [
        tr(
            "Đã phục hồi cơ sở dữ liệu từ bản sao lưu. Tệp hỏng được giữ lại ở {aside}.",
            aside=str(result.set_aside),
        )
    ]
    if result.had_synced:
        lines.append(backups.reenrol_note())
    box = QMessageBox(
        QMessageBox.Icon.Information, tr("ANTQ Desk"), "\n\n".join(lines), parent=parent
    )
    box.exec()


# --- the Settings tab ---


class BackupsPanel(QWidget):
    """Sao lưu: the copies of this database (kind, time, size, state) and "Sao lưu ngay"
    for the post chief. Refreshed each time the tab is shown."""

    COLUMNS = 4

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.back_up_now)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.on_postgresql = False
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        db = self.ctx.db
        QueryOp(self, lambda: (backups.database_file(db), backups.backups_of(db))).success(
            self._show
        ).run()

    def _show(self, found: tuple[Path | None, list[BackupInfo]]) -> None:
        path, copies = found
        self.on_postgresql = path is None
        self.table.setRowCount(len(copies))
        for row, info in enumerate(copies):
            for column, text in enumerate(_cells(info)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        self.retranslate_ui()

    def back_up_now(self) -> None:
        ctx = self.ctx
        self.backup_button.setEnabled(False)
        QueryOp(self, lambda: backups.manual_backup(ctx.db, ctx.actor)).success(self._made).failure(
            self._failed
        ).run()

    def _made(self, info: BackupInfo) -> None:
        if not info.ok:
            show_error(self, _damaged_copy(info))
        self.load()

    def _failed(self, error: BaseException) -> None:
        show_error(self, error)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [tr("Loại"), tr("Thời điểm"), tr("Dung lượng"), tr("Tình trạng")]
        )
        self.backup_button.setText(tr("Sao lưu ngay"))
        self.backup_button.setEnabled(self.ctx.actor.is_admin and not self.on_postgresql)
        if self.on_postgresql:
            self.intro.setText(
                tr(
                    "Cơ sở dữ liệu này chạy trên PostgreSQL: quản trị viên cơ sở dữ liệu sao lưu "
                    "bằng pg_dump."
                )
            )
            return
        self.intro.setText(
            tr(
                "ANTQ Desk tự sao lưu khi đóng chương trình, mỗi ngày một lần, trước khi nhập "
                "gói đồng bộ và trước khi nâng cấp. Bản sao lưu chứa toàn bộ hồ sơ và khóa của "
                "máy: chỉ chép ra ngoài khi cần và cất giữ như hồ sơ mật."
            )
        )


def _cells(info: BackupInfo) -> list[str]:
    state = {True: tr("Tốt"), False: tr("Hỏng"), None: tr("Chưa kiểm tra")}[info.ok]
    return [
        backups.kind_label(info.kind),
        format_time(info.made_at),
        backups.format_size(info.size),
        state,
    ]
