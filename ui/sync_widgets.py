"""The sync page's shared pieces: how a package status, a role, a fingerprint and a package
number read, and the small widget helpers its tables, buttons and dialogs are built from.

Each sync dialog is window-modal and opened with `open()`, so the page (and a test) keeps
running; database work goes through QueryOp / MutationOp like everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from desktop_app.i18n import tr
from desktop_app.sync import importer
from desktop_app.work import HUB

# How a package's status reads (sent, received, held).
STATUS_LABELS = {
    "written": "Đã ghi ra tệp",
    importer.APPLIED: "Đã nhập",
    importer.ALREADY: "Đã nhập trước đây",
    importer.HELD_SCHEMA: "Giữ lại: cần phiên bản mới hơn",
    importer.HELD_CLOCK: "Giữ lại: đồng hồ máy gửi chạy trước",
    importer.HELD_GAP: "Giữ lại: còn thiếu gói trước",
    importer.QUARANTINED: "Cách ly: máy này bị phục hồi hoặc sao chép",
    "discarded": "Đã bỏ (sau khi đăng ký lại)",
}


def status_label(code: str) -> str:
    return tr(STATUS_LABELS[code]) if code in STATUS_LABELS else code


def role_label(role: str) -> str:
    return tr("Công an tỉnh (trung tâm)") if role == HUB else tr("Công an xã")


def fingerprint_lines(fingerprint: str) -> str:
    """Eight groups of four, on two lines of four: read aloud one line at a time."""
    groups = fingerprint.split()
    return "  ".join(groups[:4]) + "\n" + "  ".join(groups[4:])


def seq_of(file_name: str) -> str:
    """The package's number from its name `<from>_<to>_<seq>.antq` ('' if not one of ours)."""
    found = re.search(r"_(\d+)\.antq$", file_name)
    return str(int(found.group(1))) if found else ""


def big_font(base: QFont, points: float, *, bold: bool = True, spacing: float = 0) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setBold(bold)
    if spacing:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return font


def button(slot: Callable[[], object]) -> QPushButton:
    """A push button that runs `slot` on click and never takes Enter from a form."""
    found = QPushButton()
    found.setAutoDefault(False)
    found.clicked.connect(lambda _checked=False: slot())
    return found


def fill_row(table: QTableWidget, row: int, texts: Sequence[str], key: str = "") -> None:
    """Put `texts` in `row`; `key` (an id) rides on the first cell; long text in tooltips."""
    for column, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setToolTip(text if len(text) > 40 else "")
        if column == 0 and key:
            item.setData(Qt.ItemDataRole.UserRole, key)
        table.setItem(row, column, item)


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    item = table.item(rows[0].row(), 0) if rows else None
    key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return str(key) if key else None


class TranslatedDialog(QDialog):
    """A dialog whose strings live in `retranslate_ui()`, called again on a language switch."""

    def retranslate_ui(self) -> None:
        """Set every visible string."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
