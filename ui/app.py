"""Starting the GUI: a painted window first, then the database opened by the worker, then the
setup wizard or the login dialog, then the main window.

Only light modules are imported before the first paint: SQLAlchemy and the services load in
the worker thread while the splash is on screen (`import sqlalchemy.orm` alone costs ~280 ms).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QWidget

from desktop_app import logs, settings
from desktop_app.errors import CorruptDatabaseError
from desktop_app.i18n import set_language, tr
from ui import startup_probe
from ui.context import AppContext
from ui.errors import install_excepthook, message_for, show_error
from ui.fonts import load_fonts
from ui.language import apply_language
from ui.ops import QueryOp, task_manager
from ui.startup_probe import StartupProbe
from ui.style import STYLE_SHEET

if TYPE_CHECKING:
    from desktop_app.backups import RestoreResult
    from desktop_app.database import Database
    from desktop_app.demo_database import Demo

PAGES = ("overview", "households", "groups", "cases", "meetings", "sync", "reports", "settings")
NO_DISPLAY = (
    "ANTQ Desk cần màn hình để mở cửa sổ (không thấy DISPLAY). Chạy trong phiên đồ họa, "
    "hoặc dùng 'xvfb-run make run', hoặc chụp ảnh: antq-desk --demo --screenshot anh.png"
)


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(args: argparse.Namespace) -> int:
    if args.self_test:
        from ui.self_test import run_self_test

        return run_self_test()
    if args.page and args.page not in PAGES:
        sys.stderr.write(f"--page phải là một trong: {', '.join(PAGES)}\n")
        return 2
    if args.dialog and not _known_dialog(args):
        return 2
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not display_available():
        sys.stderr.write(NO_DISPLAY + "\n")
        return 2
    app = _application()
    startup = Startup(app, args)
    QTimer.singleShot(0, startup.begin)
    code = app.exec()
    task_manager().shutdown()
    startup.finish()
    return startup.exit_code if startup.exit_code is not None else code


def _known_dialog(args: argparse.Namespace) -> bool:
    from ui.screenshot import DIALOGS  # only with --dialog: it imports every dialog

    if args.screenshot and args.dialog in DIALOGS:
        return True
    sys.stderr.write(f"--dialog cần --screenshot và là một trong: {', '.join(DIALOGS)}\n")
    return False


def _application() -> QApplication:
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ANTQ Desk")
    set_language(settings.load()["language"])
    apply_language(app)
    load_fonts(app)
    app.setStyleSheet(STYLE_SHEET)
    install_excepthook()
    return app


class _FirstPaint(QObject):
    """Calls `then` once, on the next turn of the event loop after `widget` first paints."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then: Callable[[], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.then is not None:
            QTimer.singleShot(0, self.then)
            self.then = None
        return False


class Startup(QObject):
    """The steps from a blank screen to the main window, each database step on the worker."""

    def __init__(self, app: QApplication, args: argparse.Namespace) -> None:
        super().__init__()
        self.app = app
        self.args = args
        self.exit_code: int | None = None
        self.splash = QLabel(tr("Đang mở cơ sở dữ liệu…"))
        self.splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splash.setMinimumSize(420, 120)
        self.splash.setWindowTitle("ANTQ Desk")
        self.probe = StartupProbe() if startup_probe.enabled() else None
        if self.probe is not None:
            self.probe.watch(self.splash, "first_paint_ms")

    def begin(self) -> None:
        if self.args.screenshot:
            self._open()
            return
        # The worker's first job imports SQLAlchemy and holds the GIL for long stretches:
        # started only once the splash has painted, so the officer sees a window at once.
        self._painted = _FirstPaint(self.splash, self._open)
        self.splash.show()

    def _open(self) -> None:
        logs.configure()
        if self.args.demo:
            path = self.args.db or settings.data_dir() / "antq-demo.sqlite3"
            QueryOp(None, lambda: _open_demo(path)).success(self._demo_ready).failure(
                self._fail
            ).run()
            return
        target = self.args.db
        QueryOp(None, lambda: _open_and_check(target)).success(self._opened).failure(
            self._fail
        ).run()

    def _demo_ready(self, demo: Demo) -> None:
        self._show_main(AppContext(demo.db, demo.actor))

    def _opened(self, opened: tuple[Database, bool]) -> None:
        from ui.login import LoginDialog
        from ui.wizard import SetupWizard

        db, initialised = opened
        self.splash.hide()
        if not initialised and SetupWizard(db).exec() != QDialog.DialogCode.Accepted:
            self._quit(1)
            return
        login = LoginDialog(db, settings.load()["last_user"])
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            self._quit(1)
            return
        settings.save("last_user", login.actor.username)
        self._show_main(AppContext(db, login.actor))

    def _show_main(self, ctx: AppContext) -> None:
        from ui.autolock import AutoLock
        from ui.main_window import MainWindow
        from ui.screenshot import Screenshot

        self.splash.hide()
        window = MainWindow(ctx, self._switch_language)
        self.window = window
        self.autolock = AutoLock(window, ctx)
        if self.args.page:
            window.show_page(self.args.page)
        if self.probe is not None:
            self.probe.watch(window, "main_paint_ms")
        window.show()
        if self.args.screenshot:
            Screenshot(window, Path(self.args.screenshot), self._quit, self.args.dialog).start()
        else:
            self._start_backups(window, ctx)

    def _start_backups(self, window: QMainWindow, ctx: AppContext) -> None:
        from ui.backups import CloseBackup, start_daily_backup

        self.close_backup = CloseBackup(window, ctx)
        start_daily_backup(window, ctx)

    def finish(self) -> None:
        """After the event loop: the on-close copy, if the app quit without closing the window."""
        close_backup = getattr(self, "close_backup", None)
        if close_backup is not None:
            close_backup.run_now()

    def _switch_language(self, code: str) -> None:
        set_language(code)
        settings.save("language", code)
        apply_language(self.app)

    def _fail(self, error: BaseException) -> None:
        self.splash.hide()
        if isinstance(error, CorruptDatabaseError) and error.backup and not self.args.screenshot:
            self._offer_restore(error)
            return
        if self.args.screenshot:
            sys.stderr.write(message_for(error) + "\n")
        else:
            show_error(None, error)
        self._quit(1)

    def _offer_restore(self, error: CorruptDatabaseError) -> None:
        """The database failed its check: restore the newest good copy in its place, or quit."""
        from ui.backups import DamagedDatabaseDialog, restore_damaged

        if not DamagedDatabaseDialog(error).wants_restore():
            self._quit(1)
            return
        QueryOp(None, lambda: restore_damaged(error)).success(self._restored).failure(
            self._fail
        ).run()

    def _restored(self, result: RestoreResult) -> None:
        from ui.backups import show_restored

        show_restored(result)
        self.begin()

    def _quit(self, code: int) -> None:
        self.exit_code = code
        self.app.quit()


def _open_demo(path: str | Path) -> Demo:
    from desktop_app.demo_database import open_demo  # imported in the worker, see module doc

    return open_demo(path)


def _open_and_check(target: str | None) -> tuple[Database, bool]:
    from desktop_app.database import open_database
    from desktop_app.services import setup

    db = open_database(target)
    return db, setup.is_initialised(db)
