"""Passages: what search returns, cut by the document model, with the headings above them.

A passage is a paragraph, a numbered item with the lines that go on from it, a table row, or a
footnote (`ingest.blocks`), with offsets into the NFC text so a hit can be shown highlighted
in its source. Files exported from PDF or Word wrap a sentence over several lines (with blank
lines between), so a passage runs over lines until one ends a sentence; one longer than
`max_chars` is cut at sentence ends inside it (or at the last space, for run-on table text).

Each passage carries its context: the headings it sits under and the items that introduce it
("2. Nhiệm vụ trọng tâm:" above "- Xây dựng cơ sở dữ liệu …"), and a table row its column
names ("Chủ trì: Sở Tài chính"), so that what a reader knows from the page around a sentence
is indexed with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import Block, read_blocks
from ingest.text import sentence_case

# A block that ends a sentence: ".", ";", ":", "!", "?", "./." possibly followed by a quote or
# bracket.
_SENTENCE_END = re.compile(r"[.;:!?][\"”')\]]*$")
# A sentence end inside a long paragraph: punctuation, spaces, then what may start a sentence.
_INNER_END = re.compile(r"[.;!?][\"”')\]]*\s+(?=[\w(\"“-])")

MIN_CHARS = 30
MAX_CHARS = 600
# Words of a heading or an introducing item kept in a passage's context.
_CONTEXT_WORDS = 24

# Table columns by the kind `ingest.blocks` gives them, as a reader would name them.
CELL_NAMES = {
    "content": "Nội dung",
    "lead": "Chủ trì",
    "coop": "Phối hợp",
    "period": "Thời gian",
    "leader": "Lãnh đạo chỉ đạo",
    "product": "Sản phẩm",
    "measure": "Đơn vị tính",
    "note": "Ghi chú",
}


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of a document's text that search can return.

    Attributes:
        start: Offset of its first character in the NFC text.
        end: Offset after its last character.
        text: The span with line breaks and runs of spaces made single spaces, and page
            numbers printed inside it left out.
        context: The headings and introducing items above it, outermost first, each cut to
            its first words (those inside the span itself left out).
        cells: For a table row, (column name, text) of its cells.
    """

    start: int
    end: int
    text: str
    context: tuple[str, ...] = ()
    cells: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    context: tuple[str, ...]
    cells: tuple[tuple[str, str], ...] = ()
    closed: bool = False  # ends a sentence, or is a table row: nothing more joins it


def _squash(text: str) -> str:
    return " ".join(text.split())


def _short(block: Block) -> str:
    """A heading or an introducing item in its first words, its numbering kept as written."""
    text = sentence_case(block.text)
    label = f"{block.label}. " if block.label and block.label not in "-–•*+" else ""
    cut = (label + text).split()
    return " ".join(cut[:_CONTEXT_WORDS]) + (" …" if len(cut) > _CONTEXT_WORDS else "")


def _above(items: list[tuple[float, str, int]], b: Block) -> list[tuple[float, str, int]]:
    """The items a block sits under.

    An item sits under the items of outer levels, anything else only under an item that
    introduces it ("Nhiệm vụ trọng tâm:").
    """
    if b.kind == "item" and b.level is not None:
        return [i for i in items if i[0] < b.level]
    return [i for i in items if i[1].endswith(":")]


Outline = list[tuple[int, tuple[str, ...]]]


def _units(text: str, blocks: tuple[Block, ...]) -> tuple[list[_Unit], Outline]:
    """Group blocks into units: an item or paragraph with its wrapped lines, a row, a note.

    Returns:
        The units, and the outline: (start, headings and items in force) of every block,
        headings inside a unit's own span included (for a heading, the ones above it).
    """
    units: list[_Unit] = []
    outline: Outline = []
    heads: list[tuple[float, str, int]] = []  # (level, words, start) of headings in force
    items: list[tuple[float, str, int]] = []  # introducing items in force, under those
    heading_at: int | None = None  # start of headings waiting for what they head
    for b in blocks:
        if b.kind == "furniture":
            continue
        if b.kind == "heading":
            level = b.level if b.level is not None else 0.0
            outline.append((b.start, tuple(w for lv, w, _ in heads if lv < level)))
            heads = [h for h in heads if h[0] < level] + [(level, _short(b), b.start)]
            items = []
            heading_at = b.start if heading_at is None else heading_at
            continue
        above = _above(items, b)
        outline.append((b.start, tuple(w for _, w, _ in (*heads, *above))))
        last = units[-1] if units else None
        wrapped = (
            b.kind == "paragraph" and heading_at is None and last is not None and not last.closed
        )
        if wrapped:
            last.end = b.end
        else:
            start = heading_at if heading_at is not None else b.start
            # Headings the unit's own span holds are not repeated as its context.
            own = tuple(w for _, w, at in (*heads, *above) if at < start)
            units.append(_Unit(start, b.end, own))
            heading_at = None
            last = units[-1]
        if b.kind == "table_row":
            last.cells = tuple((CELL_NAMES.get(k, k), v) for k, v in b.cells)
            last.closed = True
        elif b.kind == "footnote":
            last.closed = True
        else:
            last.closed = bool(_SENTENCE_END.search(text[b.start : b.end].rstrip()))
        if b.kind == "item" and b.level is not None:
            items = [i for i in items if i[0] < b.level] + [(b.level, _short(b), b.start)]
    if heading_at is not None:
        # Headings at the very end head nothing: they are a passage of their own.
        units.append(_Unit(heading_at, blocks[-1].end, (), closed=True))
    return units, outline


