"""The shipped list of administrative units (resources/admin_units.json) and its lookups."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop_app import admin_units
from desktop_app.errors import NotFoundError
from desktop_app.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "gen_admin_units.py"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *_strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _all_communes() -> list[admin_units.Commune]:
    return [c for p in admin_units.provinces() for c in admin_units.communes(p.code)]


def test_34_provinces_with_unique_two_digit_codes() -> None:
    codes = [p.code for p in admin_units.provinces()]
    assert len(codes) == 34
    assert len(set(codes)) == 34
    assert all(len(code) == 2 and code.isdigit() for code in codes)
    assert {p.kind for p in admin_units.provinces()} == {"Tỉnh", "Thành phố"}


def test_3321_communes_with_unique_five_digit_codes_in_existing_provinces() -> None:
    communes = _all_communes()
    codes = [c.code for c in communes]
    assert len(codes) == 3321
    assert len(set(codes)) == 3321
    assert all(len(code) == 5 and code.isdigit() for code in codes)
    for unit in communes:
        assert admin_units.province(unit.province_code).code == unit.province_code
        assert admin_units.commune(unit.code) == unit
        assert unit.name == f"{unit.kind} {unit.short_name}"
    kinds = [c.kind for c in communes]
    assert (kinds.count("Xã"), kinds.count("Phường"), kinds.count("Đặc khu")) == (2621, 687, 13)


def test_codes_are_zero_padded_strings() -> None:
    assert admin_units.province("01").short_name == "Hà Nội"
    assert admin_units.commune("00004").name == "Phường Ba Đình"


def test_effective_date() -> None:
    assert admin_units.effective_date() == date(2025, 7, 1)


def test_provinces_and_communes_are_in_vietnamese_order() -> None:
    names = [p.short_name for p in admin_units.provinces()]
    assert names[:3] == ["An Giang", "Bắc Ninh", "Cà Mau"]
    assert names.index("Cần Thơ") < names.index("Đà Nẵng") < names.index("Gia Lai")
    hanoi = [c.short_name for c in admin_units.communes("01")]
    assert hanoi.index("Bạch Mai") < hanoi.index("Bồ Đề") < hanoi.index("Đống Đa")


def test_search_finds_thanh_sen_without_accents() -> None:
    hits = admin_units.search_communes("thanh sen")
    assert hits[0].name == "Phường Thành Sen"
    assert admin_units.province(hits[0].province_code).short_name == "Hà Tĩnh"


def test_search_folds_d_with_stroke() -> None:
    hits = admin_units.search_communes("dong da", province_code="01")
    assert hits[0].name == "Phường Đống Đa"
    assert admin_units.search_communes("ĐỐNG ĐA", province_code="01")[0] == hits[0]


def test_search_matches_both_tone_placements() -> None:
    assert [p.name for p in admin_units.search_provinces("khanh hoa")] == ["Tỉnh Khánh Hòa"]
    assert [p.name for p in admin_units.search_provinces("Khánh Hoà")] == ["Tỉnh Khánh Hòa"]
    assert "Xã Hòa Lạc" in [c.name for c in admin_units.search_communes("hoa", "01")]


def test_search_limit_and_empty_query() -> None:
    assert len(admin_units.search_communes("xa", limit=5)) == 5
    assert admin_units.search_communes("", "22", limit=100) == admin_units.communes("22")
    assert admin_units.search_communes("khongcoxanaotenvay") == []


def test_whole_legacy_commune_maps_to_one_successor() -> None:
    old = admin_units.legacy_commune("00001")
    assert (old.name, old.district_name, old.province_name) == (
        "Phường Phúc Xá",
        "Quận Ba Đình",
        "Thành phố Hà Nội",
    )
    [(new, is_default)] = admin_units.successors("00001")
    assert (new.code, new.name, is_default) == ("00097", "Phường Hồng Hà", True)


def test_split_legacy_commune_lists_every_successor_and_one_default() -> None:
    old = admin_units.legacy_commune("00019")
    assert (old.name, old.district_name) == ("Phường Điện Biên", "Quận Ba Đình")
    result = admin_units.successors("00019")
    assert {new.name for new, _ in result} == {
        "Phường Ba Đình",
        "Phường Hoàn Kiếm",
        "Phường Ô Chợ Dừa",
        "Phường Văn Miếu - Quốc Tử Giám",
    }
    assert [is_default for _, is_default in result].count(True) == 1
    assert result[0][1] is True  # the default comes first


def test_every_legacy_commune_has_successors_with_one_default() -> None:
    raw = json.loads(resource_path("admin_units.json").read_text(encoding="utf-8"))
    mapping = raw["legacy_to_2025"]
    assert len(mapping) == len(raw["legacy_communes"]) == 10035
    for entries in mapping.values():
        assert [flag for _, flag in entries].count(True) == 1


def test_police_unit_names() -> None:
    assert admin_units.police_unit_names("00004") == (
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
        "CÔNG AN PHƯỜNG BA ĐÌNH",
    )
    assert admin_units.police_unit_names("06838") == (
        "CÔNG AN TỈNH QUẢNG NINH",
        "CÔNG AN XÃ BÌNH LIÊU",
    )
    assert admin_units.police_unit_names("26732") == (
        "CÔNG AN THÀNH PHỐ HỒ CHÍ MINH",
        "CÔNG AN ĐẶC KHU CÔN ĐẢO",
    )
    for name in admin_units.police_unit_names("18073"):
        assert unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize(
    "lookup",
    [
        admin_units.province,
        admin_units.commune,
        admin_units.communes,
        admin_units.successors,
        admin_units.legacy_commune,
        admin_units.police_unit_names,
    ],
)
def test_unknown_code_raises_not_found(lookup: Callable[[str], object]) -> None:
    with pytest.raises(NotFoundError, match="Không tìm thấy đơn vị hành chính có mã 99999"):
        lookup("99999")


def test_search_in_unknown_province_raises_not_found() -> None:
    with pytest.raises(NotFoundError):
        admin_units.search_communes("hoa", province_code="99")


def test_json_is_nfc_everywhere() -> None:
    raw = json.loads(resource_path("admin_units.json").read_text(encoding="utf-8"))
    strings = _strings(raw)
    assert len(strings) > 50_000
    assert [s for s in strings if not unicodedata.is_normalized("NFC", s)] == []


@pytest.mark.skipif(
    importlib.util.find_spec("vietnamadminunits") is None,
    reason="vietnamadminunits (dev extra) is not installed",
)
def test_generator_reproduces_the_committed_file(tmp_path: Path) -> None:
    out = tmp_path / "admin_units.json"
    subprocess.run([sys.executable, str(GENERATOR), str(out)], check=True, capture_output=True)
    assert out.read_bytes() == resource_path("admin_units.json").read_bytes()
