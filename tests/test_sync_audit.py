"""Audit events travel to the hub in sync packages: the province keeps a copy of each post's
chain that the post cannot quietly shorten, each event arrives once, and posts never receive
other machines' trails."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import AuditEvent, LocalReplica
from desktop_app.services import audit
from desktop_app.sync.package import AUDIT, open_package
from desktop_app.work import work
from tests.conftest import _pg_admin, _pg_url
from tests.sync_harness import Replica, exchange

HONG_HA, HANOI = "00097", "01"
_names = iter(range(1, 10_000))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Replica, Replica]]:
    if request.param == "sqlite":
        target = str(tmp_path / "hub.sqlite3")
    else:
        server = request.getfixturevalue("pg_server")
        name = f"antq_audit{next(_names)}"
        _pg_admin(server, f"CREATE DATABASE {name}")
        target = _pg_url(server, name)
    hub = Replica.create("hub", target, "hub", HANOI, tmp_path)
    post = Replica.create("a", str(tmp_path / "a.sqlite3"), "post", HONG_HA, tmp_path)
    post.trust(hub)
    hub.trust(post)
    yield post, hub
    post.close()
    hub.close()
    if request.param != "sqlite":
        _pg_admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def _events(replica: Replica, of: Replica) -> list[tuple[int, str]]:
    with work(replica.db, replica.actor, write=False) as w:
        query = (
            select(AuditEvent.seq, AuditEvent.hash)
            .where(AuditEvent.replica_id == of.replica_id)
            .order_by(AuditEvent.seq)
        )
        return [(seq, digest) for seq, digest in w.session.execute(query)]


def _count(replica: Replica) -> int:
    with work(replica.db, replica.actor, write=False) as w:
        return int(w.session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_the_hub_holds_the_posts_chain_and_it_verifies(pair: tuple[Replica, Replica]) -> None:
    post, hub = pair
    post.put("area", name="Tổ dân phố 1", kind="to_dan_pho")
    hub.receive(post.send(hub))
    theirs = _events(hub, post)
    ours = _events(post, post)
    # The post's export itself is an event written after the package was sealed.
    assert theirs == ours[: len(theirs)]
    assert len(theirs) >= 3
    reports = {r.replica_id: r for r in audit.verify(hub.db, hub.actor)}
    assert reports[post.replica_id].ok
    assert reports[post.replica_id].events == len(theirs)


def test_each_event_travels_once_and_a_lost_package_is_covered(
    pair: tuple[Replica, Replica],
) -> None:
    post, hub = pair
    post.put("area", name="Tổ dân phố 1", kind="to_dan_pho")
    post.send(hub)  # lost on the way
    post.put("area", name="Tổ dân phố 2", kind="to_dan_pho")
    exchange(post, hub)
    first = _events(hub, post)
    assert [s for s, _ in first] == list(range(1, len(first) + 1))
    post.put("area", name="Tổ dân phố 3", kind="to_dan_pho")
    package = post.send(hub)
    carried = open_package(package.read_bytes(), _identity(hub))
    seqs = [e["seq"] for e in carried.audit()]
    # Only what the hub had not acknowledged: the post's events after its last package.
    assert seqs and min(seqs) == first[-1][0] + 1
    hub.receive(package)
    assert [s for s, _ in _events(hub, post)] == list(range(1, seqs[-1] + 1))


def _identity(replica: Replica) -> str:
    with work(replica.db, replica.actor, write=False) as w:
        return w.session.scalars(select(LocalReplica)).one().age_identity


def test_posts_never_receive_other_machines_audit_events(pair: tuple[Replica, Replica]) -> None:
    post, hub = pair
    post.put("area", name="Tổ dân phố 1", kind="to_dan_pho")
    hub.receive(post.send(hub))
    before = _count(post)
    back = hub.send(post)
    assert AUDIT not in open_package(back.read_bytes(), _identity(post)).members
    post.receive(back)
    assert _events(post, hub) == []
    assert _count(post) == before + 1  # the post's own import event only


def test_events_deleted_at_the_post_after_sync_survive_at_the_hub(
    pair: tuple[Replica, Replica],
) -> None:
    post, hub = pair
    case_area = post.put("area", name="Tổ dân phố 1", kind="to_dan_pho")
    post.get("area", case_area)
    exchange(post, hub)
    held = _events(hub, post)
    path = str(post.db.engine.url.database)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM audit_event WHERE seq >= 2")
    conn.close()
    assert len(_events(post, post)) == 1
    assert _events(hub, post) == held
    assert all(r.ok for r in audit.verify(hub.db, hub.actor))


def test_reimporting_a_package_adds_no_event_twice(pair: tuple[Replica, Replica]) -> None:
    post, hub = pair
    post.put("area", name="Tổ dân phố 1", kind="to_dan_pho")
    package = post.send(hub)
    hub.receive(package)
    held = _events(hub, post)
    hub.receive(package)
    assert _events(hub, post) == held
