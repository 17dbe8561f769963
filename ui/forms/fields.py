"""One editor widget per field kind, each able to say what is wrong with what the officer typed.

An editor shows a value as the officer reads it (dates as dd/mm/yyyy, codes as their labels)
and hands back the raw input, which `records.put` validates and normalises again. Problems come
from `desktop_app.records.validation.field_problem`, which needs no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.records.labels import choice_label
from desktop_app.records.validation import field_problem
from desktop_app.services import vocabularies
from ui.context import AppContext
from ui.forms.guards import alive
from ui.ops import QueryOp

# What each kind lets the officer type at all; field_problem judges the rest.
PATTERNS = {
    "id_number": r"[0-9 ]{0,16}",
    "phone": r"[0-9+ .\-()]{0,20}",
    "int": r"-?[0-9]{0,9}",
    "date": r"[0-9/\-]{0,10}",
    "local_time": r"[0-9/\-: ]{0,16}",
}


def display_text(value: Any) -> str:
    """A stored value as it is typed: dates dd/mm/yyyy, times yyyy-mm-dd hh:mm."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


class FieldEditor(QWidget):
    """The input of one field (or of a few fields entered together, listed in `names`).

    `edited` fires when the officer changes the value, never when the form loads one.
    """

    edited = Signal()

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.names: tuple[str, ...] = (spec.name,)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)

    def raw(self) -> Any:
        raise NotImplementedError

    def set_raw(self, value: Any) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        value = self.raw()
        return {self.spec.name: None if isinstance(value, str) and not value.strip() else value}

    def load(self, values: Mapping[str, Any]) -> None:
        blocked = self.blockSignals(True)
        try:
            self.set_raw(values.get(self.spec.name))
        finally:
            self.blockSignals(blocked)

    def problem(self) -> str | None:
        return field_problem(self.spec, self.raw())

    def label(self) -> str:
        return tr(self.spec.label)

    def retranslate_ui(self) -> None:
        """Texts of the editor itself (placeholders, items)."""

    def _changed(self, *_args: object) -> None:
        self.edited.emit()


class LineEditor(FieldEditor):
    """Text, số định danh, phone, whole numbers, dates and times: one line."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.line = QLineEdit()
        if spec.max_length and spec.kind == "text":
            self.line.setMaxLength(spec.max_length)
        pattern = PATTERNS.get(spec.kind)
        if pattern:
            validator = QRegularExpressionValidator(QRegularExpression(pattern), self.line)
            self.line.setValidator(validator)
        self.line.setReadOnly(spec.kind == "instant")  # set by the system, shown for reference
        self.line.setMinimumWidth(180)
        self.line.textChanged.connect(self._changed)
        self.row.addWidget(self.line)
        self.setFocusProxy(self.line)
        self.retranslate_ui()

    def raw(self) -> Any:
        return self.line.text()

    def set_raw(self, value: Any) -> None:
        self.line.setText(display_text(value))

    def problem(self) -> str | None:
        return None if self.spec.kind == "instant" else super().problem()

    def retranslate_ui(self) -> None:
        placeholders = {
            "date": "dd/mm/yyyy",
            "local_time": "yyyy-mm-dd hh:mm",
            "id_number": "12 chữ số",
            "phone": "0xxxxxxxxx",
        }
        text = placeholders.get(self.spec.kind)
        self.line.setPlaceholderText(tr(text) if text else "")


class NoteEditor(FieldEditor):
    """Text without a length limit (notes, content): a few lines."""

    def __init__(self, spec: FieldSpec, lines: int = 3) -> None:
        super().__init__(spec)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        height = self.text.fontMetrics().lineSpacing() * lines + 16
        self.text.setFixedHeight(height)
        self.text.textChanged.connect(self._changed)
        self.row.addWidget(self.text)
        self.setFocusProxy(self.text)

    def raw(self) -> Any:
        return self.text.toPlainText()

    def set_raw(self, value: Any) -> None:
        self.text.setPlainText(display_text(value))


class CheckEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.box = QCheckBox()
        self.box.toggled.connect(self._changed)
        self.row.addWidget(self.box)
        self.row.addStretch(1)
        self.setFocusProxy(self.box)

    def raw(self) -> Any:
        return self.box.isChecked()

    def set_raw(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class ComboEditor(FieldEditor):
    """A code chosen from a list; a value not (or not yet) in the list is kept, never lost."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(14)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.currentIndexChanged.connect(self._chosen)
        self.row.addWidget(self.combo)
        self.setFocusProxy(self.combo)
        self._items: list[tuple[str, str]] = []
        self._value: str | None = None

    def set_items(self, items: Sequence[tuple[str, str]]) -> None:
        """(code, label shown) pairs; the current value stays chosen."""
        self._items = list(items)
        self._fill()

    def raw(self) -> Any:
        return self._value

    def set_raw(self, value: Any) -> None:
        self._value = None if value in (None, "") else str(value)
        self._fill()

    def choose(self, code: str | None) -> None:
        """Pick `code` as the officer would (fires `edited`)."""
        index = self.combo.findData(code) if code else 0
        self.combo.setCurrentIndex(max(0, index))

    def _fill(self) -> None:
        blocked = self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for code, label in self._items:
            self.combo.addItem(label, code)
        if self._value is not None and self.combo.findData(self._value) < 0:
            self.combo.addItem(self._value, self._value)
        index = self.combo.findData(self._value) if self._value is not None else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(blocked)

    def _chosen(self, index: int) -> None:
        data = self.combo.itemData(index)
        self._value = str(data) if data else None
        self.edited.emit()


class ChoiceEditor(ComboEditor):
    """A fixed list of codes, shown with their Vietnamese labels (or `labels`, if given)."""

    def __init__(
        self, spec: FieldSpec, record_type: str, labels: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(spec)
        self.record_type = record_type
        self.labels = dict(labels or {})
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.set_items(
            [
                (
                    code,
                    tr(
                        self.labels.get(code)
                        or choice_label(code, self.record_type, self.spec.name)
                    ),
                )
                for code in self.spec.choices
            ]
        )


class VocabEditor(ComboEditor):
    """A term of the province's vocabulary, loaded by a QueryOp (inactive terms only if set)."""

    def __init__(self, ctx: AppContext, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.ctx = ctx
        self.terms: list[vocabularies.Term] = []
        assert spec.vocabulary
        name = spec.vocabulary
        QueryOp(self, lambda: vocabularies.terms(ctx.db, ctx.actor, name)).success(
            alive(self, self._arrived)
        ).run()

    def _arrived(self, terms: list[vocabularies.Term]) -> None:
        self.terms = terms
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # Default terms have catalogue translations; a post's own terms come back unchanged.
        self.set_items(
            [(t.code, tr(t.label)) for t in self.terms if t.active or t.code == self._value]
        )
