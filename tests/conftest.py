"""Shared fixtures: headless Qt, a private data folder, and real databases (SQLite and PostgreSQL)
copied per test from pre-migrated, initialised templates."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_DATA = tempfile.mkdtemp(prefix="antq-test-data-")
os.environ["ANTQ_DATA_DIR"] = _DATA
os.environ.pop("ANTQ_DB", None)

from desktop_app.actor import Actor  # noqa: E402
from desktop_app.database import Database, open_database  # noqa: E402
from desktop_app.services import officers, setup  # noqa: E402

ADMIN = "truong"
PASSWORD = "mat-khau-truong"
UNIT = "00097"  # Phường Hồng Hà, Hà Nội
UNIT_NAME = "Công an phường Hồng Hà"


@dataclass
class Env:
    """One test's database: where it is (for the CLI), the opened handle, the post chief."""

    url: str
    db: Database
    admin: Actor
    kind: str

    def cli_env(self) -> dict[str, str]:
        return {**os.environ, "ANTQ_PASSWORD": PASSWORD, "ANTQ_DB": self.url}


def initialise(target: str) -> Actor:
    db = open_database(target)
    try:
        return setup.init_replica(
            db,
            role="post",
            unit_code=UNIT,
            name=UNIT_NAME,
            admin_user=ADMIN,
            admin_password=PASSWORD,
            admin_full_name="Nguyễn Văn Trưởng",
        ).admin
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    initialise(str(path))
    return path


@pytest.fixture(scope="session")
def empty_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.sqlite3"
    open_database(path).dispose()
    return path


@pytest.fixture
def sqlite_env(sqlite_template: Path, tmp_path: Path) -> Iterator[Env]:
    path = tmp_path / "antq.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = open_database(path)
    yield Env(str(path), db, officers.login(db, ADMIN, PASSWORD), "sqlite")
    db.dispose()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    import pgserver

    server = pgserver.get_server(tmp_path_factory.mktemp("pgdata"), cleanup_mode="stop")
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def pg_template(pg_server: Any) -> str:
    _pg_admin(pg_server, "CREATE DATABASE antq_template")
    initialise(_pg_url(pg_server, "antq_template"))
    return "antq_template"


_pg_counter = iter(range(1, 1_000_000))


@pytest.fixture
def pg_env(pg_server: Any, pg_template: str) -> Iterator[Env]:
    name = f"antq_t{next(_pg_counter)}"
    _pg_admin(pg_server, f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    url = _pg_url(pg_server, name)
    db = open_database(url)
    yield Env(url, db, officers.login(db, ADMIN, PASSWORD), "postgresql")
    db.dispose()
    _pg_admin(pg_server, f"DROP DATABASE {name}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def env(request: pytest.FixtureRequest) -> Env:
    """The same test on an embedded SQLite file and on PostgreSQL (the hub's engine)."""
    fixture = "sqlite_env" if request.param == "sqlite" else "pg_env"
    result: Env = request.getfixturevalue(fixture)
    return result


def _pg_url(server: Any, database: str) -> str:
    uri: str = server.get_uri(database)
    return uri


def _pg_admin(server: Any, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        conn.execute(sql)
