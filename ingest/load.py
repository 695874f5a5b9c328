"""Read a file from disk into a `RawDocument`: plain text, Word .docx or PDF.

Containers are flattened to plain text in the shapes the later ingest steps expect:

- .docx: the body in document order, one paragraph per line. A table row is one line
  with its cells joined by `TABLE_CELL_SEPARATOR`. Footnotes are rendered as Word's own
  plain-text export renders them (see the sample corpus): `[footnoteRef:N]` where the
  reference stands, and ` [N: text] ` appended to the line of the paragraph holding it.
- .md: rendered one block per line by `ingest.markdown` (tables as .docx tables are).
- .doc: converted to .docx by LibreOffice (`ingest.doc`), then read as .docx.
- .xlsx: each sheet's rows as table rows (`ingest.xlsx`), the way .docx tables are.
- .pdf: the text layer of each page, pages joined by `PAGE_SEPARATOR`, a form feed on a
  line of its own, so the cleaner can find page breaks and `^`/`$` still work per line.

Text is returned as found: no Unicode normalisation, no whitespace clean-up.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable, Iterator

import docx
import pypdf
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PasswordType
from pypdf.errors import DependencyError

from ingest.doc import read_doc
from ingest.docx_numbering import ListNumbering, read_numbering
from ingest.encodings import decode_text, repair_legacy_fonts
from ingest.errors import (
    BadInput,
    CorruptFile,
    EmptyFile,
    FileTooLarge,
    NoTextLayer,
    UnsupportedFormat,
)
from ingest.html import render_html
from ingest.markdown import render_markdown
from ingest.models import RawDocument
from ingest.ocr import OcrPage, ocr_missing, read_image_file, read_pages, render_pdf_pages
from ingest.pdf_tables import has_rules, pages_with_tables, quiet_logger
from ingest.xlsx import render_xlsx

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
PAGE_SEPARATOR = "\n\f\n"
TABLE_CELL_SEPARATOR = " | "

_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".doc": "doc",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    # Pictures of pages, read by OCR.
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}
# The suffixes chidao reads: folders are walked for these, the explorer accepts these.
SUPPORTED_SUFFIXES = tuple(_FORMATS)
_SUPPORTED = "chidao reads " + ", ".join(SUPPORTED_SUFFIXES)


def load_document(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one file into a `RawDocument`, choosing the reader by the file's suffix.

    Args:
        path: The file to read (.txt or .md, .docx, .pdf; the suffix is case-insensitive).
        max_bytes: Files larger than this are refused before anything is read.

    Returns:
        The decoded text with the encoding (or container) and format it was read as.

    Raises:
        BadInput: The path is missing, a directory or unreadable, or the PDF is encrypted.
        UnsupportedFormat: The suffix is not one chidao reads.
        FileTooLarge: The file is over `max_bytes`.
        EmptyFile: The file has no bytes, or only whitespace once read.
        UndecodableText: A text file in no recognised encoding.
        CorruptFile: A .docx or .pdf that cannot be parsed.
        NoTextLayer: A PDF whose pages carry no text.
    """
    name = os.fsdecode(path)
    size = _check_regular_file(name)
    suffix = os.path.splitext(name)[1].lower()
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        what = f"unsupported file type '{suffix}'" if suffix else "file has no type suffix"
        raise UnsupportedFormat(name, f"{what} ({_SUPPORTED})")
    if size > max_bytes:
        shown_size, shown_limit = _format_sizes(size, max_bytes)
        raise FileTooLarge(name, f"file is {shown_size}, over the {shown_limit} limit")
    if size == 0:
        raise EmptyFile(name, "file is empty (0 bytes)")
    text, encoding, *ocr = _READERS[fmt](name)
    if not text.strip():
        raise EmptyFile(name, "no text in file")
    if not ocr or not ocr[0]:
        # Text typed in a TCVN3 or VNI font reads as "Qu¶ng Ng·i" once out of its font.
        text, legacy = repair_legacy_fonts(text)
        if legacy:
            encoding = f"{encoding}+{legacy}"
    return RawDocument(name, text, encoding, fmt, ocr[0] if ocr else ())


