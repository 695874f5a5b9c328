"""Browsing the graph: every task with its fields, the hierarchy, passages, data quality.

These are the questions the explorer asks besides derive / trace / show (graph.query):
listing tasks for filtering, placing documents on the ladder of issuing bodies (Party →
Government → province → department → task), the tree of directives around a document,
the sentences that cite a document, and what a careful user checks first (conflicts,
references that resolve to no full document, documents cited but never ingested).
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from graph.query import best_text, name_documents, sample_field
from graph.store import GraphStore
from ingest.keys import DocumentKey, parse_key
from ingest.text import fold, sort_key_vi
from ingest.workspace import text_path
from ontology import META_GRAPH, PERSON, UNIT
from ontology.mapping import doc_iri, key_of, task_id_of, task_iri

# The ladder of issuing bodies, top to bottom; tasks stand below every document.
LEVELS = ("Trung ương Đảng", "Chính phủ, bộ, ngành", "Tỉnh", "Sở, ngành", "Nhiệm vụ")
TASK_LEVEL = 4

_PARTY = {"TW", "BBT", "BCĐTW", "BCHTW", "VPTW", "BTGTW", "BTCTW", "UBKTTW"}
_GOVERNMENT = {"CP", "TTG", "VPCP", "QH", "UBTVQH", "CTN", "TANDTC", "VKSNDTC", "KTNN"}
_PROVINCE = {"TU", "UBND", "HĐND", "BCĐ", "ĐĐBQH", "TỈNH ỦY"}

# Upward edges between documents, as the explorer names them.
RELATION_LABELS = {
    "applies": "thực hiện",
    "issues": "ban hành",
    "sameAs": "cùng văn bản",
}


def level_of(key: str) -> int:
    """The level of a document on the ladder of issuing bodies (an index into LEVELS).

    Args:
        key: A document key.

    Returns:
        0 Party, 1 Government and ministries, 2 province (Tỉnh ủy, UBND, HĐND),
        3 department (Sở) and anything else local.
    """
    parts = parse_key(key)
    issuer = parts.issuer.upper()
    head = re.split(r"[-&]", issuer)[0]
    if head in _PARTY or issuer.endswith("TW"):
        return 0
    if head in _GOVERNMENT or head.startswith("QH"):
        return 1
    if head in _PROVINCE:
        return 2
    if head.startswith("S") or parts.province:
        return 3
    # A national body that is not the Party: a ministry (BKHCN, BTC) or an unknown issuer.
    return 1


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """A task with every field the explorer filters on.

    Attributes:
        id: The task id.
        file: The file it was read from.
        document: The key of the plan or programme it belongs to, or None.
        section: Its section.
        row: Its row.
        text: Its text.
        lead_units: Its lead units, the primary one first.
        partner_units: Its partner units.
        leader: Its directing leader.
        period: Its period as written.
        due: Its due date (ISO), read from the period; None for standing work.
        due_start: The first day when the period is a range (ISO).
        cites: Keys of the documents its text cites.
        start: Start offset in the file's text (None when not read).
        end: End offset in the file's text (None when not read).
    """

    id: str
    file: str
    document: str | None
    section: str
    row: str
    text: str
    lead_units: tuple[str, ...]
    partner_units: tuple[str, ...]
    leader: str | None
    period: str | None
    cites: tuple[str, ...]
    start: int | None
    end: int | None
    due: str | None = None
    due_start: str | None = None


def list_tasks(store: GraphStore, task_ids: list[str] | None = None) -> list[TaskRecord]:
    """Every task in the store (or the tasks named), with its fields.

    Args:
        store: The store.
        task_ids: Only these tasks; None for all. Offsets are read only for named tasks:
            listing every task does without them (two scans fewer on a large store).

    Returns:
        The tasks, by file, section and row.
    """
    values = ""
    if task_ids is not None:
        if not task_ids:
            return []
        values = "VALUES ?t { " + " ".join(f"<{task_iri(i)}>" for i in task_ids) + " } "

    # One scan per property inside the file graphs (a task's facts all stand in its file's
    # graph), joined here: a single query joining a dozen properties over the union of the
    # graphs is many times slower on a large store.
    def scan(prop: str) -> dict[str, list]:
        found: dict[str, list] = defaultdict(list)
        for r in store.select(f"SELECT ?t ?v WHERE {{ {values} GRAPH ?g {{ ?t {prop} ?v }} }}"):
            if r["v"] not in found[r["t"]]:
                found[r["t"]].append(r["v"])
        return found

    ids = store.select(f"SELECT ?t ?id ?g WHERE {{ {values} GRAPH ?g {{ ?t chidao:taskId ?id }} }}")
    paths = {
        str(r["f"]): str(r["p"])
        for r in store.select(
            f"SELECT ?f ?p WHERE {{ GRAPH <{META_GRAPH}> {{ ?f chidao:path ?p }} }}"
        )
    }
    fields = {
        name: scan(prop)
        for name, prop in (
            ("section", "chidao:section"),
            ("row", "chidao:row"),
            ("text", "chidao:text"),
            *((("start", "chidao:start"), ("end", "chidao:end")) if values else ()),
            ("primary", "chidao:primaryLeadUnit"),
            ("lead", "chidao:leadUnit"),
            ("partner", "chidao:partnerUnit"),
            ("leader", "chidao:directingLeader"),
            ("period", "chidao:period"),
            ("due", "chidao:dueDate"),
            ("due_start", "chidao:dueStart"),
            ("owner", "chidao:partOf"),
            ("cites", "chidao:cites"),
        )
    }
    labels = _agent_labels(store)

    def one(name: str, t: str, default=None):
        found = fields.get(name, {}).get(t)
        return found[0] if found else default

    tasks = []
    for r in ids:
        t = r["t"]
        primary = fields["primary"].get(t, [])
        leads = primary + [u for u in fields["lead"].get(t, []) if u not in primary]
        leader = one("leader", t)
        tasks.append(
            TaskRecord(
                id=str(r["id"]),
                file=paths.get(str(r["g"]), ""),
                document=key_of(one("owner", t)) if one("owner", t) else None,
                section=str(one("section", t, "")),
                row=str(one("row", t, "")),
                text=str(one("text", t, "")),
                lead_units=tuple(labels.get(u, u) for u in leads),
                partner_units=tuple(labels.get(u, u) for u in fields["partner"].get(t, [])),
                leader=labels.get(leader, leader) if leader else None,
                period=str(one("period", t)) if one("period", t) else None,
                cites=tuple(sorted(key_of(d) for d in fields["cites"].get(t, []))),
                start=int(one("start", t)) if one("start", t) is not None else None,
                end=int(one("end", t)) if one("end", t) is not None else None,
                due=str(one("due", t)) if one("due", t) is not None else None,
                due_start=str(one("due_start", t)) if one("due_start", t) is not None else None,
            )
        )
    return sorted(tasks, key=lambda t: (t.file, natural_key(t.section), natural_key(t.row)))


def _agent_labels(store: GraphStore) -> dict[str, str]:
    """The label of every unit and leader (each file graph repeats its own)."""
    rows = store.select(
        "SELECT DISTINCT ?x ?l WHERE { GRAPH ?g { ?x rdfs:label ?l } "
        f'FILTER(STRSTARTS(STR(?x), "{UNIT}") || STRSTARTS(STR(?x), "{PERSON}")) }}'
    )
    return {r["x"]: str(r["l"]) for r in rows}


def natural_key(text: str) -> tuple:
    """Sort key that orders "2" before "10" inside section and row numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text))


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """What the task list is narrowed to; an empty field keeps every task.

    Attributes:
        lead_units: Keep tasks led by one of these units.
        partner_units: Keep tasks with one of these partner units.
        leaders: Keep tasks directed by one of these leaders.
        period: Keep tasks whose period contains this text (diacritics and case ignored).
        cites: Keep tasks citing one of these documents (keys).
        files: Keep tasks read from one of these files.
        text: Keep tasks whose text contains this text (diacritics and case ignored).
    """

    lead_units: tuple[str, ...] = ()
    partner_units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    period: str = ""
    cites: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    text: str = ""


