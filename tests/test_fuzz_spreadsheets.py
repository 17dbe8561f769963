"""Hostile spreadsheets: generated workbooks (titles, a header somewhere, odd cells, merges,
legacy fonts) and random or damaged bytes named .xlsx. Each is imported, or refused with a
Vietnamese message or rows reported, and a refusal changes nothing."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from desktop_app.errors import AntqError
from desktop_app.spreadsheets.households_import import import_households
from tests.conftest import Env
from tests.fuzz_support import FUZZ, assert_told, names

# --- The spreadsheet importer --------------------------------------------------------------

HEADERS = [
    "STT",
    "Họ và tên",
    "Họ và tên chủ hộ",
    "Họ và tên đệm",
    "Tên",
    "Năm sinh",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Nam",
    "Nữ",
    "Số định danh cá nhân",
    "Quan hệ với chủ hộ",
    "Địa chỉ",
    "Thôn, tổ dân phố",
    "Số điện thoại",
    "Số nhân khẩu",
    "Số hộ",
    "Dân tộc",
    "Nghề nghiệp",
    "Ghi chú",
]
WORDS = [
    "Chủ hộ",
    "Con",
    "Vợ",
    "Nam",
    "Nữ",
    "x",
    "Kinh",
    "Tổ dân phố 3",
    "Thôn Đông",
    "012345678901",
    "12/03/1985",
    "03/1985",
    "1985",
    "(1)",
    "Tổng cộng",
    "Người lập biểu",
]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
CELL = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.sampled_from(HEADERS),
    TEXT,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),
    st.booleans(),
)
FONTS = st.sampled_from([None, ".VnTime", ".VnTimeH", "VNI-Times", "Arial"])


@dataclass(frozen=True)
class Workbook:
    """A sheet as officers' files vary: titles, a header somewhere, odd cells, merges."""

    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]]  # first row, first column, height, width
    fonts: list[str | None]  # per row

    def save(self, path: Path) -> Path:
        path.write_bytes(self.as_bytes())
        return path

    def as_bytes(self) -> bytes:
        book = openpyxl.Workbook()
        sheet = book.active
        for r, (row, font) in enumerate(zip(self.rows, self.fonts, strict=True), start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(r, c, value)
                if font:
                    cell.font = Font(name=font)
        taken: set[tuple[int, int]] = set()
        for top, left, height, width in self.merges:
            cells = {(r, c) for r in range(top, top + height) for c in range(left, left + width)}
            if len(cells) > 1 and not cells & taken:  # Excel itself never overlaps merges
                taken |= cells
                sheet.merge_cells(
                    start_row=top,
                    start_column=left,
                    end_row=top + height - 1,
                    end_column=left + width - 1,
                )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


@st.composite
def workbooks(draw: st.DrawFn) -> Workbook:
    width = draw(st.integers(1, 8))
    header = draw(st.lists(st.sampled_from(HEADERS) | TEXT, min_size=width, max_size=width))
    above = draw(st.lists(st.lists(CELL, max_size=width), max_size=3))
    below = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=12))
    rows = [*above, header, *below]
    merges = draw(
        st.lists(
            st.tuples(
                st.integers(1, len(rows)),
                st.integers(1, width),
                st.integers(1, 3),
                st.integers(1, 3),
            ),
            max_size=3,
        )
    )
    fonts = draw(st.lists(FONTS, min_size=len(rows), max_size=len(rows)))
    return Workbook(rows, merges, fonts)


def dump(env: Env) -> str:
    from desktop_app.services.dump import write_dump

    out = io.StringIO()
    write_dump(env.db, env.admin, out)
    return out.getvalue()


def import_or_refuse(env: Env, path: Path) -> None:
    """The sheet is imported, or refused (an error, or rows reported) and nothing changes."""
    before = dump(env)
    try:
        report = import_households(env.db, env.admin, path)
    except AntqError as error:
        assert_told(error)
        assert dump(env) == before
        return
    if not report.applied:
        assert report.rejected and all(p.message for p in report.problems)
        assert dump(env) == before


