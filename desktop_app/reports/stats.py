"""The periodic report on paper: "BÁO CÁO Kết quả phong trào Toàn dân bảo vệ an ninh Tổ quốc"
of a commune post (`write_period_report`) or of the province at a hub
(`write_province_report`), in the Decree 30 layout of desktop_app.reports.decree30.

Pure writers: frozen data in (desktop_app.services.stats_model), a PDF out, no database.
The text is Vietnamese whatever the interface language: it is an official document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop_app.reports.decree30 import (
    Column,
    Letterhead,
    Signature,
    build,
    closing,
    letterhead,
    para,
    register_table,
    styles,
    title_block,
)
from desktop_app.reports.stats_charts import Series, stacked_bars
from desktop_app.reports.stats_text import (
    case_lines,
    count,
    group_lines,
    intro,
    meeting_lines,
    month_label,
    opinion_line,
    percent,
    province_intro,
)
from desktop_app.services.stats_model import (
    CLASS_ORDER,
    PeriodStats,
    PostReport,
    ProvinceStats,
    Summary,
)

TITLE = "BÁO CÁO"
SUBJECT = "Kết quả phong trào Toàn dân bảo vệ an ninh Tổ quốc"
TOTAL = "Tổng cộng"
CLASS_HEADERS = ("Loại A", "Loại B", "Loại C", "Loại D", "Chưa phân loại")
TableData = tuple[tuple[Column, ...], Sequence[Sequence[str]]]


@dataclass(frozen=True)
class ReportFrame:
    """What surrounds the figures: header, who signs, where copies go."""

    letterhead: Letterhead
    signer_title: tuple[str, ...]  # ("TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ",)
    signer_name: str  # "" leaves it to be written by hand
    recipients: tuple[str, ...]


def subject(label: str) -> str:
    return f"{SUBJECT}\n{label}"


def write_period_report(frame: ReportFrame, data: PeriodStats, path: Path | str) -> None:
    story: list[Flowable] = [
        *letterhead(frame.letterhead),
        *title_block(TITLE, subject(data.label)),
        _body(intro(data)),
        *_section("I. XÂY DỰNG TỔ TỰ QUẢN, TỔ BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ"),
        *(_body(line) for line in group_lines(data)),
        *_table(
            "Bảng 1. Hộ gia đình tham gia tổ tự quản theo thôn, tổ dân phố", *_area_table(data)
        ),
        *_section("II. QUẢN LÝ, GIÚP ĐỠ NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ VỀ CƯ TRÚ TẠI ĐỊA PHƯƠNG"),
        *(_body(line) for line in case_lines(data)),
        *_table("Bảng 2. Người đang quản lý cuối mỗi tháng, theo phân loại", *_class_table(data)),
        _class_chart(data),
        *_section("III. HỌP DÂN, HỘI NGHỊ VÀ Ý KIẾN CỦA NHÂN DÂN"),
        *(_body(line) for line in meeting_lines(data)),
        *_table("Bảng 3. Cuộc họp, hội nghị theo tháng", *_meeting_table(data)),
        _meeting_chart(data),
        _signed(frame, _body(opinion_line(data))),
    ]
    build(path, story, title=f"{TITLE} - {SUBJECT} - {data.label}", author=frame.letterhead.issuer)


def write_province_report(frame: ReportFrame, data: ProvinceStats, path: Path | str) -> None:
    story: list[Flowable] = [
        *letterhead(frame.letterhead),
        *title_block(TITLE, subject(data.label)),
        _body(province_intro(data)),
        *_section("I. SỐ LIỆU CỦA CÁC ĐƠN VỊ CÔNG AN CẤP XÃ"),
    ]
    for number, (heading, columns, pick) in enumerate(PROVINCE_TABLES, start=1):
        rows = [(str(i), row.name, *pick(row.summary)) for i, row in enumerate(data.rows, start=1)]
        rows.append(("", TOTAL, *pick(data.total)))
        story += _table(f"Bảng {number}. {heading}", (*UNIT_COLUMNS, *columns), rows)
    silent = [*_section("II. CÁC ĐƠN VỊ CHƯA BÁO CÁO TRONG KỲ"), *_silent_posts(data.not_reported)]
    story.append(_signed(frame, *silent))
    build(path, story, title=f"{TITLE} - {SUBJECT} - {data.label}", author=frame.letterhead.issuer)


# --- pieces -----------------------------------------------------------------------------------


def _body(text: str) -> Flowable:
    return para(text, styles().body)


def _section(heading: str) -> list[Flowable]:
    return [Spacer(1, 6), para(heading, styles().sign_title.clone("section", alignment=0))]


def _table(
    caption: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> list[Flowable]:
    s = styles()
    return [
        Spacer(1, 4),
        para(caption, s.sign_hint.clone("caption", alignment=0, keepWithNext=1)),
        register_table(columns, rows),
        Spacer(1, 6),
    ]


def _signed(frame: ReportFrame, *before: Flowable) -> Flowable:
    """The signature with what comes just before it: no page starts with the signature alone."""
    signature = Signature(frame.signer_title, frame.signer_name)
    return KeepTogether([*before, Spacer(1, 8), closing(signature, frame.recipients)])


def _area_table(data: PeriodStats) -> TableData:
    columns = (
        Column("STT", 12, "CENTER"),
        Column("Thôn, tổ dân phố", 63),
        Column("Tổng số hộ", 30, "RIGHT"),
        Column("Hộ tham gia tổ tự quản", 35, "RIGHT"),
        Column("Tỷ lệ", 25, "RIGHT"),
    )
    rows = [
        (str(i), a.area, count(a.households.count), count(a.covered.count), percent(a.rate))
        for i, a in enumerate(data.areas, start=1)
    ]
    rows.append(
        (
            "",
            TOTAL,
            count(data.households.count),
            count(data.covered.count),
            percent(data.coverage.value),
        )
    )
    return columns, rows


def _class_table(data: PeriodStats) -> TableData:
    columns = (
        Column("Tháng", 25, "CENTER"),
        *(Column(h, 22 if h != "Chưa phân loại" else 30, "RIGHT") for h in CLASS_HEADERS),
        Column("Tổng", 22, "RIGHT"),
    )
    rows = [
        (month_label(m.month), *(count(f.count) for f in m.by_class), count(m.total))
        for m in data.cases.by_month
    ]
    return columns, rows


def _class_chart(data: PeriodStats) -> Flowable:
    months = data.cases.by_month
    series = [
        Series(CLASS_HEADERS[i], tuple(m.by_class[i].count for m in months))
        for i in range(len(CLASS_ORDER))
    ]
    return stacked_bars(
        "Biểu đồ 1. Người đang quản lý theo phân loại",
        [month_label(m.month) for m in months],
        series,
    )


def _meeting_table(data: PeriodStats) -> TableData:
    columns = (
        Column("Tháng", 22, "CENTER"),
        Column("Số cuộc", 18, "RIGHT"),
        Column("Theo loại", 79),
        Column("Có mặt", 23, "RIGHT"),
        Column("Vắng mặt", 23, "RIGHT"),
    )
    types = data.meetings.types
    rows = [
        (
            month_label(m.month),
            count(m.total),
            "; ".join(
                f"{t.label}: {f.count}" for t, f in zip(types, m.by_type, strict=True) if f.count
            ),
            count(m.present),
            count(m.absent),
        )
        for m in data.meetings.by_month
    ]
    total = data.meetings
    rows.append(
        ("", count(total.total.count), TOTAL, count(total.present.count), count(total.absent.count))
    )
    return columns, rows


def _meeting_chart(data: PeriodStats) -> Flowable:
    months = data.meetings.by_month
    series = [
        Series(t.label, tuple(m.by_type[i].count for m in months))
        for i, t in enumerate(data.meetings.types)
    ] or [Series("Cuộc họp", tuple(0 for _ in months))]
    return stacked_bars(
        "Biểu đồ 2. Số cuộc họp, hội nghị theo tháng",
        [month_label(m.month) for m in months],
        series,
    )


# --- the province -----------------------------------------------------------------------------

UNIT_COLUMNS = (Column("STT", 12, "CENTER"), Column("Đơn vị", 41))


def _groups(s: Summary) -> tuple[str, ...]:
    return (
        count(s.households),
        count(s.covered_households),
        percent(s.coverage),
        f"{count(s.groups_active)} ({count(s.groups_founded)})",
        f"{count(s.teams_active)} ({count(s.teams_founded)})",
    )


def _cases(s: Summary) -> tuple[str, ...]:
    return (
        count(s.cases_managed),
        count(s.cases_new),
        count(s.cases_closed),
        f"{count(s.contacts_done)}/{count(s.contacts_due)}",
        f"{count(s.reoffenders)} ({percent(s.reoffence_rate)})",
    )


def _meetings(s: Summary) -> tuple[str, ...]:
    return (
        count(s.meetings),
        count(s.present),
        count(s.absent),
        count(s.opinions_raised),
        count(s.opinions_answered),
        count(s.opinions_overdue),
    )


PROVINCE_TABLES = (
    (
        "Tổ tự quản, Tổ bảo vệ ANTT (trong ngoặc: thành lập mới trong kỳ)",
        (
            Column("Số hộ", 20, "RIGHT"),
            Column("Hộ tham gia tổ", 22, "RIGHT"),
            Column("Tỷ lệ", 18, "RIGHT"),
            Column("Tổ tự quản", 26, "RIGHT"),
            Column("Tổ bảo vệ ANTT", 26, "RIGHT"),
        ),
        _groups,
    ),
    (
        "Người chấp hành xong án phạt tù được quản lý",
        (
            Column("Đang quản lý", 22, "RIGHT"),
            Column("Mới", 16, "RIGHT"),
            Column("Kết thúc", 20, "RIGHT"),
            Column("Tiếp xúc (đã/đến hạn)", 26, "RIGHT"),
            Column("Tái phạm (tỷ lệ)", 28, "RIGHT"),
        ),
        _cases,
    ),
    (
        "Họp dân, hội nghị và ý kiến của Nhân dân",
        (
            Column("Cuộc họp", 18, "RIGHT"),
            Column("Có mặt", 19, "RIGHT"),
            Column("Vắng", 17, "RIGHT"),
            Column("Ý kiến", 18, "RIGHT"),
            Column("Đã trả lời", 20, "RIGHT"),
            Column("Quá hạn", 20, "RIGHT"),
        ),
        _meetings,
    ),
)


def _silent_posts(posts: Sequence[PostReport]) -> list[Flowable]:
    if not posts:
        return [_body("Tất cả các đơn vị đã gửi số liệu trong kỳ.")]
    columns = (
        Column("STT", 12, "CENTER"),
        Column("Đơn vị", 45),
        Column("Máy gửi số liệu", 45),
        Column("Lần nhận gói gần nhất", 35, "CENTER"),
        Column("Phiên bản", 28, "CENTER"),
    )
    rows = [
        (
            str(i),
            p.unit_name,
            p.name,
            f"{p.last_received.astimezone():%d/%m/%Y %H:%M}" if p.last_received else "Chưa có",
            p.app_version or "",
        )
        for i, p in enumerate(posts, start=1)
    ]
    return _table("Các đơn vị chưa gửi gói đồng bộ nào trong kỳ", columns, rows)
