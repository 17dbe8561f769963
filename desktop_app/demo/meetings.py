"""Demo meeting minutes over the last year: every meeting type, drafts, held and closed minutes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from db.ids import new_id
from db.models import AgendaItem, Meeting, MeetingAddendum, MeetingAttendee, Opinion
from desktop_app.demo import Demo, Home, Register, Unit
from desktop_app.demo.register import movement_year
from desktop_app.services.meetings import unit_symbol
from desktop_app.services.vocabularies import DEFAULTS

TYPES = tuple(code for code, _ in DEFAULTS["meeting_type"])
EXTRA_TYPE_WEIGHTS = {"hop_dan": 5, "hop_to_tu_quan": 5, "hop_to_bao_ve": 3, "phat_dong": 1}
UTC_OFFSET = timedelta(hours=7)  # minutes are kept in post time; closed_at is an instant
AGENDA = (
    (
        "Thông báo tình hình an ninh, trật tự trên địa bàn",
        "Từ đầu năm xảy ra {a} vụ trộm cắp tài sản, {b} vụ đánh nhau; đã xử lý {b} đối tượng.",
    ),
    (
        "Phổ biến Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "Giới thiệu nhiệm vụ, quyền hạn của Tổ bảo vệ an ninh, trật tự và chế độ, chính sách.",
    ),
    (
        "Hướng dẫn phòng ngừa lừa đảo qua mạng",
        "Nêu các thủ đoạn giả danh cơ quan Công an gọi điện yêu cầu chuyển tiền.",
    ),
    (
        "Triển khai công tác phòng cháy, chữa cháy tại khu dân cư",
        "Vận động các hộ kinh doanh, nhà trọ trang bị bình chữa cháy, mở lối thoát nạn thứ hai.",
    ),
    (
        "Hướng dẫn kích hoạt tài khoản định danh điện tử VNeID",
        "Cán bộ Công an hướng dẫn trực tiếp cho {a} người dân.",
    ),
    ("Bình xét, đề nghị khen thưởng tập thể, cá nhân có thành tích", None),
)
# (category, content, answer, referred to when outside the commune's authority)
OPINIONS = (
    (
        "an_ninh_trat_tu",
        "Đề nghị tăng cường tuần tra ban đêm vì gần đây có mất trộm xe máy.",
        "Công an sẽ bố trí tuần tra, phối hợp Tổ bảo vệ an ninh, trật tự.",
        None,
    ),
    ("giao_thong", "Đề nghị làm gờ giảm tốc ở ngã ba gần trường tiểu học.", None, "UBND {unit}"),
    (
        "cu_tru",
        "Hỏi thủ tục đăng ký thường trú cho con mới sinh.",
        "Đã hướng dẫn nộp hồ sơ trên Cổng dịch vụ công, không cần đến trụ sở.",
        None,
    ),
    (
        "ma_tuy",
        "Phản ánh nhóm thanh niên tụ tập ở bãi đất trống, nghi sử dụng ma túy.",
        "Công an tiếp nhận, sẽ xác minh và xử lý theo quy định.",
        None,
    ),
    (
        "pccc",
        "Đề nghị hướng dẫn trang bị bình chữa cháy cho nhà trọ.",
        "Công an sẽ tổ chức kiểm tra, hướng dẫn tại từng nhà trọ.",
        None,
    ),
    ("dat_dai", "Kiến nghị giải quyết tranh chấp lối đi chung giữa hai hộ.", None, "UBND {unit}"),
    (
        "khac",
        "Đề nghị sửa đèn chiếu sáng công cộng bị hỏng trên trục đường chính.",
        None,
        "Điện lực khu vực",
    ),
)
Official = tuple[str, str]  # (name, title)
ABSENT = ("Đi làm ăn xa", "Ốm", "Bận việc gia đình", "Đi công tác")


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    kind: str
    starts: datetime
    status: str


def build(d: Demo, reg: Register) -> None:
    """max(7, households // 60) meetings (every type at least once), numbered when closed."""
    plans = _plans(d, max(len(TYPES), len(reg.homes) // 60))
    numbers: Counter[int] = Counter()
    for index, plan in enumerate(plans):
        later = [p.id for p in plans[index + 1 :] if p.status != "draft"]
        meeting, homes = _meeting(d, reg, plan)
        if plan.status == "closed":
            numbers[plan.starts.year] += 1
            _close(d, meeting, numbers[plan.starts.year], addendum=numbers.total() == 1)
        _opinions(d, meeting, plan, homes, later, overdue=index == 0)
    d.flush()


def _plans(d: Demo, count: int) -> list[Plan]:
    """Days over the last year, oldest first: old minutes closed, recent ones held or drafts."""
    weights = list(EXTRA_TYPE_WEIGHTS.values())
    kinds = [*TYPES, *d.rng.choices(list(EXTRA_TYPE_WEIGHTS), weights, k=count - len(TYPES))]
    d.rng.shuffle(kinds)
    days = sorted(d.days_ago(365, 1) for _ in kinds)
    days[0] = min(days[0], d.today - timedelta(days=60))  # the oldest is closed, and overdue
    plans = []
    for index, (kind, day) in enumerate(zip(kinds, days, strict=True)):
        age = (d.today - day).days
        status = "held" if age > 3 and d.chance(0.6) else "draft"
        status = "closed" if age > 45 and d.chance(0.9) else status
        status = {0: "closed", count - 2: "held", count - 1: "draft"}.get(index, status)
        evening = kind in ("hop_dan", "hop_to_tu_quan")
        clock = time(19, 30) if evening else time(d.rng.choice((8, 14)))
        plans.append(Plan(new_id(), kind, datetime.combine(day, clock), status))
    return plans


def _meeting(d: Demo, reg: Register, plan: Plan) -> tuple[Meeting, list[Home]]:
    group = d.rng.choice(reg.groups) if plan.kind == "hop_to_tu_quan" and reg.groups else None
    team = d.rng.choice(reg.teams) if plan.kind == "hop_to_bao_ve" and reg.teams else None
    unit = group or team
    area = unit.place if unit and unit.place else d.rng.choice(reg.places)
    local = plan.kind in ("hop_dan", "phat_dong") or group is not None
    homes = [] if team else _homes(d, reg, group, area.id if local else None)
    chair, secretary = _chairs(d, group, team, area.name if plan.kind == "hop_dan" else None)
    meeting = d.add(
        Meeting(
            id=plan.id,
            meeting_type=plan.kind,
            subject=_subject(plan, area.name, unit),
            status="draft",
            starts_at=plan.starts,
            ends_at=plan.starts + timedelta(minutes=d.rng.randint(6, 12) * 15),
            place=_place(d, area.name if local else None, team is not None),
            area_id=area.id if local else None,
            group_id=group.id if group else None,
            team_id=team.id if team else None,
            chair_name=chair[0],
            chair_title=chair[1],
            secretary_name=secretary[0],
            secretary_title=secretary[1],
            recipients=f"- Công an {_lower(d.province.name)};\n- Đảng ủy, UBND {d.unit_word} "
            f"{d.commune.short_name};\n- Lưu: VT.",
        )
    )
    _attendees(d, meeting, [chair, secretary, *_officials(d, area.name)], homes, team)
    _agenda(d, meeting.id)
    if plan.status != "draft":
        _held(d, meeting, plan)
    return meeting, homes


def _place(d: Demo, area: str | None, team: bool) -> str:
    if area is not None:
        return f"Nhà văn hóa {area}"
    return f"Trụ sở {d.police}" if team else f"Hội trường UBND {d.unit_word} {d.commune.short_name}"


def _lower(name: str) -> str:
    """'Thành phố Hà Nội' → 'thành phố Hà Nội', as it reads after 'Công an'."""
    return name[:1].lower() + name[1:]


def _homes(d: Demo, reg: Register, group: Unit | None, area_id: str | None) -> list[Home]:
    """The households invited: the group's, the area's, or some from the whole commune."""
    pool = list(group.homes) if group else [h for h in reg.homes if area_id in (None, h.place.id)]
    return d.rng.sample(pool, min(len(pool), d.rng.randint(12, 35)))


def _chairs(
    d: Demo, group: Unit | None, team: Unit | None, area: str | None
) -> tuple[tuple[str, str], tuple[str, str]]:
    """Who chairs and who takes the minutes: the leader, the village head or the police chief."""
    secretary = d.rng.choice(d.staff[3:])
    if group is not None:
        return (group.leader, "Tổ trưởng tổ tự quản"), secretary
    if team is not None and team.leader:
        return (team.leader, "Tổ trưởng Tổ bảo vệ ANTT"), secretary
    if area is not None and d.chance(0.5):
        head = "Trưởng thôn" if area.startswith("Thôn") else "Tổ trưởng tổ dân phố"
        return (d.person_name("nam", 1965).full, f"{head} {area.split(' ', 1)[-1]}"), secretary
    return d.staff[0], secretary


def _officials(d: Demo, area: str) -> list[tuple[str, str]]:
    titles = (
        f"Phó Chủ tịch UBND {d.unit_word}",
        f"Bí thư Chi bộ {area}",
        f"Trưởng ban Công tác Mặt trận {area}",
        f"Chi hội trưởng Phụ nữ {area}",
    )
    return [(d.person_name().full, t) for t in d.rng.sample(titles, d.rng.randint(1, 3))]


def _subject(plan: Plan, area: str, unit: Unit | None) -> str:
    year, quarter = plan.starts.year, (plan.starts.month - 1) // 3 + 1
    movement = movement_year(plan.starts.date())
    subjects = {
        "hop_dan": f"Họp dân {area} về công tác bảo đảm an ninh, trật tự quý {quarter} năm {year}",
        "lang_nghe": f"Hội nghị Công an lắng nghe ý kiến Nhân dân năm {year}",
        "phat_dong": f"Phát động phong trào Toàn dân bảo vệ ANTQ, ra mắt mô hình "
        f'"Camera an ninh" tại {area}',
        "so_ket": f"Sơ kết phong trào Toàn dân bảo vệ ANTQ quý {quarter} năm {year}",
        "tong_ket": f"Tổng kết phong trào Toàn dân bảo vệ ANTQ năm {movement}",
    }
    return subjects.get(plan.kind) or f"Họp định kỳ {unit.name if unit else area}"


def _attendees(
    d: Demo, meeting: Meeting, officials: list[Official], homes: list[Home], team: Unit | None
) -> None:
    """Officials, invited households (some absent, with reasons) and a team's members."""
    people = team.people if team else ()
    for name, title in officials:
        d.add(MeetingAttendee(meeting_id=meeting.id, kind="official", name=name, title=title))
    absent: list[str] = []
    for home in homes:
        reason = d.rng.choice(ABSENT) if d.chance(0.12) else None
        d.add(
            MeetingAttendee(
                meeting_id=meeting.id,
                kind="household",
                name=home.head_name,
                household_id=home.id,
                present=reason is None,
                absent_reason=reason,
            )
        )
        absent += [f"{home.head_name} ({reason.lower()})"] if reason else []
    for person in people:
        d.add(
            MeetingAttendee(
                meeting_id=meeting.id, kind="person", name=person.name, person_id=person.id
            )
        )
    meeting.present_count = len(officials) + len(homes) + len(people) - len(absent)
    meeting.absent_count = len(absent)
    meeting.absent_reasons = "; ".join(absent) or None


def _agenda(d: Demo, meeting_id: str) -> None:
    items = [AGENDA[0], *d.rng.sample(AGENDA[1:], d.rng.randint(1, 3))]
    for position, (title, content) in enumerate(items, start=1):
        text = content.format(a=d.rng.randint(2, 9), b=d.rng.randint(1, 4)) if content else None
        d.add(AgendaItem(meeting_id=meeting_id, position=position, title=title, content=text))


def _held(d: Demo, meeting: Meeting, plan: Plan) -> None:
    present = meeting.present_count or 0
    against, other = d.rng.randint(0, 2), d.rng.randint(0, 3)
    meeting.status = "held"
    meeting.votes_for, meeting.votes_against = max(0, present - against - other), against
    meeting.votes_other = other
    meeting.conclusions = (
        "Hội nghị thống nhất các nội dung đã trao đổi; giao Công an "
        f"{d.unit_word} tiếp thu, trả lời các ý kiến trước ngày "
        f"{plan.starts.date() + timedelta(days=30):%d/%m/%Y}."
    )


def _close(d: Demo, meeting: Meeting, seq: int, *, addendum: bool) -> None:
    """Lock the minutes with the next number of the year, as `services.meetings` would."""
    ends = meeting.ends_at or meeting.starts_at or datetime.combine(d.today, time(8))
    closed_local = ends + timedelta(hours=d.rng.randint(1, 48))
    year = (meeting.starts_at or ends).year
    meeting.status, meeting.doc_year, meeting.doc_seq = "closed", year, seq
    meeting.doc_number = f"{seq:02d}/BB-{unit_symbol(d.commune.code)}"
    meeting.closed_at = (closed_local - UTC_OFFSET).replace(tzinfo=UTC)
    if addendum:
        d.add(
            MeetingAddendum(
                meeting_id=meeting.id,
                made_on=min(d.today, closed_local.date() + timedelta(days=2)),
                content="Đính chính: số hộ vắng mặt ghi tại trang 1 là "
                f"{meeting.absent_count or 0} hộ; các nội dung khác giữ nguyên.",
            )
        )


def _opinions(
    d: Demo, meeting: Meeting, plan: Plan, homes: list[Home], later: list[str], *, overdue: bool
) -> None:
    """1–4 opinions from invited households; `overdue` leaves the first open past its deadline."""
    day, unit = plan.starts.date(), f"{d.unit_word} {d.commune.short_name}"
    for position in range(1, d.rng.randint(1, 4) + 1):
        category, content, answer, referred = d.rng.choice(OPINIONS)
        home = d.rng.choice(homes) if homes else None
        row = d.add(
            Opinion(
                meeting_id=meeting.id,
                position=position,
                content=content,
                category=category,
                speaker_name=home.head_name if home else d.person_name().full,
                speaker_person_id=home.head_id if home else None,
                status="open",
                within_authority=referred is None,
                referred_to=referred.format(unit=unit) if referred else None,
                responsible=d.rng.choice(d.staff)[0] if referred is None else None,
                deadline=day + timedelta(days=d.rng.choice((15, 30, 45))),
            )
        )
        if plan.status != "draft" and not (overdue and position == 1):
            _follow_up(d, row, answer, day, later)


def _follow_up(d: Demo, row: Opinion, answer: str | None, day: date, later: list[str]) -> None:
    """Answered on the spot, referred up, closed after reporting back, or still open."""
    deadline = row.deadline or day
    if answer and d.chance(0.5):
        row.status, row.answer, row.replied_on = "answered", answer, day
    elif deadline < d.today and d.chance(0.7):
        row.status, row.replied_on = "closed", d.day_between(day, deadline)
        row.reply = answer or f"{row.referred_to} đã trả lời bằng văn bản; đã báo lại người dân."
        row.reported_back_meeting_id = later[0] if later else None
    elif not row.within_authority:
        row.status = "referred"
