"""Hybrid search: the exact, lexical and dense lanes, fused by weighted scores.

- exact: the documents a query names ("kh359", "327/QĐ-UBND") → the items that name, cite
  or belong to them, and the document itself;
- lexical: BM25 over folded syllables and bigrams (works the same with or without
  diacritics), without the query's question words ("bao nhiêu", "ở đâu"), an item holding
  the query's words in its own text raised above one holding them only in its headings;
- dense: the embedding of the query, its diacritics first restored when it was typed
  without any (dense models trained on accented text miss "chuyen doi so");
- answer: of those candidates, the ones holding what the question words ask for (an amount
  for "bao nhiêu tiền", a date for "từ ngày nào"; `search.asking`).

Each lane's scores are scaled to [0, 1] over its own top candidates and summed with weights
tuned on the development archive (tests/data/search_real/dev_queries.json), kept good on
tests/data/search_queries.json (`chidao eval --search` prints every lane and the
fusion). Reciprocal-rank fusion was measured beside it (see `FUSIONS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graph.documents import same_document_names
from graph.store import GraphStore
from ingest.keys import UNKNOWN, normalize_number, parse_key
from ingest.text import fold
from ingest.typed import QueryReference, find_query_references
from search.asking import asked_shape, drop_question_words
from search.build import LoadedIndex, load_search_index
from search.catalog import Item, tasks_holding
from search.embed import Embedder, load_embedder
from search.lexical import tokenize
from search.restore import Restorer, pyvi_restore
from search.thesaurus import expand_query

# Tuned on the development archive (see `chidao eval --search` and the README).
WEIGHTS = {"lexical": 1.0, "dense": 0.8, "exact": 0.5, "answer": 0.5}
CANDIDATES = 100
# How much an item holding all the query's words in its own text (not only in the headings
# indexed with it) is raised over one holding none: tuned on the development archive.
OWN_WORDS = 0.5
# The weight of the documents' words for the everyday ones a query holds (`search.thesaurus`)
# beside the query's own words.
EXPANSION = 0.3
RRF_K = 60
FUSIONS = ("weighted", "rrf")


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Narrow a search.

    Attributes:
        document: A document key: only items that name, cite or belong to it.
        unit: Part of a unit's name (any diacritics): tasks it leads or joins, passages
            naming it.
        period: Part of a period ("quý III", "thang 6").
    """

    document: str | None = None
    unit: str | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result.

    Attributes:
        kind: "task", "passage" or "document".
        id: The task id, the passage ref, or the document key.
        file: The file it stands in.
        start: Offset of the evidence in the file's NFC text.
        end: Offset after it.
        text: The evidence.
        score: The fused score (higher is better).
        lanes: The lanes that found it.
        task: For a passage inside a task's text, the task's id.
    """

    kind: str
    id: str
    file: str
    start: int
    end: int
    text: str
    score: float
    lanes: tuple[str, ...]
    task: str | None = None

    def record(self) -> dict:
        """The hit as the command line's JSON contract writes it."""
        return {
            "kind": self.kind,
            "id": self.id,
            "file": self.file,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "task": self.task,
        }


_LETTER_WITH_MARK = re.compile(r"[^\x00-\x7f]")


def has_diacritics(text: str) -> bool:
    """Whether a text holds any non-ASCII character (Vietnamese letters carry marks)."""
    return bool(_LETTER_WITH_MARK.search(text))


# Longer queries are cut here (the CLI refuses them, the explorer says it cut them); a word
# longer than any Vietnamese word or code is left as typed: restoring it costs time that
# grows with the square of its length.
MAX_QUERY_CHARS = 1000
MAX_RESTORED_WORD = 24


def restore_diacritics(query: str, restorer: Restorer | None = None) -> str:
    """Put diacritics back on a query typed without them ("chuyen doi so" → "chuyển đổi số").

    Args:
        query: The query.
        restorer: Restoration from a corpus's words; pyvi's alone when None.

    Returns:
        The query restored; a query that already has diacritics is returned as it is.
    """
    if has_diacritics(query) or not re.search(r"[a-zA-Z]", query):
        return query
    query = query[:MAX_QUERY_CHARS]
    parts = re.split(rf"(\S{{{MAX_RESTORED_WORD + 1},}})", query)
    out = []
    for n, part in enumerate(parts):
        if n % 2 or not part.strip():
            out.append(part)  # an overlong word, left as typed
        else:
            out.append(restorer.restore(part) if restorer is not None else pyvi_restore(part))
    return "".join(out)


