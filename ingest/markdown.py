"""Render Markdown, as converters and web crawls write it, into the text the readers expect.

The later ingest steps read one block per line: a paragraph on one line, a table row on one
line with its cells joined by `TABLE_CELL_SEPARATOR` (the shape the .docx reader gives). This
module turns Markdown into that shape:

- emphasis markers (`**`, `__`, `*` around words), heading marks (`#`), backslash escapes,
  `<br>` and HTML entities are dropped, so `**I. NHIỆM VỤ**` reads as `I. NHIỆM VỤ`;
- a paragraph's hard-wrapped lines are joined with a space; a line that starts a list item
  (`-`, `+`, `•`, `1.`, `a)`, `I.`) starts a new paragraph, as in CommonMark;
- tables are read in both shapes crawls write: GFM rows (`| a | b |`, with `|---|` rules) and
  one cell per line between lone `|` lines, where two pipes in a row either close a row or
  stand for an empty cell. Rows of a table whose header names its columns are completed to the
  header's width (empty cells kept in place), so a row keeps its columns aligned.

A CommonMark parser is not used on purpose: crawled text breaks its flanking rules (`**` alone
on a line closes bold across a line break), and its tables are not GFM tables.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ingest.text import fold
from ingest.vocabulary import load_vocabulary

TABLE_CELL_SEPARATOR = " | "

_PIPE_LINE = re.compile(r"^\s*\|\s*$")
_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_LIST_START = re.compile(
    r"^\s*(?:[-+•–*]\s+\S|\d{1,2}(?:\.\d{1,2})*[.)]\s+\S|[a-zđ][)]\s+\S|"
    r"\(\d{1,2}\)\s+\S|[IVXLC]{1,6}\.\s+\S)"
)
_BARE_BULLET = re.compile(r"^[-+•–]$")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s*")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*|__")
# A single star that opens or closes emphasis: next to a word on one side only.
# A star standing alone after a word ("quyền địa phương; *") closed emphasis the crawl broke.
_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])|(?<=\s)\*(?!\S)")
_SPACES = re.compile(r"[ \t]+")
_WHOLLY_BOLD = re.compile(r"^\s*\*\*[^*]+\*\*\s*$")
# Words of a table header that names its columns (ingest/data/vocabulary.yaml).
_HEADER_WORDS = load_vocabulary().column_names
_ROW_LABEL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[A-ZĐ]\.?|[a-zđ]\)?)$")


@dataclass(frozen=True, slots=True)
class _Segment:
    cells: tuple[str, ...]
    gap: int  # whitespace-only cells (boundaries or empty cells) right before it


def render_markdown(source: str) -> str:
    """Render crawled Markdown as one block per line (see the module docstring).

    Args:
        source: The Markdown text.

    Returns:
        Plain text: paragraphs and table rows one per line, blocks separated by blank lines.
    """
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        # Runs of text between tables are paragraphs; a table region is read as rows.
        end = next((j for j in range(i, len(lines)) if _starts_table(lines[j])), len(lines))
        blocks.extend(_paragraphs(lines[i:end]))
        if end < len(lines):
            i = _table_end(lines, end)
            blocks.extend(_render_table(lines[end:i]))
        else:
            i = end
    blocks = [part for block in blocks for part in _GLUED_ARTICLE.split(block)]
    return "\n\n".join(_join_bare_markers(blocks)) + "\n"


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines of running text (no table) as paragraphs, hard wraps joined."""
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            text = _inline(" ".join(paragraph))
            if text:
                blocks.append(text)
            paragraph.clear()

    for line in lines:
        if not line.strip():
            flush()
        elif _HEADING_MARK.match(line) and line.lstrip().startswith("#"):
            flush()
            paragraph.append(_HEADING_MARK.sub("", line))
            flush()
        else:
            if paragraph and _starts_block(paragraph[-1], line):
                flush()
            paragraph.append(line.strip())
    flush()
    return blocks


