"""The graph store: embedded on disk (Oxigraph through rdflib), or a SPARQL 1.1 endpoint.

This is the only module that knows which store is behind the graph. Everything else speaks
SPARQL through `GraphStore.select` and `GraphStore.update`; queries see the union of all
file graphs as their default graph.

Writes are atomic: Oxigraph applies a SPARQL update request as one transaction, so a file's
facts replace its old facts in one step, and a crash leaves the store as it was before.

Reading never waits for writing. The embedded store has one writer at a time (an ingest, or
the explorer while it reads an upload), and Oxigraph does not let another process read the
folder a writer is changing. So the writer publishes snapshots: cheap copies made of hard
links (`Store.backup`) in `snapshots/`, the current one named by `snapshots/CURRENT`,
written after its changes and every ten seconds during a long ingest. Readers open the
current snapshot, which nothing writes to.
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from ingest.errors import ChidaoError
from ingest.files import write_atomically
from ingest.workspace import snapshots_folder, store_folder
from ontology import CHIDAO, ELI, PROV

PREFIXES = {
    "chidao": str(CHIDAO),
    "eli": str(ELI),
    "prov": str(PROV),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
PREFIX_BLOCK = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


class StoreUnavailable(ChidaoError):
    """The store cannot be opened (locked by another process, endpoint down)."""


# Snapshots older than the current one are kept this long, for readers still reading them,
# and at most this many (each holds on to data the store has since compacted away).
SNAPSHOT_GRACE_SECONDS = 600
SNAPSHOTS_KEPT = 10
# During a long ingest, readers see its work at most this late.
PUBLISH_EVERY_SECONDS = 10.0


class IndexNotBuilt(ChidaoError):
    """The workspace has no store yet: run `chidao ingest` first."""


def default_workspace() -> Path:
    """The workspace used when none is given: $CHIDAO_WORKSPACE, else ./.chidao."""
    return Path(os.environ.get("CHIDAO_WORKSPACE") or ".chidao")


def _python(term) -> object:
    if isinstance(term, Literal):
        return term.toPython()
    if isinstance(term, URIRef | BNode):
        return str(term)
    return term


_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {
    _XSD + "integer": int,
    _XSD + "int": int,
    _XSD + "long": int,
    _XSD + "decimal": float,
    _XSD + "double": float,
}


def _ox_python(term) -> object:
    if isinstance(term, ox.Literal):
        convert = _NUMERIC.get(term.datatype.value)
        return convert(term.value) if convert else term.value
    return term.value


def _nt(term) -> str:
    return term.n3()


def insert_data(graph_iri: str, triples: Graph) -> str:
    """Spell `INSERT DATA` of a graph's triples into a named graph."""
    body = "\n".join(f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples)
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}"


_SERIALS = itertools.count()


@dataclass
class GraphStore:
    """A store opened for queries and updates.

    Attributes:
        dataset: The rdflib dataset over the store, queries on the union of its graphs.
        location: The folder or endpoint URL, for messages.
        native: The embedded Oxigraph store, to which updates go straight (rdflib would
            otherwise evaluate them itself, much more slowly); None for an endpoint.
        read_only: Opened without the write lock.
        snapshots: The folder of published snapshots (embedded store).
        snapshot: The snapshot a reader opened, which nothing writes to; None otherwise.
        changed: Updated since the last publish.
        published: When (monotonic) this writer last published.
        writes: Updates made through this object.
        serial: Tells apart the stores a process opens, for `version`.
    """

    dataset: Dataset
    location: str
    native: ox.Store | None = None
    read_only: bool = False
    snapshots: Path | None = None
    changed: bool = False
    published: float = 0.0
    snapshot: str | None = None
    writes: int = 0
    serial: int = field(default_factory=lambda: next(_SERIALS))

    @property
    def version(self) -> str | None:
        """A name for the store's content as it is now, for caches of what is read from it.

        A published snapshot never changes, so its name serves; a writer's content changes
        with each update it makes, and only through it (it holds the lock). None when the
        content may change without this object knowing (an endpoint, or a reader of a store
        that never published): nothing read from it may be kept.
        """
        if self.native is None:
            return None
        if self.read_only:
            return self.snapshot
        return f"writer:{os.getpid()}:{self.serial}:{self.writes}"

    def select(self, query: str) -> list[dict[str, object]]:
        """Run a SPARQL SELECT; return rows as dicts of Python values."""
        if self.native is not None:
            # Straight to Oxigraph: rdflib's term conversion costs more than the query.
            solutions = self.native.query(PREFIX_BLOCK + query, use_default_graph_as_union=True)
            names = [v.value for v in solutions.variables]
            return [
                {n: _ox_python(sol[n]) for n in names if sol[n] is not None} for sol in solutions
            ]
        result = self.dataset.query(PREFIX_BLOCK + query)
        names = [str(v) for v in result.vars]
        return [{n: _python(row[i]) for i, n in enumerate(names)} for row in result]

    def ask(self, query: str) -> bool:
        """Run a SPARQL ASK."""
        return bool(self.dataset.query(PREFIX_BLOCK + query).askAnswer)

    def update(self, update: str) -> None:
        """Run a SPARQL update request, atomically."""
        if self.native is not None:
            self.native.update(PREFIX_BLOCK + update)
            self.changed = True
            self.writes += 1
        else:
            self.dataset.update(PREFIX_BLOCK + update)

    def publish(self, every: float = 0.0) -> None:
        """Let readers see what this writer committed: a new snapshot, made current.

        Args:
            every: Publish only if the last snapshot is older than this many seconds (a
                long ingest publishes as it goes without copying after every file).
        """
        if self.snapshots is None or self.native is None or self.read_only or not self.changed:
            return
        if time.monotonic() - self.published < every:
            return
        self.native.flush()
        _publish_snapshot(self.native, self.snapshots)
        self.changed = False
        self.published = time.monotonic()

    def graph_names(self) -> list[str]:
        """The names of the store's named graphs."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r["g"]) for r in rows)

    def count_triples(self) -> int:
        """The number of triples in all graphs."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def quads(self) -> Iterable[tuple]:
        """Every quad of the store (for export and tests)."""
        rows = self.dataset.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def close(self) -> None:
        """Close the store, releasing its lock (the last reference to it must go)."""
        if self.native is not None and not self.read_only:
            # Oxigraph writes its buffers to disk in the background; a copy of the folder,
            # or a reader in another process, must see every committed file.
            self.native.flush()
            self.publish()
        self.dataset.close()
        self.native = None


