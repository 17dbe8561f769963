"""Reintegration cases: one open case per person, the post's case numbers, closure rules."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import ReintegrationCase
from desktop_app.errors import DuplicateError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks


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
