"""Generate resources/admin_units.json from the data shipped inside `vietnamadminunits` (MIT).

Usage: .venv/bin/python scripts/gen_admin_units.py resources/admin_units.json   (`make admin-units`)

Reads the package's `data/dataset.db` (tables `admin_units`, 34 provinces and 3,321 communes
from 2025-07-01, and `admin_units_legacy`, the 63 provinces before) and `data/converter_2025.json`
(which old commune became which new one), resolves every name key to its official code and
writes one compact, deterministic JSON file. The package is imported by nobody: only its data
files are read, so the app does not depend on it at run time.

Any key that does not resolve, any code that repeats, any legacy commune without a successor
and any split without exactly one default stops the script with exit status 1. The only
tolerated exceptions are listed below (KNOWN_TYPE_MISMATCHES, ISLAND_DISTRICTS) and in
docs/admin_units.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import re
import sqlite3
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE = "vietnamadminunits"
EFFECTIVE_DATE = "2025-07-01"
PROVINCE_KINDS = ("Tỉnh", "Thành phố")
COMMUNE_KINDS = ("Xã", "Phường", "Đặc khu")

# Communes whose `wardType` column contradicts the type in their name in vietnamadminunits 1.0.4.
# The name is right (checked against other copies of the official list), so the kind comes from
# the name: 10543 Phường Việt Hòa, 11848 Xã Vĩnh Hòa (Hải Phòng), 31213 Phường Tân Lộc,
# 31299 Xã Phong Điền (Cần Thơ). A mismatch outside this set stops the script.
KNOWN_TYPE_MISMATCHES = frozenset({"10543", "11848", "31213", "31299"})

# Legacy island districts that had no communes; the converter maps the whole district
# (key "province_district_") to one new đặc khu. They go to `legacy_district_to_2025`.
# 318 Bạch Long Vĩ, 471 Cồn Cỏ, 498 Hoàng Sa, 536 Lý Sơn, 755 Côn Đảo.
ISLAND_DISTRICTS = frozenset({"318", "471", "498", "536", "755"})

# Legacy names with a capitalised type word ("Thành Phố Bắc Kạn"); written the usual way.
LEGACY_PREFIX_FIXES = {"Thành Phố ": "Thành phố ", "Thị Xã ": "Thị xã ", "Thị Trấn ": "Thị trấn "}

COLUMNS = {
    "provinces": ["code", "name", "short_name", "kind"],
    "communes": ["code", "name", "short_name", "kind", "province_code"],
    "legacy_provinces": ["code", "name"],
    "legacy_districts": ["code", "name", "province_code"],
    "legacy_communes": ["code", "name", "district_code", "province_code"],
    "legacy_to_2025": "legacy commune code -> [[2025 commune code, is_default], ...]",
    "legacy_district_to_2025": "legacy island district code -> [[2025 commune code, is_default]]",
}

_CODE_LENGTHS = {"province": 2, "district": 3, "commune": 5}


class GenerationError(Exception):
    """The source data cannot be turned into the file; the message lists every problem."""


@dataclass
class Source:
    """Where the package's data files are, and what the package says about itself."""

    data_dir: Path
    version: str
    licence: str
    home_page: str


@dataclass
class Resolver:
    """Name keys of the source resolved to codes, and the problems met on the way."""

    new_provinces: dict[str, str] = field(default_factory=dict)
    new_communes: dict[tuple[str, str], str] = field(default_factory=dict)
    legacy_provinces: dict[str, str] = field(default_factory=dict)
    legacy_districts: dict[str, str] = field(default_factory=dict)
    legacy_communes: dict[str, str] = field(default_factory=dict)
    old_province_keys: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.errors.append(message)

    def new_commune(self, province_key: str, ward_key: str) -> str | None:
        code = self.new_communes.get((province_key, ward_key))
        if code is None:
            self.fail(f"new commune key {province_key}/{ward_key} does not resolve")
        return code


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def find_source() -> Source:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise GenerationError(f"{PACKAGE} is not installed (pip install -e '.[dev]')")
    data_dir = Path(next(iter(spec.submodule_search_locations))) / "data"
    meta = importlib.metadata.metadata(PACKAGE)
    classifiers = meta.get_all("Classifier") or []
    licences = [c.split(" :: ")[-1] for c in classifiers if c.startswith("License :: ")]
    if licences != ["MIT License"]:
        raise GenerationError(f"{PACKAGE} licence is {licences}, expected MIT: check before use")
    home_page = (meta.get_all("Home-page") or [""])[0]
    return Source(data_dir, meta["Version"], "MIT", home_page)


