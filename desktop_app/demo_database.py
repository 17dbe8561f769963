"""The demo database behind `make run` and `antq-desk --demo`: made once, then reused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db.ids import new_id
from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.database import open_database
from desktop_app.services import officers, peers, setup
from desktop_app.sync import keys

DEMO_USER = "admin"
DEMO_PASSWORD = "antq-demo"  # documented in README: the demo holds invented people only
DEMO_UNIT = "18073"  # Phường Thành Sen, Hà Tĩnh
DEMO_NAME = "Công an phường Thành Sen"
DEMO_HOUSEHOLDS = 300


@dataclass(frozen=True)
class Demo:
    db: Database
    actor: Actor


def open_demo(path: str | Path) -> Demo:
    """Open the demo database at `path`, creating and seeding it on first use."""
    from desktop_app.demo.seed import seed

    db = open_database(path)
    if not setup.is_initialised(db):
        result = setup.init_replica(
            db,
            role="post",
            unit_code=DEMO_UNIT,
            name=DEMO_NAME,
            admin_user=DEMO_USER,
            admin_password=DEMO_PASSWORD,
            admin_full_name="Nguyễn Văn Minh",
        )
        seed(db, result.admin, households=DEMO_HOUSEHOLDS, seed=2026)
        peers.add_peer(db, result.admin, _demo_hub_card())
    return Demo(db, officers.login(db, DEMO_USER, DEMO_PASSWORD))


def _demo_hub_card() -> dict[str, str]:
    """The key card of an invented provincial hub, so the sync page shows a partner."""
    pair = keys.generate()
    replica_id = new_id()
    return {
        "replica_id": replica_id,
        "unit_code": "42",
        "name": "Công an tỉnh Hà Tĩnh",
        "role": "hub",
        "age_recipient": pair.age_recipient,
        "sign_public": pair.sign_public,
        "fingerprint": keys.fingerprint(replica_id, pair.age_recipient, pair.sign_public),
    }
