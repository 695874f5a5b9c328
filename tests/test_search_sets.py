"""The query sets of the realistic archives still match the text the readers give.

A change of a reader (the Markdown renderer joining a crawled letter's wrapped lines, say)
may move or split a snippet a query set quotes; `chidao eval --search` would then stop on
`BadQuerySet`. Each set is checked against the files of its archive.
"""

from __future__ import annotations

import json

import pytest

from chidao.evaluation import EvaluationInputMissing, corpus_files
from ingest.clean import normalize_text
from ingest.pipeline import read_document
from search.evaluate import relevant_spans
from tests.conftest import ROOT

SETS = ROOT / "tests" / "data" / "search_real"


@pytest.fixture(scope="module")
def texts():
    try:
        files = corpus_files(SETS / "wider.list")  # archive.list's files and 20 more
    except EvaluationInputMissing:
        pytest.skip("../shared/corpus-real is not beside the project")
    return {p.name: read_document(p).text for p in files}


@pytest.mark.parametrize("name", ["test", "dev", "wider"])
def test_every_query_snippet_is_in_its_file(texts, name):
    queries = json.loads((SETS / f"{name}_queries.json").read_text(encoding="utf-8"))
    spans = relevant_spans(queries, texts)
    assert len(spans) == len(queries)
    assert {q["kind"] for q in queries} == {"exact", "nodiac", "paraphrase"}


@pytest.mark.parametrize("name", ["test", "dev", "wider"])
def test_every_question_source_is_in_its_file(texts, name):
    questions = json.loads((SETS / f"{name}_questions.json").read_text(encoding="utf-8"))
    for q in questions:
        source = q["expect"].get("source")
        if source:
            assert normalize_text(source["text"]) in texts[source["file"]], q["id"]
