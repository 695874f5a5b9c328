"""Use cases on the whole store: export it, and check it against the SHACL shapes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chidao.workspace import Workspace
from ingest.errors import BadRequest


class UnknownExportFormat(BadRequest):
    """An export format chidao does not write."""


@dataclass(frozen=True, slots=True)
class Validation:
    """The store checked against `ontology/shapes.ttl`.

    Attributes:
        conforms: Whether the store meets every shape.
        violations: Each violation as a record: focus, path, message, severity, value.
    """

    conforms: bool
    violations: tuple[dict, ...]

    def record(self) -> dict:
        """The validation as `validate --json` prints it."""
        return {"conforms": self.conforms, "violations": list(self.violations)}


def export_store(ws: Workspace, fmt: str, target: Path) -> list[Path]:
    """Write the graph as RDF (turtle, nquads, json-ld), GraphML or CSV.

    Returns:
        The files written.

    Raises:
        UnknownExportFormat: `fmt` is none of those.
    """
    from graph.export import FORMATS, export_graph

    if fmt not in FORMATS:
        raise UnknownExportFormat(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")
    return export_graph(ws.store, target, fmt)


def validate_store(ws: Workspace) -> Validation:
    """Check the store against the SHACL shapes."""
    from ontology.validate import validate_graph

    report = validate_graph(ws.store.dataset)
    return Validation(
        report.conforms,
        tuple(
            {
                "focus": str(v.focus_node),
                "path": str(v.path) if v.path else None,
                "message": str(v.message),
                "severity": str(v.severity),
                "value": None if v.value is None else str(v.value),
            }
            for v in report.violations
        ),
    )
