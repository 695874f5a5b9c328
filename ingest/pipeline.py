"""The ingest steps chained: read a file, clean it, find and resolve its references."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.clean import clean_document
from ingest.extract import find_mentions
from ingest.load import DEFAULT_MAX_BYTES, load_document
from ingest.models import Document, LegalDocument, Mention
from ingest.resolve import Resolution, resolve_mentions


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one file yields.

    Attributes:
        document: The cleaned document.
        mentions: Its references in text order.
        keys: The document key of each mention.
        documents: The documents its mentions resolve to, in order of first mention.
    """

    document: Document
    mentions: tuple[Mention, ...]
    keys: tuple[str, ...]
    documents: tuple[LegalDocument, ...]


def read_document(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Load and clean one file.

    Args:
        path: The file.
        max_bytes: Files larger than this are refused.

    Returns:
        The cleaned document.

    Raises:
        BadInput: The file cannot be read as a document (a subclass names the cause).
    """
    return clean_document(load_document(path, max_bytes=max_bytes))


def extract_documents(docs: Sequence[Document]) -> list[Extraction]:
    """Find references in documents and resolve them across all of them.

    Args:
        docs: Cleaned documents; together they are the scope of resolution.

    Returns:
        One extraction per document, in the order given.
    """
    per_doc = [find_mentions(doc) for doc in docs]
    flat = [m for ms in per_doc for m in ms]
    resolution: Resolution = resolve_mentions(flat)
    out: list[Extraction] = []
    offset = 0
    for doc, ms in zip(docs, per_doc, strict=True):
        idx = range(offset, offset + len(ms))
        out.append(
            Extraction(
                document=doc,
                mentions=tuple(ms),
                keys=tuple(resolution.keys[i] for i in idx),
                documents=tuple(resolution.documents_of(idx)),
            )
        )
        offset += len(ms)
    return out
