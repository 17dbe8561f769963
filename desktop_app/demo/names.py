"""Invented Vietnamese identities for demo data: names, số định danh, phones, jobs, addresses.

Faker's vi_VN `name()` mixes honorifics and order ("Quý ông Châu Bùi"), so names are
composed here from họ, tên đệm and tên with realistic frequencies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from desktop_app import admin_units
from desktop_app.text import nfc

# Họ with rough national shares in percent (Nguyễn ≈ 38 %).
FAMILY: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.4),
    ("Trần", 11.5),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 3.4),
    ("Huỳnh", 1.7),
    ("Phan", 4.5),
    ("Vũ", 2.2),
    ("Võ", 1.7),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Đào", 0.7),
    ("Trịnh", 0.6),
    ("Mai", 0.5),
    ("Lương", 0.5),
    ("Đoàn", 0.6),
    ("Trương", 0.6),
    ("Cao", 0.4),
    ("Tạ", 0.3),
    ("Lưu", 0.3),
    ("Chu", 0.3),
    ("Hà", 0.5),
    ("Tô", 0.3),
    ("Lâm", 0.4),
    ("Kiều", 0.2),
    ("Phùng", 0.3),
    ("Quách", 0.2),
    ("Lại", 0.2),
    ("Triệu", 0.2),
    ("Khúc", 0.1),
    ("Nông", 0.2),
    ("Thái", 0.2),
    ("Vương", 0.2),
)
MIDDLE = {
    "nam": (
        "Văn",
        "Đức",
        "Hữu",
        "Minh",
        "Quang",
        "Công",
        "Xuân",
        "Thành",
        "Ngọc",
        "Anh",
        "Tuấn",
        "Trung",
        "Đình",
        "Thanh",
        "Gia",
        "Mạnh",
        "Duy",
        "Quốc",
        "Bá",
        "Hoàng",
    ),
    "nu": (
        "Thị",
        "Ngọc",
        "Thu",
        "Thanh",
        "Kim",
        "Minh",
        "Phương",
        "Thùy",
        "Hồng",
        "Bảo",
        "Khánh",
        "Mai",
        "Hoài",
        "Diệu",
        "Như",
        "Cẩm",
        "Quỳnh",
        "Thảo",
    ),
}
# The old default middle names are far more common among people born before 1980.
_CLASSIC = {"nam": "Văn", "nu": "Thị"}
GIVEN = {
    "nam": (
        "Hùng",
        "Dũng",
        "Tuấn",
        "Nam",
        "Hải",
        "Long",
        "Sơn",
        "Minh",
        "Thắng",
        "Cường",
        "Quân",
        "Hiếu",
        "Đức",
        "Trung",
        "Phong",
        "Tùng",
        "Việt",
        "Khánh",
        "Bình",
        "Hòa",
        "Thành",
        "Huy",
        "Phúc",
        "Lâm",
        "Tiến",
        "Hưng",
        "Thịnh",
        "Đạt",
        "Khôi",
        "Bảo",
        "Kiên",
        "Vinh",
        "Toàn",
        "Lợi",
        "Tài",
        "Nghĩa",
        "Tâm",
        "Phát",
        "Hoàng",
        "An",
    ),
    "nu": (
        "Lan",
        "Hương",
        "Hoa",
        "Mai",
        "Hằng",
        "Trang",
        "Linh",
        "Nga",
        "Huyền",
        "Thảo",
        "Hà",
        "Phương",
        "Ngọc",
        "Yến",
        "Vân",
        "Dung",
        "Thủy",
        "Hạnh",
        "Loan",
        "Nhung",
        "Thu",
        "Oanh",
        "Quyên",
        "Giang",
        "Hiền",
        "Anh",
        "Vy",
        "Nhi",
        "Chi",
        "My",
        "Ánh",
        "Tuyết",
        "Liên",
        "Xuân",
        "Diệp",
        "Hòa",
        "Châu",
        "Thư",
        "Ngân",
        "Uyên",
    ),
}
# Ê Đê names: "Y" (men) or "H'" (women), the personal name, then the clan: "Y Bih Niê".
EDE_CLANS = ("Niê", "Mlô", "Êban", "Ksor", "Adrơng", "Byă", "Hwing", "Knul", "Ayun", "Êya")
EDE_GIVEN = {
    "nam": ("Bih", "Thuôn", "Nguê", "Blô", "Jôn", "Đhiêng", "Sanh", "Kông", "Yơn", "Khăm"),
    "nu": ("Hen", "Ngơm", "Blim", "Nay", "Hlin", "Bia", "Juê", "Mai", "Lin", "Ruah"),
}
# The 63 pre-2025 province codes that open a số định danh (001 Hà Nội … 096 Cà Mau).
ID_PROVINCES = (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096"
).split()
# Mobile prefixes of Viettel, Vinaphone, MobiFone, Vietnamobile and Gmobile.
PHONE_PREFIXES = (
    "032 033 034 035 036 037 038 039 086 096 097 098 081 082 083 084 085 088 091 094 "
    "070 076 077 078 079 089 090 093 052 056 058 092 059 099"
).split()

VILLAGES = (
    "Đồng Tâm",
    "Tân Lập",
    "Phú Mỹ",
    "An Hòa",
    "Đông",
    "Đoài",
    "Trung",
    "Thượng",
    "Hạ",
    "Bắc Sơn",
    "Đồng Xuân",
    "Hòa Bình",
    "Quyết Tiến",
    "Thắng Lợi",
    "Tiền Phong",
    "Đại Đồng",
    "Yên Thịnh",
    "Phúc Lộc",
    "Minh Khai",
    "Văn Minh",
    "Tân Phong",
    "An Bình",
    "Đông Hưng",
    "Nam Sơn",
    "Tân Tiến",
    "Hợp Nhất",
    "Phú Cường",
    "Xuân Lai",
    "Cẩm Khê",
    "Liên Hiệp",
)
JOBS = (
    "Làm ruộng",
    "Công nhân",
    "Buôn bán",
    "Kinh doanh tự do",
    "Lao động tự do",
    "Nội trợ",
    "Công chức",
    "Viên chức",
    "Giáo viên",
    "Lái xe",
    "Thợ xây",
    "Thợ may",
    "Thợ sửa xe máy",
    "Nhân viên văn phòng",
    "Quân nhân",
    "Chăn nuôi",
    "Bán hàng ăn",
    "Thợ điện",
    "Kế toán",
)
ELDER_JOBS = ("Hưu trí", "Hưu trí", "Làm ruộng", "Nội trợ", "Già yếu", "Buôn bán")
ETHNIC = ("Tày", "Mường", "Thái", "Nùng", "Hoa", "Dao", "Khmer", "Sán Dìu")
RELIGIONS = (("Không", 80), ("Phật giáo", 12), ("Công giáo", 6), ("Tin lành", 1), ("Cao Đài", 1))


@dataclass(frozen=True, slots=True)
class Name:
    full: str
    family: str
    given_override: str | None = None  # set only when the given name is not the last word


def full_name(rng: random.Random, sex: str, born: int, family: str | None = None) -> Name:
    """A Kinh name: họ (given or drawn), one or two tên đệm by sex and generation, tên.

    It always makes the same draws, whatever `born` and `family` are, so a seed names the
    same people in whatever year it runs.
    """
    drawn = rng.choices([f for f, _ in FAMILY], [w for _, w in FAMILY])[0]
    classic = 0.7 if born < 1980 else 0.35 if born < 2000 else 0.15
    roll, double, modern = rng.random(), rng.random(), rng.choice(MIDDLE[sex])
    middle = _CLASSIC[sex] if roll < classic else modern
    given = _other_than(middle, rng.choice(GIVEN[sex]), GIVEN[sex])
    second = _other_than(given, rng.choice(MIDDLE["nu"][1:]), MIDDLE["nu"][1:])
    if sex == "nu" and middle == "Thị" and double < 0.12:
        middle += " " + second
    return Name(nfc(f"{family or drawn} {middle} {given}"), family or drawn)


def _other_than(taken: str, pick: str, pool: tuple[str, ...]) -> str:
    """`pick`, or its neighbour in `pool` when it repeats `taken` ("Ngọc Ngọc")."""
    return pick if pick != taken else pool[(pool.index(pick) + 1) % len(pool)]


def ede_name(rng: random.Random, sex: str, clan: str | None = None) -> Name:
    """An Ê Đê name ("Y Bih Niê", "H'Hen Ksor") whose given name drives sorting."""
    clan = clan or rng.choice(EDE_CLANS)
    given = rng.choice(EDE_GIVEN[sex])
    full = f"Y {given} {clan}" if sex == "nam" else f"H'{given} {clan}"
    return Name(nfc(full), clan, nfc(given))


def phone(rng: random.Random) -> str:
    """A 10-digit mobile number on a real network prefix, e.g. '0912345678'."""
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**7):07d}"


@dataclass
class IdNumbers:
    """Số định danh cá nhân, unique within one run.

    12 digits: birth-province code (3), sex and century (1900s: nam 0, nữ 1; 2000s: nam 2,
    nữ 3), the last two digits of the birth year, then 6 random digits.
    """

    rng: random.Random
    home_province: str  # three digits, e.g. "001"
    # (index, count): the random digits end in `index` modulo `count`, so the communes of a
    # province, each with a generator of its own, never draw the same number.
    slot: tuple[int, int] = (0, 1)
    used: set[str] = field(default_factory=set)

    def draw(self, sex: str, born: int, home: str | None = None) -> str:
        """A fresh number; `home` (three digits) overrides this run's usual birth province."""
        province = home or self.home_province
        province = province if self.rng.random() < 0.75 else self.rng.choice(ID_PROVINCES)
        century = 0 if born < 2000 else 2
        prefix = f"{province}{century + (sex == 'nu')}{born % 100:02d}"
        number = prefix + self._digits()
        while number in self.used:
            number = prefix + self._digits()
        self.used.add(number)
        return number

    def _digits(self) -> str:
        index, count = self.slot
        return f"{self.rng.randrange(10**6 // count) * count + index:06d}"


