"""Meetings: the draft → held → closed lifecycle, locked minutes, the document number register."""

from __future__ import annotations

from sqlalchemy import func, select

from db.base import Synced, utc_now
from db.models import Meeting
from desktop_app.errors import ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks
from desktop_app.work import Work

ORDER = ("draft", "held", "closed")
# What may still change on an opinion after its minutes are closed: the follow-up.
FOLLOW_UP = frozenset({"status", "reply", "replied_on", "reported_back_meeting_id", "responsible"})
DOC_SUFFIX = "BB-CAX"


@hooks.before_save("meeting")
def _lifecycle(ctx: hooks.SaveContext) -> None:
    old = ctx.existing.status if isinstance(ctx.existing, Meeting) else "draft"
    new = ctx.values.get("status", old) or "draft"
    if old == "closed":
        raise _locked(ctx.existing)
    if ORDER.index(new) < ORDER.index(old or "draft"):
        raise ValidationError(tr("Không chuyển biên bản về trạng thái trước đó."))
    starts, ends = ctx.current("starts_at"), ctx.current("ends_at")
    if starts and ends and ends < starts:
        raise ValidationError(tr("Thời gian kết thúc phải sau thời gian bắt đầu."))
    if new == "closed":
        _allocate_number(ctx)


@hooks.before_save("meeting_attendee", "agenda_item", "opinion")
def _meeting_open(ctx: hooks.SaveContext) -> None:
    meeting = ctx.work.session.get(Meeting, ctx.current("meeting_id"))
    if meeting is None or meeting.status != "closed":
        return
    if ctx.rtype.name == "opinion" and not ctx.creating and set(ctx.values) <= FOLLOW_UP:
        return
    raise _locked(meeting)


@hooks.before_delete("meeting", "meeting_attendee", "agenda_item", "opinion")
def _no_delete_when_closed(w: Work, obj: Synced) -> None:
    meeting = obj if isinstance(obj, Meeting) else w.session.get(Meeting, obj.meeting_id)  # type: ignore[attr-defined]
    if meeting is not None and meeting.status == "closed":
        raise _locked(meeting)


def _allocate_number(ctx: hooks.SaveContext) -> None:
    """Next number of this unit's register for the year; the post owns its series offline."""
    year = (ctx.current("starts_at") or utc_now()).year
    unit = ctx.work.replica.unit_code
    last = ctx.work.session.scalar(
        select(func.max(Meeting.doc_seq)).where(Meeting.unit_code == unit, Meeting.doc_year == year)
    )
    seq = (last or 0) + 1
    ctx.values.update(
        doc_year=year, doc_seq=seq, doc_number=f"{seq:02d}/{DOC_SUFFIX}", closed_at=utc_now()
    )


def _locked(meeting: Synced | None) -> ValidationError:
    """Closed minutes are final; only an addendum may still be added."""
    return ValidationError(
        tr(
            "Biên bản đã khóa (số {number}); chỉ có thể thêm đính chính.",
            number=_number(meeting),
        )
    )


def _number(meeting: Synced | None) -> str:
    return getattr(meeting, "doc_number", None) or "?"
