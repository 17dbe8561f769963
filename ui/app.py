"""Starting the GUI: the application object, the database, the main window (a shell for now)."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import settings
from desktop_app.demo_database import open_demo
from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from ui.main_window import MainWindow


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ANTQ Desk")
    try:
        if not args.demo:
            raise AntqError(
                tr("Trình hướng dẫn cài đặt chưa có trong bản này: dùng 'antq init' hoặc --demo.")
            )
        demo = open_demo(args.db or settings.data_dir() / "antq-demo.sqlite3")
    except AntqError as error:
        if args.screenshot:
            sys.stderr.write(error.message + "\n")
            return 1
        QMessageBox.critical(None, "ANTQ Desk", error.message)
        return 1
    window = MainWindow(demo.actor.full_name)
    window.show()
    if args.screenshot:
        QTimer.singleShot(200, lambda: _screenshot(window, str(args.screenshot), app))
    return app.exec()


def _screenshot(window: MainWindow, path: str, app: QApplication) -> None:
    window.grab().save(path)
    app.quit()
