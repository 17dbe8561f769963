"""Meeting minutes on paper: the Biên bản of Nghị định 30/2020, Phụ lục III, Mẫu 1.9.

A pure writer: frozen data in (`MinutesData`), a Decree 30 PDF out (`write_minutes`), no
database. desktop_app/services/minutes.py gathers the data; docs/minutes.md shows the page
and says where each rule comes from. The text is Vietnamese whatever the UI language.

Order of the paper: letterhead ("Số: 05/BB-CAP", or "……/BB-CAP" until the minutes are
closed, with a boxed "DỰ THẢO" on a draft), "BIÊN BẢN" and the subject, then the body in the
order of Mẫu 1.9 — start, place, attendance, chair, secretary, agenda with what was said,
residents' opinions and the answers, conclusions, votes, the closing sentence — then any
dated corrections (ĐÍNH CHÍNH), the two signatures (THƯ KÝ, CHỦ TRÌ) and "Nơi nhận". The
attendance sheet follows as the Phụ lục on a new page, numbered on its own (ND 30, Phụ lục I,
III.1.đ: "Số trang của Phụ lục được đánh số riêng theo từng Phụ lục").
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from desktop_app.reports.decree30 import (
    BODY_SIZE,
    FONT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE_WIDTH,
    TEXT_WIDTH,
    Column,
    Letterhead,
    ProgressCallback,
    Signature,
    document_date,
    letterhead,
    markup,
    para,
    recipients,
    register_fonts,
    register_table,
    rich,
    signatures,
    styles,
    text_width,
    title_block,
)
from desktop_app.text import nfc

TITLE = "BIÊN BẢN"
SECRETARY = "THƯ KÝ"
# DOMAIN.md names the right-hand signer CHỦ TRÌ; Mẫu 1.9 itself prints "CHỦ TỌA".
CHAIR = "CHỦ TRÌ"
DRAFT_MARK = "DỰ THẢO"
ANNEX_HEADING = "Phụ lục"
ANNEX_TITLE = "DANH SÁCH THÀNH PHẦN THAM DỰ"
CORRECTIONS = "ĐÍNH CHÍNH"
BLANK = "…"
DEFAULT_RECIPIENTS = ("Lưu: VT, hồ sơ",)

# 165 mm. Measured at 12 pt plus 2.1 mm of cell padding: "Nguyễn Thị Phương Thảo" 46.5 mm
# fits the name column; "Có mặt / Vắng" (bold) 28.3; "(đi làm ăn xa)" 25.7 under "Vắng". An
# address wraps in its 50 mm: rows are two lines high anyway, for the signature.
ANNEX_COLUMNS = (
    Column("STT", 11, "CENTER"),
    Column("Họ và tên", 47),
    Column("Chức vụ / Địa chỉ", 50),
    Column("Có mặt / Vắng", 30, "CENTER"),
    Column("Ký tên", 27),
)
# An empty two-line cell: every row of the sheet is tall enough to sign in (about 12 mm).
SIGNING_CELL = "\u00a0\n\u00a0"

OFFICIAL, HOUSEHOLD, PERSON = "official", "household", "person"


@dataclass(frozen=True)
class Attendee:
    """One line of the attendance sheet."""

    kind: str  # official, household (its representative) or person
    name: str
    detail: str  # an official's title; a household's or person's address from the register
    present: bool = True
    absent_reason: str = ""


@dataclass(frozen=True)
class AgendaEntry:
    title: str
    content: str = ""  # what was said; paragraphs separated by line breaks


@dataclass(frozen=True)
class OpinionEntry:
    """A resident's opinion and what the meeting did with it (not the later follow-up)."""

    speaker: str
    content: str
    answer: str = ""  # the answer given at the meeting
    within_authority: bool = True
    referred_to: str = ""  # where it goes when the commune may not settle it
    responsible: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class Votes:
    in_favour: int
    against: int
    other: int

    @property
    def total(self) -> int:
        return self.in_favour + self.against + self.other


@dataclass(frozen=True)
class Addendum:
    made_on: date | None
    content: str


