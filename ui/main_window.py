"""The main window: sidebar of pages and a status bar (the pages arrive with later issues)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop_app.i18n import tr

PAGES = (
    "Tổng quan",
    "Hộ gia đình",
    "Tổ tự quản",
    "Tái hòa nhập",
    "Cuộc họp",
    "Đồng bộ",
    "Báo cáo",
    "Cài đặt",
)


class MainWindow(QMainWindow):
    def __init__(self, officer_name: str) -> None:
        super().__init__()
        self.setWindowTitle("ANTQ Desk")
        self.resize(1100, 700)
        self.sidebar = QListWidget()
        self.sidebar.setFixedWidth(200)
        self.stack = QStackedWidget()
        for title in PAGES:
            self.sidebar.addItem(tr(title))
            self.stack.addWidget(QLabel(tr(title)))
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.statusBar().showMessage(tr("Cán bộ: {name}", name=officer_name))
