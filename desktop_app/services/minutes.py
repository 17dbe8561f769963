"""Meeting minutes to print: gather a meeting into `MinutesData`, write the Biên bản, log it.

`minutes` reads everything the paper prints in one unit of work; `print_minutes` also writes
the PDF (desktop_app.reports.minutes) and adds an audit event "print" {"document": "minutes"}
on the meeting. It is what the GUI runs in its worker and the CLI runs directly.

Who may print: any account of the post, a viewer too. Minutes are read out to everyone
present and handed to the bodies in "Nơi nhận"; they hold no case details.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    AgendaItem,
    Area,
    Household,
    Meeting,
    MeetingAddendum,
    MeetingAttendee,
    Opinion,
    Person,
    VocabularyTerm,
)
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor
from desktop_app.errors import AntqError, NotFoundError
from desktop_app.i18n import tr
from desktop_app.reports.decree30 import Letterhead, ProgressCallback, commune_letterhead
from desktop_app.reports.minutes import (
    HOUSEHOLD,
    OFFICIAL,
    Addendum,
    AgendaEntry,
    Attendee,
    MinutesData,
    OpinionEntry,
    Votes,
    write_minutes,
)
from desktop_app.services import audit
from desktop_app.services.meetings import unit_symbol
from desktop_app.text import fold, name_sort_key
from desktop_app.work import Work, work

DOCUMENT = "minutes"
UNNUMBERED = "……"  # the number is written by hand until the minutes are closed
# Meeting types whose minutes call the event a "Hội nghị" rather than a "Cuộc họp".
CONFERENCES = frozenset({"lang_nghe", "so_ket", "tong_ket"})


def minutes(db: Database, actor: Actor, meeting_id: str, on: date | None = None) -> MinutesData:
    """The Biên bản of a meeting as it prints: a draft, held or closed meeting alike.

    The date in the header is the meeting's; `on` stands in when the meeting has no start.
    """
    with work(db, actor, write=False) as w:
        session = w.session
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted:
            raise NotFoundError(tr("Không tìm thấy cuộc họp có mã '{id}'.", id=meeting_id))
        day = meeting.starts_at.date() if meeting.starts_at else on or date.today()
        head, issuer_name = _letterhead(w, meeting, day)
        type_label = _term(session, "meeting_type", meeting.meeting_type)
        return MinutesData(
            letterhead=head,
            issuer_name=issuer_name,
            draft=(meeting.status or "draft") == "draft",
            subject=_subject(type_label, meeting.subject or "", _area(session, meeting.area_id)),
            event=_event(meeting),
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place=meeting.place or "",
            chair=meeting.chair_name or "",
            chair_title=meeting.chair_title or "",
            secretary=meeting.secretary_name or "",
            secretary_title=meeting.secretary_title or "",
            attendees=_attendees(session, meeting.id),
            present_count=meeting.present_count,
            absent_count=meeting.absent_count,
            absent_reasons=meeting.absent_reasons or "",
            agenda=tuple(
                AgendaEntry(item.title or "", item.content or "")
                for item in _parts(session, AgendaItem, meeting.id, AgendaItem.position)
            ),
            opinions=tuple(
                _opinion(o) for o in _parts(session, Opinion, meeting.id, Opinion.position)
            ),
            conclusions=meeting.conclusions or "",
            votes=_votes(meeting),
            addenda=tuple(
                Addendum(a.made_on, a.content or "")
                for a in _parts(session, MeetingAddendum, meeting.id, MeetingAddendum.made_on)
            ),
            recipients=tuple(_recipients(meeting.recipients)),
        )


def print_minutes(
    db: Database,
    actor: Actor,
    meeting_id: str,
    path: Path | str,
    *,
    on: date | None = None,
    progress: ProgressCallback | None = None,
) -> Path:
    """Gather, write the PDF at `path` and log the print; the path written."""
    data = minutes(db, actor, meeting_id, on)
    target = Path(path)
    try:
        write_minutes(data, target, progress)
    except OSError as error:
        raise AntqError(
            tr(
                "Không ghi được tệp '{path}' (thư mục không tồn tại, không có quyền ghi, hoặc "
                "tệp đang mở trong chương trình khác).",
                path=str(path),
            ),
            str(error),
        ) from error
    with work(db, actor, write=True) as w:
        detail = {"document": DOCUMENT, "number": data.letterhead.number, "file": target.name}
        audit.append(w, "print", "meeting", meeting_id, detail)
    return target


# --- header and title ---------------------------------------------------------------------


def _letterhead(w: Work, meeting: Meeting, day: date) -> tuple[Letterhead, str]:
    """The header of the post that owns the meeting, and the post's name for running text."""
    code = meeting.unit_code or w.replica.unit_code
    number = meeting.doc_number if meeting.status == "closed" and meeting.doc_number else ""
    number = number or f"{UNNUMBERED}/BB-{unit_symbol(code)}"
    try:
        unit = admin_units.commune(code)
        return commune_letterhead(code, day, number), f"Công an {_lower_kind(unit.name, unit.kind)}"
    except NotFoundError:
        # A province code (hub replica): the provincial police under the ministry.
        province = admin_units.province(code)
    issuer = f"CÔNG AN {province.name}".upper()
    head = Letterhead("BỘ CÔNG AN", issuer, province.short_name, day, number)
    return head, f"Công an {_lower_kind(province.name, province.kind)}"


def _lower_kind(name: str, kind: str) -> str:
    """ "Phường Hồng Hà" → "phường Hồng Hà", as the name reads inside a sentence; a numbered
    unit keeps its capital ("Phường 1", ND 30 Phụ lục II, III.1.b)."""
    if kind and name.startswith(kind) and not _numbered(name[len(kind) :]):
        return kind.lower() + name[len(kind) :]
    return name


