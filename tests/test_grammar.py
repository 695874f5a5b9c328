"""Table-driven tests of the reference grammar (ingest.grammar + ingest.extract).

Each row is one input text with every expected mention marked inline as [[surface]], plus
the fields expected for each marked span, in order. `_unmark` strips the markers and gives
the text and the expected (start, end, surface) of each span; the test then asserts that
`find_mentions` finds exactly those spans, no more, with exactly those fields.

Expectations follow tests/data/gold/GUIDELINES.md (what a mention is, where its surface
starts and ends, how fields are repaired) and shared/spec/cli-contract.md (`symbol` is the
canonical spelling: Party style for Party bodies, State style otherwise; null in short
forms). A row the grammar gets wrong today is kept and marked xfail(strict=True) with the
cause, so that it turns red (XPASS) the day the grammar is fixed and the mark must go.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import pytest

from ingest.clean import clean_document
from ingest.extract import find_mentions
from ingest.models import Mention, RawDocument


class E(NamedTuple):
    """The fields expected for one marked span."""

    type_code: str | None
    number: str
    issuer: str | None
    year: int | None
    date: str | None
    symbol: str | None
    short: bool = False


def S(type_code: str, number: str, year: int | None = None, date: str | None = None) -> E:
    """A short form: no issuer, no symbol."""
    return E(type_code, number, None, year, date, None, True)


_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)


def _unmark(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Strip [[ ]] markers; return the text and each marked (start, end, surface)."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = size = 0
    for m in _MARK.finditer(marked):
        before = marked[pos : m.start()]
        parts.append(before)
        size += len(before)
        surface = m.group(1)
        spans.append((size, size + len(surface), surface))
        parts.append(surface)
        size += len(surface)
        pos = m.end()
    parts.append(marked[pos:])
    return "".join(parts), spans


def _extract(text: str) -> list[Mention]:
    doc = clean_document(RawDocument("t.txt", text, "utf-8", "txt"))
    return find_mentions(doc)


def _fields(m: Mention) -> E:
    return E(m.type_code, m.number, m.issuer, m.year, m.date, m.symbol, m.short)


def xfail(marked: str, expected: list[E], ident: str, reason: str):
    return pytest.param(
        marked, expected, id=ident, marks=pytest.mark.xfail(strict=True, reason=reason)
    )


def row(marked: str, expected: list[E], ident: str):
    return pytest.param(marked, expected, id=ident)


# Causes of the rows that fail today (see the report that came with this file).
WHY_LONG_NAME = (
    "the prefix allows at most two words between the type word and 'số'; a law cited "
    "with its name ('Luật Tổ chức chính quyền địa phương số ...') loses its type word"
)
WHY_SYMBOL_TYPE = (
    "format_symbol/_symbol_type drops the type word's code only for L and CV: a QH/UBTVQH "
    "number (Bộ luật, Pháp lệnh, QH resolution) gets a code that is not written "
    "('45/2019/BL-QH14', '193/2025/NQ-QH15')"
)
WHY_STD_SYMBOL = (
    "format_symbol returns None whenever issuer is None, before its 'standard' branch, so "
    "a TCVN without an issuer has no symbol"
)
WHY_LT_CODE = (
    "joint codes KHLT/HDLT are not in the catalogue: the code is read as the first issuer "
    "segment and the type comes from the type word"
)
WHY_ABBREV_WORD = "abbreviated type words (NĐ, QĐ, NQ) are not type words of the catalogue"
WHY_OCR_WORD = (
    "type words are matched exactly after folding (only a trailing &@*' is tolerated); "
    "OCR damage inside the word ('K&' for 'Kế', 'Quyér' for 'Quyết') loses the type word"
)


ROWS = [
    # --- Party style N-TYPE/ISSUER ------------------------------------------------------
    row(
        "Căn cứ [[Nghị quyết số 57-NQ/TW]] ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
        "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
        [E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW")],
        "party-nq",
    ),
    row(
        "Thực hiện [[Kết luận số 121-KL/TW]], ngày 24/01/2025 của Ban Chấp hành Trung ương "
        "Đảng về tổng kết việc thực hiện [[Nghị quyết số 18-NQ/TW]];",
        [
            E("KL", "121", "TW", 2025, "2025-01-24", "121-KL/TW"),
            E("NQ", "18", "TW", None, None, "18-NQ/TW"),
        ],
        "party-comma-before-date",
    ),
    row(
        "Triển khai [[Chỉ thị số 45-CT/TW]] ngày 14/4/2025 của Bộ Chính trị về đại hội đảng "
        "bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        [E("CT", "45", "TW", 2025, "2025-04-14", "45-CT/TW")],
        "party-ct",
    ),
    row(
        "Căn cứ [[Hướng dẫn số 36-HD/VPTW]] ngày 03/4/2018 của Văn phòng Trung ương Đảng về "
        "thể thức và kỹ thuật trình bày văn bản của Đảng;",
        [E("HD", "36", "VPTW", 2018, "2018-04-03", "36-HD/VPTW")],
        "party-hd-vptw",
    ),
    row(
        "Thực hiện [[Kế hoạch số 02-KH/BCĐTW]] ngày 19/6/2025 của Ban Chỉ đạo Trung ương về "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        [E("KH", "02", "BCĐTW", 2025, "2025-06-19", "02-KH/BCĐTW")],
        "party-kh-bcdtw",
    ),
    row(
        "Ban Thường vụ Tỉnh ủy ban hành [[Chương trình hành động số 40-CTr/TU]] ngày "
        "10/3/2025 thực hiện Nghị quyết của Bộ Chính trị.",
        [E("CTr", "40", "TU", 2025, "2025-03-10", "40-CTr/TU")],
        "party-ctr-tu",
    ),
    row(
        "Căn cứ [[Thông báo kết luận số 47-TB/TU]] ngày 05/5/2025 của Ban Thường vụ Tỉnh ủy;",
        [E("TB", "47", "TU", 2025, "2025-05-05", "47-TB/TU")],
        "party-thong-bao-ket-luan",
    ),
    row(
        "Căn cứ [[Quy định số 399-QĐ/TW]] ngày 09/01/2026 của Ban Chấp hành Trung ương về "
        "thể loại, thẩm quyền ban hành văn bản của Đảng;",
        [E("QĐ", "399", "TW", 2026, "2026-01-09", "399-QĐ/TW")],
        "party-quy-dinh-code-qd",
    ),
    row(
        "Căn cứ [[Quy định số 08-QĐi/TW]] ngày 25/10/2021 của Ban Chấp hành Trung ương;",
        [E("QĐi", "08", "TW", 2021, "2021-10-25", "08-QĐi/TW")],
        "party-quy-dinh-code-qdi",
    ),
    row(
        "Thực hiện [[Quy chế số 01-QC/BCĐTW]] ngày 28/02/2025 của Ban Chỉ đạo Trung ương.",
        [E("QC", "01", "BCĐTW", 2025, "2025-02-28", "01-QC/BCĐTW")],
        "party-qc",
    ),
    row(
        "Tỉnh ủy đã ban hành [[Kế hoạch số 359/KH-TU]] ngày 29/4/2025 (viết theo thể thức "
        "nhà nước).",
        [E("KH", "359", "TU", 2025, "2025-04-29", "359-KH/TU")],
        "party-body-written-state-style",
    ),
    row(
        "Thực hiện [[Nghị quyết số 03-NQ/CP]] ngày 09/01/2025 của Chính phủ",
        [E("NQ", "03", "CP", 2025, "2025-01-09", "03/NQ-CP")],
        "state-body-written-party-style",
    ),
    # --- State administrative N/TYPE-ISSUER ----------------------------------------------
    row(
        "Căn cứ [[Nghị quyết số 71/NQ-CP]] ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung, "
        "cập nhật Chương trình hành động của Chính phủ;",
        [E("NQ", "71", "CP", 2025, "2025-04-01", "71/NQ-CP")],
        "state-nq-cp",
    ),
    row(
        "Căn cứ [[Quyết định số 439/QĐ-TTg]] ngày 03/4/2025 của Thủ tướng Chính phủ;",
        [E("QĐ", "439", "TTg", 2025, "2025-04-03", "439/QĐ-TTg")],
        "state-qd-ttg",
    ),
    row(
        "Thực hiện [[Công điện số 149/CĐ-TTg]] ngày 18/10/2024 của Thủ tướng Chính phủ về "
        "ứng phó bão số 6;",
        [E("CĐ", "149", "TTg", 2024, "2024-10-18", "149/CĐ-TTg")],
        "state-cong-dien",
    ),
    row(
        "Theo [[Thông báo số 618/TB-VPCP]] ngày 19/12/2024 của Văn phòng Chính phủ kết luận "
        "của Thủ tướng Chính phủ",
        [E("TB", "618", "VPCP", 2024, "2024-12-19", "618/TB-VPCP")],
        "state-thong-bao",
    ),
    row(
        "Xét đề nghị của Giám đốc Sở Khoa học và Công nghệ tại [[Tờ trình số 1812/TTr-SKHCN]] "
        "ngày 30/6/2025.",
        [E("TTr", "1812", "SKHCN", 2025, "2025-06-30", "1812/TTr-SKHCN")],
        "state-to-trinh",
    ),
    row(
        "Sở Khoa học và Công nghệ đã có [[Báo cáo số 415/BC-SKHCN]] ngày 04/4/2025 gửi Ủy "
        "ban nhân dân tỉnh.",
        [E("BC", "415", "SKHCN", 2025, "2025-04-04", "415/BC-SKHCN")],
        "state-bao-cao",
    ),
    row(
        "Phê duyệt [[Đề án số 12/ĐA-UBND]] ngày 15/8/2025 về phát triển hạ tầng số tỉnh.",
        [E("ĐA", "12", "UBND", 2025, "2025-08-15", "12/ĐA-UBND")],
        "state-de-an",
    ),
    row(
        "Triển khai [[Phương án số 07/PA-UBND]] ngày 20/01/2025 phòng, chống thiên tai.",
        [E("PA", "07", "UBND", 2025, "2025-01-20", "07/PA-UBND")],
        "state-phuong-an",
    ),
    row(
        "Đơn vị đã được cấp [[Giấy phép số 07/GP-SKHCN]] ngày 08/7/2025 tiến hành công việc "
        "bức xạ.",
        [E("GP", "07", "SKHCN", 2025, "2025-07-08", "07/GP-SKHCN")],
        "state-giay-phep",
    ),
    row(
        "Kính mời dự họp theo [[Giấy mời số 215/GM-SKHCN]] ngày 12/8/2025.",
        [E("GM", "215", "SKHCN", 2025, "2025-08-12", "215/GM-SKHCN")],
        "state-giay-moi",
    ),
    row(
        "Nội dung thống nhất tại [[Biên bản số 15/BB-SKHCN]] ngày 22/7/2025 của Hội đồng tư vấn.",
        [E("BB", "15", "SKHCN", 2025, "2025-07-22", "15/BB-SKHCN")],
        "state-bien-ban",
    ),
    row(
        "Nghiệm thu theo [[Hợp đồng số 25/HĐ-SKHCN]] ngày 02/6/2025 giữa Sở và đơn vị chủ trì.",
        [E("HĐ", "25", "SKHCN", 2025, "2025-06-02", "25/HĐ-SKHCN")],
        "state-hop-dong",
    ),
    row(
        "Thông tin theo [[Thông cáo số 12/TC-VPCP]] ngày 30/9/2025 của Văn phòng Chính phủ.",
        [E("TC", "12", "VPCP", 2025, "2025-09-30", "12/TC-VPCP")],
        "state-thong-cao",
    ),
    row(
        "Căn cứ [[Quy định số 12/QyĐ-SKHCN]] ngày 03/3/2025 về quản lý nhiệm vụ khoa học.",
        [E("QyĐ", "12", "SKHCN", 2025, "2025-03-03", "12/QyĐ-SKHCN")],
        "state-quy-dinh-qyd",
    ),
    row(
        "Ban hành [[Chương trình công tác số 12/CTr-UBND]] ngày 06/01/2025 của Ủy ban nhân "
        "dân tỉnh.",
        [E("CTr", "12", "UBND", 2025, "2025-01-06", "12/CTr-UBND")],
        "state-chuong-trinh-cong-tac",
    ),
    row(
        "Thực hiện [[Chương trình số 06-CTr/TU]] ngày 15/3/2021 và [[Kế hoạch hành động số "
        "88/KH-UBND]] ngày 20/3/2025.",
        [
            E("CTr", "06", "TU", 2021, "2021-03-15", "06-CTr/TU"),
            E("KH", "88", "UBND", 2025, "2025-03-20", "88/KH-UBND"),
        ],
        "state-chuong-trinh-ke-hoach-hanh-dong",
    ),
    row(
        "Căn cứ [[Văn bản số 2154/UBND-KGVX]] ngày 10/6/2025 của Ủy ban nhân dân tỉnh về việc "
        "triển khai nhiệm vụ.",
        [E("CV", "2154", "UBND-KGVX", 2025, "2025-06-10", "2154/UBND-KGVX")],
        "state-van-ban-is-cong-van",
    ),
    row(
        "Căn cứ [[Văn bản hợp nhất số 03/VBHN-VPQH]] ngày 12/7/2024 của Văn phòng Quốc hội;",
        [E("VBHN", "03", "VPQH", 2024, "2024-07-12", "03/VBHN-VPQH")],
        "state-van-ban-hop-nhat",
    ),
    # --- Normative N/YYYY/TYPE-ISSUER ---------------------------------------------------
    row(
        "Căn cứ [[Quyết định số 04/2025/QĐ-UBND]] ngày 15 tháng 01 năm 2025 của Ủy ban nhân "
        "dân tỉnh ban hành Quy định chức năng, nhiệm vụ;",
        [E("QĐ", "04", "UBND", 2025, "2025-01-15", "04/2025/QĐ-UBND")],
        "normative-qd-ubnd",
    ),
    row(
        "Căn cứ [[Nghị định số 30/2020/NĐ-CP]] ngày 05 tháng 3 năm 2020 của Chính phủ về công "
        "tác văn thư;",
        [E("NĐ", "30", "CP", 2020, "2020-03-05", "30/2020/NĐ-CP")],
        "normative-nghi-dinh",
    ),
    row(
        "Căn cứ [[Thông tư số 01/2011/TT-BNV]] ngày 19 tháng 01 năm 2011 của Bộ Nội vụ;",
        [E("TT", "01", "BNV", 2011, "2011-01-19", "01/2011/TT-BNV")],
        "normative-thong-tu",
    ),
    row(
        "Căn cứ [[Quyết định số 09/2015/QĐ-TTg]] ngày 25/3/2015 của Thủ tướng Chính phủ;",
        [E("QĐ", "09", "TTg", 2015, "2015-03-25", "09/2015/QĐ-TTg")],
        "normative-qd-ttg",
    ),
    row(
        "Căn cứ [[Nghị quyết số 18/2006/NQ-HĐND]] ngày 14/7/2006 của Hội đồng nhân dân tỉnh;",
        [E("NQ", "18", "HĐND", 2006, "2006-07-14", "18/2006/NQ-HĐND")],
        "normative-nq-hdnd",
    ),
    row(
        "Theo quy định tại khoản 2 Điều 7 [[Nghị định số 30/2020/NĐ-CP]] và Điều 3 "
        "[[Quyết định 1105/QĐ-UBND]].",
        [
            E("NĐ", "30", "CP", 2020, None, "30/2020/NĐ-CP"),
            E("QĐ", "1105", "UBND", None, None, "1105/QĐ-UBND"),
        ],
        "article-and-clause-before-reference",
    ),
    # --- Laws, codes, ordinances, QH resolutions ----------------------------------------
    row(
        "Căn cứ [[Luật số 64/2025/QH15]] ngày 19 tháng 02 năm 2025 về ban hành văn bản quy "
        "phạm pháp luật;",
        [E("L", "64", "QH15", 2025, "2025-02-19", "64/2025/QH15")],
        "law-luat-so",
    ),
    row(
        "Căn cứ [[Luật số: 64/2025/QH15]] đã được sửa đổi, bổ sung;",
        [E("L", "64", "QH15", 2025, None, "64/2025/QH15")],
        "law-luat-so-colon",
    ),
    row(
        "Căn cứ [[Luật Đất đai số 31/2024/QH15]] ngày 18 tháng 01 năm 2024;",
        [E("L", "31", "QH15", 2024, "2024-01-18", "31/2024/QH15")],
        "law-with-short-name",
    ),
    row(
        "| 3 | [[45/2019/QH14]] | Bộ luật Lao động | 20/11/2019 |",
        [E(None, "45", "QH14", 2019, None, "45/2019/QH14")],
        "law-bare-in-table-cell",
    ),
    row(
        "Căn cứ [[Bộ luật Lao động số 45/2019/QH14]] ngày 20 tháng 11 năm 2019;",
        [E("BL", "45", "QH14", 2019, "2019-11-20", "45/2019/QH14")],
        "law-bo-luat",
    ),
    row(
        "Căn cứ [[Pháp lệnh số 02/2020/UBTVQH14]] ngày 09/12/2020 về ưu đãi người có công với "
        "cách mạng;",
        [E("PL", "02", "UBTVQH14", 2020, "2020-12-09", "02/2020/UBTVQH14")],
        "law-phap-lenh",
    ),
    row(
        "Căn cứ [[Nghị quyết số 193/2025/QH15]] ngày 19/02/2025 của Quốc hội về thí điểm một "
        "số cơ chế, chính sách đặc biệt;",
        [E("NQ", "193", "QH15", 2025, "2025-02-19", "193/2025/QH15")],
        "law-qh-resolution",
    ),
    row(
        "Căn cứ [[Luật Tổ chức chính quyền địa phương số 72/2025/QH15]] ngày 16 tháng 6 năm 2025;",
        [E("L", "72", "QH15", 2025, "2025-06-16", "72/2025/QH15")],
        "law-with-long-name",
    ),
    # --- Công văn N/ISSUER-UNIT ------------------------------------------------------------
    row(
        "Theo [[Công văn số 1436/VP-TTXTDT]] ngày 21/5/2025 của Văn phòng Ủy ban nhân dân "
        "tỉnh về việc góp ý dự thảo",
        [E("CV", "1436", "VP-TTXTDT", 2025, "2025-05-21", "1436/VP-TTXTDT")],
        "cong-van-vp",
    ),
    row(
        "Căn cứ [[Công văn số 126/SKHĐT]] ngày 14/02/2024 của Sở Kế hoạch và Đầu tư;",
        [E("CV", "126", "SKHĐT", 2024, "2024-02-14", "126/SKHĐT")],
        "cong-van-issuer-only",
    ),
    row(
        "Thực hiện [[Công văn 06/TTg-QHQT]] ngày 03/01/2025 của Thủ tướng Chính phủ",
        [E("CV", "06", "TTg-QHQT", 2025, "2025-01-03", "06/TTg-QHQT")],
        "cong-van-ttg",
    ),
    # --- Joint documents -------------------------------------------------------------------
    row(
        "Căn cứ [[Công văn số 83/BKHCN-BTTTT-VP]] ngày 14/01/2025 của liên Bộ Khoa học và Công "
        "nghệ, Bộ Thông tin và Truyền thông;",
        [E("CV", "83", "BKHCN-BTTTT-VP", 2025, "2025-01-14", "83/BKHCN-BTTTT-VP")],
        "joint-cong-van",
    ),
    row(
        "Thực hiện [[Kế hoạch số 01/KH-UBND-TDTU]] ngày 17/7/2023 giữa Ủy ban nhân dân tỉnh và "
        "Trường Đại học Tôn Đức Thắng",
        [E("KH", "01", "UBND-TDTU", 2023, "2023-07-17", "01/KH-UBND-TDTU")],
        "joint-ke-hoach",
    ),
    row(
        "Căn cứ [[Thông tư liên tịch số 01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP]] ngày 29 tháng "
        "12 năm 2017 quy định việc phối hợp;",
        [
            E(
                "TTLT",
                "01",
                "VKSNDTC-TANDTC-BCA-BTP",
                2017,
                "2017-12-29",
                "01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP",
            ),
        ],
        "joint-ttlt",
    ),
    row(
        "Căn cứ [[Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN]] quy định "
        "chi tiết hình thức giám sát;",
        [
            E(
                "NQLT",
                "102",
                "UBTVQH15-CP-ĐCTUBTWMTTQVN",
                2025,
                None,
                "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN",
            ),
        ],
        "joint-nqlt",
    ),
    row(
        "Thực hiện [[Kế hoạch liên tịch số 01/KH-UBND-TDTU]] và [[Tờ trình số "
        "04/TTr-BKHCN-BTTTT]] của liên Bộ.",
        [
            E("KH", "01", "UBND-TDTU", None, None, "01/KH-UBND-TDTU"),
            E("TTr", "04", "BKHCN-BTTTT", None, None, "04/TTr-BKHCN-BTTTT"),
        ],
        "joint-ke-hoach-lien-tich-to-trinh",
    ),
    row(
        "Triển khai [[Kế hoạch số 515/KH-BCA-BNN&MT]] ngày 11/3/2025 của Bộ Công an và Bộ "
        "Nông nghiệp và Môi trường.",
        [E("KH", "515", "BCA-BNN&MT", 2025, "2025-03-11", "515/KH-BCA-BNN&MT")],
        "joint-ampersand",
    ),
    row(
        "Ký kết [[Quy chế phối hợp số 02/QC-UBND-UBMTTQ]] ngày 20/02/2025 giữa Ủy ban nhân "
        "dân và Ủy ban Mặt trận Tổ quốc tỉnh.",
        [E("QC", "02", "UBND-UBMTTQ", 2025, "2025-02-20", "02/QC-UBND-UBMTTQ")],
        "joint-quy-che-phoi-hop",
    ),
    row(
        "Triển khai [[Chương trình phối hợp số 05/CTr-SKHCN-TĐTN]] ngày 26/3/2025 giữa Sở "
        "Khoa học và Công nghệ và Tỉnh đoàn.",
        [E("CTr", "05", "SKHCN-TĐTN", 2025, "2025-03-26", "05/CTr-SKHCN-TĐTN")],
        "joint-chuong-trinh-phoi-hop",
    ),
    row(
        "Căn cứ [[Bản ghi nhớ hợp tác số 03/BGN-UBND-ĐHQGHN]] ngày 17/8/2023 giữa Ủy ban nhân "
        "dân tỉnh và Đại học Quốc gia Hà Nội;",
        [E("BGN", "03", "UBND-ĐHQGHN", 2023, "2023-08-17", "03/BGN-UBND-ĐHQGHN")],
        "joint-ban-ghi-nho",
    ),
    row(
        "Theo [[Bản thỏa thuận số 02/BTT-UBND]] và [[Bản thoả thuận số 04/BTT-SKHCN]] đã ký.",
        [
            E("BTT", "02", "UBND", None, None, "02/BTT-UBND"),
            E("BTT", "04", "SKHCN", None, None, "04/BTT-SKHCN"),
        ],
        "ban-thoa-thuan-both-accent-placements",
    ),
    row(
        "Thực hiện [[Kế hoạch liên tịch số 01/KHLT-SKHCN-SGDĐT]] ngày 10/9/2025 về đưa "
        "STEM vào trường học.",
        [E("KHLT", "01", "SKHCN-SGDĐT", 2025, "2025-09-10", "01/KHLT-SKHCN-SGDĐT")],
        "joint-khlt-code",
    ),
    row(
        "Căn cứ [[Quy chế liên tịch số 03/QCLT-SNV-SYT]] ngày 02/6/2025 giữa Sở Nội vụ và Sở Y tế;",
        [E("QCLT", "03", "SNV-SYT", 2025, "2025-06-02", "03/QCLT-SNV-SYT")],
        "joint-qclt-code",
    ),
    row(
        "Căn cứ [[Hướng dẫn liên tịch số 02/HDLT-BNV-BTC]] ngày 15/5/2025 của Bộ Nội vụ và Bộ "
        "Tài chính;",
        [E("HDLT", "02", "BNV-BTC", 2025, "2025-05-15", "02/HDLT-BNV-BTC")],
        "joint-hdlt-code",
    ),
    # --- Letter suffix, standards ----------------------------------------------------------
    row(
        "Căn cứ [[Nghị quyết số 30c/NQ-CP]] ngày 08 tháng 11 năm 2011 của Chính phủ ban hành "
        "Chương trình tổng thể cải cách hành chính nhà nước;",
        [E("NQ", "30c", "CP", 2011, "2011-11-08", "30c/NQ-CP")],
        "letter-suffix",
    ),
    row(
        "Sản phẩm phải đáp ứng [[Quy chuẩn kỹ thuật quốc gia QCVN 25:2025/BCT]] và "
        "[[QCVN 4:2009/BKHCN]].",
        [
            E("QCVN", "25", "BCT", 2025, None, "QCVN 25:2025/BCT"),
            E("QCVN", "4", "BKHCN", 2009, None, "QCVN 4:2009/BKHCN"),
        ],
        "standard-qcvn",
    ),
    row(
        "Thiết bị được kiểm định theo [[quy chuẩn QCVN 4:2009/BKHCN]].",
        [E("QCVN", "4", "BKHCN", 2009, None, "QCVN 4:2009/BKHCN")],
        "standard-quy-chuan",
    ),
    row(
        "Công trình được thiết kế theo [[Tiêu chuẩn quốc gia TCVN 9386:2012]] về thiết kế "
        "công trình chịu động đất.",
        [E("TCVN", "9386", None, 2012, None, "TCVN 9386:2012")],
        "standard-tcvn",
    ),
    row(
        "Áp dụng [[tiêu chuẩn TCVN 111:2006]] trong thiết kế.",
        [E("TCVN", "111", None, 2006, None, "TCVN 111:2006")],
        "standard-tieu-chuan",
    ),
    row(
        "Nước sinh hoạt phải đạt [[QCVN 01-1:2018/BYT]] của Bộ Y tế.",
        [E("QCVN", "01-1", "BYT", 2018, None, "QCVN 01-1:2018/BYT")],
        "standard-qcvn-part-number",
    ),
    row(
        "Duy trì hệ thống quản lý chất lượng theo [[TCVN ISO 9001:2015]] tại cơ quan.",
        [E("TCVN", "9001", None, 2015, None, "TCVN ISO 9001:2015")],
        "standard-tcvn-iso",
    ),
    # --- Upper-case titles -----------------------------------------------------------------
    row(
        "KẾ HOẠCH THỰC HIỆN [[CHỈ THỊ SỐ 19/CT-TTG]] NGÀY 16 THÁNG 7 NĂM 2021 CỦA THỦ TƯỚNG "
        "CHÍNH PHỦ",
        [E("CT", "19", "TTg", 2021, "2021-07-16", "19/CT-TTg")],
        "upper-title-ttg",
    ),
    row(
        "KẾ HOẠCH\nTriển khai [[NGHỊ QUYẾT SỐ 57-NQ/TW]] NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ",
        [E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW")],
        "upper-title-nq",
    ),
    row(
        "THỰC HIỆN [[CHƯƠNG TRÌNH HÀNH ĐỘNG SỐ 40-CTR/TU]] CỦA TỈNH ỦY",
        [E("CTr", "40", "TU", None, None, "40-CTr/TU")],
        "upper-title-ctr",
    ),
    row(
        "HƯỚNG DẪN THỰC HIỆN [[THÔNG TƯ LIÊN TỊCH SỐ 01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP]]",
        [
            E(
                "TTLT",
                "01",
                "VKSNDTC-TANDTC-BCA-BTP",
                2017,
                None,
                "01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP",
            ),
        ],
        "upper-title-ttlt",
    ),
    # --- With and without "số", "số:", headers -----------------------------------------
    row(
        "Căn cứ [[Quyết định 327/QĐ-UBND]] ngày 26/5/2025 của Ủy ban nhân dân tỉnh;",
        [E("QĐ", "327", "UBND", 2025, "2025-05-26", "327/QĐ-UBND")],
        "without-so",
    ),
    row(
        "Căn cứ [[Nghị quyết số: 13-NQ/TU]] ngày 06/9/2023 của Ban Chấp hành Đảng bộ tỉnh;",
        [E("NQ", "13", "TU", 2023, "2023-09-06", "13-NQ/TU")],
        "so-colon",
    ),
    row(
        "ỦY BAN NHÂN DÂN TỈNH\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: [[1587/KH-SKHCN]]\n"
        "KẾ HOẠCH\nTriển khai nhiệm vụ năm 2025",
        [E("KH", "1587", "SKHCN", None, None, "1587/KH-SKHCN")],
        "state-header-so-colon",
    ),
    row(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố [[57-NQ/TW]]\nNGHỊ QUYẾT",
        [E("NQ", "57", "TW", None, None, "57-NQ/TW")],
        "party-header-so",
    ),
    row(
        "Giao Sở chủ trì triển khai [[1587/KH-SKHCN]] theo đúng tiến độ.",
        [E("KH", "1587", "SKHCN", None, None, "1587/KH-SKHCN")],
        "bare-so-hieu",
    ),
    row(
        "Căn cứ [[Quyết định số 39 /QĐ-SKHCN]] ngày 21/3/2025 của Giám đốc Sở;",
        [E("QĐ", "39", "SKHCN", 2025, "2025-03-21", "39/QĐ-SKHCN")],
        "space-before-slash",
    ),
    row(
        "Căn cứ [[Quyết định số 1234/QĐ-CT]] ngày 05/6/2024 của Chủ tịch Ủy ban nhân dân tỉnh;",
        [E("QĐ", "1234", "CT", 2024, "2024-06-05", "1234/QĐ-CT")],
        "issuer-chu-tich",
    ),
    row(
        "Theo “[[Nghị quyết số 57–NQ/TW]]” (gạch nối dài) và ([[Thông báo số 3/TB-VP]]).",
        [
            E("NQ", "57", "TW", None, None, "57-NQ/TW"),
            E("TB", "3", "VP", None, None, "3/TB-VP"),
        ],
        "en-dash-quotes-brackets",
    ),
    row(
        "Căn cứ [[Nghị quyết số\u00a057-NQ/TW]] ngày\u00a022/12/2024 và [[Quyết\tđịnh số "
        "12/QĐ-UBND]];",
        [
            E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW"),
            E("QĐ", "12", "UBND", None, None, "12/QĐ-UBND"),
        ],
        "nbsp-and-tab",
    ),
    # --- Broken across lines -----------------------------------------------------------
    row(
        "Thực hiện [[Kế hoạch số 359-\nKH/TU]] ngày 29/4/2025 của Tỉnh ủy",
        [E("KH", "359", "TU", 2025, "2025-04-29", "359-KH/TU")],
        "break-after-party-dash",
    ),
    row(
        "Căn cứ [[Kế hoạch 82/KH-\n\nUBND]] ngày 17/4/2025 của Ủy ban nhân dân tỉnh",
        [E("KH", "82", "UBND", 2025, "2025-04-17", "82/KH-UBND")],
        "break-after-state-dash",
    ),
    row(
        "Căn cứ [[Quyết \nđịnh số 489/QĐ-UBND]] ngày 28/3/2025 của Ủy ban nhân dân tỉnh",
        [E("QĐ", "489", "UBND", 2025, "2025-03-28", "489/QĐ-UBND")],
        "break-inside-type-word",
    ),
    row(
        "Căn cứ [[Nghị quyết số \n\n71/NQ-CP]] ngày 01/4/2025 của Chính phủ",
        [E("NQ", "71", "CP", 2025, "2025-04-01", "71/NQ-CP")],
        "break-after-so",
    ),
    row(
        "Thực hiện [[Kế hoạch số 359-\r\nKH/TU]] ngày 29/4/2025 của Tỉnh ủy",
        [E("KH", "359", "TU", 2025, "2025-04-29", "359-KH/TU")],
        "break-crlf",
    ),
    row(
        "Thực hiện [[Kế hoạch hành động số 359-\n  12  \nKH/TU]] ngày 29/4/2025",
        [E("KH", "359", "TU", 2025, "2025-04-29", "359-KH/TU")],
        "break-over-page-number-line",
    ),
    row(
        "Căn cứ [[Nghị quyết số 57-NQ/TW]] ngày\n22/12/2024 của Bộ Chính trị",
        [E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW")],
        "break-inside-date",
    ),
    # --- Lists under one type word --------------------------------------------------------
    row(
        "Căn cứ các [[Quyết định số 1212/QĐ-UBND]], số [[1213/QĐ-UBND]] ngày 27/6/2025 của Ủy "
        "ban nhân dân tỉnh;",
        [
            E("QĐ", "1212", "UBND", None, None, "1212/QĐ-UBND"),
            E("QĐ", "1213", "UBND", 2025, "2025-06-27", "1213/QĐ-UBND"),
        ],
        "list-so-shared-date",
    ),
    row(
        "Căn cứ các [[Quyết định số 1212/QĐ-UBND]], [[1213/QĐ-UBND]] và [[1214/QĐ-UBND]] ngày "
        "27/6/2025;",
        [
            E("QĐ", "1212", "UBND", None, None, "1212/QĐ-UBND"),
            E("QĐ", "1213", "UBND", None, None, "1213/QĐ-UBND"),
            E("QĐ", "1214", "UBND", 2025, "2025-06-27", "1214/QĐ-UBND"),
        ],
        "list-without-so",
    ),
    row(
        "Căn cứ các [[Nghị quyết số 01/NQ-CP]], [[Nghị quyết số 02/NQ-CP]] ngày 8/1/2025 của "
        "Chính phủ;",
        [
            E("NQ", "01", "CP", None, None, "01/NQ-CP"),
            E("NQ", "02", "CP", 2025, "2025-01-08", "02/NQ-CP"),
        ],
        "list-repeated-type-word",
    ),
    row(
        "Quán triệt các Nghị quyết của Bộ Chính trị: số [[57-NQ/TW]] ngày 22/12/2024, số "
        "[[59-NQ/TW]] ngày 24/01/2025, số [[66-NQ/TW]] ngày 30/4/2025 và số [[68-NQ/TW]] ngày "
        "04/5/2025.",
        [
            E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW"),
            E("NQ", "59", "TW", 2025, "2025-01-24", "59-NQ/TW"),
            E("NQ", "66", "TW", 2025, "2025-04-30", "66-NQ/TW"),
            E("NQ", "68", "TW", 2025, "2025-05-04", "68-NQ/TW"),
        ],
        "list-each-with-date",
    ),
    # --- Short forms -----------------------------------------------------------------------
    row(
        "Triển khai [[Nghị quyết 57]] của Bộ Chính trị; [[Kế hoạch số 359]] của Tỉnh ủy và "
        "[[Nghị định 30/2020]] về công tác văn thư.",
        [S("NQ", "57"), S("KH", "359"), S("NĐ", "30", 2020)],
        "short-forms",
    ),
    row(
        "Đẩy mạnh thực hiện [[Đề án 06]] của Chính phủ và [[Chỉ thị 19]] của Thủ tướng.",
        [S("ĐA", "06"), S("CT", "19")],
        "short-de-an-chi-thi",
    ),
    row(
        "Căn cứ [[Nghị quyết số 57-NQ/TW]] ngày 22/12/2024 của Bộ Chính trị (sau đây gọi tắt "
        "là [[Nghị quyết 57]]);",
        [E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW"), S("NQ", "57")],
        "short-alias",
    ),
    row(
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch này (sau đây gọi tắt là [[Kế hoạch số 01]]).",
        [S("KH", "01")],
        "short-alias-in-brackets",
    ),
    row(
        "Triển khai [[Nghị quyết 57]] ngày 22/12/2024, [[Nghị quyết 59]] và [[Thông tư 01]] "
        "của Bộ Nội vụ.",
        [S("NQ", "57", 2024, "2024-12-22"), S("NQ", "59"), S("TT", "01")],
        "short-with-date",
    ),
    row(
        "Thể thức văn bản thực hiện theo [[NĐ 30/2020]] về công tác văn thư.",
        [S("NĐ", "30", 2020)],
        "short-abbreviated-type-word",
    ),
    # --- Date forms ------------------------------------------------------------------------
    row(
        "Thực hiện [[Kết luận số 69-KL/TW]] ngày 11 tháng 01 năm 2024 của Ban Bí thư;",
        [E("KL", "69", "TW", 2024, "2024-01-11", "69-KL/TW")],
        "date-words",
    ),
    row(
        "Quán triệt [[Chỉ thị số 38-CT/TW]] ngày 30-7-2024 của Ban Bí thư.",
        [E("CT", "38", "TW", 2024, "2024-07-30", "38-CT/TW")],
        "date-dashes",
    ),
    row(
        "Theo [[Quyết định số 128/2025/QĐ-UBND]] ban hành ngày 01.4.2025 của Ủy ban nhân dân tỉnh.",
        [E("QĐ", "128", "UBND", 2025, "2025-04-01", "128/2025/QĐ-UBND")],
        "date-dots-ban-hanh",
    ),
    row(
        "Căn cứ [[Nghị quyết số 57-NQ/TW]], ngày 22 tháng 12 năm 2024 của Bộ Chính trị;",
        [E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW")],
        "date-comma-words",
    ),
    # --- OCR damage --------------------------------------------------------------------
    row(
        "Căn cứ [[Quyét dinh 512/QP-UBND]] ngày 21/3/2021 của UBND tỉnh",
        [E("QĐ", "512", "UBND", 2021, "2021-03-21", "512/QĐ-UBND")],
        "ocr-qp",
    ),
    row(
        "Thực hiện [[Nghi quyét s6 57-NQ/Tw]] ngày 22/12/2024 của Bộ Chính trị",
        [E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW")],
        "ocr-tw",
    ),
    row(
        "Căn cứ [[Quyết định số 1961/QĐUBND]] ngày 12/9/2024 và [[Nghị quyết 30c/NQCP]] của "
        "Chính phủ",
        [
            E("QĐ", "1961", "UBND", 2024, "2024-09-12", "1961/QĐ-UBND"),
            E("NQ", "30c", "CP", None, None, "30c/NQ-CP"),
        ],
        "ocr-lost-hyphen",
    ),
    row(
        "Thực hiện [[Nghi quyét so 03/NQ-QP]] ngày 09/01/2025 của Chính phủ",
        [E("NQ", "03", "CP", 2025, "2025-01-09", "03/NQ-CP")],
        "ocr-qp-for-cp",
    ),
    row(
        "Căn cứ [[Kế hoạch số 01-KH/BCPTW]] ngày 21/3/2025 của Ban Chỉ đạo Trung ương",
        [E("KH", "01", "BCĐTW", 2025, "2025-03-21", "01-KH/BCĐTW")],
        "ocr-bcptw",
    ),
    row(
        "Căn cứ [[Nghị quyết số 15/NQ-HDND]] ngày 15/7/2025 của Hội đồng nhân dân tỉnh",
        [E("NQ", "15", "HĐND", 2025, "2025-07-15", "15/NQ-HĐND")],
        "ocr-hdnd",
    ),
    row(
        "Căn cứ [[Quyét dinh 981/QDP-UBND]] ngày 26/6/2023; [[Ké hoach s6 196/KH-UBND]] ngày "
        "02/10/2024; [[Két luan s6 69-KL/TW]]; [[Chi thi sb 38-CT/TW]]",
        [
            E("QĐ", "981", "UBND", 2023, "2023-06-26", "981/QĐ-UBND"),
            E("KH", "196", "UBND", 2024, "2024-10-02", "196/KH-UBND"),
            E("KL", "69", "TW", None, None, "69-KL/TW"),
            E("CT", "38", "TW", None, None, "38-CT/TW"),
        ],
        "ocr-words-and-so",
    ),
    row(
        "Thực hiện [[Ké& hoach sé 51/KH-UBND]] ngày 07/3/2025",
        [E("KH", "51", "UBND", 2025, "2025-03-07", "51/KH-UBND")],
        "ocr-ampersand-after-word-letter",
    ),
    row(
        "Thực hiện [[K& hoach sé 188/KH-UBND]] ngày 18/9/2024 của UBND tỉnh",
        [E("KH", "188", "UBND", 2024, "2024-09-18", "188/KH-UBND")],
        "ocr-ampersand-for-letter",
    ),
    row(
        "Căn cứ [[Quyér dinh so 792/0D-UBND]] ngày 12/12/2024 của UBND tỉnh",
        [E("QĐ", "792", "UBND", 2024, "2024-12-12", "792/QĐ-UBND")],
        "ocr-type-word-letter",
    ),
    # --- Stray separators ----------------------------------------------------------------
    row(
        "Thực hiện [[Nghị quyết 72-NQ-TW]] ngày 09/9/2025 của Bộ Chính trị",
        [E("NQ", "72", "TW", 2025, "2025-09-09", "72-NQ/TW")],
        "stray-dash-for-slash",
    ),
    row(
        "Triển khai [[Chương trình số 65-Ctr/TU]] ngày 12/4/2025 của Tỉnh ủy",
        [E("CTr", "65", "TU", 2025, "2025-04-12", "65-CTr/TU")],
        "stray-case-ctr",
    ),
    row(
        "Căn cứ [[Kế hoạch số 94- KH/BTGDVTW]] ngày 02/4/2025 của Ban Tuyên giáo và Dân vận "
        "Trung ương",
        [E("KH", "94", "BTGDVTW", 2025, "2025-04-02", "94-KH/BTGDVTW")],
        "stray-space-after-dash",
    ),
    row(
        "Quán triệt [[Nghị quyết số 57- NQ/TW]] ngày 22/12/2024 của Bộ Chính trị",
        [E("NQ", "57", "TW", 2024, "2024-12-22", "57-NQ/TW")],
        "stray-space-after-dash-nq",
    ),
    # --- Word footnote markers -----------------------------------------------------------
    row(
        "Sở đã ban hành Kế hoạch triển khai[footnoteRef:1] trong tháng 7.\n"
        "[1:  [[Công văn số 43/SKHCN-QLKH&ĐMST]] ngày 07/7/2025]",
        [E("CV", "43", "SKHCN-QLKH&ĐMST", 2025, "2025-07-07", "43/SKHCN-QLKH&ĐMST")],
        "footnote-body",
    ),
    row(
        "Căn cứ [[Nghị quyết số 57-NQ/TW]][footnoteRef:2] của Bộ Chính trị; "
        "[[Kế hoạch số 82/KH-UBND]][footnoteRef:3] ngày 17/4/2025; "
        "[[Nghị quyết 57]][footnoteRef:4] của Bộ Chính trị.",
        [
            E("NQ", "57", "TW", None, None, "57-NQ/TW"),
            E("KH", "82", "UBND", 2025, "2025-04-17", "82/KH-UBND"),
            S("NQ", "57"),
        ],
        "footnote-ref-after-reference",
    ),
    row(
        "Thực hiện chỉ đạo của Trung ương[footnoteRef:5].\n"
        "[5:  [[Kết luận số 121-KL/TW]], ngày 24/01/2025 của Ban Chấp hành Trung ương.]\n"
        "[6:  [[Nghị quyết số 03/NQ-CP]] ngày 09/01/2025 của Chính phủ.]",
        [
            E("KL", "121", "TW", 2025, "2025-01-24", "121-KL/TW"),
            E("NQ", "03", "CP", 2025, "2025-01-09", "03/NQ-CP"),
        ],
        "footnote-bodies-party-comma",
    ),
    # --- Laws named before their number; old-style numbers; a number glued to "số" ------
    # (kinds found on the development part of ../shared/corpus-real/)
    row(
        "Căn cứ [[Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15]] ngày 27 "
        "tháng 6 năm 2025;",
        [E("L", "93", "QH15", 2025, "2025-06-27", "93/2025/QH15")],
        "law-long-title-before-number",
    ),
    row(
        "Căn cứ [[Luật Tổ chức Quốc hội, số 57/2014/QH13]]; [[Bộ luật Hình sự 2025, số "
        "86/2025/QH15]];",
        [
            E("L", "57", "QH13", 2014, None, "57/2014/QH13"),
            E("BL", "86", "QH15", 2025, None, "86/2025/QH15"),
        ],
        "law-and-code-title-with-comma",
    ),
    row(
        "Căn cứ [[Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14]];",
        [E("PL", "02", "UBTVQH14", 2020, None, "02/2020/UBTVQH14")],
        "ordinance-of-the-standing-committee",
    ),
    row(
        # The clause ends between the law's name and the number: no type for it.
        "Thi hành Luật Đất đai; căn cứ số [[31/2024/QH15]] đã dẫn.",
        [E(None, "31", "QH15", 2024, None, "31/2024/QH15")],
        "assembly-number-after-a-clause-ends",
    ),
    row(
        "Bãi bỏ [[Nghị định số 158-CP]] ngày 01/01/1990 và [[Quyết định 167-HĐBT]] của Hội "
        "đồng Bộ trưởng.",
        [
            E("NĐ", "158", "CP", 1990, "1990-01-01", "158-CP"),
            E("QĐ", "167", "HĐBT", None, None, "167-HĐBT"),
        ],
        "old-style-number-issuer",
    ),
    row(
        "theo [[Tờ trình số374/TTr-CP]] và [[Đề án số 375/ĐA-CP]] ngày 09 tháng 5 năm 2025",
        [
            E("TTr", "374", "CP", None, None, "374/TTr-CP"),
            E("ĐA", "375", "CP", 2025, "2025-05-09", "375/ĐA-CP"),
        ],
        "number-glued-to-so",
    ),
    row(
        "Căn cứ [[Nghị quyết số 66.2/2025/NQ-CP]] ngày 01/7/2025 của Chính phủ",
        [E("NQ", "66.2", "CP", 2025, "2025-07-01", "66.2/2025/NQ-CP")],
        "decimal-number-of-a-government-resolution",
    ),
    row(
        "áp dụng [[TCVN 1234-\n5:2020]] về an toàn",
        [E("TCVN", "1234-5", None, 2020, None, "TCVN 1234-5:2020")],
        "standard-number-broken-over-a-line",
    ),
    row(
        "theo [[Thông tư số 49/2025TT-BCT]] ngày 01/7/2025",
        [E("TT", "49", "BCT", 2025, "2025-07-01", "49/2025/TT-BCT")],
        "slash-lost-between-year-and-type",
    ),
    row(
        "theo [[Sắc lệnh số 97/SL]] ngày 22/5/1950 của Chủ tịch nước",
        [E("SL", "97", None, 1950, "1950-05-22", None)],
        "presidential-decree-without-issuer",
    ),
    row(
        # A letter's number holds its issuer's code, whatever type it spells (Cục Thuế).
        "Tại [[5615/CT-CS]] và [[Công văn số 5615/CT-CS]] của Cục Thuế; [[Luật Đê điều số "
        "79/2006/QH11]]",
        [
            E("CV", "5615", "CT-CS", None, None, "5615/CT-CS"),
            E("CV", "5615", "CT-CS", None, None, "5615/CT-CS"),
            E("L", "79", "QH11", 2006, None, "79/2006/QH11"),
        ],
        "letter-whose-issuer-spells-a-type",
    ),
    # Rows below are from the development part of corpus-real (legal Q&A pages, Wikipedia).
    row(
        "[[Nghị định 26]] thay thế Nghị định 102 2022?\n\nNhững điểm mới [[Nghị định 106]] "
        "xử phạt vi phạm hành chính; quy định theo [[Nghị định 73]]? [[Nghị quyết 15]] năm 1959",
        [S("NĐ", "26"), S("NĐ", "106"), S("NĐ", "73"), S("NQ", "15", 1959)],
        "short-form-in-a-question-or-going-on-with-the-sentence",
    ),
    row(
        "chuyển đổi số và [[Đề án 06]]\nBan Chỉ đạo quốc gia; khi thực hiện [[Chỉ thị 16]] từ "
        "ngày 9/7/2021",
        [S("ĐA", "06"), S("CT", "16")],
        "short-form-ending-a-line-or-before-tu-ngay",
    ),
    row(
        "ban hành [[Nghị quyết số 391 NQ/TVQH]], theo đó; [[Nghị quyết số 704 NQ/HĐNN7]], ngày "
        "30-01-1986; theo [[Quyết định số 394 KT/CTN]], ngày 17/12/1994; ký [[Nghị định số 129 "
        "NV/NĐ]], cử ông",
        [
            E("NQ", "391", "TVQH", None, None, "391-NQ/TVQH"),
            E("NQ", "704", "HĐNN7", 1986, "1986-01-30", "704-NQ/HĐNN7"),
            E("QĐ", "394", "CTN", 1994, "1994-12-17", "394-CTN"),
            E("NĐ", "129", "NV", None, None, "129-NV"),
        ],
        "old-citation-with-a-space-after-the-number",
    ),
    row(
        "tại [[Quyết định số 1488-QĐNS/TW]], ngày 16 tháng 8 năm 2024; [[Nghị quyết số "
        "10-NQ/TƯ]], ra đời năm 1999; [[Hướng dẫn 02-HD/TWH]] năm 2025",
        [
            E("QĐNS", "1488", "TW", 2024, "2024-08-16", "1488-QĐNS/TW"),
            E("NQ", "10", "TW", None, None, "10-NQ/TW"),
            E("HD", "02", "TWH", 2025, None, "02-HD/TWH"),
        ],
        "party-personnel-decision-and-central-spelled-tu",
    ),
    row(
        "tại [[Nghị quyết 749//NQ-UBTVQH14]], Ủy ban thường vụ Quốc hội",
        [E("NQ", "749", "UBTVQH14", None, None, "749/NQ-UBTVQH14")],
        "doubled-slash",
    ),
]


DISTRACTORS = [
    pytest.param(text, id=ident)
    for ident, text in [
        (
            # A charter is named by its body, never by a number of its own.
            "charter-without-number",
            "Thực hiện đúng Điều lệ Đảng và Điều lệ tổ chức và hoạt động của Quỹ ban hành kèm "
            "theo Quyết định này.",
        ),
        (
            "dates",
            "Hội nghị tổ chức ngày 22/12/2024, ngày 05-3-2020, ngày 01.4.2025 và ngày 16 "
            "tháng 6 năm 2025.",
        ),
        (
            "year-ranges",
            "Kế hoạch phát triển kinh tế - xã hội giai đoạn 2021-2025, tầm nhìn "
            "2026 – 2030 và giai đoạn 2026–2030; năm học 2024-2025.",
        ),
        (
            "form-numbers",
            "Báo cáo theo Mẫu số 01/BC ban hành kèm theo; Biểu số 02/KH; mẫu số 03/TB-SKHCN.",
        ),
        (
            "article-clause",
            "Theo quy định tại khoản 2 Điều 3, điểm a khoản 1 Điều 15 và Mục 2 Chương III.",
        ),
        ("phones", "Điện thoại: 0255.3822.123; Fax: (0255) 3822 124; Di động: 0912-345-678."),
        (
            "money",
            "Tổng kinh phí 1.500.000 đồng, trong đó 2,5 tỷ đồng từ ngân sách tỉnh; "
            "1.500.000.000đ vốn đối ứng.",
        ),
        ("year-after-type-word", "Triển khai Kế hoạch 2025 của Sở."),
        (
            "quantity-after-type-word",
            "Xây dựng Chương trình công tác 6 tháng cuối năm; Kế hoạch 5 năm.",
        ),
        (
            "verb-type-word-with-count",
            "Sở đã hướng dẫn 09 tổ chức khoa học và công nghệ; báo cáo 6 tháng đầu năm 2025.",
        ),
        (
            "ratios",
            "Đã có 03/03 đề xuất được phê duyệt; 34/34 tỉnh, thành phố; 15/15 xã đạt chuẩn.",
        ),
        ("blank-number-header", "Số:       /BC-SKHCN"),
        (
            "blank-number-attachment",
            "(Kèm theo Quyết định số      /QĐ-UBND ngày     tháng     năm 2025 của UBND tỉnh)",
        ),
        ("blank-number-others", "Quyết định số  /QĐ-SKHCN; Số: …/KH-UBND; Số:      -KH/TU"),
        ("appendix", "Chi tiết tại Phụ lục I và Phụ lục 02 kèm theo."),
        ("percentages", "Tỷ lệ đạt 95%, tăng 12,5% so với năm 2024."),
        ("per-hundred", "Tỷ lệ thuê bao/100 dân đạt 85,3."),
        (
            "law-by-name",
            "Căn cứ Luật Chuyển giao công nghệ năm 2017; Căn cứ Luật Tổ chức chính "
            "quyền địa phương ngày 16 tháng 6 năm 2025;",
        ),
        (
            "constitution-by-name",
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013; Hiến pháp 2013.",
        ),
        (
            "self-reference",
            "Quyết định này có hiệu lực kể từ ngày ký. Kế hoạch này thay thế các "
            "Nghị quyết của Tỉnh ủy.",
        ),
        (
            "deadlines",
            "Thời gian hoàn thành: 6/2025; Quý I/2025; Tháng 10/2025; trước ngày "
            "15/10/2026; 01/2025.",
        ),
        ("table-row", "| 1 | Xây dựng cơ sở dữ liệu | Phòng QLKH | 12/2025 |"),
        ("footnote-digit-glued", "Thực hiện theo phương án4 đã được phê duyệt."),
        ("named-party-plenum", "Nghị quyết Trung ương 4 khóa XII; Nghị quyết Đại hội XIII."),
        (
            "misc-numbers",
            "Trụ sở: số 12 đường Trần Hưng Đạo, phường 3; tầng 5, phòng 205; "
            "COVID-19; công nghiệp 4.0; 5G; ISO 9001; lúc 14 giờ 30.",
        ),
        ("counts", "Triển khai 05 đề tài, thành lập 12 tổ công tác, 3.321 đơn vị hành chính."),
        ("signature-block", "Nơi nhận:\n- Như trên;\n- Lưu: VT, KHTC.\nKT. GIÁM ĐỐC"),
        # A Party-style number whose issuer was lost, and ranges, are no old-style number.
        ("party-number-without-issuer", "Thực hiện Kế hoạch số 45-KH của Tỉnh ủy, 2-3 năm."),
        ("mobile-generations", "Phủ sóng 4G/5G, Wi-Fi 6/7 tới 100% thôn."),
        ("points-after-nhu-sau", "Kết luận như sau:\n1. Đồng ý; theo quy định như sau: 1 bản."),
        ("decimal-in-a-date", "ngày 01.4.2025 và ống 2.5/3 mm"),
        ("form-after-a-type-word", "Gửi báo cáo kết quả theo Mẫu số 03 và văn bản theo mẫu số 01."),
        (
            "counts-after-a-lower-case-type-word",
            "Hà Nội đã kỷ luật 853 đảng viên; có kết luận 141 đảng viên và 16 tổ chức đảng.",
        ),
        ("quantity-wrapped-to-the-next-line", "Đề ra Kế hoạch 5\nnăm lần thứ nhất."),
    ]
]


@pytest.mark.parametrize(("marked", "expected"), ROWS)
def test_reference(marked: str, expected: list[E]) -> None:
    text, spans = _unmark(marked)
    assert unicodedata.is_normalized("NFC", text), "write the rows in NFC"
    assert len(spans) == len(expected), "one expectation per marked span"
    mentions = _extract(text)
    got = [((m.start, m.end, m.surface), _fields(m)) for m in mentions]
    assert got == list(zip(spans, expected, strict=True))


@pytest.mark.parametrize("text", DISTRACTORS)
def test_distractor(text: str) -> None:
    found = [(m.surface, m.type_code, m.number) for m in _extract(text)]
    assert found == []


def test_unmark() -> None:
    text, spans = _unmark("a [[Nghị quyết 57]] b [[x\ny]]")
    assert text == "a Nghị quyết 57 b x\ny"
    assert spans == [(2, 15, "Nghị quyết 57"), (18, 21, "x\ny")]
    assert all(text[s:e] == surface for s, e, surface in spans)


def test_every_catalogue_type_word_is_covered() -> None:
    """Every type word of ingest/data/types.yaml is the type word of some row or distractor."""
    from ingest.catalogue import load_catalogue
    from ingest.text import fold

    words = {w for t in load_catalogue().types for w in t.words}
    used: set[str] = set()
    for param in ROWS:
        for _, _, surface in _unmark(param.values[0])[1]:
            folded = " ".join(fold(surface).split()) + " "
            starts = [w for w in words if folded.startswith(w + " ")]
            used.update(max(starts, key=len, default=None) for _ in [0] if starts)
    texts = " ".join(" ".join(fold(p.values[0]).split()) for p in DISTRACTORS)
    assert sorted(w for w in words - used if w not in texts) == []
