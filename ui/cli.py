"""The `chidao` command line: a thin layer over the library, for scripts and checks.

Every command takes `--json` and then prints only JSON on stdout; progress and logs go
to stderr. Exit status: 0 on success, 2 for bad usage or bad input (one line on stderr
naming the file and the reason), 1 for anything else.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from typer.exceptions import TyperException

from graph.build import ingest_paths, print_progress
from graph.query import (
    AmbiguousReference,
    MalformedReference,
    derive,
    find_document,
    show,
    stats,
    trace,
)
from graph.store import GraphStore, default_workspace, open_store
from ingest.blocks import read_blocks
from ingest.errors import BadInput, ChidaoError
from ingest.evaluate import Score, StructureReport, evaluate_corpus, evaluate_structure
from ingest.evaluate_real import by_layout, evaluate_real
from ingest.evaluate_real import total as real_total
from ingest.load import DEFAULT_MAX_BYTES
from ingest.pipeline import extract_documents, read_document
from search.ask import Answerer, ask
from search.build import IndexReport, update_index
from search.embed import cache_root
from search.evaluate import (
    BadQuerySet,
    evaluate_questions,
    evaluate_search,
    prepare_workspace,
    read_query_set,
)
from search.hybrid import MAX_QUERY_CHARS, SearchFilters, open_searcher
from ui.records import block_record, extraction_record, skipped_record

# The project's own folders, for defaults that point at the bundled sample corpus.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = PROJECT_ROOT / "data" / "sample"
GOLD_DIR = PROJECT_ROOT / "tests" / "data" / "gold"
STRUCTURE_GOLD_DIR = PROJECT_ROOT / "tests" / "data" / "gold_structure"
REAL_GOLD_DIR = PROJECT_ROOT / "tests" / "data" / "gold_real"
QUERIES = PROJECT_ROOT / "tests" / "data" / "search_queries.json"
QUESTIONS = PROJECT_ROOT / "tests" / "data" / "questions.json"

app = typer.Typer(
    name="chidao",
    help="Đọc văn bản chỉ đạo, tìm số hiệu và nhiệm vụ. Reads Vietnamese directive documents.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON only (the contract).")]
MaxMb = Annotated[
    float,
    typer.Option(
        "--max-mb",
        envvar="CHIDAO_MAX_MB",
        help="Refuse files larger than this many megabytes.",
    ),
]


Workspace = Annotated[
    Path | None,
    typer.Option(
        "--workspace", "-w", envvar="CHIDAO_WORKSPACE", help="Workspace folder (default ./.chidao)."
    ),
]
Endpoint = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="CHIDAO_ENDPOINT",
        help="A SPARQL 1.1 endpoint to use instead of the embedded store.",
    ),
]
Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="CHIDAO_MODEL",
        help="Embedding model: a registered name, a local folder or a hub name.",
    ),
]
BasedOn = Annotated[bool, typer.Option("--based-on", help="Also follow 'Căn cứ' (based_on) edges.")]


@contextmanager
def _session(
    workspace: Path | None,
    endpoint: str | None,
    as_json: bool = False,
    create: bool = False,
    read_only: bool = False,
) -> Iterator[GraphStore]:
    """Open the store for one command.

    Commands that only read open it read-only, so they run beside an ingest or the explorer.
    An ambiguous reference becomes exit status 2 with its candidates (on stdout as JSON with
    --json).
    """
    store = open_store(
        workspace or default_workspace(), endpoint, create=create, read_only=read_only
    )
    try:
        yield store
    except AmbiguousReference as err:
        if as_json:
            _emit(
                {
                    "error": "ambiguous",
                    "query": err.text,
                    "candidates": [
                        {"key": k, "symbol": s or None, "title": t or None}
                        for k, s, t in err.candidates
                    ],
                }
            )
        raise _fail(str(err), 2) from err
    except MalformedReference as err:
        raise _fail(str(err), 2) from err
    finally:
        store.close()


def _fail(message: str, status: int) -> typer.Exit:
    typer.echo(f"chidao: {message}", err=True)
    return typer.Exit(status)


def _emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to read (.txt, .docx, .pdf).")],
    as_json: JsonFlag = False,
    max_mb: MaxMb = DEFAULT_MAX_BYTES / 1024 / 1024,
    blocks: Annotated[
        bool,
        typer.Option(
            "--blocks", help="Also give each file's blocks (headings, items, table rows …)."
        ),
    ] = False,
) -> None:
    """Find document references in files and resolve them to documents.

    The files given together are the scope of resolution: a year-less "57-NQ/TW" in one of
    them takes the key of the dated one in another. (`ingest` reads each file on its own and
    joins such keys in the store, so that the store never depends on how files were batched.)
    """
    max_bytes = int(max_mb * 1024 * 1024)
    docs, bad = [], {}
    for f in files:
        try:
            docs.append((str(f), read_document(f, max_bytes=max_bytes)))
        except BadInput as err:
            bad[str(f)] = err.reason
            typer.echo(f"chidao: {err}", err=True)
    extractions = dict(
        zip([f for f, _ in docs], extract_documents([d for _, d in docs]), strict=True)
    )
    for f in files:
        name = str(f)
        record = (
            skipped_record(name, bad[name])
            if name in bad
            else extraction_record(name, extractions[name])
        )
        if blocks and name not in bad:
            record["blocks"] = [
                block_record(b) for b in read_blocks(extractions[name].document.text)
            ]
        if as_json:
            _emit(record)
        else:
            _print_extraction(record)
    if bad:
        raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
    max_mb: MaxMb = DEFAULT_MAX_BYTES / 1024 / 1024,
    index: Annotated[
        bool, typer.Option("--index/--no-index", help="Update the search index afterwards.")
    ] = True,
    model: Model = None,
) -> None:
    """Read files into the graph store (references, tasks, relations), then index them."""
    ws = workspace or default_workspace()
    with _session(ws, endpoint, as_json, create=True) as store:
        report = ingest_paths(store, ws, paths, int(max_mb * 1024 * 1024), print_progress)
        if index:
            _update_index(ws, store, model, rebuild=False)
    for name, reason in report.skipped:
        typer.echo(f"chidao: {name}: {reason}", err=True)
    result = {
        "files": [
            {
                "file": f.file,
                "sha256": f.sha256,
                "status": f.status,
                "mentions": f.mentions,
                "tasks": f.tasks,
                "documents": f.documents,
            }
            for f in report.files
        ],
        "documents": report.documents,
        "tasks": report.tasks,
        "mentions": report.mentions,
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
    }
    if as_json:
        _emit(result)
    else:
        added = sum(f.status != "unchanged" for f in report.files)
        typer.echo(
            f"{added} file(s) ingested, {len(report.files) - added} unchanged, "
            f"{len(report.skipped)} skipped: {report.documents} documents, "
            f"{report.tasks} tasks, {report.mentions} references"
        )
    if report.skipped:
        raise typer.Exit(2)


@app.command("derive")
def derive_command(
    reference: Annotated[str, typer.Argument(help="A số hiệu, short form or key: 57-NQ/TW.")],
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    based_on: BasedOn = False,
    as_json: JsonFlag = False,
) -> None:
    """Every task that derives from a document, directly or through plans implementing it."""
    with _session(workspace, endpoint, as_json, read_only=True) as store:
        key = find_document(store, reference)
        tasks = derive(store, key, based_on)
    if as_json:
        _emit(
            {
                "document": key,
                "tasks": [
                    {
                        "id": t.id,
                        "file": t.file,
                        "section": t.section,
                        "row": t.row,
                        "text": t.text,
                        "lead_unit": t.lead_unit,
                        "via": list(t.via),
                    }
                    for t in tasks
                ],
            }
        )
        return
    typer.echo(f"{len(tasks)} nhiệm vụ thực hiện {key}")
    for t in tasks:
        typer.echo(
            f"- [{t.section} {t.row}] {t.text[:90]} ({t.lead_unit or '—'}) ← {' → '.join(t.via)}"
        )


@app.command("trace")
def trace_command(
    start: Annotated[str, typer.Argument(help="A task id, or a document số hiệu or key.")],
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    based_on: BasedOn = False,
    as_json: JsonFlag = False,
) -> None:
    """Every chain of directives above a task (or a document), up to its roots."""
    with _session(workspace, endpoint, as_json, read_only=True) as store:
        origin, chains = trace(store, start, based_on)
    if as_json:
        _emit({"start": origin, "chains": chains})
        return
    for chain in chains:
        typer.echo(" → ".join(chain))


@app.command("show")
def show_command(
    reference: Annotated[str, typer.Argument(help="A số hiệu, short form or key.")],
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
) -> None:
    """A document: aliases, conflicts, issuer, date, what it implements and what implements it."""
    with _session(workspace, endpoint, as_json, read_only=True) as store:
        record = show(store, find_document(store, reference))
    if as_json:
        _emit(record)
        return
    for name, value in record.items():
        if value not in (None, [], ""):
            typer.echo(f"{name}: {value}")


@app.command("stats")
def stats_command(
    workspace: Workspace = None, endpoint: Endpoint = None, as_json: JsonFlag = False
) -> None:
    """Totals in the store."""
    with _session(workspace, endpoint, as_json, read_only=True) as store:
        totals = stats(store)
    if as_json:
        _emit(totals)
    else:
        for name, value in totals.items():
            typer.echo(f"{name}: {value}")


@app.command("validate")
def validate_command(
    workspace: Workspace = None, endpoint: Endpoint = None, as_json: JsonFlag = False
) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl."""
    from ontology.validate import validate_graph

    with _session(workspace, endpoint, as_json, read_only=True) as store:
        report = validate_graph(store.dataset)
    violations = [
        {
            "focus": str(v.focus_node),
            "path": str(v.path) if v.path else None,
            "message": str(v.message),
            "severity": str(v.severity),
            "value": None if v.value is None else str(v.value),
        }
        for v in report.violations
    ]
    if as_json:
        _emit({"conforms": report.conforms, "violations": violations})
    else:
        typer.echo(
            "Đạt: dữ liệu khớp các ràng buộc SHACL."
            if report.conforms
            else f"{len(violations)} vi phạm SHACL:"
        )
        for v in violations[:50]:
            typer.echo(f"- {v['focus']} {v['path'] or ''}: {v['message']}")
    if not report.conforms:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Argument(help="turtle, nquads, json-ld, graphml or csv.")],
    target: Annotated[Path, typer.Argument(help="File to write (a folder for csv).")],
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
) -> None:
    """Export the graph as RDF, GraphML (Gephi) or CSV (Excel)."""
    from graph.export import FORMATS, export_graph

    if fmt not in FORMATS:
        raise _fail(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})", 2)
    with _session(workspace, endpoint, as_json, read_only=True) as store:
        written = export_graph(store, target, fmt)
    if as_json:
        _emit({"format": fmt, "files": [str(p) for p in written]})
    else:
        for p in written:
            typer.echo(str(p))


