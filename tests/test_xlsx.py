"""Excel work programmes (.xlsx): rows read as table rows, tasks as from any other format."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.errors import CorruptFile, FileTooLarge
from ingest.pipeline import extract_documents, read_document
from ingest.xlsx import MAX_XLSX_EXPANDED, cell_text
from tests.conftest import json_lines, run_cli

TITLE = "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW CỦA BỘ CHÍNH TRỊ NĂM 2025"
HEADER = (
    "STT",
    "Nội dung nhiệm vụ",
    "Lãnh đạo Sở chỉ đạo",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian hoàn thành",
)
ROWS = (
    (
        1,
        "Tham mưu UBND tỉnh ban hành Kế hoạch thực hiện Kế hoạch số 359-KH/TU ngày "
        "29/4/2025 của Ban Thường vụ Tỉnh ủy",
        "PGĐ Sở Phan Văn Hiếu",
        "Phòng KH-CN",
        "Văn phòng Sở",
        "Quý III/2025",
    ),
    (
        2,
        "Tổ chức đánh giá, nghiệm thu 02 nhiệm vụ khoa học và công nghệ cấp tỉnh",
        None,  # under the leader's cell merged down from the row above
        "Phòng QLKH",
        "Phòng KH-CN",
        dt.datetime(2025, 9, 30),
    ),
    (
        3.0,
        "Xây dựng cơ sở dữ liệu về khoa học và công nghệ của tỉnh",
        "Giám đốc Sở",
        "Trung tâm Chuyển đổi số",
        None,
        "Năm 2025",
    ),
)


@pytest.fixture()
def programme(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells("A1:F1")
    sheet.append(list(HEADER))
    for row in ROWS:
        sheet.append(list(row))
    sheet.merge_cells("C3:C4")
    path = tmp_path / "chuong-trinh.xlsx"
    book.save(path)
    return path


def test_a_work_programme_sheet_gives_its_tasks_and_references(programme):
    doc = read_document(programme)
    assert doc.format == "xlsx"
    assert doc.text.splitlines()[0] == TITLE  # the title merged across is one cell
    (ex,) = extract_documents([doc])
    tasks = {t.row: t for t in ex.tasks}
    assert sorted(tasks) == ["1", "2", "3"]
    assert (tasks["1"].lead_unit, tasks["1"].coop_units) == ("Phòng KH-CN", ("Văn phòng Sở",))
    # The leader merged down over rows 1 and 2 directs both.
    assert tasks["2"].directing_leader == tasks["1"].directing_leader == "PGĐ Sở Phan Văn Hiếu"
    assert tasks["2"].due == "2025-09-30"  # a date cell, written dd/mm/yyyy
    assert tasks["3"].due == "2025-12-31" and tasks["3"].coop_units == ()
    named = {(m.type_code, m.number, m.issuer) for m in ex.mentions}
    assert named == {("NQ", "57", "TW"), ("KH", "359", "TU")}


def test_the_command_line_reads_a_workbook_and_refuses_a_broken_one(programme, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run_cli("extract", str(programme), str(broken), "--json")
    assert result.returncode == 2
    records = {r["file"]: r for r in json_lines(result.stdout)}
    assert len(records[str(programme)]["tasks"]) == 3
    assert records[str(broken)]["error"].startswith("corrupt")
    assert result.stderr.count("\n") == 1 and str(broken) in result.stderr


def test_a_workbook_that_expands_past_the_limit_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_XLSX_EXPANDED + 1))
    with pytest.raises(FileTooLarge):
        read_document(bomb)


def test_a_file_named_xlsx_that_is_no_workbook_is_corrupt(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("STT | Nội dung", encoding="utf-8")
    with pytest.raises(CorruptFile):
        read_document(fake)


@given(st.integers(-(10**9), 10**9))
def test_whole_numbers_are_written_without_a_decimal_point(n):
    assert cell_text(float(n)) == cell_text(n) == str(n)


def test_cells_are_written_as_documents_write_them():
    assert cell_text(dt.date(2025, 3, 5)) == "05/03/2025"
    assert cell_text("  Phòng\nKH-CN ") == "Phòng KH-CN"
    assert cell_text(None) == ""
    assert cell_text(2.5) == "2.5"
