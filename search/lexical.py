"""The lexical lane: BM25 over Vietnamese syllables with diacritics folded, and their bigrams.

Users type "chuyen doi so" for "chuyển đổi số": folding both sides makes them meet. A
Vietnamese word is often two syllables ("chuyển đổi", "sở hữu"), so syllable bigrams are
indexed beside the syllables; they rank a passage holding the words in that order above one
holding the syllables scattered.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ingest.text import fold

if TYPE_CHECKING:
    import bm25s

_SYLLABLE = re.compile(r"[0-9a-z]+")
_QUARTER = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}


def tokenize(text: str) -> list[str]:
    """Folded syllables of a text, then its syllable bigrams ("chuyen_doi").

    Args:
        text: NFC text, with or without diacritics.

    Returns:
        The tokens, syllables first.

    Examples:
        >>> tokenize("Chuyển đổi số")
        ['chuyen', 'doi', 'so', 'chuyen_doi', 'doi_so']
    """
    syllables = _SYLLABLE.findall(fold(text))
    # "quý 3" and "Quý III" are one quarter.
    for n in range(1, len(syllables)):
        if syllables[n - 1] == "quy" and syllables[n] in _QUARTER:
            syllables[n] = _QUARTER[syllables[n]]
    return syllables + [f"{a}_{b}" for a, b in pairwise(syllables)]


class LexicalIndex:
    """BM25 over the items' tokens; row i of the index is the i-th text given to `build`.

    One read from disk is opened on its first query: a question the graph answers alone never
    loads bm25s (and scipy under it).
    """

    def __init__(self, bm25: bm25s.BM25 | None, size: int, folder: Path | None = None) -> None:
        self._bm25 = bm25
        self._folder = folder
        self.size = size

    @property
    def bm25(self) -> bm25s.BM25:
        """The BM25 model, read from its folder on first use."""
        if self._bm25 is None:
            import bm25s

            self._bm25 = bm25s.BM25.load(str(self._folder), mmap=True, show_progress=False)
        return self._bm25

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        """Index texts (row numbers follow their order).

        Each text's tokens are turned into ids as it is read and kept as a compact array:
        bm25s given lists of token strings holds them all (and then lists of Python ints)
        at once, about 20 GB for a million passages.
        """
        import bm25s

        vocab: dict[str, int] = {}
        rows = []
        for text in texts:
            # An empty text keeps its row (BM25 needs one token per document).
            tokens = tokenize(text) or ["∅"]
            rows.append(array("i", [vocab.setdefault(t, len(vocab)) for t in tokens]))
        if not rows:
            rows, vocab = [array("i", [0])], {"∅": 0}
        bm25 = bm25s.BM25()
        bm25.index((rows, vocab), show_progress=False)
        return cls(bm25, len(texts))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for a query (zeros where nothing matches)."""
        tokens = tokenize(query)
        if not tokens or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)[: self.size]

    def save(self, folder: Path) -> None:
        """Write the index into a folder (the caller makes it atomic)."""
        self.bm25.save(str(folder), show_progress=False)
        (Path(folder) / "size").write_text(str(self.size), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by `save`."""
        size = int((Path(folder) / "size").read_text(encoding="utf-8"))
        return cls(None, size, Path(folder))
