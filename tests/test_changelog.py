"""The change log: every write, one entry per changed field, in the same transaction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, func, insert, select, update

from db.base import table_of
from db.changelog import ROW_FIELD, LogGuardError
from db.hlc import Hlc
from db.models import LocalReplica, Person, SyncChange, SyncClock, VersionVector
from db.schema import SCHEMA_VERSION
from db.uow import UnitOfWork
from desktop_app.services import records
from tests.conftest import Env


def _area(env: Env) -> str:
    return records.put(
        env.db, env.admin, "area", {"name": "Thôn Đồng Tâm", "kind": "thon"}
    ).record.id


def _changes(env: Env, row_id: str) -> list[SyncChange]:
    with UnitOfWork(env.db) as uow:
        query = select(SyncChange).where(SyncChange.row_id == row_id).order_by(SyncChange.seq)
        return list(uow.session.scalars(query))


def test_create_is_one_entry_carrying_every_set_field(env: Env) -> None:
    area = _area(env)
    (entry,) = _changes(env, area)
    assert entry.field == ROW_FIELD
    fields = json.loads(entry.value or "")
    assert fields["name"] == "Thôn Đồng Tâm" and fields["kind"] == "thon"
    assert fields["deleted"] is False and fields["unit_code"] == "00097"
    assert "hlc" not in fields and "updated_at" not in fields and "sort_key" not in fields
    assert "note" not in fields  # unset fields are not sent
    assert entry.officer_id == env.admin.officer_id
    assert entry.base_hlc is None
    assert entry.schema_version == SCHEMA_VERSION


def test_update_logs_only_changed_fields_with_the_version_it_overwrote(env: Env) -> None:
    area = _area(env)
    (created,) = _changes(env, area)
    records.put(
        env.db, env.admin, "area", {"id": area, "name": "Thôn Đồng Tâm", "note": "Ven sông"}
    )
    later = _changes(env, area)[1:]
    assert [c.field for c in later] == ["note"]  # the unchanged name is not logged again
    assert later[0].base_hlc == created.hlc  # overwrote the creation's version
    records.put(env.db, env.admin, "area", {"id": area, "name": "Thôn Đông Hòa"})
    records.put(env.db, env.admin, "area", {"id": area, "name": "Thôn Đông Hoà"})
    first, second = [c for c in _changes(env, area) if c.field == "name"]
    assert first.base_hlc == created.hlc
    assert second.base_hlc == first.hlc and second.base_origin == first.origin
    assert Hlc.parse(second.hlc) > Hlc.parse(first.hlc) > Hlc.parse(created.hlc)


def test_seqs_are_gapless_and_the_vector_and_clock_follow(env: Env) -> None:
    for name in ("Thôn 1", "Thôn 2", "Thôn 3"):
        records.put(env.db, env.admin, "area", {"name": name, "kind": "thon"})
    with UnitOfWork(env.db) as uow:
        s = uow.session
        replica = s.scalars(select(LocalReplica)).one()
        seqs = list(
            s.scalars(
                select(SyncChange.seq)
                .where(SyncChange.origin == replica.replica_id)
                .order_by(SyncChange.seq)
            )
        )
        assert seqs == list(range(1, len(seqs) + 1))
        assert replica.last_seq == seqs[-1]
        assert s.get(VersionVector, replica.replica_id).seq == seqs[-1]  # type: ignore[union-attr]
        assert s.scalar(select(func.max(SyncChange.hlc))) == replica.last_hlc
        clocks = s.scalar(select(func.count()).select_from(SyncClock))
        distinct = s.scalar(
            select(func.count()).select_from(
                select(SyncChange.tbl, SyncChange.row_id, SyncChange.field).distinct().subquery()
            )
        )
        assert clocks == distinct


def test_a_transaction_of_several_records_shares_one_tx_id(env: Env) -> None:
    from desktop_app.records.catalog import record_type
    from desktop_app.services.records import save
    from desktop_app.work import work

    with work(env.db, env.admin, write=True) as w:
        a, _ = save(w, record_type("area"), {"name": "Thôn 7", "kind": "thon"})
        b, _ = save(w, record_type("area"), {"name": "Thôn 8", "kind": "thon"})
    assert _changes(env, a.id)[0].tx_id == _changes(env, b.id)[0].tx_id


def test_delete_is_a_tombstone_that_syncs(env: Env) -> None:
    area = _area(env)
    records.delete(env.db, env.admin, "area", area)
    assert _changes(env, area)[-1].field == "deleted"
    assert _changes(env, area)[-1].value == "true"
    assert records.get(env.db, env.admin, "area", area).deleted
    assert area not in [r.id for r in records.list_records(env.db, env.admin, "area")]


def test_a_failed_write_leaves_no_log_entries(env: Env) -> None:
    with UnitOfWork(env.db) as uow:
        before = uow.session.scalar(select(func.count()).select_from(SyncChange))
    with pytest.raises(Exception, match="12 chữ số"):
        records.put(env.db, env.admin, "person", {"full_name": "Lê Văn Tám", "id_number": "123"})
    with UnitOfWork(env.db) as uow:
        assert uow.session.scalar(select(func.count()).select_from(SyncChange)) == before


@pytest.mark.parametrize(
    "statement",
    [
        update(Person).values(note="x"),
        delete(Person),
        insert(Person).values(id="x", deleted=False),
    ],
    ids=["orm-update", "orm-delete", "orm-insert"],
)
def test_bulk_dml_on_synced_tables_is_refused(env: Env, statement: object) -> None:
    with pytest.raises(LogGuardError), UnitOfWork(env.db, write=True) as uow:
        uow.session.execute(statement)  # type: ignore[call-overload]


def test_core_dml_on_synced_tables_is_refused(env: Env) -> None:
    with pytest.raises(LogGuardError), env.db.engine.begin() as conn:
        conn.execute(table_of(Person).update().values(note="x"))


def test_session_delete_of_a_synced_row_is_refused(env: Env) -> None:
    area = _area(env)
    from db.models import Area

    with pytest.raises(LogGuardError), UnitOfWork(env.db, write=True) as uow:
        uow.session.delete(uow.session.get(Area, area))
        uow.session.flush()
    assert not records.get(env.db, env.admin, "area", area).deleted
