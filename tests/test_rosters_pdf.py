"""Printed rosters: Decree 30 layout, the right households in Vietnamese order, fonts, pages."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.errors import NotFoundError
from desktop_app.reports import decree30
from desktop_app.reports.decree30 import Letterhead, document_date, recipient_lines
from desktop_app.reports.rosters import GroupRoster, RosterHousehold, write_group_roster
from desktop_app.services import audit, officers, records, rosters
from tests.conftest import ADMIN, PASSWORD, Env

ON = date(2026, 3, 5)
MM = 72 / 25.4


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def put(env: Env, type_name: str, **values: Any) -> str:
    return records.put(env.db, env.admin, type_name, values).record.id


@dataclass
class Village:
    group: str
    team: str
    heads: dict[str, str]  # full name -> person id


# Heads of the member households, in the order the roster must print them (given name, then
# family and middle names, Vietnamese collation): An < Ánh < Ân < Bích < Bih < Bình < Đạt.
IN_ORDER = [
    "Đặng Văn An",
    "Lê Thị Ánh",
    "Bùi Văn Ân",
    "Đỗ Thị Ngọc Bích",
    "Y Bih Niê",
    "Trần Văn Bình",
    "Phạm Quốc Đạt",
]
LEFT = "Nguyễn Thị Hoà"  # left the group: not on the roster


@pytest.fixture
def village(sqlite_env: Env) -> Village:
    env = sqlite_env
    area = put(env, "area", name="Thôn Đồng Tâm", kind="thon")
    other = put(env, "area", name="Đông Hòa", kind="thon")  # printed "Thôn Đông Hòa"
    heads: dict[str, str] = {}
    homes: dict[str, str] = {}
    for i, name in enumerate([*reversed(IN_ORDER), LEFT], start=1):
        home = put(env, "household", address=nfd(f"Số {i}, Thôn Đồng Tâm"), area_id=area)
        given = {"given_name": "Bih"} if name == "Y Bih Niê" else {}
        head = put(
            env,
            "person",
            full_name=nfd(name),  # as Unikey "tổ hợp" types it
            birth_year=1950 + i,
            household_id=home,
            phone=f"09120000{i:02d}",
            **given,
        )
        records.put(env.db, env.admin, "household", {"id": home, "head_person_id": head})
        for k in range(i % 3):
            put(env, "person", full_name=f"Con {k} {name}", birth_year=2000, household_id=home)
        put(
            env,
            "person",
            full_name=f"Đã chuyển {name}",
            household_id=home,
            residence_status="moved_out",
        )
        heads[name], homes[name] = head, home
    group = put(
        env,
        "household_group",
        name="Tổ liên gia tự quản số 3",
        group_type="to_lien_gia",
        area_id=area,
    )
    for role, name in (("leader", "Đặng Văn An"), ("deputy", "Y Bih Niê")):
        put(env, "group_member", group_id=group, role=role, person_id=heads[name])
    for name, home in homes.items():
        left = {"left_on": "2025-06-01"} if name == LEFT else {}
        put(env, "group_member", group_id=group, role="member", household_id=home, **left)
    team = put(
        env,
        "security_team",
        name="Tổ bảo vệ ANTT Thôn Đồng Tâm",
        decision_no="123/QĐ-UBND",
        decision_date="2024-08-05",
        decided_by="Chủ tịch UBND phường Hồng Hà",
    )
    put(env, "team_area", team_id=team, area_id=area)
    put(env, "team_area", team_id=team, area_id=other)
    members: tuple[tuple[str, str, str, dict[str, str]], ...] = (
        ("to_vien", "Trần Văn Bình", "dan_phong", {}),
        ("to_truong", "Y Bih Niê", "bao_ve_dan_pho", {}),
        ("to_vien", "Lê Thị Ánh", "tuyen_moi", {}),
        ("to_pho", "Phạm Quốc Đạt", "cax_ban_chuyen_trach", {}),
        ("to_vien", LEFT, "dan_phong", {"left_on": "2025-01-01"}),
    )
    for role, name, source, extra in members:
        person = heads[name]
        put(env, "team_member", team_id=team, person_id=person, role=role, source=source, **extra)
    return Village(group, team, heads)


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def positions(path: Path, page: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run on a page, in points from the bottom left."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


def test_group_roster_has_the_decree_30_header_and_the_households_in_order(
    sqlite_env: Env, village: Village, tmp_path: Path
) -> None:
    out = tmp_path / "roster.pdf"
    data = rosters.print_group_roster(sqlite_env.db, sqlite_env.admin, village.group, out, on=ON)

    pages = pdf_text(out)
    text = flat(" ".join(pages))
    assert unicodedata.is_normalized("NFC", "".join(pages))
    for line in (
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
        "CÔNG AN PHƯỜNG HỒNG HÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hồng Hà, ngày 05 tháng 3 năm 2026",
        "DANH SÁCH HỘ GIA ĐÌNH",
        "Tổ liên gia tự quản số 3, Thôn Đồng Tâm",
        "Loại tổ: Tổ liên gia an toàn tự quản về ANTT",
        "Tổ trưởng: Đặng Văn An",
        "Tổ phó: Y Bih Niê",
        "TỔ TRƯỞNG",
    ):
        assert line in text
    assert LEFT not in text
    table = text[text.index("Ghi chú") : text.index("Tổng số")]
    spots = [table.index(name) for name in IN_ORDER]
    assert spots == sorted(spots)
    # Members: heads plus (i % 3) children each; the one who moved away does not count.
    people = sum(1 + i % 3 for i in range(1, len(IN_ORDER) + 1))
    assert f"Tổng số: {len(IN_ORDER)} hộ, {people} nhân khẩu" in text
    assert data.people == people and len(data.households) == len(IN_ORDER)
    assert text.rstrip().endswith("Đặng Văn An")  # the leader signs at the bottom
    events = audit.list_events(sqlite_env.db, sqlite_env.admin, record_id=village.group)
    assert (events[0].action, events[0].detail["rows"]) == ("print", len(IN_ORDER))


def test_team_list_names_the_team_its_members_and_the_chief(
    sqlite_env: Env, village: Village, tmp_path: Path
) -> None:
    out = tmp_path / "team.pdf"
    rosters.print_team_list(sqlite_env.db, sqlite_env.admin, village.team, out, on=ON)

    pages = pdf_text(out)
    text = flat(" ".join(pages))
    assert unicodedata.is_normalized("NFC", "".join(pages))
    for line in (
        "CÔNG AN PHƯỜNG HỒNG HÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ",
        "Tổ bảo vệ ANTT Thôn Đồng Tâm",
        "số 123/QĐ-UBND ngày 05/08/2024 của Chủ tịch UBND phường Hồng Hà",
        "Địa bàn hoạt động: Thôn Đông Hòa, Thôn Đồng Tâm",
        "Tổng số: 4 thành viên (1 tổ trưởng, 1 tổ phó, 2 tổ viên)",
        "TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ",
        "Nguyễn Văn Trưởng",  # the admin printing is the chief: the name is printed
        "Nơi nhận: - Lưu: VT, hồ sơ.",
        "Kiện toàn từ Bảo vệ dân phố",
    ):
        assert line in text
    assert LEFT not in text
    table = text[text.index("Số điện thoại") : text.index("Tổng số")]
    order = ["Y Bih Niê", "Phạm Quốc Đạt", "Lê Thị Ánh", "Trần Văn Bình"]
    spots = [table.index(name) for name in order]
    assert spots == sorted(spots)  # tổ trưởng, tổ phó, then tổ viên by given name


def test_an_officer_who_is_not_the_chief_leaves_the_signature_name_blank(
    sqlite_env: Env, village: Village, tmp_path: Path
) -> None:
    officers.add(
        sqlite_env.db, sqlite_env.admin, "canbo", "mat-khau-can-bo", full_name="Lê Văn Cán"
    )
    officer = officers.login(sqlite_env.db, "canbo", "mat-khau-can-bo")
    out = tmp_path / "team.pdf"
    rosters.print_team_list(sqlite_env.db, officer, village.team, out, on=ON)
    text = flat(" ".join(pdf_text(out)))
    assert "TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ" in text
    assert "Lê Văn Cán" not in text and "Nguyễn Văn Trưởng" not in text


def test_fonts_are_the_embedded_liberation_serif_and_never_helvetica(
    sqlite_env: Env, village: Village, tmp_path: Path
) -> None:
    out = tmp_path / "team.pdf"
    rosters.print_team_list(sqlite_env.db, sqlite_env.admin, village.team, out, on=ON)
    reader = PdfReader(out)
    faces = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            descriptor: Any = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{name} is not embedded"
            faces.add(name.split("+", 1)[-1])
    assert faces == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",  # "Nơi nhận:"
    }
    assert b"Helvetica" not in out.read_bytes()


def synthetic_roster(count: int, head: str = "Lê Văn H{i:04d}") -> GroupRoster:
    households = tuple(
        RosterHousehold(
            head_name=head.format(i=i),
            birth_year="1960",
            address=f"Số {i}, Thôn Đồng Tâm",
            members=2,
            phone="0912345678",
        )
        for i in range(1, count + 1)
    )
    return GroupRoster(
        letterhead=Letterhead("CÔNG AN TỈNH HÀ TĨNH", "CÔNG AN PHƯỜNG THÀNH SEN", "Thành Sen", ON),
        group_name="Tổ liên gia tự quản số 3, Thôn Đồng Tâm",
        group_type="Tổ liên gia an toàn tự quản về ANTT",
        leader="Lê Văn H0001",
        deputies=(),
        households=households,
    )


def test_a4_margins_and_page_numbers_from_page_two_top_centre(tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    write_group_roster(synthetic_roster(60), out)
    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    top_margin = 841.89 - decree30.MARGIN_TOP
    page_one = positions(out, 0)
    assert not [t for _, y, t in page_one if y > top_margin], "page 1 carries no number"
    page_two = positions(out, 1)
    numbers = [(x, t) for x, y, t in page_two if y > top_margin]
    assert [t for _, t in numbers] == ["2"]
    centre = decree30.MARGIN_LEFT + decree30.TEXT_WIDTH / 2
    assert abs(numbers[0][0] - centre) < 8
    assert "Họ và tên chủ hộ" in [t for _, _, t in page_two]  # the header row repeats
    for number in range(len(reader.pages)):
        assert min(x for x, _, _ in positions(out, number)) >= 30 * MM - 0.01
    # ND 30: left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm.
    assert 30 * MM <= decree30.MARGIN_LEFT <= 35 * MM
    assert 15 * MM <= decree30.MARGIN_RIGHT <= 20 * MM
    assert 20 * MM <= decree30.MARGIN_TOP <= 25 * MM
    assert 20 * MM <= decree30.MARGIN_BOTTOM <= 25 * MM


def test_decomposed_input_is_drawn_and_extracted_as_nfc(tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    write_group_roster(synthetic_roster(3, head=nfd("Nguyễn Thị Hoà {i}")), out)
    text = "".join(pdf_text(out))
    assert unicodedata.is_normalized("NFC", text)
    assert "Nguyễn Thị Hoà 2" in text


def test_document_dates_pad_days_below_ten_and_the_first_two_months() -> None:
    assert document_date(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert document_date(date(2026, 1, 15)) == "ngày 15 tháng 01 năm 2026"
    assert document_date(date(2026, 2, 9)) == "ngày 09 tháng 02 năm 2026"
    assert document_date(date(2026, 10, 1)) == "ngày 01 tháng 10 năm 2026"
    assert document_date(date(2026, 12, 25)) == "ngày 25 tháng 12 năm 2026"


def test_recipients_end_with_a_semicolon_and_the_last_with_a_full_stop() -> None:
    assert recipient_lines(["UBND phường;", "- Lưu: VT, hồ sơ."]) == [
        "- UBND phường;",
        "- Lưu: VT, hồ sơ.",
    ]


@pytest.mark.slow
def test_a_3000_household_roster_prints_every_row(tmp_path: Path) -> None:
    out = tmp_path / "big.pdf"
    seen: list[tuple[int, int]] = []
    write_group_roster(synthetic_roster(3000), out, lambda done, total: seen.append((done, total)))
    pages = pdf_text(out)
    numbers = {int(n) for n in re.findall(r"H(\d{4})\b", " ".join(pages))}
    assert numbers == set(range(1, 3001))
    assert "Tổng số: 3.000 hộ, 6.000 nhân khẩu" in flat(pages[-1])
    assert seen[-1] == (3000, 3000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.slow
def test_a_long_roster_heads_every_page_and_prints_each_row_once_in_order(
    tmp_path: Path,
) -> None:
    # The register is laid out a window of rows at a time (decree30._RegisterTable): a row lost
    # or repeated where one window ends and the next begins shows here, as does a header row
    # missing from a page or printed twice on one.
    out = tmp_path / "long.pdf"
    write_group_roster(synthetic_roster(2000), out)
    pages = [flat(page) for page in pdf_text(out)]
    assert len(pages) > 50
    printed: list[tuple[int, int]] = []
    for number, page in enumerate(pages, start=1):
        rows = re.findall(r"\b(\d+) Lê Văn H(\d{4})\b", page)
        assert rows or number == len(pages), f"page {number} has no rows"
        if rows:
            header = "STT Họ và tên chủ hộ Năm sinh Địa chỉ Số nhân khẩu Số điện thoại Ghi chú"
            assert page.count("Họ và tên chủ hộ") == 1, f"page {number}"
            assert page.index(header) < page.index(f"{rows[0][0]} Lê Văn H"), f"page {number}"
        printed += [(int(row), int(name)) for row, name in rows]
    assert [row for row, _ in printed] == list(range(1, 2001))
    assert all(row == name for row, name in printed)  # each number beside its own household
    assert "Tổng số: 2.000 hộ, 4.000 nhân khẩu" in pages[-1]


def test_an_unknown_group_is_not_found(sqlite_env: Env) -> None:
    with pytest.raises(NotFoundError):
        rosters.group_roster(sqlite_env.db, sqlite_env.admin, "khong-co")


def test_cli_prints_both_documents(
    sqlite_env: Env,
    village: Village,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    base = ["--db", sqlite_env.url, "--user", ADMIN, "report"]
    roster, team = tmp_path / "to-3.pdf", tmp_path / "to-bv.pdf"
    assert main([*base, "roster", village.group, "--out", str(roster)]) == 0
    assert main([*base, "team", village.team, "--out", str(team)]) == 0
    out, _ = capsys.readouterr()
    assert str(roster) in out and str(team) in out
    assert "DANH SÁCH HỘ GIA ĐÌNH" in pdf_text(roster)[0]
    assert main([*base, "roster", "khong-co", "--out", str(tmp_path / "x.pdf")]) == 3
    assert not (tmp_path / "x.pdf").exists()
    nowhere = tmp_path / "no-such-folder" / "x.pdf"
    assert main([*base, "team", village.team, "--out", str(nowhere)]) == 1
    _, err = capsys.readouterr()
    assert "Không ghi được tệp" in err
