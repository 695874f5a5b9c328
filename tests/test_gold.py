"""The figures the extractor must hold on the hand-made gold annotation of the sample corpus."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from ingest.evaluate import evaluate_corpus
from ingest.pipeline import extract_documents, read_document
from tests.conftest import GOLD, SAMPLE, SAMPLE_FILES
from ui.records import extraction_record

GOLDEN = Path(__file__).parent / "data" / "golden"


@pytest.fixture(scope="module")
def reports():
    return {r.file[:3]: r for r in evaluate_corpus(SAMPLE, GOLD)}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_mention_f1_on_clean_files(reports, prefix):
    assert reports[prefix].mentions.f1 >= 0.98, (reports[prefix].missed, reports[prefix].extra)


def test_mention_f1_on_the_ocr_file(reports):
    assert reports["004"].mentions.f1 >= 0.95, (reports["004"].missed, reports["004"].extra)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_document_f1(reports, prefix):
    assert reports[prefix].documents.f1 >= 0.95


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:3])
def test_gold_spans_match_the_text(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = unicodedata.normalize("NFC", (SAMPLE / gold["file"]).read_text(encoding="utf-8"))
    for m in gold["mentions"]:
        assert text[m["start"] : m["end"]] == m["surface"]


def test_every_gold_alias_pair_and_conflict_is_found():
    """Aliases and conflicts the annotators recorded are found in the file they are in."""
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ex = extract_documents([read_document(SAMPLE / gold["file"])])[0]
        for g in gold["documents"]:
            written = {"".join(a.split()) for a in g["aliases"] if "/" in a}
            if not g["conflicts"] and len(written) < 2:
                continue
            found = [
                d
                for d in ex.documents
                if d.number.lstrip("0") == g["number"].lstrip("0")
                and (d.issuer or "").casefold() == (g["issuer"] or "").casefold()
                and d.year == g["year"]
            ]
            assert found, (path.name, g)
            if g["conflicts"]:
                fields = {c.field for c in found[0].conflicts}
                wanted = {c.split(":")[0] for c in g["conflicts"]}
                assert wanted <= fields, (path.name, g, found[0].conflicts)
            if len(written) > 1:
                assert written <= set(found[0].aliases), (path.name, g, found[0].aliases)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_golden_extract_output(path):
    """The full `extract` record of each sample file, held in tests/data/golden.

    Regenerate after an intended change with CHIDAO_REGEN_GOLDEN=1 and review the diff.
    """
    record = extraction_record(path.name, extract_documents([read_document(path)])[0])
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("CHIDAO_REGEN_GOLDEN"):
        golden.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert record == json.loads(golden.read_text(encoding="utf-8"))