def _scaled(scores: dict[int, float]) -> dict[int, float]:
    """Scores scaled to [0, 1] over the candidates (the best is 1, the worst 0)."""
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high <= low:
        return dict.fromkeys(scores, 1.0)
    return {i: (s - low) / (high - low) for i, s in scores.items()}


class Searcher:
    """Search over a workspace's index.

    Args:
        index: The loaded index.
        embedder: The embedder of the index's model, or a function that loads it: it is
            loaded when a query first needs the dense lane, so a question the graph answers
            (who signed, what a plan is based on) never loads torch and the model.
        store: The store, for naming documents in document hits (optional).
    """

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder | Callable[[], Embedder],
        store: GraphStore | None = None,
    ) -> None:
        self.index = index
        self._embedder = embedder if isinstance(embedder, Embedder) else None
        self._load_embedder = None if isinstance(embedder, Embedder) else embedder
        self.store = store
        self.items = index.items
        self._row = {item.id: row for row, item in enumerate(index.items)}
        self._ref_row = {item.ref: row for row, item in enumerate(index.items)}
        self._restorer: Restorer | None = None
        self._same: dict[str, str] | None = None
        self._by_key: dict[str, list[int]] = {}
        self._by_number: dict[str, list[str]] | None = None
        self._tasks_holding: dict[int, str] | None = None
        self._restored: dict[str, str] = {}
        self._folded: dict[int, str] = {}
        for row, item in enumerate(index.items):
            for key in item.keys:
                self._by_key.setdefault(key, []).append(row)

    def _names(self) -> dict[str, str]:
        """The key shown for each key the store joins to another (none without a store)."""
        if self._same is None:
            self._same = same_document_names(self.store) if self.store is not None else {}
        return self._same

    @property
    def restorer(self) -> Restorer:
        """Diacritic restoration from the indexed texts (built at first use)."""
        if self._restorer is None:
            self._restorer = Restorer(i.text for i in self.items if has_diacritics(i.text))
        return self._restorer

    @property
    def embedder(self) -> Embedder:
        """The embedder, loaded on first use."""
        if self._embedder is None:
            self._embedder = self._load_embedder()
        return self._embedder

    def hit(self, row: int, score: float, lanes: tuple[str, ...]) -> Hit:
        """The hit for an item's row, as `search` gives it."""
        item = self.items[row]
        evidence = (item.file, item.start, item.end, item.text)
        return Hit(item.kind, item.ref, *evidence, round(score, 6), lanes, self.task_holding(row))

    def task_holding(self, row: int) -> str | None:
        """The task whose text holds a passage (None for others; built at first use)."""
        if self._tasks_holding is None:
            self._tasks_holding = tasks_holding(self.items)
        return self._tasks_holding.get(row)

    def row_of(self, ref: str) -> int:
        """The row of an item by its ref (a task id or a passage ref)."""
        return self._ref_row[ref]

    # Lanes: each returns {row: score} over its candidates.

    def lexical_lane(self, query: str, n: int = CANDIDATES) -> dict[int, float]:
        """BM25 candidates.

        The query without its question words, widened by the thesaurus; an item holding the
        query's words in its own text is raised over one holding them only in its headings.
        """
        words = drop_question_words(query)
        scores = self.index.lexical.scores(words)
        wider = expand_query(self.restored(query)) if EXPANSION else ()
        if wider:
            scores = scores + EXPANSION * self.index.lexical.scores(" ; ".join(wider))
        rows = np.flatnonzero(scores > 0)
        if len(rows) > n:
            # The n best without sorting every row: a million rows cost 100 ms to sort.
            rows = rows[np.argpartition(-scores[rows], n - 1)[:n]]
        # Best first, ties by row, so that the order never depends on the sort's algorithm.
        top = rows[np.lexsort((rows, -scores[rows]))]
        found = {int(r): float(scores[r]) for r in top}
        wanted = set(tokenize(words))
        if OWN_WORDS and found and wanted:
            for r in found:
                own = wanted.intersection(tokenize(self.folded(r)))
                found[r] *= 1.0 + OWN_WORDS * len(own) / len(wanted)
            found = dict(sorted(found.items(), key=lambda x: (-x[1], x[0])))
        return found

    def dense_lane(self, query: str, n: int = CANDIDATES, restore: bool = True) -> dict[int, float]:
        """Embedding candidates, after restoring the query's diacritics."""
        text = self.restored(query) if restore else query
        vector = self.embedder.encode_queries([text])
        scores, ids = self.index.vectors.search(vector, n)
        return {
            self._row[int(i)]: float(s)
            for s, i in zip(scores[0], ids[0], strict=True)
            if int(i) >= 0 and int(i) in self._row
        }

    def dense_within(self, query: str, rows: list[int], restore: bool = True) -> dict[int, float]:
        """The dense lane's scores of the given rows only (a document's passages)."""
        text = self.restored(query) if restore else query
        vector = self.embedder.encode_queries([text])[0]
        ids = np.array([self.items[r].id for r in rows], dtype=np.int64)
        scores, found = self.index.vectors.search_within(vector, ids)
        return {
            self._row[int(i)]: float(s)
            for s, i in zip(scores, found, strict=True)
            if int(i) in self._row
        }

    def rows_naming(self, key: str) -> list[int]:
        """The rows of the items that name, cite or belong to a document."""
        return list(self._by_key.get(key, ()))

    def exact_keys(self, refs: list[QueryReference]) -> list[str]:
        """Keys of the documents the references name, as the index knows them."""
        if not refs:
            return []
        if self._by_number is None:
            # A reference matches only keys of its number: looking at those alone keeps a
            # query naming a document quick when the index knows thousands (40 ms at 98k
            # items, when every key was parsed and compared).
            self._by_number = {}
            for key in self._by_key:
                number = fold(normalize_number(parse_key(key).number))
                self._by_number.setdefault(number, []).append(key)
        numbers = {fold(normalize_number(r.number)) for r in refs}
        if UNKNOWN in numbers:
            candidates = set(self._by_key)
        else:
            candidates = {k for n in numbers for k in self._by_number.get(n, ())}
        return [k for k in self._by_key if k in candidates and any(r.matches(k) for r in refs)]

    def exact_lane(self, query: str) -> dict[int, float]:
        """Items naming, citing or belonging to a document the query names."""
        keys = self.exact_keys(find_query_references(query))
        return {row: 1.0 for key in keys for row in self._by_key[key]}

    def fuse(
        self,
        query: str,
        weights: dict[str, float] | None = None,
        fusion: str = "weighted",
        lanes: dict[str, dict[int, float]] | None = None,
    ) -> list[tuple[int, float, tuple[str, ...]]]:
        """Rows ranked by the fused score, with the lanes that found each.

        Args:
            query: The query.
            weights: Lane weights (default `WEIGHTS`).
            fusion: "weighted" (scaled scores) or "rrf" (reciprocal ranks).
            lanes: Lane results already computed (evaluation reuses them).
        """
        weights = weights or WEIGHTS
        lanes = lanes or self.all_lanes(query)
        total: dict[int, float] = {}
        found: dict[int, list[str]] = {}
        for name, scores in lanes.items():
            if not scores:
                continue
            if fusion == "rrf":
                order = sorted(scores, key=lambda r: -scores[r])
                part = {r: 1.0 / (RRF_K + rank) for rank, r in enumerate(order, 1)}
            else:
                part = scores if name in ("exact", "answer") else _scaled(scores)
            for row, s in part.items():
                total[row] = total.get(row, 0.0) + weights.get(name, 0.0) * s
                found.setdefault(row, []).append(name)
        ranked = sorted(total, key=lambda r: (-total[r], r))
        return [(r, total[r], tuple(found[r])) for r in ranked]

    def answer_lane(self, query: str, rows: set[int]) -> dict[int, float]:
        """Of the candidates, those holding the kind of answer the query asks for."""
        shape = asked_shape(query)
        if shape is None:
            return {}
        return {r: 1.0 for r in sorted(rows) if shape.pattern.search(self.folded(r))}

    def restored(self, query: str) -> str:
        """The query with its diacritics restored (the lanes ask for it once each)."""
        if query not in self._restored:
            if len(self._restored) > 64:
                self._restored.clear()
            self._restored[query] = restore_diacritics(query, self.restorer)
        return self._restored[query]

    def folded(self, row: int) -> str:
        """An item's text folded, kept for the rows queries keep finding."""
        found = self._folded.get(row)
        if found is None:
            if len(self._folded) > 50_000:
                self._folded.clear()
            found = self._folded[row] = fold(self.items[row].text)
        return found

    def all_lanes(self, query: str, n: int = CANDIDATES) -> dict[str, dict[int, float]]:
        """Every lane's candidates for a query (`n` from each ranked lane)."""
        lanes = {
            "exact": self.exact_lane(query),
            "lexical": self.lexical_lane(query, n),
            "dense": self.dense_lane(query, n),
        }
        lanes["answer"] = self.answer_lane(query, set(lanes["lexical"]) | set(lanes["dense"]))
        return lanes

    def search(
        self,
        query: str,
        k: int = 10,
        filters: SearchFilters | None = None,
        *,
        weights: dict[str, float] | None = None,
        fusion: str = "weighted",
        lanes: dict[str, dict[int, float]] | None = None,
    ) -> list[Hit]:
        """The best `k` hits for a query.

        Args:
            query: What the user typed.
            k: How many hits.
            filters: Narrow the hits.
            weights: Lane weights (default `WEIGHTS`).
            fusion: "weighted" or "rrf".
            lanes: Lane results already computed (evaluation reuses them).

        Returns:
            Hits, best first: the documents the query names (when it names any), then
            tasks and passages.
        """
        query = " ".join(query.split())[:MAX_QUERY_CHARS]
        if not query:
            return []
        hits = [*self._document_hits(query, filters)]
        if lanes is None and filters and (filters.document or filters.unit or filters.period):
            # Filters drop most candidates: draw more from each lane.
            lanes = self.all_lanes(query, CANDIDATES * 10)
        shown: dict[str, list[tuple[int, int]]] = {}
        texts: set[tuple[str, str]] = set()
        for h in hits:
            shown.setdefault(h.file, []).append((h.start, h.end))
        for row, score, found in self.fuse(query, weights, fusion, lanes):
            if len(hits) >= k:
                break
            item = self.items[row]
            if filters and not _passes(item, self.folded(row), filters, self._names()):
                continue
            spans = shown.setdefault(item.file, [])
            if any(s < item.end and item.start < e for s, e in spans):
                # A task and the passages cut from its text, or a document hit and its
                # passage, are one place: showing it twice hides the next place.
                continue
            if item.kind == "passage":
                said = (item.file, _opening(self.folded(row)))
                if said in texts:
                    # A web page repeats its question as title, heading and caption, each
                    # opening a passage of its own. (Two tasks of one sentence differ by their
                    # units: both stay.)
                    continue
                texts.add(said)
            spans.append((item.start, item.end))
            hits.append(self.hit(row, score, found))
        return hits[:k]

    def _document_hits(self, query: str, filters: SearchFilters | None) -> list[Hit]:
        refs = find_query_references(query)
        if not refs or (filters and (filters.unit or filters.period)):
            return []
        names = self._names()
        groups: dict[str, list[int]] = {}
        for key in self.exact_keys(refs):
            # Keys the store joins (a year-less "57-NQ/TW" in one file) are one document.
            groups.setdefault(names.get(key, key), []).extend(self._by_key[key])
        hits = []
        for key, rows in list(groups.items())[:3]:
            if filters and filters.document and filters.document != key:
                continue
            # The document's own passage when the index holds its file, else its first naming.
            own = [r for r in rows if self.items[r].owner == key]
            first = self.items[(own or rows)[0]]
            hits.append(
                Hit(
                    "document", key, first.file, first.start, first.end, first.text, 2.0, ("exact",)
                )
            )
        return hits


