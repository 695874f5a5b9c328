"""The explorer's one door to the library: cached loaders and thin calls, plain data out.

Pages import this module and nothing else of chidao, so tests patch here. The store is
opened once per process, read-write (the upload page ingests through it); everything read
from it is cached until an ingest clears the caches.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

import chidao
import chidao.worklists as worklists
import graph.documents
import graph.hierarchy
import graph.levels
import graph.neighbourhood
import graph.passages
import graph.quality
import graph.task_list
from chidao.workspace import Workspace
from graph import query as graph_query
from graph.build import SUPPORTED, IngestReport
from graph.store import (
    GraphStore,
    IndexNotBuilt,
    StoreUnavailable,
    current_snapshot,
    default_workspace,
    open_store,
)
from ingest.catalogue import type_name as catalogue_type_name
from ingest.errors import BadInput, ChidaoError
from ingest.files import write_atomically
from ingest.keys import parse_key
from ingest.load import DEFAULT_MAX_BYTES
from ingest.naming import format_date, name_document, place_body
from ingest.text import fold, sort_key_vi
from ingest.workspace import snapshots_folder, uploads_folder

AmbiguousReference = graph_query.AmbiguousReference
DocumentView = graph_query.DocumentView
UnknownDocument = graph_query.UnknownDocument
UnknownTask = graph_query.UnknownTask
LEVELS = graph.levels.LEVELS
level_of = graph.levels.level_of
NO_SEARCH_INDEX = "Chưa có chỉ mục tìm kiếm"
# Uploads are indexed for search as they are ingested (tests of the graph alone turn it off).
INDEX_UPLOADS = True
UPLOAD_TYPES = tuple(s.lstrip(".") for s in SUPPORTED)


class SearchUnavailable(ChidaoError):
    """Search cannot run: the search package is missing or its index is not built."""


def workspace() -> Path:
    """The workspace the explorer shows: $CHIDAO_WORKSPACE, else the default one."""
    return Path(os.environ.get("CHIDAO_WORKSPACE") or default_workspace())


def max_upload_bytes() -> int:
    """The largest file accepted for upload: $CHIDAO_MAX_MB megabytes, else ingest's limit."""
    mb = os.environ.get("CHIDAO_MAX_MB")
    try:
        return int(float(mb) * 1024 * 1024) if mb else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def endpoint() -> str | None:
    """The SPARQL endpoint holding the graph ($CHIDAO_ENDPOINT), or None for the embedded store.

    With an endpoint the explorer holds no lock: command-line users and other explorers share
    the graph. The workspace still keeps the texts and the search index.
    """
    return os.environ.get("CHIDAO_ENDPOINT") or None


_STORES: dict[tuple[Path, str | None], tuple[GraphStore, Path | None]] = {}
_STORES_LOCK = threading.Lock()


def get_store() -> GraphStore:
    """The graph's store for reading, opened once per process (and per published snapshot).

    The explorer reads the snapshot the last writer published, so it never holds the
    store's lock: `chidao ingest` and other explorers write beside it. It opens the store
    for writing only while it ingests an upload (`writing_store`). Kept apart from
    Streamlit's caches: clearing them must not reopen the store.
    """
    where = (workspace().resolve(), endpoint())
    with _STORES_LOCK:
        if where in _STORES:
            return _STORES[where][0]
        if where[1] is None and current_snapshot(snapshots_folder(where[0])) is None:
            # A new workspace: create the store, which publishes its first snapshot.
            with contextlib.suppress(StoreUnavailable):
                open_store(where[0], create=True).close()
        store = open_store(where[0], endpoint=where[1], create=True, read_only=where[1] is None)
        _STORES[where] = (store, current_snapshot(snapshots_folder(where[0])))
        return store


def follow_writers() -> bool:
    """Move to the snapshot a writer published since this process opened its store.

    Called at the start of every page: the explorer then shows what `chidao ingest` added
    while it was open. Returns True when it moved (and its caches were cleared).
    """
    where = (workspace().resolve(), endpoint())
    with _STORES_LOCK:
        held = _STORES.get(where)
        if held is None or where[1] is not None:
            return False
        if current_snapshot(snapshots_folder(where[0])) == held[1]:
            return False
        del _STORES[where]
        held[0].close()
    clear_caches()
    return True


