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
    assert ("table", "Bộ Chỉ huy Quân sự tỉnh", "2025-11-30") in found  # "Bộ CHQS tỉnh"
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


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # A star left alone by a crawl closes nothing: the next basis is its own paragraph.
        (
            "*Căn cứ Luật Tổ chức chính\nquyền địa phương; *\n*Căn cứ Nghị định số\n"
            "63/2010/NĐ-CP;*\n",
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nCăn cứ Nghị định số 63/2010/NĐ-CP;",
        ),
        # The authority line, wholly bold, is not part of the title above it.
        (
            "VỀ\nVIỆC PHÊ DUYỆT CHƯƠNG TRÌNH\n**THỦ TƯỚNG CHÍNH PHỦ**\n",
            "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH\n\nTHỦ TƯỚNG CHÍNH PHỦ",
        ),
    ],
)
def test_markdown_blocks_of_a_preamble(markdown, expected):
    assert render_markdown(markdown).strip() == expected


def _edges(ex) -> set[tuple[str, str]]:
    symbols = {d.key: d.symbol for d in ex.documents}
    return {(r.relation, symbols.get(r.target) or r.target) for r in ex.relations}


def test_every_basis_of_a_can_cu_paragraph_is_a_basis(tmp_path):
    text = (
        "**QUYẾT ĐỊNH**\n\nVỀ VIỆC HỖ TRỢ NHU YẾU PHẨM\n\n**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH**\n\n"
        "Căn cứ Nghị định số 200/2023/NĐ-CP ngày 28/12/2023 của Chính phủ quy định chi tiết; "
        "Nghị định số 98/2021/NĐ-CP ngày 08/11/2021 của Chính phủ về quản lý nguồn hỗ trợ;\n\n"
        "Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ; Các Công "
        "điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày "
        "19/11/2025 của UBND tỉnh về khắc phục hậu quả lũ lụt;\n\n"
        "Căn cứ Quyết định số 1234/QĐ-UBND ngày 01/10/2025 của UBND tỉnh về việc triển khai "
        "Nghị quyết số 57-NQ/TW;\n\n"
        "**QUYẾT ĐỊNH:**\n\nĐiều 1. Hỗ trợ nhu yếu phẩm cho nhân dân.\n"
    )
    edges = _edges(_extract(tmp_path, text))
    for symbol in (
        "200/2023/NĐ-CP",
        "98/2021/NĐ-CP",
        "223/CĐ-TTg",
        "007/CĐ-UBND",
        "008/CĐ-UBND",
        "009/CĐ-UBND",
        "1234/QĐ-UBND",
    ):
        assert ("based_on", symbol) in edges, symbol
    # What a basis is about is not the document's own basis.
    assert ("based_on", "57-NQ/TW") not in edges


APPROVING_DECISION = (
    "Số: 2629/QĐ-TTg | Hà Nội, ngày 01 tháng 12 năm 2025\n\n**QUYẾT ĐỊNH**\n\n"
    "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ\n\n**THỦ TƯỚNG CHÍNH PHỦ**\n\n"
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị;\n\n"
    "**QUYẾT ĐỊNH:**\n\n"
    "**Điều 1. **Phê duyệt Chương trình phát triển Chính phủ số (sau đây gọi tắt là Chương "
    "trình), với những nội dung sau:\n\n"
    "**I. NHIỆM VỤ, GIẢI PHÁP**\n\n"
    "1. Xây dựng Luật Chuyển đổi số và các văn bản hướng dẫn thi hành.\n\n"
    "**II. TỔ CHỨC THỰC HIỆN**\n\n"
    "1. Bộ Khoa học và Công nghệ chủ trì tổng hợp tình hình thực hiện Chương trình.\n\n"
    "**Điều 2.** Quyết định này có hiệu lực thi hành kể từ ngày ký. Giao Văn phòng Chính phủ "
    "chủ trì, phối hợp với các bộ công khai kết quả thực hiện trước ngày 31/12/2026.\n\n"
    "**Điều 3.** Các Bộ trưởng chịu trách nhiệm thi hành Quyết định này.\n"
)


def test_a_programme_approved_inside_article_1_is_a_document_of_its_own(tmp_path):
    ex = _extract(tmp_path, APPROVING_DECISION)
    decision, programme = ex.owners
    assert (decision.symbol, programme.type_code) == ("2629/QĐ-TTg", "CTr")
    assert programme.title == "Chương trình phát triển Chính phủ số"
    assert decision.title == "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ"
    assert ("issues", programme.key) in _edges(ex)
    inside = [t for t in ex.tasks if programme.start <= t.start < programme.end]
    assert [t.lead_unit for t in inside] == [None, "Bộ Khoa học và Công nghệ"]


def test_a_later_sentence_that_gives_work_is_a_task(tmp_path):
    ex = _extract(tmp_path, APPROVING_DECISION)
    found = [(t.lead_unit, t.due, t.text.split()[0]) for t in ex.tasks if t.kind == "sentence"]
    assert ("Văn phòng Chính phủ", "2026-12-31", "Giao") in found
    # "… chịu trách nhiệm thi hành Quyết định này" is the closing formula, not work.
    assert not any("thi hành Quyết định này" in t.text for t in ex.tasks)


