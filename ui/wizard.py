"""The first-run wizard: this machine's role and unit, the name on documents, the first officer."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app import admin_units
from desktop_app.admin_units import Commune, Province
from desktop_app.database import Database
from desktop_app.i18n import tr
from desktop_app.services import setup
from desktop_app.services.officers import MIN_PASSWORD
from desktop_app.services.setup import SetupResult
from desktop_app.text import clean, nfc
from desktop_app.work import HUB, POST
from ui.errors import show_error
from ui.ops import MutationOp

ERROR_STYLE = "color: #c0392b;"
LIST_STYLE = "QListWidget::item { padding: 3px 6px; }"
# The rule officers.create() enforces (it re-checks); mirrored to warn while typing.
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
ALL_COMMUNES = 10_000  # more than any province has, so a search never truncates


@dataclass
class SetupChoices:
    """What the officer has chosen so far; the pages share one instance."""

    role: str = POST
    province: Province | None = None
    commune: Commune | None = None
    name: str = ""
    username: str = ""
    full_name: str = ""
    password: str = ""

    @property
    def unit(self) -> Province | Commune | None:
        return self.province if self.role == HUB else self.commune


def document_name(unit: Province | Commune) -> str:
    """police_unit_names' wording in sentence case: "Công an phường Thành Sen".

    Not passed through tr(): documents are always printed in Vietnamese.
    """
    return nfc(f"Công an {unit.kind.lower()} {unit.short_name}")


def unit_label(unit: Province | Commune) -> str:
    if isinstance(unit, Commune):
        return f"{unit.name}, {admin_units.province(unit.province_code).name} ({unit.code})"
    return f"{unit.name} ({unit.code})"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class SetupPage(QWizardPage):
    """A page of the wizard: reads and writes the shared choices; strings in retranslate_ui."""

    def __init__(self, choices: SetupChoices) -> None:
        super().__init__()
        self.choices = choices

    def retranslate_ui(self) -> None:
        """Set every visible string (called at creation and on a language change)."""


class RolePage(SetupPage):
    """(a) A commune police post, or the provincial hub."""

    def __init__(self, choices: SetupChoices) -> None:
        super().__init__(choices)
        self.post = QRadioButton()
        self.hub = QRadioButton()
        self.post_help, self.hub_help = QLabel(), QLabel()
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        for button, help_label in ((self.post, self.post_help), (self.hub, self.hub_help)):
            group.addButton(button)
            help_label.setWordWrap(True)
            help_label.setIndent(26)
            help_label.setObjectName("placeholder")
            layout.addWidget(button)
            layout.addWidget(help_label)
            layout.addSpacing(12)
        layout.addStretch(1)
        self.post.setChecked(True)
        self.hub.toggled.connect(self._role_chosen)

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Máy này dùng cho đơn vị nào?"))
        self.setSubTitle(tr("Chọn một lần khi cài đặt; sau này không đổi được."))
        self.post.setText(tr("Công an xã, phường, đặc khu"))
        self.post_help.setText(
            tr("Quản lý hộ gia đình, tổ tự quản, hồ sơ tái hòa nhập, cuộc họp của địa bàn.")
        )
        self.hub.setText(tr("Công an tỉnh, thành phố (máy tổng hợp)"))
        self.hub_help.setText(
            tr("Nhận gói đồng bộ từ các Công an xã trong tỉnh để tổng hợp và theo dõi.")
        )

    def _role_chosen(self) -> None:
        self.choices.role = HUB if self.hub.isChecked() else POST


class UnitPage(SetupPage):
    """(b) The province, then (for a post) the commune, each found by a folded search."""

    def __init__(self, choices: SetupChoices) -> None:
        super().__init__(choices)
        self.province_title, self.commune_title = QLabel(), QLabel()
        self.province_search, self.commune_search = QLineEdit(), QLineEdit()
        self.province_list, self.commune_list = QListWidget(), QListWidget()
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        for widget in (self.province_list, self.commune_list):
            widget.setStyleSheet(LIST_STYLE)
        self._build_layout()
        self.province_search.textChanged.connect(self._fill_provinces)
        self.commune_search.textChanged.connect(self._fill_communes)
        self.province_search.returnPressed.connect(self._first_province)
        self.commune_search.returnPressed.connect(lambda: self._pick_first(self.commune_list))
        self.province_list.itemSelectionChanged.connect(self._province_chosen)
        self.commune_list.itemSelectionChanged.connect(self._commune_chosen)
        self._fill_provinces()

    def _build_layout(self) -> None:
        self.grid = grid = QGridLayout(self)
        grid.setVerticalSpacing(6)
        columns = (
            (self.province_title, self.province_search, self.province_list),
            (self.commune_title, self.commune_search, self.commune_list),
        )
        for column, widgets in enumerate(columns):
            for row, widget in enumerate(widgets):
                grid.addWidget(widget, row, column)
        grid.setRowStretch(2, 1)
        grid.addWidget(self.chosen, 3, 0, 1, 2)

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Đơn vị"))
        self.setSubTitle(
            tr("Gõ vài chữ của tên, có dấu hay không dấu đều được (ví dụ: thanh sen).")
        )
        self.province_title.setText(tr("Tỉnh, thành phố"))
        self.commune_title.setText(tr("Xã, phường, đặc khu"))
        self.province_search.setPlaceholderText(tr("Tìm tỉnh, thành phố…"))
        self.commune_search.setPlaceholderText(tr("Tìm xã, phường, đặc khu…"))
        self._show_chosen()

    def initializePage(self) -> None:
        post = self.choices.role == POST
        for widget in (self.commune_title, self.commune_search, self.commune_list):
            widget.setVisible(post)
        self.grid.setHorizontalSpacing(16 if post else 0)
        self._fill_communes()
        self._show_chosen()

    def isComplete(self) -> bool:
        return self.choices.unit is not None

    def _fill_provinces(self) -> None:
        query = self.province_search.text()
        found = admin_units.search_provinces(query) if query.strip() else admin_units.provinces()
        _fill(self.province_list, found, self.choices.province)

    def _fill_communes(self) -> None:
        province = self.choices.province
        self.commune_search.setEnabled(province is not None)
        if province is None:
            _fill(self.commune_list, [], None)
            return
        query = self.commune_search.text()
        found = admin_units.search_communes(query, province.code, limit=ALL_COMMUNES)
        _fill(self.commune_list, found, self.choices.commune)

    def _province_chosen(self) -> None:
        code = _selected_code(self.province_list)
        if code is None:
            return
        self.choices.province = admin_units.province(code)
        commune = self.choices.commune
        if commune is not None and commune.province_code != code:
            self.choices.commune = None
        self._fill_communes()
        self._changed()

    def _commune_chosen(self) -> None:
        code = _selected_code(self.commune_list)
        if code is not None:
            self.choices.commune = admin_units.commune(code)
            self._changed()

    def _first_province(self) -> None:
        self._pick_first(self.province_list)
        if self.choices.role == POST and self.choices.province is not None:
            self.commune_search.setFocus()

    def _pick_first(self, widget: QListWidget) -> None:
        if widget.count() and not widget.selectedItems():
            widget.setCurrentRow(0)

    def _changed(self) -> None:
        self._show_chosen()
        self.completeChanged.emit()

    def _show_chosen(self) -> None:
        unit = self.choices.unit
        if unit is None:
            self.chosen.setText(tr("Chưa chọn đơn vị."))
        else:
            self.chosen.setText(tr("Đã chọn: {unit}", unit=unit_label(unit)))


def _fill(
    widget: QListWidget, units: Sequence[Province | Commune], chosen: Province | Commune | None
) -> None:
    """Replace the rows without emitting selection signals; the chosen unit stays selected."""
    widget.blockSignals(True)
    try:
        widget.clear()
        for unit in units:
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            widget.addItem(item)
            if unit == chosen:
                item.setSelected(True)
                widget.setCurrentItem(item)
    finally:
        widget.blockSignals(False)


def _selected_code(widget: QListWidget) -> str | None:
    items = widget.selectedItems()
    return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None


class NamePage(SetupPage):
    """(c) The unit's name as printed on documents, prefilled and editable."""

    def __init__(self, choices: SetupChoices) -> None:
        super().__init__(choices)
        self._prefilled_for: str | None = None
        self.name_label = QLabel()
        self.name = QLineEdit()
        self.preview_title = QLabel()
        self.preview = QLabel()
        self.preview.setObjectName("keyCard")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (self.name_label, self.name, self.preview_title, self.preview):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.name.textChanged.connect(self._name_changed)

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Tên đơn vị trên văn bản"))
        self.setSubTitle(tr("Tên này in ở đầu biên bản, báo cáo; sửa lại nếu cần."))
        self.name_label.setText(tr("Tên đơn vị"))
        self.preview_title.setText(tr("Đầu văn bản sẽ in:"))

    def initializePage(self) -> None:
        unit = self.choices.unit
        if unit is not None and unit.code != self._prefilled_for:
            self._prefilled_for = unit.code
            self.name.setText(document_name(unit))
        self._show_preview()

    def isComplete(self) -> bool:
        return bool(clean(self.name.text()))

    def _name_changed(self, text: str) -> None:
        self.choices.name = clean(text) or ""
        self._show_preview()
        self.completeChanged.emit()

    def _show_preview(self) -> None:
        """The parent unit above, this unit in bold, as on an administrative document."""
        lines = [f"<b>{html.escape(nfc(self.choices.name.upper()))}</b>"]
        commune = self.choices.commune
        if self.choices.role == POST and commune is not None:
            lines.insert(0, html.escape(admin_units.police_unit_names(commune.code)[0]))
        self.preview.setText("<br>".join(lines))


