"""Backups of the SQLite file: copies that restore to the same records, rotation per kind,
restore refusing what it must, a damaged database caught on open, and the hooks that make
copies (daily, before an import). Real files throughout."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from db.engine import sqlite_path
from desktop_app import backups, settings
from desktop_app.backups import BackupInfo
from desktop_app.cli import main
from desktop_app.database import Database, open_database
from desktop_app.errors import BackupError, CorruptDatabaseError, PermissionDeniedError
from desktop_app.formatting import format_time
from desktop_app.services import officers, records
from desktop_app.services.dump import write_dump
from tests.conftest import ADMIN, PASSWORD, Env
from tests.sync_harness import Replica
from ui.context import AppContext

DAY = datetime(2025, 7, 1, 8, 0).astimezone()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own data folder, so backups of other tests never show up."""
    folder = tmp_path / "data"
    monkeypatch.setenv(settings.DATA_DIR_ENV, str(folder))
    return folder


def db_file(env: Env) -> Path:
    path = sqlite_path(env.db.engine)
    assert path is not None
    return path


def add_people(env: Env, *names: str) -> None:
    area = records.put(env.db, env.admin, "area", {"name": "Tổ dân phố 3", "kind": "to_dan_pho"})
    home = records.put(
        env.db, env.admin, "household", {"address": "Số 5", "area_id": area.record.id}
    )
    for name in names:
        values = {"full_name": name, "household_id": home.record.id}
        records.put(env.db, env.admin, "person", values)


def dump(db: Database) -> str:
    out = io.StringIO()
    write_dump(db, officers.login(db, ADMIN, PASSWORD), out)
    return out.getvalue()


def damage(path: Path) -> None:
    """Overwrite pages past the header (page 1 stays whole: SQLite still opens the file)."""
    with path.open("r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\xa5" * 4096 * 6)


