"""Retention: closed cases kept past the province's period are listed for the post chief only,
and every look at that list is audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop_app import settings
from desktop_app.errors import PermissionDeniedError
from desktop_app.services import audit, officers, records, retention
from tests.conftest import Env


@pytest.fixture(autouse=True)
def _default_period() -> Iterator[None]:
    yield
    settings.save("case_retention_years", 5)


def _closed_case(env: Env, name: str, closed_on: str | None) -> str:
    area = records.put(env.db, env.admin, "area", {"name": "Thôn Đông", "kind": "thon"}).record.id
    home = records.put(
        env.db, env.admin, "household", {"address": f"Nhà {name}", "area_id": area}
    ).record.id
    person = records.put(
        env.db, env.admin, "person", {"full_name": name, "birth_year": 1980, "household_id": home}
    ).record.id
    values = {"person_id": person, "release_type": "served", "release_date": "2015-03-01"}
    case = records.put(env.db, env.admin, "reintegration_case", values).record.id
    if closed_on:
        records.put(
            env.db,
            env.admin,
            "reintegration_case",
            {"id": case, "status": "closed", "closure_reason": "expunged", "closed_on": closed_on},
        )
    return case


def test_only_cases_closed_longer_than_the_period_are_listed(env: Env) -> None:
    settings.save("case_retention_years", 5)
    old = _closed_case(env, "Lê Văn Cũ", "2020-02-29")
    _closed_case(env, "Trần Văn Mới", "2023-06-01")
    _closed_case(env, "Phạm Văn Mở", None)
    found = retention.past_retention(env.db, env.admin, on=date(2026, 11, 23))
    assert [(i.case_id, i.person, i.keep_until) for i in found] == [
        (old, "Lê Văn Cũ", date(2025, 2, 28))
    ]
    assert retention.past_retention(env.db, env.admin, on=date(2025, 2, 27)) == []
    settings.save("case_retention_years", 3)
    later = retention.past_retention(env.db, env.admin, on=date(2026, 11, 23))
    assert len(later) == 2
    actions = [e.action for e in audit.list_events(env.db, env.admin)]
    assert actions.count("retention_review") == 3


def test_an_officer_cannot_see_the_retention_list(env: Env) -> None:
    officers.add(env.db, env.admin, "lan", "mat-khau-lan", role="officer")
    lan = officers.login(env.db, "lan", "mat-khau-lan")
    with pytest.raises(PermissionDeniedError):
        retention.past_retention(env.db, lan)
