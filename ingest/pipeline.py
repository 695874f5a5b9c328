"""The ingest steps chained: read a file, clean it, find and resolve its references."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.catalogue import issuer_name, type_name
from ingest.clean import clean_document
from ingest.extract import find_mentions
from ingest.header import date_header_number, read_own_documents
from ingest.layout import split_lines
from ingest.load import DEFAULT_MAX_BYTES, load_document
from ingest.models import (
    Document,
    LegalDocument,
    Mention,
    OwnDocument,
    Relation,
    Signature,
    Task,
)
from ingest.relations import find_relations
from ingest.resolve import Resolution, resolve_mentions
from ingest.signature import find_signatures
from ingest.tasks import find_tasks


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one file yields.

    Attributes:
        document: The cleaned document.
        mentions: Its references in text order.
        keys: The document key of each mention.
        documents: The documents its mentions resolve to, in order of first mention, then
            the file's own documents that have no số hiệu.
        owners: The file's own documents, the primary first.
        tasks: Its tasks.
        relations: The relations it states.
        signatures: Who signed its own documents.
    """

    document: Document
    mentions: tuple[Mention, ...]
    keys: tuple[str, ...]
    documents: tuple[LegalDocument, ...]
    owners: tuple[OwnDocument, ...] = ()
    tasks: tuple[Task, ...] = ()
    relations: tuple[Relation, ...] = ()
    signatures: tuple[Signature, ...] = ()


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
    per_doc = [date_header_number(doc.text, find_mentions(doc)) for doc in docs]
    flat = [m for ms in per_doc for m in ms]
    resolution: Resolution = resolve_mentions(flat)
    out: list[Extraction] = []
    offset = 0
    for doc, ms in zip(docs, per_doc, strict=True):
        idx = range(offset, offset + len(ms))
        keys = tuple(resolution.keys[i] for i in idx)
        out.append(structure_document(doc, tuple(ms), keys, resolution.documents_of(idx)))
        offset += len(ms)
    return out


def structure_document(
    doc: Document,
    mentions: tuple[Mention, ...],
    keys: tuple[str, ...],
    documents: list[LegalDocument],
) -> Extraction:
    """Read a document's own identity, tasks and relations, given its resolved mentions.

    Args:
        doc: The cleaned document.
        mentions: Its mentions.
        keys: The key of each mention.
        documents: The documents the mentions resolve to.

    Returns:
        The full extraction of the document.
    """
    lines = split_lines(doc.text)
    owners = tuple(read_own_documents(doc.text, lines, mentions, keys))
    reading = find_tasks(doc, mentions, keys, owners)
    relations = tuple(find_relations(doc.text, mentions, keys, owners, reading.noise))
    known = {d.key for d in documents}
    own_docs = [_own_as_document(o) for o in owners if o.key not in known]
    return Extraction(
        doc,
        mentions,
        keys,
        tuple(documents) + tuple(own_docs),
        owners,
        reading.tasks,
        relations,
        find_signatures(lines, owners),
    )


def _own_as_document(own: OwnDocument) -> LegalDocument:
    return LegalDocument(
        key=own.key,
        type_code=own.type_code,
        type_name=type_name(own.type_code),
        number=own.number or "",
        issuer=own.issuer,
        year=own.year,
        symbol=own.symbol,
        date=None,
        issuing_body=issuer_name(own.issuer),
        subject=own.title,
        aliases=(),
    )
