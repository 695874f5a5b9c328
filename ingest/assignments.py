"""Tasks assigned in running text: items with assignment lines, per unit, or in sentences.

Real plans, decisions, directives and conclusion notices assign work in prose as often as in
tables:

- an item of a "Nhiệm vụ, giải pháp" section followed by assignment lines ("- Cơ quan chủ trì:
  Sở Nội vụ", "- Cơ quan phối hợp: …", "- Thời gian thực hiện: Quý IV/2025"), sometimes
  several "Nội dung thực hiện: …" blocks under one item (one task each);
- per-unit assignments in "Tổ chức thực hiện": "1. Sở Công Thương:" then its bullets, or
  "2. Sở Y tế: chủ trì …" on one line; each bullet (or the line) is a task of that unit;
- sentences: "Giao Sở Y tế chủ trì, phối hợp với …", "Bộ Xây dựng khẩn trương …", "Đề nghị Ủy
  ban Mặt trận Tổ quốc …";
- in a section that names nhiệm vụ or giải pháp, the lowest numbered items that state work,
  with no unit named.

Descriptions are not tasks: sections on purpose, requirements, targets, the situation and
results (Mục đích, Yêu cầu, Mục tiêu, Tình hình, Kết quả …), the preamble and the execution
article of a decision ("… chịu trách nhiệm thi hành Quyết định này").

The reader works on the lines the format readers give (one paragraph or list item per line)
and returns rows in the shape `ingest.tasks` builds tasks from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ingest.blocks import LETTER_LEVEL, numbering_of
from ingest.layout import Line
from ingest.text import fold
from ingest.vocabulary import load_vocabulary

# Folded heading words (ingest/data/vocabulary.yaml): sections that assign work, sections
# whose items are tasks, sections that describe, sections on administrative procedures (how
# a procedure runs: no work given), and a normative text's implementation article.
_WORDS = load_vocabulary()
_TASK_ZONE = re.compile(_WORDS.heading_pattern("assigning"))
_ITEM_ZONE = re.compile(_WORDS.heading_pattern("items"))
DESCRIPTIVE = re.compile(rf"^(?:\S+\s+)?(?:{_WORDS.heading_pattern('descriptive')})")
PROCEDURE = re.compile(_WORDS.heading_pattern("procedure"))
_IMPLEMENTATION = re.compile(_WORDS.heading_pattern("implementation"))
# "1. Những nội dung hoàn thành trong Quý I: Gồm 71 nhiệm vụ" heads a list by its count.
COUNT_HEADING = re.compile(r"g[a-z]m\s*\d+")
# An article on standing duties: "Điều 7. Trách nhiệm của Sở X", "Trách nhiệm thi hành".
_DUTIES = re.compile(r"^(?:\S+\s+)?(?:trach nhiem|nhiem vu,? quyen han|chuc nang)")

# Assignment lines inside an item (folded): lead, partners, period, content, product.
_FIELD = re.compile(
    r"^(?:[-–•+*]\s*)?(?P<name>(?:co quan|don vi|bo phan|to chuc)\s*(?:chu tri|thuc hien|"
    r"tham muu|dau moi|chiu trach nhiem)(?:\s+(?:thuc hien|tham muu|chu tri))?|"
    r"chu tri(?:\s+thuc hien)?|"
    r"(?:co quan|don vi)?\s*phoi hop(?:\s+thuc hien)?|"
    r"thoi gian(?:\s+(?:hoan thanh|thuc hien|trien khai))?|thoi han(?:\s+hoan thanh)?|"
    r"tien do(?:\s+thuc hien)?|noi dung(?:\s+(?:thuc hien|cong viec|nhiem vu))?|"
    r"san pham(?:\s+(?:du kien|dau ra))?|ket qua(?:\s+du kien)?|kinh phi(?:\s+thuc hien)?|"
    r"nguon kinh phi|lanh dao chi dao)\s*(?:\([^)]{0,30}\))?\s*:\s*"
)

# Words that open a unit's name, as written (a capital first letter is required).
_UNIT_HEAD = re.compile(
    r"^(?!Trường hợp|Hội nghị|Hội thảo|Ban hành|Báo cáo|Thành phố (?:có|là|đã))"
    # "Các tỉnh Nghệ An, Quảng Ngãi …", "Các doanh nghiệp viễn thông …".
    r"(?:[Cc]ác\s+(?:tỉnh|thành phố|huyện|xã|phường|doanh nghiệp|tổ chức|hội|trường)\b|"
    r"(?:các\s+|Các\s+)?(?:Sở|Bộ|Ban|Ủy ban|Uỷ ban|UBND|UB|Văn phòng|Công an|Bộ Chỉ huy|"
    r"Bộ đội|Thanh tra|Trung tâm|Ngân hàng|Kho bạc|Bảo hiểm|Cục|Chi cục|Tổng cục|Vụ|"
    r"Viện|Trường|Học viện|Đại học|Hội|Liên đoàn|Liên minh|Tỉnh đoàn|Thành đoàn|Đoàn|"
    r"Mặt trận|Đài|Báo|Công ty|Tổng công ty|Tập đoàn|Thủ trưởng|Giám đốc|Chủ tịch|"
    r"Người đứng đầu|Thường trực|Đảng ủy|Đảng uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|"
    r"Huyện ủy|Chi bộ|Hội đồng|Quân khu|Bộ Tư lệnh|Cảng vụ|Ngành|Cơ quan|Đơn vị|"
    r"Địa phương|Chính quyền|Lực lượng|Tổ công tác|Ban Chỉ đạo|Ban Quản lý|Tòa án|"
    r"Viện kiểm sát|Hải quan|Thuế|Quỹ|Hiệp hội|Tỉnh|Thành phố|Xã|Phường|Phòng(?=\s+[A-ZĐ])|"
    r"sở|bộ|các bộ|các sở|các cơ quan|các đơn vị|các địa phương|các tỉnh|các ngành|"
    r"cơ quan|đơn vị|địa phương)\b)"
)
# Where a unit's name ends in a sentence: the verb of the work it is given.
_UNIT_VERB = re.compile(
    # "các tổ chức chính trị - xã hội" names units; "tổ chức" after "các" is not the verb.
    r"(?<!các)(?<!Các)(?<!những)(?<!Những)\s+"
    r"(?=(?:chủ trì|chịu trách nhiệm|có trách nhiệm|khẩn trương|tiếp tục|phối hợp|"
    r"thực hiện|tổ chức|chỉ đạo|theo dõi|hướng dẫn|xây dựng|nghiên cứu|rà soát|tham mưu|"
    r"triển khai|căn cứ|quan tâm|bố trí|đẩy mạnh|tăng cường|kiểm tra|ban hành|tập trung|"
    r"báo cáo|cung cấp|nâng cao|đảm bảo|bảo đảm|hoàn thành|hoàn thiện|chủ động|trình|"
    r"cân đối|phân bổ|thẩm định|giám sát|đôn đốc|là cơ quan|làm đầu mối|được giao|"
    r"hỗ trợ|đẩy nhanh|thúc đẩy|tổng hợp|thống kê|chuẩn bị|tiến hành|giải quyết|xử lý|"
    r"khắc phục|ứng phó|tiếp nhận|phổ biến|tập huấn|lập|gửi|điều chỉnh|bổ sung|"
    r"phát động|vận hành|quản lý|duy trì|chịu|xuất cấp|trực tiếp|thừa ủy quyền|thay mặt|"
    r"cấu hình|công khai|niêm yết|công bố|đăng tải|thiết lập|số hóa|tích hợp|kết nối|"
    r"chia sẻ|lựa chọn|mua sắm|sắp xếp|kiện toàn|thành lập|phân công|thông tin|trả lời|"
    r"thường xuyên|sớm|kịp thời|khẩn cấp|cập nhật|huy động|vận động|tuyên truyền|"
    r"lãnh đạo|quán triệt|ưu tiên|xem xét|đề xuất|nắm bắt|theo chức năng|trong phạm vi|"
    r"phải|cần|nghiêm túc|quyết liệt|tích cực|là|có chức năng|có nhiệm vụ)\b)"
)
_ASSIGN_WORD = re.compile(r"^(?:Giao\s+cho|Giao|Đề nghị|Yêu cầu|Ủy quyền)\s+(?:đồng chí\s+)?")
_EXECUTION_BOILERPLATE = re.compile(
    r"chiu trach nhiem thi hanh|thi hanh (?:quyet dinh|nghi quyet|chi thi) nay|"
    r"chiu trach nhiem (?:to chuc )?thuc hien quyet dinh nay|hieu luc (?:thi hanh )?(?:ke )?tu|"
    # A letter's closing formula: "Văn phòng Chính phủ thông báo để Bộ X biết, thực hiện",
    # "Cục Hải quan trả lời để Công ty biết": the work was given in the sentences before.
    r"\b(?:thong bao|tra loi|huong dan)\s+(?:de|cho)\s+[^.;]{3,200}?\bbiet\b"
)
_ENACTING = re.compile(r"^(?:quyet dinh|quyet nghi|nghi quyet|ket luan)\s*:\s*$")
# Since 2025 a normative decision's preamble ends with a formula, not "QUYẾT ĐỊNH:":
# "Ủy ban nhân dân tỉnh ban hành Quyết định Quy định …", "Hội đồng nhân dân ban hành Nghị
# quyết …".
_ENACTING_FORMULA = re.compile(
    r"^(?:\S+\s+){1,10}?ban hanh\s+(?:quyet dinh|nghi quyet|thong tu|nghi dinh|quy che|quy dinh)"
)
_FIRST_ITEM = re.compile(r"^(?:Điều\s+\d|[IVX]{1,5}\.\s|\d{1,2}\.\s|Chương\s)")
# Where a body ends: the closing formula ("Trên đây là Kế hoạch …"), the recipients, the
# signature's capacity line.
_END_OF_BODY = re.compile(r"^(?:noi nhan|tm\.|kt\.|t/m|q\.|tl\.|tren day la\b)")
_TITLE_TYPES = re.compile(
    r"^(?:ke hoach|quyet dinh|nghi quyet|chi thi|thong bao|ket luan|chuong trinh|cong dien|"
    r"quy dinh|quy che|de an|huong dan|cong van|to trinh|bao cao)\b"
)


@dataclass(frozen=True, slots=True)
class _Item:
    rank: float  # 9.0 for a paragraph without a marker
    label: str
    body_start: int  # offset of the text after the marker
    text: str  # the text after the marker


# Ranks of items, outermost first: "Chương" -1, "I." 0, "Điều" 0.5, "1." 1 (+1 a level),
# "a)" 3, "(1)" 4, "-" 5, "+" 6; a paragraph without a marker 9.
_LETTER_RANK = LETTER_LEVEL
_PARAGRAPH = 9.0


def read_assignments(
    lines: list[Line],
    year: int | None,
    skip: set[int],
    normative: bool = False,
    title_end: int = 0,
    until: int | None = None,
) -> list[dict]:
    """Find tasks assigned in running text.

    Args:
        lines: The document's lines (one paragraph or item per line for formats read by blocks).
        year: The document's year (for deadlines written without one).
        skip: Indexes of lines to leave alone (tables, footnotes).
        normative: The document is a legal normative one (its số hiệu carries its year):
            its articles on a unit's "Trách nhiệm" are standing duties, not tasks.
        title_end: Where the letterhead reader found the document's title to end (0 when it
            found none): the body starts after it, not at a title word further down.
        until: Where the document ends (the next own document starts), if before the end.

    Returns:
        Rows with section, row, start, end, text, lead, coop, period, kind.
    """
    items: list[_Item] = []
    for i in _body_lines(lines, title_end, until):
        if i in skip or " | " in lines[i].text:
            continue
        line = lines[i]
        found = numbering_of(line.stripped)
        if found:
            items.append(
                _Item(
                    found.level,
                    found.label,
                    line.start + line.indent + found.length,
                    line.stripped[found.length :],
                )
            )
        else:
            items.append(_Item(_PARAGRAPH, "", line.start + line.indent, line.stripped))
    return _Reader(items, normative).read()


def _body_lines(lines: list[Line], title_end: int = 0, until: int | None = None) -> list[int]:
    """The lines of a document's body.

    From its title to its signature ("Nơi nhận", capacity lines), then any appendix of tasks
    after the signature.
    """
    stop = len(lines)
    if until is not None:
        stop = next((i for i, ln in enumerate(lines) if ln.start >= until), len(lines))
    first = 0
    if title_end:
        first = next((i for i, ln in enumerate(lines) if ln.start >= title_end), len(lines))
    else:
        for i, line in enumerate(lines[:80]):
            if _TITLE_TYPES.match(line.folded_stripped.lower()) and line.stripped[:4].isupper():
                first = i + 1
                break
    # A decision's or resolution's preamble ends at its enacting word ("QUYẾT ĐỊNH:"); what
    # stands before it (bases, "Ủy ban nhân dân tỉnh ban hành Quyết định …") assigns nothing.
    for i in range(first, min(stop, first + 80)):
        folded = lines[i].folded_stripped.lower()
        if _ENACTING.match(folded) or _ENACTING_FORMULA.match(folded):
            first = i + 1
            break
        if _FIRST_ITEM.match(lines[i].stripped):
            break  # the body has begun: a formula is looked for in the preamble only
    for i in range(first, stop):
        if not _END_OF_BODY.match(lines[i].folded_stripped.lower()):
            continue
        # An appendix after the signature carries tasks too: read on from its title, not
        # the recipients and signature before it; an appendix of administrative procedures
        # (their steps and forms) assigns nothing.
        for j in range(i + 1, stop):
            if lines[j].folded_stripped.lower().startswith("phu luc"):
                heading = " ".join(ln.folded_stripped.lower() for ln in lines[j : j + 3])
                if not PROCEDURE.search(heading):
                    return [*range(first, i), *range(j, stop)]
                break
        return list(range(first, i))
    return list(range(first, stop))


class _Reader:
    def __init__(self, items: list[_Item], normative: bool) -> None:
        self.normative = normative
        self.items = items
        self.rows: list[dict] = []
        # The unit a paragraph gives the numbered items below it ("Trung tâm X thực hiện
        # nhiệm vụ, quyền hạn …, cụ thể như sau:" over "1.", "2."): the lead of the tasks
        # there that name none, until the next heading of its level.
        self.lead_in_unit = ""

    def read(self) -> list[dict]:
        stack: list[_Item] = []
        consumed: set[int] = set()
        lead_in: _Item | None = None
        unit_level: float | None = None
        for k, item in enumerate(self.items):
            if item.rank < _PARAGRAPH:
                while stack and stack[-1].rank >= item.rank:
                    stack.pop()
                if lead_in is not None and item.rank < lead_in.rank:
                    lead_in = None  # a heading above the list it introduced
                if unit_level is not None and item.rank <= unit_level:
                    unit_level, self.lead_in_unit = None, ""
            elif (unit := self._introduced_unit(k)) is not None:
                unit_level = stack[-1].rank if stack else -2.0
                self.lead_in_unit = unit
            if item.rank >= _PARAGRAPH and item.text.rstrip().endswith(":") and self._opens_list(k):
                # "… tập trung thực hiện các nhiệm vụ trọng tâm, cụ thể như sau:" then "1.",
                # "2.": the paragraph heads the list as a heading would.
                following = self.items[k + 1]
                # Its end says what the list is ("… các nhiệm vụ trọng tâm, cụ thể như sau:").
                lead_in = replace(item, rank=following.rank - 0.5, text=item.text[-80:])
            context = [lead_in, *stack] if lead_in is not None and not stack else stack
            if k not in consumed:
                consumed.update(self._read_item(context, k))
            if item.rank < _PARAGRAPH:
                stack.append(item)
        return self.rows

    def _introduced_unit(self, k: int) -> str | None:
        """The unit of paragraph k when it introduces numbered items ("…, cụ thể như sau:")."""
        item, following = self.items[k], self.items[k + 1 : k + 2]
        if item.rank < _PARAGRAPH or not item.text.rstrip().endswith(":"):
            return None
        if not following or not 1.0 <= following[0].rank < _LETTER_RANK:
            return None
        return _sentence_unit(item.text) or _asked_unit(item.text)

    def _opens_list(self, k: int) -> bool:
        """Whether paragraph k introduces a list of tasks (it names them, then "1.")."""
        following = self.items[k + 1 : k + 2]
        if not following or not 1.0 <= following[0].rank < _LETTER_RANK:
            return False
        folded = fold(self.items[k].text).lower()
        return bool(_ITEM_ZONE.search(folded)) and not DESCRIPTIVE.match(folded)

    def _read_item(self, stack: list[_Item], k: int) -> list[int]:
        """Add the tasks item k gives; return the later items it took with it."""
        item = self.items[k]
        zone = _zone(stack)
        if zone == "descriptive":
            return []
        # A normative text (or a regulation it carries) states rules; it gives work only in
        # its implementation or responsibilities articles, or in so many words ("Giao …").
        if (
            self.normative
            and zone != "duties"
            and not _ASSIGN_WORD.match(item.text)
            and len(_assigning_sentences(item.text)) < 2
        ):
            return []
        fields_end = self._fields_after(k)
        if fields_end > k + 1 or _FIELD.match(fold(item.text).lower()):
            self._add_fields(stack, k, fields_end)
            return list(range(k + 1, fields_end))
        if (unit := _unit_colon(item.text)) is not None:
            name, rest = unit
            # "2. Các sở, ngành: Là các đơn vị …, chịu trách nhiệm các nội dung sau:" only
            # introduces the unit's tasks.
            if rest and len(rest.split()) >= 3 and not rest.rstrip().endswith(":"):
                start = item.body_start + len(item.text) - len(rest)
                self._add(stack, item, start, rest, name, "unit")
            return self._add_children(stack, k, name)
        topic = _TOPIC.match(item.text)
        if topic and len(item.text) > topic.end():
            # "1. Về hỗ trợ kinh phí …: Giao Bộ Tài chính chủ trì …": the work follows its topic.
            item = replace(
                item, body_start=item.body_start + topic.end(), text=item.text[topic.end() :]
            )
        segments = _assigning_sentences(item.text)
        if len(segments) > 1 and not item.text.rstrip().endswith(":"):
            # "Quyết định này có hiệu lực … . Giao Sở X chủ trì …": each sentence that
            # gives work to a unit is a task of its own.
            for offset, sentence in segments:
                name = _sentence_unit(sentence)
                if name and not _EXECUTION_BOILERPLATE.search(fold(sentence).lower()):
                    self._add(stack, item, item.body_start + offset, sentence, name, "sentence")
            return []
        if (name := _sentence_unit(item.text) or _asked_unit(item.text)) is not None:
            rest = item.text[item.text.find(name) + len(name) :]
            if item.text.rstrip().endswith(":") or (
                self._has_children(k) and len(rest.split()) <= 4
            ):
                # "11. Các đơn vị cấp nước sạch … có trách nhiệm" over a), b): its items.
                # "Các Sở, ngành chủ trì … thực hiện:" then its bullets, as per unit.
                return self._add_children(stack, k, name)
            if not _EXECUTION_BOILERPLATE.search(fold(item.text).lower()):
                self._add(stack, item, item.body_start, item.text, name, "sentence")
            return []
        if self._has_children(k) and (
            (name := _addressed_unit(item.text)) is not None
            or (name := _bare_unit(item.text)) is not None
        ):
            # "12. Đề nghị Ủy ban Mặt trận Tổ quốc … và các tổ chức chính trị - xã hội" over
            # its lettered items: each item is the addressed unit's task.
            return self._add_children(stack, k, name)
        following = self.items[k + 1 : k + 2]
        if (
            following
            and following[0].rank >= _PARAGRAPH
            and item.rank < _PARAGRAPH
            and (name := _addressed_unit(item.text) or _bare_unit(item.text)) is not None
        ):
            # "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố" over unmarked paragraphs.
            taken = []
            for j in range(k + 1, len(self.items)):
                if self.items[j].rank < _PARAGRAPH:
                    break
                taken.append(j)
                child = self.items[j]
                self._add([*stack, item], child, child.body_start, child.text, name, "unit")
            return taken
        if (
            # In a section of tasks, or under a paragraph that names the unit doing them.
            (zone == "items" or self.lead_in_unit)
            and not self.normative  # a normative text's items are its rules
            and 1.0 <= item.rank < _PARAGRAPH
            and not self._has_children(k)
            and _is_work(item.text)
            and not COUNT_HEADING.search(fold(item.text))
        ):
            self._add(stack, item, item.body_start, item.text, None, "item")
        return []

    def _add_children(self, stack: list[_Item], k: int, unit: str) -> list[int]:
        """Each first-level item under a unit is its task, unless it names its own unit."""
        children = self._children(k)
        taken = list(children)
        for c in children:
            child = self.items[c]
            deadline = _DEADLINE_LINE.match(fold(child.text).lower())
            if deadline and self.rows and self.rows[-1]["start"] >= self.items[k].body_start:
                # "Thời hạn chậm nhất 05 ngày làm việc …" under the work it bounds.
                if not self.rows[-1]["period"]:
                    self.rows[-1]["period"] = child.text.strip().rstrip(".")
                continue
            colon = _unit_colon(child.text)
            bare = _bare_unit(child.text)
            own = _sentence_unit(child.text) or (colon[0] if colon else None)
            if _is_subheading(child.text) and DESCRIPTIVE.match(fold(child.text).lower()):
                continue  # "1. Mục đích" under a unit describes; it assigns nothing
            if not self._has_children(c) and bare and not own:
                continue  # "h) Các đơn vị khác" over unmarked text: a name, no work
            own = own or (bare if self._has_children(c) else None)
            if self._has_children(c) and (
                child.text.rstrip().endswith(":") or _is_subheading(child.text) or bare
            ):
                # "a) Bộ Tài chính chủ trì, phối hợp với …:" over its bullets, or "2.1. Trách
                # nhiệm chung" over its items: the items below are the tasks, of the unit the
                # item names or of the unit above.
                taken += self._add_children([*stack, self.items[k]], c, own or unit)
                continue
            self._add(
                [*stack, self.items[k]], child, child.body_start, child.text, own or unit, "unit"
            )
        return taken

    def _fields_after(self, k: int) -> int:
        j = k + 1
        while j < len(self.items) and _FIELD.match(fold(self.items[j].text).lower()):
            j += 1
        return j

    def _children(self, k: int) -> list[int]:
        rank = self.items[k].rank
        if rank >= _PARAGRAPH:
            return self._paragraph_children(k)
        out = []
        for j in range(k + 1, len(self.items)):
            item = self.items[j]
            if item.rank <= rank:
                break
            out.append(j)
        # Only the children of the first level under the unit are its tasks.
        if out:
            top = min(self.items[j].rank for j in out)
            out = [j for j in out if self.items[j].rank == top]
        elif self.items[k].text.rstrip().endswith(":"):
            # "9. Báo …, Sở Văn hóa, Thể thao và Du lịch …:" then paragraphs without markers.
            for j in range(k + 1, len(self.items)):
                if self.items[j].rank < _PARAGRAPH:
                    break
                out.append(j)
        return out

    def _paragraph_children(self, k: int) -> list[int]:
        """The items a paragraph ending in ":" introduces: "Bộ Tài chính chỉ đạo …:" a), b)."""
        if not self.items[k].text.rstrip().endswith(":"):
            return []
        out: list[int] = []
        top = None
        for j in range(k + 1, len(self.items)):
            rank = self.items[j].rank
            # Lettered items and bullets, not the document's own sections ("I.", "1.").
            if rank >= _PARAGRAPH or rank < _LETTER_RANK or (top is not None and rank < top):
                break
            top = rank if top is None else top
            if rank == top:
                out.append(j)
        return out

    def _has_children(self, k: int) -> bool:
        following = self.items[k + 1 : k + 2]
        if not following:
            return False
        if self.items[k].rank < following[0].rank < _PARAGRAPH:
            return True
        item = self.items[k]
        if item.rank < _PARAGRAPH <= following[0].rank and item.text.rstrip().endswith(":"):
            # "1. Sở X chủ trì, phối hợp với …:" over the paragraphs that say the work.
            return True
        # "1.4. Bảo đảm an sinh xã hội" over "Bộ Tài chính chỉ đạo …:" and its items.
        return following[0].rank >= _PARAGRAPH and bool(self._paragraph_children(k + 1))

    def _add_fields(self, stack: list[_Item], k: int, end: int) -> None:
        item = self.items[k]
        blocks: list[dict] = []
        current: dict = {}
        for j in range(k, end):
            raw = self.items[j].text
            m = _FIELD.match(fold(raw).lower())
            if not m:
                continue
            name = m.group("name")
            after = raw[m.end() :]
            value = after.strip(" ;.")
            kind = _field_kind(name)
            if kind == "content" and current.get("content"):
                blocks.append(current)
                current = {}
            if kind and kind not in current:
                # Where the value starts in the text: after the field name and what strip took.
                at = self.items[j].body_start + m.end() + len(after) - len(after.lstrip(" ;."))
                current[kind] = (value, at)
        blocks.append(current)
        heading_is_field = bool(_FIELD.match(fold(item.text).lower()))
        for block in blocks:
            if "content" in block:
                text, start = block["content"]
            elif heading_is_field:
                continue
            else:
                start, text = item.body_start, item.text
            if "lead" not in block and "content" not in block and "period" not in block:
                continue
            self.rows.append(
                self._row(
                    stack,
                    item,
                    start,
                    text,
                    block.get("lead", ("", None))[0],
                    "fields",
                    coop=block.get("coop", ("", None))[0],
                    period=block.get("period", ("", None))[0],
                )
            )

    def _add(self, stack, item: _Item, start: int, text: str, lead, kind: str) -> None:
        self.rows.append(self._row(stack, item, start, text, lead or "", kind))

    def _row(
        self,
        stack,
        item: _Item,
        start: int,
        text: str,
        lead: str,
        kind: str,
        coop: str = "",
        period: str = "",
    ) -> dict:
        text = text.strip()
        lead = lead or self.lead_in_unit
        section = ".".join(h.label for h in stack if h.rank < 5.0 and h.label)
        return {
            "section": section,
            "row": item.label or "",
            "start": start,
            "end": start + len(text),
            "text": text,
            "lead": lead,
            "coop": coop or _partners(text),
            "leader": "",
            "period": period or _deadline_phrase(text),
            "kind": kind,
        }


def _zone(stack: list[_Item]) -> str:
    """What the headings above an item make of it.

    Returns:
        "descriptive" (purposes, results, an administrative procedure's steps), "duties"
        (a "Trách nhiệm …" or "Tổ chức thực hiện" article), "items" (nhiệm vụ, giải pháp)
        or "any".
    """
    for heading in reversed(stack):
        folded = fold(heading.text).lower()
        head = folded[:80]
        if DESCRIPTIVE.match(head) or PROCEDURE.search(head):
            return "descriptive"
        if _IMPLEMENTATION.search(head) and heading.rank <= 1.0:
            return "duties"
        if _DUTIES.match(head):
            return "duties"
        if _ITEM_ZONE.search(head) and heading.rank <= 1.0:
            return "items"
        if _TASK_ZONE.search(head) and heading.rank <= 1.0:
            return "any"
    return "any"


def _field_kind(name: str) -> str | None:
    if "phoi hop" in name:
        return "coop"
    if name.startswith(("thoi gian", "thoi han", "tien do")):
        return "period"
    if name.startswith("noi dung"):
        return "content"
    if name.startswith(("san pham", "ket qua", "kinh phi", "nguon kinh phi", "lanh dao")):
        return "other"
    return "lead"


def _unit_colon(text: str) -> tuple[str, str] | None:
    """Split "Sở Công Thương: chủ trì …" into ("Sở Công Thương", "chủ trì …")."""
    stripped = _ASSIGN_WORD.sub("", text)
    colon = stripped.find(":")
    if colon <= 0 or colon > 320:
        return None
    name = stripped[:colon].strip()
    bare = re.sub(r"\([^)]*\)", "", name)
    if not _UNIT_HEAD.match(name) or len(bare.split()) > 32:
        return None
    if _FIELD.match(fold(text).lower()):
        return None
    # "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:" — the unit is the one before the verb.
    return _sentence_unit(name) or name, stripped[colon + 1 :].strip()


def _sentence_unit(text: str) -> str | None:
    """The unit a sentence gives work to: "Giao Sở Y tế chủ trì, …" → "Sở Y tế"."""
    assigned = _ASSIGN_WORD.match(text)
    rest = text[assigned.end() :] if assigned else text
    if not _UNIT_HEAD.match(rest):
        return None
    if not assigned and not rest[:1].isupper():
        return None
    m = _UNIT_VERB.search(rest[:320])
    if not m:
        return None
    name = rest[: m.start()].strip(" ,;")
    if not name or len(name.split()) > 30:
        return None
    # "Sở Giáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị nghiêm túc thực hiện": the
    # sender asks, the work is the unit's it asks.
    asked = _ASKS.search(name)
    if asked and _UNIT_HEAD.match(name[asked.end() :]):
        return name[asked.end() :].strip(" ,;")
    return name


# "… đề nghị" or "… yêu cầu" inside a sentence, before the unit asked.
_ASKS = re.compile(r"\s(?:đề nghị|yêu cầu)\s+(?:đồng chí\s+)?")


def _asked_unit(text: str) -> str | None:
    """The unit a sentence that opens with its purpose asks to work.

    "Nhằm đảm bảo sức khỏe cho học sinh, Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường
    thực hiện …" → "UBND các xã, phường".
    """
    for asked in _ASKS.finditer(text[:400]):
        before = text[: asked.start()]
        # The sender stands just before the request, after the purpose's comma.
        sender = before[before.rfind(",") + 1 :].strip()
        if not _UNIT_HEAD.match(sender):
            continue
        name = _sentence_unit(text[asked.end() :])
        if name:
            return name
    return None


# A paragraph that only bounds the work above it in time (folded).
_DEADLINE_LINE = re.compile(r"^(?:thoi han|thoi gian (?:hoan thanh|thuc hien))\b(?!\s*:)")

# A topic before the work of a conclusion's item: "Về hỗ trợ 20 xe ô tô chuyên dùng: …".
_TOPIC = re.compile(r"^Về\s[^:]{3,200}:\s*(?=[A-ZĐ])")
# A later sentence of a paragraph that gives work: "… kể từ ngày ký. Giao Sở Tài chính …".
_NEXT_ASSIGNMENT = re.compile(r"(?<=[.;])\s+(?=(?:Giao\s+cho|Giao|Đề nghị|Yêu cầu)\s+\S)")


def _assigning_sentences(text: str) -> list[tuple[int, str]]:
    """Split a paragraph before each later sentence that opens with an assigning word.

    Returns:
        (offset, sentence) pairs; the first starts at 0, and there is only that one when no
        later sentence gives work to a unit.
    """
    cuts = [
        m.end()
        for m in _NEXT_ASSIGNMENT.finditer(text)
        if _UNIT_HEAD.match(_ASSIGN_WORD.sub("", text[m.end() :]))
    ]
    bounds = [0, *cuts, len(text)]
    return [(a, text[a:b].rstrip()) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _addressed_unit(text: str) -> str | None:
    """The unit a heading item addresses without a verb: "Đề nghị Ủy ban Mặt trận …"."""
    assigned = _ASSIGN_WORD.match(text)
    if not assigned:
        return None
    name = text[assigned.end() :].strip(" .:;")
    if not _UNIT_HEAD.match(name) or len(name.split()) > 30:
        return None
    return name


def _bare_unit(text: str) -> str | None:
    """A unit's name standing alone over its items: "a) Sở Nông nghiệp và Môi trường"."""
    name = text.strip().rstrip(":")
    if not _UNIT_HEAD.match(name) or len(name.split()) > 14 or name.endswith((".", ";")):
        return None
    if _UNIT_VERB.search(name):
        return None
    return name


def _is_subheading(text: str) -> bool:
    """A short heading over items ("Trách nhiệm chung", "Về tài chính"), not a task."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ";"))


def _is_work(text: str) -> bool:
    words = text.split()
    return len(words) >= 5 and not text.rstrip().endswith(":")


_PARTNERS = re.compile(
    r"phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<units>[^.;:]{3,300}?)(?=\s+(?:để|nhằm|tổ chức|"
    r"triển khai|thực hiện|xây dựng|rà soát|nghiên cứu|tham mưu|hướng dẫn|kiểm tra|đề xuất|"
    r"báo cáo|trình)\b|[.;:]|$)"
)


def _partners(text: str) -> str:
    m = _PARTNERS.search(text[:400])
    return m.group("units") if m else ""


_DEADLINE = re.compile(
    r"(?:hoàn thành|xong|trình|báo cáo)?[^.;]{0,40}?\b(?:trước|chậm nhất|trong|vào)\s+"
    r"(?:ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})|"
    r"(?:tháng|quý|Quý)\s+[\dIVX]+(?:/\d{4}|\s+năm\s+\d{4})?|năm\s+\d{4})"
)


def _deadline_phrase(text: str) -> str:
    found = list(_DEADLINE.finditer(text))
    return found[-1].group(0).strip() if found else ""
