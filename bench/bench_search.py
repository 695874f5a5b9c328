"""Search benchmark: embedding throughput, vector index build time and search latency.

Prints, in one run:

1. passages/s of the default embedding model (`search.embed.load_embedder()`) on real
   Vietnamese passages: sentence-like segments (50-400 characters) of `data/sample/*.txt`,
   batch 32;
2. for each size, synthetic unit vectors of dimension 384 drawn from a mixture of gaussians
   (topics and sub-topics), searched one query at a time for the 10 nearest: a brute-force
   numpy baseline (`X @ q`, `argpartition`), chidao's `VectorIndex` (exact or IVF-Flat, as
   it chooses by size) and, where it chose IVF-Flat, the same index forced to exact search;
   build time, latency p50/p95 and recall@10 against the baseline.

Run:

    .venv/bin/python bench/bench_search.py [--sizes 10000 1000000] [--queries 200] [--skip-embed]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import faiss
import numpy as np

from search.vectors import EXACT_LIMIT, create_index

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
# A two-level mixture of gaussians: text embeddings cluster by topic, loosely. With these
# spreads a vector's nearest neighbour has cosine ~0.4 and IVF needs several cells per query
# (a one-level mixture of well-separated gaussians is found in one cell: too easy).
TOPICS = 100
SUBTOPICS = 100
#: Noise norms, relative to a unit centre: of sub-topics round topics, of vectors round those.
SUBTOPIC_SPREAD = 1.0
SPREAD = 1.5


def sample_passages(count: int) -> list[str]:
    """Sentence-like segments of 50-400 characters of the sample corpus, up to `count`.

    Lines are joined first: the texts wrap lines inside sentences.
    """
    segments: list[str] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        text = " ".join(unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig")).split())
        segments += [s for s in re.split(r"(?<=[.;:!?])\s+", text) if 50 <= len(s) <= 400]
    return segments[:count]


def bench_embedding(count: int, batch_size: int) -> None:
    """Print the default model's load time and passages/s."""
    from search.embed import load_embedder

    passages = sample_passages(count)
    t0 = time.perf_counter()
    embedder = load_embedder()
    loaded = time.perf_counter() - t0
    embedder.encode_passages(passages[:batch_size], batch_size=batch_size)  # warm-up
    t0 = time.perf_counter()
    matrix = embedder.encode_passages(passages, batch_size=batch_size)
    seconds = time.perf_counter() - t0
    chars = statistics.mean(len(p) for p in passages)
    print(f"## Embedding: {embedder.name} (dimension {embedder.dimension})")
    print(f"model load {loaded:.1f} s")
    print(
        f"{len(passages)} passages of the sample corpus ({chars:.0f} characters on average), "
        f"batch {batch_size}: {seconds:.1f} s, {len(passages) / seconds:.1f} passages/s "
        f"({matrix.shape[0]}×{matrix.shape[1]} float32)\n"
    )


def topic_centres(dimension: int, rng: np.random.Generator) -> np.ndarray:
    """Sub-topic centres: `TOPICS` random directions, `SUBTOPICS` centres scattered round each."""
    topics = unit_rows(rng.standard_normal((TOPICS, dimension), dtype=np.float32))
    offsets = rng.standard_normal((TOPICS * SUBTOPICS, dimension), dtype=np.float32)
    return unit_rows(
        np.repeat(topics, SUBTOPICS, axis=0) + offsets * (SUBTOPIC_SPREAD / np.sqrt(dimension))
    )


