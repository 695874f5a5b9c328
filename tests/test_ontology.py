"""The vocabulary (ontology/chidao.ttl) and the shapes (ontology/shapes.ttl) against mapping.py.

The graphs are real: the sample files run through the ingest pipeline and `map_extraction`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oxrdflib import OxigraphStore
from rdflib import OWL, RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.namespace import SH

import ontology.mapping as mapping
from ingest.pipeline import extract_documents, read_document
from ontology import CHIDAO, ELI, PROV
from ontology.mapping import RELATION_PROPERTIES, doc_iri, key_of, map_extraction
from ontology.validate import load_ontology, load_shapes, validate_graph
from tests.conftest import SAMPLE, SAMPLE_FILES

ONTOLOGY_IRI = URIRef("https://w3id.org/chidao/ontology")
FILE_001 = SAMPLE / "001_6eee8d5a1ed87784.txt"

# rdflib warns from inside its own Dataset.triples when a dataset is queried.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Dataset.default_context is deprecated:DeprecationWarning"
)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


@pytest.fixture(scope="module")
def graph_001() -> Graph:
    """The graph of 001 alone, with a same-as pair so that chidao:sameAs is emitted too."""
    ex = extract_documents([read_document(FILE_001)])[0]
    assert len(ex.documents) >= 2 and ex.tasks and ex.relations
    pair = (ex.documents[0].key, ex.documents[1].key)
    return map_extraction(ex, _sha(FILE_001), str(FILE_001), same_as=[pair])


@pytest.fixture(scope="module")
def sample_graphs() -> dict[str, Graph]:
    """One graph per sample file, resolved together as one ingest run would."""
    assert len(SAMPLE_FILES) == 5
    extractions = extract_documents([read_document(p) for p in SAMPLE_FILES])
    return {
        p.name: map_extraction(ex, _sha(p), str(p))
        for p, ex in zip(SAMPLE_FILES, extractions, strict=True)
    }


def _chidao_terms(g: Graph) -> set[URIRef]:
    """The chidao: predicates and classes a graph uses."""
    used = {p for p in g.predicates() if str(p).startswith(str(CHIDAO))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(CHIDAO))}
    return used


def _declared(kind: URIRef) -> set[URIRef]:
    ont = load_ontology()
    return {s for s in ont.subjects(RDF.type, kind) if str(s).startswith(str(CHIDAO))}


# --- The vocabulary ------------------------------------------------------------------------


def test_ontology_has_a_versioned_header():
    ont = load_ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ont
    assert ont.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ont.value(ONTOLOGY_IRI, OWL.versionIRI) is not None


def test_every_chidao_term_the_mapping_emits_is_declared(graph_001, sample_graphs):
    graphs = [graph_001, *sample_graphs.values()]
    used = set().union(*map(_chidao_terms, graphs))
    assert {CHIDAO.sameAs, CHIDAO.Task, CHIDAO.period} <= used  # the graphs are not trivial
    classes = _declared(OWL.Class)
    object_props = _declared(OWL.ObjectProperty)
    data_props = _declared(OWL.DatatypeProperty)
    for term in sorted(used):
        if any((None, RDF.type, term) in g for g in graphs):
            assert term in classes, f"{term} is used as a class but not declared owl:Class"
            continue
        objects = {o for g in graphs for o in g.objects(None, term)}
        if all(isinstance(o, Literal) for o in objects):
            assert term in data_props, f"{term} has literal values: declare owl:DatatypeProperty"
        else:
            assert all(isinstance(o, URIRef) for o in objects)
            assert term in object_props, f"{term} has IRI values: declare owl:ObjectProperty"


def test_the_ontology_declares_exactly_the_chidao_terms_of_mapping_py():
    """Both ways: no term in mapping.py left undeclared, no declared term the mapping lacks."""
    source = Path(mapping.__file__).read_text(encoding="utf-8")
    named = set(re.findall(r'CHIDAO(?:\.(\w+)|\[\s*"(\w+)"\s*\])', source))
    in_code = {CHIDAO[a or b] for a, b in named}
    declared = (
        _declared(OWL.Class) | _declared(OWL.ObjectProperty) | _declared(OWL.DatatypeProperty)
    )
    assert in_code == declared, (
        f"undeclared: {sorted(in_code - declared)}; not in mapping.py: {sorted(declared - in_code)}"
    )


def test_every_term_has_labels_comments_domain_and_range():
    ont = load_ontology()
    terms = _declared(OWL.Class) | _declared(OWL.ObjectProperty) | _declared(OWL.DatatypeProperty)
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ont.objects(term, prop) if isinstance(o, Literal)}
            assert {"vi", "en"} <= langs, f"{term} lacks a {prop} in vi and en"
        if term not in _declared(OWL.Class):
            assert ont.value(term, RDFS.domain) is not None, f"{term} has no rdfs:domain"
            assert ont.value(term, RDFS.range) is not None, f"{term} has no rdfs:range"


def test_alignment_with_prov_and_eli():
    ont = load_ontology()
    assert (CHIDAO.SourceFile, RDFS.subClassOf, PROV.Entity) in ont
    assert (CHIDAO.Person, RDFS.subClassOf, PROV.Agent) in ont
    assert (CHIDAO.Unit, RDFS.subClassOf, PROV.Agent) in ont
    for prop in (CHIDAO.issues, CHIDAO.reportsOn, CHIDAO.requestedBy):
        assert (prop, RDF.type, OWL.ObjectProperty) in ont
        assert ont.value(prop, RDFS.domain) == ELI.LegalResource
        assert ont.value(prop, RDFS.range) == ELI.LegalResource
    # ELI's terms are used, never redefined.
    assert not [s for s in ont.subjects() if str(s).startswith(str(ELI))]
    # Every relation is stated with an ELI term or a declared chidao object property.
    for prop in RELATION_PROPERTIES.values():
        assert str(prop).startswith(str(ELI)) or prop in _declared(OWL.ObjectProperty)
    assert RELATION_PROPERTIES["implements"] == ELI.applies


def _fits(g: Graph, node, cls: URIRef, ont: Graph) -> bool:
    """Whether `node` belongs to `cls` (a class, a union of classes, or a datatype)."""
    union = ont.value(cls, OWL.unionOf) if isinstance(cls, BNode) else None
    if union is not None:
        return any(_fits(g, node, c, ont) for c in Collection(ont, union))
    if cls == RDF.langString:
        return isinstance(node, Literal) and node.language is not None
    if str(cls).startswith(str(ns.XSD)):
        if not isinstance(node, Literal) or node.language is not None:
            return False
        return (node.datatype or ns.XSD.string) == cls
    return isinstance(node, URIRef) and (node, RDF.type, cls) in g


def test_domains_and_ranges_describe_the_emitted_triples(sample_graphs, graph_001):
    ont = load_ontology()
    checked = set()
    for g in [*sample_graphs.values(), graph_001]:
        for s, p, o in g:
            if not str(p).startswith(str(CHIDAO)):
                continue
            domain, range_ = ont.value(p, RDFS.domain), ont.value(p, RDFS.range)
            assert _fits(g, s, domain, ont), f"subject {s} of {p} is not in its domain"
            assert _fits(g, o, range_, ont), f"value {o!r} of {p} is not in its range"
            checked.add(p)
    assert len(checked) > 40


def test_shapes_parse_and_speak_vietnamese():
    shapes = load_shapes()
    assert len(set(shapes.subjects(RDF.type, SH.NodeShape))) >= 8
    messages = list(shapes.objects(None, SH.message))
    assert messages and all(m.language == "vi" for m in messages)


# --- The sample corpus conforms ------------------------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in SAMPLE_FILES])
def test_each_sample_graph_conforms(sample_graphs, name):
    report = validate_graph(sample_graphs[name])
    assert report.conforms, "\n".join(map(str, report.violations[:10]))
    assert report.violations == ()


def _dataset(kind: str, graphs) -> Dataset:
    """The file graphs as named graphs of a dataset: in memory, or in an Oxigraph store."""
    ds = (
        Dataset(store=OxigraphStore(), default_union=True)
        if kind == "oxigraph"
        else Dataset(default_union=True)
    )
    for g in graphs:
        name = ds.graph(g.value(None, RDF.type, CHIDAO.SourceFile))
        ds.addN((s, p, o, name) for s, p, o in g)
    return ds


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_the_union_of_the_sample_graphs_conforms(sample_graphs, kind):
    ds = _dataset(kind, sample_graphs.values())
    before = len(ds)
    report = validate_graph(ds)
    assert report.conforms, "\n".join(map(str, report.violations[:10]))
    assert len(ds) == before  # validation leaves the data alone


def test_one_file_graph_conforms(graph_001):
    assert validate_graph(graph_001).conforms


# --- What breaks the contract is reported, on the right node ------------------------------


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def _violation_on(report, focus, path=None):
    assert not report.conforms
    hits = [v for v in report.violations if v.focus_node == focus]
    assert hits, f"nothing reported on {focus}: {report.violations}"
    if path is not None:
        assert any(v.path == path for v in hits), f"nothing on {path}: {hits}"
    assert all(v.severity == "Violation" and v.message for v in hits)
    return hits


def test_a_task_without_text(graph_001):
    g = _copy(graph_001)
    task = _first(g, CHIDAO.Task)
    g.remove((task, CHIDAO.text, None))
    report = validate_graph(g)
    hits = _violation_on(report, task, CHIDAO.text)
    assert "nội dung" in hits[0].message  # the shape's own Vietnamese message
    assert {v.focus_node for v in report.violations} == {task}


def test_a_task_with_empty_text_or_negative_start(graph_001):
    g = _copy(graph_001)
    task = _first(g, CHIDAO.Task)
    g.set((task, CHIDAO.text, Literal("", lang="vi")))
    g.set((task, CHIDAO.start, Literal(-1, datatype=ns.XSD.integer)))
    report = validate_graph(g)
    paths = {v.path for v in _violation_on(report, task)}
    assert {CHIDAO.text, CHIDAO.start} <= paths


def test_a_relation_with_an_unknown_type(graph_001):
    g = _copy(graph_001)
    rel = _first(g, CHIDAO.RelationAssertion)
    g.set((rel, CHIDAO.relationType, Literal("amends")))
    report = validate_graph(g)
    _violation_on(report, rel, CHIDAO.relationType)
    assert {v.focus_node for v in report.violations} == {rel}


def test_a_relation_without_its_direct_edge(graph_001):
    g = _copy(graph_001)
    rel = _first(g, CHIDAO.RelationAssertion)
    kind = str(g.value(rel, CHIDAO.relationType))
    src, tgt = g.value(rel, CHIDAO.source), g.value(rel, CHIDAO.target)
    g.remove((src, RELATION_PROPERTIES[kind], tgt))
    others = [
        r
        for r in g.subjects(RDF.type, CHIDAO.RelationAssertion)
        if (g.value(r, CHIDAO.source), g.value(r, CHIDAO.target)) == (src, tgt)
        and str(g.value(r, CHIDAO.relationType)) == kind
    ]
    report = validate_graph(g)
    _violation_on(report, rel, CHIDAO.relationType)
    assert {v.focus_node for v in report.violations} == set(others)


def test_a_source_file_with_a_bad_sha256(graph_001):
    g = _copy(graph_001)
    source = _first(g, CHIDAO.SourceFile)
    g.set((source, CHIDAO.sha256, Literal("not-a-digest")))
    report = validate_graph(g)
    _violation_on(report, source, CHIDAO.sha256)
    assert {v.focus_node for v in report.violations} == {source}


def test_a_source_file_named_otherwise_than_by_its_digest(graph_001):
    g = _copy(graph_001)
    wrong = URIRef("urn:chidao:file:abc")
    g.add((wrong, RDF.type, CHIDAO.SourceFile))
    g.add((wrong, CHIDAO.path, Literal("x.txt")))
    g.add((wrong, CHIDAO.sha256, Literal("0" * 64)))
    report = validate_graph(g)
    _violation_on(report, wrong)
    assert {v.focus_node for v in report.violations} == {wrong}


@pytest.mark.parametrize(
    "bad_date",
    [
        Literal("04/04/2025"),  # a string, not a date
        Literal("2025-04-04T00:00:00", datatype=ns.XSD.dateTime),
        Literal("2025-13-45", datatype=ns.XSD.date),  # ill-typed
    ],
    ids=["string", "dateTime", "ill-typed"],
)
def test_a_date_that_is_not_an_xsd_date(graph_001, bad_date):
    g = _copy(graph_001)
    doc = sorted(d for d in g.subjects(ELI.date_document, None))[0]
    g.set((doc, ELI.date_document, bad_date))
    report = validate_graph(g)
    _violation_on(report, doc, ELI.date_document)
    assert {v.focus_node for v in report.violations} == {doc}


def test_several_dates_of_one_document_are_allowed_but_not_two_keys(graph_001):
    g = _copy(graph_001)
    doc = sorted(d for d in g.subjects(ELI.date_document, None))[0]
    g.add((doc, ELI.date_document, Literal("1999-01-01", datatype=ns.XSD.date)))
    g.add((doc, ELI.number, Literal("0099")))
    assert validate_graph(g).conforms
    g.add((doc, CHIDAO.key, Literal("XX:1:YY:1999")))
    _violation_on(validate_graph(g), doc, CHIDAO.key)


def test_a_year_that_is_not_an_integer(graph_001):
    g = _copy(graph_001)
    doc = sorted(g.subjects(CHIDAO.year, None))[0]
    g.set((doc, CHIDAO.year, Literal("2025")))
    _violation_on(validate_graph(g), doc, CHIDAO.year)


def test_task_units_and_leaders(graph_001):
    g = _copy(graph_001)
    task = sorted(g.subjects(CHIDAO.primaryLeadUnit, None))[0]
    stray = URIRef("urn:chidao:unit:stray")
    g.add((task, CHIDAO.primaryLeadUnit, stray))  # a second primary, untyped, unlabelled
    report = validate_graph(g)
    on_task = _violation_on(report, task)
    assert {v.path for v in on_task} >= {CHIDAO.primaryLeadUnit}
    assert any(v.value == stray for v in on_task)
    _violation_on(report, stray, RDFS.label)


def test_a_task_without_provenance(graph_001):
    g = _copy(graph_001)
    task = _first(g, CHIDAO.Task)
    g.remove((task, PROV.wasDerivedFrom, None))
    _violation_on(validate_graph(g), task, PROV.wasDerivedFrom)


def test_a_mention_pointing_at_nothing_known(graph_001):
    g = _copy(graph_001)
    mention = _first(g, CHIDAO.Mention)
    g.set((mention, CHIDAO.refersTo, doc_iri("NQ:999:XX:2099")))
    g.remove((mention, CHIDAO.surface, None))
    report = validate_graph(g)
    paths = {v.path for v in _violation_on(report, mention)}
    assert {CHIDAO.refersTo, CHIDAO.surface} <= paths


def test_a_store_reports_the_bad_file(sample_graphs):
    """In a store, plain literals come back as xsd:string; the checks must not care."""
    graphs = list(sample_graphs.values())
    g = graphs[1]
    task = _first(g, CHIDAO.Task)
    rel = _first(g, CHIDAO.RelationAssertion)
    kind_of_rel = str(g.value(rel, CHIDAO.relationType))
    src, tgt = g.value(rel, CHIDAO.source), g.value(rel, CHIDAO.target)
    ds = _dataset("oxigraph", graphs)
    ds.remove((task, CHIDAO.taskId, None, None))
    ds.remove((src, RELATION_PROPERTIES[kind_of_rel], tgt, None))
    assert (src, RELATION_PROPERTIES[kind_of_rel], tgt) not in ds
    report = validate_graph(ds)
    _violation_on(report, task, CHIDAO.taskId)
    _violation_on(report, rel, CHIDAO.relationType)
    assert all(
        v.focus_node == task or (v.path == CHIDAO.relationType and str(v.value) == kind_of_rel)
        for v in report.violations
    ), report.violations


@given(st.text(min_size=1))
def test_a_document_key_comes_back_from_its_iri(key):
    assert key_of(doc_iri(key)) == key


@pytest.mark.parametrize(
    "key",
    ["NQ:57:TW:2024", "QĐ:327:UBND:2025:quang-ngai", "KH:_:SKHCN:2025@a309ae3c36-1", "50%:x"],
)
def test_a_document_iri_spells_its_key_safely(key):
    iri = str(doc_iri(key))
    assert key_of(iri) == key and " " not in iri and ("Đ" not in iri)


def test_due_dates_are_dates_and_a_text_due_date_is_refused(sample_graphs):
    g = _copy(sample_graphs["003_8056d9e22a67d95b.txt"])
    dated = sorted(g.subjects(CHIDAO.dueDate, None))
    assert dated  # the report's "Tháng 8/2025" rows carry their due date
    due = g.value(dated[0], CHIDAO.dueDate)
    assert due.datatype == XSD.date and len(str(due)) == 10
    assert validate_graph(g).conforms
    g.set((dated[0], CHIDAO.dueDate, Literal("Quý IV/2025")))
    _violation_on(validate_graph(g), dated[0], CHIDAO.dueDate)


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_markdown_or_html_file_graph_conforms(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    body = (
        "Số: 45/KH-UBND\n\nKẾ HOẠCH\n\nThực hiện Nghị quyết số 57-NQ/TW\n\n"
        "1. Sở Tài chính bố trí kinh phí."
    )
    if suffix == ".html":
        body = "".join(f"<p>{block}</p>" for block in body.split("\n\n"))
    path.write_text(body, encoding="utf-8")
    ex = extract_documents([read_document(path)])[0]
    report = validate_graph(map_extraction(ex, _sha(path), str(path)))
    assert report.conforms, "\n".join(map(str, report.violations[:5]))
