"""A reintegration case (Thông tư 10/2024/TT-BCA): the person, release, the 3-working-day
residence confirmation, officer in charge, closure and expected expungement on the first tab;
its parts (judgements, helpers, contacts, classes, support, incidents, scans) on the others.

Viewers get the minimal view (who, case number, officer, status) and no parts; a case handed
to another commune opens read-only at the post that sent it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import admin_units
from desktop_app.calendar import add_working_days
from desktop_app.errors import NotFoundError
from desktop_app.formatting import format_date
from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.view import Record
from desktop_app.services import overview
from desktop_app.services.case_schedule import CONFIRM_WORKING_DAYS, expected_expungement
from ui.attachments_panel import AttachmentsPanel
from ui.context import AppContext
from ui.forms.case_quick import ClassForm, ContactForm
from ui.forms.fields import FieldEditor, LineEditor, NoteEditor
from ui.forms.guards import alive
from ui.forms.person_form import PersonForm
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import RefEditor
from ui.forms.sections import ChildSection
from ui.ops import QueryOp
from ui.table_model import PLACEHOLDER

FIELDS = (
    "person_id",
    "case_no",
    "release_type",
    "release_date",
    "facility",
    "certificate_no",
    "certificate_date",
    "certificate_issuer",
    "officer_in_charge_id",
    "notice_received_on",
    "residence_confirmed_on",
    "reported_on",
    "commitment_signed_on",
    "expected_expungement_on",
    "status",
    "closure_reason",
    "closed_on",
    "closure_note",
    "note",
)
# What a viewer's minimal view holds (desktop_app.records.view.MINIMAL_CASE_FIELDS).
MINIMAL_FIELDS = ("person_id", "case_no", "officer_in_charge_id", "status")
JUDGEMENT_FIELDS = (
    "court",
    "judgement_no",
    "judgement_date",
    "offence",
    "article",
    "main_penalty",
    "term_months",
    "additional_penalties",
    "note",
)
HELPER_FIELDS = ("role", "name", "person_id", "organisation", "phone", "assigned_on", "ended_on")
SUPPORT_FIELDS = ("support_type", "given_on", "provider", "description", "outcome")
INCIDENT_FIELDS = ("occurred_on", "kind", "description", "new_judgement_no")
LATE = "color: #b03a2e; font-weight: bold;"
NOTICE_STYLE = (
    "QLabel#caseNotice { background: #fef5e7; border: 1px solid #f0b27a; border-radius: 4px;"
    " padding: 6px 8px; color: #6e2c00; }"
)


@dataclass(frozen=True)
class PenaltyTerms:
    """What Điều 70 looks at in a judgement, taken from its Record."""

    main_penalty: str | None
    term_months: int | None


def today() -> date:
    """The day deadlines are judged against (tests set it)."""
    return date.today()


def confirmation_deadline(notice: date) -> date:
    """The residence must be confirmed within 3 working days of the pre-release notice."""
    return add_working_days(notice, CONFIRM_WORKING_DAYS)


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy or yyyy-mm-dd as typed; None while incomplete or wrong."""
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(p) for p in text.split("/"))
            return date(year, month, day) if year >= 1900 else None
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


