"""Rebuild work-programme tables from exported text.

Two shapes are read. Flattened rows ("1 | Nội dung | Giám đốc Sở | Phòng KH-CN | ...",
as the .docx reader and some OCR write them) split on "|". PDF text exports instead write
a row's cells one after another, line by line, sometimes two cells on one line and
sometimes with the row broken by a page (and a repeated table header) in the middle;
there the cells are told apart by what their lines look like: a task's text runs the
full width of its column, a leader cell opens with a title ("PGĐ Sở"), unit cells open
with a unit's name ("Phòng", "Văn phòng", "Các phòng").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.layout import Line, heading_of, is_page_number
from ingest.text import fold
from ingest.units import LEADER_AT_END, is_leader_start, is_unit_start
from ingest.vocabulary import alternation, load_vocabulary

# Header vocabulary (ingest/data/vocabulary.yaml): the folded words a header line is made
# of, and the field each column's header names.
_HEADER_WORDS = load_vocabulary().table_header_words
_COLUMN_KEYS = tuple(
    (name, alternation(phrases)) for name, phrases in load_vocabulary().table_columns
)
_BARE_ROMAN = re.compile(r"((?:x{0,2})(?:ix|iv|v?i{0,3}))\.?")
_ROW_START = re.compile(r"^(\d{1,3})(?:\.(?!\d)|(?=\s|$|\|))\s*")
_END_MARKS = re.compile(r"^(?:\*?\s*chu thich|\*?\s*ghi chu\s*:|noi nhan|tm\.|kt\.|t/m|k/t)")
_PERIOD = re.compile(
    r"^(?:quy(?:\s+[ivx1-4]+|$)|thang(?:\s+\d|$)|truoc(?:\s+ngay|$)|thuong(?:\s+xuyen|$)|"
    r"nam\s+20\d\d|\d{1,2}/20\d\d|6\s+thang|hang\s+(?:thang|quy|nam))"
)
_PRODUCT = re.compile(r"^(?:ke hoach|bao cao|quyet dinh|de an|van ban|to trinh|chuong trinh)")


@dataclass(slots=True)
class Row:
    """One numbered row of a table, with its lines.

    Attributes:
        number: The row number as written ("1").
        group: The label of the group row above it ("I"), if any.
        lines: Its lines, repeated headers and page numbers removed.
    """

    number: str
    group: str | None
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    """A task or indicator table.

    Attributes:
        first: Index of its header's first line.
        last: Index after its last line.
        columns: Column kinds in order, without the row-number column.
        piped: True when rows are written "a | b | c".
        rows: Its numbered rows.
    """

    first: int
    last: int
    columns: tuple[str, ...]
    piped: bool
    rows: list[Row] = field(default_factory=list)

    @property
    def assigns_tasks(self) -> bool:
        """A table of tasks names who leads them; an indicator table has units of measure."""
        return "measure" not in self.columns and (
            "lead" in self.columns or "leader" in self.columns or "coop" in self.columns
        )


@dataclass(slots=True)
class Cells:
    """The cells of one row, as lines of the text.

    Attributes:
        content: Lines (or parts of lines, as (start, end) offsets) of the task text.
        leader: Text of the leader cell.
        lead: Text of the lead-unit cell.
        coop: Text of the partner-units cell.
        period: Text of the period cell.
        product: Text of the product cell.
    """

    content: list[tuple[int, int]] = field(default_factory=list)
    leader: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    coop: list[str] = field(default_factory=list)
    period: list[str] = field(default_factory=list)
    product: list[str] = field(default_factory=list)


def _words(folded: str) -> list[str]:
    return [w for w in re.split(r"[\s/|,.:()]+", folded) if w]


def _is_header_line(line: Line) -> bool:
    words = _words(line.folded_stripped)
    # Numbers pass only beside header words ("Kế hoạch 2025"); alone they are row numbers.
    return any(w in _HEADER_WORDS for w in words) and all(
        w in _HEADER_WORDS or w.isdigit() for w in words
    )


def _columns(header_text: str) -> tuple[str, ...]:
    # OCR reads the Đ of "Đơn vị" as P: "Phong/Pon vi".
    header_text = re.sub(r"\bpon\s?vi\b", "don vi", header_text)
    found = []
    for kind, pattern in _COLUMN_KEYS:
        m = re.search(pattern, header_text)
        if m:
            found.append((m.start(), kind))
    kinds = {k for _, k in found}
    if "leader" not in kinds:
        m = re.search(r"lanh dao", header_text)
        if m:
            found.append((m.start(), "leader"))
    # A header cut by OCR keeps "Phòng/Đơn vị" twice without "chủ trì" / "phối hợp": the
    # first is the lead unit, the second the partners.
    units = [m.start() for m in re.finditer(r"phong\s?don\s?vi", header_text)]
    if "lead" not in kinds and units:
        found.append((units[0], "lead"))
        if "coop" not in kinds and len(units) > 1:
            found.append((units[1], "coop"))
    return tuple(kind for _, kind in sorted(found))


def _read_header(lines: list[Line], i: int) -> tuple[int, tuple[str, ...], bool] | None:
    """Read a table header starting at line i: (index after it, columns, piped)."""
    first = lines[i].folded_stripped
    if not re.match(r"^\|?\s*s?tt\b", first):
        return None
    piped = first.count("|") >= 2
    j = i + 1
    if not piped:
        while j < len(lines) and j < i + 14 and _is_header_line(lines[j]):
            j += 1
    text = " ".join(" ".join(_words(lines[k].folded_stripped)) for k in range(i, j))
    columns = _columns(text)
    if "content" not in columns or len(columns) < 2:
        return None
    return j, columns, piped


def find_tables(lines: list[Line], skip: set[int]) -> list[Table]:
    """Find the tables of a document and their numbered rows.

    Args:
        lines: The document's lines.
        skip: Indexes of lines to ignore (footnotes).

    Returns:
        The tables in order.
    """
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        header = _read_header(lines, i) if i not in skip else None
        if header is None:
            i += 1
            continue
        end, columns, piped = header
        table = Table(first=i, last=end, columns=columns, piped=piped)
        _read_rows(lines, end, table, skip)
        tables.append(table)
        i = max(table.last, i + 1)
    return tables


def _row_number(line: Line) -> str | None:
    text = line.folded_stripped.lstrip("| ")
    m = _ROW_START.match(text)
    return m.group(1) if m else None


_GAP_ROW = re.compile(r"(?:^|\|)\s*[.…]{3,}\s*$")


def _read_rows(lines: list[Line], start: int, table: Table, skip: set[int]) -> None:
    expected = 1
    group = None
    after_group = False  # a group may number its rows from 1 again
    after_gap = False  # after a row of dots, rows left out
    current: Row | None = None
    i = start
    while i < len(lines):
        line = lines[i]
        number = _row_number(line)
        # A lone number is the next row's number before it is a page number.
        if i in skip or (is_page_number(line) and (number is None or int(number) != expected)):
            i += 1
            continue
        header = _read_header(lines, i)
        if header is not None:
            if header[1] != table.columns:
                break  # a different table starts
            i = header[0]  # the header repeated on a new page
            continue
        folded = line.folded_stripped
        if _END_MARKS.match(folded):
            break
        if number is not None and (
            int(number) == expected
            or (after_group and number == "1")
            or (after_gap and int(number) < expected)
        ):
            current = Row(number=number, group=group)
            table.rows.append(current)
            expected = int(number) + 1
            current.lines.append(line)
            after_group = False
            after_gap = bool(_GAP_ROW.search(line.text))
            i += 1
            continue
        kind = heading_of(line, loose=True)
        bare = _BARE_ROMAN.fullmatch(folded)
        if bare and line.stripped[:1].isupper():
            kind = ("roman", bare.group(1).upper())  # "II" alone, its title on the next line
        if kind and kind[0] in ("roman", "letter", "appendix"):
            # Only a bare "II" or a "II | ..." row may number its rows from 1 again; "II. Title"
            # followed by "1." is a new section of the document.
            restart = bool(bare) or "|" in line.text
            if kind[0] == "roman" and _group_row_ahead(lines, i, expected, restart):
                group = kind[1]
                current = None
                after_group = True
                i += 1
                continue
            break
        if kind and kind[0] == "arabic" and re.match(r"^\d{1,2}\.\s+[A-ZĐ]", line.stripped):
            break  # a numbered heading that is not the next row
        if current is not None:
            current.lines.append(line)
        # A row of dots ("…………") stands for rows left out: the numbers may go on from
        # anywhere after it.
        after_gap = after_gap or bool(_GAP_ROW.search(line.text))
        i += 1
    table.last = i


def _group_row_ahead(lines: list[Line], i: int, expected: int, restart: bool) -> bool:
    """A roman line inside a table is a group row when the next row number follows it."""
    for line in lines[i + 1 : i + 12]:
        number = _row_number(line)
        if number is not None:
            return int(number) == expected or (restart and number == "1")
    return False


def split_cells(row: Row, columns: tuple[str, ...], piped: bool) -> Cells:
    """Assign a row's lines to its cells.

    Args:
        row: The row.
        columns: The table's column kinds.
        piped: True for "a | b | c" rows.

    Returns:
        The cells.
    """
    if piped:
        return _split_piped(row, columns)
    return _split_flowing(row, columns)


def _split_piped(row: Row, columns: tuple[str, ...]) -> Cells:
    """Split rows written "a | b | c".

    By column where a line has every cell; else (OCR, where some borders are lost) the text
    before the first border is task text and the rest is read like a flowing row's cells.
    """
    cells = Cells()
    rest: list[str] = []
    for n, line in enumerate(row.lines):
        parts = _pipe_parts(line)
        if n == 0 and parts and re.fullmatch(r"\d{1,3}\.?", line.text[parts[0][0] : parts[0][1]]):
            parts = parts[1:]
        if len(parts) == len(columns):
            for kind, (s, e) in zip(columns, parts, strict=True):
                _add(cells, kind, line.text[s:e], line.start + s, line.start + e)
            continue
        if not parts:
            continue
        s, e = parts[0]
        if len(parts) == 1 and n > 0:
            _add(cells, "content", line.text[s:e], line.start + s, line.start + e)
            continue
        _add(cells, "content", line.text[s:e], line.start + s, line.start + e)
        rest.append(" ".join(line.text[a:b] for a, b in parts[1:]))
    if rest:
        _read_cell_stream(" ".join(rest), columns, cells)
    return cells


# OCR of a leader's title: "PGĐ Sở" read as "PGP S¢", "POP SO", "PGD So"; "Giamdoc".
_OCR_LEADER = re.compile(r"\b(?:p[gco][dpo]\s?s\S{0,2}|giam\s?doc)(?:\s+s\S{0,2})?", re.I)


def _read_cell_stream(stream: str, columns: tuple[str, ...], cells: Cells) -> None:
    """Read leader and units from the cells' text of an OCR row, borders partly lost."""
    text = " ".join(stream.split())
    if "leader" in columns:
        m = _OCR_LEADER.search(fold(text))
        if m:
            said = fold(text[m.start() : m.end()])
            # The title is restored; the name OCR spread over other lines is not guessed.
            cells.leader.append("Giám đốc Sở" if said.startswith("giam") else "PGĐ Sở")
            text = text[: m.start()] + " " + text[m.end() :]
    units = [u.strip(" ,;") for u in _INNER_UNIT.split(text) if is_unit_start(u.strip())]
    if units and "lead" in columns:
        cells.lead.append(units[0])
    if len(units) > 1 and "coop" in columns:
        cells.coop.append(", ".join(units[1:]))


