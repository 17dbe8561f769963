"""Small charts drawn with QPainter (stacked bars by category, part-of-whole rows), and what
each statistics chart shows of a `PeriodStats` (`show_cases`, `show_coverage`…).

QtCharts lives in PySide6-Addons, which the app does not ship (docs/decisions.md). Every bar
is a `stats_model.Figure`: hovering shows it, a click or Enter on the focused bar emits
`figure_chosen(figure)` so the page can open the records behind it. Texts are measured with
the widget's font metrics; a label too long for its place is elided and shown whole in a
tooltip. Geometry is worked out on resize and on new data (`relayout`), painting only reads it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desktop_app.i18n import tr
from desktop_app.services.stats_model import (
    CLASS_ORDER,
    UNCLASSIFIED,
    Figure,
    MonthCases,
    PeriodStats,
)
from ui.style import ACCENT, SIDEBAR

# Calm colours beside the style sheet's accent; red only where something is late.
PALETTE = ("#1f5f8b", "#48a9a6", "#d4a017", "#8e6cb0", "#5dade2", "#2e8b57")
LATE, DONE, NEUTRAL = "#b03a2e", "#2e8b57", "#95a5a6"
TEXT, MUTED, GRID, BORDER, TRACK = SIDEBAR, "#5d6d7e", "#e5e8eb", "#d5dbe1", "#d3dce5"
PAD = 10.0
SPARSE = 6  # up to this many columns, a zero is written above an empty column
AREA_ROWS = 15  # areas drawn at most (a hub's province has thousands)
SWATCH = 10.0
_LEFT = Qt.AlignmentFlag.AlignLeft


def color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


@dataclass(frozen=True)
class Series:
    name: str  # shown in the legend, already translated
    color: str


@dataclass(frozen=True)
class Column:
    """One category along the bottom; its figures stack bottom-up, one per series."""

    label: str  # "\n" starts a second line
    figures: tuple[Figure, ...]
    title: str = ""  # the category named in full in the tooltip ("Tháng 11/2025")
    colors: tuple[str, ...] = ()  # instead of the series' colours, one per figure


@dataclass(frozen=True)
class Part:
    """One row of a part-of-whole chart: households covered of the households of an area."""

    label: str
    part: Figure
    whole: Figure


@dataclass(frozen=True)
class Bar:
    """A drawn piece a click can choose."""

    rect: QRectF
    figure: Figure
    color: QColor
    where: str  # the category, for the tooltip
    track: bool = False  # a whole drawn under its part (PartChart)


@dataclass(frozen=True)
class Text:
    rect: QRectF
    full: str
    shown: str  # elided to fit `rect`
    align: Qt.AlignmentFlag
    color: str = MUTED


def value_text(figure: Figure) -> str:
    """A count with the locale's grouping, or a rate as a percentage ("—" when undefined)."""
    if figure.rate:
        return "—" if figure.value is None else percent(float(figure.value))
    return QLocale().toString(figure.count)


def percent(share: float) -> str:
    return QLocale().toString(share * 100, "f", 0) + " %"


def nice_scale(maximum: float, ticks: int = 4) -> tuple[int, int]:
    """(top, step): a round step (1, 2 or 5 × 10^k, at least 1) and the first tick ≥ maximum."""
    if maximum <= 0:
        return 1, 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if raw <= m * power)
    step = max(1, int(step))
    return math.ceil(maximum / step) * step, step