def _update_index(ws: Path, store: GraphStore, model: str | None, rebuild: bool) -> IndexReport:
    """Bring the search index up to date, with a progress bar on stderr while embedding."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("Nhúng đoạn văn", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = update_index(ws, store, model=model, rebuild=rebuild, progress=advance)
    for reason in report.unreadable:
        print_progress(f"index: {reason}; left out of the search index")
    if report.embedded or report.removed:
        print_progress(
            f"index: {report.items} items ({report.embedded} embedded, "
            f"{len(report.removed)} file(s) dropped), model {report.model}"
        )
    return report


@app.command("index")
def index_command(
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    model: Model = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-embed everything (needed to change model).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Bring the search index up to date with the store (ingest does this by itself)."""
    ws = workspace or default_workspace()
    with _session(ws, endpoint, as_json) as store:
        report = _update_index(ws, store, model, rebuild)
    record = {
        "model": report.model,
        "items": report.items,
        "embedded": report.embedded,
        "added": list(report.added),
        "removed": list(report.removed),
    }
    if as_json:
        _emit(record)
    else:
        typer.echo(f"{report.items} items in the index ({report.model}), {report.embedded} new")


def _check_query(query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise _fail(f"query is {len(query)} characters, over the {MAX_QUERY_CHARS} limit", 2)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="What to look for, with or without diacritics.")],
    k: Annotated[int, typer.Option("-k", help="How many hits.")] = 10,
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    document: Annotated[str | None, typer.Option(help="Only hits about this document.")] = None,
    unit: Annotated[str | None, typer.Option(help="Only hits about this unit.")] = None,
    period: Annotated[str | None, typer.Option(help="Only hits of this period.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Hybrid search (số hiệu, folded BM25, embeddings) over passages and tasks."""
    if k < 1:
        raise _fail(f"-k must be at least 1, not {k}", 2)
    _check_query(query)
    ws = workspace or default_workspace()
    with _session(ws, endpoint, as_json, read_only=True) as store:
        key = find_document(store, document) if document else None
        searcher = open_searcher(ws, store)
        hits = searcher.search(query, k, SearchFilters(key, unit, period))
    if as_json:
        _emit(
            {
                "query": query,
                "hits": [h.record() for h in hits],
            }
        )
        return
    for n, h in enumerate(hits, 1):
        typer.echo(f"{n:>2}. [{h.kind}] {h.text[:110]}")
        typer.echo(f"    {h.file} {h.start}-{h.end}  score {h.score:.3f} ({'+'.join(h.lanes)})")


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="A question in Vietnamese.")],
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer a question from the graph and the text, with sources."""
    _check_query(question)
    ws = workspace or default_workspace()
    with _session(ws, endpoint, as_json, read_only=True) as store:
        answer = ask(open_searcher(ws, store), store, question)
    if as_json:
        _emit(
            {
                "question": answer.question,
                "intent": answer.intent,
                "answer": answer.answer,
                "items": list(answer.items),
                "sources": [
                    {"file": s.file, "start": s.start, "end": s.end} for s in answer.sources
                ],
            }
        )
        return
    typer.echo(answer.answer)
    for s in answer.sources[:5]:
        typer.echo(f"  nguồn: {s.file} {s.start}-{s.end}")


@app.command("ui")
def ui_command(
    workspace: Workspace = None,
    endpoint: Endpoint = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8501,
) -> None:
    """Serve the Streamlit explorer on 127.0.0.1 until stopped."""
    ws = (workspace or default_workspace()).resolve()
    env = dict(os.environ, CHIDAO_WORKSPACE=str(ws))
    if endpoint:
        env["CHIDAO_ENDPOINT"] = endpoint
    graph = f"graph at {endpoint}" if endpoint else "embedded store"
    typer.echo(f"chidao: explorer on http://127.0.0.1:{port} (workspace {ws}, {graph})", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # The server takes this process's place: a signal to `chidao ui` (SIGTERM from a
    # service manager, Ctrl+C) reaches it, and no server is left running without its parent.
    command = explorer_command(port)
    os.execve(command[0], command, env)


# Debian's chromium as the browser test and the UI benchmark drive it: no sandbox (they run
# in containers as root), nothing fetched in the background.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def explorer_command(port: int) -> list[str]:
    """The command that serves the explorer on 127.0.0.1.

    The workspace comes from `CHIDAO_WORKSPACE`; the browser test and the UI benchmark start
    the explorer with this same command.
    """
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "ui" / "app.py"),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
        "--client.toolbarMode=minimal",
        f"--server.maxUploadSize={max(1, DEFAULT_MAX_BYTES // (1024 * 1024))}",
    ]


def _print_extraction(record: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if record["error"]:
        console.print(f"[red]{record['file']}: {record['error']}[/red]")
        return
    table = Table(title=f"{record['file']} ({record['encoding']})")
    for col in ("Số hiệu", "Loại", "Ngày", "Cơ quan ban hành", "Số lần nhắc"):
        table.add_column(col)
    counts: dict[str, int] = {}
    for m in record["mentions"]:
        counts[m["key"]] = counts.get(m["key"], 0) + 1
    for d in record["documents"]:
        table.add_row(
            d["symbol"] or " / ".join(d["aliases"]),
            d["type_name"] or "",
            d["date"] or "",
            d["issuing_body"] or "",
            str(counts.get(d["key"], 0)),
        )
    console.print(table)


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


def _evaluate_real(corpus: Path, gold: Path, as_json: bool) -> None:
    """Print `chidao eval --real`: per part and per layout, then the letterheads."""
    if not corpus.is_dir():
        raise _fail(f"{corpus}: not a folder", 2)
    try:
        result = evaluate_real(corpus, gold)
    except FileNotFoundError as err:
        raise _fail(str(err), 2) from err
    fields = ("tasks", "lead", "due", "edges", "signer")
    record: dict = {"parts": {}, "letterheads": _score_record(result.letterheads)}
    for part in ("test", "dev"):
        reports = [r for r in result.reports if r.part == part]
        record["parts"][part] = {
            "documents": len(reports),
            **{k: _score_record(real_total(reports, k)) for k in fields},
            "layouts": {
                layout: {k: _score_record(v) for k, v in cell.items()}
                for layout, cell in sorted(by_layout(reports).items())
            },
            "files": [
                {"file": r.file, **{k: _score_record(getattr(r, k)) for k in fields}}
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
    if as_json:
        _emit(record)
        return

    def line(name: str, cell: dict) -> str:
        parts = []
        for k in fields:
            s = cell[k]
            if k in ("tasks", "edges"):
                parts.append(f"{k} P {s['precision']:.3f} R {s['recall']:.3f}")
            elif k == "signer":
                parts.append(f"{k} {s['true_positives']}/{s['gold']} ({s['predicted']} found)")
            else:
                parts.append(f"{k} {s['true_positives']}/{s['gold']}")
        return f"  {name:<18} " + "  ".join(parts)

    for part in ("test", "dev"):
        p = record["parts"][part]
        typer.echo(f"{part} part: {p['documents']} documents")
        typer.echo(line("all", p))
        for layout, cell in p["layouts"].items():
            typer.echo(line(layout, cell))
    lh = record["letterheads"]
    typer.echo(f"letterheads (test part): own số hiệu right {lh['true_positives']}/{lh['gold']}")
    for w in record["wrong_letterheads"]:
        typer.echo(f"  {w['file']}: expected {w['expected']}, found {w['found']}")
    for part, score in result.coverage.items():
        typer.echo(
            f"files that assign work and give tasks ({part} part): {score.true_pos}/{score.gold}"
        )
    typer.echo(
        f"  of the {len(result.silent)} without tasks, {len(result.silent_rules)} are normative "
        "texts or decisions issuing a regulation (standing rules, not tasks)"
    )
    typer.echo(f"files that could not be read: {len(result.failures)}")
    for f, reason in result.failures:
        typer.echo(f"  {f}: {reason}")


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Option(help="Folder of corpus files.")] = SAMPLE_CORPUS,
    gold: Annotated[Path, typer.Option(help="Folder of reference gold files.")] = GOLD_DIR,
    structure_gold: Annotated[
        Path, typer.Option(help="Folder of task and relation gold files.")
    ] = STRUCTURE_GOLD_DIR,
    as_json: JsonFlag = False,
    search: Annotated[
        bool, typer.Option("--search", help="Score search and questions instead.")
    ] = False,
    queries: Annotated[Path, typer.Option(help="Search query set (with --search).")] = QUERIES,
    questions: Annotated[Path, typer.Option(help="Question set (with --search).")] = QUESTIONS,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace", help="Where to index the corpus with --search (default: the cache)."
        ),
    ] = None,
    real: Annotated[
        Path | None,
        typer.Option(
            "--real",
            help="Score tasks, lead units, due dates, edges and letterheads on this folder of "
            "real documents (../shared/corpus-real) against tests/data/gold_real.",
        ),
    ] = None,
    real_gold: Annotated[
        Path, typer.Option(help="Gold for --real: a folder with tasks/ and letterheads.json.")
    ] = REAL_GOLD_DIR,
) -> None:
    """Score extraction against the hand-made gold annotation of a corpus.

    References (mentions and documents), then tasks (found, lead unit, leader and cited
    documents exact) and relations (precision, recall). With --search: recall@5 and MRR of
    each search lane and of the fusion on a query set, and the questions answered right;
    the corpus is ingested and indexed into a workspace of its own (kept in the cache).
    """
    if search:
        _evaluate_search(corpus, queries, questions, workspace, as_json)
        return
    if real is not None:
        _evaluate_real(real, real_gold, as_json)
        return
    for folder in (corpus, gold, structure_gold):
        if not folder.is_dir():
            raise _fail(f"{folder}: not a folder", 2)
    try:
        reports = evaluate_corpus(corpus, gold)
        structure = evaluate_structure(corpus, structure_gold)
    except FileNotFoundError as err:
        raise _fail(str(err), 2) from err
    total_m = sum((r.mentions for r in reports), Score(0, 0, 0))
    total_d = sum((r.documents for r in reports), Score(0, 0, 0))
    total_t = sum((r.tasks for r in structure), Score(0, 0, 0))
    total_r = sum((r.relations for r in structure), Score(0, 0, 0))
    matched = sum(r.matched for r in structure)
    result = {
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
    if as_json:
        _emit(result)
        return
    typer.echo(f"{'file':34} {'mentions P/R/F1':>24} {'documents P/R/F1':>24}")
    for r in reports:
        typer.echo(f"{r.file:34} {_prf(r.mentions):>24} {_prf(r.documents):>24}")
        for start, surface in r.missed:
            typer.echo(f"    missed @{start}: {' '.join(surface.split())}")
        for start, surface in r.extra:
            typer.echo(f"    extra  @{start}: {' '.join(surface.split())}")
    typer.echo(f"{'all':34} {_prf(total_m):>24} {_prf(total_d):>24}")
    typer.echo("")
    typer.echo(
        f"{'file':34} {'tasks found':>12} {'lead':>6} {'leader':>7} {'cites':>6} "
        f"{'relations P/R/F1':>24}"
    )
    for r in structure:
        typer.echo(
            f"{r.file:34} {r.tasks.true_pos:>5}/{r.tasks.gold:<6} "
            f"{_ratio(r.lead_exact, r.matched):>6.3f} {_ratio(r.leader_exact, r.matched):>7.3f} "
            f"{_ratio(r.cites_exact, r.matched):>6.3f} {_prf(r.relations):>24}"
        )
        for rel in r.missed_relations:
            typer.echo(f"    missed relation: {rel}")
        for rel in r.extra_relations:
            typer.echo(f"    extra relation:  {rel}")
    typer.echo(
        f"{'all':34} {total_t.true_pos:>5}/{total_t.gold:<6} "
        f"{result['structure']['lead_unit_exact']:>6.3f} "
        f"{result['structure']['leader_exact']:>7.3f} "
        f"{result['structure']['cites_exact']:>6.3f} {_prf(total_r):>24}"
    )


def _evaluate_search(
    corpus: Path, queries: Path, questions: Path, workspace: Path | None, as_json: bool
) -> None:
    for path in (queries, questions):
        if not path.is_file():
            raise _fail(f"{path}: no such file", 2)
    ws = workspace or cache_root() / "eval" / corpus.resolve().name
    with _session(ws, None, as_json, create=True) as store:
        texts = prepare_workspace(ws, corpus, store)
        searcher = open_searcher(ws, store)
        try:
            lanes = evaluate_search(searcher, read_query_set(queries), texts)
        except BadQuerySet as err:
            raise _fail(f"{queries}: {err}", 2) from err
        answered = evaluate_questions(Answerer(searcher, store), read_query_set(questions), texts)
    right = sum(r.correct for r in answered)
    if as_json:
        _emit(
            {
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
                    "wrong": [
                        {"id": r.id, "intent": r.intent, "got": r.got, "problems": list(r.problems)}
                        for r in answered
                        if not r.correct
                    ],
                },
            }
        )
        return
    kinds = sorted({k for s in lanes for k in s.by_kind})
    typer.echo(f"{'lane':10} {'R@5':>6} {'MRR':>6}  " + "  ".join(f"{k:>16}" for k in kinds))
    for s in lanes:
        per = "  ".join(
            f"{s.by_kind[k][0]:>7.3f}/{s.by_kind[k][1]:<8.3f}" if k in s.by_kind else " " * 16
            for k in kinds
        )
        typer.echo(f"{s.lane:10} {s.recall:>6.3f} {s.mrr:>6.3f}  {per}")
    typer.echo(f"(R@5/MRR by kind; {len(read_query_set(queries))} queries, workspace {ws})")
    typer.echo(f"questions answered right: {right}/{len(answered)}")
    for r in answered:
        if not r.correct:
            why = "; ".join(r.problems) or f"intent {r.got}"
            typer.echo(f"    {r.id} {r.question}: {why}")


def _prf(s: Score) -> str:
    return f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}"


def main() -> None:
    """Run the command line; turn chidao's own errors into one line and a status."""
    try:
        # Without standalone mode click returns the status of typer.Exit instead of exiting.
        status = app(standalone_mode=False)
        sys.exit(status if isinstance(status, int) else 0)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except TyperException as err:  # bad usage: unknown command, missing argument ...
        typer.echo(f"chidao: {err.format_message()}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("chidao: aborted", err=True)
        sys.exit(1)
    except BadInput as err:
        typer.echo(f"chidao: {err}", err=True)
        sys.exit(2)
    except ChidaoError as err:
        typer.echo(f"chidao: {err}", err=True)
        sys.exit(1)
    except Exception as err:
        if os.environ.get("CHIDAO_DEBUG"):
            raise
        typer.echo(f"chidao: internal error: {type(err).__name__}: {err}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
