"""Word 97–2003 documents (.doc): converted to .docx by LibreOffice, then read as .docx.

Chosen by measurement over antiword (both from Debian): antiword writes a table as boxes of
80-column text, each cell's words wrapped over several lines, so a work programme's rows no
longer hold their cells; LibreOffice converts the file to .docx with its tables, list
numbering and footnotes, which the .docx reader already reads, so a .doc gives what the same
document gives as .docx. It costs a second or two a file (LibreOffice starting), which a
folder of old documents can afford.

LibreOffice runs headless with a profile of its own in a temporary folder (so it neither
uses nor disturbs a user's LibreOffice, and several can run at once) and a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.errors import BadInput, CorruptFile
from ingest.ocr import MissingTool

INSTALL = "install Debian's libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui)"
CONVERT_SECONDS = 120


def libreoffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# What a file named .doc starts with: Word 97–2003 (an OLE2 compound file), or the RTF, HTML
# or Word 2003 XML that Word also saves under that name. LibreOffice would read anything else
# as plain text, a program's bytes included.
_DOC_HEADERS = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"<", b"\xef\xbb\xbf<")


def _looks_like_doc(name: str) -> bool:
    with open(name, "rb") as fh:
        head = fh.read(512).lstrip(b" \t\r\n")
    return head.startswith(_DOC_HEADERS)


def convert_to_docx(name: str, folder: Path) -> Path:
    """Convert a .doc to a .docx inside `folder` (a temporary folder the caller owns).

    Raises:
        MissingTool: LibreOffice is not installed.
        BadInput: The conversion ran out of time.
        CorruptFile: LibreOffice could not read the file.
    """
    if not _looks_like_doc(name):
        raise CorruptFile(name, "not a Word 97–2003 document (no Word, RTF or HTML header)")
    program = libreoffice()
    if program is None:
        raise MissingTool(name, f"reading .doc needs LibreOffice: {INSTALL}")
    source = folder / "input.doc"  # a plain name: LibreOffice names its output after it
    shutil.copyfile(name, source)
    command = [
        program,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(folder / "out"),
        str(source),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BadInput(name, f"LibreOffice took over {CONVERT_SECONDS} s to convert it") from exc
    converted = folder / "out" / "input.docx"
    if not converted.is_file() or converted.stat().st_size == 0:
        raise CorruptFile(name, "corrupt or unreadable .doc (LibreOffice could not convert it)")
    return converted


def read_doc(name: str, read_docx) -> str:
    """The text of a .doc, read by `read_docx` from its conversion; errors name the .doc."""
    with tempfile.TemporaryDirectory(prefix="chidao-doc-") as tmp:
        converted = convert_to_docx(name, Path(tmp))
        try:
            text, _ = read_docx(str(converted))
        except BadInput as err:
            raise type(err)(name, err.reason) from err
    return text
