"""Tasks, relations and own documents read from small hand-written documents.

Each fixture is a short Vietnamese text in one of the shapes the corpus has: a PDF text
export of a task table (cells one after another, line by line, blank lines between lines,
the header repeated after a page break), a flattened "a | b | c" table as the .docx reader
writes it, tables with group rows, numbered lists of nhiệm vụ with inline fields, lists
that are not tasks, whole plans, decisions and reports, and sentences that state (or do
not state) relations between documents.

Expectations are what a careful reader gets from the text, following
tests/data/gold_structure/GUIDELINES.md and shared/spec/cli-contract.md. Documents are
written by số hiệu; the file's own document is written by its số hiệu when it has one,
else "SELF" (and "SELF+1" for a document attached to it). A case the extractor gets
wrong today is kept and marked xfail(strict=True) with the cause, so that it turns red
(XPASS) the day the code is fixed and the mark must go.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import pytest

from ingest.clean import clean_document
from ingest.models import RawDocument, Task
from ingest.pipeline import Extraction, extract_documents


def _pdf(*lines: str) -> str:
    """Lines as a PDF text export writes them: a trailing space and a blank line after each.

    A line that opens a new page starts with one space, as in the exports.
    """
    return "".join(f"{line} \n\n" for line in lines)


@cache
def extract(text: str) -> Extraction:
    raw = RawDocument("plan.txt", text, "utf-8", "txt")
    return extract_documents([clean_document(raw)])[0]


def _labels(ex: Extraction) -> dict[str, str]:
    """Key -> số hiệu; the file's own documents without a number are SELF, SELF+1, ..."""
    labels = {d.key: d.symbol or d.key for d in ex.documents}
    for n, own in enumerate(ex.owners):
        labels[own.key] = own.symbol or ("SELF" if n == 0 else f"SELF+{n}")
    return labels


def relations(text: str) -> set[tuple[str, str, str]]:
    ex = extract(text)
    label = _labels(ex)
    return {(label[r.source], r.relation, label[r.target]) for r in ex.relations}


class T(NamedTuple):
    """A task as expected: cited documents by số hiệu, the whole text (spaces collapsed)."""

    section: str
    row: str
    text: str
    lead_units: tuple[str, ...] = ()
    coop_units: tuple[str, ...] = ()
    leader: str | None = None
    period: str | None = None
    cites: tuple[str, ...] = ()


def _as_expected(task: Task, ex: Extraction) -> T:
    label = _labels(ex)
    return T(
        task.section,
        task.row,
        task.text,
        task.lead_units,
        task.coop_units,
        task.directing_leader,
        task.period,
        tuple(label[k] for k in task.cites),
    )


def _xfail(*values, reason: str | None, ident: str | None = None):
    if reason is None:  # fixed: the case is an ordinary one now
        return pytest.param(*values, id=ident)
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=ident)


def _broken(row: T, reason: str):
    """An expected task row that the extractor gets wrong today."""
    return _xfail(row, reason=reason)


# --- Why the cases marked xfail fail today -------------------------------------------------
WHY_BARE_GROUP_ROW = None  # fixed
WHY_GROUP_RESTART = None  # fixed
WHY_COMMA_BEFORE_SO = None  # fixed
WHY_WRAPPED_PERIOD = None  # fixed
WHY_TITLE_TAKES_PREAMBLE = None  # fixed
WHY_TITLE_INTO_PREAMBLE = None  # fixed
WHY_THUC_HIEN_CONG_VAN = None  # fixed
WHY_WRAPPED_CAN_CU = None  # fixed
WHY_SUBSECTION_LIST = None  # fixed


# --- 1. PDF export: cells one after another, line by line -----------------------------------
_PDF_HEADER = (
    "TT Nội dung",
    "Lãnh đạo",
    "Sở chỉ",
    "đạo",
    "Phòng/Đơn vị chủ",
    "trì",
    "Phòng/Đơn vị phối",
    "hợp",
    "Ghi",
    "chú",
)
PDF_TABLE = _pdf(
    "II. NHIỆM VỤ CỤ THỂ",
    *_PDF_HEADER,
    "1.",
    "Tham mưu UBND tỉnh ban hành Kế hoạch chuyển đổi số ngành khoa học và công nghệ",
    "giai đoạn 2025 - 2030 theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
    "PGĐ Sở",
    "Nguyễn Văn",
    "An",
    "Phòng QLCN",
    "Văn phòng Sở, Trung",
    "tâm ĐLCL",
    "2.",
    "Rà soát, đánh giá hiện trạng tiềm lực khoa học và công nghệ của các tổ chức, doanh",
    "nghiệp trên địa bàn tỉnh; đề xuất danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh",
    "2",  # the page number
    " " + _PDF_HEADER[0],  # the next page opens with the header again
    *_PDF_HEADER[1:],
    "đặt hàng thực hiện từ năm 2026 gắn với nhu cầu thực tiễn của địa phương.",
    "Giám đốc Sở",
    "Phòng KH-CN",
    "Các phòng, đơn vị",
    "thuộc Sở",
    "3",
    "Tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi năm 2025; hỗ trợ",
    "tối thiểu 05 dự án khởi nghiệp tham gia cuộc thi khởi nghiệp cấp quốc gia.",
    "PGĐ Sở",
    "Trần Thị",
    "Bình",
    "Phòng KH-CN Văn phòng Sở",  # two cells on one line
    "4.",
    "Kiểm tra việc chấp hành pháp luật về tiêu chuẩn, đo lường, chất lượng đối với hàng",
    "đóng gói sẵn lưu thông trên thị trường theo kế hoạch được phê duyệt.",
    "PGĐ Sở",
    "Nguyễn Văn",
    "An",
    "Chi cục TCĐLCL",
    "Thanh tra Sở",
    "Kinh phí sự nghiệp",  # the Ghi chú cell
    "khoa học",
    "5.",
    "Tham mưu tổ chức Hội nghị sơ kết 6 tháng thực hiện Nghị quyết số 57-NQ/TW trong ngành",
    "khoa học và công nghệ tỉnh Giám đốc Sở",  # the leader cell starts at the line's end
    "Văn phòng Sở",
    "Các phòng, đơn vị",
    "thuộc Sở",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT, VP.",
)
PDF_TABLE_TASKS = [
    T(
        "II",
        "1",
        "Tham mưu UBND tỉnh ban hành Kế hoạch chuyển đổi số ngành khoa học và công nghệ "
        "giai đoạn 2025 - 2030 theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
        ("Phòng QLCN",),
        ("Văn phòng Sở", "Trung tâm ĐLCL"),
        "PGĐ Sở Nguyễn Văn An",
        None,
        ("57-NQ/TW",),
    ),
    T(
        "II",
        "2",
        "Rà soát, đánh giá hiện trạng tiềm lực khoa học và công nghệ của các tổ chức, doanh "
        "nghiệp trên địa bàn tỉnh; đề xuất danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh "
        "đặt hàng thực hiện từ năm 2026 gắn với nhu cầu thực tiễn của địa phương.",
        ("Phòng KH-CN",),
        ("Các phòng, đơn vị thuộc Sở",),
        "Giám đốc Sở",
    ),
    T(
        "II",
        "3",
        "Tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi năm 2025; hỗ trợ "
        "tối thiểu 05 dự án khởi nghiệp tham gia cuộc thi khởi nghiệp cấp quốc gia.",
        ("Phòng KH-CN",),
        ("Văn phòng Sở",),
        "PGĐ Sở Trần Thị Bình",
    ),
    T(
        "II",
        "4",
        "Kiểm tra việc chấp hành pháp luật về tiêu chuẩn, đo lường, chất lượng đối với hàng "
        "đóng gói sẵn lưu thông trên thị trường theo kế hoạch được phê duyệt.",
        ("Chi cục TCĐLCL",),
        ("Thanh tra Sở",),
        "PGĐ Sở Nguyễn Văn An",
    ),
    T(
        "II",
        "5",
        "Tham mưu tổ chức Hội nghị sơ kết 6 tháng thực hiện Nghị quyết số 57-NQ/TW trong ngành "
        "khoa học và công nghệ tỉnh",
        ("Văn phòng Sở",),
        ("Các phòng, đơn vị thuộc Sở",),
        "Giám đốc Sở",
        None,
        ("57-NQ/TW",),
    ),
]

