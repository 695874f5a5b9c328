"""Search latency as the explorer sees it, at the size of a real archive and at a million.

`bench/bench_search.py` times the vector index alone; this times `Searcher.search`, what
the explorer's search box and `chidao search` call: diacritics restored, the exact, lexical
(BM25) and dense lanes, their fusion and the hits built, with the query embedded by the
default model. It loads a workspace's index (a real archive, e.g. all of corpus-real), and
grows it to `--size` items by copying its items under new ids, each copy's vectors moved by
a little noise (so the IVF cells fill as with new text), then times the development and test
archive queries one at a time at both sizes. The real size is the baseline. Run:

    .venv/bin/python bench/bench_hybrid.py WORKSPACE [--size 1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from search.build import LoadedIndex, load_search_index
from search.embed import load_embedder
from search.hybrid import Searcher
from search.lexical import LexicalIndex
from search.vectors import create_index

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    ROOT / "tests/data/search_real/dev_queries.json",
    ROOT / "tests/data/search_real/test_queries.json",
]


def _grown(index: LoadedIndex, size: int, seed: int) -> LoadedIndex:
    """The index with its items copied under new ids up to `size`, vectors moved a little."""
    rng = np.random.default_rng(seed)
    ids, vectors = index.vectors.contents()
    by_id = dict(zip(ids.tolist(), range(len(ids)), strict=True))
    items = list(index.items)
    parts_ids, parts_vectors = [ids], [vectors]
    next_id = max(ids) + 1
    while len(items) < size:
        take = index.items[: size - len(items)]
        rows = np.array([by_id[i.id] for i in take])
        noisy = vectors[rows] + rng.normal(0, 0.02, (len(rows), vectors.shape[1])).astype(
            np.float32
        )
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        new_ids = np.arange(next_id, next_id + len(take), dtype=np.int64)
        items.extend(replace(i, id=int(n)) for i, n in zip(take, new_ids, strict=True))
        parts_ids.append(new_ids)
        parts_vectors.append(noisy)
        next_id += len(take)
    grown = create_index(index.vectors.model, index.vectors.dimension)
    grown.add(np.concatenate(parts_ids), np.concatenate(parts_vectors))
    lexical = LexicalIndex.build([i.indexed for i in items])
    return LoadedIndex(index.model, index.dimension, tuple(items), grown, lexical, index.files)


def _time(searcher: Searcher, queries: list[str]) -> tuple[float, float, float]:
    """p50, p95 and max of one search each, in milliseconds (after a warm-up)."""
    for q in queries[:5]:
        searcher.search(q, k=10)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        searcher.search(q, k=10)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    queries = [q["query"] for path in QUERIES for q in json.loads(path.read_text("utf-8"))]
    index = load_search_index(args.workspace)
    embedder = load_embedder(index.model)
    print(f"{len(queries)} queries; model {index.model}; {len(index.items)} items in the workspace")
    print(
        f"{'items':>10} {'vector index':>14} {'build':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    )
    for size in (len(index.items), args.size):
        t0 = time.perf_counter()
        loaded = index if size == len(index.items) else _grown(index, size, args.seed)
        searcher = Searcher(loaded, embedder)
        searcher.restorer  # noqa: B018  (built once per process, as in the explorer)
        build = time.perf_counter() - t0
        p50, p95, worst = _time(searcher, queries)
        print(
            f"{len(loaded.items):>10} {loaded.vectors.kind:>14} {build:>7.0f}s {p50:>8.1f} "
            f"{p95:>8.1f} {worst:>8.1f}",
            flush=True,
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(f"peak memory {peak:.1f} GB")


if __name__ == "__main__":
    main()