def test_a_task_restated_in_an_appended_table_is_read_once(tmp_path):
    text = (
        "**KẾ HOẠCH**\n\nCHUYỂN ĐỔI SỐ NĂM 2026\n\n**II. NHIỆM VỤ, GIẢI PHÁP**\n\n"
        "1. Xây dựng cơ sở dữ liệu dùng chung của tỉnh phục vụ chỉ đạo điều hành.\n\n"
        "2. Tổ chức tập huấn kỹ năng số cho cán bộ cấp xã trên địa bàn tỉnh.\n\n"
        "**PHỤ LỤC**\n\n"
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Xây dựng cơ sở dữ liệu dùng chung của tỉnh phục vụ chỉ đạo điều hành. | "
        "Sở Khoa học và Công nghệ | Các sở, ngành | Quý IV/2026 |\n"
    )
    ex = _extract(tmp_path, text)
    found = sorted((t.kind, t.lead_unit or "", t.due or "") for t in ex.tasks)
    assert found == [
        ("list", "", ""),
        ("table", "Sở Khoa học và Công nghệ", "2026-12-31"),
    ]


def test_a_letterhead_without_a_title_line_starts_the_body_under_it(tmp_path):
    # The title sits in a letterhead cell; the crawl's page footer carries a title word.
    text = (
        "Số: 234/CĐ-TTg | Hà Nội, ngày 30 tháng 11 năm 2025 | CÔNG ĐIỆN V/V KHẮC PHỤC HẬU QUẢ "
        "MƯA LŨ\n\n"
        "1. Bộ trưởng Bộ Tài chính chủ trì rà soát, đề xuất phương án hỗ trợ từ ngân sách "
        "trung ương, hoàn thành trước ngày 05/12/2025.\n\n"
        "Sứ mệnh của trang là tổ chức lại hệ thống văn bản pháp luật.\n\n"
        "THÔNG BÁO\n\nvề Lưu trữ, Sử dụng Thông tin Khách hàng\n"
    )
    ex = _extract(tmp_path, text)
    assert ex.owners[0].symbol == "234/CĐ-TTg"
    assert [(t.lead_unit, t.due) for t in ex.tasks] == [("Bộ trưởng Bộ Tài chính", "2025-12-05")]


@pytest.mark.parametrize(
    ("letterhead", "symbol"),
    [
        ("QUỐC HỘI\n\nLuật số: 60/2024/QH15\n\n**LUẬT**\n\nDỮ LIỆU\n", "60/2024/QH15"),
        (
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
            "Hạnh phúc--------- | Số: 1663/NQ-UBTVQH15\n\n**NGHỊ QUYẾT**\n\n"
            "Về việc sắp xếp các đơn vị hành chính cấp xã\n",
            "1663/NQ-UBTVQH15",
        ),
    ],
)
def test_the_own_number_in_a_law_or_a_letterhead_cell(tmp_path, letterhead, symbol):
    assert _extract(tmp_path, letterhead).owners[0].symbol == symbol


def test_a_page_that_is_no_document_gives_no_tasks(tmp_path):
    text = (
        "Đài Truyền hình Việt Nam\n\nĐài Truyền hình Việt Nam chủ trì, phối hợp với các đài "
        "địa phương tổ chức chương trình thời sự.\n\n"
        "Giao Bộ Văn hóa quản lý chuyên môn của Đài theo quy định.\n"
    )
    ex = _extract(tmp_path, text)
    assert not ex.owners
    assert ex.tasks == ()


def test_duties_in_an_attached_regulation_are_not_tasks(tmp_path):
    text = (
        "Số: 165/2025/QĐ-UBND | Ninh Bình, ngày 27 tháng 11 năm 2025\n\n**QUYẾT ĐỊNH**\n\n"
        "BAN HÀNH QUY CHẾ QUẢN LÝ CHỮ KÝ SỐ\n\n**QUYẾT ĐỊNH:**\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý chữ ký số.\n\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 10 tháng 12 năm 2025. Giao Sở Khoa học "
        "và Công nghệ chủ trì tổ chức tập huấn sử dụng chữ ký số trong Quý I/2026.\n\n"
        "**QUY CHẾ**\n\nQUẢN LÝ CHỮ KÝ SỐ\n\n"
        "(Ban hành kèm theo Quyết định số 165/2025/QĐ-UBND ngày 27/11/2025)\n\n"
        "Điều 16. Trách nhiệm của Sở Khoa học và Công nghệ\n\n"
        "1. Sở Khoa học và Công nghệ chủ trì hướng dẫn các cơ quan sử dụng chữ ký số.\n\n"
        "2. Sở Tài chính bố trí kinh phí hằng năm cho việc cấp chứng thư số.\n"
    )
    ex = _extract(tmp_path, text)
    assert [o.type_code for o in ex.owners] == ["QĐ", "QC"]
    assert [(t.lead_unit, t.due) for t in ex.tasks] == [("Sở Khoa học và Công nghệ", "2026-03-31")]


