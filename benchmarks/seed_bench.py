"""Seeding and searching a commune: rows written per second against raw SQLite, and a folded
name search against a plain indexed lookup on the same database."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.floors import raw_insert_seconds
from benchmarks.replicas import replica
from benchmarks.report import Figure, timed
from db.models import Person, SyncChange
from db.uow import UnitOfWork
from desktop_app.demo.seed import seed
from desktop_app.services import records

HOUSEHOLDS = 1500


def run(folder: str) -> list[Figure]:
    db, admin = replica(Path(folder) / "bench.sqlite3", "post", "18073")
    start = time.perf_counter()
    result = seed(db, admin, households=HOUSEHOLDS)
    seconds = time.perf_counter() - start
    rows = sum(result.counts.values())
    with UnitOfWork(db) as uow:
        log_rows = uow.session.scalar(select(func.count()).select_from(SyncChange)) or 0
        some = uow.session.scalars(
            select(Person.id_number).where(Person.id_number.is_not(None)).limit(1)
        ).one()
    floor = raw_insert_seconds(Path(folder) / "raw.sqlite3", rows + log_rows)
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
