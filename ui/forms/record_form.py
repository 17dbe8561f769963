"""The form for any record type, built from its FieldSpecs: it validates as the officer types,
saves through `records.put` (only the changed fields of an existing record), and never loses
what was typed: service errors appear beside the fields, and closing asks first.

Threading: the record is read by a QueryOp and saved by a MutationOp; their callbacks run on
the GUI thread, and are skipped if the form was closed and deleted meanwhile.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import AntqError, DuplicateError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec, RecordType, record_type
from desktop_app.records.view import Record
from desktop_app.services import duplicates, records
from ui.context import AppContext
from ui.errors import show_error
from ui.forms.fields import (
    CheckEditor,
    ChoiceEditor,
    FieldEditor,
    LineEditor,
    NoteEditor,
    VocabEditor,
)
from ui.forms.guards import alive, confirm
from ui.forms.ref_picker import RefEditor
from ui.ops import MutationOp, QueryOp

# Set by the system or by other screens, never typed in a form.
HIDDEN_FIELDS = frozenset({"unit_code", "merged_into"})
# The field a DuplicateError is about (the error itself names none).
DUPLICATE_FIELDS = {"person": "id_number", "vocabulary_term": "code"}
FIELD_STYLE = "QLabel#fieldProblem { color: #b03a2e; } QLabel#formError { color: #b03a2e; }"


def editable_fields(rtype: RecordType) -> tuple[str, ...]:
    """Every field an officer types; attachments have no service yet, so no picker either."""
    return tuple(
        s.name for s in rtype.fields if s.name not in HIDDEN_FIELDS and s.ref != "attachment"
    )


class FieldRow:
    """A field's label, its editor, and under the editor what is wrong, in red."""

    def __init__(self, editor: FieldEditor) -> None:
        self.editor = editor
        self.label = QLabel()
        self.label.setBuddy(editor)
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.cell = QWidget()
        column = QVBoxLayout(self.cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(self.problem)

    def show_problem(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))

    def retranslate_ui(self, required: bool) -> None:
        self.label.setText(self.editor.label() + (" *" if required else ""))
        self.label.setToolTip(tr("Bắt buộc phải nhập") if required else "")
        self.editor.retranslate_ui()


