"""Render an HTML page (a portal's copy of a document) as text, one block per line.

Government portals publish documents as HTML: the letterhead in a table, paragraphs as
<p> or <div>, Word's lists as <ol>/<ul> whose numbers the browser draws, task tables with
merged cells (rowspan, colspan). The page is parsed with lxml's HTML parser and rendered in
the shape the Markdown reader gives: a block per line, blank lines between blocks, list items
with the number a reader sees ("1.", "a)"), table rows with their cells joined by " | " and a
merged cell repeated in every row and column it covers. Scripts, styles and the page's
navigation are left out.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ingest.docx_numbering import format_ordinal
from ingest.markdown import TABLE_CELL_SEPARATOR

# Elements whose text is never the document's.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "nav", "iframe", "svg"})
# Elements that start a block of their own.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "address",
        "center",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "hr",
        "body",
        "html",
    }
)
_SPACES = re.compile(r"[ \t\r\n\u00a0\u200b]+")
# The most cells a merged cell may claim: a hostile page cannot blow a table up.
_MAX_SPAN = 64


# An <ol type="…"> in Word's names for list formats.
_OL_FORMATS = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _span(cell: etree._Element, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), _MAX_SPAN))
    except ValueError:
        return 1


class _Renderer:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self._inline: list[str] = []

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._inline)).strip()
        if text:
            self.blocks.append(text)
        self._inline.clear()

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED or not isinstance(element.tag, str):
            self._tail(element)
            return
        if tag == "br":
            self.flush()
        elif tag == "table":
            self.flush()
            self.blocks.extend(self.table(element))
        elif tag in ("ol", "ul"):
            self.flush()
            self.listing(element)
        elif tag in _BLOCKS or tag == "li":
            self.flush()
            self._text(element)
            self.flush()
        else:
            self._text(element)
        self._tail(element)

    def _text(self, element: etree._Element) -> None:
        if element.text:
            self._inline.append(element.text)
        for child in element:
            self.walk(child)

    def _tail(self, element: etree._Element) -> None:
        if element.tail:
            self._inline.append(element.tail)

    def listing(self, element: etree._Element) -> None:
        ordered = element.tag == "ol"
        kind = element.get("type", "1")
        try:
            n = int(element.get("start", "1")) - 1
        except ValueError:
            n = 0
        for item in element:
            if not isinstance(item.tag, str) or item.tag != "li":
                if isinstance(item.tag, str):
                    self.walk(item)
                continue
            n += 1
            number = format_ordinal(n, _OL_FORMATS.get(kind, "decimal"))
            marker = f"{number}{')' if kind in ('a', 'A') else '.'}" if ordered else "-"
            self.flush()
            self._inline.append(marker + " ")
            self._text(item)
            self.flush()

    def table(self, element: etree._Element) -> list[str]:
        """Rows of a table, a merged cell repeated over what it covers."""
        rows = [
            tr
            for tr in element.iter("tr")
            # Rows of a table nested in a cell belong to that cell.
            if next(tr.iterancestors("table"), None) is element
        ]
        grid: dict[tuple[int, int], str] = {}
        width = 0
        for r, tr in enumerate(rows):
            c = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                inner = _Renderer()
                inner._text(cell)
                inner.flush()
                text = " ".join(inner.blocks)
                # A cell merged down is carried into each row it covers (the unit of a
                # group of rows); merged across, it is written once.
                for dr in range(_span(cell, "rowspan")):
                    for dc in range(_span(cell, "colspan")):
                        grid[(r + dr, c + dc)] = text if dc == 0 else ""
                c += _span(cell, "colspan")
                width = max(width, c)
        out = []
        for r in range(len(rows)):
            cells = [grid.get((r, c), "") for c in range(width)]
            if any(cells):
                out.append(TABLE_CELL_SEPARATOR.join(cells))
        return out


def render_html(source: str) -> str:
    """Render an HTML page as plain text, one block per line.

    Args:
        source: The page's markup (decoded).

    Returns:
        Blocks separated by blank lines: paragraphs, list items with their numbers, table rows.
    """
    # lxml refuses a decoded string that still declares its byte encoding.
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", source)
    if not source.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    renderer = _Renderer()
    renderer.walk(body if body is not None else root)
    renderer.flush()
    return "\n\n".join(renderer.blocks) + "\n"
