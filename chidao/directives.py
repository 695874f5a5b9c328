"""Use cases on the directive hierarchy.

Which tasks derive from a document, where a task comes from, what the store knows of a
document, and the store's totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chidao.workspace import Workspace
from graph.documents import name_from, name_keys, naming_fields
from graph.query import DerivedTask, DocumentView, derive, find_document, show, stats, trace
from ingest.keys import parse_key
from ingest.naming import format_date, place_body


@dataclass(frozen=True, slots=True)
class Derivation:
    """The tasks that derive from one document.

    Attributes:
        document: The document's key, as the store shows it.
        tasks: Every task that cites it, or cites or belongs to a plan implementing it,
            directly or through any chain; each with the chain it derives through.
        name: The document's name for people ("Nghị quyết 57-NQ/TW của Bộ Chính trị
            (22/12/2024)").
        names: The short name of every document in the tasks' chains, by key.
    """

    document: str
    tasks: tuple[DerivedTask, ...]
    name: str = ""
    names: dict[str, str] = field(default_factory=dict)

    def record(self) -> dict:
        """The derivation as `derive --json` prints it (the CLI contract)."""
        return {
            "document": self.document,
            "name": self.name,
            "names": self.names,
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
        names: The name for people of every document in the chains, by key.
    """

    start: str
    chains: tuple[tuple[str, ...], ...]
    names: dict[str, str] = field(default_factory=dict)

    def record(self) -> dict:
        """The origin as `trace --json` prints it (the CLI contract)."""
        return {
            "start": self.start,
            "chains": [list(c) for c in self.chains],
            "names": self.names,
        }


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
    tasks = tuple(derive(ws.store, key, based_on))
    # One read names the document in full and every document of the chains in short.
    fields = naming_fields(ws.store, {k for t in tasks for k in t.via} | {key})
    names = {k: name_from(k, f, full=False) for k, f in fields.items()}
    return Derivation(key, tasks, name_from(key, fields[key]), names)


def trace_origin(ws: Workspace, start: str, based_on: bool = False) -> Origin:
    """Every chain of directives above a task (by id) or a document (by reference)."""
    origin, chains = trace(ws.store, start, based_on)
    names = name_keys(ws.store, {k for c in chains for k in c})
    return Origin(origin, tuple(tuple(c) for c in chains), names)


def show_document(ws: Workspace, reference: str) -> DocumentView:
    """What the store knows of a document: names, issuer, date, conflicts, its relations."""
    return show(ws.store, find(ws, reference))


# Fields the files may disagree on, as people call them.
_CONFLICT_NAMES = {"type_code": "loại văn bản", "date": "ngày ban hành", "year": "năm"}


def describe_view(ws: Workspace, view: DocumentView) -> list[str]:
    """A document's view as lines for people: names and dd/mm/yyyy, no keys or codes.

    `show` prints these; `show --json` prints the view's record.
    """
    related = (
        ("Thực hiện", view.implements),
        ("Được thực hiện bởi", view.implemented_by),
        ("Được ban hành kèm theo", view.issued_by),
        ("Ban hành kèm theo", view.issues),
        ("Căn cứ", view.based_on),
    )
    names = name_keys(ws.store, {view.key} | {k for _, keys in related for k in keys})
    lines = [names[view.key]]
    if view.subject:
        lines.append(f"Trích yếu: {' '.join(view.subject.split())}")
    body = place_body(view.issuing_body, parse_key(view.key).province)
    for label, value in (
        ("Số hiệu", view.symbol),
        ("Cơ quan ban hành", body),
        ("Ngày ban hành", format_date(view.date)),
    ):
        if value:
            lines.append(f"{label}: {value}")
    lines += [f"Người ký: {s.capacity} {s.name}".rstrip() for s in view.signers]
    if len(view.aliases) > 1:
        lines.append("Các cách viết số hiệu: " + ", ".join(view.aliases))
    for c in view.conflicts:
        values = " / ".join(format_date(v) if c.field == "date" else v for v in c.values)
        lines.append(f"Các tệp ghi khác nhau về {_CONFLICT_NAMES.get(c.field, c.field)}: {values}")
    for label, keys in related:
        if keys:
            lines.append(f"{label}:")
            lines += [f"  - {names[k]}" for k in keys]
    if view.tasks_citing:
        lines.append(f"Số nhiệm vụ trích dẫn văn bản này: {len(view.tasks_citing)}")
    return lines


def count_store(ws: Workspace) -> dict[str, int]:
    """The store's totals: files, documents, tasks, references, relations."""
    return stats(ws.store)
