"""Opening a database: make the engine, copy the file aside, run pending migrations."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from db import migrate
from db.engine import make_engine, sqlite_path
from db.uow import Database
from desktop_app import indexing, settings
from desktop_app.errors import DatabaseError
from desktop_app.i18n import tr

__all__ = ["Database", "open_database"]


def open_database(target: str | Path | None = None) -> Database:
    """The database at `target` (a path or URL; default: the user's), upgraded to this version."""
    indexing.install()
    location = str(target) if target else settings.default_database()
    try:
        engine = make_engine(location)
        path = sqlite_path(engine)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        if migrate.needs_upgrade(engine):
            if path is not None and _holds_data(engine):
                backup_before_migration(path)
            migrate.upgrade(engine)
    except (SQLAlchemyError, sqlite3.Error, OSError) as error:
        raise DatabaseError(
            tr(
                "Không mở được cơ sở dữ liệu '{location}'. Tệp có thể bị hỏng hoặc không phải "
                "cơ sở dữ liệu ANTQ Desk.",
                location=location,
            ),
            str(error),
        ) from error
    return Database(engine)


def backup_before_migration(path: Path) -> Path:
    """A consistent copy of the file (SQLite's backup API), kept in the backups folder."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = settings.backups_dir() / f"{path.stem}-truoc-nang-cap-{stamp}.sqlite3"
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    copy.close()
    return target


def _holds_data(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())
