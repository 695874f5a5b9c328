"""The search index of a workspace: built from the store, updated file by file.

`<workspace>/index/` holds the items (`items.jsonl`), their vectors (`vectors/`, FAISS), the
BM25 index (`bm25/`) and `meta.json` (the model, its dimension, the files indexed). An update
embeds only the items of files the index has not seen, drops those of files the store no
longer holds, and writes a new folder that replaces the old one by rename, so a crash leaves
the previous index whole.

Embedding an archive takes long (a thousand files, some twenty minutes), so what an update
has embedded is kept as it goes: every `CHECKPOINT_ITEMS` items, whole files' items and
their vectors are written to `<workspace>/index.partial/` as one file, atomically. An update
stopped at any point (killed, a power cut) is taken up by the next one, which embeds only
what no checkpoint holds; the folder goes once the index is written.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from graph.store import GraphStore, IndexNotBuilt
from ingest.files import write_with
from ingest.workspace import index_folder
from search.catalog import (
    Item,
    TextUnavailable,
    item_from_dict,
    read_file_items,
    read_items,
    stored_files,
    write_items,
)
from search.embed import DEFAULT_MODEL, Embedder, load_embedder
from search.lexical import LexicalIndex
from search.vectors import ModelMismatch, VectorIndex, create_index, load_index, save_index

Progress = Callable[[int, int], None]
INDEX_FORMAT = 1
# How files are cut into items (search/passages.py, search/catalog.py). An index whose items
# were cut another way is built again on the next update, with its own model: unchanged
# files would otherwise keep their old passages for ever.
ITEMS_VERSION = 5
# Items embedded between two checkpoints: a minute of work at most on two cores.
CHECKPOINT_ITEMS = 2048


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What an update did.

    Attributes:
        model: The embedding model of the index.
        added: Files whose items were added.
        removed: Files whose items were dropped (no longer in the store).
        items: Items in the index after the update.
        embedded: Items embedded by this update.
        unreadable: Files left out because their text could not be had, with the reason.
    """

    model: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    items: int
    embedded: int
    unreadable: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadedIndex:
    """An index read from disk.

    Attributes:
        model: The embedding model's name.
        dimension: Its vectors' length.
        items: The items, in id order (`items[i].id == i` is not assumed).
        vectors: Their vectors.
        lexical: BM25 over their texts, row i = `items[i]`.
        files: SHA-256 → path of the files indexed.
    """

    model: str
    dimension: int
    items: tuple[Item, ...]
    vectors: VectorIndex
    lexical: LexicalIndex
    files: dict[str, str]


def _current(workspace: Path) -> Path | None:
    """The index folder to read, recovering from a crash between the two renames of a swap."""
    folder = index_folder(workspace)
    if (folder / "meta.json").exists():
        return folder
    left = sorted(Path(workspace).glob("index.old-*"))
    return left[-1] if left and (left[-1] / "meta.json").exists() else None


def read_meta(workspace: Path) -> dict | None:
    """The index's metadata, or None when the workspace has no index."""
    folder = _current(workspace)
    if folder is None:
        return None
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


def load_search_index(workspace: Path, model: str | None = None) -> LoadedIndex:
    """Read a workspace's search index.

    Args:
        workspace: The workspace.
        model: The model the caller will embed queries with; checked against the index's.

    Raises:
        IndexNotBuilt: The workspace has no search index.
        ModelMismatch: The index was built with another model.
    """
    folder = _current(workspace)
    if folder is None:
        raise IndexNotBuilt(
            f"{workspace}: no search index here; run 'chidao ingest' (or 'chidao index')"
        )
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    vectors = load_index(folder / "vectors", model=model, dimension=None)
    return LoadedIndex(
        meta["model"],
        int(meta["dimension"]),
        tuple(read_items(folder / "items.jsonl")),
        vectors,
        LexicalIndex.load(folder / "bm25"),
        dict(meta["files"]),
    )


