"""Every document once, under the name the store shows it by, with its level and counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.levels import level_of
from graph.query import best_text, count_bodies, name_documents
from graph.store import GraphStore
from ingest.catalogue import type_name
from ingest.keys import parse_key
from ingest.locality import province_name
from ingest.naming import name_document, pick_body
from ingest.text import fold, sentence_case, sort_key_vi
from ontology.mapping import doc_iri, file_iri, key_of


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
        issuing_body: The body that issued it, as a file wrote it, or None.
        date: Its date (ISO), the earliest the files give, or None.
    """

    key: str
    symbol: str | None
    type_code: str | None
    title: str | None
    level: int
    ingested: bool
    mentions: int
    same_as: tuple[str, ...] = ()
    issuing_body: str | None = None
    date: str | None = None

    @property
    def name(self) -> str:
        """Its name for people: "Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)"."""
        return name_document(self.key, self.symbol, self.issuing_body, self.date, title=self.title)

    @property
    def short_name(self) -> str:
        """Its short name for lists and chains: "Kế hoạch 359-KH/TU (Quảng Ngãi)"."""
        return name_document(self.key, self.symbol, full=False, title=self.title)

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


def titled_documents(store: GraphStore) -> list[tuple[str, str, str | None]]:
    """(key, title, type code) of every ingested document that has a title, by key."""
    rows = store.select(
        "SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?c) AS ?type) WHERE { GRAPH ?g { "
        "?f chidao:isDocument ?d . ?d chidao:title ?t OPTIONAL { ?d chidao:typeCode ?c } } "
        "} GROUP BY ?d"
    )
    found = [(key_of(r["d"]), str(r["title"]), r.get("type")) for r in rows]
    return sorted(found, key=lambda d: doc_iri(d[0]))


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
        ("date", "?d eli:date_document ?v"),
    ):
        # The earliest date when files disagree.
        pick = "MIN(STR(?x))" if name == "date" else "SAMPLE(?x)"
        for r in store.select(
            f"SELECT ?d ({pick} AS ?v) WHERE {{ {pattern.replace('?v', '?x')} }} GROUP BY ?d"
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
    bodies = count_bodies(store)
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
                issuing_body=pick_body(
                    name, {b: n for d in members for b, n in bodies.get(keys[d], {}).items()}
                ),
                date=min((fields[d]["date"] for d in first if "date" in fields[d]), default=None),
                level=level_of(name),
                ingested=any(d in owned for d in members),
                mentions=sum(counts.get(d, 0) for d in members),
                same_as=tuple(sorted(keys[d] for d in members if keys[d] != name)),
            )
        )
    return sorted(docs, key=lambda d: (d.level, sort_key_vi(d.label), d.key))


def file_titles(store: GraphStore, sha256: str) -> list[str]:
    """How each document a file is reads as a title ("Kế hoạch 17/KH-UBND: Triển khai …").

    The type's name, the số hiệu, the title line and the issuing body, as far as the store
    knows them, for the file's own documents in text order (a decision, then the plan it
    issues).
    """
    rows = store.select(
        f"SELECT ?d ?s ?c ?t ?b ?at WHERE {{ GRAPH <{file_iri(sha256)}> {{ ?f chidao:isDocument ?d "
        "OPTIONAL { ?d chidao:symbol ?s } OPTIONAL { ?d chidao:typeCode ?c } "
        "OPTIONAL { ?d chidao:issuingBody ?b } "
        "OPTIONAL { ?d chidao:title ?t } OPTIONAL { ?m chidao:refersTo ?d ; chidao:start ?at } "
        "} }"
    )
    # One row per mention and field value: a document is placed at its first mention and
    # named by its fullest line.
    placed: dict[str, int] = {}
    named: dict[str, str] = {}
    for r in rows:
        at = int(r["at"]) if r.get("at") is not None else 10**9
        name = " ".join(str(p) for p in (type_name(r.get("c") and str(r["c"])), r.get("s")) if p)
        title = sentence_case(" ".join(str(r["t"]).split())) if r.get("t") else ""
        line = f"{name}: {title}" if name and title else name or title
        body = " ".join(str(r["b"]).split()) if r.get("b") else ""
        # "Ủy ban nhân dân" says which body, not which province; the key says the province.
        place = province_name(parse_key(key_of(r["d"])).province)
        if place and fold(place) not in fold(body):
            body = f"{body}, {place}" if body else place
        if body and line:
            line += f" ({body})"
        if not line:
            continue
        key = str(r["d"])
        placed[key] = min(at, placed.get(key, at))
        if len(line) > len(named.get(key, "")):
            named[key] = line
    return [named[key] for key in sorted(named, key=lambda k: (placed[k], named[k]))]


