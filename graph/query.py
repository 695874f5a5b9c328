"""The graph's questions: derived tasks, chains above a task, a document, totals.

"Derives" follows the chain of directives downward: a task that cites the document or
belongs to it, or that cites or belongs to a document that implements it (eli:applies)
or that it issues (chidao:issues), through any number of steps. Documents the store knows
to be one (chidao:sameAs) are one. "Căn cứ" (eli:based_on) edges are followed only when
asked, since every decision is based on some law.
"""

from __future__ import annotations

import contextlib
import gc
import json
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx

from graph.store import GraphStore
from ingest.errors import ChidaoError
from ingest.keys import normalize_number, parse_key
from ingest.naming import pick_body
from ingest.text import fold
from ingest.typed import read_reference
from ontology import DOC, META_GRAPH
from ontology.mapping import doc_iri, key_of, task_iri

# Upward steps: X applies Y (X implements Y), Y issues X (X is issued by Y), sameAs both ways.
_UP = "(eli:applies|^chidao:issues|chidao:sameAs|^chidao:sameAs)"
_UP_BASED = "(eli:applies|^chidao:issues|chidao:sameAs|^chidao:sameAs|eli:based_on)"


class UnknownDocument(ChidaoError):
    """No document in the store matches what the user typed."""


class MalformedReference(UnknownDocument):
    """What the user typed is no document reference at all (bad input)."""


def _shown(text: str, limit: int = 60) -> str:
    """What the user typed, cut for a one-line message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class AmbiguousReference(ChidaoError):
    """Several documents match what the user typed.

    Attributes:
        text: What the user typed.
        candidates: (key, symbol, title) of each match.
    """

    def __init__(self, text: str, candidates: list[tuple[str, str, str]]) -> None:
        listed = "; ".join(f"{s or k} [{k}]" for k, s, _t in candidates[:8])
        super().__init__(f"'{text}' matches {len(candidates)} documents: {listed}")
        self.text = text
        self.candidates = candidates


class UnknownTask(ChidaoError):
    """No task in the store has the given id."""


class DerivedTask(NamedTuple):
    """A task that derives from a document.

    A typed named tuple rather than a frozen dataclass: a national resolution's answer
    builds ten thousand of them, and a frozen dataclass's constructor costs five times as
    much (a fifth of the whole answer at 100k tasks).

    Attributes:
        id: The task id.
        file: The file it was read from.
        section: Its section.
        row: Its row.
        text: Its text.
        lead_unit: Its lead unit.
        via: Keys from the task's own or cited document up to the asked document.
    """

    id: str
    file: str
    section: str
    row: str
    text: str
    lead_unit: str | None
    via: tuple[str, ...]


# "nq 57", "nghi quyet 57", "kh359", "Quyết định số 327" (folded).
def _parse_reference(text: str) -> dict:
    """Read what a user typed as a reference: a full số hiệu, or a type and a number."""
    found = read_reference(text)
    if found is None:
        raise MalformedReference(
            f"'{_shown(text)}': not a document reference (try '57-NQ/TW' or 'nq 57')"
        )
    return {
        "type": found.type_code,
        "number": found.number,
        "issuer": found.issuer,
        "year": found.year,
    }


def find_document(store: GraphStore, text: str) -> str:
    """Find the key of the document a user means.

    Args:
        store: The store.
        text: A key, a số hiệu in any spelling ("57-NQ/TW", "57/NQ-TW"), or a short form
            ("nq 57", "nghi quyet 57", "Kế hoạch số 359").

    Returns:
        The document's key.

    Raises:
        UnknownDocument: Nothing matches.
        AmbiguousReference: Several documents match; their candidates are attached.
    """
    if store.ask(f"ASK {{ <{doc_iri(text)}> chidao:key ?k }}"):
        return text
    want = _parse_reference(text)
    # Each file that names a document states its key and number in its own graph: matched
    # across the union of graphs they would pair every copy with every other (hundreds of
    # files name a national resolution), so the match is made inside one graph at a time.
    # Files write the number as the document does ("02", "327", "794a"): every spelling
    # with leading zeros is looked up in the store's index, where a filter would read every
    # number of every file.
    spellings = " ".join(f'"{n}"' for n in _number_spellings(want["number"]))
    rows = store.select(
        f"SELECT DISTINCT ?d ?k WHERE {{ VALUES ?n {{ {spellings} }} "
        "GRAPH ?g { ?d eli:number ?n ; chidao:key ?k } }"
    )
    keys = []
    for row in rows:
        key = str(row["k"])
        parts = parse_key(key)
        if parts.is_own:
            continue
        t, issuer, year = parts.type_code, parts.issuer, parts.year
        if want["type"] and fold(t) != fold(want["type"]):
            continue
        if want["issuer"] and fold(issuer) != fold(want["issuer"]):
            continue
        if want["year"] and year not in ("_", str(want["year"])):
            continue
        keys.append(key)
    symbols = sample_field(store, "chidao:symbol", keys)
    titles = sample_field(store, "eli:title", keys)
    candidates = [(k, symbols.get(k, ""), titles.get(k, "")) for k in keys]
    candidates = _merge_same(store, candidates)
    if not candidates:
        raise UnknownDocument(f"'{_shown(text)}': no such document in the store")
    if len(candidates) > 1:
        raise AmbiguousReference(text, sorted(candidates))
    return candidates[0][0]


def _number_spellings(number: str) -> list[str]:
    """The ways a số hiệu's number may be written: as typed, and with 0–5 leading zeros."""
    bare = normalize_number(number)
    forms = {number, bare, bare.upper()}
    return sorted({f"{'0' * z}{f}" for f in forms for z in range(6) if f.isalnum()}) or [bare]


