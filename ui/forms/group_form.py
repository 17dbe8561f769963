"""A household group (tổ tự quản): its fields, member households with their join and leave
dates, its leader and deputies, and its yearly ratings.

The group's rules (quy ước) are an attachment, and attachments have no service yet: the form
leaves that field out.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.i18n import tr
from desktop_app.records.view import Record
from ui.context import AppContext
from ui.forms.record_form import RecordForm
from ui.forms.sections import ChildSection

FIELDS = (
    "name",
    "number",
    "group_type",
    "area_id",
    "status",
    "officer_in_charge_id",
    "founded_on",
    "decision_no",
    "meeting_schedule",
    "dissolved_on",
    "note",
)


class GroupForm(RecordForm):
    fields_height = 280

    def __init__(
        self, ctx: AppContext, record_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            "household_group",
            record_id,
            parent=parent,
            fields=FIELDS,
            defaults={"status": "active"},
        )
        self.resize(1100, 680)

    def build_extra(self) -> None:
        self.members = ChildSection(
            self,
            "group_member",
            "group_id",
            self._member_form,
            keep=lambda r: r.get("role") == "member",
            hide=frozenset({"role", "person_id.full_name"}),
        )
        self.members.add_button.setText(tr("Thêm hộ vào tổ"))
        self.leave_button = self.members.add_action(tr("Rời tổ"), self.leave)
        self.leaders = ChildSection(
            self,
            "group_member",
            "group_id",
            self._leader_form,
            keep=lambda r: r.get("role") != "member",
            hide=frozenset({"household_id.address", "household_id.head_person_id.full_name"}),
        )
        self.leaders.add_button.setText(tr("Thêm tổ trưởng, tổ phó"))
        self.ratings = ChildSection(self, "group_rating", "group_id", self._rating_form)
        self.ratings.add_button.setText(tr("Thêm xếp loại"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, tr("Hộ thành viên"))
        self.tabs.addTab(self.leaders, tr("Tổ trưởng, tổ phó"))
        self.tabs.addTab(self.ratings, tr("Xếp loại hằng năm"))
        self.extra.addWidget(self.tabs)

    def on_record(self, record: Record) -> None:
        for section in (self.members, self.leaders, self.ratings):
            if section.parent_id != record.id:
                section.set_parent(record.id)

    def leave(self) -> None:
        """ "Rời tổ": the household leaves on a date; it stays in the list with that date."""
        member = self.members.selected()
        if member is None:
            return
        if member.get("left_on"):
            self.show_message(
                tr(
                    "Hộ {title} đã rời tổ ngày {day}.",
                    title=self.members.title(member),
                    day=f"{member.get('left_on'):%d/%m/%Y}",
                )
            )
            return
        form = RecordForm(
            self.ctx,
            "group_member",
            member.id,
            parent=self,
            fields=("left_on", "note"),
            prefill={"left_on": date.today()},
            overrides={"left_on": {"required": True}},
            title=tr("Rời tổ: {title}", title=self.members.title(member)),
        )
        self.members.open_child(form)

    def _member_form(self, record_id: str | None) -> RecordForm:
        return RecordForm(
            self.ctx,
            "group_member",
            record_id,
            parent=self,
            fields=("household_id", "joined_on", "left_on", "note"),
            fixed={"group_id": self.record_id, "role": "member"},
            defaults={"joined_on": date.today()},
            overrides={"household_id": {"required": True}},
            title=tr("Hộ thành viên của tổ") if record_id else tr("Thêm hộ vào tổ"),
        )

    def _leader_form(self, record_id: str | None) -> RecordForm:
        return RecordForm(
            self.ctx,
            "group_member",
            record_id,
            parent=self,
            fields=("role", "person_id", "joined_on", "left_on", "note"),
            fixed={"group_id": self.record_id},
            defaults={"joined_on": date.today()},
            overrides={"role": {"choices": ("leader", "deputy")}, "person_id": {"required": True}},
            title=tr("Tổ trưởng, tổ phó"),
        )

    def _rating_form(self, record_id: str | None) -> RecordForm:
        return RecordForm(
            self.ctx,
            "group_rating",
            record_id,
            parent=self,
            fields=("year", "rating", "note"),
            fixed={"group_id": self.record_id},
            defaults={"year": date.today().year},
        )