@dataclass(frozen=True)
class MinutesData:
    """Everything the Biên bản prints, in the order printed."""

    letterhead: Letterhead  # number "05/BB-CAP", or "……/BB-CAP" until the minutes are closed
    issuer_name: str  # "Công an phường Hồng Hà", in the annex's "Kèm theo … của …" line
    draft: bool  # prints the boxed DỰ THẢO mark
    subject: str  # trích yếu: "Hội nghị Công an lắng nghe ý kiến Nhân dân thôn Đồng Tâm"
    event: str  # "Cuộc họp" or "Hội nghị", for the closing sentence
    starts_at: datetime | None
    ends_at: datetime | None
    place: str
    chair: str
    chair_title: str
    secretary: str
    secretary_title: str
    attendees: tuple[Attendee, ...]  # officials in protocol order, then households, people
    present_count: int | None  # totals the officer entered on the meeting, if any
    absent_count: int | None
    absent_reasons: str
    agenda: tuple[AgendaEntry, ...]
    opinions: tuple[OpinionEntry, ...]
    conclusions: str
    votes: Votes | None
    addenda: tuple[Addendum, ...]  # corrections made after closing, oldest first
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS


def write_minutes(
    data: MinutesData, path: Path | str, progress: ProgressCallback | None = None
) -> None:
    """The Biên bản and, when there is an attendance list, its Phụ lục on a new page.

    `progress(done, total)` reports the rows of the attendance sheet as they are laid out.
    """
    story: list[Flowable] = [
        *letterhead(data.letterhead),
        *title_block(TITLE, data.subject),
        *_opening(data),
        *_attendance(data),
        *_people_in_charge(data),
        *_agenda(data.agenda),
        *_opinions(data.opinions),
        *_labelled_text("Kết luận", data.conclusions),
        *_votes(data.votes),
    ]
    # Blocks that stay whole: the closing sentence, then each correction (the heading with the
    # first). The last one moves with the signatures and Nơi nhận, so that no page starts
    # with signatures alone. No KeepTogether holds another (see decree30: that forces a page
    # break), nor follows a paragraph that keeps with the next one.
    blocks = [[_closing_sentence(data)], *_addenda(data.addenda)]
    story += [KeepTogether(block) if len(block) > 1 else block[0] for block in blocks[:-1]]
    signed = signatures(Signature((SECRETARY,), data.secretary), Signature((CHAIR,), data.chair))
    recipients_block = recipients(data.recipients or DEFAULT_RECIPIENTS)
    story.append(KeepTogether([*blocks[-1], signed, *recipients_block]))
    annex = _annex(data, progress) if data.attendees else []
    _build(
        path,
        story,
        annex,
        draft=data.draft,
        title=f"{TITLE} {data.letterhead.number} - {data.subject}",
        author=data.letterhead.issuer,
    )


# --- body ---------------------------------------------------------------------------------


def _body_style(name: str, **extra: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=styles().body, **extra)


def _label(label: str, value: str, *, keep_with_next: bool = False) -> Flowable:
    """ "Địa điểm: Nhà văn hóa thôn Đồng Tâm." with the label in bold."""
    style = _body_style("minutes_label", keepWithNext=1) if keep_with_next else styles().body
    text = f"<b>{markup(label)}:</b>"
    return rich(f"{text} {markup(value)}" if value else text, style)


def _labelled_text(label: str, text: str) -> list[Flowable]:
    """A label with its text: inline for one paragraph, the rest as paragraphs below."""
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return []
    return [_label(label, paragraphs[0]), *(para(p, styles().body) for p in paragraphs[1:])]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in nfc(text or "").splitlines() if line.strip()]