# A PDF-export table with a period column whose cells wrap in a narrow column.
PDF_PERIOD_TABLE = _pdf(
    "III. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
    "STT Nội dung công việc",
    "Đơn vị chủ",
    "trì",
    "Đơn vị phối",
    "hợp",
    "Thời gian",
    "hoàn thành",
    "1",
    "Xây dựng cơ sở dữ liệu về tổ chức khoa học và công nghệ, chuyên gia, nhà khoa học",
    "của tỉnh, kết nối với cơ sở dữ liệu quốc gia.",
    "Trung tâm",
    "CĐS&ĐMST",
    "- Văn phòng Sở;",
    "- Phòng QLKH",
    "Quý III/2025",
    "2",
    "Tổ chức cuộc thi ý tưởng khởi nghiệp đổi mới sáng tạo dành cho học sinh, sinh viên",
    "trên địa bàn tỉnh năm 2025.",
    "Phòng QLKH",
    "Sở Giáo dục và Đào",
    "tạo; Tỉnh đoàn",
    "Tháng",
    "10/2025",
    "3",
    "Theo dõi, đôn đốc việc thực hiện Chương trình hành động số 06-CTr/TU ngày",
    "15/3/2025 của Tỉnh ủy.",
    "Văn phòng Sở",
    "Các phòng, đơn vị",
    "thuộc Sở",
    "Thường",
    "xuyên",
)
PDF_PERIOD_TABLE_TASKS = [
    T(
        "III",
        "1",
        "Xây dựng cơ sở dữ liệu về tổ chức khoa học và công nghệ, chuyên gia, nhà khoa học "
        "của tỉnh, kết nối với cơ sở dữ liệu quốc gia.",
        ("Trung tâm CĐS&ĐMST",),
        ("Văn phòng Sở", "Phòng QLKH"),
        None,
        "Quý III/2025",
    ),
    _broken(
        T(
            "III",
            "2",
            "Tổ chức cuộc thi ý tưởng khởi nghiệp đổi mới sáng tạo dành cho học sinh, sinh "
            "viên trên địa bàn tỉnh năm 2025.",
            ("Phòng QLKH",),
            ("Sở Giáo dục và Đào tạo", "Tỉnh đoàn"),
            None,
            "Tháng 10/2025",
        ),
        WHY_WRAPPED_PERIOD,
    ),
    _broken(
        T(
            "III",
            "3",
            "Theo dõi, đôn đốc việc thực hiện Chương trình hành động số 06-CTr/TU ngày "
            "15/3/2025 của Tỉnh ủy.",
            ("Văn phòng Sở",),
            ("Các phòng, đơn vị thuộc Sở",),
            None,
            "Thường xuyên",
            ("06-CTr/TU",),
        ),
        WHY_WRAPPED_PERIOD,
    ),
]

# --- 2. Flattened table, one row per line (the .docx reader) --------------------------------
PIPED_TABLE = """III. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN
TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm
1 | Xây dựng Đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh giai đoạn \
2026 - 2030 | Sở Khoa học và Công nghệ | Sở Tài chính; Sở Nội vụ | Quý III/2025 | Đề án
2 | Triển khai Kế hoạch số 01-KH/BCĐTW ngày 21/3/2025 của Ban Chỉ đạo Trung ương về \
phong trào "Bình dân học vụ số" | Sở Giáo dục và Đào tạo | Sở Khoa học và Công nghệ, \
UBND các xã, phường | Tháng 10/2025 | Báo cáo kết quả
3 | Tuyên truyền, phổ biến các chủ trương về phát triển khoa học, công nghệ, đổi mới \
sáng tạo và chuyển đổi số | Sở Văn hóa, Thể thao và Du lịch | Báo và Phát thanh, Truyền \
hình Quảng Ngãi | Thường xuyên | Tin, bài
4 | Rà soát, cắt giảm thủ tục hành chính trong lĩnh vực khoa học và công nghệ | Sở Khoa \
học và Công nghệ |  | Tháng 12/2025 | Quyết định công bố
IV. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành, địa phương căn cứ nhiệm vụ được giao xây dựng kế hoạch chi tiết.
2. Sở Khoa học và Công nghệ theo dõi, tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025.
"""
PIPED_TABLE_TASKS = [
    T(
        "III",
        "1",
        "Xây dựng Đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh giai đoạn "
        "2026 - 2030",
        ("Sở Khoa học và Công nghệ",),
        ("Sở Tài chính", "Sở Nội vụ"),
        None,
        "Quý III/2025",
    ),
    _broken(
        T(
            "III",
            "2",
            "Triển khai Kế hoạch số 01-KH/BCĐTW ngày 21/3/2025 của Ban Chỉ đạo Trung ương về "
            'phong trào "Bình dân học vụ số"',
            ("Sở Giáo dục và Đào tạo",),
            ("Sở Khoa học và Công nghệ", "Ủy ban nhân dân các xã, phường"),
            None,
            "Tháng 10/2025",
            ("01-KH/BCĐTW",),
        ),
        WHY_COMMA_BEFORE_SO,
    ),
    T(
        "III",
        "3",
        "Tuyên truyền, phổ biến các chủ trương về phát triển khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số",
        ("Sở Văn hóa, Thể thao và Du lịch",),
        ("Báo và Phát thanh, Truyền hình Quảng Ngãi",),
        None,
        "Thường xuyên",
    ),
    T(
        "III",
        "4",
        "Rà soát, cắt giảm thủ tục hành chính trong lĩnh vực khoa học và công nghệ",
        ("Sở Khoa học và Công nghệ",),
        (),
        None,
        "Tháng 12/2025",
    ),
]

