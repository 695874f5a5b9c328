"""The line layout of a document: lines with offsets, headings, page and footnote noise.

PDF and Word exports of Vietnamese administrative documents share a few habits this module
knows: blank lines between wrapped lines, a page's first line starting with one space, a
line of spaces before the footnotes at a page's foot, page numbers alone on a line, and
headings numbered "A.", "I.", "1.", "PHỤ LỤC I".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.text import fold

# "A. Nội dung nhiệm vụ", "II. Những nhiệm vụ trọng tâm", "1. Nhiệm vụ trọng tâm",
# "PHỤ LỤC I.", "1.2. Công tác ..." (folded text).
_LETTER_HEAD = re.compile(r"^([a-d])\.\s+\S")
_ROMAN_HEAD = re.compile(r"^((?:x{0,2})(?:ix|iv|v?i{0,3}))\.?\s+\S")
_ARABIC_HEAD = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_APPENDIX = re.compile(r"^phu\s?luc\s*((?:x{0,2})(?:ix|iv|v?i{0,3})|\d{1,2})?\b")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*-)?\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a document.

    Attributes:
        start: Offset of its first character in the NFC text.
        end: Offset after its last non-space character.
        text: The line without its line break and trailing spaces.
        folded: `fold(text)`, the same length.
        indent: The number of leading spaces (a page's first line in PDF exports has one).
        after_rule: True when a line of many spaces stands just before it: the rule that
            PDF exports print above a page's footnotes.
    """

    start: int
    end: int
    text: str
    folded: str
    indent: int
    after_rule: bool = False

    @property
    def stripped(self) -> str:
        """The text without leading spaces."""
        return self.text[self.indent :]

    @property
    def folded_stripped(self) -> str:
        """The folded text without leading spaces."""
        return self.folded[self.indent :]


def split_lines(text: str) -> list[Line]:
    """Split an NFC text into its non-blank lines, with offsets.

    Args:
        text: NFC text.

    Returns:
        The lines that hold any non-space character, in order.
    """
    lines: list[Line] = []
    pos = 0
    rule = False
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n").rstrip()
        stripped = body.lstrip(" \t\f")
        if stripped:
            indent = len(body) - len(stripped)
            lines.append(Line(pos, pos + len(body), body, fold(body), indent, rule))
            rule = False
        elif len(raw.rstrip("\r\n")) >= _RULE_WIDTH:
            rule = True
        pos += len(raw)
    return lines


# A line of at least this many spaces is the rule above a page's footnotes.
_RULE_WIDTH = 20


def mentions_within(mentions: Sequence, start: int, end: int, reach: int = 0) -> list:
    """The mentions that start before `end` and reach past `start`, in text order.

    `reach` is added to each mention's end. Found by bisection over the mentions' starts,
    so a long file's many lines each cost a logarithm of its mentions, not all of them.
    """
    ordered, starts, longest = _by_start(mentions)
    lo = bisect.bisect_left(starts, start - longest - reach)
    hi = bisect.bisect_left(starts, end)
    return [m for m in ordered[lo:hi] if m.end + reach > start]


_BY_START: list = [None, [], [], 0]  # the last mentions asked about, sorted, starts, longest


def _by_start(mentions: Sequence) -> tuple[list, list[int], int]:
    if _BY_START[0] is not mentions:
        ordered = sorted(mentions, key=lambda m: m.start)
        _BY_START[:] = [
            mentions,
            ordered,
            [m.start for m in ordered],
            max((m.end - m.start for m in ordered), default=0),
        ]
    return _BY_START[1], _BY_START[2], _BY_START[3]


def fold_without_references(text: str, start: int, end: int, mentions, tail: int) -> str:
    """Fold `text[start:end]` with each reference and the `tail` characters after it blanked.

    What is left says something of the text itself ("năm 2025", "tháng 8"), not of the
    documents it cites or their dates.

    Args:
        text: The document's text.
        start: Start of the span.
        end: End of the span.
        mentions: The document's mentions, in text order.
        tail: Characters after each mention blanked too.
    """
    chars = list(fold(text[start:end]))
    for m in mentions_within(mentions, start, end, tail):
        lo, hi = max(m.start, start), min(m.end + tail, end)
        for i in range(lo - start, max(lo, hi) - start):
            chars[i] = " "
    return "".join(chars)


def is_page_number(line: Line) -> bool:
    """Tell a page number alone on its line ("8", "- 3 -", "Trang 2")."""
    return bool(_PAGE_NUMBER.match(line.folded))


def heading_of(line: Line, loose: bool = False) -> tuple[str, str] | None:
    """Read a numbered heading: its kind and its label.

    Args:
        line: A line.
        loose: Also accept a roman or arabic number without its dot ("I Nghiên cứu"), as
            group rows and row numbers of tables are written.

    Returns:
        ("appendix", "PL I"), ("letter", "A"), ("roman", "II") or ("arabic", "1.2"); None when
        the line does not start with a heading number.
    """
    folded = line.folded_stripped
    m = _APPENDIX.match(folded)
    if m:
        label = (m.group(1) or "").upper()
        return "appendix", f"PL {label}".strip()
    m = _LETTER_HEAD.match(folded)
    if m and line.stripped[0].isupper():
        return "letter", m.group(1).upper()
    m = _ROMAN_HEAD.match(folded)
    if m and m.group(1) and line.stripped[: len(m.group(1))].isupper():
        if loose or folded[len(m.group(1)) : len(m.group(1)) + 1] == ".":
            return "roman", m.group(1).upper()
    m = _ARABIC_HEAD.match(folded)
    if m:
        after = line.stripped[m.end() - 1 :]
        dotted = folded[len(m.group(1)) : len(m.group(1)) + 1] == "."
        if loose or (dotted and after[:1].isupper()):
            return "arabic", m.group(1)
    return None


def footnote_lines(lines: list[Line]) -> set[int]:
    """Find the indexes of lines that are page-foot footnotes of a PDF export.

    A footnote block starts at a line "N text" right after the rule of spaces above the
    footnotes, and runs until the next page's first line, which starts with one space.

    Args:
        lines: The document's lines.

    Returns:
        Indexes into `lines`.
    """
    notes: set[int] = set()
    i = 0
    while i < len(lines):
        if not (lines[i].after_rule and _FOOTNOTE_START.match(lines[i].folded)):
            i += 1
            continue
        j = i
        while j < len(lines) and (j == i or lines[j].indent != 1):
            notes.add(j)
            j += 1
        i = j
    return notes


_FOOTNOTE_START = re.compile(r"^\d{1,2}\s+\S")
