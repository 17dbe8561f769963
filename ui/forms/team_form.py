"""A security team (Tổ bảo vệ ANTT ở cơ sở, Law 30/2023): its founding decision, members
(tổ trưởng, tổ phó, tổ viên and where they came from), the areas it covers, and its yearly
ratings on four levels for the period 15/11 of the year before to 14/11."""

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
    "decision_no",
    "decision_date",
    "decided_by",
    "status",
    "dissolution_decision_no",
    "dissolved_on",
    "note",
)
MEMBER_FIELDS = (
    "person_id",
    "role",
    "source",
    "recognition_decision_no",
    "recognition_date",
    "joined_on",
    "left_on",
    "end_reason",
)


def rating_year(today: date) -> int:
    """The rating period a day falls in: year N runs from 15/11 of N−1 to 14/11 of N."""
    return today.year + 1 if (today.month, today.day) >= (11, 15) else today.year


def period_text() -> str:
    return tr(
        "Năm đánh giá N tính từ ngày 15/11 năm N−1 đến hết ngày 14/11 năm N. "
        "Bốn mức: hoàn thành xuất sắc, hoàn thành tốt, hoàn thành, không hoàn thành nhiệm vụ."
    )


class TeamForm(RecordForm):
    fields_height = 230

    def __init__(
        self, ctx: AppContext, record_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            "security_team",
            record_id,
            parent=parent,
            fields=FIELDS,
            defaults={"status": "active"},
        )
        self.resize(1100, 680)

    def build_extra(self) -> None:
        self.members = ChildSection(self, "team_member", "team_id", self._member_form)
        self.members.set_hint(
            tr(
                "Tổ gồm Tổ trưởng, Tổ phó và Tổ viên; Chủ tịch UBND cấp xã quyết định thành lập "
                "(Luật 30/2023/QH15)."
            )
        )
        self.members.add_button.setText(tr("Thêm thành viên"))
        self.areas = ChildSection(self, "team_area", "team_id", self._area_form)
        self.areas.add_button.setText(tr("Thêm địa bàn"))
        self.areas.edit_button.setVisible(False)  # an area covered has nothing else to edit
        self.ratings = ChildSection(self, "team_rating", "team_id", self._rating_form)
        self.ratings.add_button.setText(tr("Thêm xếp loại"))
        self.ratings.set_hint(period_text())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, tr("Thành viên"))
        self.tabs.addTab(self.areas, tr("Địa bàn phụ trách"))
        self.tabs.addTab(self.ratings, tr("Xếp loại hằng năm"))
        self.tabs.setTabToolTip(2, period_text())
        self.extra.addWidget(self.tabs)

    def on_record(self, record: Record) -> None:
        for section in (self.members, self.areas, self.ratings):
            if section.parent_id != record.id:
                section.set_parent(record.id)

    def _member_form(self, record_id: str | None) -> RecordForm:
        return RecordForm(
            self.ctx,
            "team_member",
            record_id,
            parent=self,
            fields=MEMBER_FIELDS,
            fixed={"team_id": self.record_id},
            defaults={"role": "to_vien", "joined_on": date.today()},
        )

    def _area_form(self, record_id: str | None) -> RecordForm:
        return RecordForm(
            self.ctx,
            "team_area",
            record_id,
            parent=self,
            fields=("area_id",),
            fixed={"team_id": self.record_id},
        )

    def _rating_form(self, record_id: str | None) -> RecordForm:
        form = RecordForm(
            self.ctx,
            "team_rating",
            record_id,
            parent=self,
            fields=("period_year", "level", "member_id", "note"),
            fixed={"team_id": self.record_id},
            defaults={"period_year": rating_year(date.today())},
            filters={"member_id": {"team_id": self.record_id}},
        )
        form.rows["period_year"].label.setToolTip(period_text())
        form.rows["period_year"].editor.setToolTip(period_text())
        return form
