"""Scans read by Tesseract OCR: pictures of pages and PDFs without a text layer.

The pages are drawn from the samples' own text (tests/pages.py), so what OCR should read is
known: the references it gives are scored against those of the text drawn.
"""

from __future__ import annotations

from collections import Counter

import pytest

from ingest import ocr
from ingest.models import RawDocument
from ingest.ocr import MissingTool, ocr_missing
from ingest.pipeline import extract_documents, read_document
from tests.conftest import SAMPLE, run_cli
from tests.pages import FONT, draw_page

pytestmark = pytest.mark.skipif(
    bool(ocr_missing()) or not FONT.exists(),
    reason=f"{ocr_missing() or 'no DejaVu font'} (.ci/run installs both)",
)


def _references(doc) -> Counter:
    (ex,) = extract_documents([doc])
    return Counter((m.type_code, m.number.lstrip("0"), m.issuer) for m in ex.mentions)


def _f1(found: Counter, gold: Counter) -> float:
    hits = sum((found & gold).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(found.values()), hits / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Two samples' first page, as a PNG picture and as a scanned PDF, with the text drawn."""
    folder = tmp_path_factory.mktemp("scans")
    made = []
    for n, sample in enumerate(sorted(SAMPLE.glob("00[03]_*.txt"))):
        text = sample.read_text(encoding="utf-8")[:2600]
        picture, drawn = draw_page(text, seed=n)
        png, pdf = folder / f"{sample.stem}.png", folder / f"{sample.stem}.pdf"
        picture.save(png)
        picture.save(pdf)
        made.append((png, pdf, drawn))
    return made


def test_a_picture_of_a_page_gives_the_references_of_its_text(pages):
    found, gold = Counter(), Counter()
    for png, _pdf, drawn in pages:
        doc = read_document(png)
        assert (doc.format, doc.encoding) == ("image", "ocr")
        (page,) = doc.ocr_pages
        assert page.page == 1 and page.confidence > 80
        found += _references(doc)
        gold += _references(_text_document(drawn))
    assert sum(gold.values()) >= 5
    assert _f1(found, gold) >= 0.95


def test_a_scanned_pdf_is_read_by_ocr_page_by_page(pages):
    _png, pdf, drawn = pages[0]
    doc = read_document(pdf)
    assert (doc.format, doc.encoding) == ("pdf", "pdf+ocr")
    assert [p.page for p in doc.ocr_pages] == [1]
    assert _f1(_references(doc), _references(_text_document(drawn))) >= 0.95


def test_without_tesseract_a_scan_is_refused_saying_what_to_install(pages, monkeypatch, tmp_path):
    monkeypatch.setattr(ocr, "ocr_missing", lambda: "OCR needs Tesseract: " + ocr.INSTALL)
    with pytest.raises(MissingTool, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        read_document(pages[0][0])


def test_the_command_line_names_a_broken_picture_and_goes_on(pages, tmp_path):
    broken = tmp_path / "anh.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not a picture")
    result = run_cli("extract", str(broken), str(pages[0][0]), "--json")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(broken) in result.stderr
    assert '"ocr_pages": [{"page": 1' in result.stdout


def _text_document(text: str):
    from ingest.clean import clean_document

    return clean_document(RawDocument("drawn.txt", text, "utf-8", "txt"))
