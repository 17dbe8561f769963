"""The one translation function of the app; Vietnamese is the source language, usable without Qt."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from desktop_app.resources import resource_path

SOURCE_LANGUAGE = "vi"
_language = SOURCE_LANGUAGE


def set_language(code: str) -> None:
    """Switch the language of every later `tr()` call ("vi" or "en")."""
    global _language
    _language = code


def language() -> str:
    return _language


def tr(text: str, **values: object) -> str:
    """`text` in the current language, with `{name}` placeholders filled from `values`."""
    translated = _catalogue(_language).get(text, text) if _language != SOURCE_LANGUAGE else text
    return translated.format(**values) if values else translated


# The conventional short name, for code that reads better with it: _("Lưu").
_ = tr


def N_(text: str) -> str:
    """Mark a source string for the catalogue where it is defined; translate it with tr()
    where it is shown (module constants, texts that official papers print untranslated)."""
    return text


@cache
def _catalogue(code: str) -> dict[str, str]:
    path: Path = resource_path("i18n", f"{code}.json")
    if not path.exists():
        return {}
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data