def _check_regular_file(name: str) -> int:
    """Return the size of `name`, or raise `BadInput` if it is not a readable file."""
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise BadInput(name, "no such file") from None
    except PermissionError:
        raise BadInput(name, "permission denied") from None
    except OSError as exc:
        raise BadInput(name, f"cannot access file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInput(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise BadInput(name, "not a regular file")
    return info.st_size


def _format_sizes(size: int, limit: int) -> tuple[str, str]:
    """Format a size and a limit for people, exact in bytes when rounding would tie them."""
    shown = _format_size(size), _format_size(limit)
    if shown[0] == shown[1]:
        return f"{size} bytes", f"{limit} bytes"
    return shown


def _format_size(n: int) -> str:
    """Format a byte count as "812 bytes", "3.5 KB", "61.2 MB" or "50 MB"."""
    if n < 1024:
        return f"{n} bytes"
    value, unit = (n / 1024, "KB") if n < 1024 * 1024 else (n / (1024 * 1024), "MB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _short_cause(exc: BaseException) -> str:
    """Summarise a library exception in one short line for an error message."""
    # KeyError's str() is the repr of its key; the message itself reads better.
    message = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
    first_line = next(iter(message.strip().splitlines()), "")
    cause = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
    return cause if len(cause) <= 120 else cause[:117] + "..."


# --- plain text -------------------------------------------------------------------------


def _read_txt(name: str) -> tuple[str, str]:
    """Read and decode a text file; `decode_text` raises `UndecodableText` for binaries."""
    return decode_text(_read_bytes(name), name)


def _read_markdown(name: str) -> tuple[str, str]:
    """Read a Markdown file and render it one block per line (see `ingest.markdown`)."""
    text, encoding = _read_txt(name)
    return render_markdown(text), encoding


def _read_html(name: str) -> tuple[str, str]:
    """Read an HTML page and render it one block per line (see `ingest.html`)."""
    text, encoding = _read_txt(name)
    return render_html(text), encoding


def _read_bytes(name: str) -> bytes:
    """Read a whole file, turning OS errors into `BadInput`."""
    try:
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise BadInput(name, f"cannot read file ({exc.strerror or exc})") from None


# --- .docx --------------------------------------------------------------------------------


# A .docx is a zip: a small file can expand to gigabytes of XML (a "zip bomb").
MAX_DOCX_EXPANDED = 200 * 1024 * 1024
MAX_DOCX_ENTRIES = 5000


def _check_docx_package(name: str) -> None:
    """Refuse a .docx whose parts would expand past the limits, before parsing any of it."""
    try:
        with zipfile.ZipFile(name) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: python-docx says so in its own words below
    if len(entries) > MAX_DOCX_ENTRIES:
        raise FileTooLarge(name, f".docx holds {len(entries)} parts, over {MAX_DOCX_ENTRIES}")
    expanded = sum(e.file_size for e in entries)
    if expanded > MAX_DOCX_EXPANDED:
        shown, limit = _format_sizes(expanded, MAX_DOCX_EXPANDED)
        raise FileTooLarge(name, f".docx expands to {shown}, over the {limit} limit")


def _read_docx(name: str) -> tuple[str, str]:
    """Flatten a Word document's body, tables and footnotes to text."""
    _check_docx_package(name)
    try:
        document = docx.Document(name)
        footnotes = _footnotes_by_id(document)
        numbering = read_numbering(document)
    except PackageNotFoundError:
        # python-docx says only "Package not found" for anything that is not a zip file.
        raise CorruptFile(name, "corrupt or unreadable .docx (not a zip package)") from None
    except Exception as exc:  # python-docx, zipfile and lxml raise many types on damage
        raise CorruptFile(name, f"corrupt or unreadable .docx ({_short_cause(exc)})") from exc
    lines = _DocxText(footnotes, numbering).blocks(document.element.body)
    return "\n".join(lines), "docx"


def _footnotes_by_id(document: docx.document.Document) -> dict[str, etree._Element]:
    """Map footnote ids to their `w:footnote` elements, read from the footnotes part.

    python-docx 1.2 has no footnote API, so the part is found through the main
    document part's relationships and parsed with python-docx's own XML parser (which
    gives run children their text conversions).
    """
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            return {
                note.get(qn("w:id")): note
                for note in root.iterchildren(qn("w:footnote"))
                # Separator "footnotes" hold the rule above the notes, not text.
                if note.get(qn("w:type"), "normal") == "normal"
            }
    return {}


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Run children whose text python-docx knows (str() gives "\t", "\n", "-" or the text).
_RUN_TEXT_TAGS = frozenset(
    qn(tag) for tag in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab")
)
# Inside a paragraph, never look for runs here: deleted text, and alternate renderings
# (mc:Fallback repeats mc:Choice).
_SKIP_IN_PARAGRAPH = frozenset(
    {qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:moveFrom"), _MC_FALLBACK}
)
# Block-level wrappers whose children are body content in document order.
_BLOCK_WRAPPERS = frozenset({qn("w:customXml"), qn("w:ins"), qn("w:moveTo")})


class _DocxText:
    """Renders WordprocessingML block content to lines, numbering footnotes as it goes."""

    def __init__(
        self, footnotes: dict[str, etree._Element], numbering: ListNumbering | None = None
    ) -> None:
        self._footnotes = footnotes
        self._numbers: dict[str, int] = {}
        self._lists = numbering or ListNumbering()

    def blocks(self, container: etree._Element, *, in_cell: bool = False) -> list[str]:
        """Render the paragraphs and tables inside `container` as lines.

        Args:
            container: A body, cell, footnote, text box or block wrapper element.
            in_cell: Render tables as nested ones, on one line ("a b; c d").

        Returns:
            The rendered lines, in document order.
        """
        lines: list[str] = []
        for child in container:
            if child.tag == qn("w:p"):
                lines.extend(self._paragraph(child))
            elif child.tag == qn("w:tbl"):
                lines.extend([self._nested_table(child)] if in_cell else self._table(child))
            elif child.tag == qn("w:sdt"):
                for content in child.iterchildren(qn("w:sdtContent")):
                    lines.extend(self.blocks(content, in_cell=in_cell))
            elif child.tag in _BLOCK_WRAPPERS:
                lines.extend(self.blocks(child, in_cell=in_cell))
        return lines

    def _paragraph(self, p: etree._Element) -> list[str]:
        """Render a paragraph, its footnotes (Word's export style) and its text boxes."""
        parts: list[str] = []
        notes: list[str] = []
        for run in _runs(p):
            for child in run:
                if child.tag in _RUN_TEXT_TAGS:
                    parts.append(str(child))
                elif child.tag == qn("w:footnoteReference"):
                    parts.append(self._footnote_reference(child.get(qn("w:id")), notes))
        line = "".join(parts) + "".join(notes)
        # Word draws a list's number from numbering.xml; the reader sees "1." or "a)".
        label = self._lists.label(p)
        if label and line.strip():
            line = f"{label} {line.lstrip()}"
        boxes = [box_line for box in _text_boxes(p) for box_line in self.blocks(box)]
        return [line, *boxes]

    def _footnote_reference(self, note_id: str | None, notes: list[str]) -> str:
        """Number a footnote reference; queue the note's text the first time it is seen."""
        key = note_id or ""
        if key in self._numbers:
            return f"[footnoteRef:{self._numbers[key]}]"
        number = self._numbers[key] = len(self._numbers) + 1
        note = self._footnotes.get(key)
        if note is not None:
            # Kept verbatim: Word's note text starts with the space after the mark,
            # which is why its export reads "[1:  text]".
            notes.append(f" [{number}: {_one_line(self.blocks(note))}] ")
        return f"[footnoteRef:{number}]"

    def _table(self, tbl: etree._Element) -> list[str]:
        """Render a table as one line per row, cells joined by `TABLE_CELL_SEPARATOR`."""
        lines = []
        for cells in self._rows(tbl):
            if any(cell.strip() for cell in cells):
                lines.append(TABLE_CELL_SEPARATOR.join(cells))
        return lines

    def _rows(self, tbl: etree._Element) -> Iterator[list[str]]:
        """Yield each row's cell texts, one entry per `w:tc` (merged cells appear once)."""
        for tr in tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr"):
            tcs = tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc")
            yield [self._cell(tc) for tc in tcs]

    def _cell(self, tc: etree._Element) -> str:
        """Render a cell on one line, its paragraphs joined by spaces."""
        return _one_line(self.blocks(tc, in_cell=True))

    def _nested_table(self, tbl: etree._Element) -> str:
        """Render a table inside a cell on one line: cells by spaces, rows by "; ".

        `TABLE_CELL_SEPARATOR` is kept for the outer table's cells, whose count matters.
        """
        rows = (" ".join(cell for cell in cells if cell.strip()) for cells in self._rows(tbl))
        return "; ".join(row for row in rows if row)


def _one_line(lines: list[str]) -> str:
    """Join rendered lines with spaces so a cell or a note stays on one line."""
    return " ".join(line.replace("\n", " ") for line in lines if line.strip())


def _runs(element: etree._Element) -> Iterator[etree._Element]:
    """Yield the `w:r` runs of a paragraph in order, through hyperlinks, fields, insertions.

    Text boxes are not entered: they hang off runs, and `_text_boxes` renders them.
    """
    for child in element:
        if child.tag == qn("w:r"):
            yield child
        elif child.tag not in _SKIP_IN_PARAGRAPH:
            yield from _runs(child)


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """Yield the outermost `w:txbxContent` under `element`, skipping mc:Fallback copies."""
    for child in element:
        if child.tag == qn("w:txbxContent"):
            yield child
        elif child.tag != _MC_FALLBACK:
            yield from _text_boxes(child)


# --- pictures of pages ---------------------------------------------------------------------


def _read_image(name: str) -> tuple[str, str, tuple[OcrPage, ...]]:
    """OCR a picture of one page, or each page of a multi-page TIFF."""
    texts, pages = read_image_file(name)
    return PAGE_SEPARATOR.join(texts), "ocr", pages


# --- .pdf -----------------------------------------------------------------------------------


def _read_pdf(name: str) -> tuple[str, str, tuple[OcrPage, ...]]:
    """Extract the text layer of every page, pages joined by `PAGE_SEPARATOR`.

    Pages are read by pypdf; a page that draws a table with rules is read again by
    `ingest.pdf_tables`, its rows one line each with their cells.
    """
    with quiet_logger("pypdf"):
        pages, ruled = _extract_pages(name)
    if not pages:
        raise EmptyFile(name, "PDF has no pages")
    # A page with a ruled table is read cell by cell from its positions.
    for n, text in pages_with_tables(name, ruled).items():
        pages[n] = text
    # A page without a text layer is a picture of a page (a scan): read it by OCR.
    scanned = [n for n, page in enumerate(pages) if not page.strip()]
    if not scanned:
        return PAGE_SEPARATOR.join(pages), "pdf", ()
    if ocr_missing():
        if len(scanned) < len(pages):  # the pages with text still count
            return PAGE_SEPARATOR.join(pages), "pdf", ()
        raise NoTextLayer(name, f"PDF has no text layer (scanned?); {ocr_missing()}")
    numbers = [n + 1 for n in scanned]
    texts, ocr = read_pages(render_pdf_pages(name, numbers), name, numbers)
    for n, text in zip(scanned, texts, strict=True):
        pages[n] = text
    if not any(page.strip() for page in pages):
        raise NoTextLayer(name, "PDF has no text layer, and OCR finds no text on its pages")
    return PAGE_SEPARATOR.join(pages), "pdf+ocr", ocr


def _extract_pages(name: str) -> tuple[list[str], list[int]]:
    """Return the text of each page ("" for a page without text) and the pages with rules."""
    try:
        reader = pypdf.PdfReader(name)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types on damaged files
        # pypdf only says "Stream has ended unexpectedly" for a file that is no PDF at all.
        cause = _short_cause(exc) if _has_pdf_header(name) else "no %PDF header, not a PDF"
        raise CorruptFile(name, f"corrupt or unreadable .pdf ({cause})") from exc
    if encrypted:
        _decrypt_without_password(reader, name)
    try:
        texts = [page.extract_text() or "" for page in reader.pages]
        ruled = [n for n, page in enumerate(reader.pages) if has_rules(_content(page))]
        return texts, ruled
    except Exception as exc:  # a broken page tree or content stream
        raise CorruptFile(name, f"corrupt or unreadable .pdf ({_short_cause(exc)})") from exc


def _content(page) -> bytes:
    contents = page.get_contents()
    return contents.get_data() if contents is not None else b""


def _has_pdf_header(name: str) -> bool:
    """Tell whether the file starts (within its first KB, as readers allow) like a PDF."""
    try:
        with open(name, "rb") as fh:
            return b"%PDF-" in fh.read(1024)
    except OSError:
        return False


def _decrypt_without_password(reader: pypdf.PdfReader, name: str) -> None:
    """Open an encrypted PDF with the empty user password, as viewers do, or refuse it."""
    try:
        result = reader.decrypt("")
    except DependencyError:
        raise BadInput(
            name, "PDF uses AES encryption; install the 'cryptography' package to read it"
        ) from None
    except Exception as exc:  # a damaged /Encrypt dictionary
        raise CorruptFile(name, f"corrupt or unreadable .pdf ({_short_cause(exc)})") from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise BadInput(name, "PDF is protected by a password; remove the password first")


# Each reader gives the text and its encoding (or container), and the pages read by OCR.
_READERS: dict[str, Callable[[str], tuple]] = {
    "txt": _read_txt,
    "html": _read_html,
    "md": _read_markdown,
    "docx": _read_docx,
    "doc": lambda name: (read_doc(name, _read_docx), "doc"),
    "pdf": _read_pdf,
    "xlsx": lambda name: (render_xlsx(name), "xlsx"),
    "image": _read_image,
}
