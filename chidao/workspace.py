"""A workspace: its folders, its graph store and, when asked for, its search index.

Every use case of `chidao` takes a `Workspace`. The command line opens one per command; the
explorer wraps the store it keeps open; a script opens one with `Workspace.open`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph.store import GraphStore, default_workspace, open_store
from ingest.workspace import index_folder, text_path, uploads_folder

if TYPE_CHECKING:  # the search index loads torch; only questions and search need it
    from search.hybrid import Searcher


@dataclass
class Workspace:
    """An opened workspace.

    Attributes:
        root: The workspace folder (store, snapshots, texts, index, uploads).
        store: Its graph store, open for reading or writing.
        endpoint: The SPARQL endpoint holding the graph, or None for the embedded store.
    """

    root: Path
    store: GraphStore
    endpoint: str | None = None
    _searcher: Searcher | None = field(default=None, repr=False)

    @classmethod
    @contextmanager
    def open(
        cls,
        root: str | Path | None = None,
        endpoint: str | None = None,
        *,
        create: bool = False,
        read_only: bool = False,
    ) -> Iterator[Workspace]:
        """Open a workspace for the time of a `with` block; the store is closed after it.

        Args:
            root: The workspace folder; $CHIDAO_WORKSPACE or ./.chidao when None.
            endpoint: A SPARQL 1.1 endpoint holding the graph instead of the embedded store.
            create: Make an empty store when the workspace has none.
            read_only: Read the last published snapshot, beside any writer.

        Raises:
            IndexNotBuilt: No store here and `create` is false.
            StoreUnavailable: The store is locked by another writer, or unreachable.
        """
        folder = Path(root) if root is not None else default_workspace()
        store = open_store(folder, endpoint, create=create, read_only=read_only)
        try:
            yield cls(folder, store, endpoint)
        finally:
            store.close()

    def searcher(self) -> Searcher:
        """The workspace's search index with its embedder, loaded on first use.

        Raises:
            IndexNotBuilt: The workspace has no search index.
        """
        if self._searcher is None:
            from search.hybrid import open_searcher

            self._searcher = open_searcher(self.root, self.store)
        return self._searcher

    @property
    def index_folder(self) -> Path:
        """Where the search index lives."""
        return index_folder(self.root)

    @property
    def uploads_folder(self) -> Path:
        """Where the explorer keeps uploaded files."""
        return uploads_folder(self.root)

    def text_path(self, sha256: str) -> Path:
        """Where the NFC text of the file with this digest is kept."""
        return text_path(self.root, sha256)