def query(db: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return db.execute(sql).fetchall()


def check_code(resolver: Resolver, level: str, code: object) -> str:
    text = code if isinstance(code, str) else ""
    if not (re.fullmatch("[0-9]+", text) and len(text) == _CODE_LENGTHS[level]):
        resolver.fail(f"{level} code {code!r} is not a zero-padded string")
    return text


def split_kind(resolver: Resolver, name: str, kinds: Iterable[str]) -> str:
    """The administrative type at the start of `name` ("Phường Ba Đình" -> "Phường")."""
    kind = next((k for k in kinds if name.startswith(k + " ")), None)
    if kind is None:
        resolver.fail(f"name {name!r} does not start with one of {list(kinds)}")
        return ""
    return kind


def new_province_rows(db: sqlite3.Connection, resolver: Resolver) -> list[list[str]]:
    rows: dict[str, list[str]] = {}
    sql = "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey FROM admin_units"
    for code, name, short, key in query(db, sql):
        code = check_code(resolver, "province", code)
        if code in rows or key in resolver.new_provinces:
            resolver.fail(f"province {code} {key} appears twice")
        resolver.new_provinces[key] = code
        kind = split_kind(resolver, nfc(name), PROVINCE_KINDS)
        if nfc(name) != f"{kind} {nfc(short)}":
            resolver.fail(f"province {code}: name {name!r} and short name {short!r} disagree")
        rows[code] = [code, nfc(name), nfc(short), kind]
    return [rows[code] for code in sorted(rows)]


def new_commune_rows(db: sqlite3.Connection, resolver: Resolver) -> list[list[str]]:
    rows: dict[str, list[str]] = {}
    sql = "SELECT wardCode, ward, wardShort, wardType, provinceCode, provinceKey, wardKey"
    for code, name, short, ward_type, p_code, p_key, w_key in query(db, sql + " FROM admin_units"):
        code = check_code(resolver, "commune", code)
        if code in rows or (p_key, w_key) in resolver.new_communes:
            resolver.fail(f"commune {code} {p_key}/{w_key} appears twice")
        resolver.new_communes[(p_key, w_key)] = code
        kind = split_kind(resolver, nfc(name), COMMUNE_KINDS)
        if kind != ward_type and code not in KNOWN_TYPE_MISMATCHES:
            resolver.fail(f"commune {code} {name!r} has wardType {ward_type!r}")
        if nfc(name) != f"{kind} {nfc(short)}":
            resolver.fail(f"commune {code}: name {name!r} and short name {short!r} disagree")
        rows[code] = [code, nfc(name), nfc(short), kind, p_code]
    return [rows[code] for code in sorted(rows)]


def legacy_name(name: str) -> str:
    name = nfc(name)
    for wrong, right in LEGACY_PREFIX_FIXES.items():
        if name.startswith(wrong):
            return right + name[len(wrong) :]
    return name


def legacy_rows(db: sqlite3.Connection, resolver: Resolver) -> dict[str, list[list[str]]]:
    provinces: dict[str, list[str]] = {}
    districts: dict[str, list[str]] = {}
    communes: dict[str, list[str]] = {}
    sql = (
        "SELECT provinceCode, province, provinceKey, districtCode, district, districtKey,"
        " wardCode, ward, wardKey FROM admin_units_legacy"
    )
    for p_code, p_name, p_key, d_code, d_name, d_key, w_code, w_name, w_key in query(db, sql):
        p_code = check_code(resolver, "province", p_code)
        d_code = check_code(resolver, "district", d_code)
        provinces[p_code] = [p_code, legacy_name(p_name)]
        districts[d_code] = [d_code, legacy_name(d_name), p_code]
        resolver.legacy_provinces[p_key] = p_code
        resolver.legacy_districts[f"{p_key}_{d_key}"] = d_code
        if w_code is None:
            if d_code not in ISLAND_DISTRICTS:
                resolver.fail(f"legacy district {d_code} {d_name!r} has a row without a commune")
            continue
        w_code = check_code(resolver, "commune", w_code)
        key = f"{p_key}_{d_key}_{w_key}"
        if w_code in communes or key in resolver.legacy_communes:
            resolver.fail(f"legacy commune {w_code} {key} appears twice")
        resolver.legacy_communes[key] = w_code
        communes[w_code] = [w_code, legacy_name(w_name), d_code, p_code]
    check_unique_keys(resolver, provinces, districts)
    return {
        "legacy_provinces": [provinces[c] for c in sorted(provinces)],
        "legacy_districts": [districts[c] for c in sorted(districts)],
        "legacy_communes": [communes[c] for c in sorted(communes)],
    }


def check_unique_keys(
    resolver: Resolver, provinces: dict[str, list[str]], districts: dict[str, list[str]]
) -> None:
    if len(resolver.legacy_provinces) != len(provinces):
        resolver.fail("legacy province keys and codes are not one to one")
    if len(resolver.legacy_districts) != len(districts):
        resolver.fail("legacy district keys and codes are not one to one")


Successors = dict[str, dict[str, bool]]


def add_successor(resolver: Resolver, table: Successors, old: str, new: str, default: bool) -> None:
    entries = table.setdefault(old, {})
    if new in entries:
        resolver.fail(f"legacy {old} lists successor {new} twice")
    entries[new] = default


def old_code(resolver: Resolver, new_province_key: str, old_key: str) -> tuple[str, str] | None:
    """("commune" or "district", legacy code) of a converter key "province_district_ward"."""
    province_key, _, rest = old_key.partition("_")
    if province_key not in resolver.old_province_keys.get(new_province_key, ()):
        resolver.fail(f"{old_key} is listed under {new_province_key}, not in its DICT_PROVINCE")
    district_key, _, ward_key = rest.partition("_")
    if ward_key:
        code = resolver.legacy_communes.get(old_key)
        level = "commune"
    else:
        code = resolver.legacy_districts.get(f"{province_key}_{district_key}")
        level = "district"
        if code is not None and code not in ISLAND_DISTRICTS:
            resolver.fail(f"{old_key} maps a whole district that is not an island district")
    if code is None:
        resolver.fail(f"legacy key {old_key} does not resolve")
        return None
    return level, code


def mapping(converter: dict[str, Any], resolver: Resolver) -> dict[str, Successors]:
    tables: dict[str, Successors] = {"commune": {}, "district": {}}
    seen: set[str] = set()
    for p_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, old_keys in wards.items():
            new = resolver.new_commune(p_key, w_key)
            for old_key in old_keys:
                once(resolver, seen, old_key)
                old = old_code(resolver, p_key, old_key)
                if new and old:
                    add_successor(resolver, tables[old[0]], old[1], new, True)
    for p_key, splits in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in splits.items():
            once(resolver, seen, old_key)
            old = old_code(resolver, p_key, old_key)
            check_split(resolver, old_key, parts)
            for part in parts:
                new = resolver.new_commune(p_key, part["newWardKey"])
                if new and old:
                    add_successor(resolver, tables[old[0]], old[1], new, part["isDefaultNewWard"])
    return tables


def once(resolver: Resolver, seen: set[str], old_key: str) -> None:
    if old_key in seen:
        resolver.fail(f"legacy key {old_key} is mapped more than once")
    seen.add(old_key)


def check_split(resolver: Resolver, old_key: str, parts: list[dict[str, Any]]) -> None:
    defaults = [p for p in parts if p["isDefaultNewWard"] is True]
    if len(parts) < 2 or len(defaults) != 1:
        resolver.fail(f"split {old_key}: {len(parts)} parts, {len(defaults)} defaults")


def check_coverage(resolver: Resolver, tables: dict[str, Successors]) -> None:
    missing = sorted(set(resolver.legacy_communes.values()) - set(tables["commune"]))
    if missing:
        resolver.fail(f"{len(missing)} legacy communes have no successor: {missing[:10]}")
    if set(tables["district"]) != ISLAND_DISTRICTS:
        resolver.fail(f"island districts mapped: {sorted(tables['district'])}")
    reached = {new for entries in tables["commune"].values() for new in entries}
    reached |= {new for entries in tables["district"].values() for new in entries}
    unreached = sorted(set(resolver.new_communes.values()) - reached)
    if unreached:
        resolver.fail(f"{len(unreached)} communes come from no legacy commune: {unreached[:10]}")


def as_lists(table: Successors) -> dict[str, list[list[str | bool]]]:
    return {old: [[new, table[old][new]] for new in sorted(table[old])] for old in sorted(table)}


def build(source: Source) -> tuple[dict[str, Any], Resolver]:
    resolver = Resolver()
    converter = json.loads((source.data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    resolver.old_province_keys = converter["DICT_PROVINCE"]
    db_uri = (source.data_dir / "dataset.db").as_uri() + "?mode=ro"
    with sqlite3.connect(db_uri, uri=True) as db:
        provinces = new_province_rows(db, resolver)
        communes = new_commune_rows(db, resolver)
        legacy = legacy_rows(db, resolver)
    check_provinces(resolver, converter["DICT_PROVINCE"], {row[0] for row in provinces})
    tables = mapping(converter, resolver)
    check_coverage(resolver, tables)
    document = {
        "effective_date": EFFECTIVE_DATE,
        "source": {
            "package": PACKAGE,
            "version": source.version,
            "licence": source.licence,
            "home_page": source.home_page,
            "generator": "scripts/gen_admin_units.py",
        },
        "columns": COLUMNS,
        "provinces": provinces,
        "communes": communes,
        **legacy,
        "legacy_to_2025": as_lists(tables["commune"]),
        "legacy_district_to_2025": as_lists(tables["district"]),
    }
    return document, resolver


def check_provinces(
    resolver: Resolver, dict_province: dict[str, list[str]], codes: set[str]
) -> None:
    if set(dict_province) != set(resolver.new_provinces):
        resolver.fail("DICT_PROVINCE keys are not the 2025 provinces")
    old_keys = [key for keys in dict_province.values() for key in keys]
    if sorted(old_keys) != sorted(resolver.legacy_provinces):
        resolver.fail("DICT_PROVINCE does not place every legacy province exactly once")
    if len(codes) != len(resolver.new_provinces):
        resolver.fail("province codes and keys are not one to one")


def check_nfc(resolver: Resolver, value: object) -> None:
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        resolver.fail(f"{value!r} is not NFC")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_nfc(resolver, key)
            check_nfc(resolver, item)
    elif isinstance(value, list):
        for item in value:
            check_nfc(resolver, item)


def render(document: dict[str, Any]) -> bytes:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def report(document: dict[str, Any], size: int, out: Path) -> None:
    kinds = Counter(row[3] for row in document["communes"])
    mapping_ = document["legacy_to_2025"]
    split = sum(1 for entries in mapping_.values() if len(entries) > 1)
    print(f"wrote {out} ({size:,} bytes), effective {document['effective_date']}")
    print(f"  provinces {len(document['provinces'])}, communes {len(document['communes'])}")
    print("  " + ", ".join(f"{kind} {kinds[kind]}" for kind in COMMUNE_KINDS))
    print(
        f"  legacy: provinces {len(document['legacy_provinces'])},"
        f" districts {len(document['legacy_districts'])},"
        f" communes {len(document['legacy_communes'])}"
    )
    whole = len(mapping_) - split
    print(
        f"  legacy_to_2025: {len(mapping_)} communes ({whole} whole, {split} split);"
        f" island districts {len(document['legacy_district_to_2025'])}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the JSON file to write")
    args = parser.parse_args(argv)
    try:
        document, resolver = build(find_source())
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    check_nfc(resolver, document)
    if resolver.errors:
        for message in resolver.errors:
            print(f"error: {message}", file=sys.stderr)
        print(f"{len(resolver.errors)} problems; {args.out} not written", file=sys.stderr)
        return 1
    data = render(document)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    report(document, len(data), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