# --- 3. Group rows "I", "II" between numbered rows ------------------------------------------
PDF_GROUPED_TABLE = _pdf(
    "II. NHIỆM VỤ CỤ THỂ",
    *_PDF_HEADER[:-2],
    "I",
    "NHIỆM VỤ TRỌNG TÂM",
    "1.",
    "Tham mưu xây dựng cơ chế, chính sách hỗ trợ doanh nghiệp đổi mới công nghệ, ứng",
    "dụng trí tuệ nhân tạo trong sản xuất, kinh doanh.",
    "Giám đốc Sở",
    "Phòng QLCN",
    "Văn phòng Sở",
    "2.",
    "Hướng dẫn các tổ chức, cá nhân xác lập quyền sở hữu công nghiệp đối với sản phẩm",
    "đặc trưng của địa phương.",
    "PGĐ Sở",
    "Lê Minh",
    "Tuấn",
    "Phòng QLCN",
    "II",
    "NHIỆM VỤ THƯỜNG XUYÊN",
    "3.",
    "Thẩm định công nghệ các dự án đầu tư theo đề nghị của cơ quan có thẩm quyền theo",
    "đúng thời hạn quy định.",
    "PGĐ Sở",
    "Lê Minh",
    "Tuấn",
    "Phòng QLCN",
    "Thanh tra Sở",
    "4.",
    "Tổng hợp, báo cáo định kỳ tình hình thực hiện nhiệm vụ của Sở gửi UBND tỉnh và Bộ",
    "Khoa học và Công nghệ.",
    "Giám đốc Sở",
    "Văn phòng Sở",
    "Các phòng, đơn vị",
    "thuộc Sở",
)
PDF_GROUPED_TABLE_TASKS = [
    _broken(
        T(
            "II.I",
            "1",
            "Tham mưu xây dựng cơ chế, chính sách hỗ trợ doanh nghiệp đổi mới công nghệ, ứng "
            "dụng trí tuệ nhân tạo trong sản xuất, kinh doanh.",
            ("Phòng QLCN",),
            ("Văn phòng Sở",),
            "Giám đốc Sở",
        ),
        WHY_BARE_GROUP_ROW,
    ),
    _broken(
        T(
            "II.I",
            "2",
            "Hướng dẫn các tổ chức, cá nhân xác lập quyền sở hữu công nghiệp đối với sản phẩm "
            "đặc trưng của địa phương.",
            ("Phòng QLCN",),
            (),
            "PGĐ Sở Lê Minh Tuấn",
        ),
        WHY_BARE_GROUP_ROW,
    ),
    _broken(
        T(
            "II.II",
            "3",
            "Thẩm định công nghệ các dự án đầu tư theo đề nghị của cơ quan có thẩm quyền theo "
            "đúng thời hạn quy định.",
            ("Phòng QLCN",),
            ("Thanh tra Sở",),
            "PGĐ Sở Lê Minh Tuấn",
        ),
        WHY_BARE_GROUP_ROW,
    ),
    _broken(
        T(
            "II.II",
            "4",
            "Tổng hợp, báo cáo định kỳ tình hình thực hiện nhiệm vụ của Sở gửi UBND tỉnh và Bộ "
            "Khoa học và Công nghệ.",
            ("Văn phòng Sở",),
            ("Các phòng, đơn vị thuộc Sở",),
            "Giám đốc Sở",
        ),
        WHY_BARE_GROUP_ROW,
    ),
]

# Group rows with a dot, numbering running on across groups.
PIPED_GROUPED_TABLE = """PHỤ LỤC I
DANH MỤC NHIỆM VỤ NĂM 2025
STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn
I. | Hoàn thiện thể chế, chính sách | | |
1. | Xây dựng Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh | Phòng QLKH | \
Văn phòng Sở | Quý II/2025
2. | Ban hành định mức xây dựng dự toán nhiệm vụ khoa học và công nghệ | Phòng KHTC | \
Phòng QLKH | Quý III/2025
II. | Phát triển hạ tầng số | | |
3. | Nâng cấp Cổng thông tin điện tử của Sở | Trung tâm Thông tin | Văn phòng Sở | \
Tháng 9/2025
"""
PIPED_GROUPED_TABLE_TASKS = [
    T(
        "PL I.I",
        "1",
        "Xây dựng Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
        ("Phòng QLKH",),
        ("Văn phòng Sở",),
        None,
        "Quý II/2025",
    ),
    T(
        "PL I.I",
        "2",
        "Ban hành định mức xây dựng dự toán nhiệm vụ khoa học và công nghệ",
        ("Phòng KHTC",),
        ("Phòng QLKH",),
        None,
        "Quý III/2025",
    ),
    T(
        "PL I.II",
        "3",
        "Nâng cấp Cổng thông tin điện tử của Sở",
        ("Trung tâm Thông tin",),
        ("Văn phòng Sở",),
        None,
        "Tháng 9/2025",
    ),
]

# Each group numbered from 1 again.
PIPED_RESTARTING_TABLE = """II. NHIỆM VỤ CỤ THỂ
STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn
I | Hoàn thiện thể chế, chính sách | | |
1 | Xây dựng Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh | Phòng QLKH | \
Văn phòng Sở | Quý II/2025
2 | Ban hành định mức xây dựng dự toán nhiệm vụ khoa học và công nghệ | Phòng KHTC | \
Phòng QLKH | Quý III/2025
II | Phát triển hạ tầng số | | |
1 | Nâng cấp Cổng thông tin điện tử của Sở | Trung tâm Thông tin | Văn phòng Sở | \
Tháng 9/2025
2 | Số hóa hồ sơ lưu trữ giai đoạn 2020 - 2024 | Văn phòng Sở | Trung tâm Thông tin | \
Quý IV/2025
III. TỔ CHỨC THỰC HIỆN
"""
PIPED_RESTARTING_TABLE_TASKS = [
    T(
        "II.I",
        "1",
        "Xây dựng Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
        ("Phòng QLKH",),
        ("Văn phòng Sở",),
        None,
        "Quý II/2025",
    ),
    T(
        "II.I",
        "2",
        "Ban hành định mức xây dựng dự toán nhiệm vụ khoa học và công nghệ",
        ("Phòng KHTC",),
        ("Phòng QLKH",),
        None,
        "Quý III/2025",
    ),
    _broken(
        T(
            "II.II",
            "1",
            "Nâng cấp Cổng thông tin điện tử của Sở",
            ("Trung tâm Thông tin",),
            ("Văn phòng Sở",),
            None,
            "Tháng 9/2025",
        ),
        WHY_GROUP_RESTART,
    ),
    _broken(
        T(
            "II.II",
            "2",
            "Số hóa hồ sơ lưu trữ giai đoạn 2020 - 2024",
            ("Văn phòng Sở",),
            ("Trung tâm Thông tin",),
            None,
            "Quý IV/2025",
        ),
        WHY_GROUP_RESTART,
    ),
]

