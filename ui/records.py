"""Turn findings into the JSON records of the `chidao` command contract.

Field names follow shared/spec/cli-contract.md exactly: a field may be added, never
renamed or dropped, and an unknown value is null, never left out.
"""

from __future__ import annotations

from ingest.blocks import Block
from ingest.models import Conflict, LegalDocument, Mention, Relation, Task
from ingest.pipeline import Extraction


def mention_record(m: Mention, key: str) -> dict:
    """Return the JSON record of one mention."""
    return {
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "type_code": m.type_code,
        "number": m.number,
        "issuer": m.issuer,
        "year": m.year,
        "symbol": m.symbol,
        "date": m.date,
        "key": key,
        "short": m.short,
        "repairs": list(m.repairs),
        "locality": m.locality,
    }


def conflict_record(c: Conflict) -> dict:
    """Return the JSON record of one conflict."""
    return {"field": c.field, "values": list(c.values), "note": c.note}


def document_record(d: LegalDocument) -> dict:
    """Return the JSON record of one document."""
    return {
        "key": d.key,
        "type_code": d.type_code,
        "type_name": d.type_name,
        "number": d.number,
        "issuer": d.issuer,
        "year": d.year,
        "symbol": d.symbol,
        "date": d.date,
        "issuing_body": d.issuing_body,
        "subject": d.subject,
        "aliases": list(d.aliases),
        "conflicts": [conflict_record(c) for c in d.conflicts],
        "locality": d.locality,
    }


def task_record(t: Task) -> dict:
    """Return the JSON record of one task."""
    return {
        "id": t.id,
        "section": t.section,
        "row": t.row,
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "lead_unit": t.lead_unit,
        "coop_units": list(t.coop_units),
        "directing_leader": t.directing_leader,
        "period": t.period,
        "due": t.due,
        "due_start": t.due_start,
        "kind": t.kind,
        "cites": list(t.cites),
        "lead_units": list(t.lead_units),
        "leader_title": t.leader_title,
        "leader_name": t.leader_name,
        "owner": t.owner,
    }


def relation_record(r: Relation) -> dict:
    """Return the JSON record of one relation."""
    return {
        "source": r.source,
        "relation": r.relation,
        "target": r.target,
        "start": r.start,
        "end": r.end,
        "evidence": r.evidence,
    }


def extraction_record(file: str, ex: Extraction) -> dict:
    """Return the `chidao extract` record of one file."""
    return {
        "file": file,
        "encoding": ex.document.encoding,
        "format": ex.document.format,
        "error": None,
        "mentions": [mention_record(m, k) for m, k in zip(ex.mentions, ex.keys, strict=True)],
        "documents": [document_record(d) for d in ex.documents],
        "relations": [relation_record(r) for r in ex.relations],
        "tasks": [task_record(t) for t in ex.tasks],
        "own": [o.key for o in ex.owners],
        # Pages read by OCR, with Tesseract's mean confidence in their words (0–100).
        "ocr_pages": [{"page": p.page, "confidence": p.confidence} for p in ex.document.ocr_pages],
    }


def block_record(b: Block) -> dict:
    """Return one block of `chidao extract --blocks`."""
    record = {"kind": b.kind, "start": b.start, "end": b.end, "label": b.label, "text": b.text}
    if b.level is not None:
        record["level"] = b.level
    if b.cells:
        record["cells"] = dict(b.cells)
    if b.group:
        record["group"] = b.group
    return record


def skipped_record(file: str, reason: str) -> dict:
    """Return the `chidao extract` record of a file that could not be read."""
    return {
        "file": file,
        "encoding": None,
        "format": None,
        "error": reason,
        "mentions": [],
        "documents": [],
        "relations": [],
        "tasks": [],
        "own": [],
    }
