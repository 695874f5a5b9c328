"""Write `search/data/calibration.txt`: the texts the int8 model is calibrated on.

Static int8 quantisation needs sample inputs to choose the ranges of each layer's
activations. They are texts of the kind chidao embeds: passages of the sample corpus with
the context they are indexed with (`search.passages.cut_text`), and the sample queries,
each with its e5 prefix, one per line. They ship in the package, so every machine
calibrates alike and the conversion depends on nothing the user holds. Run:

    .venv/bin/python bench/make_calibration.py
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

from search.passages import cut_text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "search" / "data" / "calibration.txt"
PASSAGES, QUERIES = 240, 60


def main() -> None:
    """Pick passages and queries at random (seeded) and write them."""
    rng = random.Random(57)
    passages = []
    for path in sorted((ROOT / "data" / "sample").glob("*.txt")):
        cut, _outline = cut_text(unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig")))
        for p in cut:
            context = " › ".join(p.context)
            passages.append("passage: " + (f"{context}\n{p.text}" if context else p.text))
    queries = [
        "query: " + q["query"]
        for q in json.loads((ROOT / "tests/data/search_queries.json").read_text("utf-8"))
    ]
    chosen = rng.sample(passages, min(PASSAGES, len(passages))) + rng.sample(
        queries, min(QUERIES, len(queries))
    )
    lines = [" ".join(t.split()) for t in chosen]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} texts")


if __name__ == "__main__":
    main()