def synthetic(count: int, centres: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`count` unit vectors scattered round random sub-topic centres, made in chunks."""
    dimension = centres.shape[1]
    out = np.empty((count, dimension), dtype=np.float32)
    for start in range(0, count, 100_000):
        stop = min(start + 100_000, count)
        noise = rng.standard_normal((stop - start, dimension), dtype=np.float32)
        out[start:stop] = unit_rows(
            centres[rng.integers(0, len(centres), stop - start)]
            + noise * (SPREAD / np.sqrt(dimension))
        )
    return out


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1."""
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def latencies(search: Callable[[np.ndarray], np.ndarray], queries: np.ndarray):
    """Per-query seconds and the ids found, one query at a time."""
    times, found = [], []
    for query in queries:
        t0 = time.perf_counter()
        ids = search(query)
        times.append(time.perf_counter() - t0)
        found.append(ids)
    return np.array(times), np.array(found)


def numpy_top(matrix: np.ndarray, k: int) -> Callable[[np.ndarray], np.ndarray]:
    """The baseline: every score, then the k best by argpartition."""

    def search(query: np.ndarray) -> np.ndarray:
        scores = matrix @ query
        top = np.argpartition(-scores, k)[:k]
        return top[np.argsort(-scores[top])]

    return search


def index_top(index, k: int) -> Callable[[np.ndarray], np.ndarray]:
    """One query through a `VectorIndex`."""

    def search(query: np.ndarray) -> np.ndarray:
        return index.search(query[None, :], k)[1][0]

    return search


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of the true k nearest that were found."""
    return float(
        np.mean([len(set(a) & set(b)) / len(b) for a, b in zip(found, truth, strict=True)])
    )


def row(size: int, method: str, kind: str, build: float | None, times, rec: float | None) -> None:
    """Print one line of the table."""
    p50, p95 = np.percentile(times, 50) * 1000, np.percentile(times, 95) * 1000
    build_text = f"{build:9.2f}" if build is not None else f"{'-':>9}"
    rec_text = f"{rec:9.3f}" if rec is not None else f"{'(truth)':>9}"
    print(
        f"{size:>9,} | {method:<26} | {kind:<22} | {build_text} | {p50:8.2f} | {p95:8.2f} "
        f"| {rec_text}",
        flush=True,
    )


def bench_size(size: int, queries: np.ndarray, centres, rng, k: int, exact_limit: int) -> None:
    """Build and search at one size; print the rows."""
    matrix = synthetic(size, centres, rng)
    ids = np.arange(size, dtype=np.int64)

    times, truth = latencies(numpy_top(matrix, k), queries)
    row(size, "numpy brute force", "X @ q, argpartition", None, times, None)

    t0 = time.perf_counter()
    index = create_index("synthetic", matrix.shape[1], exact_limit=exact_limit)
    index.add(ids, matrix)
    build = time.perf_counter() - t0
    kind = index.kind if index.kind == "flat" else f"{index.kind} {index.nprobe}/{index.nlist}"
    times, found = latencies(index_top(index, k), queries)
    row(size, "VectorIndex", kind, build, times, recall(found, truth))
    del index

    if size > exact_limit:
        t0 = time.perf_counter()
        exact = create_index("synthetic", matrix.shape[1], exact_limit=size)
        exact.add(ids, matrix)
        build = time.perf_counter() - t0
        times, found = latencies(index_top(exact, k), queries)
        row(size, "VectorIndex, forced exact", exact.kind, build, times, recall(found, truth))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--dimension", type=int, default=384)
    parser.add_argument("--passages", type=int, default=320, help="passages to embed")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--skip-embed", action="store_true", help="no embedding throughput")
    parser.add_argument("--threads", type=int, default=2, help="FAISS OpenMP threads")
    parser.add_argument("--exact-limit", type=int, default=EXACT_LIMIT)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    faiss.omp_set_num_threads(args.threads)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{os.cpu_count()} CPUs, load average {load:.2f} before the run; faiss "
        f"{faiss.__version__} with {args.threads} OpenMP threads (VectorIndex runs single "
        f"queries on one); numpy {np.__version__}\n"
    )
    if not args.skip_embed:
        bench_embedding(args.passages, args.batch_size)

    rng = np.random.default_rng(args.seed)
    centres = topic_centres(args.dimension, rng)
    queries = synthetic(args.queries, centres, rng)
    print(
        f"## Vector search: {args.queries} single queries, k={args.k}, dimension "
        f"{args.dimension}, {TOPICS}×{SUBTOPICS} gaussian (sub)topics; exact up to "
        f"{args.exact_limit:,} vectors"
    )
    print(
        f"{'vectors':>9} | {'method':<26} | {'index (nprobe/nlist)':<22} | {'build s':>9} "
        f"| {'p50 ms':>8} | {'p95 ms':>8} | {'recall@10':>9}"
    )
    for size in args.sizes:
        bench_size(size, queries, centres, rng, args.k, args.exact_limit)


if __name__ == "__main__":
    main()
