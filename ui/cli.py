"""The `chidao` command line: a thin layer over the library, for scripts and checks.

Every command takes `--json` and then prints only JSON on stdout; progress and logs go
to stderr. Exit status: 0 on success, 2 for bad usage or bad input (one line on stderr
naming the file and the reason), 1 for anything else.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from typer.exceptions import TyperException

from chidao import (
    Workspace,
    ask_question,
    check_query,
    count_store,
    derive_tasks,
    describe_view,
    export_store,
    ingest_files,
    search_text,
    show_document,
    trace_origin,
    update_search_index,
    validate_store,
)
from chidao.worklists import list_deadlines, parse_day, parse_within
from graph.build import print_progress
from graph.query import AmbiguousReference, MalformedReference
from graph.store import default_workspace
from ingest.blocks import read_blocks
from ingest.errors import BadInput, BadRequest, ChidaoError
from ingest.load import DEFAULT_MAX_BYTES
from ingest.naming import format_date
from ingest.pipeline import extract_documents, read_document
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


WorkspaceOption = Annotated[
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
) -> Iterator[Workspace]:
    """Open the workspace for one command.

    Commands that only read open it read-only, so they run beside an ingest or the explorer.
    An ambiguous reference becomes exit status 2 with its candidates (on stdout as JSON with
    --json); so does a malformed reference.
    """
    with Workspace.open(workspace, endpoint, create=create, read_only=read_only) as ws:
        try:
            yield ws
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


def _fail(message: str, status: int) -> typer.Exit:
    typer.echo(f"chidao: {message}", err=True)
    return typer.Exit(status)


def _emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command()
def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Files to read (.txt, .md, .html, .docx, .pdf, .xlsx).")
    ],
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
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
    max_mb: MaxMb = DEFAULT_MAX_BYTES / 1024 / 1024,
    index: Annotated[
        bool, typer.Option("--index/--no-index", help="Update the search index afterwards.")
    ] = True,
    model: Model = None,
) -> None:
    """Read files into the graph store (references, tasks, relations), then index them."""
    with _session(workspace, endpoint, as_json, create=True) as ws, _embedding_bar() as bar:
        outcome = ingest_files(
            ws,
            paths,
            max_bytes=int(max_mb * 1024 * 1024),
            index=index,
            model=model,
            progress=print_progress,
            index_progress=bar,
        )
    report = outcome.report
    for name, reason in report.skipped:
        typer.echo(f"chidao: {name}: {reason}", err=True)
    if outcome.index_problem:
        raise _fail(outcome.index_problem, 1)
    if as_json:
        _emit(outcome.record())
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
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    based_on: BasedOn = False,
    as_json: JsonFlag = False,
) -> None:
    """Every task that derives from a document, directly or through plans implementing it."""
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        found = derive_tasks(ws, reference, based_on)
    if as_json:
        _emit(found.record())
        return
    typer.echo(f"{len(found.tasks)} nhiệm vụ thực hiện {found.name}")
    for t in found.tasks:
        where = " ".join(p for p in (t.section, t.row) if p)
        chain = " → ".join(found.names.get(k, k) for k in t.via)
        typer.echo(f"- [{where}] {t.text[:90]} ({t.lead_unit or '—'}) ← {chain}")


@app.command("trace")
def trace_command(
    start: Annotated[str, typer.Argument(help="A task id, or a document số hiệu or key.")],
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    based_on: BasedOn = False,
    as_json: JsonFlag = False,
) -> None:
    """Every chain of directives above a task (or a document), up to its roots."""
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        origin = trace_origin(ws, start, based_on)
    if as_json:
        _emit(origin.record())
        return
    if not origin.chains:
        typer.echo("Không có văn bản cấp trên.")
    for chain in origin.chains:
        typer.echo(" → ".join(origin.names.get(k, k) for k in chain))


@app.command("due")
def due_command(
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    unit: Annotated[
        str | None, typer.Option(help="Only tasks this unit leads or partners in.")
    ] = None,
    within: Annotated[
        str | None, typer.Option(help="Tasks due within this span: 7d, 30d, 2w, 3m.")
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Tasks past their due date.")] = False,
    today: Annotated[
        str | None, typer.Option(help="Count from this day (YYYY-MM-DD or dd/mm/yyyy).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Tasks by deadline: due within a span, overdue, or every task with a due date."""
    days = parse_within(within) if within else None
    day = parse_day(today) if today else None
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        found = list_deadlines(ws, day, days, overdue, unit)
    if as_json:
        _emit(found.record())
        return
    typer.echo(f"{len(found.tasks)} nhiệm vụ (tính đến ngày {format_date(found.today)})")
    for d in found.tasks:
        left = f"quá hạn {-d.days_left} ngày" if d.days_left < 0 else f"còn {d.days_left} ngày"
        lead = ", ".join(d.task.lead_units) or "—"
        sources = ", ".join(found.names.get(k, k) for k in d.sources)
        typer.echo(f"- {format_date(d.task.due)} ({left}) {d.task.text[:90]} [{lead}]")
        if sources:
            typer.echo(f"    từ: {sources}")


