"""Meetings: the draft → held → closed lifecycle, locked minutes and their addenda, the
document number register, and the follow-up of opinions from one meeting to the next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select

from db.base import Synced, utc_now
from db.models import AgendaItem, Meeting, Opinion
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks
from desktop_app.records.labels import choice_label
from desktop_app.services import audit
from desktop_app.work import Work, work

ORDER = ("draft", "held", "closed")
# What may still change on an opinion after its minutes are closed: the follow-up.
FOLLOW_UP = frozenset({"status", "reply", "replied_on", "reported_back_meeting_id", "responsible"})
# The issuing unit's short symbol after "BB-" (biên bản), by the kind of commune.
UNIT_SYMBOLS = {"Xã": "CAX", "Phường": "CAP", "Đặc khu": "CAĐK"}
OPEN_STATUSES = ("open", "referred")


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
    number = f"{seq:02d}/BB-{unit_symbol(unit)}"
    ctx.values.update(doc_year=year, doc_seq=seq, doc_number=number, closed_at=utc_now())


def unit_symbol(unit_code: str) -> str:
    """CAX for a xã, CAP for a phường, CAĐK for a đặc khu (CAT at a provincial hub)."""
    try:
        return UNIT_SYMBOLS.get(admin_units.commune(unit_code).kind, "CAX")
    except NotFoundError:
        return "CAT"


@hooks.before_save("meeting_addendum")
def _addendum(ctx: hooks.SaveContext) -> None:
    """A correction is added to closed minutes, dated, and never rewritten afterwards."""
    if not ctx.creating:
        raise ValidationError(tr("Đính chính đã ghi không sửa được; hãy thêm một đính chính mới."))
    meeting = ctx.work.session.get(Meeting, ctx.current("meeting_id"))
    if meeting is None or meeting.status != "closed":
        raise ValidationError(
            tr("Chỉ thêm đính chính cho biên bản đã khóa; biên bản chưa khóa thì sửa trực tiếp.")
        )


@hooks.before_delete("meeting_addendum")
def _addendum_stays(w: Work, obj: Synced) -> None:
    raise ValidationError(tr("Đính chính đã ghi không xóa được."))


@dataclass(frozen=True)
class OpenOpinion:
    id: str
    meeting_id: str
    meeting_subject: str
    meeting_date: date | None
    area_id: str | None
    speaker: str
    content: str
    status: str
    deadline: date | None
    responsible: str | None


def open_opinions(db: Database, actor: Actor, area_id: str | None = None) -> list[OpenOpinion]:
    """Opinions still waiting for an answer or referred up, across meetings, by deadline."""
    with work(db, actor, write=False) as w:
        query = _open_query()
        if area_id:
            query = query.where(Meeting.area_id == area_id)
        return [_open(o, m) for o, m in w.session.execute(query)]


def _open_query() -> Select[Opinion, Meeting]:
    return (
        select(Opinion, Meeting)
        .join(Meeting, Meeting.id == Opinion.meeting_id)
        .where(Opinion.deleted.is_(False), Meeting.deleted.is_(False))
        .where(Opinion.status.in_(OPEN_STATUSES))
        .order_by(Opinion.deadline.is_(None), Opinion.deadline, Meeting.starts_at)
    )


def _open(opinion: Opinion, meeting: Meeting) -> OpenOpinion:
    return OpenOpinion(
        opinion.id,
        meeting.id,
        meeting.subject or "",
        meeting.starts_at.date() if meeting.starts_at else None,
        meeting.area_id,
        opinion.speaker_name or "",
        opinion.content or "",
        opinion.status or "open",
        opinion.deadline,
        opinion.responsible,
    )


def pull_open_opinions(db: Database, actor: Actor, meeting_id: str) -> Changes:
    """Bring the open opinions of earlier meetings of the same area into this meeting's agenda,
    to report back on them; each is marked as reported back at this meeting."""
    require_write(actor)
    with work(db, actor, write=True) as w:
        meeting = w.session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted:
            raise NotFoundError(tr("Không tìm thấy cuộc họp có mã '{id}'.", id=meeting_id))
        if meeting.status == "closed":
            raise _locked(meeting)
        earlier = _earlier_open(w, meeting)
        if not earlier:
            raise ValidationError(
                tr("Không có ý kiến nào của các cuộc họp trước đang chờ trả lời.")
            )
        w.session.add(_report_back_item(w, meeting, earlier))
        for opinion, _ in earlier:
            opinion.reported_back_meeting_id = meeting.id
        w.session.flush()
        audit.append(w, "pull_opinions", "meeting", meeting.id, {"count": len(earlier)})
        return w.changes()


def _earlier_open(w: Work, meeting: Meeting) -> list[tuple[Opinion, Meeting]]:
    query = _open_query().where(
        Meeting.id != meeting.id,
        Opinion.reported_back_meeting_id.is_(None),
    )
    if meeting.area_id:
        query = query.where(Meeting.area_id == meeting.area_id)
    if meeting.starts_at:
        query = query.where(Meeting.starts_at < meeting.starts_at)
    return [(o, m) for o, m in w.session.execute(query)]


def _report_back_item(
    w: Work, meeting: Meeting, earlier: list[tuple[Opinion, Meeting]]
) -> AgendaItem:
    """An agenda item listing each opinion, its meeting and where it stands (Vietnamese text:
    it is part of the minutes)."""
    lines = []
    for number, (opinion, source) in enumerate(earlier, start=1):
        when = source.starts_at.strftime("%d/%m/%Y") if source.starts_at else ""
        state = choice_label(opinion.status or "open", "opinion", "status")
        deadline = f", hạn {opinion.deadline:%d/%m/%Y}" if opinion.deadline else ""
        lines.append(
            f"{number}. {opinion.speaker_name} (cuộc họp ngày {when}): {opinion.content} "
            f"— {state}{deadline}."
        )
    last = w.session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting.id)
    )
    return AgendaItem(
        meeting_id=meeting.id,
        position=(last or 0) + 1,
        title="Báo cáo kết quả giải quyết ý kiến của Nhân dân tại các cuộc họp trước",
        content="\n".join(lines),
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
