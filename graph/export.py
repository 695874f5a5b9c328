"""Export the graph: RDF (Turtle, N-Quads, JSON-LD) for machines, GraphML and CSV for people.

GraphML opens in Gephi and yEd; the CSV files (documents, tasks, edges) open in Excel. Files
are written to a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph

from graph.query import sample_field
from graph.store import GraphStore
from graph.task_list import list_tasks
from ingest.files import write_with
from ontology import CHIDAO, ELI, PROV
from ontology.mapping import key_of

FORMATS = ("turtle", "nquads", "json-ld", "graphml", "csv")
# Exports are for sharing: readable by all (mkstemp makes files private).
SHARED = 0o644


def _rdf(store: GraphStore) -> Dataset:
    ds = Dataset()
    ds.bind("chidao", CHIDAO)
    ds.bind("eli", ELI)
    ds.bind("prov", PROV)
    for s, p, o, g in store.quads():
        ds.graph(g).add((s, p, o))
    return ds


def _merged(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def build_network(store: GraphStore) -> nx.MultiDiGraph:
    """The documents and tasks as a network: nodes with labels, edges by relation."""
    g = nx.MultiDiGraph()
    fields = {
        name: sample_field(store, prop)
        for name, prop in (
            ("symbol", "chidao:symbol"),
            ("type_code", "chidao:typeCode"),
            ("year", "chidao:year"),
            ("title", "eli:title"),
        )
    }
    for r in store.select("SELECT DISTINCT ?k WHERE { ?d chidao:key ?k }"):
        key = str(r["k"])
        g.add_node(
            key,
            kind="document",
            label=fields["symbol"].get(key) or key,
            type_code=fields["type_code"].get(key, ""),
            year=fields["year"].get(key, ""),
            title=fields["title"].get(key, ""),
        )
    for task in list_tasks(store):
        g.add_node(
            task.id,
            kind="task",
            label=f"{task.section} {task.row}",
            text=task.text,
            lead_unit=task.lead_units[0] if task.lead_units else "",
            leader=task.leader or "",
            period=task.period or "",
            due=task.due or "",
            file=task.file,
        )
        if task.document:
            g.add_edge(task.id, task.document, relation="part_of")
        for cited in task.cites:
            g.add_edge(task.id, cited, relation="cites")
    for r in store.select(
        "SELECT DISTINCT ?a ?rel ?b WHERE { ?x chidao:source ?a ; chidao:relationType ?rel ; "
        "chidao:target ?b }"
    ):
        g.add_edge(key_of(r["a"]), key_of(r["b"]), relation=str(r["rel"]))
    return g


# What a spreadsheet reads as the start of a formula when it opens a CSV file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: object) -> object:
    """Keep a text cell from running as a formula when a spreadsheet opens the file.

    A task whose text starts with "=HYPERLINK(…)" would otherwise be a live formula. The
    cell is prefixed with an apostrophe, as spreadsheets themselves mark text (OWASP's
    advice for CSV injection); other values are returned as they are.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(folder: Path, net: nx.MultiDiGraph) -> None:
    docs = [(n, a) for n, a in net.nodes(data=True) if a.get("kind") == "document"]
    tasks = [(n, a) for n, a in net.nodes(data=True) if a.get("kind") == "task"]

    def table(name: str, header: list[str], rows: list[list[str]]) -> None:
        def write(tmp: Path) -> None:
            # UTF-8 with BOM so Excel shows Vietnamese letters right.
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow(header)
                out.writerows([neutralize_formula(c) for c in row] for row in rows)

        write_with(folder / name, write, SHARED)

    table(
        "documents.csv",
        ["key", "symbol", "type_code", "year", "title"],
        [[n, a["label"], a["type_code"], a["year"], a["title"]] for n, a in docs],
    )
    table(
        "tasks.csv",
        ["id", "file", "section_row", "text", "lead_unit", "leader", "period", "due"],
        [
            [
                n,
                a["file"],
                a["label"],
                a["text"],
                a["lead_unit"],
                a["leader"],
                a["period"],
                a["due"],
            ]
            for n, a in tasks
        ],
    )
    table(
        "edges.csv",
        ["source", "relation", "target"],
        [[u, d["relation"], v] for u, v, d in net.edges(data=True)],
    )


def export_graph(store: GraphStore, target: Path, fmt: str) -> list[Path]:
    """Write the graph in one format.

    Args:
        store: The store.
        target: A file (RDF formats, GraphML) or a folder (CSV: three files inside it).
        fmt: One of `FORMATS`.

    Returns:
        The files written.

    Raises:
        ValueError: An unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")
    if fmt == "csv":
        _write_csv(target, build_network(store))
        return [target / n for n in ("documents.csv", "tasks.csv", "edges.csv")]
    if fmt == "graphml":
        net = build_network(store)
        write_with(target, lambda tmp: nx.write_graphml(net, tmp), SHARED)
        return [target]
    ds = _rdf(store)
    if fmt == "nquads":
        # Sorted lines: the same store gives the same bytes, so two exports can be diffed.
        lines = sorted(ds.serialize(format="nquads", encoding="utf-8").splitlines(keepends=True))
        write_with(target, lambda tmp: Path(tmp).write_bytes(b"".join(lines)), SHARED)
    else:
        merged = _merged(ds)
        write_with(target, lambda tmp: merged.serialize(destination=str(tmp), format=fmt), SHARED)
    return [target]
