"""The graph around a document or a task, as nodes and edges to draw."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from graph.documents import name_from, naming_fields
from graph.hierarchy import Hierarchy
from graph.levels import TASK_LEVEL, is_party, level_of
from graph.query import sample_field
from graph.store import GraphStore
from ingest.naming import name_document
from ontology.mapping import doc_iri, key_of, task_id_of, task_iri


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node of the explorer's graph.

    Attributes:
        id: A document key or a task id.
        kind: "document" or "task".
        label: The short label drawn on the node.
        detail: The longer text shown on hover.
        level: Its level on the ladder (an index into LEVELS).
        party: True when a Party body issued it (a task: False).
    """

    id: str
    kind: str
    label: str
    detail: str
    level: int
    party: bool = False


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """An edge of the explorer's graph, drawn from the lower node to the upper one.

    Attributes:
        source: The lower node's id.
        target: The upper node's id.
        relation: "applies", "issues", "sameAs", "partOf" or "cites".
    """

    source: str
    target: str
    relation: str


@dataclass(frozen=True, slots=True)
class GraphView:
    """The part of the graph around one node that the explorer draws.

    Attributes:
        center: The node asked about.
        nodes: The nodes drawn, the centre first.
        edges: The edges among them.
        hidden: Nodes left out by the cap (documents and tasks).
    """

    center: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    hidden: int


def neighbourhood(
    store: GraphStore, hierarchy: Hierarchy, center: str, cap: int = 150
) -> GraphView:
    """The documents above and below a document (or a task), and their tasks, capped.

    Nodes are taken nearest first: the centre, every document above it, the documents below
    it level by level, then the tasks of the centre and of the documents below, until `cap`.

    Args:
        store: The store.
        hierarchy: The edges, from `load_hierarchy`.
        center: A document key or a task id.
        cap: Nodes at most.

    Returns:
        The nodes, the edges among them and how many nodes were left out.
    """
    is_task = store.ask(f"ASK {{ <{task_iri(center)}> chidao:taskId ?i }}")
    task_docs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    if is_task:
        rows = store.select(
            f"SELECT DISTINCT ?p ?d WHERE {{ <{task_iri(center)}> ?p ?d . "
            "FILTER(?p IN (chidao:partOf, chidao:cites)) }"
        )
        for r in rows:
            task_docs[center].add((hierarchy.name(key_of(r["d"])), str(r["p"]).rsplit("#", 1)[-1]))
        starts = sorted({d for d, _r in task_docs[center]})
        docs = _walk(hierarchy.up, starts)
        below: list[str] = []
    else:
        center = hierarchy.name(center)
        docs = _walk(hierarchy.up, [center])
        below = [d for d in _walk(hierarchy.down, [center]) if d not in docs]
    ordered = [*docs, *below]
    hidden = max(0, len(ordered) + int(is_task) - cap)
    kept_docs = ordered[: max(1, cap - int(is_task))]
    tasks: list[str] = [center] if is_task else []
    room = cap - len(kept_docs) - len(tasks)
    if not is_task:
        owners = [center, *(d for d in below if d in set(kept_docs))]
        found, total = _tasks_of(store, hierarchy, owners, room)
        hidden += total - len({tid for tid, _d, _r in found})
        for tid, doc, rel in found:
            task_docs[tid].add((doc, rel))
            if tid not in tasks:
                tasks.append(tid)
    nodes = [*_document_nodes(store, kept_docs), *_task_nodes(store, tasks)]
    if is_task:
        nodes.insert(0, nodes.pop())
    kept = set(kept_docs)
    edges = [
        GraphEdge(lower, upper, rel)
        for lower in kept_docs
        for upper, rel in hierarchy.up.get(lower, ())
        if upper in kept
    ]
    edges += [
        GraphEdge(tid, doc, rel)
        for tid in tasks
        for doc, rel in sorted(task_docs.get(tid, ()))
        if doc in kept
    ]
    return GraphView(center, tuple(nodes), tuple(edges), hidden)


def _walk(edges: dict[str, tuple[tuple[str, str], ...]], starts: list[str]) -> list[str]:
    """Documents reached from `starts` along `edges`, nearest first."""
    order = list(dict.fromkeys(starts))
    seen = set(order)
    queue = deque(order)
    while queue:
        node = queue.popleft()
        for other, _rel in edges.get(node, ()):
            if other not in seen:
                seen.add(other)
                order.append(other)
                queue.append(other)
    return order


def _tasks_of(
    store: GraphStore, hierarchy: Hierarchy, keys: list[str], limit: int
) -> tuple[list[tuple[str, str, str]], int]:
    """Up to `limit` (task id, document, relation) of tasks that belong to or cite `keys`.

    A task citing a key joined to one of `keys` (a year-less "57-NQ/TW") counts for it.
    """
    if not keys:
        return [], 0
    wanted = set(keys)
    also = [k for k, name in hierarchy.names.items() if name in wanted and k not in wanted]
    values = " ".join(f"<{doc_iri(k)}>" for k in [*keys, *also])
    pattern = (
        f'VALUES ?d {{ {values} }} {{ ?t chidao:partOf ?d BIND("partOf" AS ?rel) }} UNION '
        '{ ?t chidao:cites ?d BIND("cites" AS ?rel) }'
    )
    total = store.select(f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ {pattern} }}")
    rows = (
        store.select(f"SELECT DISTINCT ?t ?d ?rel WHERE {{ {pattern} }} LIMIT {limit * 3}")
        if limit > 0
        else []
    )
    rank = {k: n for n, k in enumerate(keys)}
    rows.sort(key=lambda r: (rank.get(hierarchy.name(key_of(r["d"])), len(rank)), str(r["t"])))
    kept: list[tuple[str, str, str]] = []
    ids: set[str] = set()
    for r in rows:
        tid = task_id_of(r["t"])
        if tid not in ids and len(ids) >= limit:
            continue
        ids.add(tid)
        kept.append((tid, hierarchy.name(key_of(r["d"])), str(r["rel"])))
    return kept, int(total[0]["n"]) if total else 0


def _document_nodes(store: GraphStore, keys: list[str]) -> list[GraphNode]:
    if not keys:
        return []
    titles = sample_field(store, "eli:title", keys)
    nodes = []
    fields = naming_fields(store, keys)
    for k in keys:
        f = fields[k]
        symbol = f.get("symbol")
        label = name_document(k, symbol, full=False)
        name = name_from(k, f)
        detail = f"{name} — {titles[k]}" if titles.get(k) else name
        nodes.append(GraphNode(k, "document", label, detail, level_of(k), is_party(k, symbol)))
    return nodes


def _task_nodes(store: GraphStore, ids: list[str]) -> list[GraphNode]:
    if not ids:
        return []
    values = " ".join(f"<{task_iri(i)}>" for i in ids)
    rows = store.select(
        f"SELECT DISTINCT ?t ?text WHERE {{ VALUES ?t {{ {values} }} ?t chidao:text ?text }}"
    )
    texts = {task_id_of(r["t"]): " ".join(str(r["text"]).split()) for r in rows}
    nodes = []
    for i in ids:
        text = texts.get(i, i)
        short = text if len(text) <= 28 else text[:27] + "…"
        nodes.append(GraphNode(i, "task", short, text, TASK_LEVEL))
    return nodes