# An article glued to the paragraph before it: "(Chi tiết tại Danh mục kèm theo) Điều 2. Giao
# Sở Tài chính …". An article always opens a paragraph; "tại khoản 1 Điều 2. " does not follow
# a sentence's end.
_GLUED_ARTICLE = re.compile(r"(?<=[.)])\s+(?=Điều\s+\d{1,3}\.\s+[A-ZĐ])")


def _join_bare_markers(blocks: list[str]) -> list[str]:
    """Join a block that is only an item number ("IV.", "1.", "a)") to the block after it."""
    out: list[str] = []
    pending = ""
    split: list[str] = []
    for block in blocks:
        # "… thực hiện Nghị quyết. 2." then "Giao …": the next item's number was glued to
        # the end of the block before it.
        trailing = _TRAILING_MARKER.match(block)
        split.extend(trailing.groups() if trailing else (block,))
    for block in split:
        if _BARE_MARKER.match(block):
            pending = f"{pending} {block}".strip()
            continue
        out.append(f"{pending} {block}" if pending else block)
        pending = ""
    if pending:
        out.append(pending)
    return out


_TRAILING_MARKER = re.compile(r"^(.*[.;:])\s+(\d{1,2}\.)$")
_BARE_MARKER = re.compile(
    r"^(?:(?:[IVXL]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]|(?:Điều|Chương|Mục|Phần)"
    r"(?:\s+[\dIVXL]+\.?)?)$"
)


def _starts_block(previous: str, line: str) -> bool:
    """Tell a line that starts a new paragraph from a hard wrap inside one.

    Crawls write some files with blank lines between paragraphs and others with none, so a
    break is read from the lines themselves: a list or heading number starts a block, so does
    a capitalised line after a sentence's end, or a lower-case line after an all-capitals
    title line.
    """
    current = _inline(line)
    before = _inline(previous)
    if _WHOLLY_BOLD.match(previous) != _WHOLLY_BOLD.match(line):
        return True  # a wholly bold line is a block of its own: a title, an authority line
    if not current or not before:
        return False
    if _LIST_START.match(current) or _BARE_BULLET.match(current):
        return True  # a bullet alone on its line ("-", then its text) starts an item too
    if before[-1] in ".;:!?" and current[0].isupper():
        return True
    return before.isupper() and not current.isupper() and len(before) > 3


def _starts_table(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2)


def _table_end(lines: list[str], start: int) -> int:
    """Index after a table region.

    It ends at a blank line after a line ending in a pipe, or at a pipe line after which no
    pipe comes for `_MAX_CELL_LINES` lines: crawls glue the body to a letterhead's last pipe.
    """
    i = start
    while i < len(lines):
        stripped = lines[i].strip()
        if _PIPE_LINE.match(lines[i]) and i > start and _far_from_pipe(lines, i + 1):
            return i + 1
        if not stripped:
            if i > start and lines[i - 1].strip().endswith("|"):
                return i
            # A blank line inside a cell: the table goes on only if a pipe line follows soon.
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or "|" not in lines[j]:
                return i
        i += 1
    return i


def _far_from_pipe(lines: list[str], start: int) -> bool:
    seen = 0
    for line in lines[start:]:
        if "|" in line:
            return False
        if line.strip():
            seen += 1
            if seen > _MAX_CELL_LINES:
                return True
        elif seen:
            return True
    return False


# More lines than this with no pipe: not a cell, the table has ended.
_MAX_CELL_LINES = 30


