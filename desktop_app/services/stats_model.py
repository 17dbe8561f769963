"""What a periodic statistics report holds: figures that know the records behind them.

Frozen data only, no database: `desktop_app.services.stats` fills it, the PDF and XLSX writers
and the GUI read it. Labels are Vietnamese source texts marked with N_(): a screen shows them
through tr(), an official paper prints them as they are.

Drill-down: every count is a `Figure` that carries the ids of the records it counted and their
record type, so the GUI opens "the records behind a number" with
`listing.list_rows(db, actor, figure.record_type, figure.ids)`. A rate carries the ids of its
numerator. Rows of the province report carry plain numbers (`Summary`): a commune's records
are opened from `period_stats(…, unit_code=row.unit_code)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

UNCLASSIFIED = ""  # the class of a case not yet classified
CLASS_ORDER = ("A", "B", "C", "D", UNCLASSIFIED)


@dataclass(frozen=True)
class Scope:
    """Which unit's records count: one commune, or every unit the database holds (a hub's
    province) when `unit_code` is None. Tombstoned rows never count."""

    unit_code: str | None

    def live(self, model: Any) -> ColumnElement[bool]:
        condition: ColumnElement[bool] = model.deleted.is_(False)
        if self.unit_code is not None:
            condition = condition & (model.unit_code == self.unit_code)
        return condition


@dataclass(frozen=True)
class Figure:
    """One number of the report, and the records it counts (see the module's docstring)."""

    label: str  # Vietnamese source text
    value: int | float | None  # a count; for a rate a share 0–1, None when nothing to divide
    record_type: str = ""  # the type of the records in `ids`
    ids: tuple[str, ...] = ()
    rate: bool = False  # printed as a percentage

    @property
    def count(self) -> int:
        return int(self.value or 0)


def counted(label: str, record_type: str, ids: Iterable[str], *, hidden: bool = False) -> Figure:
    """A count of records; `hidden` keeps the number but not the ids (details not allowed)."""
    found = tuple(sorted(set(ids)))
    return Figure(label, len(found), record_type, () if hidden else found)


def share(label: str, part: Figure, whole: Figure) -> Figure:
    """`part` as a share of `whole` (None when `whole` is zero); the ids are the part's."""
    value = part.count / whole.count if whole.count else None
    return Figure(label, value, part.record_type, part.ids, rate=True)


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class AreaCoverage:
    """Households of one thôn / tổ dân phố, and those in a household group at the period's end."""

    area_id: str | None  # None: households whose area is missing
    area: str  # "Thôn Đồng Tâm"
    households: Figure
    covered: Figure

    @property
    def rate(self) -> float | None:
        return ratio(self.covered.count, self.households.count)


@dataclass(frozen=True)
class Rating:
    """How many groups (or teams) got one level of the yearly rating."""

    level: str  # code
    figure: Figure  # label = the level's name


@dataclass(frozen=True)
class GroupStats:
    groups_active: Figure  # household groups in operation at the period's end
    groups_founded: Figure
    teams_active: Figure  # Tổ bảo vệ ANTT in operation at the period's end
    teams_founded: Figure
    rating_years: tuple[int, ...]  # years whose ratings are in this report
    group_ratings: tuple[Rating, ...]
    team_ratings: tuple[Rating, ...]


@dataclass(frozen=True)
class MonthCases:
    """Cases under management at the end of a month (or of the period), by class."""

    month: date  # the first day of the month
    by_class: tuple[Figure, ...]  # in CLASS_ORDER: A, B, C, D, not yet classified

    @property
    def total(self) -> int:
        return sum(f.count for f in self.by_class)


@dataclass(frozen=True)
class CaseStats:
    managed: Figure  # under management at the period's end
    new: Figure  # management started in the period
    closed: Figure  # closed in the period
    closed_by_reason: tuple[Figure, ...]
    by_month: tuple[MonthCases, ...]
    contacts_done: Figure
    contacts_due: Figure
    contacts_on_time: Figure  # due contacts made on or before their day
    managed_people: Figure  # people under management at any time in the period
    reoffenders: Figure
    reoffence_rate: Figure

    @property
    def by_class_at_end(self) -> MonthCases | None:
        return self.by_month[-1] if self.by_month else None


@dataclass(frozen=True)
class MeetingType:
    code: str
    label: str


@dataclass(frozen=True)
class MonthMeetings:
    month: date
    by_type: tuple[Figure, ...]  # one per MeetingStats.types
    present: int
    absent: int

    @property
    def total(self) -> int:
        return sum(f.count for f in self.by_type)


@dataclass(frozen=True)
class MeetingStats:
    types: tuple[MeetingType, ...]  # the types met in the period, in vocabulary order
    by_month: tuple[MonthMeetings, ...]
    total: Figure
    by_type: tuple[Figure, ...]  # over the whole period, one per type
    present: Figure  # people present (the value); ids: the meetings
    absent: Figure


@dataclass(frozen=True)
class OpinionStats:
    raised: Figure  # at meetings held in the period
    answered: Figure  # of those, answered by the period's end
    pending: Figure  # of those, not answered (open or referred up)
    overdue: Figure  # of the pending, past their deadline


@dataclass(frozen=True)
class Summary:
    """The main figures as plain numbers: one commune's row of the province report, or the
    totals. Adding rows adds every number; the rates are worked out again from the sums."""

    households: int = 0
    covered_households: int = 0
    groups_active: int = 0
    groups_founded: int = 0
    teams_active: int = 0
    teams_founded: int = 0
    cases_managed: int = 0
    cases_new: int = 0
    cases_closed: int = 0
    contacts_done: int = 0
    contacts_due: int = 0
    managed_people: int = 0
    reoffenders: int = 0
    meetings: int = 0
    present: int = 0
    absent: int = 0
    opinions_raised: int = 0
    opinions_answered: int = 0
    opinions_overdue: int = 0

    def __add__(self, other: Summary) -> Summary:
        return Summary(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def coverage(self) -> float | None:
        return ratio(self.covered_households, self.households)

    @property
    def reoffence_rate(self) -> float | None:
        return ratio(self.reoffenders, self.managed_people)


def total(rows: Iterable[Summary]) -> Summary:
    result = Summary()
    for row in rows:
        result = result + row
    return result


@dataclass(frozen=True)
class PeriodStats:
    """Figures of one commune (or of every unit at a hub, `unit_code` None) for a period."""

    start: date
    end: date
    label: str  # "Quý III năm 2026"
    unit_code: str | None
    unit_name: str  # "Công an phường Hồng Hà"
    as_of: date  # the day deadlines are judged on: the period's end, or today if sooner
    areas: tuple[AreaCoverage, ...]
    households: Figure
    covered: Figure
    coverage: Figure
    groups: GroupStats
    cases: CaseStats
    meetings: MeetingStats
    opinions: OpinionStats

    def summary(self) -> Summary:
        c = self.cases
        return Summary(
            households=self.households.count,
            covered_households=self.covered.count,
            groups_active=self.groups.groups_active.count,
            groups_founded=self.groups.groups_founded.count,
            teams_active=self.groups.teams_active.count,
            teams_founded=self.groups.teams_founded.count,
            cases_managed=c.managed.count,
            cases_new=c.new.count,
            cases_closed=c.closed.count,
            contacts_done=c.contacts_done.count,
            contacts_due=c.contacts_due.count,
            managed_people=c.managed_people.count,
            reoffenders=c.reoffenders.count,
            meetings=self.meetings.total.count,
            present=self.meetings.present.count,
            absent=self.meetings.absent.count,
            opinions_raised=self.opinions.raised.count,
            opinions_answered=self.opinions.answered.count,
            opinions_overdue=self.opinions.overdue.count,
        )

    def headline(self) -> tuple[Figure, ...]:
        """The main figures in the order the report lists them."""
        g, c, m, o = self.groups, self.cases, self.meetings, self.opinions
        return (
            self.households,
            self.covered,
            self.coverage,
            g.groups_active,
            g.groups_founded,
            g.teams_active,
            g.teams_founded,
            c.managed,
            c.new,
            c.closed,
            c.contacts_due,
            c.contacts_on_time,
            c.contacts_done,
            c.managed_people,
            c.reoffenders,
            c.reoffence_rate,
            m.total,
            m.present,
            m.absent,
            o.raised,
            o.answered,
            o.pending,
            o.overdue,
        )


@dataclass(frozen=True)
class CommuneRow:
    unit_code: str
    name: str  # "Phường Hồng Hà"
    summary: Summary


@dataclass(frozen=True)
class PostReport:
    """A post replica known to the hub and the last package it sent that was applied."""

    replica_id: str
    unit_code: str
    unit_name: str  # the commune's official name, "Phường Hồng Hà"
    name: str  # the name on the machine's key card
    last_received: datetime | None  # an instant (UTC)
    app_version: str | None  # the ANTQ Desk version that wrote that package
    packages_in_period: int

    @property
    def reported(self) -> bool:
        return self.packages_in_period > 0


@dataclass(frozen=True)
class ProvinceStats:
    start: date
    end: date
    label: str
    province_code: str
    unit_name: str  # "Công an thành phố Hà Nội"
    rows: tuple[CommuneRow, ...]  # one per commune, by code
    total: Summary  # the rows added up
    posts: tuple[PostReport, ...]

    @property
    def not_reported(self) -> tuple[PostReport, ...]:
        return tuple(p for p in self.posts if not p.reported)
