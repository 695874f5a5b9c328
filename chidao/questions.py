"""Use cases on the text: hybrid search, and questions in plain Vietnamese.

Both load the search index (and with it the embedding model) on first use, through the
workspace; nothing else in `chidao` needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chidao.directives import find
from chidao.workspace import Workspace
from ingest.errors import BadRequest

if TYPE_CHECKING:
    from chidao.ask import Answer
    from search.hybrid import Hit


class BadQuery(BadRequest):
    """A query or question chidao will not run (too long, or asking for no hits)."""


def check_query(text: str, k: int = 1) -> None:
    """Refuse a query longer than search reads, or a request for fewer than one hit.

    Raises:
        BadQuery: It is.
    """
    from search.hybrid import MAX_QUERY_CHARS

    if k < 1:
        raise BadQuery(f"-k must be at least 1, not {k}")
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"query is {len(text)} characters, over the {MAX_QUERY_CHARS} limit")


def search_text(
    ws: Workspace,
    query: str,
    k: int = 10,
    *,
    document: str | None = None,
    unit: str | None = None,
    period: str | None = None,
) -> list[Hit]:
    """Hybrid search (số hiệu, folded BM25, embeddings) over passages and tasks.

    Args:
        ws: The workspace.
        query: What to look for, with or without diacritics.
        k: How many hits.
        document: Only hits about the document this reference names ("57-NQ/TW").
        unit: Only hits about this unit (part of its name).
        period: Only hits of this period ("quý III").

    Raises:
        BadQuery: The query is too long, or `k` is below 1.
        IndexNotBuilt: The workspace has no search index.
    """
    from search.hybrid import SearchFilters

    check_query(query, k)
    key = find(ws, document) if document else None
    return ws.searcher().search(query, k, SearchFilters(key, unit, period))


def ask_question(ws: Workspace, question: str) -> Answer:
    """Answer a question from the graph where it knows, else from search, with sources.

    Raises:
        BadQuery: The question is too long.
    """
    from chidao.ask import ask

    check_query(question)
    return ask(ws.searcher(), ws.store, question)
