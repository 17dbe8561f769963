"""The copies made on their own around risky changes: before a sync import (not a dry run) and
before a schema upgrade, and what a restored copy of a replica that synced must do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.engine import sqlite_path
from desktop_app import backups
from desktop_app.database import open_database
from tests.backup_support import data_dir  # noqa: F401  (autouse: a data folder per test)
from tests.sync_harness import Replica


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Replica, Replica]:
    post = Replica.create("a", str(tmp_path / "a.sqlite3"), "post", "00097", tmp_path)
    hub = Replica.create("hub", str(tmp_path / "hub.sqlite3"), "hub", "01", tmp_path)
    post.trust(hub)
    hub.trust(post)
    yield post, hub
    post.close()
    hub.close()


def test_an_import_makes_one_copy_first_and_a_dry_run_none(pair: tuple[Replica, Replica]) -> None:
    post, hub = pair
    post.put("area", name="Tổ dân phố 9", kind="to_dan_pho")
    first, second = post.send(hub), post.send(hub)
    hub_file = sqlite_path(hub.db.engine)
    assert hub_file is not None
    hub.receive(first, dry_run=True)
    assert backups.list_backups(hub_file) == []
    hub.receive(first, second)
    made = backups.list_backups(hub_file)
    assert [b.kind for b in made] == [backups.BEFORE_IMPORT]
    assert made[0].ok and made[0].unit_name == "Công an hub"


def test_a_restored_copy_of_a_replica_that_synced_must_reenrol(
    pair: tuple[Replica, Replica], tmp_path: Path
) -> None:
    post, hub = pair
    hub.receive(post.send(hub))
    copy = backups.backup_database(hub.db, backups.MANUAL)
    assert copy is not None
    result = backups.restore(copy.path, tmp_path / "hub-phuc-hoi.sqlite3")
    assert result.had_synced


def test_opening_an_older_database_copies_it_before_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "cu.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
        conn.execute("INSERT INTO ghi_chu VALUES ('Dữ liệu cũ')")
    conn.close()
    open_database(path).dispose()
    [copy] = backups.list_backups(path)
    assert copy.kind == backups.BEFORE_MIGRATION and copy.ok and copy.replica_id is None
