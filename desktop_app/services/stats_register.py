"""Statistics of the register: households covered by household groups per area, groups and
security teams founded and in operation, and their yearly ratings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from db.models import (
    Area,
    GroupMember,
    GroupRating,
    Household,
    HouseholdGroup,
    SecurityTeam,
    TeamRating,
    VocabularyTerm,
)
from db.models.groups import TEAM_RATINGS
from desktop_app.i18n import N_
from desktop_app.records.labels import choice_label
from desktop_app.services.stats_model import (
    AreaCoverage,
    Figure,
    GroupStats,
    Rating,
    Scope,
    counted,
    share,
)
from desktop_app.text import fold

RATING_DAY = (11, 14)  # ratings of year Y close the movement year on 14/11/Y
NO_AREA = "(Chưa rõ thôn, tổ dân phố)"


@dataclass(frozen=True)
class Coverage:
    areas: tuple[AreaCoverage, ...]
    households: Figure
    covered: Figure
    coverage: Figure


def coverage(
    session: Session, scope: Scope, end: date, labels: Mapping[tuple[str, str], str]
) -> Coverage:
    """Households of the register by area, and those in a household group at `end`."""
    query = select(Household.id, Household.area_id).where(
        scope.live(Household), Household.merged_into.is_(None)
    )
    homes: dict[str, str | None] = {home: area for home, area in session.execute(query)}
    covered = _covered(session, end) & set(homes)
    areas = [
        _area_row(area_id, title, homes, covered)
        for area_id, title in _areas(session, scope, labels)
    ]
    known = {a.area_id for a in areas}
    stray = {h: a for h, a in homes.items() if a not in known}
    if stray:
        areas.append(_area_row(None, NO_AREA, {h: None for h in stray}, covered))
    households = counted(N_("Tổng số hộ gia đình"), "household", homes)
    in_groups = counted(N_("Hộ tham gia tổ tự quản"), "household", covered)
    rate = share(N_("Tỷ lệ hộ tham gia tổ tự quản"), in_groups, households)
    return Coverage(tuple(areas), households, in_groups, rate)


def _area_row(
    area_id: str | None, title: str, homes: Mapping[str, str | None], covered: set[str]
) -> AreaCoverage:
    mine = [h for h, a in homes.items() if a == area_id]
    return AreaCoverage(
        area_id,
        title,
        counted(N_("Số hộ"), "household", mine),
        counted(N_("Hộ tham gia tổ"), "household", [h for h in mine if h in covered]),
    )


def _areas(
    session: Session, scope: Scope, labels: Mapping[tuple[str, str], str]
) -> list[tuple[str, str]]:
    rows = session.execute(
        select(Area.id, Area.name, Area.kind).where(scope.live(Area)).order_by(Area.sort_key)
    )
    return [(area_id, area_title(name, kind, labels)) for area_id, name, kind in rows]


def area_title(name: str | None, kind: str | None, labels: Mapping[tuple[str, str], str]) -> str:
    """ "Thôn Đồng Tâm": the kind in front unless the name already starts with it."""
    kind_label = labels.get(("area_kind", kind or ""), "")
    text = name or ""
    if not kind_label or fold(text).startswith(fold(kind_label)):
        return text
    return f"{kind_label} {text}"


def _covered(session: Session, end: date) -> set[str]:
    """Households that were members of a group in operation at `end` on that day."""
    query = (
        select(GroupMember.household_id)
        .join(HouseholdGroup, HouseholdGroup.id == GroupMember.group_id)
        .where(
            GroupMember.deleted.is_(False),
            GroupMember.household_id.is_not(None),
            or_(GroupMember.joined_on.is_(None), GroupMember.joined_on <= end),
            or_(GroupMember.left_on.is_(None), GroupMember.left_on > end),
            _group_in_operation(end),
        )
    )
    return {h for h in session.scalars(query) if h}


def _group_in_operation(end: date) -> ColumnElement[bool]:
    return (
        HouseholdGroup.deleted.is_(False)
        & or_(HouseholdGroup.founded_on.is_(None), HouseholdGroup.founded_on <= end)
        & _not_dissolved(HouseholdGroup, end)
    )


def _not_dissolved(model: Any, end: date) -> ColumnElement[bool]:
    """Active, or dissolved after `end` (a dissolved row without its date counts as gone)."""
    result: ColumnElement[bool] = or_(
        model.status.is_(None),
        model.status != "dissolved",
        model.dissolved_on > end,
    )
    return result


def groups(
    session: Session,
    scope: Scope,
    start: date,
    end: date,
    labels: Mapping[tuple[str, str], str],
) -> GroupStats:
    years = rating_years(start, end)
    return GroupStats(
        groups_active=_ids(
            session,
            N_("Tổ tự quản đang hoạt động"),
            HouseholdGroup,
            scope.live(HouseholdGroup) & _group_in_operation(end),
        ),
        groups_founded=_ids(
            session,
            N_("Tổ tự quản thành lập trong kỳ"),
            HouseholdGroup,
            scope.live(HouseholdGroup) & HouseholdGroup.founded_on.between(start, end),
        ),
        teams_active=_ids(
            session,
            N_("Tổ bảo vệ ANTT đang hoạt động"),
            SecurityTeam,
            scope.live(SecurityTeam) & _team_in_operation(end),
        ),
        teams_founded=_ids(
            session,
            N_("Tổ bảo vệ ANTT thành lập trong kỳ"),
            SecurityTeam,
            scope.live(SecurityTeam) & SecurityTeam.decision_date.between(start, end),
        ),
        rating_years=years,
        group_ratings=_group_ratings(session, scope, years, labels),
        team_ratings=_team_ratings(session, scope, years),
    )


def rating_years(start: date, end: date) -> tuple[int, ...]:
    """Years whose rating falls in the period: the period holds 14/11 of that year."""
    return tuple(y for y in range(start.year, end.year + 1) if start <= date(y, *RATING_DAY) <= end)


def _team_in_operation(end: date) -> ColumnElement[bool]:
    return or_(SecurityTeam.decision_date.is_(None), SecurityTeam.decision_date <= end) & (
        _not_dissolved(SecurityTeam, end)
    )


def _ids(session: Session, label: str, model: Any, condition: ColumnElement[bool]) -> Figure:
    return counted(label, model.__tablename__, session.scalars(select(model.id).where(condition)))


def _group_ratings(
    session: Session, scope: Scope, years: tuple[int, ...], labels: Mapping[tuple[str, str], str]
) -> tuple[Rating, ...]:
    rows = session.execute(
        select(GroupRating.id, GroupRating.rating)
        .join(HouseholdGroup, HouseholdGroup.id == GroupRating.group_id)
        .where(
            scope.live(GroupRating),
            HouseholdGroup.deleted.is_(False),
            GroupRating.year.in_(years),
        )
    ).all()
    order = _vocabulary_order(session, "group_rating")
    levels = sorted({level or "" for _, level in rows}, key=lambda c: (order.get(c, 99), c))
    return tuple(
        Rating(
            level,
            counted(
                labels.get(("group_rating", level), level),
                "group_rating",
                [i for i, lv in rows if (lv or "") == level],
            ),
        )
        for level in levels
    )


def _team_ratings(session: Session, scope: Scope, years: tuple[int, ...]) -> tuple[Rating, ...]:
    rows = session.execute(
        select(TeamRating.id, TeamRating.level)
        .join(SecurityTeam, SecurityTeam.id == TeamRating.team_id)
        .where(
            scope.live(TeamRating),
            SecurityTeam.deleted.is_(False),
            TeamRating.member_id.is_(None),
            TeamRating.period_year.in_(years),
        )
    ).all()
    return tuple(
        Rating(
            level,
            counted(
                choice_label(level, "team_rating", "level"),
                "team_rating",
                [i for i, lv in rows if lv == level],
            ),
        )
        for level in TEAM_RATINGS
        if any(lv == level for _, lv in rows)
    )


def _vocabulary_order(session: Session, vocabulary: str) -> dict[str, int]:
    rows = session.execute(
        select(VocabularyTerm.code, VocabularyTerm.position).where(
            VocabularyTerm.vocabulary == vocabulary
        )
    )
    return {code or "": position or 0 for code, position in rows}
