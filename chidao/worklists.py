"""Work lists a department keeps: deadlines, one unit's work, and the tables it sends.

A task's deadline is the due date the structure reader read from its period ("Quý III/2025"
→ 30/09/2025); standing work ("thường xuyên") has none. A task's sources are the root
directives above the documents it belongs to or cites (Nghị quyết 57-NQ/TW above Kế hoạch
359-KH/TU above Quyết định 327/QĐ-UBND).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from chidao.workspace import Workspace
from graph.documents import name_keys
from graph.hierarchy import Hierarchy, load_hierarchy
from graph.task_list import TaskView, list_tasks, unit_key
from ingest.errors import BadRequest
from ingest.naming import format_date

# Whole days a task may still take before the deadline page calls it close.
SOON_DAYS = 30


@dataclass(frozen=True, slots=True)
class DueTask:
    """A task with where it stands against its deadline on a given day.

    Attributes:
        task: The task.
        days_left: Days from the day asked to its due date (negative when past); None for
            a task without a due date.
        status: "quá hạn", "sắp đến hạn" (within SOON_DAYS), "trong hạn", or "không có hạn".
        sources: Keys of the root directives it derives from, in order.
    """

    task: TaskView
    days_left: int | None
    status: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WorkRow:
    """One row of a table a department sends: the standard columns, as people read them.

    Attributes:
        text: The task.
        lead: Its lead units, joined.
        partners: Its partner units, joined.
        deadline: Its deadline as written, with the date it means ("Quý III/2025
            (30/09/2025)"), or "".
        assigned_by: The document that gives it (its short name), or "".
        source: The name of the file it was read from (no folders).
    """

    text: str
    lead: str
    partners: str
    deadline: str
    assigned_by: str
    source: str


class BadSpan(BadRequest):
    """A span of days that cannot be read ("--within abc")."""


def parse_within(text: str) -> int:
    """Days in a span as users write it: "30d", "30", "2w", "3m" (months of 30 days).

    Raises:
        BadSpan: The span is not a positive count of days, weeks or months.
    """
    written = text.strip().lower()
    unit = {"d": 1, "w": 7, "m": 30}.get(written[-1:], None)
    count = written[:-1] if unit else written
    if not count.isdigit() or int(count) <= 0:
        raise BadSpan(f"khoảng thời gian không hợp lệ: '{text}' (viết vd. 30d, 2w, 3m)")
    return int(count) * (unit or 1)


def parse_day(text: str) -> dt.date:
    """A day as users write it: "2025-09-30" or "30/09/2025".

    Raises:
        BadSpan: It is neither.
    """
    written = text.strip()
    try:
        if "/" in written:
            day, month, year = (int(p) for p in written.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(written)
    except ValueError:
        raise BadSpan(f"ngày không hợp lệ: '{text}' (viết vd. 30/09/2025)") from None


def root_sources(task: TaskView, hierarchy: Hierarchy) -> tuple[str, ...]:
    """The root directives above the documents a task belongs to or cites.

    A document with nothing above it is its own root. Keys the store joins as one document
    count once.
    """
    start = [hierarchy.name(k) for k in (task.document, *task.cites) if k]
    roots: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(start))
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        above = [k for k, _relation in hierarchy.up.get(key, ())]
        if not above:
            roots.append(key)
        stack.extend(reversed(above))
    return tuple(roots)


def unit_matches(task: TaskView, unit: str, role: str = "any") -> bool:
    """Whether a unit leads (role "lead"), partners ("partner") or either in a task.

    Names are compared as the task list's filter compares them (`unit_key`: written in
    full, diacritics and case ignored, so "Sở Khoa học và Công nghệ" finds "Sở KH&CN"), and
    a part of the name is enough ("so tai chinh").
    """
    wanted = unit_key(unit)
    if not wanted:
        return True
    units: list[str] = []
    if role in ("any", "lead"):
        units += task.lead_units
    if role in ("any", "partner"):
        units += task.partner_units
    return any(wanted in unit_key(u) for u in units)


def _status(days_left: int | None) -> str:
    if days_left is None:
        return "không có hạn"
    if days_left < 0:
        return "quá hạn"
    return "sắp đến hạn" if days_left <= SOON_DAYS else "trong hạn"


def track_deadlines(
    tasks: Iterable[TaskView],
    hierarchy: Hierarchy,
    today: dt.date,
    within: int | None = None,
    overdue: bool = False,
    unit: str | None = None,
) -> list[DueTask]:
    """Tasks against their deadlines: due within some days, overdue, or all with a due date.

    Args:
        tasks: The tasks to look at.
        hierarchy: The directive edges, for each task's sources.
        today: The day to count from.
        within: Keep tasks due from today to this many days ahead (with `overdue`, the
            overdue ones too).
        overdue: Keep tasks whose due date has passed.
        unit: Keep tasks this unit leads or partners in.

    Returns:
        The kept tasks, earliest deadline first.
    """
    kept = []
    for t in tasks:
        if not t.due:
            continue
        days = (dt.date.fromisoformat(t.due) - today).days
        if within is not None or overdue:
            in_window = within is not None and 0 <= days <= within
            if not (in_window or (overdue and days < 0)):
                continue
        # The unit last: its names are written out in full to compare, the costliest test.
        if unit and not unit_matches(t, unit):
            continue
        kept.append(DueTask(t, days, _status(days), root_sources(t, hierarchy)))
    return sorted(kept, key=lambda d: (d.task.due or "", d.task.file, d.task.section, d.task.row))


def deadline_text(task: TaskView) -> str:
    """A task's deadline for people: the period as written, with the date it means."""
    period = " ".join((task.period or "").split())
    when = format_date(task.due)
    if period and when and when not in period:
        return f"{period} ({when})"
    return period or when


