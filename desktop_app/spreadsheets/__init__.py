"""Spreadsheets in and out; here, the register sheet's columns, cells and rows.

The package: `legacy_fonts` (TCVN3/VNI text), `reader` (finds the header row and reads the
rows), `households_import` (rows into records), `households_export` (records into a sheet).
This module is what they share: which header names which column, how a cell becomes a value
(dates, số định danh, sex, phone) and a row a person and a household (`Entry`), with every
problem in words for the officer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop_app.i18n import tr
from desktop_app.records.catalog import record_type
from desktop_app.records.validation import field_problem
from desktop_app.text import fold

CellValue = str | int | float | date | datetime | bool | None

# What a column can hold, with the header texts (folded: no marks, đ→d, lower case, words
# only) that name it. A header matches a text exactly, or starts with a text of two words
# or more ("Họ và tên chủ hộ (hoặc người đại diện)"); the longest such text wins.
FIELD_LABELS: dict[str, str] = {
    "stt": "STT",
    "full_name": "Họ và tên",
    "family_name": "Họ và tên đệm",
    "given_name": "Tên",
    "birth": "Ngày sinh hoặc năm sinh",
    "sex": "Giới tính",
    "male": "Nam (giới tính)",
    "female": "Nữ (giới tính)",
    "id_number": "Số định danh cá nhân",
    "address": "Địa chỉ",
    "area": "Thôn, tổ dân phố",
    "members": "Số nhân khẩu",
    "relation": "Quan hệ với chủ hộ",
    "phone": "Số điện thoại",
    "occupation": "Nghề nghiệp",
    "household_number": "Số hộ",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "hometown": "Quê quán",
    "note": "Ghi chú",
}
HEADERS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten chu ho",
        "ho ten chu ho",
        "chu ho",
        "ten chu ho",
        "ho va ten nhan khau",
        "ho va ten khai sinh",
    ),
    "family_name": ("ho va ten dem", "ho va chu dem", "ho dem", "ho chu dem", "ho va ten lot"),
    "given_name": ("ten",),
    "birth": (
        "nam sinh",
        "ngay sinh",
        "ngay thang nam sinh",
        "sinh ngay",
        "ngay thang nam",
        "ngay sinh nam sinh",
    ),
    "sex": ("gioi tinh", "gioi", "nam nu"),
    "male": ("nam",),
    "female": ("nu",),
    "id_number": (
        "so dinh danh ca nhan",
        "so dinh danh",
        "ma dinh danh",
        "dinh danh ca nhan",
        "so cccd",
        "cccd",
        "cmnd",
        "so cmnd",
        "cccd cmnd",
        "cmnd cccd",
        "so cccd cmnd",
        "so cmnd cccd",
        "can cuoc cong dan",
        "so can cuoc cong dan",
        "so can cuoc",
        "can cuoc",
    ),
    "address": (
        "dia chi",
        "noi o hien tai",
        "noi thuong tru",
        "dia chi thuong tru",
        "noi cu tru",
        "cho o hien nay",
        "noi o",
        "dia chi cu tru",
        "so nha",
    ),
    "area": (
        "thon",
        "to dan pho",
        "thon to dan pho",
        "thon tdp",
        "tdp",
        "ap",
        "xom",
        "ban",
        "khu pho",
        "thon xom",
        "to",
        "khu dan cu",
        "thon ap",
        "thon ban",
        "thon to",
    ),
    "members": ("so nhan khau", "so khau", "nhan khau", "so nguoi", "so thanh vien"),
    "relation": ("quan he voi chu ho", "quan he", "quan he chu ho", "qh voi chu ho", "qh"),
    "phone": ("so dien thoai", "sdt", "dien thoai", "so dt", "dt", "dtdd", "dien thoai lien he"),
    "occupation": ("nghe nghiep", "nghe nghiep noi lam viec", "cong viec", "nghe"),
    "household_number": ("so ho", "ma ho", "so ho khau", "so so ho khau", "ma so ho"),
    "ethnicity": ("dan toc",),
    "religion": ("ton giao",),
    "hometown": ("que quan",),
    "note": ("ghi chu",),
}
_BY_TEXT = {text: name for name, texts in HEADERS.items() for text in texts}
_PREFIXES = sorted((t for t in _BY_TEXT if " " in t), key=len, reverse=True)
# Rows that end the table: totals, signatures, the place-and-date line.
_FOOTERS = (
    "nguoi lap",
    "tong cong",
    "tong so",
    "cong:",
    "xac nhan",
    "truong cong an",
    "truong thon",
    "to truong",
    "t/m",
    "tm.",
    "ky ten",
    "ky, ghi ro",
)
_DATE_LINE = re.compile(r"\bngay\b[\s.…/0-9]*\bthang\b[\s.…/0-9]*\bnam\b")
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


def field_label(name: str) -> str:
    """The Vietnamese (or translated) name of a column field: "Số định danh cá nhân"."""
    return tr(FIELD_LABELS[name])


def header_key(text: str) -> str:
    """ "Ngày, tháng,\\nnăm sinh" → "ngay thang nam sinh"."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def field_of(text: str) -> str | None:
    """The field a header text names, if any."""
    key = header_key(text)
    if not key:
        return None
    if key in _BY_TEXT:
        return _BY_TEXT[key]
    return next((_BY_TEXT[p] for p in _PREFIXES if key.startswith(p + " ")), None)


