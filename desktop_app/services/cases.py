"""Reintegration cases: one open case per person, the post's case numbers, closure rules,
and handing a case to another commune."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import Synced
from db.models import (
    CaseClassification,
    CaseContact,
    CaseHelper,
    CaseIncident,
    CaseJudgement,
    CaseSupport,
    ReintegrationCase,
)
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.errors import DuplicateError, NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks
from desktop_app.services import audit
from desktop_app.work import work


@hooks.before_save("reintegration_case")
def _one_open_case(ctx: hooks.SaveContext) -> None:
    if ctx.current("status") == "closed":
        return
    query = select(ReintegrationCase.case_no).where(
        ReintegrationCase.person_id == ctx.current("person_id"),
        ReintegrationCase.status != "closed",
        ReintegrationCase.deleted.is_(False),
    )
    if ctx.existing is not None:
        query = query.where(ReintegrationCase.id != ctx.existing.id)
    other = ctx.work.session.scalars(query.limit(1)).first()
    if other is not None:
        raise DuplicateError(
            tr("Người này đang có hồ sơ quản lý số {number}; không mở thêm hồ sơ.", number=other)
        )


@hooks.before_save("reintegration_case")
def _closure(ctx: hooks.SaveContext) -> None:
    if ctx.values.get("closure_reason") and "status" not in ctx.values:
        ctx.values["status"] = "closed"
    if ctx.current("status") == "closed":
        missing = [n for n in ("closure_reason", "closed_on") if not ctx.current(n)]
        if missing:
            raise ValidationError(tr("Kết thúc hồ sơ phải có lý do và ngày kết thúc."))


@hooks.before_save("reintegration_case")
def _case_number(ctx: hooks.SaveContext) -> None:
    """The post numbers its own cases '<commune>-<year>-<n>', so numbers never collide offline."""
    if not ctx.creating or ctx.values.get("case_no"):
        return
    year = (ctx.current("release_date") or ctx.current("reported_on") or date.today()).year
    prefix = f"{ctx.work.replica.unit_code}-{year}-"
    numbers = ctx.work.session.scalars(
        select(ReintegrationCase.case_no).where(ReintegrationCase.case_no.startswith(prefix))
    )
    used = [int(n[len(prefix) :]) for n in numbers if n and n[len(prefix) :].isdigit()]
    ctx.values["case_no"] = f"{prefix}{max(used, default=0) + 1:04d}"


@hooks.before_save(
    "reintegration_case",
    "case_judgement",
    "case_helper",
    "case_contact",
    "case_classification",
    "case_support",
    "case_incident",
)
def _not_transferred_away(ctx: hooks.SaveContext) -> None:
    """A case handed to another commune is read-only here until sync takes it there."""
    if ctx.work.replica.is_hub:
        return
    case = (
        ctx.existing
        if ctx.rtype.name == "reintegration_case"
        else ctx.work.session.get(ReintegrationCase, ctx.current("case_id") or "")
    )
    if isinstance(case, ReintegrationCase) and case.unit_code not in (
        None,
        ctx.work.replica.unit_code,
    ):
        raise ValidationError(
            tr(
                "Hồ sơ {no} đã chuyển cho đơn vị mã {unit}; tại đây chỉ được xem.",
                no=case.case_no,
                unit=case.unit_code,
            )
        )


def transfer(db: Database, actor: Actor, case_id: str, unit_code: str) -> Changes:
    """Hand an open case (and its parts) to another commune; it travels with the next sync."""
    require_write(actor)
    target = admin_units.commune(unit_code)
    with work(db, actor, write=True) as w:
        case = w.session.get(ReintegrationCase, case_id)
        if case is None or case.deleted:
            raise NotFoundError(tr("Không tìm thấy hồ sơ có mã '{id}'.", id=case_id))
        if case.status != "open" or case.unit_code != w.replica.unit_code:
            raise ValidationError(tr("Chỉ chuyển được hồ sơ đang quản lý của đơn vị mình."))
        if unit_code == w.replica.unit_code:
            raise ValidationError(tr("Hồ sơ đã thuộc đơn vị này."))
        for part in _parts(w.session, case_id):
            part.unit_code = unit_code
        case.transferred_to_unit, case.unit_code = unit_code, unit_code
        w.session.flush()
        audit.append(w, "transfer", "reintegration_case", case.id, {"to": target.code})
        return w.changes()


def _parts(session: Session, case_id: str) -> list[Synced]:
    found: list[Synced] = []
    for model in (
        CaseJudgement,
        CaseHelper,
        CaseContact,
        CaseClassification,
        CaseSupport,
        CaseIncident,
    ):
        found += session.scalars(select(model).where(model.case_id == case_id))
    return found
