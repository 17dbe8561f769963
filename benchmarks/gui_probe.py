"""One GUI measurement in its own process (so its resident memory is its own), printed as JSON.

`python -m benchmarks.gui_probe DB USER PASSWORD`: the main window on DB; the residents list
(Hộ gia đình và nhân khẩu → Nhân khẩu) from showing the page to the first paint with rows,
then from scrolling to the end to the paint with the last rows; RSS with the window open.
`python -m benchmarks.gui_probe --floor N`: the same QTableView over an in-memory
QAbstractTableModel of N rows, shown and scrolled alike.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView

TIMEOUT_S = 600.0
COLUMNS = 7  # as the residents list shows


class PaintWatch(QObject):
    """Calls `ready()` at each paint of a viewport; records when it first returned True."""

    def __init__(self, view: QTableView, ready: Callable[[], bool]) -> None:
        super().__init__()
        self.ready = ready
        self.done_at: float | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.done_at is None and self.ready():
            self.done_at = time.perf_counter()
        return False


def wait(app: QApplication, watch: PaintWatch) -> float:
    """Process events until `watch` saw its paint; returns that moment."""
    limit = time.perf_counter() + TIMEOUT_S
    while watch.done_at is None:
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() > limit:
            raise TimeoutError("no paint with rows")
    return watch.done_at


def painted_after(
    app: QApplication, view: QTableView, action: Callable[[], object], ready: Callable[[], bool]
) -> float:
    """Milliseconds from `action` to the first paint of `view` at which `ready()` holds."""
    watch = PaintWatch(view, ready)
    start = time.perf_counter()
    action()
    return (wait(app, watch) - start) * 1000


def settle(app: QApplication) -> None:
    """Process events until the database worker has had nothing to do for a moment."""
    from ui.ops import task_manager

    quiet_since = time.perf_counter()
    limit = quiet_since + TIMEOUT_S
    while time.perf_counter() - quiet_since < 0.3:
        app.processEvents()
        time.sleep(0.005)
        if task_manager().busy:
            quiet_since = time.perf_counter()
        if time.perf_counter() > limit:
            raise TimeoutError("the worker never settled")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def ours(db_path: str, user: str, password: str) -> dict[str, float]:
    app = QApplication(sys.argv[:1])
    from desktop_app.database import open_database
    from desktop_app.services import officers
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.pages.base import ListsPage

    db = open_database(db_path)
    window = MainWindow(AppContext(db, officers.login(db, user, password)))
    window.resize(1366, 768)
    window.show()
    logged_in = rss_mb()
    settle(app)  # the overview page has loaded: the worker is free, as after a login
    overview = rss_mb()
    page = window.page("households")
    assert isinstance(page, ListsPage) and page.tabs is not None
    people = next(r for r in page.record_lists if r.record_type == "person")
    model, view = people.model, people.table
    tabs = page.tabs

    def show() -> None:
        window.show_page("households")
        tabs.setCurrentWidget(people)

    shown = painted_after(app, view, show, lambda: model.has_row(0))
    # The list opens with its first rows and is counted next: scrolling before the count is
    # in would reach the end of the first rows, then lose it when the list grows.
    settle(app)

    def last_row() -> bool:
        return model.has_row(model.rowCount() - 1)

    scrolled = painted_after(app, view, view.scrollToBottom, last_row)
    return {
        "page_ms": shown,
        "scroll_ms": scrolled,
        "rows": model.rowCount(),
        "rss_mb": rss_mb(),
        "rss_window_mb": logged_in,  # main window built, nothing loaded yet
        "rss_overview_mb": overview,  # the first page (overview, statistics) loaded
    }


class MemoryModel(QAbstractTableModel):
    """Every cell already in memory: what a table view costs without any database."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.rows[index.row()][index.column()]


def floor(count: int) -> dict[str, float]:
    app = QApplication(sys.argv[:1])
    row = ("Nguyễn Văn An", "01/02/1990", "Nam", "042090123456", "Con", "Số 12, Thôn 3", "Thôn 3")
    model = MemoryModel([row] * count)
    view = QTableView()
    view.resize(1000, 600)
    view.verticalHeader().setVisible(False)

    def show() -> None:
        view.setModel(model)
        view.show()

    shown = painted_after(app, view, show, lambda: True)
    scrolled = painted_after(app, view, view.scrollToBottom, lambda: True)
    return {
        "page_ms": shown,
        "scroll_ms": scrolled,
        "rows": count,
        "rss_mb": rss_mb(),
    }


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1] == "--floor":
        print(json.dumps(floor(int(sys.argv[2]))))
    else:
        print(json.dumps(ours(*sys.argv[1:4])))


if __name__ == "__main__":
    main()