def filter_tasks(tasks: list[TaskRecord], flt: TaskFilter) -> list[TaskRecord]:
    """The tasks a filter keeps, in their order.

    Units and leaders are compared without diacritics or case, as users type them.
    """

    def folded(values) -> set[str]:
        return {" ".join(fold(v).split()) for v in values}

    leads, partners, leaders = (
        folded(flt.lead_units),
        folded(flt.partner_units),
        folded(flt.leaders),
    )
    period, text = fold(flt.period.strip()), fold(flt.text.strip())
    cites, files = set(flt.cites), set(flt.files)
    kept = []
    for t in tasks:
        if leads and not leads & folded(t.lead_units):
            continue
        if partners and not partners & folded(t.partner_units):
            continue
        if leaders and not (t.leader and folded([t.leader]) & leaders):
            continue
        if period and period not in fold(t.period or ""):
            continue
        if cites and not cites.intersection(t.cites):
            continue
        if files and t.file not in files:
            continue
        if text and text not in fold(t.text):
            continue
        kept.append(t)
    return kept


def task_ids_of_file(store: GraphStore, path: str) -> list[str]:
    """The ids of the tasks read from one file."""
    rows = store.select(
        "SELECT DISTINCT ?id WHERE { ?f chidao:path "
        f'"{_escape_literal(path)}" . GRAPH ?f {{ ?t chidao:taskId ?id }} }}'
    )
    return sorted(str(r["id"]) for r in rows)


