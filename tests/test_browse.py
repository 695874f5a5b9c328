"""The store's readers on the sample corpus: tasks and filters, levels, trees, passages, quality."""

from __future__ import annotations

import pytest

import graph.documents
import graph.hierarchy
import graph.levels
import graph.neighbourhood
import graph.passages
import graph.quality
import graph.task_list
from graph.build import ingest_paths
from graph.store import open_store
from tests.conftest import SAMPLE

NQ57 = "NQ:57:TW:2024"
QD327 = "QĐ:327:UBND:2025:quang-ngai"
KH1587 = "KH:1587:SKHCN:2025:quang-ngai"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    ws = tmp_path_factory.mktemp("browse-ws")
    store = open_store(ws)
    ingest_paths(store, ws, [SAMPLE])
    yield store, ws
    store.close()


@pytest.fixture(scope="module")
def store(sample):
    return sample[0]


@pytest.mark.parametrize(
    ("key", "level"),
    [
        (NQ57, 0),
        ("KH:2:BCĐTW:2025", 0),
        ("NQ:3:CP:2025", 1),
        ("QĐ:709:TTg:2024", 1),
        ("QĐ:1625:BKHCN:2025", 1),
        ("QCVN:25:BCT:2025", 1),  # Bộ Công Thương, not Bộ Chính trị (whose issuer is TW)
        ("KH:359:TU:2025:quang-ngai", 2),
        (QD327, 2),
        ("NQ:15:HĐND:2025:quang-ngai", 2),
        (KH1587, 3),
        ("CV:1436:VP-TTXTDT:2025:quang-ngai", 3),
        ("CTr:_:SKHCN:2025@6cfe289130", 3),
    ],
)
def test_level_of_places_issuers_on_the_ladder(key, level):
    assert graph.levels.level_of(key) == level


def test_list_tasks_reads_every_field(store):
    tasks = graph.task_list.list_tasks(store)
    assert len(tasks) == 113
    task = next(t for t in tasks if t.id == "6cfe289130:I.2:1")
    assert task.lead_units == ("Phòng KH-CN",)
    assert task.leader == "PGĐ Sở Phan Văn Hiếu"
    assert task.document == "CTr:_:SKHCN:2025@6cfe289130"
    assert task.text.startswith("Xây dựng, triển khai thực hiện từ 02 - 04 nhiệm vụ")
    first = next(t for t in tasks if t.id == "a309ae3c36:A.I:1")
    assert first.period == "6 tháng cuối năm 2025"
    assert first.cites == (NQ57, "NQ:71:CP:2025")
    assert first.start is None and first.end is None  # offsets only for named tasks
    (named,) = graph.task_list.list_tasks(store, ["a309ae3c36:A.I:1"])
    assert named.text == first.text and named.lead_units == first.lead_units
    assert (named.start, named.end) == (1941, 2308)
    assert graph.task_list.list_tasks(store, []) == []


def test_filter_tasks_ignores_diacritics_and_case(store):
    tasks = graph.task_list.list_tasks(store)
    exact = graph.task_list.filter_tasks(
        tasks, graph.task_list.TaskFilter(lead_units=("Phòng KH-CN",))
    )
    typed = graph.task_list.filter_tasks(
        tasks, graph.task_list.TaskFilter(lead_units=("phong kh-cn",))
    )
    assert exact == typed and 0 < len(exact) < len(tasks)
    assert all("Phòng KH-CN" in t.lead_units for t in exact)
    citing = graph.task_list.filter_tasks(tasks, graph.task_list.TaskFilter(cites=(NQ57,)))
    assert {t.id for t in citing} >= {"a309ae3c36:A.I:1", "6cfe289130:II.1:1"}
    period = graph.task_list.filter_tasks(tasks, graph.task_list.TaskFilter(period="6 thang cuoi"))
    assert period and all("6 tháng cuối" in (t.period or "") for t in period)
    text = graph.task_list.filter_tasks(
        tasks, graph.task_list.TaskFilter(text="CHUYEN DOI SO", files=(tasks[0].file,))
    )
    assert text and all(t.file == tasks[0].file for t in text)
    assert graph.task_list.filter_tasks(tasks, graph.task_list.TaskFilter()) == tasks


def test_list_documents_marks_ingested_and_counts_mentions(store):
    docs = {d.key: d for d in graph.documents.list_documents(store)}
    assert docs[NQ57].symbol == "57-NQ/TW" and not docs[NQ57].ingested
    assert docs[NQ57].mentions == 10 and docs[NQ57].level == 0
    own = docs["CTr:_:SKHCN:2025@6cfe289130"]
    assert own.ingested and own.label == "CTr không số (SKHCN, 2025)"
    levels = [d.level for d in graph.documents.list_documents(store)]
    assert levels == sorted(levels)


def test_tree_of_gives_shortest_chains_both_ways(store):
    hierarchy = graph.hierarchy.load_hierarchy(store)
    down = graph.hierarchy.tree_of(hierarchy, NQ57, "down")
    children = {c.key: c for c in down.root.children}
    assert set(children) == {"KH:359:TU:2025:quang-ngai", "NQ:3:CP:2025", QD327}
    assert [c.key for c in children[QD327].children] == [KH1587]
    assert children[QD327].relation == "applies" and down.size == 5 and down.hidden == 0
    up = graph.hierarchy.tree_of(hierarchy, KH1587, "up")
    assert up.root.children[0].key == QD327
    assert NQ57 in {c.key for c in up.root.children[0].children}
    capped = graph.hierarchy.tree_of(hierarchy, NQ57, "down", max_nodes=2)
    assert capped.size == 2 and capped.hidden == 3


