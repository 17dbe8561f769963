"""The startup dialogs as the officer meets them: setup wizard, login, and the idle screen lock."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QMainWindow, QWizard

from desktop_app import settings
from desktop_app.database import Database, open_database
from desktop_app.services import officers, setup
from tests.conftest import ADMIN, PASSWORD, Env
from ui import errors
from ui.autolock import AutoLock
from ui.context import AppContext
from ui.login import LoginDialog
from ui.ops import task_manager
from ui.signals import app_signals
from ui.wizard import SetupWizard

NEW_PASSWORD = "mat-khau-moi-1"
ACCEPTED = QDialog.DialogCode.Accepted


@pytest.fixture
def quiet_ops(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Ops run inline; show_error records its message instead of opening a box."""
    tasks = task_manager()
    before = tasks.synchronous
    tasks.synchronous = True
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    shown: list[str] = []
    monkeypatch.setattr(errors, "shown", shown)
    yield shown
    tasks.synchronous = before


@pytest.fixture
def empty_db(empty_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "antq.sqlite3"
    shutil.copyfile(empty_sqlite_template, path)
    db = open_database(path)
    yield db
    db.dispose()


def click(qtbot: QtBot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def click_item(qtbot: QtBot, widget: QListWidget, text: str) -> None:
    item = widget.findItems(text, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(
        widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualItemRect(item).center()
    )


def open_wizard(qtbot: QtBot, db: Database) -> SetupWizard:
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def choose_thanh_sen(qtbot: QtBot, wizard: SetupWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.unit_page
    qtbot.keyClicks(page.province_search, "ha tinh")
    click_item(qtbot, page.province_list, "Tỉnh Hà Tĩnh")
    qtbot.keyClicks(page.commune_search, "thanh sen")
    click_item(qtbot, page.commune_list, "Phường Thành Sen")


def fill_officer(qtbot: QtBot, wizard: SetupWizard, password: str, confirm: str) -> None:
    page = wizard.officer_page
    qtbot.keyClicks(page.username, "truong")
    page.full_name.setText("Nguyễn Văn Trưởng")
    qtbot.keyClicks(page.password, password)
    qtbot.keyClicks(page.confirm, confirm)


def to_officer_page(qtbot: QtBot, wizard: SetupWizard) -> None:
    choose_thanh_sen(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.officer_page


def test_wizard_sets_up_a_post_and_its_first_officer(
    qtbot: QtBot, empty_db: Database, quiet_ops: list[str]
) -> None:
    wizard = open_wizard(qtbot, empty_db)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert wizard.role_page.post.isChecked()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no unit chosen yet
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    choose_thanh_sen(qtbot, wizard)
    assert "Phường Thành Sen, Tỉnh Hà Tĩnh" in wizard.unit_page.chosen.text()
    assert next_button.isEnabled()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.name_page.name.text() == "Công an phường Thành Sen"
    assert "CÔNG AN TỈNH HÀ TĨNH" in wizard.name_page.preview.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_officer(qtbot, wizard, NEW_PASSWORD, NEW_PASSWORD)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.summary_page
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert quiet_ops == []
    assert wizard.result() == ACCEPTED
    assert wizard.result_setup is not None
    assert wizard.result_setup.replica.unit_code == "18073"
    assert setup.is_initialised(empty_db)
    actor = officers.login(empty_db, "truong", NEW_PASSWORD)
    assert actor.full_name == "Nguyễn Văn Trưởng"


def test_wizard_for_a_hub_needs_only_the_province(
    qtbot: QtBot, empty_db: Database, quiet_ops: list[str]
) -> None:
    wizard = open_wizard(qtbot, empty_db)
    wizard.role_page.hub.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.unit_page
    assert not page.commune_list.isVisible()
    page.province_search.setText("hà tĩnh")  # QTest types ASCII only
    click_item(qtbot, page.province_list, "Tỉnh Hà Tĩnh")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.name_page.name.text() == "Công an tỉnh Hà Tĩnh"


def test_next_is_disabled_until_the_passwords_match(
    qtbot: QtBot, empty_db: Database, quiet_ops: list[str]
) -> None:
    wizard = open_wizard(qtbot, empty_db)
    to_officer_page(qtbot, wizard)
    fill_officer(qtbot, wizard, NEW_PASSWORD, NEW_PASSWORD + "x")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    assert "không khớp" in wizard.officer_page.problems.text()
    wizard.officer_page.confirm.setText(NEW_PASSWORD)
    assert next_button.isEnabled()
    assert wizard.officer_page.problems.text() == ""
    wizard.officer_page.password.setText("ngan")
    assert not next_button.isEnabled()
    assert "ít nhất 8 ký tự" in wizard.officer_page.problems.text()


def test_wizard_stays_open_when_setup_fails(
    qtbot: QtBot, sqlite_env: Env, quiet_ops: list[str]
) -> None:
    wizard = open_wizard(qtbot, sqlite_env.db)  # already initialised: init_replica refuses
    to_officer_page(qtbot, wizard)
    fill_officer(qtbot, wizard, NEW_PASSWORD, NEW_PASSWORD)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert any("đã được khởi tạo" in text for text in quiet_ops)
    assert wizard.isVisible()
    assert wizard.result_setup is None
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def open_login(qtbot: QtBot, db: Database, username: str = ADMIN) -> LoginDialog:
    dialog = LoginDialog(db, username)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def try_password(qtbot: QtBot, dialog: LoginDialog, password: str) -> None:
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_login_with_a_wrong_password_says_so_and_stays_open(
    qtbot: QtBot, sqlite_env: Env, quiet_ops: list[str]
) -> None:
    dialog = open_login(qtbot, sqlite_env.db)
    assert dialog.focusWidget() is dialog.password
    try_password(qtbot, dialog, "sai-mat-khau")
    assert "Sai tên đăng nhập hoặc mật khẩu" in dialog.error.text()
    assert dialog.isVisible()
    assert dialog.actor is None
    assert dialog.result() != ACCEPTED


def test_five_wrong_passwords_show_the_lockout(
    qtbot: QtBot, sqlite_env: Env, quiet_ops: list[str]
) -> None:
    dialog = open_login(qtbot, sqlite_env.db)
    for _ in range(officers.MAX_FAILURES):
        try_password(qtbot, dialog, "sai-mat-khau")
    assert "tạm khóa" in dialog.error.text()
    try_password(qtbot, dialog, PASSWORD)  # locked: even the right password is refused
    assert "tạm khóa" in dialog.error.text()
    assert dialog.actor is None


def test_the_right_password_accepts_with_the_actor(
    qtbot: QtBot, sqlite_env: Env, quiet_ops: list[str]
) -> None:
    dialog = open_login(qtbot, sqlite_env.db, "")
    assert dialog.focusWidget() is dialog.username
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.username, ADMIN)
    try_password(qtbot, dialog, PASSWORD)
    assert dialog.result() == ACCEPTED
    assert dialog.actor is not None
    assert dialog.actor.username == ADMIN


def test_escape_cancels_the_login(qtbot: QtBot, sqlite_env: Env, quiet_ops: list[str]) -> None:
    dialog = open_login(qtbot, sqlite_env.db)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() != ACCEPTED


@pytest.fixture
def window(qtbot: QtBot) -> tuple[QMainWindow, QLineEdit]:
    main = QMainWindow()
    form = QLineEdit()
    main.setCentralWidget(form)
    qtbot.addWidget(main)
    main.resize(800, 600)
    main.show()
    qtbot.waitExposed(main)
    return main, form


def test_auto_lock_reads_its_minutes_from_settings(
    sqlite_env: Env, window: tuple[QMainWindow, QLineEdit], monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = {**settings.load(), "auto_lock_minutes": 3}
    monkeypatch.setattr(settings, "load", lambda: stored)
    lock = AutoLock(window[0], AppContext(sqlite_env.db, sqlite_env.admin))
    assert lock.interval_ms == 3 * 60_000
    assert AutoLock(window[0], AppContext(sqlite_env.db, sqlite_env.admin), 7).interval_ms == (
        7 * 60_000
    )


def test_activity_restarts_the_idle_timer(
    qtbot: QtBot, sqlite_env: Env, window: tuple[QMainWindow, QLineEdit]
) -> None:
    main, form = window
    lock = AutoLock(main, AppContext(sqlite_env.db, sqlite_env.admin), minutes=1)
    qtbot.wait(60)
    before = lock.remaining_ms
    qtbot.keyClicks(form, "a")
    assert lock.remaining_ms > before


def test_idle_lock_and_unlock_keep_the_form(
    qtbot: QtBot, sqlite_env: Env, window: tuple[QMainWindow, QLineEdit], quiet_ops: list[str]
) -> None:
    main, form = window
    qtbot.keyClicks(form, "Nguyen Van An, thon 3")
    ctx = AppContext(sqlite_env.db, sqlite_env.admin)
    lock = AutoLock(main, ctx, minutes=10)
    with qtbot.waitSignal(app_signals().screen_locked, timeout=3000):
        lock.interval_ms = 20
    lock.interval_ms = 60_000  # no second lock while the test runs
    dialog = lock.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.username.text() == ADMIN and dialog.username.isReadOnly()
    assert dialog.windowTitle() == "Màn hình đã khóa"
    assert dialog.quit_button.isVisible() and not dialog.cancel_button.isVisible()
    curtains = lock.curtains
    assert [c.geometry() for c in curtains] == [main.rect()]
    assert curtains[0].isVisible()

    try_password(qtbot, dialog, "sai-mat-khau")
    assert "Sai tên đăng nhập hoặc mật khẩu" in dialog.error.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert lock.locked and dialog.isVisible()

    with qtbot.waitSignal(app_signals().screen_unlocked, timeout=3000):
        try_password(qtbot, dialog, PASSWORD)
    assert not lock.locked
    assert not any(c.isVisible() for c in curtains)
    assert form.text() == "Nguyen Van An, thon 3"
    assert ctx.actor.officer_id == sqlite_env.admin.officer_id
    assert lock.remaining_ms > 0
