"""Reintegration case sheets on paper: the officer's full sheet and the helper's task sheet.

Pure writers: frozen data in, a Decree 30 PDF out (`write_case_sheet`, `write_helper_sheet`),
no database. The services in desktop_app/services/case_sheets.py gather the data and decide
who may print what. The text is Vietnamese whatever the UI language: it is an official paper.

The two documents differ in what they may disclose (Luật 91/2025 on personal data; DOMAIN.md
"Personal data"): the officer's sheet (`CaseSheet`) carries the whole file — judgements,
release, classification, contacts, incidents; the helper's sheet (`HelperSheet`) is handed to
family members and mass-organisation helpers, so its data class has no field that could hold
an offence, a judgement, a prison, a certificate, an incident or a classification reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop_app.reports.decree30 import (
    Column,
    Letterhead,
    ProgressCallback,
    Signature,
    build,
    closing,
    letterhead,
    markup,
    para,
    register_table,
    rich,
    signatures,
    styles,
    title_block,
)
from desktop_app.text import fold

# Titles break before "NGƯỜI …": a title too long for one line must not end on "PHẠT TÙ".
SERVED_TITLE = "PHIẾU THEO DÕI QUẢN LÝ, GIÚP ĐỠ\nNGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ"
AMNESTY_TITLE = "PHIẾU THEO DÕI QUẢN LÝ, GIÚP ĐỠ\nNGƯỜI ĐƯỢC ĐẶC XÁ"
HELPER_SERVED_TITLE = "PHIẾU GIAO NHIỆM VỤ GIÚP ĐỠ\nNGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ"
HELPER_AMNESTY_TITLE = "PHIẾU GIAO NHIỆM VỤ GIÚP ĐỠ\nNGƯỜI ĐƯỢC ĐẶC XÁ"
OFFICER_SIGNER = "CÁN BỘ PHỤ TRÁCH"
NOTHING = "Chưa có."
BLANK = "…"

# Widths in mm add up to the 165 mm text width. Measured at 12 pt, plus 2.1 mm of cell
# padding: a date is 19.3 mm, a ten-digit phone 21.2, "25/2020/HS-ST" 26.8, "Nguyễn Văn
# Trưởng" 35.3, "Hội Liên hiệp Phụ nữ" 36.6, "Mời lên làm việc" 28.9 — each fits its column.
JUDGEMENT_COLUMNS = (
    Column("Tòa án", 27),
    Column("Bản án số, ngày", 30, "CENTER"),
    Column("Tội danh", 27),
    Column("Điều khoản", 22),
    Column("Hình phạt chính", 22),
    Column("Thời hạn", 16, "CENTER"),  # "2 năm" over "6 tháng"
    Column("Hình phạt bổ sung", 21),
)
HELPER_COLUMNS = (
    Column("STT", 11, "CENTER"),
    Column("Vai trò", 40),
    Column("Họ và tên", 38),
    Column("Cơ quan, tổ chức", 50),
    Column("Số điện thoại", 26, "CENTER"),
)
CLASS_COLUMNS = (
    Column("Ngày", 24, "CENTER"),
    Column("Loại", 14, "CENTER"),
    Column("Lý do", 87),
    Column("Cán bộ", 40),
)
CONTACT_COLUMNS = (
    Column("Ngày", 24, "CENTER"),
    Column("Hình thức", 32),
    Column("Nội dung", 69),
    Column("Người thực hiện", 40),
)
SUPPORT_COLUMNS = (
    Column("Ngày", 24, "CENTER"),
    Column("Hình thức hỗ trợ", 36),
    Column("Đơn vị hỗ trợ", 38),
    Column("Nội dung, kết quả", 67),
)
HELPER_SUPPORT_COLUMNS = (
    Column("Ngày", 24, "CENTER"),
    Column("Hình thức hỗ trợ", 40),
    Column("Đơn vị hỗ trợ", 44),
    Column("Kết quả", 57),
)
INCIDENT_COLUMNS = (
    Column("Ngày", 24, "CENTER"),
    Column("Loại", 22),
    Column("Nội dung", 89),
    Column("Số bản án mới", 30, "CENTER"),
)

# What a helper is asked to do (Nghị định 49/2020, Thông tư 10/2024/TT-BCA), in plain words.
# Kept short: with the four or five helpers of the "4+" model the sheet still fits one page.
HELPER_TASKS = (
    "Thăm hỏi, động viên, giúp ổn định cuộc sống, hòa nhập cộng đồng: tìm việc làm, học "
    "nghề, vay vốn, làm giấy tờ tùy thân và cư trú.",
    "Kịp thời báo cán bộ phụ trách khi người được giúp đỡ gặp khó khăn, thay đổi nơi ở hoặc "
    "có biểu hiện vi phạm pháp luật; định kỳ báo cáo kết quả giúp đỡ.",
)
PRIVACY_NOTE = "Thông tin trong phiếu chỉ dùng cho việc giúp đỡ, không cung cấp cho người khác."
HELPER_RECIPIENTS = ("Người được phân công giúp đỡ", "Lưu: hồ sơ")


@dataclass(frozen=True)
class Identity:
    full_name: str
    birth_date: date | None
    birth_year: int | None  # when only the year is known
    sex: str  # label: "Nam"
    id_number: str
    address: str
    area: str  # "Thôn Đồng Tâm"
    phone: str = ""


@dataclass(frozen=True)
class JudgementRow:
    court: str
    number: str
    on: date | None
    offence: str
    article: str
    main_penalty: str
    term_months: int | None
    additional_penalties: str


@dataclass(frozen=True)
class HelperRow:
    role: str  # label from the helper_role vocabulary: "Hội Liên hiệp Phụ nữ"
    name: str
    organisation: str
    phone: str
    assigned_on: date | None = None
    ended_on: date | None = None


@dataclass(frozen=True)
class ClassRow:
    on: date | None
    level: str  # "A"…"D"
    reason: str
    officer: str


@dataclass(frozen=True)
class ContactRow:
    on: date | None
    kind: str  # label: "Đến nhà gặp"
    content: str
    observations: str
    by: str  # the officer, else the helper, who made the contact


@dataclass(frozen=True)
class SupportRow:
    on: date | None
    support_type: str  # label from the support_type vocabulary
    provider: str
    description: str
    outcome: str


@dataclass(frozen=True)
class IncidentRow:
    on: date | None
    kind: str  # label: "Vi phạm", "Tái phạm"
    description: str
    new_judgement_no: str


@dataclass(frozen=True)
class ExpectedExpungement:
    on: date
    stored: bool  # True: the date entered in the file; False: computed (Điều 70 BLHS)
    basis: str
    computed_on: date | None = None  # the Điều 70 date, shown too when a stored date differs


@dataclass(frozen=True)
class Closure:
    on: date | None
    reason: str  # label: "Đã được xóa án tích"
    note: str
    transferred_to: str  # the commune's name when the file moved


@dataclass(frozen=True)
class CaseSheet:
    """Everything the officer's sheet prints (the whole case file)."""

    letterhead: Letterhead
    case_no: str
    amnesty: bool  # the title names "người được đặc xá"
    status: str  # label: "Đang quản lý"
    identity: Identity
    judgements: tuple[JudgementRow, ...]
    release_type: str  # label
    facility: str
    release_date: date | None
    certificate_no: str
    certificate_date: date | None
    certificate_issuer: str
    notice_received_on: date | None
    residence_confirmed_on: date | None
    reported_on: date | None
    commitment_signed_on: date | None
    officer: str  # officer in charge
    officer_title: str
    helpers: tuple[HelperRow, ...]
    classes: tuple[ClassRow, ...]  # oldest first
    contacts: tuple[ContactRow, ...]  # oldest first
    supports: tuple[SupportRow, ...]
    incidents: tuple[IncidentRow, ...]
    expungement: ExpectedExpungement | None
    closure: Closure | None
    signer_title: tuple[str, ...]  # ("TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ",)
    signer_name: str  # "" leaves the chief's name to be written by hand


