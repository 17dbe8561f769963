"""DESIGN.md §1: ui → desktop_app → db, and Qt only in ui/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "db": ("desktop_app", "ui", "PySide6", "shiboken6"),
    "desktop_app": ("ui", "PySide6", "shiboken6"),
    "ui": ("db", "sqlalchemy", "alembic"),
}
# DESIGN.md §1: the GUI entry point lives in the core and imports ui lazily, inside main().
ALLOWED = {("desktop_app/__main__.py", "ui.app")}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependencies_point_one_way(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in imported_modules(path):
            allowed = (str(path.relative_to(ROOT)), module) in ALLOWED
            if module.split(".")[0] in FORBIDDEN[package] and not allowed:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport db.models\n", encoding="utf-8")
    assert {"PySide6.QtCore", "db.models"} <= imported_modules(bad)