def test_an_article_glued_to_the_paragraph_before_starts_its_own_block():
    rendered = render_markdown(
        "Điều 1. Công bố Danh mục 03 thủ tục hành chính. (Chi tiết tại Danh mục kèm theo) "
        "Điều 2. Giao Sở Tài chính chủ trì xây dựng quy trình nội bộ.\n\n"
        "Thực hiện theo quy định tại khoản 1 Điều 2. Sở Tài chính hướng dẫn.\n"
    )
    assert rendered.split("\n\n") == [
        "Điều 1. Công bố Danh mục 03 thủ tục hành chính. (Chi tiết tại Danh mục kèm theo)",
        "Điều 2. Giao Sở Tài chính chủ trì xây dựng quy trình nội bộ.",
        "Thực hiện theo quy định tại khoản 1 Điều 2. Sở Tài chính hướng dẫn.\n",
    ]


PER_UNIT_SHAPES = (
    "**NGHỊ QUYẾT**\n\nVỀ KHẮC PHỤC HẬU QUẢ THIÊN TAI\n\n**II. NHIỆM VỤ, GIẢI PHÁP**\n\n"
    "6. Các bộ, cơ quan, địa phương theo chức năng được giao tiếp tục triển khai các giải "
    "pháp, trong đó:\n\n"
    "a) Bộ Tài chính chủ trì, phối hợp với các bộ, cơ quan, địa phương:\n\n"
    "- Tổng hợp tình hình và mức độ thiệt hại của các địa phương;\n\n"
    "- Xây dựng phương án hỗ trợ trước mắt cũng như lâu dài.\n\n"
    "b) Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương hoàn thiện hồ sơ dự án.\n\n"
    "7. Bảo đảm an sinh xã hội\n\n"
    "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:\n\n"
    "a) Thực hiện chi trả gộp 03 tháng lương hưu cho người dân.\n\n"
    "b) Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ hỗ trợ người dân dọn dẹp nhà cửa.\n\n"
    "8. Báo và Phát thanh - Truyền hình tỉnh, Sở Văn hóa, Thể thao và Du lịch:\n\n"
    "Theo chức năng, nhiệm vụ tăng cường thông tin, tuyên truyền về kế hoạch hỗ trợ.\n\n"
    "9. Sở Giáo dục và Đào tạo chủ trì số hóa hồ sơ học sinh, hoàn thành trong Quý III/2025.\n\n"
    "10. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội\n\n"
    "a) Tăng cường công tác phối hợp, hướng dẫn tổ chức các hoạt động tại cộng đồng.\n"
)


def test_per_unit_work_in_the_shapes_real_documents_use(tmp_path):
    ex = _extract(tmp_path, PER_UNIT_SHAPES)
    found = [(t.lead_unit, t.due, " ".join(t.text.split()[:3])) for t in ex.tasks]
    assert found == [
        # A lettered item naming its unit over its own bullets: the bullets are the tasks.
        ("Bộ Tài chính", None, "Tổng hợp tình"),
        ("Bộ Tài chính", None, "Xây dựng phương"),
        ("Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng", None, "Các tỉnh Nghệ"),
        # A paragraph naming the unit before its items; an item naming its own unit.
        ("Bộ Tài chính", None, "Thực hiện chi"),
        ("Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ", None, "Mặt trận Tổ"),
        # Units over a paragraph without a marker.
        ("Báo và Phát thanh - Truyền hình tỉnh", None, "Theo chức năng,"),
        # A numbered item that names its unit and deadline is read with both.
        ("Sở Giáo dục và Đào tạo", "2025-09-30", "Sở Giáo dục"),
        # Addressed without a verb: "các tổ chức" is part of the name, not the work.
        (
            "Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội",
            None,
            "Tăng cường công",
        ),
    ]


def _symbol_edges(ex) -> set[tuple[str, str, str]]:
    symbols = {d.key: d.symbol or d.key for d in ex.documents}
    return {(symbols[r.source], r.relation, symbols[r.target]) for r in ex.relations}


def test_plans_coordinated_before_what_they_carry_out_each_carry_it_out(tmp_path):
    text = (
        "Số: 50/KH-UBND | Quảng Ngãi, ngày 05 tháng 5 năm 2025\n\n**KẾ HOẠCH**\n\n"
        "Chuyển đổi số năm 2025\n\n"
        "Thực hiện Kế hoạch số 359-KH/TU ngày 14/02/2025 của Ban Thường vụ Tỉnh ủy và Quyết "
        "định số 327/QĐ-UBND ngày 10/3/2025 của UBND tỉnh về thực hiện Nghị quyết số "
        "57-NQ/TW; Kế hoạch số 187/KH-UBND ngày 18/9/2024 về việc triển khai thực hiện Nghị "
        "quyết số 107/NQ-CP ngày 09/7/2024 của Chính phủ và Chương trình hành động số "
        "42-CTr/TU thực hiện Nghị quyết số 45-NQ/TW;\n\n"
        "**I. NHIỆM VỤ**\n\n1. Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu.\n"
    )
    edges = _symbol_edges(_extract(tmp_path, text))
    assert ("359-KH/TU", "implements", "57-NQ/TW") in edges
    assert ("327/QĐ-UBND", "implements", "57-NQ/TW") in edges
    assert ("187/KH-UBND", "implements", "107/NQ-CP") in edges
    assert ("42-CTr/TU", "implements", "45-NQ/TW") in edges
    # 107 is what 187 carries out, not a plan of its own for 45.
    assert ("107/NQ-CP", "implements", "45-NQ/TW") not in edges