def test_citing_passages_mark_the_citation(sample):
    store, ws = sample
    passages, total = graph.passages.citing_passages(store, ws, NQ57)
    assert total == 10 and len(passages) == 10
    for p in passages:
        assert "57" in p.text[p.mark_start : p.mark_end]
        assert "\n" not in p.text
    first = passages[0]
    assert first.text.startswith("Tham mưu triển khai có hiệu quả Nghị quyết số 57-NQ/TW")
    assert first.text.endswith("chuyển đổi số quốc gia;")


def test_sentence_around_stops_at_stops_and_list_items_not_at_wrapped_lines():
    text = "Mở đầu. 1. Triển khai Nghị quyết số 57-NQ/TW ngày \n\n22/12/2024 của Bộ;\n2. Khác."
    start = text.index("Nghị")
    s, e = graph.passages.sentence_around(text, start, start + 22)
    assert text[s:e] == "Triển khai Nghị quyết số 57-NQ/TW ngày \n\n22/12/2024 của Bộ;"
    p = graph.passages.passage_at(text, start, start + 22, "f.txt")
    assert p.text[p.mark_start : p.mark_end] == "Nghị quyết số 57-NQ/TW"
    assert p.text == "Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ;"


def test_list_conflicts_finds_327_written_as_qd_and_kh(store):
    rows = graph.quality.list_conflicts(store)
    row = next(r for r in rows if r.key == QD327)
    assert row.field == "type_code" and row.values == ("KH", "QĐ")
    assert row.symbol == "327/QĐ-UBND" and len(row.files) == 3
    assert len([r for r in rows if r.key == QD327]) == 1


def test_reference_problems_unresolved_and_ambiguous(store):
    problems = {p.key: p for p in graph.quality.reference_problems(store)}
    assert problems["QĐ:861:TTg:_"].kind == "unresolved"
    assert problems["QĐ:861:TTg:_"].missing == ("năm",)
    assert problems["QĐ:861:TTg:_"].surfaces == ("Quyết định số 861/QĐ-TTg",)
    same_number = problems["NQ:2:CP:2024"]
    assert same_number.kind == "ambiguous"
    assert same_number.candidates == ("NQ:2:CP:2024", "NQ:2:CP:2025")
    kinds = [p.kind for p in problems.values()]
    assert "unresolved" in kinds and "ambiguous" in kinds


def test_cited_not_ingested_most_cited_first(store):
    cited = graph.quality.cited_not_ingested(store)
    assert cited[0].key == NQ57 and cited[0].mentions == 10 and len(cited[0].files) == 5
    ingested = {d.key for d in graph.documents.list_documents(store) if d.ingested}
    assert not ingested & {c.key for c in cited}
    counts = [c.mentions for c in cited]
    assert counts == sorted(counts, reverse=True)


def test_neighbourhood_of_a_document_is_capped_and_counts_the_rest(store):
    hierarchy = graph.hierarchy.load_hierarchy(store)
    full = graph.neighbourhood.neighbourhood(store, hierarchy, NQ57, cap=150)
    assert full.nodes[0].id == NQ57 and full.hidden == 0
    kinds = {n.kind for n in full.nodes}
    assert kinds == {"document", "task"}
    ids = {n.id for n in full.nodes}
    assert all(e.source in ids and e.target in ids for e in full.edges)
    assert any(e.source == QD327 and e.target == NQ57 for e in full.edges)
    small = graph.neighbourhood.neighbourhood(store, hierarchy, NQ57, cap=3)
    assert len(small.nodes) == 3 and small.hidden == len(full.nodes) - 3


def test_neighbourhood_of_a_task_climbs_from_its_documents(store):
    hierarchy = graph.hierarchy.load_hierarchy(store)
    view = graph.neighbourhood.neighbourhood(store, hierarchy, "a309ae3c36:A.I:1", cap=50)
    assert view.nodes[0].id == "a309ae3c36:A.I:1" and view.nodes[0].kind == "task"
    assert view.nodes[0].level == graph.levels.TASK_LEVEL
    ids = {n.id for n in view.nodes}
    assert {NQ57, "NQ:71:CP:2025", "CTr:_:SKHCN:2025@a309ae3c36-1"} <= ids
    relations = {(e.source, e.relation) for e in view.edges}
    assert ("a309ae3c36:A.I:1", "cites") in relations
    assert ("a309ae3c36:A.I:1", "partOf") in relations


def test_file_digests_and_texts(sample):
    store, ws = sample
    digests = graph.passages.file_digests(store)
    assert len(digests) == 5
    # A named file: the store returns files in no fixed order, and one sample file is an
    # OCR text without proper diacritics.
    path = next(p for p in digests if p.endswith("001_6eee8d5a1ed87784.txt"))
    text = graph.passages.read_text(ws, digests[path])
    assert text and "Nghị quyết" in text
    assert graph.passages.read_text(ws, "0" * 64) is None
    assert "6cfe289130:I.2:1" in graph.task_list.task_ids_of_file(store, path)
