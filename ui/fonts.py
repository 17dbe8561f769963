"""Fonts shipped in resources/fonts: Qt's wheels carry none, and DejaVu clips stacked marks."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.resources import resource_path

UI_FAMILY = "Noto Sans"
UI_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
)
log = logging.getLogger("antq.ui.fonts")


def load_fonts(app: QApplication, point_size: int = 10) -> str:
    """Register Noto Sans and make it the application font; returns the family in use."""
    families: set[str] = set()
    for name in UI_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            log.warning("font %s could not be loaded", name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    family = UI_FAMILY if UI_FAMILY in families else app.font().family()
    app.setFont(QFont(family, point_size))
    return family