def test_the_signer_of_a_crawled_page_that_goes_on_after_the_document(tmp_path):
    footer = "\n\n".join(f"Văn bản liên quan số {n}: Quyết định về việc khác." for n in range(60))
    text = (
        "Số: 96/TB-VPCP | Hà Nội, ngày 20 tháng 11 năm 2025\n\n**THÔNG BÁO**\n\n"
        "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG\n\n1. Bộ Xây dựng khẩn trương hoàn thiện hồ sơ dự án.\n\n"
        "Nơi nhận:\n\n- Thủ tướng, các Phó Thủ tướng;\n\n- Lưu: VT, CN (2).\n\n"
        "KT. BỘ TRƯỞNG,\n\nCHỦ NHIỆM\n\nPHÓ CHỦ NHIỆM\n\nNguyễn Sỹ Hiệp\n\n" + footer + "\n"
    )
    ex = _extract(tmp_path, text)
    (signature,) = ex.signatures
    assert signature.name == "Nguyễn Sỹ Hiệp"
    assert signature.capacity == ("KT. BỘ TRƯỞNG,", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM")
    assert ex.document.text[signature.start : signature.end].endswith("Nguyễn Sỹ Hiệp")


DECISION_WITH_PLAN = (
    "Số: 2853/QĐ-UBND | Thành phố Hồ Chí Minh, ngày 21 tháng 11 năm 2025\n\n**QUYẾT ĐỊNH**\n\n"
    "BAN HÀNH KẾ HOẠCH NÂNG CAO NHẬN THỨC CỘNG ĐỒNG VỀ THIÊN TAI\n\n**QUYẾT ĐỊNH:**\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch nâng cao nhận thức cộng đồng.\n\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
    "Nơi nhận:\n\n- Như Điều 2;\n\n- Lưu: VT.\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nBùi Minh Thạnh\n\n"
    "**KẾ HOẠCH**\n\nNÂNG CAO NHẬN THỨC CỘNG ĐỒNG VỀ THIÊN TAI\n\n"
    "*(Ban hành kèm theo Quyết định số 2853/QĐ-UBND ngày 21 tháng 11 năm 2025)*\n\n"
    "**IV. TỔ CHỨC THỰC HIỆN**\n\n1. Sở Nông nghiệp và Môi trường:\n\n"
    "- Điều phối chung, đôn đốc việc triển khai Kế hoạch đến các sở, ngành.\n\n"
    "2. Sở Giáo dục và Đào tạo chủ trì đưa nội dung phòng chống thiên tai vào trường học, "
    "hoàn thành trong Quý II/2026.\n\n"
    "Nơi nhận:\n\n- Lưu: VT.\n\n"
    "**BÁO CÁO**\n\nTình hình (tên sinh vật gây hại) … trên địa bàn ……\n\n"
    "1. Cơ quan báo cáo:\n\n- Tổng hợp số liệu thiệt hại theo mẫu.\n"
)


def test_the_plan_a_decision_issues_after_its_signature_gives_its_tasks(tmp_path):
    ex = _extract(tmp_path, DECISION_WITH_PLAN)
    decision, plan = ex.owners
    assert (decision.symbol, plan.type_code) == ("2853/QĐ-UBND", "KH")
    assert [(t.owner, t.lead_unit, t.due) for t in ex.tasks] == [
        (plan.key, "Sở Nông nghiệp và Môi trường", None),
        (plan.key, "Sở Giáo dục và Đào tạo", "2026-06-30"),
    ]
    # What follows the plan's own "Nơi nhận" (a blank report form) assigns nothing.


def test_a_resolutions_implementation_article_split_by_the_crawl_gives_its_tasks():
    rendered = render_markdown(
        "Điều\n\n4. Điều khoản thi hành\n\n"
        "1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết. 2.\n\n"
        "Giao Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n\n"
        "Căn cứ Điều 2.\n"
    )
    assert rendered.split("\n\n") == [
        "Điều 4. Điều khoản thi hành",
        "1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết.",
        "2. Giao Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.",
        "Căn cứ Điều 2.\n",
    ]


def test_recipients_before_an_appendix_are_not_tasks(tmp_path):
    text = (
        "Số: 22/2025/NQ-HĐND | Vĩnh Long, ngày 18 tháng 11 năm 2025\n\n**NGHỊ QUYẾT**\n\n"
        "QUY ĐỊNH MỨC CHI CÁC KỲ THI\n\n**QUYẾT NGHỊ:**\n\n"
        "Điều 1. Mức chi theo Phụ lục kèm theo Nghị quyết này.\n\n"
        "Điều 2. Điều khoản thi hành\n\n"
        "1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết.\n\n"
        "Nơi nhận:\n\n- Các Bộ: Giáo dục và Đào tạo, Tài chính;\n\n- Lưu: VT.\n\n"
        "CHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC\n\nMỨC CHI TỔ CHỨC CÁC KỲ THI\n"
    )
    ex = _extract(tmp_path, text)
    assert [t.lead_unit for t in ex.tasks] == ["Ủy ban nhân dân tỉnh"]


def test_a_conclusions_item_gives_its_work_after_its_topic(tmp_path):
    text = (
        "Số: 612/TB-VPCP | Hà Nội, ngày 20 tháng 11 năm 2025\n\n**THÔNG BÁO**\n\n"
        "KẾT LUẬN CỦA THỦ TƯỚNG\n\n**II. KIẾN NGHỊ CỦA TỈNH**\n\n"
        "1. Về hỗ trợ kinh phí thực hiện dự án Bệnh án điện tử: Giao Bộ Tài chính chủ trì, "
        "phối hợp với Bộ Y tế tổng hợp kiến nghị của các địa phương, hoàn thành trong tháng "
        "12/2025.\n\n"
        "2. Về hỗ trợ xe ô tô chuyên dùng: Tỉnh căn cứ các quy định hiện hành để bố trí xe.\n"
    )
    ex = _extract(tmp_path, text)
    assert [(t.lead_unit, t.due, t.text.split()[0]) for t in ex.tasks] == [
        ("Bộ Tài chính", "2025-12-31", "Giao"),
        ("Tỉnh", None, "Tỉnh"),
    ]
    for t in ex.tasks:
        assert ex.document.text[t.start : t.end] == t.text


def test_the_texts_that_amend_a_basis_are_bases_too(tmp_path):
    text = (
        "**QUYẾT ĐỊNH**\n\nVỀ VIỆC CÔNG BỐ THỦ TỤC\n\n**BỘ TRƯỞNG BỘ CÔNG THƯƠNG**\n\n"
        "Căn cứ Nghị định số 40/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ quy định "
        "chức năng, nhiệm vụ của Bộ Công Thương, được sửa đổi bởi Nghị định số 109/2025/NĐ-CP "
        "ngày 20 tháng 5 năm 2025;\n\n"
        "Căn cứ Thông tư số 02/2017/TT-BTC ngày 06/01/2017 của Bộ trưởng Bộ Tài chính; được "
        "sửa đổi, bổ sung bởi Thông tư số 31/2023/TT-BTC ngày 25/5/2023 và Thông tư số "
        "94/2024/TT-BTC ngày 31/12/2024;\n\n"
        "Theo đề nghị của Vụ trưởng Vụ Pháp chế, trong đó có nêu Nghị định số 10/2020/NĐ-CP;\n\n"
        "**QUYẾT ĐỊNH:**\n\nĐiều 1. Công bố kèm theo Quyết định này thủ tục hành chính.\n"
    )
    edges = _edges(_extract(tmp_path, text))
    for symbol in ("40/2025/NĐ-CP", "109/2025/NĐ-CP", "02/2017/TT-BTC", "31/2023/TT-BTC"):
        assert ("based_on", symbol) in edges, symbol
    assert ("based_on", "94/2024/TT-BTC") in edges
    assert ("based_on", "10/2020/NĐ-CP") not in edges  # named in a request, not a basis


EMULATION_PLAN = """Số: 0125/KH-UBND | Đắk Lắk, ngày 20 tháng 11 năm 2025

**KẾ HOẠCH**

Tổ chức phong trào thi đua thực hiện thắng lợi cuộc bầu cử

**I. MỤC ĐÍCH, YÊU CẦU**

1. Nhằm phát huy sức mạnh đại đoàn kết toàn dân tộc trong cuộc bầu cử.

**II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA**

**1. Đối tượng thi đua**

a) Tập thể: Các cơ quan Đảng trực thuộc Tỉnh ủy, các sở, ban, ngành.

**2. Nội dung thi đua**

a) Thi đua thực hiện thành công cuộc bầu cử; kịp thời tuyên truyền kết quả bầu cử.

b) Thi đua thực hiện tốt công tác đảm bảo an ninh, trật tự trong ngày bầu cử.

**IV. SỐ LƯỢNG KHEN THƯỞNG**

a) Ban Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân.

**VI. TỔ CHỨC THỰC HIỆN**

**1. Sở Văn hóa, Thể thao và Du lịch: **Chỉ đạo các cơ quan truyền thông đẩy mạnh
tuyên truyền phong trào thi đua.

**2. Sở Nội vụ: **Tham mưu UBND tỉnh theo dõi, đôn đốc, hướng dẫn thực hiện Kế hoạch này.

Trên đây là Kế hoạch tổ chức phong trào thi đua, đề nghị các cơ quan, đơn vị triển khai
thực hiện.

**KT. CHỦ TỊCH**
"""


def test_an_emulation_plan_gives_the_work_of_its_units_not_what_they_compete_on(tmp_path):
    ex = _extract(tmp_path, EMULATION_PLAN)
    assert [(t.lead_unit, t.text.split()[0]) for t in ex.tasks] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "Chỉ"),
        ("Sở Nội vụ", "Tham"),
    ]


