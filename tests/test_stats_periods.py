"""Reporting periods: their first and last days, their labels, and the dates typed for them."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app import periods
from desktop_app.errors import ValidationError


@pytest.mark.parametrize(
    ("kind", "on", "start", "end", "label"),
    [
        (periods.MONTH, date(2028, 2, 10), date(2028, 2, 1), date(2028, 2, 29), "Tháng 2 năm 2028"),
        (
            periods.QUARTER,
            date(2026, 7, 1),
            date(2026, 7, 1),
            date(2026, 9, 30),
            "Quý III năm 2026",
        ),
        (
            periods.QUARTER,
            date(2026, 9, 30),
            date(2026, 7, 1),
            date(2026, 9, 30),
            "Quý III năm 2026",
        ),
        (
            periods.QUARTER,
            date(2026, 12, 31),
            date(2026, 10, 1),
            date(2026, 12, 31),
            "Quý IV năm 2026",
        ),
        (
            periods.HALF,
            date(2026, 6, 30),
            date(2026, 1, 1),
            date(2026, 6, 30),
            "6 tháng đầu năm 2026",
        ),
        (
            periods.HALF,
            date(2026, 7, 1),
            date(2026, 7, 1),
            date(2026, 12, 31),
            "6 tháng cuối năm 2026",
        ),
        (periods.YEAR, date(2026, 11, 20), date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
        (
            periods.MOVEMENT_YEAR,
            date(2026, 11, 14),
            date(2025, 11, 15),
            date(2026, 11, 14),
            "Năm 2026 (từ 15/11/2025 đến 14/11/2026)",
        ),
        (
            periods.MOVEMENT_YEAR,
            date(2025, 11, 15),
            date(2025, 11, 15),
            date(2026, 11, 14),
            "Năm 2026 (từ 15/11/2025 đến 14/11/2026)",
        ),
        (
            periods.MOVEMENT_YEAR,
            date(2026, 11, 15),
            date(2026, 11, 15),
            date(2027, 11, 14),
            "Năm 2027 (từ 15/11/2026 đến 14/11/2027)",
        ),
    ],
)
def test_period_boundaries_and_labels(
    kind: str, on: date, start: date, end: date, label: str
) -> None:
    period = periods.period(kind, on)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert periods.label(start, end) == label  # the same days typed as --from/--to


def test_other_periods_are_named_by_their_days_and_dates_parse_both_ways() -> None:
    assert periods.label(date(2026, 3, 5), date(2026, 4, 4)) == (
        "Từ ngày 05/03/2026 đến ngày 04/04/2026"
    )
    assert periods.parse_day("05/03/2026") == periods.parse_day("2026-03-05") == date(2026, 3, 5)
    with pytest.raises(ValidationError, match="Ngày không hợp lệ"):
        periods.parse_day("31/02/2026")
    with pytest.raises(ValidationError, match="Kỳ báo cáo"):
        periods.bounds("week", date(2026, 1, 1))
