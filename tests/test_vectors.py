"""The vector index: exact and approximate search, updates, saving and loading."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.errors import ChidaoError
from search import vectors
from search.vectors import (
    FLAT,
    IVF_FLAT,
    IndexCorrupt,
    IndexNotBuilt,
    ModelMismatch,
    create_index,
    load_index,
    save_index,
)

MODEL = "test-model@1"


def unit(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def clustered(rng: np.random.Generator, n: int, d: int, centers: np.ndarray) -> np.ndarray:
    x = centers[rng.integers(0, len(centers), n)] + 0.6 * unit(rng, n, d)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def brute_force(x: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int):
    scores = q @ x.T
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(scores, order, axis=1), ids[order]


def filled(n: int = 300, d: int = 16, seed: int = 0, **kwargs):
    rng = np.random.default_rng(seed)
    x = unit(rng, n, d)
    ids = rng.permutation(10 * n)[:n].astype(np.int64)
    index = create_index(MODEL, d, **kwargs)
    index.add(ids, x)
    return index, ids, x


def test_exact_search_equals_numpy_brute_force():
    index, ids, x = filled(1000, 32)
    queries = unit(np.random.default_rng(1), 25, 32)
    scores, found = index.search(queries, 10)
    want_scores, want_ids = brute_force(x, ids, queries, 10)
    assert index.kind == FLAT
    np.testing.assert_array_equal(found, want_ids)
    np.testing.assert_allclose(scores, want_scores, rtol=0, atol=1e-5)


def test_one_query_vector_and_fewer_results_than_k():
    index, ids, x = filled(3, 8)
    scores, found = index.search(x[0], 5)
    assert found.shape == (1, 5)
    assert found[0, 0] == ids[0] and set(found[0, :3]) == set(ids)
    assert list(found[0, 3:]) == [-1, -1] and np.isneginf(scores[0, 3:]).all()


def test_empty_index_finds_nothing():
    scores, found = create_index(MODEL, 8).search(unit(np.random.default_rng(0), 2, 8), 3)
    assert (found == -1).all() and np.isneginf(scores).all()


def test_remove_and_replace():
    index, ids, x = filled(200, 16)
    gone = ids[:50]
    assert index.remove(np.concatenate([gone, [10**9]])) == 50
    assert index.remove(gone) == 0
    assert len(index) == 150 and not np.isin(gone, index.ids()).any()
    _, found = index.search(x[:50], 10)
    assert not np.isin(found, gone).any()
    # Adding an id already present replaces its vector instead of duplicating it.
    other = unit(np.random.default_rng(5), 1, 16)
    index.add(ids[60:61], other)
    assert len(index) == 150
    _, found = index.search(other, 1)
    assert found[0, 0] == ids[60]


def test_bad_input_is_refused():
    index, _, x = filled(10, 8)
    with pytest.raises(ValueError, match="normalised"):
        index.add(np.array([1000]), 2 * x[:1])
    with pytest.raises(ValueError, match="non-negative"):
        index.add(np.array([-3]), x[:1])
    with pytest.raises(ValueError, match="repeat"):
        index.add(np.array([1000, 1000]), x[:2])
    with pytest.raises(ValueError, match="k must"):
        index.search(x[:1], 0)
    assert len(index) == 10


def test_wrong_dimension_is_a_model_mismatch():
    index, _, _ = filled(10, 8)
    with pytest.raises(ModelMismatch) as caught:
        index.add(np.array([99]), unit(np.random.default_rng(0), 1, 12))
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, ChidaoError)
    assert "dimension 12" in str(caught.value) and "chidao index --rebuild" in str(caught.value)
    with pytest.raises(ValueError):
        index.search(np.zeros((1, 12), dtype=np.float32), 3)


def test_load_refuses_other_model_or_dimension(tmp_path):
    index, _, _ = filled(20, 8)
    save_index(index, tmp_path)
    with pytest.raises(ModelMismatch) as caught:
        load_index(tmp_path, "other-model", 8)
    message = str(caught.value)
    assert MODEL in message and "other-model" in message and "chidao index --rebuild" in message
    with pytest.raises(ModelMismatch, match="dimension 16"):
        load_index(tmp_path, MODEL, 16)
    assert len(load_index(tmp_path, MODEL, 8)) == 20
    assert len(load_index(tmp_path)) == 20


def test_index_not_built_in_empty_or_missing_folder(tmp_path):
    for folder in (tmp_path, tmp_path / "absent"):
        with pytest.raises(IndexNotBuilt) as caught:
            load_index(folder, MODEL, 8)
        assert str(folder) in str(caught.value) and "chidao ingest" in str(caught.value)


def test_saved_description(tmp_path):
    index, _, _ = filled(20, 8)
    save_index(index, tmp_path)
    meta = json.loads((tmp_path / vectors.META_FILE).read_text())
    assert meta["model"] == MODEL and meta["dimension"] == 8 and meta["count"] == 20
    assert meta["kind"] == FLAT and meta["chidao_version"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([meta["file"], "vectors.json"])


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(0, 2**62), unique=True, max_size=40),
    st.integers(1, 12),
    st.integers(0, 2**32 - 1),
)
def test_save_load_round_trip(id_list, dimension, seed):
    ids = np.array(id_list, dtype=np.int64)
    x = unit(np.random.default_rng(seed), len(ids), dimension)
    index = create_index(MODEL, dimension)
    index.add(ids, x)
    with tempfile.TemporaryDirectory() as folder:
        save_index(index, Path(folder))
        save_index(index, Path(folder))  # saving again replaces
        loaded = load_index(Path(folder), MODEL, dimension)
    got_ids, got_x = loaded.contents()
    order = np.argsort(got_ids)
    want = np.argsort(ids)
    np.testing.assert_array_equal(got_ids[order], ids[want])
    np.testing.assert_array_equal(got_x[order], x[want])
    np.testing.assert_array_equal(loaded.ids(), np.sort(ids))


def _partial_faiss(index, path):
    Path(path).write_bytes(b"\x00" * 100)
    raise OSError("disk full")


def _failing_json(data, path):
    raise OSError("disk full")


@pytest.mark.parametrize("step", ["_write_faiss", "_write_json"])
def test_interrupted_save_leaves_the_old_index(tmp_path, monkeypatch, step):
    old, old_ids, _ = filled(30, 8, seed=1)
    save_index(old, tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    new, _, _ = filled(50, 8, seed=2)
    failure = _partial_faiss if step == "_write_faiss" else _failing_json
    monkeypatch.setattr(vectors, step, failure)
    with pytest.raises(OSError, match="disk full"):
        save_index(new, tmp_path)
    loaded = load_index(tmp_path, MODEL, 8)
    np.testing.assert_array_equal(loaded.ids(), np.sort(old_ids))
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_missing_faiss_file_is_corrupt(tmp_path):
    index, _, _ = filled(5, 8)
    save_index(index, tmp_path)
    meta = json.loads((tmp_path / vectors.META_FILE).read_text())
    (tmp_path / meta["file"]).unlink()
    with pytest.raises(IndexCorrupt, match="rebuild"):
        load_index(tmp_path)


def test_approximate_index_above_the_limit(tmp_path):
    rng = np.random.default_rng(3)
    d = 32
    centers = unit(rng, 40, d)
    x = clustered(rng, 4000, d, centers)
    ids = np.arange(4000, dtype=np.int64) * 7
    index = create_index(MODEL, d, exact_limit=1000)
    index.add(ids[:800], x[:800])
    assert index.kind == FLAT
    index.add(ids[800:], x[800:])  # grows past the limit: switches by itself
    assert index.kind == IVF_FLAT and len(index) == 4000
    assert 1 < index.nprobe < index.nlist

    queries = clustered(rng, 100, d, centers)
    _, found = index.search(queries, 10)
    _, truth = brute_force(x, ids, queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth, strict=True)])
    assert recall >= 0.9

    save_index(index, tmp_path)
    loaded = load_index(tmp_path, MODEL, d, exact_limit=1000)
    assert loaded.kind == IVF_FLAT and loaded.nprobe == index.nprobe
    np.testing.assert_array_equal(loaded.search(queries, 10)[1], found)

    # Shrinking below half the limit returns to exact search, vectors intact.
    assert index.remove(ids[:3600]) == 3600
    assert index.kind == FLAT
    _, found = index.search(queries, 10)
    np.testing.assert_array_equal(found, brute_force(x[3600:], ids[3600:], queries, 10)[1])


@pytest.mark.parametrize("exact_limit", [None, 500])
def test_search_within_scores_exactly_the_ids_asked_for(exact_limit):
    index, ids, x = filled(2000, 16, seed=4, exact_limit=exact_limit)
    assert index.kind == (FLAT if exact_limit is None else IVF_FLAT)
    query = unit(np.random.default_rng(5), 1, 16)[0]
    asked = np.concatenate([ids[::9], [-1 + 0 * ids[0], 10 * 2000 + 5]])  # two never stored
    scores, found = index.search_within(query, asked)
    rows = {int(i): n for n, i in enumerate(ids)}
    want = sorted((int(i) for i in ids[::9]), key=lambda i: -float(x[rows[i]] @ query))
    # Every stored id asked for, even where an approximate search would not look, best first.
    assert list(found) == want
    np.testing.assert_allclose(scores, [x[rows[i]] @ query for i in want], atol=1e-5)
    assert index.search_within(query, np.empty(0, dtype=np.int64))[1].size == 0
