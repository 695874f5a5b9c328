"""Putting diacritics back on queries typed without them, from the corpus's own words.

"chuyen doi so" may be "chuyển đổi số" or "chuyên đội sở": the corpus decides. Each folded
syllable has the accented forms the indexed texts use; a Viterbi pass picks the sequence
whose syllable pairs the texts use most (add-one smoothing, so an unseen pair still costs
less than an unknown word). Syllables the corpus never uses take pyvi's general-purpose
restoration (a CRF trained on Vietnamese news), so a query about a topic not yet ingested
still reaches the dense lane with diacritics.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from itertools import pairwise

from ingest.text import fold

_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[a-z]+")
_BARE_COST = math.log(0.05)
# Weight of the single-word probability in a pair's (the interpolation constant).
_MIX = 2.0


@cache
def _pyvi():
    from pyvi import ViUtils  # loads a CRF model: only when a query needs it

    return ViUtils


def pyvi_restore(text: str) -> str:
    """Pyvi's restoration of a whole text."""
    return str(_pyvi().add_accents(text))


class Restorer:
    """Restores diacritics with the syllables and syllable pairs of a corpus."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.pairs: Counter[tuple[str, str]] = Counter()
        for text in texts:
            words = [w.lower() for w in _WORD.findall(text)]
            for w in words:
                self.forms[fold(w)][w] += 1
            for a, b in pairwise(words):
                self.pairs[(a, b)] += 1
        self.left: Counter[str] = Counter()
        for (a, _b), n in self.pairs.items():
            self.left[a] += n
        self.counts: Counter[str] = Counter()
        for forms in self.forms.values():
            self.counts.update(forms)
        self.total = max(sum(self.counts.values()), 1)

    def _unigram(self, form: str) -> float:
        return (self.counts[form] + 0.5) / self.total

    def _pair_score(self, a: str, b: str) -> float:
        """Log P(b | a), interpolated with P(b).

        An unseen pair falls back on how often the texts use b at all, not on how rare a is.
        """
        return math.log((self.pairs[(a, b)] + _MIX * self._unigram(b)) / (self.left[a] + _MIX))

    def _options(self, word: str) -> list[str]:
        """A folded word's forms in the texts."""
        return list(self.forms[word])

    def _bare_penalty(self, word: str, form: str) -> float:
        """A cost for a bare form ("khong") of a word the texts also write with marks.

        Bare forms of Vietnamese words come mostly from OCR and from text typed without
        marks; some words are bare ("bao", "internet"), and their pairs outweigh the cost.
        """
        forms = self.forms[word]
        if form == word and len(forms) > 1:
            return _BARE_COST
        return 0.0

    def restore(self, query: str) -> str:
        """The query with diacritics; words the corpus does not know are left to pyvi.

        Args:
            query: A query typed without diacritics.

        Returns:
            The restored query, in lower case.
        """
        words = _WORD.findall(query.lower())
        if not words:
            return query
        known = [w in self.forms and _ASCII_WORD.fullmatch(w) for w in words]
        fallback = words
        if not all(known):
            restored = pyvi_restore(" ".join(words)).lower().split()
            if len(restored) == len(words):
                fallback = restored
        # Viterbi over each word's accented forms (a word the corpus lacks has one: pyvi's).
        options = [
            self._options(w) if ok else [fallback[i]]
            for i, (w, ok) in enumerate(zip(words, known, strict=True))
        ]
        total = {
            form: math.log(self._unigram(form)) + self._bare_penalty(words[0], form)
            if known[0]
            else 0.0
            for form in options[0]
        }
        back: list[dict[str, str]] = []
        for i in range(1, len(words)):
            step, came = {}, {}
            for form in options[i]:
                unigram = self._bare_penalty(words[i], form) if known[i] else 0.0
                best = max(total, key=lambda prev, f=form: total[prev] + self._pair_score(prev, f))
                step[form] = total[best] + self._pair_score(best, form) + unigram
                came[form] = best
            total, back = step, [*back, came]
        last = max(total, key=total.get)
        chosen = [last]
        for came in reversed(back):
            chosen.append(came[chosen[-1]])
        chosen.reverse()
        # Put the words back between the query's own spaces and signs ("38-ct/tw").
        lowered = query.lower()
        out, at = [], 0
        for m, word in zip(_WORD.finditer(lowered), chosen, strict=True):
            out.append(lowered[at : m.start()] + word)
            at = m.end()
        return "".join(out) + lowered[at:]
