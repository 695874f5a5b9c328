"""Extraction throughput: chidao's cleaner + grammar beside a single-regex baseline.

Prints MB of text per second on one core (no embeddings), for the sample corpus repeated
to a few megabytes, and the same for a plain single regex over the same text. Run:

    .venv/bin/python bench/bench_extract.py [--mb 8]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from ingest.clean import clean_document
from ingest.extract import find_mentions
from ingest.models import RawDocument
from ingest.resolve import resolve_mentions

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"

# The baseline: one regex for the commonest số hiệu shapes, no cleaning, no fields.
BASELINE = re.compile(r"\d{1,5}\s?[/-]\s?[A-ZĐa-zđ&]+(?:[/-][A-ZĐa-zđ0-9&]+)+")


def _corpus(megabytes: float) -> str:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt")))
    reps = max(1, int(megabytes * 1024 * 1024 / len(text.encode("utf-8"))))
    return "\n\n".join([text] * reps)


def _best_of(runs: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        # CPU time of this process: one core, whatever else the machine is doing.
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=8.0, help="size of the text in MB")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = _corpus(args.mb)
    size_mb = len(text.encode("utf-8")) / 1024 / 1024

    def chidao():
        doc = clean_document(RawDocument("bench.txt", text, "utf-8", "txt"))
        mentions = find_mentions(doc)
        resolve_mentions(mentions)
        return mentions

    t_chidao, mentions = _best_of(args.runs, chidao)
    t_base, hits = _best_of(args.runs, lambda: BASELINE.findall(text))
    print(
        f"text: {size_mb:.1f} MB (sample corpus repeated), best of {args.runs} runs, "
        "CPU seconds of one core"
    )
    print(f"{'extractor':28} {'seconds':>8} {'MB/s':>8} {'references':>11}")
    print(
        f"{'chidao (clean+grammar+resolve)':28} {t_chidao:8.2f} {size_mb / t_chidao:8.2f} "
        f"{len(mentions):11d}"
    )
    print(f"{'baseline (one regex)':28} {t_base:8.2f} {size_mb / t_base:8.2f} {len(hits):11d}")


if __name__ == "__main__":
    main()
