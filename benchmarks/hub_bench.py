"""Hub ingest on PostgreSQL: a province hub imports one package of 10,000 changes from each of
100 commune posts, against raw psycopg executemany of the same change rows (issue 11).

Set-up (not timed): a PostgreSQL server started with `pgserver`, the province hub in it, and
100 posts of its communes (SQLite files, each its own replica, so the 69 communes of Hà Tĩnh
carry a second machine each from the 70th on). Each post trusts the hub and is trusted, swaps
one package each way so its measured package is incremental, then has 10,000 creation entries
of residents written into its log and exported. Timed: importing the 100 files as
`antq sync import` does. `ANTQ_BENCH_HUB_PACKAGES` and `ANTQ_BENCH_HUB_CHANGES` shrink it for
development.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks.replicas import fill_log, introduce, replica
from benchmarks.report import Figure
from db.base import table_of
from db.models import SyncChange
from desktop_app import admin_units
from desktop_app.database import open_database
from desktop_app.sync import exporter, importer

PACKAGES = int(os.environ.get("ANTQ_BENCH_HUB_PACKAGES", "100"))
CHANGES = int(os.environ.get("ANTQ_BENCH_HUB_CHANGES", "10000"))
PROVINCE = "42"  # Hà Tĩnh, 69 communes
LIMIT_S = 60.0
FLOOR_TABLE = "floor_change"


def run(folder: str) -> list[Figure]:
    import pgserver

    base = Path(folder) / "hub-bench"
    base.mkdir()
    server = pgserver.get_server(base / "pgdata", cleanup_mode="stop")
    try:
        return _measure(server, base)
    finally:
        server.cleanup()


def _measure(server: Any, base: Path) -> list[Figure]:
    hub = _hub(server)
    try:
        start = time.perf_counter()
        posts = [_post(base, hub, i) for i in range(PACKAGES)]
        _say(f"{PACKAGES} packages × {CHANGES} changes prepared in {_since(start):.0f} s")
        start = time.perf_counter()
        results = importer.import_packages(hub[0], hub[1], [package for _, package in posts])
        ours = _since(start)
    finally:
        hub[0].dispose()
    applied = sum(r.applied for r in results)
    assert len(results) == PACKAGES and applied >= PACKAGES * CHANGES, results[:3]
    floor = _floor(server, [path for path, _ in posts])
    name = f"hub ingest on PostgreSQL of {PACKAGES} packages × {CHANGES / 1000:g} k changes"
    return [Figure(name, ours, floor, "s", "≤ 60 s (issue 11)", max_value=LIMIT_S)]


def _hub(server: Any) -> tuple[Any, Any]:
    _pg_admin(server, "CREATE DATABASE antq_hub")
    return replica(server.get_uri("antq_hub"), "hub", PROVINCE)


def _post(base: Path, hub: tuple[Any, Any], index: int) -> tuple[Path, Path]:
    """Post number `index`, introduced and synced once; returns its file and its package."""
    communes = admin_units.communes(PROVINCE)
    path = base / f"post{index:03}.sqlite3"
    shutil.copyfile(_empty_template(base), path)
    post = replica(path, "post", communes[index % len(communes)].code)
    try:
        hub_id = introduce(base, post, hub)
        fill_log(post[0], CHANGES)
        package = exporter.export_package(post[0], post[1], hub_id, base / "usb", snapshot=False)
    finally:
        post[0].dispose()
    return path, package.path


def _empty_template(base: Path) -> Path:
    """A migrated, uninitialised SQLite file (the migrations run once, not 100 times)."""
    template = base / "empty.sqlite3"
    if not template.exists():
        open_database(template).dispose()
    return template


def _floor(server: Any, posts: list[Path]) -> float:
    """executemany of each post's benchmark log rows into a plain table, one transaction each;
    only the inserts and commits are timed."""
    import psycopg

    table = table_of(SyncChange)
    columns = ", ".join(c.name for c in table.columns)
    insert = f"INSERT INTO {FLOOR_TABLE} ({columns}) VALUES ({', '.join(['%s'] * len(table.c))})"
    total = 0.0
    with psycopg.connect(server.get_uri("antq_hub")) as conn:
        conn.execute(f"CREATE TABLE {FLOOR_TABLE} (LIKE sync_change)")
        conn.commit()
        for path in posts:
            rows = _bench_rows(path)
            start = time.perf_counter()
            with conn.cursor() as cursor:
                cursor.executemany(insert, rows)
            conn.commit()
            total += _since(start)
    return total


def _bench_rows(path: Path) -> list[tuple[Any, ...]]:
    """The change rows `_fill_log` wrote in the post at `path`, typed as the hub stores them."""
    db = open_database(path)
    table = table_of(SyncChange)
    try:
        with db.engine.connect() as conn:
            found = conn.execute(select(table).where(table.c.tx_id == "bench")).all()
    finally:
        db.dispose()
    assert len(found) == CHANGES, (path, len(found))
    return [tuple(row) for row in found]


def _pg_admin(server: Any, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _since(start: float) -> float:
    return time.perf_counter() - start


def _say(text: str) -> None:
    print(f"hub bench: {text}", file=sys.stderr, flush=True)