def _sentence(text: str) -> str:
    """`text` ending with a full stop (or the punctuation it already has)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…:;" else f"{text}."


def _time_of_day(at: datetime | None) -> str:
    """ "19 giờ 30 phút"; "… giờ … phút" to fill by hand when unknown."""
    if at is None:
        return f"{BLANK} giờ {BLANK} phút"
    return f"{at.hour:02d} giờ {at.minute:02d} phút"


def _on(at: datetime | None) -> str:
    return document_date(at.date()) if at else f"ngày {BLANK} tháng {BLANK} năm {BLANK}"


def _opening(data: MinutesData) -> list[Flowable]:
    started = f"{_time_of_day(data.starts_at)}, {_on(data.starts_at)}."
    return [
        _label("Thời gian bắt đầu", started),
        _label("Địa điểm", _sentence(data.place or BLANK)),
    ]


def _with_title(name: str, title: str) -> str:
    if not name:
        return BLANK
    return f"{name}, {title}" if title else name


def _people_in_charge(data: MinutesData) -> list[Flowable]:
    return [
        _label("Chủ trì", _sentence(_with_title(data.chair, data.chair_title))),
        _label("Thư ký", _sentence(_with_title(data.secretary, data.secretary_title))),
    ]


def _reason(reason: str) -> str:
    """An absence reason as it reads inside a sentence: "Ốm" → "ốm", "UBND …" unchanged."""
    reason = reason.strip().rstrip(".;")
    if reason[:1].isupper() and not reason[1:2].isupper():
        return reason[:1].lower() + reason[1:]
    return reason


def _absent(attendee: Attendee) -> str:
    reason = _reason(attendee.absent_reason)
    return f"{attendee.name} ({reason})" if reason else attendee.name


def _attendance(data: MinutesData) -> list[Flowable]:
    """Officials by name and title; households and other people counted, absentees named."""
    lines: list[str] = []
    for official in (a for a in data.attendees if a.kind == OFFICIAL):
        absent = "" if official.present else f" (vắng: {_reason(official.absent_reason) or BLANK})"
        lines.append(f"{_with_title(official.name, official.detail)}{absent}")
    for kind, label, unit in (
        (HOUSEHOLD, "Đại diện các hộ gia đình", "hộ"),
        (PERSON, "Thành phần khác", "người"),
    ):
        group = [a for a in data.attendees if a.kind == kind]
        if group:
            lines.append(f"{label}: {_count_line(group, unit)}")
    any_absent_listed = any(not a.present for a in data.attendees)
    if data.present_count is not None or data.absent_count is not None:
        total = f"Tổng số có mặt: {_number(data.present_count)} người"
        total += f", vắng mặt: {_number(data.absent_count)} người"
        if data.absent_reasons.strip() and not any_absent_listed:
            total += f" (lý do: {data.absent_reasons.strip().rstrip('.;')})"
        lines.append(total)
    items = [
        para(f"- {line}{';' if i < len(lines) - 1 else '.'}", styles().body)
        for i, line in enumerate(lines)
    ]
    if data.attendees:
        note = "(Danh sách thành phần tham dự tại Phụ lục kèm theo Biên bản này.)"
        items.append(para(note, styles().body))
    if not items:
        return [_label("Thành phần tham dự", BLANK)]
    return [_label("Thành phần tham dự", "", keep_with_next=True), *items]


def _count_line(group: Sequence[Attendee], unit: str) -> str:
    present = sum(1 for a in group if a.present)
    text = f"có mặt {present}/{len(group)} {unit}"
    absent = [a for a in group if not a.present]
    if absent:
        text += f"; vắng {len(absent)} {unit}: " + ", ".join(_absent(a) for a in absent)
    return text


def _number(value: int | None) -> str:
    return BLANK if value is None else f"{value:,}".replace(",", ".")


def _agenda(items: Sequence[AgendaEntry]) -> list[Flowable]:
    if not items:
        return [_label("Nội dung", BLANK)]
    story: list[Flowable] = [_label("Nội dung", "", keep_with_next=True)]
    heading = _body_style("minutes_item", spaceBefore=3, spaceAfter=3)
    kept = ParagraphStyle("minutes_item_kept", parent=heading, keepWithNext=1)
    for number, item in enumerate(items, start=1):
        said = _paragraphs(item.content)
        title = f"<b>{number}. {markup(_heading(item.title))}</b>"
        # A heading keeps with its first paragraph; one with none keeps with nothing, since
        # what follows may be an opinion's KeepTogether (nesting them breaks the page).
        story.append(rich(title, kept if said else heading))
        story += [para(p, styles().body) for p in said]
    return story


def _heading(title: str) -> str:
    return title.strip().rstrip(".:;")


def _opinions(opinions: Sequence[OpinionEntry]) -> list[Flowable]:
    """Each opinion with what was done with it, kept on one page; the label with the first."""
    if not opinions:
        return []
    answer_style = _body_style("minutes_answer", leftIndent=10 * mm, firstLineIndent=0)
    story: list[Flowable] = []
    for number, opinion in enumerate(opinions, start=1):
        said = f"{number}. <b>{markup(opinion.speaker or BLANK)}:</b> "
        said += markup(_sentence(opinion.content))
        block = [rich(said, styles().body), *(para(x, answer_style) for x in _handling(opinion))]
        if number == 1:
            block.insert(0, _label("Ý kiến của Nhân dân", ""))
        story.append(KeepTogether(block))
    return story


def _handling(opinion: OpinionEntry) -> list[str]:
    """What the meeting did: the answer given, or the referral; who follows up, by when."""
    lines = []
    if opinion.answer.strip():
        lines.append(f"Trả lời tại cuộc họp: {_sentence(opinion.answer)}")
    if not opinion.within_authority:
        lines.append(
            "Không thuộc thẩm quyền giải quyết của cấp xã: đề nghị chuyển "
            f"{opinion.referred_to.strip() or BLANK} giải quyết."
        )
    elif not lines:
        lines.append("Tiếp thu, giải quyết và trả lời sau cuộc họp.")
    follow_up = []
    if opinion.responsible.strip():
        follow_up.append(f"người chịu trách nhiệm: {opinion.responsible.strip()}")
    if opinion.deadline:
        follow_up.append(f"thời hạn: trước {document_date(opinion.deadline)}")
    if follow_up:
        text = "; ".join(follow_up)
        lines.append(text[:1].upper() + text[1:] + ".")
    return lines


def _votes(votes: Votes | None) -> list[Flowable]:
    if votes is None:
        return []
    share = ""
    if votes.total:
        share = f" ({votes.in_favour * 100 / votes.total:.1f}%)".replace(".", ",")
    text = (
        f"tán thành {votes.in_favour}/{votes.total} người{share}, không tán thành "
        f"{votes.against} người, ý kiến khác {votes.other} người."
    )
    return [_label("Biểu quyết", text)]


def _closing_sentence(data: MinutesData) -> Flowable:
    """ "Cuộc họp kết thúc vào lúc 21 giờ 00 phút cùng ngày, … nhất trí./." (Mẫu 1.9)."""
    ends, starts = data.ends_at, data.starts_at
    same_day = ends is None or (starts is not None and ends.date() == starts.date())
    when = _time_of_day(ends) + (" cùng ngày" if same_day else f", {_on(ends)}")
    event = data.event or "Cuộc họp"
    text = (
        f"{event} kết thúc vào lúc {when}, nội dung {event.lower()} đã được thông qua cho các "
        "thành viên dự họp cùng nghe và nhất trí./."
    )
    return para(text, styles().body)


def _addenda(addenda: Sequence[Addendum]) -> list[list[Flowable]]:
    """Corrections made after the minutes were closed, each under its date: one block of
    paragraphs per correction, the "ĐÍNH CHÍNH" heading in the first."""
    heading = ParagraphStyle(
        "minutes_corrections",
        parent=styles().title,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.2,
        spaceBefore=6,
        spaceAfter=6,
    )
    blocks: list[list[Flowable]] = []
    for addendum in addenda:
        when = document_date(addendum.made_on) if addendum.made_on else f"ngày {BLANK}"
        paragraphs = _paragraphs(addendum.content) or [BLANK]
        first = f"<i>{markup(when[:1].upper() + when[1:])}:</i> {markup(paragraphs[0])}"
        block = [rich(first, styles().body), *(para(p, styles().body) for p in paragraphs[1:])]
        blocks.append(block if blocks else [para(CORRECTIONS, heading), *block])
    return blocks


# --- annex --------------------------------------------------------------------------------


def _annex(data: MinutesData, progress: ProgressCallback | None) -> list[Flowable]:
    """Phụ lục: heading, name, "(Kèm theo Biên bản số … ngày … của …)", the sign-in sheet."""
    s = styles()
    heading = ParagraphStyle("annex_heading", parent=s.title, spaceAfter=2)
    name = ParagraphStyle("annex_name", parent=s.subject, spaceAfter=2)
    attached = ParagraphStyle("annex_attached", parent=s.place_date, spaceAfter=12)
    when = _on(data.starts_at) if data.starts_at else document_date(data.letterhead.on)
    source = f"(Kèm theo Biên bản số {data.letterhead.number} {when}"
    if data.issuer_name:
        by = f"của {data.issuer_name}"
        # Too long for one line: break before "của", not inside the post's name.
        fits = text_width(f"{source} {by})", attached) <= TEXT_WIDTH
        source += (" " if fits else "\n") + by
    source += ")"
    rows = [
        (
            str(i),
            a.name,
            a.detail,
            "Có mặt" if a.present else _absent_cell(a),
            SIGNING_CELL,
        )
        for i, a in enumerate(data.attendees, start=1)
    ]
    return [
        para(ANNEX_HEADING, heading),
        para(ANNEX_TITLE, name),
        para(source, attached),
        register_table(ANNEX_COLUMNS, rows, progress=progress),
    ]


def _absent_cell(attendee: Attendee) -> str:
    reason = _reason(attendee.absent_reason)
    return f"Vắng\n({reason})" if reason else "Vắng"


# --- the document -------------------------------------------------------------------------


def _draw_number(canvas: Canvas, number: int) -> None:
    """As decree30: Arabic, 13 pt, centred in the top margin, never on a first page."""
    if number < 2:
        return
    canvas.saveState()
    canvas.setFont(FONT, BODY_SIZE)
    canvas.drawCentredString(
        MARGIN_LEFT + TEXT_WIDTH / 2, PAGE_HEIGHT - MARGIN_TOP / 2 - BODY_SIZE / 3, str(number)
    )
    canvas.restoreState()


def _draw_draft_mark(canvas: Canvas) -> None:
    """ "DỰ THẢO", bold in a thin box, in the top margin above the Quốc hiệu's right edge."""
    size = BODY_SIZE
    face = f"{FONT}-Bold"
    width = canvas.stringWidth(DRAFT_MARK, face, size)
    pad, height = 5, size + 9  # room above the capitals' tone marks, below the baseline
    right = PAGE_WIDTH - MARGIN_RIGHT
    bottom = PAGE_HEIGHT - MARGIN_TOP + 4
    canvas.saveState()
    canvas.setLineWidth(RULE_WIDTH)
    canvas.rect(right - width - 2 * pad, bottom, width + 2 * pad, height)
    canvas.setFont(face, size)
    canvas.drawString(right - width - pad, bottom + 5, DRAFT_MARK)
    canvas.restoreState()