_SENTENCE_END = re.compile(r"[.?!;:](?=\s|$)")


def _opening(folded: str) -> str:
    """A text's first sentence when it is long enough to be said once; else the whole text.

    "a) Phạt tiền …" items share their first words, never a whole sentence of 40 characters.
    """
    end = _SENTENCE_END.search(folded)
    first = folded[: end.end()] if end else folded
    return " ".join((first if len(first) >= 40 else folded).split())


def _passes(item: Item, folded: str, filters: SearchFilters, names: dict[str, str]) -> bool:
    """Whether an item passes the filters (`folded`: its text folded, from the searcher's cache)."""
    if filters.document:
        # The document as the store shows it, whichever of its joined keys names it.
        wanted = names.get(filters.document, filters.document)
        if wanted not in {names.get(k, k) for k in (*item.keys, item.owner) if k}:
            return False
    if filters.unit:
        want = fold(" ".join(filters.unit.split()))
        units = [fold(u) for u in (*item.lead, *item.partners)]
        if not any(want in u for u in units) and (item.kind == "task" or want not in folded):
            return False
    if filters.period:
        want = fold(" ".join(filters.period.split()))
        where = fold(item.period or "") if item.kind == "task" else folded
        if want not in where:
            return False
    return True


def open_searcher(
    workspace: Path, store: GraphStore | None = None, embedder: Embedder | None = None
) -> Searcher:
    """Open a workspace's search index with the embedder of its model.

    Raises:
        IndexNotBuilt: The workspace has no search index.
        ModelMismatch: `embedder` is not the index's model.
    """
    index = load_search_index(Path(workspace), embedder.name if embedder else None)
    return Searcher(index, embedder or (lambda: load_embedder(index.model)), store)
