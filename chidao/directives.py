"""Use cases on the directive hierarchy.

Which tasks derive from a document, where a task comes from, what the store knows of a
document, and the store's totals.
"""

from __future__ import annotations

from dataclasses import dataclass

from chidao.workspace import Workspace
from graph.query import DerivedTask, DocumentView, derive, find_document, show, stats, trace


@dataclass(frozen=True, slots=True)
class Derivation:
    """The tasks that derive from one document.

    Attributes:
        document: The document's key, as the store shows it.
        tasks: Every task that cites it, or cites or belongs to a plan implementing it,
            directly or through any chain; each with the chain it derives through.
    """

    document: str
    tasks: tuple[DerivedTask, ...]

    def record(self) -> dict:
        """The derivation as `derive --json` prints it (the CLI contract)."""
        return {
            "document": self.document,
            "tasks": [
                {
                    "id": t.id,
                    "file": t.file,
                    "section": t.section,
                    "row": t.row,
                    "text": t.text,
                    "lead_unit": t.lead_unit,
                    "via": list(t.via),
                }
                for t in self.tasks
            ],
        }


@dataclass(frozen=True, slots=True)
class Origin:
    """The chains of directives above a task or a document.

    Attributes:
        start: The task id, or the document's key.
        chains: Each chain from the start up to a root, the start first.
    """

    start: str
    chains: tuple[tuple[str, ...], ...]

    def record(self) -> dict:
        """The origin as `trace --json` prints it (the CLI contract)."""
        return {"start": self.start, "chains": [list(c) for c in self.chains]}


def find(ws: Workspace, reference: str) -> str:
    """The key of the document a reference as users type it names ("nq 57", "57/NQ-TW").

    Raises:
        UnknownDocument: No stored document matches.
        AmbiguousReference: Several do; the error lists them.
    """
    return find_document(ws.store, reference)


def derive_tasks(ws: Workspace, reference: str, based_on: bool = False) -> Derivation:
    """Every task that derives from the document a reference names.

    Args:
        ws: The workspace.
        reference: A số hiệu, a short form or a key ("57-NQ/TW", "nq 57").
        based_on: Also follow the "Căn cứ" (based on) edges of plans and decisions.
    """
    key = find(ws, reference)
    return Derivation(key, tuple(derive(ws.store, key, based_on)))


def trace_origin(ws: Workspace, start: str, based_on: bool = False) -> Origin:
    """Every chain of directives above a task (by id) or a document (by reference)."""
    origin, chains = trace(ws.store, start, based_on)
    return Origin(origin, tuple(tuple(c) for c in chains))


def show_document(ws: Workspace, reference: str) -> DocumentView:
    """What the store knows of a document: names, issuer, date, conflicts, its relations."""
    return show(ws.store, find(ws, reference))


def count_store(ws: Workspace) -> dict[str, int]:
    """The store's totals: files, documents, tasks, references, relations."""
    return stats(ws.store)
