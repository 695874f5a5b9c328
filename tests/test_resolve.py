"""Resolution of mentions into documents: identity, aliases, conflicts, short forms."""

from __future__ import annotations

import pytest

from ingest.clean import clean_document
from ingest.extract import find_mentions
from ingest.keys import make_key, normalize_number
from ingest.models import RawDocument
from ingest.pipeline import extract_documents
from ingest.resolve import resolve_mentions


def _doc(text: str, name: str = "t.txt"):
    return clean_document(RawDocument(name, text, "utf-8", "txt"))


def _resolve(*texts: str):
    docs = [_doc(t, f"f{i}.txt") for i, t in enumerate(texts)]
    mentions = [m for d in docs for m in find_mentions(d)]
    return mentions, resolve_mentions(mentions)


def test_party_and_state_spellings_are_one_document():
    _, res = _resolve(
        "Kế hoạch số 359/KH-TU ngày 29/4/2025 của Tỉnh ủy; Kế hoạch hành động số 359-\n\n"
        "KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy."
    )
    assert len(res.documents) == 1
    doc = res.documents[0]
    assert doc.key == "KH:359:TU:2025"
    assert doc.symbol == "359-KH/TU"
    assert set(doc.aliases) == {"359-KH/TU", "359/KH-TU"}
    assert doc.conflicts == ()


def test_same_number_different_years_stay_apart():
    _, res = _resolve(
        "Nghị quyết số 02/NQ-CP ngày 07/01/2024 của Chính phủ; "
        "Nghị quyết số 02/NQ-CP ngày 08/01/2025 của Chính phủ."
    )
    assert [d.key for d in res.documents] == ["NQ:2:CP:2024", "NQ:2:CP:2025"]


def test_type_disagreement_with_the_same_date_is_a_conflict():
    _, res = _resolve(
        "Quyết định 327/QĐ-UBND ngày 26/5/2025 về việc ban hành Kế hoạch hành động.",
        "Ban hành Kế hoạch thực hiện Quyết định số 327/KH-UBND ngày 26/5/2025 của UBND tỉnh.",
    )
    assert len(res.documents) == 1
    (conflict,) = res.documents[0].conflicts
    assert conflict.field == "type_code" and set(conflict.values) == {"QĐ", "KH"}


def test_date_disagreement_is_a_conflict():
    _, res = _resolve(
        "Kế hoạch số 02-KH/BCĐTW ngày 16/6/2025 của Ban Chỉ đạo Trung ương. "
        "Thực hiện Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương."
    )
    (doc,) = res.documents
    assert [(c.field, c.values) for c in doc.conflicts] == [("date", ("2025-06-16", "2025-06-19"))]


def test_short_form_joins_the_only_full_reference_in_the_file():
    mentions, res = _resolve(
        "Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị. "
        "Kết quả thực hiện Nghị quyết 57 trong quý III."
    )
    assert [m.short for m in mentions] == [False, True]
    assert res.keys[0] == res.keys[1] == "NQ:57:TW:2024"
    assert "Nghị quyết 57" in res.documents[0].aliases


def test_yearless_mention_joins_the_dated_one():
    mentions, res = _resolve(
        "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị.",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
    )
    assert mentions[0].year is None
    assert set(res.keys) == {"NQ:57:TW:2024"}


def test_ambiguous_short_form_is_kept_with_a_conflict():
    _, res = _resolve(
        "Kế hoạch số 01/KH-UBND-TDTU ngày 13/3/2023; Kế hoạch số 01/KH-UBND-ĐHĐN ngày 5/4/2023; "
        "việc thực hiện Kế hoạch số 01 đạt kết quả tốt."
    )
    short = [d for d in res.documents if d.issuer is None]
    assert len(short) == 1
    assert short[0].conflicts[0].field == "reference"
    assert len(short[0].conflicts[0].values) == 2


def test_short_form_without_any_full_reference_is_its_own_document():
    _, res = _resolve("Triển khai Đề án 09 trên địa bàn tỉnh; tiếp tục thực hiện Đề án 09.")
    (doc,) = res.documents
    assert doc.key == "ĐA:9:_:_" and doc.type_name == "Đề án"