def test_a_unit_named_over_its_bullets_owns_them_however_long_its_name(tmp_path):
    text = (
        "Số: 12/QĐ-UBND | Đắk Lắk, ngày 02 tháng 12 năm 2025\n\n**QUYẾT ĐỊNH**\n\n"
        "Ban hành Quy trình phối hợp\n\n**QUYẾT ĐỊNH:**\n\n"
        "**I. TRÁCH NHIỆM THẨM ĐỊNH**\n\n"
        "1. Các sở, ban, ngành, địa phương có trách nhiệm thẩm định như sau:\n\n"
        "a) Sở Xây dựng\n\n- Đánh giá sự phù hợp của dự án với quy hoạch xây dựng.\n\n"
        "đ) Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh\n\n"
        "- Đánh giá sự phù hợp của dự án đầu tư với lĩnh vực an ninh, quốc phòng;\n\n"
        "- Đánh giá việc đáp ứng các điều kiện thuộc lĩnh vực quản lý.\n\n"
        "h) Các đơn vị khác\n\n"
        "Cơ quan đăng ký đầu tư có trách nhiệm lấy ý kiến cụ thể nội dung liên quan.\n"
    )
    ex = _extract(tmp_path, text)
    units = [(t.lead_unit, t.text.split()[0]) for t in ex.tasks]
    assert ("Công an tỉnh", "Đánh") in units
    assert sum(1 for unit, _w in units if unit == "Công an tỉnh") == 2
    assert not any(t.text.startswith(("Công an tỉnh", "Các đơn vị khác")) for t in ex.tasks)


