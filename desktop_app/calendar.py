"""Working days in Vietnam (weekends and public holidays skipped), for legal deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=[year, year + 1])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (the day of `start` itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
