"""Ruled tables of a PDF's text layer, read cell by cell from their positions.

A PDF's text layer has no tables: a work programme's rows come out of a plain text
extraction as lines where the task, the lead unit and the deadline of a row interleave, and a
cell that wraps runs into its neighbours. Where a page draws its table with rules (as Word and
LibreOffice export them), pdfplumber finds the cells from the rules and the words inside each
cell from their positions. Such a page is then written as its text above the table, the rows
as "a | b | c" lines (the shape the .docx reader gives), and its text below; a page without
ruled tables keeps the plain extraction.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber

# A table needs a header and a row, and two columns, to be read as one.
_MIN_ROWS = 2
_MIN_COLUMNS = 2
# pdfplumber reads every character's position: beyond this many ruled pages the plain
# extraction is kept (tables in a thousand-page gazette are not worth many minutes).
MAX_TABLE_PAGES = 300


# A path drawn: "x y w h re" (a rectangle) or "x y l" (a line segment). A page drawing
# fewer than a table's few rules is not looked at again.
_RULE = re.compile(rb"(?:-?[\d.]+\s+){4}re\b|(?:-?[\d.]+\s+){2}l\b")
_MIN_RULES = 4


def has_rules(content: bytes) -> bool:
    """Whether a page's content stream draws enough rules to hold a table."""
    found = 0
    for _rule in _RULE.finditer(content):
        found += 1
        if found >= _MIN_RULES:
            return True
    return False


def pages_with_tables(name: str, candidates: list[int]) -> dict[int, str]:
    """The text of each page that holds a ruled table, its rows written cell by cell.

    Args:
        name: The PDF file.
        candidates: Indexes of the pages that draw rules (`has_rules`); only they are read.

    Returns:
        Page index → the page's text; pages without a ruled table are left out. A file
        pdfplumber cannot read gives {} (the plain extraction stands).
    """
    if not candidates or len(candidates) > MAX_TABLE_PAGES:
        return {}
    out: dict[int, str] = {}
    try:
        with (
            quiet_logger("pdfminer"),
            pdfplumber.open(name, pages=[n + 1 for n in candidates]) as pdf,
        ):
            for n, page in zip(candidates, pdf.pages, strict=True):
                text = _page_text(page)
                if text is not None:
                    out[n] = text
    except Exception:  # pdfminer raises many kinds on damaged files; pypdf's text stands
        return {}
    return out


def _page_text(page) -> str | None:
    tables = [
        t
        for t in page.find_tables()
        if len(t.rows) >= _MIN_ROWS
        and max((len(r.cells) for r in t.rows), default=0) >= _MIN_COLUMNS
    ]
    if not tables:
        return None
    tables.sort(key=lambda t: t.bbox[1])
    parts: list[str] = []
    top = 0.0
    for table in tables:
        _x0, table_top, _x1, table_bottom = table.bbox
        parts.append(_band(page, top, table_top))
        parts.extend(_row_lines(table.extract()))
        top = table_bottom
    parts.append(_band(page, top, page.height))
    return "\n".join(p for p in parts if p.strip())


def _band(page, top: float, bottom: float) -> str:
    """The text of the page between two heights, across its width."""
    if bottom - top < 1:
        return ""
    band = page.crop((0, max(0.0, top), page.width, min(page.height, bottom)))
    return band.extract_text() or ""


def _row_lines(rows: list[list[str | None]]) -> Iterator[str]:
    """Rows as "a | b | c" lines; a cell merged with the one above repeats its text.

    pdfplumber gives None for the cells a merged cell covers. In the columns before a row's
    first own cell (the STT and task columns a group of rows shares) the cell is merged with
    the one above, whose text carries down as the .docx and HTML readers carry it; a None
    further right is a cell merged with its left neighbour, and stays empty.
    """
    above: list[str] = []
    for row in rows:
        cells = [" ".join((c or "").split()) for c in row]
        if not any(cells):
            continue
        if len(above) == len(cells):
            first_own = next((k for k, c in enumerate(row) if c is not None), len(row))
            for k in range(first_own):
                cells[k] = above[k]
        above = cells
        yield " | ".join(cells)


@contextmanager
def quiet_logger(name: str) -> Iterator[None]:
    """Hold back a PDF library's warnings about damaged files while it reads.

    Without logging configured they reach stderr, where the CLI promises one line; a file
    that cannot be read becomes chidao's own error with the cause instead.
    """
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