def test_a_charter_issued_with_a_decision_is_an_attached_document(tmp_path):
    text = (
        "Số: 2696/QĐ-UBND | Quảng Trị, ngày 18 tháng 11 năm 2025\n\n**QUYẾT ĐỊNH**\n\n"
        "BAN HÀNH ĐIỀU LỆ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA QUỸ BẢO VỆ MÔI TRƯỜNG\n\n"
        "**QUYẾT ĐỊNH:**\n\nĐiều 1. Ban hành kèm theo Quyết định này Điều lệ tổ chức và hoạt "
        "động của Quỹ.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
        "**KT. CHỦ TỊCH**\n\n**ĐIỀU LỆ**\n\nTỔ CHỨC VÀ HOẠT ĐỘNG CỦA QUỸ BẢO VỆ MÔI TRƯỜNG\n\n"
        "*(Ban hành kèm theo Quyết định số 2696/QĐ-UBND ngày 18 tháng 11 năm 2025)*\n\n"
        "Điều 22. Trách nhiệm của Sở Tài chính\n\n"
        "Sở Tài chính có trách nhiệm hướng dẫn Quỹ thực hiện chế độ tài chính.\n"
    )
    ex = _extract(tmp_path, text)
    assert [o.type_code for o in ex.owners] == ["QĐ", "ĐL"]
    assert any(r.relation == "issues" and r.target == ex.owners[1].key for r in ex.relations)
    assert ex.tasks == ()  # a charter's articles are standing rules


DIRECTIVE = """Số: 09/CT-UBND | Cần Thơ, ngày 18 tháng 11 năm 2025

**CHỈ THỊ**

VỀ TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ, BẢO VỆ TÀI NGUYÊN NƯỚC DƯỚI ĐẤT

Thời gian qua, công tác quản lý nhà nước về tài nguyên nước đã đạt một số kết quả.

Nhằm chấn chỉnh công tác quản lý, Chủ tịch Ủy ban nhân dân thành phố yêu cầu các cơ quan tập
trung thực hiện các nhiệm vụ trọng tâm, cụ thể như sau:

**1. **Kết hợp hoặc luân phiên khai thác nước mặt với khai thác nước dưới đất, nước mưa.

**2. **Tuân thủ nguyên tắc khoanh định vùng cấm, vùng hạn chế khai thác nước dưới đất.

**3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố**

Tăng cường công tác tuyên truyền, vận động đoàn viên, hội viên tham gia bảo vệ nguồn nước.

**4. Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm**

a) Tiếp tục đầu tư, đẩy nhanh tiến độ xây dựng, mở rộng mạng lưới cấp nước.

b) Phối hợp, tạo điều kiện cho các tổ chức, cá nhân có nhu cầu đấu nối nước sạch.

**5. Các tổ chức, cá nhân và hộ gia đình khai thác nước dưới đất có trách nhiệm**

a) Thực hiện các quy định về khai thác, sử dụng tài nguyên nước dưới đất.

Trên đây là Chỉ thị về tăng cường công tác quản lý, bảo vệ tài nguyên nước dưới đất.
"""