# --- 4. Numbered lists of nhiệm vụ with inline fields ---------------------------------------
TASK_LIST = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Cụ thể hóa các nhiệm vụ, giải pháp để triển khai hiệu quả chủ trương phát triển khoa học, \
công nghệ trên địa bàn tỉnh.
2. Yêu cầu
Xác định rõ nhiệm vụ, thời hạn hoàn thành và trách nhiệm của từng cơ quan, đơn vị.
II. NHIỆM VỤ TRỌNG TÂM
1. Hoàn thiện cơ chế, chính sách thúc đẩy phát triển khoa học, công nghệ và đổi mới sáng \
tạo; rà soát các quy định không còn phù hợp theo Nghị quyết số 57-NQ/TW.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ;
- Cơ quan phối hợp: Sở Tài chính; UBND các xã, phường;
- Thời gian hoàn thành: Quý IV/2025.
2. Đầu tư nâng cấp hạ tầng số phục vụ chính quyền số, bảo đảm kết nối liên thông với Trung \
tâm dữ liệu quốc gia.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ;
- Cơ quan phối hợp: Công an tỉnh; Sở Tài chính;
- Thời gian hoàn thành: Thường xuyên.
3. Tổ chức đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã.
- Cơ quan chủ trì: Sở Nội vụ;
- Thời gian hoàn thành: Tháng 11/2025.
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch này; tổng \
hợp, báo cáo UBND tỉnh trước ngày 15/12/2025.
2. Các sở, ban, ngành, UBND các xã, phường căn cứ nhiệm vụ được giao xây dựng kế hoạch chi \
tiết để triển khai thực hiện.
3. Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.
"""
TASK_LIST_TASKS = [
    T(
        "II",
        "1",
        "Hoàn thiện cơ chế, chính sách thúc đẩy phát triển khoa học, công nghệ và đổi mới sáng "
        "tạo; rà soát các quy định không còn phù hợp theo Nghị quyết số 57-NQ/TW.",
        ("Sở Khoa học và Công nghệ",),
        ("Sở Tài chính", "Ủy ban nhân dân các xã, phường"),
        None,
        "Quý IV/2025",
        ("57-NQ/TW",),
    ),
    T(
        "II",
        "2",
        "Đầu tư nâng cấp hạ tầng số phục vụ chính quyền số, bảo đảm kết nối liên thông với "
        "Trung tâm dữ liệu quốc gia.",
        ("Sở Khoa học và Công nghệ",),
        ("Công an tỉnh", "Sở Tài chính"),
        None,
        "Thường xuyên",
    ),
    T(
        "II",
        "3",
        "Tổ chức đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã.",
        ("Sở Nội vụ",),
        (),
        None,
        "Tháng 11/2025",
    ),
]

# The fields written inline, on the item's own line or on one line below it.
INLINE_LIST = """II. NHIỆM VỤ TRỌNG TÂM
1. Hoàn thiện cơ chế, chính sách thúc đẩy phát triển khoa học, công nghệ và đổi mới sáng \
tạo. - Cơ quan chủ trì: Sở Khoa học và Công nghệ; - Cơ quan phối hợp: Sở Tài chính, UBND \
các xã; - Thời gian hoàn thành: Quý IV/2025.
2. Đầu tư nâng cấp hạ tầng số phục vụ chính quyền số.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ; - Cơ quan phối hợp: Công an tỉnh; - Thời gian \
hoàn thành: Thường xuyên.
III. TỔ CHỨC THỰC HIỆN
Giao Sở Khoa học và Công nghệ theo dõi, đôn đốc thực hiện Kế hoạch này.
"""
INLINE_LIST_TASKS = [
    _broken(
        T(
            "II",
            "1",
            "Hoàn thiện cơ chế, chính sách thúc đẩy phát triển khoa học, công nghệ và đổi mới "
            "sáng tạo.",
            ("Sở Khoa học và Công nghệ",),
            ("Sở Tài chính", "Ủy ban nhân dân các xã"),
            None,
            "Quý IV/2025",
        ),
        WHY_COMMA_BEFORE_SO,
    ),
    T(
        "II",
        "2",
        "Đầu tư nâng cấp hạ tầng số phục vụ chính quyền số.",
        ("Sở Khoa học và Công nghệ",),
        ("Công an tỉnh",),
        None,
        "Thường xuyên",
    ),
]

# Items under sub-headings of a nhiệm vụ heading, with a leader field.
SUBSECTION_LIST = """B. NHIỆM VỤ CỤ THỂ
I. Lĩnh vực khoa học và công nghệ
1. Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch \
số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy trong ngành khoa học và công nghệ.
Lãnh đạo chỉ đạo: Giám đốc Sở.
Đơn vị chủ trì: Phòng QLKH.
Đơn vị phối hợp: Văn phòng Sở; Trung tâm Thông tin.
Thời hạn: Quý III/2025.
2. Tổ chức đánh giá, nghiệm thu các nhiệm vụ khoa học và công nghệ cấp tỉnh đến hạn.
Lãnh đạo chỉ đạo: Phó Giám đốc Sở Trần Thị Bình.
Đơn vị chủ trì: Phòng QLKH.
Thời hạn: Tháng 12/2025.
II. Lĩnh vực chuyển đổi số
1. Vận hành an toàn Trung tâm dữ liệu tỉnh và Nền tảng tích hợp, chia sẻ dữ liệu tỉnh.
Đơn vị chủ trì: Trung tâm CĐS&ĐMST.
Thời hạn: Thường xuyên.
C. TỔ CHỨC THỰC HIỆN
1. Các phòng, đơn vị căn cứ nhiệm vụ được giao triển khai thực hiện.
"""
SUBSECTION_LIST_TASKS = [
    _broken(
        T(
            "B.I",
            "1",
            "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế "
            "hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy trong ngành khoa học "
            "và công nghệ.",
            ("Phòng QLKH",),
            ("Văn phòng Sở", "Trung tâm Thông tin"),
            "Giám đốc Sở",
            "Quý III/2025",
            ("57-NQ/TW", "359-KH/TU"),
        ),
        WHY_SUBSECTION_LIST,
    ),
    _broken(
        T(
            "B.I",
            "2",
            "Tổ chức đánh giá, nghiệm thu các nhiệm vụ khoa học và công nghệ cấp tỉnh đến hạn.",
            ("Phòng QLKH",),
            (),
            "Phó Giám đốc Sở Trần Thị Bình",
            "Tháng 12/2025",
        ),
        WHY_SUBSECTION_LIST,
    ),
    _broken(
        T(
            "B.II",
            "1",
            "Vận hành an toàn Trung tâm dữ liệu tỉnh và Nền tảng tích hợp, chia sẻ dữ liệu tỉnh.",
            ("Trung tâm CĐS&ĐMST",),
            (),
            None,
            "Thường xuyên",
        ),
        WHY_SUBSECTION_LIST,
    ),
]

# --- 5. Numbered lists that are not tasks ---------------------------------------------------
MONTHLY_REPORT = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số:      /BC-SKHCN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 28 tháng 7 năm 2025

BÁO CÁO
Kết quả công tác tháng 7 và nhiệm vụ trọng tâm tháng 8 năm 2025

I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THÁNG 7
1. Công tác quản lý khoa học: đã tổ chức nghiệm thu 03 nhiệm vụ khoa học và công nghệ cấp tỉnh.
2. Công tác quản lý công nghệ: thẩm định công nghệ 02 dự án đầu tư trên địa bàn tỉnh.
3. Công tác chuyển đổi số: vận hành ổn định Trung tâm dữ liệu tỉnh.
II. NHIỆM VỤ TRỌNG TÂM THÁNG 8 NĂM 2025
1. Tham mưu UBND tỉnh tổ chức Tuần lễ Đổi mới sáng tạo tỉnh Quảng Ngãi năm 2025.
2. Tổ chức Hội đồng tư vấn xác định danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026.
3. Kiểm tra đo lường đối với cột đo xăng dầu tại các cửa hàng bán lẻ trên địa bàn tỉnh.
III. KIẾN NGHỊ, ĐỀ XUẤT
1. Đề nghị UBND tỉnh bố trí kinh phí cho Đề án phát triển hệ sinh thái khởi nghiệp.
2. Đề nghị Bộ Khoa học và Công nghệ hỗ trợ tập huấn nghiệp vụ.

Nơi nhận:
- UBND tỉnh (b/c);
- Lưu: VT, VP.
"""
MONTHLY_REPORT_TASKS = [
    T(
        "II",
        "1",
        "Tham mưu UBND tỉnh tổ chức Tuần lễ Đổi mới sáng tạo tỉnh Quảng Ngãi năm 2025.",
        period="Tháng 8/2025",
    ),
    T(
        "II",
        "2",
        "Tổ chức Hội đồng tư vấn xác định danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh năm "
        "2026.",
        period="Tháng 8/2025",
    ),
    T(
        "II",
        "3",
        "Kiểm tra đo lường đối với cột đo xăng dầu tại các cửa hàng bán lẻ trên địa bàn tỉnh.",
        period="Tháng 8/2025",
    ),
]

