"""The layers import one way, and a document key is read and written in one module only.

ui → chidao (the use cases) → search, graph → ontology → ingest. A module may import its
own package and anything below it; nothing imports upwards.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each package and the packages it may import (besides itself).
ALLOWED = {
    "ingest": set(),
    "ontology": {"ingest"},
    "graph": {"ontology", "ingest"},
    "search": {"graph", "ontology", "ingest"},
    "chidao": {"search", "graph", "ontology", "ingest"},
    "ui": {"chidao", "search", "graph", "ontology", "ingest"},
}
# ingest reads files; the store, the index and the explorer are other layers' business.
FORBIDDEN_IN_INGEST = {"rdflib", "pyoxigraph", "oxrdflib", "faiss", "streamlit", "torch"}


def _imports(path: Path) -> set[str]:
    """The top-level names a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_below_it(package):
    upward = {}
    for path in _modules(package):
        wrong = (_imports(path) & set(ALLOWED)) - ALLOWED[package] - {package}
        if wrong:
            upward[str(path.relative_to(ROOT))] = sorted(wrong)
    assert upward == {}


def test_ingest_imports_no_store_index_or_explorer():
    found = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & FORBIDDEN_IN_INGEST)
        for p in _modules("ingest")
        if _imports(p) & FORBIDDEN_IN_INGEST
    }
    assert found == {}


# A key is split on ":" or glued with ":" only in ingest/keys.py; elsewhere parse_key and
# DocumentKey read and write it.
KEY_HANDLING = re.compile(r"""\.split\(\s*["']:["']|["']:["']\.join\(|\.partition\(\s*["']@["']""")


def test_no_module_but_the_key_module_takes_a_key_apart():
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for package in ALLOWED
        for p in _modules(package)
        if p != ROOT / "ingest" / "keys.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if KEY_HANDLING.search(line)
    ]
    assert offenders == []


# SPARQL, and calls that send it, stand only in graph/ (which owns the store).
SPARQL = re.compile(
    r"""\bstore\.(?:select|update|ask)\(|\.select\(|["'](?:SELECT|INSERT|DELETE) """
)


def test_only_the_graph_layer_queries_the_store():
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for package in ALLOWED
        if package != "graph"
        for p in _modules(package)
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if SPARQL.search(line)
    ]
    assert offenders == []