def _escape_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document as listed: key, số hiệu, type, title, level, and whether a file is it.

    Attributes:
        key: Its key.
        symbol: Its số hiệu in canonical spelling, or None.
        type_code: Its type code, or None.
        title: Its subject or title line, or None.
        level: Its level on the ladder (an index into LEVELS).
        ingested: True when an ingested file is this document.
        mentions: How many times the files cite it.
        same_as: Other keys the store joins as this document (a short or year-less form).
    """

    key: str
    symbol: str | None
    type_code: str | None
    title: str | None
    level: int
    ingested: bool
    mentions: int
    same_as: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What the explorer shows for it: the số hiệu, else what its key tells."""
        if self.symbol:
            return self.symbol
        parts = parse_key(self.key)
        if parts.is_own:
            known = ", ".join(p for p in (parts.issuer, parts.year) if p != "_")
            return f"{parts.type_code} không số" + (f" ({known})" if known else "")
        return self.key


def same_document_names(store: GraphStore) -> dict[str, str]:
    """For each key the store joins to another (chidao:sameAs), the key shown for both."""
    return name_documents(
        store,
        [
            (key_of(r["a"]), key_of(r["b"]))
            for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a chidao:sameAs ?b }")
        ],
    )


def list_documents(store: GraphStore) -> list[DocumentSummary]:
    """Every document in the store, once, by level then key (Vietnamese order).

    Keys the store joins as one document (chidao:sameAs) are listed once, under the key
    `name_documents` picks, with the others in `same_as`.
    """
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    for name, pattern in (
        ("symbol", "?d chidao:symbol ?v"),
        ("type_code", "?d chidao:typeCode ?v"),
    ):
        for r in store.select(
            f"SELECT ?d (SAMPLE(?x) AS ?v) WHERE {{ {pattern.replace('?v', '?x')} }} GROUP BY ?d"
        ):
            fields[r["d"]][name] = str(r["v"])
    titles: dict[str, list[str]] = defaultdict(list)
    for r in store.select(
        "SELECT DISTINCT ?d ?v WHERE { { ?d eli:title ?v } UNION { ?d chidao:title ?v } }"
    ):
        titles[key_of(r["d"])].append(str(r["v"]))
    keys = {
        r["d"]: str(r["k"])
        for r in store.select("SELECT DISTINCT ?d ?k WHERE { ?d chidao:key ?k }")
    }
    owned = {
        r["d"] for r in store.select("SELECT DISTINCT ?d WHERE { ?d chidao:ownDocumentOf ?f }")
    }
    counts = {
        r["d"]: int(r["n"])
        for r in store.select(
            "SELECT ?d (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m chidao:refersTo ?d } GROUP BY ?d"
        )
    }
    names = same_document_names(store)
    groups: dict[str, list[str]] = defaultdict(list)
    for d, key in keys.items():
        groups[names.get(key, key)].append(d)
    docs = []
    for name, members in groups.items():
        first = sorted(members, key=lambda d: keys[d] != name)
        docs.append(
            DocumentSummary(
                key=name,
                symbol=next((fields[d]["symbol"] for d in first if "symbol" in fields[d]), None),
                type_code=next(
                    (fields[d]["type_code"] for d in first if "type_code" in fields[d]), None
                ),
                title=best_text(t for d in members for t in titles.get(keys[d], [])),
                level=level_of(name),
                ingested=any(d in owned for d in members),
                mentions=sum(counts.get(d, 0) for d in members),
                same_as=tuple(sorted(keys[d] for d in members if keys[d] != name)),
            )
        )
    return sorted(docs, key=lambda d: (d.level, sort_key_vi(d.label), d.key))


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """The directive edges between documents, both ways, loaded once.

    Keys the store joins as one document (chidao:sameAs) are one node, under the key
    `name_documents` picks.

    Attributes:
        up: For each document, (document above, relation) pairs: it applies the one above,
            or is issued by it.
        down: The same edges seen from above.
        names: For each key joined to another, the key its document is shown by.
    """

    up: dict[str, tuple[tuple[str, str], ...]]
    down: dict[str, tuple[tuple[str, str], ...]]
    names: dict[str, str] = field(default_factory=dict)

    def name(self, key: str) -> str:
        """The key a document is shown by in the hierarchy."""
        return self.names.get(key, key)


