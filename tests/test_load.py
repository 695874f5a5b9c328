"""Tests for ingest.load: dispatch, refusals with reasons, and .docx/.pdf flattening.

Every fixture is generated here under tmp_path, so the suite needs no font, no PDF
writer beyond pypdf and no committed binaries.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from pypdf import PdfReader, PdfWriter

from ingest.errors import (
    BadInput,
    CorruptFile,
    EmptyFile,
    FileTooLarge,
    NoTextLayer,
    UndecodableText,
    UnsupportedFormat,
)
from ingest.load import DEFAULT_MAX_BYTES, PAGE_SEPARATOR, load_document
from ingest.ocr import ocr_missing

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def assert_refused(path: Path | str, error: type[BadInput], *reason_parts: str, **kwargs):
    """Load `path`, expecting exactly `error`, naming the file and giving the reason."""
    with pytest.raises(BadInput) as info:
        load_document(path, **kwargs)
    err = info.value
    assert type(err) is error
    assert err.path == os.fspath(path)
    assert str(err).startswith(f"{os.fspath(path)}: ")
    assert err.reason and str(err) == f"{err.path}: {err.reason}"
    for part in reason_parts:
        assert part in err.reason
    return err


# --- .docx fixtures -------------------------------------------------------------------


def footnote_xml(notes: dict[str, str]) -> bytes:
    """A word/footnotes.xml as Word writes it: separators, then mark + " text" notes."""
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for note_id, text in notes.items():
        body.append(
            f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        )
    xml = f'<w:footnotes xmlns:w="{W_NS}">{"".join(body)}</w:footnotes>'
    return xml.replace("&", "&amp;").encode("utf-8")


def add_footnotes_part(document, notes: dict[str, str]) -> None:
    """Attach a footnotes part; python-docx cannot create footnotes itself."""
    part = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        footnote_xml(notes),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def add_footnote_reference(paragraph, note_id: str) -> None:
    run = paragraph.add_run()
    run.style = None
    run._r.append(OxmlElement("w:footnoteReference", attrs={qn("w:id"): note_id}))


def build_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    p = document.add_paragraph("Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị")
    # Note ids are Word's internal ids; the export numbers notes 1, 2, 3 in order.
    add_footnote_reference(p, "2")
    p.add_run(" và Kế hoạch số 02-KH/BCĐTW")
    add_footnote_reference(p, "5")
    p.add_run(".")

    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["STT", "Nhiệm vụ", "Đơn vị chủ trì"], strict=True):
        cell.text = text
    row = table.rows[1].cells
    row[0].text = "1"
    row[1].text = "Xây dựng Kế hoạch"
    add_footnote_reference(row[1].paragraphs[0], "7")
    row[1].add_paragraph("Quý III/2025")
    row[2].text = "Phòng KH-CN"
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[1])
    merged.text = "Phối hợp"
    nested = table.rows[2].cells[2].add_table(rows=1, cols=2)
    nested.rows[0].cells[0].text = "Văn phòng Sở"
    nested.rows[0].cells[1].text = "Phòng QLCN"

    # Tracked changes: inserted text is part of the document, deleted text is not.
    document.element.body.insert(
        len(document.element.body) - 1,
        parse_xml(
            f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Thời hạn: </w:t></w:r>'
            '<w:ins w:id="90" w:author="A"><w:r><w:t>tháng 8/2025</w:t></w:r></w:ins>'
            '<w:del w:id="91" w:author="A"><w:r><w:delText>tháng 7/2025</w:delText></w:r>'
            "</w:del></w:p>"
        ),
    )
    document.add_paragraph("Nơi nhận:")
    add_footnotes_part(
        document,
        {
            "2": "Công văn số 43/SKHCN-QLKH&ĐMST ngày 07/7/2025",
            "5": "Kế hoạch số 1587/KH-SKHCN ngày 26/6/2025.",
            "7": "Quyết định số 04/2025/QĐ-UBND ngày 01/7/2025.",
        },
    )
    document.save(path)
    return path


EXPECTED_DOCX_TEXT = "\n".join(
    [
        "KẾ HOẠCH",
        "Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị[footnoteRef:1]"
        " và Kế hoạch số 02-KH/BCĐTW[footnoteRef:2]."
        " [1:  Công văn số 43/SKHCN-QLKH&ĐMST ngày 07/7/2025] "
        " [2:  Kế hoạch số 1587/KH-SKHCN ngày 26/6/2025.] ",
        "STT | Nhiệm vụ | Đơn vị chủ trì",
        "1 | Xây dựng Kế hoạch[footnoteRef:3] [3:  Quyết định số 04/2025/QĐ-UBND ngày 01/7/2025.]"
        "  Quý III/2025 | Phòng KH-CN",
        "Phối hợp | Văn phòng Sở Phòng QLCN",
        "Thời hạn: tháng 8/2025",
        "Nơi nhận:",
    ]
)


def test_docx_body_tables_and_footnotes_in_document_order(tmp_path):
    path = build_docx(tmp_path / "ke_hoach.docx")

    raw = load_document(path)

    assert raw.format == "docx"
    assert raw.encoding == "docx"
    assert raw.path == str(path)
    assert raw.source_text == EXPECTED_DOCX_TEXT


def test_docx_footnotes_follow_words_plain_text_export(tmp_path):
    # Same shape as /work/shared/corpus/003_*.txt: "...2025[footnoteRef:1].  [1:  Công văn ...] "
    raw = load_document(build_docx(tmp_path / "a.docx"))

    line = raw.source_text.splitlines()[1]
    assert line.index("[footnoteRef:1]") < line.index("[footnoteRef:2]") < line.index("[1:  ")
    assert line.endswith("[2:  Kế hoạch số 1587/KH-SKHCN ngày 26/6/2025.] ")


def test_docx_without_footnotes_part_keeps_reference_markers(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("Căn cứ Luật Khoa học và Công nghệ")
    add_footnote_reference(p, "1")
    document.save(tmp_path / "a.docx")

    raw = load_document(tmp_path / "a.docx")

    assert raw.source_text == "Căn cứ Luật Khoa học và Công nghệ[footnoteRef:1]"


def test_docx_text_box_is_read_once(tmp_path):
    # Word stores a text box twice: DrawingML in mc:Choice and a VML copy in mc:Fallback.
    box = "<w:txbxContent><w:p><w:r><w:t>Số: 130/KH-UBND</w:t></w:r></w:p></w:txbxContent>"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    xml = (
        f'<w:p {nsdecls("w")} xmlns:mc="{mc}" xmlns:wps="{wps}"><w:r><w:t>Đầu trang</w:t></w:r>'
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><w:txbx>{box}</w:txbx></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    document = docx.Document()
    document.element.body.insert(0, parse_xml(xml))
    document.save(tmp_path / "a.docx")

    raw = load_document(tmp_path / "a.docx")

    assert raw.source_text == "Đầu trang\nSố: 130/KH-UBND"


def test_docx_with_only_empty_paragraphs_is_empty(tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.save(tmp_path / "blank.docx")

    assert_refused(tmp_path / "blank.docx", EmptyFile, "no text in file")


def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _docx_with_broken_xml(path: Path) -> Path:
    good = build_docx(path.with_name("good.docx"))
    with zipfile.ZipFile(good) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:200]
    return _zip_with(path, members)


@pytest.mark.parametrize(
    ("make", "cause"),
    [
        (lambda p: p.write_bytes(b"This is not a zip file at all.") and p, "not a zip package"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 40) and p, "not a zip package"),
        (lambda p: _zip_with(p, {"hello.txt": b"xin chao"}), "KeyError"),
        (_docx_with_broken_xml, "XMLSyntaxError"),
    ],
    ids=["text", "truncated-zip", "zip-without-document", "broken-xml"],
)
def test_corrupt_docx(tmp_path, make, cause):
    path = tmp_path / "hong.docx"
    make(path)

    err = assert_refused(path, CorruptFile, "corrupt or unreadable .docx (", cause)
    assert err.reason.endswith(")")


# --- .pdf fixtures ----------------------------------------------------------------------


def pdf_bytes(
    pages: list[list[str]],
    placed: list[list[tuple[float, float, str]]] | None = None,
    rects: list[list[tuple[float, float, float, float]]] | None = None,
) -> bytes:
    """A PDF whose text layer holds `pages` (lines per page), as Word's PDF export does.

    The font is a Type0 font with Identity-H encoding and a ToUnicode CMap, one glyph id
    per code point, so any Vietnamese text (NFC or NFD) survives extraction. The font
    program itself is not embedded: text extraction never looks at glyph shapes.

    Args:
        pages: Lines of each page, written from the top.
        placed: Per page, (x, y, text) written at a position (a table's cells).
        rects: Per page, (x, y, width, height) rectangles stroked (a table's rules).
    """
    placed = placed or [[] for _ in pages]
    rects = rects or [[] for _ in pages]
    chars = sorted(
        {ch for lines in pages for line in lines for ch in line}
        | {ch for page in placed for _x, _y, text in page for ch in text}
    )
    cid = {ch: i + 1 for i, ch in enumerate(chars)}
    entries = [f"<{cid[ch]:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for ch in chars]
    blocks = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            *(f"{len(b)} beginbfchar\n" + "\n".join(b) + "\nendbfchar" for b in blocks),
            "endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    ).encode("ascii")

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    first_page = 6
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H"
        b" /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /DW 600"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        stream(cmap),
    ]
    for i, lines in enumerate(pages):
        shows = "".join(
            "<" + "".join(f"{cid[ch]:04X}" for ch in line) + "> Tj 0 -18 Td " for line in lines
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "
            f"{first_page + 2 * i + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        extra = "".join(
            f"BT /F1 9 Tf {x} {y} Td <{''.join(f'{cid[ch]:04X}' for ch in text)}> Tj ET "
            for x, y, text in placed[i]
        ) + "".join(f"{x} {y} {w} {h} re S " for x, y, w, h in rects[i])
        objects.append(stream(f"BT /F1 12 Tf 72 780 Td {shows}ET {extra}".encode("ascii")))

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PDF_PAGES = [
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024"],
    # Decomposed on purpose: some PDF producers write NFD; the loader must not alter it.
    [unicodedata.normalize("NFD", "Kế hoạch số 02-KH/BCĐTW của Ban Chỉ đạo Trung ương")],
]


def test_pdf_text_layer_pages_joined_by_form_feed(tmp_path):
    path = tmp_path / "nghi_quyet.pdf"
    path.write_bytes(pdf_bytes(PDF_PAGES))

    raw = load_document(path)

    assert raw.format == "pdf"
    assert raw.encoding == "pdf"
    pages = raw.source_text.split(PAGE_SEPARATOR)
    assert len(pages) == 2
    assert "\f" not in pages[0] + pages[1]
    assert "Nghị quyết số 57-NQ/TW" in nfc(pages[0])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in nfc(pages[0])
    assert "Kế hoạch số 02-KH/BCĐTW của Ban Chỉ đạo Trung ương" in nfc(pages[1])
    assert "Kế hoạch" not in pages[1]  # still decomposed: normalising is a later step


def test_pdf_keeps_empty_pages_so_page_numbers_hold(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes([["Trang 1"], [], ["Trang 3"]]))

    pages = load_document(path).source_text.split(PAGE_SEPARATOR)

    assert [page.strip() for page in pages] == ["Trang 1", "", "Trang 3"]


def test_pdf_encrypted_with_owner_password_only_opens(tmp_path):
    source = tmp_path / "plain.pdf"
    source.write_bytes(pdf_bytes(PDF_PAGES))
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")

    raw = load_document(tmp_path / "locked.pdf")

    assert "Nghị quyết số 57-NQ/TW" in nfc(raw.source_text)


def test_pdf_with_user_password_is_refused(tmp_path):
    source = tmp_path / "plain.pdf"
    source.write_bytes(pdf_bytes(PDF_PAGES))
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="mat-khau", algorithm="RC4-128")
    writer.write(tmp_path / "secret.pdf")

    assert_refused(tmp_path / "secret.pdf", BadInput, "password")


def test_pdf_without_text_layer(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    writer.write(tmp_path / "scan.pdf")

    # Blank pages: OCR (where Tesseract is installed) finds nothing on them either.
    reason = (
        f"PDF has no text layer (scanned?); {ocr_missing()}"
        if ocr_missing()
        else "PDF has no text layer, and OCR finds no text on its pages"
    )
    assert_refused(tmp_path / "scan.pdf", NoTextLayer, reason)


def test_pdf_without_pages_is_empty(tmp_path):
    PdfWriter().write(tmp_path / "none.pdf")

    assert_refused(tmp_path / "none.pdf", EmptyFile, "no pages")


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"%PDF-1.7\nthis is not really a pdf\n", "Error"),
        (b"Hello, this is a text file named .pdf", "not a PDF"),
        (pdf_bytes(PDF_PAGES)[:300], "Error"),
    ],
    ids=["header-only", "not-pdf", "truncated"],
)
def test_corrupt_pdf(tmp_path, data, cause):
    path = tmp_path / "hong.pdf"
    path.write_bytes(data)

    err = assert_refused(path, CorruptFile, "corrupt or unreadable .pdf (", cause)
    assert err.reason.endswith(")")


def test_corrupt_pdf_is_reported_once_not_logged(tmp_path, caplog):
    # Unconfigured logging would print pypdf's warnings to stderr beside our one line.
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")

    with pytest.raises(CorruptFile):
        load_document(path)

    assert not [record for record in caplog.records if record.name.startswith("pypdf")]


# --- text files and dispatch ----------------------------------------------------------


VIETNAMESE = "Triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị.\n"


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.txt", "txt"), ("b.TXT", "txt"), ("ghi_chu.md", "md")]
)
def test_text_file_is_decoded(tmp_path, name, fmt):
    path = tmp_path / name
    path.write_bytes(VIETNAMESE.encode("utf-8"))

    raw = load_document(path)

    # One paragraph reads the same as text and as Markdown.
    assert raw.source_text == VIETNAMESE
    assert raw.encoding == "utf-8"
    assert raw.format == fmt
    assert raw.path == str(path)


def test_path_may_be_a_string(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(VIETNAMESE, encoding="utf-8")

    assert load_document(str(path)).path == str(path)


@pytest.mark.parametrize("name", ["QD.DOCX", "NQ.Pdf"])
def test_suffix_is_case_insensitive(tmp_path, name):
    path = tmp_path / name
    if name.lower().endswith(".pdf"):
        path.write_bytes(pdf_bytes(PDF_PAGES))
    else:
        build_docx(path)

    assert load_document(path).format == name.rsplit(".", 1)[1].lower()


def test_unsupported_type(tmp_path):
    path = tmp_path / "trinh-chieu.pptx"
    path.write_bytes(b"PK\x03\x04whatever")

    assert_refused(
        path,
        UnsupportedFormat,
        "unsupported file type '.pptx' (chidao reads .txt, .md, .markdown, .html, .htm, "
        ".docx, .doc, .pdf, .xlsx, .png, .jpg, .jpeg, .tif, .tiff)",
    )


def test_file_without_suffix(tmp_path):
    path = tmp_path / "README"
    path.write_text("xin chào", encoding="utf-8")

    assert_refused(
        path, UnsupportedFormat, "no type suffix", ".txt, .md, .markdown, .html, .htm, .docx, .doc"
    )


@pytest.mark.parametrize("name", ["a.txt", "a.docx", "a.pdf"])
def test_zero_byte_file(tmp_path, name):
    (tmp_path / name).write_bytes(b"")

    assert_refused(tmp_path / name, EmptyFile, "empty")


def test_whitespace_only_text_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b" \r\n\t\n  \n")

    assert_refused(tmp_path / "a.txt", EmptyFile, "no text in file")


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)

    assert_refused(path, UndecodableText)


def test_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 20)

    assert_refused(path, FileTooLarge, "file is 20 bytes, over the 10 bytes limit", max_bytes=10)


def test_too_large_message_in_megabytes(tmp_path):
    path = tmp_path / "lon.pdf"
    with open(path, "wb") as fh:
        fh.truncate(int(61.2 * 1024 * 1024))  # sparse: no data written, nothing read

    assert_refused(path, FileTooLarge, "file is 61.2 MB, over the 50 MB limit")
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_size_exactly_at_limit_is_accepted(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10)

    assert load_document(path, max_bytes=10).source_text == "x" * 10


def test_missing_file(tmp_path):
    assert_refused(tmp_path / "khong_co.docx", BadInput, "no such file")


def test_directory(tmp_path):
    (tmp_path / "thu_muc.txt").mkdir()

    assert_refused(tmp_path / "thu_muc.txt", BadInput, "directory")


def _numbered(document, text: str, num_id: str, level: int):
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        )
    )
    return p


def test_docx_list_numbers_are_read_from_word_numbering(tmp_path):
    # A plan numbered by Word itself: "I." sections, "1." items, "a)" sub-items, restarting
    # under each parent, and a list that starts at 3.
    document = docx.Document()
    levels = (
        ("upperRoman", "%1.", 1),
        ("decimal", "%2.", 1),
        ("lowerLetter", "%3)", 1),
    )
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for k, (fmt, text, start) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvls}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
        )
    )
    _numbered(document, "NHIỆM VỤ", "90", 0)
    _numbered(document, "Sở Tài chính:", "90", 1)
    _numbered(document, "Bố trí kinh phí.", "90", 2)
    _numbered(document, "Hướng dẫn thanh quyết toán.", "90", 2)
    _numbered(document, "Sở Tư pháp:", "90", 1)
    _numbered(document, "Thẩm định văn bản.", "90", 2)
    _numbered(document, "TỔ CHỨC THỰC HIỆN", "90", 0)
    _numbered(document, "Sở Nội vụ theo dõi.", "90", 1)
    _numbered(document, "Tiếp tục từ mục 3.", "91", 1)
    document.add_paragraph("Đoạn không đánh số.")
    document.save(tmp_path / "numbered.docx")

    raw = load_document(tmp_path / "numbered.docx")

    assert raw.source_text.splitlines() == [
        "I. NHIỆM VỤ",
        "1. Sở Tài chính:",
        "a) Bố trí kinh phí.",
        "b) Hướng dẫn thanh quyết toán.",
        "2. Sở Tư pháp:",
        "a) Thẩm định văn bản.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ theo dõi.",
        "3. Tiếp tục từ mục 3.",
        "Đoạn không đánh số.",
    ]


def test_docx_numbered_styles_carry_their_numbers(tmp_path):
    # The default template's "List Number" and "List Bullet" styles point at its lists.
    document = docx.Document()
    document.add_paragraph("Xây dựng cơ sở dữ liệu.", style="List Number")
    document.add_paragraph("Tập huấn cán bộ.", style="List Number")
    document.add_paragraph("Ghi chú.", style="List Bullet")
    document.save(tmp_path / "styles.docx")

    raw = load_document(tmp_path / "styles.docx")

    assert raw.source_text.splitlines() == [
        "1. Xây dựng cơ sở dữ liệu.",
        "2. Tập huấn cán bộ.",
        "- Ghi chú.",
    ]


def test_a_word_numbered_plan_gives_its_per_unit_tasks(tmp_path):
    from ingest.pipeline import extract_documents, read_document

    document = docx.Document()
    document.add_paragraph("Số: 12/KH-UBND")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Chuyển đổi số năm 2026")
    document.add_paragraph("TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Sở Tài chính:", style="List Number")
    document.add_paragraph("Bố trí kinh phí thực hiện Kế hoạch.", style="List Bullet")
    document.add_paragraph("Sở Tư pháp:", style="List Number")
    document.add_paragraph("Thẩm định các văn bản quy phạm pháp luật.", style="List Bullet")
    document.save(tmp_path / "plan.docx")

    ex = extract_documents([read_document(tmp_path / "plan.docx")])[0]

    assert [(t.lead_unit, t.text) for t in ex.tasks] == [
        ("Sở Tài chính", "Bố trí kinh phí thực hiện Kế hoạch."),
        ("Sở Tư pháp", "Thẩm định các văn bản quy phạm pháp luật."),
    ]


def test_a_docx_that_expands_past_the_limit_is_refused_before_parsing(tmp_path):
    import ingest.load as load

    document = docx.Document()
    document.add_paragraph("Kế hoạch")
    path = tmp_path / "bomb.docx"
    document.save(path)
    # Stuff a highly compressible part into the package: small on disk, huge expanded.
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/blank.xml", b"0" * (load.MAX_DOCX_EXPANDED + 1))
    assert path.stat().st_size < 2 * 1024 * 1024
    assert_refused(path, FileTooLarge, ".docx expands to", "over the 200 MB limit")


def _ruled_table_pdf() -> bytes:
    """A page with a plan's task table drawn with rules, its first task wrapped in its cell."""
    columns = [(40, 30), (70, 190), (260, 170), (430, 110)]  # (x, width) of each column
    rows = [
        ("TT", "Nội dung", "Cơ quan chủ trì", "Thời gian"),
        (
            "1",
            "Xây dựng cơ sở dữ liệu|khoa học và công nghệ",
            "Sở Khoa học và Công nghệ",
            "Quý IV/2025",
        ),
        ("2", "Ban hành quy chế quản lý", "Sở Nội vụ", "Tháng 12/2025"),
    ]
    heights = [20, 34, 20]
    placed, rects = [], []
    top = 660.0
    for row, height in zip(rows, heights, strict=True):
        bottom = top - height
        for (x, width), cell in zip(columns, row, strict=True):
            rects.append((x, bottom, width, height))
            for n, part in enumerate(cell.split("|")):
                placed.append((x + 4, top - 13 - 12 * n, part))
        top = bottom
    return pdf_bytes(
        [["KẾ HOẠCH", "II. NHIỆM VỤ"]],
        placed=[[*placed, (72, 540, "III. TỔ CHỨC THỰC HIỆN")]],
        rects=[rects],
    )


def test_pdf_ruled_table_is_read_cell_by_cell(tmp_path):
    path = tmp_path / "ke_hoach.pdf"
    path.write_bytes(_ruled_table_pdf())

    lines = [line for line in load_document(path).source_text.splitlines() if line.strip()]

    assert lines == [
        "KẾ HOẠCH",
        "II. NHIỆM VỤ",
        "TT | Nội dung | Cơ quan chủ trì | Thời gian",
        "1 | Xây dựng cơ sở dữ liệu khoa học và công nghệ | Sở Khoa học và Công nghệ | Quý IV/2025",
        "2 | Ban hành quy chế quản lý | Sở Nội vụ | Tháng 12/2025",
        "III. TỔ CHỨC THỰC HIỆN",
    ]


def test_pdf_table_rows_become_tasks_with_their_lead_units(tmp_path):
    from ingest.pipeline import extract_documents, read_document

    path = tmp_path / "ke_hoach.pdf"
    path.write_bytes(_ruled_table_pdf())
    (ex,) = extract_documents([read_document(path)])
    assert [(t.text, t.lead_unit, t.due) for t in ex.tasks] == [
        ("Xây dựng cơ sở dữ liệu khoa học và công nghệ", "Sở Khoa học và Công nghệ", "2025-12-31"),
        ("Ban hành quy chế quản lý", "Sở Nội vụ", "2025-12-31"),
    ]


@pytest.mark.parametrize(
    ("content", "ruled"),
    [
        (b"BT /F1 12 Tf 72 780 Td <0001> Tj ET", False),
        (b"60 640 200 20 re S 260 640 170 20 re S", False),  # two rules: no table
        (b"60 640 200 20 re S 260 640 170 20 re S 60 606 200 34 re S 260 606 170 34 re f", True),
        (b"0 0 m 100 0 l 100 20 l 0 20 l 0 40 l S", True),
    ],
)
def test_only_pages_that_draw_rules_are_read_for_tables(content, ruled):
    from ingest.pdf_tables import has_rules

    assert has_rules(content) is ruled
