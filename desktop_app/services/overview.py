"""The overview page: real counts of the post's records, and what is due or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.models import (
    Household,
    HouseholdGroup,
    InboxPackage,
    LocalReplica,
    Meeting,
    Opinion,
    Person,
    ReintegrationCase,
    SecurityTeam,
)
from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.services import case_schedule
from desktop_app.services.case_schedule import DueItem
from desktop_app.work import work

SOON_DAYS = 7


@dataclass(frozen=True)
class Count:
    label: str  # Vietnamese source text; `placeholders` fill its {names} after translation
    value: int
    record_type: str
    placeholders: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Overview:
    today: date
    counts: tuple[Count, ...]
    due: tuple[DueItem, ...]  # the soonest `DUE_SHOWN`
    due_more: int = 0  # due items beyond those


@dataclass(frozen=True)
class StatusInfo:
    unit_name: str
    unit_code: str
    role: str
    officer: str
    last_sync: Any  # datetime | None


# A hub's province has tens of thousands of contacts due: the overview lists the soonest and
# says how many more there are (each one held on screen cost a hub ~90 MB and a slow table).
DUE_SHOWN = 300


def overview(db: Database, actor: Actor, today: date | None = None) -> Overview:
    day = today or date.today()
    with work(db, actor, write=False) as w:
        counts = _counts(w.session, day)
        due = case_schedule.due_items(w.session, day, SOON_DAYS) if actor.sees_case_details else []
        due += _due_opinions(w.session, day)
    due.sort(key=lambda d: (d.due, d.title))
    return Overview(day, tuple(counts), tuple(due[:DUE_SHOWN]), max(0, len(due) - DUE_SHOWN))


def status(db: Database, actor: Actor) -> StatusInfo:
    with work(db, actor, write=False) as w:
        me = w.session.scalars(select(LocalReplica)).one()
        last = w.session.scalar(select(func.max(InboxPackage.received_at)))
        return StatusInfo(me.name, me.unit_code, me.role, actor.full_name, last)


def _count(session: Session, model: Any, *conditions: Any) -> int:
    query = select(func.count()).select_from(model).where(model.deleted.is_(False), *conditions)
    return int(session.scalar(query) or 0)


def _counts(session: Session, day: date) -> list[Count]:
    year_start = date(day.year, 1, 1)
    return [
        Count("Hộ gia đình", _count(session, Household), "household"),
        Count(
            "Nhân khẩu đang cư trú",
            _count(session, Person, Person.residence_status.in_(("present", "temporarily_absent"))),
            "person",
        ),
        Count(
            "Tổ tự quản đang hoạt động",
            _count(session, HouseholdGroup, HouseholdGroup.status == "active"),
            "household_group",
        ),
        Count(
            "Tổ bảo vệ ANTT",
            _count(session, SecurityTeam, SecurityTeam.status == "active"),
            "security_team",
        ),
        Count(
            "Hồ sơ tái hòa nhập đang quản lý",
            _count(session, ReintegrationCase, ReintegrationCase.status == "open"),
            "reintegration_case",
        ),
        Count(
            "Cuộc họp năm {year}",
            _count(session, Meeting, Meeting.starts_at >= year_start),
            "meeting",
            (("year", day.year),),
        ),
        Count(
            "Ý kiến chưa giải quyết",
            _count(session, Opinion, Opinion.status.in_(("open", "referred"))),
            "opinion",
        ),
    ]


def _due_opinions(session: Session, day: date) -> list[DueItem]:
    query = select(Opinion.id, Opinion.content, Opinion.speaker_name, Opinion.deadline).where(
        Opinion.deleted.is_(False),
        Opinion.status.in_(("open", "referred")),
        and_(Opinion.deadline.is_not(None), Opinion.deadline <= day + timedelta(days=SOON_DAYS)),
    )
    return [
        DueItem(
            "opinion",
            "Trả lời ý kiến của Nhân dân",
            f"{speaker}: {_short(content)}",
            "opinion",
            oid,
            deadline,
            deadline < day,
        )
        for oid, content, speaker, deadline in session.execute(query)
        if deadline is not None
    ]


def _short(text: str | None, size: int = 80) -> str:
    text = text or ""
    return text if len(text) <= size else text[: size - 1] + "…"
