"""Text from pictures of pages: Tesseract OCR with its Vietnamese data.

Scans reach a department as photographed or scanned pages (.png, .jpg, .tif) and as PDFs
whose pages are pictures. Each page is cleaned of speckle (a 3×3 median filter: scanner dust
and fax noise break words into pieces otherwise), read by Tesseract (`vie`), and kept with
the mean confidence Tesseract gives its words, so that a reader of the result knows which
pages came from OCR and how sure it was.

Tesseract is a Debian package (tesseract-ocr, tesseract-ocr-vie); where it is missing, a
file that needs it is refused with one line saying what to install, and other files go on.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ingest.errors import BadInput, FileTooLarge

LANGUAGE = "vie"
INSTALL = (
    "install Debian's tesseract-ocr and tesseract-ocr-vie "
    "(apt-get install tesseract-ocr tesseract-ocr-vie)"
)
# Limits: pages read by OCR in one file, seconds per page, pixels per page (a picture of
# a page at 300 dpi has about 9 million; far more is a decompression bomb, not a page).
MAX_OCR_PAGES = 200
PAGE_SECONDS = 120
MAX_PIXELS = 60_000_000
# PDF pages without a text layer are drawn at this resolution for OCR, their longer side at
# most this many pixels (a page saved from a picture can claim a size of metres).
PDF_DPI = 300
PDF_MAX_SIDE = 4200


class MissingTool(BadInput):
    """A file needs a program that is not installed here (the reason says which)."""


@dataclass(frozen=True, slots=True)
class OcrPage:
    """A page read by OCR.

    Attributes:
        page: Its number in the file, from 1.
        confidence: Tesseract's mean confidence in its words, 0–100 (0 when it found none).
    """

    page: int
    confidence: float


@cache
def ocr_missing() -> str | None:
    """Why OCR cannot run here (what to install), or None when it can."""
    if shutil.which("tesseract") is None:
        return f"OCR needs Tesseract: {INSTALL}"
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except Exception as exc:  # a broken installation: say what it said
        return f"Tesseract does not run ({exc}); {INSTALL}"
    if LANGUAGE not in languages:
        return f"Tesseract has no Vietnamese data: {INSTALL}"
    return None


def read_page(image, name: str, number: int) -> tuple[str, OcrPage]:
    """OCR one page (a PIL image): its text, line by line, and its confidence.

    Raises:
        FileTooLarge: The picture is larger than any page.
        BadInput: Tesseract failed or ran out of time on it.
    """
    from PIL import ImageFilter, ImageOps

    if image.width * image.height > MAX_PIXELS:
        raise FileTooLarge(
            name, f"page {number} is {image.width}×{image.height} pixels, over {MAX_PIXELS:,}"
        )
    import pytesseract

    page = ImageOps.exif_transpose(image).convert("L").filter(ImageFilter.MedianFilter(3))
    try:
        data = pytesseract.image_to_data(
            page, lang=LANGUAGE, output_type=pytesseract.Output.DICT, timeout=PAGE_SECONDS
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise BadInput(name, f"OCR of page {number} took over {PAGE_SECONDS} s") from exc
    except pytesseract.TesseractError as exc:
        raise BadInput(name, f"OCR failed on page {number} ({exc.message.strip()})") from exc
    text, confidences = _lines(data)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return text, OcrPage(number, round(mean, 1))


def _lines(data: dict) -> tuple[str, list[float]]:
    """Tesseract's words put back into lines, paragraphs apart by a blank line."""
    lines: list[str] = []
    confidences: list[float] = []
    where = None
    for k, word in enumerate(data["text"]):
        if not word.strip():
            continue
        block, par, line = data["block_num"][k], data["par_num"][k], data["line_num"][k]
        if where is None or (block, par, line) != where:
            if where is not None and (block, par) != where[:2]:
                lines.append("")
            lines.append(word)
            where = (block, par, line)
        else:
            lines[-1] += " " + word
        if float(data["conf"][k]) >= 0:
            confidences.append(float(data["conf"][k]))
    return "\n".join(lines), confidences


def read_pages(
    images: Iterable, name: str, numbers: list[int] | None = None
) -> tuple[list[str], tuple[OcrPage, ...]]:
    """OCR pages (PIL images), refusing more than `MAX_OCR_PAGES`.

    Args:
        images: The pictures of the pages.
        name: The file, for errors.
        numbers: Each picture's page number in the file (1, 2, … when None).

    Raises:
        MissingTool: Tesseract or its Vietnamese data is not installed.
    """
    missing = ocr_missing()
    if missing:
        raise MissingTool(name, missing)
    if numbers is not None and len(numbers) > MAX_OCR_PAGES:
        raise FileTooLarge(name, f"{len(numbers)} pages to read by OCR, over {MAX_OCR_PAGES}")
    texts, pages = [], []
    for k, image in enumerate(images):
        if k >= MAX_OCR_PAGES:
            raise FileTooLarge(name, f"over {MAX_OCR_PAGES} pages to read by OCR")
        text, page = read_page(image, name, numbers[k] if numbers else k + 1)
        texts.append(text)
        pages.append(page)
    return texts, tuple(pages)


def read_image_file(name: str) -> tuple[list[str], tuple[OcrPage, ...]]:
    """OCR a picture file (every frame of a multi-page TIFF).

    Raises:
        CorruptFile: Not a picture PIL can read.
        FileTooLarge: A frame larger than any page.
        MissingTool: Tesseract or its Vietnamese data is not installed.
    """
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from ingest.errors import CorruptFile

    try:
        with Image.open(name) as picture:
            if picture.width * picture.height > MAX_PIXELS:
                raise FileTooLarge(
                    name, f"picture is {picture.width}×{picture.height} pixels, over {MAX_PIXELS:,}"
                )
            frames = [frame.copy() for frame in ImageSequence.Iterator(picture)]
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise CorruptFile(
            name, f"corrupt or unreadable picture ({exc.__class__.__name__})"
        ) from exc
    return read_pages(frames, name)


def render_pdf_pages(name: str, numbers: list[int]):
    """The pages of a PDF (numbered from 1) drawn as pictures at `PDF_DPI`, one at a time."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(name)
    try:
        for n in numbers:
            page = document[n - 1]
            scale = min(PDF_DPI / 72, PDF_MAX_SIDE / max(page.get_size()))
            yield page.render(scale=scale).to_pil()
    finally:
        document.close()
