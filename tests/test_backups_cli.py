"""The backup commands of `antq`: backup, backups list, restore, and what the command line says
on PostgreSQL and on a damaged database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app import backups, settings
from desktop_app.cli import main
from desktop_app.errors import BackupError, CorruptDatabaseError
from tests.backup_support import (
    add_people,
    damage,
    data_dir,  # noqa: F401  (autouse: a data folder per test)
    db_file,
)
from tests.conftest import ADMIN, PASSWORD, Env


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
