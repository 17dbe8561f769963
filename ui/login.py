"""The login dialog: username and password, checked by the officers service on the worker."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.actor import Actor
from desktop_app.database import Database
from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.services import officers
from ui.errors import message_for, show_error
from ui.ops import MutationOp

ERROR_STYLE = "color: #c0392b;"


class LoginDialog(QDialog):
    """Asks for a password; accepts only once `officers.login` has returned an Actor.

    The login runs in a MutationOp (it writes the failure counter and the audit log). The
    service's message (wrong password, or the lockout after five failures) is shown in red
    under the fields. With `fixed_user` the username cannot be changed (the lock screen).
    Esc cancels, except while a login is being checked.
    """

    def __init__(
        self,
        db: Database,
        username: str = "",
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        fixed_user: bool = False,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self._title = title
        self._busy = False
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.username = QLineEdit(username)
        self.username.setReadOnly(fixed_user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._build_layout()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.username.textChanged.connect(self._update_ok)
        self.password.textChanged.connect(self._update_ok)
        self.retranslate_ui()
        self._update_ok()
        (self.password if username else self.username).setFocus()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def cancel_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

    def retranslate_ui(self) -> None:
        title = self._title or tr("Đăng nhập ANTQ Desk")
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.username_label.setText(tr("Tên đăng nhập"))
        self.password_label.setText(tr("Mật khẩu"))
        self.ok_button.setText(tr("Đăng nhập"))
        self.cancel_button.setText(tr("Hủy"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reject(self) -> None:
        if not self._busy:  # a login being checked finishes first
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _build_layout(self) -> None:
        self.setMinimumWidth(400)
        self.username_label, self.password_label = QLabel(), QLabel()
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _update_ok(self) -> None:
        filled = bool(self.username.text().strip() and self.password.text())
        self.ok_button.setEnabled(filled and not self._busy)

    def _submit(self) -> None:
        if self._busy or not self.ok_button.isEnabled():
            return
        db, username, password = self.db, self.username.text(), self.password.text()
        self._set_busy(True)
        self.error.clear()
        MutationOp(self, lambda: officers.login(db, username, password)).success(
            self._logged_in
        ).failure(self._failed).run()

    def _logged_in(self, actor: Actor) -> None:
        self._set_busy(False)
        self.actor = actor
        self.password.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, AntqError):
            show_error(self, error)  # logs the unexpected, with its traceback
        self.error.setText(message_for(error))
        self.password.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.username.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self._update_ok()
