"""Reporting periods: month, quarter, half year, year and the movement year (15/11 – 14/11),
their first and last days, and how an official report names them in Vietnamese."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.errors import ValidationError
from desktop_app.i18n import tr

MONTH, QUARTER, HALF, YEAR, MOVEMENT_YEAR = "month", "quarter", "half", "year", "movement-year"
KINDS = (MONTH, QUARTER, HALF, YEAR, MOVEMENT_YEAR)
# The movement year Y runs from 15/11/(Y-1) to 14/11/Y (Hướng dẫn 01/HD-BCA-V05).
MOVEMENT_START = (11, 15)
ROMAN = ("I", "II", "III", "IV")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # the last day, included
    label: str  # Vietnamese, as printed: "Quý III năm 2026"

    @property
    def months(self) -> tuple[date, ...]:
        """The first day of each calendar month the period touches, in order."""
        return month_starts(self.start, self.end)


def period(kind: str, on: date) -> Period:
    """The period of `kind` that contains the day `on`."""
    start, end = bounds(kind, on)
    return Period(start, end, label(start, end))


def bounds(kind: str, on: date) -> tuple[date, date]:
    """(first day, last day) of the period of `kind` containing `on`."""
    if kind == MONTH:
        return on.replace(day=1), _month_end(on.year, on.month)
    if kind == QUARTER:
        first = (on.month - 1) // 3 * 3 + 1
        return date(on.year, first, 1), _month_end(on.year, first + 2)
    if kind == HALF:
        first = 1 if on.month <= 6 else 7
        return date(on.year, first, 1), _month_end(on.year, first + 5)
    if kind == YEAR:
        return date(on.year, 1, 1), date(on.year, 12, 31)
    if kind == MOVEMENT_YEAR:
        year = movement_year(on)
        return date(year - 1, *MOVEMENT_START), date(year, *MOVEMENT_START) - timedelta(days=1)
    raise ValidationError(
        tr(
            "Kỳ báo cáo '{kind}' không có; chọn một trong: {kinds}.",
            kind=kind,
            kinds=", ".join(KINDS),
        )
    )


def movement_year(on: date) -> int:
    """The movement year `on` belongs to: 15/11/2025 is already in movement year 2026."""
    return on.year + 1 if (on.month, on.day) >= MOVEMENT_START else on.year


def label(start: date, end: date) -> str:
    """How a report names the period: a standard one by its name, any other by its days."""
    for kind in KINDS:
        if bounds(kind, start) == (start, end):
            return _standard_label(kind, start, end)
    return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def _standard_label(kind: str, start: date, end: date) -> str:
    if kind == MONTH:
        return f"Tháng {start.month} năm {start.year}"
    if kind == QUARTER:
        return f"Quý {ROMAN[(start.month - 1) // 3]} năm {start.year}"
    if kind == HALF:
        return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {start.year}"
    if kind == YEAR:
        return f"Năm {start.year}"
    return f"Năm {end.year} (từ {start:%d/%m/%Y} đến {end:%d/%m/%Y})"


def month_starts(start: date, end: date) -> tuple[date, ...]:
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + timedelta(days=31)).replace(day=1)
    return tuple(months)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_day(text: str) -> date:
    """A day typed as dd/mm/yyyy (also with . or -) or yyyy-mm-dd, as the forms accept."""
    raw = text.strip()
    match = _DMY.match(raw)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            tr("Ngày không hợp lệ '{raw}' (nhập dd/mm/yyyy hoặc yyyy-mm-dd).", raw=text)
        ) from None


def checked(start: date, end: date) -> Period:
    """The period from `start` to `end`, refused when it ends before it starts."""
    if end < start:
        raise ValidationError(
            tr(
                "Ngày kết thúc ({end}) phải từ ngày bắt đầu ({start}) trở đi.",
                start=f"{start:%d/%m/%Y}",
                end=f"{end:%d/%m/%Y}",
            )
        )
    return Period(start, end, label(start, end))
