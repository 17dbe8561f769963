"""The Decree 30/2020/NĐ-CP document frame: A4 page, fonts, header, title, signatures, Nơi nhận.

Every PDF of the app is an administrative document of a commune police post, laid out as
Phụ lục I of Nghị định 30/2020/NĐ-CP asks (docs/printing.md lists each rule and its source).
A writer builds a story from the pieces here and hands it to `build`:

    head = commune_letterhead("18073", date(2026, 3, 5), number="05/BB-CAX")
    story = [
        *letterhead(head),
        *title_block("BIÊN BẢN", "Họp dân thôn Đồng Tâm"),
        para("Thời gian bắt đầu: …", styles().body),
        register_table(columns, rows, progress=progress),
        signatures(Signature(("THƯ KÝ",), "Lê Thị B"), Signature(("CHỦ TỌA",), "Nguyễn Văn A")),
        *recipients(["UBND xã", "Lưu: VT, hồ sơ"]),
    ]
    build(path, story, title="Biên bản họp dân", author=head.issuer)

All text passes through NFC here (`para`, `markup`): ReportLab does no mark positioning, so a
decomposed tone mark would be drawn beside its letter. Fonts are the bundled Liberation Serif
(metric twin of Times New Roman), never a system font.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app import admin_units
from desktop_app.reports import cells
from desktop_app.resources import resource_path
from desktop_app.text import nfc

ProgressCallback = Callable[[int, int], None]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 30 * mm  # ND 30: left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm
MARGIN_RIGHT = 15 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
# The two header columns: agency on the left, Quốc hiệu (88 mm wide at 12 pt bold) on the right.
# Signature blocks use the same columns, so the signer stands under the Quốc hiệu.
LEFT_COLUMN = 70 * mm
RIGHT_COLUMN = TEXT_WIDTH - LEFT_COLUMN

FONT = "LiberationSerif"
BODY_SIZE = 13
TABLE_SIZE = 12
RULE_WIDTH = 0.6
SIGNING_SPACE = 24 * mm

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Layout tables (header, signatures) hold Paragraphs, but a table selects a cell font before
# drawing a cell (Helvetica unless told): name ours so Helvetica never enters the PDF's pages.
_LAYOUT_FONT = [("FONTNAME", (0, 0), (-1, -1), FONT)]

_FACES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}


@cache
def register_fonts() -> str:
    """Register Liberation Serif (four faces, <b>/<i> mapped) from resources/fonts/; its name."""
    for suffix, face in _FACES.items():
        path = resource_path("fonts", f"LiberationSerif-{face}.ttf")
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(path)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )
    return FONT


def _face(bold: bool, italic: bool) -> str:
    suffix = ("Bold" if bold else "") + ("Italic" if italic else "")
    return f"{FONT}-{suffix}" if suffix else FONT


def _style(
    name: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: int = TA_CENTER,
    **extra: Any,
) -> ParagraphStyle:
    extra.setdefault("leading", size * 1.2)
    return ParagraphStyle(
        name, fontName=_face(bold, italic), fontSize=size, alignment=align, **extra
    )


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of ND 30 elements (sizes from Phụ lục I, see docs/printing.md)."""

    parent: ParagraphStyle  # cơ quan chủ quản: 12, upright
    issuer: ParagraphStyle  # cơ quan ban hành: 12, bold
    number: ParagraphStyle  # "Số: …": 13
    national: ParagraphStyle  # Quốc hiệu: 12, bold
    motto: ParagraphStyle  # Tiêu ngữ: 13, bold
    place_date: ParagraphStyle  # địa danh, ngày tháng: 13, italic
    title: ParagraphStyle  # tên loại: 14, bold
    subject: ParagraphStyle  # trích yếu: 14, bold
    body: ParagraphStyle  # 13, justified, first-line indent 1 cm, 6 pt after
    text: ParagraphStyle  # 13, left, no indent (label lines above a table)
    sign_title: ParagraphStyle  # 13, bold
    sign_hint: ParagraphStyle  # 13, italic
    sign_name: ParagraphStyle  # 13, bold
    recipients_label: ParagraphStyle  # "Nơi nhận:": 12, bold italic
    recipients_item: ParagraphStyle  # 11
    cell: ParagraphStyle  # table cells: 12
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_header: ParagraphStyle  # 12, bold


