"""Long work with a progress dialog and a Cancel button (imports, exports, seeding).

The op runs on the database worker and receives a `desktop_app.progress.Progress`; its
reports cross to the GUI thread through a queued signal. Cancel sets the flag the op checks
at its next report; the op then raises CancelledError and its transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.i18n import tr
from desktop_app.progress import CancelledError, Progress
from ui.ops import MutationOp

T = TypeVar("T")


class _Relay(QObject):
    reported = Signal(int, int)


class LongOp(Generic[T]):
    def __init__(self, parent: QWidget | None, title: str, op: Callable[[Progress], T]) -> None:
        self.parent = parent
        self.progress = Progress()
        self.dialog = QProgressDialog(title, tr("Hủy"), 0, 0, parent)
        self.dialog.setWindowTitle("ANTQ Desk")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.progress.cancel)
        self._relay = _Relay()
        self._relay.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.progress.listener = self._relay.reported.emit
        self._op = op
        self._success: Callable[[T], Any] = lambda _result: None
        self.cancelled: Callable[[], Any] = lambda: None

    def success(self, callback: Callable[[T], Any]) -> LongOp[T]:
        self._success = callback
        return self

    def run(self) -> None:
        progress = self.progress
        MutationOp(self.parent, lambda: self._op(progress)).success(self._done).failure(
            self._failed
        ).run()

    def _show(self, done: int, total: int) -> None:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _done(self, result: T) -> None:
        self.dialog.reset()
        self._success(result)

    def _failed(self, error: BaseException) -> None:
        self.dialog.reset()
        if isinstance(error, CancelledError):
            self.cancelled()
            return
        from ui.errors import show_error

        show_error(self.parent, error)
