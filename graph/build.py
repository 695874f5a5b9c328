"""Ingest files into the graph store: extract, resolve against the store, write atomically.

A file is known by the SHA-256 of its bytes. Its facts live in its own named graph, so
ingesting the same file again changes nothing, and a changed file (a new digest at a known
path) replaces exactly its own facts, in one transaction.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal

from graph.store import PUBLISH_EVERY_SECONDS, GraphStore, insert_data
from ingest.errors import BadInput
from ingest.files import file_sha256, write_atomically
from ingest.keys import parse_key
from ingest.load import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES
from ingest.pipeline import extract_documents, read_document
from ingest.resolve import link_keys
from ingest.workspace import text_path
from ontology import CHIDAO, ELI, FILE, LINKS_GRAPH, META_GRAPH
from ontology.mapping import EXTRACTOR_VERSION, doc_iri, file_iri, key_of, map_extraction

SUPPORTED = SUPPORTED_SUFFIXES


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What ingesting one file did.

    Attributes:
        file: The file as named.
        sha256: The digest of its bytes.
        status: "added", "replaced" (its path held other content before, or facts an older
            extractor wrote) or "unchanged".
        mentions: Its references.
        tasks: Its tasks.
        documents: The documents it cites or is.
    """

    file: str
    sha256: str
    status: str
    mentions: int
    tasks: int
    documents: int


@dataclass(frozen=True, slots=True)
class IngestReport:
    """The outcome of one ingest run.

    Attributes:
        files: One outcome per file read.
        skipped: (file, reason) of files that could not be read.
        documents: Distinct documents in the files ingested by this run.
        tasks: Tasks in them.
        mentions: References in them.
        causes: For each skipped file, the name of the error that stopped it
            ("CorruptFile"), so that a page can say why in its users' language.
    """

    files: tuple[FileOutcome, ...]
    skipped: tuple[tuple[str, str], ...]
    documents: int
    tasks: int
    mentions: int
    causes: dict[str, str] = field(default_factory=dict)


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named, and the supported files inside folders named, in a stable order.

    Inside a folder, a README is the folder's description, not one of its documents (it is
    read when named on its own).
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.suffix.lower() in SUPPORTED and f.stem.lower() != "readme" and f.is_file()
                )
            )
        else:
            out.append(p)
    return out


def _known_file(store: GraphStore, path: str) -> str | None:
    rows = store.select(
        f"SELECT ?h WHERE {{ GRAPH <{META_GRAPH}> {{ ?f chidao:path {Literal(path).n3()} ; "
        "chidao:sha256 ?h } }"
    )
    return str(rows[0]["h"]) if rows else None


def _has_current_graph(store: GraphStore, sha: str) -> bool:
    """Whether the store holds the file's graph as the current extractor writes it."""
    node = file_iri(sha)
    version = Literal(EXTRACTOR_VERSION).n3()
    return store.ask(f"ASK {{ GRAPH <{node}> {{ <{node}> chidao:extractorVersion {version} }} }}")


def keep_text(workspace: Path, sha: str, text: str) -> None:
    """Keep the file's NFC text beside the store, for showing evidence; atomically."""
    target = text_path(workspace, sha)
    if not target.exists():
        write_atomically(target, text)


def _keys_by_graph(store: GraphStore) -> dict[str, dict[str, set[str]]]:
    """The document keys each file graph holds, with the dates of issue it gives them."""
    out: dict[str, dict[str, set[str]]] = defaultdict(dict)
    rows = store.select(
        "SELECT ?g ?k ?date WHERE { GRAPH ?g { ?d chidao:key ?k OPTIONAL { ?d "
        f"eli:date_document ?date }} }} FILTER(STRSTARTS(STR(?g), {Literal(FILE).n3()})) }}"
    )
    for r in rows:
        days = out[str(r["g"])].setdefault(str(r["k"]), set())
        if "date" in r:
            days.add(str(r["date"]))
    return out


def _keys_of(graph: Graph) -> dict[str, set[str]]:
    return {
        str(key): {str(d) for d in graph.objects(node, ELI.date_document)}
        for node, key in graph.subject_objects(CHIDAO.key)
    }


