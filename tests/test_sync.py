"""Sync by file between posts and the hub: convergence, scope, conflicts, and every way a
package can go wrong. Each replica is its own real database; the hub runs on SQLite and on
PostgreSQL."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.errors import AntqError
from desktop_app.services import cases, conflicts
from desktop_app.sync import importer
from desktop_app.sync.package import PackageError
from tests.conftest import _pg_admin, _pg_url
from tests.sync_harness import Replica, domain_records, exchange

HONG_HA, BA_DINH, HANOI = "00097", "00004", "01"
_names = iter(range(1, 10_000))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def hub_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "hub.sqlite3")
        return
    server = request.getfixturevalue("pg_server")
    name = f"antq_hub{next(_names)}"
    _pg_admin(server, f"CREATE DATABASE {name}")
    yield _pg_url(server, name)
    _pg_admin(server, f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def world(hub_target: str, tmp_path: Path) -> Iterator[dict[str, Replica]]:
    """Two machines of Phường Hồng Hà, one of Phường Ba Đình, and the Hà Nội hub."""
    hub = Replica.create("hub", hub_target, "hub", HANOI, tmp_path)
    posts = {
        "a": Replica.create("a", str(tmp_path / "a.sqlite3"), "post", HONG_HA, tmp_path),
        "a2": Replica.create("a2", str(tmp_path / "a2.sqlite3"), "post", HONG_HA, tmp_path),
        "b": Replica.create("b", str(tmp_path / "b.sqlite3"), "post", BA_DINH, tmp_path),
    }
    for post in posts.values():
        post.trust(hub)
        hub.trust(post)
    yield {"hub": hub, **posts}
    for replica in (hub, *posts.values()):
        replica.close()


def household(replica: Replica, name: str, **person: Any) -> tuple[str, str]:
    area = replica.put("area", name=f"Tổ dân phố {name}", kind="to_dan_pho")
    home = replica.put("household", address=f"Số 1, {name}", area_id=area)
    pid = replica.put("person", full_name=name, household_id=home, **person)
    return home, pid


def settle(world: dict[str, Replica], rounds: int = 2) -> None:
    for _ in range(rounds):
        for key in ("a", "a2", "b"):
            exchange(world[key], world["hub"])


def test_records_reach_the_other_machine_of_the_commune_and_nowhere_else(
    world: dict[str, Replica],
) -> None:
    a, a2, b, hub = world["a"], world["a2"], world["b"], world["hub"]
    _, person = household(a, "Nguyễn Thị Hoà", birth_year=1980, id_number="001180000001")
    settle(world)
    assert a2.get("person", person).get("full_name") == "Nguyễn Thị Hoà"
    assert hub.get("person", person).get("id_number") == "001180000001"
    assert domain_records(a.dump(), HONG_HA) == domain_records(a2.dump(), HONG_HA)
    assert domain_records(hub.dump(), HONG_HA) == domain_records(a.dump(), HONG_HA)
    assert not any(
        r.get("unit_code") == HONG_HA for rows in b.dump()["records"].values() for r in rows
    )
    # Search works on the receiving machine: derived columns and the index were built there.
    from desktop_app.services import records

    found = records.list_records(a2.db, a2.actor, "person", search="nguyen hoa")
    assert [r.id for r in found] == [person]


def test_concurrent_edits_converge_and_the_conflict_is_kept_for_review(
    world: dict[str, Replica],
) -> None:
    a, a2, hub = world["a"], world["a2"], world["hub"]
    _, person = household(a, "Trần Văn Bình", birth_year=1975)
    settle(world)
    a.put("person", id=person, phone="0912000001")
    a2.put("person", id=person, phone="0912000002")
    a2.put("person", id=person, occupation="Nông dân")  # another field: no conflict
    settle(world, rounds=3)
    values = {
        r.get("phone")
        for r in (a.get("person", person), a2.get("person", person), hub.get("person", person))
    }
    assert len(values) == 1
    assert a.get("person", person).get("occupation") == "Nông dân"
    found = conflicts.list_conflicts(hub.db, hub.actor)
    assert [(c.record_type, c.field) for c in found] == [("person", "phone")]
    assert {found[0].winner_value, found[0].loser_value} == {"0912000001", "0912000002"}
    assert domain_records(a.dump(), HONG_HA) == domain_records(a2.dump(), HONG_HA)


def test_resolving_a_conflict_is_a_change_that_syncs(world: dict[str, Replica]) -> None:
    a, a2, hub = world["a"], world["a2"], world["hub"]
    _, person = household(a, "Lê Văn Tám", birth_year=1970)
    settle(world)
    a.put("person", id=person, phone="0912000011")
    a2.put("person", id=person, phone="0912000022")
    settle(world, rounds=2)
    conflict = conflicts.list_conflicts(hub.db, hub.actor)[0]
    conflicts.resolve(hub.db, hub.actor, conflict.id, conflicts.SWAP, "Đã gọi điện xác minh với hộ")
    settle(world, rounds=2)
    expected = conflict.loser_value
    assert {x.get("person", person).get("phone") for x in (a, a2, hub)} == {expected}
    assert conflicts.list_conflicts(hub.db, hub.actor) == []


def test_lost_duplicated_and_reordered_packages_still_converge(world: dict[str, Replica]) -> None:
    rng = random.Random(7)
    a, a2, b, hub = world["a"], world["a2"], world["b"], world["hub"]
    people = {"a": household(a, "Phạm Văn Một")[1], "b": household(b, "Đỗ Thị Hai")[1]}
    settle(world, rounds=1)
    stick: list[tuple[Replica, Path]] = []
    for step in range(24):
        post = rng.choice([a, a2, b])
        person = people["b" if post is b else "a"]
        post.put("person", id=person, note=f"Ghi chú {step} của {post.name}")
        if rng.random() < 0.5:
            stick.append((hub, post.send(hub)))
        if rng.random() < 0.5:
            stick.append((post, hub.send(post)))
        rng.shuffle(stick)
        while stick and rng.random() < 0.6:
            target, package = stick.pop()
            if rng.random() < 0.2:
                continue  # lost
            target.receive(package)
            if rng.random() < 0.3:
                target.receive(package)  # delivered twice
    settle(world, rounds=3)
    assert domain_records(a.dump(), HONG_HA) == domain_records(a2.dump(), HONG_HA)
    assert domain_records(hub.dump(), HONG_HA) == domain_records(a.dump(), HONG_HA)
    assert domain_records(hub.dump(), BA_DINH) == domain_records(b.dump(), BA_DINH)


def test_reimporting_any_package_changes_nothing(world: dict[str, Replica]) -> None:
    a, hub = world["a"], world["hub"]
    household(a, "Vũ Văn Ba")
    package = a.send(hub)
    first = hub.receive(package)[0]
    before = hub.dump()
    again = hub.receive(package, package)
    assert first.status == importer.APPLIED and first.applied > 0
    assert {r.status for r in again} == {importer.ALREADY}
    assert hub.dump() == before


def test_an_export_with_nothing_new_still_writes_a_package_with_acknowledgements(
    world: dict[str, Replica],
) -> None:
    a, hub = world["a"], world["hub"]
    household(a, "Hồ Văn Sáu")
    exchange(a, hub)
    empty = a.send(hub)
    assert empty.exists()
    assert hub.receive(empty)[0].status == importer.APPLIED


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_a_damaged_package_is_refused_and_changes_nothing(
    world: dict[str, Replica], tmp_path: Path, damage: str
) -> None:
    a, hub = world["a"], world["hub"]
    household(a, "Bùi Văn Bảy")
    data = bytearray(a.send(hub).read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        data = data[: len(data) - 100]
    else:
        data = bytearray(b"not an age file at all" * 50)
    bad = tmp_path / "bad.antq"
    bad.write_bytes(bytes(data))
    before = hub.dump()
    with pytest.raises(PackageError):
        hub.receive(bad)
    assert hub.dump() == before


def test_packages_for_another_machine_or_from_strangers_are_refused(
    world: dict[str, Replica], tmp_path: Path
) -> None:
    a, a2, b, hub = world["a"], world["a2"], world["b"], world["hub"]
    household(a, "Mai Văn Tám")
    for_hub = a.send(hub)
    with pytest.raises(PackageError):
        b.receive(for_hub)  # encrypted to the hub: b cannot even read it
    stranger = Replica.create("x", str(tmp_path / "x.sqlite3"), "post", HONG_HA, tmp_path)
    try:
        stranger.trust(hub)
        with pytest.raises(PackageError, match="chưa được thêm làm đối tác"):
            hub.receive(stranger.send(hub))
    finally:
        stranger.close()
    from desktop_app.services import peers

    peers.revoke_peer(hub.db, hub.actor, a2.replica_id)
    household(a2, "Tô Văn Chín")
    with pytest.raises(PackageError, match="thu hồi"):
        hub.receive(a2.send(hub))


def test_dry_run_reports_and_changes_nothing(world: dict[str, Replica]) -> None:
    a, hub = world["a"], world["hub"]
    household(a, "Lý Văn Mười")
    package = a.send(hub)
    before = hub.dump()
    summary = hub.receive(package, dry_run=True)[0]
    assert summary.dry_run and summary.applied > 0
    assert hub.dump() == before
    assert hub.receive(package)[0].status == importer.APPLIED


def test_a_package_from_a_newer_version_is_held_until_upgrade(
    world: dict[str, Replica], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, hub = world["a"], world["hub"]
    household(a, "Kha Văn Một")
    from db.schema import SCHEMA_VERSION
    from desktop_app.sync import exporter

    monkeypatch.setattr(exporter, "MIN_READER_SCHEMA", SCHEMA_VERSION + 1)
    package = a.send(hub)
    before = hub.dump()
    result = hub.receive(package)[0]
    assert result.status == importer.HELD_SCHEMA and "phiên bản" in result.message
    assert hub.dump() == before


def test_a_clock_days_ahead_is_held_for_review_then_released(
    world: dict[str, Replica], tmp_path: Path
) -> None:
    from db.hlc import wall_clock_ms
    from db.uow import Database

    hub, a = world["hub"], world["a"]
    a.db = Database(a.db.engine, now_ms=lambda: wall_clock_ms() + 5 * 86_400_000)
    household(a, "Tương Lai")
    result = hub.receive(a.send(hub))[0]
    assert result.status == importer.HELD_CLOCK
    released = importer.release(hub.db, hub.actor, result.package_id)
    assert released.status == importer.APPLIED and released.applied > 0


def test_seven_hours_ahead_syncs_normally(world: dict[str, Replica]) -> None:
    from db.hlc import wall_clock_ms
    from db.uow import Database

    hub, a = world["hub"], world["a"]
    a.db = Database(a.db.engine, now_ms=lambda: wall_clock_ms() + 7 * 3_600_000)
    household(a, "Múi Giờ")
    assert hub.receive(a.send(hub))[0].status == importer.APPLIED


def test_a_missing_package_holds_the_next_until_it_arrives(world: dict[str, Replica]) -> None:
    a, hub = world["a"], world["hub"]
    household(a, "Thứ Nhất")
    exchange(a, hub)
    household(a, "Thứ Hai")
    first = hub.send(a)
    household(hub, "Ở Tỉnh")  # the hub's own change, so its next package has a new range
    # Hub packages are cumulative; a gap only arises when an acknowledgement ran ahead.
    second = hub.send(a)
    assert a.receive(second)[0].status == importer.APPLIED
    assert a.receive(first)[0].status == importer.APPLIED


def test_a_case_moves_to_another_commune_through_the_hub(world: dict[str, Replica]) -> None:
    a, b = world["a"], world["b"]
    _, person = household(a, "Đinh Văn Chuyển", birth_year=1990)
    case = a.put(
        "reintegration_case", person_id=person, release_type="served", release_date="2025-05-05"
    )
    contact = a.put(
        "case_contact", case_id=case, contact_on="2025-06-01", kind="visit", content="Gặp lần đầu"
    )
    settle(world)
    assert not any(r["id"] == case for r in b.dump()["records"]["reintegration_case"])
    cases.transfer(a.db, a.actor, case, BA_DINH)
    settle(world)
    moved = b.get("reintegration_case", case)
    assert moved.unit_code == BA_DINH
    assert b.get("case_contact", contact).get("content") == "Gặp lần đầu"
    assert b.get("person", person).get("full_name") == "Đinh Văn Chuyển"
    b.put("case_contact", case_id=case, contact_on="2025-07-01", kind="visit", content="Tiếp nhận")
    with pytest.raises(AntqError, match="đã chuyển"):
        a.put(
            "case_contact",
            case_id=case,
            contact_on="2025-07-02",
            kind="visit",
            content="Không được",
        )
    settle(world)

    def contacts(replica: Replica) -> int:
        return len([r for r in replica.dump()["records"]["case_contact"] if r["case_id"] == case])

    # The hub follows the case; the old post keeps its read-only copy as it was handed over.
    assert (contacts(world["hub"]), contacts(b), contacts(a)) == (2, 2, 1)


def test_a_restored_backup_is_detected_and_reenrolment_recovers(
    world: dict[str, Replica], tmp_path: Path
) -> None:
    a, a2, hub = world["a"], world["a2"], world["hub"]
    _, person = household(a, "Phục Hồi", birth_year=1985)
    settle(world)
    backup = tmp_path / "a-backup.sqlite3"
    a.db.dispose()
    shutil.copyfile(tmp_path / "a.sqlite3", backup)
    a.put("person", id=person, note="Sau sao lưu, đã gửi tỉnh")
    exchange(a, hub)
    a.db.dispose()
    shutil.copyfile(backup, tmp_path / "a.sqlite3")  # the disk is restored from the old copy
    a.put("person", id=person, occupation="Sau phục hồi")
    clash = hub.receive(a.send(hub))[0]
    assert clash.status == importer.QUARANTINED
    told = a.receive(hub.send(a))[0]
    assert told.status == importer.QUARANTINED and "đăng ký lại" in told.message
    from desktop_app.services import peers
    from desktop_app.sync import status

    status.reenrol(a.db, a.actor)
    a.replica_id = peers.key_card(a.db, a.actor).replica_id
    a.trust(hub)
    hub.trust(a)
    settle(world, rounds=3)
    final = {x.get("person", person).get("occupation") for x in (a, a2, hub)}
    notes = {x.get("person", person).get("note") for x in (a, a2, hub)}
    assert final == {"Sau phục hồi"} and notes == {"Sau sao lưu, đã gửi tỉnh"}
    assert domain_records(a.dump(), HONG_HA) == domain_records(hub.dump(), HONG_HA)


def test_attachments_travel_as_blobs(world: dict[str, Replica], tmp_path: Path) -> None:
    from desktop_app.services import attachments

    a, a2 = world["a"], world["a2"]
    home, _ = household(a, "Có Tệp")
    scan = tmp_path / "so-ho.jpg"
    scan.write_bytes(b"\xff\xd8 ban chup so ho" * 40)
    added = attachments.add(a.db, a.actor, "household", home, scan)
    settle(world)
    blob = attachments.blob_path(added.get("sha256"))
    assert blob.read_bytes() == scan.read_bytes()
    listed = attachments.list_for(a2.db, a2.actor, "household", home)
    assert [x.get("sha256") for x in listed] == [added.get("sha256")]


def test_a_stick_pulled_during_the_write_leaves_no_package_and_nothing_recorded(
    world: dict[str, Replica], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.sync import media, status

    a, hub = world["a"], world["hub"]
    household(a, "Rút USB")

    def pulled(src: str, dst: str) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(media.os, "replace", pulled)
        with pytest.raises(media.MediaError, match="Không ghi được"):
            a.send(hub)
    assert not list(a.outbox.glob("*.antq"))
    assert [p for p in status.status(a.db, a.actor).history if p.direction == "sent"] == []
    package = a.send(hub)  # the next export works, and cleans up what the first left
    assert [p.name for p in a.outbox.iterdir()] == [package.name]
    assert hub.receive(package)[0].status == importer.APPLIED


def test_a_package_from_an_older_schema_is_upgraded(
    world: dict[str, Replica], monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.schema import SCHEMA_VERSION
    from desktop_app.sync import exporter, upcast
    from desktop_app.sync.changelog_io import as_dict

    a, hub = world["a"], world["hub"]
    _, person = household(a, "Lược Đồ Cũ", birth_year=1960)
    exchange(a, hub)
    a.put("person", id=person, occupation="Thợ may")
    # The sender runs the previous version, where `occupation` was still called `job`.
    real = as_dict

    def older(change: Any) -> dict[str, Any]:
        data = real(change)
        if data["field"] == "occupation":
            data["field"] = "job"
        data["schema_version"] = SCHEMA_VERSION - 1
        return data

    monkeypatch.setattr(exporter.changelog_io, "as_dict", older)
    monkeypatch.setitem(
        upcast.UPCASTERS, SCHEMA_VERSION - 1, upcast.rename_field("person", "job", "occupation")
    )
    result = hub.receive(a.send(hub))[0]
    assert result.status == importer.APPLIED
    assert hub.get("person", person).get("occupation") == "Thợ may"


def test_the_command_line_runs_sync_with_the_hub_on_either_engine(
    hub_target: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from desktop_app.cli import main

    monkeypatch.setenv("ANTQ_PASSWORD", "mat-khau-cli-1")
    post_db = str(tmp_path / "post.sqlite3")

    def antq(db: str, *args: str, expect: int = 0) -> str:
        code = main(["--db", db, "--user", "truong", "--json", *args])
        out, err = capsys.readouterr()
        assert code == expect, err
        return out

    assert (
        main(
            [
                "--db",
                hub_target,
                "init",
                "--role",
                "hub",
                "--unit-code",
                HANOI,
                "--name",
                "Công an thành phố Hà Nội",
                "--admin-user",
                "truong",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--db",
                post_db,
                "init",
                "--role",
                "post",
                "--unit-code",
                HONG_HA,
                "--name",
                "Công an phường Hồng Hà",
                "--admin-user",
                "truong",
            ]
        )
        == 0
    )
    capsys.readouterr()
    hub_card, post_card = tmp_path / "hub.json", tmp_path / "post.json"
    antq(hub_target, "keys", "card", "--out", str(hub_card))
    antq(post_db, "keys", "card", "--out", str(post_card))
    antq(hub_target, "peers", "add", str(post_card))
    antq(post_db, "peers", "add", str(hub_card))
    area = tmp_path / "area.json"
    area.write_text('{"name": "Tổ dân phố 9", "kind": "to_dan_pho"}', encoding="utf-8")
    area_id = json.loads(antq(post_db, "records", "put", "area", "--file", str(area)))["id"]
    hub_id = json.loads(hub_card.read_text(encoding="utf-8"))["replica_id"]
    stick = tmp_path / "usb"
    exported = json.loads(antq(post_db, "sync", "export", "--peer", hub_id, "--out", str(stick)))
    summary = json.loads(antq(hub_target, "sync", "import", exported["path"]))
    assert summary[0]["status"] == "applied"
    assert json.loads(antq(hub_target, "records", "get", "area", area_id))["name"] == "Tổ dân phố 9"
    again = json.loads(antq(hub_target, "sync", "import", exported["path"]))
    assert again[0]["status"] == "already_imported"
    status = json.loads(antq(hub_target, "sync", "status"))
    assert status["history"][0]["direction"] == "received"
