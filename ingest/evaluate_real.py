"""Score the structure reader on real documents against hand-made gold.

The real corpus (`../shared/corpus-real/`) is split once by file name: names starting with
0, 1 or 2 are the test part, the rest the development part. Gold lives in
`tests/data/gold_real/` (see its GUIDELINES.md): `tasks/<stem>.json` per annotated document
and `letterheads.json` for the own số hiệu of every test file.

A predicted task matches a gold task when the first words of one's text start the other's
(folded, punctuation dropped); each gold task is matched at most once, in text order. A lead
unit is right when the folded names are equal or one contains the other ("Sở Nội vụ" in
"Sở Nội vụ Thành phố"). Edges are compared as (source role, relation, target) with the
target's type and number, the source as SELF (the file's main document), ATTACHED (another
document the file carries) or the target's own symbol.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.evaluate import Score, score_mentions
from ingest.pipeline import Extraction, extract_documents, read_document
from ingest.tasks import NO_RUNNING_TASK_TYPES, is_normative
from ingest.text import fold
from ingest.units import expand_unit

_HEAD_WORDS = 6
_RELATIONS = ("implements", "based_on", "issues")


def is_test_file(name: str) -> bool:
    """Tell whether a corpus-real file belongs to the test part (its name starts 0, 1 or 2)."""
    return Path(name).name[:1] in ("0", "1", "2")


@dataclass(frozen=True, slots=True)
class RealReport:
    """Scores of one annotated document.

    Attributes:
        file: The corpus file name.
        part: "test" or "dev".
        layouts: The layouts the gold names.
        tasks: Task detection.
        lead: Found tasks whose lead unit is right, over found tasks whose gold names one.
        due: Found tasks whose due date is right, over found tasks whose gold states one.
        edges: Document-to-document edges.
        own: 1/1 when the own số hiệu is right, 0/1 when wrong, 0/0 without one.
        signer: The signer's name: right (true positive) over signers found (predicted)
            and signers the gold names.
        missed: Heads of gold tasks not found.
        extra: Heads of predicted tasks not in gold.
    """

    file: str
    part: str
    layouts: tuple[str, ...]
    tasks: Score
    lead: Score
    due: Score
    edges: Score
    own: Score
    signer: Score
    missed: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


def words(text: str) -> list[str]:
    """Folded, lower-cased words of a text without punctuation."""
    return re.findall(r"[0-9a-z]+", fold(text).lower())


def symbol_parts(symbol: str | None) -> tuple[str, ...] | None:
    """A số hiệu as comparable parts: folded upper-case pieces, leading zeros dropped."""
    if not symbol:
        return None
    pieces = re.findall(r"[0-9A-Z]+", fold(symbol).upper().replace("Đ", "D"))
    return tuple(p.lstrip("0") or "0" if p.isdigit() else p for p in pieces)


def _same_unit(a: str | None, b: str | None) -> bool:
    """One unit however written: "UBND tỉnh" is "Ủy ban nhân dân tỉnh"."""
    if not a or not b:
        return False
    x, y = " ".join(words(expand_unit(a))), " ".join(words(expand_unit(b)))
    return bool(x and y) and (x == y or x in y or y in x)


def _starts_alike(pred: list[str], gold: list[str]) -> bool:
    n = min(_HEAD_WORDS, len(gold), len(pred))
    if n < 3 and len(gold) > n:
        return False
    if pred[:n] == gold[:n]:
        return True
    # A reader may keep or drop a lead-in ("Giao", the unit's name): look a little further.
    joined = " ".join(pred[:40])
    return " ".join(gold[:n]) in joined or " ".join(pred[:n]) in " ".join(gold[:40])


def score_tasks(extraction: Extraction, gold: dict) -> tuple[Score, Score, Score, list, list]:
    """Match predicted tasks to gold ones.

    Returns:
        Task score, lead-unit score, due-date score, missed gold heads, extra predicted heads.
    """
    gold_tasks = gold.get("tasks", [])
    gold_words = [words(t.get("text") or t["head"]) for t in gold_tasks]
    used: set[int] = set()
    pairs: list[tuple[object, dict]] = []
    extra: list[str] = []
    for task in extraction.tasks:
        pw = words(task.text)
        hit = next(
            (k for k, gw in enumerate(gold_words) if k not in used and _starts_alike(pw, gw)),
            None,
        )
        if hit is None:
            extra.append(" ".join(task.text.split()[:10]))
            continue
        used.add(hit)
        pairs.append((task, gold_tasks[hit]))
    missed = [gold_tasks[k]["head"] for k in range(len(gold_tasks)) if k not in used]
    lead_right = lead_total = due_right = due_total = 0
    for task, g in pairs:
        gold_leads = g.get("lead_units") or ([g["lead_unit"]] if g.get("lead_unit") else [])
        if gold_leads:
            lead_total += 1
            predicted = list(task.lead_units) or ([task.lead_unit] if task.lead_unit else [])
            if any(_same_unit(p, q) for p in predicted[:1] for q in gold_leads):
                lead_right += 1
        if g.get("due"):
            due_total += 1
            if task.due == g["due"]:
                due_right += 1
    return (
        Score(len(pairs), len(extraction.tasks), len(gold_tasks)),
        Score(lead_right, lead_total, lead_total),
        Score(due_right, due_total, due_total),
        missed,
        extra,
    )


def _edge_set(extraction: Extraction) -> set[tuple]:
    symbols = {d.key: d.symbol for d in extraction.documents}
    types = {d.key: (d.type_code, d.number) for d in extraction.documents}
    roles = {}
    for k, own in enumerate(extraction.owners):
        roles[own.key] = "SELF" if k == 0 else "ATTACHED"
    out = set()
    for r in extraction.relations:
        if r.relation not in _RELATIONS:
            continue
        source = roles.get(r.source) or symbol_parts(symbols.get(r.source))
        if r.target in roles:
            target = roles[r.target]
        else:
            target = _target_parts(symbols.get(r.target), *types.get(r.target, (None, None)))
        if source and target:
            out.add((source, r.relation, target))
    return out


def _target_parts(symbol: str | None, type_code: str | None, number: str | None) -> tuple | None:
    parts = symbol_parts(symbol)
    if parts:
        return parts[:1] + tuple(p for p in parts[1:] if not p.isdigit())[:1]
    if type_code and number:
        return symbol_parts(f"{number}/{type_code}")
    return None


def _gold_edges(gold: dict) -> set[tuple]:
    out = set()
    for r in gold.get("relations", []):
        if r["relation"] not in _RELATIONS:
            continue
        source = r["source"] if r["source"] in ("SELF", "ATTACHED") else symbol_parts(r["source"])
        target = r["target"]
        target = target if target in ("SELF", "ATTACHED") else _target_parts(target, None, None)
        out.add((source, r["relation"], target))
    return out


def score_own(extraction: Extraction, symbol: str | None) -> Score:
    """1/1 when the file's main own document has the gold số hiệu, 0/1 when not, 0/0 without."""
    if not symbol:
        return Score(0, 0, 0)
    own = extraction.owners[0].symbol if extraction.owners else None
    right = symbol_parts(own) == symbol_parts(symbol)
    return Score(int(right), 1, 1)


