"""What keeps a form's work safe: a question before anything is lost, callbacks that outlive it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T")


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No, with No as the default button, so a stray Enter loses nothing."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def alive(widget: QWidget, callback: Callable[[T], Any]) -> Callable[[T], None]:
    """`callback`, skipped when `widget` was closed and deleted while its query ran."""

    def call(value: T) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return call