def load_hierarchy(store: GraphStore) -> Hierarchy:
    """Read every upward edge between documents (applies, issued by), joining same ones."""
    names = same_document_names(store)
    up: dict[str, set[tuple[str, str]]] = defaultdict(set)
    down: dict[str, set[tuple[str, str]]] = defaultdict(set)

    def link(lower: str, upper: str, relation: str) -> None:
        lower, upper = names.get(lower, lower), names.get(upper, upper)
        if lower != upper:
            up[lower].add((upper, relation))
            down[upper].add((lower, relation))

    for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a eli:applies ?b }"):
        link(key_of(r["a"]), key_of(r["b"]), "applies")
    for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a chidao:issues ?b }"):
        link(key_of(r["b"]), key_of(r["a"]), "issues")
    return Hierarchy(
        up={k: tuple(sorted(v)) for k, v in up.items()},
        down={k: tuple(sorted(v)) for k, v in down.items()},
        names=names,
    )


@dataclass(frozen=True, slots=True)
class TreeNode:
    """One document in a tree of directives.

    Attributes:
        key: The document's key.
        relation: How it links to its parent in the tree ("applies", "issues", "sameAs"),
            None for the root.
        children: The documents under it in the tree.
    """

    key: str
    relation: str | None
    children: tuple[TreeNode, ...]


@dataclass(frozen=True, slots=True)
class Tree:
    """A tree of directives around a document, each document once.

    Attributes:
        root: The document asked about.
        size: Documents in the tree, the root included.
        hidden: Documents left out to keep the tree within its cap.
    """

    root: TreeNode
    size: int
    hidden: int