@cache
def styles() -> Styles:
    register_fonts()
    return Styles(
        parent=_style("parent", 12),
        issuer=_style("issuer", 12, bold=True),
        number=_style("number", 13),
        national=_style("national", 12, bold=True),
        motto=_style("motto", 13, bold=True),
        place_date=_style("place_date", 13, italic=True),
        title=_style("title", 14, bold=True),
        subject=_style("subject", 14, bold=True),
        body=_style("body", BODY_SIZE, align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6),
        text=_style("text", BODY_SIZE, align=TA_LEFT, spaceAfter=3),
        sign_title=_style("sign_title", 13, bold=True),
        sign_hint=_style("sign_hint", 13, italic=True),
        sign_name=_style("sign_name", 13, bold=True),
        recipients_label=_style("recipients_label", 12, bold=True, italic=True, align=TA_LEFT),
        recipients_item=_style("recipients_item", 11, align=TA_LEFT, leading=13),
        cell=_style("cell", TABLE_SIZE, align=TA_LEFT),
        cell_center=_style("cell_center", TABLE_SIZE),
        cell_right=_style("cell_right", TABLE_SIZE, align=TA_RIGHT),
        cell_header=_style("cell_header", TABLE_SIZE, bold=True),
    )


def markup(text: str) -> str:
    """`text` as Paragraph markup: NFC, XML special characters escaped, line breaks kept."""
    return escape(nfc(text)).replace("\n", "<br/>")


class _Measured(Paragraph):
    """A Paragraph that breaks its lines once per width. Tables measure their cells again at
    each split and placement, KeepTogether and the frame measure a block twice, and breaking
    lines is most of the cost of a page (docs/performance.md, PDFs)."""

    _measured: tuple[float, float, float] | None = None  # width given, width and height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # The lines depend on the width only. A failed split drops them (`blPara`): measure
        # again then, as a plain Paragraph would.
        last = self._measured
        if last is not None and last[0] == availWidth and "blPara" in self.__dict__:
            self.width, self.height = last[1], last[2]
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._measured = (availWidth, width, height)
        return width, height


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (NFC, escaped): the way every text enters a document."""
    return _Measured(markup(text), style)


def rich(marked_up: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup the caller built with `markup()` pieces and <b>/<i> tags."""
    return _Measured(nfc(marked_up), style)


# --- header -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Letterhead:
    """What the header of page 1 says: agencies, number, and where and when it was signed."""

    parent: str  # "CÔNG AN TỈNH HÀ TĨNH" (cơ quan chủ quản, not bold); "" for none
    issuer: str  # "CÔNG AN PHƯỜNG THÀNH SEN" (cơ quan ban hành, bold)
    place: str  # "Thành Sen": for a commune-level body, the commune's name
    on: date
    number: str = ""  # "05/BB-CAX", printed "Số: 05/BB-CAX"; "" prints no number line


def commune_letterhead(commune_code: str, on: date, number: str = "") -> Letterhead:
    """The letterhead of the police post of a commune (admin_units gives names and place)."""
    parent, issuer = admin_units.police_unit_names(commune_code)
    return Letterhead(parent, issuer, admin_units.commune(commune_code).short_name, on, number)


def document_date(on: date) -> str:
    """The date as ND 30 writes it: days below 10 and months 1 and 2 take a leading zero.

    5 March 2026 is "ngày 05 tháng 3 năm 2026"; 15 January is "ngày 15 tháng 01 năm …".
    """
    day = f"{on.day:02d}"
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"ngày {day} tháng {month} năm {on.year}"


def place_date(place: str, on: date) -> str:
    """Địa danh, ngày tháng năm ban hành: "Thành Sen, ngày 05 tháng 3 năm 2026"."""
    return f"{nfc(place)}, {document_date(on)}"


def rule(length: float, *, before: float = 3, after: float = 0) -> HRFlowable:
    """A solid centred rule `length` points long (under the issuer, the tiêu ngữ, the title)."""
    return HRFlowable(
        width=length,
        thickness=RULE_WIDTH,
        color=black,
        spaceBefore=before,
        spaceAfter=after,
        hAlign="CENTER",
        lineCap="butt",
    )


def text_width(text: str, style: ParagraphStyle) -> float:
    return float(pdfmetrics.stringWidth(nfc(text), style.fontName, style.fontSize))


def letterhead(head: Letterhead) -> list[Flowable]:
    """Page 1's header: agency and number on the left, Quốc hiệu, tiêu ngữ and date right."""
    s = styles()
    issuer_rule = 0.4 * min(text_width(head.issuer, s.issuer), LEFT_COLUMN)
    left: list[Flowable] = [para(head.parent, s.parent)] if head.parent else []
    left += [para(head.issuer, s.issuer), rule(issuer_rule)]
    right: list[Flowable] = [
        para(NATIONAL_NAME, s.national),
        para(MOTTO, s.motto),
        rule(text_width(MOTTO, s.motto)),
    ]
    number = para(f"Số: {head.number}", s.number) if head.number else ""
    dated = place_date(head.place, head.on)
    if text_width(dated, s.place_date) > RIGHT_COLUMN:
        # A long commune name: break after the place, not before the year.
        dated = f"{nfc(head.place)},\n{document_date(head.on)}"
    table = Table(
        [[left, right], [number, para(dated, s.place_date)]],
        colWidths=(LEFT_COLUMN, RIGHT_COLUMN),
        style=TableStyle(
            [
                *_LAYOUT_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # Cells place flowables by ALIGN, not by their hAlign: this centres the rules.
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ]
        ),
    )
    return [table]


