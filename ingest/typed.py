"""References as users type them: the documents a query or a search box names.

One grammar for every place a user names a document: the search's exact lane, questions,
`derive`/`trace`/`show` and the explorer's document box. Users type a full số hiệu
("327/QĐ-UBND", "57-NQ/TW"), a type and a number ("nghị quyết 57", "nghi quyet 57", "Quyết
định số 327"), or an abbreviation glued to the number ("kh359", "nq 57"). Each becomes a
`QueryReference` matched against document keys (`TYPE:NUMBER:ISSUER:YEAR[:province]`) by
type, number and, when typed, issuer and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.catalogue import load_catalogue, match_issuer, match_type_code
from ingest.clean import clean_document
from ingest.extract import find_mentions
from ingest.keys import UNKNOWN, DocumentKey, normalize_number, parse_key
from ingest.models import RawDocument
from ingest.text import fold


@dataclass(frozen=True, slots=True)
class QueryReference:
    """A document named in a query.

    Attributes:
        type_code: The type's code ("NQ"), or None when only a number was typed.
        number: The number without leading zeros.
        issuer: The issuer's code when typed ("TW"), else None.
        year: The year when typed, else None.
        start: Offset of the reference in the query.
        end: Offset after it.
    """

    type_code: str | None
    number: str
    issuer: str | None
    year: int | None
    start: int
    end: int

    def matches(self, key: str) -> bool:
        """Whether a document key is this reference's document (or one of its candidates)."""
        parts = parse_key(key)
        if parts.is_own or parts.number == UNKNOWN:
            return False
        typed = DocumentKey(
            self.type_code or UNKNOWN,
            self.number,
            self.issuer or UNKNOWN,
            str(self.year) if self.year else UNKNOWN,
        )
        return typed.matches(parts)


@cache
def _short_form() -> re.Pattern[str]:
    """Type word or code, optional "số", a number, optional "/year" or "-CODE/ISSUER" tail."""
    catalogue = load_catalogue()
    names = set(catalogue.type_by_word)
    for t in catalogue.types:
        names.add(fold(t.code))
        names.update(fold(a) for a in t.abbrevs)
    alternatives = "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![0-9a-z])(?P<word>{alternatives})\s*(?:so\s*:?\s*)?(?P<num>\d{{1,5}})"
        r"(?![0-9])(?:\s*/\s*(?P<year>(?:19|20)\d\d)(?![0-9]))?"
        r"(?:\s*[-/]\s*(?P<tail>[a-z]{1,10}(?:[-/][a-z]{1,10})?))?"
    )


def _code_of(word: str) -> str | None:
    catalogue = load_catalogue()
    word = " ".join(word.split())
    found = catalogue.type_by_word.get(word) or catalogue.type_by_fold.get(word)
    if found is None:
        for t in catalogue.types:
            if word in (fold(a) for a in t.abbrevs):
                return t.code
        return None
    return found.code


def _issuer_of(tail: str | None, type_code: str | None) -> str | None:
    """The issuer in a typed tail: "57-nq/tw" gives "TW" (the type code part is skipped)."""
    if not tail:
        return None
    parts = re.split(r"[-/]", tail)
    if type_code and parts and fold(parts[0]) == fold(type_code):
        parts = parts[1:]
    for part in parts:
        issuer = match_issuer(part, repair=False)
        if issuer:
            return issuer
    return None


def find_query_references(query: str) -> list[QueryReference]:
    """The documents a query names.

    Args:
        query: What the user typed (NFC), with or without diacritics.

    Returns:
        The references in order of appearance; full số hiệu first where both readings
        cover the same words.

    Examples:
        >>> [(r.type_code, r.number) for r in find_query_references("kh359 thực hiện nq 57")]
        [('KH', '359'), ('NQ', '57')]
    """
    found: list[QueryReference] = []
    doc = clean_document(RawDocument("<query>", query, "utf-8", "txt"))
    for m in find_mentions(doc):
        found.append(
            QueryReference(
                m.type_code,
                normalize_number(m.number),
                m.issuer,
                m.year,
                m.start,
                m.end,
            )
        )
    folded = fold(query)
    for m in _short_form().finditer(folded):
        if any(r.start < m.end() and m.start() < r.end for r in found):
            continue
        number = m.group("num")
        # "Kế hoạch 2025" names a year, not Kế hoạch số 2025.
        if len(number) == 4 and number[:2] in ("19", "20") and not m.group("tail"):
            continue
        code = _code_of(m.group("word"))
        found.append(
            QueryReference(
                code,
                normalize_number(number),
                _issuer_of(m.group("tail"), code),
                int(m.group("year")) if m.group("year") else None,
                m.start(),
                m.end(),
            )
        )
    return sorted(found, key=lambda r: r.start)


# "57/NQ-TW" typed in the other family's style: number, type, issuer in any order.
_SWAPPED = re.compile(r"^(\d{1,5}[a-z]?)\s*[/\- ]\s*([a-z]+)\s*[/\- ]\s*([a-z0-9&]+)$")


def read_reference(text: str) -> QueryReference | None:
    """Read what a user typed to name one document.

    Args:
        text: A số hiệu in any spelling ("57-NQ/TW", "57/NQ-TW"), a type and a number ("nq
            57", "nghi quyet 57", "Kế hoạch số 359"), or a bare number ("57").

    Returns:
        The reference (its first, when the text names several), or None when the text names
        no document.
    """
    found = find_query_references(text)
    if found:
        return found[0]
    folded = " ".join(fold(text).replace("-", " ").split())
    swapped = _SWAPPED.match(folded)
    if swapped:
        type_code = match_type_code(swapped.group(2), repair=False)
        if type_code:
            issuer = match_issuer(swapped.group(3), repair=False) or swapped.group(3).upper()
            number = normalize_number(swapped.group(1))
            return QueryReference(type_code, number, issuer, None, 0, len(text))
    if re.fullmatch(r"\d{1,5}[a-z]?", folded):
        return QueryReference(None, normalize_number(folded), None, None, 0, len(text))
    return None
