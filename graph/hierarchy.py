"""The directive edges between documents, and the tree of directives around one."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from graph.documents import same_document_names
from graph.store import GraphStore
from ingest.text import sort_key_vi
from ontology.mapping import key_of


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """The directive edges between documents, both ways, loaded once.

    Keys the store joins as one document (chidao:sameAs) are one node, under the key
    `name_documents` picks.

    Attributes:
        up: For each document, (document above, relation) pairs: it applies the one above,
            or is issued by it.
        down: The same edges seen from above.
        names: For each key joined to another, the key its document is shown by.
    """

    up: dict[str, tuple[tuple[str, str], ...]]
    down: dict[str, tuple[tuple[str, str], ...]]
    names: dict[str, str] = field(default_factory=dict)

    def name(self, key: str) -> str:
        """The key a document is shown by in the hierarchy."""
        return self.names.get(key, key)


def load_hierarchy(store: GraphStore) -> Hierarchy:
    """Read every upward edge between documents (applies, issued by), joining same ones."""
    names = same_document_names(store)
    up: dict[str, set[tuple[str, str]]] = defaultdict(set)
    down: dict[str, set[tuple[str, str]]] = defaultdict(set)

    def link(lower: str, upper: str, relation: str) -> None:
        lower, upper = names.get(lower, lower), names.get(upper, upper)
        if lower != upper:
            up[lower].add((upper, relation))
            down[upper].add((lower, relation))

    for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a eli:applies ?b }"):
        link(key_of(r["a"]), key_of(r["b"]), "applies")
    for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a chidao:issues ?b }"):
        link(key_of(r["b"]), key_of(r["a"]), "issues")
    return Hierarchy(
        up={k: tuple(sorted(v)) for k, v in up.items()},
        down={k: tuple(sorted(v)) for k, v in down.items()},
        names=names,
    )


@dataclass(frozen=True, slots=True)
class TreeNode:
    """One document in a tree of directives.

    Attributes:
        key: The document's key.
        relation: How it links to its parent in the tree ("applies", "issues", "sameAs"),
            None for the root.
        children: The documents under it in the tree.
    """

    key: str
    relation: str | None
    children: tuple[TreeNode, ...]


@dataclass(frozen=True, slots=True)
class Tree:
    """A tree of directives around a document, each document once.

    Attributes:
        root: The document asked about.
        size: Documents in the tree, the root included.
        hidden: Documents left out to keep the tree within its cap.
    """

    root: TreeNode
    size: int
    hidden: int


def tree_of(hierarchy: Hierarchy, key: str, direction: str, max_nodes: int = 300) -> Tree:
    """The documents above (or below) a document, as a tree of shortest chains.

    Args:
        hierarchy: The edges, from `load_hierarchy`.
        key: The document's key.
        direction: "up" for what it carries out, "down" for what carries it out.
        max_nodes: Documents at most in the tree; the rest are counted as hidden.

    Returns:
        The tree; a document reached by several chains appears once, under its nearest parent.
    """
    edges = hierarchy.up if direction == "up" else hierarchy.down
    key = hierarchy.name(key)
    parent: dict[str, tuple[str, str]] = {}
    order = [key]
    queue = deque([key])
    while queue:
        node = queue.popleft()
        for other, relation in sorted(edges.get(node, ()), key=lambda e: sort_key_vi(e[0])):
            if other != key and other not in parent:
                parent[other] = (node, relation)
                order.append(other)
                queue.append(other)
    # Breadth-first order puts every parent before its children: a prefix is still a tree.
    hidden = max(0, len(order) - max_nodes)
    order = order[: len(order) - hidden]
    children: dict[str, list[str]] = defaultdict(list)
    for child in order[1:]:
        children[parent[child][0]].append(child)

    def build(node: str, relation: str | None) -> TreeNode:
        kids = tuple(build(c, parent[c][1]) for c in children.get(node, []))
        return TreeNode(node, relation, kids)

    return Tree(build(key, None), len(order), hidden)
