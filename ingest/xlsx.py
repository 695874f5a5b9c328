"""Excel workbooks (.xlsx) as text: each sheet a table, each row one "a | b | c" line.

A department keeps its work programme in Excel as often as in Word: a header row naming the
columns ("Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"), then one task a row.
Rows are written as the .docx and PDF readers write table rows, so the table reader maps the
columns by their header words and reads the tasks the same way whatever the format.

A cell merged down over several rows (the leader or the lead unit of a group of tasks) gives
its value to every row it covers; a cell merged across columns (a title row) stays one cell.
Dates are written dd/mm/yyyy, as documents write them, so due dates read as in text.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator

from ingest.errors import CorruptFile, FileTooLarge

# A workbook is a zip of XML: limits checked before parsing (a small file can expand hugely).
MAX_XLSX_EXPANDED = 200 * 1024 * 1024
MAX_XLSX_ENTRIES = 5000
# More cells than a work programme ever has; beyond it the sheet is a data dump, not a text.
MAX_XLSX_CELLS = 2_000_000
CELL_SEPARATOR = " | "


def render_xlsx(name: str) -> str:
    """The text of every sheet of a workbook, sheets separated by a blank line.

    Raises:
        FileTooLarge: The package expands past the limits, or holds too many cells.
        CorruptFile: The file is not a workbook openpyxl can read (or is password-protected).
    """
    _check_package(name)
    import openpyxl  # imported here: only workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(name, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptFile(
            name, f"corrupt, password-protected or unreadable .xlsx ({exc.__class__.__name__})"
        ) from exc
    sheets = [ws for ws in book.worksheets if ws.max_row and ws.max_column]
    cells = sum(ws.max_row * ws.max_column for ws in sheets)
    if cells > MAX_XLSX_CELLS:
        raise FileTooLarge(name, f".xlsx holds {cells} cells, over {MAX_XLSX_CELLS}")
    parts = []
    for ws in sheets:
        lines = list(_sheet_lines(ws))
        if lines and len(sheets) > 1:
            lines.insert(0, ws.title)  # several sheets: each under its name
        parts.append("\n".join(lines))
    return "\n\n".join(p for p in parts if p)


def _check_package(name: str) -> None:
    try:
        with zipfile.ZipFile(name) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: openpyxl says so below
    if len(entries) > MAX_XLSX_ENTRIES:
        raise FileTooLarge(name, f".xlsx holds {len(entries)} parts, over {MAX_XLSX_ENTRIES}")
    expanded = sum(e.file_size for e in entries)
    if expanded > MAX_XLSX_EXPANDED:
        raise FileTooLarge(
            name, f".xlsx expands to {expanded // 2**20} MB, over {MAX_XLSX_EXPANDED // 2**20} MB"
        )


def cell_text(value: object) -> str:
    """A cell's value as a document would write it: 1 not 1.0, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _sheet_lines(ws) -> Iterator[str]:
    grid = [[cell_text(c) for c in row] for row in ws.iter_rows(values_only=True)]
    titles = set()  # rows that are one cell merged across the columns
    for merged in ws.merged_cells.ranges:
        if merged.max_row == merged.min_row:
            titles.add(merged.min_row - 1)
            continue
        top = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row):
            grid[r][merged.min_col - 1] = top
    # Columns empty in every row (the sheet's unused width) are left out.
    width = max((k + 1 for row in grid for k, c in enumerate(row) if c), default=0)
    for n, row in enumerate(grid):
        cells = row[:width]
        filled = [c for c in cells if c]
        if n in titles and len(filled) == 1:
            yield filled[0]
        elif filled:
            yield CELL_SEPARATOR.join(cells)
