"""Measures cold start for `make bench`: milliseconds from process start to a painted window.

Set ANTQ_STARTUP_PROBE to a file path and ANTQ_T0_NS to the launcher's time.time_ns(); the
app then writes {"first_paint_ms": …, "main_paint_ms": …} and quits once the main window
has painted.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

PROBE_ENV = "ANTQ_STARTUP_PROBE"
T0_ENV = "ANTQ_T0_NS"


def enabled() -> bool:
    return bool(os.environ.get(PROBE_ENV))


class StartupProbe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.t0 = int(os.environ.get(T0_ENV) or time.time_ns())
        self.marks: dict[str, float] = {}

    def watch(self, widget: QWidget, mark: str) -> None:
        widget.installEventFilter(self)
        widget.setProperty("antq_probe_mark", mark)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            mark = str(watched.property("antq_probe_mark"))
            if mark not in self.marks:
                self.marks[mark] = (time.time_ns() - self.t0) / 1e6
                if mark == "main_paint_ms":
                    self._finish()
        return False

    def _finish(self) -> None:
        Path(os.environ[PROBE_ENV]).write_text(json.dumps(self.marks), encoding="utf-8")
        QApplication.quit()
