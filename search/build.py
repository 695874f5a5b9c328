"""The search index of a workspace: built from the store, updated file by file.

`<workspace>/index/` holds the items (`items.jsonl`), their vectors (`vectors/`, FAISS), the
BM25 index (`bm25/`) and `meta.json` (the model, its dimension, the files indexed). An update
embeds only the items of files the index has not seen, drops those of files the store no
longer holds, and writes a new folder that replaces the old one by rename, so a crash leaves
the previous index whole.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graph.store import GraphStore, IndexNotBuilt
from ingest.workspace import index_folder
from search.catalog import (
    Item,
    TextUnavailable,
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
ITEMS_VERSION = 4


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
    new: list[Item] = []
    added = []
    unreadable: list[str] = []
    for sha, path in sorted(files.items(), key=lambda kv: kv[1]):
        if sha in indexed:
            continue
        try:
            items = read_file_items(store, workspace, sha, path, next_id + len(new))
        except TextUnavailable as err:
            # Left out, not recorded as indexed: the next update tries again.
            unreadable.append(str(err))
            continue
        new.extend(items)
        added.append(path)
        indexed[sha] = path
    if not new and not removed and meta is not None:
        return IndexReport(meta["model"], (), (), len(kept), 0, tuple(unreadable))
    if new or vectors is None:
        embedder = embedder or load_embedder(model or (meta or {}).get("model") or DEFAULT_MODEL)
        if vectors is None:
            vectors = create_index(embedder.name, embedder.dimension)
        if new:
            matrix = embedder.encode_passages([i.indexed for i in new], progress=progress)
            vectors.add(np.array([i.id for i in new], dtype=np.int64), matrix)
    items = kept + new
    _write(workspace, items, vectors, indexed)
    return IndexReport(
        vectors.model, tuple(added), tuple(removed), len(items), len(new), tuple(unreadable)
    )
