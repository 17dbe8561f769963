"""The register's tools in the window: the Excel import wizard and export, printing rosters
with Ctrl+P, and the duplicate review with merging, over a seeded database with ops inline."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QTableWidget

from desktop_app.changes import Changes
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.services import officers, records
from tests.conftest import ADMIN, PASSWORD, initialise
from tests.test_ui_forms import Questions, first
from ui import errors
from ui.context import AppContext
from ui.duplicates_dialog import DuplicatesDialog
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow
from ui.ops import task_manager
from ui.pages.registers import GroupsPage, HouseholdsPage
from ui.printing import safe_file_name
from ui.signals import app_signals

CTRL = Qt.KeyboardModifier.ControlModifier
HEADERS = ("STT", "Họ và tên chủ hộ", "Năm sinh", "Giới tính", "Số CCCD", "Thôn", "Số điện thoại")
GOOD = (
    (1, "Quàng Văn Khiêm", 1975, "Nam", "001075987601", "Thôn Bản Mới", "0912000101"),
    (2, "Lự Thị Nhung", 1981, "Nữ", "00108198A602", "Thôn Bản Mới", "0912000102"),
    (3, "Lò Văn Pánh", 1990, "Nam", "001090987603", "Thôn Bản Mới", "0912000103"),
)
BAD_ROW = 6  # Lự Thị Nhung, with a letter in her số định danh


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded-tools") / "seeded.sqlite3"
    admin = initialise(str(path))
    db = open_database(path)
    seed(db, admin, households=40, seed=7)
    db.dispose()
    return path


@pytest.fixture
def ctx(seeded_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "tools.sqlite3"
    shutil.copyfile(seeded_template, path)
    db = open_database(path)
    yield AppContext(db, officers.login(db, ADMIN, PASSWORD))
    db.dispose()


@pytest.fixture(autouse=True)
def sync_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ops run inline and errors are recorded instead of shown in a dialog."""
    monkeypatch.setattr(task_manager(), "synchronous", True)
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    errors.shown.clear()


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    """Yes/No questions answered by the test (Yes unless told); information boxes skipped."""
    asked = Questions()
    monkeypatch.setattr(QMessageBox, "question", asked)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    return asked


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """A register as posts type it: two title rows, a blank row, the header on row 4."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["UBND XÃ HỒNG HÀ"])
    ws.append(["DANH SÁCH HỘ GIA ĐÌNH THÔN BẢN MỚI"])
    ws.append([])
    ws.append(list(HEADERS))
    for row in GOOD:
        ws.append(list(row))
    path = tmp_path / "ds-ho.xlsx"
    book.save(path)
    return path


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    return main


def texts(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount()) if table.item(r, column)]


def column_of(table: QTableWidget, header: str) -> int:
    titles = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return titles.index(header) if header in titles else -1


def named(ctx: AppContext, name: str) -> list[records.Record]:
    found = records.list_records(ctx.db, ctx.actor, "person", search=name, limit=None)
    return [p for p in found if p.get("full_name") == name]


def field_box(wizard: ImportWizard, letter: str) -> QComboBox:
    mapping = wizard.preview_page.mapping
    row = texts(mapping, 0).index(letter)
    box = mapping.cellWidget(row, 2)
    assert isinstance(box, QComboBox)
    return box


def test_the_import_wizard_previews_dry_runs_and_imports_the_valid_rows(
    ctx: AppContext, qtbot: QtBot, sheet: Path, questions: Questions
) -> None:
    assert not any(named(ctx, row[1]) for row in GOOD)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.file_page.isComplete()
    wizard.set_path(sheet)
    wizard.next()

    preview = wizard.preview_page
    assert preview.isComplete()
    assert "tiêu đề ở dòng 4" in preview.summary.text()
    assert texts(preview.mapping, 1) == list(HEADERS)
    assert field_box(wizard, "B").currentData() == "full_name"
    assert field_box(wizard, "E").currentData() == "id_number"
    assert texts(preview.rows, 0) == ["5", "6", "7"]  # spreadsheet rows
    assert "Quàng Văn Khiêm" in texts(preview.rows, column_of(preview.rows, "Họ và tên"))
    bad = preview.rows.item(1, column_of(preview.rows, "Vấn đề"))
    assert "12 chữ số" in bad.text() and bad.background().color().name() == "#fdecea"

    # Ignoring the phone column reads the file again without it; then it is mapped back.
    phone_box = field_box(wizard, "G")
    phone_box.setCurrentIndex(phone_box.findData(""))
    assert wizard.state.overrides == {"G": "-"}
    assert column_of(preview.rows, "Số điện thoại") < 0
    phone_box = field_box(wizard, "G")
    phone_box.setCurrentIndex(phone_box.findData("phone"))
    assert "0912000101" in texts(preview.rows, column_of(preview.rows, "Số điện thoại"))

    wizard.next()
    check = wizard.check_page
    assert check.state.report is not None and check.state.report.dry_run
    assert texts(check.problems, 0) == [str(BAD_ROW)]
    assert "12 chữ số" in texts(check.problems, 1)[0]
    assert "sẽ nhập 2 hộ" in check.summary.text()
    assert not named(ctx, "Quàng Văn Khiêm")  # the dry run rolled back
    assert not check.isComplete()  # rows are invalid and skipping them was not asked for
    check.skip.setChecked(True)
    assert check.isComplete()

    with qtbot.waitSignal(app_signals().changes_applied) as refreshed:
        qtbot.mouseClick(wizard.button(wizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    changes = refreshed.args[0]
    assert isinstance(changes, Changes) and changes.touches("household", "person")
    assert wizard.result_report is not None and wizard.result_report.households == 2
    assert not wizard.isVisible()
    for row in (GOOD[0], GOOD[2]):
        person = named(ctx, row[1])
        assert len(person) == 1 and person[0].get("id_number") == row[4]
        assert person[0].get("household_id")
    assert not named(ctx, "Lự Thị Nhung")
    assert errors.shown == []


def test_an_unreadable_file_is_explained_on_the_preview_page(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    wrong = tmp_path / "ghi-chu.xlsx"
    wrong.write_text("không phải bảng tính", encoding="utf-8")
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_path(wrong)
    wizard.next()
    assert ".xlsx" in wizard.preview_page.problem.text()
    assert not wizard.preview_page.isComplete()


def test_export_writes_the_register(
    window: MainWindow, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    target = tmp_path / "xuat"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    questions.answers = [False]
    page = window.show_page("households")
    assert isinstance(page, HouseholdsPage)
    page.tools.export_button.click()
    book = openpyxl.load_workbook(tmp_path / "xuat.xlsx")
    assert "DANH SÁCH HỘ GIA ĐÌNH" in str(book.active["A1"].value)
    assert "Đã xuất" in questions.asked[0] and opened == []


def test_ctrl_p_prints_the_selected_group_roster(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    target = tmp_path / "to.pdf"
    suggested: list[str] = []

    def save_as(_parent: object, _title: str, start: str, _kind: str) -> tuple[str, str]:
        suggested.append(Path(start).name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    questions.answers = [False]  # do not open the PDF

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)  # the overview has nothing to print
    assert window.statusBar().currentMessage() == "Trang này chưa có mẫu in."
    page = window.show_page("groups")
    assert isinstance(page, GroupsPage)
    groups = page.current_list()
    assert not page.print_buttons[0].isEnabled()  # nothing selected yet
    groups.table.selectRow(0)
    assert page.print_buttons[0].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)

    assert target.exists()
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "DANH SÁCH HỘ GIA ĐÌNH" in text
    name = records.get(window.ctx.db, window.ctx.actor, "household_group", groups.selected_id())
    assert suggested == [safe_file_name(f"Danh sach ho {name.get('name')}", ".pdf")]
    assert suggested[0].isascii() and " " not in suggested[0]
    assert "Mở tệp to.pdf bây giờ?" in questions.asked[0] and opened == []
    assert errors.shown == []


def test_the_security_team_list_prints_from_its_tab(
    window: MainWindow, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    target = tmp_path / "to-bao-ve.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    questions.answers = [False]
    page = window.show_page("groups")
    assert isinstance(page, GroupsPage) and page.tabs is not None
    page.tabs.setCurrentIndex(1)
    page.current_list().table.selectRow(0)
    assert page.print_current()
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ" in text


def test_safe_file_names_have_no_marks_or_spaces() -> None:
    assert safe_file_name("Danh sách hộ Tổ liên gia số 3", ".pdf") == (
        "Danh-sach-ho-To-lien-gia-so-3.pdf"
    )
    assert safe_file_name("Đội / Tổ: \"A\" <1>?", ".pdf") == "Doi-To-A-1.pdf"


def test_merging_duplicates_from_the_review(
    ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    household = first(ctx, "household")
    data = {"full_name": "Đào Thị Song Sinh", "birth_year": 1966, "sex": "nu",
            "household_id": household.id}
    keep = records.put(ctx.db, ctx.actor, "person", data).record
    other = records.put(ctx.db, ctx.actor, "person", data).record

    dialog = DuplicatesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    assert not dialog.merge_button.isEnabled()
    dialog.choose_keep(keep.id)
    chosen = dialog.keep_and_others()
    assert chosen is not None
    group, kept, others = chosen
    assert kept.id == keep.id and [c.id for c in others] == [other.id]
    assert "Cùng họ tên và năm sinh 1966" in group.reason
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert questions.asked[0].startswith("Gộp «Đào Thị Song Sinh (1966")
    assert "được giữ lại trong lịch sử" in questions.asked[0]
    assert records.get(ctx.db, ctx.actor, "person", other.id).get("merged_into") == keep.id
    ids = {c.id for g in dialog.groups for c in g.records}
    assert other.id not in ids and keep.id not in ids  # the list reloaded
    assert errors.shown == []


def test_refusing_the_merge_changes_nothing(
    ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    household = first(ctx, "household")
    data = {"full_name": "Mai Văn Trùng", "birth_year": 1970, "sex": "nam",
            "household_id": household.id}
    keep = records.put(ctx.db, ctx.actor, "person", data).record
    other = records.put(ctx.db, ctx.actor, "person", data).record
    dialog = DuplicatesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load()
    dialog.choose_keep(keep.id)
    questions.answers = [False]
    dialog.merge()
    assert records.get(ctx.db, ctx.actor, "person", other.id).get("merged_into") is None


def test_viewers_may_export_and_print_but_not_import_or_merge(
    ctx: AppContext, qtbot: QtBot
) -> None:
    ctx.actor = dataclasses.replace(ctx.actor, role="viewer")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    households = window.show_page("households")
    assert isinstance(households, HouseholdsPage)
    tools = households.tools
    assert tools.import_button.isHidden() and tools.duplicates_button.isHidden()
    assert not tools.export_button.isHidden()
    groups = window.show_page("groups")
    assert isinstance(groups, GroupsPage)
    assert not groups.print_buttons[0].isHidden()
    window.import_spreadsheet()  # Ctrl+I
    assert "nhập được bảng tính" in window.statusBar().currentMessage()
    assert DuplicatesDialog(ctx).merge_button.isHidden()
