"""A small world of replicas for sync tests: posts and a hub, each its own real database."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.database import open_database
from desktop_app.services import peers, records, setup
from desktop_app.services.dump import write_dump
from desktop_app.sync import exporter, importer
from desktop_app.sync.importer import ImportSummary

PASSWORD = "mat-khau-dong-bo"


@dataclass
class Replica:
    name: str
    db: Database
    actor: Actor
    replica_id: str
    unit_code: str
    outbox: Path
    sent: list[Path] = field(default_factory=list)

    @classmethod
    def create(cls, name: str, target: str, role: str, unit_code: str, folder: Path) -> Replica:
        db = open_database(target)
        result = setup.init_replica(
            db,
            role=role,
            unit_code=unit_code,
            name=f"Công an {name}",
            admin_user="truong",
            admin_password=PASSWORD,
        )
        return cls(name, db, result.admin, result.replica.replica_id, unit_code, folder / name)

    def card(self) -> dict[str, Any]:
        return peers.key_card(self.db, self.actor).to_json()

    def trust(self, other: Replica) -> None:
        peers.add_peer(self.db, self.actor, other.card())

    def put(self, type_name: str, **values: Any) -> str:
        return records.put(self.db, self.actor, type_name, values).record.id

    def get(self, type_name: str, record_id: str) -> Any:
        return records.get(self.db, self.actor, type_name, record_id)

    def send(self, to: Replica, **options: Any) -> Path:
        result = exporter.export_package(self.db, self.actor, to.replica_id, self.outbox, **options)
        self.sent.append(result.path)
        return result.path

    def receive(self, *paths: Path, dry_run: bool = False) -> list[ImportSummary]:
        return importer.import_packages(self.db, self.actor, list(paths), dry_run=dry_run)

    def dump(self, unit_code: str | None = None) -> dict[str, Any]:
        out = io.StringIO()
        write_dump(self.db, self.actor, out, unit_code=unit_code)
        data: dict[str, Any] = json.loads(out.getvalue())
        return data

    def close(self) -> None:
        self.db.dispose()


def exchange(post: Replica, hub: Replica) -> None:
    """One trip of the stick: the post's package to the hub, then the hub's back."""
    hub.receive(post.send(hub))
    post.receive(hub.send(post))


def domain_records(dump: dict[str, Any], unit_code: str) -> dict[str, Any]:
    """Records of one commune, without per-replica seeds (each replica's own officer)."""
    return {
        kind: [r for r in rows if r.get("unit_code") == unit_code]
        for kind, rows in dump["records"].items()
        if kind != "officer"
    }