def is_footer(text: str) -> bool:
    """A row that ends the table: totals, signatures, the place-and-date line."""
    folded = fold(text)
    if folded == "cong" or folded.startswith(_FOOTERS):
        return True
    return _DATE_LINE.search(folded[:60]) is not None


def is_numbering(texts: Sequence[str]) -> bool:
    """The row "(1) (2) (3)…" or "1 2 3…" printed under a header."""
    if len(texts) < 3 or not all(_NUMBERING.match(t) for t in texts):
        return False
    numbers = [int(t.strip("()")) for t in texts]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


@dataclass(frozen=True)
class SheetCell:
    value: CellValue  # text is decoded to Unicode NFC and trimmed; numbers and dates as stored
    uppercase: bool = False  # text drawn by a capitals font (.VnTimeH)

    @property
    def is_text(self) -> bool:
        return isinstance(self.value, str)

    @property
    def text(self) -> str:
        value = self.value
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime | date):
            return f"{value:%d/%m/%Y}"
        return "" if value is None else str(value)


@dataclass(frozen=True)
class SheetRow:
    number: int  # as Excel shows it
    cells: Mapping[str, SheetCell]  # by field

    def get(self, name: str) -> SheetCell | None:
        return self.cells.get(name)


# --- Values --------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell whose value cannot be what its column says; the message is for the officer."""


_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_ID_NOISE = re.compile(r"[\s.\-']")
FIRST_YEAR = 1900
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's date serial numbers


def birth_of(cell: SheetCell, today: date) -> date | int:
    """A birth date, or only its year: Excel dates, "12/03/1985", "03/1985", "1985", 1985.0."""
    value = cell.value
    if isinstance(value, datetime | date):
        return _from_date(value, cell, today)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            return _checked_year(int(value), cell, today)
        raise CellError(tr("'{raw}' không phải một năm", raw=cell.text))
    text = cell.text.replace(" ", "")
    if match := _YEAR.match(text):
        return _checked_year(int(match[1]), cell, today)
    if (match := _MONTH_YEAR.match(text)) and 1 <= int(match[1]) <= 12:
        return _checked_year(int(match[2]), cell, today)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise CellError(tr("'{raw}' không đọc được (nhập dd/mm/yyyy hoặc năm)", raw=cell.text))
    if year < 100:  # "12/03/85": the most recent such year that is not in the future
        year += 1900 if 2000 + year > today.year else 2000
    try:
        return _checked(date(year, month, day), cell, today)
    except ValueError:
        raise CellError(tr("'{raw}' không phải ngày có thật", raw=cell.text)) from None


