"""Statistics of meetings and residents' opinions: meetings per month by type, attendance,
opinions raised, answered and overdue.

A meeting counts when it was held (status held or closed) with its start in the period; a
draft may not have taken place. Attendance is the totals entered on the meeting, else the
attendees ticked present or absent. Opinions are those raised at the meetings counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from db.models import Meeting, MeetingAttendee, Opinion, VocabularyTerm
from desktop_app.i18n import N_
from desktop_app.periods import month_starts
from desktop_app.services.stats_model import (
    Figure,
    MeetingStats,
    MeetingType,
    MonthMeetings,
    OpinionStats,
    Scope,
    counted,
)

HELD = ("held", "closed")
ANSWERED = ("answered", "closed")


@dataclass(frozen=True)
class _Meeting:
    id: str
    type: str
    month: date
    present: int
    absent: int


def meeting_ids(session: Session, scope: Scope, start: date, end: date) -> list[str]:
    query = select(Meeting.id).where(*_held_in(scope, start, end))
    return list(session.scalars(query))


def _held_in(scope: Scope, start: date, end: date) -> tuple[ColumnElement[bool], ...]:
    return (
        scope.live(Meeting),
        Meeting.status.in_(HELD),
        Meeting.starts_at >= datetime.combine(start, time.min),
        Meeting.starts_at < datetime.combine(end + timedelta(days=1), time.min),
    )


def meeting_stats(
    session: Session, scope: Scope, start: date, end: date, labels: Mapping[tuple[str, str], str]
) -> MeetingStats:
    meetings = _meetings(session, scope, start, end)
    types = _types(session, {m.type for m in meetings}, labels)
    by_month = tuple(
        _month(month, [m for m in meetings if m.month == month], types)
        for month in month_starts(start, end)
    )
    return MeetingStats(
        types=types,
        by_month=by_month,
        total=counted(N_("Cuộc họp đã tổ chức"), "meeting", [m.id for m in meetings]),
        by_type=tuple(
            counted(t.label, "meeting", [m.id for m in meetings if m.type == t.code]) for t in types
        ),
        present=_people(N_("Lượt người dự họp"), meetings, present=True),
        absent=_people(N_("Lượt người vắng mặt"), meetings, present=False),
    )


def _people(label: str, meetings: Sequence[_Meeting], *, present: bool) -> Figure:
    total = sum(m.present if present else m.absent for m in meetings)
    return Figure(label, total, "meeting", tuple(sorted(m.id for m in meetings)))


def _month(
    month: date, meetings: Sequence[_Meeting], types: Sequence[MeetingType]
) -> MonthMeetings:
    return MonthMeetings(
        month,
        tuple(
            counted(t.label, "meeting", [m.id for m in meetings if m.type == t.code]) for t in types
        ),
        sum(m.present for m in meetings),
        sum(m.absent for m in meetings),
    )


def _meetings(session: Session, scope: Scope, start: date, end: date) -> list[_Meeting]:
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.meeting_type,
            Meeting.starts_at,
            Meeting.present_count,
            Meeting.absent_count,
        ).where(*_held_in(scope, start, end))
    ).all()
    ticked = _ticked(session, [r[0] for r in rows])
    return [
        _Meeting(
            mid,
            kind or "",
            starts.date().replace(day=1),
            present if present is not None else ticked[mid][True],
            absent if absent is not None else ticked[mid][False],
        )
        for mid, kind, starts, present, absent in rows
        if starts is not None
    ]


def _ticked(session: Session, ids: list[str]) -> dict[str, dict[bool, int]]:
    """Attendees ticked present and absent, per meeting."""
    query = (
        select(MeetingAttendee.meeting_id, MeetingAttendee.present, func.count())
        .where(MeetingAttendee.meeting_id.in_(ids), MeetingAttendee.deleted.is_(False))
        .group_by(MeetingAttendee.meeting_id, MeetingAttendee.present)
    )
    found: dict[str, dict[bool, int]] = defaultdict(lambda: {True: 0, False: 0})
    for meeting_id, present, n in session.execute(query):
        found[meeting_id or ""][bool(present)] += int(n)
    return found


def _types(
    session: Session, codes: set[str], labels: Mapping[tuple[str, str], str]
) -> tuple[MeetingType, ...]:
    query = select(VocabularyTerm.code, VocabularyTerm.position).where(
        VocabularyTerm.vocabulary == "meeting_type"
    )
    order = {code: position for code, position in session.execute(query)}
    ordered = sorted(codes, key=lambda c: (order.get(c) or 99, c))
    return tuple(MeetingType(c, labels.get(("meeting_type", c), c)) for c in ordered)


def opinion_stats(
    session: Session, meetings: Sequence[str], end: date, as_of: date
) -> OpinionStats:
    """Opinions raised at `meetings`: answered by `end`, pending, and overdue on `as_of`."""
    rows = session.execute(
        select(Opinion.id, Opinion.status, Opinion.replied_on, Opinion.deadline).where(
            Opinion.deleted.is_(False), Opinion.meeting_id.in_(meetings)
        )
    ).all()
    answered = {i for i, status, replied, _ in rows if _answered(status, replied, end)}
    pending = [r for r in rows if r[0] not in answered]
    overdue = [i for i, _, _, deadline in pending if deadline is not None and deadline < as_of]
    return OpinionStats(
        raised=counted(N_("Ý kiến Nhân dân nêu tại các cuộc họp"), "opinion", [r[0] for r in rows]),
        answered=counted(N_("Ý kiến đã trả lời"), "opinion", answered),
        pending=counted(N_("Ý kiến chưa trả lời"), "opinion", [r[0] for r in pending]),
        overdue=counted(N_("Ý kiến quá hạn chưa trả lời"), "opinion", overdue),
    )


def _answered(status: str | None, replied_on: date | None, end: date) -> bool:
    return status in ANSWERED and (replied_on is None or replied_on <= end)