@dataclass(frozen=True)
class HelperSupport:
    """Support as the helper sees it: what, when, by whom, with what result (no description)."""

    on: date | None
    support_type: str
    provider: str
    outcome: str


@dataclass(frozen=True)
class HelperSheet:
    """What a helper from a family or a mass organisation needs, and nothing more.

    No field here can hold an offence, a judgement, a penalty, a prison, a certificate, an
    incident or a classification: the helper sheet cannot print what its data does not have.
    """

    letterhead: Letterhead
    case_no: str
    amnesty: bool
    full_name: str
    birth_year: str
    address: str
    area: str
    phone: str
    helpers: tuple[HelperRow, ...]  # current helpers only
    supports: tuple[HelperSupport, ...]
    officer: str
    officer_title: str
    officer_phone: str  # a police helper's phone when one is recorded
    post: str  # "Công an phường Hồng Hà"
    signer_title: tuple[str, ...]
    signer_name: str
    recipients: tuple[str, ...] = HELPER_RECIPIENTS


def write_case_sheet(
    data: CaseSheet, path: Path | str, progress: ProgressCallback | None = None
) -> None:
    """The officer's case sheet: the whole file, signed by the officer and the chief."""
    title = AMNESTY_TITLE if data.amnesty else SERVED_TITLE
    person = data.identity
    story: list[Flowable] = [
        *letterhead(data.letterhead),
        *title_block(title, f"Số hồ sơ: {data.case_no or BLANK}"),
        _section("I. NHÂN THÂN"),
        *_labelled(
            [
                ("Họ và tên", person.full_name),
                _birth(person),
                ("Giới tính", person.sex),
                ("Số định danh cá nhân", person.id_number),
                ("Nơi cư trú", person.address),
                ("Thôn, tổ dân phố", person.area),
                ("Số điện thoại", person.phone),
            ]
        ),
        _section("II. BẢN ÁN"),
        *_table(JUDGEMENT_COLUMNS, [_judgement(j) for j in data.judgements], progress),
        _section("III. RA TRẠI"),
        *_labelled(
            [
                ("Hình thức", data.release_type),
                ("Cơ sở giam giữ", data.facility),
                ("Ngày ra trại", _date(data.release_date)),
                ("Giấy chứng nhận", _certificate(data)),
            ]
        ),
        _section("IV. TIẾP NHẬN"),
        *_labelled(
            [
                ("Ngày nhận thông báo trước khi ra trại", _date(data.notice_received_on)),
                ("Ngày xác nhận nơi cư trú", _date(data.residence_confirmed_on)),
                ("Ngày trình diện", _date(data.reported_on)),
                ("Ngày ký cam kết", _date(data.commitment_signed_on)),
            ]
        ),
        _section("V. QUẢN LÝ, GIÚP ĐỠ"),
        *_labelled([("Cán bộ phụ trách", _with_title(data.officer, data.officer_title))]),
        *_table(HELPER_COLUMNS, _helper_rows(data.helpers, with_dates=True), progress),
        _section("VI. PHÂN LOẠI"),
        *_table(CLASS_COLUMNS, [_class(c) for c in data.classes], progress),
        _section("VII. TIẾP XÚC, LÀM VIỆC"),
        *_table(CONTACT_COLUMNS, [_contact(c) for c in data.contacts], progress),
        _section("VIII. HỖ TRỢ"),
        *_table(SUPPORT_COLUMNS, [_support(s) for s in data.supports], progress),
        _section("IX. VI PHẠM, TÁI PHẠM"),
        *_table(INCIDENT_COLUMNS, [_incident(i) for i in data.incidents], progress),
        # The last section moves with the signatures: no page starts with signatures alone.
        # One KeepTogether, nothing nested in it that keeps together (see docs/printing.md).
        KeepTogether(
            [
                _section("X. XÓA ÁN TÍCH, KẾT THÚC QUẢN LÝ", keep_with_next=False),
                *_expungement(data.expungement),
                *_closure(data.status, data.closure),
                signatures(
                    Signature((OFFICER_SIGNER,), data.officer),
                    Signature(data.signer_title, data.signer_name),
                ),
            ]
        ),
    ]
    build(path, story, title=_one_line(title, data.case_no), author=data.letterhead.issuer)


