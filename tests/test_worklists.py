"""Work lists: deadlines, a unit's work, and the Excel and Word tables a department sends."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from chidao.worklists import (
    COLUMNS,
    BadSpan,
    parse_day,
    parse_within,
    root_sources,
    track_deadlines,
    unit_matches,
    work_rows,
    write_document,
    write_workbook,
)
from graph.hierarchy import Hierarchy
from graph.task_list import TaskView

TODAY = dt.date(2025, 9, 1)
NQ57, KH359, QD327, OWN = (
    "NQ:57:TW:2024",
    "KH:359:TU:2025:quang-ngai",
    "QĐ:327:UBND:2025:quang-ngai",
    "CTr:_:SKHCN:2025@abc",
)
# 327 carries out 359 and 57; 359 carries out 57; the programme carries out 327.
HIERARCHY = Hierarchy(
    up={
        OWN: ((QD327, "applies"),),
        QD327: ((KH359, "applies"), (NQ57, "applies")),
        KH359: ((NQ57, "applies"),),
    },
    down={},
)


def task(n: int, due: str | None, lead=("Phòng QLCN",), partners=(), period=None, cites=()):
    return TaskView(
        id=f"t:{n}",
        file=f"/home/user/docs/ct-{n}.docx",
        document=OWN,
        section="I",
        row=str(n),
        text=f"Nhiệm vụ {n}",
        lead_units=lead,
        partner_units=partners,
        leader=None,
        period=period,
        cites=cites,
        start=None,
        end=None,
        due=due,
    )


TASKS = [
    task(1, "2025-08-31", period="Tháng 8/2025"),  # overdue by one day
    task(2, "2025-09-01"),  # due today
    task(3, "2025-09-30", partners=("Sở Tài chính",), period="Quý III/2025"),
    task(4, "2025-12-31", lead=("Văn phòng Sở",)),
    task(5, None, period="Thường xuyên"),
]


@pytest.mark.parametrize(
    ("within", "overdue", "unit", "expected"),
    [
        (None, False, None, ["t:1", "t:2", "t:3", "t:4"]),  # every task with a due date
        (30, False, None, ["t:2", "t:3"]),
        (7, False, None, ["t:2"]),
        (None, True, None, ["t:1"]),
        (30, True, None, ["t:1", "t:2", "t:3"]),
        (None, False, "so tai chinh", ["t:3"]),  # a partner, typed without diacritics
        (122, False, "VĂN PHÒNG", ["t:4"]),
    ],
)
def test_deadlines_keep_the_tasks_due_in_the_window(within, overdue, unit, expected):
    found = track_deadlines(TASKS, HIERARCHY, TODAY, within, overdue, unit)
    assert [d.task.id for d in found] == expected


def test_a_due_task_knows_its_days_status_and_root_directive():
    first, second, third = track_deadlines(TASKS, HIERARCHY, TODAY, 30, True)
    assert (first.days_left, first.status) == (-1, "quá hạn")
    assert (second.days_left, second.status) == (0, "sắp đến hạn")
    assert third.days_left == 29
    # The programme → 327 → 359 → 57 and 327 → 57: one root, once.
    assert first.sources == (NQ57,)


def test_a_document_with_nothing_above_is_its_own_source():
    alone = Hierarchy(up={}, down={})
    assert root_sources(TASKS[0], alone) == (OWN,)


@pytest.mark.parametrize(
    ("role", "unit", "expected"),
    [
        ("lead", "phong qlcn", True),
        ("partner", "phong qlcn", False),
        ("partner", "Tài chính", True),
    ],
)
def test_a_unit_is_matched_in_its_role(role, unit, expected):
    assert unit_matches(TASKS[2], unit, role) is expected


def test_a_unit_is_matched_however_its_name_is_abbreviated():
    abbreviated = task(7, "2025-09-10", lead=("Sở KH&CN",))
    assert unit_matches(abbreviated, "Sở Khoa học và Công nghệ", "lead")
    found = track_deadlines([abbreviated], HIERARCHY, TODAY, 30, False, "so khoa hoc va cong nghe")
    assert [d.task.id for d in found] == ["t:7"]


@pytest.mark.parametrize(
    ("text", "days"), [("30d", 30), ("30", 30), ("2w", 14), ("3m", 90), (" 7D ", 7)]
)
def test_spans_are_read_as_users_write_them(text, days):
    assert parse_within(text) == days


@pytest.mark.parametrize("text", ["", "0d", "-3d", "abc", "3y"])
def test_a_span_that_cannot_be_read_is_refused(text):
    with pytest.raises(BadSpan):
        parse_within(text)


def test_days_are_read_in_both_ways_people_write_them():
    assert parse_day("30/09/2025") == parse_day("2025-09-30") == dt.date(2025, 9, 30)
    with pytest.raises(BadSpan):
        parse_day("31/02/2025")


def rows():
    return work_rows(TASKS, {OWN: "Chương trình công tác năm 2025"})


def test_rows_show_deadlines_as_written_with_their_date_and_file_names():
    first, *_, last = rows()
    assert first.deadline == "Tháng 8/2025 (31/08/2025)"
    assert last.deadline == "Thường xuyên"
    assert first.source == "ct-1.docx"  # the file's name, never this machine's folders
    assert first.assigned_by == "Chương trình công tác năm 2025"


def test_the_workbook_has_a_title_the_standard_columns_widths_and_wrapping():
    data = write_workbook("DANH MỤC NHIỆM VỤ", "(Xuất ngày 01/09/2025)", rows())
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "DANH MỤC NHIỆM VỤ" and sheet["A1"].font.bold
    assert sheet["A2"].value == "(Xuất ngày 01/09/2025)"
    assert [c.value for c in sheet[4]] == list(COLUMNS)
    assert [sheet.cell(5 + n, 1).value for n in range(5)] == ["1", "2", "3", "4", "5"]
    assert sheet.cell(5, 5).value == "Tháng 8/2025 (31/08/2025)"
    assert sheet.cell(5, 2).alignment.wrap_text
    assert sheet.column_dimensions["B"].width >= 50
    assert sheet.page_setup.orientation == "landscape"
    # No cell is a formula, whatever the text.
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_a_formula_looking_task_stays_text_in_the_workbook():
    row = rows()[0]
    evil = type(row)(**{**{f: getattr(row, f) for f in row.__slots__}, "text": "=1+1"})
    sheet = load_workbook(io.BytesIO(write_workbook("T", "S", [evil]))).active
    assert sheet.cell(5, 2).value == "=1+1" and sheet.cell(5, 2).data_type == "s"


def test_the_word_table_is_landscape_times_new_roman_with_the_standard_columns():
    doc = Document(io.BytesIO(write_document("DANH MỤC NHIỆM VỤ", "(Xuất ngày)", rows())))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.paragraphs[0].text == "DANH MỤC NHIỆM VỤ"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(COLUMNS)
    assert len(table.rows) == 1 + len(TASKS)
    assert table.rows[1].cells[1].text == "Nhiệm vụ 1"
    assert table.rows[1].cells[6].text == "ct-1.docx"


def test_units_are_listed_once_in_full_and_in_vietnamese_order():
    from graph.task_list import name_units

    assert name_units(
        [
            "Sở KH&CN",
            "Sở Khoa học và Công nghệ",
            "Van Phong",
            "Văn Phòng",
            "Ủy ban nhân dân tỉnh",
            "UBND tỉnh",
            "",
        ]
    ) == ["Sở Khoa học và Công nghệ", "Ủy ban nhân dân tỉnh", "Văn Phòng"]


def test_a_unit_filter_matches_the_unit_however_it_is_abbreviated():
    from graph.task_list import TaskFilter, filter_tasks

    tasks = [task(1, None, lead=("Sở KH&CN",)), task(2, None, lead=("Sở Tài chính",))]
    kept = filter_tasks(tasks, TaskFilter(lead_units=("so khoa hoc va cong nghe",)))
    assert [t.id for t in kept] == ["t:1"]
