"""Make a matching view of a document's text, with a map back to the original offsets.

The public offsets of chidao point into the file's text after decoding and NFC. Matching
is easier on a view without Word footnote markers, page-number lines and line wrapping, so
this module builds that view and a `SpanMap` from it back to the NFC text.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.models import Document, RawDocument, SpanMap

# What the matching view drops or shrinks, in the order the alternatives are tried:
#   [footnoteRef:3]           Word's inline footnote reference      -> dropped
#   [3:  Công văn số 43/...]  the opening of Word's inline footnote -> a space
#   \n   12  \n               a line holding only a page number     -> dropped
#   \n  \n \n                 a whitespace run with a line break    -> one "\n"
#   "  \t "                   any other whitespace run              -> one " "
# Single spaces are left alone so that ordinary prose stays one copied segment.
_NOISE = re.compile(
    r"(?P<ref>\[footnoteRef:\d+\])"
    r"|(?P<note>\[\d+:\s)"
    r"|(?P<page>\n[ \t]*(?:-\s?)?(?:[Tt]rang\s)?\d{1,3}(?:\s?-)?[ \t]*(?=\n)|\f)"
    r"|(?P<ws>\s{2,}|(?! )\s)"
)


def normalize_text(text: str) -> str:
    """Return `text` in Unicode NFC, the form all chidao offsets refer to.

    Args:
        text: Decoded text in any normal form.

    Returns:
        The NFC text.
    """
    return unicodedata.normalize("NFC", text)


def clean_document(raw: RawDocument) -> Document:
    """Normalise a raw document to NFC and build its matching view.

    Args:
        raw: The decoded file.

    Returns:
        A `Document` whose `text` is NFC and whose `clean` view maps back to it.
    """
    text = normalize_text(raw.source_text)
    clean, span_map = build_clean_view(text)
    return Document(
        path=raw.path,
        text=text,
        clean=clean,
        span_map=span_map,
        encoding=raw.encoding,
        format=raw.format,
        ocr_pages=raw.ocr_pages,
    )


def build_clean_view(text: str) -> tuple[str, SpanMap]:
    """Build the matching view of an NFC text.

    Args:
        text: NFC text.

    Returns:
        The view and the map from its offsets to offsets in `text`.
    """
    parts: list[str] = []
    clean_starts: list[int] = []
    text_starts: list[int] = []
    copied: list[bool] = []
    pos = 0  # next unread index of `text`
    size = 0  # length of the view so far

    def emit(piece: str, at: int, verbatim: bool) -> None:
        nonlocal size
        if not piece:
            return
        parts.append(piece)
        clean_starts.append(size)
        text_starts.append(at)
        copied.append(verbatim)
        size += len(piece)

    for match in _NOISE.finditer(text):
        if match.start() > pos:
            emit(text[pos : match.start()], pos, True)
        kind = match.lastgroup
        span = match.group()
        if kind == "ws":
            replacement = "\n" if "\n" in span else " "
            # A single space stays a copy, so the common case keeps one segment.
            emit(replacement, match.start(), span == replacement)
        elif kind == "note":
            emit(" ", match.start(), False)
        pos = match.end()
    if pos < len(text):
        emit(text[pos:], pos, True)
    return "".join(parts), SpanMap(tuple(clean_starts), tuple(text_starts), tuple(copied))