COUNT_HEADINGS = """II. NHIỆM VỤ NĂM 2025
1. Nhiệm vụ trọng tâm: Gồm 13 nội dung (chi tiết tại Phụ lục I kèm theo).
2. Nhiệm vụ thường xuyên: Gồm 26 nội dung (chi tiết tại Phụ lục II kèm theo).
III. TỔ CHỨC THỰC HIỆN
1. Các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao xây dựng kế hoạch chi tiết.
2. Văn phòng Sở theo dõi, tổng hợp, báo cáo Giám đốc Sở kết quả thực hiện hằng quý.
"""

ORGANISATION_ONLY = """IV. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ là cơ quan thường trực, theo dõi, đôn đốc các sở, ngành triển \
khai Kế hoạch này.
2. Sở Tài chính tham mưu bố trí kinh phí thực hiện các nhiệm vụ.
3. Các sở, ban, ngành, UBND các xã, phường báo cáo kết quả thực hiện trước ngày 15/12 hằng năm.
"""

# --- 6. A whole provincial plan, with its task table in an appendix -------------------------
PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 123/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 12 tháng 5 năm 2025
KẾ HOẠCH
Thực hiện Kế hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị \
quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng \
tạo và chuyển đổi số quốc gia
Thực hiện Kế hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân \
tỉnh ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quán triệt, cụ thể hóa các chủ trương của Đảng về phát triển khoa học, công nghệ, đổi mới \
sáng tạo và chuyển đổi số thành các nhiệm vụ cụ thể của các cơ quan, đơn vị.
2. Yêu cầu
Các nhiệm vụ phải gắn với trách nhiệm của từng cơ quan, đơn vị và thời hạn hoàn thành.
II. NHIỆM VỤ, GIẢI PHÁP
1. Nâng cao nhận thức, đổi mới tư duy về phát triển khoa học, công nghệ, đổi mới sáng tạo \
và chuyển đổi số trong toàn hệ thống chính trị.
2. Hoàn thiện thể chế, cơ chế, chính sách; xóa bỏ mọi tư tưởng, quan niệm, rào cản đang cản \
trở sự phát triển.
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ là cơ quan thường trực, theo dõi, đôn đốc các cơ quan, đơn vị \
triển khai Kế hoạch này.
2. Các sở, ban, ngành, UBND các xã, phường, đặc khu xây dựng kế hoạch chi tiết, gửi Sở Khoa \
học và Công nghệ trước ngày 30/6/2025.
Nơi nhận:
- Thường trực Tỉnh ủy;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
PHỤ LỤC
DANH MỤC NHIỆM VỤ
(Kèm theo Kế hoạch số 123/KH-UBND ngày 12/5/2025 của UBND tỉnh)
TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm
1 | Xây dựng Đề án phát triển nguồn nhân lực khoa học, công nghệ tỉnh giai đoạn 2025 - 2030 \
| Sở Khoa học và Công nghệ | Sở Nội vụ; Sở Giáo dục và Đào tạo | Quý III/2025 | Đề án
2 | Triển khai nền tảng số dùng chung phục vụ chính quyền số cấp xã | Sở Khoa học và Công \
nghệ | Văn phòng UBND tỉnh | Tháng 10/2025 | Nền tảng số
3 | Bố trí tối thiểu 3% tổng chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo và \
chuyển đổi số | Sở Tài chính | Sở Khoa học và Công nghệ | Thường xuyên | Dự toán ngân sách
"""
PLAN_TITLE = (
    "Thực hiện Kế hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy về thực hiện "
    "Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi "
    "mới sáng tạo và chuyển đổi số quốc gia"
)
PLAN_TASKS = [
    T(
        "II",
        "1",
        "Nâng cao nhận thức, đổi mới tư duy về phát triển khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số trong toàn hệ thống chính trị.",
    ),
    T(
        "II",
        "2",
        "Hoàn thiện thể chế, cơ chế, chính sách; xóa bỏ mọi tư tưởng, quan niệm, rào cản đang "
        "cản trở sự phát triển.",
    ),
    T(
        "PL",
        "1",
        "Xây dựng Đề án phát triển nguồn nhân lực khoa học, công nghệ tỉnh giai đoạn 2025 - 2030",
        ("Sở Khoa học và Công nghệ",),
        ("Sở Nội vụ", "Sở Giáo dục và Đào tạo"),
        None,
        "Quý III/2025",
    ),
    T(
        "PL",
        "2",
        "Triển khai nền tảng số dùng chung phục vụ chính quyền số cấp xã",
        ("Sở Khoa học và Công nghệ",),
        ("Văn phòng UBND tỉnh",),
        None,
        "Tháng 10/2025",
    ),
    T(
        "PL",
        "3",
        "Bố trí tối thiểu 3% tổng chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo và "
        "chuyển đổi số",
        ("Sở Tài chính",),
        ("Sở Khoa học và Công nghệ",),
        None,
        "Thường xuyên",
    ),
]

# --- 7. A decision with its Căn cứ clauses and the plan it issues; reports ------------------
DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 512/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 10 tháng 6 năm 2025
QUYẾT ĐỊNH
Ban hành Kế hoạch phát triển thị trường khoa học và công nghệ tỉnh Quảng Ngãi đến năm 2030
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa \
học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;
Căn cứ Quyết định số 2667/QĐ-TTg ngày 30/12/2021 của Thủ tướng Chính phủ phê duyệt Chương \
trình phát triển thị trường khoa học và công nghệ quốc gia đến năm 2030;
Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 45/TTr-SKHCN ngày 02/6/2025.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển thị trường khoa học và công \
nghệ tỉnh Quảng Ngãi đến năm 2030.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Khoa học và Công nghệ và Thủ trưởng các cơ \
quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, KGVX.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Bình
ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
KẾ HOẠCH
Phát triển thị trường khoa học và công nghệ tỉnh Quảng Ngãi đến năm 2030
(Ban hành kèm theo Quyết định số 512/QĐ-UBND ngày 10/6/2025 của Chủ tịch UBND tỉnh)
I. MỤC TIÊU
Đến năm 2030, giá trị giao dịch công nghệ trên địa bàn tỉnh tăng bình quân 10%/năm.
II. NHIỆM VỤ, GIẢI PHÁP
1. Phát triển nguồn cung, cầu công nghệ; kết nối doanh nghiệp với viện, trường.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ;
- Cơ quan phối hợp: Sở Công Thương; UBND các xã, phường;
- Thời gian hoàn thành: Thường xuyên.
2. Xây dựng sàn giao dịch công nghệ trực tuyến của tỉnh, kết nối với Sàn giao dịch công \
nghệ quốc gia.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ;
- Thời gian hoàn thành: Quý II/2026.
III. TỔ CHỨC THỰC HIỆN
Sở Khoa học và Công nghệ chủ trì theo dõi, đôn đốc, tổng hợp tình hình thực hiện Kế hoạch.
"""
DECISION_TASKS = [
    T(
        "II",
        "1",
        "Phát triển nguồn cung, cầu công nghệ; kết nối doanh nghiệp với viện, trường.",
        ("Sở Khoa học và Công nghệ",),
        ("Sở Công Thương", "Ủy ban nhân dân các xã, phường"),
        None,
        "Thường xuyên",
    ),
    T(
        "II",
        "2",
        "Xây dựng sàn giao dịch công nghệ trực tuyến của tỉnh, kết nối với Sàn giao dịch công "
        "nghệ quốc gia.",
        ("Sở Khoa học và Công nghệ",),
        (),
        None,
        "Quý II/2026",
    ),
]

