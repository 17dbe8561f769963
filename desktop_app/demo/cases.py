"""Demo reintegration cases: release, judgements, helpers, contacts, classes, support, incidents."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from db.models import (
    CaseClassification,
    CaseContact,
    CaseHelper,
    CaseIncident,
    CaseJudgement,
    CaseSupport,
    ReintegrationCase,
)
from desktop_app import admin_units
from desktop_app.demo import Demo
from desktop_app.demo.register import Register, Resident

FACILITIES = (
    "Trại giam Xuân Lộc",
    "Trại giam Thủ Đức",
    "Trại giam Ngọc Lý",
    "Trại giam Hoàng Tiến",
    "Trại giam Phú Sơn 4",
    "Trại giam Thanh Xuân",
    "Trại giam Nam Hà",
    "Trại giam Tân Lập",
    "Trại giam Thanh Lâm",
    "Trại giam Xuân Nguyên",
    "Trại giam Thanh Phong",
    "Trại giam Ba Sao",
)
# (offence, article of the Penal Code 2015, weight, typical term in months)
OFFENCES = (
    ("Trộm cắp tài sản", "Điều 173", 30, 18),
    ("Cố ý gây thương tích", "Điều 134", 14, 24),
    ("Tàng trữ trái phép chất ma túy", "Điều 249", 14, 30),
    ("Mua bán trái phép chất ma túy", "Điều 251", 7, 72),
    ("Lừa đảo chiếm đoạt tài sản", "Điều 174", 8, 36),
    ("Cướp giật tài sản", "Điều 171", 5, 36),
    ("Đánh bạc", "Điều 321", 7, 12),
    ("Gây rối trật tự công cộng", "Điều 318", 5, 12),
    ("Vi phạm quy định về tham gia giao thông đường bộ", "Điều 260", 3, 18),
    ("Cưỡng đoạt tài sản", "Điều 170", 2, 30),
    ("Chống người thi hành công vụ", "Điều 330", 2, 12),
    ("Tổ chức sử dụng trái phép chất ma túy", "Điều 255", 3, 60),
)
EXTRA_PENALTIES = (
    "Phạt tiền 10.000.000 đồng",
    "Cấm cư trú 02 năm",
    "Quản chế 02 năm",
    "Phạt tiền 5.000.000 đồng, sung công quỹ nhà nước",
)
RELEASES = (("served", 70), ("conditional", 18), ("amnesty", 12))
CLOSINGS = ("moved", "moved", "deceased", "new_sentence")
CLOSINGS_NOTE = {
    "expunged": "Đã được xóa án tích.",
    "deceased": "Chết do bệnh.",
    "new_sentence": "Bị kết án tù trong vụ án mới.",
}
COURTS_REFORMED = date(2025, 7, 1)  # district courts became "Tòa án nhân dân khu vực"
HELPER_ORGS = {
    "truong_thon": "{place}",
    "mat_tran": "Ban Công tác Mặt trận {place}",
    "hoi_phu_nu": "Chi hội Phụ nữ {place}",
    "doan_thanh_nien": "Chi đoàn {place}",
    "hoi_ccb": "Chi hội Cựu chiến binh {place}",
    "hoi_nong_dan": "Chi hội Nông dân {place}",
    "nguoi_uy_tin": "",
    "doanh_nghiep": "Công ty TNHH May {commune}",
}
CONTACTS = (
    ("visit", "Đến gia đình nắm tình hình, động viên ổn định cuộc sống."),
    ("visit", "Kiểm tra việc chấp hành cam kết, nhắc nhở không quan hệ với đối tượng xấu."),
    ("phone", "Gọi điện hỏi thăm tình hình việc làm, sức khỏe."),
    ("summons", "Mời đến trụ sở Công an làm việc về việc vắng mặt tại nơi cư trú."),
    ("report", "Đến trụ sở Công an trình báo tình hình chấp hành theo định kỳ."),
    ("other", "Gặp tại buổi họp dân, trao đổi về chính sách hỗ trợ vay vốn."),
)
REASONS = {
    "A": "Chấp hành tốt cam kết, có việc làm ổn định, gia đình quan tâm.",
    "B": "Chấp hành tương đối tốt, việc làm chưa ổn định.",
    "C": "Chưa chấp hành nghiêm, còn giao du với đối tượng có tiền án.",
    "D": "Có biểu hiện vi phạm pháp luật, cần quản lý chặt.",
}
SUPPORTS = (  # (type, provider, what, outcome)
    ("viec_lam", "Công ty TNHH May {commune}", "Giới thiệu làm công nhân may.", "Đi làm đều."),
    ("hoc_nghe", "Trung tâm Giáo dục nghề nghiệp", "Học nghề sửa xe máy 3 tháng.", "Có chứng chỉ."),
    ("vay_von", "Ngân hàng Chính sách xã hội", "Vay 50 triệu đồng chăn nuôi.", "Trả nợ đúng hạn."),
    ("giay_to", "{police}", "Hướng dẫn làm thủ tục cấp thẻ căn cước.", "Đã được cấp thẻ."),
    ("tu_van", "Hội Liên hiệp Phụ nữ", "Tư vấn tâm lý, hòa giải mâu thuẫn gia đình.", None),
)


@dataclass(frozen=True, slots=True)
class Release:
    person: Resident
    kind: str
    on: date
    offence: tuple[str, str, int, int]
    term: int


def build(d: Demo, reg: Register) -> None:
    """max(3, residents // residents_per_case) cases of adults, numbered by release per year."""
    people = _people(d, reg, max(3, len(reg.residents) // d.residents_per_case))
    releases = sorted((_release(d, r) for r in people), key=lambda r: r.on)
    by_home: dict[str, list[Resident]] = {}
    for resident in reg.residents:
        by_home.setdefault(resident.home.id, []).append(resident)
    numbers: Counter[int] = Counter()
    for index, release in enumerate(releases):
        numbers[release.on.year] += 1
        case_no = f"{d.commune.code}-{release.on.year}-{numbers[release.on.year]:04d}"
        _case(d, index, release, case_no, by_home[release.person.home.id])
    d.flush()


def _people(d: Demo, reg: Register, count: int) -> list[Resident]:
    """Adults of 25–65, about 85 % men, each managed in one case."""
    adults = [r for r in reg.residents if 25 <= d.today.year - r.born <= 65] or reg.residents
    men = [r for r in adults if r.sex == "nam"]
    women = [r for r in adults if r.sex != "nam"]
    n_women = min(len(women), max(0, count - len(men)) + round(count * 0.15))
    picked = d.rng.sample(women, n_women) + d.rng.sample(men, min(len(men), count - n_women))
    return picked


def _release(d: Demo, person: Resident) -> Release:
    """Released in the last five years, after a term that began when they were adults."""
    offence = d.rng.choices(OFFENCES, [o[2] for o in OFFENCES])[0]
    kind = d.rng.choices([k for k, _ in RELEASES], [w for _, w in RELEASES])[0]
    on = d.days_ago(5 * 365, 20)
    age_then = d.today.year - person.born - (d.today - on).days / 365.25
    adult_months = max(6, int((age_then - 19) * 12))
    term = max(6, min(adult_months, int(offence[3] * d.rng.uniform(0.5, 1.8))))
    return Release(person, kind, on, offence, term)


def _case(d: Demo, index: int, rel: Release, case_no: str, family: list[Resident]) -> None:
    case = _case_row(d, rel, case_no)
    _judgements(d, case.id, rel)
    _close(d, case, index)
    reported, end = case.reported_on or rel.on, case.closed_on or d.today
    helpers = _helpers(d, case.id, rel.person, family, reported)
    _contacts(d, case.id, helpers, reported, end)
    _classify(d, case.id, reported, end, reoffended=case.closure_reason == "new_sentence")
    for support in d.rng.sample(SUPPORTS, 1 if index == 0 else d.rng.choice((0, 0, 1, 2))):
        _support(d, case.id, support, d.day_between(reported, end))
    if index == 1 or (case.status == "open" and d.chance(0.08)):
        d.add(
            CaseIncident(
                case_id=case.id,
                occurred_on=d.day_between(reported, end),
                kind="violation",
                description="Đánh bạc trái phép, bị xử phạt vi phạm hành chính 1.500.000 đồng.",
            )
        )


def _case_row(d: Demo, rel: Release, case_no: str) -> ReintegrationCase:
    """The case with its release data: notice a few weeks before, reporting in within 10 days."""
    notice = rel.on - timedelta(days=d.rng.randint(10, 35))
    reported = rel.on + timedelta(days=d.rng.randint(1, 10))
    # Conditional release: the sentence ends with the probation; then art. 70 BLHS waiting time.
    ends = rel.on + timedelta(days=30 * rel.term // 4 if rel.kind == "conditional" else 0)
    wait = 2 if rel.term <= 60 else 3 if rel.term <= 180 else 5
    facility = d.rng.choice(FACILITIES)
    return d.add(
        ReintegrationCase(
            person_id=rel.person.id,
            case_no=case_no,
            officer_in_charge_id=d.officer_id,
            release_type=rel.kind,
            facility=facility,
            release_date=rel.on,
            certificate_no=f"{d.rng.randint(20, 990)}/GCN-{_issuer_code(rel.kind)}",
            certificate_date=rel.on,
            certificate_issuer=f"Giám thị {facility}",
            notice_received_on=notice,
            residence_confirmed_on=notice + timedelta(days=d.rng.randint(1, 3)),
            reported_on=reported,
            commitment_signed_on=reported + timedelta(days=d.rng.randint(0, 3)),
            expected_expungement_on=ends + timedelta(days=round(365.25 * wait)),
            status="open",
        )
    )


def _judgements(d: Demo, case_id: str, rel: Release) -> None:
    """The first-instance judgement and, sometimes, the appeal that upheld the sentence."""
    jailed = round(30.4 * rel.term * (1 if rel.kind == "served" else 0.75))
    first = rel.on - timedelta(days=jailed - d.rng.randint(30, 150))
    rows = [(first, "HS-ST", _court(d, first, appeal=False))]
    if rel.term >= 24 and d.chance(0.3):
        second = first + timedelta(days=d.rng.randint(60, 150))
        rows.append((second, "HS-PT", _court(d, second, appeal=True)))
    offence, article, *_ = rel.offence
    for on, kind, court in rows:
        extra = d.rng.choice(EXTRA_PENALTIES) if d.chance(0.25) else None
        d.add(
            CaseJudgement(
                case_id=case_id,
                court=court,
                judgement_no=f"{d.rng.randint(10, 350)}/{on.year}/{kind}",
                judgement_date=on,
                offence=offence,
                article=article,
                main_penalty=_penalty(rel.term),
                term_months=rel.term,
                additional_penalties=extra,
            )
        )


def _court(d: Demo, on: date, *, appeal: bool) -> str:
    """First instance: the provincial court, then (from 1/7/2025) a regional one; appeals above."""
    province = d.province.name[0].lower() + d.province.name[1:]
    region = d.rng.randint(1, 12)  # drawn either way: the reform date must not shift the stream
    if not appeal:
        if on < COURTS_REFORMED:
            return f"Tòa án nhân dân {province}"
        return f"Tòa án nhân dân khu vực {region} - {d.province.short_name}"
    if on >= COURTS_REFORMED:
        return f"Tòa án nhân dân {province}"
    code = int(d.province.code)
    seat = "Hà Nội" if code <= 42 else "Đà Nẵng" if code <= 66 else "Thành phố Hồ Chí Minh"
    return f"Tòa án nhân dân cấp cao tại {seat}"


def _penalty(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = ([f"{years:02d} năm"] if years else []) + ([f"{rest:02d} tháng"] if rest else [])
    return " ".join(parts) + " tù"


def _close(d: Demo, case: ReintegrationCase, index: int) -> None:
    """About 15 % closed: expunged when due, else moved away, deceased or sentenced again."""
    if not (index == 2 or d.chance(0.13)):
        return
    due, reported = case.expected_expungement_on or d.today, case.reported_on or d.today
    if due <= d.today:
        reason, closed = "expunged", min(d.today, due + timedelta(days=d.rng.randint(0, 30)))
    else:
        reason, closed = d.rng.choice(CLOSINGS), d.day_between(reported, d.today)
    case.status, case.closure_reason, case.closed_on = "closed", reason, closed
    case.closure_note = CLOSINGS_NOTE.get(reason)
    if reason == "moved":
        others = [c for c in admin_units.communes(d.province.code) if c.code != d.commune.code]
        target = d.rng.choice(others)
        case.transferred_to_unit = target.code
        case.closure_note = f"Chuyển đến cư trú tại {target.name}; đã bàn giao hồ sơ."
    elif reason == "new_sentence":
        d.add(
            CaseIncident(
                case_id=case.id,
                occurred_on=max(reported, closed - timedelta(days=40)),
                kind="reoffence",
                description="Tái phạm tội trộm cắp tài sản, bị khởi tố, tạm giam.",
                new_judgement_no=f"{d.rng.randint(10, 300)}/{closed.year}/HS-ST",
            )
        )


def _helpers(
    d: Demo, case_id: str, person: Resident, family: list[Resident], on: date
) -> list[str]:
    """The "4+" team: the police officer, a relative, and zero to two organisations."""
    roles = ["cong_an", "gia_dinh", *d.rng.sample(sorted(HELPER_ORGS), d.rng.randint(0, 2))]
    ids = []
    for role in roles:
        kin = next((r for r in family if r.id != person.id and d.today.year - r.born >= 18), None)
        name, person_id, org = _helper_identity(d, role, person, kin)
        ids.append(
            d.add(
                CaseHelper(
                    case_id=case_id,
                    role=role,
                    name=name,
                    person_id=person_id,
                    organisation=org,
                    phone=(kin.phone if kin and role == "gia_dinh" else None) or d.phone(),
                    assigned_on=on,
                )
            ).id
        )
    return ids


def _helper_identity(
    d: Demo, role: str, person: Resident, kin: Resident | None
) -> tuple[str, str | None, str | None]:
    """(name, person id, organisation) of a helper in `role`."""
    if role == "cong_an":
        return d.rng.choice(d.staff[1:])[0], None, d.police
    if role == "gia_dinh":
        return (kin.name, kin.id, None) if kin else (d.person_name().full, None, None)
    org = HELPER_ORGS[role].format(place=person.home.place.name, commune=d.commune.short_name)
    return d.person_name().full, None, org or None


def _contacts(d: Demo, case_id: str, helpers: list[str], start: date, end: date) -> None:
    for on in sorted(d.day_between(start, end) for _ in range(d.rng.randint(2, 8))):
        kind, content = d.rng.choice(CONTACTS)
        helper = d.rng.choice(helpers) if d.chance(0.3) else None
        d.add(
            CaseContact(
                case_id=case_id,
                contact_on=on,
                kind=kind,
                officer_id=d.officer_id,
                helper_id=helper,
                content=content,
                observations="Tư tưởng ổn định." if d.chance(0.5) else None,
            )
        )


def _classify(d: Demo, case_id: str, start: date, end: date, *, reoffended: bool) -> None:
    """A/B/C/D history: first soon after reporting in, then every six months or so."""
    level = d.rng.choice("BBCA")
    on = min(end, start + timedelta(days=d.rng.randint(20, 60)))
    for step in range(d.rng.randint(1, 3)):
        if step and on + timedelta(days=150) > end:
            break
        if step:
            on = min(end, on + timedelta(days=d.rng.randint(150, 200)))
            improved = "ABCD"[max(0, "ABCD".index(level) - 1)] if d.chance(0.6) else level
            level = "D" if reoffended else improved
        d.add(
            CaseClassification(
                case_id=case_id,
                level=level,
                decided_on=on,
                reason=REASONS[level],
                officer_id=d.officer_id,
            )
        )


def _support(d: Demo, case_id: str, support: tuple[str, str, str, str | None], on: date) -> None:
    kind, provider, description, outcome = support
    d.add(
        CaseSupport(
            case_id=case_id,
            support_type=kind,
            given_on=on,
            description=description,
            provider=provider.format(commune=d.commune.short_name, police=d.police),
            outcome=outcome,
        )
    )


def _issuer_code(release_kind: str) -> str:
    return "ĐX" if release_kind == "amnesty" else "TG"
