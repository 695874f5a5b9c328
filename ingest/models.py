"""Typed, frozen records passed between the ingest steps."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ingest.ocr import OcrPage


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A file as read from disk, decoded but not yet normalised.

    Attributes:
        path: The file as the user named it.
        source_text: The decoded text (any Unicode normal form).
        encoding: The encoding assumed for text files ("utf-8", "utf-8-sig", "utf-16",
            "cp1258", "tcvn3", "vni"), or the container ("docx", "pdf").
        format: "txt", "md", "html", "docx", "pdf", "xlsx" or "image".
        ocr_pages: The pages read by OCR, with Tesseract's confidence (none for a text).
    """

    path: str
    source_text: str
    encoding: str
    format: str
    ocr_pages: tuple[OcrPage, ...] = ()


@dataclass(frozen=True, slots=True)
class SpanMap:
    """Maps offsets of a derived view back to the text it was made from.

    The view is a run of segments. Segment k starts at `clean_starts[k]` in the view and
    at `text_starts[k]` in the text; a copied segment maps character by character, a
    replaced one (a collapsed whitespace run, a dropped marker) maps wholly to its start.
    """

    clean_starts: tuple[int, ...]
    text_starts: tuple[int, ...]
    copied: tuple[bool, ...]

    def to_text(self, index: int) -> int:
        """Return the text offset of view offset `index`."""
        k = bisect_right(self.clean_starts, index) - 1
        if k < 0:
            return index
        if self.copied[k]:
            return self.text_starts[k] + index - self.clean_starts[k]
        return self.text_starts[k]


