"""The ladder of issuing bodies a document stands on.

Party, Government and ministries, province, department; tasks stand below every document.
"""

from __future__ import annotations

import re

from ingest.catalogue import is_party_issuer
from ingest.keys import parse_key

# The ladder of issuing bodies, top to bottom; tasks stand below every document.
LEVELS = ("Trung ương Đảng", "Chính phủ, bộ, ngành", "Tỉnh", "Sở, ngành", "Nhiệm vụ")


TASK_LEVEL = 4


_PARTY = {"TW", "BBT", "BCĐTW", "BCHTW", "VPTW", "BTGTW", "BTCTW", "UBKTTW"}


_GOVERNMENT = {"CP", "TTG", "VPCP", "QH", "UBTVQH", "CTN", "TANDTC", "VKSNDTC", "KTNN"}


_PROVINCE = {"TU", "UBND", "HĐND", "BCĐ", "ĐĐBQH", "TỈNH ỦY"}


# Upward edges between documents, as the explorer names them.
RELATION_LABELS = {
    "applies": "thực hiện",
    "issues": "ban hành",
    "sameAs": "cùng văn bản",
}


def level_of(key: str) -> int:
    """The level of a document on the ladder of issuing bodies (an index into LEVELS).

    Args:
        key: A document key.

    Returns:
        0 Party, 1 Government and ministries, 2 province (Tỉnh ủy, UBND, HĐND),
        3 department (Sở) and anything else local.
    """
    parts = parse_key(key)
    issuer = parts.issuer.upper()
    head = re.split(r"[-&]", issuer)[0]
    if head in _PARTY or issuer.endswith("TW"):
        return 0
    if head in _GOVERNMENT or head.startswith("QH"):
        return 1
    if head in _PROVINCE:
        return 2
    if head.startswith("S") or parts.province:
        return 3
    # A national body that is not the Party: a ministry (BKHCN, BTC) or an unknown issuer.
    return 1


# Party style writes the type after the number: "57-NQ/TW", "08-KH/BCĐ".
_PARTY_STYLE = re.compile(r"^\d+[a-zđ]?-[A-ZĐ]")


def is_party(key: str, symbol: str | None = None) -> bool:
    """Whether a Party body issued a document (a Tỉnh ủy's plan as much as the Politburo's).

    The issuer code tells for most documents; for a code both kinds of body use (BCĐ), the
    way the số hiệu is written does.
    """
    issuer = parse_key(key).issuer
    party = is_party_issuer(issuer if issuer != "_" else None)
    if party is None:
        return bool(symbol and _PARTY_STYLE.match(symbol))
    return party or level_of(key) == 0
