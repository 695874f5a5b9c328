"""Check a graph against the chidao SHACL shapes (ontology/shapes.ttl).

The shapes and the vocabulary (ontology/chidao.ttl) are read from the package once and
cached. Validation runs pySHACL without inference: the vocabulary is given as the ontology
graph only so that `rdfs:subClassOf` links are visible to class checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from pyshacl import validate
from rdflib import RDF, Dataset, Graph, Literal, Node
from rdflib.namespace import SH

from ingest.errors import ChidaoError

__all__ = [
    "ShapesUnusable",
    "ValidationReport",
    "Violation",
    "load_ontology",
    "load_shapes",
    "validate_graph",
]


class ShapesUnusable(ChidaoError):
    """pySHACL refused the shapes themselves (a bug in ontology/shapes.ttl, not in the data)."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One result of a validation.

    Attributes:
        focus_node: The node that broke the constraint.
        path: The property the constraint is about, or None for a constraint on the node.
        message: The shape's message (Vietnamese), else pySHACL's own.
        severity: "Violation", "Warning" or "Info".
        value: The offending value, when there is one.
        shape: The shape whose constraint was broken.
    """

    focus_node: Node
    path: Node | None
    message: str
    severity: str
    value: Node | None = None
    shape: Node | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating a graph.

    Attributes:
        conforms: True when no result has severity "Violation".
        violations: Every result, sorted by focus node, path and message.
    """

    conforms: bool
    violations: tuple[Violation, ...]

    def about(self, focus_node: Node) -> tuple[Violation, ...]:
        """Return the results whose focus node is `focus_node`."""
        return tuple(v for v in self.violations if v.focus_node == focus_node)


def _read(name: str) -> Graph:
    text = files("ontology").joinpath(name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@cache
def load_ontology() -> Graph:
    """Return the chidao vocabulary (ontology/chidao.ttl), parsed once.

    The graph is shared between callers: do not modify it.
    """
    return _read("chidao.ttl")


@cache
def load_shapes() -> Graph:
    """Return the chidao SHACL shapes (ontology/shapes.ttl), parsed once.

    The graph is shared between callers: do not modify it.
    """
    return _read("shapes.ttl")


def validate_graph(data: Graph | Dataset) -> ValidationReport:
    """Validate a graph against the chidao shapes.

    A dataset is validated as the union of its graphs, as queries see it: a document's facts
    from several files are checked together.

    Args:
        data: One file's graph (from `ontology.mapping.map_extraction`), or a dataset of
            file graphs. It is not modified.

    Returns:
        The report: whether the data conforms, and each result.

    Raises:
        ShapesUnusable: pySHACL refused the shapes themselves.
    """
    _conforms, report, text = validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=False,
    )
    if not isinstance(report, Graph):
        raise ShapesUnusable(f"ontology/shapes.ttl: pySHACL cannot use the shapes ({text})")
    violations = tuple(sorted(_results(report), key=_sort_key))
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations)


def _results(report: Graph) -> list[Violation]:
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        out.append(
            Violation(
                focus_node=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                message=_message(report, result),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                value=report.value(result, SH.value),
                shape=report.value(result, SH.sourceShape),
            )
        )
    return out


def _message(report: Graph, result: Node) -> str:
    messages = [m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    for m in messages:
        if m.language == "vi":
            return str(m)
    return str(messages[0]) if messages else ""


def _sort_key(v: Violation) -> tuple[str, str, str]:
    return (str(v.focus_node), str(v.path or ""), v.message)
