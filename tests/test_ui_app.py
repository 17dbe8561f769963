"""The GUI entry point as officers and scripts start it: --demo, --screenshot, no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtGui import QImage


def run_app(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["ANTQ_DATA_DIR"] = str(tmp_path / "data")
    return env


@pytest.mark.parametrize("page", ["cases", "households"])
def test_screenshot_renders_a_page_of_the_demo_and_exits_zero(
    page: str, app_env: dict[str, str], tmp_path: Path
) -> None:
    shot = tmp_path / f"{page}.png"
    result = run_app(
        "--demo",
        "--db",
        str(tmp_path / "demo.sqlite3"),
        "--screenshot",
        str(shot),
        "--page",
        page,
        env=app_env,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 1366 and image.height() >= 768
    # A real page, not a blank window: many distinct colours (text, icons, table rows).
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 50


def test_an_unknown_page_is_refused(app_env: dict[str, str], tmp_path: Path) -> None:
    result = run_app(
        "--demo", "--screenshot", str(tmp_path / "x.png"), "--page", "nowhere", env=app_env
    )
    assert result.returncode == 2 and "--page" in result.stderr


def test_without_a_display_it_says_so_in_one_line(app_env: dict[str, str]) -> None:
    app_env.pop("WAYLAND_DISPLAY", None)
    result = run_app("--demo", env=app_env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISPLAY" in lines[0] and "--screenshot" in lines[0]
