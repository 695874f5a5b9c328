"""What a careful user checks first.

Conflicting mentions, references that name no single complete document, documents cited but
never ingested.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.documents import same_document_names
from graph.levels import level_of
from graph.query import sample_field
from graph.store import GraphStore
from ingest.keys import UNKNOWN, DocumentKey, parse_key
from ingest.text import fold, sort_key_vi
from ontology.mapping import doc_iri, key_of


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
    full = [k for k in keys if not parse_key(k).is_own and not _unknown_parts(parse_key(k))]
    problems: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
    for key in keys:
        parts = parse_key(key)
        if parts.is_own or key in linked:
            continue
        missing = tuple(name for attr, name in _PART_NAMES if getattr(parts, attr) == "_")
        if not missing or parts.type_code == "_":
            continue
        candidates = tuple(k for k in full if parts.matches(parse_key(k)))
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


def _unknown_parts(key: DocumentKey) -> bool:
    return key.type_code == UNKNOWN or bool(key.missing)


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