def _subject(type_label: str, subject: str, area: tuple[str, str]) -> str:
    """The trích yếu: the meeting type's label and the subject, then the area.

    A subject that already names the type prints as typed; one that continues it in lower
    case ("quý I năm 2026") follows the label. The area ("thôn Đồng Tâm") is added unless the
    subject names it: after the bare label ("Họp dân thôn Đồng Tâm"), else with "tại".
    """
    text = subject.strip()
    if type_label and fold(type_label) not in fold(text) and not text[:1].isupper():
        text = f"{type_label} {text}".strip()
    prose, name = area
    if name and not _names(text, prose if _numbered(name) else name):
        text = f"{text} {prose}" if fold(text) == fold(type_label) else f"{text} tại {prose}"
    return text


def _names(text: str, place: str) -> bool:
    """Whether `text` names `place` as whole words ("Tổ dân phố 1" is not in "quý 1")."""
    return re.search(rf"\b{re.escape(fold(place))}\b", fold(text)) is not None


def _area(session: Session, area_id: str | None) -> tuple[str, str]:
    """("thôn Đồng Tâm", "Đồng Tâm"): the area as running text writes it, and its name alone;
    two empty strings for no area.

    ND 30, Phụ lục II, III.1: the kind is lower case before a proper name ("thôn Đồng Tâm"),
    capitalised before a number ("Tổ dân phố 1", as "Quận 1").
    """
    area = session.get(Area, area_id) if area_id else None
    if area is None or area.deleted or not area.name:
        return "", ""
    kind = _term(session, "area_kind", area.kind)
    if not kind:
        return area.name, area.name
    if fold(area.name).startswith(fold(kind) + " "):
        name = area.name[len(kind) :].strip()
    else:
        name = area.name
    return f"{kind if _numbered(name) else kind.lower()} {name}", name


def _numbered(name: str) -> bool:
    """An area named by a number ("1", "3A" has a letter and is a name)."""
    return not any(ch.isalpha() for ch in name)


def _event(meeting: Meeting) -> str:
    """What the closing sentence calls the meeting: a conference is a "Hội nghị"."""
    if meeting.meeting_type in CONFERENCES or fold(meeting.subject or "").startswith("hoi nghi"):
        return "Hội nghị"
    return "Cuộc họp"


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


# --- the parts ----------------------------------------------------------------------------


def _parts(session: Session, model: Any, meeting_id: str, order: Any) -> list[Any]:
    """The live rows of one kind belonging to the meeting, in order, then as entered."""
    query = (
        select(model)
        .where(model.meeting_id == meeting_id, model.deleted.is_(False))
        .order_by(order, model.created_at)
    )
    return list(session.scalars(query))


def _attendees(session: Session, meeting_id: str) -> tuple[Attendee, ...]:
    """Officials in the order entered (protocol order), then households, then other people,
    each by given name; households with their address from the register."""
    rows = _parts(session, MeetingAttendee, meeting_id, MeetingAttendee.created_at)
    homes = _households(session, {r.household_id for r in rows if r.household_id})
    people = _people(session, {r.person_id for r in rows if r.person_id})
    officials: list[Attendee] = []
    others: list[Attendee] = []
    for row in rows:
        attendee = Attendee(
            kind=row.kind or OFFICIAL,
            name=row.name or "",
            detail=_detail(row, homes, people),
            present=bool(row.present),
            absent_reason=row.absent_reason or "",
        )
        (officials if attendee.kind == OFFICIAL else others).append(attendee)
    others.sort(key=lambda a: (a.kind != HOUSEHOLD, name_sort_key(a.name)))
    return (*officials, *others)


def _detail(row: MeetingAttendee, homes: dict[str, str], people: dict[str, str]) -> str:
    if row.kind == OFFICIAL:
        return row.title or ""
    address = homes.get(row.household_id or "") or people.get(row.person_id or "")
    return address or row.title or ""


def _households(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """Addresses by household id; a merged household gives its survivor's address."""
    wanted = set(ids)
    if not wanted:
        return {}
    found = {h.id: h for h in session.scalars(select(Household).where(Household.id.in_(wanted)))}
    survivors = {h.merged_into for h in found.values() if h.merged_into}
    if survivors:
        query = select(Household).where(Household.id.in_(survivors))
        merged = {h.id: h for h in session.scalars(query)}
    else:
        merged = {}
    addresses = {}
    for key, home in found.items():
        kept = merged.get(home.merged_into or "", home)
        addresses[key] = kept.address or home.address or ""
    return addresses


def _people(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """A person's address: their own, else their household's."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(Person.id, Person.address, Household.address)
        .outerjoin(Household, Household.id == Person.household_id)
        .where(Person.id.in_(wanted))
    )
    return {key: own or home or "" for key, own, home in rows}


def _opinion(row: Opinion) -> OpinionEntry:
    return OpinionEntry(
        speaker=row.speaker_name or "",
        content=row.content or "",
        answer=row.answer or "",
        within_authority=bool(row.within_authority),
        referred_to=row.referred_to or "",
        responsible=row.responsible or "",
        deadline=row.deadline,
    )


def _votes(meeting: Meeting) -> Votes | None:
    counts = (meeting.votes_for, meeting.votes_against, meeting.votes_other)
    if all(n is None for n in counts):
        return None
    return Votes(*(n or 0 for n in counts))


def _recipients(text: str | None) -> list[str]:
    """One recipient per line of the meeting's "Nơi nhận" ("- UBND xã;"), blanks dropped."""
    return [line for line in (text or "").splitlines() if line.strip(" -;.")]
