"""Retention of closed reintegration cases: which ones have been kept longer than the period the
province set (`case_retention_years`), so the post chief reviews and deletes them. The list
itself is sensitive, so only the chief sees it, and each look is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db.models import Person, ReintegrationCase
from db.uow import Database
from desktop_app import settings
from desktop_app.actor import Actor, require_admin
from desktop_app.services import audit
from desktop_app.work import work


@dataclass(frozen=True)
class RetentionItem:
    case_id: str
    case_no: str | None
    person: str
    closed_on: date
    closure_reason: str | None
    keep_until: date


def past_retention(db: Database, actor: Actor, on: date | None = None) -> list[RetentionItem]:
    """Closed cases whose retention period ended on or before `on` (default today)."""
    require_admin(actor)
    today = on or date.today()
    years = int(settings.load()["case_retention_years"])
    query = (
        select(ReintegrationCase, Person.full_name)
        .join(Person, Person.id == ReintegrationCase.person_id, isouter=True)
        .where(
            ReintegrationCase.deleted.is_(False),
            ReintegrationCase.status == "closed",
            ReintegrationCase.closed_on.is_not(None),
        )
        .order_by(ReintegrationCase.closed_on)
    )
    with work(db, actor, write=True) as w:
        found = []
        for case, name in w.session.execute(query):
            assert case.closed_on is not None
            until = _add_years(case.closed_on, years)
            if until <= today:
                found.append(
                    RetentionItem(
                        case.id,
                        case.case_no,
                        name or "",
                        case.closed_on,
                        case.closure_reason,
                        until,
                    )
                )
        audit.append(w, "retention_review", "reintegration_case", None, {"count": len(found)})
        return found


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
