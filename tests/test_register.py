"""The register's rules: duplicates flagged or refused, merging that keeps history, filters."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from db.models import SyncChange
from db.uow import UnitOfWork
from desktop_app.errors import DuplicateError
from desktop_app.services import duplicates, records
from tests.conftest import Env


def put(env: Env, type_name: str, **values: Any) -> str:
    return records.put(env.db, env.admin, type_name, values).record.id


@pytest.fixture
def village(env: Env) -> dict[str, str]:
    area = put(env, "area", name="Thôn Đồng Tâm", kind="thon")
    other_area = put(env, "area", name="Thôn Đông Hòa", kind="thon")
    home = put(env, "household", address="Số 1, Thôn Đồng Tâm", area_id=area)
    far = put(env, "household", address="Số 9, Thôn Đông Hòa", area_id=other_area)
    return {"area": area, "other_area": other_area, "home": home, "far": far}


def test_same_folded_name_and_year_in_the_same_area_is_flagged_not_refused(
    env: Env, village: dict[str, str]
) -> None:
    first = put(
        env, "person", full_name="Nguyễn Thị Hoà", birth_year=1980, household_id=village["home"]
    )
    saved = records.put(
        env.db,
        env.admin,
        "person",
        {
            "full_name": "NGUYEN THI HOA",
            "birth_year": 1980,
            "household_id": village["home"],
        },
    )
    assert saved.created
    assert len(saved.warnings) == 1 and first in saved.warnings[0]
    elsewhere = records.put(
        env.db,
        env.admin,
        "person",
        {
            "full_name": "Nguyễn Thị Hòa",
            "birth_year": 1980,
            "household_id": village["far"],
        },
    )
    assert elsewhere.warnings == ()  # another area: a namesake, not a duplicate


def test_a_known_id_number_is_refused_but_not_by_a_unique_constraint(
    env: Env, village: dict[str, str]
) -> None:
    put(
        env,
        "person",
        full_name="Lê Văn Nam",
        id_number="038090001234",
        household_id=village["home"],
    )
    with pytest.raises(DuplicateError, match="038090001234"):
        put(env, "person", full_name="Lê Nam", id_number="038090001234")
    # Two rows can still hold it (as when they arrive from two replicas): the review finds them.
    with UnitOfWork(env.db) as uow:
        indexes = [
            ix
            for ix in uow.session.get_bind().dialect.get_indexes(uow.session.connection(), "person")
            if "id_number" in ix["column_names"]
        ]
    assert indexes and not any(ix["unique"] for ix in indexes)


def test_merging_people_moves_references_fills_gaps_and_keeps_history(
    env: Env, village: dict[str, str]
) -> None:
    keep = put(
        env, "person", full_name="Trần Văn Bình", birth_year=1975, household_id=village["home"]
    )
    other = put(
        env,
        "person",
        full_name="Trần Văn Bình",
        birth_year=1975,
        household_id=village["home"],
        id_number="042075000111",
        phone="0912000111",
    )
    case = put(
        env, "reintegration_case", person_id=other, release_type="served", release_date="2025-01-02"
    )
    groups = duplicates.review(env.db, env.admin)
    assert any({keep, other} <= {c.id for c in g.records} for g in groups)
    duplicates.merge(env.db, env.admin, "person", keep, other)
    kept = records.get(env.db, env.admin, "person", keep)
    assert kept.get("id_number") == "042075000111" and kept.get("phone") == "0912000111"
    assert records.get(env.db, env.admin, "reintegration_case", case).get("person_id") == keep
    merged = records.get(env.db, env.admin, "person", other)
    assert merged.get("merged_into") == keep and not merged.deleted
    listed = [
        r.id for r in records.list_records(env.db, env.admin, "person", search="tran van binh")
    ]
    assert listed == [keep]
    with UnitOfWork(env.db) as uow:  # both histories stay in the change log
        rows = set(uow.session.scalars(select(SyncChange.row_id).where(SyncChange.tbl == "person")))
    assert {keep, other} <= rows


def test_people_filter_by_area_and_by_group(env: Env, village: dict[str, str]) -> None:
    near = put(env, "person", full_name="Phạm Văn Một", household_id=village["home"])
    far = put(env, "person", full_name="Phạm Văn Hai", household_id=village["far"])
    group = put(
        env,
        "household_group",
        name="Tổ liên gia số 1",
        group_type="to_lien_gia",
        area_id=village["area"],
    )
    put(
        env,
        "group_member",
        group_id=group,
        role="member",
        household_id=village["home"],
        joined_on="2024-01-01",
    )

    def people(**filters: str) -> set[str]:
        return {r.id for r in records.list_records(env.db, env.admin, "person", filters=filters)}

    assert people(area_id=village["area"]) == {near}
    assert people(area_id=village["other_area"]) == {far}
    assert people(group_id=group) == {near}
    households = records.list_records(env.db, env.admin, "household", filters={"group_id": group})
    assert [h.id for h in households] == [village["home"]]