class NoticeEditor(LineEditor):
    """Ngày nhận thông báo, with the confirmation deadline it sets beside it."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.line.setMinimumWidth(110)
        self.deadline = QLabel()
        self.deadline.setObjectName("deadline")
        self.row.addWidget(self.deadline)

    def show_deadline(self, confirmed: bool, today: date) -> None:
        notice = parse_date(self.line.text())
        if notice is None:
            self.deadline.clear()
            self.deadline.setToolTip("")
            return
        due = confirmation_deadline(notice)
        self.deadline.setText(tr("Hạn xác nhận: {day}", day=format_date(due)))
        late = due < today and not confirmed
        self.deadline.setStyleSheet(LATE if late else "")
        self.deadline.setToolTip(
            tr("Quá hạn xác nhận nơi cư trú (3 ngày làm việc).")
            if late
            else tr("3 ngày làm việc kể từ ngày nhận thông báo, không tính ngày nghỉ, lễ, Tết.")
        )


class PersonEditor(RefEditor):
    """The person: chosen from the register, or "Người mới…" to add them there first."""

    def __init__(self, ctx: AppContext, spec: FieldSpec, create: Callable[[], None]) -> None:
        super().__init__(ctx, spec)
        self.new_button = QPushButton()
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda _checked=False: create())
        self.new_button.setVisible(ctx.actor.can_write)
        self.row.addWidget(self.new_button)
        # The title is "name · birth · address": show its start, not where the cursor ended.
        self.line.textChanged.connect(lambda _text: self.line.setCursorPosition(0))
        self.retranslate_ui()

    def set_choice(self, record_id: str | None, title: str = "") -> None:
        """A title made of placeholders (chosen before its row was fetched) is fetched again."""
        known = title.replace(PLACEHOLDER, "").replace("·", "").strip()
        super().set_choice(record_id, title if known else "")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "new_button"):
            self.new_button.setText(tr("Người mới…"))
            self.new_button.setToolTip(tr("Thêm người này vào sổ nhân khẩu rồi chọn"))


class CaseForm(RecordForm):
    """Add or edit a case; the case's own fields on the first tab, each part on a tab of its
    own (saved at once, the case first when it is new). Read-only for viewers (minimal view)
    and for a case this post has handed to another commune."""

    fields_height = 470

    def __init__(
        self, ctx: AppContext, record_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        self.columns = 2 if ctx.actor.sees_case_details else 1
        super().__init__(
            ctx,
            "reintegration_case",
            record_id,
            parent=parent,
            fields=FIELDS if ctx.actor.sees_case_details else MINIMAL_FIELDS,
            defaults={
                "status": "open",
                "release_type": "served",
                "officer_in_charge_id": ctx.actor.officer_id,
            },
        )
        if ctx.actor.sees_case_details:
            self.resize(1240, 660)  # with the title bar and a taskbar, within 1366×768
        else:
            self.resize(720, 340)
        self._refresh_advice()

    # --- building ---

    def create_editor(self, spec: FieldSpec) -> FieldEditor:
        if spec.name == "person_id":
            return PersonEditor(self.ctx, spec, self.new_person)
        if spec.name == "notice_received_on":
            return NoticeEditor(spec)
        if spec.name in ("closure_note", "note"):
            return NoteEditor(spec, lines=2)  # the parts' tabs need the height
        return super().create_editor(spec)

    def build_extra(self) -> None:
        self.post: overview.StatusInfo | None = None
        self.locked = ""  # "minimal" (a viewer), "transferred", or "" when editable
        self.judgements: tuple[Record, ...] = ()
        self.classes: tuple[Record, ...] = ()
        self.person_form: PersonForm | None = None
        self._build_labels()
        layout = cast(QVBoxLayout, self.layout())
        layout.removeWidget(self.fields_scroll)  # the fields become the first tab
        self.tabs = QTabWidget()
        self.tabs.addTab(self.fields_scroll, "")
        self._build_parts()
        self.extra.addWidget(self.tabs)
        for name in ("notice_received_on", "residence_confirmed_on", "release_date"):
            if name in self.rows:  # a viewer's form has none of them
                self.rows[name].editor.edited.connect(self._refresh_advice)
        person = self.editor("person_id")
        assert isinstance(person, RefEditor)
        person.line.textChanged.connect(lambda _text: self._retitle())
        ctx = self.ctx
        QueryOp(self, lambda: overview.status(ctx.db, ctx.actor)).success(
            alive(self, self._post_known)
        ).run()

    def _build_labels(self) -> None:
        """Why the case is read-only (above the tabs); the Điều 70 advice (under the fields)."""
        self.setStyleSheet(self.styleSheet() + NOTICE_STYLE)
        self.notice = QLabel()
        self.notice.setObjectName("caseNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        cast(QVBoxLayout, self.layout()).insertWidget(1, self.notice)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setObjectName("placeholder")
        grid = cast(QGridLayout, self.fields_widget.layout())
        grid.addWidget(self.advice, grid.rowCount(), 0, 1, grid.columnCount())

    def _build_parts(self) -> None:
        def section(kind: str, opener: Callable[[str | None], RecordForm]) -> ChildSection:
            return ChildSection(self, kind, "case_id", opener)

        self.judgement_section = section("case_judgement", self._judgement_form)
        self.judgement_section.loaded.connect(self._judgements_loaded)
        self.helper_section = section("case_helper", self._helper_form)
        self.contact_section = section("case_contact", self._contact_form)
        self.class_section = section("case_classification", self._class_form)
        self.class_section.loaded.connect(self._classes_loaded)
        self.support_section = section("case_support", self._support_form)
        self.incident_section = section("case_incident", self._incident_form)
        self.sections = (
            self.judgement_section,
            self.helper_section,
            self.contact_section,
            self.class_section,
            self.support_section,
            self.incident_section,
        )
        for part in self.sections:
            self.tabs.addTab(part, "")
            part.loaded.connect(lambda _rows: self._count_parts())
        self.scans = AttachmentsPanel(
            self.ctx, "reintegration_case", ensure_owner=self.ensure_saved, report=self.report
        )
        self.scans.loaded.connect(self._count_parts)
        self.tabs.addTab(self.scans, "")
        if not self.ctx.actor.sees_case_details:
            for index in range(1, self.tabs.count()):
                self.tabs.setTabVisible(index, False)

    # --- the record ---

    def on_record(self, record: Record) -> None:
        if self.ctx.actor.sees_case_details:
            for part in self.sections:
                if part.parent_id != record.id:
                    part.set_parent(record.id)
            if self.scans.owner_id != record.id:
                self.scans.set_owner(record.id)
        self._apply_lock()
        self._refresh_advice()
        self._retitle()

    def save(self) -> None:
        if not self.locked:
            super().save()

    def problems(self) -> dict[str, str]:
        """Nothing to fix in a case that cannot be saved here."""
        return {} if self.locked else super().problems()

    def new_person(self) -> None:
        """Người mới…: the person form; the saved person becomes the case's person."""
        form = PersonForm(self.ctx, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.setWindowModality(Qt.WindowModality.WindowModal)
        form.saved.connect(self._person_created)
        self.person_form = form
        form.open()

    def _person_created(self, person: Record) -> None:
        editor = self.editor("person_id")
        assert isinstance(editor, RefEditor)
        editor.set_choice(person.id, str(person.get("full_name") or ""))

    # --- read-only cases ---

    def _post_known(self, info: overview.StatusInfo) -> None:
        self.post = info
        self._apply_lock()

    def _apply_lock(self) -> None:
        """Viewers and a case handed to another commune: read-only, with the reason on top."""
        record = self.record
        if record is None or self.locked:
            return
        if record.minimal:
            self.locked = "minimal"
        elif self._handed_over(record):
            self.locked = "transferred"
        else:
            return
        self.notice.setVisible(True)
        self.fields_widget.setEnabled(False)
        self.save_button.setVisible(False)
        for part in self.sections:
            for button in part.action_buttons:
                button.setVisible(False)
            part.table.doubleClicked.disconnect()
        self.scans.set_read_only(True)
        self._show_lock()
        self._refresh()

    def _handed_over(self, record: Record) -> bool:
        """The case belongs to another commune now (the province's hub may still edit it)."""
        post = self.post
        if post is None or post.role == "hub":
            return False
        return record.unit_code not in (None, post.unit_code)

    def _show_lock(self) -> None:
        if self.locked == "minimal":
            text = tr(
                "Bạn chỉ được xem thông tin tối thiểu của hồ sơ này (người, số hồ sơ, cán bộ "
                "phụ trách, trạng thái); bản án, tội danh và các phần khác không hiển thị."
            )
        elif self.locked == "transferred" and self.record is not None:
            unit = _unit_name(self.record.unit_code or "")
            text = tr("Hồ sơ đã chuyển cho đơn vị {unit}; tại đây chỉ được xem.", unit=unit)
        else:
            text = ""
        self.notice.setText(text)

    # --- what is computed ---

    def _refresh_advice(self) -> None:
        """The confirmation deadline beside the notice date, the Điều 70 date under the fields."""
        if not hasattr(self, "advice") or "notice_received_on" not in self.rows:
            return
        values = self.values()
        notice = self.editor("notice_received_on")
        assert isinstance(notice, NoticeEditor)
        notice.show_deadline(bool(values.get("residence_confirmed_on")), today())
        release = parse_date(str(values.get("release_date") or ""))
        terms = [PenaltyTerms(j.get("main_penalty"), j.get("term_months")) for j in self.judgements]
        computed = expected_expungement(release, cast(Any, terms))
        if computed is None:
            self.advice.setText(
                tr("Ngày dự kiến xóa án tích tự tính: cần ngày ra trại và ít nhất một bản án.")
                if self.ctx.actor.sees_case_details
                else ""
            )
            return
        self.advice.setText(
            tr(
                "Ngày dự kiến xóa án tích tự tính: {day}. {basis}",
                day=format_date(computed.on),
                basis=computed.basis,
            )
        )

    def _judgements_loaded(self, rows: tuple[Record, ...]) -> None:
        self.judgements = rows
        self._refresh_advice()

    def _classes_loaded(self, rows: tuple[Record, ...]) -> None:
        self.classes = rows

    def current_class(self) -> str | None:
        latest = max(
            self.classes,
            key=lambda r: (r.get("decided_on") or date.min, str(r.created_at or "")),
            default=None,
        )
        return str(latest.get("level")) if latest is not None else None

    # --- titles ---

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "tabs"):
            return
        self._count_parts()
        self._retitle()
        self._refresh_advice()
        self._show_lock()
        number = self.rows["case_no"].editor
        if isinstance(number, LineEditor):
            number.line.setPlaceholderText(tr("Để trống: tự đánh số khi lưu"))
        add_texts = (
            tr("Thêm bản án"),
            tr("Thêm người giúp đỡ"),
            tr("Ghi tiếp xúc"),
            tr("Đổi phân loại"),
            tr("Thêm hỗ trợ"),
            tr("Thêm vi phạm, tái phạm"),
        )
        for text, part in zip(add_texts, self.sections, strict=True):
            part.add_button.setText(text)
            part.add_button.setToolTip(tr("Hồ sơ mới được lưu trước khi thêm phần này"))

    def _retitle(self) -> None:
        person = self.editor("person_id")
        assert isinstance(person, RefEditor)
        name = person.line.text().split(" · ")[0]
        number = self.record.get("case_no") if self.record is not None else None
        if number:
            text = tr("Hồ sơ {number}", number=number)
        else:
            text = tr("Thêm mới: {label}", label=tr(self.rtype.label))
        text = f"{text} · {name}" if name else text
        self.setWindowTitle(text)
        self.heading.setText(text)

    def _count_parts(self) -> None:
        self.tabs.setTabText(0, tr("Thông tin hồ sơ"))
        titles = (
            tr("Bản án"),
            tr("Người giúp đỡ"),
            tr("Tiếp xúc, làm việc"),
            tr("Phân loại"),
            tr("Hỗ trợ"),
            tr("Vi phạm, tái phạm"),
        )
        for index, (title, part) in enumerate(zip(titles, self.sections, strict=True), 1):
            shown = f"{title} ({len(part.records)})" if part.parent_id else title
            self.tabs.setTabText(index, shown)
        scans = len(self.scans.items)
        scans_title = tr("Tài liệu scan")
        self.tabs.setTabText(
            len(self.sections) + 1,
            f"{scans_title} ({scans})" if self.scans.owner_id else scans_title,
        )

    # --- the parts' forms ---

    def _part_form(
        self, kind: str, record_id: str | None, fields: tuple[str, ...], **extra: Any
    ) -> RecordForm:
        return RecordForm(
            self.ctx,
            kind,
            record_id,
            parent=self,
            fields=fields,
            fixed={"case_id": self.record_id},
            **extra,
        )

    def _judgement_form(self, record_id: str | None) -> RecordForm:
        return self._part_form("case_judgement", record_id, JUDGEMENT_FIELDS)

    def _helper_form(self, record_id: str | None) -> RecordForm:
        form = self._part_form(
            "case_helper", record_id, HELPER_FIELDS, defaults={"assigned_on": date.today()}
        )
        person = form.editor("person_id")
        assert isinstance(person, RefEditor)
        person.line.textChanged.connect(lambda text: name_from_person(form, text))
        return form

    def _contact_form(self, record_id: str | None) -> RecordForm:
        assert self.record_id is not None
        return ContactForm(self.ctx, self.record_id, record_id, parent=self)

    def _class_form(self, record_id: str | None) -> RecordForm:
        assert self.record_id is not None
        current = self.current_class() if record_id is None else None
        return ClassForm(self.ctx, self.record_id, record_id, current=current, parent=self)

    def _support_form(self, record_id: str | None) -> RecordForm:
        return self._part_form(
            "case_support", record_id, SUPPORT_FIELDS, defaults={"given_on": date.today()}
        )

    def _incident_form(self, record_id: str | None) -> RecordForm:
        return self._part_form("case_incident", record_id, INCIDENT_FIELDS)


def name_from_person(form: RecordForm, title: str) -> None:
    """A helper chosen from the register: their name fills Họ và tên if it is still empty."""
    name = form.editor("name")
    if title and not str(name.raw() or "").strip():
        name.set_raw(title.split(" · ")[0])
        name.edited.emit()


def _unit_name(code: str) -> str:
    try:
        return f"{admin_units.commune(code).name} ({code})"
    except NotFoundError:
        return code
