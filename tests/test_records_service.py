"""Records through the services: Vietnamese validation, duplicates, search, order, roles, audit."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from desktop_app.errors import (
    DuplicateError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from desktop_app.services import audit, officers, records
from tests.conftest import Env


def put(env: Env, type_name: str, **values: Any) -> str:
    return records.put(env.db, env.admin, type_name, values).record.id


@pytest.fixture
def household(env: Env) -> str:
    area = put(env, "area", name="Tổ dân phố 5", kind="to_dan_pho")
    return put(
        env, "household", address="Số 12, ngõ 3, phố Hồng Hà", area_id=area, phone="0912.345.678"
    )


def test_person_round_trip_normalises_input(env: Env, household: str) -> None:
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Thị Hoà ")
    pid = put(
        env,
        "person",
        full_name=nfd,
        birth_date="05/03/1985",
        id_number="001 185 012 345",
        household_id=household,
        sex="nu",
        phone="+84 912 000 111",
    )
    person = records.get(env.db, env.admin, "person", pid)
    assert person.get("full_name") == "Nguyễn Thị Hoà"
    assert unicodedata.is_normalized("NFC", person.get("full_name"))
    assert person.get("birth_year") == 1985
    assert person.get("id_number") == "001185012345"
    assert person.get("phone") == "0912000111"
    assert person.unit_code == "00097"


def test_update_changes_only_the_given_fields(env: Env, household: str) -> None:
    pid = put(env, "person", full_name="Lê Văn Tám", birth_year=1970, household_id=household)
    records.put(env.db, env.admin, "person", {"id": pid, "occupation": "Nông dân"})
    person = records.get(env.db, env.admin, "person", pid)
    assert (person.get("full_name"), person.get("birth_year"), person.get("occupation")) == (
        "Lê Văn Tám",
        1970,
        "Nông dân",
    )


def test_every_bad_field_is_named_in_vietnamese(env: Env) -> None:
    with pytest.raises(ValidationError) as caught:
        records.put(
            env.db,
            env.admin,
            "person",
            {
                "full_name": "",
                "id_number": "12345",
                "sex": "m",
                "birth_date": "31/02/2000",
                "shoe_size": 42,
            },
        )
    fields = caught.value.fields
    assert set(fields) == {"full_name", "id_number", "sex", "birth_date", "shoe_size"}
    assert "12 chữ số" in fields["id_number"]
    assert "bắt buộc" in fields["full_name"]
    assert "Nữ" in fields["sex"]


def test_references_and_vocabularies_are_checked(env: Env) -> None:
    with pytest.raises(ValidationError, match="không tìm thấy"):
        put(env, "household", address="Số 1", area_id="01900000-0000-7000-8000-000000000000")
    with pytest.raises(ValidationError, match="không có trong danh mục"):
        put(env, "area", name="Khu X", kind="lang_xa")


def test_a_known_id_number_is_refused_by_the_service(env: Env, household: str) -> None:
    put(env, "person", full_name="Trần Văn Bình", id_number="001080000001", birth_year=1980)
    with pytest.raises(DuplicateError, match=r"001080000001.*Trần Văn Bình"):
        put(env, "person", full_name="Trần Bình", id_number="001080000001")


def test_birth_date_in_the_future_or_inconsistent_year_is_refused(env: Env) -> None:
    with pytest.raises(ValidationError, match="sau ngày hôm nay"):
        put(env, "person", full_name="Bé Na", birth_date="2099-01-01")
    with pytest.raises(ValidationError, match="không khớp"):
        put(env, "person", full_name="Bé Na", birth_date="2001-01-01", birth_year=2002)


def test_search_folds_case_diacritics_and_dd(env: Env, household: str) -> None:
    for name in ("Đặng Văn Đức", "Nguyễn Thị Hòa", "Phạm Thị Hoà", "Lê Văn Tám"):
        put(env, "person", full_name=name, household_id=household)

    def found(query: str) -> list[str]:
        return [
            r.get("full_name")
            for r in records.list_records(env.db, env.admin, "person", search=query)
        ]

    assert found("dang duc") == ["Đặng Văn Đức"]
    assert found("ĐỨC") == ["Đặng Văn Đức"]
    assert sorted(found("hoa")) == ["Nguyễn Thị Hòa", "Phạm Thị Hoà"]
    assert found("Hoà") == found("Hòa")
    assert found("ngu th") == ["Nguyễn Thị Hòa"]  # prefixes of each word, as you type


def test_households_are_found_by_their_members(env: Env, household: str) -> None:
    put(env, "person", full_name="Vũ Thị Lan", household_id=household)
    found = records.list_records(env.db, env.admin, "household", search="vu lan")
    assert [h.id for h in found] == [household]


def test_people_are_listed_by_given_name_in_vietnamese_order(env: Env) -> None:
    for name in ("Trần Văn Bình", "Nguyễn Thị An", "Đỗ Văn Anh", "Phạm Thị Ánh", "Lê An"):
        put(env, "person", full_name=name)
    names = [r.get("full_name") for r in records.list_records(env.db, env.admin, "person")]
    assert names == ["Lê An", "Nguyễn Thị An", "Đỗ Văn Anh", "Phạm Thị Ánh", "Trần Văn Bình"]


def test_a_household_with_members_cannot_be_deleted(env: Env, household: str) -> None:
    put(env, "person", full_name="Hồ Văn Sơn", household_id=household)
    with pytest.raises(ValidationError, match="còn 1 nhân khẩu"):
        records.delete(env.db, env.admin, "household", household)


def test_unknown_type_and_id_give_clear_errors(env: Env) -> None:
    with pytest.raises(NotFoundError, match="Không có loại hồ sơ 'thing'"):
        records.list_records(env.db, env.admin, "thing")
    with pytest.raises(NotFoundError, match="Không tìm thấy"):
        records.get(env.db, env.admin, "person", "no-such-id")


def _viewer(env: Env) -> Any:
    officers.add(
        env.db, env.admin, "canbo.xem", "mat-khau-xem", role="viewer", full_name="Cán bộ Xem"
    )
    return officers.login(env.db, "canbo.xem", "mat-khau-xem")


def _case(env: Env, household: str) -> str:
    pid = put(env, "person", full_name="Bùi Văn Hải", birth_year=1990, household_id=household)
    return put(
        env,
        "reintegration_case",
        person_id=pid,
        release_type="served",
        release_date="2025-06-01",
        facility="Trại giam Xuân Lộc",
    )


def test_viewers_read_registers_but_never_write(env: Env, household: str) -> None:
    viewer = _viewer(env)
    assert records.list_records(env.db, viewer, "household")
    with pytest.raises(PermissionDeniedError, match="chỉ có quyền xem"):
        records.put(env.db, viewer, "area", {"name": "Thôn 9", "kind": "thon"})


def test_viewers_see_only_the_minimal_case_view(env: Env, household: str) -> None:
    case = _case(env, household)
    viewer = _viewer(env)
    seen = records.get(env.db, viewer, "reintegration_case", case)
    assert seen.minimal and "facility" not in seen.values and seen.get("case_no")
    with pytest.raises(PermissionDeniedError):
        records.list_records(env.db, viewer, "case_judgement")


def test_case_numbers_follow_the_posts_series(env: Env, household: str) -> None:
    case = _case(env, household)
    assert (
        records.get(env.db, env.admin, "reintegration_case", case).get("case_no")
        == "00097-2025-0001"
    )


def test_writes_and_case_views_are_audited(env: Env, household: str) -> None:
    case = _case(env, household)
    records.get(env.db, env.admin, "reintegration_case", case)
    events = audit.list_events(env.db, env.admin, record_id=case)
    assert [e.action for e in events] == ["view", "create"]
    assert {e.officer for e in events} == {"truong"}


def test_closed_minutes_are_locked_but_opinions_keep_their_follow_up(env: Env) -> None:
    meeting = put(
        env,
        "meeting",
        meeting_type="hop_dan",
        subject="Họp dân quý I",
        starts_at="2026-03-05 08:00",
    )
    opinion = put(
        env,
        "opinion",
        meeting_id=meeting,
        speaker_name="Ông Nguyễn Văn Ba",
        content="Đề nghị lắp đèn đường",
        deadline="2026-04-01",
    )
    records.put(env.db, env.admin, "meeting", {"id": meeting, "status": "held"})
    records.put(env.db, env.admin, "meeting", {"id": meeting, "status": "closed"})
    closed = records.get(env.db, env.admin, "meeting", meeting)
    # Hồng Hà is a phường: the symbol is CAP.
    assert closed.get("doc_number") == "01/BB-CAP" and closed.get("doc_year") == 2026
    with pytest.raises(ValidationError, match="đã khóa"):
        records.put(env.db, env.admin, "meeting", {"id": meeting, "subject": "Sửa"})
    with pytest.raises(ValidationError, match="đã khóa"):
        records.put(env.db, env.admin, "opinion", {"id": opinion, "content": "Sửa"})
    records.put(
        env.db, env.admin, "opinion", {"id": opinion, "status": "answered", "reply": "Đã lắp"}
    )
    assert records.get(env.db, env.admin, "opinion", opinion).get("status") == "answered"


def test_five_wrong_passwords_lock_the_account_for_five_minutes(env: Env) -> None:
    from datetime import timedelta

    from db.base import utc_now
    from desktop_app.errors import AuthenticationError

    start = utc_now()
    for _ in range(officers.MAX_FAILURES - 1):
        with pytest.raises(AuthenticationError, match="Sai tên đăng nhập"):
            officers.login(env.db, "truong", "sai", now=start)
    with pytest.raises(AuthenticationError, match=r"tạm khóa.*5 phút"):
        officers.login(env.db, "truong", "sai", now=start)
    # Even the right password is refused while locked, and works again afterwards.
    with pytest.raises(AuthenticationError, match="tạm khóa"):
        officers.login(env.db, "truong", "mat-khau-truong", now=start + timedelta(minutes=2))
    later = start + timedelta(minutes=officers.LOCK_MINUTES, seconds=1)
    assert officers.login(env.db, "truong", "mat-khau-truong", now=later).username == "truong"
