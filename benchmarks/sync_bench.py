"""Sync throughput on 100,000 field changes: export against a raw read + zip + age of the same
bytes, import against a raw SQLite executemany of the same rows."""

from __future__ import annotations

import io
import json
import sqlite3
import time
import zipfile
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import select

from benchmarks.report import Figure
from db.base import table_of
from db.hlc import Hlc
from db.ids import new_id
from db.models import LocalReplica, SyncChange, SyncClock, VersionVector
from db.schema import SCHEMA_VERSION
from db.uow import UnitOfWork
from desktop_app.database import open_database
from desktop_app.services import peers, setup
from desktop_app.sync import exporter, importer

CHANGES = 100_000
PASSWORD = "bench-password"


def run(folder: str) -> list[Figure]:
    base = Path(folder)
    post = _replica(base / "post.sqlite3", "post", "00097")
    hub = _replica(base / "hub.sqlite3", "hub", "01")
    peers.add_peer(post[0], post[1], peers.key_card(hub[0], hub[1]).to_json())
    peers.add_peer(hub[0], hub[1], peers.key_card(post[0], post[1]).to_json())
    hub_id = peers.key_card(hub[0], hub[1]).replica_id
    post_id = peers.key_card(post[0], post[1]).replica_id
    _handshake(base, post, hub, post_id, hub_id)
    _fill_log(post[0])
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


def _handshake(base: Path, post: Any, hub: Any, post_id: str, hub_id: str) -> None:
    """One exchange each way, so the measured package is incremental rather than a snapshot."""
    first = exporter.export_package(post[0], post[1], hub_id, base / "usb")
    importer.import_package(hub[0], hub[1], first.path)
    back = exporter.export_package(hub[0], hub[1], post_id, base / "usb")
    importer.import_package(post[0], post[1], back.path)


def _replica(path: Path | str, role: str, unit: str) -> tuple[object, object]:
    db = open_database(path)
    result = setup.init_replica(
        db,
        role=role,
        unit_code=unit,
        name=f"Bench {role}",
        admin_user="bench",
        admin_password=PASSWORD,
    )
    return db, result.admin


def _fill_log(db: object, count: int = CHANGES) -> None:
    """`count` creation entries of residents, written straight into the log (set-up only)."""
    with UnitOfWork(db, write=True) as uow:  # type: ignore[arg-type]
        me = uow.session.scalars(select(LocalReplica)).one()
        wall = Hlc.parse(me.last_hlc).wall_ms + 1
        rows, clocks = [], []
        for seq in range(me.last_seq + 1, me.last_seq + count + 1):
            row_id, hlc = new_id(), Hlc(wall, seq % 99_999).encode()
            value = json.dumps(
                {
                    "full_name": f"Nguyễn Văn Số {seq}",
                    "birth_year": 1950 + seq % 60,
                    "deleted": False,
                    "unit_code": me.unit_code,
                    "origin_replica": me.replica_id,
                },
                ensure_ascii=False,
                sort_keys=True,
            )
            rows.append(
                {
                    "change_id": new_id(),
                    "origin": me.replica_id,
                    "seq": seq,
                    "hlc": hlc,
                    "tbl": "person",
                    "row_id": row_id,
                    "field": "*",
                    "value": value,
                    "base_hlc": None,
                    "base_origin": None,
                    "tx_id": "bench",
                    "officer_id": None,
                    "schema_version": SCHEMA_VERSION,
                    "unit_code": me.unit_code,
                    "applied": True,
                }
            )
            clocks.append(
                {
                    "tbl": "person",
                    "row_id": row_id,
                    "field": "*",
                    "hlc": hlc,
                    "origin": me.replica_id,
                }
            )
        uow.session.execute(table_of(SyncChange).insert(), rows)
        uow.session.execute(table_of(SyncClock).insert(), clocks)
        uow.session.merge(VersionVector(origin=me.replica_id, seq=me.last_seq + count))
        me.last_seq += count


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
