"""The main window over a seeded database: pages, lazy tables, search, refresh, the op runner."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QByteArray

from desktop_app import settings
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.errors import ValidationError
from desktop_app.services import officers, records
from tests.conftest import ADMIN, PASSWORD, initialise
from ui import errors
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.ops import MutationOp, QueryOp, task_manager
from ui.pages.base import ListsPage
from ui.table_model import PLACEHOLDER, RecordTableModel

PAGES = ("overview", "households", "groups", "cases", "meetings", "sync", "reports", "settings")


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "seeded.sqlite3"
    admin = initialise(str(path))
    db = open_database(path)
    seed(db, admin, households=40, seed=7)
    db.dispose()
    return path


@pytest.fixture
def ctx(seeded_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "ui.sqlite3"
    shutil.copyfile(seeded_template, path)
    db = open_database(path)
    yield AppContext(db, officers.login(db, ADMIN, PASSWORD))
    db.dispose()


@pytest.fixture
def sync_ops(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Ops run inline and errors are recorded instead of shown in a dialog."""
    monkeypatch.setattr(task_manager(), "synchronous", True)
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    errors.shown.clear()
    yield


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot, sync_ops: None) -> MainWindow:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    return main


def cell(model: RecordTableModel, row: int, column: int) -> str:
    value = model.data(model.index(row, column))
    return str(value)


def test_the_lazy_model_passes_qt_model_tester(
    ctx: AppContext, qtmodeltester, sync_ops: None
) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(ctx, "person")
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() > 40


def test_rows_are_fetched_lazily_for_what_is_painted(
    ctx: AppContext, qtbot: QtBot, sync_ops: None
) -> None:
    model = RecordTableModel(ctx, "person")
    model.reload()
    qtbot.waitUntil(lambda: cell(model, 0, 0) != PLACEHOLDER)
    last = model.rowCount() - 1
    if last >= 100:  # beyond the first page, a row starts as a placeholder
        assert cell(model, last, 0) == PLACEHOLDER
        qtbot.waitUntil(lambda: cell(model, last, 0) != PLACEHOLDER)


def test_every_page_shows_live_records(window: MainWindow, qtbot: QtBot) -> None:
    for name in PAGES:
        page = window.show_page(name)
        assert window.stack.currentWidget() is page
        if isinstance(page, ListsPage):
            for record_list in page.record_lists:
                model = record_list.model
                qtbot.waitUntil(lambda m=model: m.rowCount() > 0)
                qtbot.waitUntil(lambda m=model: cell(m, 0, 0) != PLACEHOLDER)
    overview = window.page("overview")
    assert overview.data is not None  # type: ignore[attr-defined]
    assert {c.record_type for c in overview.data.counts if c.value > 0} >= {"household", "person"}  # type: ignore[attr-defined]


def test_people_are_listed_by_given_name(window: MainWindow, qtbot: QtBot) -> None:
    from desktop_app.text import name_sort_key

    people = window.show_page("households")
    assert isinstance(people, ListsPage)
    model = people.record_lists[1].model
    qtbot.waitUntil(lambda: cell(model, 0, 0) != PLACEHOLDER)
    names = [cell(model, row, 0) for row in range(min(60, model.rowCount()))]
    assert names == sorted(names, key=name_sort_key)


def test_search_as_you_type_folds_accents(
    window: MainWindow, qtbot: QtBot, ctx: AppContext
) -> None:
    target = records.list_records(ctx.db, ctx.actor, "person", limit=1)[0].get("full_name")
    page = window.show_page("households")
    assert isinstance(page, ListsPage)
    page.tabs.setCurrentIndex(1)  # type: ignore[union-attr]
    people = page.record_lists[1]
    from desktop_app.text import fold

    qtbot.keyClicks(people.search, fold(target))  # typed without accents
    qtbot.waitUntil(lambda: people.model.search_text == fold(target), timeout=2000)
    qtbot.waitUntil(lambda: cell(people.model, 0, 0) != PLACEHOLDER)
    shown = [cell(people.model, r, 0) for r in range(people.model.rowCount())]
    assert target in shown
    assert all(fold(target).split()[0] in fold(name) for name in shown)


