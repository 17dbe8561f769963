"""The account menu: an officer changes their password; the chief manages officers and checks
the audit chain; an officer who is not the chief cannot reach officer management."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.database import open_database
from desktop_app.errors import AuthenticationError
from desktop_app.services import officers
from tests.conftest import ADMIN, PASSWORD, initialise
from ui import errors
from ui.account_dialogs import AuditDialog, OfficersDialog, PasswordDialog
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.ops import task_manager


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("account") / "account.sqlite3"
    initialise(str(path))
    return path


@pytest.fixture
def ctx(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.setattr(task_manager(), "synchronous", True)
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    errors.shown.clear()
    path = tmp_path / "ui.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    yield AppContext(db, officers.login(db, ADMIN, PASSWORD))
    db.dispose()


def test_password_dialog_checks_the_repeat_then_changes_it(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = PasswordDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.old.setText(PASSWORD)
    dialog.new.setText("mat-khau-moi-1")
    dialog.again.setText("mat-khau-moi-2")
    dialog.submit()
    assert "không khớp" in dialog.message.text()
    dialog.again.setText("mat-khau-moi-1")
    dialog.old.setText("sai")
    dialog.submit()
    assert "hiện tại không đúng" in dialog.message.text()
    dialog.old.setText(PASSWORD)
    dialog.submit()
    assert dialog.result() == PasswordDialog.DialogCode.Accepted
    with pytest.raises(AuthenticationError):
        officers.login(ctx.db, ADMIN, PASSWORD)
    assert officers.login(ctx.db, ADMIN, "mat-khau-moi-1").username == ADMIN


def test_the_chief_adds_an_officer_and_locks_the_account(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = OfficersDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    from ui.account_dialogs import NewOfficerDialog

    adding = NewOfficerDialog(ctx, dialog)
    adding.username.setText("Lan")
    adding.full_name.setText("Phạm Thị Lan")
    adding.password.setText("ngan")
    adding.submit()
    assert "ít nhất" in adding.message.text()
    adding.password.setText("mat-khau-lan")
    adding.submit()
    dialog.load()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "lan" in names
    dialog.table.selectRow(names.index("lan"))
    monkeypatch.setattr("ui.account_dialogs.confirm", lambda *_: True)
    dialog.disable()
    row = names.index("lan")
    assert dialog.table.item(row, 3).text() == "Đã khóa"
    with pytest.raises(AuthenticationError):
        officers.login(ctx.db, "lan", "mat-khau-lan")


def test_an_officer_cannot_manage_officers(ctx: AppContext, qtbot: QtBot) -> None:
    officers.add(ctx.db, ctx.actor, "lan", "mat-khau-lan", role="officer")
    lan = AppContext(ctx.db, officers.login(ctx.db, "lan", "mat-khau-lan"))
    window = MainWindow(lan)
    qtbot.addWidget(window)
    actions = {a.text(): a.isEnabled() for a in window.account.menu().actions()}
    assert actions["Quản lý cán bộ…"] is False
    assert actions["Đổi mật khẩu…"] is True
    dialog = OfficersDialog(lan)
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled()


def test_audit_dialog_lists_events_and_flags_a_deleted_one(
    ctx: AppContext, qtbot: QtBot, template: Path
) -> None:
    officers.add(ctx.db, ctx.actor, "lan", "mat-khau-lan", role="officer")
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    actions = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert "officer_add" in actions
    dialog.verify()
    assert "nguyên vẹn" in dialog.verdict.text()
    path = str(ctx.db.engine.url.database)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM audit_event WHERE seq = 2")
    conn.close()
    dialog.verify()
    assert "Thiếu sự kiện số 2" in dialog.verdict.text()
