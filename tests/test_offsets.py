"""Property tests of offsets: clean view, span map and mention offsets.

Random texts are built from Vietnamese words (upper and lower case), whitespace runs
(including "\\n \\n", "\\r\\n", tabs, no-break spaces), page-number lines, Word footnote
markers and embedded references (some split over lines). For every such text:

- `doc.text` is NFC, and `doc.text[m.start:m.end] == m.surface` for every mention;
- every non-whitespace character of the matching view maps back, through
  `doc.span_map.to_text`, to the same character of the text, in order;
- the same text in NFD gives the same document text and the same mentions.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.clean import build_clean_view, clean_document
from ingest.extract import find_mentions
from ingest.models import Document, Mention, RawDocument

WORDS = [
    "Căn",
    "cứ",
    "thực",
    "hiện",
    "triển",
    "khai",
    "của",
    "về",
    "và",
    "các",
    "ngày",
    "tháng",
    "năm",
    "số",
    "Số:",
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "tỉnh",
    "Sở",
    "Khoa",
    "học",
    "Công",
    "nghệ",
    "Bộ",
    "Chính",
    "trị",
    "Tỉnh",
    "ủy",
    "chuyển",
    "đổi",
    "số",
    "đổi",
    "mới",
    "sáng",
    "tạo",
    "nhiệm",
    "vụ",
    "giải",
    "pháp",
    "Kế",
    "hoạch",
    "Nghị",
    "quyết",
    "Quyết",
    "định",
    "Chương",
    "trình",
    "Thông",
    "báo",
    "Công",
    "văn",
    "Mẫu",
    "Điều",
    "khoản",
    "Phụ",
    "lục",
    "KẾ",
    "HOẠCH",
    "NGHỊ",
    "QUYẾT",
    "THỰC",
    "HIỆN",
    "ĐẢNG",
    "CỘNG",
    "SẢN",
    "VIỆT",
    "NAM",
    "Quyét",
    "dinh",
    "Nghi",
    "quyét",
    "s6",
    "Ké",
    "hoach",
    "sé",
    "Đề",
    "án",
    "Hướng",
    "dẫn",
    "2025",
    "2021-2025",
    "22/12/2024",
    "01.4.2025",
    "0255.3822.123",
    "1.500.000",
    "đồng",
    "03/03",
    "95%",
    "thuê",
    "bao/100",
    "I",
    "II",
    "3",
    "02",
    "6",
    "/BC-SKHCN",
    "-",
    "/",
    ",",
    ";",
    ".",
    ":",
    "(",
    ")",
    "|",
    "“",
    "”",
    "…",
    "*",
]

SPACES = [
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\n \n",
    " \n\n  ",
    "\r\n",
    "\t",
    "\u00a0",
    "\n  12  \n",
    "\n- 3 -\n",
    "\f",
]

MARKERS = ["[footnoteRef:1]", "[footnoteRef:12]", "[2:  ", "[13:\t", "]"]

REFERENCES = [
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024",
    "Kết luận số 121-KL/TW, ngày 24/01/2025",
    "Nghị quyết số 71/NQ-CP",
    "Quyết định số 04/2025/QĐ-UBND ngày 15 tháng 01 năm 2025",
    "Công văn số 1436/VP-TTXTDT",
    "Công văn số 43/SKHCN-QLKH&ĐMST ngày 07/7/2025",
    "01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP",
    "Luật số 64/2025/QH15",
    "Nghị quyết số 30c/NQ-CP",
    "QCVN 4:2009/BKHCN",
    "TCVN 9386:2012",
    "CHỈ THỊ SỐ 19/CT-TTG NGÀY 16 THÁNG 7 NĂM 2021",
    "Kế hoạch số 359-\nKH/TU",
    "Kế hoạch 82/KH-\n\nUBND",
    "Quyết \nđịnh số 489/QĐ-UBND",
    "Kế hoạch số 359-\r\nKH/TU",
    "các Quyết định số 1104/QĐ-UBND, số 1105/QĐ-UBND ngày 27/6/2025",
    "Nghị quyết 57",
    "Kế hoạch số 359",
    "Nghị định 30/2020",
    "Quyét dinh 476/QP-UBND",
    "Nghi quyét s6 57-NQ/Tw",
    "1961/QĐUBND",
    "30c/NQCP",
    "72-NQ-TW",
    "65-Ctr/TU",
    "94- KH/BTGDVTW",
    "Nghị quyết số 45-\n\nNQ/TW",
    "Nghị quyết số 45-",
    "NQ/TW",
]

TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(SPACES),
    st.sampled_from(MARKERS),
    st.sampled_from(REFERENCES),
)


@st.composite
def texts(draw) -> str:
    """Tokens, mostly separated by one space, sometimes glued or separated by a run."""
    out: list[str] = []
    for token in draw(st.lists(TOKENS, max_size=40)):
        out.append(token)
        out.append(draw(st.sampled_from([" ", " ", " ", "", "\n", "\n \n", "  "])))
    return "".join(out)


def _doc(text: str) -> Document:
    return clean_document(RawDocument("t.txt", text, "utf-8", "txt"))


def _check_mentions(doc: Document, mentions: list[Mention]) -> None:
    for m in mentions:
        assert 0 <= m.start < m.end <= len(doc.text)
        assert doc.text[m.start : m.end] == m.surface
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(texts(), st.sampled_from(["NFC", "NFD"]))
def test_mention_offsets_point_at_surface(text: str, form: str) -> None:
    doc = _doc(unicodedata.normalize(form, text))
    assert unicodedata.is_normalized("NFC", doc.text)
    _check_mentions(doc, find_mentions(doc))


@SETTINGS
@given(texts())
def test_clean_view_maps_back_to_same_characters(text: str) -> None:
    doc = _doc(text)
    positions = []
    for i, ch in enumerate(doc.clean):
        if ch.isspace():
            continue
        j = doc.span_map.to_text(i)
        assert doc.text[j] == ch, (i, ch, j)
        positions.append(j)
    assert positions == sorted(set(positions)), "the view keeps the order of the text"
    assert build_clean_view(doc.text) == (doc.clean, doc.span_map)


@SETTINGS
@given(texts())
def test_nfd_input_gives_the_same_mentions(text: str) -> None:
    nfc = _doc(unicodedata.normalize("NFC", text))
    nfd = _doc(unicodedata.normalize("NFD", text))
    assert nfd.text == nfc.text
    assert find_mentions(nfd) == find_mentions(nfc)


def test_embedded_references_are_found_with_exact_surface() -> None:
    """A fixed sanity check on the generator's material: each reference alone is found."""
    refs = ["Nghị quyết số 57-NQ/TW", "Kế hoạch số 359-\n\nKH/TU", "Quyết \nđịnh số 489/QĐ-UBND"]
    for ref in refs:
        text = f"Căn cứ[footnoteRef:1] {ref};\n \n[1:  {ref}]"
        doc = _doc(unicodedata.normalize("NFD", text))
        mentions = find_mentions(doc)
        assert [m.surface for m in mentions] == [ref, ref]
        _check_mentions(doc, mentions)