def write_helper_sheet(
    data: HelperSheet, path: Path | str, progress: ProgressCallback | None = None
) -> None:
    """The helper's task sheet: who is helped, who helps, what was done, whom to call.

    Signed by the chief, who assigns the helpers; "Nơi nhận" beside the signature.
    """
    title = HELPER_AMNESTY_TITLE if data.amnesty else HELPER_SERVED_TITLE
    s = styles()
    story: list[Flowable] = [
        *letterhead(data.letterhead),
        *title_block(title, f"Số hồ sơ: {data.case_no or BLANK}"),
        _section("I. NGƯỜI ĐƯỢC GIÚP ĐỠ"),
        _pair(("Họ và tên", data.full_name), ("Năm sinh", data.birth_year)),
        *_labelled(
            [
                ("Nơi cư trú", _with_area(data.address, data.area)),
                ("Số điện thoại liên hệ", data.phone),
            ]
        ),
        _section("II. NGƯỜI ĐƯỢC PHÂN CÔNG GIÚP ĐỠ"),
        *_table(HELPER_COLUMNS, _helper_rows(data.helpers, with_dates=False), progress),
        Spacer(1, 3),
        rich(markup("Nhiệm vụ của người giúp đỡ:"), s.text),
        *(para(f"- {task}", _task_style()) for task in HELPER_TASKS),
        _section("III. HỖ TRỢ ĐÃ THỰC HIỆN"),
        *_table(
            HELPER_SUPPORT_COLUMNS,
            [(_date(x.on), x.support_type, x.provider, x.outcome) for x in data.supports],
            progress,
        ),
        _section("IV. LIÊN HỆ"),
        *_labelled([("Cán bộ phụ trách", _reach(data))]),
        KeepTogether(
            [
                para(PRIVACY_NOTE, _note_style()),
                closing(Signature(data.signer_title, data.signer_name), data.recipients),
            ]
        ),
    ]
    build(path, story, title=_one_line(title, data.case_no), author=data.letterhead.issuer)


