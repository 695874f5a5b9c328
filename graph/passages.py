"""The text behind a finding: the sentences that cite a document, the passage at a span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from graph.store import GraphStore
from ingest.workspace import text_path
from ontology import META_GRAPH
from ontology.mapping import doc_iri, file_iri, key_of


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


@dataclass(frozen=True, slots=True)
class Evidence:
    """The span of a file that states a finding.

    Attributes:
        file: The file's path as ingested.
        start: Offset of the span in the file's NFC text.
        end: Offset after it.
        text: The span's text as stored.
    """

    file: str
    start: int
    end: int
    text: str


def relation_evidence(
    store: GraphStore, source: str, target: str, relation: str = "implements", limit: int = 3
) -> list[Evidence]:
    """The sentences that state a relation between two documents (by key), at most `limit`."""
    rows = store.select(
        "SELECT ?s ?e ?x ?p WHERE { ?r a chidao:RelationAssertion ; chidao:source "
        f"<{doc_iri(source)}> ; chidao:target <{doc_iri(target)}> ; chidao:relationType "
        f"{Literal(relation).n3()} ; chidao:start ?s ; chidao:end ?e ; chidao:evidence ?x ; "
        f"prov:wasDerivedFrom ?f . ?f chidao:path ?p }} LIMIT {int(limit)}"
    )
    return [Evidence(str(r["p"]), int(r["s"]), int(r["e"]), str(r["x"])) for r in rows]


def mentions_in_file(store: GraphStore, sha256: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every reference in one file, by offset."""
    rows = store.select(
        f"SELECT ?s ?e ?d WHERE {{ GRAPH <{file_iri(sha256)}> {{ ?m a chidao:Mention ; "
        "chidao:start ?s ; chidao:end ?e ; chidao:refersTo ?d } }"
    )
    return sorted((int(r["s"]), int(r["e"]), key_of(r["d"])) for r in rows)


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