class Chart(QWidget):
    """The frame, title, legend, tooltips, hover, keyboard and clicks; subclasses `arrange`
    their bars and texts in the plot area and `draw` what is special to them."""

    figure_chosen = Signal(object)  # the Figure of the bar clicked or entered

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.title = ""
        self.empty_text = ""
        self.series: tuple[Series, ...] = ()
        self.show_legend = True
        self.bars: list[Bar] = []
        self.texts: list[Text] = []
        self.swatches: list[tuple[QRectF, QColor]] = []
        self.hovered = -1
        self.current = -1
        self.title_rect = QRectF()

    # --- what owners call ---

    def set_title(self, title: str, empty_text: str = "") -> None:
        self.title, self.empty_text = title, empty_text
        self.setAccessibleName(title)
        self.relayout()

    def has_data(self) -> bool:
        return bool(self.bars)

    def relayout(self) -> None:
        self.bars, self.texts, self.swatches = [], [], []
        self.hovered = -1
        area = QRectF(self.rect()).adjusted(PAD, PAD / 2, -PAD, -PAD / 2)
        area.setTop(self._place_title(area) + 4)
        if self.show_legend and len(self.series) > 1:
            area.setTop(self._place_legend(area) + 6)
        self.arrange(area)
        self.current = min(self.current, len(self.bars) - 1)
        self.updateGeometry()
        self.update()

    def arrange(self, area: QRectF) -> None:
        """Fill `self.bars` and `self.texts` inside `area` (the subclasses)."""

    def draw(self, painter: QPainter) -> None:
        """Paint under the bars: axes, grid, tracks (the subclasses)."""

    def tooltip(self, bar: Bar) -> str:
        figure = bar.figure
        lines = [bar.where] if bar.where else []
        lines.append(f"{tr(figure.label)}: {value_text(figure)}")
        if figure.ids:
            lines.append(tr("Nhấp hoặc nhấn Enter để xem danh sách hồ sơ."))
        elif figure.count and not figure.rate:
            lines.append(tr("Số liệu này không kèm danh sách hồ sơ."))
        return "\n".join(lines)

    # --- layout helpers ---

    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        return font

    def add_text(
        self, rect: QRectF, text: str, align: Qt.AlignmentFlag, color: str = MUTED
    ) -> None:
        shown = self.metrics().elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width(), 1))
        self.texts.append(Text(rect, text, shown, align, color))

    def _place_title(self, area: QRectF) -> float:
        height = QFontMetricsF(self.title_font()).height()
        self.title_rect = QRectF(area.left(), area.top(), area.width(), height)
        return area.top() + height

    def _place_legend(self, area: QRectF) -> float:
        fm = self.metrics()
        x, y, line = area.left(), area.top(), fm.height()
        for item in self.series:
            width = SWATCH + 5 + fm.horizontalAdvance(item.name)
            if x > area.left() and x + width > area.right():
                x, y = area.left(), y + line + 2
            box = QRectF(x, y + (line - SWATCH) / 2, SWATCH, SWATCH)
            self.swatches.append((box, QColor(item.color)))
            text = QRectF(x + SWATCH + 5, y, min(width, area.right() - x) - SWATCH - 5, line)
            self.add_text(text, item.name, Qt.AlignmentFlag.AlignLeft, TEXT)
            x += width + 14
        return y + line

    # --- painting ---

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(QColor(ACCENT if self.hasFocus() else BORDER), 1))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(frame, 6, 6)
        painter.setFont(self.title_font())
        painter.setPen(QColor(TEXT))
        title = QFontMetricsF(self.title_font()).elidedText(
            self.title, Qt.TextElideMode.ElideRight, self.title_rect.width()
        )
        painter.drawText(self.title_rect, Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(self.font())
        if not self.has_data():
            painter.setPen(QColor(MUTED))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        self.draw(painter)
        self._draw_bars(painter)
        for box, fill in self.swatches:
            painter.fillRect(box, fill)
        for text in self.texts:
            painter.setPen(QColor(text.color))
            painter.drawText(text.rect, text.align | Qt.AlignmentFlag.AlignVCenter, text.shown)

    def _draw_bars(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for index in self.paint_order():
            bar = self.bars[index]
            fill = bar.color.lighter(118) if index == self.hovered else bar.color
            painter.fillRect(bar.rect, fill)
        for index, style in ((self.hovered, Qt.PenStyle.SolidLine), (self.current, None)):
            if not 0 <= index < len(self.bars):
                continue
            if style is None:  # the keyboard's bar, only while the chart has the focus
                if not self.hasFocus():
                    continue
                style = Qt.PenStyle.DashLine
            painter.setPen(QPen(QColor(TEXT), 1.5, style))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.bars[index].rect.adjusted(-1.5, -1.5, 1.5, 1.5))

    def paint_order(self) -> list[int]:
        """The bars' indices in the order they are painted (later ones on top)."""
        return list(range(len(self.bars)))

    # --- interaction ---

    def bar_at(self, point: QPointF) -> int:
        return next((i for i, bar in enumerate(self.bars) if bar.rect.contains(point)), -1)

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.bars):
            self.current = index
            self.update()
            self.figure_chosen.emit(self.bars[index].figure)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, point: QPointF) -> str:
        index = self.bar_at(point)
        if index >= 0:
            return self.tooltip(self.bars[index])
        for text in self.texts:
            if text.shown != text.full and text.rect.contains(point):
                return text.full
        return self.title if self.title_rect.contains(point) else ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position())
        if index != self.hovered:
            self.hovered = index
            shape = Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
            self.setCursor(shape)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered = -1
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.choose(self.bar_at(event.position()))
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, count = event.key(), len(self.bars)
        moves = {
            Qt.Key.Key_Left: self.current - 1,
            Qt.Key.Key_Up: self.current - 1,
            Qt.Key.Key_Right: self.current + 1,
            Qt.Key.Key_Down: self.current + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: count - 1,
        }
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and count:
            self.choose(max(self.current, 0))
        elif key in moves and count:
            self._move_to(max(0, min(count - 1, moves[Qt.Key(key)])))
        else:
            super().keyPressEvent(event)

    def _move_to(self, index: int) -> None:
        self.current = index
        bar = self.bars[index]
        QToolTip.showText(self.mapToGlobal(bar.rect.topRight().toPoint()), self.tooltip(bar), self)
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.current < 0 and self.bars:
            self.current = 0
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)


