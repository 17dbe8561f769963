"""The one place errors reach the officer: show_error(), and the global excepthook."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.logs import log_path

log = logging.getLogger("antq.ui")
# Tests replace this to see what would have been shown instead of opening a dialog.
shown: list[str] = []


def message_for(error: BaseException) -> str:
    if isinstance(error, AntqError):
        return error.message
    return tr(
        "Đã xảy ra lỗi không mong muốn. Dữ liệu đang nhập vẫn còn trên màn hình; "
        "chi tiết đã ghi vào {path}.",
        path=str(log_path()),
    )


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the officer what went wrong, in Vietnamese; log details of the unexpected."""
    if not isinstance(error, AntqError):
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    elif error.detail:
        log.info("%s (%s)", error.message, error.detail)
    text = message_for(error)
    shown.append(text)
    if getattr(sys, "_antq_quiet_errors", False):
        return
    box = QMessageBox(parent)
    box.setIcon(
        QMessageBox.Icon.Warning if isinstance(error, AntqError) else QMessageBox.Icon.Critical
    )
    box.setWindowTitle(tr("ANTQ Desk — Lỗi"))
    box.setText(text)
    box.exec()


def install_excepthook() -> None:
    """Unexpected errors in slots are logged and shown; the open form stays as it was."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught: %s", "".join(traceback.format_exception(kind, error, tb)))
        show_error(None, error)

    sys.excepthook = hook