def _pipe_parts(line: Line) -> list[tuple[int, int]]:
    parts = []
    pos = 0
    text = line.text
    for piece in text.split("|"):
        start = pos + len(piece) - len(piece.lstrip())
        end = pos + len(piece.rstrip())
        if end > start:
            parts.append((start, end))
        elif parts or pos > 0:
            parts.append((start, start))  # an empty cell keeps its column
        pos += len(piece) + 1
    return parts


def _add(cells: Cells, kind: str, text: str, start: int, end: int) -> None:
    if not text.strip():
        return
    if kind == "content":
        cells.content.append((start, end))
    elif kind in ("leader", "lead", "coop", "period", "product"):
        getattr(cells, kind).append(text.strip())


# A second cell that starts inside a line: "Phòng KH-CN Các sở, ngành,".
_INNER_UNIT = re.compile(
    r"(?<=[^\s;,:(])(?<!Văn)(?<!Trung)\s+"
    r"(?=(?:Văn [Pp]hòng|Trung tâm|Thanh tra|Phòng|Chi cục|Các|Tất cả|Tổ)(?:\s|$))"
)
# A units cell that reads complete: "Văn Phòng Sở", "Phòng QLCN", "(Phòng BCVTCNTT)".
_CELL_DONE = re.compile(r"(?:\bSở|\bquan|\b[A-ZĐ][A-ZĐ0-9&\-]+|\))\s*$")
# A line that goes on with the task text though it opens like a unit: after a number cut
# at a hyphen ("... số 51/KH-" + "UBND ngày 07/3/2025"), or holding a date.
_TEXT_GOES_ON = re.compile(r"ng[aà]y\s+\d|\d{1,2}/\d{1,2}/\d{4}")