def _stored_links(store: GraphStore) -> set[tuple[str, str]]:
    rows = store.select(f"SELECT ?a ?b WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a chidao:sameAs ?b }} }}")
    return {(key_of(r["a"]), key_of(r["b"])) for r in rows}


class _Links:
    """The store's sameAs links, kept equal to `link_keys` of the keys its files hold.

    Each file write carries the change of links it causes, in the same transaction, so the
    store never holds links that its files' keys do not give, whatever the order of files.
    Every rule of `link_keys` joins keys of one number only, so a file's change is worked
    out over the keys that share a number with the keys it adds or takes away, not over the
    whole store: an archive's ingest stays linear in its files.
    """

    def __init__(self, held: dict[str, dict[str, set[str]]], current: set[tuple[str, str]]):
        """Index what the store holds.

        Args:
            held: For each file graph, its document keys with the dates of issue it gives.
            current: The (key, key) links the store holds.
        """
        self._held: dict[str, dict[str, set[str]]] = {}
        self._graphs_of: dict[str, dict[str, set[str]]] = defaultdict(dict)
        self._by_number: dict[str, set[str]] = defaultdict(set)
        self._links_by_number: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._numbers: dict[str, str] = {}
        for graph, keys in held.items():
            self._hold(graph, keys)
        for pair in current:
            self._links_by_number[self._number(pair[0])].add(pair)

    def count(self, keys: set[str]) -> int:
        """How many documents `keys` name, keys the links join counting once."""
        same = nx.Graph(
            pair
            for n in {self._number(k) for k in keys}
            for pair in self._links_by_number.get(n, ())
            if pair[0] in keys and pair[1] in keys
        )
        return len(keys) - same.number_of_nodes() + nx.number_connected_components(same)

    def change(self, graph: str, keys: dict[str, set[str]], dropped: str | None = None) -> str:
        """The update that brings the links in line once `graph` holds `keys`.

        Args:
            graph: The file graph being written.
            keys: Its document keys, with the dates of issue it gives them.
            dropped: A file's previous content graph, gone in the same write.
        """
        touched: set[str] = set()
        for gone in (dropped, graph):
            if gone is not None:
                touched.update(self._number(k) for k in self._release(gone))
        self._hold(graph, keys)
        touched.update(self._number(k) for k in keys)
        return self._relink(touched)

    def sync(self) -> str:
        """The update that brings every link in line (links an older chidao wrote)."""
        return self._relink(set(self._by_number) | set(self._links_by_number))

    def _number(self, key: str) -> str:
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = parse_key(key).identity()[1]
        return found

    def _hold(self, graph: str, keys: dict[str, set[str]]) -> None:
        self._held[graph] = keys
        for key, days in keys.items():
            self._graphs_of[key][graph] = days
            self._by_number[self._number(key)].add(key)

    def _release(self, graph: str) -> dict[str, set[str]]:
        keys = self._held.pop(graph, {})
        for key in keys:
            graphs = self._graphs_of[key]
            graphs.pop(graph, None)
            if not graphs:
                del self._graphs_of[key]
                self._by_number[self._number(key)].discard(key)
        return keys

    def _relink(self, numbers: set[str]) -> str:
        keys = {k for n in numbers for k in self._by_number.get(n, ())}
        dates = {k: set().union(*self._graphs_of[k].values()) for k in keys}
        wanted = link_keys(keys, dates)
        held = {pair for n in numbers for pair in self._links_by_number.get(n, ())}
        gone, new = held - wanted, wanted - held
        for pair in gone:
            self._links_by_number[self._number(pair[0])].discard(pair)
        for pair in new:
            self._links_by_number[self._number(pair[0])].add(pair)
        parts = []
        for verb, pairs in (("DELETE", gone), ("INSERT", new)):
            if pairs:
                body = " ".join(
                    f"<{doc_iri(a)}> <{CHIDAO.sameAs}> <{doc_iri(b)}> ." for a, b in sorted(pairs)
                )
                parts.append(f"{verb} DATA {{ GRAPH <{LINKS_GRAPH}> {{ {body} }} }}")
        return " ;\n".join(parts)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What a worker makes of one file: everything but what depends on the store.

    Attributes:
        text: The file's NFC text, or None when it could not be read.
        sha: The SHA-256 of its bytes.
        reason: Why it could not be read.
        cause: The name of the error that stopped it.
        insert: The SPARQL INSERT DATA of its graph.
        keys: The document keys its graph holds, with the dates of issue it gives them.
        documents: The keys of the documents it cites or is.
        tasks: Its tasks.
        mentions: Its references.
    """

    text: str | None
    sha: str = ""
    reason: str = ""
    cause: str = ""
    insert: str = ""
    keys: dict[str, set[str]] | None = None
    documents: tuple[str, ...] = ()
    tasks: int = 0
    mentions: int = 0


def _prepare(path: str, sha: str, max_bytes: int) -> _Prepared:
    """Read, extract and map one file (run in a worker process: it touches no store)."""
    try:
        doc = read_document(path, max_bytes=max_bytes)
    except BadInput as err:
        return _Prepared(None, reason=err.reason, cause=type(err).__name__)
    sha = sha or file_sha256(path)  # the writer could not stat it; the reader could
    # Each file is read on its own, so what it yields never depends on its batch;
    # documents named alike across files are joined by the store's links.
    (ex,) = extract_documents([doc])
    graph = map_extraction(ex, sha, None)
    return _Prepared(
        doc.text,
        sha,
        insert=insert_data(str(file_iri(sha)), graph),
        keys=_keys_of(graph),
        documents=tuple(d.key for d in ex.documents),
        tasks=len(ex.tasks),
        mentions=len(ex.mentions),
    )


# Below this many files to read, a pool's start (a fresh interpreter importing the readers,
# about a second) costs more than it saves.
POOL_MIN_FILES = 4


def _prepared_in_order(
    todo: list[tuple[str, str]], max_bytes: int, workers: int
) -> Iterator[_Prepared]:
    """`_prepare` of each (path, sha), in order; in a process pool when there are many.

    At most two files per worker wait ahead of the writer, so memory holds a few files, not
    the corpus.
    """
    if workers <= 1 or len(todo) < POOL_MIN_FILES:
        for path, sha in todo:
            yield _prepare(path, sha, max_bytes)
        return
    # "spawn": the writer holds an open store (with its own threads), which a fork would copy.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        ahead: deque[Future[_Prepared]] = deque()
        pending = iter(todo)
        for path, sha in itertools.islice(pending, 2 * workers):
            ahead.append(pool.submit(_prepare, path, sha, max_bytes))
        while ahead:
            done = ahead.popleft().result()
            for path, sha in itertools.islice(pending, 1):
                ahead.append(pool.submit(_prepare, path, sha, max_bytes))
            yield done


def ingest_paths(
    store: GraphStore,
    workspace: Path,
    paths: Iterable[str | os.PathLike],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Ingest files and folders into the store.

    Files are read and extracted in worker processes, one per core, and written to the
    store in order as they come, each in its own transaction: a run stopped at any point
    keeps every file written so far, and the next run passes them as unchanged.

    Args:
        store: The opened store.
        workspace: The workspace folder (texts are kept in it).
        paths: Files and folders.
        max_bytes: Files larger than this are skipped.
        progress: Called with one line per file, for long batches.
        workers: Processes that read files; one per core when None, 1 for none.

    Returns:
        The report of what was added, replaced, left unchanged and skipped.
    """
    say = progress or (lambda _line: None)
    files = expand_paths(paths)
    skipped: list[tuple[str, str]] = []
    causes: dict[str, str] = {}
    outcomes: list[FileOutcome] = []
    todo: list[tuple[int, str, str, str | None]] = []
    for n, path in enumerate(files, 1):
        name = str(path)
        try:
            sha = file_sha256(path) if path.stat().st_size <= max_bytes else ""
        except OSError:
            sha = ""  # the reader names the cause
        previous = _known_file(store, name)
        if sha and previous in (sha, None) and _has_current_graph(store, sha):
            outcomes.append(FileOutcome(name, sha, "unchanged", 0, 0, 0))
            if previous is None:
                store.update(_meta_update(name, sha, None))
            say(f"[{n}/{len(files)}] {name}: unchanged")
            continue
        todo.append((n, name, sha, previous))
    links = _Links(_keys_by_graph(store), _stored_links(store))
    if not todo and (sync := links.sync()):
        store.update(sync)  # links an older chidao wrote, or none yet
    doc_keys: set[str] = set()
    tasks = mentions = 0
    prepared = _prepared_in_order(
        [(name, sha) for _n, name, sha, _p in todo], max_bytes, workers or os.cpu_count() or 1
    )
    for (n, name, _sha, previous), ready in zip(todo, prepared, strict=True):
        sha = ready.sha
        if ready.text is None:
            skipped.append((name, ready.reason))
            causes[name] = ready.cause
            say(f"[{n}/{len(files)}] {name}: skipped ({ready.reason})")
            continue
        keep_text(workspace, sha, ready.text)
        _write_file(store, name, sha, previous, ready, links)
        store.publish(every=PUBLISH_EVERY_SECONDS)
        doc_keys.update(ready.documents)
        tasks += ready.tasks
        mentions += ready.mentions
        status = "replaced" if previous else "added"
        outcomes.append(
            FileOutcome(name, sha, status, ready.mentions, ready.tasks, len(ready.documents))
        )
        say(
            f"[{n}/{len(files)}] {name}: {status}, {ready.mentions} references, {ready.tasks} tasks"
        )
    return IngestReport(
        files=tuple(outcomes),
        skipped=tuple(skipped),
        causes=causes,
        documents=links.count(doc_keys),
        tasks=tasks,
        mentions=mentions,
    )


