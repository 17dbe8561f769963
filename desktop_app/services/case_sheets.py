"""Reintegration case sheets to print: the officer's full sheet and the helper's task sheet.

`case_sheet` and `helper_sheet` gather frozen data (desktop_app.reports.case_sheets) in one
read; `print_case_sheet` also writes the PDF and logs a "print" audit event on the case, and
is what the GUI runs in its worker and the CLI runs directly. The gathering functions log
nothing themselves: a caller that shows their data (a preview) logs its own "view".

Who may print what (DOMAIN.md "Personal data"):
- the officer's sheet holds the judgements, the release, the classification and incidents:
  only accounts that see case details (admin, officer) may print it; a viewer gets
  PermissionDeniedError before anything is read or written;
- the helper's sheet holds what the post hands to a family member or a mass-organisation
  helper — who is helped, who helps, the support given, whom to call — and no offence
  detail. Anyone who may open the case's minimal view (a viewer too) may print it: a viewer
  is never trusted less than the helpers the sheet is written for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Area,
    CaseClassification,
    CaseContact,
    CaseHelper,
    CaseIncident,
    CaseJudgement,
    CaseSupport,
    Household,
    Officer,
    Person,
    ReintegrationCase,
    VocabularyTerm,
)
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor
from desktop_app.errors import AntqError, NotFoundError, PermissionDeniedError
from desktop_app.i18n import tr
from desktop_app.records.labels import choice_label
from desktop_app.reports.case_sheets import (
    CaseSheet,
    ClassRow,
    Closure,
    ContactRow,
    ExpectedExpungement,
    HelperRow,
    HelperSheet,
    HelperSupport,
    Identity,
    IncidentRow,
    JudgementRow,
    SupportRow,
    write_case_sheet,
    write_helper_sheet,
)
from desktop_app.reports.decree30 import Letterhead, ProgressCallback, commune_letterhead
from desktop_app.services import audit
from desktop_app.services.case_schedule import expected_expungement
from desktop_app.text import fold
from desktop_app.work import Work, work

CASE_SHEET, HELPER_SHEET = "case_sheet", "helper_sheet"
POLICE_HELPER = "cong_an"  # the helper_role of a police officer among the helpers

STORED_BASIS = "ngày do cán bộ ghi trong hồ sơ"


@dataclass(frozen=True)
class _Head:
    letterhead: Letterhead
    post: str  # "Công an phường Hồng Hà"
    signer_title: tuple[str, ...]
    signer_name: str


def case_sheet(db: Database, actor: Actor, case_id: str, *, on: date | None = None) -> CaseSheet:
    """The whole case file as the officer's sheet prints it; refused to viewers."""
    _require_details(actor)
    with work(db, actor, write=False) as w:
        session = w.session
        case = _case(session, case_id)
        head = _head(w, actor, case.unit_code, on)
        person = _person(session, case.person_id)
        officer = _officer(session, case.officer_in_charge_id)
        judgements = _parts(session, CaseJudgement, case.id, CaseJudgement.judgement_date)
        return CaseSheet(
            letterhead=head.letterhead,
            case_no=case.case_no or "",
            amnesty=case.release_type == "amnesty",
            status=_choice(case.status, "reintegration_case", "status"),
            identity=_identity(session, person),
            judgements=tuple(_judgement(j) for j in judgements),
            release_type=_choice(case.release_type, "reintegration_case", "release_type"),
            facility=case.facility or "",
            release_date=case.release_date,
            certificate_no=case.certificate_no or "",
            certificate_date=case.certificate_date,
            certificate_issuer=case.certificate_issuer or "",
            notice_received_on=case.notice_received_on,
            residence_confirmed_on=case.residence_confirmed_on,
            reported_on=case.reported_on,
            commitment_signed_on=case.commitment_signed_on,
            officer=(officer.full_name or "") if officer else "",
            officer_title=(officer.title or "") if officer else "",
            helpers=_helpers(session, case.id, current_on=None),
            classes=_classes(session, case.id),
            contacts=_contacts(session, case.id),
            supports=tuple(
                SupportRow(
                    s.given_on,
                    _term(session, "support_type", s.support_type),
                    s.provider or "",
                    s.description or "",
                    s.outcome or "",
                )
                for s in _parts(session, CaseSupport, case.id, CaseSupport.given_on)
            ),
            incidents=tuple(
                IncidentRow(
                    i.occurred_on,
                    _choice(i.kind, "case_incident", "kind"),
                    i.description or "",
                    i.new_judgement_no or "",
                )
                for i in _parts(session, CaseIncident, case.id, CaseIncident.occurred_on)
            ),
            expungement=_expungement(case, judgements),
            closure=_closure(case),
            signer_title=head.signer_title,
            signer_name=head.signer_name,
        )