def _split_flowing(row: Row, columns: tuple[str, ...]) -> Cells:
    cells = Cells()
    after = [k for k in columns if k not in ("content", "note", "measure")]
    widths = sorted(len(line.stripped) for line in row.lines)
    long_line = max(30, int(0.6 * widths[-1])) if widths else 30
    state = "content"
    for n, line in enumerate(row.lines):
        text, start = line.stripped, line.start + line.indent
        if n == 0:
            # The number as `_row_number` read it, after any cell border ("| 1 | …").
            lead = len(text) - len(text.lstrip("| "))
            m = _ROW_START.match(fold(text[lead:]))
            skip = lead + (m.end() if m else 0)
            text, start = text[skip:], start + skip
            cut = LEADER_AT_END.search(text) if "leader" in after else None
            if cut and cut.start() > 0:
                cells.content.append((start, start + cut.start()))
                cells.leader.append(text[cut.end() :])
                state = "leader"
            elif text:
                cells.content.append((start, start + len(text)))
            continue
        if state == "note":
            continue
        current = getattr(cells, state) if state != "content" else []
        if state == "content" and _TEXT_GOES_ON.search(text):
            cells.content.append((start, start + len(text)))
            continue
        if state == "content" and "leader" in after:
            # "... cấp tỉnh PGĐ Sở": the leader's cell starts at the end of a text line.
            cut = LEADER_AT_END.search(text)
            if cut and cut.start() > 0:
                cells.content.append((start, start + cut.start()))
                cells.leader.append(text[cut.end() :])
                state = "leader"
                continue
        if (
            state == "coop"
            and "note" in columns
            and _CELL_DONE.search(" ".join(current))
            and (text[:1].isupper() and not is_unit_start(text))
        ):
            state = "note"  # "Kinh phí được giao ...": the Ghi chú column
            continue
        state = _next_state(state, text, after, long_line, " ".join(current))
        if state == "content":
            cells.content.append((start, start + len(text)))
            continue
        pieces = _INNER_UNIT.split(text) if state in ("lead", "coop") else [text]
        getattr(cells, state).append(pieces[0])
        if len(pieces) > 1 and state == "lead" and "coop" in after:
            state = "coop"
            cells.coop.append(" ".join(pieces[1:]))
        elif len(pieces) > 1:
            getattr(cells, state).extend(pieces[1:])
    return cells


# The end of a unit cell that goes on: "dung; Văn" + "Phòng Sở" is one more lead unit.
_CELL_GOES_ON = re.compile(r"(?:[;,]|\b(?:Văn|Trung|Chi|Thanh|Tất|Các|Phòng))\s*$")


def _next_state(state: str, text: str, after: list[str], long_line: int, current: str) -> str:
    """Decide which cell a line of a flowing row belongs to."""
    folded = fold(text)
    if len(text) >= long_line and not (is_unit_start(text) and state != "content"):
        return "content"  # a full-width line: the task text (again, after a page break)
    if "leader" in after and is_leader_start(text):
        return "leader"
    if "period" in after and _PERIOD.match(folded) and state != "content":
        return "period"
    if state == "leader" and folded.startswith("so") and not fold(current).endswith(" so"):
        return "leader"  # "Giám đốc" + "Sở": the title goes on
    if is_unit_start(text):
        if state in ("content", "leader") and "lead" in after:
            return "lead"
        if state == "lead" and "coop" in after and not _CELL_GOES_ON.search(current):
            return "coop"
        return state if state != "content" else ("lead" if "lead" in after else "content")
    if "product" in after and _PRODUCT.match(folded) and state in ("coop", "period"):
        return "product"
    return state