# The same kind of decision as a PDF text export: Căn cứ clauses wrap over lines.
DECISION_PDF = _pdf(
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Số: 39/QĐ-SKHCN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Quảng Ngãi, ngày 20 tháng 01 năm 2025",
    "QUYẾT ĐỊNH",
    "Ban hành Chương trình công tác năm 2025 của Sở Khoa học và Công nghệ",
    "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Căn cứ Quyết định số 04/2025/QĐ-UBND ngày 15/01/2025 của UBND tỉnh quy định chức",
    "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Khoa học và Công nghệ;",
    "Căn cứ Kế hoạch phát triển kinh tế - xã hội năm 2025 của tỉnh ban hành kèm theo",
    "Quyết định số 06/QĐ-UBND ngày 03/01/2025 của UBND tỉnh;",
    "Xét đề nghị của Chánh Văn phòng Sở.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Chương trình công tác năm 2025 của Sở Khoa",
    "học và Công nghệ.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
)

REPORT_HEAD = """SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số: 210/BC-SKHCN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 20 tháng 6 năm 2025
BÁO CÁO
Kết quả thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị 6 tháng đầu năm 2025
"""
REPORT_TITLE = (
    "Kết quả thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị 6 tháng đầu năm 2025"
)
REPORT_BODY = """I. KẾT QUẢ ĐẠT ĐƯỢC
1. Công tác tuyên truyền, quán triệt: đã tổ chức 02 hội nghị quán triệt Nghị quyết số \
57-NQ/TW cho công chức, viên chức.
"""
REPORT_REQUESTED = (
    REPORT_HEAD
    + "Theo đề nghị của Văn phòng UBND tỉnh tại Công văn số 1436/VP-KGVX ngày 21/5/2025, Sở "
    "Khoa học và Công nghệ báo cáo như sau:\n" + REPORT_BODY
)
REPORT_CARRYING_OUT = (
    REPORT_HEAD
    + "Thực hiện Công văn số 1436/VP-KGVX ngày 21/5/2025 của Văn phòng UBND tỉnh về việc báo "
    "cáo kết quả thực hiện Nghị quyết số 57-NQ/TW, Sở Khoa học và Công nghệ báo cáo như sau:\n"
    + REPORT_BODY
)

# --- 8. Sentences that state relations, and some that do not --------------------------------
CHAIN = (
    "- Tham mưu UBND tỉnh ban hành Quyết định số 12/QĐ-UBND ngày 15/5/2025 về việc ban hành "
    "Kế hoạch hành động thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ và Kế "
    "hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số "
    "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi "
    "mới sáng tạo và chuyển đổi số quốc gia.\n"
)
CHAIN_PDF = _pdf(
    "- Tham mưu UBND tỉnh ban hành: Quyết định 12/QĐ-UBND ngày",
    "15/5/2025 về việc ban hành Kế hoạch hành động thực hiện Nghị quyết số",
    "71/NQ-CP ngày 01/4/2025 của Chính phủ và Kế hoạch hành động số 359-",
    "KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số",
    "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học,",
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.",
)
CHAIN_EDGES = {
    ("12/QĐ-UBND", "implements", "71/NQ-CP"),
    ("12/QĐ-UBND", "implements", "359-KH/TU"),
    ("359-KH/TU", "implements", "57-NQ/TW"),
}
SIDE_BY_SIDE = (
    "- Các văn bản đã được phổ biến đến toàn thể công chức, viên chức: Nghị quyết số 57-NQ/TW "
    "ngày 22/12/2024 của Bộ Chính trị; Kế hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ "
    "Tỉnh ủy; Quyết định số 327/QĐ-UBND ngày 26/5/2025 của UBND tỉnh.\n"
)
SIDE_BY_SIDE_VA = (
    "- Đã quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch số "
    "359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy đến toàn thể công chức, viên chức.\n"
)
REVIEWS = (
    "- Tham mưu Kế hoạch số 45/KH-UBND ngày 03/3/2025 về tổng kết việc thực hiện Chỉ thị số "
    "16/CT-TTg ngày 04/5/2017 của Thủ tướng Chính phủ.\n"
    "- Xây dựng Báo cáo số 88/BC-SKHCN ngày 10/3/2025 về tổng kết việc thực hiện Nghị quyết số "
    "20-NQ/TW ngày 01/11/2012 của Ban Chấp hành Trung ương.\n"
)
PARENTHESISED = (
    "- Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
    "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia (Kế hoạch số 359-KH/TU "
    "ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy và Quyết định số 327/QĐ-UBND ngày 26/5/2025 của "
    "UBND tỉnh), Sở đã tham mưu tổ chức hội nghị quán triệt đến cán bộ, công chức.\n"
)
FOOTNOTED_PLAN = (
    "+ Ban hành Kế hoạch thực hiện Quyết định số 327/QĐ-UBND ngày 26/5/2025 của UBND "
    "tỉnh[footnoteRef:2]. Thực hiện rà soát các nhiệm vụ khoa học và công nghệ đang triển "
    "khai.\n"
    "[2:  Kế hoạch số 1587/KH-SKHCN ngày 26/6/2025.]\n"
)
PARTY_STYLE = (
    "- Kế hoạch số 359-KH/TU, ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết "
    "số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị.\n"
)
SHARED_SOURCE = (
    "- Chương trình hành động số 06-CTr/TU ngày 15/3/2025 của Tỉnh ủy thực hiện các Nghị quyết "
    "số 57-NQ/TW, Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị.\n"
)
ISSUES_NUMBERED = (
    "- Quyết định số 327/QĐ-UBND ngày 26/5/2025 của UBND tỉnh ban hành Kế hoạch số "
    "194/KH-UBND về chuyển đổi số năm 2025.\n"
)
SO_KET = (
    "- Xây dựng Báo cáo số 91/BC-SKHCN ngày 12/3/2025 sơ kết 01 năm thực hiện Nghị quyết số "
    "57-NQ/TW.\n"
)

