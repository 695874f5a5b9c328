"""Deadlines as a program can use them: the last day a period or a deadline allows.

Work programmes write deadlines in many ways ("Quý IV/2025", "Tháng 12/2025", "trước ngày
15/9/2025", "trước ngày 19 tháng 12 năm 2025", "năm 2025", "2026 - 2030", "6 tháng cuối năm
2025", "Thường xuyên"). `read_due` turns each into a `Due`: the first and last day it allows,
or nothing for standing and open-ended periods ("thường xuyên", "hằng năm", "năm 2025 và các năm
tiếp theo", "từ năm 2026").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ingest.text import fold


@dataclass(frozen=True, slots=True)
class Due:
    """The days a deadline allows.

    Attributes:
        end: The last day, ISO ("2025-12-31").
        start: The first day of a range ("2026-01-01" for "2026–2030"), else None.
    """

    end: str
    start: str | None = None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(20\d\d)"
_OPEN = re.compile(
    r"thuong\s+xuyen|hang\s+(?:nam|quy|thang|tuan|ngay)|hàng\s+nam|cac\s+nam\s+tiep\s+theo|"
    r"\btu\s+nam\s+20\d\d\b(?!\s*(?:den|-|–))|lien\s+tuc|theo\s+tien\s+do|khi\s+co"
)
_DAY = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _YEAR + r"\b")
_DAY_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+" + _YEAR)
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam|-)\s*" + _YEAR + r")?")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|nam|-)\s*" + _YEAR)
_MONTH_NO_YEAR = re.compile(r"\bthang\s+(\d{1,2})\b(?!\s*(?:/|nam|-)\s*\d)")
_HALF = re.compile(r"\b(6|sau)\s+thang\s+(dau|cuoi)\s+nam\s+" + _YEAR)
_RANGE = re.compile(r"\b" + _YEAR + r"\s*(?:-|–|den|toi)\s*(?:nam\s+)?" + _YEAR + r"\b")
_YEAR_ONLY = re.compile(r"(?:^|\bnam\s+|\btrong\s+nam\s+|\bcuoi\s+nam\s+)" + _YEAR + r"\b")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> str | None:
    if not 1 <= m <= 12:
        return None
    return _iso(y, m, calendar.monthrange(y, m)[1])


def read_due(text: str | None, year: int | None = None) -> Due | None:
    """Read the last day a deadline or period allows.

    Args:
        text: The deadline as written (a cell, a field, or a sentence holding one).
        year: The document's year, for a quarter or month written without one.

    Returns:
        The due days, or None for a standing or open-ended period or no date at all.
    """
    if not text:
        return None
    folded = fold(text).lower()
    if _OPEN.search(folded):
        return None
    found = [_read_at(m, kind, year) for kind, m in _matches(folded)]
    found = [d for d in found if d is not None]
    return found[-1] if found else None


def _matches(folded: str):
    taken: list[tuple[int, int]] = []
    out = []
    for kind, pattern in (
        ("day_words", _DAY_WORDS),
        ("day", _DAY),
        ("half", _HALF),
        ("quarter", _QUARTER),
        ("month", _MONTH),
        ("range", _RANGE),
        ("month_no_year", _MONTH_NO_YEAR),
        ("year", _YEAR_ONLY),
    ):
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append((m.start(), kind, m))
    out.sort(key=lambda x: x[0])
    return [(kind, m) for _, kind, m in out]


def _read_at(m: re.Match[str], kind: str, year: int | None) -> Due | None:
    g = m.groups()
    if kind in ("day", "day_words"):
        end = _iso(int(g[2]), int(g[1]), int(g[0]))
        return Due(end) if end else None
    if kind == "half":
        y = int(g[2])
        return Due(_iso(y, 6, 30) if g[1] == "dau" else _iso(y, 12, 31))
    if kind == "quarter":
        q = _ROMAN.get(g[0]) or int(g[0])
        y = int(g[1]) if g[1] else year
        return Due(_month_end(y, 3 * q)) if y else None
    if kind == "month":
        end = _month_end(int(g[1]), int(g[0]))
        return Due(end) if end else None
    if kind == "month_no_year":
        end = _month_end(year, int(g[0])) if year else None
        return Due(end) if end else None
    if kind == "range":
        a, b = int(g[0]), int(g[1])
        return Due(_iso(b, 12, 31), _iso(a, 1, 1)) if a < b else None
    return Due(_iso(int(g[0]), 12, 31))
