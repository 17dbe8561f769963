"""Duplicate people and households: what looks the same, the review list, and merging.

Số định danh cannot be unique across offline replicas, so the same person may arrive twice
(typed at two posts, or by the hub). Merging keeps both records: the merged one points to the
kept one (`merged_into`), everything that referred to it now refers to the kept one, and both
histories stay in the change log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.base import SYNCED, Synced
from db.models import Household, Person
from db.uow import Database
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks
from desktop_app.records.catalog import record_types
from desktop_app.services import audit
from desktop_app.text import clean, fold
from desktop_app.work import Work, work

MERGEABLE = ("person", "household")


@dataclass(frozen=True)
class Candidate:
    id: str
    title: str
    detail: str


@dataclass(frozen=True)
class DuplicateGroup:
    record_type: str
    reason: str
    records: tuple[Candidate, ...]


def similar_people(
    session: Session,
    full_name: str,
    birth_year: int | None,
    area_id: str | None,
    exclude_id: str | None = None,
) -> list[Person]:
    """Live people with the same folded name and birth year in the same area."""
    if not birth_year or not clean(full_name):
        return []
    query = (
        select(Person)
        .where(Person.name_fold == fold(full_name), Person.birth_year == birth_year)
        .where(Person.deleted.is_(False), Person.merged_into.is_(None))
    )
    if area_id:
        query = query.join(Household, Household.id == Person.household_id).where(
            Household.area_id == area_id
        )
    if exclude_id:
        query = query.where(Person.id != exclude_id)
    return list(session.scalars(query.limit(5)))


@hooks.before_save("person")
def _flag_similar(ctx: hooks.SaveContext) -> None:
    """Same folded name + birth year in the same area: allowed, but the officer is told."""
    if not ctx.creating and not {"full_name", "birth_year", "birth_date"} & set(ctx.values):
        return
    born = ctx.current("birth_date")
    ctx.warnings += _warnings(
        ctx.work.session,
        ctx.current("full_name") or "",
        born.year if born else ctx.current("birth_year"),
        ctx.current("household_id"),
        ctx.existing.id if ctx.existing is not None else None,
    )


def person_warnings(db: Database, actor: Actor, data: Mapping[str, Any]) -> list[str]:
    """What saving this person would warn about, without saving (forms ask first)."""
    born = data.get("birth_date")
    year = born.year if isinstance(born, date) else data.get("birth_year")
    with work(db, actor, write=False) as w:
        return _warnings(
            w.session,
            str(data.get("full_name") or ""),
            _year(year),
            data.get("household_id"),
            data.get("id"),
        )


def _year(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _warnings(
    session: Session,
    full_name: str,
    year: int | None,
    household_id: str | None,
    exclude: str | None,
) -> list[str]:
    household = session.get(Household, household_id or "")
    area = household.area_id if household is not None else None
    return [
        tr(
            "Có thể trùng với {name} (sinh {year}) cùng thôn, tổ dân phố: mã {id}.",
            name=other.full_name,
            year=other.birth_year,
            id=other.id,
        )
        for other in similar_people(session, full_name, year, area, exclude)
    ]


def review(db: Database, actor: Actor) -> list[DuplicateGroup]:
    """Records to look at: the same số định danh twice, or the same name and birth year."""
    with work(db, actor, write=False) as w:
        return _same_id_number(w.session) + _same_name_and_year(w.session)


def _same_id_number(session: Session) -> list[DuplicateGroup]:
    numbers = (
        select(Person.id_number)
        .where(
            Person.id_number.is_not(None), Person.deleted.is_(False), Person.merged_into.is_(None)
        )
        .group_by(Person.id_number)
        .having(func.count() > 1)
    )
    groups = []
    for number in session.scalars(numbers):
        people = session.scalars(
            select(Person).where(
                Person.id_number == number, Person.deleted.is_(False), Person.merged_into.is_(None)
            )
        )
        reason = tr("Cùng số định danh {number}", number=number)
        groups.append(DuplicateGroup("person", reason, tuple(_candidate(p) for p in people)))
    return groups


def _same_name_and_year(session: Session) -> list[DuplicateGroup]:
    keys = (
        select(Person.name_fold, Person.birth_year, Household.area_id)
        .join(Household, Household.id == Person.household_id)
        .where(
            Person.deleted.is_(False), Person.merged_into.is_(None), Person.birth_year.is_not(None)
        )
        .group_by(Person.name_fold, Person.birth_year, Household.area_id)
        .having(func.count() > 1)
    )
    groups = []
    for name_fold, year, area in session.execute(keys):
        people = session.scalars(
            select(Person)
            .join(Household, Household.id == Person.household_id)
            .where(
                Person.name_fold == name_fold,
                Person.birth_year == year,
                Household.area_id == area,
                Person.deleted.is_(False),
                Person.merged_into.is_(None),
            )
        )
        found = tuple(_candidate(p) for p in people)
        reason = tr("Cùng họ tên và năm sinh {year} trong một thôn", year=year)
        groups.append(DuplicateGroup("person", reason, found))
    return groups


def _candidate(person: Person) -> Candidate:
    detail = " · ".join(str(v) for v in (person.birth_year, person.id_number, person.address) if v)
    return Candidate(person.id, person.full_name or "", detail)


def merge(db: Database, actor: Actor, record_type: str, keep_id: str, other_id: str) -> Changes:
    """Merge `other` into `keep`: references move to `keep`, gaps in `keep` are filled."""
    require_write(actor)
    if record_type not in MERGEABLE:
        raise ValidationError(tr("Chỉ gộp được nhân khẩu hoặc hộ gia đình."))
    if keep_id == other_id:
        raise ValidationError(tr("Không thể gộp một hồ sơ với chính nó."))
    with work(db, actor, write=True) as w:
        keep, other = _live(w, record_type, keep_id), _live(w, record_type, other_id)
        filled = _fill_gaps(record_type, keep, other)
        moved = _repoint(w.session, record_type, other_id, keep_id)
        other.merged_into = keep.id  # type: ignore[attr-defined]
        w.session.flush()
        audit.append(
            w,
            "merge",
            record_type,
            keep.id,
            {"merged": other.id, "filled": filled, "references_moved": moved},
        )
        return w.changes()


def _live(w: Work, record_type: str, record_id: str) -> Synced:
    obj = w.session.get(SYNCED[record_type], record_id)
    if obj is None or obj.deleted or getattr(obj, "merged_into", None):
        raise NotFoundError(tr("Không tìm thấy hồ sơ có mã '{id}'.", id=record_id))
    return obj


def _fill_gaps(record_type: str, keep: Synced, other: Synced) -> list[str]:
    filled = []
    for spec in record_types()[record_type].fields:
        if spec.name in ("merged_into", "unit_code"):
            continue
        if getattr(keep, spec.name) in (None, "") and getattr(other, spec.name) not in (None, ""):
            setattr(keep, spec.name, getattr(other, spec.name))
            filled.append(spec.name)
    return filled


def _repoint(session: Session, record_type: str, old: str, new: str) -> int:
    """Every reference to `old` now points to `new`, each move a logged field change."""
    moved = 0
    for rtype in record_types().values():
        for spec in rtype.fields:
            if spec.ref != record_type or spec.name == "merged_into":
                continue
            column = getattr(rtype.model, spec.name)
            for row in session.scalars(select(rtype.model).where(column == old)):
                setattr(row, spec.name, new)
                moved += 1
    return moved
