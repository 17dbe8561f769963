"""What every exported workbook shares: the look of a header row, ruled cells, saving."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from desktop_app.errors import ValidationError
from desktop_app.i18n import tr

_THIN = Side(style="thin", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_header(sheet: Any, row: int, columns: Sequence[tuple[str, float]]) -> None:
    """Bold, shaded, ruled header cells at `row`; each column set to its width (characters)."""
    for col, (text, width) in enumerate(columns, start=1):
        cell = sheet.cell(row, col, text)
        cell.font = Font(bold=True)
        cell.fill, cell.border = HEADER_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width


def save_workbook(book: Any, path: Path) -> None:
    try:
        book.save(path)
    except OSError as error:
        raise ValidationError(
            tr("Không ghi được tệp '{file}': {reason}.", file=str(path), reason=error.strerror)
        ) from error
