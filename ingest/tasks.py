"""Tasks: rows of work-programme tables and numbered items of lists of nhiệm vụ."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.assignments import COUNT_HEADING, DESCRIPTIVE, PROCEDURE, read_assignments
from ingest.dates import read_due
from ingest.layout import (
    Line,
    fold_without_references,
    footnote_lines,
    heading_of,
    is_page_number,
    split_lines,
)
from ingest.models import Document, Mention, OwnDocument, Task
from ingest.tables import Table, find_tables, split_cells
from ingest.text import fold
from ingest.units import (
    UnitKey,
    complete_unit,
    normalize_unit,
    read_leader,
    read_unit_key,
    split_units,
)
from ingest.vocabulary import load_vocabulary

_RANKS = {"appendix": 0, "letter": 1, "roman": 2}
# Headings whose numbered items are tasks, and headings whose items are not (folded).
_TASK_HEADINGS = re.compile(load_vocabulary().heading_pattern("task_lists"))
_NOT_TASK_HEADINGS = re.compile(load_vocabulary().heading_pattern("not_task_lists"))
_INLINE_NOTE = re.compile(r"\[footnoteRef:\d+\]|\[\d+:\s[^\]]*\]")
_ITEM_NUMBER = re.compile(r"^\s*(\d{1,3})\.\s*")
# Periods written in a heading, a cell or an item (folded).
_PERIODS = (
    (re.compile(r"\b(\d)\s+thang\s+(dau|cuoi)\s+nam\s+(20\d\d)"), "{0} tháng {1} năm {2}"),
    (re.compile(r"\bquy\s+([ivx]+|[1-4])(?:\s*(?:/|nam)\s*(20\d\d))?"), "Quý {0}/{1}"),
    (re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|nam)\s*(20\d\d)"), "Tháng {0}/{1}"),
    (re.compile(r"\bthang\s+(\d{1,2})\s+(?:hang|moi)\s+nam\b"), "Tháng {0} hằng năm"),
    (re.compile(r"\bthuong\s+xuyen"), "Thường xuyên"),
    (re.compile(r"\btruoc\s+ngay\s+(\d{1,2}/\d{1,2}/20\d\d)"), "Trước ngày {0}"),
    (re.compile(r"\bnam\s+(20\d\d)\b"), "Năm {0}"),
    # A year alone in a table's time column.
    (re.compile(r"^\s*(20\d\d)\s*$"), "Năm {0}"),
)
# Fields written inside a list item: "- Cơ quan chủ trì: Sở KH&CN; - Thời gian: Quý III/2025".
_INLINE_FIELD = re.compile(
    r"(?P<field>(?:co quan|don vi|phong)?\s*chu tri|(?:co quan|don vi)?\s*phoi hop|"
    r"thoi gian(?: hoan thanh| thuc hien)?|thoi han|(?:lanh dao|nguoi)?\s*chi dao)\s*:\s*"
)


def read_period(folded: str) -> str | None:
    """Read a period from folded text ("6 tháng cuối năm 2025", "Quý III/2025", ...)."""
    for pattern, template in _PERIODS:
        m = pattern.search(folded)
        if m:
            groups = [g for g in m.groups()]
            if template.startswith("Quý"):
                number = groups[0].upper()
                return f"Quý {number}/{groups[1]}" if groups[1] else f"Quý {number}"
            if template.startswith("{0} tháng"):
                return (
                    f"{groups[0]} tháng {'đầu' if groups[1] == 'dau' else 'cuối'} năm {groups[2]}"
                )
            return template.format(*groups)
    return None


@dataclass(slots=True)
class _Heading:
    rank: int
    label: str
    line: Line


def _list_item_stands(row: dict, found: list[dict], tabled: set[str]) -> bool:
    """Whether a list item stays a task beside what the running-text reader found in it.

    It loses when it swallowed a section (two tasks or more inside it); when it names no unit
    and the reader found one ("1. Sở Giáo dục và Đào tạo chủ trì …, hoàn thành trong Quý
    III/2025"); or when it names no unit and an appended table restates it.
    """
    inside = [f for f in found if row["start"] <= f["start"] < row["end"]]
    if len(inside) >= 2:
        return False
    if row["lead"]:
        return True
    return not any(f["lead"] for f in inside) and _opening(row["text"]) not in tabled


def _opening(text: str) -> str:
    """The first eight words of a task, folded: what a restated task keeps the same."""
    return " ".join(re.findall(r"\w+", fold(text))[:8])


def _rank(kind: str, label: str) -> int:
    return _RANKS.get(kind, 3 + label.count("."))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _clean_task_text(text: str) -> str:
    return " ".join(_INLINE_NOTE.sub(" ", text).split())


def _masked_heading(doc: Document, line: Line, mentions: Sequence[Mention]) -> str:
    """The folded heading with references and their dates blanked, to read a period from."""
    return fold_without_references(doc.text, line.start, line.end, mentions, 30)


@dataclass(frozen=True, slots=True)
class TaskReading:
    """The tasks of a document, and where its tables hold other text than task text.

    Attributes:
        tasks: The tasks in text order.
        noise: (start, end) spans of table lines that are not task text: other cells,
            headers repeated on a new page. Relations are read with these left out.
    """

    tasks: tuple[Task, ...]
    noise: tuple[tuple[int, int], ...]


def find_tasks(
    doc: Document,
    mentions: Sequence[Mention],
    keys: Sequence[str],
    owners: Sequence[OwnDocument],
) -> TaskReading:
    """Find the tasks of a document.

    Args:
        doc: The cleaned document.
        mentions: Its mentions.
        keys: The document key of each mention.
        owners: The file's own documents (the task's owner is the one it stands in).

    Returns:
        The tasks and the table noise.
    """
    lines = split_lines(doc.text)
    notes = footnote_lines(lines)
    tables = find_tables(lines, notes)
    in_table = {i for t in tables for i in range(t.first, t.last)}
    key = read_unit_key(doc.text)
    sections = _walk_headings(lines, notes | in_table)
    builder = _Builder(doc, mentions, keys, owners, key)
    for table in tables:
        if table.assigns_tasks:
            builder.add_table(table, sections)
    builder.add_lists(lines, sections, notes, in_table)
    year = next((o.year for o in owners if o.year), None)
    found: list[dict] = []
    if _reads_by_blocks(doc, owners):
        # Each own document from its title to its signature: a decision, then the plan it
        # issues after its "Nơi nhận". An attached regulation (Quy chế, Quy định) states
        # standing rules, and a blank form in an appendix is no document.
        for n, own in enumerate(owners):
            if n and (
                own.type_code in (*_REGULATION_TYPES, *NO_RUNNING_TASK_TYPES) or _is_template(own)
            ):
                continue
            if any(o.start <= own.start and own.end <= o.end for o in owners[:n]):
                continue  # written inside the decision ("Điều 1. Phê duyệt Chương trình …")
            normative = is_normative(owners) if n == 0 else False
            found += read_assignments(
                lines, year, notes | in_table, normative, own.title_end, own.end
            )
    builder.add_assignments(found, year)
    table_lines = [lines[i] for t in tables if t.assigns_tasks for i in range(t.first, t.last)]
    noise = tuple(_noise(table_lines, builder.content))
    return TaskReading(
        tuple(builder.finish(_page_footnotes(doc, lines, notes, mentions, keys))), noise
    )


def _reads_by_blocks(doc: Document, owners: Sequence[OwnDocument]) -> bool:
    """Whether running-text assignments are read: formats read one block per line, not reports.

    Plain text from PDF exports wraps a paragraph over many lines, where items cannot be told
    from wrapped lines; a report (Báo cáo) tells what was done, not what is to be done; a
    file that shows no document of its own (an encyclopaedia page, an article) assigns
    nothing, however its sentences read.
    """
    if doc.format not in _BLOCK_FORMATS or not owners:
        return False
    return owners[0].type_code not in NO_RUNNING_TASK_TYPES


def _is_template(own: OwnDocument) -> bool:
    """A blank form in an appendix: "BÁO CÁO Tình hình (tên sinh vật gây hại) …"."""
    return bool(own.title and _PLACEHOLDER.search(own.title))


_PLACEHOLDER = re.compile(r"…|\.{3}|_{3}|\(tên\b|\[[^\]]*\]")


def is_normative(owners: Sequence[OwnDocument]) -> bool:
    """Whether the file is a legal normative document, or one carrying a regulation.

    Its articles state rules: it gives work only in its implementation and responsibility
    articles, or in so many words ("Giao …"); see `ingest.assignments`.
    """
    if not owners:
        return False
    symbol = owners[0].symbol or ""
    return bool(
        _NORMATIVE.search(symbol)
        or owners[0].type_code in _NORMATIVE_TYPES
        or any(o.type_code in _REGULATION_TYPES for o in owners[1:])
    )


_BLOCK_FORMATS = ("md", "html", "docx", "doc")
# A số hiệu with its year ("71/2025/QĐ-UBND"): a legal normative document.
_NORMATIVE = re.compile(r"/20\d\d/")
_REGULATION_TYPES = ("QyĐ", "QC", "QCLT", "ĐL")
_LAW_TYPES = ("L", "BL", "PL", "NĐ", "TT", "TTLT", "VBHN")
_NORMATIVE_TYPES = (*_LAW_TYPES, *_REGULATION_TYPES)
# Reports tell what was done; laws, decrees, circulars and consolidated texts state rules.
NO_RUNNING_TASK_TYPES = ("BC", *_LAW_TYPES)
_ROW_NUMBER = re.compile(r"^\s*\|?\s*\d{1,3}\.?\s*\|?\s*$")


def _noise(lines: list[Line], content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of table lines (in text order) that are not task text, in one sweep.

    Spans are taken in order of their start as the lines go by, so the work grows with the
    number of lines and spans, not with their product.
    """
    spans = sorted(content)
    active: list[tuple[int, int]] = []
    j = 0
    out: list[tuple[int, int]] = []
    for line in sorted(lines, key=lambda ln: ln.start):
        while j < len(spans) and spans[j][0] < line.end:
            active.append(spans[j])
            j += 1
        active = [(s, e) for s, e in active if e > line.start]
        out.extend(_outside(line, active))
    return out


