"""The periodic statistics as a workbook: one sheet per table, Vietnamese headers, numbers
stored as numbers and rates as fractions shown in percent, the header row frozen.

Pure writers (`write_period_workbook`, `write_province_workbook`): frozen data in
(desktop_app.services.stats_model), an .xlsx out. The texts stay Vietnamese whatever the
interface language: the workbook goes to the provincial police with the report. Counts are
integers and rates are the only floats, so every float cell is formatted as a percentage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

from desktop_app.services.stats_model import CLASS_ORDER, PeriodStats, ProvinceStats, Summary
from desktop_app.spreadsheets.sheets import BOX, save_workbook, write_header

PERCENT, MONTH, DAY, TIME = "0.0%", "mm/yyyy", "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
TOTAL = "Tổng cộng"
CLASS_HEADERS = ("Loại A", "Loại B", "Loại C", "Loại D", "Chưa phân loại")
SUMMARY_HEADERS: dict[str, str] = {
    "households": "Số hộ gia đình",
    "covered_households": "Hộ tham gia tổ tự quản",
    "groups_active": "Tổ tự quản đang hoạt động",
    "groups_founded": "Tổ tự quản thành lập trong kỳ",
    "teams_active": "Tổ bảo vệ ANTT đang hoạt động",
    "teams_founded": "Tổ bảo vệ ANTT thành lập trong kỳ",
    "cases_managed": "Người đang quản lý cuối kỳ",
    "cases_new": "Tiếp nhận mới trong kỳ",
    "cases_closed": "Kết thúc quản lý trong kỳ",
    "contacts_done": "Lượt tiếp xúc đã thực hiện",
    "contacts_due": "Lượt tiếp xúc đến hạn",
    "managed_people": "Người được quản lý trong kỳ",
    "reoffenders": "Người tái phạm trong kỳ",
    "meetings": "Cuộc họp đã tổ chức",
    "present": "Lượt người dự họp",
    "absent": "Lượt người vắng mặt",
    "opinions_raised": "Ý kiến Nhân dân nêu",
    "opinions_answered": "Ý kiến đã trả lời",
    "opinions_overdue": "Ý kiến quá hạn chưa trả lời",
}
Cell = str | int | float | date | datetime | None
Row = Sequence[Cell]


@dataclass(frozen=True)
class Table:
    """One sheet: its name, (header, width) per column, its rows; dates by column format."""

    name: str
    columns: tuple[tuple[str, float], ...]
    rows: Sequence[Row]
    date_formats: Mapping[int, str] = field(default_factory=dict)  # 0-based column


def write_period_workbook(data: PeriodStats, path: Path | str) -> None:
    tables = (
        _about(data.unit_name, data.label, data.start, data.end, data.as_of),
        _headline(data),
        _areas(data),
        _classes(data),
        _meetings(data),
        _ratings(data),
    )
    _write(tables, Path(path))


def write_province_workbook(data: ProvinceStats, path: Path | str) -> None:
    tables = (
        _about(data.unit_name, data.label, data.start, data.end, None),
        _communes(data),
        _posts(data),
    )
    _write(tables, Path(path))


def _write(tables: Sequence[Table], path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table in tables:
        _sheet(book.create_sheet(table.name), table)
    save_workbook(book, path)


def _sheet(sheet: Any, table: Table) -> None:
    write_header(sheet, 1, table.columns)
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row):
            cell = sheet.cell(r, c + 1, value)
            cell.border = BOX
            if isinstance(value, float):
                cell.number_format = PERCENT
            elif isinstance(value, datetime):
                cell.number_format = TIME
            elif isinstance(value, date):
                cell.number_format = table.date_formats.get(c, DAY)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"


def _about(unit: str, label: str, start: date, end: date, as_of: date | None) -> Table:
    rows: list[Row] = [
        ("Đơn vị", unit),
        ("Kỳ báo cáo", label),
        ("Từ ngày", start),
        ("Đến ngày", end),
    ]
    if as_of is not None:
        rows.append(("Ý kiến quá hạn tính đến ngày", as_of))
    return Table("Thông tin", (("Mục", 30), ("Nội dung", 50)), rows)


# --- the post's sheets ------------------------------------------------------------------------


def _headline(data: PeriodStats) -> Table:
    rows: list[Row] = [(f.label, f.value) for f in data.headline()]
    rows += [(f"Kết thúc quản lý: {f.label}", f.value) for f in data.cases.closed_by_reason]
    return Table("Tổng hợp", (("Chỉ tiêu", 48), ("Số liệu", 14)), rows)


def _areas(data: PeriodStats) -> Table:
    rows: list[Row] = [(a.area, a.households.count, a.covered.count, a.rate) for a in data.areas]
    rows.append((TOTAL, data.households.count, data.covered.count, data.coverage.value))
    columns = (
        ("Thôn, tổ dân phố", 34),
        ("Tổng số hộ", 12),
        ("Hộ tham gia tổ tự quản", 16),
        ("Tỷ lệ", 10),
    )
    return Table("Hộ theo thôn", columns, rows)


def _classes(data: PeriodStats) -> Table:
    rows: list[Row] = [
        (m.month, *(f.count for f in m.by_class), m.total) for m in data.cases.by_month
    ]
    columns = (("Tháng", 11), *((h, 12) for h in CLASS_HEADERS), ("Tổng", 10))
    assert len(CLASS_HEADERS) == len(CLASS_ORDER)
    return Table("Phân loại theo tháng", columns, rows, {0: MONTH})


def _meetings(data: PeriodStats) -> Table:
    m = data.meetings
    rows: list[Row] = [
        (month.month, *(f.count for f in month.by_type), month.total, month.present, month.absent)
        for month in m.by_month
    ]
    rows.append(
        (TOTAL, *(f.count for f in m.by_type), m.total.count, m.present.count, m.absent.count)
    )
    columns = (
        ("Tháng", 11),
        *((t.label, 16) for t in m.types),
        ("Tổng số cuộc họp", 12),
        ("Có mặt", 10),
        ("Vắng mặt", 10),
    )
    return Table("Họp theo tháng", columns, rows, {0: MONTH})


def _ratings(data: PeriodStats) -> Table:
    g = data.groups
    years = ", ".join(str(y) for y in g.rating_years)
    rows: list[Row] = [
        ("Tổ tự quản", years, r.figure.label, r.figure.count) for r in g.group_ratings
    ]
    rows += [("Tổ bảo vệ ANTT", years, r.figure.label, r.figure.count) for r in g.team_ratings]
    columns = (("Đối tượng", 18), ("Năm", 8), ("Mức xếp loại", 32), ("Số lượng", 10))
    return Table("Xếp loại", columns, rows)


# --- the province's sheets --------------------------------------------------------------------


def _summary_cells(s: Summary) -> list[Cell]:
    cells: list[Cell] = [getattr(s, f.name) for f in fields(Summary)]
    return [*cells, s.coverage, s.reoffence_rate]


def _communes(data: ProvinceStats) -> Table:
    rows: list[Row] = [(r.unit_code, r.name, *_summary_cells(r.summary)) for r in data.rows]
    rows.append(("", TOTAL, *_summary_cells(data.total)))
    columns = (
        ("Mã đơn vị", 10),
        ("Đơn vị", 26),
        *((SUMMARY_HEADERS[f.name], 14) for f in fields(Summary)),
        ("Tỷ lệ hộ tham gia tổ tự quản", 14),
        ("Tỷ lệ tái phạm", 12),
    )
    return Table("Theo đơn vị", columns, rows)


def _posts(data: ProvinceStats) -> Table:
    rows: list[Row] = [
        (
            p.unit_code,
            p.unit_name,
            p.name,
            p.last_received.astimezone().replace(tzinfo=None) if p.last_received else None,
            p.app_version,
            p.packages_in_period,
            "Đã báo cáo" if p.reported else "Chưa báo cáo",
        )
        for p in data.posts
    ]
    columns = (
        ("Mã đơn vị", 10),
        ("Đơn vị", 24),
        ("Máy gửi số liệu", 30),
        ("Lần nhận gói gần nhất", 18),
        ("Phiên bản", 10),
        ("Số gói nhận trong kỳ", 12),
        ("Tình trạng", 14),
    )
    return Table("Đơn vị báo cáo", columns, rows)