def sample_field(store: GraphStore, prop: str, keys=None) -> dict[str, str]:
    """One value of a document property, as some file gave it, for each document that has it.

    Every file that names a document states its fields again, and the union of the graphs
    keeps every copy: a field is read on its own, never joined with another, or a resolution
    named by five hundred files would give 500 × 500 rows for two fields.

    Args:
        store: The store.
        prop: The property, prefixed ("chidao:symbol", "eli:title").
        keys: Only these documents; None for every document.

    Returns:
        The value by document key.
    """
    if keys is not None:
        if not keys:
            return {}
        where = "VALUES ?d { " + " ".join(f"<{doc_iri(k)}>" for k in keys) + f" }} ?d {prop} ?v"
    else:
        where = f'?d {prop} ?v . FILTER(STRSTARTS(STR(?d), "{DOC}"))'
    if prop != "eli:title":
        rows = store.select(f"SELECT ?d (SAMPLE(?v) AS ?value) WHERE {{ {where} }} GROUP BY ?d")
        return {key_of(r["d"]): str(r["value"]) for r in rows}
    titles: dict[str, list[str]] = defaultdict(list)
    for r in store.select(f"SELECT DISTINCT ?d ?v WHERE {{ {where} }}"):
        titles[key_of(r["d"])].append(str(r["v"]))
    return {key: best_text(values) for key, values in titles.items()}


def best_text(values) -> str | None:
    """The best of several spellings of one text that files gave.

    The one with most marked letters (an OCR'd copy loses its diacritics), then the
    longest, then the first in order.
    """
    return max(
        sorted(str(v) for v in values),
        key=lambda v: (sum(not c.isascii() for c in v), len(v)),
        default=None,
    )


def _merge_same(store: GraphStore, candidates: list[tuple[str, str, str]]):
    """Keep one of each group of candidates the store links with chidao:sameAs.

    The one kept is the key the group is shown by everywhere else (`name_documents`).
    """
    if len(candidates) < 2:
        return candidates
    keys = {c[0] for c in candidates}
    pairs = [
        (a, b)
        for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a chidao:sameAs ?b }")
        if (a := key_of(r["a"])) in keys and (b := key_of(r["b"])) in keys
    ]
    names = name_documents(store, pairs)
    return [c for c in candidates if names.get(c[0], c[0]) == c[0]]


