"""Finds every Vietnamese source string the UI translates and keeps resources/i18n/en.json in step.

Usage (docs/translation.md):
    .venv/bin/python scripts/extract_strings.py           # add new strings to en.json, value ""
    .venv/bin/python scripts/extract_strings.py --check   # exit 1 if a string lacks English
    .venv/bin/python scripts/extract_strings.py --prune   # also drop strings no longer used

Where the strings are:
- the first argument of every `tr("…")` / `_("…")` in desktop_app/ and ui/, read with `ast`;
  for `tr(text)` or `tr(table[key])`, the strings of the literal tuples, lists and dicts
  assigned in the same function, and of the module-level dict `table`;
- the label tables of desktop_app/records/labels.py, the vocabulary defaults of
  desktop_app/services/vocabularies.py and the kinds of administrative unit (Tỉnh, Xã…);
- column titles (desktop_app/listing.py), count labels and due-item titles (overview and
  case schedule services);
- page titles (`title = "…"`) and list tab titles (`lists = ((type, "…"), …)`) in ui/pages/.
"""

from __future__ import annotations

import argparse
import ast
import json
import string
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CATALOG = ROOT / "resources" / "i18n" / "en.json"
TR_NAMES = {"tr", "_", "N_"}  # N_ marks a source string translated later
CODE_DIRS = ("desktop_app", "ui")
# Calls whose argument at this position is a label translated when shown.
LABEL_ARGUMENTS = {
    ("desktop_app/listing.py", "_c"): 0,
    ("desktop_app/listing.py", "Column"): 0,
    ("desktop_app/services/overview.py", "Count"): 0,
    ("desktop_app/services/overview.py", "DueItem"): 1,
    ("desktop_app/services/case_schedule.py", "DueItem"): 1,
    ("desktop_app/services/case_schedule.py", "item"): 1,  # _case_items' helper around DueItem
}

Found = dict[str, str]  # source text -> where it was first seen ("ui/app.py:82")


def extract() -> tuple[Found, list[str]]:
    """Every translatable string with where it is, and the tr() calls that cannot work."""
    found: Found = {}
    problems: list[str] = []
    for path in sorted(p for d in CODE_DIRS for p in (ROOT / d).rglob("*.py")):
        where = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=where)
        for text, line in _module_strings(tree, where, problems):
            found.setdefault(text, f"{where}:{line}")
    for where, texts in _data_strings():
        for text in texts:
            found.setdefault(text, where)
    return {t: w for t, w in found.items() if t.strip()}, problems


def _module_strings(tree: ast.Module, where: str, problems: list[str]) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield from _call_strings(node, where, problems)
        elif isinstance(node, ast.ClassDef) and where.startswith("ui/pages/"):
            yield from _page_strings(node)
    yield from _table_strings(tree)


def _call_strings(call: ast.Call, where: str, problems: list[str]) -> Iterator[tuple[str, int]]:
    name = _called_name(call)
    position = 0 if name in TR_NAMES else LABEL_ARGUMENTS.get((where, name))
    if position is None or len(call.args) <= position:
        return
    arg = call.args[position]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        yield arg.value, arg.lineno
    elif isinstance(arg, ast.JoinedStr | ast.BinOp):
        # In tr() it is an error; as a label (Count(f"…")) a warning, since the data is elsewhere.
        kind = "cannot translate built text" if name in TR_NAMES else "warning: built label"
        problems.append(f"{kind}: {where}:{arg.lineno}: {ast.unparse(arg)}")


