"""Importing households and residents from a spreadsheet, in one transaction, with a report.

Two layouts are understood. One row per household: the head's data, the address, the area,
maybe "Số nhân khẩu". One row per person, with "Quan hệ với chủ hộ": a "Chủ hộ" row starts
a household, the rows below it are its members. Every record goes through `records.save`,
so validation, the số định danh rule, the change log and the audit trail all apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.models import Area, Person, VocabularyTerm
from db.uow import Database
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.errors import DuplicateError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records.catalog import record_type
from desktop_app.services import audit, records
from desktop_app.services.vocabularies import DEFAULTS
from desktop_app.spreadsheets import PER_HOUSEHOLD, Entry, layout_of, read_entries
from desktop_app.spreadsheets.reader import Sheet, read_sheet
from desktop_app.text import fold
from desktop_app.work import Work, work

Listener = Callable[[int, int], None]


@dataclass(frozen=True)
class Problem:
    row: int  # as Excel shows it
    message: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, dry or refused, would have done) and what was wrong."""

    file: str
    sheet: str
    layout: str  # PER_HOUSEHOLD or PER_PERSON
    header_rows: tuple[int, ...]
    rows: int  # data rows read
    encodings: Mapping[str, int]  # text cells per encoding
    skip_invalid: bool
    dry_run: bool
    households: int
    persons: int
    areas_created: int
    problems: tuple[Problem, ...]  # in row order
    applied: bool
    changes: Changes

    @property
    def rejected(self) -> bool:
        """Rows were invalid and skipping them was not asked for: nothing is imported."""
        return bool(self.problems) and not self.skip_invalid

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            encodings=dict(self.encodings),
            changes=sorted(self.changes.types),
            rejected=self.rejected,
        )
        return data


@dataclass
class Tally:
    """The report while the import runs (worker thread only)."""

    layout: str
    households: int = 0
    persons: int = 0
    areas_created: int = 0
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: int, message: str) -> None:
        self.problems.append(Problem(row, message))


@dataclass
class Family:
    head: Entry
    members: list[Entry] = field(default_factory=list)


