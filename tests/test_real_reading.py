"""The Markdown reader, running-text assignments and due dates, on shapes from real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.dates import read_due
from ingest.evaluate_real import is_test_file, symbol_parts
from ingest.markdown import render_markdown
from ingest.pipeline import extract_documents, read_document

# A crawled letterhead: cells one per line between lone pipes, bold split over lines, the
# body glued to the last pipe; then a plan with assignment lines and a task table.
CRAWLED_PLAN = """|
**ỦY BAN NHÂN DÂN
**
TỈNH NGHỆ AN
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
|
Số: 0980/KH-UBND
|
*Nghệ An, ngày 18
tháng 11 năm 2025*
|
**KẾ HOẠCH**
TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH
Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ.
**I. MỤC ĐÍCH, YÊU CẦU**
- Bảo đảm sự chỉ đạo thống nhất của Ủy ban nhân dân tỉnh trong triển khai.

**II. NỘI DUNG**

**1. Phổ biến, giáo dục Nghị
định**

- Cơ quan chủ trì: Sở Tư pháp.

- Cơ quan phối hợp: Sở Nội vụ.

- Thời gian thực hiện: Quý IV/2025.

**III. TỔ CHỨC THỰC HIỆN**

1.

Sở Tài chính:

- Bố trí kinh phí thực hiện Kế hoạch theo quy định hiện hành.

- Hướng dẫn các đơn vị thanh quyết toán kinh phí đúng quy định.

2. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính hướng dẫn thanh toán chi phí, hoàn thành
trước ngày 15/12/2025.

|
TT
|
Nội dung thực hiện
|
Cơ quan chủ trì
|
Cơ quan phối hợp
|
Thời gian hoàn thành
|
|
1
|
Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh
|
Bộ CHQS tỉnh
|
|
Trước ngày
30/11/2025
|

