"""Folding and Vietnamese sorting."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.text import fold, sentence_case, sort_key_vi


def test_fold_strips_diacritics_and_case():
    assert fold("NGHỊ QUYẾT Số 57-NQ/TW của Đảng") == "nghi quyet so 57-nq/tw cua dang"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_fold_keeps_length_of_nfc_text(text):
    nfc = unicodedata.normalize("NFC", text)
    assert len(fold(nfc)) == len(nfc)


def test_vietnamese_names_sort_in_vietnamese_order():
    names = ["Đặng Văn Bình", "Dương Thị Hoa", "Âu Minh", "An Khang", "Bùi Lan", "Ánh Dương"]
    assert sorted(names, key=sort_key_vi) == [
        "An Khang",
        "Ánh Dương",
        "Âu Minh",
        "Bùi Lan",
        "Dương Thị Hoa",
        "Đặng Văn Bình",
    ]


def test_tones_order_after_letters():
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=sort_key_vi) == ["ma", "mà", "mả", "mã", "má", "mạ"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BÃI BỎ CÁC QUYẾT ĐỊNH CỦA TỈNH HÀ TĨNH", "Bãi bỏ các quyết định của tỉnh hà tĩnh"),
        ("ĐÁNH GIÁ CHUNG", "Đánh giá chung"),
        ("Kế hoạch 359-KH/TU về chuyển đổi số", "Kế hoạch 359-KH/TU về chuyển đổi số"),
        ("KẾ HOẠCH 359-KH/TU", "Kế hoạch 359-KH/TU"),
        ("", ""),
    ],
)
def test_sentence_case(line, expected):
    assert sentence_case(line) == expected
