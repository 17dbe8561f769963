"""The sentences of the statistics report, and numbers as Vietnamese writes them
("10.500", "85,3%"). Official text: Vietnamese whatever the interface language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop_app.services.stats_model import (
    Figure,
    PeriodStats,
    ProvinceStats,
    Rating,
)

NOTHING = "–"


def count(n: int) -> str:
    """A count with a dot between thousands: 10.500."""
    return f"{n:,}".replace(",", ".")


def percent(value: float | None) -> str:
    """A share as a percentage with a decimal comma: 85,3%; "–" when there is nothing."""
    if value is None:
        return NOTHING
    return f"{value * 100:.1f}".replace(".", ",") + "%"


def month_label(month: date) -> str:
    return f"{month.month:02d}/{month.year}"


def _day(on: date) -> str:
    return f"{on:%d/%m/%Y}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def period_phrase(label: str, start: date, end: date) -> str:
    """The period inside a sentence: "quý III năm 2026 (từ ngày 01/07/2026 đến ngày …)"."""
    text = _lower_first(label)
    if "từ" in text:
        return text
    return f"{text} (từ ngày {_day(start)} đến ngày {_day(end)})"


def intro(data: PeriodStats) -> str:
    return (
        f"Thực hiện chế độ báo cáo định kỳ, {data.unit_name} báo cáo kết quả thực hiện phong "
        "trào Toàn dân bảo vệ an ninh Tổ quốc "
        f"{period_phrase(data.label, data.start, data.end)} như sau:"
    )


def group_lines(data: PeriodStats) -> list[str]:
    g = data.groups
    lines = [
        f"Đến ngày {_day(data.end)}, trên địa bàn có {count(g.groups_active.count)} tổ tự quản "
        f"đang hoạt động (thành lập mới trong kỳ: {count(g.groups_founded.count)}), với "
        f"{count(data.covered.count)}/{count(data.households.count)} hộ gia đình tham gia "
        f"(tỷ lệ {percent(data.coverage.value)}).",
        f"Có {count(g.teams_active.count)} Tổ bảo vệ an ninh, trật tự ở cơ sở đang hoạt động "
        f"(thành lập mới trong kỳ: {count(g.teams_founded.count)}).",
    ]
    if g.rating_years:
        years = ", ".join(str(y) for y in g.rating_years)
        lines.append(
            f"Kết quả xếp loại năm {years}: tổ tự quản: {_ratings(g.group_ratings)}; "
            f"Tổ bảo vệ an ninh, trật tự: {_ratings(g.team_ratings)}."
        )
    return lines


def _ratings(ratings: Sequence[Rating]) -> str:
    parts = [f"{r.figure.label} {count(r.figure.count)}" for r in ratings if r.figure.count]
    return ", ".join(parts) if parts else "chưa có kết quả"


def _nonzero(figures: Sequence[Figure]) -> str:
    return "; ".join(f"{f.label}: {count(f.count)}" for f in figures if f.count)


def case_lines(data: PeriodStats) -> list[str]:
    c = data.cases
    reasons = _nonzero(c.closed_by_reason)
    at_end = c.by_class_at_end
    classes = (
        ", ".join(f"{_lower_first(f.label)} {count(f.count)}" for f in at_end.by_class)
        if at_end
        else ""
    )
    on_time = c.contacts_on_time.count / c.contacts_due.count if c.contacts_due.count else None
    return [
        f"Đến ngày {_day(data.end)}, đang quản lý {count(c.managed.count)} người; trong kỳ "
        f"tiếp nhận mới {count(c.new.count)} người, kết thúc quản lý {count(c.closed.count)} "
        f"người{f' ({reasons})' if reasons else ''}.",
        f"Phân loại cuối kỳ: {classes}.",
        f"Tiếp xúc, làm việc với người được quản lý: {count(c.contacts_done.count)} lượt; theo "
        f"lịch tiếp xúc có {count(c.contacts_due.count)} lượt đến hạn trong kỳ, "
        f"{count(c.contacts_on_time.count)} lượt thực hiện đúng hạn (tỷ lệ {percent(on_time)}).",
        f"Số người tái phạm trong kỳ: {count(c.reoffenders.count)}/"
        f"{count(c.managed_people.count)} người được quản lý (tỷ lệ tái phạm "
        f"{percent(c.reoffence_rate.value)}).",
    ]


def meeting_lines(data: PeriodStats) -> list[str]:
    m = data.meetings
    kinds = ", ".join(f"{f.label} {count(f.count)}" for f in m.by_type if f.count)
    return [
        f"Trong kỳ tổ chức {count(m.total.count)} cuộc họp, hội nghị"
        f"{f' ({kinds})' if kinds else ''}, với {count(m.present.count)} lượt người tham dự, "
        f"{count(m.absent.count)} lượt vắng mặt."
    ]


def opinion_line(data: PeriodStats) -> str:
    o = data.opinions
    return (
        f"Tại các cuộc họp, Nhân dân nêu {count(o.raised.count)} ý kiến, kiến nghị; đã trả lời "
        f"{count(o.answered.count)}; chưa trả lời {count(o.pending.count)}, trong đó "
        f"{count(o.overdue.count)} ý kiến đã quá hạn (tính đến ngày {_day(data.as_of)})."
    )


def province_intro(data: ProvinceStats) -> str:
    posts = len(data.posts)
    reported = posts - len(data.not_reported)
    return (
        f"{data.unit_name} tổng hợp kết quả thực hiện phong trào Toàn dân bảo vệ an ninh Tổ "
        f"quốc {period_phrase(data.label, data.start, data.end)} của {len(data.rows)} đơn vị "
        f"Công an cấp xã, theo số liệu đồng bộ về máy trung tâm; {reported}/{posts} máy của "
        "các đơn vị đã gửi số liệu trong kỳ."
    )