def tree_of(hierarchy: Hierarchy, key: str, direction: str, max_nodes: int = 300) -> Tree:
    """The documents above (or below) a document, as a tree of shortest chains.

    Args:
        hierarchy: The edges, from `load_hierarchy`.
        key: The document's key.
        direction: "up" for what it carries out, "down" for what carries it out.
        max_nodes: Documents at most in the tree; the rest are counted as hidden.

    Returns:
        The tree; a document reached by several chains appears once, under its nearest parent.
    """
    edges = hierarchy.up if direction == "up" else hierarchy.down
    key = hierarchy.name(key)
    parent: dict[str, tuple[str, str]] = {}
    order = [key]
    queue = deque([key])
    while queue:
        node = queue.popleft()
        for other, relation in sorted(edges.get(node, ()), key=lambda e: sort_key_vi(e[0])):
            if other != key and other not in parent:
                parent[other] = (node, relation)
                order.append(other)
                queue.append(other)
    # Breadth-first order puts every parent before its children: a prefix is still a tree.
    hidden = max(0, len(order) - max_nodes)
    order = order[: len(order) - hidden]
    children: dict[str, list[str]] = defaultdict(list)
    for child in order[1:]:
        children[parent[child][0]].append(child)

    def build(node: str, relation: str | None) -> TreeNode:
        kids = tuple(build(c, parent[c][1]) for c in children.get(node, []))
        return TreeNode(node, relation, kids)

    return Tree(build(key, None), len(order), hidden)


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a file that cites a document, with the citation marked.

    Attributes:
        file: The file.
        start: Start of the sentence in the file's text.
        end: End of the sentence.
        text: The sentence.
        mark_start: Start of the citation inside `text`.
        mark_end: End of the citation inside `text`.
    """

    file: str
    start: int
    end: int
    text: str
    mark_start: int
    mark_end: int


def file_digests(store: GraphStore) -> dict[str, str]:
    """The SHA-256 of each ingested file, by path (from the meta graph)."""
    rows = store.select(
        f"SELECT ?p ?h WHERE {{ GRAPH <{META_GRAPH}> {{ ?f chidao:path ?p ; chidao:sha256 ?h }} }}"
    )
    return {str(r["p"]): str(r["h"]) for r in rows}


def read_text(workspace: Path, sha256: str) -> str | None:
    """The NFC text of an ingested file, kept in the workspace; None when it is missing."""
    path = text_path(workspace, sha256)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


# A sentence ends at a stop followed by a space, or where a new list item starts on the
# next line; files wrap lines mid-sentence (often with blank lines between), so a line
# break alone ends nothing.
_SENTENCE_END = re.compile(
    r"[.;!?:](?=\s)|\n(?=[ \t]*\n?[ \t]*(?:[-+•*]|\d{1,3}[.)]|[a-zđ][.)]|[IVXLC]+\.|\(\d{1,3}\))\s)"
)


def sentence_around(text: str, start: int, end: int, width: int = 300) -> tuple[int, int]:
    """The bounds of the sentence holding text[start:end], at most `width` characters each side.

    Args:
        text: The file's text.
        start: Start of the span.
        end: End of the span.
        width: How far to look each side for the end of a sentence.

    Returns:
        (start, end) of the sentence.
    """
    lo = max(0, start - width)
    before = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    s = before[-1] if before else lo
    after = _SENTENCE_END.search(text, end, min(len(text), end + width))
    e = after.start() + 1 if after else min(len(text), end + width)
    while s < start and text[s].isspace():
        s += 1
    return s, max(e, end)


def citing_passages(
    store: GraphStore, workspace: Path, key: str, limit: int = 100
) -> tuple[list[Passage], int]:
    """The sentences that cite a document (or a document known to be the same one).

    Args:
        store: The store.
        workspace: The workspace, where the files' texts are kept.
        key: The document's key.
        limit: Passages at most.

    Returns:
        The passages by file and offset, and the number of citations in all.
    """
    node = doc_iri(key)
    # The keys known to be this document first: joining sameAs inside the mention query
    # makes the store walk every mention.
    same = store.select(
        f"SELECT DISTINCT ?d WHERE {{ {{ ?d chidao:sameAs <{node}> }} UNION "
        f"{{ <{node}> chidao:sameAs ?d }} }}"
    )
    docs = " ".join(f"<{d}>" for d in {str(node), *(str(r["d"]) for r in same)})
    rows = store.select(
        f"SELECT DISTINCT ?file ?h ?s ?e WHERE {{ VALUES ?d {{ {docs} }} ?m chidao:refersTo ?d ; "
        "chidao:start ?s ; chidao:end ?e ; prov:wasDerivedFrom ?f . "
        "?f chidao:path ?file ; chidao:sha256 ?h }"
    )
    rows.sort(key=lambda r: (str(r["file"]), int(r["s"])))
    texts: dict[str, str | None] = {}
    passages = []
    for r in rows[:limit]:
        sha = str(r["h"])
        if sha not in texts:
            texts[sha] = read_text(workspace, sha)
        text = texts[sha]
        if text is None:
            continue
        passages.append(passage_at(text, int(r["s"]), int(r["e"]), str(r["file"])))
    return passages, len(rows)


def passage_at(text: str, start: int, end: int, file: str = "") -> Passage:
    """The sentence around a span of a text, with the span marked (for search evidence)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    s, e = sentence_around(text, start, end)
    # Wrapped lines read as one line; the mark moves with the squeezed text before it.
    before, marked, after = (_squeeze(p) for p in (text[s:start], text[start:end], text[end:e]))
    shown = (before + marked + after).strip()
    lead = len(before) - len(before.lstrip())
    return Passage(file, s, e, shown, len(before) - lead, len(before) - lead + len(marked))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """Mentions of one document that disagree on a field.

    Attributes:
        key: The document's key.
        symbol: Its số hiệu, or None.
        field: The field in dispute ("type_code", "date", "year").
        values: The distinct values seen.
        files: The files whose mentions disagree.
    """

    key: str
    symbol: str | None
    field: str
    values: tuple[str, ...]
    files: tuple[str, ...]