def _build(
    path: Path | str,
    body: list[Flowable],
    annex: list[Flowable],
    *,
    draft: bool,
    title: str,
    author: str,
) -> None:
    """decree30.build's page, with a second template for the Phụ lục's own page numbers.

    Writes `path` whole or not at all (a ".part" file renamed at the end).
    """
    register_fonts()
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    annex_first: list[int] = []

    def body_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        number = canvas.getPageNumber()
        _draw_number(canvas, number)
        if draft and number == 1:
            _draw_draft_mark(canvas)

    def annex_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if not annex_first:
            annex_first.append(canvas.getPageNumber())
        _draw_number(canvas, canvas.getPageNumber() - annex_first[0] + 1)

    doc = BaseDocTemplate(
        str(partial),
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        pageTemplates=[
            PageTemplate("minutes", [_frame()], onPage=body_page),
            PageTemplate("annex", [_frame()], onPage=annex_page),
        ],
        title=nfc(title),
        author=nfc(author),
        subject=nfc(title),
        creator="ANTQ Desk",
        lang="vi",
        initialFontName=FONT,
        initialFontSize=BODY_SIZE,
    )
    story = [*body, NextPageTemplate("annex"), PageBreak(), *annex] if annex else body
    try:
        doc.build(story)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _frame() -> Frame:
    return Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
