"""Scoring search on a query set: recall@k and MRR of each lane and of the fusion.

A query set (tests/data/search_queries.json) lists queries with the places that answer them,
each a file name and a verbatim snippet of it. A hit is relevant when it stands in that file
and its span overlaps the snippet's; a query's reciprocal rank is that of its first relevant
hit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.clean import normalize_text
from search.hybrid import Searcher

Spans = dict[str, list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class LaneScore:
    """How one ranking did on a query set.

    Attributes:
        lane: "exact", "lexical", "dense", "dense-raw" (no restoration), "rrf" or "hybrid".
        recall: Share of queries with a relevant hit in the top k.
        mrr: Mean reciprocal rank of the first relevant hit (0 when none in the top 10).
        by_kind: kind → (recall, mrr) for each kind of query.
        missed: Ids of queries with no relevant hit in the top k.
    """

    lane: str
    recall: float
    mrr: float
    by_kind: dict[str, tuple[float, float]]
    missed: tuple[str, ...]


class BadQuerySet(ValueError):
    """A query set whose snippet does not occur in its file."""


def read_query_set(path: Path) -> list[dict]:
    """Read a query set (a JSON list of {id, query, kind, relevant: [{file, text}]})."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def relevant_spans(queries: Sequence[dict], texts: dict[str, str]) -> dict[str, Spans]:
    """Where each query's snippets stand: query id → file name → spans.

    Args:
        queries: The query set.
        texts: File name (no folder) → NFC text.

    Raises:
        BadQuerySet: A snippet is not in its file (the set and the corpus disagree).
    """
    out: dict[str, Spans] = {}
    for q in queries:
        spans: Spans = {}
        for rel in q["relevant"]:
            text = texts.get(rel["file"])
            snippet = normalize_text(rel["text"])
            at = -1 if text is None else text.find(snippet)
            if at < 0:
                raise BadQuerySet(f"{q['id']}: snippet not found in {rel['file']}: {snippet!r}")
            while at >= 0:
                spans.setdefault(rel["file"], []).append((at, at + len(snippet)))
                at = text.find(snippet, at + 1)
        out[q["id"]] = spans
    return out


def _is_relevant(file: str, start: int, end: int, spans: Spans) -> bool:
    return any(s < end and start < e for s, e in spans.get(Path(file).name, ()))


def score_rankings(
    lane: str,
    queries: Sequence[dict],
    spans: dict[str, Spans],
    rank: Callable[[dict], list[tuple[str, int, int]]],
    k: int = 5,
) -> LaneScore:
    """Score one ranking function: query → [(file, start, end), ...] best first."""
    hits_at_k, reciprocal = [], []
    kinds: dict[str, list[tuple[bool, float]]] = {}
    missed = []
    for q in queries:
        ranked = rank(q)[:10]
        first = next(
            (n for n, (f, s, e) in enumerate(ranked, 1) if _is_relevant(f, s, e, spans[q["id"]])),
            None,
        )
        ok = first is not None and first <= k
        rr = 1.0 / first if first else 0.0
        hits_at_k.append(ok)
        reciprocal.append(rr)
        kinds.setdefault(q.get("kind", "?"), []).append((ok, rr))
        if not ok:
            missed.append(q["id"])
    n = max(len(queries), 1)
    return LaneScore(
        lane,
        sum(hits_at_k) / n,
        sum(reciprocal) / n,
        {
            kind: (sum(o for o, _ in v) / len(v), sum(r for _, r in v) / len(v))
            for kind, v in sorted(kinds.items())
        },
        tuple(missed),
    )


def evaluate_search(
    searcher: Searcher,
    queries: Sequence[dict],
    texts: dict[str, str],
    k: int = 5,
    weights: dict[str, float] | None = None,
) -> list[LaneScore]:
    """Score every lane alone, reciprocal-rank fusion and the weighted fusion.

    Args:
        searcher: The searcher over an index of the corpus.
        queries: The query set.
        texts: File name → NFC text of the corpus files.
        k: The cut-off for recall.
        weights: Fusion weights (default: the tuned `WEIGHTS`).

    Returns:
        One score per ranking: exact, lexical, dense-raw, dense, rrf, hybrid.
    """
    spans = relevant_spans(queries, texts)
    lanes = {q["id"]: searcher.all_lanes(q["query"]) for q in queries}
    raw = {q["id"]: searcher.dense_lane(q["query"], restore=False) for q in queries}

    def items(rows) -> list[tuple[str, int, int]]:
        return [
            (searcher.items[r].file, searcher.items[r].start, searcher.items[r].end) for r in rows
        ]

    def by_score(scores: dict[int, float]) -> list[int]:
        return sorted(scores, key=lambda r: (-scores[r], r))

    def fused(fusion: str) -> Callable[[dict], list[tuple[str, int, int]]]:
        def rank(q: dict) -> list[tuple[str, int, int]]:
            hits = searcher.search(
                q["query"], k=10, weights=weights, fusion=fusion, lanes=lanes[q["id"]]
            )
            return [(h.file, h.start, h.end) for h in hits]

        return rank

    def lane(name: str) -> Callable[[dict], list[tuple[str, int, int]]]:
        return lambda q: items(by_score(lanes[q["id"]][name]))

    results = [score_rankings(name, queries, spans, lane(name), k) for name in ("exact", "lexical")]
    results.append(
        score_rankings("dense-raw", queries, spans, lambda q: items(by_score(raw[q["id"]])), k)
    )
    results.append(score_rankings("dense", queries, spans, lane("dense"), k))
    results.append(score_rankings("rrf", queries, spans, fused("rrf"), k))
    results.append(score_rankings("hybrid", queries, spans, fused("weighted"), k))
    return results
