"""Exporting the register to .xlsx: one row per resident, households by area, head first.

The sheet is the "one row per person" layout the importer reads, so an export imported into
an empty post gives back the same households and people. Its headers and title stay in
Vietnamese whatever the interface language: it is a document exchanged between agencies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Area, Household, Person, VocabularyTerm
from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.services import audit
from desktop_app.spreadsheets.sheets import BOX, save_workbook, write_header
from desktop_app.work import work

TITLE = "DANH SÁCH HỘ GIA ĐÌNH VÀ NHÂN KHẨU"
# Header, column width (characters).
COLUMNS = (
    ("STT", 6),
    ("Số hộ", 10),
    ("Họ và tên", 26),
    ("Ngày sinh", 12),
    ("Giới tính", 9),
    ("Số định danh cá nhân", 16),
    ("Quan hệ với chủ hộ", 14),
    ("Số điện thoại", 13),
    ("Địa chỉ", 34),
    ("Thôn, tổ dân phố", 18),
    ("Nghề nghiệp", 18),
    ("Ghi chú", 24),
)
SEXES = {"nam": "Nam", "nu": "Nữ", "khac": "Khác"}
GONE = ("moved_out", "deceased")  # no longer residents: left out of the list
HEADER_ROW = 3
DATE_FORMAT, YEAR_FORMAT, TEXT_FORMAT = "dd/mm/yyyy", "0", "@"
Listener = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    path: str
    households: int
    persons: int


@dataclass(frozen=True)
class PersonRow:
    """One line of the sheet, as written."""

    number: str | None
    full_name: str
    birth: date | int | None  # a date, or only the year
    sex: str
    id_number: str | None
    relation: str
    phone: str | None
    address: str | None
    area: str
    occupation: str | None
    note: str | None


def export_households(
    db: Database, actor: Actor, path: str | Path, progress: Listener | None = None
) -> ExportResult:
    """Write every current household and resident of this database to `path`."""
    with work(db, actor, write=True) as w:
        households = _households(w.session)
        rows = list(_rows(w.session, households, progress))
        write_households(rows, TITLE + " – " + w.replica.name, Path(path))
        detail = {"file": Path(path).name, "households": len(households), "persons": len(rows)}
        audit.append(w, "export", "household", None, detail)
    return ExportResult(str(path), len(households), len(rows))


def _households(session: Session) -> list[tuple[Household, Area]]:
    """Live households with their area, ordered by area then number."""
    query = (
        select(Household, Area)
        .join(Area, Area.id == Household.area_id)
        .where(Household.deleted.is_(False), Household.merged_into.is_(None))
    )
    found = [(household, area) for household, area in session.execute(query)]
    found.sort(key=lambda pair: (pair[1].sort_key or "", pair[1].id, _natural(pair[0].number)))
    return found


def _natural(number: str | None) -> tuple[Any, ...]:
    """ "T01-2" before "T01-10"; households without a number last."""
    if not number:
        return ((1, ""),)
    parts = re.split(r"(\d+)", number.casefold())
    return tuple((0, int(p)) if p.isdigit() else (0, p) for p in parts if p)


def _rows(
    session: Session, households: Sequence[tuple[Household, Area]], progress: Listener | None
) -> Iterator[PersonRow]:
    members = _members(session)
    relations = _relations(session)
    order = {code: position for position, code in enumerate(relations)}
    for done, (household, area) in enumerate(households, start=1):
        people = members.get(household.id, [])
        people.sort(key=lambda p: _member_order(p, household, order))
        for person in people:
            yield _row(person, household, area, relations)
        if progress is not None:
            progress(done, len(households))


def _members(session: Session) -> dict[str, list[Person]]:
    query = select(Person).where(
        Person.deleted.is_(False),
        Person.merged_into.is_(None),
        Person.household_id.is_not(None),
    )
    members: dict[str, list[Person]] = {}
    for person in session.scalars(query):
        if person.residence_status not in GONE:
            members.setdefault(person.household_id or "", []).append(person)
    return members


def _relations(session: Session) -> dict[str, str]:
    """Relation code → label, in the vocabulary's order."""
    query = (
        select(VocabularyTerm.code, VocabularyTerm.label)
        .where(VocabularyTerm.vocabulary == "relation", VocabularyTerm.deleted.is_(False))
        .order_by(VocabularyTerm.position, VocabularyTerm.label)
    )
    return {code or "": label or "" for code, label in session.execute(query)}


def _member_order(person: Person, household: Household, order: dict[str, int]) -> tuple[Any, ...]:
    head = person.id == household.head_person_id
    year = person.birth_date.year if person.birth_date else person.birth_year
    rank = order.get(person.relation_to_head or "", len(order))
    return (not head, rank, year or 9999, person.sort_key or "", person.id)


def _row(person: Person, household: Household, area: Area, relations: dict[str, str]) -> PersonRow:
    return PersonRow(
        number=household.number,
        full_name=person.full_name or "",
        birth=person.birth_date or person.birth_year,
        sex=SEXES.get(person.sex or "", ""),
        id_number=person.id_number,
        relation=relations.get(person.relation_to_head or "", ""),
        phone=person.phone,
        address=person.address or household.address,
        area=area.name or "",
        occupation=person.occupation,
        note=person.note,
    )


# --- The workbook --------------------------------------------------------------------------

def write_households(rows: Sequence[PersonRow], title: str, path: Path) -> None:
    """The pure writer: a title, a frozen header, one row per person."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hộ gia đình"
    _title(sheet, title)
    _header(sheet)
    for index, row in enumerate(rows, start=1):
        _write_row(sheet, HEADER_ROW + index, index, row)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    save_workbook(book, path)


def _title(sheet: Any, title: str) -> None:
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")


def _header(sheet: Any) -> None:
    write_header(sheet, HEADER_ROW, COLUMNS)


def _write_row(sheet: Any, at: int, index: int, row: PersonRow) -> None:
    values = (
        index,
        row.number,
        row.full_name,
        row.birth,
        row.sex,
        row.id_number,
        row.relation,
        row.phone,
        row.address,
        row.area,
        row.occupation,
        row.note,
    )
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(at, col, value)
        cell.border = BOX
    birth = sheet.cell(at, 4)
    birth.number_format = DATE_FORMAT if isinstance(row.birth, date) else YEAR_FORMAT
    # Text, so Excel keeps the leading zero of a số định danh and of a phone number.
    for col in (6, 8):
        sheet.cell(at, col).number_format = TEXT_FORMAT