def _table_strings(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """For `tr(text)` and `tr(table[key])`: the literal tables such a text comes from.

    They are the tuples, lists and dicts assigned in the function that makes the call, and
    the module-level dicts it subscripts.
    """
    subscripted: set[str] = set()
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        variables = [a for a in _tr_arguments(func) if isinstance(a, ast.Name | ast.Subscript)]
        if variables:
            subscripted |= {_subscripted_name(a) for a in variables}
            yield from _tables(ast.walk(func))
    yield from _tables(tree.body, subscripted)


def _tr_arguments(func: ast.AST) -> Iterator[ast.expr]:
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and _called_name(node) in TR_NAMES and node.args:
            yield node.args[0]


def _subscripted_name(node: ast.expr) -> str:
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return node.value.id
    return ""


def _tables(nodes: Iterable[ast.AST], names: set[str] | None = None) -> Iterator[tuple[str, int]]:
    for node in nodes:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        if names is not None and _assigned_name(node) not in names:
            continue
        value = node.value
        items = value.values if isinstance(value, ast.Dict) else getattr(value, "elts", [])
        # Codes and field names ("full_name") are not text for the officer.
        yield from ((t, n) for t, n in _constants(items) if not (t.isascii() and t.isidentifier()))


def _page_strings(cls: ast.ClassDef) -> Iterator[tuple[str, int]]:
    for node in cls.body:
        name = _assigned_name(node)
        value = getattr(node, "value", None)
        if name == "title":
            yield from _constants([value])
        elif name == "lists" and isinstance(value, ast.Tuple):
            yield from _constants(p.elts[1] for p in value.elts if isinstance(p, ast.Tuple))


def _data_strings() -> Iterator[tuple[str, Iterable[str]]]:
    """Labels kept in data tables; imported, since they are plain dicts and tuples."""
    from desktop_app import admin_units
    from desktop_app.records import labels
    from desktop_app.services.vocabularies import DEFAULTS

    tables = (labels.TYPE_LABELS, labels.FIELD_LABELS, labels.CHOICE_LABELS)
    yield "desktop_app/records/labels.py", [t for table in tables for t in table.values()]
    yield "desktop_app/records/labels.py", labels.CHOICE_OVERRIDES.values()
    yield "desktop_app/services/vocabularies.py", [t for ts in DEFAULTS.values() for _, t in ts]
    provinces = admin_units.provinces()
    communes = [c.kind for p in provinces for c in admin_units.communes(p.code)]
    yield "resources/admin_units.json", sorted({p.kind for p in provinces} | set(communes))


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _assigned_name(node: ast.AST) -> str:
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return targets[0].id if len(targets) == 1 and isinstance(targets[0], ast.Name) else ""


def _constants(nodes: Iterable[ast.expr | None]) -> Iterator[tuple[str, int]]:
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value, node.lineno


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a str.format text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def load_catalog() -> dict[str, str]:
    if not CATALOG.exists():
        return {}
    data: dict[str, str] = json.loads(CATALOG.read_text(encoding="utf-8"))
    return data


def check(found: Found, catalog: dict[str, str], problems: list[str]) -> int:
    """Print what is wrong; 1 if a string is untranslated, mistranslated or untranslatable."""
    missing = [t for t in found if not catalog.get(t)]
    broken = [t for t in found if catalog.get(t) and placeholders(t) != placeholders(catalog[t])]
    unused = sorted(set(catalog) - set(found))
    for text in missing:
        print(f"missing English: {found[text]}: {text!r}")
    for text in broken:
        print(f"placeholders differ: {found[text]}: {text!r} -> {catalog[text]!r}")
    for problem in problems:
        print(problem)
    for text in unused:
        print(f"warning: no longer used: {text!r}")
    print(f"{len(found)} strings, {len(missing)} missing, {len(unused)} unused")
    errors = [p for p in problems if not p.startswith("warning")]
    return 1 if missing or broken or errors else 0


def write(found: Found, catalog: dict[str, str], prune: bool) -> None:
    """Merge: keep every translation, add new strings with "" and sort by source text."""
    merged = {text: catalog.get(text, "") for text in found}
    if not prune:
        merged.update({t: v for t, v in catalog.items() if t not in found})
    CATALOG.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(sorted(merged.items())), ensure_ascii=False, indent=2)
    CATALOG.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, write nothing")
    parser.add_argument("--prune", action="store_true", help="drop strings no longer used")
    args = parser.parse_args(argv)
    found, problems = extract()
    catalog = load_catalog()
    if args.check:
        return check(found, catalog, problems)
    write(found, catalog, args.prune)
    check(found, load_catalog(), problems)
    return 0


if __name__ == "__main__":
    sys.exit(main())
