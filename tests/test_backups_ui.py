"""Backups in the window: startup on a damaged database (restore or quit), the on-close and daily
copies, and the settings panel that lists copies and makes one."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from desktop_app import backups
from desktop_app.database import Database
from desktop_app.formatting import format_time
from desktop_app.services import officers
from tests.backup_support import (
    add_people,
    damage,
    data_dir,  # noqa: F401  (autouse: a data folder per test)
    db_file,
    dump,
)
from tests.conftest import Env
from ui.context import AppContext


@pytest.fixture
def inline_ops(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Ops run inline; show_error records its message instead of opening a box."""
    import sys

    from ui import errors
    from ui.ops import task_manager

    tasks = task_manager()
    before = tasks.synchronous
    tasks.synchronous = True
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    shown: list[str] = []
    monkeypatch.setattr(errors, "shown", shown)
    yield shown
    tasks.synchronous = before


def answer_modals(*handlers: Callable[[QWidget], None]) -> list[QWidget]:
    """Handle the next modal dialogs in turn as each opens (they block in exec())."""
    pending, seen = list(handlers), []

    def step() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal not in seen:
            seen.append(modal)
            pending.pop(0)(modal)
        if pending:
            QTimer.singleShot(20, step)

    QTimer.singleShot(20, step)
    return seen


def startup_on(path: Path) -> Any:
    from ui.app import Startup

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    args = argparse.Namespace(db=str(path), demo=False, screenshot=None, page=None)
    return Startup(app, args)


def test_startup_offers_the_newest_good_copy_of_a_damaged_database(
    qtbot: QtBot, sqlite_env: Env, inline_ops: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.backups import DamagedDatabaseDialog

    add_people(sqlite_env, "Phạm Thị Lan")
    good = backups.backup_database(sqlite_env.db, backups.DAILY)
    assert good is not None
    expected = dump(sqlite_env.db)
    live = db_file(sqlite_env)
    sqlite_env.db.dispose()
    damage(live)
    startup = startup_on(live)
    opened: list[Database] = []
    monkeypatch.setattr(startup, "_opened", lambda found: opened.append(found[0]))
    texts: list[str] = []

    def restore(dialog: QWidget) -> None:
        assert isinstance(dialog, DamagedDatabaseDialog)
        texts.append(dialog.text() + dialog.informativeText())
        assert dialog.restore_button.text() == "Phục hồi từ bản sao lưu này"
        assert dialog.quit_button.text() == "Thoát"
        dialog.restore_button.click()

    def acknowledge(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.accept()

    answer_modals(restore, acknowledge)
    startup.begin()  # the database is opened once the splash has painted
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    startup.splash.close()
    assert good.path.name in texts[0] and format_time(good.made_at) in texts[0]
    assert "bị hỏng" in texts[0]
    assert "Đã phục hồi" in texts[1]
    [aside] = live.parent.glob("antq.sqlite3.hong-????????-??????")  # its -wal and -shm beside
    assert str(aside) in texts[1]
    assert len(opened) == 1 and dump(opened[0]) == expected
    opened[0].dispose()


def test_startup_on_a_damaged_database_can_just_quit(
    qtbot: QtBot, sqlite_env: Env, inline_ops: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.backup_database(sqlite_env.db, backups.DAILY)
    live = db_file(sqlite_env)
    sqlite_env.db.dispose()
    damage(live)
    before = live.read_bytes()
    startup = startup_on(live)
    codes: list[int] = []
    monkeypatch.setattr(startup, "_quit", codes.append)
    answer_modals(lambda dialog: dialog.quit_button.click())  # type: ignore[attr-defined]
    startup.begin()  # the database is opened once the splash has painted
    qtbot.waitUntil(lambda: codes == [1], timeout=10_000)
    startup.splash.close()
    assert codes == [1] and live.read_bytes() == before
    assert not list(live.parent.glob("*.hong-*"))


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_closing_the_window_makes_the_on_close_copy_first(
    qtbot: QtBot, sqlite_env: Env, window: QMainWindow
) -> None:
    from ui.backups import CloseBackup

    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    guard = CloseBackup(window, AppContext(sqlite_env.db, sqlite_env.admin))
    window.close()  # the copy runs on the worker thread; the window waits for it
    assert window.isVisible() and "Đang sao lưu" in messages[0]
    window.close()  # a second click changes nothing
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert guard.state == "done"
    assert [b.kind for b in backups.list_backups(db_file(sqlite_env))] == [backups.ON_CLOSE]
    guard.run_now()  # already made: no second copy
    assert len(backups.list_backups(db_file(sqlite_env))) == 1


def test_quitting_without_closing_still_makes_the_copy(
    sqlite_env: Env, window: QMainWindow
) -> None:
    from ui.backups import CloseBackup

    CloseBackup(window, AppContext(sqlite_env.db, sqlite_env.admin)).run_now()
    assert [b.kind for b in backups.list_backups(db_file(sqlite_env))] == [backups.ON_CLOSE]


def test_after_login_the_daily_copy_is_made_and_said(
    sqlite_env: Env, window: QMainWindow, inline_ops: list[str]
) -> None:
    from ui.backups import start_daily_backup

    ctx = AppContext(sqlite_env.db, sqlite_env.admin)
    start_daily_backup(window, ctx)
    assert window.statusBar().currentMessage() == "Đã sao lưu dữ liệu hằng ngày."
    start_daily_backup(window, ctx)
    assert len(backups.list_backups(db_file(sqlite_env))) == 1


def test_settings_lists_the_copies_and_backs_up_now(
    qtbot: QtBot, sqlite_env: Env, inline_ops: list[str]
) -> None:
    from ui.backups import BackupsPanel

    backups.backup_database(sqlite_env.db, backups.ON_CLOSE)
    panel = BackupsPanel(AppContext(sqlite_env.db, sqlite_env.admin))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == "Khi đóng chương trình"
    assert panel.table.item(0, 3).text() == "Tốt"
    assert panel.backup_button.isEnabled()
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    assert inline_ops == []
    assert panel.table.rowCount() == 2
    assert panel.table.item(0, 0).text() == "Sao lưu theo yêu cầu"
    assert panel.table.item(0, 2).text().endswith("MB")


def test_only_the_post_chief_may_back_up_from_settings(
    qtbot: QtBot, sqlite_env: Env, inline_ops: list[str]
) -> None:
    from ui.backups import BackupsPanel

    officers.add(sqlite_env.db, sqlite_env.admin, "xem", "mat-khau-xem", role="viewer")
    viewer = officers.login(sqlite_env.db, "xem", "mat-khau-xem")
    panel = BackupsPanel(AppContext(sqlite_env.db, viewer))
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.backup_button.isEnabled()
