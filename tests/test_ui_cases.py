"""Reintegration cases in the window: the quick dialogs (Ghi tiếp xúc, Đổi phân loại), the case
form with its parts, the 3-working-day deadline, printing the sheets, viewers, and a case handed
to another commune, over a seeded database with ops run inline.

Only ASCII is typed with keyClicks; accented text is set with setText, as an input method would.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit

from desktop_app import admin_units
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.records.view import Record
from desktop_app.services import cases, officers, records
from desktop_app.text import fold
from tests.conftest import ADMIN, PASSWORD, UNIT, initialise
from tests.test_ui_forms import Questions
from ui import errors
from ui.context import AppContext
from ui.forms import case_form, form_for
from ui.forms.case_form import CaseForm, NoticeEditor, PersonEditor
from ui.forms.case_quick import ClassForm, ContactForm, LevelEditor, TransferDialog
from ui.forms.person_form import PersonForm
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import RefEditor
from ui.main_window import MainWindow
from ui.ops import task_manager
from ui.pages.registers import CasesPage
from ui.table_model import PLACEHOLDER

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded-cases") / "seeded.sqlite3"
    admin = initialise(str(path))
    db = open_database(path)
    seed(db, admin, households=40, seed=7)
    db.dispose()
    return path


@pytest.fixture
def ctx(seeded_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "cases.sqlite3"
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
    asked = Questions()
    monkeypatch.setattr(QMessageBox, "question", asked)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    return asked


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    return main


def open_case(ctx: AppContext) -> Record:
    found = records.list_records(
        ctx.db, ctx.actor, "reintegration_case", filters={"status": "open"}, limit=1
    )
    return found[0]


def person_name(ctx: AppContext, case: Record) -> str:
    return str(records.get(ctx.db, ctx.actor, "person", case.get("person_id")).get("full_name"))


def cases_page(window: MainWindow, qtbot: QtBot, case_id: str) -> CasesPage:
    """The cases page with `case_id` chosen in the list, the window active for shortcuts."""
    page = window.show_page("cases")
    assert isinstance(page, CasesPage)
    qtbot.waitUntil(lambda: page.cases.model.row_of(case_id) >= 0)
    page.cases.table.selectRow(page.cases.model.row_of(case_id))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return page


def class_cell(page: CasesPage, case_id: str) -> str:
    model = page.cases.model
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return str(model.data(model.index(model.row_of(case_id), column.index("Phân loại"))))


def line(form: RecordForm, name: str) -> QLineEdit:
    found = getattr(form.editor(name), "line", None)
    assert isinstance(found, QLineEdit)
    return found


def note(form: RecordForm, name: str) -> QPlainTextEdit:
    found = getattr(form.editor(name), "text", None)
    assert isinstance(found, QPlainTextEdit)
    return found


def save_with_keys(form: RecordForm, qtbot: QtBot) -> None:
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    qtbot.keyClick(form, Qt.Key.Key_S, CTRL)


def test_a_contact_and_a_change_of_class_from_the_quick_dialogs(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    case = open_case(ctx)
    page = cases_page(window, qtbot, case.id)
    qtbot.waitUntil(lambda: class_cell(page, case.id) != PLACEHOLDER)
    before = class_cell(page, case.id)
    assert page.contact_button.isVisible() and page.class_button.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    contact = page.dialog
    assert isinstance(contact, ContactForm) and contact.isVisible()
    assert line(contact, "contact_on").text() == date.today().strftime("%d/%m/%Y")
    assert contact.editor("kind").raw() == "visit"
    assert contact.editor("officer_id").raw() == ctx.actor.officer_id
    contact.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is contact)
    assert QApplication.focusWidget() is note(contact, "content")  # type straight away
    qtbot.keyClicks(QApplication.focusWidget(), "Gap tai nha, dang di lam on dinh")
    qtbot.keyClick(contact, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not contact.isVisible())
    found = records.list_records(
        ctx.db, ctx.actor, "case_contact", filters={"case_id": case.id}, limit=None
    )
    saved = [c for c in found if c.get("content") == "Gap tai nha, dang di lam on dinh"]
    assert len(saved) == 1
    assert saved[0].get("contact_on") == date.today() and saved[0].get("kind") == "visit"
    assert saved[0].get("officer_id") == ctx.actor.officer_id

    # The list reloaded after the save and kept the case chosen: Ctrl+L needs no new click.
    qtbot.waitUntil(lambda: page.cases.selected_id() == case.id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    change = page.dialog
    assert isinstance(change, ClassForm)
    level = change.editor("level")
    assert isinstance(level, LevelEditor)
    assert level.raw() == before  # the current class, preselected
    new_level = "D" if before != "D" else "A"
    level.choose(new_level)
    assert not change.save_button.isEnabled()  # the reason is required
    note(change, "reason").setPlainText("Đi làm ăn xa, gia đình quản lý tốt")
    save_with_keys(change, qtbot)
    qtbot.waitUntil(lambda: not change.isVisible())
    classes = records.list_records(
        ctx.db, ctx.actor, "case_classification", filters={"case_id": case.id}, limit=None
    )
    latest = [c for c in classes if c.get("reason") == "Đi làm ăn xa, gia đình quản lý tốt"]
    assert [c.get("level") for c in latest] == [new_level]
    assert latest[0].get("decided_on") == date.today()
    qtbot.waitUntil(lambda: class_cell(page, case.id) == new_level)
    assert errors.shown == []


def test_a_new_case_for_a_person_from_the_register_with_a_judgement(
    ctx: AppContext, qtbot: QtBot
) -> None:
    busy = {
        c.get("person_id") for c in records.list_records(ctx.db, ctx.actor, "reintegration_case")
    }
    person = next(p for p in records.list_records(ctx.db, ctx.actor, "person") if p.id not in busy)
    form = form_for(ctx, "reintegration_case")
    assert isinstance(form, CaseForm)
    qtbot.addWidget(form)
    form.show()
    editor = form.editor("person_id")
    assert isinstance(editor, RefEditor)
    editor.choose()  # Chọn…: the register, searched without accents
    picker = editor.picker
    assert picker is not None
    given = str(person.get("full_name")).split()[-1]
    picker.search.setText(fold(given))
    qtbot.waitUntil(lambda: picker.model.row_of(person.id) >= 0, timeout=3000)
    picker.select_id(person.id)
    picker.accept()
    assert editor.raw() == person.id
    assert str(person.get("full_name")) in form.heading.text()
    line(form, "release_date").setText("15/03/2025")
    line(form, "facility").setText("Trại giam Ngọc Lý")

    form.tabs.setCurrentWidget(form.judgement_section)
    qtbot.mouseClick(form.judgement_section.add_button, LEFT)  # saves the case first
    assert form.record_id is not None and form.isVisible()
    judgement = form.judgement_section.current_form
    assert judgement is not None and judgement.isVisible()
    line(judgement, "court").setText("Tòa án nhân dân khu vực 1 - Hà Nội")
    line(judgement, "judgement_no").setText("112/2024/HS-ST")
    line(judgement, "judgement_date").setText("10/10/2024")
    line(judgement, "offence").setText("Trộm cắp tài sản")
    line(judgement, "article").setText("Điều 173")
    line(judgement, "main_penalty").setText("02 năm tù")
    line(judgement, "term_months").setText("24")
    judgement.save()
    assert not judgement.isVisible()

    stored = records.get(ctx.db, ctx.actor, "reintegration_case", form.record_id)
    assert stored.get("person_id") == person.id
    assert str(stored.get("case_no")).startswith(f"{UNIT}-2025-")
    parts = records.list_records(
        ctx.db, ctx.actor, "case_judgement", filters={"case_id": form.record_id}
    )
    assert [j.get("offence") for j in parts] == ["Trộm cắp tài sản"]
    assert form.judgement_section.table.rowCount() == 1
    assert form.tabs.tabText(1) == "Bản án (1)"
    # Điều 70: up to 5 years' prison, expunged 2 years after serving it.
    assert "15/03/2027" in form.advice.text() and "Điều 70" in form.advice.text()
    assert errors.shown == []


def test_a_person_created_in_place_becomes_the_case_person(ctx: AppContext, qtbot: QtBot) -> None:
    form = CaseForm(ctx)
    qtbot.addWidget(form)
    form.show()
    editor = form.editor("person_id")
    assert isinstance(editor, PersonEditor)
    qtbot.mouseClick(editor.new_button, LEFT)
    person = form.person_form
    assert isinstance(person, PersonForm) and person.isVisible()
    line(person, "full_name").setText("Hà Văn Mới")
    line(person, "birth_date").setText("1988")
    person.save()
    assert not person.isVisible()
    assert editor.raw() is not None
    assert records.get(ctx.db, ctx.actor, "person", editor.raw()).get("full_name") == "Hà Văn Mới"
    assert "Hà Văn Mới" in form.heading.text()


def test_the_confirmation_deadline_skips_tet(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_form, "today", lambda: date(2026, 3, 2))
    form = CaseForm(ctx)
    qtbot.addWidget(form)
    form.show()
    notice = form.editor("notice_received_on")
    assert isinstance(notice, NoticeEditor)
    line(form, "notice_received_on").setText("13/02/2026")  # the Friday before Tết
    assert notice.deadline.text() == "Hạn xác nhận: 25/02/2026"
    assert "#b03a2e" in notice.deadline.styleSheet()  # passed and not confirmed: red
    line(form, "residence_confirmed_on").setText("24/02/2026")
    assert notice.deadline.text() == "Hạn xác nhận: 25/02/2026"
    assert notice.deadline.styleSheet() == ""
    line(form, "notice_received_on").setText("13/02/20")  # still being typed
    assert notice.deadline.text() == ""


def test_ctrl_p_prints_the_officer_sheet_of_the_chosen_case(
    window: MainWindow,
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    case = open_case(ctx)
    target = tmp_path / "phieu.pdf"
    suggested: list[str] = []

    def save_as(_parent: object, _title: str, start: str, _kind: str) -> tuple[str, str]:
        suggested.append(Path(start).name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    questions.answers = [False]
    cases_page(window, qtbot, case.id)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)

    assert target.exists()
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert person_name(ctx, case) in text
    assert suggested == [f"Phieu-theo-doi-{case.get('case_no')}.pdf"]  # no name in it
    assert "Mở tệp phieu.pdf bây giờ?" in questions.asked[0] and opened == []
    assert errors.shown == []


def test_the_helper_sheet_from_the_print_menu(
    window: MainWindow,
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    case = open_case(ctx)
    target = tmp_path / "giup-do.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    questions.answers = [False]
    page = cases_page(window, qtbot, case.id)
    assert page.officer_sheet.isVisible() and page.helper_sheet.isVisible()
    page.helper_sheet.trigger()
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert person_name(ctx, case) in text


def test_a_viewer_has_no_write_actions_and_sees_the_minimal_view(
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    case = open_case(ctx)
    offences = [
        str(j.get("offence"))
        for j in records.list_records(
            ctx.db, ctx.actor, "case_judgement", filters={"case_id": case.id}
        )
    ]
    name = person_name(ctx, case)
    ctx.actor = dataclasses.replace(ctx.actor, role="viewer")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = cases_page(window, qtbot, case.id)
    editing = page.cases.editing
    assert editing is not None and not any(b.isVisible() for b in editing.buttons)
    for button in (page.contact_button, page.class_button, page.transfer_button):
        assert button.isHidden()
    assert not page.print_button.isHidden()
    assert not page.officer_sheet.isVisible() and page.helper_sheet.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert page.dialog is None

    # Enter on the row: the minimal detail, no offence.
    page.cases.table.setFocus()
    qtbot.keyClick(page.cases.table, Qt.Key.Key_Return)
    detail = page.cases.detail.detail
    assert detail is not None and detail.minimal and detail.sections == ()
    assert not any(o in value for _, value in detail.fields for o in offences)

    form = CaseForm(ctx, case.id)
    qtbot.addWidget(form)
    form.show()
    assert form.locked == "minimal" and form.notice.isVisible()
    assert form.notice.text().startswith("Bạn chỉ được xem thông tin tối thiểu")
    assert form.save_button.isHidden() and not form.fields_widget.isEnabled()
    assert not any(form.tabs.isTabVisible(i) for i in range(1, form.tabs.count()))
    assert set(form.rows) == {"person_id", "case_no", "officer_in_charge_id", "status"}
    assert errors.shown == []

    # Ctrl+P prints what a viewer may print: the helper's sheet, with no offence on it.
    target = tmp_path / "viewer.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    questions.answers = [False]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert name in text
    assert not any(o in text for o in offences)
    assert errors.shown == []


def test_transferring_a_case_leaves_it_read_only_here(
    window: MainWindow, ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    case = open_case(ctx)
    page = cases_page(window, qtbot, case.id)
    qtbot.mouseClick(page.transfer_button, LEFT)
    dialog = page.dialog
    assert isinstance(dialog, TransferDialog)
    target = next(
        c for c in admin_units.communes(admin_units.commune(UNIT).province_code) if c.code != UNIT
    )
    dialog.search.setText(fold(target.short_name))
    dialog.choose(target.code)
    assert dialog.chosen_code() == target.code
    assert all(
        dialog.communes.item(r).data(Qt.ItemDataRole.UserRole) != UNIT
        for r in range(dialog.communes.count())
    )
    qtbot.mouseClick(dialog.transfer_button, LEFT)
    assert "Tại đây sẽ chỉ còn được xem" in questions.asked[-1]
    assert dialog.transferred and not dialog.isVisible()
    moved = records.get(ctx.db, ctx.actor, "reintegration_case", case.id)
    assert moved.unit_code == target.code and moved.get("transferred_to_unit") == target.code

    form = form_for(ctx, "reintegration_case", case.id, window)
    assert isinstance(form, CaseForm)
    qtbot.addWidget(form)
    form.show()
    assert form.locked == "transferred"
    assert form.notice.text() == (
        f"Hồ sơ đã chuyển cho đơn vị {target.name} ({target.code}); tại đây chỉ được xem."
    )
    assert not form.fields_widget.isEnabled() and form.save_button.isHidden()
    assert all(b.isHidden() for part in form.sections for b in part.action_buttons)
    assert form.scans.add_button.isHidden()
    assert form.judgement_section.table.rowCount() >= 1  # the parts can still be read
    assert errors.shown == []


def test_a_transferred_case_refuses_quick_dialogs_with_the_service_message(
    ctx: AppContext, qtbot: QtBot
) -> None:
    case = open_case(ctx)
    target = next(
        c for c in admin_units.communes(admin_units.commune(UNIT).province_code) if c.code != UNIT
    )
    cases.transfer(ctx.db, ctx.actor, case.id, target.code)
    form = ContactForm(ctx, case.id)
    qtbot.addWidget(form)
    form.show()
    note(form, "content").setPlainText("Đến nhà gặp")
    form.save()
    assert form.isVisible() and "đã chuyển" in form.banner.text()


def test_scans_are_attached_and_copied_out(
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    case = open_case(ctx)
    form = CaseForm(ctx, case.id)
    qtbot.addWidget(form)
    form.show()
    scan = tmp_path / "giay-chung-nhan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the release certificate")
    form.tabs.setCurrentWidget(form.scans)
    form.scans.add_file(scan)
    assert [a.get("file_name") for a in form.scans.items] == ["giay-chung-nhan.pdf"]
    assert form.tabs.tabText(form.tabs.indexOf(form.scans)) == "Tài liệu scan (1)"
    copy = tmp_path / "ban-sao.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(copy), ""))
    questions.answers = [False]
    form.scans.table.selectRow(0)
    qtbot.mouseClick(form.scans.save_button, LEFT)
    assert copy.read_bytes() == scan.read_bytes()
    assert errors.shown == []