# --- pieces -------------------------------------------------------------------------------


def _section_style() -> ParagraphStyle:
    return ParagraphStyle(
        "case_section", parent=styles().text, spaceBefore=9, spaceAfter=4, keepWithNext=1
    )


def _task_style() -> ParagraphStyle:
    return ParagraphStyle("case_task", parent=styles().body, firstLineIndent=0, spaceAfter=2)


def _note_style() -> ParagraphStyle:
    return ParagraphStyle(
        "case_note", parent=styles().text, fontName=styles().sign_hint.fontName, spaceBefore=4
    )


def _section(heading: str, *, keep_with_next: bool = True) -> Flowable:
    """A bold section heading, kept on the page of what follows it."""
    style = _section_style()
    if not keep_with_next:
        style = ParagraphStyle("case_section_last", parent=style, keepWithNext=0)
    return rich(f"<b>{markup(heading)}</b>", style)


def _pair(first: tuple[str, str], second: tuple[str, str]) -> Flowable:
    """Two label lines on one: "Họ và tên: Nguyễn Văn A      Năm sinh: 1990"."""
    gap = "&nbsp;" * 6
    items = [f"{markup(label)}: {markup(value or BLANK)}" for label, value in (first, second)]
    return rich(gap.join(items), styles().text)


def _with_area(address: str, area: str) -> str:
    """The address, followed by the thôn / tổ dân phố unless the address already names it."""
    if area and fold(area) not in fold(address):
        return f"{address}, {area}" if address else area
    return address


def _reach(data: HelperSheet) -> str:
    """Whom to call: "Lê Văn A (Phó Trưởng Công an), Công an xã B; điện thoại: 09…"."""
    who = ", ".join(
        p for p in (_with_title(data.officer, data.officer_title) or BLANK, data.post) if p
    )
    return f"{who}; điện thoại: {data.officer_phone or BLANK}"


def _one_line(title: str, case_no: str) -> str:
    return f"{' '.join(title.split())} - {case_no}"


