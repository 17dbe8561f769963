"""The overview page: real counts of the post's records, and what is due or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.models import (
    CaseClassification,
    CaseContact,
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
from desktop_app.calendar import add_working_days
from desktop_app.work import work

# Days between contacts by class (Thông tư 10/2024 leaves the rhythm to the post; D: detained).
CONTACT_DAYS = {"A": 90, "B": 30, "C": 14}
DEFAULT_CONTACT_DAYS = 30
CONFIRM_WORKING_DAYS = 3
SOON_DAYS = 7


@dataclass(frozen=True)
class Count:
    label: str  # Vietnamese source text; `placeholders` fill its {names} after translation
    value: int
    record_type: str
    placeholders: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class DueItem:
    kind: str  # contact | confirm_residence | report_in | opinion
    title: str
    detail: str
    record_type: str
    record_id: str
    due: date
    overdue: bool


@dataclass(frozen=True)
class Overview:
    today: date
    counts: tuple[Count, ...]
    due: tuple[DueItem, ...]


@dataclass(frozen=True)
class StatusInfo:
    unit_name: str
    unit_code: str
    role: str
    officer: str
    last_sync: Any  # datetime | None


def overview(db: Database, actor: Actor, today: date | None = None) -> Overview:
    day = today or date.today()
    with work(db, actor, write=False) as w:
        counts = _counts(w.session, day)
        due = _due_cases(w.session, day) if actor.sees_case_details else []
        due += _due_opinions(w.session, day)
    return Overview(day, tuple(counts), tuple(sorted(due, key=lambda d: (d.due, d.title))))


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


def _open_cases(session: Session) -> list[tuple[ReintegrationCase, str]]:
    query = (
        select(ReintegrationCase, Person.full_name)
        .join(Person, Person.id == ReintegrationCase.person_id)
        .where(ReintegrationCase.status == "open", ReintegrationCase.deleted.is_(False))
    )
    return [(case, name or "") for case, name in session.execute(query)]


def _due_cases(session: Session, day: date) -> list[DueItem]:
    cases = _open_cases(session)
    ids = [c.id for c, _ in cases]
    contacts = (
        select(CaseContact.case_id, func.max(CaseContact.contact_on))
        .where(CaseContact.case_id.in_(ids), CaseContact.deleted.is_(False))
        .group_by(CaseContact.case_id)
    )
    last_contact: dict[str, date | None] = {k or "": v for k, v in session.execute(contacts)}
    classes = (
        select(CaseClassification.case_id, CaseClassification.level)
        .where(CaseClassification.case_id.in_(ids), CaseClassification.deleted.is_(False))
        .order_by(CaseClassification.decided_on, CaseClassification.created_at)
    )
    level: dict[str, str | None] = {k or "": v for k, v in session.execute(classes)}
    items: list[DueItem] = []
    for case, name in cases:
        items += _case_items(case, name, day, last_contact.get(case.id), level.get(case.id))
    return [i for i in items if i.due <= day + timedelta(days=SOON_DAYS)]


def _case_items(
    case: ReintegrationCase, name: str, day: date, last: date | None, level: str | None
) -> list[DueItem]:
    items = []
    label = f"{name} ({case.case_no})"

    def item(kind: str, title: str, due: date) -> DueItem:
        return DueItem(kind, title, label, "reintegration_case", case.id, due, due < day)

    if case.notice_received_on and not case.residence_confirmed_on:
        due = add_working_days(case.notice_received_on, CONFIRM_WORKING_DAYS)
        items.append(item("confirm_residence", "Xác nhận nơi cư trú (3 ngày làm việc)", due))
    if case.release_date and not case.reported_on and case.release_date <= day:
        items.append(item("report_in", "Chưa trình diện sau khi ra trại", case.release_date))
    if level != "D":
        start = last or case.reported_on or case.release_date
        if start:
            days = CONTACT_DAYS.get(level or "", DEFAULT_CONTACT_DAYS)
            items.append(
                item("contact", "Đến hạn tiếp xúc, làm việc", start + timedelta(days=days))
            )
    return items


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