def _swap_in(workspace: Path, fresh: Path) -> None:
    """Make `fresh` the index folder; the old one is renamed away first, then removed."""
    folder = index_folder(workspace)
    old = Path(workspace) / f"index.old-{os.getpid()}"
    if folder.exists():
        os.replace(folder, old)
    os.replace(fresh, folder)
    shutil.rmtree(old, ignore_errors=True)
    for stale in Path(workspace).glob("index.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _write(workspace: Path, items: list[Item], vectors: VectorIndex, files: dict[str, str]) -> None:
    fresh = Path(workspace) / f"index.new-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    write_items(items, fresh / "items.jsonl")
    save_index(vectors, fresh / "vectors")
    bm25 = fresh / "bm25"
    bm25.mkdir()
    LexicalIndex.build([i.indexed for i in items]).save(bm25)
    meta = {
        "format": INDEX_FORMAT,
        "items_version": ITEMS_VERSION,
        "model": vectors.model,
        "dimension": vectors.dimension,
        "items": len(items),
        "next_id": max((i.id for i in items), default=-1) + 1,
        "files": files,
    }
    (fresh / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    _swap_in(workspace, fresh)


def update_index(
    workspace: Path,
    store: GraphStore,
    embedder: Embedder | None = None,
    *,
    model: str | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring a workspace's search index up to date with its store.

    Args:
        workspace: The workspace.
        store: Its store.
        embedder: The embedder; loaded (by `model`, or the index's own model, or the default)
            only when there is something to embed.
        model: The model to use when no embedder is given.
        rebuild: Start from nothing (needed to change model).
        progress: Called with (done, total) while items are embedded.

    Returns:
        What the update did.

    Raises:
        ModelMismatch: The index was built with another model and `rebuild` is false.
    """
    workspace = Path(workspace)
    meta = None if rebuild else read_meta(workspace)
    wanted = embedder.name if embedder is not None else model
    if meta is not None and wanted and wanted != meta["model"]:
        raise ModelMismatch(
            meta["model"], int(meta["dimension"]), wanted, None, str(index_folder(workspace))
        )
    if meta is not None and meta.get("items_version") != ITEMS_VERSION:
        model, meta = model or meta["model"], None
    files = stored_files(store)
    if meta is not None:
        loaded = load_search_index(workspace, meta["model"])
        kept = [i for i in loaded.items if i.sha in files]
        removed = sorted(p for sha, p in loaded.files.items() if sha not in files)
        gone = np.array([i.id for i in loaded.items if i.sha not in files], dtype=np.int64)
        vectors = loaded.vectors
        if len(gone):
            vectors.remove(gone)
        indexed = {sha: p for sha, p in loaded.files.items() if sha in files}
        next_id = int(meta["next_id"])
    else:
        kept, removed, vectors, indexed, next_id = [], [], None, {}, 0
    model = model or (meta or {}).get("model") or DEFAULT_MODEL
    checkpoint = _Checkpoint(workspace, embedder.name if embedder else model, meta)
    new: list[Item] = []
    added = []
    unreadable: list[str] = []
    done = checkpoint.read(files)  # what a stopped update embedded already
    for items, _matrix, chunk_files in done:
        new.extend(items)
        for sha, path in chunk_files.items():
            added.append(path)
            indexed[sha] = path
    next_id = max(next_id, max((i.id for i in new), default=-1) + 1)
    fresh: list[tuple[list[Item], dict[str, str]]] = []
    for sha, path in sorted(files.items(), key=lambda kv: kv[1]):
        if sha in indexed:
            continue
        try:
            items = read_file_items(store, workspace, sha, path, next_id)
        except TextUnavailable as err:
            # Left out, not recorded as indexed: the next update tries again.
            unreadable.append(str(err))
            continue
        next_id += len(items)
        fresh.append((items, {sha: path}))
        added.append(path)
        indexed[sha] = path
    if not new and not fresh and not removed and meta is not None:
        return IndexReport(meta["model"], (), (), len(kept), 0, tuple(unreadable))
    if fresh or vectors is None:
        embedder = embedder or load_embedder(model)
    if vectors is None:
        vectors = create_index(embedder.name, embedder.dimension)
    for items, matrix, _files in done:
        vectors.add(np.array([i.id for i in items], dtype=np.int64), matrix)
    total = sum(len(items) for items, _ in fresh)
    embedded = 0
    for batch in _batches(fresh, CHECKPOINT_ITEMS):
        items = [i for file_items, _ in batch for i in file_items]
        report = None
        if progress is not None:
            report = lambda d, _t, base=embedded: progress(base + d, total)  # noqa: E731
        matrix = embedder.encode_passages([i.indexed for i in items], progress=report)
        checkpoint.write(items, matrix, {k: v for _, f in batch for k, v in f.items()})
        vectors.add(np.array([i.id for i in items], dtype=np.int64), matrix)
        new.extend(items)
        embedded += len(items)
    items = kept + new
    _write(workspace, items, vectors, indexed)
    checkpoint.clear()
    return IndexReport(
        vectors.model, tuple(added), tuple(removed), len(items), len(new), tuple(unreadable)
    )


def _batches(
    files: list[tuple[list[Item], dict[str, str]]], size: int
) -> list[list[tuple[list[Item], dict[str, str]]]]:
    """Files grouped into batches of about `size` items, a file never split."""
    batches: list[list[tuple[list[Item], dict[str, str]]]] = []
    count = size
    for entry in files:
        if count >= size:
            batches.append([])
            count = 0
        batches[-1].append(entry)
        count += len(entry[0])
    return batches


class _Checkpoint:
    """Items embedded by an update not yet written into the index, kept on disk in chunks.

    A chunk holds whole files. It belongs to the index it was meant to extend (its model,
    its items version and its `next_id`): a checkpoint left beside another index is
    dropped, never mixed in.
    """

    def __init__(self, workspace: Path, model: str, meta: dict | None) -> None:
        self.folder = Path(workspace) / "index.partial"
        self.model = model
        self.base = {
            "items_version": ITEMS_VERSION,
            "next_id": int(meta["next_id"]) if meta else 0,
            "items": int(meta["items"]) if meta else 0,
        }

    def _state(self) -> dict:
        return {"model": self.model, **self.base}

    def read(self, files: dict[str, str]) -> list[tuple[list[Item], np.ndarray, dict[str, str]]]:
        """The chunks of a stopped update on this index, for files the store still holds."""
        try:
            state = json.loads((self.folder / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = None
        if state != self._state():
            self.clear()
            return []
        chunks = []
        for path in sorted(self.folder.glob("chunk-*.npz")):
            with np.load(path, allow_pickle=False) as saved:
                matrix = saved["vectors"]
                payload = json.loads(str(saved["payload"]))
            chunk_files = {sha: p for sha, p in payload["files"].items() if sha in files}
            keep = [n for n, d in enumerate(payload["items"]) if d["sha"] in chunk_files]
            items = [item_from_dict(payload["items"][n]) for n in keep]
            if items:
                chunks.append((items, matrix[keep], chunk_files))
        return chunks

    def write(self, items: list[Item], matrix: np.ndarray, files: dict[str, str]) -> None:
        """Keep one batch's items and vectors (one file, written whole or not at all)."""
        if not (self.folder / "state.json").exists():
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
            write_with(
                self.folder / "state.json",
                lambda p: p.write_text(json.dumps(self._state()), encoding="utf-8"),
            )
        payload = json.dumps(
            {"files": files, "items": [asdict(i) for i in items]}, ensure_ascii=False
        )
        number = len(list(self.folder.glob("chunk-*.npz")))

        def save(path: Path) -> None:
            with open(path, "wb") as out:
                np.savez(out, vectors=matrix, payload=np.array(payload))

        write_with(self.folder / f"chunk-{number:06d}.npz", save)

    def clear(self) -> None:
        """Forget the checkpoint (the index now holds what it held)."""
        shutil.rmtree(self.folder, ignore_errors=True)
