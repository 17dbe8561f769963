"""Household spreadsheets: finding the table, legacy fonts, both layouts, errors, the CLI,
and export → import giving back the same register. Workbooks are built here with openpyxl."""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Font
from sqlalchemy import select

from db.models import Area, Household, Person
from db.uow import Database
from desktop_app.cli import main
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.progress import CancelledError, Progress
from desktop_app.services import officers, records
from desktop_app.spreadsheets.households_export import export_households
from desktop_app.spreadsheets.households_import import ImportReport, import_households
from desktop_app.spreadsheets.reader import preview_households
from desktop_app.work import work
from tests.conftest import ADMIN, PASSWORD, Env
from tests.test_legacy_fonts import tcvn3, vni

Rows = Sequence[Sequence[Any]]
PERSON_HEADER = [
    "STT", "Họ và tên", "Năm sinh", "Giới tính", "Số định danh cá nhân", "Quan hệ với chủ hộ",
    "Địa chỉ", "Thôn, tổ dân phố",
]


def workbook(
    path: Path,
    rows: Rows,
    *,
    merges: Sequence[str] = (),
    fonts: dict[int, str] | None = None,
) -> Path:
    """An .xlsx with `rows` from A1; `fonts` sets the font of every cell of a row."""
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    for (row, name) in (fonts or {}).items():
        for c in range(1, max(len(r) for r in rows) + 1):
            sheet.cell(row, c).font = Font(name=name)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def people(db: Database) -> dict[str, Person]:
    with work(db, None, write=False) as w:
        return {p.full_name or "": p for p in w.session.scalars(select(Person))}


def count(env: Env, type_name: str) -> int:
    return records.count(env.db, env.admin, type_name)


def messages(report: ImportReport) -> dict[int, str]:
    found: dict[int, str] = {}
    for problem in report.problems:
        found[problem.row] = (found.get(problem.row, "") + " | " + problem.message).strip(" |")
    return found


# --- Finding the table (no database) -------------------------------------------------------