def _chains_below(
    store: GraphStore, key: str, based_on: bool, hierarchy: _DeriveIndex | None
) -> dict[str, tuple[str, ...]]:
    """Every document below `key` (that reaches it going up), with its shortest chain to it.

    A breadth-first walk down: in memory over `hierarchy`'s edges when given, else one
    query per level (a hierarchy is a handful of levels deep, and asking only for the edges
    into the level above reads each edge once).
    """
    chains = {key: (key,)}
    level = [key]
    known = hierarchy.below(based_on) if hierarchy is not None else None
    while level:
        if known is not None:
            below = known
        else:
            values = " ".join(f"<{doc_iri(k)}>" for k in level)
            below = _edges_below(
                store.select(
                    f"SELECT DISTINCT ?x ?y WHERE {{ VALUES ?y {{ {values} }} "
                    f"?x {_UP_BASED if based_on else _UP} ?y }}"
                )
            )
        found = []
        for upper in level:  # ties go to the first upper document, in a fixed order
            for lower in below.get(upper, ()):
                if lower not in chains:
                    chains[lower] = (lower, *chains[upper])
                    found.append(lower)
        level = found
    return chains


def _edges_below(rows: list[dict]) -> dict[str, list[str]]:
    """Rows of (?x one step below ?y) as upper document → the documents below it, sorted."""
    below: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        below[key_of(r["y"])].add(key_of(r["x"]))
    return {k: sorted(v) for k, v in below.items()}


class _DeriveIndex:
    """What `derive` reads of a store whose content has a name, read once and kept.

    The edges between documents (for both ways of walking them), which file graphs hold
    tasks hanging from each document, and each file graph's extractor version and first
    path. At 100,000 tasks this is some 5,000 edges and 15,000 pairs, read in about a third
    of a second; `derive` of a national resolution then asks the store only for the task
    indexes it has not parsed yet. Built at a process's second question on the same
    content, so that a command line's one question does not pay for it.
    """

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._below: dict[bool, dict[str, list[str]]] = {}
        self._files: tuple[dict[str, list[str]], dict[str, tuple[str, str]]] | None = None
        self._lock = threading.Lock()

    def below(self, based_on: bool) -> dict[str, list[str]]:
        """Upper document → the documents one step below it, sorted."""
        with self._lock:
            if based_on not in self._below:
                self._below[based_on] = _edges_below(
                    self._store.select(
                        f"SELECT DISTINCT ?x ?y WHERE {{ ?x {_UP_BASED if based_on else _UP} ?y }}"
                    )
                )
            return self._below[based_on]

    def files(self) -> tuple[dict[str, list[str]], dict[str, tuple[str, str]]]:
        """Document → file graphs with tasks hanging from it; file graph → (path, version)."""
        with self._lock:
            if self._files is None:
                by_doc: dict[str, list[str]] = defaultdict(list)
                for r in self._store.select(
                    "SELECT ?x ?f WHERE { GRAPH ?f { ?f chidao:taskDocument ?x } }"
                ):
                    by_doc[key_of(r["x"])].append(str(r["f"]))
                rows = _first_path(
                    self._store.select(
                        "SELECT ?f ?version ?path WHERE { GRAPH ?f { ?f chidao:extractorVersion "
                        f"?version }} GRAPH <{META_GRAPH}> {{ ?f chidao:path ?path }} }}"
                    )
                )
                info = {str(r["f"]): (str(r["path"]), str(r["version"])) for r in rows}
                self._files = (dict(by_doc), info)
            return self._files


# Store version → its derive index, None after the first question on it.
_DERIVE_INDEXES: OrderedDict[str, _DeriveIndex | None] = OrderedDict()
_DERIVE_INDEXES_LOCK = threading.Lock()


def _derive_index(store: GraphStore) -> _DeriveIndex | None:
    """The store's derive index, from the second question on its current content.

    None for the first question, and for a store whose content has no name (an endpoint).
    """
    version = store.version
    if version is None:
        return None
    with _DERIVE_INDEXES_LOCK:
        if version not in _DERIVE_INDEXES:
            _DERIVE_INDEXES[version] = found = None
        elif (found := _DERIVE_INDEXES[version]) is None:
            found = _DERIVE_INDEXES[version] = _DeriveIndex(store)
        while len(_DERIVE_INDEXES) > 2:  # a writer's old contents, a reader's old snapshot
            _DERIVE_INDEXES.popitem(last=False)
        return found


