"""Demo register: areas, households with their residents, household groups, security teams."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from db.ids import new_id
from db.models import (
    Area,
    GroupMember,
    GroupRating,
    Household,
    HouseholdGroup,
    Person,
    SecurityTeam,
    TeamArea,
    TeamMember,
    TeamRating,
)
from desktop_app.demo import Demo, Home, Place, Register, Resident, Unit, names

GROUP_TYPES = (
    ("to_lien_gia", "Tổ liên gia tự quản", 60),
    ("to_tu_quan", "Tổ tự quản về ANTT", 15),
    ("to_nhan_dan_tu_quan", "Tổ nhân dân tự quản", 10),
    ("to_lien_gia_pccc", "Tổ liên gia an toàn PCCC", 6),
    ("to_xom_tro", "Tổ tự quản khu nhà trọ", 5),
    ("to_an_ninh_nhan_dan", "Tổ an ninh nhân dân", 4),
)
SCHEDULES = ("Họp định kỳ hằng quý", "Ngày 15 hằng tháng", "Tối thứ Bảy đầu tháng", "6 tháng/lần")
GROUP_RATINGS = ("xuat_sac", "tot", "tot", "kha", "trung_binh")
TEAM_LEVELS = ("xuat_sac", "tot", "tot", "hoan_thanh", "hoan_thanh", "khong_hoan_thanh")
SOURCES = (
    ("bao_ve_dan_pho", 35),
    ("cax_ban_chuyen_trach", 30),
    ("dan_phong", 20),
    ("tuyen_moi", 15),
)
LAW_30_IN_FORCE = date(2024, 7, 1)


@dataclass(frozen=True, slots=True)
class Spec:
    relation: str
    sex: str
    born: int


def areas(d: Demo, households: int) -> Register:
    """Thôn (Xã) or tổ dân phố (Phường, Đặc khu): max(3, households // 150 + 2) of them."""
    ward = d.commune.kind != "Xã"
    kind, word, short = ("to_dan_pho", "Tổ dân phố", "TDP") if ward else ("thon", "Thôn", "T")
    named = not ward and d.chance(0.7)
    villages = list(names.VILLAGES)
    d.rng.shuffle(villages)
    places = []
    for i in range(1, max(3, households // 150 + 2) + 1):
        name = f"{word} {villages[i - 1] if named and i <= len(villages) else i}"
        area = d.add(Area(name=name, kind=kind, code=f"{short}{i:02d}"))
        streets = tuple(d.fake.street_name() for _ in range(d.rng.randint(2, 4)))
        places.append(Place(area.id, name, area.code or "", streets))
    return Register(places)


def plan(d: Demo, reg: Register, households: int) -> list[Place]:
    """The area of each household to create, grouped by area, areas of uneven size."""
    weights = [d.rng.uniform(0.6, 1.4) for _ in reg.places]
    picks = sorted(d.rng.choices(range(len(reg.places)), weights, k=households))
    return [reg.places[i] for i in picks]


def households(d: Demo, reg: Register, places: list[Place], start: int) -> None:
    """Create one household with its residents per entry of `places`; index from `start`."""
    for offset, place in enumerate(places):
        _household(d, reg, place, ede=(start + offset) % 97 == 3)


def _household(d: Demo, reg: Register, place: Place, *, ede: bool) -> None:
    specs = _members(d)
    named = _ede_names(d, specs) if ede else _names(d, specs)
    faith = ("Ê Đê", "Tin lành" if d.chance(0.5) else "Không") if ede else names.origin(d.rng)
    home_id = new_id()
    roots = "66" if ede else d.province.code  # Ê Đê families come from Đắk Lắk
    people = [_person(d, s, n, home_id, faith, roots) for s, n in zip(specs, named, strict=True)]
    reg.numbers[place.id] += 1
    d.add(
        Household(
            id=home_id,
            number=f"{place.code}-{reg.numbers[place.id]:03d}",
            area_id=place.id,
            head_person_id=people[0].id,
            address=names.address(d.rng, place.streets, place.name),
            phone=next((p.phone for p in people if p.phone), None),
        )
    )
    home = Home(home_id, place, people[0].id, named[0].full)
    reg.homes.append(home)
    reg.residents += [
        Resident(p.id, n.full, s.sex, s.born, home, p.phone)
        for p, n, s in zip(people, named, specs, strict=True)
    ]


def _members(d: Demo) -> list[Spec]:
    """Head, maybe a spouse, children, a parent, and a married son's family: 1–6 people."""
    year, age = d.today.year, int(d.rng.triangular(22, 86, 45))
    sex = "nam" if d.chance(0.72) else "nu"
    out = [Spec("chu_ho", sex, year - age)]
    if age < 80 and d.chance(0.8):
        other = "nu" if sex == "nam" else "nam"
        wed = max(20, age + d.rng.randint(-6, 4))
        out.append(Spec("vo" if other == "nu" else "chong", other, year - wed))
    for _ in range(d.rng.choice((0, 1, 1, 2, 2, 2, 3))):
        if (kid := age - d.rng.randint(21, 38)) >= 0:
            out.append(Spec("con", d.rng.choice(("nam", "nu")), year - kid))
    if age < 50 and d.chance(0.15):
        parent = d.rng.choice(("cha", "me"))
        born = year - min(95, age + d.rng.randint(22, 30))
        out.append(Spec(parent, "nam" if parent == "cha" else "nu", born))
    sons = [s for s in out if s.relation == "con" and s.sex == "nam" and year - s.born > 24]
    son = sons[0] if sons else None
    if son is not None and d.chance(0.5):
        out.append(Spec("con_dau", "nu", son.born + d.rng.randint(-2, 4)))
        grandchild = son.born + d.rng.randint(22, 34)
        if grandchild <= year:
            out.append(Spec("chau", d.rng.choice(("nam", "nu")), grandchild))
    return out[:6]


def _names(d: Demo, specs: list[Spec]) -> list[names.Name]:
    """Children and grandchildren take the father's họ; the head's father shares the head's."""
    head = names.full_name(d.rng, specs[0].sex, specs[0].born)
    out, paternal = [head], head.family
    for spec in specs[1:]:
        family = {"cha": head.family, "con": paternal, "chau": paternal}.get(spec.relation)
        name = names.full_name(d.rng, spec.sex, spec.born, family)
        paternal = name.family if spec.relation == "chong" else paternal
        out.append(name)
    return out


def _ede_names(d: Demo, specs: list[Spec]) -> list[names.Name]:
    """Ê Đê descent is matrilineal: women and children carry the mother's clan name."""
    clan = d.rng.choice(names.EDE_CLANS)

    def clan_of(spec: Spec) -> str | None:
        return clan if spec.sex == "nu" or spec.relation in ("con", "chau") else None

    return [names.ede_name(d.rng, s.sex, clan_of(s)) for s in specs]


def _person(
    d: Demo, spec: Spec, name: names.Name, home_id: str, faith: tuple[str, str], roots: str
) -> Person:
    """A resident: the old often have only a birth year, young children may lack an id."""
    age = d.today.year - spec.born
    only_year = d.chance(0.4 if spec.born < 1960 else 0.06)
    day = d.day_between(date(spec.born, 1, 1), min(date(spec.born, 12, 31), d.today))
    has_id = age >= 14 or d.chance(0.5)
    mobile = age >= 16 and d.chance(0.85 if spec.relation == "chu_ho" else 0.55)
    return d.add(
        Person(
            full_name=name.full,
            given_name=name.given_override,
            birth_date=None if only_year else day,
            birth_year=spec.born,
            sex=spec.sex,
            household_id=home_id,
            relation_to_head=spec.relation,
            id_number=d.ids.draw(spec.sex, spec.born, f"0{roots}") if has_id else None,
            phone=d.phone() if mobile else None,
            ethnicity=faith[0],
            religion=faith[1],
            occupation=names.occupation(d.rng, d.fake, age, spec.sex),
            hometown=names.hometown(d.rng, roots) if age >= 18 and d.chance(0.6) else None,
        )
    )


def groups(d: Demo, reg: Register) -> None:
    """Tổ tự quản of 15–25 neighbouring households (a short tail joins the last group)."""
    for place in reg.places:
        homes = [h for h in reg.homes if h.place is place]
        start, number = 0, 0
        while start < len(homes):
            end = start + d.rng.randint(15, 25)
            end = len(homes) if len(homes) - end < 10 else end
            number += 1
            _group(d, reg, place, number, homes[start:end])
            start = end


def _group(d: Demo, reg: Register, place: Place, number: int, homes: list[Home]) -> None:
    code, label, _ = d.rng.choices(GROUP_TYPES, [w for *_, w in GROUP_TYPES])[0]
    founded = d.day_between(date(2015, 1, 1), d.today - timedelta(days=420))
    group = d.add(
        HouseholdGroup(
            name=f"{label} số {number}, {place.name}",
            number=str(number),
            group_type=code,
            area_id=place.id,
            officer_in_charge_id=d.officer_id,
            founded_on=founded,
            status="active",
            decision_no=f"{d.rng.randint(5, 250)}/QĐ-UBND",
            meeting_schedule=d.rng.choice(SCHEDULES),
        )
    )
    leaders = d.rng.sample(homes, min(2, len(homes)))
    for role, home in zip(("leader", "deputy"), leaders, strict=False):
        d.add(
            GroupMember(
                group_id=group.id,
                role=role,
                person_id=home.head_id,
                household_id=home.id,
                joined_on=founded,
            )
        )
    for home in homes:
        joined = founded if d.chance(0.8) else d.day_between(founded, d.today)
        left = d.day_between(joined, d.today) if d.chance(0.03) else None
        d.add(
            GroupMember(
                group_id=group.id,
                role="member",
                household_id=home.id,
                joined_on=joined,
                left_on=left,
                note="Chuyển đi nơi khác" if left else None,
            )
        )
    if not reg.groups or d.chance(0.7):
        rating = d.rng.choice(GROUP_RATINGS)
        d.add(GroupRating(group_id=group.id, year=d.today.year - 1, rating=rating))
    reg.groups.append(Unit(group.id, group.name or "", leaders[0].head_name, place, tuple(homes)))


def teams(d: Demo, reg: Register) -> None:
    """Tổ bảo vệ ANTT ở cơ sở (Law 30/2023): one per area, or per two small neighbouring areas."""
    start = 0
    while start < len(reg.places):
        covered = reg.places[start : start + (2 if d.chance(0.3) else 1)]
        start += len(covered)
        _team(d, reg, covered)


def _team(d: Demo, reg: Register, covered: list[Place]) -> None:
    decided = d.day_between(LAW_30_IN_FORCE, min(d.today, LAW_30_IN_FORCE + timedelta(days=150)))
    team = d.add(
        SecurityTeam(
            name="Tổ bảo vệ ANTT " + " - ".join(p.name for p in covered),
            status="active",
            decision_no=f"{d.rng.randint(100, 990)}/QĐ-UBND",
            decision_date=decided,
            decided_by=f"Chủ tịch UBND {d.unit_word} {d.commune.short_name}",
        )
    )
    for place in covered:
        d.add(TeamArea(team_id=team.id, area_id=place.id))
    roles = ("to_truong", "to_pho", "to_vien", "to_vien", "to_vien")
    people = _team_people(d, reg, covered)
    for role, person in zip(roles, people, strict=False):
        member = d.add(
            TeamMember(
                team_id=team.id,
                person_id=person.id,
                role=role,
                joined_on=decided,
                source=d.rng.choices([s for s, _ in SOURCES], [w for _, w in SOURCES])[0],
                recognition_decision_no=team.decision_no,
                recognition_date=decided,
            )
        )
        if d.chance(0.3):
            _rate(d, team.id, member.id)
    _rate(d, team.id, None)
    leader = people[0].name if people else ""
    reg.teams.append(Unit(team.id, team.name or "", leader, covered[0], people=tuple(people)))


def _rate(d: Demo, team_id: str, member_id: str | None) -> None:
    period, level = movement_year(d.today), d.rng.choice(TEAM_LEVELS)
    d.add(TeamRating(team_id=team_id, member_id=member_id, period_year=period, level=level))


def _team_people(d: Demo, reg: Register, covered: list[Place]) -> list[Resident]:
    """3–5 adults of working age from the covered areas (anywhere if those are too small)."""
    fit = [r for r in reg.residents if 22 <= d.today.year - r.born <= 60]
    local = [r for r in fit if r.home.place in covered]
    pool = local if len(local) >= 5 else fit if len(fit) >= 3 else reg.residents
    return d.rng.sample(pool, min(len(pool), d.rng.randint(3, 5)))


def movement_year(today: date) -> int:
    """The last finished movement year: year Y runs from 15/11 of Y-1 to 14/11 of Y."""
    return today.year if today >= date(today.year, 11, 15) else today.year - 1