@contextlib.contextmanager
def writing_store():
    """The store opened for writing, for one ingest; closed (and published) after it."""
    where = (workspace().resolve(), endpoint())
    if where[1] is not None:
        yield get_store()
        return
    store = open_store(where[0], create=True)
    try:
        yield store
    finally:
        store.close()
        follow_writers()


@st.cache_resource(show_spinner=False)
def _reading() -> Workspace:
    """The workspace around the store the explorer reads (its search index loaded once)."""
    return Workspace(workspace(), get_store(), endpoint())


@st.cache_resource(show_spinner=False)
def get_hierarchy() -> graph.hierarchy.Hierarchy:
    """The directive edges between documents."""
    return graph.hierarchy.load_hierarchy(get_store())


@st.cache_resource(show_spinner="Đang đọc danh sách văn bản…")
def list_documents() -> list[graph.documents.DocumentSummary]:
    """Every document, by level then số hiệu."""
    return graph.documents.list_documents(get_store())


@st.cache_resource(show_spinner=False)
def documents_by_key() -> dict[str, graph.documents.DocumentSummary]:
    """Every document, by key."""
    docs = list_documents()
    return {k: d for d in docs for k in (*d.same_as, d.key)}


def label_of(key: str) -> str:
    """The số hiệu of a document for display, else its key."""
    doc = documents_by_key().get(key)
    return doc.label if doc else key


def type_name(code: str | None) -> str | None:
    """A type code's Vietnamese name ("NQ" → "Nghị quyết")."""
    return catalogue_type_name(code)


def body_of(key: str, body: str | None) -> str | None:
    """An issuing body in full, with its province for a local one."""
    return place_body(body, parse_key(key).province)


def deadline_text(task: graph.task_list.TaskView) -> str:
    """A task's deadline for people: the period as written, with the date it means."""
    return worklists.deadline_text(task)


def name_of(key: str) -> str:
    """A document's name for people: "Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)"."""
    doc = documents_by_key().get(key)
    return doc.name if doc else name_document(key)


def short_name_of(key: str) -> str:
    """A document's short name for lists and chains: "Kế hoạch 359-KH/TU (Quảng Ngãi)"."""
    doc = documents_by_key().get(key)
    return doc.short_name if doc else name_document(key, full=False)


@st.cache_resource(show_spinner="Đang đọc danh sách nhiệm vụ…")
def list_tasks() -> list[graph.task_list.TaskView]:
    """Every task with its fields."""
    return graph.task_list.list_tasks(get_store())


@st.cache_resource(show_spinner=False, max_entries=256)
def task_record(task_id: str) -> graph.task_list.TaskView | None:
    """One task with its offsets, or None when the store has no such task."""
    found = graph.task_list.list_tasks(get_store(), [task_id])
    return found[0] if found else None


def warm_up() -> None:
    """Load the slow lists (documents, hierarchy, tasks) once per process, in the background.

    The pages that need them are then quick from the first visit on.
    """
    global _WARMING
    with _STORES_LOCK:
        if _WARMING:
            return
        _WARMING = True

    def load() -> None:
        try:
            list_documents()
            get_hierarchy()
            task_facets()
        except Exception:  # a page that needs the lists will load them and show the error
            return

    threading.Thread(target=load, name="chidao-warm-up", daemon=True).start()


_WARMING = False


@st.cache_resource(show_spinner=False)
def task_facets() -> dict[str, list[str]]:
    """The values each task filter offers, in Vietnamese order."""
    tasks = list_tasks()

    def ordered(values) -> list[str]:
        return sorted({v for v in values if v}, key=sort_key_vi)

    return {
        "lead": graph.task_list.name_units(u for t in tasks for u in t.lead_units),
        "partner": graph.task_list.name_units(u for t in tasks for u in t.partner_units),
        "leader": ordered(t.leader for t in tasks),
        "file": sorted({t.file for t in tasks}),
        "cites": sorted(
            {k for t in tasks for k in t.cites}, key=lambda k: sort_key_vi(label_of(k))
        ),
    }


