"""PDFs: the minutes of a closed meeting against a bare ReportLab document of as much text, and a
500-page roster against bare ReportLab tables of the same rows (issue 11)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from benchmarks.replicas import replica
from benchmarks.report import Figure, timed
from desktop_app.demo.conference import conference, name_of
from desktop_app.reports import decree30
from desktop_app.reports.decree30 import Letterhead, register_fonts
from desktop_app.reports.minutes import write_minutes
from desktop_app.reports.rosters import (
    GROUP_COLUMNS,
    GroupRoster,
    RosterHousehold,
    write_group_roster,
)
from desktop_app.services import minutes

RENDERS = 9
ROSTER_ROWS = 9_500  # about 500 pages at this data's row height (the figure prints the count)
# Rows per bare Table. One Table of all the rows is no floor: ReportLab measures every row
# left at each page break, and 9,500 rows in one Table took 41 s where 200-row Tables took 21–26.
FLOOR_CHUNK = 200
MINUTES_LIMIT_MS = 100.0


def run(folder: str) -> list[Figure]:
    base = Path(folder) / "pdf"
    base.mkdir(exist_ok=True)
    return [*_minutes(base), _roster(base)]


# --- minutes ------------------------------------------------------------------------------


def _minutes(base: Path) -> list[Figure]:
    """Printing the minutes as the officer does (read, lay out, write, audit), then the layout
    alone; the floor is a bare document of the same text. Medians after one warm-up."""
    db, admin = replica(base / "minutes.sqlite3", "post", "18073")
    # three pages of minutes and two of attendance sheet (32 rows)
    meeting = conference(db, admin, households=30, agenda=4, opinions=3, paragraphs=4, closed=True)
    out = base / "bien-ban.pdf"
    minutes.print_minutes(db, admin, meeting, out)  # warm-up: imports, fonts, caches
    printed = timed(lambda: minutes.print_minutes(db, admin, meeting, out), RENDERS) * 1000
    data = minutes.minutes(db, admin, meeting)
    laid_out = timed(lambda: write_minutes(data, out), RENDERS) * 1000
    db.dispose()
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    bare = base / "bare-text.pdf"
    _bare_text(text, bare)
    floor = timed(lambda: _bare_text(text, bare), RENDERS) * 1000
    return [
        Figure(
            f"minutes printed, closed meeting ({len(reader.pages)} pages)",
            printed,
            floor,
            "ms",
            "≤ 100 ms after warm-up (issue 11)",
            max_value=MINUTES_LIMIT_MS,
        ),
        Figure(
            "minutes: layout and write only (write_minutes)",
            laid_out,
            floor,
            "ms",
            "info: floor = bare paragraphs of the same text",
        ),
    ]


def _bare_text(text: str, path: Path) -> None:
    """The floor: the minutes' extracted text as a few plain paragraphs in the same font."""
    font = register_fonts()
    style = ParagraphStyle("bare", fontName=font, fontSize=13, leading=15.6, spaceAfter=6)
    words = text.split()
    story = [
        Paragraph(escape(" ".join(words[i : i + 120])), style) for i in range(0, len(words), 120)
    ]
    _bare_document(path).build(story)


def _bare_document(path: Path) -> SimpleDocTemplate:
    """A plain A4 document with our margins (decree30's page, without its furniture)."""
    return SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=decree30.MARGIN_LEFT,
        rightMargin=decree30.MARGIN_RIGHT,
        topMargin=decree30.MARGIN_TOP,
        bottomMargin=decree30.MARGIN_BOTTOM,
    )


# --- roster -------------------------------------------------------------------------------


def _roster(base: Path) -> Figure:
    """Seconds to write a roster of ROSTER_ROWS households against laying out bare tables."""
    data = GroupRoster(
        letterhead=Letterhead(
            "CÔNG AN TỈNH HÀ TĨNH", "CÔNG AN PHƯỜNG THÀNH SEN", "Thành Sen", date(2026, 3, 5)
        ),
        group_name="Tổ liên gia tự quản số 3, Thôn Đồng Tâm",
        group_type="Tổ liên gia an toàn tự quản về ANTT",
        leader=name_of(0),
        deputies=(name_of(1),),
        households=tuple(_household(i) for i in range(ROSTER_ROWS)),
    )
    out, bare = base / "roster.pdf", base / "bare-roster.pdf"
    start = time.perf_counter()
    write_group_roster(data, out)
    ours = time.perf_counter() - start
    rows = [
        (str(i), h.head_name, h.birth_year, h.address, str(h.members), h.phone, h.note)
        for i, h in enumerate(data.households, start=1)
    ]
    start = time.perf_counter()
    _bare_table(rows, bare)
    floor = time.perf_counter() - start
    pages, bare_pages = len(PdfReader(out).pages), len(PdfReader(bare).pages)
    return Figure(
        f"roster {ROSTER_ROWS:,} households ({pages} pages; bare {bare_pages})",
        ours,
        floor,
        "s",
        "ratio ≤ 2 (issue 11)",
        2.0,
    )


def _household(i: int) -> RosterHousehold:
    return RosterHousehold(
        head_name=name_of(i),
        birth_year=str(1940 + i % 60),
        address=f"Số {i % 150 + 1}, ngõ {i % 40 + 1}, Thôn Đồng Tâm",
        members=1 + i % 6,
        phone=f"09{i:08d}",
        note="Hộ nghèo" if i % 11 == 0 else "",
    )


def _bare_table(rows: Sequence[Sequence[str]], path: Path) -> None:
    """The floor: the same rows and columns in the same font, as ReportLab Tables of
    FLOOR_CHUNK rows each (header repeated on each page), in a SimpleDocTemplate."""
    font = register_fonts()
    plain = ParagraphStyle("bare_cell", fontName=font, fontSize=12, leading=14.4)
    centred = ParagraphStyle("bare_centre", parent=plain, alignment=TA_CENTER)
    bold = ParagraphStyle("bare_head", parent=centred, fontName=f"{font}-Bold")
    cell_styles = [centred if c.align == "CENTER" else plain for c in GROUP_COLUMNS]
    header = [Paragraph(escape(c.title), bold) for c in GROUP_COLUMNS]
    cells = [
        [Paragraph(escape(text), style) for text, style in zip(row, cell_styles, strict=True)]
        for row in rows
    ]
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("GRID", (0, 0), (-1, -1), 0.5, black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    widths = [c.width_mm * mm for c in GROUP_COLUMNS]
    story = [
        Table([header, *cells[i : i + FLOOR_CHUNK]], colWidths=widths, repeatRows=1, style=grid)
        for i in range(0, len(cells), FLOOR_CHUNK)
    ]
    _bare_document(path).build(story)
