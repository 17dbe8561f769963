"""Households and residents: the rules of the register (số định danh, birth dates, members)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.base import Synced
from db.models import Household, Person
from desktop_app.errors import DuplicateError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks
from desktop_app.work import Work


@hooks.before_save("person")
def _id_number_unique(ctx: hooks.SaveContext) -> None:
    """A số định danh this database already holds is refused (offline twins go to review)."""
    number = ctx.values.get("id_number")
    if not number:
        return
    query = select(Person).where(
        Person.id_number == number, Person.deleted.is_(False), Person.merged_into.is_(None)
    )
    if ctx.existing is not None:
        query = query.where(Person.id != ctx.existing.id)
    other = ctx.work.session.scalars(query.limit(1)).first()
    if other is not None:
        if other.birth_year:
            message = tr(
                "Số định danh {number} đã có trong cơ sở dữ liệu: {name}, sinh {year} (mã {id}).",
                number=number,
                name=other.full_name,
                year=other.birth_year,
                id=other.id,
            )
        else:
            message = tr(
                "Số định danh {number} đã có trong cơ sở dữ liệu: {name} (mã {id}).",
                number=number,
                name=other.full_name,
                id=other.id,
            )
        raise DuplicateError(message)


@hooks.before_save("person")
def _birth(ctx: hooks.SaveContext) -> None:
    born, year = ctx.current("birth_date"), ctx.current("birth_year")
    today = date.today()
    if born is not None:
        if born > today:
            raise ValidationError(tr("Ngày sinh không được sau ngày hôm nay."))
        if "birth_year" in ctx.values and year is not None and year != born.year:
            raise ValidationError(
                tr(
                    "Năm sinh {year} không khớp với ngày sinh {born}.",
                    year=year,
                    born=f"{born:%d/%m/%Y}",
                )
            )
        ctx.values["birth_year"] = born.year
    elif year is not None and year > today.year:
        raise ValidationError(tr("Năm sinh không được sau năm nay."))


@hooks.before_delete("household")
def _household_empty(w: Work, obj: Synced) -> None:
    members = w.session.scalar(
        select(func.count()).where(Person.household_id == obj.id, Person.deleted.is_(False))
    )
    if members:
        raise ValidationError(
            tr(
                "Hộ còn {n} nhân khẩu; hãy chuyển hoặc xóa nhân khẩu trước khi xóa hộ.",
                n=members,
            )
        )


@hooks.before_delete("area")
def _area_empty(w: Work, obj: Synced) -> None:
    households = w.session.scalar(
        select(func.count()).where(Household.area_id == obj.id, Household.deleted.is_(False))
    )
    if households:
        raise ValidationError(tr("Thôn, tổ dân phố này còn {n} hộ; không xóa được.", n=households))
