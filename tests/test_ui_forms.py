"""Editing in the GUI: the generic record form, households with residents, groups, teams,
list toolbars and filters, over a seeded database with ops run inline.

Only ASCII is typed with keyClicks (Qt's test helper aborts on other keystrokes); accented
text is set with setText, as an input method would."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.errors import ValidationError
from desktop_app.records.view import Record
from desktop_app.services import officers, records
from tests.conftest import ADMIN, PASSWORD, initialise
from ui import errors
from ui.context import AppContext
from ui.forms import form_for
from ui.forms.fields import ComboEditor
from ui.forms.group_form import GroupForm
from ui.forms.household_form import HouseholdForm
from ui.forms.person_form import PersonForm, parse_birth
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import RefEditor
from ui.forms.team_form import TeamForm, rating_year
from ui.main_window import MainWindow
from ui.ops import task_manager
from ui.pages.base import ListsPage
from ui.table_model import PLACEHOLDER

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded-forms") / "seeded.sqlite3"
    admin = initialise(str(path))
    db = open_database(path)
    seed(db, admin, households=40, seed=7)
    db.dispose()
    return path


@pytest.fixture
def ctx(seeded_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "forms.sqlite3"
    shutil.copyfile(seeded_template, path)
    db = open_database(path)
    yield AppContext(db, officers.login(db, ADMIN, PASSWORD))
    db.dispose()


@pytest.fixture(autouse=True)
def sync_ops(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Ops run inline and errors are recorded instead of shown in a dialog."""
    monkeypatch.setattr(task_manager(), "synchronous", True)
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    errors.shown.clear()
    yield