def _from_date(value: date, cell: SheetCell, today: date) -> date | int:
    born = value.date() if isinstance(value, datetime) else value
    typed = (born - EXCEL_EPOCH).days
    if born.year < 1906 and FIRST_YEAR <= typed <= today.year:
        return typed  # "1985" typed into a date column: Excel shows 07/06/1905
    return _checked(born, cell, today)


def _checked(value: date, cell: SheetCell, today: date) -> date:
    if value > today:
        raise CellError(tr("'{raw}' sau ngày hôm nay", raw=cell.text))
    _checked_year(value.year, cell, today)
    return value


def _checked_year(year: int, cell: SheetCell, today: date) -> int:
    if not FIRST_YEAR <= year <= today.year:
        raise CellError(
            tr(
                "năm '{raw}' phải từ {first} đến {last}",
                raw=cell.text,
                first=FIRST_YEAR,
                last=today.year,
            )
        )
    return year


def id_number_of(cell: SheetCell) -> str:
    """A 12-digit số định danh; a number cell that lost its leading zero says so."""
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value)) if float(value).is_integer() else cell.text
        if len(digits) == 12:
            return digits
        if len(digits) in (10, 11):  # province codes 001–096: one or two zeros dropped
            raise CellError(
                tr(
                    "'{raw}' chỉ có {n} chữ số: ô được lưu dạng số nên Excel đã "
                    "bỏ số 0 ở đầu. Hãy định dạng cột là Văn bản (Text) và nhập đủ 12 chữ số "
                    "(có lẽ là '{padded}').",
                    raw=digits,
                    n=len(digits),
                    padded=digits.zfill(12),
                )
            )
        raise CellError(tr("'{raw}' phải gồm đúng 12 chữ số", raw=digits))
    text = _ID_NOISE.sub("", cell.text)
    if len(text) == 12 and text.isdigit():
        return text
    if len(text) == 9 and text.isdigit():
        raise CellError(
            tr("'{raw}' là số CMND cũ (9 chữ số); cần số định danh cá nhân 12 chữ số", raw=text)
        )
    raise CellError(tr("'{raw}' phải gồm đúng 12 chữ số", raw=cell.text))


_SEXES = {
    "nam": "nam",
    "m": "nam",
    "male": "nam",
    "trai": "nam",
    "nu": "nu",
    "f": "nu",
    "female": "nu",
    "gai": "nu",
    "khac": "khac",
}


def sex_of(cell: SheetCell) -> str:
    """nam, nu or khac from "Nam", "Nữ", "Khác" (and M/F)."""
    code = _SEXES.get(fold(cell.text))
    if code is None:
        raise CellError(tr("'{raw}' không rõ (nhập Nam hoặc Nữ)", raw=cell.text))
    return code


def phone_of(cell: SheetCell) -> str:
    """The number as typed; a number cell gets back the 0 Excel dropped (987654321)."""
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        digits = str(int(value))
        return "0" + digits if len(digits) in (9, 10) and not digits.startswith("84") else digits
    return cell.text


def count_of(cell: SheetCell) -> int:
    """A count such as "Số nhân khẩu"."""
    text = cell.text
    if not text.isdigit() or int(text) < 1:
        raise CellError(tr("'{raw}' không phải số người hợp lệ", raw=text))
    return int(text)


# --- Rows ----------------------------------------------------------------------------------

PER_HOUSEHOLD, PER_PERSON = "household", "person"  # the two layouts of a register sheet
_MARKS = {"x", "v", "✓", "√", "1", "co"}  # ticks in separate Nam / Nữ columns
_PERSON_TEXTS = ("occupation", "ethnicity", "religion", "hometown", "note")


@dataclass
class Entry:
    """One data row read as a person and, for a head, their household."""

    row: int
    person: dict[str, Any] = field(default_factory=dict)
    household: dict[str, Any] = field(default_factory=dict)
    area: str | None = None
    relation: str | None = None  # as written
    problems: list[str] = field(default_factory=list)

    @property
    def is_head(self) -> bool:
        return self.relation is not None and fold(self.relation) in ("chu ho", "ch")


