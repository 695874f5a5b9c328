"""Score extracted mentions and documents against hand-made gold annotations.

A predicted mention matches a gold one when their spans overlap and they agree on
type_code, number (without leading zeros) and issuer (case-insensitively); each gold
mention is matched at most once. Documents match on type_code, number, issuer and year.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.catalogue import match_issuer
from ingest.keys import normalize_number
from ingest.models import LegalDocument, Mention
from ingest.pipeline import extract_documents, read_document
from ingest.text import fold


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one comparison.

    Attributes:
        true_pos: Predictions that match gold.
        predicted: Number of predictions.
        gold: Number of gold items.
    """

    true_pos: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 when nothing was predicted)."""
        return self.true_pos / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when there is no gold)."""
        return self.true_pos / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_pos + other.true_pos, self.predicted + other.predicted, self.gold + other.gold
        )


@dataclass(frozen=True, slots=True)
class FileReport:
    """Scores for one file, with what was missed and what was extra.

    Attributes:
        file: The corpus file name.
        mentions: Mention score.
        documents: Document score.
        missed: Gold mentions not found, as (start, surface).
        extra: Predicted mentions not in gold, as (start, surface).
    """

    file: str
    mentions: Score
    documents: Score
    missed: tuple[tuple[int, str], ...]
    extra: tuple[tuple[int, str], ...]


def _issuer_code(issuer: str | None) -> str:
    """An issuer as its canonical code, part by part: "SNN&MT" and "SNNMT" name one body."""
    parts = (issuer or "").split("-")
    return "-".join((match_issuer(p, repair=False) or p).casefold() for p in parts)


def _fields(item: dict | Mention | LegalDocument) -> tuple:
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k)
    return (
        get("type_code"),
        normalize_number(str(get("number"))),
        _issuer_code(get("issuer")),
    )


def score_mentions(predicted: Sequence[Mention], gold: Sequence[dict]) -> tuple[Score, list, list]:
    """Match predicted mentions to gold mentions of one file.

    Args:
        predicted: Extracted mentions.
        gold: Gold mentions (dicts with start, end, surface, type_code, number, issuer).

    Returns:
        The score, the gold mentions missed, and the predictions not in gold.
    """
    used: set[int] = set()
    extra = []
    for p in predicted:
        hit = next(
            (
                i
                for i, g in enumerate(gold)
                if i not in used
                and p.start < g["end"]
                and g["start"] < p.end
                and _fields(p) == _fields(g)
            ),
            None,
        )
        if hit is None:
            extra.append((p.start, p.surface))
        else:
            used.add(hit)
    missed = [(g["start"], g["surface"]) for i, g in enumerate(gold) if i not in used]
    return Score(len(used), len(predicted), len(gold)), missed, extra


def score_documents(predicted: Iterable[LegalDocument], gold: Sequence[dict]) -> Score:
    """Match predicted documents to gold documents of one file.

    Args:
        predicted: Documents the file's mentions resolve to.
        gold: Gold documents (dicts with type_code, number, issuer, year).

    Returns:
        The score.
    """
    pred = list(predicted)
    remaining = [(*_fields(g), g.get("year")) for g in gold]
    true_pos = 0
    for d in pred:
        sig = (*_fields(d), d.year)
        if sig in remaining:
            remaining.remove(sig)
            true_pos += 1
    return Score(true_pos, len(pred), len(gold))