class RecordForm(QDialog):
    """Add (`record_id` None) or edit one record.

    `fields` picks and orders the fields shown; `fixed` values are set by the caller (the
    household of a new resident) and not shown; `defaults` start a new record; `prefill`
    values are put in after loading, as if typed ("Rời tổ" fills today's date);
    `overrides` change a field's spec here (a choice narrowed, a field made required);
    `filters` narrow what a reference may choose.
    """

    saved = Signal(object)  # the Record as saved
    fields_height = 520  # beyond this the fields scroll
    columns = 0  # columns of short fields; 0: two when there are many, else one

    def __init__(
        self,
        ctx: AppContext,
        type_name: str,
        record_id: str | None = None,
        *,
        parent: QWidget | None = None,
        fields: Sequence[str] | None = None,
        fixed: Mapping[str, Any] | None = None,
        defaults: Mapping[str, Any] | None = None,
        prefill: Mapping[str, Any] | None = None,
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
        filters: Mapping[str, Mapping[str, Any]] | None = None,
        labels: Mapping[str, Mapping[str, str]] | None = None,
        title: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rtype = record_type(type_name)
        self.record_id = record_id
        self.record: Record | None = None
        self.fixed = dict(fixed or {})
        self.defaults = dict(defaults or {})
        self.prefill = dict(prefill or {})
        self.filters = dict(filters or {})
        self.labels = dict(labels or {})
        self.title = title
        self.specs = self._specs(fields, overrides or {})
        self.rows: dict[str, FieldRow] = {}
        self._baseline: dict[str, Any] = {}
        self._touched: set[str] = set()  # rows the officer changed: their problems show
        self._server: dict[str, str] = {}  # problems the service found, until edited again
        self._busy = True  # loading or saving: Lưu waits
        self._saving = False
        self._after_save: Callable[[], None] | None = None
        self._build()
        self.build_extra()
        self.retranslate_ui()
        self._start()

    # --- what subclasses adjust ---

    def create_editor(self, spec: FieldSpec) -> FieldEditor:
        """The editor of one field (subclasses replace some: the head of a household…)."""
        name = spec.name
        if spec.kind == "bool":
            return CheckEditor(spec)
        if spec.kind == "choice":
            return ChoiceEditor(spec, self.rtype.name, self.labels.get(name))
        if spec.kind == "vocab":
            return VocabEditor(self.ctx, spec)
        if spec.kind == "ref":
            return RefEditor(self.ctx, spec, self.filters.get(name))
        if spec.kind == "text" and not spec.max_length:
            return NoteEditor(spec, lines=2 if self.fields_height < 400 else 3)
        return LineEditor(spec)

    def build_extra(self) -> None:
        """Add parts below the fields to `self.extra` (residents, members…)."""

    def on_record(self, record: Record) -> None:
        """The record was loaded or saved (its id is known from now on)."""

    # --- state ---

    def values(self) -> dict[str, Any]:
        """What the editors hold now, field by field."""
        current: dict[str, Any] = {}
        for row in self.rows.values():
            current.update(row.editor.values())
        return current

    def is_dirty(self) -> bool:
        return self.values() != self._baseline

    def problems(self) -> dict[str, str]:
        """What is wrong, by row (first field name of each editor)."""
        found = {}
        for key, row in self.rows.items():
            text = self._server.get(key) or row.editor.problem()
            if text:
                found[key] = text
        return found

    def editor(self, name: str) -> FieldEditor:
        return next(r.editor for r in self.rows.values() if name in r.editor.names)

    # --- saving ---

    def save(self) -> None:
        """Lưu (Ctrl+S). While something is wrong, show every problem instead."""
        if self._busy:
            return
        if self.problems():
            self._touched.update(self.rows)
            self._refresh()
            self._focus_first_problem()
            return
        data = self._data()
        if data is None:
            self._finish_save()
            return
        self._set_busy(True)
        self._saving = True
        self.banner.setVisible(False)
        if self.rtype.name == "person" and self.record_id is None:
            # Ask about a possible duplicate before anything is written (nothing to undo).
            ctx = self.ctx
            QueryOp(self, lambda: duplicates.person_warnings(ctx.db, ctx.actor, data)).success(
                alive(self, lambda warnings: self._put_if_confirmed(data, warnings))
            ).failure(alive(self, self._failed)).run()
            return
        self._put(data)

    def _put_if_confirmed(self, data: dict[str, Any], warnings: list[str]) -> None:
        text = "\n".join(warnings)
        question = tr("{warnings}\n\nVẫn lưu hồ sơ này?", warnings=text)
        if warnings and not confirm(self, tr("Có thể trùng hồ sơ"), question):
            self._saving = False
            self._set_busy(False)
            self.show_message(tr("Chưa lưu. Thông tin đã nhập vẫn còn để sửa."))
            return
        self._put(data)

    def _put(self, data: dict[str, Any]) -> None:
        ctx, name = self.ctx, self.rtype.name
        MutationOp(self, lambda: records.put(ctx.db, ctx.actor, name, data)).success(
            alive(self, self._saved)
        ).failure(alive(self, self._failed)).run()

    def ensure_saved(self, then: Callable[[], None]) -> None:
        """Run `then` once the record exists: a new one is saved first (its parts need its id)."""
        if self.record_id is not None:
            then()
            return
        self._after_save = then
        self.save()
        if self.problems():
            self._after_save = None
            self.show_message(
                tr(
                    "Hãy nhập đủ thông tin của {label} và lưu trước khi thêm phần này.",
                    label=tr(self.rtype.label),
                )
            )

    def show_message(self, text: str) -> None:
        """A problem that belongs to no field, above the fields."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def report(self, error: BaseException) -> None:
        """A service error from a part of the form: the officer's words above the fields."""
        if isinstance(error, AntqError):
            self.show_message(error.message)
        else:
            show_error(self, error)

    def _data(self) -> dict[str, Any] | None:
        current = self.values()
        if self.record_id is not None:
            changed = {k: v for k, v in current.items() if v != self._baseline.get(k)}
            return {"id": self.record_id, **changed} if changed else None
        data = {k: v for k, v in current.items() if v is not None}
        data.update(self.fixed)
        return data

    def _saved(self, saved: records.Saved) -> None:
        self._saving = False
        self._set_busy(False)
        self.record_id, self.record = saved.record.id, saved.record
        if saved.warnings and not saved.created:
            self.show_message("\n".join(saved.warnings))
        self._baseline = self.values()
        self._server.clear()
        self.on_record(saved.record)
        self.saved.emit(saved.record)
        self._finish_save()

    def _finish_save(self) -> None:
        then, self._after_save = self._after_save, None
        if then is not None:
            self._refresh()
            then()
        else:
            self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self._set_busy(False)
        self._after_save = None
        unplaced = self._place(error)
        if unplaced:
            self.show_message(unplaced)
        elif isinstance(error, AntqError):
            self.show_message(tr("Chưa lưu được: hãy sửa các trường báo đỏ."))
        self._refresh()
        self._focus_first_problem()

    def _place(self, error: BaseException) -> str:
        """Put the service's problems beside their fields; return what fits no field."""
        if not isinstance(error, AntqError):
            show_error(self, error)
            return ""
        if isinstance(error, ValidationError) and error.fields:
            left = []
            for name, text in error.fields.items():
                key = self._row_of(name)
                if key is None:
                    left.append(text)
                else:
                    self._server[key] = text
            return "\n".join(left)
        key = self._row_of(DUPLICATE_FIELDS.get(self.rtype.name, ""))
        if isinstance(error, DuplicateError) and key is not None:
            self._server[key] = error.message
            return ""
        return error.message

    def _row_of(self, name: str) -> str | None:
        return next((k for k, r in self.rows.items() if name in r.editor.names), None)

    # --- closing ---

    def reject(self) -> None:
        """Đóng / Esc / the window's ×: unsaved changes are only dropped if the officer says so."""
        if self._saving:
            return  # a save is on its way; its answer decides what happens next
        if self.is_dirty() and not confirm(
            self, tr("Đóng biểu mẫu"), tr("Bỏ các thay đổi chưa lưu?")
        ):
            return
        super().reject()

    # --- building ---

    def _specs(
        self, fields: Sequence[str] | None, overrides: Mapping[str, Mapping[str, Any]]
    ) -> list[FieldSpec]:
        names = [n for n in (fields or editable_fields(self.rtype)) if n not in self.fixed]
        specs = [self.rtype.field(n) for n in names]
        return [dataclasses.replace(s, **overrides.get(s.name, {})) for s in specs]

    def _build(self) -> None:
        self.setStyleSheet(FIELD_STYLE)
        self.setMinimumWidth(520)
        self.heading = QLabel()
        self.heading.setObjectName("detailTitle")
        self.banner = QLabel()
        self.banner.setObjectName("formError")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self._fields_area())
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra, 1)
        layout.addLayout(self._buttons())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)

    def _fields_area(self) -> QScrollArea:
        self.fields_widget = QWidget()
        grid = QGridLayout(self.fields_widget)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        for spec in self.specs:
            editor = self.create_editor(spec)
            self.rows[spec.name] = FieldRow(editor)
            editor.edited.connect(lambda key=spec.name: self._edited(key))
        self._place_rows(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.fields_widget)
        self.fields_scroll = scroll
        return scroll

    def _fit_fields(self) -> None:
        """Show every field without scrolling when they fit in `fields_height`."""
        hint = self.fields_widget.sizeHint()
        bar = self.fields_scroll.verticalScrollBar().sizeHint().width()
        self.fields_scroll.setMinimumWidth(hint.width() + bar + 4)
        height = hint.height() + 8
        self.fields_scroll.setMinimumHeight(min(height, self.fields_height))
        if self.fields_height < 400:
            self.fields_scroll.setMaximumHeight(min(height, self.fields_height))

    def _place_rows(self, grid: QGridLayout) -> None:
        """Short fields in two columns when there are many; long text across the whole form."""
        short = [r for r in self.rows.values() if not isinstance(r.editor, NoteEditor)]
        long = [r for r in self.rows.values() if isinstance(r.editor, NoteEditor)]
        columns = self.columns or (2 if len(short) > 6 else 1)
        per_column = (len(short) + columns - 1) // columns
        for index, row in enumerate(short):
            line, column = index % per_column, index // per_column
            self._add_row(grid, row, line, column * 2)
            grid.setColumnStretch(column * 2 + 1, 1)
        for offset, row in enumerate(long):
            self._add_row(grid, row, per_column + offset, 0, span=columns * 2 - 1)

    def _add_row(
        self, grid: QGridLayout, row: FieldRow, line: int, column: int, span: int = 1
    ) -> None:
        row.label.setMinimumHeight(row.editor.sizeHint().height())
        row.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(row.label, line, column, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(row.cell, line, column + 1, 1, span, Qt.AlignmentFlag.AlignTop)

    def _buttons(self) -> QHBoxLayout:
        self.blocking = QLabel()
        self.blocking.setObjectName("fieldProblem")
        self.blocking.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.blocking, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        return row

    def retranslate_ui(self) -> None:
        label = tr(self.rtype.label)
        if self.title:
            text = self.title
        elif self.record_id is None:
            text = tr("Thêm mới: {label}", label=label)
        else:
            text = tr("Sửa: {label}", label=label)
        self.setWindowTitle(text)
        self.heading.setText(text)
        for spec in self.specs:
            self.rows[spec.name].retranslate_ui(spec.required)
        self.save_button.setText(tr("Lưu"))
        self.save_button.setToolTip(tr("Lưu (Ctrl+S)"))
        self.close_button.setText(tr("Đóng"))
        self.close_button.setToolTip(tr("Đóng (Esc)"))
        self._fit_fields()
        self._refresh()

    # --- loading and checking ---

    def _start(self) -> None:
        if self.record_id is None:
            self._loaded_values(self.defaults)
            return
        self.fields_widget.setEnabled(False)
        ctx, name, record_id = self.ctx, self.rtype.name, self.record_id
        QueryOp(self, lambda: records.get(ctx.db, ctx.actor, name, record_id)).success(
            alive(self, self._loaded)
        ).run()

    def _loaded(self, record: Record) -> None:
        self.record = record
        self.fields_widget.setEnabled(True)
        self._loaded_values(record.values)
        self.on_record(record)

    def _loaded_values(self, values: Mapping[str, Any]) -> None:
        for row in self.rows.values():
            row.editor.load(values)
        self._baseline = self.values()
        for name, value in self.prefill.items():
            key = self._row_of(name)
            if key is not None:
                self.rows[key].editor.set_raw(value)
                self._touched.add(key)
        self._set_busy(False)
        first = next(iter(self.rows.values()), None)
        if first is not None:
            first.editor.setFocus()

    def _edited(self, key: str) -> None:
        self._touched.add(key)
        self._server.pop(key, None)
        self._refresh()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._refresh()

    def _refresh(self) -> None:
        if not hasattr(self, "save_button"):
            return
        problems = self.problems()
        for key, row in self.rows.items():
            visible = key in self._touched or key in self._server
            row.show_problem(problems.get(key) if visible else None)
        self._fit_fields()  # a problem shown under a field makes the form taller
        self.save_button.setEnabled(not problems and not self._busy)
        names = ", ".join(self.rows[k].editor.label() for k in problems)
        self.blocking.setText(
            tr("Cần nhập hoặc sửa trước khi lưu: {fields}", fields=names) if names else ""
        )

    def _focus_first_problem(self) -> None:
        problems = self.problems()
        for key, row in self.rows.items():
            if key in problems:
                row.editor.setFocus()
                return