def layout_of(fields: Collection[str]) -> str:
    """One row per person when the sheet says how each relates to the head."""
    return PER_PERSON if "relation" in fields else PER_HOUSEHOLD


def read_entries(rows: Iterable[SheetRow], today: date | None = None) -> list[Entry]:
    day = today or date.today()
    return [read_entry(row, day) for row in rows]


def read_entry(row: SheetRow, today: date) -> Entry:
    """What one row says, with every problem found without the database."""
    entry = Entry(row.number)
    _name(row, entry)
    _birth_and_sex(row, entry, today)
    person = entry.person
    person["id_number"] = _get(entry, row, "id_number", id_number_of)
    person["phone"] = _get(entry, row, "phone", phone_of)
    for name in _PERSON_TEXTS:
        person[name] = _get(entry, row, name, _text)
    entry.relation = _get(entry, row, "relation", _text)
    _household(row, entry)
    _check_fields(entry)
    return entry


def _get(entry: Entry, row: SheetRow, name: str, convert: Callable[[SheetCell], Any]) -> Any:
    cell = row.get(name)
    if cell is None:
        return None
    try:
        return convert(cell)
    except CellError as error:
        entry.problems.append(tr("{label}: {problem}", label=field_label(name), problem=error))
        return None


def _text(cell: SheetCell) -> str:
    return cell.text


def _capitalised(text: str) -> str:
    """ "NGUYỄN VĂN AN" → "Nguyễn Văn An" (names typed in a capitals font)."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in text.split())


def _name(row: SheetRow, entry: Entry) -> None:
    full, family, given = (row.get(n) for n in ("full_name", "family_name", "given_name"))
    cells = [full] if full else [c for c in (family, given) if c]
    name = " ".join(c.text for c in cells if c)
    if any(c.uppercase for c in cells if c):
        name = _capitalised(name)
    if not name:
        entry.problems.append(tr("thiếu họ và tên"))
        return
    entry.person["full_name"] = name
    if not full and family and given and " " in given.text:  # "Y Bih" of "Niê Y Bih"
        entry.person["given_name"] = " ".join(name.split()[-len(given.text.split()) :])


def _birth_and_sex(row: SheetRow, entry: Entry, today: date) -> None:
    born = _get(entry, row, "birth", lambda c: birth_of(c, today))
    sex = _get(entry, row, "sex", sex_of)
    ticked = [(code, name) for code, name in (("nam", "male"), ("nu", "female")) if row.get(name)]
    if len(ticked) > 1:
        entry.problems.append(tr("cả hai cột Nam và Nữ đều có giá trị"))
    elif ticked:
        code, name = ticked[0]
        sex = sex or code
        cell = row.get(name)
        if cell is not None and born is None and fold(cell.text) not in _MARKS:
            born = _get(entry, row, name, lambda c: birth_of(c, today))
    entry.person["sex"] = sex
    key = "birth_year" if isinstance(born, int) else "birth_date"
    entry.person[key] = born


def _household(row: SheetRow, entry: Entry) -> None:
    area = _get(entry, row, "area", _text)
    entry.area = _capitalised(area) if area and row.cells["area"].uppercase else area
    household = entry.household
    household["address"] = _get(entry, row, "address", _text)
    household["number"] = _get(entry, row, "household_number", _text)
    members = _get(entry, row, "members", count_of)
    if members is not None:
        # Stored data, replicated to other machines: Vietnamese whatever the interface says.
        household["note"] = f"Số nhân khẩu khai trong bảng tính: {members}"


def _check_fields(entry: Entry) -> None:
    """Lengths and formats, as `records.save` will check them, reported per row."""
    for type_name, values in (("person", entry.person), ("household", entry.household)):
        rtype = record_type(type_name)
        for name in [n for n, v in values.items() if v is None]:
            del values[name]
        for name, value in values.items():
            problem = field_problem(rtype.field(name), value)
            if problem:
                label = tr(rtype.field(name).label)
                entry.problems.append(tr("{label}: {problem}", label=label, problem=problem))
