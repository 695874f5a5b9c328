"""Map one file's findings to RDF triples (its own named graph in the store).

Every fact about a file sits in the file's graph, so that replacing or removing the file
replaces or removes exactly its facts; documents are shared nodes named by their key, so
that the facts of many files about one document meet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from ingest.catalogue import type_name
from ingest.models import Conflict, LegalDocument
from ingest.pipeline import Extraction
from ingest.text import fold
from ontology import CHIDAO, DOC, ELI, FILE, MENTION, PERSON, PROV, RELATION, TASK, UNIT

# Version 2 adds the per-file task index (chidao:taskIndex) that `derive` reads.
# Version 3 adds who signed each of a file's own documents (chidao:signedBy, chidao:Signature).
# Version 5: the readers give other tasks for the same bytes (a crawled letter's body read as
# paragraphs, the units a letter asks): a workspace reads its files again on the next ingest.
EXTRACTOR_VERSION = "chidao-extract/5"

# How each relation of the extractor is said in RDF: ELI where ELI has the term.
RELATION_PROPERTIES = {
    "implements": ELI.applies,
    "based_on": ELI.based_on,
    "issues": CHIDAO.issues,
    "reports_on": CHIDAO.reportsOn,
    "requested_by": CHIDAO.requestedBy,
}


def doc_iri(key: str) -> URIRef:
    """The IRI of a document, from its key."""
    return URIRef(DOC + quote(key, safe=""))


def key_of(iri: str) -> str:
    """The key of a document IRI (the inverse of `doc_iri`)."""
    rest = str(iri)[len(DOC) :]
    return unquote(rest) if "%" in rest else rest  # most keys need no decoding; skip it


def file_iri(sha256: str) -> URIRef:
    """The IRI of a source file, which is also the name of its graph."""
    return URIRef(FILE + sha256)


def task_iri(task_id: str) -> URIRef:
    """The IRI of a task, from its id."""
    return URIRef(TASK + quote(task_id, safe=":"))


def task_id_of(iri: str) -> str:
    """The id of a task IRI."""
    return unquote(str(iri)[len(TASK) :])


def type_iri(code: str) -> URIRef:
    """The concept of a document type ("NQ" -> urn:chidao:type:NQ)."""
    return URIRef("urn:chidao:type:" + quote(code, safe=""))


def _slug(label: str) -> str:
    return quote(re.sub(r"\s+", "-", fold(label).strip()), safe="-&")


def unit_iri(label: str, scope: str | None) -> URIRef:
    """The IRI of a unit, scoped by the body it belongs to (a Sở's own Phòng KH-CN)."""
    return URIRef(UNIT + (quote(scope, safe="") + "/" if scope else "") + _slug(label))


def person_iri(label: str, scope: str | None) -> URIRef:
    """The IRI of a leader, scoped like units."""
    return URIRef(PERSON + (quote(scope, safe="") + "/" if scope else "") + _slug(label))


def _lit(value, datatype=None) -> Literal:
    return Literal(value, datatype=datatype) if datatype else Literal(value)


def _add_conflicts(g: Graph, node: URIRef, conflicts: Iterable[Conflict], base: str) -> None:
    for n, c in enumerate(conflicts):
        cnode = URIRef(f"{base}/conflict/{n}")
        g.add((node, CHIDAO.conflict, cnode))
        g.add((cnode, RDF.type, CHIDAO.Conflict))
        g.add((cnode, CHIDAO.field, _lit(c.field)))
        for v in c.values:
            g.add((cnode, CHIDAO.value, _lit(v)))
        if c.note:
            g.add((cnode, RDFS.comment, Literal(c.note, lang="vi")))


def _add_document(g: Graph, d: LegalDocument, source: URIRef) -> None:
    node = doc_iri(d.key)
    g.add((node, RDF.type, ELI.LegalResource))
    g.add((node, CHIDAO.key, _lit(d.key)))
    if d.type_code:
        g.add((node, CHIDAO.typeCode, _lit(d.type_code)))
        g.add((node, ELI.type_document, type_iri(d.type_code)))
        g.add((type_iri(d.type_code), RDF.type, SKOS.Concept))
        g.add((type_iri(d.type_code), SKOS.notation, _lit(d.type_code)))
        if type_name(d.type_code):
            g.add(
                (type_iri(d.type_code), SKOS.prefLabel, Literal(type_name(d.type_code), lang="vi"))
            )
    if d.number:
        g.add((node, ELI.number, _lit(d.number)))
    if d.issuer:
        g.add((node, CHIDAO.issuerCode, _lit(d.issuer)))
    if d.year:
        g.add((node, CHIDAO.year, _lit(d.year, XSD.integer)))
    if d.date:
        g.add((node, ELI.date_document, _lit(d.date, XSD.date)))
    if d.symbol:
        g.add((node, CHIDAO.symbol, _lit(d.symbol)))
    for alias in d.aliases:
        g.add((node, CHIDAO.alias, _lit(alias)))
    if d.issuing_body:
        g.add((node, CHIDAO.issuingBody, Literal(d.issuing_body, lang="vi")))
    if d.subject:
        g.add((node, ELI.title, Literal(d.subject, lang="vi")))
    g.add((node, PROV.wasDerivedFrom, source))
    _add_conflicts(g, node, d.conflicts, f"{source}/{quote(d.key, safe='')}")


def map_extraction(
    ex: Extraction,
    sha256: str,
    path: str | None,
    same_as: Iterable[tuple[str, str]] = (),
) -> Graph:
    """Build the triples of one file's graph.

    Args:
        ex: The file's extraction.
        sha256: The digest of the file's bytes.
        path: The file as the user named it; None in a store, where paths live in the meta
            graph (two copies of one file share its content graph, which so never depends
            on which copy came first).
        same_as: Pairs of keys that name one document, found by resolving against the store.

    Returns:
        A graph holding the file's facts.
    """
    g = Graph()
    g.bind("chidao", CHIDAO)
    g.bind("eli", ELI)
    g.bind("prov", PROV)
    source = file_iri(sha256)
    g.add((source, RDF.type, CHIDAO.SourceFile))
    g.add((source, RDF.type, PROV.Entity))
    if path is not None:
        g.add((source, CHIDAO.path, _lit(path)))
    g.add((source, CHIDAO.sha256, _lit(sha256)))
    g.add((source, CHIDAO.encoding, _lit(ex.document.encoding)))
    g.add((source, CHIDAO["format"], _lit(ex.document.format)))
    g.add((source, CHIDAO.extractorVersion, _lit(EXTRACTOR_VERSION)))
    for d in ex.documents:
        _add_document(g, d, source)
    primary = ex.owners[0] if ex.owners else None
    for own in ex.owners:
        g.add((source, CHIDAO.isDocument, doc_iri(own.key)))
        g.add((doc_iri(own.key), CHIDAO.ownDocumentOf, source))
        if own.title:
            g.add((doc_iri(own.key), CHIDAO["title"], Literal(own.title, lang="vi")))
    for m, key in zip(ex.mentions, ex.keys, strict=True):
        node = URIRef(f"{MENTION}{sha256}:{m.start}")
        g.add((node, RDF.type, CHIDAO.Mention))
        g.add((node, CHIDAO.refersTo, doc_iri(key)))
        g.add((node, CHIDAO.start, _lit(m.start, XSD.integer)))
        g.add((node, CHIDAO.end, _lit(m.end, XSD.integer)))
        g.add((node, CHIDAO.surface, _lit(m.surface)))
        g.add((node, PROV.wasDerivedFrom, source))
        if primary is not None and key != primary.key:
            g.add((doc_iri(primary.key), ELI.cites, doc_iri(key)))
    scope_of = {o.key: o.issuer for o in ex.owners}
    for t in ex.tasks:
        _add_task(g, t, source, scope_of.get(t.owner or "", None))
    _add_task_index(g, ex.tasks, source)
    for n, r in enumerate(ex.relations):
        src, tgt = doc_iri(r.source), doc_iri(r.target)
        g.add((src, RELATION_PROPERTIES[r.relation], tgt))
        node = URIRef(f"{RELATION}{sha256}:{n}")
        g.add((node, RDF.type, CHIDAO.RelationAssertion))
        g.add((node, CHIDAO.source, src))
        g.add((node, CHIDAO.target, tgt))
        g.add((node, CHIDAO.relationType, _lit(r.relation)))
        g.add((node, CHIDAO.start, _lit(r.start, XSD.integer)))
        g.add((node, CHIDAO.end, _lit(r.end, XSD.integer)))
        g.add((node, CHIDAO.evidence, Literal(r.evidence, lang="vi")))
        g.add((node, PROV.wasDerivedFrom, source))
    for n, sig in enumerate(ex.signatures):
        _add_signature(g, sig, URIRef(f"{RELATION}{sha256}:signature:{n}"), source, scope_of)
    for a, b in same_as:
        g.add((doc_iri(a), CHIDAO.sameAs, doc_iri(b)))
    return g


def _add_signature(g: Graph, sig, node: URIRef, source: URIRef, scope_of) -> None:
    """The signer of a document, as a person, and the block as evidence."""
    person = person_iri(sig.name, scope_of.get(sig.document))
    g.add((doc_iri(sig.document), CHIDAO.signedBy, person))
    g.add((person, RDF.type, CHIDAO.Person))
    g.add((person, RDFS.label, Literal(sig.name, lang="vi")))
    g.add((person, CHIDAO.name, Literal(sig.name, lang="vi")))
    g.add((person, CHIDAO.jobTitle, Literal(sig.capacity[-1], lang="vi")))
    g.add((node, RDF.type, CHIDAO.Signature))
    g.add((node, CHIDAO.signedDocument, doc_iri(sig.document)))
    g.add((node, CHIDAO.signer, person))
    g.add((node, CHIDAO.capacity, Literal(" / ".join(sig.capacity), lang="vi")))
    g.add((node, CHIDAO.start, _lit(sig.start, XSD.integer)))
    g.add((node, CHIDAO.end, _lit(sig.end, XSD.integer)))
    g.add((node, PROV.wasDerivedFrom, source))


def _add_task_index(g: Graph, tasks, source: URIRef) -> None:
    """Give the file a compact copy of its tasks and the documents they hang from.

    A question over thousands of tasks ("everything deriving from Nghị quyết 57") then reads
    one value per file instead of several per task: the store decodes every value it
    returns, one lookup each, and that decoding, not the search, is what costs.
    """
    if not tasks:
        return
    rows = []
    documents: set[str] = set()
    for t in tasks:
        keys = ([t.owner] if t.owner else []) + list(t.cites)
        documents.update(keys)
        lead = t.lead_units[0] if t.lead_units else None
        rows.append([t.id, t.section, t.row, t.text, lead, keys])
    g.add((source, CHIDAO.taskIndex, _lit(json.dumps(rows, ensure_ascii=False))))
    for key in sorted(documents):
        g.add((source, CHIDAO.taskDocument, doc_iri(key)))


def _add_task(g: Graph, t, source: URIRef, scope: str | None) -> None:
    node = task_iri(t.id)
    g.add((node, RDF.type, CHIDAO.Task))
    g.add((node, CHIDAO.taskId, _lit(t.id)))
    g.add((node, CHIDAO.section, _lit(t.section)))
    g.add((node, CHIDAO.row, _lit(t.row)))
    g.add((node, CHIDAO.text, Literal(t.text, lang="vi")))
    g.add((node, CHIDAO.start, _lit(t.start, XSD.integer)))
    g.add((node, CHIDAO.end, _lit(t.end, XSD.integer)))
    g.add((node, PROV.wasDerivedFrom, source))
    if t.owner:
        g.add((node, CHIDAO.partOf, doc_iri(t.owner)))
    for key in t.cites:
        g.add((node, CHIDAO.cites, doc_iri(key)))
    for n, label in enumerate(t.lead_units):
        unit = unit_iri(label, scope)
        g.add((node, CHIDAO.leadUnit, unit))
        if n == 0:
            g.add((node, CHIDAO.primaryLeadUnit, unit))
        g.add((unit, RDF.type, CHIDAO.Unit))
        g.add((unit, RDFS.label, Literal(label, lang="vi")))
    for label in t.coop_units:
        unit = unit_iri(label, scope)
        g.add((node, CHIDAO.partnerUnit, unit))
        g.add((unit, RDF.type, CHIDAO.Unit))
        g.add((unit, RDFS.label, Literal(label, lang="vi")))
    if t.directing_leader:
        person = person_iri(t.directing_leader, scope)
        g.add((node, CHIDAO.directingLeader, person))
        g.add((person, RDF.type, CHIDAO.Person))
        g.add((person, RDFS.label, Literal(t.directing_leader, lang="vi")))
        if t.leader_title:
            g.add((person, CHIDAO.jobTitle, Literal(t.leader_title, lang="vi")))
        if t.leader_name:
            g.add((person, CHIDAO.name, Literal(t.leader_name, lang="vi")))
    if t.period:
        g.add((node, CHIDAO.period, Literal(t.period, lang="vi")))
    if t.due:
        g.add((node, CHIDAO.dueDate, Literal(t.due, datatype=XSD.date)))
    if t.due_start:
        g.add((node, CHIDAO.dueStart, Literal(t.due_start, datatype=XSD.date)))