class BarChart(Chart):
    """Columns of stacked bars over a round axis, each column's total above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column, ...] = ()
        self.ticks: list[tuple[float, str]] = []
        self.plot = QRectF()

    def set_data(
        self, columns: Sequence[Column], series: Sequence[Series], *, legend: bool = True
    ) -> None:
        self.columns, self.series, self.show_legend = tuple(columns), tuple(series), legend
        self.relayout()

    def has_data(self) -> bool:
        return any(f.count for c in self.columns for f in c.figures)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 200)

    def arrange(self, area: QRectF) -> None:
        self.ticks = []
        if not self.columns:
            return
        fm = self.metrics()
        lines = max(c.label.count("\n") + 1 for c in self.columns)
        top, step = nice_scale(max(sum(f.count for f in c.figures) for c in self.columns))
        axis = fm.horizontalAdvance(QLocale().toString(top)) + 8
        plot = QRectF(area.left() + axis, area.top() + fm.height() + 2, 0, 0)
        plot.setRight(area.right())
        plot.setBottom(area.bottom() - lines * fm.height() - 4)
        self.plot = plot
        for value in range(0, top + 1, step):
            y = plot.bottom() - value / top * plot.height()
            self.ticks.append((y, QLocale().toString(value)))
            label = QRectF(area.left(), y - fm.height() / 2, axis - 6, fm.height())
            self.add_text(label, QLocale().toString(value), Qt.AlignmentFlag.AlignRight)
        slot = plot.width() / len(self.columns)
        for index, column in enumerate(self.columns):
            self._arrange_column(index, column, slot, top)

    def _arrange_column(self, index: int, column: Column, slot: float, top: int) -> None:
        fm, plot = self.metrics(), self.plot
        left = plot.left() + index * slot
        width = min(slot * 0.62, 48.0)
        x, y = left + (slot - width) / 2, plot.bottom()
        where = column.title or column.label.replace("\n", " ")
        for order, figure in enumerate(column.figures):
            height = figure.count / top * plot.height()
            if height > 0:
                rect = QRectF(x, y - height, width, height)
                fill = column.colors[order] if order < len(column.colors) else self._color(order)
                self.bars.append(Bar(rect, figure, QColor(fill), where))
                y -= height
        total = sum(f.count for f in column.figures)
        if total or len(self.columns) <= SPARSE:  # no row of zeros along a year's empty months
            above = QRectF(left, y - fm.height() - 1, slot, fm.height())
            self.add_text(above, QLocale().toString(total), Qt.AlignmentFlag.AlignHCenter, TEXT)
        for line, text in enumerate(column.label.split("\n")):
            rect = QRectF(left + 1, plot.bottom() + 3 + line * fm.height(), slot - 2, fm.height())
            self.add_text(rect, text, Qt.AlignmentFlag.AlignHCenter)

    def _color(self, order: int) -> str:
        return self.series[order].color if order < len(self.series) else color(order)

    def draw(self, painter: QPainter) -> None:
        painter.setPen(QPen(QColor(GRID), 1))
        for y, _text in self.ticks[1:]:
            painter.drawLine(QPointF(self.plot.left(), y), QPointF(self.plot.right(), y))
        painter.setPen(QPen(QColor(MUTED), 1))
        base = self.plot.bottom()
        painter.drawLine(QPointF(self.plot.left(), base), QPointF(self.plot.right(), base))


class PartChart(Chart):
    """Rows of a part against its whole ("done vs due"): the whole as a light track, the part
    filled over it, "part/whole · rate" at the right. The track opens the whole's records."""

    ROW = 26.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[Part, ...] = ()
        self.note = ""

    def set_data(self, rows: Sequence[Part], part: Series, whole: Series, note: str = "") -> None:
        """`note` is written under the rows (which rows were left out)."""
        self.rows, self.series, self.note = tuple(rows), (part, whole), note
        self.relayout()

    def has_data(self) -> bool:
        return bool(self.rows)

    def row_height(self) -> float:
        return max(self.ROW, self.metrics().height() + 8)

    def minimumSizeHint(self) -> QSize:
        fm = self.metrics()
        head = QFontMetricsF(self.title_font()).height() + fm.height() + 20
        lines = max(len(self.rows) + bool(self.note), 2)
        return QSize(280, int(head + lines * self.row_height() + PAD))

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def arrange(self, area: QRectF) -> None:
        if not self.rows:
            return
        fm, row = self.metrics(), self.row_height()
        widest = max(fm.horizontalAdvance(r.label) for r in self.rows)
        label_width = min(widest + 8, area.width() / 3)
        value_width = max(fm.horizontalAdvance(self._value(r)) for r in self.rows) + 8
        left, right = area.left() + label_width, area.right() - value_width
        for index, item in enumerate(self.rows):
            top = area.top() + index * row
            self.add_text(QRectF(area.left(), top, label_width - 8, row), item.label, _LEFT, TEXT)
            self.add_text(QRectF(right + 8, top, value_width - 8, row), self._value(item), _LEFT)
            track = QRectF(left, top + 5, max(right - left, 1), row - 10)
            whole, part = item.whole.count, item.part.count
            fill = QRectF(track)
            fill.setWidth(track.width() * min(1.0, part / whole) if whole else 0)
            if fill.width() > 0:
                self.bars.append(Bar(fill, item.part, QColor(self.series[0].color), item.label))
            whole_color = QColor(self.series[1].color)
            self.bars.append(Bar(track, item.whole, whole_color, item.label, track=True))
        if self.note:
            below = QRectF(area.left(), area.top() + len(self.rows) * row, area.width(), row)
            self.add_text(below, self.note, _LEFT)

    def _value(self, item: Part) -> str:
        whole, part = item.whole.count, item.part.count
        text = f"{QLocale().toString(part)}/{QLocale().toString(whole)}"
        return f"{text} · {percent(part / whole)}" if whole else text

    def paint_order(self) -> list[int]:
        # Each row adds its fill, then its track: the fill is hit first, and painted last.
        return sorted(range(len(self.bars)), key=lambda i: not self.bars[i].track)


