"""Rows a package creates are inserted set-based: the hub ends up exactly as the field-by-field
merge would leave it, and later edits and conflicts behave the same."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db.base import SYNCED
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.services import conflicts, officers, records
from desktop_app.sync import merge
from tests.sync_harness import PASSWORD, Replica, exchange

HONG_HA, HANOI = "00097", "01"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Replica, Replica, Replica]]:
    """A post with a seeded commune, and two identical copies of the hub it reports to."""
    post = Replica.create("post", str(tmp_path / "post.sqlite3"), "post", HONG_HA, tmp_path)
    hub = Replica.create("hub", str(tmp_path / "hub.sqlite3"), "hub", HANOI, tmp_path)
    post.trust(hub)
    hub.trust(post)
    exchange(post, hub)  # the handshake: the measured package is incremental
    seed(post.db, post.actor, households=12)
    person = post.put("person", full_name="Y Bih Niê", given_name="Bih", birth_year=1990)
    post.put("person", id=person, phone="0912000001")  # a creation and an edit of one row
    twin = _copy(hub, tmp_path / "twin.sqlite3")
    yield post, hub, twin
    for replica in (post, hub, twin):
        replica.close()


def _copy(hub: Replica, path: Path) -> Replica:
    source = sqlite3.connect(str(hub.db.engine.url.database))
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    db = open_database(path)
    actor = officers.login(db, "truong", PASSWORD)
    return Replica("twin", db, actor, hub.replica_id, hub.unit_code, hub.outbox)


def _field_by_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """The merge as it was before set-based creations: every change through the ORM rule."""
    monkeypatch.setattr(merge.Merger, "_split_created", lambda self, changes: ([], list(changes)))


def _tables(replica: Replica) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every synced table (all columns, derived and local ones too) and the
    search index, in a stable order."""
    found = {}
    with replica.db.engine.connect() as conn:
        for name in [*sorted(SYNCED), "search_token"]:
            rows = conn.execute(text(f"SELECT * FROM {name} ORDER BY 1, 2, 3"))
            found[name] = [tuple(r) for r in rows]
    return found


def test_a_package_of_new_rows_leaves_the_hub_as_the_field_by_field_merge_does(
    world: tuple[Replica, Replica, Replica], monkeypatch: pytest.MonkeyPatch
) -> None:
    post, hub, twin = world
    package = post.send(hub)
    [set_based] = hub.receive(package)
    _field_by_field(monkeypatch)
    [orm] = twin.receive(package)
    assert set_based.applied == orm.applied > 200
    ours, theirs = _tables(hub), _tables(twin)
    assert sum(len(rows) for rows in ours.values()) > 500
    for name in ours:
        assert ours[name] == theirs[name], name
    found = records.list_records(hub.db, hub.actor, "person", search="bih nie")
    assert [r.get("full_name") for r in found] == ["Y Bih Niê"]


def test_after_a_set_based_creation_edits_and_conflicts_follow_the_field_rule(
    world: tuple[Replica, Replica, Replica], monkeypatch: pytest.MonkeyPatch
) -> None:
    post, hub, twin = world
    person = post.put("person", full_name="Trần Văn Bình", birth_year=1975)
    package = post.send(hub)
    hub.receive(package)
    with monkeypatch.context() as patched:
        _field_by_field(patched)
        twin.receive(package)
    # Each hub changes the phone without having seen the post's next edit, and edits
    # another field the post leaves alone.
    for replica in (hub, twin):
        replica.put("person", id=person, phone="0912000002", occupation="Nông dân")
    post.put("person", id=person, phone="0912000003")
    edit = post.send(hub)
    for replica in (hub, twin):
        replica.receive(edit)
        found = conflicts.list_conflicts(replica.db, replica.actor)
        assert [(c.record_type, c.field) for c in found] == [("person", "phone")]
        assert {found[0].winner_value, found[0].loser_value} == {"0912000002", "0912000003"}
        assert replica.get("person", person).get("occupation") == "Nông dân"
    assert hub.get("person", person).get("phone") == twin.get("person", person).get("phone")
