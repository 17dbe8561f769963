"""PySide6 6.12.0 on Python 3.11 drops a reference to None per Qt call returning None and aborts
the interpreter (DESIGN.md §7). The pin keeps us on 6.11; this test would catch a regression."""

from __future__ import annotations

import os
import subprocess
import sys

import PySide6

PROBE = """
import sys
from PySide6.QtCore import QObject
before = sys.getrefcount(None)
for _ in range(10_000):
    QObject().parent()
after = sys.getrefcount(None)
print(before - after)
"""


def test_qobject_parent_ten_thousand_times_keeps_the_interpreter_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    # Immortal None (3.12+) or a correct binding: the count does not drift by thousands.
    assert abs(int(result.stdout.strip())) < 100


def test_the_pinned_qt_is_6_11() -> None:
    assert PySide6.__version__.startswith("6.11."), PySide6.__version__
