"""SQLite files as files: consistent copies, integrity checks, what a file says it is, and
durable writes (temp name, fsync, rename, fsync the folder). No SQLAlchemy: these work on
files that may be damaged, foreign, or not databases at all."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TEMP_PREFIX = ".antq-dang-ghi-"
ANTQ_TABLES = ("alembic_version", "local_replica")
# SQLite's primary result codes for a damaged file and for a file that is not a database.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_PROBLEM_LINES = 5


@dataclass(frozen=True)
class Identity:
    """What an ANTQ Desk database file says about itself (read from its own tables)."""

    revision: str
    replica_id: str | None
    unit_code: str | None
    unit_name: str | None
    has_synced: bool  # it has sent or received a package: a restored copy must re-enrol


def check_integrity(path: Path, *, quick: bool = False) -> str | None:
    """None when SQLite finds the file sound, else what is wrong (SQLite's own words).

    `quick` runs PRAGMA quick_check (no index-to-table cross-check, ~5× faster)."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with _read_only(path) as conn:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        return str(error)
    return None if rows == ["ok"] else "\n".join(rows[:_PROBLEM_LINES])


def is_damage(error: sqlite3.Error) -> bool:
    """A damaged file or not a database, as opposed to a locked or missing one."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return "malformed" in str(error) or "not a database" in str(error)
    return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def read_identity(path: Path) -> Identity | None:
    """The schema revision and replica of an ANTQ Desk database; None for any other file."""
    try:
        with _read_only(path) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not set(ANTQ_TABLES) <= tables:
                return None
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            replica = conn.execute(
                "SELECT replica_id, unit_code, name FROM local_replica LIMIT 1"
            ).fetchone()
            synced = _has_rows(conn, tables, "sync_inbox") or _has_rows(conn, tables, "sync_outbox")
    except sqlite3.DatabaseError:
        return None
    if revision is None:
        return None
    replica_id, unit_code, name = replica if replica is not None else (None, None, None)
    return Identity(str(revision[0]), replica_id, unit_code, name, synced)


def holds_rows(path: Path) -> bool:
    """Whether a database file holds any row (a schema alone, as `antq` makes it, holds none).
    A file SQLite cannot read counts as holding data: it is not ours to overwrite."""
    try:
        with _read_only(path) as conn:
            tables = [
                r[0]
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if r[0] != "alembic_version" and not r[0].startswith("sqlite_")
            ]
            return any(_has_rows(conn, set(tables), t) for t in tables)
    except sqlite3.Error:
        return True


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy with SQLite's backup API (it reads committed WAL content too).

    The copy is switched to a rollback journal so it is one self-contained file that a
    technician can open read-only, and that opens on read-only media."""
    with _read_only(source) as src:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def temp_beside(folder: Path, suffix: str = "") -> Path:
    """A new empty temp file in `folder`, to be renamed over its final name when complete."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=suffix)
    os.close(handle)
    return Path(name)


def finish(temp: Path, target: Path) -> None:
    """fsync `temp`, rename it to `target`, fsync the folder: a power cut leaves either the
    old state or the whole new file, never a torn one under the final name."""
    with temp.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, target)
    fsync_folder(target.parent)


def write_text(target: Path, text: str) -> None:
    temp = temp_beside(target.parent)
    try:
        temp.write_text(text, encoding="utf-8")
        finish(temp, target)
    finally:
        discard(temp)


def discard(path: Path) -> None:
    """Remove a temp file and any journal SQLite left beside it."""
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def fsync_folder(folder: Path) -> None:
    if sys.platform.startswith("win"):
        return  # Windows cannot open a directory for fsync; NTFS journals the rename
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    # mode=ro: checking or copying a file never changes it (no checkpoint, no journal
    # rollback), and a missing file is an error instead of a new empty database.
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        yield conn
    finally:
        conn.close()


def _has_rows(conn: sqlite3.Connection, tables: set[str], table: str) -> bool:
    if table not in tables:
        return False
    quoted = table.replace('"', '""')
    return conn.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchone() is not None