def work_rows(tasks: Sequence[TaskView], names: dict[str, str]) -> list[WorkRow]:
    """The standard table's rows for tasks; `names` gives documents' short names by key."""
    return [
        WorkRow(
            text=" ".join(t.text.split()),
            lead=", ".join(t.lead_units),
            partners=", ".join(t.partner_units),
            deadline=deadline_text(t),
            assigned_by=names.get(t.document, "") if t.document else "",
            source=PurePath(t.file).name if t.file else "",
        )
        for t in tasks
    ]


COLUMNS = (
    "STT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Văn bản giao",
    "Nguồn",
)
# Column widths in characters (Excel) and their shares of a landscape page (Word).
_WIDTHS = (6, 60, 26, 30, 18, 26, 22)


def _cells(n: int, row: WorkRow) -> tuple[str, ...]:
    return (str(n), row.text, row.lead, row.partners, row.deadline, row.assigned_by, row.source)


def write_workbook(title: str, subtitle: str, rows: Sequence[WorkRow]) -> bytes:
    """An .xlsx of a work list: a title row, a subtitle row, then the standard columns.

    Every cell is text (never a formula), wrapped, with widths a printed page reads.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    last = len(COLUMNS)
    for line, (text, size) in enumerate(((title, 14), (subtitle, 12)), 1):
        sheet.cell(line, 1, text).font = Font(name="Times New Roman", size=size, bold=line == 1)
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=last)
        sheet.cell(line, 1).alignment = Alignment(horizontal="center", wrap_text=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header = 4
    for col, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(header, col, name)
        cell.font = Font(name="Times New Roman", size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for n, row in enumerate(rows, 1):
        for col, value in enumerate(_cells(n, row), 1):
            cell = sheet.cell(header + n, col)
            cell.value = value
            cell.data_type = "s"  # text from files is never run as a formula
            cell.font = Font(name="Times New Roman", size=12)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
    for col, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[sheet.cell(header, col).column_letter].width = width
    sheet.freeze_panes = sheet.cell(header + 1, 1)
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_document(title: str, subtitle: str, rows: Sequence[WorkRow]) -> bytes:
    """A .docx of a work list for printing: landscape A4, Times New Roman 13, one table."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    # East-Asian and complex-script fonts too, so Word does not substitute for Vietnamese.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    for text, bold, size in ((title, True, 14), (subtitle, False, 13)):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    usable = 29.7 - 4.0
    total = sum(_WIDTHS)
    for col, name in enumerate(COLUMNS):
        cell = table.rows[0].cells[col]
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for n, row in enumerate(rows, 1):
        cells = table.add_row().cells
        for col, value in enumerate(_cells(n, row)):
            cells[col].text = value
    for col, width in enumerate(_WIDTHS):
        for cell in table.columns[col].cells:
            cell.width = Cm(usable * width / total)
    # The header row repeats on every printed page.
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = header.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    header.append(repeat)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Deadlines:
    """Tasks against their deadlines on one day (`chidao due`).

    Attributes:
        today: The day counted from (ISO).
        tasks: The tasks kept, earliest deadline first.
        names: Short names of the documents the tasks belong to and derive from, by key.
    """

    today: str
    tasks: tuple[DueTask, ...]
    names: dict[str, str] = field(default_factory=dict)

    def record(self) -> dict:
        """The list as `due --json` prints it."""
        return {
            "today": self.today,
            "tasks": [
                {
                    "id": d.task.id,
                    "text": d.task.text,
                    "file": d.task.file,
                    "lead_units": list(d.task.lead_units),
                    "partner_units": list(d.task.partner_units),
                    "period": d.task.period,
                    "due": d.task.due,
                    "due_start": d.task.due_start,
                    "days_left": d.days_left,
                    "status": d.status,
                    "document": d.task.document,
                    "sources": list(d.sources),
                }
                for d in self.tasks
            ],
            "names": self.names,
        }


def list_deadlines(
    ws: Workspace,
    today: dt.date | None = None,
    within: int | None = None,
    overdue: bool = False,
    unit: str | None = None,
) -> Deadlines:
    """Tasks due within some days, overdue, or all with a due date; for one unit or all.

    Args:
        ws: The workspace.
        today: The day to count from (today by default).
        within: Days ahead to look.
        overdue: Keep tasks whose due date has passed.
        unit: Only the tasks this unit leads or partners in (diacritics ignored).
    """
    today = today or dt.date.today()
    found = track_deadlines(
        list_tasks(ws.store), load_hierarchy(ws.store), today, within, overdue, unit
    )
    keys = {k for d in found for k in (*d.sources, d.task.document) if k}
    return Deadlines(today.isoformat(), tuple(found), name_keys(ws.store, keys, full=False))
