"""Rosters to print: a household group's member households, a security team's members.

`group_roster` and `team_list` gather frozen data (desktop_app.reports.rosters) in one read;
`print_group_roster` and `print_team_list` also write the PDF and log a "print" audit event,
and are what the GUI runs in its worker and the CLI runs directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Area,
    GroupMember,
    Household,
    HouseholdGroup,
    Person,
    SecurityTeam,
    TeamArea,
    TeamMember,
    VocabularyTerm,
)
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor
from desktop_app.errors import AntqError, NotFoundError
from desktop_app.i18n import tr
from desktop_app.records.labels import choice_label
from desktop_app.reports.decree30 import Letterhead, ProgressCallback, commune_letterhead
from desktop_app.reports.rosters import (
    GroupRoster,
    RosterHousehold,
    TeamList,
    TeamMemberRow,
    write_group_roster,
    write_team_list,
)
from desktop_app.services import audit
from desktop_app.text import collation_key, fold, name_sort_key
from desktop_app.work import Work, work

# Nhân khẩu counted on a roster: people who still live in the household.
GONE = ("moved_out", "deceased")
TEAM_RECIPIENTS = ("Lưu: VT, hồ sơ",)
_ROLE_ORDER = {"to_truong": 0, "to_pho": 1, "to_vien": 2}


def group_roster(
    db: Database,
    actor: Actor,
    group_id: str,
    *,
    on: date | None = None,
    recipients: Sequence[str] = (),
) -> GroupRoster:
    """The households now in a group (no leaving date), by their heads' given names."""
    with work(db, actor, write=False) as w:
        group = w.session.get(HouseholdGroup, group_id)
        if group is None or group.deleted:
            raise NotFoundError(tr("Không tìm thấy tổ tự quản có mã '{id}'.", id=group_id))
        leaders = _group_leaders(w.session, group_id)
        deputies = tuple(name for role, name in leaders if role == "deputy")
        return GroupRoster(
            letterhead=_letterhead(w, group.unit_code, on),
            group_name=_group_title(w.session, group),
            group_type=_term(w.session, "group_type", group.group_type),
            leader=next((name for role, name in leaders if role == "leader"), ""),
            deputies=deputies,
            households=_group_households(w.session, group_id),
            recipients=tuple(recipients),
        )


def team_list(
    db: Database,
    actor: Actor,
    team_id: str,
    *,
    on: date | None = None,
    recipients: Sequence[str] = TEAM_RECIPIENTS,
) -> TeamList:
    """A team's current members: tổ trưởng, tổ phó, then tổ viên, each by given name.

    The head of the post signs; the name is printed when the officer printing is the
    replica's chief (an admin), otherwise left blank for a hand-written one.
    """
    with work(db, actor, write=False) as w:
        team = w.session.get(SecurityTeam, team_id)
        if team is None or team.deleted:
            raise NotFoundError(tr("Không tìm thấy Tổ bảo vệ ANTT có mã '{id}'.", id=team_id))
        head = _letterhead(w, team.unit_code, on)
        return TeamList(
            letterhead=head,
            team_name=team.name or "",
            decision_no=team.decision_no or "",
            decision_date=team.decision_date,
            decided_by=team.decided_by or "",
            areas=_team_areas(w.session, team_id),
            members=_team_members(w.session, team_id),
            signer_title=(f"TRƯỞNG {head.issuer}",),
            signer_name=actor.full_name if actor.is_admin else "",
            recipients=tuple(recipients),
        )


def print_group_roster(
    db: Database,
    actor: Actor,
    group_id: str,
    path: Path | str,
    *,
    on: date | None = None,
    recipients: Sequence[str] = (),
    progress: ProgressCallback | None = None,
) -> GroupRoster:
    """Gather, write the PDF at `path`, and log the print; the data, for counts."""
    data = group_roster(db, actor, group_id, on=on, recipients=recipients)
    _write(write_group_roster, data, path, progress)
    detail = {"document": "group_roster", "rows": len(data.households), "file": Path(path).name}
    _log_print(db, actor, "household_group", group_id, detail)
    return data


def print_team_list(
    db: Database,
    actor: Actor,
    team_id: str,
    path: Path | str,
    *,
    on: date | None = None,
    recipients: Sequence[str] = TEAM_RECIPIENTS,
    progress: ProgressCallback | None = None,
) -> TeamList:
    """Gather, write the PDF at `path`, and log the print; the data, for counts."""
    data = team_list(db, actor, team_id, on=on, recipients=recipients)
    _write(write_team_list, data, path, progress)
    detail = {"document": "team_list", "rows": len(data.members), "file": Path(path).name}
    _log_print(db, actor, "security_team", team_id, detail)
    return data


def _write(writer: Any, data: Any, path: Path | str, progress: ProgressCallback | None) -> None:
    try:
        writer(data, path, progress)
    except OSError as error:
        raise AntqError(
            tr(
                "Không ghi được tệp '{path}' (thư mục không tồn tại, không có quyền ghi, hoặc "
                "tệp đang mở trong chương trình khác).",
                path=str(path),
            ),
            str(error),
        ) from error


def _log_print(
    db: Database, actor: Actor, record_type: str, record_id: str, detail: Mapping[str, Any]
) -> None:
    with work(db, actor, write=True) as w:
        audit.append(w, "print", record_type, record_id, detail)


