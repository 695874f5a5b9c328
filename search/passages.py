"""Passages: the sentences and paragraphs search returns, with offsets into the text.

PDF and Word exports wrap a sentence over several lines (with blank lines between), so a
passage runs over lines until one ends a sentence; a paragraph longer than `max_chars` is cut
at sentence ends inside it (or at the last space, for run-on table text). Offsets are into the
NFC text, so a hit can be shown highlighted in its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.layout import Line, heading_of, is_page_number, split_lines

# A line that ends a sentence: ".", ";", ":", "!", "?", "./." possibly followed by a quote or
# bracket.
_SENTENCE_END = re.compile(r"[.;:!?][\"”')\]]*$")
# A sentence end inside a long paragraph: punctuation, spaces, then what may start a sentence.
_INNER_END = re.compile(r"[.;!?][\"”')\]]*\s+(?=[\w(\"“-])")

MIN_CHARS = 30
MAX_CHARS = 600


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of a document's text that search can return.

    Attributes:
        start: Offset of its first character in the NFC text.
        end: Offset after its last character.
        text: The span with line breaks and runs of spaces made single spaces, and page
            numbers printed inside it left out.
    """

    start: int
    end: int
    text: str


def _squash(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(lines: list[Line]) -> list[tuple[int, int]]:
    """Spans of runs of lines that end at a sentence end or before a heading."""
    spans: list[tuple[int, int]] = []
    first: Line | None = None
    last: Line | None = None
    for line in lines:
        if is_page_number(line):
            continue
        if first is not None and heading_of(line) is not None:
            spans.append((first.start, last.end))
            first = None
        if first is None:
            first = line
        last = line
        if _SENTENCE_END.search(line.text):
            spans.append((first.start, last.end))
            first = None
    if first is not None:
        spans.append((first.start, last.end))
    return spans


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
    """Split an NFC text into passages.

    A passage shorter than `min_chars` (a heading, a signature line) is joined to the next one
    so that a heading travels with what it heads.

    Args:
        text: The NFC text of a document.
        min_chars: Passages shorter than this are joined to the next.
        max_chars: Longer paragraphs are cut.

    Returns:
        The passages in order, non-overlapping, each with its offsets.
    """
    lines = split_lines(text)
    page_numbers = [(ln.start, ln.end) for ln in lines if is_page_number(ln)]
    spans: list[tuple[int, int]] = []
    for start, end in _paragraphs(lines):
        spans.extend(_cut(text, start, end, max_chars))
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in spans:
        begin = start if pending is None else pending
        if len(_squash(text[begin:end])) < min_chars:
            pending = begin
            continue
        merged.append((begin, end))
        pending = None
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], spans[-1][1])
        else:
            merged.append((pending, spans[-1][1]))
    passages = []
    for start, end in merged:
        start, end = _trim(text, start, end, page_numbers)
        if end > start:
            passages.append(Passage(start, end, _words(text, start, end, page_numbers)))
    return passages


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