def document_files(store: GraphStore, key: str) -> set[str]:
    """The SHA-256 of every ingested file that is a document (its own, not one it cites)."""
    rows = store.select(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?f chidao:isDocument <{doc_iri(key)}> }} }}"
    )
    prefix = str(file_iri(""))
    return {str(r["g"])[len(prefix) :] for r in rows if str(r["g"]).startswith(prefix)}


def naming_fields(store: GraphStore, keys) -> dict[str, dict[str, str]]:
    """What names a few documents: for each key, its symbol, body, date and title.

    One query per property for the keys given, so a command naming the documents of one
    answer does not list the whole store. What a key's document lacks (a cited short form has
    no body or date) is taken from the documents the store joins with it; the body is the one
    files name most often (`pick_body`).
    """
    keys = sorted(set(keys))
    if not keys:
        return {}
    values = " ".join(f"<{doc_iri(k)}>" for k in keys)
    joined: dict[str, set[str]] = {k: {k} for k in keys}
    for r in store.select(
        f"SELECT ?k ?d WHERE {{ VALUES ?k {{ {values} }} "
        "{ ?k chidao:sameAs ?d } UNION { ?d chidao:sameAs ?k } }"
    ):
        joined[key_of(r["k"])].add(key_of(r["d"]))
    every = " ".join(f"<{doc_iri(k)}>" for k in set().union(*joined.values()))
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    # One query per property: a resolution that thousands of files cite has thousands of
    # values of each, and one query joining them all would return their product.
    for name, prop, pick in (
        ("symbol", "chidao:symbol", "SAMPLE"),
        ("date", "eli:date_document", "MIN"),
        ("title", "chidao:title", "SAMPLE"),
    ):
        for r in store.select(
            f"SELECT ?d ({pick}(STR(?x)) AS ?v) WHERE {{ VALUES ?d {{ {every} }} ?d {prop} ?x }} "
            "GROUP BY ?d"
        ):
            if r.get("v") is not None:
                fields[key_of(r["d"])][name] = str(r["v"])
    bodies = count_bodies(store, f"VALUES ?d {{ {every} }}")
    found: dict[str, dict[str, str]] = {}
    for k in keys:
        # The key's own values first; a document the store joins with it fills what it lacks.
        merged = dict(fields.get(k, {}))
        for other in sorted(joined[k] - {k}):
            for name, value in fields.get(other, {}).items():
                if name == "date" and value < merged.get(name, "9"):
                    merged[name] = value
                merged.setdefault(name, value)
        counted: dict[str, int] = defaultdict(int)
        for member in joined[k]:
            for body, n in bodies.get(member, {}).items():
                counted[body] += n
        body = pick_body(k, counted)
        if body:
            merged["body"] = body
        found[k] = merged
    return found


def name_keys(store: GraphStore, keys, full: bool = True) -> dict[str, str]:
    """Names for people of a few documents ("Nghị quyết 57-NQ/TW của Bộ Chính trị (…)").

    Args:
        store: The store.
        keys: Document keys.
        full: Names with body and date; else short names with the province.

    Returns:
        For each key, its name.
    """
    return {k: name_from(k, f, full) for k, f in naming_fields(store, keys).items()}


def name_from(key: str, fields: dict[str, str], full: bool = True) -> str:
    """A document's name from what `naming_fields` read of it (full or short)."""
    return name_document(
        key, fields.get("symbol"), fields.get("body"), fields.get("date"), full, fields.get("title")
    )
