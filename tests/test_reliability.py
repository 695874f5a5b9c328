"""Nothing lost: the store is the same whatever the order, the batches or a crash of ingest.

Each test here ingests real files (the samples and three real plans) and compares whole
stores as sorted N-Quads, with the answers of `derive` beside them.
"""

from __future__ import annotations

import itertools
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import ingest_paths
from graph.query import clear_task_cache, derive, stats
from graph.store import SNAPSHOTS_KEPT, current_snapshot, open_store
from tests.conftest import ROOT, SAMPLE, json_lines, run_cli

PLANS = ROOT / "tests" / "data" / "derive_plans"
CORPUS = sorted(SAMPLE.glob("*.txt")) + sorted(PLANS.glob("*.md"))
ASKED = ("NQ:57:TW:2024", "NQ:71:CP:2025", "QĐ:327:UBND:2025:quang-ngai")


def _state(ws: Path) -> tuple[list[str], dict[str, list[str]], dict[str, int]]:
    """The store of a workspace as sorted N-Quads, the derive answers, and the totals."""
    store = open_store(ws, create=False, read_only=True)
    try:
        quads = sorted(" ".join(t.n3() for t in q) for q in store.quads())
        clear_task_cache()
        answers = {k: sorted(t.id for t in derive(store, k)) for k in ASKED}
        return quads, answers, stats(store)
    finally:
        store.close()


def _ingest(ws: Path, batches: list[list[Path]]) -> Path:
    store = open_store(ws)
    try:
        for batch in batches:
            ingest_paths(store, ws, batch)
    finally:
        store.close()
    return ws


@pytest.fixture(scope="module")
def one_batch(tmp_path_factory):
    return _state(_ingest(tmp_path_factory.mktemp("batch"), [CORPUS]))


def test_the_corpus_holds_documents_that_other_files_name_short(one_batch):
    _quads, answers, totals = one_batch
    # A year-less "57-NQ/TW" in one file and the dated one in another are one document,
    # and the plan citing 327/QĐ-UBND as "327/KH-UBND" still reaches NQ 71.
    assert len(answers["NQ:57:TW:2024"]) >= 10
    assert answers["NQ:71:CP:2025"] and answers["QĐ:327:UBND:2025:quang-ngai"]
    assert totals["files"] == len(CORPUS)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(order=st.permutations(CORPUS), cuts=st.sets(st.integers(1, len(CORPUS) - 1), max_size=3))
def test_any_order_and_any_batches_give_the_same_store(one_batch, tmp_path_factory, order, cuts):
    edges = [0, *sorted(cuts), len(order)]
    batches = [list(order[a:b]) for a, b in itertools.pairwise(edges)]
    ws = _ingest(tmp_path_factory.mktemp("order"), batches)
    state = _state(ws)
    assert state[1:] == one_batch[1:]
    assert state[0] == one_batch[0]
    shutil.rmtree(ws)


def test_files_one_by_one_then_again_change_nothing(one_batch, tmp_path):
    ws = _ingest(tmp_path / "ws", [[f] for f in reversed(CORPUS)])
    _ingest(ws, [CORPUS])
    assert _state(ws) == one_batch