def test_selecting_a_row_opens_its_read_only_detail(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("cases")
    assert isinstance(page, ListsPage)
    cases = page.record_lists[0]
    qtbot.waitUntil(lambda: cases.model.rowCount() > 0)
    cases.table.selectRow(0)
    qtbot.waitUntil(lambda: cases.detail.detail is not None)
    detail = cases.detail.detail
    assert detail is not None
    assert {s.record_type for s in detail.sections} >= {"case_judgement", "case_contact"}
    assert any(label == "Hình thức ra trại" for label, _ in detail.fields)


def test_a_saved_record_appears_without_reloading_by_hand(
    window: MainWindow, qtbot: QtBot, ctx: AppContext
) -> None:
    page = window.show_page("settings")
    assert isinstance(page, ListsPage)
    areas = page.record_lists[1].model
    qtbot.waitUntil(lambda: areas.rowCount() > 0)
    before = areas.rowCount()
    MutationOp(
        window,
        lambda: records.put(ctx.db, ctx.actor, "area", {"name": "Thôn Ánh Dương", "kind": "thon"}),
    ).run()
    qtbot.waitUntil(lambda: areas.rowCount() == before + 1)


def test_the_op_runner_reports_failures_through_show_error(
    window: MainWindow, sync_ops: None
) -> None:
    def broken() -> None:
        raise ValidationError("Số định danh phải gồm đúng 12 chữ số.")

    QueryOp(window, broken).run()
    assert errors.shown[-1] == "Số định danh phải gồm đúng 12 chữ số."
    QueryOp(window, lambda: 1 / 0).run()
    assert "không mong muốn" in errors.shown[-1]


def test_ops_run_on_one_worker_thread_and_answer_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    QueryOp(None, work).success(
        lambda result: seen.update(result=result, callback=threading.get_ident())
    ).run()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["worker"] != gui and seen["callback"] == gui and seen["result"] == 42


def test_shortcuts_switch_pages_and_focus_search(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("households")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.page("households")
    assert isinstance(page, ListsPage)
    qtbot.waitUntil(lambda: page.current_list().search.hasFocus())


def test_long_work_reports_progress_and_cancel_rolls_back(ctx: AppContext, qtbot: QtBot) -> None:
    from desktop_app.progress import Progress
    from ui.long_op import LongOp

    def add_areas(progress: Progress) -> int:
        from desktop_app.records.catalog import record_type
        from desktop_app.services.records import save
        from desktop_app.work import work

        with work(ctx.db, ctx.actor, write=True) as w:
            for n in range(1, 51):
                save(w, record_type("area"), {"name": f"Thôn thử {n}", "kind": "thon"})
                progress(n, 50)
                if n == 10:
                    progress.cancel()  # as if the officer pressed Cancel now
        return 50

    outcome: dict[str, bool] = {}
    op = LongOp(None, "Đang thêm", add_areas)
    op.cancelled = lambda: outcome.update(cancelled=True)
    op.success(lambda _n: outcome.update(done=True)).run()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    assert outcome == {"cancelled": True}
    names = [r.get("name") for r in records.list_records(ctx.db, ctx.actor, "area")]
    assert not any(name.startswith("Thôn thử") for name in names)  # rolled back


def test_window_geometry_is_remembered(
    ctx: AppContext, qtbot: QtBot, sync_ops: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(1100, 700)
    saved = bytes(first.saveGeometry().toBase64().data()).decode("ascii")
    first.close()
    assert settings.load()["window_geometry"] == saved
    restored: list[bytes] = []

    def restore(self: MainWindow, geometry: QByteArray) -> bool:
        restored.append(bytes(geometry.toBase64().data()))
        return True

    monkeypatch.setattr(MainWindow, "restoreGeometry", restore)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert restored == [saved.encode("ascii")]


def test_the_overview_lists_the_soonest_due_items_and_counts_the_rest(
    ctx: AppContext, qtbot: QtBot, sync_ops: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services import overview as service

    every = service.overview(ctx.db, ctx.actor).due
    assert len(every) > 3  # the demo commune has contacts and opinions due
    monkeypatch.setattr(service, "DUE_SHOWN", 3)
    shown = service.overview(ctx.db, ctx.actor)
    assert shown.due == every[:3] and shown.due_more == len(every) - 3
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    tree = main.page("overview").due  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 4)
    assert tree.topLevelItem(3).text(1) == f"… và {len(every) - 3} việc khác, hạn muộn hơn"