def derive(store: GraphStore, key: str, based_on: bool = False) -> list[DerivedTask]:
    """Every task that derives from a document.

    Args:
        store: The store.
        key: The document's key.
        based_on: Also follow "Căn cứ" edges.

    Returns:
        The tasks, by file and in each file's order, each with its chain of documents.
    """
    with _collection_paused():
        return _derive(store, key, based_on)


@contextlib.contextmanager
def _collection_paused():
    """Hold off Python's cycle collector while building many small objects.

    Ten thousand tasks' rows would otherwise set off collections that walk the whole heap
    again and again; nothing built here is cyclic garbage.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _derive(store: GraphStore, key: str, based_on: bool) -> list[DerivedTask]:
    hierarchy = _derive_index(store)
    chains = _chains_below(store, key, based_on, hierarchy)
    best: dict[str, DerivedTask] = {}
    ordered: list[DerivedTask] = []
    # The tasks of a file mostly hang from the same documents: find each chain once.
    chain_of: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    # Files by path, each file's tasks in the order the file gives them (a sort by section
    # label would put "IX" before "V").
    for path, tasks in _task_indexes(store, chains, hierarchy):
        for tid, section, row, text, lead, keys in tasks:
            chain = chain_of.get(keys, _UNSEEN)
            if chain is _UNSEEN:
                chain = chain_of[keys] = _shortest_chain(chains, keys)
            if chain is None or (tid in best and (len(chain), chain) >= _rank(best[tid])):
                continue
            best[tid] = task = DerivedTask(tid, path, section, row, text, lead, chain)
            ordered.append(task)
    if len(ordered) == len(best):
        return ordered
    return [t for t in ordered if best[t.id] is t]  # a task met twice keeps its shortest chain


_UNSEEN = object()

# A file's task index, as read from the store: (id, section, row, text, lead unit, keys of
# the documents it hangs from), in the file's order.
_TaskRow = tuple[str, str, str, str, "str | None", tuple[str, ...]]


class _TaskIndexCache:
    """The parsed task indexes of files, kept between questions in one process.

    A file's graph is named by the SHA-256 of its bytes and written whole by one extractor
    version, so (file, version) fixes its index: an entry never goes stale, whatever else is
    ingested. Kept to a budget of tasks, least recently used out first; shared by the
    explorer's threads.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._entries: OrderedDict[tuple[str, str], tuple[_TaskRow, ...]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> tuple[_TaskRow, ...] | None:
        with self._lock:
            rows = self._entries.get(key)
            if rows is not None:
                self._entries.move_to_end(key)
            return rows

    def put(self, key: tuple[str, str], rows: tuple[_TaskRow, ...]) -> None:
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = rows
            self._size += len(rows)
            while self._size > self.budget and len(self._entries) > 1:
                _key, old = self._entries.popitem(last=False)
                self._size -= len(old)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


# About a kilobyte a task (its text is most of it): some 100 MB at the budget.
_TASK_INDEXES = _TaskIndexCache(budget=100_000)


def clear_task_cache() -> None:
    """Forget the task indexes and hierarchies read (benchmarks time first questions so)."""
    _TASK_INDEXES.clear()
    with _DERIVE_INDEXES_LOCK:
        _DERIVE_INDEXES.clear()


def _parse_task_index(text: str) -> tuple[_TaskRow, ...]:
    return tuple((t, s, r, x, lead, tuple(keys)) for t, s, r, x, lead, keys in json.loads(text))