def title_block(title: str, subject: str = "", *, ruled: bool = True) -> list[Flowable]:
    """Tên loại (bold caps) and trích yếu (bold, may span lines), a short rule below."""
    s = styles()
    story: list[Flowable] = [Spacer(1, 18), para(nfc(title).upper(), s.title)]
    lines = [line for line in nfc(subject).splitlines() if line.strip()]
    story += [para(line, s.subject) for line in lines]
    if ruled:
        last, style = (lines[-1], s.subject) if lines else (title, s.title)
        story.append(rule(0.4 * min(text_width(last, style), TEXT_WIDTH), before=4))
    story.append(Spacer(1, 12))
    return story


# --- signatures and recipients ------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """A signature block: title lines (printed in bold caps), then room to sign, then the name.

    `title` is e.g. ("TỔ TRƯỞNG",) or ("KT. TRƯỞNG CÔNG AN XÃ", "PHÓ TRƯỞNG CÔNG AN XÃ");
    an empty `name` leaves the line blank for a hand-written one.
    """

    title: tuple[str, ...]
    name: str = ""
    hint: str = ""  # italic under the title, e.g. "(Ký, ghi rõ họ tên)"


def signature_block(signature: Signature) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [para(nfc(line).upper(), s.sign_title) for line in signature.title]
    if signature.hint:
        story.append(para(signature.hint, s.sign_hint))
    story.append(Spacer(1, SIGNING_SPACE))
    story.append(para(signature.name, s.sign_name) if signature.name else Spacer(1, 16))
    return story


def recipient_lines(items: Sequence[str]) -> list[str]:
    """Each item as "- A;", the last as "- Lưu: VT, hồ sơ.", whatever punctuation came in."""
    cleaned = [nfc(item).strip().lstrip("-").strip().rstrip(".;,").strip() for item in items]
    cleaned = [item for item in cleaned if item]
    return [f"- {item}{'.' if i == len(cleaned) - 1 else ';'}" for i, item in enumerate(cleaned)]


def recipients(items: Sequence[str]) -> list[Flowable]:
    """The "Nơi nhận:" block (bold italic 12, items 11); nothing when there are no items."""
    lines = recipient_lines(items)
    if not lines:
        return []
    s = styles()
    return [para("Nơi nhận:", s.recipients_label), *(para(x, s.recipients_item) for x in lines)]


def _two_columns(left: Sequence[Flowable], right: Sequence[Flowable]) -> Table:
    # One row never splits, so a signature block stays whole; no KeepTogether here, since a
    # KeepTogether nested in the caller's KeepTogether forces a page break.
    table = Table(
        [[list(left), list(right)]],
        colWidths=(LEFT_COLUMN, RIGHT_COLUMN),
        style=TableStyle(
            [
                *_LAYOUT_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    table.spaceBefore = 12
    return table


def signatures(left: Signature | None, right: Signature | None) -> Flowable:
    """Two signers side by side (Mẫu 1.9: THƯ KÝ left, CHỦ TỌA right); either may be None."""
    table = _two_columns(
        signature_block(left) if left else [], signature_block(right) if right else []
    )
    table.spaceAfter = 12  # before a "Nơi nhận" that follows
    return table


def closing(signature: Signature, recipient_items: Sequence[str] = ()) -> Flowable:
    """One signer on the right and "Nơi nhận" on the left, on the same row (công văn, lists)."""
    # "Nơi nhận:" starts level with the signer's title, as in the ND 30 forms.
    return _two_columns(recipients(recipient_items), signature_block(signature))


# --- tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a register table: header text, width in mm, cell alignment."""

    title: str
    width_mm: float
    align: str = "LEFT"  # "LEFT", "CENTER" or "RIGHT"


# A register longer than this many rows is laid out a window at a time (see _RegisterTable).
WINDOW = 64
_TALLER_THAN_ANY_PAGE = 10 * PAGE_HEIGHT

# Fonts and alignment come per column, from the cell styles (cells.column_commands).
_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), cells.PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), cells.PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
)