def score_signer(extraction: Extraction, name: str | None) -> Score:
    """The signer of the file's main document against the gold name (None: no signer)."""
    main = extraction.owners[0].key if extraction.owners else None
    found = next((s.name for s in extraction.signatures if s.document == main), None)
    right = bool(found and name and words(found) == words(name))
    return Score(int(right), int(found is not None), int(name is not None))


def score_document(extraction: Extraction, gold: dict) -> RealReport:
    """Score one extraction against its gold file."""
    tasks, lead, due, missed, extra = score_tasks(extraction, gold)
    predicted, expected = _edge_set(extraction), _gold_edges(gold)
    edges = Score(len(predicted & expected), len(predicted), len(expected))
    return RealReport(
        file=gold["file"],
        part=gold.get("part", "test" if is_test_file(gold["file"]) else "dev"),
        layouts=tuple(gold.get("layouts", ())),
        tasks=tasks,
        lead=lead,
        due=due,
        edges=edges,
        own=score_own(extraction, (gold.get("own") or {}).get("symbol")),
        signer=score_signer(extraction, (gold.get("signer") or {}).get("name")),
        missed=tuple(missed),
        extra=tuple(extra),
    )


def read_gold(folder: Path) -> list[dict]:
    """Read every gold file of `folder/tasks`, in name order."""
    return [json.loads(p.read_text("utf-8")) for p in sorted((folder / "tasks").glob("*.json"))]


def read_letterheads(folder: Path) -> dict[str, dict]:
    """Read `folder/letterheads.json` ({} when absent)."""
    path = folder / "letterheads.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def by_layout(reports: Iterable[RealReport]) -> dict[str, dict[str, Score]]:
    """Sum task, lead, due, edge and signer scores per layout (a report counts in each)."""
    out: dict[str, dict[str, Score]] = defaultdict(
        lambda: {k: Score(0, 0, 0) for k in ("tasks", "lead", "due", "edges", "signer")}
    )
    for r in reports:
        for layout in r.layouts or ("?",):
            cell = out[layout]
            for k in cell:
                cell[k] = cell[k] + getattr(r, k)
    return dict(out)


def total(reports: Sequence[RealReport], field: str) -> Score:
    """Sum one score over reports."""
    acc = Score(0, 0, 0)
    for r in reports:
        acc = acc + getattr(r, field)
    return acc


# What a file that gives work to units says (folded): "Sở X chủ trì, phối hợp …", "Cơ quan chủ
# trì: …", "Giao Sở …". Used only to count the files that should give tasks.
_ASSIGNS = re.compile(
    r"chu tri,? (?:va )?(?:phoi hop|thuc hien|tham muu|xay dung|to chuc|trien khai|huong dan)|"
    r"(?:co quan|don vi) chu tri\b|chu tri\s*:|giao (?:cho )?(?:so|ubnd|uy ban|bo|cac so)"
)