@st.cache_resource(show_spinner=False, max_entries=32)
def deadlines(
    today: datetime.date, within: int | None, overdue: bool, unit: str | None
) -> list[worklists.DueTask]:
    """Tasks against their deadlines on a day (chidao.worklists.track_deadlines)."""
    return worklists.track_deadlines(list_tasks(), get_hierarchy(), today, within, overdue, unit)


@st.cache_resource(show_spinner=False)
def unit_names() -> list[str]:
    """Every unit that leads or partners in a task, once, written in full, Vietnamese order."""
    facets = task_facets()
    return graph.task_list.name_units([*facets["lead"], *facets["partner"]])


@st.cache_resource(show_spinner=False, max_entries=64)
def unit_tasks(unit: str) -> tuple[list, list]:
    """The tasks a unit leads and those it partners in (its name written in full or not)."""
    tasks = list_tasks()

    wanted = graph.task_list.unit_key(unit)

    def has(units) -> bool:
        return any(graph.task_list.unit_key(u) == wanted for u in units)

    return [t for t in tasks if has(t.lead_units)], [t for t in tasks if has(t.partner_units)]


def sources_of(task: graph.task_list.TaskView) -> tuple[str, ...]:
    """The root directives a task derives from (keys)."""
    return worklists.root_sources(task, get_hierarchy())


def filter_tasks(flt: graph.task_list.TaskFilter) -> list[graph.task_list.TaskView]:
    """The tasks a filter keeps."""
    return graph.task_list.filter_tasks(list_tasks(), flt)


TaskFilter = graph.task_list.TaskFilter


def find_document(text: str) -> str:
    """The key of the document a user means (AmbiguousReference, UnknownDocument)."""
    return chidao.find(_reading(), text.strip())


@st.cache_resource(show_spinner=False, max_entries=64)
def show_document(key: str) -> graph_query.DocumentView:
    """What the store knows of one document (graph.query.show)."""
    return chidao.show_document(_reading(), key)


@st.cache_resource(show_spinner=False, max_entries=32)
def derive_tasks(key: str, based_on: bool = False) -> list[graph_query.DerivedTask]:
    """Every task that derives from a document, each with its chain.

    With `based_on`, also the tasks of documents that name it among their "Căn cứ".
    """
    return list(chidao.derive_tasks(_reading(), key, based_on).tasks)


@st.cache_resource(show_spinner=False)
def tasks_by_id() -> dict[str, graph.task_list.TaskView]:
    """Every task by its id (for the fields a derivation does not carry: partners, due)."""
    return {t.id: t for t in list_tasks()}


def how_derived(task: graph_query.DerivedTask, by_base: bool) -> str:
    """How a task derives, for people: directly, through which documents, or by a Căn cứ."""
    if by_base:
        return "Theo căn cứ"
    if len(task.via) <= 1:
        return "Trực tiếp"
    return "Qua " + " → ".join(short_name_of(k) for k in task.via[:-1])


@st.cache_resource(show_spinner=False, max_entries=128)
def trace_chains(start: str) -> tuple[str, list[list[str]]]:
    """Every chain of directives above a task or a document."""
    origin = chidao.trace_origin(_reading(), start)
    return origin.start, [list(c) for c in origin.chains]


@st.cache_resource(show_spinner=False, max_entries=64)
def document_tree(key: str, direction: str, max_nodes: int = 200) -> graph.hierarchy.Tree:
    """The documents above ("up") or below ("down") a document, as a tree."""
    return graph.hierarchy.tree_of(get_hierarchy(), key, direction, max_nodes)


@st.cache_resource(show_spinner=False, max_entries=64)
def citing_passages(key: str, limit: int = 100) -> tuple[list[graph.passages.Passage], int]:
    """The sentences that cite a document, and how many citations there are."""
    return graph.passages.citing_passages(get_store(), workspace(), key, limit)


@st.cache_resource(show_spinner=False, max_entries=64)
def neighbourhood(center: str, cap: int) -> graph.neighbourhood.GraphView:
    """The graph around a document or a task, at most `cap` nodes."""
    return graph.neighbourhood.neighbourhood(get_store(), get_hierarchy(), center, cap)


@st.cache_resource(show_spinner=False)
def stats() -> dict[str, int]:
    """Totals in the store."""
    return chidao.count_store(_reading())


