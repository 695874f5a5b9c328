"""The vocabulary of headings and table columns, read from ingest/data/vocabulary.yaml."""

from __future__ import annotations

import re

import pytest

from ingest.text import fold
from ingest.vocabulary import alternation, load_vocabulary


@pytest.mark.parametrize(
    ("heading", "kind", "found"),
    [
        ("III. TỔ CHỨC THỰC HIỆN", "implementation", True),
        ("2. Nhiệm vụ, giải pháp trọng tâm", "items", True),
        ("I. MỤC ĐÍCH, YÊU CẦU", "descriptive", True),
        ("Thành phần hồ sơ", "procedure", True),
        ("Mẫu số 01", "procedure", True),
        ("II. NHIỆM VỤ TRỌNG TÂM", "descriptive", False),
        ("Kinh phí thực hiện", "not_task_lists", False),
    ],
)
def test_a_heading_is_found_by_its_words_with_or_without_diacritics(heading, kind, found):
    pattern = re.compile(load_vocabulary().heading_pattern(kind))
    for written in (heading, fold(heading)):
        assert bool(pattern.search(fold(written).lower())) is found


def test_the_columns_are_tried_in_the_order_written():
    columns = dict(load_vocabulary().table_columns)
    assert list(columns)[:3] == ["content", "leader", "lead"]
    assert re.search(alternation(columns["lead"]), fold("Đơn vị chủ trì").lower())


def test_every_phrase_is_kept_folded_once():
    vocabulary = load_vocabulary()
    lists = [*vocabulary.headings.values(), *(p for _, p in vocabulary.table_columns)]
    for phrases in lists:
        assert len(set(phrases)) == len(phrases)
        assert all(p == " ".join(fold(p).split()) for p in phrases)
    assert {"stt", "chu", "tri", "phoi", "hop"} <= vocabulary.table_header_words