# --- what each statistics chart shows --------------------------------------------------------


def months_shown(stats: PeriodStats) -> list[int]:
    """Indices of the months that have begun by the day the figures are judged on."""
    months = [m.month for m in stats.cases.by_month]
    return [i for i, month in enumerate(months) if month <= stats.as_of]


def month_column(month: date, first: bool, figures: tuple[Figure, ...]) -> Column:
    year = str(month.year) if first or month.month == 1 else ""
    label = tr("T{month}", month=month.month) + "\n" + year
    title = tr("Tháng {month}/{year}", month=month.month, year=month.year)
    return Column(label, figures, title)


def show_coverage(chart: PartChart, stats: PeriodStats) -> None:
    """Every area of a commune; of a province's thousands, those least covered."""
    areas = list(stats.areas)
    note = ""
    if len(areas) > AREA_ROWS:
        areas = sorted(areas, key=lambda a: (a.rate is None, a.rate or 0.0))[:AREA_ROWS]
        note = tr(
            "{shown}/{total} thôn, tổ dân phố có tỷ lệ thấp nhất",
            shown=AREA_ROWS,
            total=len(stats.areas),
        )
    rows = [Part(a.area, a.covered, a.households) for a in areas]
    part, whole = Series(tr("Hộ tham gia tổ tự quản"), color(0)), Series(tr("Tổng số hộ"), TRACK)
    chart.set_data(rows, part, whole, note)