def test_a_directive_gives_each_item_of_the_list_its_lead_in_names(tmp_path):
    ex = _extract(tmp_path, DIRECTIVE)
    assert [(t.lead_unit, " ".join(t.text.split()[:2])) for t in ex.tasks] == [
        (None, "Kết hợp"),
        (None, "Tuân thủ"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "Tăng cường"),
        ("Các đơn vị cấp nước sạch trên địa bàn thành phố", "Tiếp tục"),
        ("Các đơn vị cấp nước sạch trên địa bàn thành phố", "Phối hợp,"),
        ("Các tổ chức, cá nhân và hộ gia đình khai thác nước dưới đất", "Thực hiện"),
    ]


def test_a_lead_in_that_tells_the_situation_does_not_make_a_list_of_tasks(tmp_path):
    text = DIRECTIVE.replace(
        "Nhằm chấn chỉnh công tác quản lý, Chủ tịch Ủy ban nhân dân thành phố yêu cầu các cơ "
        "quan tập\ntrung thực hiện các nhiệm vụ trọng tâm, cụ thể như sau:",
        "Tình hình thực hiện các nhiệm vụ năm qua như sau:",
    )
    assert not any(t.text.startswith("Kết hợp") for t in _extract(tmp_path, text).tasks)


# A crawled Công văn (development part, d97b35347d17f96f.md, from its letterhead to its
# signature): the crawl put the letter's whole body in one cell of the row that holds "Nơi
# nhận" and the signature, its lines wrapped at 80 columns.
LETTER_IN_A_CELL = Path(__file__).parent / "data/reading_real/cong_van_5095_body_in_a_cell.md"


