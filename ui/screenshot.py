"""`--screenshot FILE --page NAME`: render the main window offscreen once its data has loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ui.main_window import MainWindow
from ui.ops import task_manager
from ui.pages.base import ListsPage

SIZE = (1366, 768)


class Screenshot(QObject):
    """Waits until every queued database task has finished and the window has painted."""

    SETTLE_MS = 300

    def __init__(self, window: MainWindow, path: Path, done: Callable[[int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.done = done
        self.timer = QTimer(self, interval=50)
        self.timer.timeout.connect(self._check)
        self.quiet_since = 0
        self.selected = False

    def start(self) -> None:
        self.window.resize(*SIZE)
        self.timer.start()

    def _check(self) -> None:
        if task_manager().busy:
            self.quiet_since = 0
            return
        self.quiet_since += self.timer.interval()
        if self.quiet_since < self.SETTLE_MS:
            return
        if not self.selected:
            # A picture of a list reads better with one record open beside it.
            self.selected = True
            self.quiet_since = 0
            self._select_first_row()
            return
        self.timer.stop()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self.window.grab().save(str(self.path))
        self.window.hide()
        self.done(0 if saved else 1)

    def _select_first_row(self) -> None:
        page = self.window.stack.currentWidget()
        if isinstance(page, ListsPage) and page.current_list().model.rowCount():
            page.current_list().table.selectRow(0)