def assigns_work(extraction: Extraction) -> bool:
    """Whether a file is an issued document (a số hiệu in its letterhead) that gives work.

    The count of such files is the denominator of "files that assign work give tasks".
    """
    own = extraction.owners[0] if extraction.owners else None
    if own is None or not own.symbol or own.type_code in NO_RUNNING_TASK_TYPES:
        return False
    return bool(_ASSIGNS.search(fold(extraction.document.text)))


@dataclass(frozen=True, slots=True)
class RealEvaluation:
    """Everything `chidao eval --real` reports.

    Attributes:
        reports: One report per annotated document.
        letterheads: Own số hiệu right over test files whose letterhead has one.
        wrong_letterheads: (file, expected, found) for the ones not right.
        coverage: Per part ("test", "dev"): files that assign work and give tasks (true
            positives) over files that assign work.
        silent: Files that assign work but give no task.
        silent_rules: Those of them that are normative texts or decisions issuing a
            regulation, whose "chủ trì, phối hợp" stand in articles of standing rules.
        failures: (file, reason) for files that could not be read.
        references: Mentions found against the hand-marked references of `references/`
            (test-part files; matched by overlap and type, number, issuer).
        missed_references: (file, start, surface) of gold references not found.
        extra_references: (file, start, surface) of references found but not in the gold.
    """

    reports: tuple[RealReport, ...]
    letterheads: Score
    wrong_letterheads: tuple[tuple[str, str, str | None], ...]
    coverage: dict[str, Score]
    silent: tuple[str, ...]
    silent_rules: tuple[str, ...]
    failures: tuple[tuple[str, str], ...]
    references: Score
    missed_references: tuple[tuple[str, int, str], ...]
    extra_references: tuple[tuple[str, int, str], ...]


def read_reference_gold(folder: Path) -> dict[str, dict]:
    """The hand-marked references of `folder/references/`, by corpus file name."""
    found = {}
    for path in sorted((folder / "references").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        found[gold["file"]] = gold
    return found


def evaluate_real(corpus: Path, gold: Path) -> RealEvaluation:
    """Read every file of a real corpus once; score annotated ones and count the rest.

    Args:
        corpus: The folder of `../shared/corpus-real/` files.
        gold: The folder holding `tasks/` and `letterheads.json`.

    Returns:
        The reports, the letterhead score, the coverage of work-assigning files and the
        files that failed.
    """
    golds = {g["file"]: g for g in read_gold(gold)}
    heads = read_letterheads(gold)
    marked = read_reference_gold(gold)
    references = Score(0, 0, 0)
    missed_refs: list[tuple[str, int, str]] = []
    extra_refs: list[tuple[str, int, str]] = []
    reports: list[RealReport] = []
    letterheads = Score(0, 0, 0)
    wrong: list[tuple[str, str, str | None]] = []
    coverage = {"test": Score(0, 0, 0), "dev": Score(0, 0, 0)}
    silent: list[str] = []
    silent_rules: list[str] = []
    failures: list[tuple[str, str]] = []
    for path in sorted(p for p in corpus.iterdir() if p.is_file()):
        name = path.name
        try:
            found = extract_documents([read_document(path)])[0]
        except Exception as err:  # a file that fails is what this counts
            failures.append((name, f"{type(err).__name__}: {err}"))
            continue
        if name in golds:
            reports.append(score_document(found, golds[name]))
        if name in marked:
            if len(found.document.text) != marked[name]["text_chars"]:
                raise ValueError(f"{path}: the text read differs from the one the gold marks")
            score, missed, extra = score_mentions(found.mentions, marked[name]["mentions"])
            references = references + score
            missed_refs += [(name, start, surface) for start, surface in missed]
            extra_refs += [(name, start, surface) for start, surface in extra]
        entry = heads.get(name)
        if entry and entry.get("symbol"):
            own = score_own(found, entry["symbol"])
            letterheads = letterheads + own
            if not own.true_pos:
                got = found.owners[0].symbol if found.owners else None
                wrong.append((name, entry["symbol"], got))
        if assigns_work(found):
            part = "test" if is_test_file(name) else "dev"
            given = int(bool(found.tasks))
            coverage[part] = coverage[part] + Score(given, 1, 1)
            if not given:
                silent.append(name)
                if is_normative(found.owners):
                    silent_rules.append(name)
    missing = sorted(set(golds) - {r.file for r in reports})
    if missing:
        raise FileNotFoundError(f"{corpus / missing[0]}: annotated in the gold, not in the corpus")
    return RealEvaluation(
        tuple(sorted(reports, key=lambda r: r.file)),
        letterheads,
        tuple(wrong),
        coverage,
        tuple(silent),
        tuple(silent_rules),
        tuple(failures),
        references,
        tuple(missed_refs),
        tuple(extra_refs),
    )
