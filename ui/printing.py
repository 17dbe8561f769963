"""Printing rosters and case sheets from the window: ask where to save the PDF, write it,
offer to open it.

The services write the file and its `print` audit event on the worker
(`desktop_app.services.rosters`, `desktop_app.services.case_sheets`); here are only the
questions around them, and the file dialogs shared with the spreadsheet export.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from desktop_app.i18n import tr
from desktop_app.records.view import Record
from desktop_app.reports.rosters import GroupRoster
from desktop_app.services import case_sheets, records, rosters
from ui.context import AppContext
from ui.forms.guards import alive, confirm
from ui.ops import MutationOp, QueryOp

PRINTABLE = ("household_group", "security_team")
MAX_NAME = 80  # characters of the suggested file name, before ".pdf"


def safe_file_name(text: str, suffix: str) -> str:
    """"Danh sách hộ Tổ liên gia số 3" → "Danh-sach-ho-To-lien-gia-so-3.pdf".

    Without marks and with only letters, digits and dashes, the name is valid on Windows
    and survives USB sticks, e-mail and Zalo.
    """
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = re.findall(r"[A-Za-z0-9]+", plain)
    return "-".join(words)[:MAX_NAME].strip("-") + suffix


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_save_path(parent: QWidget, title: str, name: str, kind: str, suffix: str) -> Path | None:
    """The file the officer chose (with `suffix` added if typed without), or None."""
    start = str(documents_folder() / name)
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, start, kind)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def offer_to_open(parent: QWidget, title: str, done: str, path: Path) -> None:
    """`done` ("Đã lưu…"), and a question whether to open the file now."""
    question = tr("{done}\n\nMở tệp {file} bây giờ?", done=done, file=path.name)
    if confirm(parent, title, question):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_status(widget: QWidget, text: str) -> None:
    """A short message in the main window's status bar (the page has no bar of its own)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 4000)


def print_record(parent: QWidget, ctx: AppContext, record_type: str, record_id: str) -> None:
    """Print the roster of a household group or the list of a security team."""
    if record_type not in PRINTABLE:
        return
    QueryOp(parent, lambda: records.get(ctx.db, ctx.actor, record_type, record_id)).success(
        alive(parent, lambda record: _ask_and_print(parent, ctx, record))
    ).run()


def _ask_and_print(parent: QWidget, ctx: AppContext, record: Record) -> None:
    name = str(record.get("name") or record.id)
    if record.type == "household_group":
        title, suggested = tr("In danh sách hộ gia đình"), f"Danh sach ho {name}"
    else:
        title, suggested = tr("In danh sách Tổ bảo vệ ANTT"), f"Danh sach {name}"
    path = ask_save_path(
        parent, title, safe_file_name(suggested, ".pdf"), tr("Tệp PDF (*.pdf)"), ".pdf"
    )
    if path is None:
        return
    MutationOp(parent, _printer(ctx, record, path)).success(
        alive(parent, lambda data: offer_to_open(parent, title, _printed(data, path), path))
    ).run()


def _printer(ctx: AppContext, record: Record, path: Path) -> Callable[[], Any]:
    if record.type == "household_group":
        return lambda: rosters.print_group_roster(ctx.db, ctx.actor, record.id, path)
    return lambda: rosters.print_team_list(ctx.db, ctx.actor, record.id, path)


def _printed(data: Any, path: Path) -> str:
    if isinstance(data, GroupRoster):
        return tr("Đã lưu danh sách {n} hộ vào {path}.", n=len(data.households), path=str(path))
    return tr("Đã lưu danh sách {n} thành viên vào {path}.", n=len(data.members), path=str(path))


def print_case(parent: QWidget, ctx: AppContext, case_id: str, *, helper: bool = False) -> None:
    """The officer's case sheet, or (`helper`) the helper's task sheet, as a PDF.

    The suggested file name carries the case number, never the person's name: files travel
    on USB sticks and in chat apps.
    """
    kind = "reintegration_case"
    QueryOp(parent, lambda: records.get(ctx.db, ctx.actor, kind, case_id)).success(
        alive(parent, lambda record: _ask_and_print_case(parent, ctx, record, helper))
    ).run()


def _ask_and_print_case(parent: QWidget, ctx: AppContext, record: Record, helper: bool) -> None:
    number = str(record.get("case_no") or "")
    if helper:
        title, suggested = tr("In phiếu cho người giúp đỡ"), f"Phieu giup do {number}"
    else:
        title, suggested = tr("In phiếu theo dõi hồ sơ"), f"Phieu theo doi {number}"
    path = ask_save_path(
        parent, title, safe_file_name(suggested, ".pdf"), tr("Tệp PDF (*.pdf)"), ".pdf"
    )
    if path is None:
        return
    done = tr("Đã lưu phiếu vào {path}.", path=str(path))
    MutationOp(
        parent,
        lambda: case_sheets.print_case_sheet(ctx.db, ctx.actor, record.id, path, helper=helper),
    ).success(alive(parent, lambda _data: offer_to_open(parent, title, done, path))).run()
