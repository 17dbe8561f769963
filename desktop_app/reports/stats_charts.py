"""Bar charts for the statistics report, drawn with reportlab.graphics in the document's font.

Shades of grey, not colours: a post prints on a black-and-white laser printer. Bars stack
one series per category (months), with a legend when there is more than one series.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, black, white
from reportlab.lib.units import mm

from desktop_app.reports.decree30 import FONT, TEXT_WIDTH, register_fonts
from desktop_app.text import nfc

SHADES = (
    Color(0.15, 0.15, 0.15),
    Color(0.45, 0.45, 0.45),
    Color(0.7, 0.7, 0.7),
    Color(0.88, 0.88, 0.88),
    white,
    Color(0.3, 0.3, 0.3),
    Color(0.6, 0.6, 0.6),
)
LABEL_SIZE = 9
TITLE_SIZE = 11
PLOT_HEIGHT = 48 * mm
LEGEND_ROW = 5 * mm


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]  # one per category


def stacked_bars(title: str, categories: Sequence[str], series: Sequence[Series]) -> Drawing:
    """A titled chart of stacked bars, `categories` along the bottom, counts upwards."""
    register_fonts()
    legend_rows = (len(series) + 1) // 2 if len(series) > 1 else 0
    height = PLOT_HEIGHT + 16 * mm + legend_rows * LEGEND_ROW
    drawing = Drawing(TEXT_WIDTH, height)
    # The renderer starts every drawing in Helvetica unless told: name ours.
    drawing.initialFontName, drawing.initialFontSize = FONT, LABEL_SIZE
    drawing.add(
        String(
            TEXT_WIDTH / 2,
            height - TITLE_SIZE,
            nfc(title),
            fontName=f"{FONT}-Bold",
            fontSize=TITLE_SIZE,
            textAnchor="middle",
        )
    )
    chart = _chart(categories, series, legend_rows * LEGEND_ROW + 8 * mm)
    drawing.add(chart)
    if legend_rows:
        drawing.add(_legend(series, chart))
    return drawing


def _chart(categories: Sequence[str], series: Sequence[Series], bottom: float) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, bottom
    chart.width, chart.height = TEXT_WIDTH - 16 * mm, PLOT_HEIGHT
    chart.data = [list(s.values) or [0] for s in series] or [[0] * len(categories)]
    chart.categoryAxis.categoryNames = [nfc(c) for c in categories]
    chart.categoryAxis.style = "stacked"
    chart.barWidth, chart.groupSpacing = 6, 8
    top = max([sum(values) for values in zip(*chart.data, strict=True)] or [0])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, _ceiling(top)
    chart.valueAxis.valueStep = _step(top)
    chart.valueAxis.labelTextFormat = "%d"
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = FONT, LABEL_SIZE
    if len(categories) > 12:  # a movement year's 13 months: "11/2025" must not touch
        chart.categoryAxis.labels.fontSize = LABEL_SIZE - 1
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = SHADES[index % len(SHADES)]
        chart.bars[index].strokeColor = black
        chart.bars[index].strokeWidth = 0.4
    return chart


def _legend(series: Sequence[Series], chart: VerticalBarChart) -> Legend:
    legend = Legend()
    legend.x, legend.y = 2 * mm, chart.y - 8 * mm
    legend.boxAnchor = "nw"
    legend.columnMaximum = (len(series) + 1) // 2
    legend.dx = legend.dy = 7
    legend.deltay = LEGEND_ROW
    legend.deltax = TEXT_WIDTH / 2
    legend.fontName, legend.fontSize = FONT, LABEL_SIZE
    legend.strokeColor = black
    legend.alignment = "right"
    legend.colorNamePairs = [(SHADES[i % len(SHADES)], nfc(s.name)) for i, s in enumerate(series)]
    return legend


def _step(top: int) -> int:
    """An integer step giving at most about six gridlines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return max(1, top // 6)


def _ceiling(top: int) -> int:
    step = _step(top)
    return max(step, -(-top // step) * step)