@dataclass(frozen=True)
class Quality:
    """What the data-quality page lists.

    Attributes:
        conflicts: Documents whose mentions disagree.
        problems: References that resolve to no single complete document.
        cited_only: Documents cited but never ingested.
    """

    conflicts: list[graph.quality.ConflictRow]
    problems: list[graph.quality.ReferenceProblem]
    cited_only: list[graph.quality.CitedDocument]


@st.cache_resource(show_spinner="Đang kiểm tra dữ liệu…")
def quality() -> Quality:
    """Conflicts, unresolved or ambiguous references, documents cited but not ingested."""
    store = get_store()
    return Quality(
        graph.quality.list_conflicts(store),
        graph.quality.reference_problems(store),
        graph.quality.cited_not_ingested(store),
    )


@st.cache_resource(show_spinner="Đang kiểm tra theo SHACL…")
def shacl_violations() -> list[dict[str, str]]:
    """The SHACL results of the whole store (slow on a large store: run on request)."""
    return [
        {**v, "path": v["path"] or "", "value": v["value"] or ""}
        for v in chidao.validate_store(_reading()).violations
    ]


def evidence(file: str, start: int, end: int) -> graph.passages.Passage | None:
    """The sentence of a file around a span, with the span marked; None if the text is gone."""
    sha = _digests().get(file)
    text = graph.passages.read_text(workspace(), sha) if sha else None
    return graph.passages.passage_at(text, start, end, file) if text is not None else None


def file_text(file: str) -> str | None:
    """The NFC text of an ingested file, as kept in the workspace."""
    sha = _digests().get(file)
    return graph.passages.read_text(workspace(), sha) if sha else None


@st.cache_resource(show_spinner=False)
def _digests() -> dict[str, str]:
    return graph.passages.file_digests(get_store())


def _searching() -> Workspace:
    """The reading workspace with its search index loaded, or SearchUnavailable."""
    ws = _reading()
    try:
        with st.spinner("Đang nạp chỉ mục tìm kiếm…"):
            ws.searcher()
    except (ImportError, IndexNotBuilt) as err:
        raise SearchUnavailable(NO_SEARCH_INDEX) from err
    return ws


def search(text: str, k: int = 10, document=None, unit=None, period=None) -> list:
    """Hybrid search hits for a query, filtered by document (a key), unit and period."""
    return chidao.search_text(_searching(), text, k, document=document, unit=unit, period=period)


def ask(question: str):
    """The answer to a question in Vietnamese, with its sources."""
    return chidao.ask_question(_searching(), question)


_QUESTION_WORDS = re.compile(
    r"(^|\s)(nao|gi|ai|bao nhieu|bao gio|o dau|the nao|tai sao|vi sao|co phai|khong)(\s|$)"
)


def is_question(text: str) -> bool:
    """Whether the box holds a question rather than search words."""
    folded = fold(text.strip())
    return folded.endswith("?") or bool(_QUESTION_WORDS.search(folded))


@dataclass(frozen=True)
class UploadOutcome:
    """What the upload page did.

    Attributes:
        report: The ingest report, or None when no file was accepted.
        rejected: (file name, reason in Vietnamese) of files refused before ingest.
        index_note: A note on the search index update, or None.
        saved: Where each accepted file was kept, by its uploaded name.
    """

    report: IngestReport | None
    rejected: list[tuple[str, str]]
    index_note: str | None
    saved: dict[str, str] = field(default_factory=dict)


# Why a file could not be read, in the words of its users (the error's own reason, in
# English for scripts, goes under "Chi tiết kỹ thuật").
SKIP_CAUSES = {
    "UnsupportedFormat": "chidao không đọc được loại tệp này",
    "EmptyFile": "tệp rỗng, không có nội dung để đọc",
    "FileTooLarge": "tệp quá lớn so với giới hạn cho phép",
    "CorruptFile": "tệp bị hỏng hoặc không đúng định dạng nên không mở được",
    "NoTextLayer": "tệp PDF chỉ có hình ảnh, không đọc được chữ",
    "UndecodableText": "không nhận ra bảng mã chữ của tệp",
}


def explain_skip(report: IngestReport, name: str) -> str:
    """Why a file of an ingest was skipped, in Vietnamese."""
    return SKIP_CAUSES.get(report.causes.get(name, ""), "không đọc được nội dung tệp")


