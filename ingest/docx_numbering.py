"""Word's automatic list numbers, which live in numbering.xml and not in the text.

A plan written in Word often numbers its sections and items with Word's own lists: the
paragraph holds "Xây dựng cơ sở dữ liệu …" and Word draws "1." or "a)" in front of it from
the list definition its properties (or its style) point to. Without the number, "1. Sở Tài
chính:" and its lettered items read as loose paragraphs. This module counts the lists as Word
does, so the rendered line carries the number a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
# Bullets drawn from symbol fonts are private-use code points; a reader sees a dash.
_PRIVATE_USE = range(0xE000, 0xF900)


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str  # w:numFmt: decimal, lowerLetter, upperRoman, bullet, none …
    text: str  # w:lvlText: "%1.", "%1.%2.", "%2)", "-"
    start: int


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's lowerLetter repeats past z: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_ordinal(n: int, fmt: str) -> str:
    """Item number `n` written in a list format, by Word's names for them (w:numFmt).

    Args:
        n: The item's number, from 1.
        fmt: "decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman",
            "decimalZero" or "none" (others are written as decimals).

    Returns:
        "3", "c", "C", "iii", "III", "03" or "".
    """
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _val(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


@dataclass
class ListNumbering:
    """The list definitions of one Word document and the counters of its lists.

    Attributes:
        levels: abstractNumId → level index → its format.
        nums: numId → (abstractNumId, level index → start override).
        styles: paragraph styleId → (numId, level) its style numbers paragraphs with.
    """

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)
    _counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, p: etree._Element) -> str:
        """The number Word draws before paragraph `p` ("1.", "a)", "II.", "-"), or ""."""
        found = self._num_of(p)
        if found is None:
            return ""
        num_id, level = found
        abstract, overrides = self.nums.get(num_id, (None, {}))
        levels = self.levels.get(abstract or "", {})
        if level not in levels:
            return ""
        counters = self._counters.setdefault(
            num_id,
            [overrides.get(k, levels[k].start if k in levels else 1) - 1 for k in range(9)],
        )
        counters[level] += 1
        for deeper in range(level + 1, 9):
            start = overrides.get(deeper, levels[deeper].start if deeper in levels else 1)
            counters[deeper] = start - 1
        spec = levels[level]
        if spec.fmt == "bullet":
            return "-" if not spec.text or ord(spec.text[0]) in _PRIVATE_USE else spec.text
        text = spec.text
        for k in range(level, -1, -1):
            fmt = levels[k].fmt if k in levels else "decimal"
            text = text.replace(f"%{k + 1}", format_ordinal(max(counters[k], 1), fmt))
        return text.strip()

    def _num_of(self, p: etree._Element) -> tuple[str, int] | None:
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr, "w:numId")
            level = _val(numpr, "w:ilvl")
            if num_id is None:
                return None
            # numId 0 switches numbering off for a paragraph whose style has it.
            return None if num_id == "0" else (num_id, int(level or 0))
        style = _val(ppr, "w:pStyle")
        return self.styles.get(style) if style else None


def read_numbering(document: WordDocument) -> ListNumbering:
    """Read the list definitions and the numbered paragraph styles of a Word document.

    Args:
        document: The opened python-docx document.

    Returns:
        Its numbering; empty when the document defines no lists.
    """
    out = ListNumbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return out
    for abstract in root.iterchildren(qn("w:abstractNum")):
        levels: dict[int, _Level] = {}
        for lvl in abstract.iterchildren(qn("w:lvl")):
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                fmt=_val(lvl, "w:numFmt") or "decimal",
                text=_val(lvl, "w:lvlText") or "",
                start=int(_val(lvl, "w:start") or 1),
            )
        out.levels[abstract.get(qn("w:abstractNumId"))] = levels
    for num in root.iterchildren(qn("w:num")):
        overrides = {
            int(o.get(qn("w:ilvl"), "0")): int(_val(o, "w:startOverride") or 1)
            for o in num.iterchildren(qn("w:lvlOverride"))
            if o.find(qn("w:startOverride")) is not None
        }
        out.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId") or "", overrides)
    styles = document.styles.element
    for style in styles.iterchildren(qn("w:style")):
        numpr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = _val(numpr, "w:numId")
        if num_id and num_id != "0":
            out.styles[style.get(qn("w:styleId"))] = (num_id, int(_val(numpr, "w:ilvl") or 0))
    return out
