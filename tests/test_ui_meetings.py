"""Meetings in the window: the meeting form typed by keyboard and saving itself, its parts,
draft → held → closed, closed minutes read-only with corrections, pulling earlier opinions,
the print preview and its PDF, and the open opinions on the Meetings page.

Only ASCII is typed with keyClicks; accented text is set with setText, as an input method would.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.records.view import Record
from desktop_app.services import officers, records
from desktop_app.text import fold
from tests.conftest import ADMIN, PASSWORD, initialise
from tests.test_ui_forms import Questions
from ui import errors
from ui.context import AppContext
from ui.forms.fields import NoteEditor
from ui.forms.meeting_form import MeetingForm
from ui.forms.meeting_parts import parse_time
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import RefEditor
from ui.main_window import MainWindow
from ui.ops import task_manager
from ui.pages.registers import MeetingsPage
from ui.print_preview import PdfFile, PdfPreview, open_preview, paint_pdf

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded-meetings") / "seeded.sqlite3"
    admin = initialise(str(path))
    db = open_database(path)
    seed(db, admin, households=40, seed=7)
    db.dispose()
    return path


@pytest.fixture
def ctx(seeded_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "meetings.sqlite3"
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
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    return asked


def put(ctx: AppContext, type_name: str, **values: Any) -> Record:
    return records.put(ctx.db, ctx.actor, type_name, values).record


def draft(ctx: AppContext, when: str = "2026-03-05 19:30", **values: Any) -> Record:
    return put(ctx, "meeting", meeting_type="hop_dan", subject="Họp dân", starts_at=when, **values)


def opened(ctx: AppContext, qtbot: QtBot, record_id: str | None = None) -> MeetingForm:
    form = MeetingForm(ctx, record_id)
    qtbot.addWidget(form)
    form.autosave_delay_ms = 0
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


def line(form: RecordForm, name: str) -> QLineEdit:
    found = getattr(form.editor(name), "line", None)
    assert isinstance(found, QLineEdit)
    return found


def stored(ctx: AppContext, meeting_id: str) -> Record:
    return records.get(ctx.db, ctx.actor, "meeting", meeting_id)


def children(ctx: AppContext, kind: str, meeting_id: str) -> list[Record]:
    return records.list_records(ctx.db, ctx.actor, kind, filters={"meeting_id": meeting_id})


def pdf_text(path: Path) -> str:
    return fold("".join(page.extract_text() for page in PdfReader(path).pages))


def test_times_are_typed_as_the_lists_show_them() -> None:
    assert parse_time("05/03/2026 19:30") == datetime(2026, 3, 5, 19, 30)
    assert parse_time("2026-03-05 07:05") == datetime(2026, 3, 5, 7, 5)
    assert parse_time("05/03/2026") is None and parse_time("31/02/2026 19:30") is None


def test_a_new_meeting_typed_by_keyboard_saves_itself(ctx: AppContext, qtbot: QtBot) -> None:
    form = opened(ctx, qtbot)
    assert form.tabs.currentIndex() == 0 and form.record_id is None
    subject = line(form, "subject")
    subject.setFocus()
    subject.setText("Họp dân quý I năm 2026")
    qtbot.keyClick(subject, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is line(form, "starts_at")
    qtbot.keyClicks(line(form, "starts_at"), "05/03/2026 19:30")
    qtbot.keyClick(line(form, "starts_at"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is line(form, "ends_at")
    qtbot.keyClicks(line(form, "ends_at"), "05/03/2026 21:15")
    qtbot.keyClick(line(form, "ends_at"), Qt.Key.Key_Tab)
    line(form, "place").setText("Nhà văn hóa thôn Đồng Tâm")

    qtbot.waitUntil(lambda: "Đã tự lưu lúc" in form.autosave_label.text())
    assert form.record_id is not None and not form.is_dirty() and form.isVisible()
    saved = stored(ctx, form.record_id)
    assert saved.get("subject") == "Họp dân quý I năm 2026"
    assert saved.get("starts_at") == datetime(2026, 3, 5, 19, 30)
    assert saved.get("ends_at") == datetime(2026, 3, 5, 21, 15)
    assert saved.get("place") == "Nhà văn hóa thôn Đồng Tâm"
    assert (saved.get("meeting_type"), saved.get("status")) == ("hop_dan", "draft")

    # Alt+5: the conclusions; Ctrl+S saves and the form stays open.
    qtbot.keyClick(form, Qt.Key.Key_5, ALT)
    assert form.tabs.currentIndex() == 4
    conclusions = form.editor("conclusions")
    assert isinstance(conclusions, NoteEditor) and conclusions.text.hasFocus()
    conclusions.text.setPlainText("Thống nhất lắp thêm đèn đường.")
    qtbot.keyClicks(line(form, "votes_for"), "18")
    form.autosave_delay_ms = 60_000  # Ctrl+S comes first
    qtbot.keyClick(form, Qt.Key.Key_S, CTRL)
    assert form.isVisible() and "Đã lưu lúc" in form.autosave_label.text()
    saved = stored(ctx, form.record_id)
    assert (saved.get("conclusions"), saved.get("votes_for")) == (
        "Thống nhất lắp thêm đèn đường.",
        18,
    )


def test_enter_in_the_agenda_adds_the_next_item(ctx: AppContext, qtbot: QtBot) -> None:
    meeting = draft(ctx)
    form = opened(ctx, qtbot, meeting.id)
    qtbot.keyClick(form, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(form, Qt.Key.Key_PageDown, CTRL)
    assert form.tabs.currentWidget() is form.agenda
    assert form.agenda.table.hasFocus()
    for title in ("Thông báo tình hình an ninh", "Phổ biến Luật Căn cước"):
        qtbot.keyClick(form.agenda.table, Qt.Key.Key_Return)
        item = form.agenda.current_form
        assert item is not None and item.isVisible()
        item.activateWindow()
        qtbot.waitUntil(lambda item=item: QApplication.activeWindow() is item)
        line(item, "title").setText(title)
        content = item.editor("content")
        assert isinstance(content, NoteEditor)
        content.text.setPlainText("Ông Trưởng Công an phường thông báo.")
        qtbot.keyClick(line(item, "title"), Qt.Key.Key_Return)  # Lưu is the default button
        assert not item.isVisible()
        form.activateWindow()  # as the window manager does when the item's form closes
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    rows = sorted(children(ctx, "agenda_item", meeting.id), key=lambda r: r.get("position"))
    assert [(r.get("position"), r.get("title")) for r in rows] == [
        (1, "Thông báo tình hình an ninh"),
        (2, "Phổ biến Luật Căn cước"),
    ]
    assert form.agenda.table.rowCount() == 2 and form.tabs.tabText(2) == "Nội dung (2)"


def test_households_are_picked_from_the_register(ctx: AppContext, qtbot: QtBot) -> None:
    meeting = draft(ctx)
    form = opened(ctx, qtbot, meeting.id)
    qtbot.mouseClick(form.household_button, LEFT)
    attendee = form.attendees.current_form
    assert attendee is not None and not attendee.save_button.isEnabled()
    household = attendee.editor("household_id")
    assert isinstance(household, RefEditor)
    household.choose()
    picker = household.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0)
    picker.table.selectRow(0)
    picker.accept()
    head = household.line.text().split(" · ")[0]
    assert head and line(attendee, "name").text() == head
    qtbot.mouseClick(attendee.save_button, LEFT)

    qtbot.mouseClick(form.attendees.add_button, LEFT)
    official = form.attendees.current_form
    assert official is not None and official is not attendee
    line(official, "name").setText("Trần Văn Phó")
    line(official, "title").setText("Phó Chủ tịch UBND phường")
    official.editor("present").set_raw(False)
    line(official, "absent_reason").setText("Đi công tác")
    qtbot.mouseClick(official.save_button, LEFT)

    rows = {r.get("kind"): r for r in children(ctx, "meeting_attendee", meeting.id)}
    assert rows["household"].get("household_id") == household.raw()
    assert rows["household"].get("name") == head
    assert (rows["official"].get("present"), rows["official"].get("title")) == (
        False,
        "Phó Chủ tịch UBND phường",
    )
    qtbot.mouseClick(form.count_button, LEFT)
    assert (line(form, "present_count").text(), line(form, "absent_count").text()) == ("1", "1")
    qtbot.waitUntil(lambda: stored(ctx, meeting.id).get("absent_count") == 1)


def test_a_failed_autosave_says_why_and_keeps_what_was_typed(ctx: AppContext, qtbot: QtBot) -> None:
    meeting = draft(ctx, place="Nhà văn hóa")
    form = opened(ctx, qtbot, meeting.id)
    line(form, "place").setText("Hội trường UBND phường")
    qtbot.keyClicks(line(form, "ends_at"), "05/03/2026 18:00")  # before the start
    qtbot.waitUntil(lambda: "Chưa tự lưu được" in form.autosave_label.text())
    assert "Thời gian kết thúc phải sau thời gian bắt đầu" in form.autosave_label.text()
    assert line(form, "ends_at").text() == "05/03/2026 18:00"
    assert line(form, "place").text() == "Hội trường UBND phường"
    assert form.is_dirty() and errors.shown == []
    assert stored(ctx, meeting.id).get("place") == "Nhà văn hóa"

    line(form, "ends_at").clear()
    qtbot.keyClicks(line(form, "ends_at"), "05/03/2026 21:00")
    qtbot.waitUntil(lambda: "Đã tự lưu lúc" in form.autosave_label.text())
    assert stored(ctx, meeting.id).get("place") == "Hội trường UBND phường"


def test_esc_saves_what_was_typed_before_closing(
    ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    meeting = draft(ctx)
    form = opened(ctx, qtbot, meeting.id)
    form.autosave_delay_ms = 60_000
    line(form, "place").setText("Nhà văn hóa thôn Đồng Tâm")
    qtbot.keyClick(line(form, "place"), Qt.Key.Key_Escape)
    assert not form.isVisible() and questions.asked == []
    assert stored(ctx, meeting.id).get("place") == "Nhà văn hóa thôn Đồng Tâm"

    form = opened(ctx, qtbot, meeting.id)
    line(form, "subject").clear()  # required: cannot be saved, so the officer is asked
    questions.answers = [False]
    qtbot.keyClick(line(form, "place"), Qt.Key.Key_Escape)
    assert form.isVisible() and questions.asked == ["Bỏ các thay đổi chưa lưu?"]


def test_held_then_closed_with_a_number_and_read_only(
    ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    meeting = draft(ctx)
    form = opened(ctx, qtbot, meeting.id)
    assert form.held_button.isVisible() and not form.close_minutes_button.isVisible()
    line(form, "chair_name").setText("Nguyễn Văn Trưởng")
    qtbot.mouseClick(form.held_button, LEFT)
    held = stored(ctx, meeting.id)
    assert (held.get("status"), held.get("chair_name")) == ("held", "Nguyễn Văn Trưởng")
    assert form.close_minutes_button.isVisible() and not form.held_button.isVisible()

    questions.answers = [False]
    qtbot.mouseClick(form.close_minutes_button, LEFT)
    assert "không sửa được" in questions.asked[-1] and "cấp số" in questions.asked[-1]
    assert stored(ctx, meeting.id).get("status") == "held" and not form.locked

    qtbot.mouseClick(form.close_minutes_button, LEFT)
    closed = stored(ctx, meeting.id)
    number = closed.get("doc_number")
    assert closed.get("status") == "closed" and number and number.endswith("/BB-CAP")
    assert form.number_label.text() == f"Số: {number}"
    assert form.windowTitle().startswith(f"Biên bản số {number}")
    assert form.locked and not form.save_button.isVisible()
    assert not form.rows["subject"].cell.isEnabled()
    assert not form.attendees.add_button.isVisible() and not form.agenda.add_button.isVisible()
    assert form.addendum_button.isVisible()
    line(form, "subject").setText("Sửa sau khi khóa")  # even if something changed it
    form.save()
    form.autosave()
    assert stored(ctx, meeting.id).get("subject") == "Họp dân"


def test_closed_minutes_take_a_dated_correction(ctx: AppContext, qtbot: QtBot) -> None:
    meeting = draft(ctx)
    put(ctx, "opinion", meeting_id=meeting.id, speaker_name="Ông Lê Văn Ba", content="Đèn")
    for status in ("held", "closed"):
        records.put(ctx.db, ctx.actor, "meeting", {"id": meeting.id, "status": status})
    form = opened(ctx, qtbot, meeting.id)
    assert form.locked and not form.held_button.isVisible()
    assert form.tabs.isTabVisible(form.tabs.indexOf(form.addenda))
    qtbot.mouseClick(form.addendum_button, LEFT)
    assert form.tabs.currentWidget() is form.addenda
    correction = form.addenda.current_form
    assert correction is not None
    assert line(correction, "made_on").text() == date.today().strftime("%d/%m/%Y")
    content = correction.editor("content")
    assert isinstance(content, NoteEditor)
    content.text.setPlainText("Số người có mặt là 42, không phải 24.")
    qtbot.mouseClick(correction.save_button, LEFT)
    added = children(ctx, "meeting_addendum", meeting.id)
    assert [r.get("content") for r in added] == ["Số người có mặt là 42, không phải 24."]
    assert form.addenda.table.rowCount() == 1

    # The follow-up of an opinion still changes on closed minutes.
    form.opinions.table.selectRow(0)
    qtbot.mouseClick(form.follow_up_button, LEFT)
    follow = form.opinions.current_form
    assert follow is not None and set(follow.rows) == {
        "status",
        "replied_on",
        "reply",
        "responsible",
    }
    follow.editor("status").set_raw("answered")
    follow.editor("status").edited.emit()
    qtbot.mouseClick(follow.save_button, LEFT)
    assert children(ctx, "opinion", meeting.id)[0].get("status") == "answered"


def test_open_opinions_of_the_area_are_pulled_into_the_agenda(
    ctx: AppContext, qtbot: QtBot
) -> None:
    area = put(ctx, "area", name="Thôn Đồng Tâm", kind="thon")
    march = draft(ctx, area_id=area.id)
    put(
        ctx,
        "opinion",
        meeting_id=march.id,
        speaker_name="Ông Lê Văn Ba",
        content="Đề nghị lắp đèn đường ở ngõ 5",
        deadline="2026-04-01",
    )
    june = draft(ctx, "2026-06-05 19:30", area_id=area.id)
    form = opened(ctx, qtbot, june.id)
    qtbot.mouseClick(form.pull_button, LEFT)
    items = children(ctx, "agenda_item", june.id)
    assert len(items) == 1 and "Đề nghị lắp đèn đường ở ngõ 5" in items[0].get("content")
    assert form.tabs.currentWidget() is form.agenda and form.agenda.table.rowCount() == 1
    assert "Đã thêm mục báo cáo" in form.autosave_label.text()

    qtbot.mouseClick(form.pull_button, LEFT)  # nothing is left to pull: said on the form
    assert "Không có ý kiến nào" in form.banner.text() and errors.shown == []


def three_pages() -> bytes:
    out = BytesIO()
    sheet = canvas.Canvas(out)
    for number in range(1, 4):
        sheet.drawString(100, 700, f"Trang {number}")
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def test_the_preview_shows_every_page_and_prints_them(qtbot: QtBot, tmp_path: Path) -> None:
    data = three_pages()
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = open_preview(parent, PdfFile(data, "ba-trang.pdf", "Ba trang"))
    qtbot.waitUntil(lambda: dialog.page_count() > 0)
    assert dialog.page_count() == len(pdfium.PdfDocument(data)) == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    paint_pdf(data, printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3
    dialog.close()


def test_ctrl_p_previews_the_minutes_and_saves_the_pdf(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = draft(ctx, place="Nhà văn hóa")
    for position in range(1, 9):  # enough to run over a page
        put(
            ctx,
            "agenda_item",
            meeting_id=meeting.id,
            position=position,
            title=f"Nội dung {position}",
            content="Ông Trưởng Công an phường thông báo tình hình. " * 12,
        )
    form = opened(ctx, qtbot, meeting.id)
    line(form, "subject").setText("Họp dân phổ biến Luật Căn cước")  # saved before printing
    qtbot.keyClick(form, Qt.Key.Key_P, CTRL)
    preview = form.findChild(PdfPreview)
    assert preview is not None and preview.isVisible()
    assert stored(ctx, meeting.id).get("subject") == "Họp dân phổ biến Luật Căn cước"
    pages = len(pdfium.PdfDocument(preview.pdf.data))
    assert pages >= 2
    qtbot.waitUntil(lambda: preview.page_count() == pages)

    target = tmp_path / "bien-ban.pdf"
    chosen: list[str] = []

    def save_as(_parent: object, _title: str, start: str, *_args: object) -> tuple[str, str]:
        chosen.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    preview.save_action.trigger()
    assert chosen and chosen[0].endswith("Hop-dan-pho-bien-Luat-Can-cuoc.pdf")
    assert target.read_bytes() == preview.pdf.data
    assert fold("Họp dân phổ biến Luật Căn cước") in pdf_text(target)


def overdue_opinion(ctx: AppContext) -> Record:
    meeting = draft(ctx, (date.today() - timedelta(days=60)).strftime("%Y-%m-%d 19:30"))
    return put(
        ctx,
        "opinion",
        meeting_id=meeting.id,
        speaker_name="Bà Vũ Thị Tư",
        content="Đề nghị xử lý tiếng ồn karaoke",
        deadline=(date.today() - timedelta(days=3)).isoformat(),
    )


@pytest.fixture
def page(ctx: AppContext, qtbot: QtBot) -> MeetingsPage:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    found = window.show_page("meetings")
    assert isinstance(found, MeetingsPage)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return found


def test_the_page_lists_open_opinions_with_the_overdue_in_red(
    ctx: AppContext, qtbot: QtBot
) -> None:
    late = overdue_opinion(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("meetings")
    assert isinstance(page, MeetingsPage) and page.tabs is not None
    page.tabs.setCurrentWidget(page.opinions)
    table = page.opinions.table
    qtbot.waitUntil(lambda: any(r.id == late.id for r in page.opinions.rows))
    row = next(i for i, r in enumerate(page.opinions.rows) if r.id == late.id)
    deadlines = [r.deadline for r in page.opinions.rows]
    assert deadlines == sorted(deadlines, key=lambda d: (d is None, d or date.min))
    for line_no, opinion in enumerate(page.opinions.rows):
        red = table.item(line_no, 0).foreground().color() == page.opinions.OVERDUE
        assert red == (opinion.deadline is not None and opinion.deadline < date.today())
    assert table.item(row, 1).text() == "Bà Vũ Thị Tư"
    assert "quá hạn" in page.opinions.summary.text()

    page.opinions.table.selectRow(row)
    page.opinions.table.activated.emit(table.model().index(row, 0))
    form = page.form
    assert isinstance(form, MeetingForm) and form.tabs.currentWidget() is form.opinions
    chosen = form.opinions.selected()
    assert chosen is not None and chosen.id == late.id


def test_ctrl_p_on_the_page_previews_the_chosen_meeting(
    page: MeetingsPage, ctx: AppContext, qtbot: QtBot
) -> None:
    meetings = page.meetings
    qtbot.waitUntil(lambda: meetings.model.rowCount() > 0)
    meetings.table.selectRow(0)
    chosen = meetings.selected_id()
    assert chosen is not None
    qtbot.keyClick(page.window(), Qt.Key.Key_P, CTRL)
    preview = page.findChild(PdfPreview)
    assert preview is not None and preview.isVisible()
    subject = str(stored(ctx, chosen).get("subject"))
    assert subject in preview.pdf.title
    assert page.print_button.isEnabled()
    # Thêm opens the meeting form.
    assert meetings.editing is not None
    meetings.editing.add()
    assert isinstance(meetings.editing.current_form, MeetingForm)
