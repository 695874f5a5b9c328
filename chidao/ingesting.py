"""Use case: bring files into a workspace — the graph first, then the search index.

The one place where ingest and indexing are put together: the command line, the explorer's
upload page and the search evaluation all call `ingest_files`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chidao.workspace import Workspace
from graph.build import IngestReport, ingest_paths
from ingest.errors import ChidaoError
from ingest.load import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from search.build import IndexReport

Lines = Callable[[str], None]
Counts = Callable[[int, int], None]


class IndexNotUpdated(ChidaoError):
    """The graph was ingested but the search index could not be brought up to date."""


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What `ingest_files` did.

    Attributes:
        report: What the graph ingest added, replaced, left unchanged and skipped.
        index: What the search index update did, or None when it was not asked for or failed.
        index_problem: Why the index could not be updated (the graph is saved all the same).
    """

    report: IngestReport
    index: IndexReport | None = None
    index_problem: str | None = None

    def record(self) -> dict:
        """The outcome as the command line's `ingest --json` prints it."""
        r = self.report
        return {
            "files": [
                {
                    "file": f.file,
                    "sha256": f.sha256,
                    "status": f.status,
                    "mentions": f.mentions,
                    "tasks": f.tasks,
                    "documents": f.documents,
                }
                for f in r.files
            ],
            "documents": r.documents,
            "tasks": r.tasks,
            "mentions": r.mentions,
            "skipped": [{"file": f, "reason": why} for f, why in r.skipped],
        }


def ingest_files(
    ws: Workspace,
    paths: Iterable[str | os.PathLike],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    index: bool = True,
    model: str | None = None,
    progress: Lines | None = None,
    index_progress: Counts | None = None,
) -> IngestOutcome:
    """Ingest files and folders into the workspace's store, then update its search index.

    Each file is written to the store as soon as it is read, so a failure of the index (a
    model that cannot load, a full disk) leaves the graph complete; the outcome says why
    the index was not updated.

    Args:
        ws: A workspace opened for writing.
        paths: Files and folders.
        max_bytes: Files larger than this are skipped.
        index: Update the search index afterwards.
        model: The embedding model when the index is new.
        progress: Called with one line per file, and with the index's summary.
        index_progress: Called with (done, total) while items are embedded.
    """
    report = ingest_paths(ws.store, ws.root, paths, max_bytes, progress)
    if not index:
        return IngestOutcome(report)
    try:
        built = update_search_index(ws, model=model, progress=index_progress, lines=progress)
    except (ChidaoError, ImportError, OSError) as err:
        return IngestOutcome(report, None, str(err))
    return IngestOutcome(report, built)


def update_search_index(
    ws: Workspace,
    *,
    model: str | None = None,
    rebuild: bool = False,
    progress: Counts | None = None,
    lines: Lines | None = None,
) -> IndexReport:
    """Bring the workspace's search index up to date with its store.

    Args:
        ws: The workspace.
        model: The embedding model (a registered name, a local folder or a hub name).
        rebuild: Re-embed everything (needed to change model).
        progress: Called with (done, total) while items are embedded.
        lines: Called with a line for each file left out and one for the summary.

    Raises:
        ModelMismatch: The index was built with another model and `rebuild` is false.
    """
    from search.build import update_index  # loads the embedding stack only when indexing

    report = update_index(ws.root, ws.store, model=model, rebuild=rebuild, progress=progress)
    say = lines or (lambda _line: None)
    for reason in report.unreadable:
        say(f"index: {reason}; left out of the search index")
    if report.embedded or report.removed:
        say(
            f"index: {report.items} items ({report.embedded} embedded, "
            f"{len(report.removed)} file(s) dropped), model {report.model}"
        )
    return report