class OfficerPage(SetupPage):
    """(d) The first officer (the administrator), checked as the officer types."""

    def __init__(self, choices: SetupChoices) -> None:
        super().__init__(choices)
        self.username, self.full_name = QLineEdit(), QLineEdit()
        self.password, self.confirm = QLineEdit(), QLineEdit()
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel() for _ in range(4)]
        self.hint = QLabel()
        self.hint.setObjectName("placeholder")
        self.hint.setWordWrap(True)
        self.problems = error_label()
        self._build_layout()
        for field in (self.username, self.full_name, self.password, self.confirm):
            field.textChanged.connect(self._validate)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setSpacing(10)
        fields = (self.username, self.full_name, self.password, self.confirm)
        for label, field in zip(self.labels, fields, strict=True):
            form.addRow(label, field)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addStretch(1)

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Tài khoản quản trị"))
        self.setSubTitle(
            tr("Cán bộ đầu tiên, thường là Trưởng Công an; có quyền thêm các cán bộ khác.")
        )
        texts = ("Tên đăng nhập", "Họ và tên", "Mật khẩu", "Nhập lại mật khẩu")
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(tr(text))
        self.username.setPlaceholderText(tr("ví dụ: truong"))
        self.hint.setText(tr("Mật khẩu có ít nhất {n} ký tự.", n=MIN_PASSWORD))
        self._validate()

    def isComplete(self) -> bool:
        fields = (self.username, self.full_name, self.password, self.confirm)
        filled = all(field.text().strip() for field in fields)
        return filled and not self.problem_texts()

    def problem_texts(self) -> list[str]:
        """What is wrong with what has been typed so far (empty fields are not yet wrong)."""
        problems = []
        name = (clean(self.username.text()) or "").casefold()
        if name and not USERNAME.match(name):
            problems.append(
                tr("Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch nối; 2–60 ký tự.")
            )
        password = self.password.text()
        if password and len(password) < MIN_PASSWORD:
            problems.append(tr("Mật khẩu phải có ít nhất {n} ký tự.", n=MIN_PASSWORD))
        if self.confirm.text() and self.confirm.text() != password:
            problems.append(tr("Mật khẩu nhập lại không khớp."))
        return problems

    def _validate(self) -> None:
        self.choices.username = (clean(self.username.text()) or "").casefold()
        self.choices.full_name = clean(self.full_name.text()) or ""
        self.choices.password = self.password.text()
        self.problems.setText("\n".join(self.problem_texts()))
        self.completeChanged.emit()


