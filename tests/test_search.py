"""Search: passages, the lexical and exact lanes, the index on disk, fusion on the query set."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import search.build
from graph.build import ingest_paths
from graph.store import IndexNotBuilt, open_store
from ingest.pipeline import read_document
from ingest.typed import find_query_references
from search.build import ITEMS_VERSION, load_search_index, read_meta, update_index
from search.catalog import Item, tasks_holding
from search.embed import Embedder
from search.evaluate import evaluate_search, read_query_set
from search.hybrid import SearchFilters, has_diacritics, open_searcher, restore_diacritics
from search.lexical import LexicalIndex, tokenize
from search.passages import split_passages
from search.restore import Restorer
from search.vectors import ModelMismatch
from tests.conftest import ROOT, SAMPLE_FILES, json_lines, run_cli

QUERIES = ROOT / "tests" / "data" / "search_queries.json"


# --- passages -------------------------------------------------------------------------------

PASSAGE_CASES = [
    # Wrapped lines with blank lines between join into one sentence; a heading travels with
    # what follows it.
    (
        "1. Công tác truyền thông\n\nCập nhật kịp thời các văn bản lên Cổng \n\nthông tin "
        "của Sở (173 tin, bài).\n\nPhát hành 04 số Bản tin cải cách hành chính năm 2025.\n",
        [
            "1. Công tác truyền thông Cập nhật kịp thời các văn bản lên Cổng thông tin của Sở "
            "(173 tin, bài).",
            "Phát hành 04 số Bản tin cải cách hành chính năm 2025.",
        ],
    ),
    # A page number between lines is not part of any passage.
    (
        "Tổ chức kiểm tra việc chấp hành quy định về đo lường \n\n3\n\ntại các đơn vị trong "
        "tỉnh.\n",
        ["Tổ chức kiểm tra việc chấp hành quy định về đo lường tại các đơn vị trong tỉnh."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PASSAGE_CASES)
def test_passages_follow_sentences(text, expected):
    assert [p.text for p in split_passages(text)] == expected


def test_passages_carry_the_headings_and_items_above_them():
    text = (
        "I. MỤC TIÊU\n\nNâng cao năng lực quản lý nhà nước về khoa học.\n\nII. NHIỆM VỤ\n\n"
        "1. Nhiệm vụ trọng tâm:\n\n- Xây dựng cơ sở dữ liệu khoa học và công nghệ của tỉnh\n\n"
        "phục vụ quản lý.\n\n- Tổ chức Ngày hội khởi nghiệp năm 2025.\n"
    )
    got = [(p.text, p.context) for p in split_passages(text)]
    assert got == [
        ("I. MỤC TIÊU Nâng cao năng lực quản lý nhà nước về khoa học.", ()),
        # A heading travels with what it heads (and is not repeated as its context); the
        # line a PDF wrapped joins the item it goes on from.
        (
            "II. NHIỆM VỤ 1. Nhiệm vụ trọng tâm: - Xây dựng cơ sở dữ liệu khoa học và công "
            "nghệ của tỉnh phục vụ quản lý.",
            (),
        ),
        # Headings in capitals are read as a sentence; the item that introduces it stays.
        ("- Tổ chức Ngày hội khởi nghiệp năm 2025.", ("II. Nhiệm vụ", "1. Nhiệm vụ trọng tâm:")),
    ]


def test_a_table_row_is_a_passage_with_its_column_names():
    text = (
        "| STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp |\n"
        "| 1 | Số hóa hồ sơ lưu trữ của Sở | Văn phòng Sở | Phòng QLCN |\n"
        "| 2 | Tổ chức Ngày hội khởi nghiệp | Phòng QLCN | Văn phòng Sở |\n"
    )
    rows = [p for p in split_passages(text) if p.cells]
    assert [dict(p.cells) for p in rows] == [
        {
            "Nội dung": "Số hóa hồ sơ lưu trữ của Sở",
            "Chủ trì": "Văn phòng Sở",
            "Phối hợp": "Phòng QLCN",
        },
        {
            "Nội dung": "Tổ chức Ngày hội khởi nghiệp",
            "Chủ trì": "Phòng QLCN",
            "Phối hợp": "Văn phòng Sở",
        },
    ]
    assert all(text[p.start : p.end].startswith("| ") for p in rows)


def test_long_paragraph_is_cut_at_sentence_ends():
    sentence = "Tiếp tục triển khai các nhiệm vụ về chuyển đổi số trên địa bàn tỉnh. "
    passages = split_passages(sentence * 20, max_chars=300)
    assert len(passages) > 3
    assert all(len(p.text) <= 300 for p in passages)
    assert all(p.text.endswith(".") for p in passages)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="aăâbcdđeêhiklmnoôơuưyàạảãáềệếỳ .,;:\n", min_size=0, max_size=80),
            st.sampled_from(["\n\n", "  \n", "I. Mục tiêu\n", "3\n", ".\n", "- 1 -\n"]),
        ),
        max_size=30,
    )
)
# A long paragraph cut just before a page number once left the number at the next piece's start.
@example(parts=[":" * 46 + "a \n", "3\n", ":" * 10])
def test_passage_offsets_point_into_the_text(parts):
    text = "".join(parts)
    passages = split_passages(text, min_chars=10, max_chars=60)
    previous = 0
    for p in passages:
        assert previous <= p.start < p.end <= len(text)
        words = text[p.start : p.end].split()
        # The passage's words are the span's, in order, less page numbers printed inside it.
        assert p.text == " ".join(p.text.split())
        it = iter(words)
        assert all(w in it for w in p.text.split())
        assert p.text.split()[0] == words[0] and p.text.split()[-1] == words[-1]
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        previous = p.end


# --- lexical and exact lanes ----------------------------------------------------------------

TOKEN_CASES = [
    ("Chuyển đổi số", ["chuyen", "doi", "so", "chuyen_doi", "doi_so"]),
    ("chuyen doi so", ["chuyen", "doi", "so", "chuyen_doi", "doi_so"]),
    ("57-NQ/TW", ["57", "nq", "tw", "57_nq", "nq_tw"]),
    ("Đổi mới sáng tạo.", ["doi", "moi", "sang", "tao", "doi_moi", "moi_sang", "sang_tao"]),
    ("quý 3", ["quy", "iii", "quy_iii"]),
    ("Quý III", ["quy", "iii", "quy_iii"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "tokens"), TOKEN_CASES)
def test_tokens_are_folded_syllables_and_bigrams(text, tokens):
    assert tokenize(text) == tokens


def test_bm25_matches_without_diacritics_and_prefers_words_in_order():
    texts = [
        "Hỗ trợ doanh nghiệp đăng ký sở hữu trí tuệ.",
        "Sở Khoa học và Công nghệ hữu quan trí tuệ nhân tạo.",
        "Tổ chức hội nghị tổng kết.",
    ]
    index = LexicalIndex.build(texts)
    scores = index.scores("so huu tri tue")
    assert int(np.argmax(scores)) == 0
    assert scores[2] == 0


def test_bm25_built_from_token_ids_scores_as_bm25s_from_tokens(sample_files):
    import bm25s

    texts = [p for f in sample_files for p in read_document(f).text.split("\n\n")][:3000]
    texts += ["", "   "]  # rows without a token keep their place
    ours = LexicalIndex.build(texts)
    theirs = bm25s.BM25()
    theirs.index([tokenize(t) or ["∅"] for t in texts], show_progress=False)
    for query in ("nghi quyet 57", "chuyển đổi số", "phòng qlcn chủ trì", "quý iii năm 2025"):
        expected = np.asarray(theirs.get_scores(tokenize(query)), dtype=np.float32)
        np.testing.assert_allclose(ours.scores(query), expected, rtol=1e-5)
        assert expected.max() > 0


REFERENCE_CASES = [
    # query, [(type, number, issuer, year, surface)]
    (
        "kh359 thực hiện nq 57",
        [("KH", "359", None, None, "kh359"), ("NQ", "57", None, None, "nq 57")],
    ),
    ("327/QĐ-UBND", [("QĐ", "327", "UBND", None, "327/QĐ-UBND")]),
    ("Nghị quyết số 57-NQ/TW", [("NQ", "57", "TW", None, "Nghị quyết số 57-NQ/TW")]),
    ("nghi quyet 57", [("NQ", "57", None, None, "nghi quyet 57")]),
    ("nq57/tw", [("NQ", "57", "TW", None, "nq57/tw")]),
    ("Quyết định số 0327", [("QĐ", "327", None, None, "Quyết định số 0327")]),
    ("NĐ 30/2020", [("NĐ", "30", None, 2020, "NĐ 30/2020")]),
    ("Kế hoạch 2025 của Sở", []),
    ("chuyển đổi số cấp xã", []),
]


@pytest.mark.parametrize(("query", "expected"), REFERENCE_CASES)
def test_query_references(query, expected):
    got = [
        (r.type_code, r.number, r.issuer, r.year, query[r.start : r.end])
        for r in find_query_references(query)
    ]
    # The year of a full số hiệu comes from the grammar's reading of its date, if any.
    assert [(t, n, i, s) for t, n, i, _y, s in got] == [(t, n, i, s) for t, n, i, _y, s in expected]
    assert all(e[3] is None or g[3] == e[3] for g, e in zip(got, expected, strict=True))


def test_reference_matches_keys_by_fields():
    (ref,) = find_query_references("57/NQ-TW")
    assert ref.matches("NQ:57:TW:2024")
    assert ref.matches("NQ:57:TW:_")
    assert not ref.matches("NQ:57:CP:2024")
    assert not ref.matches("KH:57:TW:2024")


def test_restoration_uses_the_corpus_words_and_pyvi_for_others():
    restorer = Restorer(
        [
            "Triển khai chuyển đổi số cấp xã.",
            "Số thuê bao internet tăng.",
            "Chuyên viên Sở được giao.",
            "Bản tin khong dau do OCR: khong.",
            "Không đạt chất lượng.",
        ]
    )
    assert restorer.restore("chuyen doi so cap xa") == "chuyển đổi số cấp xã"
    # A bare word ("bao") stays bare where the texts write it so.
    assert restorer.restore("thue bao internet") == "thuê bao internet"
    # OCR's bare "khong" loses to "không".
    assert restorer.restore("khong dat") == "không đạt"
    # "benh vien" is not in the texts: pyvi restores it.
    assert has_diacritics(restorer.restore("so benh vien"))
    assert restore_diacritics("chuyển đổi số", restorer) == "chuyển đổi số"
    assert not has_diacritics("chuyen doi so") and has_diacritics("chuyển đổi số")


# --- the index on disk, with a small deterministic embedder ---------------------------------


class HashEmbedder(Embedder):
    """Vectors from hashed syllables: fast, deterministic, and similar for shared words."""

    def __init__(self, name: str = "test-hash", dimension: int = 64) -> None:
        self.name = name
        self.dimension = dimension
        self.calls = 0

    def _vectors(self, texts):
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text) or ["∅"]:
                h = int(hashlib.sha1(token.encode()).hexdigest(), 16)
                out[row, h % self.dimension] += 1.0
            out[row] /= np.linalg.norm(out[row])
        return out

    def encode_queries(self, texts, *, batch_size=None, progress=None):
        return self._vectors(texts)

    def encode_passages(self, texts, *, batch_size=None, progress=None):
        return self._vectors(texts)


def _workspace_with(tmp_path: Path, files: list[Path]) -> Path:
    ws = tmp_path / "ws"
    store = open_store(ws)
    try:
        ingest_paths(store, ws, files)
    finally:
        store.close()
    return ws


def test_index_is_incremental_and_idempotent(tmp_path):
    ws = _workspace_with(tmp_path, SAMPLE_FILES[:2])
    embedder = HashEmbedder()
    store = open_store(ws)
    try:
        first = update_index(ws, store, embedder)
        assert first.embedded == first.items > 0
        assert len(first.added) == 2
        again = update_index(ws, store, embedder)
        assert (again.embedded, again.added, again.removed) == (0, (), ())
        ingest_paths(store, ws, [SAMPLE_FILES[2]])
        third = update_index(ws, store, embedder)
        assert third.added == (str(SAMPLE_FILES[2]),)
        assert 0 < third.embedded == third.items - first.items
    finally:
        store.close()
    index = load_search_index(ws)
    assert len(index.vectors) == len(index.items) == third.items
    assert {i.sha for i in index.items} == set(index.files)


class _Killed(Exception):
    """Stands for the process being killed while it embeds."""


class DyingEmbedder(HashEmbedder):
    """A HashEmbedder that stops for good once it has embedded `budget` texts."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget = budget

    def encode_passages(self, texts, *, batch_size=None, progress=None):
        if self.calls + len(texts) > self.budget:
            raise _Killed
        return super().encode_passages(texts)