def _letterhead(w: Work, unit_code: str | None, on: date | None) -> Letterhead:
    """The header of the post that owns the record (a hub prints a post's roster as the post)."""
    day = on or date.today()
    code = unit_code or w.replica.unit_code
    try:
        return commune_letterhead(code, day)
    except NotFoundError:
        # A province code (hub replica): the provincial police under the ministry.
        province = admin_units.province(code)
        issuer = f"CÔNG AN {province.name}".upper()
        return Letterhead("BỘ CÔNG AN", issuer, province.short_name, day)


def _term(session: Session, vocabulary: str, code: str | None) -> str:
    """The label of a vocabulary term as the post named it (documents stay in Vietnamese)."""
    if not code:
        return ""
    label = session.scalar(
        select(VocabularyTerm.label).where(
            VocabularyTerm.vocabulary == vocabulary, VocabularyTerm.code == code
        )
    )
    return label or code


def _area_name(session: Session, area: Area | None) -> str:
    """The area's name with its kind in front unless it has it: "Thôn Đồng Tâm"."""
    if area is None or not area.name:
        return ""
    kind = _term(session, "area_kind", area.kind)
    if not kind or fold(area.name).startswith(fold(kind)):
        return area.name
    return f"{kind} {area.name}"


def _group_title(session: Session, group: HouseholdGroup) -> str:
    """The group's name, followed by its area unless the name already says it."""
    name = group.name or ""
    area = _area_name(session, session.get(Area, group.area_id) if group.area_id else None)
    if area and fold(area) not in fold(name):
        return f"{name}, {area}" if name else area
    return name


def _group_leaders(session: Session, group_id: str) -> list[tuple[str, str]]:
    """(role, name) of the current leader(s) and deputies, longest-serving first."""
    rows = session.execute(
        select(GroupMember.role, Person.full_name)
        .join(Person, Person.id == GroupMember.person_id)
        .where(
            GroupMember.group_id == group_id,
            GroupMember.role.in_(("leader", "deputy")),
            GroupMember.left_on.is_(None),
            GroupMember.deleted.is_(False),
            Person.deleted.is_(False),
        )
        .order_by(GroupMember.joined_on, GroupMember.created_at)
    )
    return [(role or "", name or "") for role, name in rows]


def _group_households(session: Session, group_id: str) -> tuple[RosterHousehold, ...]:
    member_rows = (
        select(GroupMember.household_id, GroupMember.note)
        .where(
            GroupMember.group_id == group_id,
            GroupMember.role == "member",
            GroupMember.left_on.is_(None),
            GroupMember.deleted.is_(False),
            GroupMember.household_id.is_not(None),
        )
        .subquery()
    )
    rows = session.execute(
        select(Household, Person, member_rows.c.note)
        .join(member_rows, member_rows.c.household_id == Household.id)
        .outerjoin(Person, (Person.id == Household.head_person_id) & Person.deleted.is_(False))
        .where(Household.deleted.is_(False), Household.merged_into.is_(None))
    ).all()
    counts = _residents(session, select(member_rows.c.household_id))
    found: dict[str, tuple[str, RosterHousehold]] = {}
    for home, head, note in rows:
        if home.id in found:
            continue  # the same household entered twice
        key = name_sort_key(head.full_name or "", head.given_name) if head else "~"
        row = RosterHousehold(
            head_name=(head.full_name or "") if head else "",
            birth_year=_birth_year(head),
            address=home.address or "",
            members=counts.get(home.id, 0),
            phone=home.phone or (head.phone if head else "") or "",
            note=note or "",
        )
        found[home.id] = (f"{key}\x00{collation_key(row.address)}", row)
    return tuple(row for _, row in sorted(found.values(), key=lambda pair: pair[0]))


def _residents(session: Session, household_ids: Any) -> dict[str, int]:
    query = (
        select(Person.household_id, func.count())
        .where(
            Person.household_id.in_(household_ids),
            Person.deleted.is_(False),
            Person.merged_into.is_(None),
            Person.residence_status.is_(None) | Person.residence_status.not_in(GONE),
        )
        .group_by(Person.household_id)
    )
    return {home or "": int(n) for home, n in session.execute(query)}


def _birth_year(person: Person | None) -> str:
    if person is None:
        return ""
    if person.birth_year:
        return str(person.birth_year)
    return str(person.birth_date.year) if person.birth_date else ""


def _team_areas(session: Session, team_id: str) -> tuple[str, ...]:
    areas = session.scalars(
        select(Area)
        .join(TeamArea, TeamArea.area_id == Area.id)
        .where(TeamArea.team_id == team_id, TeamArea.deleted.is_(False), Area.deleted.is_(False))
    ).all()
    names = {_area_name(session, area) for area in areas}
    return tuple(sorted(names, key=collation_key))


def _team_members(session: Session, team_id: str) -> tuple[TeamMemberRow, ...]:
    rows = session.execute(
        select(TeamMember, Person, Household.address)
        .join(Person, Person.id == TeamMember.person_id)
        .outerjoin(Household, Household.id == Person.household_id)
        .where(
            TeamMember.team_id == team_id,
            TeamMember.left_on.is_(None),
            TeamMember.deleted.is_(False),
            Person.deleted.is_(False),
        )
    ).all()
    ordered = sorted(
        rows,
        key=lambda r: (
            _ROLE_ORDER.get(r[0].role or "", 3),
            name_sort_key(r[1].full_name or "", r[1].given_name),
        ),
    )
    return tuple(
        TeamMemberRow(
            full_name=person.full_name or "",
            birth_year=_birth_year(person),
            role=member.role or "",
            source=choice_label(member.source, "team_member", "source") if member.source else "",
            residence=person.address or address or "",
            phone=person.phone or "",
        )
        for member, person, address in ordered
    )