def folder_state(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- making, listing, rotating ---


def test_a_backup_restores_to_the_same_records(sqlite_env: Env, tmp_path: Path) -> None:
    add_people(sqlite_env, "Nguyễn Thị Hoà", "Đặng Văn Đức")
    info = backups.backup_database(sqlite_env.db, backups.MANUAL)
    assert info is not None and info.ok and info.kind == backups.MANUAL
    assert info.unit_name == "Công an phường Hồng Hà" and info.replica_id
    assert info.path.parent == settings.backups_dir() and info.path.suffix == ".sqlite3"
    target = tmp_path / "phuc-hoi" / "antq.sqlite3"
    target.parent.mkdir()
    result = backups.restore(info.path, target)
    assert result.replica_id == info.replica_id and not result.had_synced
    restored = open_database(target)
    try:
        assert dump(restored) == dump(sqlite_env.db)
    finally:
        restored.dispose()


def test_the_sidecar_says_what_the_copy_is(sqlite_env: Env) -> None:
    info = backups.backup_database(sqlite_env.db, backups.ON_CLOSE)
    assert info is not None
    sidecar = json.loads(info.path.with_name(info.path.name + ".json").read_text("utf-8"))
    assert sidecar["marker"] == backups.MARKER
    assert sidecar["source"] == str(db_file(sqlite_env))
    assert sidecar["integrity"] == "ok" and sidecar["replica_id"] == info.replica_id
    assert sidecar["size"] == info.size == info.path.stat().st_size
    # A plain SQLite file in one piece (no WAL), for a technician's tools.
    with sqlite3.connect(f"{info.path.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


def test_rotation_keeps_the_newest_of_each_kind_and_every_manual_copy(sqlite_env: Env) -> None:
    for hour in range(7):
        backups.backup_database(sqlite_env.db, backups.ON_CLOSE, now=DAY + timedelta(hours=hour))
    for hour in range(8):
        backups.backup_database(sqlite_env.db, backups.MANUAL, now=DAY + timedelta(hours=hour))
    found = backups.list_backups(db_file(sqlite_env))
    on_close = [b for b in found if b.kind == backups.ON_CLOSE]
    assert [b.made_at.hour for b in on_close] == [14, 13, 12, 11, 10]
    assert len([b for b in found if b.kind == backups.MANUAL]) == 8
    sidecars = list(settings.backups_dir().glob("*.json"))
    assert len(sidecars) == len(found) == 13


def test_rotation_never_deletes_the_last_good_copy(sqlite_env: Env) -> None:
    good = backups.backup_database(sqlite_env.db, backups.ON_CLOSE, now=DAY)
    sqlite_env.db.dispose()
    damage(db_file(sqlite_env))
    bad = [
        backups.make_backup(db_file(sqlite_env), backups.ON_CLOSE, now=DAY + timedelta(hours=h))
        for h in range(1, 7)
    ]
    assert not any(b.ok for b in bad) and all(b.problem for b in bad)
    kept = backups.list_backups(db_file(sqlite_env))
    assert good is not None and good.path in {b.path for b in kept}
    assert len(kept) == backups.KEEP[backups.ON_CLOSE] + 1
    assert backups.newest_good(db_file(sqlite_env)) == good


def test_listing_shows_copies_of_this_database_only(sqlite_env: Env, tmp_path: Path) -> None:
    backups.backup_database(sqlite_env.db, backups.DAILY)
    other = tmp_path / "khac.sqlite3"
    shutil.copyfile(db_file(sqlite_env), other)
    backups.make_backup(other, backups.DAILY)
    (settings.backups_dir() / "le-loi.sqlite3").write_bytes(b"")  # dropped in by hand
    mine = backups.list_backups(db_file(sqlite_env))
    assert [b.kind for b in mine] == [backups.DAILY]
    everything = backups.list_backups()
    assert len(everything) == 3
    assert {b.ok for b in everything} == {True, None}


def test_a_daily_copy_is_made_once_a_day(sqlite_env: Env) -> None:
    first = backups.daily_backup(sqlite_env.db, now=DAY)
    assert first is not None and first.kind == backups.DAILY
    assert backups.daily_backup(sqlite_env.db, now=DAY + timedelta(hours=9)) is None
    assert backups.daily_backup(sqlite_env.db, now=DAY + timedelta(days=1)) is not None
    assert len(backups.list_backups(db_file(sqlite_env))) == 2


def test_a_manual_copy_needs_the_post_chief_and_is_audited(sqlite_env: Env) -> None:
    from desktop_app.services import audit

    officers.add(sqlite_env.db, sqlite_env.admin, "canbo", "mk-12345678", role="officer")
    officer = officers.login(sqlite_env.db, "canbo", "mk-12345678")
    with pytest.raises(PermissionDeniedError):
        backups.manual_backup(sqlite_env.db, officer)
    info = backups.manual_backup(sqlite_env.db, sqlite_env.admin)
    events = audit.list_events(sqlite_env.db, sqlite_env.admin)
    assert events[0].action == "backup" and str(info.path) in json.dumps(events[0].detail)


# --- restore refuses ---


@pytest.fixture
def backup(sqlite_env: Env) -> BackupInfo:
    add_people(sqlite_env, "Lê Thị Sao")
    info = backups.backup_database(sqlite_env.db, backups.MANUAL)
    assert info is not None
    return info


def refused(source: Path, target: Path, match: str) -> None:
    before = folder_state(target.parent)
    with pytest.raises(BackupError, match=match) as caught:
        backups.restore(source, target)
    assert folder_state(target.parent) == before, "a refused restore wrote something"
    assert caught.value.exit_code == BackupError.exit_code


def test_restore_never_overwrites_a_database_with_data(backup: BackupInfo, sqlite_env: Env) -> None:
    live = db_file(sqlite_env)
    sqlite_env.db.dispose()
    before = live.read_bytes()
    refused(backup.path, live, "đã có dữ liệu")
    assert live.read_bytes() == before


def test_restore_refuses_a_truncated_copy(backup: BackupInfo, tmp_path: Path) -> None:
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(backup.path.read_bytes()[: backup.size // 2])
    refused(cut, tmp_path / "moi.sqlite3", "bị hỏng hoặc không phải cơ sở dữ liệu")


def test_restore_refuses_a_copy_changed_since_it_was_made(
    backup: BackupInfo, tmp_path: Path
) -> None:
    with backup.path.open("r+b") as handle:
        handle.seek(backup.size // 2)
        handle.write(b"\x00\xff" * 8)
    refused(backup.path, tmp_path / "moi.sqlite3", "mã băm không khớp")


def test_restore_refuses_damaged_pages_without_a_sidecar(
    backup: BackupInfo, tmp_path: Path
) -> None:
    loose = tmp_path / "ban-sao-chep-tay.sqlite3"
    shutil.copyfile(backup.path, loose)
    damage(loose)
    refused(loose, tmp_path / "moi.sqlite3", "bị hỏng hoặc không phải cơ sở dữ liệu")


def test_restore_refuses_other_files(tmp_path: Path) -> None:
    foreign = tmp_path / "khac.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
        conn.execute("INSERT INTO ghi_chu VALUES ('không phải ANTQ')")
    conn.close()
    refused(foreign, tmp_path / "moi.sqlite3", "không phải cơ sở dữ liệu ANTQ Desk")
    text = tmp_path / "ghi-chu.txt"
    text.write_text("Sổ theo dõi\n" * 200, encoding="utf-8")
    refused(text, tmp_path / "moi.sqlite3", "bị hỏng hoặc không phải cơ sở dữ liệu")
    refused(tmp_path / "khong-co.sqlite3", tmp_path / "moi.sqlite3", "Không thấy tệp")


def test_restore_fills_a_database_that_holds_only_the_schema(
    backup: BackupInfo, empty_sqlite_template: Path, tmp_path: Path
) -> None:
    target = tmp_path / "moi.sqlite3"
    shutil.copyfile(empty_sqlite_template, target)
    assert backups.restore(backup.path, target).unit_name == "Công an phường Hồng Hà"


# --- a damaged database on open ---


def test_a_damaged_database_names_its_newest_good_copy(sqlite_env: Env) -> None:
    backups.backup_database(sqlite_env.db, backups.DAILY, now=DAY)
    newest = backups.backup_database(sqlite_env.db, backups.ON_CLOSE, now=DAY + timedelta(hours=3))
    assert newest is not None
    sqlite_env.db.dispose()
    damage(db_file(sqlite_env))
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(db_file(sqlite_env))
    error = caught.value
    assert error.path == db_file(sqlite_env)
    assert error.backup == newest.path and error.backup_made_at == newest.made_at
    assert newest.path.name in error.message and "01/07/2025 11:00" in error.message
    assert error.detail  # SQLite's own words, for the log


def test_a_damaged_database_without_copies_says_so(sqlite_env: Env) -> None:
    sqlite_env.db.dispose()
    damage(db_file(sqlite_env))
    with pytest.raises(CorruptDatabaseError, match="Không có bản sao lưu") as caught:
        open_database(db_file(sqlite_env))
    assert caught.value.backup is None


def test_replacing_a_damaged_database_keeps_it_aside(sqlite_env: Env) -> None:
    good = backups.backup_database(sqlite_env.db, backups.ON_CLOSE)
    assert good is not None
    live = db_file(sqlite_env)
    sqlite_env.db.dispose()
    damage(live)
    damaged_bytes = live.read_bytes()
    result = backups.replace_damaged(live, good.path, now=DAY)
    assert result.set_aside == live.with_name("antq.sqlite3.hong-20250701-080000")
    assert result.set_aside.read_bytes() == damaged_bytes
    open_database(live).dispose()


def test_a_failed_replacement_puts_the_damaged_file_back(sqlite_env: Env, tmp_path: Path) -> None:
    live = db_file(sqlite_env)
    sqlite_env.db.dispose()
    text = tmp_path / "khong-phai.sqlite3"
    text.write_text("x" * 5000, encoding="utf-8")
    before = folder_state(live.parent)
    with pytest.raises(BackupError):
        backups.replace_damaged(live, text)
    assert folder_state(live.parent) == before


# --- hooks ---


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Replica, Replica]:
    post = Replica.create("a", str(tmp_path / "a.sqlite3"), "post", "00097", tmp_path)
    hub = Replica.create("hub", str(tmp_path / "hub.sqlite3"), "hub", "01", tmp_path)
    post.trust(hub)
    hub.trust(post)
    yield post, hub
    post.close()
    hub.close()


def test_an_import_makes_one_copy_first_and_a_dry_run_none(pair: tuple[Replica, Replica]) -> None:
    post, hub = pair
    post.put("area", name="Tổ dân phố 9", kind="to_dan_pho")
    first, second = post.send(hub), post.send(hub)
    hub_file = sqlite_path(hub.db.engine)
    assert hub_file is not None
    hub.receive(first, dry_run=True)
    assert backups.list_backups(hub_file) == []
    hub.receive(first, second)
    made = backups.list_backups(hub_file)
    assert [b.kind for b in made] == [backups.BEFORE_IMPORT]
    assert made[0].ok and made[0].unit_name == "Công an hub"


def test_a_restored_copy_of_a_replica_that_synced_must_reenrol(
    pair: tuple[Replica, Replica], tmp_path: Path
) -> None:
    post, hub = pair
    hub.receive(post.send(hub))
    copy = backups.backup_database(hub.db, backups.MANUAL)
    assert copy is not None
    result = backups.restore(copy.path, tmp_path / "hub-phuc-hoi.sqlite3")
    assert result.had_synced


def test_opening_an_older_database_copies_it_before_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "cu.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
        conn.execute("INSERT INTO ghi_chu VALUES ('Dữ liệu cũ')")
    conn.close()
    open_database(path).dispose()
    [copy] = backups.list_backups(path)
    assert copy.kind == backups.BEFORE_MIGRATION and copy.ok and copy.replica_id is None


# --- the command line ---


class Antq:
    def __init__(self, env: Env, capsys: pytest.CaptureFixture[str]) -> None:
        self.env, self.capsys = env, capsys
        self.err = ""

    def __call__(self, *args: str, db: str | None = None, expect: int = 0) -> str:
        code = main(["--db", db or self.env.url, *args])
        out, self.err = self.capsys.readouterr()
        assert code == expect, f"antq {' '.join(args)} → {code}: {self.err}"
        return out


@pytest.fixture
def antq(
    sqlite_env: Env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Antq:
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    return Antq(sqlite_env, capsys)


def test_cli_backup_list_and_restore(antq: Antq, sqlite_env: Env, tmp_path: Path) -> None:
    add_people(sqlite_env, "Trần Văn Bình")
    path = Path(antq("--user", ADMIN, "backup").strip())
    assert path.is_file() and path.parent == settings.backups_dir()
    listed = json.loads(antq("--json", "backups", "list"))
    assert [(b["path"], b["kind"], b["ok"]) for b in listed] == [(str(path), "manual", True)]
    assert "manual" in antq("backups", "list")
    target = tmp_path / "phuc-hoi.sqlite3"
    told = antq("restore", str(path), "--to", str(target))
    assert "Đã phục hồi" in told and "reenrol" not in told
    assert antq("--user", ADMIN, "dump", db=str(target)) == antq("--user", ADMIN, "dump")


def test_cli_restore_into_the_db_target_and_refusals(antq: Antq, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    made = json.loads(antq("--user", ADMIN, "--json", "backup", "--out", str(out)))
    assert Path(made["path"]).parent == out and made["kind"] == "manual"
    fresh = tmp_path / "may-moi.sqlite3"
    restored = json.loads(antq("--json", "restore", made["path"], db=str(fresh)))
    assert restored["target"] == str(fresh) and restored["reenrol_needed"] is False
    antq("restore", made["path"], db=str(fresh), expect=BackupError.exit_code)
    assert "đã có dữ liệu" in antq.err and antq.err.startswith("Lỗi:")
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải sao lưu", encoding="utf-8")
    antq("restore", str(text), "--to", str(tmp_path / "x.sqlite3"), expect=BackupError.exit_code)
    assert not (tmp_path / "x.sqlite3").exists()


def test_cli_backup_needs_the_post_chief(antq: Antq) -> None:
    antq("backup", expect=6)  # no --user: log in first


def test_cli_on_postgresql_says_backups_are_the_administrators(antq: Antq) -> None:
    url = "postgresql+psycopg://antq@may-chu-tinh.invalid/antq"
    for command in (("backup",), ("backups", "list"), ("restore", "x.sqlite3")):
        antq("--user", ADMIN, *command, db=url, expect=BackupError.exit_code)
        assert "pg_dump" in antq.err


def test_cli_on_a_damaged_database_points_to_the_copy(antq: Antq, sqlite_env: Env) -> None:
    good = backups.backup_database(sqlite_env.db, backups.ON_CLOSE)
    assert good is not None
    sqlite_env.db.dispose()
    damage(db_file(sqlite_env))
    antq("--user", ADMIN, "records", "list", "person", expect=CorruptDatabaseError.exit_code)
    assert str(good.path) in antq.err and "antq restore" in antq.err
    assert str(good.path) in antq("backups", "list")  # listing opens no database


# --- the window ---


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