class SummaryPage(SetupPage):
    """(e) What will be created, before the officer presses Hoàn tất."""

    def __init__(self, choices: SetupChoices) -> None:
        super().__init__(choices)
        self.labels = [QLabel() for _ in range(4)]
        self.values = [QLabel() for _ in range(4)]
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.setSpacing(10)
        for label, value in zip(self.labels, self.values, strict=True):
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def retranslate_ui(self) -> None:
        self.setTitle(tr("Kiểm tra lại"))
        self.setSubTitle(tr("Bấm “Hoàn tất” để khởi tạo; muốn sửa thì bấm “Quay lại”."))
        texts = ("Vai trò", "Đơn vị", "Tên trên văn bản", "Tài khoản quản trị")
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(tr(text))
        self.note.setText(
            tr(
                "Phần mềm sẽ tạo khóa mã hóa riêng của đơn vị (dùng khi đồng bộ) và tài "
                "khoản quản trị. Việc khởi tạo chỉ làm một lần trên máy này."
            )
        )

    def initializePage(self) -> None:
        c = self.choices
        role = (
            tr("Công an xã, phường, đặc khu")
            if c.role == POST
            else tr("Công an tỉnh, thành phố (máy tổng hợp)")
        )
        unit = unit_label(c.unit) if c.unit is not None else ""
        rows = (role, unit, c.name, f"{c.username} — {c.full_name}")
        for value, text in zip(self.values, rows, strict=True):
            value.setText(text)


