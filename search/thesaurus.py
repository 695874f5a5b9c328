"""Everyday words → the words documents use, to widen the lexical lane.

People search "đền bù khi lấy đất" for what a decision calls "bồi thường khi Nhà nước thu hồi
đất", "gplx" for "giấy phép lái xe". BM25 finds neither. `data/thesaurus.tsv` pairs such
expressions (written from general knowledge of administrative Vietnamese, not from any query
set); a query holding one is searched with the documents' words as well, at a lower weight
(`search.hybrid`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from ingest.text import fold


@lru_cache(maxsize=1)
def load_thesaurus() -> dict[str, tuple[str, ...]]:
    """The thesaurus: everyday expression (lower case, NFC) → the expressions documents use."""
    entries: dict[str, tuple[str, ...]] = {}
    text = files("search").joinpath("data/thesaurus.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        everyday, *documents = (unicodedata.normalize("NFC", f.strip()) for f in line.split("\t"))
        if everyday and documents:
            entries[" ".join(everyday.lower().split())] = tuple(d for d in documents if d)
    return entries


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """The matcher of everyday expressions.

    The longest first, so that "đền bù khi lấy đất" is one match, not "đền bù" and "lấy
    đất"; never inside a code or a số hiệu ("327/QĐ-UBND" holds no "ubnd" a user typed).
    """
    phrases = sorted(load_thesaurus(), key=len, reverse=True)
    edge = r"\w/\-."
    return re.compile(rf"(?<![{edge}])(?:" + "|".join(map(re.escape, phrases)) + rf")(?![{edge}])")


def expand_query(query: str) -> tuple[str, ...]:
    """The documents' words for the everyday expressions a query holds.

    Matched as written, diacritics included: folded, "bão" (a storm) is the "bao" of "bao
    nhiêu", "công nhân" (workers) is "công nhận" (to recognise). A query typed without
    diacritics is to have them restored first (`search.hybrid.restore_diacritics`). Whole
    words only; an expansion the query already holds is left out.

    Args:
        query: What the user typed (NFC), its diacritics restored.

    Returns:
        The expressions to search beside the query, in the order found.

    Examples:
        >>> expand_query("đền bù khi lấy đất")
        ('bồi thường khi nhà nước thu hồi đất', 'bồi thường, hỗ trợ, tái định cư')
        >>> expand_query("gplx hết hạn")
        ('giấy phép lái xe',)
        >>> expand_query("phải báo cáo bao nhiêu lần")
        ()
    """
    text = " ".join(query.lower().split())
    thesaurus = load_thesaurus()
    folded = fold(text)
    out: list[str] = []
    for m in _pattern().finditer(text):
        for expression in thesaurus[m.group(0)]:
            if fold(expression) not in folded and expression not in out:
                out.append(expression)
    return tuple(out)