class _Rows:
    """The cells of one register, made when first measured, then dropped: a plain string
    where the text fits its column as it stands, else a Paragraph that wraps (cells.py)."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        progress: ProgressCallback | None,
    ) -> None:
        s = styles()
        by_align = {"LEFT": s.cell, "CENTER": s.cell_center, "RIGHT": s.cell_right}
        self.texts = rows
        self.progress = progress
        self.header = [para(c.title, s.cell_header) for c in columns]
        self.cell_styles = [by_align[c.align] for c in columns]
        self.widths = [c.width_mm * mm for c in columns]
        self.style = TableStyle(cells.column_commands(self.cell_styles), parent=_GRID)
        self._cells: dict[int, list[str | Paragraph]] = {}
        self._reported = -1
        self.page_rows = 0  # rows that fit on the last page laid out

    def window(self) -> int:
        """How many rows to measure for the next page: a page like the last, with a margin."""
        return max(16, self.page_rows * 3 // 2 + 8) if self.page_rows else WINDOW

    def __len__(self) -> int:
        return len(self.texts)

    def table(self, start: int, end: int) -> Table:
        """Header row plus rows[start:end]; rows before `start` are laid out and forgotten."""
        for done in [i for i in self._cells if i < start]:
            del self._cells[done]
        data = [self.header, *(self._row(i) for i in range(start, end))]
        return Table(data, colWidths=self.widths, repeatRows=1, style=self.style)

    def _row(self, i: int) -> list[str | Paragraph]:
        if i not in self._cells:
            texts = zip(self.texts[i], self.cell_styles, self.widths, strict=True)
            self._cells[i] = [self._cell(nfc(text), style, w) for text, style, w in texts]
        return self._cells[i]

    @staticmethod
    def _cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
        plain = cells.as_plain(text, style, width)
        return _Measured(markup(text), style) if plain is None else plain

    def report(self, done: int) -> None:
        if self.progress is not None and done > self._reported:
            self._reported = done
            self.progress(done, len(self.texts))


class _RegisterTable(Flowable):
    """The rows from `start` on: a window of them becomes a real Table at each page break.

    ReportLab re-measures every remaining row of a Table at each split, so one long table
    costs rows × pages (feasibility §3). Here only a window a little larger than the last
    page is measured per page, so the cost grows with the rows; the header row repeats at the
    top of each page and nowhere else (fixed chunks of N rows would repeat it mid-page).
    """

    def __init__(self, rows: _Rows, start: int = 0) -> None:
        super().__init__()
        self.rows = rows
        self.start = start
        self._table: Table | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if len(self.rows) - self.start > WINDOW:
            self._table = None  # more than a page: the frame will ask us to split
            self.width, self.height = availWidth, _TALLER_THAN_ANY_PAGE
        else:
            self._table = self.rows.table(self.start, len(self.rows))
            self.width, self.height = self._table.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        window = self.rows.window()
        while True:
            end = min(len(self.rows), self.start + window)
            parts = self.rows.table(self.start, end).split(availWidth, availHeight)
            if not parts:
                return []
            shown = parts[0]._nrows - 1  # data rows that fit below the header
            if shown < end - self.start or end == len(self.rows):
                break
            window *= 2  # the whole window fit: rows are short, measure more of them
        done = self.start + shown
        self.rows.page_rows = shown
        self.rows.report(done)
        if done == len(self.rows):
            return [parts[0]]
        return [parts[0], _RegisterTable(self.rows, done)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        assert self._table is not None, "drawn without fitting: split() should have run"
        self._table.drawOn(canvas, x, y, _sW)
        self.rows.report(len(self.rows))


def register_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    progress: ProgressCallback | None = None,
) -> Flowable:
    """A ruled table of any length: header repeated on each page, long cells wrapped.

    `rows` are plain strings (NFC'd and escaped here); `progress(done, total)` is called as
    rows are laid out, from the thread that runs `build`.
    """
    return _RegisterTable(_Rows(columns, rows, progress))


# --- the document -------------------------------------------------------------------------


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Arabic numerals, 13 pt, centred in the top margin, from page 2 (ND 30: none on page 1)."""
    number = canvas.getPageNumber()
    if number < 2:
        return
    canvas.saveState()
    canvas.setFont(FONT, BODY_SIZE)
    canvas.drawCentredString(
        MARGIN_LEFT + TEXT_WIDTH / 2, PAGE_HEIGHT - MARGIN_TOP / 2 - BODY_SIZE / 3, str(number)
    )
    canvas.restoreState()


def build(
    path: Path | str,
    story: list[Flowable],
    *,
    title: str,
    author: str = "",
    subject: str = "",
) -> None:
    """Lay out `story` on ND 30 pages and write `path` (whole or not at all).

    Runs in the caller's thread (the GUI's worker): ReportLab keeps fonts in a global
    registry, registered once, and one build at a time is what the single worker gives.
    """
    register_fonts()
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    doc = BaseDocTemplate(
        str(partial),
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        pageTemplates=[PageTemplate("decree30", [frame], onPage=_page_number)],
        title=nfc(title),
        author=nfc(author),
        subject=nfc(subject),
        creator="ANTQ Desk",
        lang="vi",
        # Without this every page names Helvetica as its starting font.
        initialFontName=FONT,
        initialFontSize=BODY_SIZE,
    )
    try:
        doc.build(story)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
