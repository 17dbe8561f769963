"""What the backup tests share: a data folder per test, the live file's path, a few people,
a dump to compare databases by, and a way to damage a SQLite file that still opens."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from db.engine import sqlite_path
from desktop_app import settings
from desktop_app.database import Database
from desktop_app.services import officers, records
from desktop_app.services.dump import write_dump
from tests.conftest import ADMIN, PASSWORD, Env

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
