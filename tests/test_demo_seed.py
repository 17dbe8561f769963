"""Demo data: `seed` fills every record type, consistently, deterministically, with permission."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import String, Text, select, text

from db.base import SYNCED
from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.database import open_database
from desktop_app.demo.names import PHONE_PREFIXES
from desktop_app.demo.seed import SeedResult, seed
from desktop_app.errors import PermissionDeniedError, ValidationError
from desktop_app.records.catalog import record_type
from desktop_app.records.validation import validate
from desktop_app.services import officers
from desktop_app.services.records import SessionResolver
from desktop_app.services.setup import init_replica
from desktop_app.services.vocabularies import DEFAULTS
from desktop_app.text import name_sort_key
from desktop_app.work import work
from tests.conftest import Env

UNIT = "00097"  # Phường Hồng Hà, Hà Nội
EXPECTED = {
    "area",
    "household",
    "person",
    "household_group",
    "group_member",
    "group_rating",
    "security_team",
    "team_area",
    "team_member",
    "team_rating",
    "reintegration_case",
    "case_judgement",
    "case_helper",
    "case_classification",
    "case_contact",
    "case_support",
    "case_incident",
    "meeting",
    "meeting_attendee",
    "agenda_item",
    "opinion",
}
Seeded = tuple[Database, Actor, SeedResult]


def _fresh(path: Path, unit: str = UNIT) -> tuple[Database, Actor]:
    db = open_database(path)
    res = init_replica(
        db,
        role="post",
        unit_code=unit,
        name="Công an phường Hồng Hà",
        admin_user="truong",
        admin_password="mat-khau-1",
    )
    return db, res.admin


def _rows(db: Database, sql: str, **params: Any) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    db, actor = _fresh(tmp_path_factory.mktemp("demo") / "t.sqlite3")
    return db, actor, seed(db, actor, households=30, seed=7)


def test_every_record_type_is_created_and_counted(seeded: Seeded) -> None:
    db, _, result = seeded
    assert set(result.counts) >= EXPECTED
    assert all(n > 0 for n in result.counts.values())
    assert result.counts["household"] == 30
    for table, n in result.counts.items():
        assert _rows(db, f"SELECT count(*) FROM {table}")[0][0] == n, table
    assert result.changes.types == frozenset(result.counts)


def test_id_numbers_are_12_digits_unique_and_encode_sex_and_century(seeded: Seeded) -> None:
    db, _, _ = seeded
    people = _rows(db, "SELECT id_number, sex, birth_year, birth_date, phone FROM person")
    numbers = [p.id_number for p in people if p.id_number is not None]
    assert numbers and len(numbers) == len(set(numbers))
    for p in people:
        if p.id_number is not None:
            assert re.fullmatch(r"\d{12}", p.id_number)
            century = 0 if p.birth_year < 2000 else 2
            assert p.id_number[3] == str(century + (p.sex == "nu"))
            assert p.id_number[4:6] == f"{p.birth_year % 100:02d}"
        assert p.birth_date is None or int(p.birth_date[:4]) == p.birth_year
        if p.phone is not None:
            assert re.fullmatch(r"0\d{9}", p.phone) and p.phone[:3] in PHONE_PREFIXES


def test_all_text_is_nfc(seeded: Seeded) -> None:
    db, _, result = seeded
    for table in result.counts:
        columns = [
            c.name for c in SYNCED[table].__table__.columns if isinstance(c.type, String | Text)
        ]
        for row in _rows(db, f"SELECT {', '.join(columns)} FROM {table}"):
            for value in row:
                assert value is None or unicodedata.normalize("NFC", value) == value, (table, value)


def test_codes_are_in_their_vocabulary_or_choices_and_required_fields_set(seeded: Seeded) -> None:
    db, _, result = seeded
    vocab: dict[str, set[str]] = defaultdict(set)
    for vocabulary, code in _rows(db, "SELECT vocabulary, code FROM vocabulary_term"):
        vocab[vocabulary].add(code)
    used: set[str] = set()
    for table in result.counts:
        for column in SYNCED[table].__table__.columns:
            values = {r[0] for r in _rows(db, f"SELECT DISTINCT {column.name} FROM {table}")}
            if "vocab" in column.info:
                used.add(column.info["vocab"])
                assert values - {None} <= vocab[column.info["vocab"]], (table, column.name)
            if "choices" in column.info:
                assert values - {None} <= set(column.info["choices"]), (table, column.name)
            if column.info.get("required"):
                assert None not in values, (table, column.name)
    assert used == set(DEFAULTS)


def test_every_row_passes_the_services_validation_unchanged(seeded: Seeded) -> None:
    """What the generator writes is what `records.put` would accept and store (lengths too)."""
    db, actor, result = seeded
    with work(db, actor, write=False) as w:
        resolver = SessionResolver(w)
        for table in result.counts:
            rtype = record_type(table)
            for obj in w.session.scalars(select(rtype.model)):
                data = {name: getattr(obj, name) for name in rtype.field_names}
                assert validate(rtype, data, resolver, creating=True) == data, (table, obj.id)


def test_change_log_holds_every_seeded_row(seeded: Seeded) -> None:
    db, actor, result = seeded
    for table, n in result.counts.items():
        logged = _rows(db, "SELECT count(DISTINCT row_id) FROM sync_change WHERE tbl = :t", t=table)
        assert logged[0][0] == n, table
    officers_logged = _rows(db, "SELECT DISTINCT officer_id FROM sync_change WHERE tbl = 'person'")
    assert [r[0] for r in officers_logged] == [actor.officer_id]


def test_one_audit_event_with_the_counts(seeded: Seeded) -> None:
    db, actor, result = seeded
    events = _rows(db, "SELECT officer_id, detail FROM audit_event WHERE action = 'demo_seed'")
    assert len(events) == 1 and events[0].officer_id == actor.officer_id
    assert json.loads(events[0].detail)["counts"] == dict(result.counts)


def test_ede_names_carry_their_given_name(seeded: Seeded) -> None:
    db, _, _ = seeded
    rows = _rows(
        db, "SELECT full_name, given_name, sort_key FROM person WHERE given_name IS NOT NULL"
    )
    assert rows
    for full, given, key in rows:
        assert re.match(r"^(Y |H')", full) and given in full
        assert key == name_sort_key(full, given)


def test_meetings_cover_every_type_and_number_closed_minutes_in_order(seeded: Seeded) -> None:
    db, _, _ = seeded
    meetings = _rows(
        db,
        "SELECT meeting_type, status, starts_at, doc_year, doc_seq, doc_number, "
        "closed_at FROM meeting ORDER BY starts_at",
    )
    assert {m.meeting_type for m in meetings} == {code for code, _ in DEFAULTS["meeting_type"]}
    assert {m.status for m in meetings} == {"draft", "held", "closed"}
    seqs: dict[int, int] = defaultdict(int)
    for m in meetings:
        if m.status == "closed":
            seqs[m.doc_year] += 1
            assert m.doc_year == int(m.starts_at[:4]) and m.doc_seq == seqs[m.doc_year]
            assert m.doc_number == f"{m.doc_seq:02d}/BB-CAP" and m.closed_at is not None
        else:
            assert m.doc_number is None
    overdue = _rows(
        db, "SELECT count(*) FROM opinion WHERE status = 'open' AND deadline < date('now')"
    )
    assert overdue[0][0] >= 1


def test_cases_follow_the_posts_numbering(seeded: Seeded) -> None:
    db, actor, _ = seeded
    cases = _rows(
        db,
        "SELECT case_no, release_date, officer_in_charge_id, status, closure_reason, "
        "closed_on, person_id FROM reintegration_case",
    )
    assert len({c.case_no for c in cases}) == len(cases)
    assert len({c.person_id for c in cases}) == len(cases)
    for c in cases:
        assert re.fullmatch(rf"{UNIT}-{c.release_date[:4]}-\d{{4}}", c.case_no)
        assert c.officer_in_charge_id == actor.officer_id
        assert (c.status == "closed") == (c.closure_reason is not None) == (c.closed_on is not None)


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    def names(name: str, seed_value: int) -> list[tuple[str, str | None]]:
        db, actor = _fresh(tmp_path / name)
        seed(db, actor, households=12, seed=seed_value)
        rows = _rows(db, "SELECT full_name, id_number FROM person ORDER BY rowid")
        return [(r.full_name, r.id_number) for r in rows]

    first = names("a.sqlite3", 42)
    assert first == names("b.sqlite3", 42)
    assert first != names("c.sqlite3", 43)


def test_a_viewer_may_not_seed(tmp_path: Path) -> None:
    db, actor = _fresh(tmp_path / "t.sqlite3")
    officers.add(db, actor, "xem", "mat-khau-2", role="viewer")
    viewer = officers.login(db, "xem", "mat-khau-2")
    with pytest.raises(PermissionDeniedError):
        seed(db, viewer, households=5)
    assert _rows(db, "SELECT count(*) FROM person")[0][0] == 0


def test_size_arguments_and_a_second_seed_are_refused(seeded: Seeded) -> None:
    db, actor, _ = seeded
    with pytest.raises(ValidationError):
        seed(db, actor)
    with pytest.raises(ValidationError):
        seed(db, actor, households=5, scale="commune")
    with pytest.raises(ValidationError, match="trung tâm"):
        seed(db, actor, scale="province")
    with pytest.raises(ValidationError, match="đã có dữ liệu"):
        seed(db, actor, households=5)


def test_a_rural_commune_gets_villages_and_progress_reaches_the_total(tmp_path: Path) -> None:
    db, actor = _fresh(tmp_path / "xa.sqlite3", unit="09877")  # Xã An Khánh, Hà Nội
    calls: list[tuple[int, int]] = []
    seed(db, actor, households=260, seed=1, progress=lambda *call: calls.append(call))
    assert calls == [(250, 260), (260, 260)]
    areas = _rows(db, "SELECT name, kind FROM area")
    assert all(name.startswith("Thôn ") and kind == "thon" for name, kind in areas)


def test_seeds_on_both_engines_with_the_chief_as_chair(env: Env) -> None:
    result = seed(env.db, env.admin, households=20, seed=3)
    for table, n in result.counts.items():
        assert _rows(env.db, f"SELECT count(*) FROM {table}")[0][0] == n, table
    chairs = _rows(env.db, "SELECT DISTINCT chair_name, chair_title FROM meeting")
    assert ("Nguyễn Văn Trưởng", "Trưởng Công an phường") in [tuple(c) for c in chairs]


def test_database_is_intact_afterwards(seeded: Seeded) -> None:
    db, _, _ = seeded
    assert _rows(db, "PRAGMA integrity_check")[0][0] == "ok"