def import_households(
    db: Database,
    actor: Actor,
    path: str | Path,
    *,
    overrides: dict[str, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Listener | None = None,
) -> ImportReport:
    """Import the sheet at `path`; all or nothing unless `skip_invalid`; `dry_run` rolls back."""
    require_write(actor)
    sheet = read_sheet(path, overrides)
    tally = Tally(layout_of(sheet.fields))
    families = group(read_entries(sheet.rows), tally)
    changes, applied = Changes(), False
    try:
        with work(db, actor, write=True) as w:
            _Importer(w, tally, _area_header(sheet)).run(families, progress)
            if dry_run or (tally.problems and not skip_invalid):
                raise _RollBack
            detail = {"file": Path(path).name, "skip_invalid": skip_invalid, **_counts(tally)}
            audit.append(w, "import", "household", None, detail)
            changes, applied = w.changes(), True
    except _RollBack:
        pass
    return ImportReport(
        Path(path).name,
        sheet.name,
        tally.layout,
        sheet.header_rows,
        len(sheet.rows),
        dict(sheet.encodings),
        skip_invalid,
        dry_run,
        tally.households,
        tally.persons,
        tally.areas_created,
        tuple(sorted(tally.problems, key=lambda p: p.row)),
        applied,
        changes,
    )


class _RollBack(Exception):
    """Leaves the unit of work without committing (dry run, or rows were invalid)."""


def _counts(tally: Tally) -> dict[str, int]:
    return {
        "households": tally.households,
        "persons": tally.persons,
        "areas_created": tally.areas_created,
        "problems": len(tally.problems),
    }


def _area_header(sheet: Sheet) -> str:
    return next((c.header for c in sheet.columns if c.field == "area"), "")


# --- Entries into families -----------------------------------------------------------------


def group(entries: list[Entry], report: Tally) -> list[Family]:
    """Households as the sheet lays them out; rows that belong to none are reported."""
    if report.layout == PER_HOUSEHOLD:
        return [Family(entry) for entry in entries]
    families: list[Family] = []
    for entry in entries:
        current = families[-1] if families else None
        if entry.is_head:
            families.append(Family(entry))
        elif current is None:
            report.add(entry.row, tr("Dòng này không thuộc hộ nào: phía trên chưa có 'Chủ hộ'."))
        elif _other_number(entry, current):
            report.add(
                entry.row,
                tr(
                    "Số hộ '{number}' khác số hộ của chủ hộ ở dòng {row}; thiếu dòng 'Chủ hộ'?",
                    number=entry.household.get("number"),
                    row=current.head.row,
                ),
            )
        else:
            current.members.append(entry)
    return families


def _other_number(entry: Entry, family: Family) -> bool:
    mine, theirs = entry.household.get("number"), family.head.household.get("number")
    return bool(mine and theirs and fold(mine) != fold(theirs))


# --- Families into records -----------------------------------------------------------------

_KIND_WORDS = (
    ("to dan pho", "to_dan_pho"),
    ("tdp", "to_dan_pho"),
    ("khu pho", "khu_pho"),
    ("thon", "thon"),
    ("ap", "ap"),
    ("xom", "xom"),
    ("ban", "ban"),
    ("buon", "buon"),
    ("khom", "khom"),
)
# Relations as spreadsheets write them, beyond the labels of the `relation` vocabulary.
_RELATION_WORDS = {
    "ch": "chu_ho",
    "con trai": "con",
    "con gai": "con",
    "con nuoi": "con",
    "bo": "cha",
    "bo de": "cha",
    "cha de": "cha",
    "me de": "me",
    "ong noi": "ong",
    "ong ngoai": "ong",
    "ba noi": "ba",
    "ba ngoai": "ba",
    "chau noi": "chau",
    "chau ngoai": "chau",
    "anh": "anh_chi_em",
    "chi": "anh_chi_em",
    "em": "anh_chi_em",
    "anh trai": "anh_chi_em",
    "chi gai": "anh_chi_em",
    "em trai": "anh_chi_em",
    "em gai": "anh_chi_em",
}
_ID_CHUNK = 500
HEAD, OTHER = "chu_ho", "khac"


class _Importer:
    """Saves families inside one open unit of work; what it cannot save goes in the report."""

    def __init__(self, w: Work, report: Tally, area_header: str) -> None:
        self.w, self.report = w, report
        self.areas = _Areas(w, _kind_of(area_header))
        self.relations = _relation_codes(w)
        self.taken: dict[str, str] = {}  # số định danh → why it cannot be used again
        # The session keeps unchanged objects only weakly; holding them spares a SELECT each
        # time validation checks that a member's household exists.
        self.saved: list[Any] = []

    def run(self, families: list[Family], progress: Listener | None) -> None:
        self._load_taken(families)
        for done, family in enumerate(families, start=1):
            self._family(family)
            if progress is not None:
                progress(done, len(families))
        self.report.areas_created = self.areas.created

    def _family(self, family: Family) -> None:
        head = family.head
        household = self._household(head) if self._ready(head) else None
        for member in family.members:
            if not self._ready(member):
                continue
            if household is None:
                skipped = tr("Bỏ qua: dòng chủ hộ (dòng {row}) không hợp lệ.", row=head.row)
                self.report.add(member.row, skipped)
            else:
                self._person(member, household, head)

    def _ready(self, entry: Entry) -> bool:
        """Reports the entry's problems and a số định danh used before; True when none."""
        for problem in entry.problems:
            self.report.add(entry.row, problem)
        number = entry.person.get("id_number")
        if number and number in self.taken:
            self.report.add(entry.row, self.taken[number])
            return False
        if number:
            row = entry.row
            self.taken[number] = tr(
                "Số định danh {number} trùng với dòng {row} trong tệp.", number=number, row=row
            )
        return not entry.problems

    def _household(self, head: Entry) -> str | None:
        area_id = self._area(head)
        if area_id is None:
            return None
        person = self._save("person", head, self._person_data(head, None))
        if person is None:
            return None
        data = {**head.household, "area_id": area_id, "head_person_id": person}
        data.setdefault("address", self.areas.names[area_id])
        if head.person.get("phone"):
            data["phone"] = head.person["phone"]
        household = self._save("household", head, data)
        if household is not None:
            self._save("person", head, {"id": person, "household_id": household})
            self.report.households += 1
            self.report.persons += 1
        return household

    def _area(self, head: Entry) -> str | None:
        """The head row's area, created when the post has none of that name."""
        found = self.areas.find(head.area, head.household.get("address"))
        if found is None and not head.area:
            missing = tr("Thiếu thôn, tổ dân phố (cột trống, địa chỉ không nêu thôn nào).")
            self.report.add(head.row, missing)
        if found is not None or not head.area:
            return found
        try:
            return self.areas.create(head.area)
        except ValidationError as error:
            self.report.add(head.row, error.message)
            return None

    def _person(self, entry: Entry, household: str, head: Entry) -> None:
        data = self._person_data(entry, household)
        address = entry.household.get("address")
        if address and fold(address) != fold(head.household.get("address") or ""):
            data["address"] = address
        if self._save("person", entry, data) is not None:
            self.report.persons += 1

    def _person_data(self, entry: Entry, household: str | None) -> dict[str, Any]:
        data = {**entry.person, "household_id": household}
        code = HEAD if self.report.layout == PER_HOUSEHOLD or entry.is_head else None
        text = entry.relation
        if code is None and text:
            code = self.relations.get(fold(text)) or OTHER
            if code == OTHER and fold(text) not in self.relations:
                note = f"Quan hệ với chủ hộ: {text}"  # stored data: not translated
                data["note"] = f"{data['note']}\n{note}" if data.get("note") else note
        data["relation_to_head"] = code if code in self.relations.values() else None
        return data

    def _save(self, type_name: str, entry: Entry, data: dict[str, Any]) -> str | None:
        try:
            obj, _ = records.save(self.w, record_type(type_name), data)
        except (ValidationError, DuplicateError) as error:
            self.report.add(entry.row, error.message)
            return None
        self.saved.append(obj)
        return str(obj.id)

    def _load_taken(self, families: list[Family]) -> None:
        """Số định danh the database already holds, each with who holds it."""
        entries = [e for f in families for e in (f.head, *f.members)]
        numbers = sorted({e.person["id_number"] for e in entries if e.person.get("id_number")})
        for start in range(0, len(numbers), _ID_CHUNK):
            query = select(Person).where(
                Person.id_number.in_(numbers[start : start + _ID_CHUNK]),
                Person.deleted.is_(False),
                Person.merged_into.is_(None),
            )
            for other in self.w.session.scalars(query):
                self.taken[other.id_number or ""] = _held_by(other)


def _held_by(other: Person) -> str:
    if other.birth_year:
        return tr(
            "Số định danh {number} đã có trong cơ sở dữ liệu: {name}, sinh {year} (mã {id}).",
            number=other.id_number,
            name=other.full_name,
            year=other.birth_year,
            id=other.id,
        )
    return tr(
        "Số định danh {number} đã có trong cơ sở dữ liệu: {name} (mã {id}).",
        number=other.id_number,
        name=other.full_name,
        id=other.id,
    )


def _relation_codes(w: Work) -> dict[str, str]:
    """Folded label or word → relation code, for the codes this database has."""
    terms = w.session.execute(
        select(VocabularyTerm.code, VocabularyTerm.label).where(
            VocabularyTerm.vocabulary == "relation",
            VocabularyTerm.active.is_(True),
            VocabularyTerm.deleted.is_(False),
        )
    )
    labels = {fold(label or ""): code for code, label in terms if code}
    codes = set(labels.values())
    words = {word: code for word, code in _RELATION_WORDS.items() if code in codes}
    return {**words, **{fold(c.replace("_", " ")): c for c in codes}, **labels}


def _kind_of(text: str) -> str | None:
    """The area kind a name or header starts with: "Tổ dân phố 3" → to_dan_pho."""
    folded = fold(text)
    return next((code for word, code in _KIND_WORDS if re.match(rf"{word}\b", folded)), None)


def _bare(name: str) -> str:
    """The folded name without its kind: "Thôn Đông Hòa" → "dong hoa"."""
    folded = fold(name)
    for word, _ in _KIND_WORDS:
        if re.match(rf"{word}\b", folded):
            return folded[len(word) :].strip(" ,.-")
    return folded


def _mentions(text: str, words: str) -> bool:
    return re.search(rf"\b{re.escape(words)}\b", text) is not None


class _Areas:
    """The post's areas by folded name; new ones are created as the sheet names them."""

    def __init__(self, w: Work, header_kind: str | None) -> None:
        self.w, self.header_kind, self.created = w, header_kind, 0
        self.names: dict[str, str] = {}
        self.folded: dict[str, tuple[str, str]] = {}  # id → (folded name, without its kind)
        for area_id, name in w.session.execute(
            select(Area.id, Area.name).where(Area.deleted.is_(False))
        ):
            self._add(area_id, name or "")
        self.kinds = records.vocabulary_codes(w.session, "area_kind")

    def _add(self, area_id: str, name: str) -> None:
        self.names[area_id] = name
        self.folded[area_id] = (fold(name), _bare(name))

    def find(self, text: str | None, address: str | None) -> str | None:
        """The area named `text` (with or without its kind), else the one `address` names."""
        if text:
            folded, bare = fold(text), _bare(text)
            exact = [i for i, (f, _) in self.folded.items() if f == folded]
            loose = [i for i, (_, b) in self.folded.items() if b == bare]
            return exact[0] if exact else loose[0] if len(loose) == 1 else None
        within = fold(address or "")
        longest = sorted(self.folded.items(), key=lambda item: -len(item[1][0]))
        return next((i for i, (f, _) in longest if f and _mentions(within, f)), None)

    def create(self, text: str) -> str:
        """A new area for `text`; its kind from the name, else from the column header."""
        kind = _kind_of(text) or self.header_kind or "thon"
        kind = kind if kind in self.kinds else "thon"
        name = text if _kind_of(text) else f"{dict(DEFAULTS['area_kind']).get(kind, '')} {text}"
        obj, _ = records.save(self.w, record_type("area"), {"name": name.strip(), "kind": kind})
        self._add(str(obj.id), name.strip())
        self.created += 1
        return str(obj.id)