def origin(rng: random.Random) -> tuple[str, str]:
    """(dân tộc, tôn giáo) of a Kinh-majority household."""
    ethnicity = "Kinh" if rng.random() < 0.92 else rng.choice(ETHNIC)
    return ethnicity, rng.choices([r for r, _ in RELIGIONS], [w for _, w in RELIGIONS])[0]


def occupation(rng: random.Random, fake: Any, age: int, sex: str) -> str | None:
    """What a resident of `age` does; some adult jobs come from Faker's vi_VN list."""
    if age < 6:
        return None
    if age < 18:
        return "Học sinh"
    if age < 23 and rng.random() < 0.55:
        return "Sinh viên"
    if age >= 60:
        job = rng.choice(ELDER_JOBS)
        return "Hưu trí" if sex == "nam" and job == "Nội trợ" else job
    job = str(fake.job()) if rng.random() < 0.2 else ""
    # Faker's list holds English titles ("Tester") and Title Case; keep Vietnamese ones.
    return job[0] + job[1:].lower() if job and not job.isascii() else rng.choice(JOBS)


def hometown(rng: random.Random, province_code: str) -> str:
    """Quê quán: a commune of this province mostly, sometimes of another one."""
    if rng.random() >= 0.7:
        province_code = rng.choice(admin_units.provinces()).code
    commune = rng.choice(admin_units.communes(province_code))
    return f"{commune.name}, {admin_units.province(province_code).name}"


def address(rng: random.Random, streets: tuple[str, ...], area: str) -> str:
    """'Số 12, ngõ 5, đường Quang Trung, Tổ dân phố 3'."""
    lane = f"ngõ {rng.randint(2, 120)}, " if rng.random() < 0.3 else ""
    return f"Số {rng.randint(1, 250)}, {lane}đường {rng.choice(streets)}, {area}"
