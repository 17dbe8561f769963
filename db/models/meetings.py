"""Meeting minutes (Biên bản): the meeting, who attended, what was said, opinions and follow-up."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Mapped

from db import columns as c
from db.base import Synced

OPINION_STATUSES = ("open", "answered", "referred", "closed")


class Meeting(Synced):
    """A meeting with residents; draft → held → closed, closed minutes are locked."""

    __tablename__ = "meeting"

    meeting_type: Mapped[str | None] = c.vocab("meeting_type", required=True)
    subject: Mapped[str | None] = c.text(300, required=True, search=True)
    status: Mapped[str | None] = c.choice("draft", "held", "closed", default="draft")
    starts_at: Mapped[datetime | None] = c.local_time(required=True)
    ends_at: Mapped[datetime | None] = c.local_time()
    place: Mapped[str | None] = c.text(300, search=True)
    area_id: Mapped[str | None] = c.ref("area")
    group_id: Mapped[str | None] = c.ref("household_group")
    team_id: Mapped[str | None] = c.ref("security_team")
    chair_name: Mapped[str | None] = c.text(120)
    chair_title: Mapped[str | None] = c.text(200)
    secretary_name: Mapped[str | None] = c.text(120)
    secretary_title: Mapped[str | None] = c.text(200)
    present_count: Mapped[int | None] = c.integer(minimum=0)
    absent_count: Mapped[int | None] = c.integer(minimum=0)
    absent_reasons: Mapped[str | None] = c.text(None)
    conclusions: Mapped[str | None] = c.text(None)
    votes_for: Mapped[int | None] = c.integer(minimum=0)
    votes_against: Mapped[int | None] = c.integer(minimum=0)
    votes_other: Mapped[int | None] = c.integer(minimum=0)
    recipients: Mapped[str | None] = c.text(None)
    doc_year: Mapped[int | None] = c.integer()
    doc_seq: Mapped[int | None] = c.integer()
    doc_number: Mapped[str | None] = c.text(40, search=True)
    closed_at: Mapped[datetime | None] = c.instant()


class MeetingAttendee(Synced):
    """An official (with title), a household from the register, or another person present."""

    __tablename__ = "meeting_attendee"

    meeting_id: Mapped[str | None] = c.ref("meeting", required=True)
    kind: Mapped[str | None] = c.choice("official", "household", "person", required=True)
    name: Mapped[str | None] = c.text(120, required=True)
    title: Mapped[str | None] = c.text(200)
    household_id: Mapped[str | None] = c.ref("household")
    person_id: Mapped[str | None] = c.ref("person")
    present: Mapped[bool] = c.flag(default=True)
    absent_reason: Mapped[str | None] = c.text(200)


class AgendaItem(Synced):
    __tablename__ = "agenda_item"

    meeting_id: Mapped[str | None] = c.ref("meeting", required=True)
    position: Mapped[int | None] = c.integer(required=True, minimum=1)
    title: Mapped[str | None] = c.text(300, required=True)
    content: Mapped[str | None] = c.text(None)


class Opinion(Synced):
    """An opinion raised by a resident and how the post answers or refers it, by a deadline."""

    __tablename__ = "opinion"

    meeting_id: Mapped[str | None] = c.ref("meeting", required=True)
    position: Mapped[int | None] = c.integer(minimum=1)
    speaker_name: Mapped[str | None] = c.text(120, required=True, search=True)
    speaker_person_id: Mapped[str | None] = c.ref("person")
    content: Mapped[str | None] = c.text(None, required=True, search=True)
    category: Mapped[str | None] = c.vocab("opinion_category")
    answer: Mapped[str | None] = c.text(None)
    within_authority: Mapped[bool] = c.flag(default=True)
    referred_to: Mapped[str | None] = c.text(200)
    responsible: Mapped[str | None] = c.text(120)
    deadline: Mapped[date | None] = c.day()
    status: Mapped[str | None] = c.choice(*OPINION_STATUSES, default="open")
    replied_on: Mapped[date | None] = c.day()
    reply: Mapped[str | None] = c.text(None)
    reported_back_meeting_id: Mapped[str | None] = c.ref("meeting")


class MeetingAddendum(Synced):
    """A dated correction to closed minutes; it prints with them."""

    __tablename__ = "meeting_addendum"

    meeting_id: Mapped[str | None] = c.ref("meeting", required=True)
    made_on: Mapped[date | None] = c.day(required=True)
    content: Mapped[str | None] = c.text(None, required=True)
