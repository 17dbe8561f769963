"""What keeps the PDFs fast without changing them: register cells printed as plain strings
(reports/cells.py) look exactly as the Paragraphs they replace and break long text where a
Paragraph breaks it, and ReportLab runs with its C accelerator."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib import rl_accel
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from desktop_app.reports import cells, decree30
from desktop_app.reports.decree30 import Column, markup, register_table
from desktop_app.reports.minutes import ANNEX_COLUMNS, SIGNING_CELL

LONG_ADDRESS = "Số 129, ngõ 12, đường Nguyễn Thị Minh Khai, thôn Đồng Tâm"
ROWS = [
    ("1", "Nguyễn Thị Phương Thảo", "Trưởng Công an phường", "Có mặt", SIGNING_CELL),
    ("2", "Trần Văn Phó", "Phó Chủ tịch UBND phường Thành Sen", "Có mặt", SIGNING_CELL),
    ("3", "Đỗ Đức Ấn", LONG_ADDRESS, "Vắng\n(đi làm ăn xa)", SIGNING_CELL),
    ("4", "Lê & <Bùi> Thị Ỷ", "Số 9, ngõ 12", "Vắng (không có lý do chính đáng)", ""),
    ("5", "Hoàng  Văn   Em", " Số 1 ", "Có mặt", "\u00a0"),
    ("6", "Nguyễn Văn Một-Hai-Ba-Bốn-Năm-Sáu", "Số\t1\n\nngõ 2", "Có mặt", SIGNING_CELL),
]
NUMBERS = (Column("Số", 20, "RIGHT"), Column("Ghi chú", 60))
WORDS = ("Số", "129,", "ngõ", "12,", "đường", "Nguyễn", "Thị", "Minh", "Khai", "thôn", "Đồng")
WORDS += ("Tâm", "Phường", "Ỷ", "lắng", "nghe", "ý", "kiến", "Nhân", "dân", "(ốm)", "Trưởng")


def _write(path: Path) -> None:
    numbers = [("1.234", "Hộ nghèo"), ("56", ""), ("7", "Tạm vắng\nđi làm ăn xa")]
    numbers.append(("12 345 678 901", "a " * 40))
    story = [register_table(ANNEX_COLUMNS, ROWS), register_table(NUMBERS, numbers)]
    decree30.build(path, story, title="Ô bảng")


def _pixels(path: Path) -> list[bytes]:
    document = pdfium.PdfDocument(path)
    try:
        return [bytes(page.render(scale=2).buffer) for page in document]
    finally:
        document.close()


def test_plain_cells_print_exactly_as_paragraph_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, paragraphs = tmp_path / "plain.pdf", tmp_path / "paragraphs.pdf"
    made: list[str | None] = []
    real = cells.as_plain

    def spy(text: str, style: ParagraphStyle, width: float) -> str | None:
        made.append(real(text, style, width))
        return made[-1]

    monkeypatch.setattr(cells, "as_plain", spy)
    _write(plain)
    monkeypatch.setattr(cells, "as_plain", lambda *_: None)
    _write(paragraphs)

    # Each kind was printed: as it stands, broken into lines, and left to a Paragraph.
    assert "Số 129, ngõ 12, đường\nNguyễn Thị Minh Khai,\nthôn Đồng Tâm" in made  # left
    assert "Vắng (không có\nlý do chính\nđáng)" in made  # centred
    assert "12 345\n678 901" in made  # right
    assert "Vắng\n(đi làm ăn xa)" in made and None in made
    assert _pixels(plain) == _pixels(paragraphs)
    text = PdfReader(plain).pages[0].extract_text()
    assert "Nguyễn Thị Phương Thảo" in text and "Lê & <Bùi> Thị Ỷ" in text


@pytest.mark.parametrize(
    ("text", "width_mm", "printed"),
    [
        ("Nguyễn Thị Phương Thảo", 47, "Nguyễn Thị Phương Thảo"),  # the annex's widest name
        (SIGNING_CELL, 27, SIGNING_CELL),  # two lines tall, to sign in
        ("Vắng\n(đi làm ăn xa)", 30, "Vắng\n(đi làm ăn xa)"),
        ("Phó Chủ tịch UBND phường Thành Sen", 50, "Phó Chủ tịch UBND\nphường Thành Sen"),
        ("Vắng\n(không có lý do chính đáng)", 30, None),  # <br/> lines break elsewhere
        ("Một-Hai-Ba-Bốn-Năm-Sáu-Bảy", 30, None),  # a word wider than the column is split
        ("Hoàng  Văn Em", 47, None),  # a Paragraph collapses the spaces
        (" Số 1", 50, None),
        ("Số\t1", 50, None),
        ("", 50, None),  # an empty Paragraph takes no line
        ("A\n\nB", 50, None),
    ],
)
def test_a_cell_is_plain_only_where_it_prints_as_a_paragraph_would(
    text: str, width_mm: float, printed: str | None
) -> None:
    assert cells.as_plain(text, decree30.styles().cell, width_mm * mm) == printed


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    width=st.floats(min_value=20, max_value=200),
    align=st.sampled_from(["cell", "cell_center", "cell_right"]),
)
def test_long_text_breaks_where_a_paragraph_breaks_it(
    words: list[str], width: float, align: str
) -> None:
    style = getattr(decree30.styles(), align)
    text = " ".join(words)
    plain = cells.as_plain(text, style, width)
    if plain is None:
        return
    paragraph = Paragraph(markup(text), style)
    paragraph.wrap(width - 2 * cells.PADDING, 10_000)
    lines = paragraph.blPara.lines
    assert plain.split("\n") == [" ".join(words) for _, words in lines]
    assert all(room > -1e-8 for room, _ in lines)  # drawn with full spaces, as a string is


def test_columns_alike_share_their_style_commands() -> None:
    s = decree30.styles()
    commands = cells.column_commands([s.cell_center, s.cell, s.cell, s.cell_right])
    font = (decree30.FONT, decree30.TABLE_SIZE, s.cell.leading)
    assert commands == [
        ("FONT", (0, 0), (3, -1), *font),  # one command for the four columns
        ("ALIGN", (0, 0), (0, -1), "CENTER"),  # and none for left, the default
        ("ALIGN", (3, 0), (3, -1), "RIGHT"),
    ]


def test_reportlab_runs_with_its_c_accelerator() -> None:
    # rl_accel is a dependency (pyproject.toml) and a hidden import of the bundle (build.spec);
    # without it ReportLab silently measures and writes in Python.
    assert rl_accel.fp_str.__module__ == "_rl_accel"
    assert rl_accel.instanceStringWidthTTF.__module__ == "_rl_accel"