class Questions:
    """QMessageBox.question, answered by the test: what was asked, and the next answers."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answers: list[bool] = []

    def __call__(self, _parent: object, _title: str, text: str, *_args: object) -> object:
        self.asked.append(text)
        yes = self.answers.pop(0) if self.answers else True
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    asked = Questions()
    monkeypatch.setattr(QMessageBox, "question", asked)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    return asked


def first(ctx: AppContext, record_type: str, **filters: object) -> Record:
    return records.list_records(ctx.db, ctx.actor, record_type, filters=filters, limit=1)[0]


def people_of(ctx: AppContext, household_id: str) -> list[Record]:
    return records.list_records(
        ctx.db, ctx.actor, "person", filters={"household_id": household_id}, limit=None
    )


def unused_id_number(ctx: AppContext) -> str:
    for n in range(100):
        number = f"0011990{n:05d}"
        if not records.list_records(ctx.db, ctx.actor, "person", filters={"id_number": number}):
            return number
    raise AssertionError("no free số định danh")


def line(form: RecordForm, name: str) -> QLineEdit:
    found = getattr(form.editor(name), "line", None)
    assert isinstance(found, QLineEdit)
    return found


def choose(form: RecordForm, name: str, code: str) -> None:
    editor = form.editor(name)
    assert isinstance(editor, ComboEditor)
    editor.choose(code)


def pick(form: RecordForm, name: str, record: Record, title_field: str) -> None:
    editor = form.editor(name)
    assert isinstance(editor, RefEditor)
    editor.set_choice(record.id, str(record.get(title_field)))


F = TypeVar("F", bound=RecordForm)


def shown(form: F, qtbot: QtBot) -> F:
    qtbot.addWidget(form)
    form.show()
    return form


def test_editing_a_household_end_to_end(ctx: AppContext, qtbot: QtBot) -> None:
    household = first(ctx, "household")
    number = unused_id_number(ctx)
    form = shown(HouseholdForm(ctx, household.id), qtbot)
    assert isinstance(form, HouseholdForm)
    before = len(form.residents.records)
    assert before == len(people_of(ctx, household.id)) > 0
    phone = line(form, "phone")
    phone.clear()
    qtbot.keyClicks(phone, "0912 345 678")

    qtbot.mouseClick(form.residents.add_button, LEFT)
    person = form.residents.current_form
    assert isinstance(person, PersonForm) and person.isVisible()
    line(person, "full_name").setText("Lê Thị Ánh")
    qtbot.keyClicks(line(person, "birth_date"), "1988")
    choose(person, "sex", "nu")
    id_line = line(person, "id_number")
    qtbot.keyClicks(id_line, "12345")
    problem = person.rows["id_number"].problem
    assert problem.isVisible() and "phải gồm đúng 12 chữ số" in problem.text()
    assert not person.save_button.isEnabled()
    assert "Số định danh cá nhân" in person.blocking.text()
    id_line.clear()
    qtbot.keyClicks(id_line, number)
    assert not problem.isVisible() and person.save_button.isEnabled()
    qtbot.mouseClick(person.save_button, LEFT)

    assert len(form.residents.records) == before + 1  # the table reloaded after the save
    assert form.isVisible() and form.is_dirty()  # the phone is not saved yet
    qtbot.mouseClick(form.save_button, LEFT)
    assert not form.isVisible()
    assert records.get(ctx.db, ctx.actor, "household", household.id).get("phone") == "0912345678"
    added = [p for p in people_of(ctx, household.id) if p.get("id_number") == number]
    assert len(added) == 1
    values = added[0].values
    assert (values["full_name"], values["sex"], values["birth_year"]) == ("Lê Thị Ánh", "nu", 1988)
    assert values["birth_date"] is None


def test_an_update_sends_only_the_changed_fields(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[dict[str, object]] = []
    put = records.put

    def recording(db: Any, actor: Any, kind: str, data: dict[str, object]) -> records.Saved:
        sent.append(dict(data))
        return put(db, actor, kind, data)

    monkeypatch.setattr(records, "put", recording)
    person = first(ctx, "person")
    form = shown(PersonForm(ctx, person.id), qtbot)
    line(form, "occupation").setText("Thợ may")
    form.save()
    assert sent == [{"id": person.id, "occupation": "Thợ may"}]


def test_a_known_id_number_is_refused_on_its_field(ctx: AppContext, qtbot: QtBot) -> None:
    other = next(p for p in records.list_records(ctx.db, ctx.actor, "person") if p.get("id_number"))
    household = first(ctx, "household")
    form = shown(PersonForm(ctx, household_id=household.id), qtbot)
    line(form, "full_name").setText("Phạm Văn Đức")
    qtbot.keyClicks(line(form, "id_number"), other.get("id_number"))
    qtbot.mouseClick(form.save_button, LEFT)

    problem = form.rows["id_number"].problem
    assert form.isVisible() and problem.isVisible()
    assert "đã có trong cơ sở dữ liệu" in problem.text()
    assert form.editor("full_name").raw() == "Phạm Văn Đức"  # what was typed stays
    assert not form.save_button.isEnabled()
    assert not [p for p in people_of(ctx, household.id) if p.get("full_name") == "Phạm Văn Đức"]
    line(form, "id_number").clear()
    assert not problem.isVisible() and form.save_button.isEnabled()


def test_closing_with_unsaved_changes_asks_first(
    ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    area = first(ctx, "area")
    form = shown(form_for(ctx, "area", area.id), qtbot)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # nothing changed: closes without a question
    assert not form.isVisible() and questions.asked == []

    form = shown(form_for(ctx, "area", area.id), qtbot)
    line(form, "name").setText("Thôn Đông Hòa")
    questions.answers = [False]
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert questions.asked == ["Bỏ các thay đổi chưa lưu?"]
    assert form.isVisible() and form.editor("name").raw() == "Thôn Đông Hòa"
    questions.answers = [True]
    form.close()
    assert not form.isVisible()
    assert records.get(ctx.db, ctx.actor, "area", area.id).get("name") == area.get("name")


def test_a_possible_duplicate_person_is_confirmed_or_dropped(
    ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    twin = next(
        p
        for p in records.list_records(ctx.db, ctx.actor, "person", limit=None)
        if p.get("birth_year") and p.get("household_id")
    )
    form = shown(PersonForm(ctx, household_id=twin.get("household_id")), qtbot)
    line(form, "full_name").setText(twin.get("full_name"))
    qtbot.keyClicks(line(form, "birth_date"), str(twin.get("birth_year")))
    questions.answers = [False]  # do not keep the new record
    form.save()
    assert "Có thể trùng" in questions.asked[-1]
    assert form.isVisible() and form.record_id is None
    same = [
        p
        for p in people_of(ctx, twin.get("household_id"))
        if p.get("full_name") == twin.get("full_name")
    ]
    assert len(same) == 1
    # Asked before saving: declining leaves nothing behind, not even a deleted record.
    everyone = records.list_records(ctx.db, ctx.actor, "person", include_deleted=True, limit=None)
    assert sum(p.get("full_name") == twin.get("full_name") for p in everyone) == sum(
        p.get("full_name") == twin.get("full_name")
        for p in records.list_records(ctx.db, ctx.actor, "person", limit=None)
    )
    questions.answers = [True]
    form.save()
    assert not form.isVisible()
    same = [
        p
        for p in people_of(ctx, twin.get("household_id"))
        if p.get("full_name") == twin.get("full_name")
    ]
    assert len(same) == 2


def test_birth_takes_a_full_date_or_only_the_year() -> None:
    assert parse_birth("05/03/1962") == (date(1962, 3, 5), 1962)
    assert parse_birth("1962") == (None, 1962)
    assert parse_birth("31/02/1962") == (None, None)


def test_a_new_household_is_saved_before_its_first_resident(ctx: AppContext, qtbot: QtBot) -> None:
    area = first(ctx, "area")
    form = shown(HouseholdForm(ctx), qtbot)
    assert not form.save_button.isEnabled()  # address and area are required
    qtbot.mouseClick(form.residents.add_button, LEFT)
    assert form.residents.current_form is None and form.banner.isVisible()
    line(form, "address").setText("Số 5, ngõ 12, phố Huế")
    pick(form, "area_id", area, "name")
    qtbot.mouseClick(form.residents.add_button, LEFT)
    assert form.record_id is not None and form.isVisible()
    assert isinstance(form.residents.current_form, PersonForm)
    stored = records.get(ctx.db, ctx.actor, "household", form.record_id)
    assert stored.get("address") == "Số 5, ngõ 12, phố Huế"


def test_group_form_adds_a_member_household_and_marks_another_as_left(
    ctx: AppContext, qtbot: QtBot
) -> None:
    group = first(ctx, "household_group")
    form = shown(GroupForm(ctx, group.id), qtbot)
    assert isinstance(form, GroupForm)
    current = [r for r in form.members.records if not r.get("left_on")]
    members = {r.get("household_id") for r in current}
    newcomer = next(
        h for h in records.list_records(ctx.db, ctx.actor, "household") if h.id not in members
    )
    qtbot.mouseClick(form.members.add_button, LEFT)
    add = form.members.current_form
    assert add is not None and not add.save_button.isEnabled()  # a household must be chosen
    pick(add, "household_id", newcomer, "address")
    qtbot.mouseClick(add.save_button, LEFT)

    leaving = current[0]
    form.members.select_id(leaving.id)
    qtbot.mouseClick(form.leave_button, LEFT)
    leave = form.members.current_form
    assert leave is not None and leave is not add
    assert leave.editor("left_on").raw() == date.today().strftime("%d/%m/%Y")
    qtbot.mouseClick(leave.save_button, LEFT)

    rows = records.list_records(
        ctx.db, ctx.actor, "group_member", filters={"group_id": group.id}, limit=None
    )
    joined = [r for r in rows if r.get("household_id") == newcomer.id]
    assert [(r.get("role"), r.get("joined_on"), r.get("left_on")) for r in joined] == [
        ("member", date.today(), None)
    ]
    left = next(r for r in rows if r.id == leaving.id)
    assert left.get("left_on") == date.today()
    table = form.members.table
    titles = [str(table.model().index(row, 0).data()) for row in range(table.rowCount())]
    assert newcomer.get("address") in titles


def test_team_form_adds_member_area_and_rating(ctx: AppContext, qtbot: QtBot) -> None:
    team = first(ctx, "security_team")
    serving = {
        m.get("person_id")
        for m in records.list_records(ctx.db, ctx.actor, "team_member", limit=None)
    }
    person = next(
        p for p in records.list_records(ctx.db, ctx.actor, "person") if p.id not in serving
    )
    area = first(ctx, "area")
    form = shown(TeamForm(ctx, team.id), qtbot)
    assert isinstance(form, TeamForm)
    qtbot.mouseClick(form.members.add_button, LEFT)
    member = form.members.current_form
    assert member is not None
    pick(member, "person_id", person, "full_name")
    choose(member, "source", "tuyen_moi")
    qtbot.mouseClick(member.save_button, LEFT)
    qtbot.mouseClick(form.areas.add_button, LEFT)
    covered = form.areas.current_form
    assert covered is not None
    pick(covered, "area_id", area, "name")
    qtbot.mouseClick(covered.save_button, LEFT)
    qtbot.mouseClick(form.ratings.add_button, LEFT)
    rating = form.ratings.current_form
    assert rating is not None
    assert rating.editor("period_year").raw() == str(rating_year(date.today()))
    assert "15/11" in rating.rows["period_year"].label.toolTip()
    choose(rating, "level", "tot")
    qtbot.mouseClick(rating.save_button, LEFT)

    def of(kind: str) -> list[Record]:
        return records.list_records(ctx.db, ctx.actor, kind, filters={"team_id": team.id})

    added = [m for m in of("team_member") if m.get("person_id") == person.id]
    assert [(m.get("role"), m.get("source")) for m in added] == [("to_vien", "tuyen_moi")]
    assert area.id in {a.get("area_id") for a in of("team_area")}
    assert ("tot", rating_year(date.today())) in {
        (r.get("level"), r.get("period_year")) for r in of("team_rating")
    }


def test_the_rating_year_runs_from_15_november() -> None:
    assert rating_year(date(2025, 11, 14)) == 2025
    assert rating_year(date(2025, 11, 15)) == 2026
    assert rating_year(date(2026, 1, 10)) == 2026


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    return main


def households_page(window: MainWindow) -> ListsPage:
    page = window.show_page("households")
    assert isinstance(page, ListsPage)
    return page


def test_filters_by_area_and_group_narrow_the_lists(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    page = households_page(window)
    assert page.tabs is not None
    page.tabs.setCurrentIndex(1)
    people = page.record_lists[1]
    everyone = people.model.rowCount()
    area_box, group_box = people.filter_boxes
    assert area_box.count() > 2 and group_box.count() > 2
    area_box.setCurrentIndex(1)
    area_id = area_box.currentData()
    expected = records.count(ctx.db, ctx.actor, "person", filters={"area_id": area_id})
    assert 0 < people.model.rowCount() == expected < everyone
    qtbot.waitUntil(lambda: people.model.data(people.model.index(0, 0)) != PLACEHOLDER)
    area_name = area_box.currentText()
    column = 6  # Thôn, tổ dân phố
    assert all(
        people.model.data(people.model.index(r, column)) == area_name
        for r in range(people.model.rowCount())
    )
    area_box.setCurrentIndex(0)
    assert people.model.rowCount() == everyone
    group = first(ctx, "household_group")
    group_box.setCurrentIndex(group_box.findData(group.id))
    in_group = records.count(ctx.db, ctx.actor, "person", filters={"group_id": group.id})
    assert 0 < people.model.rowCount() == in_group < everyone
    homes = {
        m.get("household_id")
        for m in records.list_records(
            ctx.db, ctx.actor, "group_member", filters={"group_id": group.id}, limit=None
        )
        if not m.get("left_on")
    }
    for row in range(people.model.rowCount()):
        person = records.get(ctx.db, ctx.actor, "person", people.model.record_id(row) or "")
        assert person.get("household_id") in homes
    group_box.setCurrentIndex(0)
    assert people.model.rowCount() == everyone

    households = page.record_lists[0]
    households.filter_boxes[0].setCurrentIndex(1)
    assert households.model.rowCount() == records.count(
        ctx.db, ctx.actor, "household", filters={"area_id": area_id}
    )


def test_a_viewer_sees_no_edit_buttons(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.actor = dataclasses.replace(ctx.actor, role="viewer")
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    for name in ("households", "groups", "settings"):
        page = main.show_page(name)
        assert isinstance(page, ListsPage)
        for record_list in page.record_lists:
            if record_list.editing is not None:
                assert not any(b.isVisible() for b in record_list.editing.buttons)
        assert not page.new_record()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "chưa có biểu mẫu" in main.statusBar().currentMessage()


def test_the_toolbar_opens_forms_and_ctrl_n_starts_a_new_record(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    page = households_page(window)
    households = page.record_lists[0]
    assert households.editing is not None
    assert all(b.isVisible() for b in households.editing.buttons)
    assert not households.editing.edit_button.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new = households.editing.current_form
    assert isinstance(new, HouseholdForm) and new.record_id is None and new.isVisible()
    new.close()
    households.table.selectRow(0)
    assert households.editing.edit_button.isEnabled()
    qtbot.mouseClick(households.editing.edit_button, LEFT)
    edit = households.editing.current_form
    assert isinstance(edit, HouseholdForm) and edit.record_id == households.selected_id()
    edit.close()
    settings = window.show_page("settings")
    assert isinstance(settings, ListsPage)
    officers_list = settings.record_lists[0]
    assert officers_list.record_type == "officer" and officers_list.editing is None


def test_deleting_a_household_with_residents_is_refused(
    window: MainWindow, qtbot: QtBot, questions: Questions
) -> None:
    households = households_page(window).record_lists[0]
    households.table.selectRow(0)
    assert households.editing is not None
    qtbot.mouseClick(households.editing.delete_button, LEFT)
    assert questions.asked and questions.asked[-1].startswith("Xóa Hộ gia đình")
    assert "nhân khẩu" in errors.shown[-1]


def test_ctrl_s_saves_the_open_form(window: MainWindow, ctx: AppContext, qtbot: QtBot) -> None:
    area = first(ctx, "area")
    form = shown(form_for(ctx, "area", area.id, window), qtbot)
    line(form, "name").setText("Thôn Đông Hòa")
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    assert records.get(ctx.db, ctx.actor, "area", area.id).get("name") == "Thôn Đông Hòa"
    form = shown(form_for(ctx, "area", area.id, window), qtbot)
    line(form, "code").setText("T99")
    window.save_action.trigger()  # Ctrl+S that reached the main window
    assert not form.isVisible()
    assert records.get(ctx.db, ctx.actor, "area", area.id).get("code") == "T99"


def test_a_resident_leaves_the_household_but_not_its_head(
    ctx: AppContext, qtbot: QtBot, questions: Questions
) -> None:
    household = next(
        h
        for h in records.list_records(ctx.db, ctx.actor, "household")
        if h.get("head_person_id") and len(people_of(ctx, h.id)) > 1
    )
    form = shown(HouseholdForm(ctx, household.id), qtbot)
    head = household.get("head_person_id")
    form.residents.select_id(head)
    qtbot.mouseClick(form.remove_button, LEFT)
    assert "chủ hộ" in form.banner.text() and questions.asked == []
    other = next(p for p in form.residents.records if p.id != head)
    form.residents.select_id(other.id)
    qtbot.mouseClick(form.remove_button, LEFT)
    assert questions.asked and "ra khỏi hộ" in questions.asked[-1]
    assert other.id not in {p.id for p in form.residents.records}
    assert records.get(ctx.db, ctx.actor, "person", other.id).get("household_id") is None
    assert not form.is_dirty()


def test_settings_add_an_area_with_its_kind_from_the_vocabulary(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    page = window.show_page("settings")
    assert isinstance(page, ListsPage) and page.tabs is not None
    page.tabs.setCurrentIndex(1)
    assert page.new_record()
    areas = page.record_lists[1]
    assert areas.editing is not None
    form = areas.editing.current_form
    assert form is not None and form.rtype.name == "area"
    line(form, "name").setText("Thôn Ánh Dương")
    kind = form.editor("kind")
    assert isinstance(kind, ComboEditor) and kind.combo.findData("thon") > 0
    assert kind.combo.itemText(kind.combo.findData("thon")) == "Thôn"
    choose(form, "kind", "thon")
    qtbot.mouseClick(form.save_button, LEFT)
    names = {a.get("name"): a.get("kind") for a in records.list_records(ctx.db, ctx.actor, "area")}
    assert names["Thôn Ánh Dương"] == "thon"
    page.tabs.setCurrentIndex(3)  # this computer's preferences: no form to open
    assert not page.new_record()


def test_service_field_errors_appear_beside_their_fields(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise ValidationError(
            "Thôn, tổ dân phố chưa hợp lệ.",
            {"kind": "Loại: mã 'x' không có trong danh mục", "unit_code": "Mã đơn vị: sai"},
        )

    monkeypatch.setattr(records, "put", refuse)
    area = first(ctx, "area")
    form = shown(form_for(ctx, "area", area.id), qtbot)
    line(form, "code").setText("T42")
    form.save()
    assert form.isVisible()
    assert form.rows["kind"].problem.text() == "Loại: mã 'x' không có trong danh mục"
    assert form.banner.text() == "Mã đơn vị: sai"  # a field the form does not show
    assert line(form, "code").text() == "T42"