def test_title_rows_merged_two_row_header_numbering_repeats_and_footer(tmp_path: Path) -> None:
    rows = [
        ["UBND XÃ TÂN TIẾN"],
        ["DANH SÁCH HỘ GIA ĐÌNH NĂM 2024"],
        [],
        ["STT", "Họ và tên chủ hộ", "Năm sinh", None, "Số CCCD", "Nơi ở hiện tại", "Thôn",
         "Số nhân khẩu"],
        [None, None, "Nam", "Nữ"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        [1, "Nguyễn Văn An", 1970, None, "001070000001", "Số 1, đường Lê Lợi", "Thôn Đông", 4],
        [2, "Trần Thị Bình", None, "12/03/1975", "001175000002", "Số 2", "Thôn Đông", 3],
        [],
        ["STT", "Họ và tên chủ hộ", "Năm sinh", None, "Số CCCD", "Nơi ở hiện tại", "Thôn"],
        [3, "Lê Văn Cường", 1980.0, None, "001080000003", "Số 3", "Thôn Tây", 2],
        ["Tổng cộng: 3 hộ"],
        [None, "Người lập biểu", None, None, None, "Trưởng thôn"],
        [4, "Không được đọc", 1990, None, "001090000004", "Số 4", "Thôn Tây", 1],
    ]
    merges = ["A1:H1", "A2:H2", "A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:F5", "G4:G5", "H4:H5"]
    preview = preview_households(workbook(tmp_path / "ds.xlsx", rows, merges=merges))
    assert preview.header_rows == (4, 5)
    assert preview.layout == "household"
    fields = {c.letter: c.field for c in preview.columns}
    assert fields == {
        "A": "stt", "B": "full_name", "C": "male", "D": "female", "E": "id_number",
        "F": "address", "G": "area", "H": "members",
    }
    assert preview.columns[2].header == "Năm sinh / Nam"
    assert preview.total_rows == 3
    an, binh, cuong = (r.values for r in preview.rows)
    assert (an["full_name"], an["sex"], an["birth_year"]) == ("Nguyễn Văn An", "nam", 1970)
    assert (binh["sex"], binh["birth_date"]) == ("nu", date(1975, 3, 12))
    assert (cuong["birth_year"], cuong["area"]) == (1980, "Thôn Tây")
    assert an["note"] == "Số nhân khẩu khai trong bảng tính: 4"
    assert [r.row for r in preview.rows] == [7, 8, 11]


def test_two_line_headers_and_every_kind_of_birth_date(tmp_path: Path) -> None:
    header = ["Họ và tên", "Ngày, tháng,\nnăm sinh", "Giới\ntính", "Số định danh\ncá nhân",
              "Địa chỉ thường trú", "Tổ dân phố"]
    rows = [
        header,
        ["Văn A", "12/03/1985", "Nam", "001085000001", "Số 1", "Tổ 1"],
        ["Văn B", datetime(1985, 3, 12), "nữ", "001185000002", "Số 2", "Tổ 1"],
        ["Văn C", "1985", "NAM", "001085000003", "Số 3", "Tổ 1"],
        ["Văn D", "03/1985", "Nam", "001085000004", "Số 4", "Tổ 1"],
        ["Văn E", 1990.0, "Nam", "001090000005", "Số 5", "Tổ 1"],
        ["Văn G", "31/02/1985", "Nam", "001085000006", "Số 6", "Tổ 1"],
        ["Văn H", "2999", "Không rõ", "001085000007", "Số 7", "Tổ 1"],
        ["Văn K", "1985-03-12", "Nữ", "001185000008", "Số 8", "Tổ 1"],
        ["Văn L", datetime(1905, 6, 7), "Nữ", "001185000009", "Số 9", "Tổ 1"],  # 1985 typed
    ]
    preview = preview_households(workbook(tmp_path / "d.xlsx", rows))
    assert [c.field for c in preview.columns] == [
        "full_name", "birth", "sex", "id_number", "address", "area",
    ]
    by_name = {r.values["full_name"]: r for r in preview.rows}
    assert by_name["Văn A"].values["birth_date"] == date(1985, 3, 12)
    assert by_name["Văn B"].values["birth_date"] == date(1985, 3, 12)
    assert by_name["Văn B"].values["sex"] == "nu"
    assert by_name["Văn C"].values["birth_year"] == 1985
    assert by_name["Văn D"].values["birth_year"] == 1985
    assert by_name["Văn E"].values["birth_year"] == 1990
    assert by_name["Văn K"].values["birth_date"] == date(1985, 3, 12)
    assert by_name["Văn L"].values["birth_year"] == 1985
    assert "'31/02/1985' không phải ngày có thật" in by_name["Văn G"].problems[0]
    assert any("2999" in p for p in by_name["Văn H"].problems)
    assert "Giới tính: 'Không rõ' không rõ (nhập Nam hoặc Nữ)" in by_name["Văn H"].problems


def test_the_register_sheet_is_found_and_cells_merged_down_a_family_are_shared(
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Hướng dẫn"
    book.active["A1"] = "Điền mỗi nhân khẩu một dòng."
    sheet = book.create_sheet("Danh sách")
    rows = [
        PERSON_HEADER,
        [1, "Hà Văn Một", 1960, "Nam", None, "Chủ hộ", "Số 12, ngõ 3", "Thôn Đoài"],
        [None, "Hà Thị Hai", 1962, "Nữ", None, "Vợ"],
        [None, "Hà Văn Ba", 1990, "Nam", None, "Con"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("G2:G4")
    sheet.merge_cells("H2:H4")
    book.save(tmp_path / "gd.xlsx")
    preview = preview_households(tmp_path / "gd.xlsx")
    assert preview.sheet == "Danh sách" and preview.layout == "person"
    assert [(r.values["address"], r.values["area"]) for r in preview.rows] == [
        ("Số 12, ngõ 3", "Thôn Đoài")
    ] * 3


def test_files_that_are_not_a_register_are_refused_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="Không tìm thấy tệp"):
        preview_households(tmp_path / "khong-co.xlsx")
    bad = tmp_path / "cu.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 old binary excel")
    with pytest.raises(ValidationError, match=r"lưu lại dạng \.xlsx"):
        preview_households(bad)
    other = workbook(tmp_path / "khac.xlsx", [["Tên hàng", "Số lượng"], ["Gạo", 3]])
    with pytest.raises(ValidationError, match="Không tìm thấy dòng tiêu đề"):
        preview_households(other)


# --- Legacy encodings ---------------------------------------------------------------------


def test_tcvn3_vni_nfd_and_unicode_cells_come_in_as_unicode(env: Env, tmp_path: Path) -> None:
    header = ["Họ và tên", "Năm sinh", "Giới tính", "Số định danh", "Địa chỉ", "Thôn"]
    rows = [
        [tcvn3("ủy ban nhân dân xã tân tiến")],
        [tcvn3(h) for h in header],  # a header typed in .VnTime too
        [tcvn3("Nguyễn Văn An"), 1970, "Nam", "001070000001", tcvn3("Số 1"), tcvn3("Thôn Đông")],
        [tcvn3("Trần Thị Hà"), 1971, tcvn3("Nữ"), "001171000002", "So 2", tcvn3("Thôn Đông")],
        [vni("Lê Văn Đức"), 1972, "Nam", "001072000003", vni("Số 3"), vni("Thôn Đông")],
        [vni("Phạm Thị Thuỷ"), 1973, vni("Nữ"), "001173000004", "So 4", vni("Thôn Đông")],
        [unicodedata.normalize("NFD", "Hoàng Văn Ân"), 1974, "Nam", "001074000005", "Số 5",
         unicodedata.normalize("NFD", "Thôn Đông")],
        ["Võ Bá Tú", 1975, "Nam", "001075000006", "Số 6", "Thôn Đông"],
        [tcvn3("đỗ văn hùng"), 1976, "Nam", "001076000007", "Số 7", "Thôn Đông"],
    ]
    # Rows 4 and 6 keep the default font: found by their characters alone.
    fonts = {1: ".VnTimeH", 2: ".VnTime", 3: ".VnTime", 5: "VNI-Times", 9: ".VnTimeH"}
    report = import_households(env.db, env.admin, workbook(tmp_path / "l.xlsx", rows, fonts=fonts))
    assert report.problems == () and report.applied
    assert report.header_rows == (2,)
    assert {"tcvn3", "vni", "unicode"} <= set(report.encodings)
    found = people(env.db)
    assert set(found) == {
        "Nguyễn Văn An", "Trần Thị Hà", "Lê Văn Đức", "Phạm Thị Thuỷ", "Hoàng Văn Ân",
        "Võ Bá Tú", "Đỗ Văn Hùng",
    }
    assert all(unicodedata.is_normalized("NFC", name) for name in found)
    assert found["Trần Thị Hà"].sex == "nu" and found["Phạm Thị Thuỷ"].sex == "nu"
    with work(env.db, None, write=False) as w:
        assert [a.name for a in w.session.scalars(select(Area))] == ["Thôn Đông"]
        addresses = set(w.session.scalars(select(Household.address)))
    assert {"Số 1", "Số 3", "Số 5"} <= addresses


# --- Problems, all or nothing, skipping ---------------------------------------------------


def _bad_sheet(tmp_path: Path) -> Path:
    rows = [
        ["DANH SÁCH NHÂN KHẨU"],
        PERSON_HEADER,
        [1, "Nguyễn Văn An", 1970, "Nam", "001070000001", "Chủ hộ", "Số 1", "Thôn Đông"],
        [None, "Trần Thị Bình", 1972, "Nữ", 38172000002, "Vợ", "Số 1", "Thôn Đông"],
        [None, "Nguyễn Văn Cường", 1995, "Nam", "00109500000A", "Con", "Số 1", "Thôn Đông"],
        [None, "Nguyễn Thị Dung", 1998, "Nữ", "001070000001", "Con", "Số 1", "Thôn Đông"],
        [],
        [2, "Lê Văn Em", 1960, "Nam", "001085012345", "Chủ hộ", "Số 2", "Thôn Đông"],
        [None, "Lê Thị Gấm", 1990, "Nữ", "001190000007", "Con", "Số 2", "Thôn Đông"],
        [3, "Phạm Văn Hải", 1950, "Nam", "001050000008", "Chủ hộ", "Số 3", "Thôn Đông"],
        [None, "Phạm Văn Khoa", 1980, "Bê đê", "001080000010", "Con", "Số 3", "Thôn Đông"],
        [None, None, 1982, "Nam", "001082000011", "Con", "Số 3", "Thôn Đông"],
        [None, "Phạm Thị Lan", "12/13/1985", "Nữ", "001185000012", "Con dâu", "Số 3",
         "Thôn Đông"],
        [None, "Phạm Thị Mai", "05/06/1985", "Nữ", "001185000009", "Con dâu", "Số 3",
         "Thôn Đông"],
    ]
    return workbook(tmp_path / "bad.xlsx", rows)


def _existing_person(env: Env) -> str:
    return records.put(
        env.db, env.admin, "person",
        {"full_name": "Đinh Thị Huệ", "birth_year": 1962, "id_number": "001085012345"},
    ).record.id


def test_invalid_rows_refuse_the_whole_file_with_row_numbers(env: Env, tmp_path: Path) -> None:
    huệ = _existing_person(env)
    before = (count(env, "person"), count(env, "household"), count(env, "area"))
    report = import_households(env.db, env.admin, _bad_sheet(tmp_path))
    assert report.rejected and not report.applied
    assert (count(env, "person"), count(env, "household"), count(env, "area")) == before
    problems = messages(report)
    assert "chỉ có 11 chữ số" in problems[4] and "'038172000002'" in problems[4]
    assert "phải gồm đúng 12 chữ số" in problems[5]
    assert "trùng với dòng 3 trong tệp" in problems[6]
    assert f"đã có trong cơ sở dữ liệu: Đinh Thị Huệ, sinh 1962 (mã {huệ})" in problems[8]
    assert "dòng chủ hộ (dòng 8) không hợp lệ" in problems[9]
    assert "Giới tính: 'Bê đê' không rõ" in problems[11]
    assert "thiếu họ và tên" in problems[12]
    assert "12/13/1985" in problems[13]
    assert sorted(problems) == [4, 5, 6, 8, 9, 11, 12, 13]
    assert report.households == 2 and report.persons == 3  # what would have gone in


def test_skip_invalid_imports_the_valid_rows(env: Env, tmp_path: Path) -> None:
    _existing_person(env)
    report = import_households(env.db, env.admin, _bad_sheet(tmp_path), skip_invalid=True)
    assert report.applied and not report.rejected
    assert (report.households, report.persons, report.areas_created) == (2, 3, 1)
    assert count(env, "household") == 2
    found = people(env.db)
    assert {"Nguyễn Văn An", "Phạm Văn Hải", "Phạm Thị Mai"} <= set(found)
    assert not {"Trần Thị Bình", "Lê Văn Em", "Lê Thị Gấm", "Phạm Văn Khoa"} & set(found)
    mai, hai = found["Phạm Thị Mai"], found["Phạm Văn Hải"]
    assert (mai.relation_to_head, mai.birth_date, mai.household_id) == (
        "con_dau", date(1985, 6, 5), hai.household_id,
    )
    with work(env.db, None, write=False) as w:
        household = w.session.get(Household, hai.household_id)
        assert household is not None and household.head_person_id == hai.id
        assert household.address == "Số 3"
    assert hai.relation_to_head == "chu_ho"


# --- Layouts, areas, relations, --map -----------------------------------------------------


def test_one_row_per_household_areas_matched_or_created(sqlite_env: Env, tmp_path: Path) -> None:
    env = sqlite_env
    records.put(env.db, env.admin, "area", {"name": "Thôn Đông Hòa", "kind": "thon"})
    rows = [
        ["Số hộ", "Họ tên chủ hộ", "Năm sinh", "Giới tính", "Số định danh", "Địa chỉ",
         "Thôn, tổ dân phố", "Số nhân khẩu", "SĐT"],
        ["12", "Ngô Văn A", 1960, "Nam", "001060000001", "Số 1", "thôn đông hoà", 4, 987654321],
        ["13", "Ngô Văn B", 1961, "Nam", "001061000002", "Số 2", "Đông Hòa", 2, None],
        ["14", "Ngô Văn C", 1962, "Nam", "001062000003", "Số 3, Thôn Đông Hòa", None, 1, None],
        ["15", "Ngô Văn D", 1963, "Nam", "001063000004", "Số 4", "Tổ dân phố 5", 3, None],
        ["16", "Ngô Văn E", 1964, "Nam", "001064000005", "Số 5", "Ấp Bình Minh", 3, None],
        ["17", "Ngô Văn G", 1965, "Nam", "001065000006", None, "7", 3, None],
        ["18", "Ngô Văn H", 1966, "Nam", "001066000007", "Số 8", None, 3, None],
    ]
    report = import_households(env.db, env.admin, workbook(tmp_path / "a.xlsx", rows),
                               skip_invalid=True)
    assert report.layout == "household"
    assert [(p.row, "Thiếu thôn" in p.message) for p in report.problems] == [(8, True)]
    assert (report.households, report.persons, report.areas_created) == (6, 6, 3)
    with work(env.db, None, write=False) as w:
        areas = {a.name: a.kind for a in w.session.scalars(select(Area))}
        homes = {h.number: h for h in w.session.scalars(select(Household))}
        area_names = {a.id: a.name for a in w.session.scalars(select(Area))}
    assert areas == {
        "Thôn Đông Hòa": "thon", "Tổ dân phố 5": "to_dan_pho", "Ấp Bình Minh": "ap",
        "Thôn 7": "thon",
    }
    assert [area_names[homes[n].area_id] for n in ("12", "13", "14")] == ["Thôn Đông Hòa"] * 3
    assert homes["12"].phone == "0987654321"
    assert homes["12"].note == "Số nhân khẩu khai trong bảng tính: 4"
    assert homes["17"].address == "Thôn 7"  # no address: the area's name
    assert people(env.db)["Ngô Văn A"].relation_to_head == "chu_ho"


def test_relations_by_label_and_word_unknown_kept_in_note(sqlite_env: Env, tmp_path: Path) -> None:
    env = sqlite_env
    rows = [
        PERSON_HEADER,
        [None, "Đào Văn Lạc", 1990, "Nam", None, "Con trai", "Số 9", "Thôn Bắc"],
        [1, "Đào Văn Tư", 1950, "Nam", None, "Chủ hộ", "Số 9", "Thôn Bắc"],
        [None, "Đào Văn Bảy", 1925, "Nam", None, "Bố", "Số 9", "Thôn Bắc"],
        [None, "Đào Thị Tám", 1980, "Nữ", None, "CON", "Số 10, ngõ 2", "Thôn Bắc"],
        [None, "Đào Văn Chín", 2005, "Nam", None, "Cháu họ", "Số 9", "Thôn Bắc"],
    ]
    report = import_households(env.db, env.admin, workbook(tmp_path / "r.xlsx", rows),
                               skip_invalid=True)
    assert [p.row for p in report.problems] == [2]
    assert "chưa có 'Chủ hộ'" in report.problems[0].message
    found = people(env.db)
    assert found["Đào Văn Bảy"].relation_to_head == "cha"
    assert found["Đào Thị Tám"].relation_to_head == "con"
    assert found["Đào Thị Tám"].address == "Số 10, ngõ 2"  # differs from the household's
    assert found["Đào Văn Bảy"].address is None
    assert found["Đào Văn Chín"].relation_to_head == "khac"
    assert found["Đào Văn Chín"].note == "Quan hệ với chủ hộ: Cháu họ"


def test_map_overrides_the_automatic_mapping(sqlite_env: Env, tmp_path: Path) -> None:
    env = sqlite_env
    rows = [
        ["Người đứng tên", "Năm sinh", "Địa chỉ", "Thôn"],
        ["Mai Văn Sơn", 1970, "Hộ nghèo", "Thôn Nam"],
    ]
    path = workbook(tmp_path / "m.xlsx", rows)
    with pytest.raises(ValidationError, match="Không tìm thấy dòng tiêu đề"):
        preview_households(path)
    overrides = {"Người đứng tên": "full_name", "Địa chỉ": "note"}
    preview = preview_households(path, overrides)
    assert [c.field for c in preview.columns] == ["full_name", "birth", "note", "area"]
    report = import_households(env.db, env.admin, path, overrides=overrides)
    assert report.applied
    son = people(env.db)["Mai Văn Sơn"]
    assert son.note == "Hộ nghèo"
    with pytest.raises(ValidationError, match="Không có trường 'ho_ten'"):
        preview_households(path, {"Người đứng tên": "ho_ten"})
    with pytest.raises(ValidationError, match="Không có cột tiêu đề 'Bí danh'"):
        preview_households(path, {**overrides, "Bí danh": "note"})


def test_dry_run_and_cancel_change_nothing(sqlite_env: Env, tmp_path: Path) -> None:
    env = sqlite_env
    path = _bad_sheet(tmp_path)
    calls: list[tuple[int, int]] = []
    report = import_households(
        env.db, env.admin, path, dry_run=True, skip_invalid=True,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert report.dry_run and not report.applied and report.persons == 5
    assert calls[-1] == (3, 3)
    assert count(env, "person") == 0 and count(env, "area") == 0
    progress = Progress()
    progress.cancel()
    with pytest.raises(CancelledError):
        import_households(env.db, env.admin, path, skip_invalid=True, progress=progress)
    assert count(env, "person") == 0


# --- The command line ---------------------------------------------------------------------


class Antq:
    def __init__(self, env: Env, capsys: pytest.CaptureFixture[str]) -> None:
        self.env, self.capsys = env, capsys
        self.err = ""

    def __call__(self, *args: str, expect: int = 0) -> str:
        code = main(["--db", self.env.url, "--user", ADMIN, *args])
        out, self.err = self.capsys.readouterr()
        assert code == expect, f"antq {' '.join(args)} → {code}: {self.err}"
        return out


@pytest.fixture
def antq(env: Env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Antq:
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    return Antq(env, capsys)


def test_cli_import_refuses_skips_dry_runs_and_exports(antq: Antq, tmp_path: Path) -> None:
    path = str(_bad_sheet(tmp_path))
    before = antq("dump")
    antq("import", "xlsx", "household", path, expect=2)
    assert "Dòng 4: Số định danh cá nhân: '38172000002' chỉ có 11 chữ số" in antq.err
    assert "chưa nhập gì" in antq.err
    antq("import", "xlsx", "household", path, "--skip-invalid", "--dry-run")
    assert json.loads(antq("dump"))["records"] == json.loads(before)["records"]
    out = antq("import", "xlsx", "household", path, "--skip-invalid")
    assert "Đã nhập 3 hộ, 5 nhân khẩu; thêm 1 thôn, tổ dân phố." in out
    export = tmp_path / "xuat.xlsx"
    assert "Đã xuất 3 hộ, 5 nhân khẩu" in antq("export", "xlsx", "household", str(export))
    sheet = openpyxl.load_workbook(export).active
    assert str(sheet["A1"].value).startswith("DANH SÁCH HỘ GIA ĐÌNH VÀ NHÂN KHẨU – ")
    assert sheet.freeze_panes == "A4"
    ids = [sheet.cell(r, 6).value for r in range(4, sheet.max_row + 1)]
    assert "001070000001" in ids and all(isinstance(i, str) for i in ids if i)


def test_cli_json_preview_and_unsupported_type(
    sqlite_env: Env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    antq = Antq(sqlite_env, capsys)
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    path = str(_bad_sheet(tmp_path))
    report = json.loads(antq("--json", "import", "xlsx", "household", path, "--skip-invalid"))
    assert report["applied"] and report["persons"] == 5 and report["layout"] == "person"
    assert {p["row"] for p in report["problems"]} == {4, 5, 6, 11, 12, 13}
    shown = antq("import", "xlsx", "household", path, "--preview")
    assert "Trang 'Sheet', tiêu đề ở dòng 2, 11 dòng dữ liệu" in shown
    assert "E  Số định danh cá nhân  →  Số định danh cá nhân" in shown
    antq("import", "xlsx", "meeting", path, expect=2)
    assert "Chưa hỗ trợ bảng tính cho loại 'meeting'" in antq.err
    antq("import", "xlsx", "household", path, "--map", "không có dấu bằng", expect=2)
    assert "phải có dạng" in antq.err


# --- Export → import ----------------------------------------------------------------------


def register(db: Database) -> list[tuple[Any, ...]]:
    """Every current resident with their household and area, engine-independent."""
    query = (
        select(Person, Household, Area)
        .join(Household, Household.id == Person.household_id)
        .join(Area, Area.id == Household.area_id)
        .where(Person.deleted.is_(False), Person.merged_into.is_(None))
    )
    with work(db, None, write=False) as w:
        rows = [
            (p.full_name, p.id_number, p.birth_date, p.birth_year, p.sex, p.relation_to_head,
             p.phone, p.occupation, p.note, p.address, h.number, h.address, a.name, a.kind,
             h.head_person_id == p.id)
            for p, h, a in w.session.execute(query)
            if p.residence_status not in ("moved_out", "deceased")
        ]
    return sorted(rows, key=lambda row: [str(value) for value in row])


def test_export_then_import_into_an_empty_post_gives_the_same_register(
    env: Env, sqlite_template: Path, tmp_path: Path
) -> None:
    seed(env.db, env.admin, households=40, seed=3)
    path = tmp_path / "ho.xlsx"
    exported = export_households(env.db, env.admin, path)
    fresh_file = tmp_path / "fresh.sqlite3"
    shutil.copyfile(sqlite_template, fresh_file)
    fresh = open_database(fresh_file)
    try:
        actor = officers.login(fresh, ADMIN, PASSWORD)
        report = import_households(fresh, actor, path)
        assert report.problems == () and report.applied
        assert (report.households, report.persons) == (exported.households, exported.persons)
        assert register(fresh) == register(env.db)
        assert any(row[2] is None and row[3] for row in register(fresh))  # year-only births
    finally:
        fresh.dispose()
