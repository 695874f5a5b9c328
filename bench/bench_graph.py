"""Graph benchmark: ingest rate and derive/trace latency at scale, beside a networkx baseline.

Builds a synthetic corpus (bench/synth.py) of about N tasks, ingests it into a fresh
embedded store through the whole pipeline, then times `derive` on documents of each level of
the hierarchy (Sở plans, provincial plans, Tỉnh ủy plans, central resolutions) and `trace` on
random tasks; the same questions are answered by a plain networkx graph built from the same
facts, in the same run, and the answers are checked to agree. Run:

    .venv/bin/python bench/bench_graph.py --tasks 10000 100000
    .venv/bin/python bench/bench_graph.py --workspace WS   # a store built before

`derive` is timed twice per document: as the first question of a process (no task index
parsed yet, as on the command line) and asked again (as in the explorer, once its second
question has read the hierarchy whole: `graph.query._DeriveIndex`, timed on its own).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import networkx as nx

from chidao import Workspace, ingest_files
from graph.export import build_network
from graph.query import (
    AmbiguousReference,
    UnknownDocument,
    clear_task_cache,
    derive,
    find_document,
    stats,
    trace,
)
from graph.store import open_store
from ingest.keys import parse_key
from ontology.mapping import key_of

HERE = Path(__file__).resolve().parent


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return (time.perf_counter() - t0) * 1000, out


def _level(key: str) -> str:
    issuer = key.split(":")[2] if key.count(":") >= 3 else ""
    if issuer in ("TW", "CP", "QH15", "BCĐTW", "TTg"):
        return "central"
    if issuer == "TU":
        return "tỉnh ủy"
    if issuer.startswith("UBND"):
        return "ubnd tỉnh"
    return "sở"


def _baseline(store) -> tuple[nx.DiGraph, dict[str, set[str]], dict[str, set[str]]]:
    """The same facts in networkx: up-edges between documents, tasks by document."""
    g = nx.DiGraph()
    for r in store.select("SELECT ?a ?b WHERE { ?a eli:applies ?b }"):
        g.add_edge(key_of(r["a"]), key_of(r["b"]))
    for r in store.select("SELECT ?a ?b WHERE { ?a chidao:issues ?b }"):
        g.add_edge(key_of(r["b"]), key_of(r["a"]))
    for r in store.select("SELECT ?a ?b WHERE { ?a chidao:sameAs ?b }"):
        g.add_edge(key_of(r["a"]), key_of(r["b"]))
        g.add_edge(key_of(r["b"]), key_of(r["a"]))
    tasks: dict[str, set[str]] = defaultdict(set)
    docs_of: dict[str, set[str]] = defaultdict(set)
    for r in store.select(
        "SELECT ?id ?d WHERE { ?t chidao:taskId ?id . { ?t chidao:cites ?d } UNION "
        "{ ?t chidao:partOf ?d } }"
    ):
        tasks[key_of(r["d"])].add(str(r["id"]))
        docs_of[str(r["id"])].add(key_of(r["d"]))
    return g, tasks, docs_of


def _baseline_derive(g: nx.DiGraph, tasks: dict[str, set[str]], key: str) -> set[str]:
    below = (nx.ancestors(g, key) if key in g else set()) | {key}
    return set().union(*(tasks.get(k, set()) for k in below))


def run(n_tasks: int, seed: int, samples: int) -> None:
    """Generate a corpus of about `n_tasks` tasks, ingest it, and time the questions."""
    with tempfile.TemporaryDirectory(prefix="chidao-bench-") as tmp:
        corpus, ws = Path(tmp) / "corpus", Path(tmp) / "ws"
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(HERE / "synth.py"),
                str(corpus),
                "--tasks",
                str(n_tasks),
                "--seed",
                str(seed),
            ],
            check=True,
        )
        gen_s = time.perf_counter() - t0
        files = sorted(corpus.rglob("*.txt"))
        mb = sum(f.stat().st_size for f in files) / 1e6
        t0 = time.perf_counter()
        with Workspace.open(ws, create=True) as opened:
            report = ingest_files(opened, files, index=False).report
        ingest_s = time.perf_counter() - t0
        print(
            f"\n== {report.tasks} tasks in {len(files)} files ({mb:.1f} MB), "
            f"generated in {gen_s:.1f} s"
        )
        print(
            f"ingest: {ingest_s:.1f} s = {report.tasks / ingest_s:.0f} tasks/s, "
            f"{mb / ingest_s:.2f} MB/s, {len(files) / ingest_s:.1f} files/s",
            flush=True,
        )
        # The questions are asked in a new process on the reopened store, as users ask
        # them after an ingest: in the process that has just ingested 100k tasks they run
        # some 40% slower (its heap, the store's fresh writes), for the baseline too.
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--workspace",
                str(ws),
                "--seed",
                str(seed),
                "--samples",
                str(samples),
            ],
            check=True,
        )


def measure(store, seed: int, samples: int) -> None:
    """Time derive (first question in a process, and asked again) and trace on a store."""
    t0 = time.perf_counter()
    g, tasks, docs_of = _baseline(store)
    print(f"networkx baseline built from the store in {time.perf_counter() - t0:.2f} s")
    rng = random.Random(seed)
    # The plans of the corpus (each file's own document), and the central documents
    # they carry out: the documents users ask about.
    plans = [
        str(r["k"])
        for r in store.select(
            "SELECT DISTINCT ?k WHERE { ?f chidao:isDocument ?d . ?d chidao:key ?k }"
        )
    ]
    central = [
        str(r["k"])
        for r in store.select("SELECT DISTINCT ?k WHERE { ?x eli:applies ?d . ?d chidao:key ?k }")
    ]
    by_level: dict[str, list[str]] = defaultdict(list)
    for k in sorted(plans):
        by_level[_level(k)].append(k)
    by_level["central"] = sorted(k for k in central if _level(k) == "central")
    # "first": the process has parsed no task index yet (a command line's one question);
    # "again": asked once more in the explorer, whose task indexes and hierarchy stay read.
    clear_task_cache()
    derive(store, by_level["central"][0])
    ms, _ = _timed(derive, store, by_level["central"][0])
    print(
        f"derive index (the hierarchy read whole, once per snapshot, at a process's second "
        f"question): {ms:.0f} ms"
    )
    print(
        f"{'query':20} {'n':>4} {'first p50':>10} {'first p95':>10} {'again p50':>10} "
        f"{'again p95':>10} {'base p50':>9} {'base p95':>9} {'tasks/answer':>13}"
    )
    for level in ("sở", "ubnd tỉnh", "tỉnh ủy", "central"):
        pool = by_level.get(level, [])
        chosen = rng.sample(pool, min(samples, len(pool)))
        # Few documents at a level (a corpus names some fifteen central resolutions): each is
        # asked up to three times, so that p95 is not simply the slowest one.
        chosen *= min(3, -(-samples // max(1, len(chosen))))
        first, again, base, sizes = [], [], [], []
        for key in chosen:
            clear_task_cache()
            ms, found = _timed(derive, store, key)
            first.append(ms)
            derive(store, key)  # the second question reads the hierarchy whole (timed above)
            again.append(_timed(derive, store, key)[0])
            bms, expected = _timed(_baseline_derive, g, tasks, key)
            if {t.id for t in found} != expected:
                print(f"   disagreement on {key}: {len(found)} vs {len(expected)}")
            base.append(bms)
            sizes.append(len(found))
        if chosen:
            print(
                f"{'derive ' + level:20} {len(chosen):>4} {_pct(first, 0.5):>10.1f} "
                f"{_pct(first, 0.95):>10.1f} {_pct(again, 0.5):>10.1f} "
                f"{_pct(again, 0.95):>10.1f} {_pct(base, 0.5):>9.2f} {_pct(base, 0.95):>9.2f} "
                f"{statistics.median(sizes):>13.0f}"
            )
    task_ids = sorted(
        str(r["id"]) for r in store.select("SELECT ?id WHERE { ?t chidao:taskId ?id }")
    )
    ours, base = [], []
    for tid in rng.sample(task_ids, min(samples * 2, len(task_ids))):
        ms, _ = _timed(trace, store, tid)
        ours.append(ms)
        bms, _ = _timed(_baseline_trace, g, docs_of, tid)
        base.append(bms)
    print(
        f"{'trace task':20} {len(ours):>4} {_pct(ours, 0.5):>10.1f} {_pct(ours, 0.95):>10.1f} "
        f"{'':>10} {'':>10} {_pct(base, 0.5):>9.2f} {_pct(base, 0.95):>9.2f}"
    )
    # What users type ("57-NQ/TW", "nq 57") for the central resolutions: every file naming
    # one restates its number, which once made this quadratic.
    typed = [
        form
        for key in by_level["central"]
        for form in (_symbol_of(key), f"{key.split(':')[0].lower()} {key.split(':')[1]}")
        if form
    ]
    found = [_timed(_find_or_ask, store, text)[0] for text in typed]
    print(
        f"{'find typed reference':20} {len(found):>4} {_pct(found, 0.5):>10.1f} "
        f"{_pct(found, 0.95):>10.1f}"
    )
    ms, net = _timed(build_network, store)
    print(
        f"export network: {ms / 1000:.1f} s for {net.number_of_nodes()} nodes and "
        f"{net.number_of_edges()} edges (GraphML and CSV are written from it)"
    )


def _symbol_of(key: str) -> str | None:
    """The số hiệu of a central resolution's key: NQ:57:TW:2024 → 57-NQ/TW."""
    k = parse_key(key)
    if k.issuer == "TW":
        return f"{k.number}-{k.type_code}/{k.issuer}"
    return f"{k.number}/{k.type_code}-{k.issuer}"


def _find_or_ask(store, text: str) -> str | None:
    try:
        return find_document(store, text)
    except AmbiguousReference:  # "nq 57" may name a Government resolution as well
        return None
    except UnknownDocument:
        print(f"   not found: {text}")
        return None


def _baseline_trace(g: nx.DiGraph, docs_of: dict[str, set[str]], tid: str) -> list[list[str]]:
    chains = []
    for start in sorted(docs_of.get(tid, ())):
        if start not in g:
            chains.append([start])
            continue
        roots = [n for n in nx.descendants(g, start) | {start} if g.out_degree(n) == 0]
        for root in roots:
            chains.extend(nx.all_simple_paths(g, start, root) if root != start else [[start]])
    return chains


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=40, help="documents per level")
    parser.add_argument(
        "--workspace",
        type=Path,
        help="time the questions on this workspace's store (built before) instead of a new one",
    )
    args = parser.parse_args()
    if args.workspace:
        store = open_store(args.workspace, read_only=True)
        print(f"the store in {args.workspace}: {stats(store)['tasks']} tasks", flush=True)
        measure(store, args.seed, args.samples)
        store.close()
        return
    for n in args.tasks:
        run(n, args.seed, args.samples)


if __name__ == "__main__":
    main()