def check_upload(name: str, size: int) -> str | None:
    """Why an uploaded file is refused (type or size), in Vietnamese; None if it is fine."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        return (
            f"loại tệp '{suffix or 'không có đuôi'}' không được hỗ trợ "
            f"(chỉ nhận {', '.join(SUPPORTED)})"
        )
    limit = max_upload_bytes()
    if size > limit:
        return f"tệp {megabytes(size)} vượt giới hạn {megabytes(limit)}"
    if size == 0:
        return "tệp rỗng"
    return None


def megabytes(n: int) -> str:
    """A size in megabytes as people read it ("50 MB", "0.02 MB")."""
    return f"{n / 1024 / 1024:.2f}".rstrip("0").rstrip(".") + " MB"


def _safe_name(name: str) -> str:
    """A file name safe to keep in the workspace: the base name, no path or odd characters."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip(" .")
    return cleaned or "tai-lieu.txt"


def _upload_target(folder: Path, name: str, data: bytes) -> Path:
    """Where an upload is kept: never over another file's bytes.

    The same content uploaded again is the file already kept (its status is "Đã có"); a
    different file under a name already taken ("Kế hoạch?.txt" and "Kế hoạch*.txt" both
    become "Kế hoạch_.txt") gets the next free name, "Kế hoạch_ (2).txt".
    """
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 10_000):
        candidate = folder / (name if n == 1 else f"{stem} ({n}){suffix}")
        if not candidate.exists() or candidate.read_bytes() == data:
            return candidate
    raise BadInput(name, "too many uploads under this name")


def ingest_uploads(
    files: list[tuple[str, bytes]],
    progress: Callable[[str], None] | None = None,
    index_progress: Callable[[int, int], None] | None = None,
) -> UploadOutcome:
    """Check, keep and ingest uploaded files; update the search index; clear the caches.

    Args:
        files: (name, content) of each uploaded file.
        progress: Called with one line per file ingested.
        index_progress: Called with (done, total) while the search index is updated.

    Returns:
        What was ingested, what was refused and why.
    """
    rejected: list[tuple[str, str]] = []
    folder = uploads_folder(workspace())
    saved: dict[str, str] = {}
    for name, data in files:
        reason = check_upload(name, len(data))
        if reason:
            rejected.append((name, reason))
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target = _upload_target(folder, _safe_name(name), data)
        if not target.exists():
            write_atomically(target, data)
        saved[name] = str(target)
    if not saved:
        return UploadOutcome(None, rejected, None, saved)
    with writing_store() as store:
        outcome = chidao.ingest_files(
            Workspace(workspace(), store, endpoint()),
            list(saved.values()),
            max_bytes=max_upload_bytes(),
            index=INDEX_UPLOADS,
            progress=progress,
            index_progress=index_progress,
        )
    clear_caches()
    note = (
        outcome.index_problem and f"Không cập nhật được chỉ mục tìm kiếm: {outcome.index_problem}"
    )
    return UploadOutcome(outcome.report, rejected, note, saved)


def clear_caches() -> None:
    """Forget everything read from the store (after an ingest); the store stays open."""
    st.cache_resource.clear()
    st.cache_data.clear()


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def work_rows(tasks) -> list[worklists.WorkRow]:
    """The standard table's rows for tasks (the documents giving them by short name)."""
    names = {t.document: short_name_of(t.document) for t in tasks if t.document}
    return worklists.work_rows(tasks, names)


def export_title(subject: str, filters: str = "") -> tuple[str, str]:
    """The title and subtitle rows of an export: what it lists, when, and how it was narrowed."""
    today = format_date(datetime.date.today().isoformat())
    return (
        f"DANH MỤC NHIỆM VỤ {subject}".strip(),
        f"(Xuất ngày {today}" + (f"; {filters}" if filters else "") + ")",
    )


def work_workbook(tasks, subject: str, filters: str = "") -> bytes:
    """An Excel work list of tasks, titled, with the standard columns."""
    return worklists.write_workbook(*export_title(subject, filters), work_rows(tasks))


def work_document(tasks, subject: str, filters: str = "") -> bytes:
    """A Word work list of tasks for printing (landscape, Times New Roman)."""
    return worklists.write_document(*export_title(subject, filters), work_rows(tasks))
