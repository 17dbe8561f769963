"""A resident (nhân khẩu): the generic form, with one box for a birth date or only the year."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.validation import field_problem
from ui.context import AppContext
from ui.forms.fields import FieldEditor, display_text
from ui.forms.record_form import RecordForm

FIELDS = (
    "full_name",
    "birth_date",
    "sex",
    "id_number",
    "relation_to_head",
    "phone",
    "household_id",
    "residence_status",
    "status_changed_on",
    "ethnicity",
    "religion",
    "occupation",
    "hometown",
    "address",
    "given_name",
    "note",
)
_YEAR = re.compile(r"^\d{4}$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_birth(text: str) -> tuple[date | None, int | None]:
    """(birth date, birth year) from "dd/mm/yyyy", "yyyy-mm-dd" or "yyyy"; (None, None) if
    the text is none of them (field_problem then says why)."""
    text = text.strip()
    if _YEAR.match(text):
        return None, int(text)
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            born = date(year, month, day)
        else:
            born = date.fromisoformat(text)
    except ValueError:
        return None, None
    return born, born.year


class BirthEditor(FieldEditor):
    """Ngày sinh, or only the year when that is all the register knows: one box for both."""

    def __init__(self, date_spec: FieldSpec, year_spec: FieldSpec) -> None:
        super().__init__(date_spec)
        self.year_spec = year_spec
        self.names = (date_spec.name, year_spec.name)
        self.line = QLineEdit()
        pattern = QRegularExpression(r"[0-9/\-]{0,10}")
        self.line.setValidator(QRegularExpressionValidator(pattern, self.line))
        self.line.textChanged.connect(self._changed)
        self.row.addWidget(self.line)
        self.setFocusProxy(self.line)
        self.retranslate_ui()

    def label(self) -> str:
        return tr("Ngày sinh hoặc năm sinh")

    def raw(self) -> Any:
        return self.line.text()

    def set_raw(self, value: Any) -> None:
        self.line.setText(display_text(value))

    def load(self, values: Mapping[str, Any]) -> None:
        born, year = values.get(self.spec.name), values.get(self.year_spec.name)
        blocked = self.blockSignals(True)
        self.set_raw(born if born else year)
        self.blockSignals(blocked)

    def values(self) -> dict[str, Any]:
        text = self.line.text().strip()
        if _YEAR.match(text):
            return {self.spec.name: None, self.year_spec.name: text}
        # With a full date the service sets the year from it.
        return {self.spec.name: text or None, self.year_spec.name: None}

    def problem(self) -> str | None:
        text = self.line.text().strip()
        if not text:
            return None
        spec = self.year_spec if _YEAR.match(text) else self.spec
        found = field_problem(spec, text)
        if found:
            return found
        born, year = parse_birth(text)
        today = date.today()
        if born is not None and born > today:
            return tr("Ngày sinh không được sau ngày hôm nay.")
        if year is not None and year > today.year:
            return tr("Năm sinh không được sau năm nay.")
        return None

    def retranslate_ui(self) -> None:
        self.line.setPlaceholderText(tr("dd/mm/yyyy, hoặc chỉ năm: yyyy"))
        self.line.setToolTip(
            tr("Nhập ngày sinh đầy đủ; nếu chỉ biết năm sinh thì nhập 4 chữ số của năm.")
        )


class PersonForm(RecordForm):
    """Add or edit a resident; `household_id` fixes the household (from the household form)."""

    def __init__(
        self,
        ctx: AppContext,
        record_id: str | None = None,
        *,
        household_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        fixed = {"household_id": household_id} if household_id else None
        defaults = {"residence_status": "present"}
        super().__init__(
            ctx, "person", record_id, parent=parent, fields=FIELDS, fixed=fixed, defaults=defaults
        )

    def create_editor(self, spec: FieldSpec) -> FieldEditor:
        if spec.name == "birth_date":
            return BirthEditor(spec, self.rtype.field("birth_year"))
        return super().create_editor(spec)
