"""Deadlines of reintegration cases: working days, contacts by class, expungement, transfer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop_app import settings
from desktop_app.calendar import add_working_days, is_working_day
from desktop_app.errors import ValidationError
from desktop_app.services import cases, records
from desktop_app.services.case_schedule import cases_due, expected_expungement
from tests.conftest import Env


def put(env: Env, type_name: str, **values: Any) -> str:
    return records.put(env.db, env.admin, type_name, values).record.id


def test_three_working_days_skip_a_weekend() -> None:
    friday = date(2026, 3, 6)
    assert add_working_days(friday, 3) == date(2026, 3, 11)  # Mon, Tue, Wed


def test_three_working_days_skip_tet() -> None:
    # Tết Bính Ngọ: 16–20/02/2026 are public holidays, then a weekend.
    assert not is_working_day(date(2026, 2, 17))
    assert add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)


def test_hung_kings_day_and_30_april_are_not_working_days() -> None:
    # 27/4 (Giỗ Tổ, observed), 30/4 and 1/5 are holidays: Tue 28, Wed 29, then Mon 4/5.
    assert add_working_days(date(2026, 4, 24), 3) == date(2026, 5, 4)


@pytest.fixture
def person(env: Env) -> str:
    area = put(env, "area", name="Thôn 1", kind="thon")
    home = put(env, "household", address="Số 1", area_id=area)
    return put(env, "person", full_name="Đỗ Văn Hùng", birth_year=1988, household_id=home)


def _case(env: Env, person: str, **values: Any) -> str:
    return put(env, "reintegration_case", person_id=person, release_type="served", **values)


def _due(env: Env, on: date) -> dict[str, date]:
    return {i.kind: i.due for i in cases_due(env.db, env.admin, on=on, horizon_days=3650)}


def test_pending_residence_confirmation_and_reporting_in(env: Env, person: str) -> None:
    _case(env, person, notice_received_on="2026-02-13", release_date="2026-03-01")
    due = _due(env, date(2026, 3, 2))
    assert due["confirm_residence"] == date(2026, 2, 25)
    assert due["report_in"] == date(2026, 3, 1)


@pytest.mark.parametrize(("level", "days"), [("A", 90), ("B", 30), ("C", 14)])
def test_contacts_follow_the_class(env: Env, person: str, level: str, days: int) -> None:
    case = _case(env, person, release_date="2026-01-05", reported_on="2026-01-06")
    put(
        env,
        "case_classification",
        case_id=case,
        level=level,
        decided_on="2026-01-10",
        reason="Đánh giá",
    )
    put(env, "case_contact", case_id=case, contact_on="2026-02-01", kind="visit", content="Đến nhà")
    assert (_due(env, date(2026, 2, 2))["contact"] - date(2026, 2, 1)).days == days


def test_class_d_has_no_contact_and_frequencies_are_configurable(env: Env, person: str) -> None:
    case = _case(env, person, release_date="2026-01-05", reported_on="2026-01-06")
    put(
        env,
        "case_classification",
        case_id=case,
        level="D",
        decided_on="2026-01-10",
        reason="Đang bị tạm giam",
    )
    assert "contact" not in _due(env, date(2026, 2, 2))
    put(
        env,
        "case_classification",
        case_id=case,
        level="B",
        decided_on="2026-02-01",
        reason="Đã tại ngoại",
    )
    settings.save("contact_days_b", 45)
    try:
        assert _due(env, date(2026, 2, 2))["contact"] == date(2026, 2, 20)  # reported 6/1 + 45
    finally:
        settings.save("contact_days_b", 30)


def test_due_list_on_a_given_monday_marks_overdue(env: Env, person: str) -> None:
    case = _case(env, person, release_date="2026-01-05", reported_on="2026-01-06")
    put(
        env,
        "case_classification",
        case_id=case,
        level="C",
        decided_on="2026-01-06",
        reason="Môi trường phức tạp",
    )
    monday = date(2026, 2, 2)
    items = cases_due(env.db, env.admin, on=monday)
    contact = next(i for i in items if i.kind == "contact")
    assert contact.overdue and contact.due == date(2026, 1, 20)
    assert "Đỗ Văn Hùng" in contact.detail


def test_expected_expungement_follows_article_70(env: Env, person: str) -> None:
    case = _case(env, person, release_date="2025-07-04")
    put(
        env,
        "case_judgement",
        case_id=case,
        court="Tòa án nhân dân khu vực 1",
        judgement_no="12/2023/HS-ST",
        judgement_date="2023-01-10",
        offence="Trộm cắp tài sản",
        article="Điều 173",
        term_months=30,
    )
    from db.models import CaseJudgement

    def judged(months: int, penalty: str = "") -> CaseJudgement:
        return CaseJudgement(term_months=months, main_penalty=penalty)

    release = date(2025, 7, 4)
    assert expected_expungement(release, [judged(30)]).on == date(2027, 7, 4)  # type: ignore[union-attr]
    assert expected_expungement(release, [judged(96)]).on == date(2028, 7, 4)  # type: ignore[union-attr]
    assert expected_expungement(release, [judged(0, "Chung thân")]).on == date(2030, 7, 4)  # type: ignore[union-attr]
    assert expected_expungement(release, [judged(0, "Án treo")]).on == date(2026, 7, 4)  # type: ignore[union-attr]
    assert "Điều 70" in expected_expungement(release, [judged(30)]).basis  # type: ignore[union-attr]
    assert _due(env, date(2027, 7, 5))["expungement"] == date(2027, 7, 4)


def test_a_transferred_case_is_read_only_at_the_sending_post(env: Env, person: str) -> None:
    case = _case(env, person, release_date="2025-07-04")
    contact = put(
        env, "case_contact", case_id=case, contact_on="2025-08-01", kind="visit", content="Gặp"
    )
    cases.transfer(env.db, env.admin, case, "00004")
    moved = records.get(env.db, env.admin, "reintegration_case", case)
    assert moved.unit_code == "00004" and moved.get("transferred_to_unit") == "00004"
    assert records.get(env.db, env.admin, "case_contact", contact).unit_code == "00004"
    with pytest.raises(ValidationError, match="đã chuyển"):
        records.put(env.db, env.admin, "reintegration_case", {"id": case, "note": "x"})
    with pytest.raises(ValidationError, match="đã chuyển"):
        put(
            env,
            "case_contact",
            case_id=case,
            contact_on="2025-09-01",
            kind="visit",
            content="Gặp lại",
        )
