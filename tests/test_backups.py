"""Backups of the SQLite file: copies that restore to the same records, rotation per kind, and
restore refusing what it must. Real files throughout."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app import backups, settings
from desktop_app.backups import BackupInfo
from desktop_app.database import open_database
from desktop_app.errors import BackupError, PermissionDeniedError
from desktop_app.services import officers
from tests.backup_support import (
    DAY,
    add_people,
    damage,
    data_dir,  # noqa: F401  (autouse: a data folder per test)
    db_file,
    dump,
    folder_state,
)
from tests.conftest import Env

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
