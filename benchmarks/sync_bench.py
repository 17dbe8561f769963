"""Sync throughput on 100,000 field changes: export against a raw read + zip + age of the same
bytes, import against a raw SQLite executemany of the same rows."""

from __future__ import annotations

import io
import json
import sqlite3
import time
import zipfile
from pathlib import Path

import pyrage

from benchmarks.replicas import fill_log, introduce, replica
from benchmarks.report import Figure
from desktop_app.sync import exporter, importer

CHANGES = 100_000


def run(folder: str) -> list[Figure]:
    base = Path(folder)
    post = replica(base / "post.sqlite3", "post", "00097")
    hub = replica(base / "hub.sqlite3", "hub", "01")
    hub_id = introduce(base, post, hub)
    fill_log(post[0], CHANGES)
    start = time.perf_counter()
    result = exporter.export_package(post[0], post[1], hub_id, base / "usb", snapshot=False)
    export_s = time.perf_counter() - start
    start = time.perf_counter()
    imported = importer.import_package(hub[0], hub[1], result.path)
    import_s = time.perf_counter() - start
    assert imported.applied >= CHANGES, imported
    raw_export, raw_import = _floors(base, post[0].engine.url.database or "", hub[1])
    return [
        Figure(
            f"sync export {CHANGES // 1000}k changes",
            export_s,
            raw_export,
            "s",
            "ratio ≤ 2 (issue 11)",
            2.0,
        ),
        Figure(
            f"sync import {CHANGES // 1000}k changes",
            import_s,
            raw_import,
            "s",
            "ratio ≤ 4 (issue 11)",
            4.0,
        ),
    ]


def _floors(base: Path, post_path: str, _actor: object) -> tuple[float, float]:
    """Raw read + json + zip + age of the log; raw executemany of as many rows."""
    start = time.perf_counter()
    conn = sqlite3.connect(post_path)
    rows = conn.execute("SELECT * FROM sync_change").fetchall()
    conn.close()
    data = "".join(json.dumps(list(r), ensure_ascii=False) + "\n" for r in rows).encode()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("changes.jsonl", data)
    recipient = pyrage.x25519.Identity.generate().to_public()
    pyrage.encrypt(archive.getvalue(), [recipient])
    raw_export = time.perf_counter() - start
    target = sqlite3.connect(base / "raw.sqlite3")
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=FULL")
    target.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(rows[0])))})")
    start = time.perf_counter()
    with target:
        target.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(rows[0]))})", rows)
    raw_import = time.perf_counter() - start
    target.close()
    return raw_export, raw_import