def _task_indexes(
    store: GraphStore, documents, hierarchy: _DeriveIndex | None
) -> list[tuple[str, tuple[_TaskRow, ...]]]:
    """(path, tasks) of each file with a task that belongs to or cites one of `documents`.

    Each file keeps a compact copy of its tasks (chidao:taskIndex): reading one value per
    file instead of several per task is what keeps a national resolution's ten thousand
    tasks quick, since the store decodes every value it returns with one lookup. Indexes
    already parsed in this process are not read again. With `hierarchy`, the files are
    known without asking.
    """
    if hierarchy is not None:
        by_doc, info = hierarchy.files()
        graphs = {f for k in documents for f in by_doc.get(k, ())}
        return _indexes_of(store, sorted((info[f][0], f, info[f][1]) for f in graphs if f in info))
    values = " ".join(f"<{doc_iri(k)}>" for k in documents)
    files_below = (
        "{ SELECT DISTINCT ?f WHERE { "
        f"VALUES ?x {{ {values} }} GRAPH ?g {{ ?f chidao:taskDocument ?x }} }} }} "
    )
    if not _TASK_INDEXES:
        # Nothing read yet (a command line's one question): one query reads every index.
        rows = _first_path(
            store.select(
                f"SELECT ?f ?version ?path ?index WHERE {{ {files_below} GRAPH ?f {{ "
                "?f chidao:extractorVersion ?version ; chidao:taskIndex ?index } "
                f"GRAPH <{META_GRAPH}> {{ ?f chidao:path ?path }} }}"
            )
        )
        return [
            (str(r["path"]), _remember(str(r["f"]), str(r["version"]), str(r["index"])))
            for r in sorted(rows, key=lambda r: (str(r["path"]), str(r["f"])))
        ]
    # Otherwise the files first, then only the indexes not yet at hand: returning an index,
    # not finding it, is what costs.
    rows = _first_path(
        store.select(
            f"SELECT ?f ?version ?path WHERE {{ {files_below} GRAPH ?f {{ "
            f"?f chidao:extractorVersion ?version }} "
            f"GRAPH <{META_GRAPH}> {{ ?f chidao:path ?path }} }}"
        )
    )
    return _indexes_of(
        store, sorted((str(r["path"]), str(r["f"]), str(r["version"])) for r in rows)
    )


def _indexes_of(
    store: GraphStore, files: list[tuple[str, str, str]]
) -> list[tuple[str, tuple[_TaskRow, ...]]]:
    """(path, tasks) of each (path, file graph, version), reading only indexes not at hand."""
    found = {(f, v): _TASK_INDEXES.get((f, v)) for _p, f, v in files}
    missing = sorted({f for (f, _v), tasks in found.items() if tasks is None})
    if missing:
        listed = " ".join(f"<{f}>" for f in missing)
        # The union, not GRAPH ?f: a file's own facts are in its graph alone, and Oxigraph
        # finds them faster this way.
        for r in store.select(
            f"SELECT ?f ?version ?index WHERE {{ VALUES ?f {{ {listed} }} "
            "?f chidao:taskIndex ?index ; chidao:extractorVersion ?version }"
        ):
            f, v = str(r["f"]), str(r["version"])
            found[(f, v)] = _remember(f, v, str(r["index"]))
    return [(path, found[(f, v)]) for path, f, v in files if found.get((f, v)) is not None]


def _first_path(rows: list[dict]) -> list[dict]:
    """One row per file graph: copies of one file share it, and the first path names it."""
    first: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: str(r["path"])):
        first.setdefault(str(r["f"]), r)
    return list(first.values())


def _remember(file: str, version: str, text: str) -> tuple[_TaskRow, ...]:
    """Parse a file's task index and keep it for later questions."""
    tasks = _parse_task_index(text)
    _TASK_INDEXES.put((file, version), tasks)
    return tasks


def _shortest_chain(
    chains: dict[str, tuple[str, ...]], keys: tuple[str, ...]
) -> tuple[str, ...] | None:
    """The shortest chain from any of a task's documents, ties broken by the keys in it."""
    found = [chains[k] for k in keys if k in chains]
    return min(found, key=lambda c: (len(c), c)) if found else None


def _rank(task: DerivedTask) -> tuple[int, tuple[str, ...]]:
    return len(task.via), task.via


