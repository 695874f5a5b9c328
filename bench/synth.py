"""Synthetic corpus of Vietnamese directive documents, for benchmarks at scale.

Writes plain UTF-8 .txt files shaped like the documents chidao reads: Tỉnh ủy plans and
programmes carrying out Party resolutions, UBND tỉnh plans and decisions carrying out
Government resolutions and the Tỉnh ủy's plan, and each Sở's plan carrying out the UBND's,
with a task table (one row per line, cells split by "|"). Run:

    .venv/bin/python bench/synth.py OUT_DIR --tasks 10000 [--seed 1]

It prints a one-line summary to stderr and writes OUT_DIR/manifest.json: for each file its
path, its own số hiệu, type, issuer and date, the số hiệu it implements (and those it is
based on), and its number of tasks.

The chains are real at the top (57-NQ/TW -> 03/NQ-CP, 71/NQ-CP; 36-NQ/TW -> 189/NQ-CP ...)
and invented below (Tỉnh ủy, UBND and Sở numbers, names, task texts). Numbers are unique per
issuing body per year (Party numbers per type and committee term) and grow with the date;
the same số hiệu does recur across provinces ("45/KH-UBND" of two provinces), as it does in
reality. The corpus is a function of the seed alone: a bigger --tasks adds plans to a
smaller one's and leaves its files as they are, but for the length of its last plan or two.
One seed defines about 400,000 tasks; asking for more writes them all and says so.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# ---------------------------------------------------------------------------------------
# Places, bodies, people
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Province:
    """A province or centrally run city after the 2025 reorganisation (NQ 202/2025/QH15).

    Attributes:
        name: Its name ("Quảng Ngãi", "Hồ Chí Minh").
        city: True for the six thành phố trực thuộc trung ương.
        ethnic: Has a Sở Dân tộc và Tôn giáo (from 03/2025).
        border: Has a Sở Ngoại vụ.
        old_name: Its name before a change of status, with the date it changed.
    """

    name: str
    city: bool = False
    ethnic: bool = False
    border: bool = False
    old_name: tuple[str, date] | None = None

    def name_at(self, when: date) -> str:
        if self.old_name and when < self.old_name[1]:
            return self.old_name[0]
        return self.name

    def is_city_at(self, when: date) -> bool:
        return self.city and not (self.old_name and when < self.old_name[1])

    def unit_word(self, when: date) -> str:
        """ "tỉnh" or "thành phố"."""
        return "thành phố" if self.is_city_at(when) else "tỉnh"

    def full(self, when: date) -> str:
        """ "tỉnh Quảng Ngãi", "thành phố Hồ Chí Minh"."""
        return f"{self.unit_word(when)} {self.name_at(when)}"

    def place(self, when: date) -> str:
        """The place in the date line."""
        name = self.name_at(when)
        return "Thành phố Hồ Chí Minh" if name == "Hồ Chí Minh" else name

    def committee(self, when: date) -> str:
        """ "Tỉnh ủy" or "Thành ủy"."""
        return "Thành ủy" if self.is_city_at(when) else "Tỉnh ủy"

    @property
    def slug(self) -> str:
        return slugify(self.name)


_HUE = ("Thừa Thiên Huế", date(2025, 1, 1))
# The 34 provinces and cities from 01/7/2025: 11 unchanged, 23 formed by merging.
PROVINCES = (
    Province("Hà Nội", city=True),
    Province("Huế", city=True, ethnic=True, border=True, old_name=_HUE),
    Province("Lai Châu", ethnic=True, border=True),
    Province("Điện Biên", ethnic=True, border=True),
    Province("Sơn La", ethnic=True, border=True),
    Province("Lạng Sơn", ethnic=True, border=True),
    Province("Quảng Ninh", border=True),
    Province("Thanh Hóa", ethnic=True, border=True),
    Province("Nghệ An", ethnic=True, border=True),
    Province("Hà Tĩnh", border=True),
    Province("Cao Bằng", ethnic=True, border=True),
    Province("Tuyên Quang", ethnic=True, border=True),
    Province("Lào Cai", ethnic=True, border=True),
    Province("Thái Nguyên", ethnic=True),
    Province("Phú Thọ", ethnic=True),
    Province("Bắc Ninh"),
    Province("Hưng Yên"),
    Province("Hải Phòng", city=True),
    Province("Ninh Bình"),
    Province("Quảng Trị", ethnic=True, border=True),
    Province("Đà Nẵng", city=True, ethnic=True, border=True),
    Province("Quảng Ngãi", ethnic=True, border=True),
    Province("Gia Lai", ethnic=True, border=True),
    Province("Khánh Hòa", ethnic=True),
    Province("Lâm Đồng", ethnic=True),
    Province("Đắk Lắk", ethnic=True, border=True),
    Province("Hồ Chí Minh", city=True, border=True),
    Province("Đồng Nai", ethnic=True, border=True),
    Province("Tây Ninh", border=True),
    Province("Cần Thơ", city=True, ethnic=True),
    Province("Vĩnh Long", ethnic=True),
    Province("Đồng Tháp", border=True),
    Province("Cà Mau"),
    Province("An Giang", ethnic=True, border=True),
)
assert len(PROVINCES) == 34

# The Sở were reorganised on 01/3/2025 (NĐ 45/2025/NĐ-CP).
REORG = date(2025, 3, 1)
MERGED = date(2025, 7, 1)  # the merged provinces start work


@dataclass(frozen=True)
class Dept:
    """A Sở: its code, name, field of work and units."""

    code: str
    name: str
    field: str
    units: tuple[str, ...]
    law: tuple[tuple[str, date], ...] = ()  # (law name and date, in force from)


_COMMON = ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính")
DEPTS_NEW = {
    d.code: d
    for d in (
        Dept(
            "SKHCN",
            "Sở Khoa học và Công nghệ",
            "khcn",
            (
                *_COMMON,
                "Phòng Quản lý khoa học",
                "Phòng Quản lý công nghệ và Đổi mới sáng tạo",
                "Phòng Chuyển đổi số",
                "Phòng Bưu chính, Viễn thông và Công nghệ thông tin",
                "Chi cục Tiêu chuẩn Đo lường Chất lượng",
                "Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ",
                "Trung tâm Công nghệ thông tin và Truyền thông",
            ),
            (
                ("Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013", date(2014, 1, 1)),
                (
                    "Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025",
                    date(2025, 10, 1),
                ),
            ),
        ),
        Dept(
            "STC",
            "Sở Tài chính",
            "taichinh",
            (
                "Văn phòng Sở",
                "Phòng Quản lý ngân sách",
                "Phòng Tài chính đầu tư",
                "Phòng Quản lý giá và Công sản",
                "Phòng Tổng hợp, quy hoạch",
                "Phòng Doanh nghiệp, kinh tế tập thể và kinh tế tư nhân",
                "Phòng Đăng ký kinh doanh",
                "Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp",
            ),
            (("Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015", date(2017, 1, 1)),),
        ),
        Dept(
            "SNV",
            "Sở Nội vụ",
            "noivu",
            (
                "Văn phòng Sở",
                "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
                "Phòng Công chức, viên chức",
                "Phòng Xây dựng chính quyền và Công tác thanh niên",
                "Phòng Cải cách hành chính",
                "Phòng Lao động, việc làm",
                "Phòng Người có công",
                "Ban Thi đua - Khen thưởng",
                "Chi cục Văn thư - Lưu trữ",
            ),
            (
                ("Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008", date(2010, 1, 1)),
                ("Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025", date(2025, 7, 1)),
            ),
        ),
        Dept(
            "STP",
            "Sở Tư pháp",
            "tuphap",
            (
                "Văn phòng Sở",
                "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",
                "Phòng Phổ biến, giáo dục pháp luật",
                "Phòng Hành chính tư pháp",
                "Phòng Bổ trợ tư pháp",
                "Trung tâm Trợ giúp pháp lý nhà nước",
            ),
            (
                (
                    "Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015",
                    date(2016, 7, 1),
                ),
                (
                    "Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025",
                    date(2025, 4, 1),
                ),
            ),
        ),
        Dept(
            "SYT",
            "Sở Y tế",
            "yte",
            (
                *_COMMON,
                "Phòng Nghiệp vụ Y",
                "Phòng Nghiệp vụ Dược",
                "Phòng Tổ chức cán bộ",
                "Chi cục Dân số",
                "Chi cục An toàn vệ sinh thực phẩm",
                "Trung tâm Kiểm soát bệnh tật",
            ),
            (("Luật Khám bệnh, chữa bệnh ngày 09 tháng 01 năm 2023", date(2024, 1, 1)),),
        ),
        Dept(
            "SGDĐT",
            "Sở Giáo dục và Đào tạo",
            "giaoduc",
            (
                *_COMMON,
                "Phòng Giáo dục Mầm non",
                "Phòng Giáo dục Tiểu học",
                "Phòng Giáo dục Trung học",
                "Phòng Giáo dục thường xuyên",
                "Phòng Khảo thí và Quản lý chất lượng giáo dục",
                "Phòng Tổ chức cán bộ",
            ),
            (("Luật Giáo dục ngày 14 tháng 6 năm 2019", date(2020, 7, 1)),),
        ),
        Dept(
            "SXD",
            "Sở Xây dựng",
            "xaydung",
            (
                "Văn phòng Sở",
                "Phòng Quản lý xây dựng",
                "Phòng Quy hoạch - Kiến trúc",
                "Phòng Phát triển đô thị",
                "Phòng Quản lý nhà và Thị trường bất động sản",
                "Phòng Quản lý vận tải, phương tiện và người lái",
                "Phòng Quản lý kết cấu hạ tầng giao thông",
            ),
            (("Luật Xây dựng ngày 18 tháng 6 năm 2014", date(2015, 1, 1)),),
        ),
        Dept(
            "SCT",
            "Sở Công Thương",
            "congthuong",
            (
                "Văn phòng Sở",
                "Phòng Kế hoạch - Tài chính - Tổng hợp",
                "Phòng Quản lý thương mại",
                "Phòng Quản lý công nghiệp",
                "Phòng Quản lý năng lượng",
                "Trung tâm Khuyến công và Xúc tiến thương mại",
                "Chi cục Quản lý thị trường",
            ),
            (("Luật Thương mại ngày 14 tháng 6 năm 2005", date(2006, 1, 1)),),
        ),
        Dept(
            "SNNMT",
            "Sở Nông nghiệp và Môi trường",
            "nongnghiep",
            (
                *_COMMON,
                "Phòng Quản lý đất đai",
                "Phòng Môi trường và Biến đổi khí hậu",
                "Chi cục Trồng trọt và Bảo vệ thực vật",
                "Chi cục Chăn nuôi và Thú y",
                "Chi cục Kiểm lâm",
                "Chi cục Phát triển nông thôn",
                "Trung tâm Khuyến nông",
                "Văn phòng Đăng ký đất đai",
            ),
            (("Luật Đất đai ngày 18 tháng 01 năm 2024", date(2024, 8, 1)),),
        ),
        Dept(
            "SVHTTDL",
            "Sở Văn hóa, Thể thao và Du lịch",
            "vanhoa",
            (
                *_COMMON,
                "Phòng Quản lý văn hóa và Gia đình",
                "Phòng Quản lý thể dục thể thao",
                "Phòng Quản lý du lịch",
                "Phòng Quản lý Báo chí, Xuất bản",
                "Thư viện tỉnh",
                "Trung tâm Xúc tiến du lịch",
            ),
            (("Luật Du lịch ngày 19 tháng 6 năm 2017", date(2018, 1, 1)),),
        ),
        Dept(
            "SDTTG",
            "Sở Dân tộc và Tôn giáo",
            "dantoc",
            (
                "Văn phòng Sở",
                "Phòng Chính sách dân tộc",
                "Phòng Quản lý tôn giáo",
                "Phòng Kế hoạch - Tổng hợp",
            ),
            (("Luật Tín ngưỡng, tôn giáo ngày 18 tháng 11 năm 2016", date(2018, 1, 1)),),
        ),
        Dept(
            "SNgV",
            "Sở Ngoại vụ",
            "ngoaivu",
            (
                "Văn phòng Sở",
                "Phòng Hợp tác quốc tế",
                "Phòng Lãnh sự và Người Việt Nam ở nước ngoài",
                "Phòng Quản lý biên giới",
            ),
        ),
        Dept(
            "SQHKT",
            "Sở Quy hoạch - Kiến trúc",
            "xaydung",
            (
                "Văn phòng Sở",
                "Phòng Quy hoạch đô thị",
                "Phòng Quản lý kiến trúc",
                "Phòng Hạ tầng kỹ thuật",
                "Trung tâm Thông tin quy hoạch",
            ),
        ),
    )
}
_THANH_TRA = "Thanh tra Sở"
DEPTS_OLD = {
    d.code: d
    for d in (
        Dept(
            "SKHCN",
            "Sở Khoa học và Công nghệ",
            "khcn",
            (
                *_COMMON,
                _THANH_TRA,
                "Phòng Quản lý khoa học",
                "Phòng Quản lý công nghệ và Thông tin khoa học",
                "Phòng Quản lý chuyên ngành",
                "Chi cục Tiêu chuẩn Đo lường Chất lượng",
                "Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ",
            ),
            DEPTS_NEW["SKHCN"].law[:1],
        ),
        Dept(
            "STTTT",
            "Sở Thông tin và Truyền thông",
            "cds",
            (
                *_COMMON,
                _THANH_TRA,
                "Phòng Bưu chính - Viễn thông",
                "Phòng Công nghệ thông tin",
                "Phòng Thông tin - Báo chí - Xuất bản",
                "Phòng Chuyển đổi số",
                "Trung tâm Công nghệ thông tin và Truyền thông",
            ),
            (("Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006", date(2007, 1, 1)),),
        ),
        Dept(
            "SKHĐT",
            "Sở Kế hoạch và Đầu tư",
            "dautu",
            (
                "Văn phòng Sở",
                _THANH_TRA,
                "Phòng Tổng hợp, quy hoạch",
                "Phòng Kinh tế ngành",
                "Phòng Đăng ký kinh doanh",
                "Phòng Doanh nghiệp, kinh tế tập thể và tư nhân",
                "Phòng Đấu thầu, thẩm định và giám sát đầu tư",
                "Trung tâm Xúc tiến đầu tư",
            ),
            (("Luật Đầu tư ngày 17 tháng 6 năm 2020", date(2021, 1, 1)),),
        ),
        Dept(
            "STC",
            "Sở Tài chính",
            "taichinh",
            (
                "Văn phòng Sở",
                _THANH_TRA,
                "Phòng Quản lý ngân sách",
                "Phòng Tài chính đầu tư",
                "Phòng Quản lý giá và Công sản",
                "Phòng Tài chính hành chính sự nghiệp",
                "Phòng Tin học và Thống kê",
            ),
            DEPTS_NEW["STC"].law,
        ),
        Dept(
            "SNV",
            "Sở Nội vụ",
            "noivu",
            (
                "Văn phòng Sở",
                _THANH_TRA,
                "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
                "Phòng Cải cách hành chính",
                "Phòng Công chức, viên chức",
                "Phòng Xây dựng chính quyền và Công tác thanh niên",
                "Ban Thi đua - Khen thưởng",
                "Chi cục Văn thư - Lưu trữ",
                "Ban Tôn giáo",
            ),
            DEPTS_NEW["SNV"].law[:1],
        ),
        Dept(
            "STP",
            "Sở Tư pháp",
            "tuphap",
            (*DEPTS_NEW["STP"].units, _THANH_TRA),
            DEPTS_NEW["STP"].law[:1],
        ),
        Dept("SYT", "Sở Y tế", "yte", (*DEPTS_NEW["SYT"].units, _THANH_TRA), DEPTS_NEW["SYT"].law),
        Dept(
            "SGDĐT",
            "Sở Giáo dục và Đào tạo",
            "giaoduc",
            (*DEPTS_NEW["SGDĐT"].units, _THANH_TRA),
            DEPTS_NEW["SGDĐT"].law,
        ),
        Dept(
            "SXD",
            "Sở Xây dựng",
            "xaydung",
            (
                "Văn phòng Sở",
                _THANH_TRA,
                "Phòng Quản lý xây dựng",
                "Phòng Quy hoạch - Kiến trúc",
                "Phòng Phát triển đô thị",
                "Phòng Quản lý nhà và Thị trường bất động sản",
            ),
            DEPTS_NEW["SXD"].law,
        ),
        Dept(
            "SGTVT",
            "Sở Giao thông vận tải",
            "giaothong",
            (
                *_COMMON,
                _THANH_TRA,
                "Phòng Quản lý vận tải",
                "Phòng Quản lý kết cấu hạ tầng giao thông",
                "Phòng Quản lý chất lượng công trình giao thông",
            ),
            (("Luật Giao thông đường bộ ngày 13 tháng 11 năm 2008", date(2009, 7, 1)),),
        ),
        Dept(
            "SCT",
            "Sở Công Thương",
            "congthuong",
            (*DEPTS_NEW["SCT"].units[:-1], _THANH_TRA),
            DEPTS_NEW["SCT"].law,
        ),
        Dept(
            "SNNPTNT",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "nongnghiep",
            (
                *_COMMON,
                _THANH_TRA,
                "Chi cục Trồng trọt và Bảo vệ thực vật",
                "Chi cục Chăn nuôi và Thú y",
                "Chi cục Kiểm lâm",
                "Chi cục Phát triển nông thôn",
                "Chi cục Thủy lợi",
                "Trung tâm Khuyến nông",
            ),
            (("Luật Trồng trọt ngày 19 tháng 11 năm 2018", date(2020, 1, 1)),),
        ),
        Dept(
            "STNMT",
            "Sở Tài nguyên và Môi trường",
            "moitruong",
            (
                "Văn phòng Sở",
                _THANH_TRA,
                "Phòng Quản lý đất đai",
                "Phòng Tài nguyên nước - Khoáng sản",
                "Chi cục Bảo vệ môi trường",
                "Văn phòng Đăng ký đất đai",
                "Trung tâm Quan trắc tài nguyên và môi trường",
            ),
            (("Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020", date(2022, 1, 1)),),
        ),
        Dept(
            "SLĐTBXH",
            "Sở Lao động - Thương binh và Xã hội",
            "laodong",
            (
                "Văn phòng Sở",
                _THANH_TRA,
                "Phòng Lao động - Việc làm - An toàn lao động",
                "Phòng Giáo dục nghề nghiệp",
                "Phòng Người có công",
                "Phòng Bảo trợ xã hội",
                "Phòng Trẻ em và Bình đẳng giới",
                "Trung tâm Dịch vụ việc làm",
            ),
            (("Bộ luật Lao động ngày 20 tháng 11 năm 2019", date(2021, 1, 1)),),
        ),
        Dept(
            "SVHTTDL",
            "Sở Văn hóa, Thể thao và Du lịch",
            "vanhoa",
            (*DEPTS_NEW["SVHTTDL"].units[:4], _THANH_TRA, "Thư viện tỉnh", "Bảo tàng tỉnh"),
            DEPTS_NEW["SVHTTDL"].law,
        ),
        Dept("SNgV", "Sở Ngoại vụ", "ngoaivu", DEPTS_NEW["SNgV"].units),
    )
}
# What each old Sở became on 01/3/2025.
SUCCESSOR = {"STTTT": "SKHCN", "SKHĐT": "STC", "SLĐTBXH": "SNV", "SGTVT": "SXD"}
SUCCESSOR |= {"SNNPTNT": "SNNMT", "STNMT": "SNNMT"}


def depts_of(province: Province, when: date) -> list[Dept]:
    """The Sở of a province at a date (10-16 of them)."""
    if when < REORG:
        codes = [c for c in DEPTS_OLD if c != "SNgV" or province.border or province.city]
        return [DEPTS_OLD[c] for c in codes]
    out = [d for d in DEPTS_NEW.values() if d.code not in ("SDTTG", "SNgV", "SQHKT")]
    if province.ethnic:
        out.append(DEPTS_NEW["SDTTG"])
    if province.border and province.city:
        out.append(DEPTS_NEW["SNgV"])
    if province.name in ("Hà Nội", "Hồ Chí Minh"):
        out.append(DEPTS_NEW["SQHKT"])
    return out


HO = (
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 3),
    ("Phan", 4),
    ("Vũ", 3),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trương", 1),
    ("Lương", 1),
    ("Mai", 1),
    ("Hà", 1),
    ("Tạ", 1),
    ("Cao", 1),
    ("Lâm", 1),
    ("Châu", 1),
    ("Đoàn", 1),
    ("Thái", 1),
    ("Tô", 1),
)
DEM_NAM = "Văn Văn Văn Hữu Đức Công Quang Minh Thanh Xuân Ngọc Trọng Đình Tiến Bá Quốc Anh".split()
DEM_NU = "Thị Thị Thị Thu Thanh Ngọc Minh Hồng Kim Thúy Bích Mai".split()
TEN_NAM = (
    "An Bình Cường Dũng Đạt Hải Hiếu Hòa Hùng Huy Khánh Khoa Long Lợi Minh Nam Nghĩa Phong "
    "Phúc Quân Quang Sơn Tâm Tân Thắng Thành Thịnh Toàn Trung Tuấn Tùng Việt Vinh Vũ Hưng Lâm"
).split()
TEN_NU = (
    "Anh Châu Dung Giang Hà Hạnh Hằng Hoa Hương Lan Liên Linh Loan Mai Nga Nhung Phương "
    "Thảo Trang Vân Yến Hiền Thủy Oanh"
).split()
_HO_NAMES = [h for h, _ in HO]
_HO_WEIGHTS = [w for _, w in HO]


def person(rng: random.Random) -> str:
    """A real-looking Vietnamese name: họ, tên đệm, tên."""
    ho = rng.choices(_HO_NAMES, _HO_WEIGHTS)[0]
    if rng.random() < 0.7:
        return f"{ho} {rng.choice(DEM_NAM)} {rng.choice(TEN_NAM)}"
    return f"{ho} {rng.choice(DEM_NU)} {rng.choice(TEN_NU)}"


# ---------------------------------------------------------------------------------------
# The real top of the hierarchy
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Central:
    """A central document cited by the corpus (not written as a file)."""

    symbol: str
    type_code: str
    issuer: str
    date: date
    body: str
    subject: str
    word: str = "Nghị quyết"


@dataclass(frozen=True)
class Chain:
    """A Party resolution and what carries it out, with the windows local bodies act in.

    Attributes:
        key: Short name ("57").
        party: The Party resolution.
        gov: Government resolutions that adopt its action programme.
        topic: The subject as plans name it after "về".
        short: A short topic for plan titles.
        tu_window: When Tỉnh ủy plans are issued.
        ubnd_window: When UBND plans are issued.
        depts: Fields of the Sở that carry it out (None: every Sở).
        lead_field: The field of the Sở that advises the UBND.
    """

    key: str
    party: Central
    gov: tuple[Central, ...]
    topic: str
    short: str
    tu_window: tuple[date, date]
    ubnd_window: tuple[date, date]
    depts: tuple[str, ...] | None
    lead_field: str


_D = date
NQ57 = Central(
    "57-NQ/TW",
    "NQ",
    "TW",
    _D(2024, 12, 22),
    "Bộ Chính trị",
    "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
)
CHAINS = (
    Chain(
        "57",
        NQ57,
        (
            Central(
                "03/NQ-CP",
                "NQ",
                "CP",
                _D(2025, 1, 9),
                "Chính phủ",
                "ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số "
                "57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị",
            ),
            Central(
                "71/NQ-CP",
                "NQ",
                "CP",
                _D(2025, 4, 1),
                "Chính phủ",
                "sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện "
                "Nghị quyết số 57-NQ/TW",
            ),
        ),
        NQ57.subject,
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        (_D(2025, 1, 8), _D(2025, 3, 20)),
        (_D(2025, 2, 10), _D(2025, 6, 30)),
        None,
        "khcn",
    ),
    Chain(
        "36",
        Central(
            "36-NQ/TW",
            "NQ",
            "TW",
            _D(2023, 1, 30),
            "Bộ Chính trị",
            "phát triển và ứng dụng công nghệ sinh học phục vụ phát triển bền vững đất nước "
            "trong tình hình mới",
        ),
        (
            Central(
                "189/NQ-CP",
                "NQ",
                "CP",
                _D(2023, 11, 16),
                "Chính phủ",
                "ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số "
                "36-NQ/TW ngày 30 tháng 01 năm 2023 của Bộ Chính trị",
            ),
        ),
        "phát triển và ứng dụng công nghệ sinh học phục vụ phát triển bền vững đất nước "
        "trong tình hình mới",
        "phát triển và ứng dụng công nghệ sinh học",
        (_D(2023, 3, 15), _D(2023, 7, 31)),
        (_D(2023, 12, 1), _D(2024, 4, 30)),
        ("khcn", "nongnghiep", "moitruong", "yte", "congthuong", "giaoduc", "taichinh", "dautu"),
        "khcn",
    ),
    Chain(
        "45",
        Central(
            "45-NQ/TW",
            "NQ",
            "TW",
            _D(2023, 11, 24),
            "Ban Chấp hành Trung ương Đảng",
            "tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức đáp ứng yêu cầu phát "
            "triển đất nước nhanh và bền vững trong giai đoạn mới",
        ),
        (),
        "tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức đáp ứng yêu cầu phát "
        "triển đất nước nhanh và bền vững trong giai đoạn mới",
        "xây dựng và phát huy vai trò của đội ngũ trí thức",
        (_D(2024, 1, 10), _D(2024, 4, 15)),
        (_D(2024, 3, 1), _D(2024, 8, 31)),
        ("noivu", "khcn", "giaoduc", "yte", "vanhoa", "taichinh", "tuphap", "laodong"),
        "noivu",
    ),
    Chain(
        "20",
        Central(
            "20-NQ/TW",
            "NQ",
            "TW",
            _D(2022, 6, 16),
            "Ban Chấp hành Trung ương Đảng",
            "tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới",
        ),
        (
            Central(
                "09/NQ-CP",
                "NQ",
                "CP",
                _D(2023, 2, 3),
                "Chính phủ",
                "ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số "
                "20-NQ/TW ngày 16 tháng 6 năm 2022 của Ban Chấp hành Trung ương Đảng",
            ),
        ),
        "tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới",
        "đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể",
        (_D(2023, 1, 5), _D(2023, 2, 28)),
        (_D(2023, 3, 1), _D(2023, 6, 30)),
        ("nongnghiep", "dautu", "taichinh", "congthuong", "noivu", "khcn", "laodong", "tuphap"),
        "dautu",
    ),
    Chain(
        "59",
        Central(
            "59-NQ/TW",
            "NQ",
            "TW",
            _D(2025, 1, 24),
            "Bộ Chính trị",
            "hội nhập quốc tế trong tình hình mới",
        ),
        (),
        "hội nhập quốc tế trong tình hình mới",
        "hội nhập quốc tế",
        (_D(2025, 3, 1), _D(2025, 5, 15)),
        (_D(2025, 4, 1), _D(2025, 7, 31)),
        ("ngoaivu", "congthuong", "taichinh", "vanhoa", "khcn", "giaoduc", "noivu"),
        "ngoaivu",
    ),
    Chain(
        "66",
        Central(
            "66-NQ/TW",
            "NQ",
            "TW",
            _D(2025, 4, 30),
            "Bộ Chính trị",
            "đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất "
            "nước trong kỷ nguyên mới",
        ),
        (
            Central(
                "140/NQ-CP",
                "NQ",
                "CP",
                _D(2025, 5, 17),
                "Chính phủ",
                "ban hành Kế hoạch hành động của Chính phủ thực hiện Nghị quyết số 66-NQ/TW",
            ),
        ),
        "đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước "
        "trong kỷ nguyên mới",
        "đổi mới công tác xây dựng và thi hành pháp luật",
        (_D(2025, 5, 20), _D(2025, 7, 10)),
        (_D(2025, 6, 1), _D(2025, 8, 31)),
        None,
        "tuphap",
    ),
    Chain(
        "68",
        Central(
            "68-NQ/TW",
            "NQ",
            "TW",
            _D(2025, 5, 4),
            "Bộ Chính trị",
            "phát triển kinh tế tư nhân",
        ),
        (
            Central(
                "138/NQ-CP",
                "NQ",
                "CP",
                _D(2025, 5, 16),
                "Chính phủ",
                "ban hành Kế hoạch hành động của Chính phủ thực hiện Nghị quyết số 68-NQ/TW "
                "ngày 04 tháng 5 năm 2025 của Bộ Chính trị về phát triển kinh tế tư nhân",
            ),
        ),
        "phát triển kinh tế tư nhân",
        "phát triển kinh tế tư nhân",
        (_D(2025, 5, 20), _D(2025, 7, 10)),
        (_D(2025, 6, 1), _D(2025, 8, 31)),
        ("taichinh", "congthuong", "khcn", "tuphap", "nongnghiep", "xaydung", "noivu", "vanhoa"),
        "taichinh",
    ),
    Chain(
        "71",
        Central(
            "71-NQ/TW",
            "NQ",
            "TW",
            _D(2025, 8, 22),
            "Bộ Chính trị",
            "đột phá phát triển giáo dục và đào tạo",
        ),
        (),
        "đột phá phát triển giáo dục và đào tạo",
        "phát triển giáo dục và đào tạo",
        (_D(2025, 10, 15), _D(2025, 12, 20)),
        (_D(2025, 11, 20), _D(2026, 3, 15)),
        ("giaoduc", "noivu", "taichinh", "khcn", "xaydung", "yte", "vanhoa"),
        "giaoduc",
    ),
    Chain(
        "72",
        Central(
            "72-NQ/TW",
            "NQ",
            "TW",
            _D(2025, 9, 9),
            "Bộ Chính trị",
            "một số giải pháp đột phá, tăng cường bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân",
        ),
        (),
        "một số giải pháp đột phá, tăng cường bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân",
        "bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân",
        (_D(2025, 10, 20), _D(2026, 1, 15)),
        (_D(2025, 12, 1), _D(2026, 3, 31)),
        ("yte", "taichinh", "noivu", "giaoduc", "nongnghiep", "congthuong", "vanhoa"),
        "yte",
    ),
)
LAST_DAY = date(2026, 12, 31)

# Central documents that task texts cite now and then (real numbers and dates).
TASK_CITES = {
    "cds": (
        Central(
            "749/QĐ-TTg",
            "QĐ",
            "TTg",
            _D(2020, 6, 3),
            "Thủ tướng Chính phủ",
            "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
            "Quyết định",
        ),
        Central(
            "06/QĐ-TTg",
            "QĐ",
            "TTg",
            _D(2022, 1, 6),
            "Thủ tướng Chính phủ",
            "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực "
            "điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030",
            "Quyết định",
        ),
        Central(
            "13/2023/NĐ-CP",
            "NĐ",
            "CP",
            _D(2023, 4, 17),
            "Chính phủ",
            "về bảo vệ dữ liệu cá nhân",
            "Nghị định",
        ),
        Central(
            "942/QĐ-TTg",
            "QĐ",
            "TTg",
            _D(2021, 6, 15),
            "Thủ tướng Chính phủ",
            "phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai "
            "đoạn 2021 - 2025, định hướng đến năm 2030",
            "Quyết định",
        ),
    ),
    "khcn": (
        Central(
            "569/QĐ-TTg",
            "QĐ",
            "TTg",
            _D(2022, 5, 11),
            "Thủ tướng Chính phủ",
            "ban hành Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo đến năm 2030",
            "Quyết định",
        ),
        Central(
            "127/QĐ-TTg",
            "QĐ",
            "TTg",
            _D(2021, 1, 26),
            "Thủ tướng Chính phủ",
            "ban hành Chiến lược quốc gia về nghiên cứu, phát triển và ứng dụng Trí tuệ nhân "
            "tạo đến năm 2030",
            "Quyết định",
        ),
    ),
    "cchc": (
        Central(
            "61/2018/NĐ-CP",
            "NĐ",
            "CP",
            _D(2018, 4, 23),
            "Chính phủ",
            "về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
            "Nghị định",
        ),
        Central(
            "45/2020/NĐ-CP",
            "NĐ",
            "CP",
            _D(2020, 4, 8),
            "Chính phủ",
            "về thực hiện thủ tục hành chính trên môi trường điện tử",
            "Nghị định",
        ),
    ),
    "bdhvs": (
        Central(
            "01-KH/BCĐTW",
            "KH",
            "BCĐTW",
            _D(2025, 3, 21),
            "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và "
            "chuyển đổi số",
            "triển khai phong trào “Bình dân học vụ số”",
            "Kế hoạch",
        ),
    ),
}
# Government decrees on the provincial departments, cited in "Căn cứ" clauses.
DEPT_DECREES = (
    (
        Central(
            "24/2014/NĐ-CP",
            "NĐ",
            "CP",
            _D(2014, 4, 4),
            "Chính phủ",
            "quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thành phố "
            "trực thuộc Trung ương",
            "Nghị định",
        ),
        _D(2014, 4, 4),
    ),
    (
        Central(
            "45/2025/NĐ-CP",
            "NĐ",
            "CP",
            _D(2025, 2, 28),
            "Chính phủ",
            "quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thành phố "
            "trực thuộc trung ương và Ủy ban nhân dân huyện, quận, thị xã, thành phố thuộc "
            "tỉnh, thành phố thuộc thành phố trực thuộc trung ương",
            "Nghị định",
        ),
        _D(2025, 3, 1),
    ),
)
# The law on local government in force at a date, as "Căn cứ" cites it (by name and date).
LOCAL_GOV_LAWS = (
    (
        _D(2000, 1, 1),
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung "
        "một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 "
        "tháng 11 năm 2019",
    ),
    (_D(2025, 3, 1), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025"),
    (_D(2025, 7, 1), "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"),
)


def law_at(laws, when: date) -> str | None:
    """The text of the last law in force at `when`, if any."""
    found = [text for start, text in laws if start <= when]
    return found[-1] if found else None


# ---------------------------------------------------------------------------------------
# Task vocabulary
# ---------------------------------------------------------------------------------------

# Objects by kind. "doc": a document to draft or issue; "act": an activity to push; "sys": a
# system or database to build; "event": a conference or training to hold.
VERBS = {
    "doc": (
        "Tham mưu UBND tỉnh ban hành",
        "Nghiên cứu, xây dựng",
        "Rà soát, sửa đổi, bổ sung",
        "Chủ trì xây dựng, trình cấp có thẩm quyền phê duyệt",
        "Hoàn thiện dự thảo",
        "Tham mưu xây dựng",
    ),
    "act": (
        "Đẩy mạnh",
        "Tăng cường",
        "Tổ chức triển khai",
        "Triển khai có hiệu quả",
        "Tiếp tục thực hiện",
        "Nâng cao chất lượng",
        "Hướng dẫn, đôn đốc, kiểm tra",
        "Theo dõi, đánh giá kết quả",
    ),
    "sys": (
        "Xây dựng, vận hành",
        "Nâng cấp, hoàn thiện",
        "Triển khai ứng dụng",
        "Cập nhật, chuẩn hóa dữ liệu",
        "Kết nối, tích hợp",
        "Duy trì, khai thác hiệu quả",
    ),
    "event": ("Tổ chức", "Phối hợp tổ chức", "Chủ trì tổ chức", "Tham mưu tổ chức"),
}

OBJECTS = {
    "khcn": (
        (
            "doc",
            "cơ chế, chính sách hỗ trợ doanh nghiệp đổi mới công nghệ, ứng dụng tiến bộ kỹ thuật",
        ),
        ("doc", "danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh đặt hàng năm {y1}"),
        (
            "doc",
            "Đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo của tỉnh giai đoạn 2026 - "
            "2030",
        ),
        ("doc", "quy định quản lý nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước"),
        (
            "act",
            "hoạt động hỗ trợ xác lập, bảo hộ và phát triển tài sản trí tuệ cho sản phẩm chủ lực "
            "của địa phương",
        ),
        ("act", "công tác quản lý tiêu chuẩn, đo lường, chất lượng sản phẩm, hàng hóa"),
        ("act", "việc ứng dụng, chuyển giao kết quả nghiên cứu khoa học vào sản xuất và đời sống"),
        ("act", "công tác kiểm tra an toàn bức xạ tại các cơ sở y tế"),
        ("act", "hoạt động của Quỹ phát triển khoa học và công nghệ tỉnh"),
        (
            "act",
            "hợp tác với các viện nghiên cứu, trường đại học trong nghiên cứu, ứng dụng công nghệ",
        ),
        ("sys", "Sàn giao dịch công nghệ trực tuyến của tỉnh"),
        ("sys", "cơ sở dữ liệu về tổ chức, nhân lực và kết quả nghiên cứu khoa học và công nghệ"),
        ("event", "Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh năm {y1}"),
        ("event", "Hội nghị phổ biến, chuyển giao kết quả đề tài, dự án khoa học và công nghệ"),
    ),
    "cds": (
        ("doc", "Kế hoạch chuyển đổi số năm {y1} của cơ quan, đơn vị"),
        ("doc", "Kiến trúc Chính quyền điện tử tỉnh phiên bản 3.0"),
        (
            "act",
            "việc cung cấp dịch vụ công trực tuyến toàn trình, bảo đảm tỷ lệ hồ sơ trực tuyến đạt "
            "trên 80%",
        ),
        ("act", "công tác bảo đảm an toàn, an ninh thông tin mạng theo mô hình 4 lớp"),
        (
            "act",
            "việc sử dụng chữ ký số trong xử lý văn bản, hồ sơ công việc trên môi trường điện tử",
        ),
        ("act", "phổ cập kỹ năng số cho cán bộ, công chức, viên chức và người dân"),
        ("act", "thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính"),
        ("sys", "Trung tâm dữ liệu tỉnh và nền tảng tích hợp, chia sẻ dữ liệu (LGSP)"),
        ("sys", "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh"),
        ("sys", "hạ tầng mạng di động 5G, bảo đảm phủ sóng đến 100% thôn, tổ dân phố"),
        ("sys", "các cơ sở dữ liệu chuyên ngành, bảo đảm “đúng, đủ, sạch, sống”"),
        ("sys", "nền tảng trợ lý ảo ứng dụng trí tuệ nhân tạo hỗ trợ cán bộ, công chức"),
        ("event", "chương trình bồi dưỡng kiến thức về chuyển đổi số cho cán bộ chủ chốt"),
    ),
    "taichinh": (
        (
            "doc",
            "phương án phân bổ dự toán chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo "
            "và chuyển đổi số năm {y1}",
        ),
        ("doc", "Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030 ưu tiên hạ tầng số"),
        ("doc", "cơ chế tài chính đặc thù cho hoạt động nghiên cứu, ứng dụng công nghệ"),
        ("act", "việc giải ngân vốn đầu tư công đối với các dự án chuyển đổi số"),
        (
            "act",
            "việc hướng dẫn quản lý, sử dụng kinh phí chi thường xuyên cho các nhiệm vụ được giao",
        ),
        ("act", "công tác hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận nguồn vốn tín dụng ưu đãi"),
        ("act", "việc thẩm định, bố trí kinh phí thực hiện các nhiệm vụ theo Kế hoạch"),
        ("act", "công tác đăng ký doanh nghiệp qua mạng điện tử"),
        ("sys", "cơ sở dữ liệu về tài sản công của các cơ quan, đơn vị"),
        ("event", "Hội nghị đối thoại với doanh nghiệp về tháo gỡ khó khăn, vướng mắc"),
    ),
    "dautu": (
        ("doc", "danh mục dự án kêu gọi đầu tư vào lĩnh vực công nghệ cao"),
        ("doc", "chính sách khuyến khích phát triển hợp tác xã, tổ hợp tác"),
        ("act", "công tác xúc tiến đầu tư, thu hút các dự án công nghệ cao, thân thiện môi trường"),
        (
            "act",
            "việc cải thiện môi trường đầu tư kinh doanh, nâng cao Chỉ số năng lực cạnh tranh cấp "
            "tỉnh (PCI)",
        ),
        ("act", "công tác đăng ký kinh doanh qua mạng điện tử"),
        ("sys", "cơ sở dữ liệu về hợp tác xã, tổ hợp tác trên địa bàn tỉnh"),
        ("event", "Hội nghị xúc tiến đầu tư tỉnh năm {y1}"),
    ),
    "noivu": (
        ("doc", "Đề án vị trí việc làm và cơ cấu ngạch công chức của các cơ quan, đơn vị"),
        (
            "doc",
            "chính sách thu hút, trọng dụng người có tài năng vào làm việc trong cơ quan nhà nước",
        ),
        ("doc", "Kế hoạch cải cách hành chính năm {y1}"),
        ("act", "việc sắp xếp, kiện toàn tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả"),
        ("act", "công tác đào tạo, bồi dưỡng kỹ năng số, ngoại ngữ cho đội ngũ cán bộ, công chức"),
        ("act", "việc đánh giá, xếp loại cán bộ, công chức theo kết quả, sản phẩm cụ thể"),
        (
            "act",
            "công tác thi đua, khen thưởng đối với tập thể, cá nhân có sáng kiến đổi mới sáng tạo",
        ),
        ("act", "việc số hóa tài liệu lưu trữ và quản lý hồ sơ điện tử"),
        (
            "act",
            "công tác xác định Chỉ số cải cách hành chính (PAR INDEX) của các sở, ngành, địa "
            "phương",
        ),
        ("sys", "cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh"),
        ("event", "lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ điện tử"),
    ),
    "tuphap": (
        ("doc", "văn bản quy phạm pháp luật quy định chi tiết các nội dung được luật giao"),
        (
            "doc",
            "Kế hoạch rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
        ),
        ("act", "công tác kiểm tra, xử lý văn bản quy phạm pháp luật có nội dung trái pháp luật"),
        (
            "act",
            "công tác phổ biến, giáo dục pháp luật, nhất là pháp luật về khoa học, công nghệ và "
            "chuyển đổi số",
        ),
        (
            "act",
            "việc thực hiện liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường "
            "trú, cấp thẻ bảo hiểm y tế",
        ),
        ("act", "việc cấp Phiếu lý lịch tư pháp trực tuyến trên ứng dụng VNeID"),
        ("act", "công tác theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh"),
        (
            "sys",
            "cơ sở dữ liệu hộ tịch điện tử, bảo đảm kết nối với Cơ sở dữ liệu quốc gia về dân cư",
        ),
        ("event", "Hội nghị tập huấn kỹ năng xây dựng văn bản quy phạm pháp luật"),
    ),
    "yte": (
        ("doc", "Kế hoạch phát triển y tế thông minh của tỉnh giai đoạn 2026 - 2030"),
        ("act", "việc triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh"),
        ("act", "việc khám, chữa bệnh từ xa, hỗ trợ chuyên môn cho trạm y tế xã, phường"),
        ("act", "công tác bảo đảm an toàn thực phẩm tại các bếp ăn tập thể"),
        ("act", "việc thanh toán viện phí không dùng tiền mặt tại các cơ sở khám bệnh, chữa bệnh"),
        ("act", "công tác phòng, chống dịch bệnh, tiêm chủng mở rộng"),
        ("act", "việc khám sức khỏe định kỳ và lập hồ sơ sức khỏe điện tử cho người dân"),
        ("sys", "hồ sơ sức khỏe điện tử trên ứng dụng VNeID"),
        ("sys", "hệ thống quản lý thông tin y tế cơ sở"),
        ("event", "hội thảo chuyên đề ứng dụng trí tuệ nhân tạo trong chẩn đoán hình ảnh"),
    ),
    "giaoduc": (
        ("doc", "Kế hoạch phát triển giáo dục STEM trong các cơ sở giáo dục phổ thông"),
        (
            "doc",
            "Đề án đưa tiếng Anh trở thành ngôn ngữ thứ hai trong trường học giai đoạn 2025 - 2035",
        ),
        ("act", "việc triển khai học bạ số, văn bằng, chứng chỉ điện tử"),
        ("act", "việc dạy học trí tuệ nhân tạo, kỹ năng số cho học sinh phổ thông"),
        ("act", "công tác bồi dưỡng năng lực số cho đội ngũ nhà giáo và cán bộ quản lý giáo dục"),
        (
            "act",
            "việc đầu tư cơ sở vật chất, thiết bị dạy học theo Chương trình giáo dục phổ thông "
            "2018",
        ),
        ("act", "việc tuyển sinh đầu cấp trực tuyến"),
        (
            "sys",
            "cơ sở dữ liệu ngành giáo dục, kết nối với cơ sở dữ liệu của Bộ Giáo dục và Đào tạo",
        ),
        ("event", "Cuộc thi khoa học, kỹ thuật cấp tỉnh dành cho học sinh trung học"),
    ),
    "xaydung": (
        ("doc", "quy chế quản lý kiến trúc đô thị"),
        ("doc", "Đề án phát triển đô thị thông minh của tỉnh đến năm 2030"),
        ("act", "việc cấp giấy phép xây dựng trực tuyến"),
        (
            "act",
            "việc áp dụng mô hình thông tin công trình (BIM) đối với dự án sử dụng vốn đầu tư công",
        ),
        ("act", "công tác quản lý chất lượng công trình xây dựng"),
        ("act", "việc quản lý vận tải bằng thiết bị giám sát hành trình"),
        ("sys", "cơ sở dữ liệu về nhà ở và thị trường bất động sản"),
        ("sys", "hệ thống giao thông thông minh, camera giám sát trên các tuyến trọng điểm"),
        ("event", "Hội nghị tập huấn ứng dụng vật liệu xây dựng mới, thân thiện môi trường"),
    ),
    "giaothong": (
        ("act", "việc cấp, đổi giấy phép lái xe trực tuyến"),
        ("act", "công tác quản lý kết cấu hạ tầng giao thông đường bộ"),
        ("sys", "hệ thống camera giám sát giao thông trên các tuyến quốc lộ"),
        ("doc", "Kế hoạch phát triển giao thông thông minh"),
    ),
    "congthuong": (
        ("doc", "Chương trình xúc tiến thương mại tỉnh năm {y1}"),
        ("doc", "Kế hoạch phát triển thương mại điện tử của tỉnh"),
        ("act", "việc hỗ trợ doanh nghiệp đưa sản phẩm OCOP lên các sàn thương mại điện tử"),
        (
            "act",
            "công tác khuyến công, hỗ trợ cơ sở công nghiệp nông thôn đổi mới máy móc, thiết bị",
        ),
        ("act", "việc ứng dụng truy xuất nguồn gốc sản phẩm, hàng hóa"),
        ("act", "công tác kiểm tra, kiểm soát thị trường, chống buôn lậu, gian lận thương mại"),
        ("act", "việc sử dụng năng lượng tiết kiệm và hiệu quả trong doanh nghiệp"),
        ("sys", "cơ sở dữ liệu về cụm công nghiệp và doanh nghiệp công nghiệp"),
        ("event", "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu"),
    ),
    "nongnghiep": (
        ("doc", "Kế hoạch phát triển nông nghiệp ứng dụng công nghệ cao"),
        ("doc", "Đề án phát triển hợp tác xã nông nghiệp kiểu mới"),
        ("act", "việc cấp mã số vùng trồng, mã số cơ sở đóng gói phục vụ xuất khẩu"),
        ("act", "việc ứng dụng công nghệ sinh học trong chọn tạo giống cây trồng, vật nuôi"),
        ("act", "việc sử dụng chế phẩm sinh học trong xử lý chất thải chăn nuôi"),
        ("act", "công tác quan trắc môi trường tự động, liên tục"),
        (
            "act",
            "việc xây dựng cơ sở dữ liệu đất đai, kết nối với hệ thống thông tin đất đai quốc gia",
        ),
        ("act", "công tác quản lý, bảo vệ và phát triển rừng"),
        ("sys", "cơ sở dữ liệu đất đai cấp tỉnh"),
        ("sys", "hệ thống quan trắc môi trường tự động"),
        ("event", "Hội thảo liên kết sản xuất theo chuỗi giá trị nông sản"),
    ),
    "moitruong": (
        ("act", "công tác quan trắc môi trường tự động, liên tục"),
        ("act", "việc chỉnh lý, số hóa hồ sơ địa chính"),
        ("act", "công tác cấp giấy chứng nhận quyền sử dụng đất trực tuyến"),
        ("sys", "cơ sở dữ liệu đất đai cấp tỉnh"),
        ("doc", "Kế hoạch bảo vệ môi trường giai đoạn 2026 - 2030"),
    ),
    "laodong": (
        ("act", "công tác giáo dục nghề nghiệp gắn với nhu cầu thị trường lao động"),
        ("act", "việc chi trả trợ cấp, chính sách an sinh xã hội không dùng tiền mặt"),
        ("act", "công tác tư vấn, giới thiệu việc làm cho lao động"),
        ("sys", "cơ sở dữ liệu thị trường lao động"),
        ("event", "Phiên giao dịch việc làm trực tuyến"),
    ),
    "vanhoa": (
        ("doc", "Đề án phát triển du lịch thông minh"),
        ("act", "việc số hóa di sản văn hóa, hiện vật của Bảo tàng tỉnh"),
        ("act", "việc xây dựng thư viện số, kết nối liên thông với các thư viện trong nước"),
        ("act", "công tác thông tin, tuyên truyền trên báo chí, hệ thống thông tin cơ sở"),
        ("act", "việc quảng bá sản phẩm du lịch trên nền tảng số"),
        ("act", "việc xây dựng đời sống văn hóa, gia đình văn hóa"),
        ("sys", "cơ sở dữ liệu về di sản văn hóa và du lịch của tỉnh"),
        ("event", "Tuần Văn hóa - Du lịch tỉnh năm {y1}"),
    ),
    "dantoc": (
        (
            "act",
            "việc thực hiện chính sách dân tộc, hỗ trợ đồng bào dân tộc thiểu số tiếp cận dịch vụ "
            "số",
        ),
        ("act", "công tác quản lý nhà nước về tín ngưỡng, tôn giáo"),
        ("sys", "cơ sở dữ liệu về công tác dân tộc"),
        ("event", "lớp bồi dưỡng kiến thức dân tộc cho cán bộ, công chức"),
    ),
    "ngoaivu": (
        ("doc", "Kế hoạch hoạt động đối ngoại của tỉnh năm {y1}"),
        ("act", "công tác thông tin đối ngoại, quảng bá hình ảnh địa phương"),
        ("act", "việc hợp tác quốc tế về khoa học, công nghệ và đổi mới sáng tạo"),
        ("act", "công tác quản lý biên giới, cửa khẩu"),
        ("event", "Hội nghị gặp gỡ các tổ chức quốc tế, cơ quan đại diện nước ngoài"),
    ),
}
# Objects every Sở takes up for a chain, whatever its field.
CHAIN_OBJECTS = {
    "57": (
        (
            "act",
            "công tác quán triệt, tuyên truyền Nghị quyết số 57-NQ/TW đến toàn thể công chức, "
            "viên chức",
        ),
        ("act", "phong trào “Bình dân học vụ số” trong cơ quan, đơn vị"),
        (
            "act",
            "việc xử lý hồ sơ công việc trên môi trường điện tử, bảo đảm 100% văn bản được ký số",
        ),
        (
            "act",
            "việc chuẩn hóa, tái cấu trúc quy trình thủ tục hành chính thuộc thẩm quyền giải "
            "quyết của Sở",
        ),
        ("sys", "cơ sở dữ liệu chuyên ngành của Sở, kết nối với Trung tâm dữ liệu tỉnh"),
        ("act", "việc ứng dụng trí tuệ nhân tạo trong xử lý công việc của cơ quan"),
    ),
    "36": (
        (
            "act",
            "công tác tuyên truyền về vai trò của công nghệ sinh học trong lĩnh vực quản lý",
        ),
        ("act", "việc rà soát, đề xuất nhiệm vụ ứng dụng công nghệ sinh học của ngành"),
        (
            "act",
            "việc phối hợp với Sở Khoa học và Công nghệ triển khai nhiệm vụ công nghệ sinh học",
        ),
    ),
    "45": (
        ("doc", "chính sách thu hút, trọng dụng trí thức, nhà khoa học, chuyên gia"),
        ("act", "việc phát huy vai trò tư vấn, phản biện và giám định xã hội của đội ngũ trí thức"),
        ("act", "công tác tôn vinh, khen thưởng trí thức có đóng góp tiêu biểu"),
        ("act", "việc đào tạo, bồi dưỡng đội ngũ trí thức trẻ"),
    ),
    "20": (
        ("act", "việc hỗ trợ hợp tác xã ứng dụng khoa học, công nghệ và chuyển đổi số"),
        ("act", "công tác tuyên truyền về vai trò của kinh tế tập thể"),
        ("act", "việc liên kết sản xuất theo chuỗi giá trị giữa hợp tác xã và doanh nghiệp"),
        ("doc", "chính sách hỗ trợ phát triển kinh tế tập thể, hợp tác xã"),
    ),
    "59": (
        ("act", "công tác hội nhập quốc tế trong lĩnh vực quản lý của ngành"),
        ("act", "việc khai thác các hiệp định thương mại tự do (FTA)"),
        ("act", "hợp tác quốc tế về đào tạo nguồn nhân lực chất lượng cao"),
    ),
    "66": (
        (
            "act",
            "việc rà soát văn bản quy phạm pháp luật thuộc lĩnh vực quản lý, kiến nghị xử lý điểm "
            "nghẽn về thể chế",
        ),
        ("act", "công tác phổ biến, giáo dục pháp luật trong cơ quan, đơn vị"),
        ("doc", "dự thảo văn bản quy phạm pháp luật thuộc lĩnh vực quản lý của ngành"),
        ("act", "việc theo dõi tình hình thi hành pháp luật trong lĩnh vực được giao"),
    ),
    "68": (
        (
            "act",
            "việc cắt giảm, đơn giản hóa thủ tục hành chính liên quan đến hoạt động kinh doanh",
        ),
        ("act", "việc hỗ trợ hộ kinh doanh chuyển đổi lên doanh nghiệp"),
        (
            "act",
            "việc tạo điều kiện cho doanh nghiệp tư nhân tiếp cận đất đai, tín dụng và nhân lực",
        ),
        ("event", "Hội nghị đối thoại doanh nghiệp về tháo gỡ khó khăn trong lĩnh vực quản lý"),
    ),
    "71": (
        ("act", "công tác đào tạo, bồi dưỡng nâng cao chất lượng nguồn nhân lực của ngành"),
        ("act", "việc phối hợp với ngành giáo dục thực hiện các nhiệm vụ đột phá về giáo dục"),
        ("act", "việc hỗ trợ các cơ sở giáo dục nghề nghiệp gắn đào tạo với nhu cầu của ngành"),
    ),
    "72": (
        ("act", "công tác chăm sóc sức khỏe cán bộ, công chức, viên chức và người lao động"),
        ("act", "việc phối hợp với ngành y tế triển khai giải pháp nâng cao sức khỏe Nhân dân"),
        ("act", "công tác truyền thông nâng cao sức khỏe Nhân dân"),
    ),
}
SCOPES = (
    "",
    "",
    " trên địa bàn tỉnh",
    " trong toàn ngành",
    " tại các xã, phường",
    " trong cơ quan, đơn vị",
    " đối với các đơn vị trực thuộc",
)
PURPOSES = (
    "",
    "",
    ", bảo đảm tiến độ, chất lượng, hiệu quả",
    ", góp phần nâng cao hiệu quả quản lý nhà nước",
    ", đáp ứng yêu cầu phát triển kinh tế - xã hội của địa phương",
    ", tạo chuyển biến rõ nét về nhận thức và hành động",
    ", phục vụ người dân và doanh nghiệp",
    ", bảo đảm đồng bộ, thống nhất",
)
SECOND = (
    "Phấn đấu đến hết năm {y1} đạt ít nhất {p}% chỉ tiêu được giao.",
    "Định kỳ 6 tháng, năm báo cáo kết quả thực hiện về Sở (qua Văn phòng Sở) để tổng hợp.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước được giao trong dự toán năm {y1}.",
    "Kết quả thực hiện là một trong các tiêu chí đánh giá mức độ hoàn thành nhiệm vụ của đơn vị.",
    "Sản phẩm là báo cáo đánh giá kèm theo đề xuất giải pháp cho giai đoạn tiếp theo.",
    "Bảo đảm 100% hồ sơ được tiếp nhận, giải quyết đúng hạn.",
    "Lồng ghép với việc thực hiện các chương trình, đề án đang triển khai tại đơn vị.",
    "Chú trọng các nội dung có tính đột phá, tạo sức lan tỏa.",
    "Tổ chức sơ kết, rút kinh nghiệm, nhân rộng mô hình hiệu quả.",
    "Phối hợp với các cơ quan liên quan tháo gỡ kịp thời khó khăn, vướng mắc phát sinh.",
)
COOPS_EXTERNAL = (
    "Các sở, ban, ngành liên quan",
    "UBND các xã, phường",
    "Các doanh nghiệp, hợp tác xã",
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
)

# ---------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------


@dataclass
class Doc:
    """A document of the corpus, written as a file or only cited."""

    id: str
    level: str  # "tu", "ubnd", "so", "ttr", "qd-norm"
    type_code: str
    issuer: str  # code in the số hiệu
    date: date
    province: Province
    chain: Chain
    body: str  # the issuing body, in words
    party: bool = False
    normative: bool = False
    dept: Dept | None = None
    number: int | None = None
    parents: list[Doc] = field(default_factory=list)  # what it implements
    central: list[Central] = field(default_factory=list)  # central docs it implements
    n_tasks: int = 0
    round: int = 0
    seed: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        n = f"{self.number:02d}"
        if self.party:
            return f"{n}-{self.type_code}/{self.issuer}"
        if self.normative:
            return f"{n}/{self.date.year}/{self.type_code}-{self.issuer}"
        return f"{n}/{self.type_code}-{self.issuer}"

    @property
    def series(self) -> tuple:
        """The numbering series the document's number belongs to."""
        if self.party:
            # Party numbers run per type through a committee's term (new terms from 10/2025).
            term = "XXI" if self.date >= date(2025, 10, 1) else "XX"
            return (self.province.name, self.issuer, self.type_code, term)
        if self.normative:
            return (self.province.name, self.issuer, "norm", self.type_code, self.date.year)
        owner = self.dept.code if self.dept else self.issuer
        if self.type_code == "QĐ" and not self.dept:
            return (self.province.name, owner, "QĐ", self.date.year)
        return (self.province.name, owner, self.date.year)