@app.command("show")
def show_command(
    reference: Annotated[str, typer.Argument(help="A số hiệu, short form or key.")],
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
) -> None:
    """A document: aliases, conflicts, issuer, date, what it implements and what implements it."""
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        view = show_document(ws, reference)
        lines = describe_view(ws, view)
    if as_json:
        _emit(view.record())
        return
    for line in lines:
        typer.echo(line)


@app.command("stats")
def stats_command(
    workspace: WorkspaceOption = None, endpoint: Endpoint = None, as_json: JsonFlag = False
) -> None:
    """Totals in the store."""
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        totals = count_store(ws)
    if as_json:
        _emit(totals)
    else:
        for name, value in totals.items():
            typer.echo(f"{name}: {value}")


@app.command("validate")
def validate_command(
    workspace: WorkspaceOption = None, endpoint: Endpoint = None, as_json: JsonFlag = False
) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl."""
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        report = validate_store(ws)
    if as_json:
        _emit(report.record())
    else:
        typer.echo(
            "Đạt: dữ liệu khớp các ràng buộc SHACL."
            if report.conforms
            else f"{len(report.violations)} vi phạm SHACL:"
        )
        for v in report.violations[:50]:
            typer.echo(f"- {v['focus']} {v['path'] or ''}: {v['message']}")
    if not report.conforms:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Argument(help="turtle, nquads, json-ld, graphml or csv.")],
    target: Annotated[Path, typer.Argument(help="File to write (a folder for csv).")],
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
) -> None:
    """Export the graph as RDF, GraphML (Gephi) or CSV (Excel)."""
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        written = export_store(ws, fmt, target)
    if as_json:
        _emit({"format": fmt, "files": [str(p) for p in written]})
    else:
        for p in written:
            typer.echo(str(p))


def _progress_lines(every: float = 5.0) -> Callable[[int, int], None]:
    """A (done, total) callback printing one line to stderr every `every` seconds, and at the end.

    For a log file or a pipe, where a bar draws nothing: whoever tails the log of a large
    ingest sees it move and how long is left.
    """
    start = time.monotonic()
    last = [start - every]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < every and done < total:
            return
        last[0] = now
        left = ""
        if 0 < done < total:
            seconds = (now - start) / done * (total - done)
            left = f", còn khoảng {max(1, round(seconds / 60))} phút"
        share = f" ({100 * done // total}%)" if total else ""
        print(f"Nhúng đoạn văn: {done}/{total}{share}{left}", file=sys.stderr, flush=True)

    return report


@contextmanager
def _embedding_bar() -> Iterator[Callable[[int, int], None]]:
    """Progress on stderr while items are embedded; yields its (done, total) callback.

    A bar with counts and the time left on a terminal, a line every few seconds otherwise.
    """
    if not sys.stderr.isatty():
        yield _progress_lines()
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("Nhúng đoạn văn", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command("index")
def index_command(
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    model: Model = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-embed everything (needed to change model).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Bring the search index up to date with the store (ingest does this by itself)."""
    with _session(workspace, endpoint, as_json) as ws, _embedding_bar() as bar:
        report = update_search_index(
            ws, model=model, rebuild=rebuild, progress=bar, lines=print_progress
        )
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


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="What to look for, with or without diacritics.")],
    k: Annotated[int, typer.Option("-k", help="How many hits.")] = 10,
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    document: Annotated[str | None, typer.Option(help="Only hits about this document.")] = None,
    unit: Annotated[str | None, typer.Option(help="Only hits about this unit.")] = None,
    period: Annotated[str | None, typer.Option(help="Only hits of this period.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Hybrid search (số hiệu, folded BM25, embeddings) over passages and tasks."""
    check_query(query, k)  # refused before the store is opened
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        hits = search_text(ws, query, k, document=document, unit=unit, period=period)
    if as_json:
        _emit({"query": query, "hits": [h.record() for h in hits]})
        return
    kinds = {"task": "Nhiệm vụ", "passage": "Đoạn văn", "document": "Văn bản"}
    for n, h in enumerate(hits, 1):
        typer.echo(f"{n:>2}. {kinds.get(h.kind, h.kind)}: {' '.join(h.text.split())[:110]}")
        typer.echo(f"    nguồn: {Path(h.file).name}")


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="A question in Vietnamese.")],
    workspace: WorkspaceOption = None,
    endpoint: Endpoint = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer a question from the graph and the text, with sources."""
    check_query(question)
    with _session(workspace, endpoint, as_json, read_only=True) as ws:
        answer = ask_question(ws, question)
    if as_json:
        _emit(answer.record())
        return
    typer.echo(answer.answer)
    for s in answer.sources[:5]:
        typer.echo(f"  nguồn: {Path(s.file).name}")


@app.command("ui")
def ui_command(
    workspace: WorkspaceOption = None,
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


@app.command("eval")
def evaluate(
    corpus: Annotated[
        Path,
        typer.Option(help="Folder of corpus files, or a .list file naming one file per line."),
    ] = SAMPLE_CORPUS,
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
            help="Score tasks, lead units, due dates, edges, signers, letterheads and "
            "references on this folder of real documents (../shared/corpus-real) against "
            "tests/data/gold_real.",
        ),
    ] = None,
    real_gold: Annotated[
        Path,
        typer.Option(
            help="Gold for --real: a folder with tasks/, references/ and letterheads.json."
        ),
    ] = REAL_GOLD_DIR,
) -> None:
    """Score extraction against the hand-made gold annotation of a corpus.

    References (mentions and documents), then tasks (found, lead unit, leader and cited
    documents exact) and relations (precision, recall). With --search: recall@5 and MRR of
    each search lane and of the fusion on a query set, and the questions answered right;
    the corpus is ingested and indexed into a workspace of its own (kept in the cache).
    """
    # Imported here: scoring pulls in every reader and the evaluators, which the commands
    # people run many times a day (ask, derive, show) do not need at start-up.
    from chidao.evaluation import (
        evaluate_real_documents,
        evaluate_samples,
        evaluate_search_workspace,
    )

    if search:
        from search.embed import cache_root

        root = workspace or cache_root() / "eval" / corpus.resolve().name
        with _session(root, None, as_json, create=True) as ws:
            done = evaluate_search_workspace(ws, corpus, queries, questions)
    elif real is not None:
        done = evaluate_real_documents(real, real_gold)
    else:
        done = evaluate_samples(corpus, gold, structure_gold)
    if as_json:
        _emit(done.record)
    else:
        for line in done.lines:
            typer.echo(line)


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
    except (BadInput, BadRequest) as err:
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