def show_cases(chart: BarChart, stats: PeriodStats) -> None:
    months: list[MonthCases] = [stats.cases.by_month[i] for i in months_shown(stats)]
    columns = [month_column(m.month, i == 0, m.by_class) for i, m in enumerate(months)]
    first = stats.cases.by_month[0].by_class if stats.cases.by_month else ()
    series = [
        Series(tr(f.label), NEUTRAL if code == UNCLASSIFIED else color(i))
        for i, (f, code) in enumerate(zip(first, CLASS_ORDER, strict=False))
    ]
    chart.set_data(columns, series)


def show_meetings(chart: BarChart, stats: PeriodStats) -> None:
    shown = months_shown(stats)
    by_month = [stats.meetings.by_month[i] for i in shown if i < len(stats.meetings.by_month)]
    columns = [month_column(m.month, i == 0, m.by_type) for i, m in enumerate(by_month)]
    series = [Series(tr(t.label), color(i)) for i, t in enumerate(stats.meetings.types)]
    chart.set_data(columns, series)


def show_attendance(chart: BarChart, stats: PeriodStats) -> None:
    present, absent = stats.meetings.present, stats.meetings.absent
    shown = months_shown(stats)
    columns = []
    for i, month in enumerate(m for j, m in enumerate(stats.meetings.by_month) if j in shown):
        ids = tuple(sorted({record for f in month.by_type for record in f.ids}))
        figures = (
            Figure(present.label, month.present, "meeting", ids),
            Figure(absent.label, month.absent, "meeting", ids),
        )
        columns.append(month_column(month.month, i == 0, figures))
    series = [Series(tr(present.label), color(1)), Series(tr(absent.label), LATE)]
    chart.set_data(columns, series)


def show_contacts(chart: BarChart, stats: PeriodStats) -> None:
    c = stats.cases
    columns = [
        Column(tr("Đến hạn"), (c.contacts_due,), colors=(NEUTRAL,)),
        Column(tr("Đúng hạn"), (c.contacts_on_time,), colors=(DONE,)),
        Column(tr("Đã thực hiện"), (c.contacts_done,), colors=(color(0),)),
    ]
    chart.set_data(columns, [Series("", color(0))], legend=False)


def show_opinions(chart: BarChart, stats: PeriodStats) -> None:
    o = stats.opinions
    columns = [
        Column(tr("Đã nêu"), (o.raised,), colors=(color(0),)),
        Column(tr("Đã trả lời"), (o.answered,), colors=(DONE,)),
        Column(tr("Chưa trả lời"), (o.pending,), colors=(color(2),)),
        Column(tr("Quá hạn"), (o.overdue,), colors=(LATE,)),
    ]
    chart.set_data(columns, [Series("", color(0))], legend=False)
