"""What a reintegration case asks of the post, and when: contacts by class, the 3-working-day
residence confirmation, reporting in, and the (advisory) expungement date of Điều 70 BLHS."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import CaseClassification, CaseContact, CaseJudgement, Person, ReintegrationCase
from db.uow import Database
from desktop_app import settings
from desktop_app.actor import Actor
from desktop_app.calendar import add_working_days
from desktop_app.i18n import N_, tr
from desktop_app.work import work

CONFIRM_WORKING_DAYS = 3
DEFAULT_HORIZON_DAYS = 7
CLASS_SETTINGS = {
    "A": "contact_days_a",
    "B": "contact_days_b",
    "C": "contact_days_c",
    "D": "contact_days_d",
}


@dataclass(frozen=True)
class DueItem:
    kind: str  # contact | confirm_residence | report_in | expungement | opinion
    title: str  # Vietnamese source text, translated where shown
    detail: str
    record_type: str
    record_id: str
    due: date
    overdue: bool


@dataclass(frozen=True)
class Expungement:
    """When the record is expected to be expunged, and why (Điều 70 khoản 2 BLHS 2015)."""

    on: date
    years: int
    band: str  # Vietnamese source text of the sentence band
    start: date  # the day the main penalty was served

    @property
    def basis(self) -> str:
        """The reason in the interface language (for screens)."""
        return tr(BASIS, band=tr(self.band), years=self.years, start=_dmy(self.start))

    @property
    def document_basis(self) -> str:
        """The reason in Vietnamese whatever the interface language (for official papers)."""
        return BASIS.format(band=self.band, years=self.years, start=_dmy(self.start))


BASIS = N_(
    "Điều 70 Bộ luật Hình sự 2015: {band}, {years} năm kể từ ngày chấp hành xong hình phạt "
    "chính ({start}); chỉ để tham khảo, còn phụ thuộc hình phạt bổ sung và nghĩa vụ khác."
)
BANDS = {
    1: N_("cảnh cáo, phạt tiền, cải tạo không giam giữ hoặc án treo"),
    2: N_("phạt tù đến 5 năm"),
    3: N_("phạt tù trên 5 năm đến 15 năm"),
    5: N_("phạt tù trên 15 năm, chung thân hoặc tử hình đã được giảm"),
}


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def contact_days() -> dict[str, int]:
    """Days between contacts per class (settings; 0 = no contact, as for D while detained)."""
    values = settings.load()
    return {level: int(values[key]) for level, key in CLASS_SETTINGS.items()}


def expected_expungement(
    release: date | None, judgements: Sequence[CaseJudgement]
) -> Expungement | None:
    """Automatic expungement: 1, 2, 3 or 5 years after the main penalty was served, by its
    weight. Advisory: additional penalties and other obligations must be met too."""
    if release is None or not judgements:
        return None
    years = _years(judgements)
    try:
        on = release.replace(year=release.year + years)
    except ValueError:  # 29 February
        on = release.replace(year=release.year + years, day=28)
    return Expungement(on, years, BANDS[years], release)


def _years(judgements: Sequence[CaseJudgement]) -> int:
    penalties = " ".join((j.main_penalty or "").casefold() for j in judgements)
    months = max((j.term_months or 0) for j in judgements)
    if "chung thân" in penalties or "tử hình" in penalties or months > 180:
        return 5
    if months > 60:
        return 3
    return 2 if months > 0 else 1


def contact_anchor(case: ReintegrationCase, last_contact: date | None) -> date | None:
    """What the next contact counts from: the last contact, else reporting in, else release."""
    return last_contact or case.reported_on or case.release_date


def next_contact_due(
    anchor: date | None, level: str | None, frequency: Mapping[str, int]
) -> date | None:
    """The day the next contact is due after `anchor` for a case of class `level` (an
    unclassified case as B); None when the class asks for none (D, while detained)."""
    days = frequency.get(level or "B", frequency["B"])
    if anchor is None or days <= 0:
        return None
    return anchor + timedelta(days=days)


def cases_due(
    db: Database, actor: Actor, on: date | None = None, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> list[DueItem]:
    """Overdue items and those due within `horizon_days` of `on` (today), earliest first."""
    day = on or date.today()
    with work(db, actor, write=False) as w:
        items = due_items(w.session, day, horizon_days)
    return sorted(items, key=lambda i: (i.due, i.detail))


def due_items(session: Session, day: date, horizon_days: int) -> list[DueItem]:
    cases = _open_cases(session)
    ids = [c.id for c, _ in cases]
    last_contact = _last_contacts(session, ids)
    level = _levels(session, ids)
    judgements = _judgements(session, ids)
    frequency = contact_days()
    items: list[DueItem] = []
    for case, name in cases:
        items += _case_items(
            case,
            name,
            day,
            last_contact.get(case.id),
            level.get(case.id),
            judgements.get(case.id, []),
            frequency,
        )
    return [i for i in items if i.due <= day + timedelta(days=horizon_days)]


def _open_cases(session: Session) -> list[tuple[ReintegrationCase, str]]:
    query = (
        select(ReintegrationCase, Person.full_name)
        .join(Person, Person.id == ReintegrationCase.person_id)
        .where(ReintegrationCase.status == "open", ReintegrationCase.deleted.is_(False))
    )
    return [(case, name or "") for case, name in session.execute(query)]


def _last_contacts(session: Session, ids: list[str]) -> dict[str, date]:
    query = (
        select(CaseContact.case_id, func.max(CaseContact.contact_on))
        .where(CaseContact.case_id.in_(ids), CaseContact.deleted.is_(False))
        .group_by(CaseContact.case_id)
    )
    return {k: v for k, v in session.execute(query) if k and v}


def _levels(session: Session, ids: list[str]) -> dict[str, str]:
    """The latest class of each case (rows ordered oldest first; the last one wins)."""
    query = (
        select(CaseClassification.case_id, CaseClassification.level)
        .where(CaseClassification.case_id.in_(ids), CaseClassification.deleted.is_(False))
        .order_by(CaseClassification.decided_on, CaseClassification.created_at)
    )
    return {k: v for k, v in session.execute(query) if k and v}


def _judgements(session: Session, ids: list[str]) -> dict[str, list[CaseJudgement]]:
    found: dict[str, list[CaseJudgement]] = {}
    query = select(CaseJudgement).where(
        CaseJudgement.case_id.in_(ids), CaseJudgement.deleted.is_(False)
    )
    for judgement in session.scalars(query):
        found.setdefault(judgement.case_id or "", []).append(judgement)
    return found


def _case_items(
    case: ReintegrationCase,
    name: str,
    day: date,
    last: date | None,
    level: str | None,
    judgements: list[CaseJudgement],
    frequency: dict[str, int],
) -> list[DueItem]:
    label = f"{name} ({case.case_no})"

    def item(kind: str, title: str, due: date) -> DueItem:
        return DueItem(kind, title, label, "reintegration_case", case.id, due, due < day)

    items = []
    if case.notice_received_on and not case.residence_confirmed_on:
        due = add_working_days(case.notice_received_on, CONFIRM_WORKING_DAYS)
        items.append(item("confirm_residence", "Xác nhận nơi cư trú (3 ngày làm việc)", due))
    if case.release_date and not case.reported_on and case.release_date <= day:
        items.append(item("report_in", "Chưa trình diện sau khi ra trại", case.release_date))
    contact = next_contact_due(contact_anchor(case, last), level, frequency)
    if contact is not None:
        items.append(item("contact", "Đến hạn tiếp xúc, làm việc", contact))
    expunge = case.expected_expungement_on
    if expunge is None:
        computed = expected_expungement(case.release_date, judgements)
        expunge = computed.on if computed else None
    if expunge is not None:
        items.append(item("expungement", "Đến ngày dự kiến xóa án tích", expunge))
    return items