def load_gold(path: str | Path) -> dict:
    """Read one gold file (references or structure); its surfaces in NFC."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    for m in data.get("mentions", ()):
        m["surface"] = unicodedata.normalize("NFC", m["surface"])
    return data


def _gold_and_extraction(corpus_dir: str | Path, gold_dir: str | Path):
    """Each gold file with the extraction of the corpus file it annotates, by file name.

    Each file is extracted on its own, so that its documents are resolved in the scope the
    annotator saw: the file. Extractions are kept for the run, so scoring references and then
    structure reads each file once.

    Raises:
        FileNotFoundError: A gold file names a corpus file that is not there.
    """
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = load_gold(gold_path)
        source = Path(corpus_dir) / gold["file"]
        if not source.exists():
            raise FileNotFoundError(f"{source}: named by {gold_path}, not found")
        stat = source.stat()
        yield gold, _extract_file(str(source.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _extract_file(path: str, _mtime_ns: int, _size: int):
    # The file's time and size are in the key so that an edited file is read again.
    return extract_documents([read_document(path)])[0]


def evaluate_corpus(corpus_dir: str | Path, gold_dir: str | Path) -> list[FileReport]:
    """Extract every corpus file that has a gold file, and score it.

    Args:
        corpus_dir: Folder of the corpus files.
        gold_dir: Folder of `<file stem>.json` gold files.

    Returns:
        One report per gold file, sorted by file name.

    Raises:
        FileNotFoundError: A gold file names a corpus file that is not there.
    """
    reports = []
    for gold, ex in _gold_and_extraction(corpus_dir, gold_dir):
        mentions, missed, extra = score_mentions(ex.mentions, gold["mentions"])
        reports.append(
            FileReport(
                file=gold["file"],
                mentions=mentions,
                # Documents the file cites; its own documents are scored with the structure.
                documents=score_documents(
                    [d for d in ex.documents if d.key in set(ex.keys)], gold["documents"]
                ),
                missed=tuple(missed),
                extra=tuple(extra),
            )
        )
    return reports


@dataclass(frozen=True, slots=True)
class StructureReport:
    """Task and relation scores for one file.

    Attributes:
        file: The corpus file name.
        tasks: Tasks found (matched by section and row, else by their first words).
        lead_exact: Matched tasks whose lead unit equals the gold one.
        leader_exact: Matched tasks whose directing leader equals the gold one.
        cites_exact: Matched tasks whose cited documents equal the gold ones.
        matched: Number of matched tasks (the denominator of the three above).
        relations: Relation score.
        missed_relations: Gold relations not found, as "source relation target".
        extra_relations: Relations found that gold lacks.
        task_diffs: For matched tasks, the fields that differ: (section, row, field, got, gold).
    """

    file: str
    tasks: Score
    lead_exact: int
    leader_exact: int
    cites_exact: int
    matched: int
    relations: Score
    missed_relations: tuple[str, ...]
    extra_relations: tuple[str, ...]
    task_diffs: tuple[tuple[str, str, str, str, str], ...]


def _tidy(text: str | None) -> str:
    return " ".join((text or "").split())


def _head(text: str, words: int = 8) -> str:
    return " ".join(fold_words(text)[:words])


def fold_words(text: str) -> list[str]:
    """Folded words of a text, punctuation dropped, for loose comparison."""
    return [w for w in re.split(r"[^\w&]+", fold(text)) if w]


def _symbol_names(ex) -> dict[str, set[str]]:
    """Every spelling each document key answers to, and SELF names for own documents."""
    names: dict[str, set[str]] = {}
    for d in ex.documents:
        spellings = {d.symbol or "", *d.aliases}
        names[d.key] = {"".join(s.split()).casefold() for s in spellings if s}
    for n, own in enumerate(ex.owners):
        names.setdefault(own.key, set()).add("self" if n == 0 else f"self+{n}")
    return names


def _names_match(key: str, symbol: str, names: dict[str, set[str]]) -> bool:
    return "".join(symbol.split()).casefold() in names.get(key, set())


def score_structure(ex, gold: dict) -> StructureReport:
    """Score one file's tasks and relations against its structure gold.

    Args:
        ex: The file's `Extraction`.
        gold: The gold record (see tests/data/gold_structure/GUIDELINES.md).

    Returns:
        The report.
    """
    names = _symbol_names(ex)
    predicted = list(ex.tasks)
    used: set[int] = set()
    lead = leader = cites = matched = 0
    diffs = []
    for g in gold["tasks"]:
        hit = next(
            (
                i
                for i, t in enumerate(predicted)
                if i not in used and t.section == g["section"] and t.row == g["row"]
            ),
            None,
        )
        if hit is None:
            hit = next(
                (
                    i
                    for i, t in enumerate(predicted)
                    if i not in used and _head(t.text) == _head(g["text"])
                ),
                None,
            )
        if hit is None:
            continue
        used.add(hit)
        t = predicted[hit]
        matched += 1
        pairs = (
            ("lead_unit", t.lead_unit, g["lead_unit"]),
            ("directing_leader", t.directing_leader, g["directing_leader"]),
        )
        ok_lead = _tidy(t.lead_unit) == _tidy(g["lead_unit"])
        ok_leader = _tidy(t.directing_leader) == _tidy(g["directing_leader"])
        lead += ok_lead
        leader += ok_leader
        got = {k for k in t.cites}
        want = list(g["cites"])
        ok_cites = len(got) == len(set(want)) and all(
            any(_names_match(k, s, names) for k in got) for s in want
        )
        cites += ok_cites
        for field, mine, theirs in pairs:
            if _tidy(mine) != _tidy(theirs):
                diffs.append((g["section"], g["row"], field, str(mine), str(theirs)))
        if not ok_cites:
            shown = sorted(next(iter(names.get(k, {k}))) for k in got)
            diffs.append((g["section"], g["row"], "cites", str(shown), str(want)))
    task_score = Score(matched, len(predicted), len(gold["tasks"]))
    found = list(ex.relations)
    hit_rel: set[int] = set()
    missed = []
    for g in gold["relations"]:
        i = next(
            (
                i
                for i, r in enumerate(found)
                if i not in hit_rel
                and r.relation == g["relation"]
                and _names_match(r.source, g["source"], names)
                and _names_match(r.target, g["target"], names)
            ),
            None,
        )
        if i is None:
            missed.append(f"{g['source']} {g['relation']} {g['target']}")
        else:
            hit_rel.add(i)
    extra = [
        f"{sorted(names.get(r.source, {r.source}))[0]} {r.relation} "
        f"{sorted(names.get(r.target, {r.target}))[0]}"
        for i, r in enumerate(found)
        if i not in hit_rel
    ]
    return StructureReport(
        file=gold["file"],
        tasks=task_score,
        lead_exact=lead,
        leader_exact=leader,
        cites_exact=cites,
        matched=matched,
        relations=Score(len(hit_rel), len(found), len(gold["relations"])),
        missed_relations=tuple(missed),
        extra_relations=tuple(extra),
        task_diffs=tuple(diffs),
    )


def evaluate_structure(corpus_dir: str | Path, gold_dir: str | Path) -> list[StructureReport]:
    """Extract every corpus file that has a structure gold file, and score it.

    Args:
        corpus_dir: Folder of the corpus files.
        gold_dir: Folder of `<file stem>.json` structure gold files.

    Returns:
        One report per gold file, sorted by file name.
    """
    return [score_structure(ex, gold) for gold, ex in _gold_and_extraction(corpus_dir, gold_dir)]
