"""Use case: measure chidao, as records and report lines.

References and structure on the samples, tasks and edges on real documents, search lanes
and questions on a workspace.

Each `evaluate_*` returns an `Evaluation`: the record `chidao eval --json` prints and the
lines of its plain report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chidao.ask import Answer, Answerer
from chidao.ingesting import IndexNotUpdated, ingest_files
from chidao.workspace import Workspace
from graph.build import expand_paths
from ingest.clean import normalize_text
from ingest.errors import BadRequest
from ingest.evaluate import Score, StructureReport, evaluate_corpus, evaluate_structure
from ingest.evaluate_real import by_layout, evaluate_real
from ingest.evaluate_real import total as real_total
from ingest.pipeline import read_document
from ingest.text import fold
from ingest.typed import find_query_references


class EvaluationInputMissing(BadRequest):
    """A corpus, gold folder or query set named for an evaluation is not there."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """An evaluation's outcome.

    Attributes:
        record: What `chidao eval --json` prints.
        lines: The plain report, line by line.
    """

    record: dict
    lines: tuple[str, ...]


def _squash_fold(text: str) -> str:
    return " ".join(fold(text).split())


def check_answer(answer: Answer, expect: dict, texts: dict[str, str]) -> list[str]:
    """What an answer lacks of what a question's `expect` asks (empty when correct).

    Args:
        answer: The answer.
        expect: `documents` (số hiệu that must be among the items), `task_texts` with
            `file` (snippets of tasks that must be among the items), `answer_contains`
            (strings the answer must hold, diacritics and case aside), `source` ({file, text}:
            a passage a source must overlap).
        texts: File name → NFC text.
    """
    problems = [] if answer.sources else ["no source"]
    for symbol in expect.get("documents", ()):
        refs = find_query_references(symbol)
        keys = [i.get("key", "") for i in answer.items if i.get("kind") == "document"]
        if not refs or not any(refs[0].matches(k) for k in keys):
            problems.append(f"document {symbol} not among {keys}")
    for snippet in expect.get("task_texts", ()):
        want = " ".join(normalize_text(snippet).split())
        if not any(
            want in " ".join(i.get("text", "").split())
            and Path(i.get("file", "")).name == expect.get("file", Path(i.get("file", "")).name)
            for i in answer.items
        ):
            problems.append(f"task not among items: {snippet[:60]}")
    folded_answer = _squash_fold(answer.answer)
    for part in expect.get("answer_contains", ()):
        if _squash_fold(part) not in folded_answer:
            problems.append(f"answer lacks {part!r}")
    source = expect.get("source")
    if source:
        text = texts.get(source["file"], "")
        snippet = normalize_text(source["text"])
        at = text.find(snippet)
        if at < 0:
            problems.append(f"source snippet not in {source['file']}")
        elif not any(
            Path(s.file).name == source["file"] and s.start < at + len(snippet) and at < s.end
            for s in answer.sources
        ):
            problems.append(f"no source overlaps {source['text'][:60]!r}")
    return problems


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """One question of a question set, answered.

    Attributes:
        id: The question's id.
        question: The question.
        intent: The intent expected.
        got: The intent read.
        problems: What the answer lacks (empty when correct).
    """

    id: str
    question: str
    intent: str
    got: str
    problems: tuple[str, ...]

    @property
    def correct(self) -> bool:
        """Nothing lacking: what the question expects, with a source.

        The intent read is reported beside (`intent_read`), not counted: a right answer
        reached by another reading of the question is still right for who asked it.
        """
        return not self.problems

    @property
    def intent_read(self) -> bool:
        """Whether the question was read with the intent its author marked."""
        return self.intent == self.got


def evaluate_questions(
    answerer: Answerer, questions: Sequence[dict], texts: dict[str, str]
) -> list[QuestionResult]:
    """Answer every question of a set and check each answer against its `expect`.

    Args:
        answerer: The answerer.
        questions: The question set (tests/data/questions.json).
        texts: File name → NFC text.

    Returns:
        One `QuestionResult` per question.
    """
    results = []
    for q in questions:
        answer = answerer.answer(q["question"])
        problems = check_answer(answer, q.get("expect", {}), texts)
        results.append(
            QuestionResult(q["id"], q["question"], q["intent"], answer.intent, tuple(problems))
        )
    return results


def _score_record(s: Score) -> dict:
    return {
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
        "true_positives": s.true_pos,
        "predicted": s.predicted,
        "gold": s.gold,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def _structure_record(r: StructureReport) -> dict:
    return {
        "file": r.file,
        "tasks": _score_record(r.tasks),
        "lead_unit_exact": _ratio(r.lead_exact, r.matched),
        "leader_exact": _ratio(r.leader_exact, r.matched),
        "cites_exact": _ratio(r.cites_exact, r.matched),
        "relations": _score_record(r.relations),
        "missed_relations": list(r.missed_relations),
        "extra_relations": list(r.extra_relations),
        "task_differences": [
            {"section": a, "row": b, "field": c, "got": d, "gold": e}
            for a, b, c, d, e in r.task_diffs
        ],
    }


def _prf(s: Score) -> str:
    return f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}"


def _need_folders(*folders: Path) -> None:
    for folder in folders:
        if not Path(folder).is_dir():
            raise EvaluationInputMissing(f"{folder}: not a folder")


def evaluate_samples(corpus: Path, gold: Path, structure_gold: Path) -> Evaluation:
    """References (mentions, documents), tasks and relations against a corpus's gold.

    Raises:
        EvaluationInputMissing: A folder is missing, or a file has no gold.
    """
    _need_folders(corpus, gold, structure_gold)
    try:
        reports = evaluate_corpus(corpus, gold)
        structure = evaluate_structure(corpus, structure_gold)
    except FileNotFoundError as err:
        raise EvaluationInputMissing(str(err)) from err
    total_m = sum((r.mentions for r in reports), Score(0, 0, 0))
    total_d = sum((r.documents for r in reports), Score(0, 0, 0))
    total_t = sum((r.tasks for r in structure), Score(0, 0, 0))
    total_r = sum((r.relations for r in structure), Score(0, 0, 0))
    matched = sum(r.matched for r in structure)
    record = {
        "files": [
            {
                "file": r.file,
                "mentions": _score_record(r.mentions),
                "documents": _score_record(r.documents),
                "missed": [{"start": s, "surface": t} for s, t in r.missed],
                "extra": [{"start": s, "surface": t} for s, t in r.extra],
            }
            for r in reports
        ],
        "mentions": _score_record(total_m),
        "documents": _score_record(total_d),
        "structure": {
            "files": [_structure_record(r) for r in structure],
            "tasks": _score_record(total_t),
            "lead_unit_exact": _ratio(sum(r.lead_exact for r in structure), matched),
            "leader_exact": _ratio(sum(r.leader_exact for r in structure), matched),
            "cites_exact": _ratio(sum(r.cites_exact for r in structure), matched),
            "relations": _score_record(total_r),
        },
    }
    lines = [f"{'file':34} {'mentions P/R/F1':>24} {'documents P/R/F1':>24}"]
    for r in reports:
        lines.append(f"{r.file:34} {_prf(r.mentions):>24} {_prf(r.documents):>24}")
        lines += [f"    missed @{at}: {' '.join(surface.split())}" for at, surface in r.missed]
        lines += [f"    extra  @{at}: {' '.join(surface.split())}" for at, surface in r.extra]
    lines += [f"{'all':34} {_prf(total_m):>24} {_prf(total_d):>24}", ""]
    lines.append(
        f"{'file':34} {'tasks found':>12} {'lead':>6} {'leader':>7} {'cites':>6} "
        f"{'relations P/R/F1':>24}"
    )
    for r in structure:
        lines.append(
            f"{r.file:34} {r.tasks.true_pos:>5}/{r.tasks.gold:<6} "
            f"{_ratio(r.lead_exact, r.matched):>6.3f} {_ratio(r.leader_exact, r.matched):>7.3f} "
            f"{_ratio(r.cites_exact, r.matched):>6.3f} {_prf(r.relations):>24}"
        )
        lines += [f"    missed relation: {rel}" for rel in r.missed_relations]
        lines += [f"    extra relation:  {rel}" for rel in r.extra_relations]
    s = record["structure"]
    lines.append(
        f"{'all':34} {total_t.true_pos:>5}/{total_t.gold:<6} {s['lead_unit_exact']:>6.3f} "
        f"{s['leader_exact']:>7.3f} {s['cites_exact']:>6.3f} {_prf(total_r):>24}"
    )
    return Evaluation(record, tuple(lines))


_REAL_FIELDS = ("tasks", "lead", "due", "edges", "signer")


def _real_line(name: str, cell: dict) -> str:
    parts = []
    for k in _REAL_FIELDS:
        s = cell[k]
        if k in ("tasks", "edges"):
            parts.append(f"{k} P {s['precision']:.3f} R {s['recall']:.3f}")
        elif k == "signer":
            parts.append(f"{k} {s['true_positives']}/{s['gold']} ({s['predicted']} found)")
        else:
            parts.append(f"{k} {s['true_positives']}/{s['gold']}")
    return f"  {name:<18} " + "  ".join(parts)


def evaluate_real_documents(corpus: Path, gold: Path) -> Evaluation:
    """Tasks, lead units, due dates, edges, signers and letterheads on real documents.

    Scored per part (test, dev) and per layout, against hand-made gold.

    Raises:
        EvaluationInputMissing: The corpus folder or a gold file is missing.
    """
    _need_folders(corpus)
    try:
        result = evaluate_real(corpus, gold)
    except FileNotFoundError as err:
        raise EvaluationInputMissing(str(err)) from err
    record: dict = {"parts": {}, "letterheads": _score_record(result.letterheads)}
    for part in ("test", "dev"):
        reports = [r for r in result.reports if r.part == part]
        record["parts"][part] = {
            "documents": len(reports),
            **{k: _score_record(real_total(reports, k)) for k in _REAL_FIELDS},
            "layouts": {
                layout: {k: _score_record(v) for k, v in cell.items()}
                for layout, cell in sorted(by_layout(reports).items())
            },
            "files": [
                {"file": r.file, **{k: _score_record(getattr(r, k)) for k in _REAL_FIELDS}}
                for r in reports
            ],
        }
    record["wrong_letterheads"] = [
        {"file": f, "expected": e, "found": g} for f, e, g in result.wrong_letterheads
    ]
    record["assigning_files"] = {
        part: _score_record(score) for part, score in result.coverage.items()
    }
    record["silent_files"] = list(result.silent)
    record["silent_rule_files"] = list(result.silent_rules)
    record["failed_files"] = [{"file": f, "reason": r} for f, r in result.failures]
    record["references"] = {
        **_score_record(result.references),
        "missed": [{"file": f, "start": s, "surface": t} for f, s, t in result.missed_references],
        "extra": [{"file": f, "start": s, "surface": t} for f, s, t in result.extra_references],
    }
    lines = []
    for part in ("test", "dev"):
        p = record["parts"][part]
        lines.append(f"{part} part: {p['documents']} documents")
        lines.append(_real_line("all", p))
        lines += [_real_line(layout, cell) for layout, cell in p["layouts"].items()]
    lh = record["letterheads"]
    lines.append(f"letterheads (test part): own số hiệu right {lh['true_positives']}/{lh['gold']}")
    lines += [
        f"  {w['file']}: expected {w['expected']}, found {w['found']}"
        for w in record["wrong_letterheads"]
    ]
    lines += [
        f"files that assign work and give tasks ({part} part): {score.true_pos}/{score.gold}"
        for part, score in result.coverage.items()
    ]
    lines.append(
        f"  of the {len(result.silent)} without tasks, {len(result.silent_rules)} are normative "
        "texts or decisions issuing a regulation (standing rules, not tasks)"
    )
    refs = result.references
    lines.append(
        f"references (test part, hand-marked): P {refs.precision:.3f} R {refs.recall:.3f} "
        f"F1 {refs.f1:.3f} ({refs.true_pos} of {refs.gold} found, {refs.predicted} predicted)"
    )
    lines += [f"  missed {f} @{s}: {' '.join(t.split())}" for f, s, t in result.missed_references]
    lines += [f"  extra  {f} @{s}: {' '.join(t.split())}" for f, s, t in result.extra_references]
    lines.append(f"files that could not be read: {len(result.failures)}")
    lines += [f"  {f}: {reason}" for f, reason in result.failures]
    return Evaluation(record, tuple(lines))


def corpus_files(corpus: Path) -> list[Path]:
    """The files of a corpus: a folder, or a `.list` file naming one file per line.

    A list's paths are relative to the list's folder; blank lines and lines starting with
    "#" are left out. A realistic archive is drawn from several folders this way
    (tests/data/search_real/archive.list).

    Raises:
        EvaluationInputMissing: The corpus, or a file its list names, does not exist.
    """
    corpus = Path(corpus)
    if corpus.suffix != ".list":
        if not corpus.exists():
            raise EvaluationInputMissing(f"{corpus}: no such folder")
        return list(expand_paths([corpus]))
    files = []
    for n, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        path = (corpus.parent / line).resolve()
        if not path.is_file():
            raise EvaluationInputMissing(f"{corpus}:{n}: {line}: no such file")
        files.append(path)
    return files


def prepare_workspace(ws: Workspace, corpus: Path) -> dict[str, str]:
    """Ingest a corpus (a folder or a `.list`) into a workspace and index it (idempotent).

    Returns:
        File name → NFC text of the corpus files, for scoring what search finds.
    """
    files = corpus_files(corpus)
    outcome = ingest_files(ws, files)
    if outcome.index_problem:
        raise IndexNotUpdated(f"{ws.root}: {outcome.index_problem}")
    return {p.name: read_document(p).text for p in files}


def evaluate_search_workspace(
    ws: Workspace, corpus: Path, queries: Path, questions: Path
) -> Evaluation:
    """Search lanes and questions, scored on a corpus ingested and indexed into a workspace.

    recall@5 and MRR of each lane (by kind of query), and the questions answered right.

    Raises:
        EvaluationInputMissing: A query or question set is missing.
        BadQuerySet: A query set is malformed.
    """
    from search.evaluate import evaluate_search, read_query_set

    for path in (queries, questions):
        if not Path(path).is_file():
            raise EvaluationInputMissing(f"{path}: no such file")
    texts = prepare_workspace(ws, corpus)
    query_set = read_query_set(queries)
    lanes = evaluate_search(ws.searcher(), query_set, texts)
    answered = evaluate_questions(
        Answerer(ws.searcher(), ws.store), read_query_set(questions), texts
    )
    right = sum(r.correct for r in answered)
    read = sum(r.intent_read for r in answered)
    record = {
        "lanes": [
            {
                "lane": s.lane,
                "recall_at_5": round(s.recall, 4),
                "mrr": round(s.mrr, 4),
                "by_kind": {
                    k: {"recall_at_5": round(r, 4), "mrr": round(m, 4)}
                    for k, (r, m) in s.by_kind.items()
                },
                "missed": list(s.missed),
            }
            for s in lanes
        ],
        "questions": {
            "total": len(answered),
            "correct": right,
            "intent_read_as_marked": read,
            "wrong": [
                {"id": r.id, "intent": r.intent, "got": r.got, "problems": list(r.problems)}
                for r in answered
                if not r.correct
            ],
        },
    }
    kinds = sorted({k for s in lanes for k in s.by_kind})
    lines = [f"{'lane':10} {'R@5':>6} {'MRR':>6}  " + "  ".join(f"{k:>16}" for k in kinds)]
    for s in lanes:
        per = "  ".join(
            f"{s.by_kind[k][0]:>7.3f}/{s.by_kind[k][1]:<8.3f}" if k in s.by_kind else " " * 16
            for k in kinds
        )
        lines.append(f"{s.lane:10} {s.recall:>6.3f} {s.mrr:>6.3f}  {per}")
    lines.append(f"(R@5/MRR by kind; {len(query_set)} queries, workspace {ws.root})")
    lines.append(
        f"questions answered right with a source: {right}/{len(answered)} "
        f"(intent read as marked: {read}/{len(answered)})"
    )
    lines += [
        f"    {r.id} {r.question}: {'; '.join(r.problems)} (intent {r.got}, marked {r.intent})"
        for r in answered
        if not r.correct
    ]
    return Evaluation(record, tuple(lines))
