"""build.spec's Faker hook: only the locales the demo data uses, not all 110 of Faker's.

Overrides the hook in pyinstaller-hooks-contrib, which ships every locale twice (compiled,
and as .py files Faker lists to learn which locales exist). desktop_app/demo/seed.py fakes
vi_VN; for a provider without vi_VN, Faker falls back to that provider's `default_locale`
(bank: en_GB, lorem: la) or else en_US, whose providers build on `en`.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_package_paths

DEFAULT_LOCALE = re.compile(r'^default_locale = "(\w+)"', re.MULTILINE)


def fallback_locales() -> set[str]:
    providers = Path(get_package_paths("faker.providers")[1])
    found = set()
    for init in providers.glob("*/__init__.py"):
        found.update(DEFAULT_LOCALE.findall(init.read_text(encoding="utf-8")))
    return found


LOCALES = {"vi_VN", "en_US", "en", *fallback_locales()}


def wanted_module(name: str) -> bool:
    parts = name.split(".")  # faker.providers.<provider>.<locale>…
    return len(parts) < 4 or parts[3] in LOCALES


def wanted_file(source: str) -> bool:
    parts = PurePath(source).parts
    at = len(parts) - 1 - parts[::-1].index("providers")
    below = parts[at + 1 :]  # <provider>/<locale>/… or <provider>/__init__.py
    return len(below) < 3 or below[1] in LOCALES


hiddenimports = collect_submodules("faker.providers", filter=wanted_module)
datas = [
    (source, target)
    for source, target in collect_data_files("faker.providers", include_py_files=True)
    if wanted_file(source)
]