def list_conflicts(store: GraphStore) -> list[ConflictRow]:
    """Every conflict between the mentions of a document, once per document and field."""
    rows = store.select(
        "SELECT DISTINCT ?d ?c ?field ?v ?file WHERE { ?d chidao:conflict ?c . "
        "?c chidao:field ?field ; chidao:value ?v . "
        "GRAPH ?g { ?d chidao:conflict ?c } ?g chidao:path ?file }"
    )
    names = same_document_names(store)
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    files: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        at = (names.get(key_of(r["d"]), key_of(r["d"])), str(r["field"]))
        values[at].add(str(r["v"]))
        files[at].add(str(r["file"]))
    # Files that cite one document under two type codes (327/QĐ-UBND as 327/KH-UBND)
    # disagree across files: the store joined the keys, and the types are its conflict.
    if names:
        joined = " ".join(f"<{doc_iri(k)}>" for k in names)
        types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for r in store.select(
            f"SELECT DISTINCT ?d ?v ?file WHERE {{ VALUES ?d {{ {joined} }} GRAPH ?g {{ ?d "
            "chidao:typeCode ?v } ?g chidao:path ?file }"
        ):
            types[names[key_of(r["d"])]][str(r["v"])].add(str(r["file"]))
        for name, by_type in types.items():
            if len(by_type) > 1:
                values[(name, "type_code")].update(by_type)
                files[(name, "type_code")].update(f for fs in by_type.values() for f in fs)
    symbols = sample_field(store, "chidao:symbol", {k for k, _f in values})
    return [
        ConflictRow(
            k, symbols.get(k), f, tuple(sorted(values[(k, f)])), tuple(sorted(files[(k, f)]))
        )
        for k, f in sorted(values, key=lambda a: (sort_key_vi(symbols.get(a[0]) or a[0]), a[1]))
    ]


@dataclass(frozen=True, slots=True)
class ReferenceProblem:
    """A document reference that does not resolve to one complete document.

    Attributes:
        key: The key the references resolved to.
        kind: "unresolved" (a part of the số hiệu is unknown and nothing fills it) or
            "ambiguous" (several documents could be meant).
        missing: The unknown parts ("số", "cơ quan ban hành", "năm").
        candidates: Keys of the documents that could be meant.
        surfaces: The references as written.
        files: The files that hold them.
    """

    key: str
    kind: str
    missing: tuple[str, ...]
    candidates: tuple[str, ...]
    surfaces: tuple[str, ...]
    files: tuple[str, ...]


_PART_NAMES = (("number", "số"), ("issuer", "cơ quan ban hành"), ("year", "năm"))


def reference_problems(store: GraphStore) -> list[ReferenceProblem]:
    """References that name no single complete document.

    A key with an unknown part that the store links to no complete document is unresolved
    when no document could fill it, and ambiguous when several could (the linker refuses
    to guess); a complete số hiệu issued in several years is ambiguous too when cited
    without its year ("Nghị quyết 02/NQ-CP" of 2024 and of 2025).

    Returns:
        The problems, unresolved ones first.
    """
    keys = sorted(
        str(r["k"]) for r in store.select("SELECT DISTINCT ?k WHERE { ?d chidao:key ?k }")
    )
    linked = {
        key_of(r[v])
        for r in store.select("SELECT ?a ?b WHERE { ?a chidao:sameAs ?b }")
        for v in ("a", "b")
    }
    full = [k for k in keys if not parse_key(k).is_own and "_" not in _parts(k)]
    problems: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
    for key in keys:
        parts = parse_key(key)
        if parts.is_own or key in linked:
            continue
        missing = tuple(name for attr, name in _PART_NAMES if getattr(parts, attr) == "_")
        if not missing or parts.type_code == "_":
            continue
        candidates = tuple(k for k in full if _could_be(parts, parse_key(k)))
        kind = "ambiguous" if len(candidates) > 1 else "unresolved"
        problems.append((key, kind, missing, candidates))
    by_series: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for key in full:
        p = parse_key(key)
        by_series[(p.type_code, p.number.lstrip("0"), fold(p.issuer), p.province)].append(key)
    for series in by_series.values():
        if len(series) > 1:
            problems.append((series[0], "ambiguous", ("năm",), tuple(series)))
    details = _mention_details(store, {p[0] for p in problems})
    out = [
        ReferenceProblem(key, kind, missing, cands, *details.get(key, ((), ())))
        for key, kind, missing, cands in problems
    ]
    return sorted(out, key=lambda p: (p.kind != "unresolved", sort_key_vi(p.key)))


