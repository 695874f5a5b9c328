"""Whole-file extraction time as a file grows: does it stay linear?

Extracts one file made of a sample work programme repeated to 1, 2 and 4 MB (letterhead,
references, tables, tasks, relations; no embeddings) and prints seconds, seconds per MB and
the growth from one size to the next (2.0 when the size doubles and the time is linear).
The baseline, in the same run, is the reference reader alone (cleaning and the số hiệu
grammar) over the same text. Run:

    .venv/bin/python bench/bench_structure.py [--sizes 1 2 4]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ingest.clean import clean_document
from ingest.extract import find_mentions
from ingest.models import RawDocument
from ingest.pipeline import extract_documents

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "001_6eee8d5a1ed87784.txt"


def _document(megabytes: float) -> RawDocument:
    text = SAMPLE.read_text(encoding="utf-8")
    reps = max(1, int(megabytes * 1024 * 1024 / len(text.encode("utf-8"))))
    return RawDocument(
        path=f"bench-{megabytes}MB.txt", source_text=text * reps, encoding="utf-8", format="txt"
    )


def _seconds(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    print(f"{'MB':>5} {'chidao s':>9} {'s/MB':>6} {'growth':>7} {'baseline s':>11} {'s/MB':>6}")
    previous = None
    for mb in args.sizes:
        raw = _document(mb)
        full = _seconds(lambda raw=raw: extract_documents([clean_document(raw)]))
        base = _seconds(lambda raw=raw: find_mentions(clean_document(raw)))
        growth = f"{full / previous:7.2f}" if previous else f"{'':>7}"
        print(f"{mb:5.1f} {full:9.2f} {full / mb:6.2f} {growth} {base:11.2f} {base / mb:6.2f}")
        previous = full


if __name__ == "__main__":
    main()