# --- Units normalised through the document's own key ----------------------------------------
UNIT_KEY_TABLE = """II. NHIỆM VỤ CỤ THỂ
STT | Nội dung | Phòng chủ trì | Phòng phối hợp | Thời hạn
1 | Tổ chức xét duyệt danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026 | Phòng \
Quản lý Khoa học và Đổi mới sáng tạo | Văn phòng Sở; Phòng Kế hoạch - Tài chính | Tháng 9/2025
2 | Kiểm tra nhà nước về đo lường đối với phương tiện đo nhóm 2 | Phòng QLTCĐLCL | Trung \
tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng | Quý IV/2025
3 | Hỗ trợ doanh nghiệp xác lập quyền sở hữu trí tuệ | Phòng Quản lý Khoa học và Đổi mới \
sáng tạo | Phòng QLTCĐLCL | Thường xuyên
Chú thích:
- Phòng Quản lý Khoa học và Đổi mới sáng tạo: Phòng QLKH&ĐMST
- Phòng Kế hoạch - Tài chính: Phòng KH-TC
- Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng: Phòng QLTCĐLCL
- Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng: Trung tâm KTTCĐLCL
"""
UNIT_KEY_TABLE_TASKS = [
    T(
        "II",
        "1",
        "Tổ chức xét duyệt danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026",
        ("Phòng QLKH&ĐMST",),
        ("Văn phòng Sở", "Phòng KH-TC"),
        None,
        "Tháng 9/2025",
    ),
    T(
        "II",
        "2",
        "Kiểm tra nhà nước về đo lường đối với phương tiện đo nhóm 2",
        ("Phòng QLTCĐLCL",),
        ("Trung tâm KTTCĐLCL",),
        None,
        "Quý IV/2025",
    ),
    T(
        "II",
        "3",
        "Hỗ trợ doanh nghiệp xác lập quyền sở hữu trí tuệ",
        ("Phòng QLKH&ĐMST",),
        ("Phòng QLTCĐLCL",),
        None,
        "Thường xuyên",
    ),
]

UNIT_PAREN_TABLE = _pdf(
    "I. NHIỆM VỤ TRỌNG TÂM",
    "Phòng Quản lý Công nghệ (Phòng QLCN) là đầu mối tham mưu Giám đốc Sở theo dõi việc",
    "thực hiện các nhiệm vụ dưới đây.",
    *_PDF_HEADER[:-2],
    "1.",
    "Thẩm định công nghệ các dự án đầu tư sử dụng công nghệ hạn chế chuyển giao trên địa",
    "bàn tỉnh theo quy định.",
    "PGĐ Sở",
    "Nguyễn Văn",
    "An",
    "Phòng Quản lý Công",
    "nghệ",
    "Thanh tra Sở",
    "2.",
    "Hướng dẫn doanh nghiệp đăng ký chuyển giao công nghệ, đánh giá trình độ công nghệ",
    "sản xuất của doanh nghiệp trên địa bàn tỉnh.",
    "PGĐ Sở",
    "Nguyễn Văn",
    "An",
    "Phòng QLCN",
    "Văn phòng Sở",
)
UNIT_PAREN_TABLE_TASKS = [
    T(
        "I",
        "1",
        "Thẩm định công nghệ các dự án đầu tư sử dụng công nghệ hạn chế chuyển giao trên địa "
        "bàn tỉnh theo quy định.",
        ("Phòng QLCN",),
        ("Thanh tra Sở",),
        "PGĐ Sở Nguyễn Văn An",
    ),
    T(
        "I",
        "2",
        "Hướng dẫn doanh nghiệp đăng ký chuyển giao công nghệ, đánh giá trình độ công nghệ sản "
        "xuất của doanh nghiệp trên địa bàn tỉnh.",
        ("Phòng QLCN",),
        ("Văn phòng Sở",),
        "PGĐ Sở Nguyễn Văn An",
    ),
]


# --- Tasks ----------------------------------------------------------------------------------
TASK_FIXTURES = {
    "pdf-table": (PDF_TABLE, PDF_TABLE_TASKS),
    "pdf-period-table": (PDF_PERIOD_TABLE, PDF_PERIOD_TABLE_TASKS),
    "piped-table": (PIPED_TABLE, PIPED_TABLE_TASKS),
    "pdf-grouped-table": (PDF_GROUPED_TABLE, PDF_GROUPED_TABLE_TASKS),
    "piped-grouped-table": (PIPED_GROUPED_TABLE, PIPED_GROUPED_TABLE_TASKS),
    "piped-restarting-table": (PIPED_RESTARTING_TABLE, PIPED_RESTARTING_TABLE_TASKS),
    "task-list": (TASK_LIST, TASK_LIST_TASKS),
    "inline-list": (INLINE_LIST, INLINE_LIST_TASKS),
    "subsection-list": (SUBSECTION_LIST, SUBSECTION_LIST_TASKS),
    "monthly-report": (MONTHLY_REPORT, MONTHLY_REPORT_TASKS),
    "plan": (PLAN, PLAN_TASKS),
    "decision": (DECISION, DECISION_TASKS),
    "unit-key-table": (UNIT_KEY_TABLE, UNIT_KEY_TABLE_TASKS),
    "unit-paren-table": (UNIT_PAREN_TABLE, UNIT_PAREN_TABLE_TASKS),
}
# Fixtures whose list of (section, row) is wrong today, and why.
WRONG_NUMBERING = {
    "pdf-grouped-table": WHY_BARE_GROUP_ROW,
    "piped-restarting-table": WHY_GROUP_RESTART,
    "subsection-list": WHY_SUBSECTION_LIST,
}


def _expected_row(case) -> T:
    return case if isinstance(case, T) else case.values[0]


def _numbering_cases():
    for name, (text, rows) in TASK_FIXTURES.items():
        numbering = [(_expected_row(r).section, _expected_row(r).row) for r in rows]
        marks = ()
        if WRONG_NUMBERING.get(name):
            marks = pytest.mark.xfail(strict=True, reason=WRONG_NUMBERING[name])
        yield pytest.param(text, numbering, id=name, marks=marks)


def _row_cases():
    for name, (text, rows) in TASK_FIXTURES.items():
        for case in rows:
            row = _expected_row(case)
            marks = () if isinstance(case, T) else case.marks
            yield pytest.param(text, row, id=f"{name}-{row.section}.{row.row}", marks=marks)


@pytest.mark.parametrize(("text", "numbering"), list(_numbering_cases()))
def test_every_task_is_found_and_no_other(text, numbering):
    assert [(t.section, t.row) for t in extract(text).tasks] == numbering


@pytest.mark.parametrize(("text", "expected"), list(_row_cases()))
def test_task_fields(text, expected):
    ex = extract(text)
    found = [t for t in ex.tasks if (t.section, t.row) == (expected.section, expected.row)]
    assert len(found) == 1, [(t.section, t.row) for t in ex.tasks]
    task = found[0]
    assert _as_expected(task, ex) == expected
    assert task.lead_unit == (expected.lead_units[0] if expected.lead_units else None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(COUNT_HEADINGS, id="gom-13-noi-dung"),
        pytest.param(ORGANISATION_ONLY, id="to-chuc-thuc-hien"),
        pytest.param(SIDE_BY_SIDE, id="prose"),
    ],
)
def test_lists_that_are_not_tasks(text):
    assert extract(text).tasks == ()


