"""Document types and issuer codes, loaded from `ingest/data/*.yaml`, and code repair.

A code read from a số hiệu is normalised here: case ("TTG" -> "TTg"), missing diacritics
("QD" -> "QĐ") and OCR damage ("QP" -> "QĐ", "Tw" -> "TW") are repaired when exactly one
known code explains what was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from ingest.keys import normalize_number
from ingest.text import fold

# Codes that carry a term number or a sequence: QH15, UBTVQH13.
_NUMBERED_ISSUER = re.compile(r"(?i)^(QH|UBTVQH)(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class DocType:
    """A document type.

    Attributes:
        code: Its code as written in a số hiệu (NQ, QĐ, KH ...), or the code the project uses
            for a type whose số hiệu carries none (CV, L ...).
        name: Its Vietnamese name.
        words: The folded words that name it in running text, longest first.
        code_only: True when the code never stands inside a số hiệu.
        alone: True when the code ends a số hiệu with no issuer after it ("97/SL").
        abbrevs: Folded abbreviations used as type words ("nd" for "NĐ 30/2020").
    """

    code: str
    name: str
    words: tuple[str, ...]
    code_only: bool = False
    alone: bool = False
    abbrevs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Issuer:
    """An issuing body's code.

    Attributes:
        code: The code (TW, CP, UBND ...).
        name: The body it names.
        party: True for Party bodies, whose numbers are written Party style; None for a
            code both Party and State bodies use.
        local: True for a code every province uses for its own body (UBND, TU, SKHCN).
    """

    code: str
    name: str
    party: bool | None = False
    local: bool = False


@dataclass(frozen=True, slots=True)
class Catalogue:
    """All known types and issuers, with lookup tables."""

    types: tuple[DocType, ...]
    issuers: tuple[Issuer, ...]
    confusions: dict[str, tuple[str, ...]]
    type_by_upper: dict[str, DocType]
    type_by_fold: dict[str, DocType]
    issuer_by_upper: dict[str, Issuer]
    issuer_by_fold: dict[str, Issuer]
    type_by_word: dict[str, DocType]


def _read_yaml(name: str) -> dict:
    with resources.files("ingest").joinpath("data", name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _index(items, key, table_upper, table_fold) -> None:
    for item in items:
        code = key(item)
        table_upper.setdefault(code.upper(), item)
        # First listed wins on folded clashes (HD Hướng dẫn before HĐ Hợp đồng).
        table_fold.setdefault(fold(code), item)


@cache
def load_catalogue() -> Catalogue:
    """Load the catalogue shipped with the package (cached).

    Returns:
        The catalogue.
    """
    raw_types = _read_yaml("types.yaml")
    raw_issuers = _read_yaml("issuers.yaml")
    types = tuple(
        DocType(
            code=t["code"],
            name=t["name"],
            words=tuple(sorted(t.get("words") or (), key=len, reverse=True)),
            code_only=bool(t.get("code_only", False)),
            alone=bool(t.get("alone", False)),
            abbrevs=tuple(t.get("abbrevs") or ()),
        )
        for t in raw_types["types"]
    )
    legacy = tuple(DocType(code=c, name=c, words=()) for c in raw_types.get("legacy_codes", ()))
    issuers = tuple(
        Issuer(
            code=i["code"],
            name=i["name"],
            party=None if i.get("party") == "either" else bool(i.get("party", False)),
            local=bool(i.get("local", False)),
        )
        for i in raw_issuers["issuers"]
    )
    confusions = {k: tuple(v) for k, v in raw_issuers.get("ocr_confusions", {}).items()}
    type_upper: dict[str, DocType] = {}
    type_fold: dict[str, DocType] = {}
    _index([t for t in types + legacy if not t.code_only], lambda t: t.code, type_upper, type_fold)
    issuer_upper: dict[str, Issuer] = {}
    issuer_fold: dict[str, Issuer] = {}
    # Other spellings of a code, matched as written, never folded ("TƯ" is Trung ương, while
    # its folded "tu" would be Tỉnh ủy).
    for raw, issuer in zip(raw_issuers["issuers"], issuers, strict=True):
        for spelling in raw.get("spelled", ()):
            issuer_upper.setdefault(spelling.upper(), issuer)
    _index(issuers, lambda i: i.code, issuer_upper, issuer_fold)
    by_word = {w: t for t in types for w in (*t.words, *t.abbrevs)}
    return Catalogue(
        types=types,
        issuers=issuers,
        confusions=confusions,
        type_by_upper=type_upper,
        type_by_fold=type_fold,
        issuer_by_upper=issuer_upper,
        issuer_by_fold=issuer_fold,
        type_by_word=by_word,
    )


def type_name(code: str | None) -> str | None:
    """Return the Vietnamese name of a type code, or None if unknown."""
    if code is None:
        return None
    cat = load_catalogue()
    for t in cat.types:
        if t.code == code:
            return t.name
    found = cat.type_by_upper.get(code.upper())
    return found.name if found else None


def _substitutions(upper: str, confusions: dict[str, tuple[str, ...]], budget: int):
    """Yield strings up to `budget` confusable substitutions away from `upper`, nearest first."""
    frontier = [upper]
    for _ in range(budget):
        nxt = []
        for word in frontier:
            for i, ch in enumerate(word):
                for repl in confusions.get(ch, ()):
                    cand = word[:i] + repl + word[i + 1 :]
                    nxt.append(cand)
                    yield cand
        frontier = nxt


def _candidates(written: str, confusions: dict[str, tuple[str, ...]], drop: bool = True):
    """Yield repairs of an OCR-damaged code, the most likely first.

    One substitution, then (with `drop`) a dropped character, then two substitutions: "QP" ->
    "QĐ", "QDP" -> "QD", "OP" -> "QĐ".
    """
    upper = written.upper()
    yield from _substitutions(upper, confusions, 1)
    if drop:
        for i in range(len(upper)):
            yield upper[:i] + upper[i + 1 :]
    if len(upper) <= 3:
        yield from _substitutions(upper, confusions, 2)


def _lookup(
    written: str, by_upper: dict, by_fold: dict, confusions, repair: bool, drop: bool = True
):
    hit = by_upper.get(written.upper()) or by_fold.get(fold(written))
    if hit is not None or not repair:
        return hit
    for cand in _candidates(written, confusions, drop):
        hit = by_upper.get(cand) or by_fold.get(fold(cand))
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=4096)
def match_type_code(written: str, repair: bool = True) -> str | None:
    """Return the canonical type code for a code read from a số hiệu, or None.

    Args:
        written: The code as read ("QĐ", "qd", "QP", "CTR").
        repair: Also try one OCR slip (substitution from the confusion table, or deletion).

    Returns:
        The canonical code, or None when nothing known explains it.
    """
    cat = load_catalogue()
    hit = _lookup(written, cat.type_by_upper, cat.type_by_fold, cat.confusions, repair)
    return hit.code if hit else None


@lru_cache(maxsize=4096)
def match_issuer(written: str, repair: bool = True) -> str | None:
    """Return the canonical code of a known issuer, or None.

    Args:
        written: The issuer code as read ("TTG", "Tw", "HDND", "QH15").
        repair: Also try one OCR slip: a confusable letter, never a dropped one. Type codes
            are a closed list, issuers an open one: "TWH" (Trung ương Hội) is a body of its
            own, not "TW" with a stray letter.

    Returns:
        The canonical code, or None when it is not a known issuer.
    """
    numbered = _NUMBERED_ISSUER.match(written)
    if numbered:
        return numbered.group(1).upper() + numbered.group(2)
    cat = load_catalogue()
    hit = _lookup(
        written, cat.issuer_by_upper, cat.issuer_by_fold, cat.confusions, repair, drop=False
    )
    return hit.code if hit else None


def is_party_issuer(issuer: str | None) -> bool | None:
    """Tell whether an issuer (its first segment) is a Party body.

    Returns:
        True for a Party body, False for a State body or an unknown code, None for a code
        both use (BCĐ).
    """
    if not issuer:
        return False
    hit = load_catalogue().issuer_by_upper.get(issuer.split("-")[0].upper())
    return hit.party if hit else False


def is_local_issuer(issuer: str | None) -> bool:
    """Tell whether an issuer is a province's own body (its first segment: "UBND-TDTU").

    Unknown codes of a Sở ("SNgV": S and a capital) count as local too.
    """
    if not issuer:
        return False
    first = issuer.split("-")[0]
    hit = load_catalogue().issuer_by_upper.get(first.upper())
    if hit is not None:
        return hit.local
    return len(first) >= 3 and first[0] == "S" and first[1].isupper()


@lru_cache(maxsize=1)
def load_unit_words() -> dict[str, str]:
    """Abbreviations written inside unit names ("UBND", "CHQS") and the words they stand for."""
    return dict(_read_yaml("units.yaml")["words"])


def issuer_name(issuer: str | None) -> str | None:
    """Return the body an issuer code names, or None if unknown."""
    if not issuer:
        return None
    numbered = _NUMBERED_ISSUER.match(issuer)
    if numbered:
        base = load_catalogue().issuer_by_upper.get(numbered.group(1).upper())
        return f"{base.name} khóa {numbered.group(2)}" if base else None
    hit = load_catalogue().issuer_by_upper.get(issuer.upper())
    return hit.name if hit else None


@dataclass(frozen=True, slots=True)
class Programme:
    """A programme known by a number, and the decision that approved it.

    Attributes:
        type_code: The programme's type ("ĐA", "CTr").
        number: Its number as people write it ("06").
        name: Its name.
        decision: (type, number, issuer, year, date ISO, normative) of the approving decision.
    """

    type_code: str
    number: str
    name: str
    decision: tuple[str, str, str, int, str, bool]


@lru_cache(maxsize=1)
def load_programmes() -> dict[tuple[str, str], Programme]:
    """The programmes of `data/programmes.yaml`, by (type, number as `normalize_number`)."""
    found = {}
    for p in _read_yaml("programmes.yaml")["programmes"]:
        d = p["approved_by"]
        decision = (
            d["type"],
            str(d["number"]),
            d["issuer"],
            int(d["year"]),
            str(d["date"]),
            bool(d.get("normative", False)),
        )
        programme = Programme(p["type"], str(p["number"]), p["name"], decision)
        found[(programme.type_code, normalize_number(programme.number))] = programme
    return found


def stands_alone(code: str) -> bool:
    """Whether a type's code ends a số hiệu with no issuer after it ("97/SL")."""
    found = load_catalogue().type_by_upper.get(code.upper())
    return bool(found and found.alone)
