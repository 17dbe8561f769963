"""Lists and searches planned for a province: windows from either end, counts after the first
rows, both search plans returning exactly what the plain search returns."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from db.uow import Database, UnitOfWork
from desktop_app import listing, searching
from desktop_app.actor import Actor
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.records.catalog import record_type
from desktop_app.services import records
from desktop_app.services.setup import init_replica
from desktop_app.text import fold
from ui.context import AppContext
from ui.ops import task_manager
from ui.table_model import PLACEHOLDER, RecordTableModel

Hub = tuple[Database, Actor]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    db = open_database(tmp_path_factory.mktemp("lists") / "hub.sqlite3")
    admin = init_replica(
        db,
        role="hub",
        unit_code="42",
        name="Công an tỉnh Hà Tĩnh",
        admin_user="truong",
        admin_password="mat-khau-1",
        admin_full_name="Nguyễn Văn Trưởng",
    ).admin
    seed(db, admin, households=40, communes=3, seed=4)
    yield db, admin
    db.dispose()


@pytest.fixture
def small_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists of a few hundred rows behave as a province's million do."""
    monkeypatch.setattr(listing, "WHOLE_LIST", 50)
    monkeypatch.setattr(listing, "SEARCH_ROWS", 7)


def test_a_long_list_opens_with_its_first_rows_and_is_counted_next(
    hub: Hub, small_lists: None
) -> None:
    db, admin = hub
    every = listing.list_ids(db, admin, "person")
    opened = listing.open_list(db, admin, "person", page=20)
    assert len(every) > 300
    assert opened.count is None and opened.ids == tuple(every[:50])
    assert list(opened.rows) == every[:20]
    assert listing.count_list(db, admin, "person") == len(every)
    small = listing.open_list(db, admin, "area")
    assert small.count == len(small.ids) == len(listing.list_ids(db, admin, "area"))


@pytest.mark.parametrize("kind", ["person", "household", "meeting", "reintegration_case"])
def test_windows_read_from_either_end_match_the_whole_list(hub: Hub, kind: str) -> None:
    db, admin = hub
    every = listing.list_ids(db, admin, kind)
    total = len(every)
    for offset in (0, 30, total // 2 - 5, total // 2 + 1, total - 70, total - 30, total - 1):
        ids, rows = listing.list_window(
            db, admin, kind, offset=max(0, offset), limit=40, total=total
        )
        assert list(ids) == every[max(0, offset) : max(0, offset) + 40], offset
        assert set(rows) == set(ids)


def queries(db: Database, admin: Actor) -> list[str]:
    """Whole names, every other word of them, given-name prefixes, common and absent words."""
    people = records.list_records(db, admin, "person", limit=None)
    picked = [fold(p.get("full_name")) for p in people[:: max(1, len(people) // 12)]]
    parts = [" ".join(n.split()[::2]) for n in picked] + [n.split()[-1][:2] for n in picked]
    return [*picked, *parts, "nguyen van", "thi", "ng th", "y", "tran thi", "zzz", "ng ng"]


@pytest.mark.parametrize("doubt", [0.0, 1e12])  # 0: always scan the list; huge: always drive
def test_both_search_plans_return_what_the_plain_search_returns(
    hub: Hub, doubt: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, admin = hub
    monkeypatch.setattr(searching, "SCAN_DOUBT", doubt)
    rtype = record_type("person")
    for text in queries(db, admin):
        with UnitOfWork(db) as uow:
            plain = records.select_records(rtype, text, None, False).with_only_columns(
                rtype.model.id
            )
            planned = records.select_records(rtype, text, None, False, uow.session, 20)
            planned = planned.with_only_columns(rtype.model.id)
            expected = list(uow.session.scalars(plain))
            assert list(uow.session.scalars(planned)) == expected, text
            assert list(uow.session.scalars(planned.limit(20))) == expected[:20], text


def test_a_search_shows_its_first_matches_and_says_there_are_more(
    hub: Hub, small_lists: None
) -> None:
    db, admin = hub
    opened = listing.open_list(db, admin, "person", search="th")
    assert opened.capped and opened.count == len(opened.ids) == 7
    assert list(opened.ids) == [
        r.id for r in records.list_records(db, admin, "person", search="th", limit=7)
    ]
    rare = listing.open_list(db, admin, "person", search="zzz")
    assert not rare.capped and rare.count == 0


def test_the_table_of_a_long_list_pages_by_windows(
    hub: Hub, small_lists: None, qtbot: QtBot, qtmodeltester, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    db, admin = hub
    monkeypatch.setattr(task_manager(), "synchronous", True)
    every = listing.list_ids(db, admin, "person")
    model = RecordTableModel(AppContext(db, admin), "person")
    counted: list[int] = []
    model.loaded = counted.append
    model.reload()
    assert model.rowCount() == len(every) and counted == [len(every)]
    last = len(every) - 1
    assert model.record_id(last) is None  # not read yet
    assert model.data(model.index(last, 0)) == PLACEHOLDER
    qtbot.waitUntil(lambda: model.has_row(last))
    assert model.record_id(last) == every[last]
    name = records.get(db, admin, "person", every[last]).get("full_name")
    assert model.data(model.index(last, 0)) == name
    assert model.row_of(every[last]) == last
    qtmodeltester.check(model, force_py=True)


def test_a_search_with_more_matches_says_to_narrow_it(
    hub: Hub, small_lists: None, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.record_list import RecordList

    db, admin = hub
    monkeypatch.setattr(task_manager(), "synchronous", True)
    people = RecordList(AppContext(db, admin), "person")
    qtbot.addWidget(people)
    people.model.search("th")
    assert people.model.rowCount() == 7
    assert people.count.text() == "7 hồ sơ đầu tiên — hãy tìm cụ thể hơn"
    people.model.search("zzz")
    assert people.count.text() == "0 hồ sơ"


def test_the_name_prefilter_covers_every_field_a_lettered_word_can_match() -> None:
    # A searched word with a letter is looked for in the folded name only (searching.PREFILTER):
    # every other searched field of a resident must hold digits alone.
    person = record_type("person")
    lettered = [f for f in person.search_fields if person.field(f).kind not in DIGITS]
    assert lettered == ["full_name"]
    assert searching.PREFILTER["person"] == "name_fold"


DIGITS = ("id_number", "phone")