def _labelled(lines: Sequence[tuple[str, str]]) -> list[Flowable]:
    """Label lines ("Họ và tên: Nguyễn Văn A"); a blank value prints "…" to fill by hand."""
    s = styles()
    return [rich(f"{markup(label)}: {markup(value or BLANK)}", s.text) for label, value in lines]


def _table(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], progress: ProgressCallback | None
) -> list[Flowable]:
    if not rows:
        return [para(NOTHING, styles().text)]
    return [register_table(columns, rows, progress=progress)]


def _date(on: date | None) -> str:
    return on.strftime("%d/%m/%Y") if on else ""


def _birth(person: Identity) -> tuple[str, str]:
    """The full birth date under "Ngày sinh", or "Năm sinh" when only the year is known."""
    if person.birth_date:
        return "Ngày sinh", _date(person.birth_date)
    return "Năm sinh", str(person.birth_year or "")


def _term(months: int | None) -> str:
    """A prison term as judgements write it, years over months: "2 năm" / "6 tháng"."""
    if not months:
        return ""
    years, rest = divmod(months, 12)
    parts = [f"{years} năm" if years else "", f"{rest} tháng" if rest else ""]
    return "\n".join(p for p in parts if p)


def _with_title(name: str, title: str) -> str:
    if not name:
        return ""
    return f"{name} ({title})" if title else name


def _judgement(j: JudgementRow) -> tuple[str, ...]:
    number = "\n".join(x for x in (j.number, _date(j.on)) if x)
    return (
        j.court,
        number,
        j.offence,
        j.article,
        j.main_penalty,
        _term(j.term_months),
        j.additional_penalties,
    )


def _certificate(data: CaseSheet) -> str:
    parts = [f"số {data.certificate_no}" if data.certificate_no else ""]
    if data.certificate_date:
        parts.append(f"ngày {_date(data.certificate_date)}")
    if data.certificate_issuer:
        parts.append(f"của {data.certificate_issuer}")
    return " ".join(p for p in parts if p)


def _helper_rows(helpers: Sequence[HelperRow], *, with_dates: bool) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for i, h in enumerate(helpers, start=1):
        name = h.name
        if with_dates and h.ended_on:
            name += f"\n(đến {_date(h.ended_on)})"
        rows.append((str(i), h.role, name, h.organisation, h.phone))
    return rows


def _class(c: ClassRow) -> tuple[str, ...]:
    return (_date(c.on), c.level, c.reason, c.officer)


def _contact(c: ContactRow) -> tuple[str, ...]:
    content = c.content
    if c.observations:
        content += f"\nNhận xét: {c.observations}"
    return (_date(c.on), c.kind, content, c.by)


def _support(x: SupportRow) -> tuple[str, ...]:
    text = "\n".join(p for p in (x.description, x.outcome) if p)
    return (_date(x.on), x.support_type, x.provider, text)


def _incident(x: IncidentRow) -> tuple[str, ...]:
    return (_date(x.on), x.kind, x.description, x.new_judgement_no)


def _expungement(expected: ExpectedExpungement | None) -> list[Flowable]:
    if expected is None:
        return _labelled([("Ngày dự kiến xóa án tích", "")])
    lines = [("Ngày dự kiến xóa án tích", _date(expected.on)), ("Căn cứ", expected.basis)]
    if expected.stored and expected.computed_on and expected.computed_on != expected.on:
        lines.append(("Ngày tính theo Điều 70 BLHS 2015", _date(expected.computed_on)))
    return _labelled(lines)


def _closure(status: str, closure: Closure | None) -> list[Flowable]:
    if closure is None:
        return _labelled([("Tình trạng hồ sơ", status)])
    lines = [
        ("Tình trạng hồ sơ", status),
        ("Ngày kết thúc quản lý", _date(closure.on)),
        ("Lý do", closure.reason),
    ]
    if closure.transferred_to:
        lines.append(("Chuyển hồ sơ đến", closure.transferred_to))
    if closure.note:
        lines.append(("Ghi chú", closure.note))
    return _labelled(lines)
