"""The quick dialogs of a reintegration case: record a contact, change its class (A/B/C/D), and
hand it to another commune. The first two are small record forms, also used by the case form's
tabs; each save is one `records.put`, and `changes_applied` refreshes the list and overview.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import admin_units
from desktop_app.changes import Changes
from desktop_app.errors import AntqError, NotFoundError
from desktop_app.i18n import tr
from desktop_app.records.catalog import FieldSpec
from desktop_app.services import cases, overview, records
from desktop_app.services.case_schedule import contact_days
from ui.context import AppContext
from ui.errors import show_error
from ui.forms.fields import FieldEditor
from ui.forms.guards import alive, confirm
from ui.forms.record_form import RecordForm
from ui.ops import MutationOp, QueryOp

CONTACT_FIELDS = ("contact_on", "kind", "officer_id", "helper_id", "content", "observations")
CLASS_FIELDS = ("level", "decided_on", "officer_id", "reason")
LEVELS = ("A", "B", "C", "D")


def current_class(ctx: AppContext, case_id: str) -> str | None:
    """The latest A/B/C/D of a case (run on the worker); None before the first one."""
    found = records.list_records(
        ctx.db, ctx.actor, "case_classification", filters={"case_id": case_id}, limit=None
    )
    latest = max(
        found,
        key=lambda r: (
            r.get("decided_on") or date.min,
            r.created_at.isoformat() if r.created_at else "",
        ),
        default=None,
    )
    return str(latest.get("level")) if latest is not None and latest.get("level") else None


class ContactForm(RecordForm):
    """Ghi tiếp xúc: today, a home visit, by the officer at the keyboard; the cursor waits in
    Nội dung, so Ctrl+T, the text and Ctrl+S record a visit."""

    fields_height = 380

    def __init__(
        self,
        ctx: AppContext,
        case_id: str,
        record_id: str | None = None,
        *,
        case_title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            "case_contact",
            record_id,
            parent=parent,
            fields=CONTACT_FIELDS,
            fixed={"case_id": case_id},
            defaults={
                "contact_on": date.today(),
                "kind": "visit",
                "officer_id": ctx.actor.officer_id,
            },
            filters={"helper_id": {"case_id": case_id}},
            overrides={"kind": {"label": "Hình thức"}},
            title=tr("Ghi tiếp xúc: {case}", case=case_title) if case_title else "",
        )
        if record_id is None:
            self.editor("content").setFocus()


class LevelEditor(FieldEditor):
    """A/B/C/D as four radio buttons, each with how often the post then meets the person."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code in LEVELS:
            button = QRadioButton()
            button.setObjectName(f"level{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            self.row.addWidget(button)
        self.row.addStretch(1)
        self.group.buttonToggled.connect(self._toggled)
        self.setFocusProxy(self.buttons["A"])
        self.retranslate_ui()

    def raw(self) -> Any:
        return next((c for c, b in self.buttons.items() if b.isChecked()), None)

    def set_raw(self, value: Any) -> None:
        button = self.buttons.get(str(value or ""))
        if button is None:
            self.group.setExclusive(False)
            for other in self.buttons.values():
                other.setChecked(False)
            self.group.setExclusive(True)
            self.setFocusProxy(self.buttons["A"])
            return
        button.setChecked(True)
        self.setFocusProxy(button)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:  # the button turned off says nothing new
            self.edited.emit()

    def choose(self, code: str) -> None:
        """Pick a class as the officer does (fires `edited`)."""
        self.buttons[code].setChecked(True)

    def retranslate_ui(self) -> None:
        days = contact_days()
        for code, button in self.buttons.items():
            every = days.get(code, 0)
            hint = tr("{n} ngày/lần", n=every) if every > 0 else tr("không định kỳ")
            button.setText(f"&{code} ({hint})")
            button.setToolTip(tr("Tiếp xúc, làm việc: {hint}", hint=hint))


class ClassForm(RecordForm):
    """Đổi phân loại: the class now (preselected), today, and why (required)."""

    fields_height = 320

    def __init__(
        self,
        ctx: AppContext,
        case_id: str,
        record_id: str | None = None,
        *,
        current: str | None = None,
        case_title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            "case_classification",
            record_id,
            parent=parent,
            fields=CLASS_FIELDS,
            overrides={"level": {"label": "Phân loại"}},
            fixed={"case_id": case_id},
            defaults={
                "level": current,
                "decided_on": date.today(),
                "officer_id": ctx.actor.officer_id,
            },
            title=tr("Đổi phân loại: {case}", case=case_title) if case_title else "",
        )
        self.current = current
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("placeholder")
        self.extra.addWidget(self.hint)
        self._show_hint()

    def create_editor(self, spec: FieldSpec) -> FieldEditor:
        if spec.name == "level":
            return LevelEditor(spec)
        return super().create_editor(spec)

    def _show_hint(self) -> None:
        text = (
            tr(
                "Phân loại hiện nay: {level}. Lần tiếp xúc tiếp theo tính theo loại mới.",
                level=self.current,
            )
            if self.current
            else tr("Hồ sơ chưa được phân loại.")
        )
        self.hint.setText(text)


class TransferDialog(QDialog):
    """Chuyển hồ sơ…: choose a commune of the province by name (accents not needed), confirm,
    and `cases.transfer` hands the case over; from then on it is read-only here."""

    def __init__(
        self, ctx: AppContext, case_id: str, case_title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.case_title = case_title
        self.own_unit = ""
        self.province_code: str | None = None
        self.transferred = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        self.communes = QListWidget()
        self.communes.itemActivated.connect(lambda _item: self.accept())
        self.problem = QLabel()
        self.problem.setObjectName("formError")
        self.problem.setStyleSheet("color: #b03a2e;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.transfer_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.search, self.communes, self.problem, self.buttons):
            layout.addWidget(widget)
        self.resize(560, 520)
        self.retranslate_ui()
        QueryOp(self, lambda: overview.status(ctx.db, ctx.actor)).success(
            alive(self, self._post_known)
        ).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Chuyển hồ sơ cho đơn vị khác"))
        self.intro.setText(
            tr(
                "Chuyển hồ sơ {case} cho Công an xã, phường nơi người này đến cư trú. Sau khi "
                "chuyển, tại đây chỉ được xem; hồ sơ đi theo lần đồng bộ tới.",
                case=self.case_title,
            )
        )
        self.search.setPlaceholderText(tr("Tìm xã, phường (không cần dấu)…"))
        self.transfer_button.setText(tr("Chuyển hồ sơ"))
        self.cancel_button.setText(tr("Hủy"))

    def chosen_code(self) -> str | None:
        item = self.communes.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def choose(self, code: str) -> None:
        for row in range(self.communes.count()):
            if self.communes.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.communes.setCurrentRow(row)

    def accept(self) -> None:
        code = self.chosen_code()
        if code is None:
            self.problem.setText(tr("Chọn xã, phường nhận hồ sơ."))
            return
        name = admin_units.commune(code).name
        question = tr(
            "Chuyển hồ sơ {case} cho {unit} ({code})? Tại đây sẽ chỉ còn được xem.",
            case=self.case_title,
            unit=name,
            code=code,
        )
        if not confirm(self, tr("Chuyển hồ sơ"), question):
            return
        ctx, case_id = self.ctx, self.case_id
        MutationOp(self, lambda: cases.transfer(ctx.db, ctx.actor, case_id, code)).success(
            alive(self, self._done)
        ).failure(alive(self, self._failed)).run()

    def _done(self, _changes: Changes) -> None:
        self.transferred = True
        super().accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, AntqError):
            self.problem.setText(error.message)
        else:
            show_error(self, error)

    def _post_known(self, info: overview.StatusInfo) -> None:
        self.own_unit = info.unit_code
        try:
            self.province_code = admin_units.commune(info.unit_code).province_code
        except NotFoundError:  # a hub: its code is the province's
            self.province_code = info.unit_code
        self._fill()

    def _fill(self) -> None:
        if self.province_code is None:
            return
        found = admin_units.search_communes(self.search.text(), self.province_code, limit=200)
        self.communes.clear()
        for unit in found:
            if unit.code == self.own_unit:
                continue
            item = QListWidgetItem(f"{unit.name} ({unit.code})")
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            self.communes.addItem(item)
        if self.communes.count():
            self.communes.setCurrentRow(0)