def test_a_later_file_splits_what_a_short_form_had_joined(tmp_path):
    """ "Kế hoạch 45" joins the only plan 45 the store holds, until a second one comes."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "BÁO CÁO\nKết quả thực hiện Kế hoạch 45 trong quý.\n", encoding="utf-8"
    )
    (corpus / "b.txt").write_text(
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2025 của Ủy ban nhân dân tỉnh.\n",
        encoding="utf-8",
    )
    (corpus / "c.txt").write_text(
        "Thực hiện Kế hoạch số 45-KH/TU ngày 09/4/2025 của Ban Thường vụ Tỉnh ủy.\n",
        encoding="utf-8",
    )

    def links(ws: Path) -> set[tuple[str, str]]:
        store = open_store(ws, read_only=True)
        try:
            rows = store.select("SELECT ?a ?b WHERE { ?a chidao:sameAs ?b }")
            return {(str(r["a"]).rsplit(":", 1)[-1], str(r["b"])) for r in rows}
        finally:
            store.close()

    ws = _ingest(tmp_path / "ws", [[corpus / "a.txt"], [corpus / "b.txt"]])
    assert any("45" in b and "UBND" in b for _a, b in links(ws))
    _ingest(ws, [[corpus / "c.txt"]])
    assert not any("45" in b for _a, b in links(ws))  # ambiguous now: joined to neither
    fresh = _ingest(tmp_path / "fresh", [[corpus / n for n in ("c.txt", "a.txt", "b.txt")]])
    assert _state(fresh)[0] == _state(ws)[0]


def _kill_corpus(folder: Path, copies: int = 24) -> list[Path]:
    folder.mkdir()
    base = (SAMPLE / "001_6eee8d5a1ed87784.txt").read_text(encoding="utf-8")
    for i in range(copies):
        (folder / f"plan_{i:03d}.txt").write_text(base + f"\nGhi chú bổ sung số {i}.\n", "utf-8")
    for f in CORPUS:
        shutil.copy(f, folder / f.name)
    return sorted(folder.iterdir())


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_9_at_a_random_point_then_resume_gives_the_store_of_one_run(tmp_path, seed):
    corpus = tmp_path / "corpus"
    _kill_corpus(corpus)
    clean = _state(_ingest(tmp_path / "clean", [[corpus]]))
    ws = tmp_path / "ws"
    exe = Path(sys.executable).parent / "chidao"
    rng = random.Random(seed)
    for _kill in range(2):
        proc = subprocess.Popen(
            [str(exe), "ingest", str(corpus), "-w", str(ws), "--no-index"],
            stderr=subprocess.PIPE,
            text=True,
        )
        wanted, written, deadline = rng.randint(1, 12), 0, time.time() + 120
        while written < wanted and time.time() < deadline and proc.poll() is None:
            written += " added" in proc.stderr.readline()
        time.sleep(rng.random() * 0.3)  # somewhere inside the next file's write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    again = run_cli("ingest", str(corpus), "-w", str(ws), "--json", "--no-index")
    assert again.returncode == 0, again.stderr
    assert _state(ws) == clean


def test_derive_answers_while_an_ingest_writes(tmp_path):
    corpus = tmp_path / "corpus"
    _kill_corpus(corpus, copies=80)
    ws = tmp_path / "ws"
    _ingest(ws, [CORPUS])  # the store already answers for NQ 57
    exe = Path(sys.executable).parent / "chidao"
    writer = subprocess.Popen(
        [str(exe), "ingest", str(corpus), "-w", str(ws), "--no-index"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        answers = []  # (tasks derived, whether the writer was still writing after)
        while writer.poll() is None and len(answers) < 3:
            line = writer.stderr.readline()
            if " added" not in line:
                continue
            result = run_cli("derive", "57-NQ/TW", "-w", str(ws), "--json")
            assert result.returncode == 0, result.stderr
            answers.append((len(json_lines(result.stdout)[0]["tasks"]), writer.poll() is None))
        assert answers and min(n for n, _writing in answers) >= 10
        assert any(writing for _n, writing in answers)  # answered beside the writer
        # A second writer is told why it cannot start, and nothing is lost.
        second = run_cli("ingest", str(PLANS), "-w", str(ws), "--no-index")
        if writer.poll() is None:
            assert second.returncode == 1 and "in use by another chidao process" in second.stderr
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0
    # What the writer committed is what readers see once it is done.
    assert current_snapshot(ws / "snapshots") is not None
    assert _state(ws)[2]["files"] == len(list(corpus.iterdir()))


# --- fuzzed files through extract ---------------------------------------------------------

# Pieces real documents are made of, so that the fuzzer reaches the structure readers and
# not only the decoder: letterhead lines, numbering of every kind, citations, assignments,
# table rows, signatures, and a few characters that have broken readers before.
PIECES = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG NGÃI",
    "Số: 327/QĐ-UBND",
    "Quảng Ngãi, ngày 26 tháng 5 năm 2025",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH:",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "I. NHIỆM VỤ",
    "II.",
    "1.",
    "1.1.",
    "a)",
    "đ)",
    "-",
    "+",
    "(1)",
    "**",
    "#",
    "|",
    "| --- |",
    "| STT | Nội dung | Cơ quan chủ trì | Thời gian |",
    "| 1 | Xây dựng | Sở KH&CN | Quý IV/2025 |",
    "Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính",
    "hoàn thành trước ngày 15/9/2025",
    "Thực hiện Kế hoạch số 359-KH/TU",
    "Điều 1.",
    "Phê duyệt Chương trình",
    "ban hành kèm theo",
    "Nơi nhận:",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A",
    "PHỤ LỤC",
    "Tổ chức thực hiện",
    "\t",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\x0c",
    "'",
    '"',
    "/",
    ":",
    "…",
    "–",
    "ngày 31/02/2025",
]


@st.composite
def documents(draw) -> str:
    lines = draw(
        st.lists(
            st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=6).map(
                " ".join
            ),
            max_size=40,
        )
    )
    return "\n".join(lines)


def _docx(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    rows = [line for line in text.splitlines() if "|" in line]
    for line in text.splitlines():
        clean = "".join(ch for ch in line if ch.isprintable() or ch == "\t")
        document.add_paragraph(clean)
    if rows:
        table = document.add_table(rows=len(rows), cols=3)
        for r, line in enumerate(rows):
            for c, cell in enumerate(line.split("|")[:3]):
                table.cell(r, c).text = "".join(ch for ch in cell if ch.isprintable())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=documents(),
    suffix=st.sampled_from([".txt", ".md", ".html", ".docx"]),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
)
def test_fuzzed_files_extract_or_fail_with_a_named_reason(tmp_path_factory, text, suffix, flips):
    from ingest.errors import BadInput
    from ingest.pipeline import extract_documents, read_document

    if suffix == ".docx":
        data = bytearray(_docx(text))
    elif suffix == ".html":
        data = bytearray(f"<html><body><p>{text}</p></body></html>".encode())
    else:
        data = bytearray(text.encode("utf-8"))
    for at, value in flips:  # damage, as a broken download or disk would
        if data:
            data[at % len(data)] = value
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(bytes(data))
    try:
        (ex,) = extract_documents([read_document(path)])
    except BadInput as err:
        assert str(err).startswith(str(path)), err
        return
    body = ex.document.text
    for task in ex.tasks:
        assert 0 <= task.start <= task.end <= len(body)
    for m in ex.mentions:
        assert body[m.start : m.end] == m.surface


def test_kill_9_during_index_keeps_the_last_index_and_the_next_run_completes(tmp_path):
    from search.build import load_search_index, read_meta
    from search.catalog import stored_files

    ws = tmp_path / "ws"
    first = run_cli("ingest", str(PLANS), "-w", str(ws), "--json")
    assert first.returncode == 0, first.stderr
    before = read_meta(ws)
    assert before is not None and before["files"]
    added = run_cli("ingest", *map(str, CORPUS[:2]), "-w", str(ws), "--no-index")
    assert added.returncode == 0, added.stderr
    exe = Path(sys.executable).parent / "chidao"
    proc = subprocess.Popen(
        [str(exe), "index", "-w", str(ws)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    time.sleep(random.Random(3).uniform(4.0, 8.0))  # loading the model, or embedding
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = load_search_index(ws)  # whole: the old index, or the new one if it had finished
    assert len(left.vectors) == len(left.items)
    assert set(left.files) in (set(before["files"]), set(read_meta(ws)["files"]))
    resumed = run_cli("index", "-w", str(ws), "--json")
    assert resumed.returncode == 0, resumed.stderr
    store = open_store(ws, read_only=True)
    try:
        files = stored_files(store)
    finally:
        store.close()
    done = load_search_index(ws)
    assert set(done.files) == set(files) and len(done.vectors) == len(done.items)
    assert len({i.id for i in done.items}) == len(done.items)
    assert {i.sha for i in done.items} == set(files)


def test_snapshots_are_published_and_old_ones_cleared(tmp_path):

    ws = tmp_path / "ws"
    store = open_store(ws)
    try:
        first = current_snapshot(ws / "snapshots")
        assert first is not None  # a new store gives readers an empty snapshot at once
        reader = open_store(ws, read_only=True)  # a reader on the first snapshot
        for n in range(SNAPSHOTS_KEPT + 5):
            store.update(f'INSERT DATA {{ <urn:x:{n}> <urn:p> "{n}" }}')
            store.publish()
        kept = [p for p in (ws / "snapshots").iterdir() if p.is_dir()]
        assert len(kept) == SNAPSHOTS_KEPT + 1
        assert reader.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] == 0
        reader.close()
    finally:
        store.close()
    latest = open_store(ws, read_only=True)
    try:
        assert (
            latest.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
            == SNAPSHOTS_KEPT + 5
        )
    finally:
        latest.close()


KEYS = st.builds(
    lambda t, n, i, y: f"{t}:{n}:{i}:{y}",
    st.sampled_from(["NQ", "KH", "QĐ"]),
    st.sampled_from(["5", "05", "57"]),
    st.sampled_from(["TW", "UBND", "_"]),
    st.sampled_from(["2024", "2025", "_"]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 4),  # which file graph is written
            st.dictionaries(KEYS, st.sets(st.sampled_from(["2025-05-26"]), max_size=1)),
            st.one_of(st.none(), st.integers(0, 4)),  # a file's previous content dropped
        ),
        max_size=12,
    )
)
def test_links_kept_file_by_file_are_the_links_of_all_keys(writes):
    """The store's links, updated one file at a time, are those of every key it holds."""
    from graph.build import _Links
    from ingest.resolve import link_keys

    links = _Links({}, set())
    held: dict[str, dict[str, set[str]]] = {}
    for graph, keys, dropped in writes:
        name = f"g{graph}"
        gone = f"g{dropped}" if dropped is not None and dropped != graph else None
        links.change(name, keys, gone)
        held.pop(gone, None)
        held[name] = keys
    dates: dict[str, set[str]] = {}
    for keys in held.values():
        for key, days in keys.items():
            dates.setdefault(key, set()).update(days)
    kept = {pair for pairs in links._links_by_number.values() for pair in pairs}
    assert kept == link_keys(dates, dates)
