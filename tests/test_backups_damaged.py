"""A damaged database caught on open, naming its newest good copy, and replacing it with that
copy while the damaged file is kept aside. Real files throughout."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app import backups
from desktop_app.database import open_database
from desktop_app.errors import BackupError, CorruptDatabaseError
from tests.backup_support import (
    DAY,
    damage,
    data_dir,  # noqa: F401  (autouse: a data folder per test)
    db_file,
    folder_state,
)
from tests.conftest import Env


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