def test_a_letter_body_in_the_signature_row_keeps_its_paragraphs():
    blocks = render_markdown(LETTER_IN_A_CELL.read_text(encoding="utf-8")).split("\n\n")
    assert (
        "Nhằm đảm bảo sức khỏe cho học sinh, sinh viên và cán bộ, giáo viên, nhân viên của các "
        "đơn vị, trường học, Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường; các đơn vị, cơ "
        "sở giáo dục trực thuộc thực hiện nghiêm túc theo văn bản chỉ đạo của UBND Thành phố, "
        "chủ động điều chỉnh lịch học tập và sinh hoạt ngoài trời. Cụ thể:"
    ) in blocks
    # A bullet alone on its line starts the item its text goes on.
    assert any(b.startswith("- Trường hợp chất lượng môi trường không khí") for b in blocks)
    assert not any(b.endswith("trở lên. - Trường hợp") for b in blocks)
    # The signature's cells keep a line each, as the signature reader wants them.
    assert ["Nơi nhận:", "- Như trên;"] == blocks[blocks.index("Nơi nhận:") :][:2]
    assert blocks[-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Quang Tuấn\n"]


def test_a_letter_gives_its_items_to_the_units_it_asks(tmp_path):
    ex = _extract(tmp_path, LETTER_IN_A_CELL.read_text(encoding="utf-8"))
    assert [(t.lead_unit, " ".join(t.text.split()[:3])) for t in ex.tasks] == [
        ("Ủy ban nhân dân các xã, phường", "Thường xuyên cập"),
        ("Ủy ban nhân dân các xã, phường", "Hạn chế các"),
        ("Ủy ban nhân dân các xã, phường", "Trường hợp chất"),
        # The sender asks; the unit asked does the work.
        ("Thủ trưởng các đơn vị", "Sở Giáo dục"),
    ]
    assert ex.signatures[0].name == "Nguyễn Quang Tuấn"


@pytest.mark.parametrize(
    "closing",
    [
        "Văn phòng Chính phủ thông báo để Bộ Nông nghiệp và Môi trường và các cơ quan có liên "
        "quan biết, thực hiện./.",
        "Cục Hải quan trả lời để Công ty biết./.",
        "Cục Thuế thông báo để các Thuế tỉnh, thành phố biết và thực hiện./.",
    ],
)
def test_a_letters_closing_formula_is_not_a_task(tmp_path, closing):
    letter = LETTER_IN_A_CELL.read_text(encoding="utf-8")
    last = "Sở\nGiáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị nghiêm túc thực hiện./."
    assert last in letter
    tasks = _extract(tmp_path, letter.replace(last, closing)).tasks
    # The work was given in the sentences before it.
    assert [t.lead_unit for t in tasks] == ["Ủy ban nhân dân các xã, phường"] * 3


def test_a_unit_that_introduces_numbered_duties_leads_them(tmp_path):
    text = (
        "Số: 2519/QĐ-UBND | Cần Thơ, ngày 19 tháng 11 năm 2025\n\n**QUYẾT ĐỊNH**\n\n"
        "QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ CỦA TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\n\n"
        "**QUYẾT ĐỊNH:**\n\n"
        "Điều 1. Vị trí và chức năng\n\n"
        "1. Trung tâm Phục vụ hành chính công thành phố là tổ chức hành chính thuộc Văn phòng "
        "Ủy ban nhân dân thành phố.\n\n"
        "Điều 2. Nhiệm vụ, quyền hạn\n\n"
        "Trung tâm Phục vụ hành chính công thành phố thực hiện nhiệm vụ, quyền hạn theo quy "
        "định tại Nghị định số 118/2025/NĐ-CP, cụ thể như sau:\n\n"
        "1. Hướng dẫn, theo dõi, đôn đốc việc thực hiện công tác kiểm soát thủ tục hành chính.\n\n"
        "2. Tiếp nhận, xử lý phản ánh, kiến nghị của tổ chức, cá nhân về thủ tục hành chính.\n\n"
        "Điều 3. Tổ chức thực hiện\n\n"
        "1. Tổ chức triển khai, kiểm tra việc thực hiện Quyết định này trên địa bàn.\n\n"
        "Nơi nhận:\n\n- Lưu: VT.\n"
    )
    found = [(t.lead_unit, " ".join(t.text.split()[:2])) for t in _extract(tmp_path, text).tasks]
    centre = "Trung tâm Phục vụ hành chính công thành phố"
    # Its duties are its own; the next article's items are not.
    assert (centre, "Hướng dẫn,") in found
    assert (centre, "Tiếp nhận,") in found
    assert all(unit != centre for unit, text in found if text.startswith("Tổ chức"))


def test_a_numbered_unit_over_paragraphs_leads_the_work_they_say(tmp_path):
    text = (
        "Số: 1489/QĐ-UBND | Bắc Ninh, ngày 18 tháng 11 năm 2025\n\n**QUYẾT ĐỊNH**\n\n"
        "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH\n\n**QUYẾT ĐỊNH:**\n\n"
        "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n\n"
        "Điều 2. Giao các cơ quan, đơn vị:\n\n"
        "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh:\n\n"
        "Xây dựng quy trình nội bộ, quy trình điện tử trong giải quyết thủ tục hành chính.\n\n"
        "Thời hạn chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.\n\n"
        "2. UBND các xã, phường niêm yết công khai nội dung thủ tục hành chính.\n\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n\n- Lưu: VT.\n"
    )
    tasks = _extract(tmp_path, text).tasks
    assert [(t.lead_unit, " ".join(t.text.split()[:3])) for t in tasks] == [
        ("Sở Khoa học và Công nghệ", "Xây dựng quy"),
        ("Ủy ban nhân dân các xã, phường", "UBND các xã,"),
    ]
    # The paragraph that bounds the work in time is its deadline, not a task.
    assert tasks[0].period == "Thời hạn chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định"


def _piped(*rows: tuple[str, ...], glued: str = "", after: int = 0) -> str:
    """A table as the crawl writes it: a cell a line between lone pipes, rows split by two."""
    lines = ["|"]
    for n, row in enumerate(rows):
        for cell in row:
            lines += [cell, "|"]
        if glued and n == after:
            lines += [glued, "|"]  # the row of dots, glued to the row before it and after it
        elif n < len(rows) - 1:
            lines.append("|")
    return "\n".join(lines) + "\n"


_HEADER = (
    "TT",
    "Nội dung thực hiện",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
)


def test_a_row_of_dots_ends_a_run_of_rows_and_the_numbers_go_on_after_it(tmp_path):
    rows = (
        (*_HEADER, "Sản phẩm dự kiến"),
        ("1", "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự", "Sở Nội vụ", "Các sở", "2025", "QĐ"),
        ("2", "Ban hành Quy chế phối hợp tìm kiếm, cứu nạn", "Sở Xây dựng", "Các sở", "", "QĐ"),
        # Rows left out, then the numbers go on from 2 again.
        (
            "2",
            "Thành lập bộ máy quản lý Quỹ Phòng thủ dân sự",
            "Sở Tài chính",
            "Các sở",
            "2025",
            "QĐ",
        ),
        (
            "3",
            "Rà soát danh mục công trình phòng thủ dân sự",
            "Sở Xây dựng",
            "Các sở",
            "Tháng 12 hằng năm",
            "Báo cáo",
        ),
    )
    text = (
        "Số: 980/KH-UBND | Nghệ An, ngày 18 tháng 11 năm 2025\n\n**KẾ HOẠCH**\n\n"
        "TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH VỀ PHÒNG THỦ DÂN SỰ\n\n**PHỤ LỤC**\n\n"
        + _piped(*rows, glued="….................................", after=2)
    )
    found = [(t.text.split()[0], t.lead_unit, t.period) for t in _extract(tmp_path, text).tasks]
    assert found == [
        ("Tổ", "Sở Nội vụ", "Năm 2025"),  # a year alone is that year
        ("Ban", "Sở Xây dựng", None),
        ("Thành", "Sở Tài chính", "Năm 2025"),
        ("Rà", "Sở Xây dựng", "Tháng 12 hằng năm"),
    ]
