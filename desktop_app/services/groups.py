"""Household groups and security teams: who may be a member, and dates that make sense."""

from __future__ import annotations

from desktop_app.errors import ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks


@hooks.before_save("group_member")
def _group_member(ctx: hooks.SaveContext) -> None:
    role = ctx.current("role")
    if role == "member" and not ctx.current("household_id"):
        raise ValidationError(tr("Thành viên tổ tự quản là một hộ: phải chọn hộ gia đình."))
    if role in ("leader", "deputy") and not ctx.current("person_id"):
        raise ValidationError(tr("Tổ trưởng, tổ phó phải là một người cụ thể: hãy chọn người."))
    _dates_in_order(ctx, "joined_on", "left_on")


@hooks.before_save("team_member")
def _team_member(ctx: hooks.SaveContext) -> None:
    _dates_in_order(ctx, "joined_on", "left_on")


@hooks.before_save("household_group", "security_team")
def _dissolution(ctx: hooks.SaveContext) -> None:
    if ctx.current("status") == "dissolved" and not ctx.current("dissolved_on"):
        raise ValidationError(tr("Phải nhập ngày giải thể khi chuyển trạng thái sang đã giải thể."))


def _dates_in_order(ctx: hooks.SaveContext, start: str, end: str) -> None:
    first, last = ctx.current(start), ctx.current(end)
    if first is not None and last is not None and last < first:
        raise ValidationError(tr("Ngày rời không được trước ngày tham gia."))
