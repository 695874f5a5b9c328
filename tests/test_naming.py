"""How documents, dates and bodies are named for people (ingest/naming.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.naming import format_date, name_document, pick_body, place_body, restore_body

# (key, số hiệu, body as a file wrote it, date, full name, short name)
NAMES = [
    (
        "NQ:57:TW:2024",
        "57-NQ/TW",
        "Bo Chinh tri",  # written without diacritics in a sample report
        "2024-12-22",
        "Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)",
        "Nghị quyết 57-NQ/TW",
    ),
    (
        "KH:359:TU:2025:quang-ngai",
        "359-KH/TU",
        "Tỉnh ủy",
        "2025-04-29",
        "Kế hoạch 359-KH/TU của Tỉnh ủy Quảng Ngãi (29/04/2025)",
        "Kế hoạch 359-KH/TU (Quảng Ngãi)",
    ),
    (
        "QĐ:327:UBND:2025:quang-ngai",
        "327/QĐ-UBND",
        "UBND tỉnh",
        "2025-05-26",
        "Quyết định 327/QĐ-UBND của Ủy ban nhân dân tỉnh Quảng Ngãi (26/05/2025)",
        "Quyết định 327/QĐ-UBND (Quảng Ngãi)",
    ),
    (
        "KH:17:UBND:2025:ha-noi",
        "17/KH-UBND",
        None,  # a cited plan: its body comes from the issuer code, its place from the key
        None,
        "Kế hoạch 17/KH-UBND của Ủy ban nhân dân thành phố Hà Nội (năm 2025)",
        "Kế hoạch 17/KH-UBND (Hà Nội)",
    ),
    (
        "KH:336:TU:2025:quang-ngai",
        "336-KH/TU",
        "Ban Thuong vu Tinh ay",  # a damaged scan
        "2025-02-25",
        "Kế hoạch 336-KH/TU của Ban Thường vụ Tỉnh ủy Quảng Ngãi (25/02/2025)",
        "Kế hoạch 336-KH/TU (Quảng Ngãi)",
    ),
    (
        "NQ:71:CP:2025",
        "71/NQ-CP",
        None,
        None,
        "Nghị quyết 71/NQ-CP của Chính phủ (năm 2025)",
        "Nghị quyết 71/NQ-CP",
    ),
    (
        "NĐ:111:CP:2025",
        "111/2025/NĐ-CP",
        "Chính phủ",
        None,
        "Nghị định 111/2025/NĐ-CP của Chính phủ",  # the year is in the số hiệu already
        "Nghị định 111/2025/NĐ-CP",
    ),
    ("ĐA:6:_:_", None, None, None, "Đề án số 6", "Đề án số 6"),
    (
        "CTr:_:SKHCN:2025@3121599edd",
        None,
        None,
        None,
        "Chương trình không số của Sở Khoa học và Công nghệ (năm 2025)",
        "Chương trình không số",
    ),
]


@pytest.mark.parametrize(("key", "symbol", "body", "date", "full", "short"), NAMES)
def test_documents_are_named_as_people_name_them(key, symbol, body, date, full, short):
    assert name_document(key, symbol, body, date) == full
    assert name_document(key, symbol, body, date, full=False) == short


@pytest.mark.parametrize(
    ("body", "province", "expected"),
    [
        (
            "UBND tỉnh và Đại học Đà Nẵng",
            "quang-ngai",
            "Ủy ban nhân dân tỉnh Quảng Ngãi và Đại học Đà Nẵng",
        ),
        ("Hội đồng nhân dân", "quang-ngai", "Hội đồng nhân dân tỉnh Quảng Ngãi"),
        ("UBND Thành phố", "ha-noi", "Ủy ban nhân dân Thành phố Hà Nội"),
        ("Ủy ban nhân dân tỉnh Quảng Ngãi", "quang-ngai", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
        ("UBND tỉnh trên địa bàn tỉnh", "quang-ngai", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
        ("Sở KH&CN", "", "Sở Khoa học và Công nghệ"),
        ("Bộ Chính trị", "", "Bộ Chính trị"),
        (None, "quang-ngai", None),
    ],
)
def test_bodies_are_written_in_full_with_their_province(body, province, expected):
    assert place_body(body, province) == expected


def test_a_body_without_diacritics_unlike_any_known_one_is_kept_as_written():
    assert restore_body("Cong ty ABC") == "Cong ty ABC"


@given(st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_read_back_as_the_day_they_name(day):
    shown = format_date(day.isoformat())
    d, m, y = (int(p) for p in shown.split("/"))
    assert dt.date(y, m, d) == day and len(shown) == 10


def test_no_date_is_an_empty_string():
    assert format_date(None) == "" and format_date("") == ""


@pytest.mark.parametrize(
    ("key", "title", "full", "short"),
    [
        (
            "CTr:_:SKHCN:2025@6cfe289130",
            "Công tác 6 tháng cuối năm 2025 của Sở Khoa học và Công nghệ",
            "Chương trình công tác 6 tháng cuối năm 2025 của Sở Khoa học và Công nghệ",
            "Chương trình công tác 6 tháng cuối năm 2025 của Sở Khoa học và Công nghệ",
        ),
        (
            "BC:_:SKHCN:2025@cdd06ebb04",
            "Tình hình thực hiện kế hoạch tháng 7; nhiệm vụ trọng tâm tháng 8 năm 2025 và các "
            "giải pháp trọng tâm của những tháng cuối năm",
            "Báo cáo tình hình thực hiện kế hoạch tháng 7; nhiệm vụ trọng tâm tháng 8 năm 2025 "
            "và các giải pháp trọng tâm của những tháng cuối năm của Sở Khoa học và Công nghệ",
            "Báo cáo tình hình thực hiện kế hoạch tháng 7; nhiệm vụ trọng tâm tháng 8 năm…",
        ),
    ],
)
def test_a_document_without_a_so_hieu_is_named_by_its_title(key, title, full, short):
    assert name_document(key, title=title) == full
    assert name_document(key, title=title, full=False) == short


@pytest.mark.parametrize(
    ("key", "bodies", "expected"),
    [
        # Files citing 57-NQ/TW without its issuer gave the TW code's body; others wrote it.
        (
            "NQ:57:TW:2024",
            {"Ban Chấp hành Trung ương Đảng": 9, "Bộ Chính trị": 4, "Bo Chinh tri": 1},
            "Bộ Chính trị",
        ),
        # A reader that ran past the name: the shorter body, which begins the longer, wins.
        ("NQ:71:CP:2025", {"Chính phủ": 5, "Chính phủ sửa đổi": 2}, "Chính phủ"),
        ("NQ:71:CP:2025", {"Chính phủ sửa đổi": 2}, "Chính phủ"),
        # Abbreviations are one body with their full form.
        ("KH:1:UBND:2025:hue", {"UBND tỉnh": 3, "Ủy ban nhân dân": 2}, "Ủy ban nhân dân"),
        ("KH:1:TU:2025:hue", {"Ban Thường vụ Tỉnh ủy": 1, "Tỉnh ủy": 6}, "Ban Thường vụ Tỉnh ủy"),
        ("KH:1:_:2025", {}, None),
    ],
)
def test_the_issuer_is_the_body_files_write_not_the_codes_default(key, bodies, expected):
    assert pick_body(key, bodies) == expected