def _parts(key: str) -> tuple[str, str, str, str]:
    p = parse_key(key)
    return p.type_code, p.number, p.issuer, p.year


def _could_be(partial: DocumentKey, full: DocumentKey) -> bool:
    """Whether a complete key fills the unknown parts of a partial one."""
    if fold(partial.type_code) != fold(full.type_code):
        return False
    if partial.number != "_" and partial.number.lstrip("0") != full.number.lstrip("0"):
        return False
    if partial.issuer != "_" and fold(partial.issuer) != fold(full.issuer):
        return False
    if partial.year != "_" and partial.year != full.year:
        return False
    return not (partial.province and full.province and partial.province != full.province)


def _mention_details(
    store: GraphStore, keys: set[str]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The surfaces and files of the mentions of each key."""
    if not keys:
        return {}
    values = " ".join(f"<{doc_iri(k)}>" for k in keys)
    rows = store.select(
        f"SELECT DISTINCT ?d ?s ?file WHERE {{ VALUES ?d {{ {values} }} ?m chidao:refersTo ?d ; "
        "chidao:surface ?s ; prov:wasDerivedFrom ?f . ?f chidao:path ?file }"
    )
    surfaces: dict[str, set[str]] = defaultdict(set)
    files: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        surfaces[key_of(r["d"])].add(" ".join(str(r["s"]).split()))
        files[key_of(r["d"])].add(str(r["file"]))
    return {k: (tuple(sorted(surfaces[k])), tuple(sorted(files[k]))) for k in surfaces}


@dataclass(frozen=True, slots=True)
class CitedDocument:
    """A document the files cite but that no ingested file is.

    Attributes:
        key: Its key.
        symbol: Its số hiệu, or None.
        mentions: How many times it is cited.
        files: The files citing it.
    """

    key: str
    symbol: str | None
    mentions: int
    files: tuple[str, ...]


def cited_not_ingested(store: GraphStore) -> list[CitedDocument]:
    """Documents cited but never ingested, the most cited first: the files worth adding."""
    owned = {
        key_of(r["d"])
        for r in store.select("SELECT DISTINCT ?d WHERE { ?d chidao:ownDocumentOf ?f }")
    }
    # Keys the store joins are one document, cited under its shown key; one of them
    # ingested makes it ingested.
    names = same_document_names(store)
    owned |= {names[k] for k in owned if k in names}
    rows = store.select(
        "SELECT ?d (COUNT(DISTINCT ?m) AS ?n) (GROUP_CONCAT(DISTINCT ?file; separator='\\n') "
        "AS ?files) WHERE { ?m chidao:refersTo ?d ; prov:wasDerivedFrom ?f . "
        "?f chidao:path ?file } GROUP BY ?d"
    )
    counts: dict[str, int] = defaultdict(int)
    files: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        key = names.get(key_of(r["d"]), key_of(r["d"]))
        counts[key] += int(r["n"])
        files[key].update(str(r["files"]).split("\n"))
    keys = {k for k in counts if k not in owned}
    symbols = sample_field(store, "chidao:symbol", keys)
    out = [CitedDocument(k, symbols.get(k), counts[k], tuple(sorted(files[k]))) for k in keys]
    return sorted(out, key=lambda c: (-c.mentions, level_of(c.key), sort_key_vi(c.symbol or c.key)))


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node of the explorer's graph.

    Attributes:
        id: A document key or a task id.
        kind: "document" or "task".
        label: The short label drawn on the node.
        detail: The longer text shown on hover.
        level: Its level on the ladder (an index into LEVELS).
    """

    id: str
    kind: str
    label: str
    detail: str
    level: int


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
    symbols = sample_field(store, "chidao:symbol", keys)
    titles = sample_field(store, "eli:title", keys)
    nodes = []
    for k in keys:
        label = symbols.get(k) or k
        detail = f"{label} — {titles[k]}" if titles.get(k) else label
        nodes.append(GraphNode(k, "document", label, detail, level_of(k)))
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
        short = text if len(text) <= 40 else text[:39] + "…"
        nodes.append(GraphNode(i, "task", short, text, TASK_LEVEL))
    return nodes
