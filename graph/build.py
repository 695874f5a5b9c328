"""Ingest files into the graph store: extract, resolve against the store, write atomically.

A file is known by the SHA-256 of its bytes. Its facts live in its own named graph, so
ingesting the same file again changes nothing, and a changed file (a new digest at a known
path) replaces exactly its own facts, in one transaction.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal

from graph.store import GraphStore, insert_data
from ingest.errors import BadInput
from ingest.load import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES
from ingest.pipeline import Extraction, extract_documents, read_document
from ingest.resolve import normalize_number
from ingest.text import fold
from ontology import CHIDAO, META_GRAPH
from ontology.mapping import EXTRACTOR_VERSION, file_iri, map_extraction

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
    """

    files: tuple[FileOutcome, ...]
    skipped: tuple[tuple[str, str], ...]
    documents: int
    tasks: int
    mentions: int


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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
    folder = workspace / "texts"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha}.txt"
    if target.exists():
        return
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, target)


def _store_keys(store: GraphStore) -> list[str]:
    return [str(r["k"]) for r in store.select("SELECT DISTINCT ?k WHERE { ?d chidao:key ?k }")]


def _split_key(key: str) -> tuple[str, str, str, str, str]:
    """(type, number, issuer, year, province) of a key; "_" where a part is unknown."""
    parts = key.split("@")[0].split("#")[0].split(":")
    parts += ["_"] * (5 - len(parts))
    type_code, number, issuer, year, locality = parts[:5]
    return type_code, normalize_number(number), fold(issuer).upper(), year, locality


def resolve_against_store(keys: Sequence[str], existing: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of keys that name one document: a new key and one the store already holds.

    A year-less reference joins the only dated document with its type, number and issuer
    (and a dated one adopts a year-less node the store holds); a short form ("Nghị quyết
    57", no issuer) joins the only document with its type and number.

    Args:
        keys: Keys of the documents of the files being ingested.
        existing: Keys the store holds.

    Returns:
        (a, b) pairs to be linked with chidao:sameAs.
    """
    full: dict[tuple[str, str, str, str], dict[str, str]] = defaultdict(dict)
    by_type_number: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_unplaced: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for key in existing:
        if "@" in key:
            continue  # a file's own unnumbered document
        t, n, i, y, place = _split_key(key)
        if i != "_":
            full[(t, n, i, place)][y] = key
            by_type_number[(t, n)].add(key)
            if place != "_":
                by_unplaced[(t, n, i, y)].add(key)
    pairs: list[tuple[str, str]] = []
    for key in keys:
        if "@" in key or key in existing:
            continue
        t, n, i, y, place = _split_key(key)
        if i == "_":
            candidates = {k for k in by_type_number.get((t, n), set()) if _split_key(k)[3] != "_"}
            if len(candidates) == 1:
                pairs.append((key, candidates.pop()))
            continue
        if place == "_" and len(by_unplaced.get((t, n, i, y), ())) == 1:
            # A file that names no province cites a province's plan the store knows.
            pairs.append((key, next(iter(by_unplaced[(t, n, i, y)]))))
            continue
        years = full.get((t, n, i, place), {})
        if y == "_":
            dated = [k for yy, k in years.items() if yy != "_"]
            if len(dated) == 1:
                pairs.append((key, dated[0]))
        elif "_" in years:
            pairs.append((years["_"], key))
    return pairs


def ingest_paths(
    store: GraphStore,
    workspace: Path,
    paths: Iterable[str | os.PathLike],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the store.

    Args:
        store: The opened store.
        workspace: The workspace folder (texts are kept in it).
        paths: Files and folders.
        max_bytes: Files larger than this are skipped.
        progress: Called with one line per file, for long batches.

    Returns:
        The report of what was added, replaced, left unchanged and skipped.
    """
    say = progress or (lambda _line: None)
    files = expand_paths(paths)
    skipped: list[tuple[str, str]] = []
    outcomes: list[FileOutcome] = []
    todo = []
    for n, path in enumerate(files, 1):
        name = str(path)
        try:
            doc = read_document(path, max_bytes=max_bytes)
        except BadInput as err:
            skipped.append((name, err.reason))
            say(f"[{n}/{len(files)}] {name}: skipped ({err.reason})")
            continue
        sha = _sha256(path)
        previous = _known_file(store, name)
        if previous in (sha, None) and _has_current_graph(store, sha):
            outcomes.append(FileOutcome(name, sha, "unchanged", 0, 0, 0))
            if previous is None:
                store.update(_meta_update(name, sha, None))
            say(f"[{n}/{len(files)}] {name}: unchanged")
            continue
        todo.append((name, sha, previous, doc))
    extractions = extract_documents([d for *_, d in todo]) if todo else []
    existing = _store_keys(store) if todo else []
    new_keys = [k for ex in extractions for k in (*ex.keys, *(o.key for o in ex.owners))]
    same_as = resolve_against_store(new_keys, existing)
    doc_keys: set[str] = set()
    for (name, sha, previous, doc), ex in zip(todo, extractions, strict=True):
        mine = set(ex.keys) | {o.key for o in ex.owners}
        links = [(a, b) for a, b in same_as if a in mine or b in mine]
        keep_text(workspace, sha, doc.text)
        _write_file(store, name, sha, previous, ex, links)
        doc_keys.update(d.key for d in ex.documents)
        status = "replaced" if previous else "added"
        outcomes.append(
            FileOutcome(name, sha, status, len(ex.mentions), len(ex.tasks), len(ex.documents))
        )
        say(
            f"[{len(outcomes) + len(skipped)}/{len(files)}] {name}: {status}, "
            f"{len(ex.mentions)} references, {len(ex.tasks)} tasks"
        )
    return IngestReport(
        files=tuple(outcomes),
        skipped=tuple(skipped),
        documents=len(doc_keys),
        tasks=sum(len(ex.tasks) for ex in extractions),
        mentions=sum(len(ex.mentions) for ex in extractions),
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
    ex: Extraction,
    links: list[tuple[str, str]],
) -> None:
    """Replace a file's graph in one update request: old facts out, new facts in."""
    graph: Graph = map_extraction(ex, sha, name, links)
    parts = []
    if previous and previous != sha and not _shared_with_another_path(store, previous, name):
        parts.append(f"DROP SILENT GRAPH <{file_iri(previous)}>")
    # Facts an older extractor wrote for these very bytes go too.
    parts.append(f"DROP SILENT GRAPH <{file_iri(sha)}>")
    parts.append(insert_data(str(file_iri(sha)), graph))
    parts.append(_meta_update(name, sha, previous))
    store.update(" ;\n".join(parts))


def print_progress(line: str) -> None:
    """Progress to stderr, one line per file."""
    print(line, file=sys.stderr, flush=True)
