"""One document in every format a department keeps it in gives the same findings.

Two samples written one paragraph a line (002, a report; 003, a plan) are turned into
.docx (python-docx), .doc (LibreOffice, through .odt as Word's own files come), .html (written
here, and saved from the .docx by LibreOffice) and .md; each must give the references, own
document, tasks and edges its .txt gives.
"""

from __future__ import annotations

import html
import subprocess
from collections import Counter
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from ingest.doc import libreoffice
from ingest.keys import parse_key
from ingest.pipeline import extract_documents, read_document
from tests.conftest import SAMPLE

SAMPLES = ("002_e58cea8f1d199473", "003_8056d9e22a67d95b")
FORMATS = ("docx", "doc", "html", "html-libreoffice", "md")


def _convert(source: Path, target: str, folder: Path) -> Path:
    subprocess.run(
        [
            libreoffice(),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return folder / f"{source.stem}.{target.split(':')[0]}"


def _write_formats(text: str, folder: Path, stem: str) -> dict[str, Path]:
    lines = text.split("\n")
    files = {"txt": folder / f"{stem}.txt"}
    files["txt"].write_text(text, encoding="utf-8")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    files["docx"] = folder / f"{stem}.docx"
    document.save(files["docx"])
    files["html"] = folder / f"{stem}.html"
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    files["html"].write_text(f"<html><body>\n{paragraphs}</body></html>", encoding="utf-8")
    files["md"] = folder / f"{stem}.md"
    files["md"].write_text("\n\n".join(line.replace("\\", "\\\\") for line in lines), "utf-8")
    if libreoffice():
        odt = _convert(files["docx"], "odt", folder / "odt")
        files["doc"] = _convert(odt, "doc:MS Word 97", folder)
        # The page LibreOffice saves for the web, as a portal would publish the file.
        files["html-libreoffice"] = _convert(files["docx"], "html", folder / "libreoffice")
    return files


def _document(key: str) -> str:
    """A key without the digest that names a file's own unnumbered document (its text's)."""
    return str(replace(parse_key(key), own="own" if parse_key(key).is_own else ""))


def _findings(path: Path) -> dict:
    (ex,) = extract_documents([read_document(path)])
    return {
        "references": Counter(
            (m.type_code, m.number.lstrip("0"), m.issuer, m.year) for m in ex.mentions
        ),
        "own": sorted(_document(o.key) for o in ex.owners),
        "tasks": [(t.section, t.row, " ".join(t.text.split()), t.lead_unit) for t in ex.tasks],
        "edges": sorted(
            {(_document(r.source), r.relation, _document(r.target)) for r in ex.relations}
        ),
    }


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    return {
        stem: _write_formats((SAMPLE / f"{stem}.txt").read_text(encoding="utf-8"), folder, stem)
        for stem in SAMPLES
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", SAMPLES)
def test_every_format_gives_what_the_text_gives(written, stem, fmt):
    if fmt not in written[stem]:
        pytest.skip("LibreOffice is not installed (.ci/debian-packages installs it)")
    expected = _findings(written[stem]["txt"])
    assert sum(expected["references"].values()) > 30 and expected["own"]
    assert _findings(written[stem][fmt]) == expected


def test_a_doc_keeps_its_table_rows(tmp_path):
    if not libreoffice():
        pytest.skip("LibreOffice is not installed (.ci/debian-packages installs it)")
    page = tmp_path / "bang.html"
    page.write_text(
        "<html><body><p>Căn cứ Nghị quyết số 57-NQ/TW</p><table border='1'>"
        "<tr><td>STT</td><td>Nội dung nhiệm vụ</td><td>Đơn vị chủ trì</td></tr>"
        "<tr><td>1</td><td>Tham mưu Kế hoạch số 359-KH/TU</td><td>Sở Tài chính</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    odt = _convert(page, "odt", tmp_path / "odt")
    doc = read_document(_convert(odt, "doc:MS Word 97", tmp_path))
    assert doc.format == "doc"
    assert "1 | Tham mưu Kế hoạch số 359-KH/TU | Sở Tài chính" in doc.text.splitlines()


def test_a_broken_doc_is_refused_in_one_line(tmp_path):
    from tests.conftest import run_cli

    if not libreoffice():
        pytest.skip("LibreOffice is not installed (.ci/debian-packages installs it)")
    broken = tmp_path / "hong.doc"
    broken.write_bytes(b"MZ\x90\x00 a program, not a Word file")
    result = run_cli("extract", str(broken))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "hong.doc" in result.stderr
