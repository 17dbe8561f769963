"""Print preview and printing of the PDFs the app writes (minutes, rosters, case sheets).

PySide6-Essentials has no QtPdf, so pdfium (pypdfium2) draws each page of the PDF as an image
onto the printer; "Lưu PDF…" saves the very bytes previewed. Any PDF can be previewed: a
service writes it on the worker (and logs the print), `preview_pdf` shows it.

Threading: the PDF is made by a QueryOp on the database worker; pages are rendered on the GUI
thread while Qt paints the preview or prints, one page at a time.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from PySide6.QtCore import QMarginsF, QRect, QSizeF, Qt
from PySide6.QtGui import QAction, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QToolBar, QWidget

from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.services import minutes, records
from ui.context import AppContext
from ui.errors import show_error
from ui.forms.guards import alive
from ui.ops import QueryOp
from ui.printing import ask_save_path, offer_to_open, safe_file_name

PRINT_DPI = 300  # on paper: sharp text, and an A4 page stays near 26 MB while it is drawn
PREVIEW_DPI = 150  # on screen: sharp up to 150 % zoom, and quick to page through
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PdfFile:
    """A PDF to preview: its bytes, the file name suggested on saving, the window title."""

    data: bytes
    name: str
    title: str


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def render_page(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    """Page `index` as an RGB image at `dpi` (a copy: pdfium's buffer is freed here)."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
        ).copy()
        bitmap.close()
        return image
    finally:
        page.close()


def paint_pdf(data: bytes, printer: QPrinter) -> None:
    """Draw every page of the PDF onto `printer`, each filling one sheet."""
    document = pdfium.PdfDocument(data)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise AntqError(tr("Không mở được máy in."))
        previewing = painter.paintEngine().type() == QPaintEngine.Type.Picture
        dpi = PREVIEW_DPI if previewing else min(printer.resolution(), PRINT_DPI)
        for index in range(len(document)):
            if index:
                printer.newPage()
            image = render_page(document, index, dpi)
            painter.drawImage(_fit(image, painter.viewport()), image)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def _fit(image: QImage, area: QRect) -> QRect:
    """The largest rectangle of the image's shape centred in `area`."""
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.x() + (area.width() - size.width()) // 2
    top = area.y() + (area.height() - size.height()) // 2
    return QRect(left, top, size.width(), size.height())


def page_layout(data: bytes) -> QPageLayout:
    """The first page's size (A4 for every paper of the app), margins left to the PDF."""
    document = pdfium.PdfDocument(data)
    try:
        width, height = document[0].get_size() if len(document) else (595.0, 842.0)
    finally:
        document.close()
    orientation = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point)
    return QPageLayout(size, orientation, QMarginsF())


class PdfPreview(QPrintPreviewDialog):
    """Qt's print preview over a PDF's pages, with "Lưu PDF…" in its toolbar."""

    def __init__(self, pdf: PdfFile, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)  # the PDF has its margins already
        printer.setPageLayout(page_layout(pdf.data))
        printer.setDocName(pdf.name)
        super().__init__(printer, parent)
        self.paper = printer  # the dialog does not own it
        self.pdf = pdf
        self.saved_to: Path | None = None
        self.paintRequested.connect(lambda printer: paint_pdf(self.pdf.data, printer))
        self.save_action = QAction(self)
        self.save_action.triggered.connect(lambda _checked=False: self.save_pdf())
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)
        self.resize(1000, 760)
        self.retranslate_ui()

    def page_count(self) -> int:
        """Pages the preview shows (Qt paints them when the dialog is shown)."""
        widget = self.findChild(QPrintPreviewWidget)
        return widget.pageCount() if widget is not None else 0

    def save_pdf(self, path: Path | None = None) -> None:
        """Lưu PDF…: the same bytes, where the officer says (or at `path`)."""
        title = tr("Lưu PDF")
        path = path or ask_save_path(self, title, self.pdf.name, tr("Tệp PDF (*.pdf)"), ".pdf")
        if path is None:
            return
        try:
            path.write_bytes(self.pdf.data)
        except OSError as error:
            problem = tr("Không ghi được tệp '{path}'.", path=str(path))
            show_error(self, AntqError(problem, str(error)))
            return
        self.saved_to = path
        offer_to_open(self, title, tr("Đã lưu vào {path}.", path=str(path)), path)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Xem trước khi in — {title}", title=self.pdf.title))
        self.save_action.setText(tr("Lưu PDF…"))
        self.save_action.setToolTip(tr("Lưu tệp PDF này vào máy"))


def preview_pdf(parent: QWidget, make: Callable[[], PdfFile]) -> None:
    """Make the PDF on the worker (`make` runs there), then open its preview over `parent`."""
    QueryOp(parent, make).success(alive(parent, lambda pdf: open_preview(parent, pdf))).run()


def open_preview(parent: QWidget, pdf: PdfFile) -> PdfPreview:
    dialog = PdfPreview(pdf, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog


def minutes_pdf(ctx: AppContext, meeting_id: str) -> PdfFile:
    """Run on the worker: the Biên bản of a meeting, written and logged by the service."""
    meeting = records.get(ctx.db, ctx.actor, "meeting", meeting_id)
    number, subject = meeting.get("doc_number"), str(meeting.get("subject") or "")
    name = safe_file_name(f"Bien ban {number or ''} {subject}", ".pdf")
    with tempfile.TemporaryDirectory(prefix="antq-print-") as folder:
        written = minutes.print_minutes(ctx.db, ctx.actor, meeting_id, Path(folder) / name)
        data = written.read_bytes()
    title = tr("Biên bản số {number}", number=number) if number else tr("Biên bản (chưa khóa)")
    return PdfFile(data, name, f"{title} · {subject}" if subject else title)


def preview_minutes(parent: QWidget, ctx: AppContext, meeting_id: str) -> None:
    """Ctrl+P on a meeting: its minutes, as they print now."""
    preview_pdf(parent, lambda: minutes_pdf(ctx, meeting_id))