def helper_sheet(
    db: Database, actor: Actor, case_id: str, *, on: date | None = None
) -> HelperSheet:
    """What a helper needs: the person, the current helpers, support given, whom to call."""
    day = on or date.today()
    with work(db, actor, write=False) as w:
        session = w.session
        case = _case(session, case_id)
        head = _head(w, actor, case.unit_code, day)
        person = _person(session, case.person_id)
        officer = _officer(session, case.officer_in_charge_id)
        officer_name = (officer.full_name or "") if officer else ""
        helpers = _helpers(session, case.id, current_on=day)
        supports = _parts(session, CaseSupport, case.id, CaseSupport.given_on)
        return HelperSheet(
            letterhead=head.letterhead,
            case_no=case.case_no or "",
            amnesty=case.release_type == "amnesty",
            full_name=person.full_name or "",
            birth_year=_birth_year(person),
            address=_address(session, person),
            area=_area(session, person),
            phone=_phone(session, person),
            helpers=helpers,
            supports=tuple(
                HelperSupport(
                    s.given_on,
                    _term(session, "support_type", s.support_type),
                    s.provider or "",
                    s.outcome or "",
                )
                for s in supports
            ),
            officer=officer_name,
            officer_title=(officer.title or "") if officer else "",
            officer_phone=_officer_phone(session, case.id, officer_name),
            post=head.post,
            signer_title=head.signer_title,
            signer_name=head.signer_name,
        )


def print_case_sheet(
    db: Database,
    actor: Actor,
    case_id: str,
    path: Path | str,
    *,
    helper: bool = False,
    on: date | None = None,
    progress: ProgressCallback | None = None,
) -> CaseSheet | HelperSheet:
    """Gather, write the PDF at `path` and log the print; the data printed.

    `helper=True` prints the helper's task sheet, otherwise the officer's full sheet.
    """
    data: CaseSheet | HelperSheet
    if helper:
        data = helper_sheet(db, actor, case_id, on=on)
        document = HELPER_SHEET
    else:
        data = case_sheet(db, actor, case_id, on=on)
        document = CASE_SHEET
    try:
        if isinstance(data, HelperSheet):
            write_helper_sheet(data, path, progress)
        else:
            write_case_sheet(data, path, progress)
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
        detail = {"document": document, "file": Path(path).name}
        audit.append(w, "print", "reintegration_case", case_id, detail)
    return data


# --- access and lookups -------------------------------------------------------------------


def _require_details(actor: Actor) -> None:
    if not actor.sees_case_details:
        raise PermissionDeniedError(
            tr(
                "Tài khoản '{username}' không được in phiếu theo dõi hồ sơ tái hòa nhập (có "
                "bản án, tội danh); chỉ được in phiếu giao nhiệm vụ cho người giúp đỡ.",
                username=actor.username,
            )
        )


def _case(session: Session, case_id: str) -> ReintegrationCase:
    case = session.get(ReintegrationCase, case_id)
    if case is None or case.deleted:
        raise NotFoundError(tr("Không tìm thấy hồ sơ có mã '{id}'.", id=case_id))
    return case


def _person(session: Session, person_id: str | None) -> Person:
    person = session.get(Person, person_id or "")
    # A person merged into another lives on in the survivor.
    while person is not None and person.merged_into:
        survivor = session.get(Person, person.merged_into)
        if survivor is None or survivor.id == person.id:
            break
        person = survivor
    if person is None:
        raise NotFoundError(tr("Không tìm thấy người có mã '{id}'.", id=person_id or ""))
    return person


def _officer(session: Session, officer_id: str | None) -> Officer | None:
    return session.get(Officer, officer_id) if officer_id else None


def _parts(session: Session, model: Any, case_id: str, on: Any) -> list[Any]:
    """The live parts of a case of one kind, oldest first (then in the order entered)."""
    query = (
        select(model)
        .where(model.case_id == case_id, model.deleted.is_(False))
        .order_by(on, model.created_at)
    )
    return list(session.scalars(query))


def _head(w: Work, actor: Actor, unit_code: str | None, on: date | None) -> _Head:
    """The header of the post that owns the case; the chief signs, named when printing."""
    day = on or date.today()
    code = unit_code or w.replica.unit_code
    try:
        head = commune_letterhead(code, day)
        unit = admin_units.commune(code)
        kind, name = unit.kind, unit.name
    except NotFoundError:
        # A province code (hub replica): the provincial police under the ministry.
        province = admin_units.province(code)
        head = Letterhead(
            "BỘ CÔNG AN", f"CÔNG AN {province.name}".upper(), province.short_name, day
        )
        kind, name = province.kind, province.name
    if name.startswith(kind):
        name = kind.lower() + name[len(kind) :]
    return _Head(
        letterhead=head,
        post=f"Công an {name}",
        signer_title=(f"TRƯỞNG {head.issuer}",),
        signer_name=actor.full_name if actor.is_admin else "",
    )


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


def _choice(code: str | None, record_type: str, field: str) -> str:
    return choice_label(code, record_type, field) if code else ""


# --- identity -----------------------------------------------------------------------------


def _identity(session: Session, person: Person) -> Identity:
    return Identity(
        full_name=person.full_name or "",
        birth_date=person.birth_date,
        birth_year=person.birth_year,
        sex=_choice(person.sex, "person", "sex"),
        id_number=person.id_number or "",
        address=_address(session, person),
        area=_area(session, person),
        phone=_phone(session, person),
    )


