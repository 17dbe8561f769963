"""Icons from resources/icons (Lucide, ISC licence), tinted to the palette and cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop_app.resources import resource_path

DEFAULT_COLOR = "#34495e"


@cache
def icon(name: str, color: str = DEFAULT_COLOR, size: int = 48) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    if not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return QIcon(pixmap)
