"""The vector index: passage and task embeddings in FAISS, beside the graph store.

This is the only module that imports faiss. A `VectorIndex` maps int64 ids chosen by the
caller to L2-normalised float32 vectors of one embedding model; inner product is cosine.
It records the model's name and dimension and refuses vectors of any other model
(`ModelMismatch`): mixing them would make every score meaningless.

Two kinds of FAISS index sit behind it, chosen by size and switched automatically:

- up to `EXACT_LIMIT` vectors, exact search (`IndexFlatIP` in an `IndexIDMap`);
- above it, IVF-Flat: `nlist` ≈ √n spherical k-means cells, and `nprobe` (cells visited per
  query) tuned when the index is built, on a sample of its own vectors, as the smallest
  power of two giving recall@10 ≥ `RECALL_TARGET` against exact search.

The raw vectors stay recoverable from either kind (flat storage, or the IVF-Flat lists), so
switching kinds, or re-training the cells after the collection grows 16-fold, rebuilds from
the index itself; no second copy is kept. The IVF is re-built back to exact search when the
collection falls below half the limit.

Why 50,000 and why IVF-Flat: measured with `bench/bench_search.py` on this 2-core machine
while other work kept it busy (load average 3-6), dimension 384, a two-level gaussian mixture
of synthetic vectors, 200 single queries, k=10 (p50 / p95 in ms):

    vectors   exact (flat)   IVF-Flat (nprobe/nlist, recall@10, build)   numpy X @ q
    50k       7.3 / 11.4     -                                           16.5 / 31.9
    100k      11.4 / 15.2    0.13 / 0.25 (4/256, 0.997, 4.7 s)           32.2 / 48.9
    300k      41.5 / 51.7    0.27 / 4.2  (4/512, 0.969, 19 s)            73.6 / 103
    1M        71.4 / 84.1    0.70 / 0.98 (8/1024, 0.971, 34 s)           84.9 / 172

- Exact search stays near 10 ms up to ~50k vectors, leaving most of a 50 ms query budget to
  embedding the question and the lexical lane; past ~300k it misses 50 ms at p95. Below the
  limit recall is perfect and there is nothing to train; at the limit IVF trains in seconds.
- IVF-Flat supports incremental `add` and `remove` and answers in under a millisecond at
  recall@10 ≥ 0.95 (0.97 at 1M on fresh queries). HNSW (M=32) reached similar recall and
  latency but took 47 s to build at 100k (vs ~5 s), ~10 min projected at 1M, and FAISS's
  HNSW cannot remove vectors, which re-ingesting a changed file needs.
- Single queries run on one OpenMP thread: on this shared machine a second thread made a
  single exact query at 10k take 36 ms instead of 0.3 ms (the threads wait on each other).

On disk (`save_index`, `load_index`) a folder holds `vectors.json` (model, dimension, count,
kind, nlist/nprobe, chidao and faiss versions, and the name of the FAISS file) and the FAISS
file `vectors-<random>.faiss`. A save writes a new FAISS file, then replaces the JSON
atomically; the JSON is the commit point, so a crash leaves the previous index loadable.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import faiss
import numpy as np

from graph.store import IndexNotBuilt
from ingest.errors import ChidaoError

__all__ = [
    "EXACT_LIMIT",
    "IndexCorrupt",
    "IndexNotBuilt",
    "ModelMismatch",
    "VectorIndex",
    "create_index",
    "load_index",
    "save_index",
]

#: Largest collection searched exactly; above it the index is IVF-Flat (see the docstring).
EXACT_LIMIT = 50_000
#: recall@10 against exact search that `nprobe` is tuned for.
RECALL_TARGET = 0.95
#: Stored vectors used as queries when tuning `nprobe`.
TUNING_QUERIES = 200
#: IVF cells hold at least this many vectors: FAISS's k-means wants ≥ 39 points per cell.
MIN_PER_CELL = 39
#: Vectors per cell sampled to train k-means: 4× faster than FAISS's 256, same recall
#: (measured at 100k: 1.6 s instead of 6.5 s, recall@10 0.995 vs 0.993 at nprobe 4).
TRAIN_PER_CELL = 64
#: Queries per call below which the search runs on one thread.
SINGLE_THREAD_BELOW = 20

FLAT = "flat"
IVF_FLAT = "ivf-flat"
META_FILE = "vectors.json"
FORMAT_VERSION = 1
REBUILD_HINT = "rebuild the index with `chidao index --rebuild`"

_NORM_TOLERANCE = 1e-3


class ModelMismatch(ChidaoError, ValueError):
    """Vectors of one embedding model offered to an index built with another.

    Also a `ValueError`, so that vectors of the wrong dimension given to `VectorIndex.add`
    or `VectorIndex.search` are a plain value error to callers that expect one.

    Attributes:
        index_model: The model the index was built with.
        index_dimension: Its dimension.
        model: The model the caller uses (None when only vectors were given).
        dimension: The dimension of the caller's vectors.
    """

    def __init__(
        self,
        index_model: str,
        index_dimension: int,
        model: str | None,
        dimension: int | None,
        where: str = "",
    ) -> None:
        place = f"{where}: " if where else ""
        theirs = f"model {model!r}" if model is not None else "vectors"
        if dimension is not None:
            theirs += f" (dimension {dimension})"
        super().__init__(
            f"{place}the vector index was built with model {index_model!r} "
            f"(dimension {index_dimension}) but {theirs} were given; vectors of different "
            f"models cannot be mixed: {REBUILD_HINT}"
        )
        self.index_model = index_model
        self.index_dimension = index_dimension
        self.model = model
        self.dimension = dimension


class IndexCorrupt(ChidaoError):
    """A saved vector index whose files are missing, unreadable or disagree."""


class VectorIndex:
    """Vectors of one embedding model under caller-chosen int64 ids, searched by cosine.

    Build one with `create_index` or `load_index`. Adding an id that is already present
    replaces its vector.

    Args:
        model: The embedding model's name.
        dimension: Its vectors' length.
        exact_limit: Largest collection searched exactly (`EXACT_LIMIT` by default).

    Attributes:
        model: The embedding model's name.
        dimension: Its vectors' length.
        exact_limit: Largest collection searched exactly.
    """

    def __init__(self, model: str, dimension: int, *, exact_limit: int | None = None) -> None:
        if not model:
            raise ValueError("the model name must not be empty")
        if dimension < 1:
            raise ValueError(f"dimension must be positive, not {dimension}")
        self.model = model
        self.dimension = int(dimension)
        self.exact_limit = EXACT_LIMIT if exact_limit is None else int(exact_limit)
        self._index = _new_flat(self.dimension)
        self._sorted_ids = np.empty(0, dtype=np.int64)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(model={self.model!r}, dimension={self.dimension}, "
            f"count={len(self)}, kind={self.kind!r})"
        )

    @property
    def kind(self) -> str:
        """`"flat"` (exact search) or `"ivf-flat"` (approximate)."""
        return IVF_FLAT if isinstance(self._index, faiss.IndexIVF) else FLAT

    @property
    def nlist(self) -> int:
        """IVF cells; 0 for exact search."""
        return int(self._index.nlist) if self.kind == IVF_FLAT else 0

    @property
    def nprobe(self) -> int:
        """IVF cells visited per query; 0 for exact search."""
        return int(self._index.nprobe) if self.kind == IVF_FLAT else 0

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given ids, replacing vectors already stored under them.

        Crossing `exact_limit` switches the index to IVF-Flat (built from every stored
        vector); growing 16-fold since the IVF was trained re-trains it.

        Args:
            ids: `(n,)` distinct non-negative int64 ids.
            vectors: `(n, dimension)` float32 unit vectors of this index's model.

        Raises:
            ModelMismatch: The vectors' dimension is not the index's (a `ValueError`).
            ValueError: Ids repeated or negative, shapes disagree, vectors not finite or
                not unit length.
        """
        ids = self._check_ids(ids)
        vectors = self._check_vectors(vectors, "vectors")
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        if len(ids) == 0:
            return
        if np.unique(ids).size != ids.size:
            raise ValueError("ids repeat within one call to add")
        self._remove_known(ids)
        total = len(self) + len(ids)
        if self._needs_rebuild(total):
            old_ids, old_vectors = self.contents()
            self._rebuild(np.concatenate([old_ids, ids]), np.concatenate([old_vectors, vectors]))
        else:
            self._index.add_with_ids(vectors, ids)
            self._sorted_ids = _insert_sorted(self._sorted_ids, ids)

    def remove(self, ids: np.ndarray) -> int:
        """Remove the vectors stored under `ids`; ids not present are ignored.

        Args:
            ids: int64 ids.

        Returns:
            How many vectors were removed.
        """
        ids = np.unique(np.asarray(ids, dtype=np.int64).reshape(-1))
        removed = self._remove_known(ids)
        if removed and self._needs_rebuild(len(self)):
            self._rebuild(*self.contents())
        return removed

    def search_within(self, query: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Score one query against the stored vectors of `ids` only, best first.

        Exact whatever the index kind (an IVF index visits every cell, looking only at the
        vectors asked for), and costs what those vectors cost, not the whole collection:
        what ranking one document's passages needs at a million vectors.

        Args:
            query: A `(dimension,)` (or `(1, dimension)`) float32 unit vector.
            ids: int64 ids; those not stored are ignored.

        Returns:
            `(scores, ids)`, both `(m,)` for the m ids found.
        """
        query = self._check_vectors(
            np.asarray(query, dtype=np.float32).reshape(1, -1), "queries", unit=False
        )
        ids = np.unique(np.asarray(ids, dtype=np.int64).reshape(-1))
        if len(self) == 0 or ids.size == 0:
            return np.empty(0, dtype=np.float32), np.empty(0, dtype=np.int64)
        selector = faiss.IDSelectorBatch(ids)
        if self.kind == FLAT:
            params = faiss.SearchParameters(sel=selector)
        else:
            params = faiss.SearchParametersIVF(sel=selector, nprobe=self.nlist)
        with _omp_threads(1):
            scores, found = self._index.search(query, int(ids.size), params=params)
        keep = found[0] >= 0
        return scores[0][keep], found[0][keep]

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The `k` stored vectors nearest each query by cosine (inner product).

        Args:
            queries: `(q, dimension)` float32 unit vectors, or one `(dimension,)` vector.
            k: Results per query.

        Returns:
            `(scores, ids)`, both `(q, k)`, best first; where fewer than `k` vectors are
            found, ids are -1 and scores -inf.

        Raises:
            ModelMismatch: The queries' dimension is not the index's (a `ValueError`).
            ValueError: `k` below 1, or queries not finite.
        """
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        queries = np.asarray(queries, dtype=np.float32)
        if queries.ndim == 1:
            queries = queries[None, :]
        queries = self._check_vectors(queries, "queries", unit=False)
        if len(self) == 0 or len(queries) == 0:
            return (
                np.full((len(queries), k), -np.inf, dtype=np.float32),
                np.full((len(queries), k), -1, dtype=np.int64),
            )
        threads = 1 if len(queries) < SINGLE_THREAD_BELOW else None
        with _omp_threads(threads):
            scores, ids = self._index.search(queries, k)
        scores[ids < 0] = -np.inf
        return scores, ids

    def ids(self) -> np.ndarray:
        """Every stored id, ascending."""
        return self._sorted_ids.copy()

    def contents(self) -> tuple[np.ndarray, np.ndarray]:
        """Every stored id and its vector, in storage order.

        Returns:
            `(ids, vectors)`: `(n,)` int64 and `(n, dimension)` float32 (copies).
        """
        if self.kind == FLAT:
            return _flat_contents(self._index, self.dimension)
        return _ivf_contents(self._index, self.dimension)

    def _check_ids(self, ids: np.ndarray) -> np.ndarray:
        array = np.asarray(ids)
        if array.ndim != 1:
            raise ValueError(f"ids must be one-dimensional, not of shape {array.shape}")
        if array.size and not np.issubdtype(array.dtype, np.integer):
            raise ValueError(f"ids must be integers, not {array.dtype}")
        array = np.ascontiguousarray(array, dtype=np.int64)
        if array.size and array.min() < 0:
            raise ValueError("ids must be non-negative (-1 means 'no result')")
        return array

    def _check_vectors(self, vectors: np.ndarray, what: str, *, unit: bool = True) -> np.ndarray:
        array = np.asarray(vectors)
        if array.ndim != 2:
            raise ValueError(f"{what} must be a 2-D array, not of shape {array.shape}")
        if array.shape[1] != self.dimension:
            raise ModelMismatch(self.model, self.dimension, None, int(array.shape[1]))
        array = np.ascontiguousarray(array, dtype=np.float32)
        if not np.isfinite(array).all():
            raise ValueError(f"{what} contain NaN or infinity")
        if unit and array.size:
            norms = np.linalg.norm(array, axis=1)
            if np.abs(norms - 1).max() > _NORM_TOLERANCE:
                raise ValueError(f"{what} must be L2-normalised (inner product is cosine)")
        return array

    def _remove_known(self, ids: np.ndarray) -> int:
        present = ids[np.isin(ids, self._sorted_ids, assume_unique=True)]
        if present.size == 0:
            return 0
        removed = int(self._index.remove_ids(present))
        self._sorted_ids = np.setdiff1d(self._sorted_ids, present, assume_unique=True)
        return removed

    def _needs_rebuild(self, total: int) -> bool:
        if self.kind == FLAT:
            return total > self.exact_limit
        if total < self.exact_limit // 2:
            return True
        return _nlist_for(total) >= 4 * self.nlist

    def _rebuild(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids) > self.exact_limit:
            index = _new_ivf(vectors, ids)
        else:
            index = _new_flat(self.dimension)
            if len(ids):
                index.add_with_ids(vectors, ids)
        self._index = index
        self._sorted_ids = np.sort(ids)

    def _adopt(self, index: faiss.Index) -> None:
        """Take over a FAISS index read from disk."""
        self._index = index
        self._sorted_ids = np.sort(self.contents()[0])


def create_index(model: str, dimension: int, *, exact_limit: int | None = None) -> VectorIndex:
    """An empty index for vectors of `model`.

    Args:
        model: The embedding model's name (`Embedder.name`).
        dimension: Its vectors' length (`Embedder.dimension`).
        exact_limit: Largest collection searched exactly (`EXACT_LIMIT` by default).

    Returns:
        The index.
    """
    return VectorIndex(model, dimension, exact_limit=exact_limit)


def save_index(index: VectorIndex, folder: Path) -> None:
    """Write the index into `folder` atomically, replacing any index saved there.

    The FAISS file is written under a new name and synced, then `vectors.json`, naming
    it, replaces the old JSON in one rename; old FAISS files are deleted last. A crash at
    any point leaves the previous index (or none) loadable.

    Args:
        index: The index.
        folder: Its folder (created when missing), e.g. `<workspace>/vectors`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"vectors-{secrets.token_hex(8)}.faiss"
    staging = folder / f".{name}.tmp"
    try:
        _write_faiss(index._index, staging)
        os.replace(staging, folder / name)
        _write_json(_metadata(index, name), folder / META_FILE)
    except BaseException:
        for leftover in (staging, folder / name):
            leftover.unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    _delete_old_files(folder, keep=name)


def load_index(
    folder: Path,
    model: str | None = None,
    dimension: int | None = None,
    *,
    exact_limit: int | None = None,
) -> VectorIndex:
    """Read the index saved in `folder`.

    Args:
        folder: The folder `save_index` wrote.
        model: When given, the model the caller embeds with; must be the index's.
        dimension: When given, the caller's vector length; must be the index's.
        exact_limit: Largest collection searched exactly (`EXACT_LIMIT` by default).

    Returns:
        The index.

    Raises:
        IndexNotBuilt: No index has been saved in `folder`.
        ModelMismatch: `model` or `dimension` differs from the index's.
        IndexCorrupt: The files are unreadable or disagree with each other.
    """
    folder = Path(folder)
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        raise IndexNotBuilt(f"{folder}: no vector index here; run `chidao ingest` first")
    meta = _read_json(meta_path)
    built_model, built_dimension = meta["model"], meta["dimension"]
    if (model is not None and model != built_model) or (
        dimension is not None and dimension != built_dimension
    ):
        raise ModelMismatch(built_model, built_dimension, model, dimension, str(folder))
    faiss_path = folder / meta["file"]
    try:
        raw = faiss.read_index(str(faiss_path))
    except RuntimeError as err:
        raise IndexCorrupt(
            f"{faiss_path}: cannot read the FAISS index ({err}); {REBUILD_HINT}"
        ) from err
    if raw.d != built_dimension or raw.ntotal != meta["count"]:
        raise IndexCorrupt(
            f"{faiss_path}: holds {raw.ntotal} vectors of dimension {raw.d} but {meta_path} "
            f"says {meta['count']} of dimension {built_dimension}; {REBUILD_HINT}"
        )
    index = VectorIndex(built_model, built_dimension, exact_limit=exact_limit)
    index._adopt(raw)
    return index


def _new_flat(dimension: int) -> faiss.Index:
    return faiss.IndexIDMap(faiss.IndexFlatIP(dimension))


def _nlist_for(count: int) -> int:
    """A power of two near √count, small enough that cells hold `MIN_PER_CELL` vectors."""
    by_root = 2 ** round(np.log2(max(np.sqrt(count), 1)))
    by_fill = 2 ** int(np.log2(max(count // MIN_PER_CELL, 1)))
    return int(max(1, min(by_root, by_fill)))


def _new_ivf(vectors: np.ndarray, ids: np.ndarray) -> faiss.IndexIVFFlat:
    """An IVF-Flat index trained on and holding `vectors`, with `nprobe` tuned."""
    dimension = vectors.shape[1]
    nlist = _nlist_for(len(vectors))
    index = faiss.IndexIVFFlat(
        faiss.IndexFlatIP(dimension), dimension, nlist, faiss.METRIC_INNER_PRODUCT
    )
    index.cp.spherical = True  # unit vectors: centroids on the sphere
    index.cp.max_points_per_centroid = TRAIN_PER_CELL  # FAISS samples with a fixed seed
    index.train(vectors)
    index.add_with_ids(vectors, ids)
    index.nprobe = _tune_nprobe(index, vectors, ids)
    return index


def _tune_nprobe(index: faiss.IndexIVF, vectors: np.ndarray, ids: np.ndarray) -> int:
    """The smallest power of two `nprobe` reaching `RECALL_TARGET` recall@10.

    The queries are stored vectors (a fixed sample); each one's own id is left out of both
    the exact and the approximate answers, as it would trivially be found.
    """
    rng = np.random.default_rng(0)
    picked = rng.choice(len(vectors), size=min(TUNING_QUERIES, len(vectors)), replace=False)
    queries = vectors[picked]
    k = min(11, len(vectors))
    _, positions = faiss.knn(queries, vectors, k, metric=faiss.METRIC_INNER_PRODUCT)
    truth = [_others(ids[row], own) for row, own in zip(positions, ids[picked], strict=True)]
    nprobe = 1
    while nprobe < index.nlist:
        index.nprobe = nprobe
        _, found = index.search(queries, k)
        hits = [
            len(set(_others(row, own)) & set(expected))
            for row, own, expected in zip(found, ids[picked], truth, strict=True)
        ]
        wanted = sum(len(expected) for expected in truth)
        if wanted == 0 or sum(hits) / wanted >= RECALL_TARGET:
            return nprobe
        nprobe *= 2
    return int(index.nlist)


def _others(row: np.ndarray, own: int) -> list[int]:
    return [int(i) for i in row if i != own and i >= 0][:10]


def _flat_contents(index: faiss.IndexIDMap, dimension: int) -> tuple[np.ndarray, np.ndarray]:
    count = int(index.ntotal)
    ids = faiss.vector_to_array(index.id_map).astype(np.int64, copy=False)
    vectors = index.index.reconstruct_n(0, count) if count else np.empty((0, dimension))
    return ids, np.ascontiguousarray(vectors, dtype=np.float32)


def _ivf_contents(index: faiss.IndexIVF, dimension: int) -> tuple[np.ndarray, np.ndarray]:
    lists = index.invlists
    id_parts, vector_parts = [], []
    for cell in range(index.nlist):
        size = lists.list_size(cell)
        if size == 0:
            continue
        # IVF-Flat stores each vector's float32 bytes as its code.
        codes = faiss.rev_swig_ptr(lists.get_codes(cell), size * index.code_size)
        id_parts.append(faiss.rev_swig_ptr(lists.get_ids(cell), size).copy())
        vector_parts.append(codes.view(np.float32).reshape(size, dimension).copy())
    if not id_parts:
        return np.empty(0, dtype=np.int64), np.empty((0, dimension), dtype=np.float32)
    return np.concatenate(id_parts).astype(np.int64), np.concatenate(vector_parts)


def _insert_sorted(sorted_ids: np.ndarray, new: np.ndarray) -> np.ndarray:
    new = np.sort(new)
    return np.insert(sorted_ids, np.searchsorted(sorted_ids, new), new)


@contextlib.contextmanager
def _omp_threads(threads: int | None) -> Iterator[None]:
    """Run FAISS on `threads` OpenMP threads for the block (unchanged when None)."""
    if threads is None:
        yield
        return
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(threads)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _metadata(index: VectorIndex, file: str) -> dict:
    return {
        "format": FORMAT_VERSION,
        "model": index.model,
        "dimension": index.dimension,
        "count": len(index),
        "kind": index.kind,
        "nlist": index.nlist,
        "nprobe": index.nprobe,
        "file": file,
        "chidao_version": _chidao_version(),
        "faiss_version": faiss.__version__,
    }


def _chidao_version() -> str:
    try:
        return metadata.version("chidao")
    except metadata.PackageNotFoundError:
        return "unknown"


def _write_faiss(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))
    _sync_file(path)


def _write_json(data: dict, path: Path) -> None:
    """Replace `path` with `data` in one rename, after syncing the new content."""
    staging = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(staging, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def _read_json(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT_VERSION}")
        for key, kind in (("model", str), ("dimension", int), ("count", int), ("file", str)):
            if not isinstance(meta.get(key), kind):
                raise ValueError(f"{key!r} missing or not {kind.__name__}")
    except (OSError, ValueError) as err:
        raise IndexCorrupt(
            f"{path}: not a vector index description ({err}); {REBUILD_HINT}"
        ) from err
    if Path(meta["file"]).name != meta["file"]:
        raise IndexCorrupt(f"{path}: FAISS file {meta['file']!r} is not in its folder")
    return meta


def _sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (not possible on every platform)."""
    with contextlib.suppress(OSError):
        _sync_file(folder)


def _delete_old_files(folder: Path, keep: str) -> None:
    for path in [*folder.glob("vectors-*.faiss"), *folder.glob(".vectors*.tmp")]:
        if path.name != keep:
            path.unlink(missing_ok=True)