def _render_table(lines: list[str]) -> list[str]:
    """Rows of a table region, each as one line of cells (a signature row as its lines)."""
    tokens = "\n".join(lines).split("|")
    segments: list[_Segment] = []
    cells: list[str] = []
    gap = 0
    for raw in tokens[1:] if tokens and not tokens[0].strip() else tokens:
        if _RULE_CELL.match(raw):
            continue
        if _inline(raw):
            cells.append(raw)
            continue
        if cells:
            segments.extend(_split_segment(cells, gap))
            cells, gap = [], 0
        gap += 1
    if cells:
        segments.extend(_split_segment(cells, gap))
    out: list[str] = []
    for row in _rows(segments):
        if any(_is_signature_cell(cell) for cell in row):
            # Recipients and the signer's capacity lines keep their own lines, as the
            # signature reader reads a block line by line. A crawl of a letter puts its
            # whole body in a cell of that row, between "Kính gửi" and "Nơi nhận": the body
            # keeps its paragraphs and items, its hard-wrapped lines joined.
            for cell in row:
                if _is_signature_cell(cell):
                    out.extend(_signature_lines(cell))
                else:
                    out.extend(_paragraphs(cell.split("\n")))
        else:
            out.append(TABLE_CELL_SEPARATOR.join(_cell_text(cell) for cell in row))
    return out


def _cell_text(raw: str) -> str:
    return _inline(" ".join(raw.split()))


def _split_segment(cells: list[str], gap: int) -> list[_Segment]:
    """Cut a run of cells where an appendix title or a table header starts inside it."""
    out: list[_Segment] = []
    start = 0
    for k in range(1, len(cells)):
        folded = fold(_cell_text(cells[k])).lower()
        if (
            folded.startswith("phu luc")
            or (folded in ("stt", "tt") and _is_header([_cell_text(c) for c in cells[k:]]))
            # "…………" alone stands for rows left out: a row of its own, glued by the crawl to
            # the row after it.
            or _ELLIPSIS_CELL.match(_cell_text(cells[k - 1]))
        ):
            out.append(_Segment(tuple(cells[start:k]), gap if not out else 0))
            start = k
    out.append(_Segment(tuple(cells[start:]), gap if not out else 0))
    return out


def _signature_lines(raw: str) -> list[str]:
    """A signature cell's lines, a line wrapped inside a phrase ("Nơi" then "nhận:") joined.

    The signature reader reads the recipients and capacity lines one by one, so only a line
    that goes on in lower case joins the one before it.
    """
    lines: list[str] = []
    for text in map(_inline, raw.split("\n")):
        if text and lines and text[0].islower():
            lines[-1] = f"{lines[-1]} {text}"
        elif text:
            lines.append(text)
    return lines


_ELLIPSIS_CELL = re.compile(r"^[.…]{3,}$")


def _is_signature_cell(raw: str) -> bool:
    first = fold(_cell_text(raw)).lower()
    return first.startswith("noi nhan") or bool(_ON_BEHALF.match(_cell_text(raw)))


_ON_BEHALF = re.compile(r"^(?:KT|K/T|TM|T/M|TL|TUQ|Q)\s*\.\s*\S")


def _rows(segments: list[_Segment]) -> list[list[str]]:
    """Join segments into rows, completing rows of a table with a header to its width."""
    rows: list[list[str]] = []
    width: int | None = None
    for seg in segments:
        cells = list(seg.cells)
        texts = [_cell_text(c) for c in cells]
        if _is_header(texts):
            width = len(cells)
            rows.append(cells)
            continue
        row = rows[-1] if rows else None
        if (
            width is not None
            and row is not None
            and len(row) < width
            and not _ROW_LABEL.match(texts[0])
            and len(row) + seg.gap + len(cells) <= width
        ):
            row.extend([""] * seg.gap + cells)
            continue
        if width is not None and row is not None and len(row) < width:
            # The gap before a new row: its last whitespace cell was the row break, the
            # others were empty cells at the end of the previous row.
            row.extend([""] * min(max(seg.gap - 1, 0), width - len(row)))
        rows.append(cells)
    return rows


def _is_header(cells: list[str]) -> bool:
    if len(cells) < 3:
        return False
    folded = [fold(c).lower() for c in cells]
    named = sum(1 for c in folded if len(c) < 60 and any(w in c for w in _HEADER_WORDS))
    return named >= 2


def _inline(text: str) -> str:
    """Drop inline Markdown marks and collapse spaces."""
    text = _BREAK_TAG.sub(" ", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _BOLD.sub("", text)
    text = _STAR.sub("", text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()