def slugify(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _rand_date(rng: random.Random, lo: date, hi: date) -> date:
    """A working day between lo and hi (a weekend day when the window holds no other)."""
    if hi <= lo:
        return lo
    d = lo + timedelta(days=rng.randint(0, (hi - lo).days))
    for step in (0, 1, -1, 2, -2):
        moved = d + timedelta(days=step)
        if lo <= moved <= hi and moved.weekday() < 5:
            return moved
    return d


def _task_count(rng: random.Random) -> int:
    """Tasks in a Sở plan: 5-60, most 12-40."""
    return max(5, min(60, int(rng.triangular(5, 60, 22))))


MAX_ROUNDS = 8


class Universe:
    """Every document the seed defines; a corpus is a prefix of its Sở plans."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.docs: list[Doc] = []
        self.so_rounds: list[list[Doc]] = []
        self.dept_decisions: dict[tuple[str, str, date], Doc] = {}
        self._build()
        self._number()

    def _rng(self, *parts) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def _build(self) -> None:
        rounds: list[list[Doc]] = [[] for _ in range(MAX_ROUNDS)]
        for chain in CHAINS:
            for prov in PROVINCES:
                rng = self._rng("chain", chain.key, prov.slug)
                tu = self._tu_plan(rng, chain, prov)
                ubnd = self._ubnd_plan(rng, chain, prov, tu)
                for r in range(MAX_ROUNDS):
                    rounds[r].extend(self._so_plans(chain, prov, ubnd, tu, r))
        order = random.Random(self.seed)
        for plans in rounds:
            order.shuffle(plans)
        self.so_rounds = rounds

    def _add(self, doc: Doc) -> Doc:
        self.docs.append(doc)
        return doc

    def _tu_plan(self, rng: random.Random, chain: Chain, prov: Province) -> Doc:
        when = _rand_date(rng, *chain.tu_window)
        type_code = "CTr" if rng.random() < 0.3 else "KH"
        return self._add(
            Doc(
                id=f"{prov.slug}/tu/{chain.key}",
                level="tu",
                type_code=type_code,
                issuer="TU",
                date=when,
                province=prov,
                chain=chain,
                body=f"Ban Thường vụ {prov.committee(when)}",
                party=True,
                central=[chain.party],
                n_tasks=rng.randint(5, 9),
                seed=f"{prov.slug}/tu/{chain.key}",
            )
        )

    def _ubnd_plan(self, rng: random.Random, chain: Chain, prov: Province, tu: Doc) -> Doc:
        lo = max(chain.ubnd_window[0], tu.date + timedelta(days=7))
        gov = [g for g in chain.gov]
        when = _rand_date(rng, lo, max(lo, chain.ubnd_window[1]))
        current = [g for g in gov if g.date + timedelta(days=3) <= when]
        # A plan cites the Government resolution in force; for 57 after 01/4/2025 often both.
        cited = current[-1:] if rng.random() < 0.6 else current
        type_code = "QĐ" if rng.random() < 0.4 else "KH"
        lead = next(
            (d for d in depts_of(prov, when) if d.field == chain.lead_field),
            depts_of(prov, when)[0],
        )
        doc = self._add(
            Doc(
                id=f"{prov.slug}/ubnd/{chain.key}",
                level="ubnd",
                type_code=type_code,
                issuer="UBND",
                date=when,
                province=prov,
                chain=chain,
                body=f"Ủy ban nhân dân {prov.full(when)}",
                parents=[tu],
                central=[*cited] if cited else [chain.party],
                n_tasks=rng.randint(10, 24),
                seed=f"{prov.slug}/ubnd/{chain.key}",
                dept=None,
            )
        )
        doc.extra["lead_dept"] = lead
        doc.extra["party_too"] = bool(cited) and rng.random() < 0.35
        if doc.extra["party_too"]:
            doc.central = [chain.party, *doc.central]
        if type_code == "QĐ":
            # The Sở that drafted it proposed it by a Tờ trình a few days before.
            ttr = self._add(
                Doc(
                    id=f"{prov.slug}/ttr/{chain.key}",
                    level="ttr",
                    type_code="TTr",
                    issuer=lead.code,
                    date=when - timedelta(days=rng.randint(3, 15)),
                    province=prov,
                    chain=chain,
                    body=f"{lead.name} {prov.full(when)}",
                    dept=lead,
                )
            )
            doc.extra["ttr"] = ttr
        return doc

    def _dept_decision(self, prov: Province, dept: Dept, when: date) -> Doc:
        """The UBND decision on a Sở's functions in force at a date."""
        if when >= MERGED + timedelta(days=40):
            issued, lo, hi = "m", MERGED + timedelta(days=5), MERGED + timedelta(days=35)
        elif when >= REORG + timedelta(days=45):
            issued, lo, hi = "r", REORG + timedelta(days=3), REORG + timedelta(days=40)
        else:
            issued, lo, hi = "o", date(2021, 3, 1), date(2022, 10, 31)
        key = (prov.slug, dept.code, issued)
        if key not in self.dept_decisions:
            rng = self._rng("qd", *key)
            self.dept_decisions[key] = self._add(
                Doc(
                    id=f"{prov.slug}/qd/{dept.code}/{issued}",
                    level="qd-norm",
                    type_code="QĐ",
                    issuer="UBND",
                    date=_rand_date(rng, lo, hi),
                    province=prov,
                    chain=CHAINS[0],
                    body=f"Ủy ban nhân dân {prov.full(lo)}",
                    normative=True,
                    dept=dept,
                )
            )
        return self.dept_decisions[key]

    def _so_plans(self, chain: Chain, prov: Province, ubnd: Doc, tu: Doc, r: int) -> list[Doc]:
        """Sở plans of round r: 0 carries out the UBND plan, later rounds are yearly plans
        and thematic plans under it."""
        rng = self._rng("round", chain.key, prov.slug, r)
        if r == 0:
            lo, hi = ubnd.date + timedelta(days=5), ubnd.date + timedelta(days=75)
        else:
            year = ubnd.date.year + r
            if year <= LAST_DAY.year:
                lo, hi = date(year, 1, 5), date(year, 3, 31)
            else:
                # Thematic plans later in the plan's life.
                lo = ubnd.date + timedelta(days=60 + 20 * r)
                hi = min(LAST_DAY, lo + timedelta(days=120))
                if lo > LAST_DAY:
                    return []
        hi = min(hi, LAST_DAY)
        structure = lo + (hi - lo) / 2
        if lo < REORG <= hi:
            # Keep a round on one side of the reorganisation.
            lo, hi = (lo, REORG - timedelta(days=1)) if structure < REORG else (REORG, hi)
        depts = depts_of(prov, lo)
        if chain.depts is not None:
            depts = [d for d in depts if d.field in chain.depts or d.field == chain.lead_field]
        plans = []
        for dept in depts:
            if r > 0 and rng.random() < 0.35:
                continue  # not every Sở issues a yearly plan
            when = _rand_date(rng, lo, hi)
            sid = f"{prov.slug}/{dept.code}/{chain.key}/{r}"
            parents = [ubnd] + ([tu] if r == 0 and rng.random() < 0.3 else [])
            doc = Doc(
                id=sid,
                level="so",
                type_code="KH",
                issuer=dept.code,
                date=when,
                province=prov,
                chain=chain,
                body=f"{dept.name} {prov.full(when)}",
                dept=dept,
                parents=parents,
                n_tasks=_task_count(rng),
                round=r,
                seed=sid,
            )
            if r > 0:
                year = ubnd.date.year + r
                doc.extra["year_plan"] = year if year <= LAST_DAY.year else None
            doc.extra["decision"] = self._dept_decision(prov, dept, when)
            plans.append(self._add(doc))
        return plans

    def _number(self) -> None:
        """Number every document in its series by date, unique and growing."""
        series: dict[tuple, list[Doc]] = {}
        for d in self.docs:
            series.setdefault(d.series, []).append(d)
        for key, docs in series.items():
            docs.sort(key=lambda d: (d.date, d.id))
            rng = self._rng("numbers", *key)
            first = docs[0]
            if first.party:
                start = date(2020, 10, 15) if key[-1] == "XX" else date(2025, 10, 1)
                rate = (0.18 if first.type_code == "KH" else 0.025) * rng.uniform(0.7, 1.3)
            elif first.normative:
                start, rate = date(first.date.year, 1, 1), 0.12 * rng.uniform(0.5, 1.5)
            elif first.level in ("ubnd",) and first.type_code == "QĐ":
                start, rate = date(first.date.year, 1, 1), rng.uniform(1.5, 4.5)
            elif first.level == "ubnd":
                start, rate = date(first.date.year, 1, 1), rng.uniform(0.5, 1.4)
            else:
                start, rate = date(first.date.year, 1, 1), rng.uniform(0.3, 1.6)
            last = 0
            for d in docs:
                guess = int((d.date - start).days * rate) + rng.randint(0, 3)
                last = max(last + 1, guess, 1)
                d.number = last


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------

ROMAN_Q = ("I", "II", "III", "IV")


def header_date(d: date) -> str:
    """ "ngày 09 tháng 01 năm 2025": days below 10 and months 1-2 padded."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def text_date(d: date, rng: random.Random, party: bool = False) -> str:
    """A date as running text writes it, in one of its usual forms."""
    x = rng.random()
    if party and x < 0.5:
        return f", ngày {d.day:02d}/{d.month:02d}/{d.year}"
    if x < 0.55:
        return f" ngày {d.day}/{d.month}/{d.year}"
    if x < 0.8:
        return f" ngày {d.day:02d}/{d.month:02d}/{d.year}"
    return f" {header_date(d)}"


def cite(doc: Doc | Central, rng: random.Random, word: str | None = None) -> str:
    """A full first citation: type word, số hiệu, date, body."""
    if isinstance(doc, Central):
        when = text_date(doc.date, rng, doc.issuer == "TW")
        return f"{word or doc.word} số {doc.symbol}{when} của {doc.body}"
    w = word or TYPE_WORDS[doc.type_code]
    return f"{w} số {doc.symbol}{text_date(doc.date, rng, doc.party)} của {_body_ref(doc, rng)}"


TYPE_WORDS = {
    "KH": "Kế hoạch",
    "CTr": "Chương trình hành động",
    "QĐ": "Quyết định",
    "TTr": "Tờ trình",
    "NQ": "Nghị quyết",
}


def _body_ref(doc: Doc, rng: random.Random) -> str:
    """How another document names the issuing body ("UBND tỉnh", "Ban Thường vụ Tỉnh ủy")."""
    if doc.level == "tu":
        return f"Ban Thường vụ {doc.province.committee(doc.date)}"
    if doc.level in ("ubnd", "qd-norm"):
        unit = doc.province.unit_word(doc.date)
        if doc.type_code == "QĐ" and doc.level == "ubnd":
            return rng.choice((f"Chủ tịch UBND {unit}", f"Chủ tịch Ủy ban nhân dân {unit}"))
        return rng.choice((f"UBND {unit}", f"Ủy ban nhân dân {unit}"))
    return doc.dept.name if doc.dept else doc.body


def wrap(text: str, width: int) -> str:
    """Break a paragraph into lines of about `width` characters, as PDF exports do."""
    if width <= 0 or len(text) <= width:
        return text
    out, line = [], []
    size = 0
    for word in text.split(" "):
        if size + len(word) > width and line:
            out.append(" ".join(line))
            line, size = [], 0
        line.append(word)
        size += len(word) + 1
    out.append(" ".join(line))
    return "\n".join(out)


_TINH = re.compile(r"\btỉnh\b")
_FORM_RANK = {"title": 0, "opening": 1, "opening-list": 2}


class Writer:
    """Renders one document as text."""

    def __init__(self, doc: Doc, seed: int) -> None:
        self.doc = doc
        self.rng = random.Random(f"{seed}:{doc.seed}:text")
        # Layout habits differ between files: PDF exports wrap lines and space paragraphs.
        self.width = self.rng.choice((0, 0, 0, 95, 110))
        self.gap = "\n\n" if self.rng.random() < 0.4 else "\n"
        self.lines: list[str] = []
        self.tasks: list[dict] = []
        self.implements: list[str] = []
        self.forms: dict[str, str] = {}
        self.based_on: list[str] = []
        self.requested_by: list[str] = []
        self.cites: list[str] = []

    # -- helpers
    def relate(self, symbol: str, form: str) -> None:
        """Record that the document implements `symbol`, stated in the given form:
        "title", "opening" (the "Thực hiện ..." sentence before section I), or
        "opening-list" (an item after ";" in that sentence)."""
        if symbol not in self.implements:
            self.implements.append(symbol)
            self.forms[symbol] = form
        elif _FORM_RANK[form] < _FORM_RANK[self.forms[symbol]]:
            self.forms[symbol] = form

    def para(self, text: str) -> None:
        self.lines.append(wrap(text, self.width))

    def raw(self, text: str) -> None:
        self.lines.append(text)

    def text(self) -> str:
        return self.localize(self.gap.join(self.lines).rstrip() + "\n")

    def localize(self, text: str) -> str:
        """A city's documents say "thành phố" where a province's say "tỉnh"."""
        if self.doc.province.is_city_at(self.doc.date):
            return _TINH.sub("thành phố", text)
        return text

    def _leader_names(self, key: str, n: int) -> list[str]:
        rng = random.Random(f"{key}:leaders")
        return [person(rng) for _ in range(n)]

    # -- shared parts
    def state_header(self, top: list[str]) -> None:
        d = self.doc
        prov = d.province
        for line in top:
            self.raw(line)
        self.raw(f"Số: {d.symbol}")
        self.raw("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        self.raw("Độc lập - Tự do - Hạnh phúc")
        self.raw(f"{prov.place(d.date)}, {header_date(d.date)}")

    def party_header(self) -> None:
        d = self.doc
        prov = d.province
        self.raw(f"{prov.committee(d.date).upper()} {prov.name_at(d.date).upper()}")
        self.raw("*")
        self.raw(f"Số{':' if self.rng.random() < 0.3 else ''} {d.symbol}")
        self.raw("ĐẢNG CỘNG SẢN VIỆT NAM")
        self.raw(f"{prov.place(d.date)}, {header_date(d.date)}")

    def period(self, start: date, rng: random.Random) -> str:
        """A deadline after `start`, in the forms work programmes write."""
        x = rng.random()
        due = start + timedelta(days=rng.randint(30, 400))
        due = min(due, date(2027, 12, 31))
        if x < 0.3:
            return f"Quý {ROMAN_Q[(due.month - 1) // 3]}/{due.year}"
        if x < 0.5:
            return f"Tháng {due.month}/{due.year}"
        if x < 0.68:
            return "Thường xuyên"
        if x < 0.78:
            return f"Năm {due.year}"
        if x < 0.88:
            return f"Trước ngày {due.day:02d}/{due.month:02d}/{due.year}"
        half = "đầu" if due.month <= 6 else "cuối"
        return f"6 tháng {half} năm {due.year}"

    def task_text(self, fields: list[str], rng: random.Random, parent: Doc | None) -> str:
        """One to three sentences of a task."""
        d = self.doc
        pool = [o for f in fields for o in OBJECTS.get(f, ())]
        chain_pool = CHAIN_OBJECTS.get(d.chain.key, ())
        kind, obj = (
            rng.choice(chain_pool) if chain_pool and rng.random() < 0.3 else rng.choice(pool)
        )
        y1 = d.extra.get("year_plan") or d.date.year + (d.date.month > 6)
        verb = rng.choice(VERBS[kind])
        obj = obj.format(y1=y1)
        scope = rng.choice(SCOPES) if kind in ("act", "sys") else ""
        purpose = rng.choice(PURPOSES)
        sentences = [f"{verb} {obj}{scope}{purpose}."]
        if rng.random() < 0.55:
            sentences.append(rng.choice(SECOND).format(y1=y1, p=rng.choice((70, 80, 85, 90, 95))))
        x = rng.random()
        if x < 0.1 and parent is not None:
            k = rng.randint(1, max(1, parent.n_tasks))
            sentences.append(
                f"Cụ thể hóa nhiệm vụ số {k} tại {TYPE_WORDS[parent.type_code]} số "
                f"{parent.symbol} của {_body_ref(parent, rng)}."
            )
            self.cites.append(parent.symbol)
        elif x < 0.2:
            group = "cds" if rng.random() < 0.5 else rng.choice(("khcn", "cchc", "bdhvs"))
            cands = [c for c in TASK_CITES[group] if c.date < d.date]
            if cands:
                c = rng.choice(cands)
                sentences.append(f"Thực hiện theo {cite(c, rng)} {c.subject}.")
                self.cites.append(c.symbol)
        return " ".join(sentences)

    def signature(self, head: str, deputy: str, names: list[str]) -> None:
        if self.rng.random() < 0.6:
            self.raw(f"KT. {head}")
            self.raw(deputy)
            self.raw(self.rng.choice(names[1:]))
        else:
            self.raw(head)
            self.raw(names[0])

    # -- Tỉnh ủy
    def write_tu(self) -> None:
        d = self.doc
        prov, chain = d.province, d.chain
        rng = self.rng
        self.party_header()
        title = "CHƯƠNG TRÌNH HÀNH ĐỘNG" if d.type_code == "CTr" else "KẾ HOẠCH"
        self.raw(title)
        self.para(f"thực hiện {cite(chain.party, rng)} về {chain.topic}")
        self.raw("-----")
        who = f"Ban Thường vụ {prov.committee(d.date)}"
        alias = (
            f" (sau đây gọi tắt là Nghị quyết số {chain.party.symbol})"
            if rng.random() < 0.5
            else ""
        )
        self.para(
            f"Thực hiện {cite(chain.party, rng)} về {chain.topic}{alias}, {who} ban hành "
            f"{'Chương trình hành động' if d.type_code == 'CTr' else 'Kế hoạch'} thực hiện như sau:"
        )
        self.relate(chain.party.symbol, "title")
        self.raw("I. MỤC ĐÍCH, YÊU CẦU")
        self.raw("1. Mục đích")
        self.para(
            f"- Quán triệt sâu sắc, thống nhất nhận thức và hành động của các cấp ủy, tổ chức "
            f"đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội về "
            f"{chain.short}."
        )
        self.para(
            "- Xác định các nhiệm vụ, giải pháp chủ yếu phù hợp với điều kiện thực tiễn của "
            f"{prov.full(d.date)}, làm căn cứ để các cơ quan, đơn vị xây dựng kế hoạch cụ thể."
        )
        self.raw("2. Yêu cầu")
        self.para(
            "- Việc tổ chức thực hiện phải nghiêm túc, đồng bộ, thiết thực, hiệu quả; gắn với "
            "trách nhiệm của người đứng đầu."
        )
        self.raw("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
        heads = list(_PARTY_ITEMS)
        rng.shuffle(heads)
        for i in range(d.n_tasks):
            head, body = heads[i % len(heads)]
            self.para(f"{i + 1}. {head.format(short=chain.short)}")
            self.para(body.format(short=chain.short, place=prov.full(d.date)))
            self.tasks.append({"row": str(i + 1), "lead": None})
        self.raw("III. TỔ CHỨC THỰC HIỆN")
        self.para(
            f"1. Các đảng ủy trực thuộc {prov.committee(d.date)} tổ chức quán triệt, xây dựng "
            "kế hoạch thực hiện phù hợp với tình hình thực tế của cơ quan, đơn vị."
        )
        self.para(
            f"2. Đảng ủy Ủy ban nhân dân {prov.unit_word(d.date)} lãnh đạo xây dựng, ban hành "
            "kế hoạch của Ủy ban nhân dân để triển khai thực hiện."
        )
        self.para(
            f"3. Ban Tuyên giáo và Dân vận {prov.committee(d.date)} chủ trì, phối hợp với các cơ "
            "quan liên quan hướng dẫn công tác tuyên truyền."
        )
        self.para(
            f"4. Văn phòng {prov.committee(d.date)} theo dõi, đôn đốc, định kỳ tổng hợp, báo cáo "
            f"Ban Thường vụ {prov.committee(d.date)} kết quả thực hiện."
        )
        self.raw("Nơi nhận:")
        self.raw("- Ban Bí thư Trung ương Đảng (để báo cáo),")
        self.raw("- Văn phòng Trung ương Đảng,")
        self.raw(f"- Các đồng chí {prov.committee(d.date)} viên,")
        self.raw("- Các đảng ủy trực thuộc,")
        self.raw(f"- Lưu Văn phòng {prov.committee(d.date)}.")
        names = self._leader_names(f"{prov.slug}:tu:{d.date.year >= 2026}", 3)
        self.raw("T/M BAN THƯỜNG VỤ")
        if rng.random() < 0.5:
            self.raw("BÍ THƯ")
            self.raw(names[0])
        else:
            self.raw("PHÓ BÍ THƯ THƯỜNG TRỰC")
            self.raw(names[1])

    # -- UBND
    def write_ubnd(self) -> None:
        d = self.doc
        prov, chain = d.province, d.chain
        rng = self.rng
        unit = prov.unit_word(d.date)
        tu = d.parents[0]
        self.state_header(["ỦY BAN NHÂN DÂN", f"{unit.upper()} {prov.name_at(d.date).upper()}"])
        gov = [c for c in d.central if c.issuer == "CP"]
        targets: list[Doc | Central] = [*d.central, tu]
        title_refs = " và ".join(cite(t, rng) for t in targets)
        plan_word = "Kế hoạch"
        if d.type_code == "QĐ":
            self.raw("QUYẾT ĐỊNH")
            self.para(f"Ban hành {plan_word} thực hiện {title_refs}")
            self.raw(f"CHỦ TỊCH ỦY BAN NHÂN DÂN {unit.upper()} {prov.name_at(d.date).upper()}")
            self.para(f"Căn cứ {law_at(LOCAL_GOV_LAWS, d.date)};")
            for t in targets:
                if t is tu:
                    subject = f"về {chain.short}"
                elif t.issuer == "TW":
                    subject = f"về {chain.topic}"
                else:
                    subject = t.subject
                self.para(f"Căn cứ {cite(t, rng)} {subject};")
                self.based_on.append(t.symbol)
            ttr = d.extra["ttr"]
            lead = d.extra["lead_dept"]
            self.para(
                f"Theo đề nghị của Giám đốc {lead.name} tại Tờ trình số {ttr.symbol}"
                f"{text_date(ttr.date, rng)}."
            )
            self.requested_by.append(ttr.symbol)
            self.raw("QUYẾT ĐỊNH:")
            short = " và ".join(
                f"{t.word if isinstance(t, Central) else TYPE_WORDS[t.type_code]} số {t.symbol}"
                for t in targets
            )
            self.para(f"Điều 1. Ban hành kèm theo Quyết định này {plan_word} thực hiện {short}.")
            self.para("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.")
            self.para(
                f"Điều 3. Chánh Văn phòng UBND {unit}, Giám đốc các sở, Thủ trưởng các ban, "
                f"ngành {unit}, Chủ tịch UBND các xã, phường và các cơ quan, đơn vị có liên quan "
                "chịu trách nhiệm thi hành Quyết định này./."
            )
            for t in targets:
                self.relate(t.symbol, "title")
            self._ubnd_recipients(unit)
            self._ubnd_signature(unit, chairman=True)
            self.raw(plan_word.upper())
            self.para(f"Thực hiện {title_refs}")
            self.para(
                f"(Ban hành kèm theo Quyết định số {d.symbol} {header_date(d.date)} của Chủ tịch "
                f"UBND {unit} {prov.name_at(d.date)})"
            )
        else:
            self.raw("KẾ HOẠCH")
            verb = rng.choice(("Thực hiện", "Triển khai thực hiện"))
            listed = len(targets) > 1 and rng.random() < 0.25
            if listed:
                # The title names the main document, the opening lists them all with ";".
                self.para(f"{verb} {cite(targets[0], rng)} về {chain.topic}")
            else:
                self.para(f"{verb} {title_refs}")
            if rng.random() < 0.5:
                self.para(f"Căn cứ {law_at(LOCAL_GOV_LAWS, d.date)};")
            if listed:
                opening = "Thực hiện " + "; ".join(cite(t, rng) for t in targets)
            else:
                opening = f"Thực hiện {title_refs}"
            self.para(f"{opening}, Ủy ban nhân dân {unit} ban hành Kế hoạch thực hiện như sau:")
            for n, t in enumerate(targets):
                self.relate(t.symbol, "opening-list" if listed and n else "title")
        self.raw("I. MỤC ĐÍCH, YÊU CẦU")
        self.raw("1. Mục đích")
        self.para(
            "- Cụ thể hóa các nhiệm vụ, giải pháp tại "
            f"{'các văn bản nêu trên' if gov else 'Nghị quyết'} "
            f"phù hợp với điều kiện thực tế của {unit}; xác định rõ nhiệm vụ, trách nhiệm của các "
            "sở, ban, ngành, địa phương."
        )
        self.raw("2. Yêu cầu")
        self.para("- Các nhiệm vụ phải có lộ trình, thời hạn hoàn thành và sản phẩm cụ thể.")
        self.raw("II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM")
        self.para(
            "Các sở, ban, ngành, UBND các xã, phường căn cứ chức năng, nhiệm vụ được giao tổ "
            "chức thực hiện các nhiệm vụ cụ thể sau:"
        )
        depts = depts_of(prov, d.date)
        if chain.depts is not None:
            depts = [x for x in depts if x.field in chain.depts or x.field == chain.lead_field]
        self.raw(
            "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời hạn hoàn thành"
        )
        trng = random.Random(f"{self.rng.random()}")
        groups = (
            "I | HOÀN THIỆN THỂ CHẾ, CƠ CHẾ, CHÍNH SÁCH",
            "II | TỔ CHỨC THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM",
        )
        grouped = d.n_tasks >= 14 and trng.random() < 0.5
        for i in range(d.n_tasks):
            if grouped and i in (0, d.n_tasks // 3):
                self.raw(groups[0 if i == 0 else 1])
            dept = depts[i % len(depts)] if i < len(depts) else trng.choice(depts)
            text = self.task_text([dept.field], trng, None)
            lead = dept.name
            coop = trng.choice(
                (
                    "Các sở, ban, ngành; UBND các xã, phường",
                    "Các cơ quan, đơn vị liên quan",
                    ", ".join(x.name for x in trng.sample(depts, 2) if x is not dept),
                    "",
                )
            )
            product = trng.choice(
                (
                    "Kế hoạch",
                    "Báo cáo",
                    "Quyết định của UBND tỉnh",
                    "Đề án",
                    "Hệ thống được vận hành",
                )
            )
            self.raw(
                f"{i + 1} | {text} | {lead} | {coop} | {product} | {self.period(d.date, trng)}"
            )
            self.tasks.append({"row": str(i + 1), "lead": lead})
        self.raw("III. TỔ CHỨC THỰC HIỆN")
        self.para(
            "1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường căn cứ nhiệm vụ được "
            "giao xây dựng kế hoạch thực hiện, gửi về cơ quan chủ trì để theo dõi."
        )
        lead = d.extra["lead_dept"]
        self.para(
            f"2. {lead.name} chủ trì, theo dõi, đôn đốc, định kỳ tổng hợp, báo cáo UBND {unit} "
            "kết quả thực hiện trước ngày 15/12 hằng năm."
        )
        if d.type_code == "KH":
            self._ubnd_recipients(unit)
            self._ubnd_signature(unit, chairman=False)

    def _ubnd_recipients(self, unit: str) -> None:
        self.raw("Nơi nhận:")
        self.raw("- Văn phòng Chính phủ;")
        self.raw(f"- Thường trực {self.doc.province.committee(self.doc.date)};")
        self.raw(f"- Chủ tịch, các PCT UBND {unit};")
        self.raw("- Các sở, ban, ngành;")
        self.raw("- Lưu: VT, KGVX.")

    def _ubnd_signature(self, unit: str, chairman: bool) -> None:
        d = self.doc
        names = self._leader_names(f"{d.province.slug}:ubnd:{d.date >= MERGED}", 4)
        if not chairman:
            self.raw("TM. ỦY BAN NHÂN DÂN")
        if self.rng.random() < 0.7:
            self.raw("KT. CHỦ TỊCH")
            self.raw("PHÓ CHỦ TỊCH")
            self.raw(self.rng.choice(names[1:]))
        else:
            self.raw("CHỦ TỊCH")
            self.raw(names[0])

    # -- Sở
    def write_so(self) -> None:
        d = self.doc
        prov, chain, dept = d.province, d.chain, d.dept
        rng = self.rng
        unit = prov.unit_word(d.date)
        ubnd = d.parents[0]
        self.state_header(
            [f"UBND {unit.upper()} {prov.name_at(d.date).upper()}", dept.name.upper()]
        )
        self.raw("KẾ HOẠCH")
        year = d.extra.get("year_plan")
        ref = cite(ubnd, rng)
        about = rng.choice((f"về {chain.short}", f"thực hiện {cite(chain.party, rng)}"))
        if ubnd.type_code == "QĐ":
            about = f"ban hành Kế hoạch {about.replace('về ', '')}"
        if d.round == 0:
            title = f"Thực hiện {ref} {about}"
        elif year:
            title = f"Thực hiện {ref} {about} năm {year}"
        else:
            theme = rng.choice(
                (
                    "chuyển đổi số",
                    "cải cách hành chính",
                    "tuyên truyền, phổ biến",
                    "nâng cao năng lực đội ngũ",
                )
            )
            title = f"Triển khai nhiệm vụ {theme} thực hiện {ref} {about}"
        self.para(title)
        self.relate(ubnd.symbol, "title")
        if "thực hiện Nghị quyết" in about:
            self.cites.append(chain.party.symbol)
        decision = d.extra["decision"]
        self.para(
            f"Căn cứ {cite(decision, rng)} quy định vị trí, chức năng, nhiệm vụ, quyền hạn và "
            f"cơ cấu tổ chức của {dept.name} {prov.full(d.date)};"
        )
        self.based_on.append(decision.symbol)
        law = law_at([(start, name) for name, start in dept.law], d.date)
        if law and rng.random() < 0.6:
            self.para(f"Căn cứ {law};")
        others = [p for p in d.parents[1:]]
        if others:
            tu = others[0]
            listed = rng.random() < 0.25
            joint = "; " if listed else " và "
            opening = f"Thực hiện {cite(tu, rng)}{joint}{cite(ubnd, rng)} {about}"
            self.relate(tu.symbol, "opening")
        else:
            opening = f"Thực hiện {cite(ubnd, rng)} {about}"
        self.para(f"{opening}, {dept.name} ban hành Kế hoạch thực hiện như sau:")
        self.raw("I. MỤC ĐÍCH, YÊU CẦU")
        self.raw("1. Mục đích")
        self.para(
            f"- Triển khai kịp thời, đầy đủ, hiệu quả các nhiệm vụ được UBND {unit} giao cho "
            f"{dept.name}; xác định rõ nội dung, thời hạn, trách nhiệm của từng phòng, đơn vị."
        )
        self.para(
            "- Nâng cao nhận thức, trách nhiệm của công chức, viên chức, người lao động trong "
            "cơ quan."
        )
        self.raw("2. Yêu cầu")
        self.para(
            "- Bám sát nội dung Kế hoạch của UBND tỉnh, bảo đảm tính khả thi; lồng ghép với "
            "nhiệm vụ chuyên môn thường xuyên của đơn vị."
        )
        self.raw("II. NHIỆM VỤ TRỌNG TÂM")
        self.para("Giao các phòng, đơn vị thuộc Sở thực hiện các nhiệm vụ cụ thể như sau:")
        self._so_table(rng)
        self.raw("III. TỔ CHỨC THỰC HIỆN")
        self.para(
            "1. Trưởng các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao chủ động triển khai "
            "thực hiện; báo cáo kết quả về Văn phòng Sở trước ngày 10/12 hằng năm."
        )
        self.para(
            "2. Văn phòng Sở theo dõi, đôn đốc, tổng hợp, tham mưu Lãnh đạo Sở báo cáo UBND "
            f"{unit} theo quy định."
        )
        self.para(
            "3. Phòng Kế hoạch - Tài chính tham mưu bố trí kinh phí thực hiện các nhiệm vụ."
            if "Phòng Kế hoạch - Tài chính" in dept.units
            else "3. Văn phòng Sở tham mưu bố trí kinh phí thực hiện các nhiệm vụ."
        )
        self.para(
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các phòng, đơn vị kịp thời "
            "báo cáo Giám đốc Sở để xem xét, chỉ đạo./."
        )
        self.raw("Nơi nhận:")
        self.raw(f"- UBND {unit} (b/c);")
        self.raw("- Giám đốc, các PGĐ Sở;")
        self.raw("- Các phòng, đơn vị thuộc Sở;")
        self.raw("- Lưu: VT, VP.")
        self.signature("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", self._so_leaders())

    def _so_leaders(self) -> list[str]:
        d = self.doc
        return self._leader_names(f"{d.province.slug}:{d.dept.code}:{d.date >= REORG}", 4)

    def _so_table(self, rng: random.Random) -> None:
        d = self.doc
        dept = d.dept
        names = self._so_leaders()
        style = rng.random()
        if style < 0.6:
            header = (
                "TT | Nội dung nhiệm vụ | Lãnh đạo chỉ đạo | Đơn vị chủ trì | Đơn vị phối hợp | "
                "Thời gian hoàn thành"
            )
            cols = ("text", "leader", "lead", "coop", "period")
        elif style < 0.85:
            header = (
                "STT | Nội dung công việc | Lãnh đạo Sở chỉ đạo | Phòng, đơn vị chủ trì | "
                "Phòng, đơn vị phối hợp | Thời gian hoàn thành"
            )
            cols = ("text", "leader", "lead", "coop", "period")
        else:
            header = "TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Sản phẩm | Thời hạn"
            cols = ("text", "lead", "coop", "product", "period")
        self.raw(header)
        units = [u for u in dept.units]
        specialised = [u for u in units if u not in ("Văn phòng Sở", _THANH_TRA)] or units
        trng = random.Random(rng.random())
        fields = [dept.field]
        if dept.field == "khcn" and d.date >= REORG:
            fields.append("cds")
        for i in range(d.n_tasks):
            text = self.task_text(fields, trng, d.parents[0])
            lead = trng.choice(specialised) if trng.random() < 0.85 else trng.choice(units)
            leads = [lead]
            if trng.random() < 0.08:
                second = trng.choice([u for u in units if u != lead])
                leads.append(second)
            coop_pool = [u for u in units if u not in leads]
            k = trng.choice((0, 1, 1, 2, 2, 3))
            coop = trng.sample(coop_pool, min(k, len(coop_pool)))
            if trng.random() < 0.15:
                coop.append(trng.choice(COOPS_EXTERNAL))
            if trng.random() < 0.1:
                coop = ["Các phòng, đơn vị thuộc Sở"]
            x = trng.random()
            if x < 0.15:
                leader = "Giám đốc Sở"
            elif x < 0.9:
                leader = f"PGĐ Sở {trng.choice(names[1:])}"
            else:
                leader = f"Phó Giám đốc Sở {trng.choice(names[1:])}"
            cells = {
                "text": text,
                "leader": leader,
                "lead": "; ".join(leads),
                "coop": ", ".join(coop),
                "period": self.period(d.date, trng),
                "product": trng.choice(
                    ("Kế hoạch", "Báo cáo", "Văn bản hướng dẫn", "Hồ sơ trình UBND tỉnh")
                ),
            }
            self.raw(f"{i + 1} | " + " | ".join(cells[c] for c in cols))
            leads = [self.localize(u) for u in leads]
            self.tasks.append({"row": str(i + 1), "lead": leads[0], "leads": leads})


_PARTY_ITEMS = (
    (
        "Nâng cao nhận thức, đổi mới tư duy, quyết tâm chính trị mạnh mẽ về {short}",
        "Các cấp ủy, tổ chức đảng tổ chức quán triệt sâu sắc nội dung Nghị quyết; đẩy mạnh "
        "công tác thông tin, tuyên truyền, tạo sự đồng thuận trong xã hội.",
    ),
    (
        "Khẩn trương hoàn thiện cơ chế, chính sách, xóa bỏ mọi tư tưởng, quan niệm, rào cản "
        "đang cản trở sự phát triển",
        "Rà soát, đề xuất sửa đổi, bổ sung các quy định không còn phù hợp; ban hành cơ chế, "
        "chính sách đặc thù của {place}.",
    ),
    (
        "Tăng cường đầu tư, hoàn thiện hạ tầng phục vụ {short}",
        "Ưu tiên bố trí ngân sách; huy động các nguồn lực xã hội, doanh nghiệp tham gia đầu tư.",
    ),
    (
        "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài",
        "Có chính sách thu hút chuyên gia, nhà khoa học; đào tạo, bồi dưỡng đội ngũ cán bộ, "
        "công chức, viên chức đáp ứng yêu cầu nhiệm vụ.",
    ),
    (
        "Đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan trong hệ thống chính trị",
        "Nâng cao hiệu quả quản trị, hiệu lực quản lý nhà nước; cung cấp dịch vụ công trực "
        "tuyến thuận tiện cho người dân, doanh nghiệp.",
    ),
    (
        "Thúc đẩy mạnh mẽ hoạt động {short} trong doanh nghiệp",
        "Hỗ trợ doanh nghiệp đổi mới công nghệ, nâng cao năng suất, chất lượng và sức cạnh tranh "
        "của sản phẩm, hàng hóa.",
    ),
    (
        "Tăng cường hợp tác trong nước và quốc tế",
        "Chủ động kết nối với các viện, trường, doanh nghiệp trong và ngoài nước để tiếp nhận, "
        "chuyển giao công nghệ.",
    ),
    (
        "Nâng cao vai trò lãnh đạo của các cấp ủy, tổ chức đảng và người đứng đầu",
        "Đưa nhiệm vụ {short} vào chương trình công tác hằng năm; định kỳ kiểm tra, giám sát, "
        "sơ kết, tổng kết việc thực hiện.",
    ),
    (
        "Phát huy vai trò của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
        "Vận động đoàn viên, hội viên và Nhân dân tích cực tham gia, hưởng ứng; giám sát việc "
        "thực hiện tại cơ sở.",
    ),
)


def render(doc: Doc, seed: int) -> Writer:
    w = Writer(doc, seed)
    {"tu": w.write_tu, "ubnd": w.write_ubnd, "so": w.write_so}[doc.level]()
    return w


# ---------------------------------------------------------------------------------------
# Selection and output
# ---------------------------------------------------------------------------------------


def select(universe: Universe, target: int) -> list[Doc]:
    """Pick Sở plans (and the plans above them) until the corpus holds `target` tasks."""
    chosen: list[Doc] = []
    have: set[str] = set()
    total = 0
    plans = [p for r in universe.so_rounds for p in r]
    trimmed: dict[str, int] = {}
    for plan in plans:
        if total >= target:
            break
        ancestors = []
        for p in plan.parents:
            for a in (*p.parents, p) if p.level == "ubnd" else (p,):
                if a.id not in have and a not in ancestors:
                    ancestors.append(a)
        cost = sum(a.n_tasks for a in ancestors)
        room = target - total - cost
        if room < 5 and chosen:
            continue  # too big for what is left: look for a plan whose parents are in
        n = min(plan.n_tasks, max(room, 5))
        trimmed[plan.id] = n
        for a in ancestors:
            have.add(a.id)
            chosen.append(a)
        have.add(plan.id)
        chosen.append(plan)
        total += cost + n
    # What is left over (fewer than 5 tasks) goes to plans that have room.
    left = target - total
    for plan in chosen:
        if left <= 0:
            break
        if plan.level == "so" and trimmed[plan.id] < 60:
            add = min(left, 60 - trimmed[plan.id])
            trimmed[plan.id] += add
            left -= add
    for plan in chosen:
        if plan.id in trimmed:
            plan.n_tasks = trimmed[plan.id]
    return chosen


def file_name(doc: Doc) -> str:
    code = slugify(doc.issuer).upper()
    kind = doc.type_code.replace("Đ", "D")
    return f"{doc.province.slug}/{doc.date.year}/{kind}-{code}-{doc.number:04d}.txt"


def _describe(doc: Doc) -> dict:
    return {
        "id": doc.id,
        "symbol": doc.symbol,
        "type": doc.type_code,
        "issuer": doc.issuer,
        "date": doc.date.isoformat(),
        "body": doc.body,
    }


def generate(out_dir: str | Path, tasks: int, seed: int = 1) -> dict:
    """Write a corpus of about `tasks` tasks into `out_dir`; return the manifest.

    Args:
        out_dir: The directory (created if missing); files of an earlier manifest there are
            removed first.
        tasks: The number of tasks wanted.
        seed: The seed.

    Returns:
        The manifest, as written to out_dir/manifest.json; each file entry also carries
        "task_rows": the row number and lead unit of each task, for tests (not written).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    old = out / "manifest.json"
    if old.exists():
        try:
            for f in json.loads(old.read_text(encoding="utf-8")).get("files", []):
                (out / f["path"]).unlink(missing_ok=True)
        except (ValueError, OSError):
            pass
    universe = Universe(seed)
    docs = select(universe, tasks)
    docs.sort(key=lambda d: (d.province.slug, d.date, d.id))
    entries = []
    cited: dict[str, dict] = {}
    own = {d.id for d in docs}
    relations = {"implements": 0, "based_on": 0, "requested_by": 0, "issues": 0}
    total_tasks = 0
    paths: set[str] = set()
    for doc in docs:
        w = render(doc, seed)
        path = file_name(doc)
        assert path not in paths, path
        paths.add(path)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(w.text(), encoding="utf-8")
        entry = {
            "path": path,
            "id": doc.id,
            "level": doc.level,
            "symbol": doc.symbol,
            "type": doc.type_code,
            "issuer": doc.issuer,
            "issuing_body": doc.body,
            "province": doc.province.name,
            "date": doc.date.isoformat(),
            "chain": doc.chain.party.symbol,
            "implements": list(dict.fromkeys(w.implements)),
            "implements_forms": dict(w.forms),
            "implements_ids": [
                *(c.symbol for c in doc.central if c.symbol in w.forms),
                *(p.id for p in doc.parents if p.symbol in w.forms),
            ],
            "based_on": list(dict.fromkeys(w.based_on)),
            "requested_by": w.requested_by,
            "tasks": len(w.tasks),
            "task_cites": len(w.cites),
        }
        if doc.level == "ubnd" and doc.type_code == "QĐ":
            entry["attached"] = {"type": "KH", "tasks": len(w.tasks)}
            relations["issues"] += 1
        entry["task_rows"] = w.tasks
        entries.append(entry)
        total_tasks += len(w.tasks)
        relations["implements"] += len(entry["implements"])
        relations["based_on"] += len(entry["based_on"])
        relations["requested_by"] += len(entry["requested_by"])
        for p in doc.central:
            cited.setdefault(p.symbol, _describe_central(p))
        for p in [*doc.parents, doc.extra.get("decision"), doc.extra.get("ttr")]:
            if p is not None and p.id not in own:
                cited.setdefault(p.id, _describe(p))
    manifest = {
        "generator": "bench/synth.py",
        "seed": seed,
        "tasks_requested": tasks,
        "tasks": total_tasks,
        "files": len(entries),
        "documents": {
            "files": len(entries),
            "attached": relations["issues"],
            "cited": len(cited),
        },
        "relations": relations,
        "expected_relations": sum(relations.values()),
        "shared_symbols": _shared(entries),
        "cited_documents": sorted(cited.values(), key=lambda c: (c["date"], c["symbol"])),
        "notes": {
            "implements": "số hiệu the file states it carries out (title or opening)",
            "implements_forms": "where each is stated: title, opening, or opening-list (an "
            "item after ';' in the opening sentence)",
            "implements_ids": "ids of those documents: a file's id, or the số hiệu of a "
            "central document",
            "based_on": "số hiệu cited in 'Căn cứ' clauses (laws cited by name not counted)",
            "requested_by": "the Tờ trình a decision was proposed by",
            "tasks": "task rows (Tỉnh ủy plans: numbered items under II. NHIỆM VỤ)",
            "shared_symbols": "files whose số hiệu and year recur in another province",
        },
    }
    manifest["files"] = len(entries)
    written = dict(manifest)
    written["files"] = [{k: v for k, v in e.items() if k != "task_rows"} for e in entries]
    (out / "manifest.json").write_text(
        json.dumps(written, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    manifest["entries"] = entries
    return manifest


def _shared(entries: list[dict]) -> int:
    """Files whose số hiệu and year another file of the corpus also has (another province's
    "45/KH-UBND" of the same year): one document to a reader that keys on them alone."""
    seen: dict[tuple[str, str], int] = {}
    for e in entries:
        k = (e["symbol"], e["date"][:4])
        seen[k] = seen.get(k, 0) + 1
    return sum(n for n in seen.values() if n > 1)


def _describe_central(c: Central) -> dict:
    return {
        "id": c.symbol,
        "symbol": c.symbol,
        "type": c.type_code,
        "issuer": c.issuer,
        "date": c.date.isoformat(),
        "body": c.body,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="directory to write the corpus into")
    parser.add_argument("--tasks", type=int, default=10000, help="tasks wanted (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.tasks < 1:
        parser.error("--tasks must be positive")
    t0 = time.perf_counter()
    m = generate(args.out_dir, args.tasks, args.seed)
    size = sum((Path(args.out_dir) / e["path"]).stat().st_size for e in m["entries"]) / 1024 / 1024
    rel = m["relations"]
    if m["tasks"] < args.tasks:
        print(f"synth: only {m['tasks']} tasks exist for one seed", file=sys.stderr)
    print(
        f"synth: {m['files']} files, {m['tasks']} tasks written ({args.tasks} asked), "
        f"{m['documents']['files'] + m['documents']['attached']} documents "
        f"(+{m['documents']['cited']} cited), {m['expected_relations']} expected relations "
        f"(implements {rel['implements']}, based_on {rel['based_on']}, requested_by "
        f"{rel['requested_by']}, issues {rel['issues']}), {size:.1f} MB in "
        f"{time.perf_counter() - t0:.1f} s -> {args.out_dir}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
