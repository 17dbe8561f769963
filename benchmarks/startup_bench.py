"""Cold start: process start to a painted window, ours against PySide6 with an empty window;
also the bundled antq-desk when `make bundle` has left one in dist/ (skipped otherwise)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.report import Figure

RUNS = 5
SOURCE = (sys.executable, "-m", "desktop_app")
BUNDLED = (
    Path(__file__).resolve().parent.parent
    / "dist"
    / "antq-desk"
    / ("antq-desk.exe" if sys.platform == "win32" else "antq-desk")
)
BASELINE = """
import os, sys, time
t0 = int(os.environ["ANTQ_T0_NS"])
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print((time.time_ns() - t0) / 1e6); app.quit()
        return False
window = QMainWindow(); probe = Probe(); window.installEventFilter(probe)
window.resize(1366, 768); window.show(); app.exec()
"""


def _env(extra: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
        "ANTQ_T0_NS": str(time.time_ns()),
    }


def _baseline_ms() -> float:
    command = [sys.executable, "-c", BASELINE]
    result = subprocess.run(command, env=_env({}), capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def _ours_ms(db: Path, probe: Path, program: Sequence[str] = SOURCE) -> dict[str, float]:
    env = _env({"ANTQ_STARTUP_PROBE": str(probe)})
    subprocess.run(
        [*program, "--demo", "--db", str(db)],
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    marks: dict[str, float] = json.loads(probe.read_text(encoding="utf-8"))
    return marks


def run(folder: str) -> list[Figure]:
    db = Path(folder) / "startup.sqlite3"
    probe = Path(tempfile.mkdtemp(dir=folder)) / "probe.json"
    _ours_ms(db, probe)  # creates and seeds the demo database once, not timed
    ours = [_ours_ms(db, probe) for _ in range(RUNS)]
    floor = statistics.median(_baseline_ms() for _ in range(RUNS))
    first = statistics.median(m["first_paint_ms"] for m in ours)
    main = statistics.median(m["main_paint_ms"] for m in ours)
    return [
        Figure(
            "cold start → first painted window (median of 5)",
            first,
            floor,
            "ms",
            "ratio ≤ 1.5 (issue 11)",
            1.5,
        ),
        Figure("cold start → main window painted, demo db", main, floor, "ms", "info"),
        *_bundled(db, probe, floor),
    ]


def _bundled(db: Path, probe: Path, floor: float) -> list[Figure]:
    """The same two marks for dist/antq-desk/antq-desk, when a bundle has been built."""
    if not BUNDLED.exists():
        return []
    if _stale(BUNDLED):
        print(f"{BUNDLED} is older than the source: `make bundle` to measure it", file=sys.stderr)
        return []
    runs = [_ours_ms(db, probe, [str(BUNDLED)]) for _ in range(RUNS)]
    first = statistics.median(m["first_paint_ms"] for m in runs)
    main = statistics.median(m["main_paint_ms"] for m in runs)
    return [
        Figure("bundle: cold start → first painted window", first, floor, "ms", "info"),
        Figure("bundle: cold start → main window, demo db", main, floor, "ms", "info"),
    ]


def _stale(bundle: Path) -> bool:
    """A bundle built before the newest source file would measure old code (or hang at a
    newer database's schema)."""
    root = Path(__file__).resolve().parent.parent
    sources = (f for d in ("desktop_app", "db", "ui") for f in (root / d).rglob("*.py"))
    return max(f.stat().st_mtime for f in sources) > bundle.stat().st_mtime