@settings(FUZZ, max_examples=30)
@given(book=workbooks())
def test_generated_spreadsheets_import_or_are_refused_unchanged(
    sqlite_env: Env, tmp_path: Path, book: Workbook
) -> None:
    import_or_refuse(sqlite_env, book.save(tmp_path / f"so-{next(names)}.xlsx"))


@functools.cache
def valid_xlsx() -> bytes:
    """A small register sheet, the same bytes on every run (openpyxl stamps the time)."""
    rows: list[list[Any]] = [
        ["Họ và tên", "Năm sinh", "Thôn, tổ dân phố"],
        ["Lê Văn Tám", 1980, "Thôn Đông"],
    ]
    saved = io.BytesIO(Workbook(rows, [], [None, None]).as_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in source.namelist():
            data = re.sub(rb"\d{4}-\d\d-\d\dT[\d:.]+Z", b"2025-01-01T00:00:00Z", source.read(name))
            info = zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def damaged_member(data: st.DataObject) -> bytes:
    """The valid sheet with one XML part changed: what a crashed save or a bad disk leaves."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as source, zipfile.ZipFile(out, "w") as zf:
        names = source.namelist()
        target = data.draw(st.sampled_from(names))
        for name in names:
            part = bytearray(source.read(name))
            if name == target:
                at = data.draw(st.integers(0, len(part)))
                cut = data.draw(st.integers(0, 20))
                part[at : at + cut] = data.draw(st.binary(max_size=20) | st.sampled_from(SNIPPETS))
            zf.writestr(name, bytes(part))
    return out.getvalue()


SNIPPETS = [
    b"<",
    b"</x>",
    b'r="ZZZ999999"',
    b'<c r="A1" t="s"><v>99</v></c>',
    b"&bogus;",
    b"\xff\xfe",
]


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_random_and_damaged_bytes_named_xlsx_are_refused(
    sqlite_env: Env, tmp_path: Path, data: st.DataObject
) -> None:
    how = data.draw(st.sampled_from(["random", "bytes", "part"]))
    if how == "random":
        raw = data.draw(st.binary(max_size=3000))
    elif how == "bytes":
        damaged = bytearray(valid_xlsx())
        for at in data.draw(st.lists(st.integers(0, len(damaged) - 1), min_size=1, max_size=5)):
            damaged[at] = data.draw(st.integers(0, 255))
        raw = bytes(damaged)
    else:
        raw = damaged_member(data)
    path = tmp_path / f"hong-{next(names)}.xlsx"
    path.write_bytes(raw)
    import_or_refuse(sqlite_env, path)


def _replace_part(name: str, damage: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as source, zipfile.ZipFile(out, "w") as zf:
        for info in source.infolist():
            data = source.read(info)
            zf.writestr(info, damage(data) if info.filename == name else data)
    return out.getvalue()


def _garbled_deflate(name: str) -> bytes:
    """The part's compressed bytes overwritten: zlib says "invalid block type"."""
    raw = bytearray(valid_xlsx())
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        info = zf.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start : start + info.compress_size] = b"\x06" * info.compress_size
    return bytes(raw)


@pytest.mark.parametrize(
    "damaged",
    [
        lambda: _garbled_deflate("xl/worksheets/sheet1.xml"),  # was zlib.error
        lambda: _replace_part("xl/workbook.xml", lambda d: d[: len(d) // 2]),  # ParseError
        lambda: _replace_part("xl/styles.xml", lambda d: d + b"<"),
        lambda: _replace_part("docProps/core.xml", lambda d: b"<x"),  # ValueError
    ],
    ids=["garbled deflate", "workbook cut short", "styles with junk", "broken properties"],
)
def test_a_damaged_workbook_is_refused_in_vietnamese_and_changes_nothing(
    sqlite_env: Env, tmp_path: Path, damaged: Callable[[], bytes]
) -> None:
    from desktop_app.errors import ValidationError

    path = tmp_path / "hong.xlsx"
    path.write_bytes(damaged())
    before = dump(sqlite_env)
    with pytest.raises(ValidationError, match=r"Không đọc được tệp 'hong\.xlsx'"):
        import_households(sqlite_env.db, sqlite_env.admin, path)
    assert dump(sqlite_env) == before
