"""Every `--screenshot FILE --dialog NAME` of the user guide renders a picture that is not blank,
so the pictures of docs/huong-dan.md cannot silently break (`make guide-screenshots`)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QImage

from desktop_app.database import open_database
from desktop_app.demo_database import DEMO_PASSWORD, DEMO_USER, open_demo
from desktop_app.services import officers
from tests.test_ui_app import app_env, run_app  # noqa: F401 (app_env is a fixture)
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.screenshot import DIALOGS, Screenshot


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    open_demo(path).db.dispose()
    return path


@pytest.fixture
def demo_window(demo_template: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    window = MainWindow(AppContext(db, officers.login(db, DEMO_USER, DEMO_PASSWORD)))
    qtbot.addWidget(window)
    window.show()
    yield window
    db.dispose()


def assert_not_blank(path: Path) -> None:
    image = QImage(str(path))
    assert image.width() >= 300 and image.height() >= 120
    # Text, fields and buttons give many distinct colours; a blank or failed paint gives a few.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    }
    assert len(colours) > 100, (path, len(colours))


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_each_dialog_of_the_guide_renders(
    name: str, demo_window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    shot, codes = tmp_path / f"{name}.png", []
    Screenshot(demo_window, shot, codes.append, name).start()
    qtbot.waitUntil(lambda: codes != [], timeout=60_000)
    assert codes == [0]
    assert_not_blank(shot)


def test_the_command_line_takes_a_dialog_and_refuses_an_unknown_one(
    app_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    demo = str(tmp_path / "demo.sqlite3")
    unknown = run_app(
        "--demo", "--db", demo, "--screenshot", "x.png", "--dialog", "nowhere", env=app_env
    )
    assert unknown.returncode == 2 and "--dialog" in unknown.stderr
    shot = tmp_path / "login.png"
    result = run_app(
        "--demo", "--db", demo, "--screenshot", str(shot), "--dialog", "login", env=app_env
    )
    assert result.returncode == 0, result.stderr
    assert_not_blank(shot)