def trace(store: GraphStore, start: str, based_on: bool = False) -> tuple[str, list[list[str]]]:
    """Every chain of directives upward from a task (or a document) to a root.

    Args:
        store: The store.
        start: A task id, or a document key or số hiệu.
        based_on: Also follow "Căn cứ" edges.

    Returns:
        The start (task id or document key) and the chains, each a list of keys from the
        task's own or cited document to a document that implements nothing.
    """
    up = _UP_BASED if based_on else _UP
    if store.ask(f"ASK {{ <{task_iri(start)}> chidao:taskId ?i }}"):
        rows = store.select(
            f"SELECT DISTINCT ?d WHERE {{ {{ <{task_iri(start)}> chidao:partOf ?d }} UNION "
            f"{{ <{task_iri(start)}> chidao:cites ?d }} }}"
        )
        starts = sorted(key_of(r["d"]) for r in rows)
        origin = start
    else:
        origin = find_document(store, start)
        starts = [origin]
    chains: list[list[str]] = []
    step = up.replace("|chidao:sameAs|^chidao:sameAs", "")
    for s in starts:
        # The documents reached first, in a subquery: joined as one pattern, Oxigraph walks
        # every edge of the store before the few reached (0.4 s at 100k tasks, not 4 ms).
        reached = f"{{ SELECT DISTINCT ?x WHERE {{ <{doc_iri(s)}> {up}* ?x }} }}"
        rows = store.select(f"SELECT DISTINCT ?x ?y WHERE {{ {reached} ?x {step} ?y }}")
        same = store.select(f"SELECT DISTINCT ?x ?y WHERE {{ {reached} ?x chidao:sameAs ?y }}")
        one = name_documents(store, [(key_of(r["x"]), key_of(r["y"])) for r in same])
        g = nx.DiGraph()
        g.add_node(one.get(s, s))
        for r in rows:
            x, y = key_of(r["x"]), key_of(r["y"])
            if one.get(x, x) != one.get(y, y):
                g.add_edge(one.get(x, x), one.get(y, y))
        chains.extend(_chains_up(g, one.get(s, s)))
    return origin, _dedupe(chains)


def name_documents(store: GraphStore, pairs: list[tuple[str, str]]) -> dict[str, str]:
    """The key each group of keys naming one document is shown by.

    Args:
        store: The store.
        pairs: Keys the store links with chidao:sameAs.

    Returns:
        For each key of a pair, the key its group is shown by.

    A file's own document speaks for itself (its letterhead names its type), then the key
    that knows most (fewest unknown parts), then the one more files write, then the first
    in order.
    """
    if not pairs:
        return {}
    groups = nx.Graph(pairs)
    values = " ".join(f"<{doc_iri(k)}>" for k in groups.nodes)
    own = {
        key_of(r["d"])
        for r in store.select(
            f"SELECT DISTINCT ?d WHERE {{ VALUES ?d {{ {values} }} ?f chidao:isDocument ?d }}"
        )
    }
    files = {
        key_of(r["d"]): int(r["n"])
        for r in store.select(
            f"SELECT ?d (COUNT(DISTINCT ?g) AS ?n) WHERE {{ VALUES ?d {{ {values} }} "
            "GRAPH ?g { ?d chidao:key ?k } } GROUP BY ?d"
        )
    }
    out: dict[str, str] = {}
    for group in nx.connected_components(groups):
        name = min(
            group,
            key=lambda k: (k not in own, len(parse_key(k).missing), -files.get(k, 0), k),
        )
        out.update(dict.fromkeys(group, name))
    return out


def _chains_up(g: nx.DiGraph, start: str) -> list[list[str]]:
    """Simple paths from start to every root (a node with no way up)."""
    roots = [n for n in g.nodes if g.out_degree(n) == 0]
    paths: list[list[str]] = []
    for root in sorted(roots):
        if root == start:
            paths.append([start])
            continue
        paths.extend(list(p) for p in nx.all_simple_paths(g, start, root, cutoff=12))
    if not paths:
        paths.append([start])  # a cycle with no root: the start alone
    return paths