def test_a_programme_known_by_its_number_is_the_decision_that_approved_it():
    mentions, res = _resolve("Triển khai Đề án 06 trên địa bàn tỉnh; thực hiện Đề án 844.")
    assert [m.type_code for m in mentions] == ["ĐA", "ĐA"]  # the mentions as written
    first, second = res.documents
    assert (first.key, first.symbol, first.date) == ("QĐ:6:TTg:2022", "06/QĐ-TTg", "2022-01-06")
    assert first.aliases == ("Đề án 06",) and first.subject.startswith("phê duyệt Đề án")
    assert second.key == "QĐ:844:TTg:2016"


def test_a_programme_the_file_names_in_full_is_that_document():
    _, res = _resolve("Đề án số 06/ĐA-UBND ngày 01/02/2024 của UBND tỉnh; triển khai Đề án 06.")
    (doc,) = res.documents
    assert doc.key.startswith("ĐA:6:UBND:2024")


def test_issuing_body_is_inferred_from_the_issuer_code_when_not_written():
    _, res = _resolve("Theo Quyết định số 861/QĐ-TTg, các xã đạt chuẩn.")
    assert res.documents[0].issuing_body == "Thủ tướng Chính phủ"


def test_keys_are_stable_across_file_order():
    a = "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ."
    b = "Thực hiện Nghị quyết 71/NQ-CP và Kế hoạch số 359-KH/TU ngày 29/4/2025."
    ex1 = extract_documents([_doc(a, "a"), _doc(b, "b")])
    ex2 = extract_documents([_doc(b, "b"), _doc(a, "a")])
    assert set(ex1[0].keys + ex1[1].keys) == set(ex2[0].keys + ex2[1].keys)


@pytest.mark.parametrize(
    ("number", "expected"), [("02", "2"), ("2", "2"), ("000", "0"), ("30c", "30c"), ("30C", "30c")]
)
def test_numbers_compare_without_leading_zeros(number, expected):
    assert normalize_number(number) == expected


def test_make_key_marks_unknown_parts():
    assert make_key("NQ", "057", None, None) == "NQ:57:_:_"


def test_local_documents_of_two_provinces_stay_apart():
    a = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 14/KH-UBND\nAn Giang, ngày 24 tháng 01 năm 2024\n"
        "KẾ HOẠCH\nThực hiện Kế hoạch số 179-KH/TU ngày 31/7/2023 của Ban Thường vụ Tỉnh ủy\n"
    )
    b = (
        "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 14/KH-UBND\nCà Mau, ngày 02 tháng 02 năm 2024\n"
        "KẾ HOẠCH\nThực hiện Kế hoạch số 179-KH/TU ngày 31/7/2023 của Ban Thường vụ Tỉnh ủy\n"
    )
    ex = extract_documents([_doc(a, "an-giang.txt"), _doc(b, "ca-mau.txt")])
    assert ex[0].owners[0].key == "KH:14:UBND:2024:an-giang"
    assert ex[1].owners[0].key == "KH:14:UBND:2024:ca-mau"
    assert ex[0].keys[1] == "KH:179:TU:2023:an-giang" != ex[1].keys[1]


def test_a_body_named_with_its_province_belongs_to_that_province():
    text = (
        "UBND TỈNH QUẢNG NGÃI\nSở Khoa học và Công nghệ\nThực hiện Nghị quyết số 09-NQ/TU ngày "
        "18/2/2022 của Ban Thường vụ Tỉnh ủy Kon Tum và Nghị quyết số 57-NQ/TW của Bộ Chính trị."
    )
    mentions, res = _resolve(text)
    assert mentions[0].locality == "kon-tum" and mentions[1].locality is None
    assert res.keys == ("NQ:9:TU:2022:kon-tum", "NQ:57:TW:_")


def test_a_plan_read_alone_takes_its_year_from_its_date_line():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 135/KH-UBND\nQuảng Ngãi, ngày 05 tháng 9 năm 2025\n"
        "KẾ HOẠCH\nTriển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n"
    )
    (ex,) = extract_documents([_doc(text)])
    assert ex.owners[0].key == "KH:135:UBND:2025:quang-ngai"
    assert ex.mentions[0].date == "2025-09-05"


def test_a_programme_joins_the_approving_decision_its_file_cites():
    _, res = _resolve(
        "Triển khai Đề án 06 (phê duyệt tại Quyết định số 06/QĐ-TTg ngày 06/01/2022 của "
        "Thủ tướng Chính phủ) trên địa bàn tỉnh."
    )
    (doc,) = res.documents
    assert doc.key == "QĐ:6:TTg:2022" and "Đề án 06" in doc.aliases
    assert not doc.conflicts
