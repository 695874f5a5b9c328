"""The document model: a document's text as typed blocks, the same whatever its format.

Every reader (plain text, Markdown, HTML, Word, PDF) gives NFC text in which a heading, a
list item, a paragraph or a table row stands on lines of its own, with Word's list numbers
and Markdown's emphasis already turned into text. `read_blocks` types those lines: headings
and items with their numbering and level, paragraphs, table rows with their cells, footnotes
and page furniture (page numbers), each with offsets into the text. So "**I. NHIỆM VỤ**" in
Markdown, "I. NHIỆM VỤ" in a text file and a Word heading numbered automatically are one
block: a heading "I", level 0.

Levels, outermost first: a chapter or part -1, "I." 0, "Điều 3." 0.5, "1." 1 ("1.2." 2,
"1.2.3." 3), "a)" 3, "(1)" 4, "-" 5, "+" 6; a paragraph has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.layout import Line, footnote_lines, heading_of, is_page_number, split_lines
from ingest.tables import find_tables, split_cells

# Item numbering as written: "I.", "1.", "1.2.", "a)", "(1)", "-", "+", "Điều 3.".
_ROMAN = re.compile(r"^([IVXL]{1,6})\.\s+(?=\S)")
# "1.", "1.2.", "1)" and a dotted label without its last dot ("2.1.3 Hoàn thiện").
_ARABIC = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?!\.?\d)(?:[.)]\s*|\s+)(?=\S)")
_LETTER = re.compile(r"^([a-zđ])[).]\s+(?=\S)")
_PAREN = re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*(?=\S)")
_BULLET = re.compile(r"^([-–•*+])\s*(?=\S)")
_ARTICLE = re.compile(r"^(Điều\s+\d{1,3})\s*[.:]\s*")
_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG|Mục|MỤC|PHẦN|Phần)\s+[IVXL\d]+\b")

LETTER_LEVEL = 3.0
BLOCK_KINDS = ("heading", "item", "paragraph", "table_row", "footnote", "furniture")


@dataclass(frozen=True, slots=True)
class Numbering:
    """The numbering that opens a line.

    Attributes:
        level: Its level (see the module's docstring).
        label: As written, without its punctuation: "I", "1.2", "a", "(1)" → "1", "-".
        length: Characters the numbering takes, its spaces included.
    """

    level: float
    label: str
    length: int


def numbering_of(text: str) -> Numbering | None:
    """The numbering a line opens with, or None for a line without one.

    Args:
        text: The line, without its leading spaces.
    """
    for pattern, level in (
        (_ARTICLE, 0.5),
        (_ROMAN, 0.0),
        (_ARABIC, 1.0),
        (_LETTER, LETTER_LEVEL),
        (_PAREN, 4.0),
        (_BULLET, 5.0),
    ):
        m = pattern.match(text)
        if not m:
            continue
        label = m.group(1)
        if pattern is _ARABIC and text[m.end(1) : m.end(1) + 1].isspace() and "." not in label:
            continue  # "1 Sở Tài chính": a bare number is not a numbering; "2.1.3 Nội dung" is
        if pattern is _ARABIC:
            level += label.count(".")
        if pattern is _BULLET and label == "+":
            level = 6.0
        return Numbering(level, label, m.end())
    if _CHAPTER.match(text):
        words = text.split()
        return Numbering(-1.0, f"{words[0]} {words[1]}", 0)
    return None


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a document.

    Attributes:
        kind: One of `BLOCK_KINDS`.
        start: Offset of its first character in the NFC text.
        end: Offset after its last character.
        text: Its text after its numbering, lines of a table row joined by spaces.
        label: Its numbering as written ("II", "1.2", "a", "-"), "" when it has none.
        level: Its level (see the module's docstring); None for a paragraph, a table row,
            a footnote or furniture.
        cells: For a table row, (column kind, text) of each cell: "content", "lead", "coop",
            "period", "leader", "product".
        group: For a table row, the label of the group row above it ("I"), if any.
    """

    kind: str
    start: int
    end: int
    text: str
    label: str = ""
    level: float | None = None
    cells: tuple[tuple[str, str], ...] = ()
    group: str | None = None


def read_blocks(text: str) -> tuple[Block, ...]:
    """Type the lines of a document's text as blocks, in text order.

    Args:
        text: The NFC text a reader gave (`Document.text`).

    Returns:
        The blocks; they do not overlap, and `text[b.start:b.end]` holds each one.
    """
    lines = split_lines(text)
    notes = footnote_lines(lines)
    rows: dict[int, Block] = {}
    in_table: set[int] = set()
    index = {line.start: i for i, line in enumerate(lines)}
    for table in find_tables(lines, notes):
        in_table.update(range(table.first, table.last))
        for row in table.rows:
            if row.lines and row.lines[0].start in index:
                rows[index[row.lines[0].start]] = _row_block(text, row, table)
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        if i in rows:
            blocks.append(rows[i])
        elif i in in_table:
            continue  # a header, a group row or a row's later line: held by its row
        elif i in notes:
            blocks.append(Block("footnote", line.start + line.indent, line.end, line.stripped))
        elif is_page_number(line):
            blocks.append(Block("furniture", line.start + line.indent, line.end, line.stripped))
        else:
            blocks.append(_line_block(line))
    return tuple(blocks)


def _line_block(line: Line) -> Block:
    start = line.start + line.indent
    found = numbering_of(line.stripped)
    if found is None:
        return Block("paragraph", start, line.end, line.stripped)
    rest = line.stripped[found.length :]
    # A heading names a section: short, no full stop. "3. Tuân thủ nguyên tắc …." is an item.
    short = len(rest.split()) <= 20 and not rest.rstrip().endswith((".", ";"))
    kind = "heading" if found.level < 1.0 or (short and heading_of(line)) else "item"
    return Block(kind, start, line.end, rest, found.label, found.level)


def _row_block(text: str, row, table) -> Block:
    cells = split_cells(row, table.columns, table.piped)
    fields = [("content", " ".join(" ".join(text[s:e].split()) for s, e in cells.content))]
    for kind in ("lead", "coop", "period", "leader", "product"):
        parts = getattr(cells, kind)
        if parts:
            fields.append((kind, " ".join(" ".join(parts).split())))
    start = row.lines[0].start + row.lines[0].indent
    end = row.lines[-1].end
    return Block(
        "table_row",
        start,
        end,
        " ".join(" ".join(ln.stripped for ln in row.lines).split()),
        row.number,
        None,
        tuple(f for f in fields if f[1]),
        row.group,
    )