def test_leader_cell_split_over_lines_keeps_title_and_name():
    task = extract(PDF_TABLE).tasks[0]
    assert (task.leader_title, task.leader_name) == ("PGĐ Sở", "Nguyễn Văn An")


def test_task_text_leaves_out_the_header_repeated_on_a_new_page():
    task = extract(PDF_TABLE).tasks[1]
    assert "Lãnh đạo" not in task.text and "Ghi chú" not in task.text
    assert PDF_TABLE[task.start : task.start + 9] == "Rà soát, "


def test_tasks_of_a_plan_belong_to_the_plan():
    ex = extract(PLAN)
    assert [t.owner for t in ex.tasks] == [ex.owners[0].key] * 5


def test_tasks_of_an_attached_plan_belong_to_it_not_to_the_decision():
    ex = extract(DECISION)
    assert len(ex.owners) == 2
    assert [t.owner for t in ex.tasks] == [ex.owners[1].key] * 2


# --- The file's own document ----------------------------------------------------------------
class Own(NamedTuple):
    type_code: str | None
    number: str | None
    issuer: str | None
    year: int | None
    symbol: str | None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(PLAN, [Own("KH", "123", "UBND", 2025, "123/KH-UBND")], id="plan"),
        pytest.param(
            DECISION,
            [
                Own("QĐ", "512", "UBND", 2025, "512/QĐ-UBND"),
                Own("KH", None, "UBND", 2025, None),
            ],
            id="decision-with-plan",
        ),
        pytest.param(
            REPORT_REQUESTED, [Own("BC", "210", "SKHCN", 2025, "210/BC-SKHCN")], id="report"
        ),
        pytest.param(
            MONTHLY_REPORT, [Own("BC", None, "SKHCN", 2025, None)], id="report-blank-number"
        ),
        pytest.param(PDF_TABLE, [], id="no-title"),
    ],
)
def test_own_documents(text, expected):
    ex = extract(text)
    assert [Own(o.type_code, o.number, o.issuer, o.year, o.symbol) for o in ex.owners] == expected


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        _xfail(PLAN, [PLAN_TITLE], reason=WHY_TITLE_TAKES_PREAMBLE, ident="plan"),
        pytest.param(
            DECISION,
            [
                "Ban hành Kế hoạch phát triển thị trường khoa học và công nghệ tỉnh Quảng Ngãi "
                "đến năm 2030",
                "Phát triển thị trường khoa học và công nghệ tỉnh Quảng Ngãi đến năm 2030",
            ],
            id="decision-with-plan",
        ),
        _xfail(REPORT_REQUESTED, [REPORT_TITLE], reason=WHY_TITLE_TAKES_PREAMBLE, ident="report"),
        pytest.param(
            MONTHLY_REPORT,
            ["Kết quả công tác tháng 7 và nhiệm vụ trọng tâm tháng 8 năm 2025"],
            id="report-blank-number",
        ),
    ],
)
def test_own_titles(text, titles):
    assert [o.title for o in extract(text).owners] == titles


# --- Relations ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        _xfail(
            PLAN,
            {
                ("123/KH-UBND", "implements", "359-KH/TU"),
                ("359-KH/TU", "implements", "57-NQ/TW"),
            },
            reason=WHY_TITLE_INTO_PREAMBLE,
            ident="plan",
        ),
        pytest.param(
            DECISION,
            {
                ("512/QĐ-UBND", "based_on", "57-NQ/TW"),
                ("512/QĐ-UBND", "based_on", "2667/QĐ-TTg"),
                ("512/QĐ-UBND", "requested_by", "45/TTr-SKHCN"),
                ("512/QĐ-UBND", "issues", "SELF+1"),
            },
            id="decision-with-plan",
        ),
        _xfail(
            DECISION_PDF,
            {
                ("39/QĐ-SKHCN", "based_on", "04/2025/QĐ-UBND"),
                ("39/QĐ-SKHCN", "based_on", "06/QĐ-UBND"),
            },
            reason=WHY_WRAPPED_CAN_CU,
            ident="decision-pdf-can-cu",
        ),
        pytest.param(
            REPORT_REQUESTED,
            {
                ("210/BC-SKHCN", "reports_on", "57-NQ/TW"),
                ("210/BC-SKHCN", "requested_by", "1436/VP-KGVX"),
            },
            id="report-theo-de-nghi",
        ),
        _xfail(
            REPORT_CARRYING_OUT,
            {
                ("210/BC-SKHCN", "reports_on", "57-NQ/TW"),
                ("210/BC-SKHCN", "requested_by", "1436/VP-KGVX"),
            },
            reason=None,
            ident="report-thuc-hien-cong-van",
        ),
        pytest.param(CHAIN, CHAIN_EDGES, id="chain"),
        pytest.param(CHAIN_PDF, CHAIN_EDGES, id="chain-pdf-wrapped"),
        pytest.param(SIDE_BY_SIDE, set(), id="listed-side-by-side"),
        pytest.param(SIDE_BY_SIDE_VA, set(), id="listed-with-va"),
        pytest.param(
            REVIEWS, {("88/BC-SKHCN", "reports_on", "20-NQ/TW")}, id="tong-ket-viec-thuc-hien"
        ),
        pytest.param(SO_KET, {("91/BC-SKHCN", "reports_on", "57-NQ/TW")}, id="so-ket"),
        pytest.param(
            PARENTHESISED,
            {("359-KH/TU", "implements", "57-NQ/TW"), ("327/QĐ-UBND", "implements", "57-NQ/TW")},
            id="parenthesised-plans",
        ),
        pytest.param(
            FOOTNOTED_PLAN,
            {("1587/KH-SKHCN", "implements", "327/QĐ-UBND")},
            id="footnoted-plan",
        ),
        pytest.param(PARTY_STYLE, {("359-KH/TU", "implements", "57-NQ/TW")}, id="party-comma"),
        pytest.param(
            SHARED_SOURCE,
            {("06-CTr/TU", "implements", "57-NQ/TW"), ("06-CTr/TU", "implements", "59-NQ/TW")},
            id="one-source-two-targets",
        ),
        pytest.param(
            ISSUES_NUMBERED, {("327/QĐ-UBND", "issues", "194/KH-UBND")}, id="issues-numbered"
        ),
        pytest.param(PDF_TABLE, set(), id="task-table-cites-only"),
        pytest.param(TASK_LIST, set(), id="task-list-cites-only"),
    ],
)
def test_relations(text, expected):
    assert relations(text) == expected


def test_relation_evidence_is_in_the_text():
    ex = extract(CHAIN)
    for r in ex.relations:
        assert " ".join(CHAIN[r.start : r.end].split()) == r.evidence


def test_no_implements_edge_skips_a_level_of_the_chain():
    assert ("12/QĐ-UBND", "implements", "57-NQ/TW") not in relations(CHAIN)
    assert ("71/NQ-CP", "implements", "57-NQ/TW") not in relations(CHAIN)
