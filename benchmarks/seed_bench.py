"""Seeding and searching a commune: rows written per second against raw SQLite, and a folded
name search against a plain indexed lookup on the same database."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.report import Figure, timed
from db.models import Person, SyncChange
from db.uow import UnitOfWork
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.services import records, setup

HOUSEHOLDS = 1500


def run(folder: str) -> list[Figure]:
    db = open_database(Path(folder) / "bench.sqlite3")
    admin = setup.init_replica(
        db,
        role="post",
        unit_code="18073",
        name="Công an phường Thành Sen",
        admin_user="bench",
        admin_password="bench-password",
    ).admin
    start = time.perf_counter()
    result = seed(db, admin, households=HOUSEHOLDS)
    seconds = time.perf_counter() - start
    rows = sum(result.counts.values())
    with UnitOfWork(db) as uow:
        log_rows = uow.session.scalar(select(func.count()).select_from(SyncChange)) or 0
        some = uow.session.scalars(
            select(Person.id_number).where(Person.id_number.is_not(None)).limit(1)
        ).one()
    floor = _raw_seconds(Path(folder) / "raw.sqlite3", rows + log_rows)
    search = timed(
        lambda: records.list_records(db, admin, "person", search="nguyen van", limit=50), 9
    )
    plain = timed(lambda: records.list_records(db, admin, "person", filters={"id_number": some}), 9)
    db.dispose()
    return [
        Figure(
            f"demo seed {HOUSEHOLDS} hh ({rows} rows, {log_rows} log)",
            seconds,
            floor,
            "s",
            "info: floor = raw executemany of as many rows",
        ),
        Figure(
            "folded name search 'nguyen van' (50 rows)",
            search * 1000,
            plain * 1000,
            "ms",
            "ratio ≤ 2 (issue 11)",
            2.0,
        ),
    ]


def _raw_seconds(path: Path, count: int) -> float:
    """Seconds for a bare sqlite3 executemany of `count` rows in one transaction (the floor)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b TEXT, n INTEGER)")
    data = [(f"{i:036d}", "Nguyễn Văn An", "Số 12, Thôn Đồng Tâm", i) for i in range(count)]
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", data)
    seconds = time.perf_counter() - start
    conn.close()
    return seconds
