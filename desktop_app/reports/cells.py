"""Register table cells as plain strings, printed exactly as the Paragraphs they replace.

A Paragraph cell parses markup, breaks lines and draws word by word; a plain string is drawn
by the table itself, a line per call. Given the lines a Paragraph would make (the text's own,
or where it would break a line too long for the column), both put the same glyphs at the same
place: same font, size and leading (set on the table by `column_commands`), same x for LEFT,
CENTER and RIGHT, and the same first baseline in a MIDDLE-aligned cell (ReportLab starts both
`fontSize` below the top of the text). Text where that is not certain stays a Paragraph.
tests/test_pdf_speedups.py renders both and compares the pixels, and checks the line breaks
against ReportLab's own. Measured on the minutes' 32-row attendance sheet: docs/performance.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

# Left and right padding of every register cell, in points (decree30._GRID).
PADDING = 3
# A line must fit with this much room to spare (points): where a Paragraph would break a line
# that measures within rounding of the width, the cell stays a Paragraph.
_SLACK = 0.01
_ALIGN = {TA_LEFT: "LEFT", TA_JUSTIFY: "LEFT", TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}
# What a Paragraph would not print as given: whitespace it collapses or may break at (all but
# single spaces between words, and the no-break space that keeps an empty line), the soft
# hyphen, and an empty line. "<" and "&" are fine: a Paragraph gets them escaped.
_NOT_PLAIN = re.compile(r"[^\S \u00a0]|\u200b|\u00ad|  |^ | $|^$")
# Style settings that make a Paragraph place or break its lines otherwise (none of ours).
_PARAGRAPH_ONLY = (
    "leftIndent",
    "rightIndent",
    "firstLineIndent",
    "wordWrap",
    "hyphenationLang",
    "embeddedHyphenation",
    "uriWasteReduce",
    "backColor",
)


def as_plain(text: str, style: ParagraphStyle, column_width: float) -> str | None:
    """`text` (NFC, unescaped) as a plain string that prints as a Paragraph of `style` would
    in a column `column_width` points wide: as it stands when every line fits, or broken where
    the Paragraph would break it (one line of text too long for the column). None where only a
    Paragraph will do: whitespace it treats its own way, a word wider than the column (split
    inside), a line within rounding of the width, an indent, justified lines, hyphenation."""
    if any(getattr(style, name, None) for name in _PARAGRAPH_ONLY):
        return None
    lines = text.split("\n")
    if any(_NOT_PLAIN.search(line) for line in lines):
        return None
    room = column_width - 2 * PADDING
    widths = [pdfmetrics.stringWidth(line, style.fontName, style.fontSize) for line in lines]
    if all(width <= room - _SLACK for width in widths):
        return text
    if len(lines) > 1 or style.alignment == TA_JUSTIFY:
        return None  # several lines (frags of a <br/>) break in another ReportLab routine
    return _broken(text, style, room)


def _broken(line: str, style: ParagraphStyle, room: float) -> str | None:
    """`line` broken as Paragraph.breakLines breaks one run of text in one font: greedily,
    a word joining the line while the line fits, where "fits" allows the line's spaces to
    shrink by `spaceShrinkage`. A line that fits only by shrinking would be drawn with
    narrower spaces: None then, as for a word wider than the column."""
    font, size = style.fontName, style.fontSize
    space = pdfmetrics.stringWidth(" ", font, size)
    shrink = style.spaceShrinkage * space
    lines: list[str] = []
    words: list[str] = []
    width = 0.0
    for word in line.split(" "):
        word_width = pdfmetrics.stringWidth(word, font, size)
        if word_width > room - _SLACK:
            return None
        wider = width + space + word_width if words else word_width
        if wider <= room - _SLACK:
            words.append(word)
            width = wider
        elif wider > room + shrink * len(words) + _SLACK:
            lines.append(" ".join(words))
            words, width = [word], word_width
        else:
            return None
    return "\n".join([*lines, " ".join(words)])


def column_commands(cell_styles: Sequence[ParagraphStyle]) -> list[tuple[Any, ...]]:
    """TableStyle commands giving each column's plain cells its Paragraph style's font, size,
    leading, alignment and colour (Paragraph cells, as wide as the column, ignore all but the
    font). A table applies each command to each of its cells, so columns alike share one and
    a table's defaults (left, black) get none."""
    values: dict[str, list[tuple[Any, ...]]] = {
        "FONT": [(s.fontName, s.fontSize, s.leading) for s in cell_styles],
        "ALIGN": [(_ALIGN[s.alignment],) for s in cell_styles],
        "TEXTCOLOR": [(s.textColor,) for s in cell_styles],
    }
    defaults = {("LEFT",), (black,)}
    commands: list[tuple[Any, ...]] = []
    for name, by_column in values.items():
        first = 0
        for column in range(1, len(by_column) + 1):
            if column < len(by_column) and by_column[column] == by_column[first]:
                continue
            if by_column[first] not in defaults:
                commands.append((name, (first, 0), (column - 1, -1), *by_column[first]))
            first = column
    return commands
