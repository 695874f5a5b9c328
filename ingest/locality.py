"""Which province a local document belongs to.

Every province has its own "UBND", "TU" and "SKHCN", and their numbers start again each year,
so "Kế hoạch số 135/KH-UBND" names a different plan in An Giang and in Cà Mau. A local
document's province comes from the issuing body written after it ("của UBND tỉnh Kon Tum"),
else from the province of the file that cites it: documents cite their own province's plans
without naming it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from ingest.text import fold


@cache
def _names_by_slug() -> dict[str, str]:
    """Every province's name as written, by slug, from data/provinces.yaml."""
    with resources.files("ingest").joinpath("data", "provinces.yaml").open(encoding="utf-8") as fh:
        return {slug_of(n): n for n in yaml.safe_load(fh)["provinces"]}


@cache
def _provinces() -> tuple[tuple[str, str], ...]:
    """(folded name, slug) of every province, longest first."""
    pairs = [(" ".join(fold(n).replace("-", " ").split()), s) for s, n in _names_by_slug().items()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def province_name(slug: str) -> str | None:
    """A province's name as written from its slug: "dak-lak" -> "Đắk Lắk"; None if unknown."""
    return _names_by_slug().get(slug)


def slug_of(name: str) -> str:
    """The slug of a province name: "Quảng Ngãi" -> "quang-ngai"."""
    return "-".join(fold(name).replace("-", " ").split())


@cache
def _pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n, _ in _provinces())
    return re.compile(rf"(?<![a-z])(?P<name>{names})(?![a-z])")


def _slug_for(folded_name: str) -> str:
    key = " ".join(folded_name.split())
    return next(slug for name, slug in _provinces() if name == key)


def provinces_named(text: str) -> set[str]:
    """The slugs of every province a text names, with or without "tỉnh" before it.

    For what a user types ("Quyết định 87/2025 của Lai Châu"), where naming a province is
    saying which one is meant.
    """
    folded = " ".join(fold(text).replace("-", " ").split())
    return {_slug_for(m.group("name")) for m in _pattern().finditer(folded)}


# "tỉnh Quảng Ngãi", "Tỉnh ủy Kon Tum", "UBND TỈNH QUẢNG NGÃI", "thành phố Đà Nẵng" (folded).
_NAMED = re.compile(r"(?:tinh|thanh pho|tp\.?|tinh uy|thanh uy)\s+$")


def locality_in(text: str | None) -> str | None:
    """The province an issuing body names ("của Ban Thường vụ Tỉnh ủy Kon Tum")."""
    if not text:
        return None
    folded = " ".join(fold(text).replace("-", " ").split())
    for m in _pattern().finditer(folded):
        if _NAMED.search(folded[: m.start()]):
            return _slug_for(m.group("name"))
    return None


# The place and date line: "Quảng Ngãi, ngày 12 tháng 5 năm 2025".
_PLACE = re.compile(r"^\s*(?P<place>[^\n,]{3,40}),\s*ngay\b", re.M)


def read_locality(text: str) -> str | None:
    """The province of a file, from its header (issuing body, place and date line).

    Args:
        text: The file's NFC text.

    Returns:
        The province's slug, or None when the header names none.
    """
    head = "\n".join(text.splitlines()[:60])
    folded = fold(head)
    for m in _PLACE.finditer(folded):
        for name in _pattern().finditer(" ".join(m.group("place").replace("-", " ").split())):
            return _slug_for(name.group("name"))
    flat = " ".join(folded.replace("-", " ").split())
    for m in _pattern().finditer(flat):
        if _NAMED.search(flat[max(0, m.start() - 12) : m.start()]):
            return _slug_for(m.group("name"))
    # No header (a report that starts with its title): the province the text names most.
    whole = " ".join(fold(text[:200_000]).replace("-", " ").split())
    counts: dict[str, int] = {}
    for m in _pattern().finditer(whole):
        if _NAMED.search(whole[max(0, m.start() - 12) : m.start()]):
            slug = _slug_for(m.group("name"))
            counts[slug] = counts.get(slug, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