class SetupWizard(QWizard):
    """Creates the replica on Finish; accepts only once `setup.init_replica` has succeeded.

    `result_setup` holds the SetupResult afterwards. The work (keys, argon2 hash) runs in a
    MutationOp; while it runs every button is disabled and Esc does nothing. On failure the
    error is shown and the wizard stays open with everything as typed.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.result_setup: SetupResult | None = None
        self.choices = SetupChoices()
        self._busy = False
        self.role_page = RolePage(self.choices)
        self.unit_page = UnitPage(self.choices)
        self.name_page = NamePage(self.choices)
        self.officer_page = OfficerPage(self.choices)
        self.summary_page = SummaryPage(self.choices)
        for page in self.pages:
            self.addPage(page)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(760, 560)
        self.retranslate_ui()

    @property
    def pages(self) -> tuple[SetupPage, ...]:
        return (
            self.role_page,
            self.unit_page,
            self.name_page,
            self.officer_page,
            self.summary_page,
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Khởi tạo ANTQ Desk"))
        texts = {
            QWizard.WizardButton.NextButton: tr("Tiếp theo >"),
            QWizard.WizardButton.BackButton: tr("< Quay lại"),
            QWizard.WizardButton.FinishButton: tr("Hoàn tất"),
            QWizard.WizardButton.CancelButton: tr("Hủy"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
        for page in self.pages:
            page.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def accept(self) -> None:
        """Finish: run init_replica on the worker; the dialog closes when it has succeeded."""
        if self.result_setup is not None:
            super().accept()
            return
        if self._busy:
            return
        unit = self.choices.unit
        if unit is not None:
            self._set_busy(True)
            MutationOp(self, self._creation(unit.code)).success(self._created).failure(
                self._failed
            ).run()

    def _creation(self, unit_code: str) -> Callable[[], SetupResult]:
        """The worker's job, closed over a copy of the choices as they are now."""
        db, c = self.db, replace(self.choices)
        return lambda: setup.init_replica(
            db,
            role=c.role,
            unit_code=unit_code,
            name=c.name,
            admin_user=c.username,
            admin_password=c.password,
            admin_full_name=c.full_name or None,
        )

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _created(self, result: SetupResult) -> None:
        self._set_busy(False)
        self.result_setup = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, error)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(which).setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()