def open_store(
    workspace: Path | str | None = None,
    endpoint: str | None = None,
    create: bool = True,
    read_only: bool = False,
) -> GraphStore:
    """Open the workspace's embedded store, or a SPARQL endpoint.

    Args:
        workspace: The workspace folder (the store lives in `store/` inside it).
        endpoint: A SPARQL 1.1 endpoint URL (query) whose default graph is the union of its
            named graphs; updates go to the sibling `/update` of a URL ending in `/query`,
            else to `<endpoint>/update`.
        create: Create an empty store when the workspace has none.
        read_only: Open without taking the write lock (for readers beside a writer).

    Returns:
        The opened store.

    Raises:
        IndexNotBuilt: The workspace has no store and `create` is false.
        StoreUnavailable: The store is locked by another writer, or unreachable.
    """
    if endpoint:
        return _open_endpoint(endpoint)
    folder = store_folder(workspace or default_workspace())
    if not folder.exists() and not create:
        raise IndexNotBuilt(f"{folder.parent}: no graph store here; run 'chidao ingest' first")
    folder.mkdir(parents=True, exist_ok=True)
    snapshots = snapshots_folder(folder.parent)
    current = current_snapshot(snapshots) if read_only else None
    try:
        if current is not None:
            inner = ox.Store.read_only(str(current))
        else:
            # No writer has published yet (a store made by an older chidao): the store itself.
            inner = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreUnavailable(
                f"{folder}: the store is in use by another chidao process (the explorer, or "
                "an ingest); stop it, or share the store through a SPARQL endpoint (--endpoint)"
            ) from err
        raise StoreUnavailable(f"{folder}: cannot open the store ({err})") from err
    dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)
    store = GraphStore(dataset, str(folder), inner, read_only, snapshots)
    if current is not None:
        store.snapshot = str(current)
    if not read_only:
        # A writer killed before it published left readers behind: this one catches them up
        # when it closes, and a new store gives readers a first snapshot at once.
        store.changed = True
        if current_snapshot(snapshots) is None:
            store.publish()
    return store


def current_snapshot(snapshots: Path) -> Path | None:
    """The snapshot readers open, or None when no writer has published one."""
    try:
        name = (snapshots / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    found = snapshots / name
    return found if name and found.is_dir() else None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0  # gone already: another writer's cleaning


def _publish_snapshot(native: ox.Store, snapshots: Path) -> None:
    """Back the store up as a new snapshot, point CURRENT at it, drop long-retired ones."""
    snapshots.mkdir(parents=True, exist_ok=True)
    previous = current_snapshot(snapshots)
    name = f"s{time.time_ns()}"
    native.backup(str(snapshots / name))
    # CURRENT is the commit point: a crash before it leaves readers on the previous one.
    write_atomically(snapshots / "CURRENT", name)
    if previous is not None:
        os.utime(previous)  # retired now: readers that opened it have the grace time
    now = time.time()
    retired = sorted(
        ((_mtime(p), p) for p in snapshots.iterdir() if p.name not in (name, "CURRENT")),
        reverse=True,
    )
    for n, (when, old) in enumerate(retired):
        try:
            if n < SNAPSHOTS_KEPT and now - when <= SNAPSHOT_GRACE_SECONDS:
                continue
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink()  # a CURRENT left half-written by a crash
        except OSError:
            pass  # being removed by another cleaner: try next time


def _open_endpoint(url: str) -> GraphStore:
    query = url
    update = (
        url[: -len("/query")] + "/update"
        if url.endswith("/query")
        else url.rstrip("/") + ("/update")
    )
    # The endpoint must answer queries on the union of its named graphs, as the embedded
    # store does (Oxigraph: `oxigraph serve --union-default-graph`; Fuseki: unionDefaultGraph).
    store = SPARQLUpdateStore(
        query_endpoint=query, update_endpoint=update, context_aware=True, returnFormat="json"
    )
    dataset = Dataset(store=store, default_union=True)
    gs = GraphStore(dataset, url)
    try:
        gs.ask("ASK { }")
    except Exception as err:  # the SPARQL client raises many kinds; all mean the same here
        raise StoreUnavailable(f"{url}: SPARQL endpoint unreachable ({err})") from err
    return gs
