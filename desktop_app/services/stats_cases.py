"""Statistics of reintegration cases: under management, new and closed, class by month,
contacts done against those the schedule asks for, and the re-offence rate.

Management of a case runs from its release (else its reporting-in) to its closure; a case
with neither date counts as managed since before the period, a closed case without a closing
date as closed before it. Contacts due follow the schedule of `case_schedule` (the same
anchor and frequency per class), walked through the period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CaseClassification, CaseContact, CaseIncident, ReintegrationCase
from db.models.cases import CLOSURE_REASONS
from desktop_app.i18n import N_
from desktop_app.periods import month_starts
from desktop_app.records.labels import choice_label
from desktop_app.services import case_schedule
from desktop_app.services.stats_model import (
    CLASS_ORDER,
    UNCLASSIFIED,
    CaseStats,
    Figure,
    MonthCases,
    Scope,
    counted,
    share,
)

CLASS_LABELS = {
    "A": N_("Loại A"),
    "B": N_("Loại B"),
    "C": N_("Loại C"),
    "D": N_("Loại D"),
    UNCLASSIFIED: N_("Chưa phân loại"),
}
CASE = "reintegration_case"
Contacts = Mapping[str, Sequence[tuple[str, date]]]  # case id -> (contact id, day), by day


@dataclass(frozen=True)
class _Case:
    id: str
    person_id: str
    start: date | None  # release, else reporting in
    anchor: date | None  # what the first contact counts from (case_schedule.contact_anchor)
    closed: bool
    closed_on: date | None
    closure_reason: str | None

    def ended_by(self, day: date) -> bool:
        """Closed on or before `day` (a closure without a date: long ago)."""
        return self.closed and (self.closed_on is None or self.closed_on <= day)

    def managed_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and not self.ended_by(day)

    def managed_during(self, start: date, end: date) -> bool:
        started = self.start is None or self.start <= end
        return started and not self.ended_by(start - timedelta(days=1))

    def last_day(self, end: date) -> date:
        return min(end, self.closed_on) if self.closed and self.closed_on else end


class _History:
    """The classifications of each case, oldest first, to read the class on a given day."""

    def __init__(self, rows: Iterable[tuple[str, date, str]]) -> None:
        self.by_case: dict[str, list[tuple[date, str]]] = defaultdict(list)
        for case_id, on, level in rows:
            self.by_case[case_id].append((on, level))

    def level_on(self, case_id: str, day: date) -> str:
        level = UNCLASSIFIED
        for on, value in self.by_case.get(case_id, []):
            if on > day:
                break
            level = value
        return level

    def next_change(self, case_id: str, day: date) -> date | None:
        return next((on for on, _ in self.by_case.get(case_id, []) if on > day), None)


def case_stats(
    session: Session, scope: Scope, start: date, end: date, *, details: bool
) -> CaseStats:
    """`details` False (a viewer) keeps the contact count but not which contacts they are."""
    cases = _cases(session, scope)
    history = _History(_classifications(session, scope))
    contacts = _contacts(session, scope)
    during = [c for c in cases if c.managed_during(start, end)]
    closed = [c for c in cases if c.closed and c.closed_on and start <= c.closed_on <= end]
    done = [cid for c in during for cid, on in contacts.get(c.id, ()) if start <= on <= end]
    due, on_time = _contact_dues(during, contacts, history, start, end)
    managed_people = _people(N_("Người được quản lý trong kỳ"), during)
    reoffenders = _people(N_("Người tái phạm trong kỳ"), _reoffended(session, during, start, end))
    return CaseStats(
        managed=_people(N_("Người đang quản lý cuối kỳ"), [c for c in cases if c.managed_on(end)]),
        new=_people(
            N_("Tiếp nhận mới trong kỳ"),
            [c for c in cases if c.start is not None and start <= c.start <= end],
        ),
        closed=_people(N_("Kết thúc quản lý trong kỳ"), closed),
        closed_by_reason=tuple(
            _people(
                choice_label(reason, CASE, "closure_reason"),
                [c for c in closed if (c.closure_reason or "other") == reason],
            )
            for reason in CLOSURE_REASONS
        ),
        by_month=_by_month(cases, history, start, end),
        contacts_done=counted(
            N_("Lượt tiếp xúc đã thực hiện"), "case_contact", done, hidden=not details
        ),
        contacts_due=_dues(N_("Lượt tiếp xúc đến hạn"), due),
        contacts_on_time=_dues(N_("Lượt tiếp xúc đúng hạn"), on_time),
        managed_people=managed_people,
        reoffenders=reoffenders,
        reoffence_rate=share(N_("Tỷ lệ tái phạm"), reoffenders, managed_people),
    )


def _people(label: str, cases: Sequence[_Case]) -> Figure:
    """How many people (a person with two cases counts once); the ids are the cases."""
    ids = tuple(sorted({c.id for c in cases}))
    return Figure(label, len({c.person_id for c in cases}), CASE, ids)


def _dues(label: str, dues: Sequence[str]) -> Figure:
    """Due contacts (a case may have several); the ids are the cases they belong to."""
    return Figure(label, len(dues), CASE, tuple(sorted(set(dues))))


def _cases(session: Session, scope: Scope) -> list[_Case]:
    rows = session.scalars(select(ReintegrationCase).where(scope.live(ReintegrationCase)))
    return [
        _Case(
            id=case.id,
            person_id=case.person_id or case.id,
            start=case.release_date or case.reported_on,
            anchor=case_schedule.contact_anchor(case, None),
            closed=case.status == "closed",
            closed_on=case.closed_on,
            closure_reason=case.closure_reason,
        )
        for case in rows
    ]


def _classifications(session: Session, scope: Scope) -> list[tuple[str, date, str]]:
    query = (
        select(CaseClassification.case_id, CaseClassification.decided_on, CaseClassification.level)
        .join(ReintegrationCase, ReintegrationCase.id == CaseClassification.case_id)
        .where(CaseClassification.deleted.is_(False), scope.live(ReintegrationCase))
        .order_by(CaseClassification.decided_on, CaseClassification.created_at)
    )
    return [(c, on, lv) for c, on, lv in session.execute(query) if c and on and lv]


def _contacts(session: Session, scope: Scope) -> dict[str, list[tuple[str, date]]]:
    query = (
        select(CaseContact.case_id, CaseContact.id, CaseContact.contact_on)
        .join(ReintegrationCase, ReintegrationCase.id == CaseContact.case_id)
        .where(CaseContact.deleted.is_(False), scope.live(ReintegrationCase))
        .order_by(CaseContact.contact_on)
    )
    found: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for case_id, contact_id, on in session.execute(query):
        if case_id and on:
            found[case_id].append((contact_id, on))
    return found


def _reoffended(session: Session, during: Sequence[_Case], start: date, end: date) -> list[_Case]:
    query = select(CaseIncident.case_id).where(
        CaseIncident.deleted.is_(False),
        CaseIncident.kind == "reoffence",
        CaseIncident.occurred_on.between(start, end),
        CaseIncident.case_id.in_([c.id for c in during]),
    )
    hit = set(session.scalars(query))
    return [c for c in during if c.id in hit]


def _by_month(
    cases: Sequence[_Case], history: _History, start: date, end: date
) -> tuple[MonthCases, ...]:
    """Cases under management at the end of each month of the period, by their class then."""
    rows = []
    for month in month_starts(start, end):
        day = min(end, (month + timedelta(days=31)).replace(day=1) - timedelta(days=1))
        managed = [c for c in cases if c.managed_on(day)]
        by_class = tuple(
            _people(
                CLASS_LABELS[level],
                [c for c in managed if history.level_on(c.id, day) == level],
            )
            for level in CLASS_ORDER
        )
        rows.append(MonthCases(month, by_class))
    return tuple(rows)


def _contact_dues(
    cases: Sequence[_Case], contacts: Contacts, history: _History, start: date, end: date
) -> tuple[list[str], list[str]]:
    """The case id of every contact due in the period, and of those made on time."""
    frequency = case_schedule.contact_days()
    due: list[str] = []
    on_time: list[str] = []
    for case in cases:
        days = [on for _, on in contacts.get(case.id, ())]
        for when, met in _schedule(case, days, history, frequency, case.last_day(end)):
            if when >= start:
                due.append(case.id)
                if met:
                    on_time.append(case.id)
    return due, on_time


def _schedule(
    case: _Case,
    contacts: Sequence[date],
    history: _History,
    frequency: Mapping[str, int],
    last: date,
) -> list[tuple[date, bool]]:
    """The days contacts fell due up to `last`, each with whether it was met in time.

    As `antq cases due` counts: the next contact is due a class's number of days after the
    anchor (the last contact, else reporting in, else release), and each contact made becomes
    the new anchor. While the class asks for no contact (D), none falls due; counting starts
    again on the day of the next classification.
    """
    found: list[tuple[date, bool]] = []
    anchor = case.anchor
    while anchor is not None and anchor <= last:
        when = case_schedule.next_contact_due(
            anchor, history.level_on(case.id, anchor) or None, frequency
        )
        if when is None:
            anchor = history.next_change(case.id, anchor)
            continue
        if when > last:
            break
        answer = next((on for on in contacts if on > anchor), None)
        found.append((when, answer is not None and answer <= when))
        anchor = answer
    return found
