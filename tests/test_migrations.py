"""Alembic: migrations from empty build exactly the models' schema; opening upgrades safely."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from db import migrate
from db.base import Base
from db.engine import make_engine
from db.schema import SCHEMA_VERSION
from desktop_app import settings
from desktop_app.database import open_database
from tests.conftest import Env


def test_migrations_from_empty_match_the_models(env: Env) -> None:
    with env.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert migrate.current_revision(env.db.engine) == migrate.head_revision()


def test_schema_version_follows_the_alembic_head() -> None:
    assert int(migrate.head_revision().split("_")[0]) == SCHEMA_VERSION


def test_opening_a_database_with_data_copies_it_aside_first(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
        conn.execute("INSERT INTO ghi_chu VALUES ('Dữ liệu cũ')")
    conn.close()
    before = set(settings.backups_dir().glob("*.sqlite3"))
    db = open_database(path)
    db.dispose()
    copies = set(settings.backups_dir().glob("*.sqlite3")) - before  # each with a .json beside
    assert len(copies) == 1
    with sqlite3.connect(next(iter(copies))) as copy:
        assert copy.execute("SELECT noi_dung FROM ghi_chu").fetchall() == [("Dữ liệu cũ",)]
    assert not migrate.needs_upgrade(make_engine(path))


def test_a_current_database_is_not_copied_again(sqlite_env: Env) -> None:
    before = set(settings.backups_dir().iterdir())
    open_database(sqlite_env.url).dispose()
    assert set(settings.backups_dir().iterdir()) == before


def test_sqlite_runs_in_wal_with_full_sync_and_passes_integrity_check(sqlite_env: Env) -> None:
    with sqlite_env.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path: Path) -> None:
    import pytest

    from desktop_app.errors import DatabaseError

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="Không mở được cơ sở dữ liệu"):
        open_database(junk)