def test_an_update_stopped_while_embedding_goes_on_where_it_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(search.build, "CHECKPOINT_ITEMS", 40)
    ws = _workspace_with(tmp_path, SAMPLE_FILES)
    store = open_store(ws)
    try:
        whole = update_index(tmp_path / "whole", store, HashEmbedder())
        with pytest.raises(_Killed):
            update_index(ws, store, DyingEmbedder(budget=whole.items // 2))
        assert read_meta(ws) is None  # nothing published half-way
        saved = sorted((ws / "index.partial").glob("chunk-*.npz"))
        assert saved, "the batches embedded before the stop are kept"
        resumed_embedder = HashEmbedder()
        resumed = update_index(ws, store, resumed_embedder)
    finally:
        store.close()
    # The second run embeds only what the first did not, and the index is the one a single
    # run builds: same items, same vectors.
    assert 0 < resumed_embedder.calls < whole.items
    assert resumed.items == whole.items and len(resumed.added) == len(SAMPLE_FILES)
    assert not (ws / "index.partial").exists()
    got, want = load_search_index(ws), load_search_index(tmp_path / "whole")
    key = lambda i: (i.sha, i.start, i.kind, i.ref)  # noqa: E731
    assert sorted(map(key, got.items)) == sorted(map(key, want.items))
    assert len({i.id for i in got.items}) == len(got.items)
    vectors_got = dict(zip(*got.vectors.contents(), strict=True))
    vectors_want = dict(zip(*want.vectors.contents(), strict=True))
    want_ids = {key(i): i.id for i in want.items}
    for item in got.items:
        assert np.allclose(vectors_got[item.id], vectors_want[want_ids[key(item)]])


def test_a_checkpoint_left_beside_another_index_is_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(search.build, "CHECKPOINT_ITEMS", 40)
    ws = _workspace_with(tmp_path, SAMPLE_FILES[:2])
    store = open_store(ws)
    try:
        with pytest.raises(_Killed):
            update_index(ws, store, DyingEmbedder(budget=60))
        # Another model's index is built meanwhile: the old checkpoint is not its work.
        other = update_index(ws, store, HashEmbedder(name="other-model"), rebuild=True)
    finally:
        store.close()
    assert other.embedded == other.items
    assert not (ws / "index.partial").exists()


def test_items_cut_another_way_are_cut_and_embedded_again(tmp_path):
    ws = _workspace_with(tmp_path, SAMPLE_FILES[:1])
    store = open_store(ws)
    try:
        first = update_index(ws, store, HashEmbedder())
        meta_path = next((ws / "index").glob("meta.json"))
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["items_version"] = ITEMS_VERSION - 1  # as an older chidao wrote it
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        again = update_index(ws, store, HashEmbedder())
        settled = update_index(ws, store, HashEmbedder())
    finally:
        store.close()
    assert again.embedded == again.items == first.items and again.model == "test-hash"
    assert read_meta(ws)["items_version"] == ITEMS_VERSION
    assert settled.embedded == 0


def test_changed_file_replaces_its_items(tmp_path):
    doc = tmp_path / "ke-hoach.txt"
    doc.write_text("Kế hoạch số 12/KH-SKHCN triển khai chuyển đổi số cấp xã.\n", encoding="utf-8")
    ws = _workspace_with(tmp_path, [doc])
    store = open_store(ws)
    try:
        update_index(ws, store, HashEmbedder())
        doc.write_text("Kế hoạch số 12/KH-SKHCN về sở hữu trí tuệ năm 2025.\n", encoding="utf-8")
        ingest_paths(store, ws, [doc])
        report = update_index(ws, store, HashEmbedder())
    finally:
        store.close()
    assert report.removed == (str(doc),) and report.added == (str(doc),)
    texts = [i.text for i in load_search_index(ws).items]
    assert any("sở hữu trí tuệ" in t for t in texts)
    assert not any("chuyển đổi số" in t for t in texts)


def test_index_refuses_another_model(tmp_path):
    ws = _workspace_with(tmp_path, SAMPLE_FILES[:1])
    store = open_store(ws)
    try:
        update_index(ws, store, HashEmbedder("model-a"))
        with pytest.raises(ModelMismatch, match="model-a"):
            update_index(ws, store, HashEmbedder("model-b"))
        with pytest.raises(ModelMismatch):
            open_searcher(ws, store, HashEmbedder("model-b"))
        rebuilt = update_index(ws, store, HashEmbedder("model-b"), rebuild=True)
    finally:
        store.close()
    assert rebuilt.model == "model-b" and read_meta(ws)["model"] == "model-b"


def test_no_index_is_a_named_error(tmp_path):
    with pytest.raises(IndexNotBuilt, match="chidao ingest"):
        load_search_index(tmp_path)


def test_crash_during_write_keeps_the_old_index(tmp_path, monkeypatch):
    ws = _workspace_with(tmp_path, SAMPLE_FILES[:1])
    store = open_store(ws)
    try:
        update_index(ws, store, HashEmbedder())
        before = [i.text for i in load_search_index(ws).items]
        ingest_paths(store, ws, [SAMPLE_FILES[1]])

        def crash(*_args, **_kwargs):
            raise OSError("disk full")

        monkeypatch.setattr("search.build.LexicalIndex.save", crash)
        with pytest.raises(OSError, match="disk full"):
            update_index(ws, store, HashEmbedder())
    finally:
        store.close()
    assert [i.text for i in load_search_index(ws).items] == before


def test_swap_interrupted_between_renames_is_recovered(tmp_path):
    ws = _workspace_with(tmp_path, SAMPLE_FILES[:1])
    store = open_store(ws)
    try:
        update_index(ws, store, HashEmbedder())
    finally:
        store.close()
    # The state a crash leaves after the old folder is renamed away, before the new one is in.
    os.replace(ws / "index", ws / "index.old-123")
    assert len(load_search_index(ws).items) > 0


def test_filters_narrow_hits(tmp_path):
    ws = _workspace_with(tmp_path, SAMPLE_FILES[1:2])
    store = open_store(ws)
    try:
        update_index(ws, store, HashEmbedder())
        searcher = open_searcher(ws, store, HashEmbedder())
        hits = searcher.search("chuyen doi so", k=10, filters=SearchFilters(unit="phong qlcn"))
        assert hits
        for hit in hits:
            item = next(i for i in searcher.items if i.ref == hit.id)
            if item.kind == "task":
                assert "Phòng QLCN" in item.lead + item.partners
            else:
                assert "qlcn" in item.folded
    finally:
        store.close()


# --- the default model on the sample corpus -------------------------------------------------


def _texts() -> dict[str, str]:
    return {p.name: read_document(p).text for p in SAMPLE_FILES}


def test_query_set_is_large_and_balanced():
    queries = read_query_set(QUERIES)
    kinds = [q["kind"] for q in queries]
    assert len(queries) >= 60
    for kind in ("exact", "nodiac", "paraphrase"):
        assert kinds.count(kind) >= len(queries) // 3


def test_hybrid_beats_every_lane_on_the_query_set(indexed_sample):
    store = open_store(indexed_sample, read_only=True)
    try:
        searcher = open_searcher(indexed_sample, store)
        scores = {s.lane: s for s in evaluate_search(searcher, read_query_set(QUERIES), _texts())}
    finally:
        store.close()
    hybrid = scores.pop("hybrid")
    assert hybrid.recall >= 0.95, hybrid
    assert hybrid.mrr >= 0.9, hybrid
    for lane in scores.values():
        assert hybrid.mrr > lane.mrr, lane
        assert hybrid.recall >= lane.recall, lane
    # Restoring diacritics is what makes the dense lane work on queries typed without them.
    assert scores["dense"].by_kind["nodiac"][0] > scores["dense-raw"].by_kind["nodiac"][0]


def test_items_are_indexed_with_their_document_and_headings(indexed_sample):
    store = open_store(indexed_sample, read_only=True)
    try:
        searcher = open_searcher(indexed_sample, store)
    finally:
        store.close()
    # The work programme the decision issues names the document each task of the file sits
    # in, the heading names its section.
    task = next(
        i for i in searcher.items if i.kind == "task" and "Nghị quyết số 57-NQ/TW" in i.text
    )
    assert task.title.startswith("Chương trình: Công tác 6 tháng cuối năm 2025"), task.title
    assert "(Sở Khoa học và Công nghệ)" in task.title
    assert "Nội dung chỉ đạo thực hiện xuyên suốt" in task.context
    assert task.indexed == f"{task.title}\n{task.context}\n{task.text}"
    assert task.due == "2025-12-31"


def test_cli_search_contract(indexed_sample):
    # The hub switched off: the default model and pyvi's must come from packages and cache.
    offline = {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_ENDPOINT": "http://127.0.0.1:9",
    }
    result = run_cli(
        "search",
        "nghi quyet 57",
        "-k",
        "5",
        "--workspace",
        str(indexed_sample),
        "--json",
        env=offline,
    )
    assert result.returncode == 0, result.stderr
    (record,) = json_lines(result.stdout)
    assert record["query"] == "nghi quyet 57"
    assert len(record["hits"]) == 5
    first = record["hits"][0]
    # The contract's fields, and the task holding a passage (added; null for others).
    assert set(first) == {"kind", "id", "file", "start", "end", "text", "score", "task"}
    assert first["kind"] == "document" and first["id"] == "NQ:57:TW:2024"
    text = read_document(Path(first["file"])).text
    assert "57-NQ/TW" in text[first["start"] : first["end"]]
    for hit in record["hits"][1:]:
        assert hit["kind"] in {"task", "passage"}
        text = read_document(Path(hit["file"])).text
        assert 0 <= hit["start"] < hit["end"] <= len(text)
        if hit["kind"] == "passage":
            it = iter(text[hit["start"] : hit["end"]].split())
            assert all(word in it for word in hit["text"].split())


def test_cli_search_without_index_is_one_clear_line(tmp_path):
    ws = _workspace_with(tmp_path, SAMPLE_FILES[:1])
    result = run_cli("search", "chuyen doi so", "--workspace", str(ws), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "chidao index" in result.stderr


def test_cli_eval_search_prints_the_lanes(indexed_sample):
    result = run_cli("eval", "--search", "--workspace", str(indexed_sample), "--json")
    assert result.returncode == 0, result.stderr
    (record,) = json_lines(result.stdout)
    lanes = {lane["lane"]: lane for lane in record["lanes"]}
    assert set(lanes) == {"exact", "lexical", "dense-raw", "dense", "rrf", "hybrid"}
    assert lanes["hybrid"]["recall_at_5"] >= 0.95 and lanes["hybrid"]["mrr"] >= 0.9
    assert record["questions"]["correct"] >= 30
    assert json.dumps(record, ensure_ascii=False)


def test_text_missing_from_the_workspace_is_read_again_or_left_out(tmp_path):
    # A store shared through an endpoint holds files ingested from other workspaces.
    good, changed = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text("Kế hoạch số 12/KH-SKHCN triển khai chuyển đổi số cấp xã.\n", "utf-8")
    changed.write_text("Kế hoạch số 13/KH-SKHCN về sở hữu trí tuệ năm 2025.\n", "utf-8")
    ws = _workspace_with(tmp_path, [good, changed])
    for kept in (ws / "texts").glob("*.txt"):
        kept.unlink()
    changed.write_text("Nội dung khác hẳn.\n", "utf-8")
    store = open_store(ws)
    try:
        report = update_index(ws, store, HashEmbedder())
    finally:
        store.close()
    assert report.added == (str(good),)
    assert len(report.unreadable) == 1 and str(changed) in report.unreadable[0]
    assert {i.file for i in load_search_index(ws).items} == {str(good)}
    assert len(list((ws / "texts").glob("*.txt"))) == 1


def test_an_overlong_word_is_left_as_typed_and_the_rest_restored():
    from search.hybrid import MAX_QUERY_CHARS, has_diacritics, restore_diacritics

    long_word = "a" * 3000
    restored = restore_diacritics(f"chuyen doi so {long_word}")
    assert has_diacritics(restored[:14]) and restored[14:] == "a" * (MAX_QUERY_CHARS - 14)
    # Cut at the query limit, the long word stays as typed (restoring it would take minutes).
    assert restored.endswith("a" * 100) and len(restored) == MAX_QUERY_CHARS


def test_the_command_line_refuses_an_overlong_query(tmp_path):
    from tests.conftest import run_cli

    result = run_cli("search", "x" * 5000, "-w", str(tmp_path / "ws"))
    assert result.returncode == 2
    assert "over the 1000 limit" in result.stderr and "x" * 100 not in result.stderr


def test_a_question_the_graph_answers_loads_neither_model_nor_bm25(indexed_sample):
    from chidao.ask import Answerer

    store = open_store(indexed_sample, read_only=True)
    try:
        searcher = open_searcher(indexed_sample, store)
        answer = Answerer(searcher, store).answer("Quyết định 327 do ai ký?")
        assert answer.intent == "signer"
        # Loaded on first need only: a command-line call answering this never imports torch.
        assert searcher._embedder is None
        assert searcher.index.lexical._bm25 is None
        searcher.search("chuyển đổi số", k=1)
        assert searcher._embedder is not None and searcher.index.lexical._bm25 is not None
    finally:
        store.close()


def _item(row: int, kind: str, start: int, end: int, ref: str = "", sha: str = "a") -> Item:
    return Item(row, kind, ref or f"{sha}:{start}-{end}", "f.txt", sha, start, end, "x")


def test_passages_inside_a_long_task_point_to_it():
    items = [
        _item(0, "passage", 0, 90),  # before any task
        _item(1, "passage", 100, 700),  # the long task's first piece
        _item(2, "passage", 700, 1300),  # its second
        _item(3, "passage", 1250, 1500),  # its middle (1375) lies past the task's end
        _item(4, "passage", 100, 700, sha="b"),  # another file: no task there
        _item(5, "task", 100, 1320, ref="t:1"),
        _item(6, "task", 1400, 1600, ref="t:2"),
    ]
    assert tasks_holding(items) == {1: "t:1", 2: "t:1"}


def test_a_place_is_shown_once(indexed_sample):
    # A task and the passages cut from its text, or a page repeating a sentence, are one
    # place: the top hits of the query set never overlap within a file nor repeat a passage.
    store = open_store(indexed_sample, read_only=True)
    try:
        searcher = open_searcher(indexed_sample, store)
        overlaps = repeats = 0
        for q in read_query_set(QUERIES):
            hits = searcher.search(q["query"], k=10)
            for n, a in enumerate(hits):
                for b in hits[:n]:
                    if a.kind == b.kind == "document":
                        continue  # two documents one passage names
                    if a.file == b.file and a.start < b.end and b.start < a.end:
                        overlaps += 1
                    elif (
                        a.kind == b.kind == "passage"
                        and a.file == b.file
                        and " ".join(a.text.split()) == " ".join(b.text.split())
                    ):
                        repeats += 1
    finally:
        store.close()
    assert (overlaps, repeats) == (0, 0)