def _cut(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a long span at sentence ends (else at spaces) into pieces of at most `max_chars`."""
    if end - start <= max_chars:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    ends = [m.end() for m in _INNER_END.finditer(text, start, end)]
    begin = start
    while end - begin > max_chars:
        limit = begin + max_chars
        cut = max((e for e in ends if begin < e <= limit), default=None)
        if cut is None:
            space = text.rfind(" ", begin + max_chars // 2, limit)
            cut = space + 1 if space > 0 else limit
        pieces.append((begin, cut))
        begin = cut
    pieces.append((begin, end))
    return pieces


def split_passages(
    text: str, min_chars: int = MIN_CHARS, max_chars: int = MAX_CHARS
) -> list[Passage]:
    """Split an NFC text into passages (see `cut_text`)."""
    return cut_text(text, min_chars, max_chars)[0]


def cut_text(
    text: str, min_chars: int = MIN_CHARS, max_chars: int = MAX_CHARS
) -> tuple[list[Passage], Outline]:
    """Split an NFC text into passages, and say what is in force at each of its blocks.

    A passage shorter than `min_chars` (a signature line, a lone number) is joined to the next
    one, and a heading always travels with what it heads.

    Args:
        text: The NFC text of a document.
        min_chars: Passages shorter than this are joined to the next.
        max_chars: Longer ones are cut.

    Returns:
        The passages in order, non-overlapping, each with its offsets and context; and the
        outline, (start, context) of every block: a task found inside a passage sits under the
        headings of that passage too, which the passage's own context leaves out (they are in
        its span), so `bisect` it by the task's start.
    """
    blocks = read_blocks(text)
    if not blocks:
        return [], []
    page_numbers = [(b.start, b.end) for b in blocks if b.kind == "furniture"]
    units, outline = _units(text, blocks)
    pieces: list[tuple[int, int, _Unit]] = []
    for unit in units:
        spans = (
            [(unit.start, unit.end)] if unit.cells else _cut(text, unit.start, unit.end, max_chars)
        )
        pieces.extend((s, e, unit) for s, e in spans)
    merged: list[tuple[int, int, _Unit]] = []
    pending: tuple[int, _Unit] | None = None
    for start, end, unit in pieces:
        begin, first = (start, unit) if pending is None else pending
        if len(_squash(text[begin:end])) < min_chars:
            pending = (begin, first)
            continue
        merged.append((begin, end, unit if pending is None else first))
        pending = None
    if pending is not None:
        if merged:
            s, _, u = merged[-1]
            merged[-1] = (s, pieces[-1][1], u)
        else:
            merged.append((pending[0], pieces[-1][1], pending[1]))
    passages = []
    for start, end, unit in merged:
        start, end = _trim(text, start, end, page_numbers)
        if end > start:
            passages.append(
                Passage(
                    start,
                    end,
                    _words(text, start, end, page_numbers),
                    unit.context,
                    unit.cells if (start, end) == (unit.start, unit.end) else (),
                )
            )
    return passages, outline


def _trim(text: str, start: int, end: int, page_numbers: list[tuple[int, int]]) -> tuple[int, int]:
    """Trim a span's edges of what is not its text.

    Spaces, and a page number that a cut inside a long paragraph left at its start or end.
    """
    while start < end:
        body = text[start:end]
        start += len(body) - len(body.lstrip())
        end -= len(body) - len(body.rstrip())
        after = next((e for s, e in page_numbers if s == start and e <= end), None)
        before = next((s for s, e in page_numbers if e == end and s >= start), None)
        if after is not None:
            start = after
        elif before is not None:
            end = before
        else:
            break
    return start, end


def _words(text: str, start: int, end: int, page_numbers: list[tuple[int, int]]) -> str:
    """The span's text, squashed, without the page numbers printed inside it."""
    pieces, at = [], start
    for s, e in page_numbers:
        if start <= s and e <= end:
            pieces.append(text[at:s])
            at = e
    pieces.append(text[at:end])
    return _squash(" ".join(pieces))