def _outside(line: Line, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of a table line that are not task text: other cells, repeated headers."""
    inside = sorted(
        (max(s, line.start), min(e, line.end))
        for s, e in content
        if s < line.end and e > line.start
    )
    gaps, pos = [], line.start
    for s, e in inside:
        # A row's number stays: "11." ends the previous row's clauses for the relation reader.
        if s > pos and not (pos == line.start and _ROW_NUMBER.match(line.text[: s - pos])):
            gaps.append((pos, s))
        pos = max(pos, e)
    if pos < line.end:
        gaps.append((pos, line.end))
    return gaps


# A footnote mark a PDF export glued to a word or a year: "giai đoạn 2021-20251." is 2025 and
# footnote 1; "Sở Y tế1," is "Sở Y tế" and footnote 1.
def _mark(number: int) -> re.Pattern[str]:
    return re.compile(rf"(?:(?<=[^\W\d_])|(?<=(?<!\d)(?:19|20)\d\d)){number}(?=[\s.,;:)])")


def _page_footnotes(doc, lines, notes, mentions, keys) -> list[tuple[int, tuple[str, ...]]]:
    """(marker offset, keys cited in the footnote) of each page-foot footnote of a PDF export."""
    found: list[tuple[int, tuple[str, ...]]] = []
    blocks: list[tuple[int, list[Line]]] = []
    for i in sorted(notes):
        head = re.match(r"^(\d{1,2})\s", lines[i].folded)
        if head:
            blocks.append((int(head.group(1)), [lines[i]]))
        elif blocks:
            blocks[-1][1].append(lines[i])
    for number, body in blocks:
        start, end = body[0].start, body[-1].end
        cited = tuple(
            dict.fromkeys(k for m, k in zip(mentions, keys, strict=True) if start <= m.start < end)
        )
        if not cited:
            continue
        # The mark stands on the same page, above the footnote: the nearest one before it.
        page_start = max(
            (ln.start for ln in lines if ln.indent == 1 and ln.start < start), default=0
        )
        marks = list(_mark(number).finditer(doc.text, page_start, start))
        if marks:
            found.append((marks[-1].start(), cited))
    return found


def _walk_headings(lines: list[Line], skip: set[int]) -> dict[int, list[_Heading]]:
    """The heading stack in force at each line (the line's own heading not included)."""
    stack: list[_Heading] = []
    at: dict[int, list[_Heading]] = {}
    for i, line in enumerate(lines):
        at[i] = list(stack)
        if i in skip:
            continue
        found = heading_of(line)
        if not found:
            continue
        kind, label = found
        rank = _rank(kind, label)
        if kind == "appendix":
            stack.clear()
        while stack and stack[-1].rank >= rank:
            stack.pop()
        stack.append(_Heading(rank, label, line))
    return at


class _Builder:
    """Collects tasks and normalises their units and leaders across the document."""

    def __init__(self, doc, mentions, keys, owners, key: UnitKey) -> None:
        self.doc = doc
        self.mentions = mentions
        self.keys = keys
        # Mentions by start: the ones inside a task are a slice.
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in order]
        self.sorted_keys = [keys[i] for i in order]
        self.owners = owners
        self.key = key
        self.digest = _digest(doc.text)
        self.rows: list[dict] = []
        self.year: int | None = None  # the document's, for deadlines written without one
        self.content: list[tuple[int, int]] = []  # spans of task text in tables

    def _cites(self, start: int, end: int) -> tuple[str, ...]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return tuple(dict.fromkeys(self.sorted_keys[lo:hi]))

    def _owner(self, start: int) -> str | None:
        inside = [o for o in self.owners if o.start <= start < o.end]
        return inside[-1].key if inside else (self.owners[0].key if self.owners else None)

    def add_table(self, table: Table, sections) -> None:
        stack = sections.get(table.first, [])
        section = ".".join(h.label for h in stack)
        period = None
        if stack:
            period = read_period(_masked_heading(self.doc, stack[-1].line, self.mentions))
        for row in table.rows:
            cells = split_cells(row, table.columns, table.piped)
            if not cells.content:
                continue
            self.content.extend(cells.content)
            start, end = cells.content[0][0], cells.content[-1][1]
            text = _clean_task_text(" ".join(self.doc.text[s:e] for s, e in cells.content))
            self.rows.append(
                {
                    "section": f"{section}.{row.group}"
                    if row.group and section
                    else (row.group or section),
                    "row": row.number,
                    "start": start,
                    "end": end,
                    "text": text,
                    "lead": "\n".join(cells.lead),
                    "coop": "\n".join(cells.coop),
                    "leader": " ".join(cells.leader),
                    "period": read_period(fold(" ".join(cells.period))) or period,
                    "due_text": " ".join(cells.period) or (period or ""),
                    "kind": "table",
                }
            )

    def add_lists(self, lines, sections, notes, in_table) -> None:
        items: list[tuple[int, str]] = []  # (line index, number) of candidate items
        for i, line in enumerate(lines):
            if i in notes or i in in_table:
                continue
            found = heading_of(line)
            if found and found[0] == "arabic" and "." not in found[1]:
                items.append((i, found[1]))
        for group in _item_groups(items, sections):
            self._add_group(group, lines, sections, notes, in_table)

    def _add_group(self, group, lines, sections, notes, in_table) -> None:
        parent = [h for h in sections[group[0][0]] if h.rank < 3]
        if not parent:
            return
        head = parent[-1]
        if not _is_task_list(parent):
            return
        ends = [g[0] for g in group[1:]] + [_group_end(lines, group[-1][0], head.rank, in_table)]
        bodies = []
        for (i, number), stop in zip(group, ends, strict=True):
            body = [
                lines[k]
                for k in range(i, stop)
                if k not in notes and k not in in_table and not is_page_number(lines[k])
            ]
            if COUNT_HEADING.search(body[0].folded):
                return  # "Gồm 71 nhiệm vụ": a list of headings, not of tasks
            bodies.append((number, body))
        section = ".".join(h.label for h in parent)
        period = read_period(_masked_heading(self.doc, head.line, self.mentions))
        for number, body in bodies:
            first = body[0]
            m = _ITEM_NUMBER.match(first.text)
            start = first.start + (m.end() if m else 0)
            end = body[-1].end
            raw = self.doc.text[start:end]
            fields = _inline_fields(raw)
            text = _clean_task_text(raw[: fields.pop("_cut")] if "_cut" in fields else raw)
            self.rows.append(
                {
                    "section": section,
                    "row": number,
                    "start": start,
                    "end": end,
                    "text": text,
                    "lead": fields.get("lead", ""),
                    "coop": fields.get("coop", ""),
                    "leader": fields.get("leader", ""),
                    "period": read_period(fold(fields.get("period", ""))) or period,
                    "due_text": fields.get("period", "") or (period or ""),
                    "kind": "list",
                }
            )

    def add_assignments(self, found: list[dict], year: int | None) -> None:
        """Merge tasks read from running text with those of tables and lists.

        A table row or list item wins over what lies inside it, unless the list item lost
        (see `_list_item_stands`); a running-text task restated in a table is the table row.
        """
        self.year = year
        # A programme often lists its tasks in the text and again, with lead unit and
        # deadline, in an appended table: the table row is the task.
        tabled = {_opening(r["text"]) for r in self.rows if r["kind"] == "table"}
        kept = [r for r in self.rows if r["kind"] != "list" or _list_item_stands(r, found, tabled)]
        added = []
        for f in found:
            if any(
                r["start"] <= f["start"] < r["end"] or f["start"] <= r["start"] < f["end"]
                for r in kept
            ):
                continue
            if not f["lead"] and _opening(f["text"]) in tabled:
                continue
            # The due date reads the deadline as written: the normalised period keeps only
            # its month of "trước ngày 19 tháng 12 năm 2025".
            f["due_text"] = f["period"]
            f["period"] = read_period(fold(f["period"])) or (f["period"] or None)
            added.append(f)
        self.rows = sorted(kept + added, key=lambda r: r["start"])

    def finish(self, footnotes: list[tuple[int, tuple[str, ...]]] = ()) -> list[Task]:
        known = set(self.key.short_to_full)
        for r in self.rows:
            r["lead_units"] = [normalize_unit(u, self.key) for u in split_units(r["lead"])]
            r["coop_units"] = [normalize_unit(u, self.key) for u in split_units(r["coop"])]
            known.update(r["lead_units"] + r["coop_units"])
        leaders = [read_leader(r["leader"]) for r in self.rows]
        full_names = {str(ld) for ld in leaders if ld and ld.name}
        tasks: list[Task] = []
        seen: dict[str, int] = {}
        footnotes = sorted(footnotes)
        noted_at = [at for at, _ks in footnotes]
        for r, leader in zip(self.rows, leaders, strict=True):
            lead = [complete_unit(u, known, self.key) for u in r["lead_units"]]
            coop = [complete_unit(u, known, self.key) for u in r["coop_units"]]
            # Only a cut name is completed ("PGĐ Sở Phan Văn"); a bare title stays as it is.
            directing = (
                _complete_leader(str(leader), full_names)
                if leader and leader.name
                else (str(leader) if leader else None)
            )
            title, name = _split_leader(directing, leader)
            base = f"{self.digest}:{r['section']}:{r['row']}"
            # The same section and row again (a table restated): a prime, two, three, then
            # a count, so that a file of many repeats stays linear.
            again = seen[base] = seen.get(base, -1) + 1
            task_id = base + ("'" * again if again <= 3 else f"'{again}")
            tasks.append(
                Task(
                    id=task_id,
                    file=self.doc.path,
                    section=r["section"],
                    row=r["row"],
                    start=r["start"],
                    end=r["end"],
                    text=r["text"],
                    lead_unit=lead[0] if lead else None,
                    lead_units=tuple(lead),
                    coop_units=tuple(coop),
                    directing_leader=directing,
                    leader_title=title,
                    leader_name=name,
                    period=r["period"],
                    cites=tuple(
                        dict.fromkeys(
                            self._cites(r["start"], r["end"])
                            + tuple(
                                k
                                for _at, ks in footnotes[
                                    bisect.bisect_left(noted_at, r["start"]) : bisect.bisect_left(
                                        noted_at, r["end"]
                                    )
                                ]
                                for k in ks
                            )
                        )
                    ),
                    owner=self._owner(r["start"]),
                    due=due.end
                    if (due := read_due(r["due_text"] or r["period"], self.year))
                    else None,
                    due_start=due.start if due else None,
                    kind=r["kind"],
                )
            )
        return sorted(tasks, key=lambda t: t.start)


def _is_task_list(parents: list[_Heading]) -> bool:
    """Tell whether items under these headings are tasks.

    They are when a heading above names tasks ("II. NHIỆM VỤ TRỌNG TÂM", even through a
    sub-heading "1. Lĩnh vực ...") and none nearer says otherwise ("Tổ chức thực hiện").
    """
    for heading in reversed(parents):
        folded = heading.line.folded
        # The running-text reader's descriptive and procedure sections describe here too.
        if (
            _NOT_TASK_HEADINGS.search(folded)
            or DESCRIPTIVE.match(folded)
            or PROCEDURE.search(folded)
        ):
            return False
        if _TASK_HEADINGS.search(folded):
            return True
    return False


def _split_leader(directing: str | None, leader) -> tuple[str | None, str | None]:
    if not directing or leader is None:
        return None, None
    name = directing[len(leader.title) :].strip() or None
    return leader.title, name


def _complete_leader(leader: str, full_names: set[str]) -> str:
    """Complete a leader cut by a page break ("PGĐ Sở Phan Văn") from the document's others."""
    folded = fold(leader)
    longer = {n for n in full_names if fold(n).startswith(folded + " ")}
    return longer.pop() if len(longer) == 1 else leader


def _item_groups(items: list[tuple[int, str]], sections) -> list[list[tuple[int, str]]]:
    """Runs of items numbered 1, 2, 3 ... under one parent heading."""
    groups: list[list[tuple[int, str]]] = []
    for i, number in items:
        parent = _parent(sections, i)
        if (
            groups
            and int(number) == int(groups[-1][-1][1]) + 1
            and _parent(sections, groups[-1][0][0]) == parent
        ):
            groups[-1].append((i, number))
        elif number == "1":
            groups.append([(i, number)])
    return groups


def _parent(sections, i: int):
    """The heading an item stands under: the nearest one above the items' own level."""
    above = [h for h in sections[i] if h.rank < 3]
    return above[-1].line.start if above else None


def _group_end(lines: list[Line], i: int, parent_rank: int, in_table: set[int]) -> int:
    """Where the last item of a list ends: the next heading at its parent's level or above."""
    for k in range(i + 1, len(lines)):
        if k in in_table:
            return k
        found = heading_of(lines[k])
        if found and _rank(*found) <= parent_rank:
            return k
        if lines[k].folded_stripped.startswith(("noi nhan", "tm.", "kt.")):
            return k
    return len(lines)


def _inline_fields(raw: str) -> dict:
    """Read "Cơ quan chủ trì: ...; Cơ quan phối hợp: ...; Thời gian: ..." inside an item."""
    folded = fold(raw)
    found: dict = {}
    marks = list(_INLINE_FIELD.finditer(folded))
    for n, m in enumerate(marks):
        stop = marks[n + 1].start() if n + 1 < len(marks) else len(raw)
        value = raw[m.end() : stop].strip(" ;.-\n")
        value = re.split(r"\n\s*\n", value)[0]
        name = m.group("field")
        kind = (
            "lead"
            if "chu tri" in name
            else "coop"
            if "phoi hop" in name
            else "leader"
            if "chi dao" in name
            else "period"
        )
        found.setdefault(kind, value)
        found.setdefault("_cut", _line_start(raw, m.start()))
    return found


def _line_start(raw: str, at: int) -> int:
    """Cut the item's text before its fields, at the start of the line or bullet they are on."""
    prev = raw.rfind("\n", 0, at)
    bullet = raw.rfind("- ", prev + 1, at)
    return bullet if bullet > prev else (prev if prev > 0 else at)
