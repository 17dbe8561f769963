"""Locking the screen after idle minutes, and unlocking it with the same officer's password."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import settings
from desktop_app.database import Database
from desktop_app.i18n import tr
from ui.context import AppContext
from ui.login import LoginDialog
from ui.signals import app_signals

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }
)
MINUTE_MS = 60_000


class AutoLock(QObject):
    """Locks the app after `minutes` without a key, mouse or wheel event.

    `minutes` defaults to the "auto_lock_minutes" setting; 0 or less turns locking off. A
    change of the setting takes effect from the next idle period (it is re-read when the
    timer fires). Locking covers every open window with an opaque curtain (a child widget
    raised on top, so no form underneath is closed, hidden or reset) and shows `dialog`, an
    application-modal LockDialog (a LoginDialog fixed to the same officer), with `show()` so
    nothing blocks. Esc and the window's close button do nothing there: the only ways out
    are the officer's password, or "Thoát ứng dụng", which after a confirmation quits the app
    (unsaved input is lost, nothing is revealed).
    Lives in the GUI thread; the password check runs on the database worker.
    """

    def __init__(self, window: QWidget, ctx: AppContext, minutes: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self._explicit = minutes is not None
        self.dialog: LockDialog | None = None
        self._curtains: list[Curtain] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise, so a restart always moves the deadline (coarse timers round to 5 %).
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._idle)
        self._timer.setInterval(_minutes_ms(minutes))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._restart()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @interval_ms.setter
    def interval_ms(self, value: int) -> None:
        self._explicit = True
        self._timer.setInterval(value)
        self._restart()

    @property
    def remaining_ms(self) -> int:
        """Milliseconds of idleness left before locking; -1 when locked or turned off."""
        return self._timer.remainingTime()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    @property
    def curtains(self) -> list[Curtain]:
        return list(self._curtains)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.locked:
            self._restart()
        return False

    def lock_now(self) -> None:
        """Cover the windows and ask for the officer's password; no-op if already locked."""
        if self.locked:
            return
        self._timer.stop()
        _close_popups()
        app_signals().screen_locked.emit()
        self._curtains = [Curtain(top) for top in _windows_to_cover(self.window)]
        self.dialog = self._lock_dialog()
        self.dialog.show()

    def _lock_dialog(self) -> LockDialog:
        dialog = LockDialog(self.ctx.db, self.ctx.actor.username, self.window)
        dialog.accepted.connect(self._unlocked)
        dialog.quit_button.clicked.connect(self._confirm_quit)
        return dialog

    def _unlocked(self) -> None:
        dialog = self.dialog
        if dialog is None or dialog.actor is None:
            return
        self.ctx.actor = dialog.actor  # the same officer, with a freshly read role
        self.dialog = None
        dialog.deleteLater()
        for curtain in self._curtains:
            curtain.hide()
            curtain.deleteLater()
        self._curtains = []
        app_signals().screen_unlocked.emit()
        self._restart()

    def _confirm_quit(self) -> None:
        box = QMessageBox(self.dialog)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Thoát ứng dụng"))
        box.setText(tr("Thoát ANTQ Desk? Những gì đang nhập mà chưa lưu sẽ mất."))
        quit_button = box.addButton(tr("Thoát"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(tr("Ở lại"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        if box.clickedButton() is quit_button:
            QApplication.quit()

    def _idle(self) -> None:
        if not self._explicit:
            current = _minutes_ms(None)
            if current != self._timer.interval():
                self._timer.setInterval(current)
                self._restart()
                return
        self.lock_now()

    def _restart(self) -> None:
        if self._timer.interval() > 0 and not self.locked:
            self._timer.start()
        else:
            self._timer.stop()


class LockDialog(LoginDialog):
    """The login dialog of the lock screen: same officer, no Cancel, Esc does nothing."""

    def __init__(self, db: Database, username: str, parent: QWidget) -> None:
        super().__init__(db, username, parent, title=tr("Màn hình đã khóa"), fixed_user=True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.cancel_button.hide()
        self.quit_button = self.buttons.addButton(
            tr("Thoát ứng dụng"), QDialogButtonBox.ButtonRole.ActionRole
        )

    def reject(self) -> None:
        """Esc and the window's close button leave the screen locked."""


class Curtain(QWidget):
    """An opaque cover over one window while the screen is locked; follows its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockCurtain { background: #22313f; } QLabel { color: #ecf0f1; }")
        label = QLabel(tr("Màn hình đã khóa"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 15pt;")
        QVBoxLayout(self).addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
            self.raise_()
        return False


def _minutes_ms(minutes: int | None) -> int:
    chosen = settings.load()["auto_lock_minutes"] if minutes is None else minutes
    return max(int(chosen), 0) * MINUTE_MS


def _windows_to_cover(main: QWidget) -> list[QWidget]:
    """The main window and every other visible normal window or dialog."""
    kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog)
    others = [
        top
        for top in QApplication.topLevelWidgets()
        if top is not main and top.isVisible() and top.windowType() in kinds
    ]
    return [main, *others]


def _close_popups() -> None:
    """Open menus and drop-down lists close (their choice is not applied); forms stay as are."""
    for _ in range(10):  # nested popups close one by one
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        popup.close()