def _household(session: Session, person: Person) -> Household | None:
    home = session.get(Household, person.household_id) if person.household_id else None
    return home if home is not None and not home.deleted else None


def _address(session: Session, person: Person) -> str:
    """Where the person lives: their own address, else their household's."""
    home = _household(session, person)
    return person.address or (home.address if home else "") or ""


def _area(session: Session, person: Person) -> str:
    """The household's thôn / tổ dân phố with its kind in front: "Thôn Đồng Tâm"."""
    home = _household(session, person)
    area = session.get(Area, home.area_id) if home and home.area_id else None
    if area is None or not area.name:
        return ""
    kind = _term(session, "area_kind", area.kind)
    if not kind or fold(area.name).startswith(fold(kind)):
        return area.name
    return f"{kind} {area.name}"


def _phone(session: Session, person: Person) -> str:
    home = _household(session, person)
    return person.phone or (home.phone if home else "") or ""


def _birth_year(person: Person) -> str:
    if person.birth_year:
        return str(person.birth_year)
    return str(person.birth_date.year) if person.birth_date else ""


# --- parts --------------------------------------------------------------------------------


def _judgement(j: CaseJudgement) -> JudgementRow:
    return JudgementRow(
        court=j.court or "",
        number=j.judgement_no or "",
        on=j.judgement_date,
        offence=j.offence or "",
        article=j.article or "",
        main_penalty=j.main_penalty or "",
        term_months=j.term_months,
        additional_penalties=j.additional_penalties or "",
    )


def _helpers(session: Session, case_id: str, *, current_on: date | None) -> tuple[HelperRow, ...]:
    """Helpers in the order assigned; with `current_on`, only those still helping that day."""
    rows = []
    for h in _parts(session, CaseHelper, case_id, CaseHelper.assigned_on):
        if current_on is not None and h.ended_on is not None and h.ended_on <= current_on:
            continue
        rows.append(
            HelperRow(
                role=_term(session, "helper_role", h.role),
                name=h.name or "",
                organisation=h.organisation or "",
                phone=h.phone or "",
                assigned_on=h.assigned_on,
                ended_on=h.ended_on,
            )
        )
    return tuple(rows)


def _officer_phone(session: Session, case_id: str, officer_name: str) -> str:
    """The officer in charge's phone, when they are also listed among the police helpers."""
    if not officer_name:
        return ""
    for h in _parts(session, CaseHelper, case_id, CaseHelper.assigned_on):
        if h.role == POLICE_HELPER and h.phone and fold(h.name or "") == fold(officer_name):
            return str(h.phone)
    return ""


def _names(session: Session, ids: set[str], model: Any) -> dict[str, str]:
    """Display names of officers or helpers by id (one query)."""
    if not ids:
        return {}
    column = model.full_name if model is Officer else model.name
    query = select(model.id, column).where(model.id.in_(ids))
    return {key: name or "" for key, name in session.execute(query)}


def _classes(session: Session, case_id: str) -> tuple[ClassRow, ...]:
    rows = _parts(session, CaseClassification, case_id, CaseClassification.decided_on)
    officers = _names(session, {r.officer_id for r in rows if r.officer_id}, Officer)
    return tuple(
        ClassRow(r.decided_on, r.level or "", r.reason or "", officers.get(r.officer_id, ""))
        for r in rows
    )


def _contacts(session: Session, case_id: str) -> tuple[ContactRow, ...]:
    rows = _parts(session, CaseContact, case_id, CaseContact.contact_on)
    officers = _names(session, {r.officer_id for r in rows if r.officer_id}, Officer)
    helpers = _names(session, {r.helper_id for r in rows if r.helper_id}, CaseHelper)
    return tuple(
        ContactRow(
            on=r.contact_on,
            kind=_choice(r.kind, "case_contact", "kind"),
            content=r.content or "",
            observations=r.observations or "",
            by=officers.get(r.officer_id, "") or helpers.get(r.helper_id, ""),
        )
        for r in rows
    )


# --- expungement and closure --------------------------------------------------------------


def _expungement(
    case: ReintegrationCase, judgements: list[CaseJudgement]
) -> ExpectedExpungement | None:
    """The stored date when the officer entered one, else Điều 70's; saying which."""
    computed = expected_expungement(case.release_date, judgements)
    if case.expected_expungement_on is not None:
        return ExpectedExpungement(
            on=case.expected_expungement_on,
            stored=True,
            basis=STORED_BASIS,
            computed_on=computed.on if computed else None,
        )
    if computed is None:
        return None
    return ExpectedExpungement(
        computed.on, stored=False, basis="tự tính theo " + computed.document_basis
    )


def _closure(case: ReintegrationCase) -> Closure | None:
    if case.status != "closed":
        return None
    moved_to = ""
    if case.transferred_to_unit:
        try:
            moved_to = admin_units.commune(case.transferred_to_unit).name
        except NotFoundError:
            moved_to = case.transferred_to_unit
    return Closure(
        on=case.closed_on,
        reason=_choice(case.closure_reason, "reintegration_case", "closure_reason"),
        note=case.closure_note or "",
        transferred_to=moved_to,
    )