@dataclass(frozen=True, slots=True)
class Document:
    """A document ready for extraction.

    Attributes:
        path: The file as the user named it.
        text: The file's text after decoding and Unicode NFC; all public offsets point here.
        clean: A view of `text` with footnote markers, page numbers and line wrapping removed,
            used for matching.
        span_map: Maps offsets of `clean` to offsets of `text`.
        encoding: As in `RawDocument`.
        format: As in `RawDocument`.
        ocr_pages: As in `RawDocument`.
    """

    path: str
    text: str
    clean: str
    span_map: SpanMap = field(repr=False)
    encoding: str = "utf-8"
    format: str = "txt"
    ocr_pages: tuple[OcrPage, ...] = ()

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `clean` to the span of `text` it came from.

        Args:
            start: Start offset in `clean`.
            end: End offset in `clean` (exclusive, > start).

        Returns:
            The (start, end) span in `text`.
        """
        return self.span_map.to_text(start), self.span_map.to_text(end - 1) + 1


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a numbered document reference in a text.

    Offsets point into `Document.text`; `text[start:end] == surface`. Fields are repaired
    (OCR damage, stray spaces, case), the surface never is.

    Attributes:
        file: The file as the user named it.
        start: Start offset in the NFC text.
        end: End offset (exclusive).
        surface: The text from the type word (or the số hiệu) to the end of the số hiệu.
        type_code: Canonical type code (NQ, QĐ, KH, CV ...), or None if unknown.
        number: The number as written ("02", "30c").
        issuer: The issuer part after the type code ("TW", "UBND-TDTU"), None in short forms.
        year: From the số hiệu or the date, else None.
        date: ISO date written with the reference, else None.
        symbol: The số hiệu in its canonical spelling ("57-NQ/TW", "71/NQ-CP"), None in
            short forms.
        written: The số hiệu as written, whitespace removed ("359/KH-TU", "57-NQ/Tw").
        short: True for a short form without a full số hiệu ("Nghị quyết 57").
        issuing_body: The body named after "của", if any.
        subject: The subject after "về", if any.
        repairs: What was repaired, e.g. ("type_code QP->QĐ",).
        word_type: The type code of the type word written before the số hiệu, if any.
        locality: For a province's own body (UBND, TU, SKHCN), the province's slug.
    """

    file: str
    start: int
    end: int
    surface: str
    type_code: str | None
    number: str
    issuer: str | None
    year: int | None
    date: str | None
    symbol: str | None
    written: str
    short: bool = False
    issuing_body: str | None = None
    subject: str | None = None
    repairs: tuple[str, ...] = ()
    word_type: str | None = None
    locality: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more values that the mentions of one document disagree on.

    Attributes:
        field: The field ("type_code", "date", "year").
        values: The distinct values, in order of first appearance.
        note: A short explanation.
    """

    field: str
    values: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """A real-world document that one or more mentions resolve to.

    Attributes:
        key: Stable identity, e.g. "NQ:57:TW:2024"; the same in every output.
        type_code: The type code most mentions give.
        type_name: Its Vietnamese name.
        number: The number as most often written.
        issuer: The canonical issuer code, None when only short forms were seen.
        year: The year, None if unknown.
        symbol: The canonical số hiệu.
        date: ISO date, the one most mentions give.
        issuing_body: The body, as written in the text or inferred from the issuer code.
        subject: The subject as written with its first citation.
        aliases: Every distinct spelling seen.
        conflicts: Disagreements between mentions.
        locality: For a province's own body, the province's slug.
    """

    key: str
    type_code: str | None
    type_name: str | None
    number: str
    issuer: str | None
    year: int | None
    symbol: str | None
    date: str | None
    issuing_body: str | None
    subject: str | None
    aliases: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()
    locality: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """One assigned item of work: a table row or a numbered item of a list of nhiệm vụ.

    Attributes:
        id: Stable identity: the file's content digest, section and row.
        file: The file as the user named it.
        section: The numbering of the headings it stands under ("II.1", "PL I").
        row: Its number as written ("1").
        start: Offset of the start of its text in the NFC text.
        end: Offset of the end of its text.
        text: The task text, cells of other columns and footnotes left out.
        lead_unit: The unit in charge, in the document's own short form.
        lead_units: Every unit in charge, when a row names several.
        coop_units: Partner units.
        directing_leader: The leader who directs it, title and name ("PGĐ Sở Phan Văn Hiếu").
        leader_title: The leader's title alone.
        leader_name: The leader's name alone.
        period: Its period or deadline ("Quý III/2025", "Tháng 8/2025", "Thường xuyên").
        cites: Keys of the documents its text cites.
        owner: Key of the document the task belongs to (the programme or plan).
        due: The last day its deadline or period allows, ISO ("2025-12-31"), None when it
            states none or a standing one ("Thường xuyên").
        due_start: The first day of a period written as a range ("2026–2030"), else None.
        kind: How it was assigned: "table" (a row), "list" (an item of a list of nhiệm vụ),
            "fields" (an item with assignment lines), "unit" (work given per unit, as in
            "Tổ chức thực hiện"), "sentence" ("Giao Sở X chủ trì …") or "item" (an item of a
            nhiệm vụ/giải pháp section that names no unit).
    """

    id: str
    file: str
    section: str
    row: str
    start: int
    end: int
    text: str
    lead_unit: str | None
    lead_units: tuple[str, ...]
    coop_units: tuple[str, ...]
    directing_leader: str | None
    leader_title: str | None
    leader_name: str | None
    period: str | None
    cites: tuple[str, ...]
    owner: str | None = None
    due: str | None = None
    due_start: str | None = None
    kind: str = "list"


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two documents, with the passage that states it.

    Attributes:
        source: Key of the document the relation starts from.
        relation: "implements", "based_on", "issues", "reports_on" or "requested_by".
        target: Key of the document it points to.
        start: Offset of the evidence in the NFC text.
        end: End offset of the evidence.
        evidence: The evidence passage, whitespace collapsed.
    """

    source: str
    relation: str
    target: str
    start: int
    end: int
    evidence: str


@dataclass(frozen=True, slots=True)
class OwnDocument:
    """The document a file is (or one it contains, such as an attached programme).

    Attributes:
        key: Its key: the resolved key when it has a số hiệu, else one made from the file.
        type_code: Its type ("QĐ", "KH", "CTr", "BC").
        number: Its number, None when left blank or absent.
        issuer: The issuer code, when known.
        year: Its year, when known.
        symbol: Its số hiệu, None without a number.
        title: Its title line(s), whitespace collapsed.
        start: Offset where it starts in the text.
        end: Offset where it ends.
        title_end: Offset where its title ends.
    """

    key: str
    type_code: str | None
    number: str | None
    issuer: str | None
    year: int | None
    symbol: str | None
    title: str | None
    start: int
    end: int
    title_end: int = 0


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signed one of a file's own documents.

    Attributes:
        document: The key of the document signed.
        capacity: The capacity lines as printed, top first ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC").
        name: The signer's full name.
        start: Offset of the block's first capacity line in the NFC text.
        end: Offset after the name.
    """

    document: str
    capacity: tuple[str, ...]
    name: str
    start: int
    end: int
