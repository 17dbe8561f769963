"""The replicas benchmarks measure: made fresh, introduced by one exchange each way, and given a
change log of any length without going through the services."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from db.base import table_of
from db.hlc import Hlc
from db.ids import new_id
from db.models import LocalReplica, SyncChange, SyncClock, VersionVector
from db.schema import SCHEMA_VERSION
from db.uow import Database, UnitOfWork
from desktop_app.actor import Actor
from desktop_app.database import open_database
from desktop_app.services import peers, setup
from desktop_app.sync import exporter, importer

PASSWORD = "bench-password"
Replica = tuple[Database, Actor]


def replica(target: Path | str, role: str, unit: str) -> Replica:
    """A fresh replica at `target` (a file or a PostgreSQL URL) and its chief."""
    db = open_database(target)
    result = setup.init_replica(
        db,
        role=role,
        unit_code=unit,
        name=f"Bench {role}",
        admin_user="bench",
        admin_password=PASSWORD,
    )
    return db, result.admin


def introduce(base: Path, post: Replica, hub: Replica) -> str:
    """Each trusts the other's key card, then one package goes each way (through `base`), so
    the next package the post sends is incremental, not a snapshot. Returns the hub's id."""
    hub_card, post_card = peers.key_card(*hub), peers.key_card(*post)
    peers.add_peer(*post, hub_card.to_json())
    peers.add_peer(*hub, post_card.to_json())
    first = exporter.export_package(*post, hub_card.replica_id, base / "usb")
    importer.import_package(*hub, first.path)
    back = exporter.export_package(*hub, post_card.replica_id, base / "usb")
    importer.import_package(*post, back.path)
    return hub_card.replica_id


def fill_log(db: Database, count: int) -> None:
    """`count` creation entries of residents, written straight into the log (set-up only)."""
    with UnitOfWork(db, write=True) as uow:
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