def _meta_update(name: str, sha: str, previous: str | None) -> str:
    """Point the path at its new content; content no path names any more is forgotten.

    Two files with the same bytes share one content node (and graph) with two paths:
    changing one of them unhooks only its own path.
    """
    path = Literal(name).n3()
    forget = (
        (
            f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ ?f chidao:path {path} }} }} ;\n"
            f"DELETE {{ GRAPH <{META_GRAPH}> {{ ?f chidao:sha256 ?h }} }} WHERE {{ GRAPH "
            f"<{META_GRAPH}> {{ ?f chidao:sha256 ?h FILTER NOT EXISTS {{ ?f chidao:path ?p }} "
            "} } ;\n"
        )
        if previous
        else ""
    )
    return (
        forget + f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{file_iri(sha)}> "
        f"<{CHIDAO.path}> {path} ; <{CHIDAO.sha256}> {Literal(sha).n3()} }} }}"
    )


def _shared_with_another_path(store: GraphStore, sha: str, name: str) -> bool:
    """Whether another file (a copy elsewhere) still has these bytes, and so this graph."""
    return store.ask(
        f"ASK {{ GRAPH <{META_GRAPH}> {{ <{file_iri(sha)}> chidao:path ?p "
        f"FILTER (?p != {Literal(name).n3()}) }} }}"
    )


def _write_file(
    store: GraphStore,
    name: str,
    sha: str,
    previous: str | None,
    ready: _Prepared,
    links: _Links,
) -> None:
    """Replace a file's graph in one update request: old facts out, new facts in, links."""
    parts = []
    dropped = None
    if previous and previous != sha and not _shared_with_another_path(store, previous, name):
        dropped = str(file_iri(previous))
        parts.append(f"DROP SILENT GRAPH <{dropped}>")
    # Facts an older extractor wrote for these very bytes go too.
    parts.append(f"DROP SILENT GRAPH <{file_iri(sha)}>")
    parts.append(ready.insert)
    parts.append(_meta_update(name, sha, previous))
    change = links.change(str(file_iri(sha)), ready.keys or {}, dropped)
    if change:
        parts.append(change)
    store.update(" ;\n".join(parts))


def print_progress(line: str) -> None:
    """Progress to stderr, one line per file."""
    print(line, file=sys.stderr, flush=True)