def _dedupe(chains: list[list[str]]) -> list[list[str]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for c in chains:
        if tuple(c) not in seen:
            seen.add(tuple(c))
            out.append(c)
    return out


def stats(store: GraphStore) -> dict[str, int]:
    """Totals in the store: files, documents, tasks, mentions, relations, triples.

    Documents are counted as real documents: keys that name one document count once.
    """

    def count(pattern: str) -> int:
        rows = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0]["n"]) if rows else 0

    # Keys the store links as one document (chidao:sameAs) count once.
    same = nx.Graph(
        (str(r["a"]), str(r["b"]))
        for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a chidao:sameAs ?b }")
    )
    merged = same.number_of_nodes() - nx.number_connected_components(same)
    return {
        "files": count("?x a chidao:SourceFile"),
        "documents": count("?x a eli:LegalResource") - merged,
        "tasks": count("?x a chidao:Task"),
        "mentions": count("?x a chidao:Mention"),
        "relations": count("?x a chidao:RelationAssertion"),
        "triples": store.count_triples(),
    }


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signed a document, and where the signature block stands.

    Attributes:
        name: The signer's name.
        capacity: The capacity signed in ("GIÁM ĐỐC"; "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH").
        file: The file holding the block.
        start: Offset of the block in the file's NFC text.
        end: Offset after it.
    """

    name: str
    capacity: str
    file: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A field the files disagree on, with every value they give."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentView:
    """The store's one view of a document: what every file says of it, and its relations.

    Attributes:
        key: Its key.
        type_code: Its type's code ("NQ").
        number: Its number.
        issuer: Its issuer's code as in the số hiệu.
        year: Its year.
        date: Its date (ISO), the earliest when files disagree.
        symbol: Its số hiệu as written ("57-NQ/TW").
        issuing_body: The body that issued it, in words: the one files name most often
            (`ingest.naming.pick_body`).
        subject: Its title (trích yếu).
        aliases: Every spelling of its số hiệu the files use.
        conflicts: Fields the files disagree on.
        implements: Keys of the documents it carries out.
        implemented_by: Keys of the documents that carry it out.
        issued_by: Keys of the documents that issue it (a decision issuing a plan).
        issues: Keys of the documents it issues.
        based_on: Keys of the documents in its "Căn cứ".
        same_as: Keys the store joins with it.
        tasks_citing: Ids of the tasks that cite it.
        signers: Who signed it.
    """

    key: str
    type_code: str | None
    number: str | None
    issuer: str | None
    year: int | None
    date: str | None
    symbol: str | None
    issuing_body: str | None
    subject: str | None
    aliases: tuple[str, ...]
    conflicts: tuple[FieldConflict, ...]
    implements: tuple[str, ...]
    implemented_by: tuple[str, ...]
    issued_by: tuple[str, ...]
    issues: tuple[str, ...]
    based_on: tuple[str, ...]
    same_as: tuple[str, ...]
    tasks_citing: tuple[str, ...]
    signers: tuple[Signer, ...]

    def record(self) -> dict:
        """The view as `show --json` prints it (the CLI contract)."""
        out = {name: getattr(self, name) for name in self.__slots__}
        for name, value in out.items():
            if isinstance(value, tuple):
                out[name] = list(value)
        out["conflicts"] = [{"field": c.field, "values": list(c.values)} for c in self.conflicts]
        out["signers"] = [
            {"name": x.name, "capacity": x.capacity, "file": x.file, "start": x.start, "end": x.end}
            for x in self.signers
        ]
        return out


def show(store: GraphStore, key: str) -> DocumentView:
    """What the store knows of one document.

    Args:
        store: The store.
        key: The document's key.

    Returns:
        Its fields (every value files gave), aliases, conflicts, what it implements, what
        implements it, what it issues or is issued by, the tasks citing it, and who signed
        it (with where the signature block is).
    """
    node = doc_iri(key)
    fields = store.select(
        "SELECT ?p ?o WHERE { "
        f"<{node}> ?p ?o . FILTER(?p IN (chidao:typeCode, eli:number, chidao:issuerCode, "
        "chidao:year, eli:date_document, chidao:symbol, chidao:alias, chidao:issuingBody, "
        "eli:title, chidao:title)) }"
    )
    values: dict[str, list] = defaultdict(list)
    for r in fields:
        name = str(r["p"]).rsplit("#", 1)[-1]
        if r["o"] not in values[name]:
            values[name].append(r["o"])
    conflicts = store.select(
        f"SELECT ?c ?field (GROUP_CONCAT(?v; separator='|') AS ?vals) WHERE {{ <{node}> "
        "chidao:conflict ?c . ?c chidao:field ?field ; chidao:value ?v } GROUP BY ?c ?field"
    )

    def related(pattern: str) -> tuple[str, ...]:
        rows = store.select(f"SELECT DISTINCT ?d WHERE {{ {pattern} }}")
        return tuple(sorted(key_of(r["d"]) for r in rows if str(r["d"]).startswith(DOC)))

    citing = store.select(
        f"SELECT DISTINCT ?id WHERE {{ ?t chidao:cites <{node}> ; chidao:taskId ?id }}"
    )
    signed = store.select(
        "SELECT ?name ?capacity (MIN(?p) AS ?path) ?s ?e WHERE { GRAPH ?g { ?x "
        f"chidao:signedDocument <{node}> ; chidao:signer/rdfs:label ?name ; chidao:capacity "
        "?capacity ; chidao:start ?s ; chidao:end ?e } ?g chidao:path ?p } "
        "GROUP BY ?g ?name ?capacity ?s ?e"
    )
    dates = sorted({str(d) for d in values.get("date_document", [])})
    # One entry per field, whichever files recorded the conflict.
    conflicting: dict[str, set[str]] = defaultdict(set)
    for r in conflicts:
        conflicting[str(r["field"])].update(str(r["vals"]).split("|"))
    # Keys the store joins as this document: their spellings are its aliases, and a type
    # they disagree on is a conflict (327/QĐ-UBND cited as 327/KH-UBND).
    for r in store.select(
        "SELECT DISTINCT ?p ?o WHERE { "
        f"<{node}> (chidao:sameAs|^chidao:sameAs)+ ?d . ?d ?p ?o "
        "FILTER(?p IN (chidao:typeCode, chidao:alias)) }"
    ):
        name = str(r["p"]).rsplit("#", 1)[-1]
        if r["o"] not in values[name]:
            values[name].append(r["o"])
    if len(values.get("typeCode", [])) > 1:
        conflicting["type_code"].update(str(v) for v in values["typeCode"])
    conflict_list = [FieldConflict(f, tuple(sorted(v))) for f, v in sorted(conflicting.items())]
    if len(dates) > 1 and not any(c.field == "date" for c in conflict_list):
        conflict_list.append(FieldConflict("date", tuple(dates)))
    same_as = related(f"{{ <{node}> chidao:sameAs ?d }} UNION {{ ?d chidao:sameAs <{node}> }}")
    # The body most files name, over the keys the store joins as this document.
    members = " ".join(f"<{doc_iri(k)}>" for k in (key, *same_as))
    bodies: dict[str, int] = defaultdict(int)
    for found in count_bodies(store, f"VALUES ?d {{ {members} }}").values():
        for body, n in found.items():
            bodies[body] += n
    return DocumentView(
        key=key,
        type_code=_first(values.get("typeCode")),
        number=_first(values.get("number")),
        issuer=_first(values.get("issuerCode")),
        year=_first(values.get("year")),
        date=dates[0] if dates else None,
        symbol=_first(values.get("symbol")),
        issuing_body=pick_body(key, bodies) or _first(values.get("issuingBody")),
        subject=best_text(values.get("title", [])),
        aliases=tuple(sorted({str(a) for a in values.get("alias", [])})),
        conflicts=tuple(conflict_list),
        implements=related(f"<{node}> eli:applies ?d"),
        implemented_by=related(f"?d eli:applies <{node}>"),
        issued_by=related(f"?d chidao:issues <{node}>"),
        issues=related(f"<{node}> chidao:issues ?d"),
        based_on=related(f"<{node}> eli:based_on ?d"),
        same_as=same_as,
        tasks_citing=tuple(sorted(str(r["id"]) for r in citing)),
        signers=tuple(
            sorted(
                (
                    Signer(
                        str(r["name"]), str(r["capacity"]), str(r["path"]), int(r["s"]), int(r["e"])
                    )
                    for r in signed
                ),
                key=lambda x: (x.file, x.start),
            )
        ),
    )


def count_bodies(store: GraphStore, values: str = "") -> dict[str, dict[str, int]]:
    """For each document key, every issuing body files write for it, with how many files.

    Args:
        store: The store.
        values: A VALUES clause binding ?d to the documents wanted; all when empty.
    """
    counted: dict[str, dict[str, int]] = defaultdict(dict)
    for r in store.select(
        f"SELECT ?d ?b (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {values} "
        "GRAPH ?g { ?d chidao:issuingBody ?b } } GROUP BY ?d ?b"
    ):
        counted[key_of(r["d"])][str(r["b"])] = int(r["n"])
    return counted


def _first(values):
    return values[0] if values else None
