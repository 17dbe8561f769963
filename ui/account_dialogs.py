"""The officer's own account and the post chief's tools: change a password, manage officers,
and check the audit trail. Every rule (roles, password length, lockout) lives in the services;
these dialogs only ask and show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.actor import ADMIN, OFFICER, VIEWER
from desktop_app.formatting import format_time
from desktop_app.i18n import tr
from desktop_app.services import audit, officers
from desktop_app.services.audit import AuditEntry, ChainReport
from desktop_app.services.officers import OfficerView
from ui.context import AppContext
from ui.forms.guards import confirm
from ui.ops import MutationOp, QueryOp
from ui.tables import read_only_table

ROLE_NAMES = {
    ADMIN: "Trưởng Công an (quản trị)",
    OFFICER: "Cán bộ (được ghi)",
    VIEWER: "Chỉ xem",
}


def _role_name(role: str) -> str:
    return tr(ROLE_NAMES.get(role, role))


def _password_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))


class PasswordDialog(QDialog):
    """Đổi mật khẩu: the current password, then the new one twice."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Đổi mật khẩu"))
        self.old, self.new, self.again = _password_box(), _password_box(), _password_box()
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Mật khẩu hiện tại"), self.old)
        form.addRow(tr("Mật khẩu mới (ít nhất {n} ký tự)", n=officers.MIN_PASSWORD), self.new)
        form.addRow(tr("Nhập lại mật khẩu mới"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Đổi mật khẩu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        if self.new.text() != self.again.text():
            self.message.setText(tr("Hai lần nhập mật khẩu mới không khớp nhau."))
            self.again.setFocus()
            return
        ctx, old, new = self.ctx, self.old.text(), self.new.text()
        MutationOp(self, lambda: officers.change_password(ctx.db, ctx.actor, old, new)).success(
            lambda _changes: self.accept()
        ).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(str(error))
        self.old.selectAll()
        self.old.setFocus()


class OfficersDialog(QDialog):
    """Cán bộ: the post chief adds officers, changes roles, locks accounts, resets passwords."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.officers: list[OfficerView] = []
        self.setWindowTitle(tr("Quản lý cán bộ"))
        self.table = read_only_table(4)
        self.table.setHorizontalHeaderLabels(
            [tr("Tên đăng nhập"), tr("Họ và tên"), tr("Vai trò"), tr("Trạng thái")]
        )
        self.add_button = QPushButton(tr("Thêm cán bộ…"))
        self.role_button = QPushButton(tr("Đổi vai trò…"))
        self.reset_button = QPushButton(tr("Đặt lại mật khẩu…"))
        self.disable_button = QPushButton(tr("Khóa tài khoản"))
        tools = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.reset_button, self.disable_button):
            button.setEnabled(ctx.actor.is_admin)
            tools.addWidget(button)
        tools.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Đóng"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_officer)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.disable)
        self.resize(760, 420)
        self.load()

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: officers.list_officers(ctx.db, ctx.actor)).success(self._show).run()

    def _show(self, found: list[OfficerView]) -> None:
        self.officers = found
        _fill(
            self.table,
            [
                [
                    o.username,
                    o.full_name,
                    _role_name(o.role),
                    tr("Đang dùng") if o.active else tr("Đã khóa"),
                ]
                for o in found
            ],
        )

    def chosen(self) -> OfficerView | None:
        row = self.table.currentRow()
        return self.officers[row] if 0 <= row < len(self.officers) else None

    def add_officer(self) -> None:
        dialog = NewOfficerDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load()

    def change_role(self) -> None:
        officer = self.chosen()
        if officer is None:
            return
        roles = [ADMIN, OFFICER, VIEWER]
        names = [_role_name(r) for r in roles]
        name, ok = QInputDialog.getItem(
            self,
            tr("Đổi vai trò"),
            tr("Vai trò mới của {username}:", username=officer.username),
            names,
            roles.index(officer.role),
            False,
        )
        if ok:
            role, ctx = roles[names.index(name)], self.ctx
            self._mutate(lambda: officers.set_role(ctx.db, ctx.actor, officer.username, role))

    def reset_password(self) -> None:
        officer = self.chosen()
        if officer is None:
            return
        new, ok = QInputDialog.getText(
            self,
            tr("Đặt lại mật khẩu"),
            tr("Mật khẩu mới cho {username}:", username=officer.username),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            ctx = self.ctx
            self._mutate(lambda: officers.reset_password(ctx.db, ctx.actor, officer.username, new))

    def disable(self) -> None:
        officer = self.chosen()
        question = tr(
            "Khóa tài khoản {username}? Cán bộ này sẽ không đăng nhập được nữa.",
            username=officer.username if officer else "",
        )
        if officer is None or not confirm(self, tr("Khóa tài khoản"), question):
            return
        ctx = self.ctx
        self._mutate(lambda: officers.disable(ctx.db, ctx.actor, officer.username))

    def _mutate(self, op: object) -> None:
        MutationOp(self, op).success(lambda _result: self.load()).run()  # type: ignore[arg-type]


class NewOfficerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Thêm cán bộ"))
        self.username, self.full_name, self.title = QLineEdit(), QLineEdit(), QLineEdit()
        self.password = _password_box()
        self.role = QComboBox()
        for role in (OFFICER, VIEWER, ADMIN):
            self.role.addItem(_role_name(role), role)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Tên đăng nhập (không dấu)"), self.username)
        form.addRow(tr("Họ và tên"), self.full_name)
        form.addRow(tr("Chức vụ"), self.title)
        form.addRow(tr("Vai trò"), self.role)
        form.addRow(tr("Mật khẩu ban đầu"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Thêm"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        ctx = self.ctx
        username, password = self.username.text(), self.password.text()
        full_name, title = self.full_name.text(), self.title.text()
        role = str(self.role.currentData())
        MutationOp(
            self,
            lambda: officers.add(
                ctx.db, ctx.actor, username, password, full_name=full_name, role=role, title=title
            ),
        ).success(lambda _result: self.accept()).failure(
            lambda error: self.message.setText(str(error))
        ).run()


class AuditDialog(QDialog):
    """Nhật ký thao tác: the latest events, filtered by officer; the chain check for the chief."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Nhật ký thao tác"))
        self.officer = QLineEdit()
        self.officer.setPlaceholderText(tr("Lọc theo tên đăng nhập"))
        self.officer.returnPressed.connect(self.load)
        self.verify_button = QPushButton(tr("Kiểm tra tính toàn vẹn"))
        self.verify_button.setEnabled(ctx.actor.is_admin)
        self.verify_button.clicked.connect(self.verify)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = read_only_table(5)
        self.table.setHorizontalHeaderLabels(
            [tr("Lúc"), tr("Cán bộ"), tr("Thao tác"), tr("Loại hồ sơ"), tr("Mã hồ sơ")]
        )
        tools = QHBoxLayout()
        tools.addWidget(self.officer, 1)
        tools.addWidget(self.verify_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Đóng"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(900, 520)
        self.load()

    def load(self) -> None:
        ctx, who = self.ctx, self.officer.text().strip() or None
        QueryOp(self, lambda: audit.list_events(ctx.db, ctx.actor, officer=who)).success(
            self._show
        ).run()

    def _show(self, entries: list[AuditEntry]) -> None:
        _fill(
            self.table,
            [
                [
                    format_time(e.at),
                    e.officer or "—",
                    e.action,
                    e.record_type or "",
                    e.record_id or "",
                ]
                for e in entries
            ],
        )

    def verify(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: audit.verify(ctx.db, ctx.actor)).success(self._verdict).run()

    def _verdict(self, reports: list[ChainReport]) -> None:
        problems = [r.problem.message for r in reports if r.problem is not None]
        if problems:
            self.verdict.setText("\n".join(problems))
            self.verdict.setStyleSheet("color: #b3261e; font-weight: 600;")
            return
        events = sum(r.events for r in reports)
        self.verdict.setText(
            tr(
                "Nhật ký nguyên vẹn: {events} sự kiện của {machines} máy, không sự kiện nào bị "
                "xóa, sửa hay đổi thứ tự.",
                events=events,
                machines=len(reports),
            )
        )
        self.verdict.setStyleSheet("color: #1b5e20; font-weight: 600;")
