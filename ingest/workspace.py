"""The folders of a workspace: the one place that knows where each thing lives in it.

A workspace holds the graph store (`store/`), the snapshots readers open (`snapshots/`), the
NFC text of every ingested file (`texts/<sha256>.txt`, for showing evidence), the search index
(`index/`) and the explorer's uploads (`uploads/`).
"""

from __future__ import annotations

from pathlib import Path


def store_folder(workspace: str | Path) -> Path:
    """Where the embedded graph store lives."""
    return Path(workspace) / "store"


def snapshots_folder(workspace: str | Path) -> Path:
    """Where the store's writer publishes the snapshots readers open."""
    return Path(workspace) / "snapshots"


def text_path(workspace: str | Path, sha256: str) -> Path:
    """Where the NFC text of the file with this digest is kept."""
    return Path(workspace) / "texts" / f"{sha256}.txt"


def index_folder(workspace: str | Path) -> Path:
    """Where the search index lives."""
    return Path(workspace) / "index"


def uploads_folder(workspace: str | Path) -> Path:
    """Where the explorer keeps the files users upload."""
    return Path(workspace) / "uploads"
