"""`antq-desk --self-test`: the core's checks (desktop_app.self_test), then the Qt half — the
shipped fonts, pdfium printing the minutes, the main window over the test database — and
"ok" on stdout with exit code 0, or what failed on stderr with exit code 1.

Everything happens in a temp folder that also serves as the data folder, so the officer's
settings, log and databases are never touched. Without a display it runs offscreen. It is
what `make bundle` and docs/install.md run against a freshly built or copied folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from desktop_app import settings
from desktop_app.i18n import N_, tr
from desktop_app.self_test import Sample, SelfTestError, check_pdf, make_sample, step
from ui import errors
from ui.app import display_available
from ui.context import AppContext
from ui.fonts import UI_FAMILY, load_fonts
from ui.main_window import MainWindow
from ui.ops import task_manager
from ui.print_preview import page_count, paint_pdf
from ui.screenshot import Screenshot
from ui.style import STYLE_SHEET

WINDOW_TIMEOUT_MS = 60_000  # an empty database settles in about a second
FONTS_STEP = N_("phông chữ giao diện")
PREVIEW_STEP = N_("xem trước bản in")
WINDOW_STEP = N_("mở cửa sổ chính")


def run_self_test() -> int:
    with tempfile.TemporaryDirectory(prefix="antq-self-test-", ignore_cleanup_errors=True) as tmp:
        os.environ[settings.DATA_DIR_ENV] = tmp
        if not display_available():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        try:
            _run(Path(tmp))
        except Exception as error:  # every failure is reported, whatever its kind
            _say(sys.stderr, "".join(traceback.format_exception(error)))
            _say(sys.stderr, str(error) if isinstance(error, SelfTestError) else repr(error))
            return 1
        finally:
            task_manager().shutdown()
    _say(sys.stdout, "ok")
    return 0


def _run(folder: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    step(FONTS_STEP, lambda: _check_fonts(app))
    sample = make_sample(folder)
    try:
        step(PREVIEW_STEP, lambda: _check_preview(sample.minutes_pdf, folder / "in-thu.pdf"))
        step(WINDOW_STEP, lambda: _check_window(app, sample, folder / "cua-so.png"))
    finally:
        sample.db.dispose()


def _check_fonts(app: QApplication) -> None:
    app.setStyleSheet(STYLE_SHEET)
    if load_fonts(app) != UI_FAMILY:
        raise SelfTestError(tr("Không nạp được phông chữ {family}.", family=UI_FAMILY))


def _check_preview(pdf: bytes, printed: Path) -> None:
    """What preview and printing do: pdfium (and its native library) draws each page of the
    minutes onto a QPrinter, which loads Qt's print support; here the printer is a PDF file."""
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    paint_pdf(pdf, printer)
    if page_count(pdf) < 1:
        raise SelfTestError(tr("pdfium không vẽ được trang biên bản."))
    check_pdf(printed.read_bytes())


def _check_window(app: QApplication, sample: Sample, picture: Path) -> None:
    """The main window shows, loads its pages on the worker and paints, with no error shown."""
    sys._antq_quiet_errors = True  # type: ignore[attr-defined]  # a box would wait for a click
    errors.shown.clear()
    codes: list[int] = []

    def done(code: int) -> None:
        codes.append(code)
        app.quit()

    window = MainWindow(AppContext(sample.db, sample.actor))
    window.show()
    Screenshot(window, picture, done).start()
    QTimer.singleShot(WINDOW_TIMEOUT_MS, app.quit)
    app.exec()
    window.hide()
    if errors.shown:
        raise SelfTestError(errors.shown[0])
    if codes != [0]:
        raise SelfTestError(
            tr(
                "Cửa sổ chính không hiện xong sau {seconds} giây.",
                seconds=WINDOW_TIMEOUT_MS // 1000,
            )
        )


def _say(stream: TextIO | None, text: str) -> None:
    """Print even where Windows gives a windowed program no console or a legacy code page."""
    if stream is None:
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")
    stream.write(text + "\n")
    stream.flush()