"""


def test_markdown_table_rows_keep_their_columns_and_empty_cells():
    rendered = render_markdown(CRAWLED_PLAN)
    assert (
        "TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"
        in (rendered)
    )
    # The empty partner cell stays in place, so the deadline stays in its column.
    assert "1 | Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh | Bộ CHQS tỉnh |  | " in rendered


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**I. NHIỆM VỤ**\n", "I. NHIỆM VỤ"),
        ("**1. Phổ biến Nghị\nđịnh**\n", "1. Phổ biến Nghị định"),
        ("IV.\n\nPHÂN CÔNG NHIỆM VỤ\n", "IV. PHÂN CÔNG NHIỆM VỤ"),
        ("Điều 4.\n\nTrách nhiệm tổ chức thực hiện\n", "Điều 4. Trách nhiệm tổ chức thực hiện"),
        ("a) Một việc\nb) Việc khác\n", "a) Một việc\n\nb) Việc khác"),
        ("Dòng bị ngắt\ngiữa câu.\n", "Dòng bị ngắt giữa câu."),
        ("*Hà Nội, ngày 1\ntháng 2 năm 2025*\n", "Hà Nội, ngày 1 tháng 2 năm 2025"),
    ],
)
def test_markdown_blocks(markdown, expected):
    assert render_markdown(markdown).strip() == expected


def _extract(tmp_path: Path, text: str):
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    return extract_documents([read_document(path)])[0]


def test_crawled_plan_gives_its_number_and_tasks(tmp_path):
    ex = _extract(tmp_path, CRAWLED_PLAN)
    assert ex.owners[0].symbol == "0980/KH-UBND"
    found = {(t.kind, t.lead_unit, t.due) for t in ex.tasks}
    # An item with assignment lines (read by the list reader, which owns numbered items).
    assert ("list", "Sở Tư pháp", "2025-12-31") in found
    assert ("unit", "Sở Tài chính", None) in found
    assert ("sentence", "Sở Y tế", "2025-12-15") in found
    assert ("table", "Bộ CHQS", "2025-11-30") in found
    # Requirements describe; they are not tasks.
    assert not any("Bảo đảm sự chỉ đạo" in t.text for t in ex.tasks)
    units = [t for t in ex.tasks if t.kind == "unit"]
    assert [t.text.split()[0] for t in units] == ["Bố", "Hướng"]


def test_conclusion_sentences_assign_to_the_unit_named(tmp_path):
    text = (
        "**THÔNG BÁO**\n\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG\n\n**II. KẾT LUẬN**\n\n"
        "1. Bộ Xây dựng khẩn trương hoàn thiện hồ sơ dự án, báo cáo Thủ tướng Chính phủ "
        "trong tháng 12/2025.\n\n"
        "2. Trường hợp phát sinh vướng mắc, các cơ quan báo cáo cấp có thẩm quyền xem xét.\n"
    )
    ex = _extract(tmp_path, text)
    assert [(t.lead_unit, t.due) for t in ex.tasks] == [("Bộ Xây dựng", "2025-12-31")]


@pytest.mark.parametrize(
    ("written", "year", "due"),
    [
        ("Quý IV/2025", None, ("2025-12-31", None)),
        ("Quý III", 2025, ("2025-09-30", None)),
        ("Tháng 12/2025", None, ("2025-12-31", None)),
        ("Trước ngày 15/9/2025", None, ("2025-09-15", None)),
        ("trước ngày 19 tháng 12 năm 2025", None, ("2025-12-19", None)),
        ("Năm 2025", None, ("2025-12-31", None)),
        ("2026 - 2030", None, ("2030-12-31", "2026-01-01")),
        ("6 tháng cuối năm 2025", None, ("2025-12-31", None)),
        ("Thường xuyên", 2025, None),
        ("Năm 2025 và các năm tiếp theo", None, None),
        ("Hằng năm", 2025, None),
        ("31/02/2025", None, None),
        ("", 2025, None),
    ],
)
def test_due_dates(written, year, due):
    found = read_due(written, year)
    assert (None if found is None else (found.end, found.start)) == due


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("0129/KH-UBND", "129/KH-UBND", True),
        ("359-KH/TU", "359-KH/TU", True),
        ("73/2025/NQ-HĐND", "73/2025/NQ-HDND", True),
        ("172/KH-UBND", "172/QĐ-UBND", False),
    ],
)
def test_symbol_parts_compare_as_users_read(a, b, same):
    assert (symbol_parts(a) == symbol_parts(b)) is same


def test_split_by_file_name():
    assert is_test_file("0abc.md") and is_test_file("2f6f.md")
    assert not is_test_file("3abc.md") and not is_test_file("fabc.md")


FIELDS_PLAN = (
    "**KẾ HOẠCH**\n\nTRIỂN KHAI LUẬT\n\n**II. NỘI DUNG**\n\n"
    "**a) Tập huấn nghiệp vụ**\n\n"
    "- Nội dung thực hiện: Tổ chức tập huấn cho cán bộ làm công tác việc làm.\n\n"
    "- Cơ quan chủ trì: Sở Nội vụ.\n\n"
    "- Thời gian thực hiện: trước ngày 19 tháng 12 năm 2025.\n\n"
    "**b) Sơ kết**\n\n"
    "Giao Sở Tư pháp chủ trì sơ kết việc thi hành Luật, hoàn thành trước ngày 19 tháng 12 "
    "năm 2025.\n"
)


def test_running_text_tasks_point_at_their_text(tmp_path):
    ex = _extract(tmp_path, FIELDS_PLAN)
    running = [t for t in ex.tasks if t.kind in ("fields", "unit", "sentence", "item")]
    assert [t.kind for t in running] == ["fields", "sentence"]
    for t in running:
        assert ex.document.text[t.start : t.end] == t.text


def test_a_deadline_day_written_in_words_is_kept(tmp_path):
    ex = _extract(tmp_path, FIELDS_PLAN)
    assert [(t.lead_unit, t.due) for t in ex.tasks] == [
        ("Sở Nội vụ", "2025-12-19"),
        ("Sở Tư pháp", "2025-12-19"),
    ]
