"""Draws resources/icons/antq.ico, the icon of antq-desk.exe and antq.exe (build.spec).

Lucide's shield-check (resources/icons, ISC licence) in white on a rounded square of the
app's accent colour, drawn by Qt at each size Windows asks for, so the small sizes are drawn
rather than shrunk; Pillow (installed with ReportLab) packs them into one .ico. The result is
committed; run again only to change the design:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_app_icon.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "shield-check.svg"
TARGET = ROOT / "resources" / "icons" / "antq.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BACKGROUND = "#1f5f8b"  # ui/style.py ACCENT


def draw(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BACKGROUND))
    radius = size * 0.2
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    svg = SOURCE.read_text(encoding="utf-8").replace("currentColor", "white")
    # Thicker strokes at the small sizes, where Lucide's 2-unit line would blur away.
    if size <= 32:
        svg = svg.replace('stroke-width="2"', 'stroke-width="2.5"')
    margin = size * 0.14
    QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(
        painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    )
    painter.end()
    return _to_pillow(image)


def _to_pillow(image: QImage) -> Image.Image:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = [draw(size) for size in SIZES]
    largest = images[-1]
    largest.save(TARGET, sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    print(f"{TARGET.relative_to(ROOT)}: {', '.join(str(s) for s in SIZES)} px")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
