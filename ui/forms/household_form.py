"""A household: its fields, its residents (each saved through the person form), and the head
of household chosen among them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.view import Record
from desktop_app.services import records
from ui.context import AppContext
from ui.forms.fields import ComboEditor, FieldEditor
from ui.forms.guards import alive, confirm
from ui.forms.person_form import PersonForm
from ui.forms.record_form import RecordForm
from ui.forms.sections import ChildSection
from ui.ops import MutationOp

FIELDS = ("number", "address", "area_id", "phone", "head_person_id", "note")


class HeadEditor(ComboEditor):
    """Chủ hộ: one of the residents listed below the fields."""

    def set_people(self, people: Sequence[Record]) -> None:
        self.set_items([(p.id, str(p.get("full_name") or p.id)) for p in people])


class HouseholdForm(RecordForm):
    fields_height = 240
    columns = 2

    def __init__(
        self, ctx: AppContext, record_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "household", record_id, parent=parent, fields=FIELDS)
        self.resize(1040, 640)

    def create_editor(self, spec: FieldSpec) -> FieldEditor:
        if spec.name == "head_person_id":
            return HeadEditor(spec)
        return super().create_editor(spec)

    def build_extra(self) -> None:
        self.residents = ChildSection(self, "person", "household_id", self._person_form)
        self.residents.add_button.setText(tr("Thêm nhân khẩu"))
        self.remove_button = self.residents.add_action(tr("Đưa ra khỏi hộ"), self.remove_resident)
        self.residents.delete_button.setVisible(False)  # a person leaves, the record stays
        self.residents.loaded.connect(self._residents_loaded)
        self.residents.set_hint(
            tr("Nhân khẩu được lưu ngay khi bấm Lưu trong biểu mẫu của từng người.")
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.residents, tr("Nhân khẩu trong hộ"))
        self.extra.addWidget(self.tabs)

    def on_record(self, record: Record) -> None:
        if self.residents.parent_id != record.id:
            self.residents.set_parent(record.id)

    def remove_resident(self) -> None:
        """The person leaves this household (moved out, split off); their record stays."""
        person = self.residents.selected()
        if person is None:
            return
        name = str(person.get("full_name") or "")
        head = self.editor("head_person_id").raw()
        stored_head = self.record.get("head_person_id") if self.record is not None else None
        if person.id in (head, stored_head):
            self.show_message(
                tr(
                    "{name} đang là chủ hộ: hãy chọn chủ hộ khác và lưu trước khi đưa "
                    "người này ra khỏi hộ.",
                    name=name,
                )
            )
            return
        if not confirm(
            self,
            tr("Đưa ra khỏi hộ"),
            tr(
                "Đưa {name} ra khỏi hộ? Hồ sơ nhân khẩu vẫn còn, không thuộc hộ nào.",
                name=name,
            ),
        ):
            return
        ctx, data = self.ctx, {"id": person.id, "household_id": None}
        MutationOp(self, lambda: records.put(ctx.db, ctx.actor, "person", data)).failure(
            alive(self, self.report)
        ).run()

    def _person_form(self, record_id: str | None) -> RecordForm:
        return PersonForm(self.ctx, record_id, household_id=self.record_id, parent=self)

    def _residents_loaded(self, people: tuple[Record, ...]) -> None:
        editor = self.editor("head_person_id")
        assert isinstance(editor, HeadEditor)
        editor.set_people(people)
