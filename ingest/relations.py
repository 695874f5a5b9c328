"""Relations between documents, read from the words between references.

"Kế hoạch số 359-KH/TU ... của Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW": the words
between two references of one clause say how the first relates to the second. A reference
joined to the previous target by "và" or "," shares its source ("Quyết định 327 ... ban
hành Kế hoạch hành động thực hiện Nghị quyết 71 ... và Kế hoạch 359" gives 327 → 71 and
327 → 359). The file's own document relates through its title, its "Căn cứ" clauses, its
opening "Thực hiện ..." sentence and "Theo đề nghị của ... tại Công văn số ...".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.models import Mention, OwnDocument, Relation
from ingest.text import fold

# The words right before a target that say the source carries it out (folded gap's end).
_IMPLEMENTS = re.compile(
    r"(?:thuc hien|trien khai|de trien khai|nham trien khai|cu the hoa|trien khai thuc hien)"
    r"(?:\s+(?:cac|tot|co hieu qua|nghiem tuc))?\s*[:(]?\s*$"
)
# A review of how something was carried out is not carrying it out.
_REVIEW = re.compile(
    r"(?:tong ket|so ket|danh gia|bao cao|tinh hinh|ket qua|kiem tra)\s+(?:viec\s+)?"
    r"(?:\d+\s+nam\s+)?(?:trien khai\s+)?thuc hien\s*$"
)
_REPORTS = re.compile(r"(?:ve\s+)?(?:tinh hinh|ket qua)?\s*(?:thuc hien|trien khai)?\s*$")
_ISSUES = re.compile(r"ban hanh(?:\s+kem theo)?\s*$")
# "ban hành Kế hoạch ... thực hiện": a decision issuing an unnumbered plan carries out the
# target itself.
_ISSUES_UNNAMED = re.compile(r"ban hanh\s+(?:kem theo\s+)?(?:ke hoach|chuong trinh|de an|quy che)")
# An unnumbered document named between source and target takes the cue for itself.
_UNNAMED_DOC = re.compile(
    r"\b(?:nghi quyet|quyet dinh|ke hoach|chuong trinh|chi thi|ket luan|de an|thong bao)\b"
)
# The type word of a reference cut from it by a page break ("Nghị" ... "quyết số 20-NQ/TW").
_TYPE_WORD_END = re.compile(
    r"\s*(?:nghi quyet|quyet dinh|ke hoach(?: hanh dong)?|chuong trinh(?: hanh dong)?|chi thi|"
    r"ket luan|thong bao(?: ket luan)?|de an|cong van|thong tu|nghi dinh)(?:\s+s\S{0,2})?\s*:?\s*$"
)
# OCR without diacritics reads "thực" as "thyc".
_OCR_WORDS = re.compile(r"\bthyc\b")
_COORDINATED = re.compile(r"^[^;:.]{0,160}?(?:(?:^|\s+)va|,)\s*(?:cac\s+)?(?:so\s*)?$")
_REQUEST = re.compile(r"(?:theo|xet)\s+(?:de nghi|yeu cau|de xuat)\s+cua\s+[^;.]{0,160}?\s*$")
# Where a clause ends: ";", a sentence end, a new bullet, or a new paragraph that opens with
# a cue ("Thực hiện ...", "Căn cứ ...") after a title line.
_CUE_WORDS = r"(?:Thực hiện|Triển khai|Căn cứ|Theo đề nghị|Xét đề nghị|Kính gửi)\b"
_CLAUSE_BREAK = re.compile(rf";|\.\s+(?=[A-ZĐ])|\.\s*$|\n\s*[-+•]\s|\n\s*(?={_CUE_WORDS})")
_NOTE = re.compile(r"\[footnoteRef:\d+\]|\[\d+:\s[^\]]*\]")
_MAX_GAP = 320

_SOURCE_TYPES = {"KH", "CTr", "QĐ", "NQ", "CT", "HD", "ĐA", "PA", "KL", "TB", "CV", "KHLT"}
_PLAN_TYPES = {"KH", "CTr", "QĐ", "ĐA", "PA", "HD", "KHLT", "CT", "NQ"}


def _gap(text: str, start: int, end: int) -> str:
    """The folded text between two references, footnotes removed, spaces collapsed."""
    return " ".join(fold(_NOTE.sub(" ", text[start:end])).split())


def _raw_gap(text: str, start: int, end: int) -> str:
    return _NOTE.sub(" ", text[start:end])


def _evidence(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


class _Collector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[tuple[str, str, str], Relation] = {}

    def add(self, source: str, relation: str, target: str, start: int, end: int) -> None:
        if source == target:
            return
        self.found.setdefault(
            (source, relation, target),
            Relation(source, relation, target, start, end, _evidence(self.text, start, end)),
        )


def find_relations(
    text: str,
    mentions: Sequence[Mention],
    keys: Sequence[str],
    owners: Sequence[OwnDocument],
    noise: Sequence[tuple[int, int]] = (),
) -> list[Relation]:
    """Find the relations a document states.

    Args:
        text: The NFC text.
        mentions: Its mentions, in order.
        keys: The key of each mention.
        owners: The file's own documents, the primary first.
        noise: Spans to read past: table cells and headers between a task's text lines.

    Returns:
        The relations, each once, in order of first evidence.
    """
    out = _Collector(text)
    quiet = _blank(text, noise)
    notes = _word_footnotes(text, mentions)
    _between_references(quiet, mentions, keys, out, notes)
    if owners:
        _own_relations(text, mentions, keys, owners, out)
    return sorted(out.found.values(), key=lambda r: r.start)


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with the given spans turned into spaces, offsets kept."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _word_footnotes(text: str, mentions: Sequence[Mention]) -> dict[int, list[int]]:
    """Mentions inside each Word footnote body "[N: ...]", by footnote number."""
    notes: dict[int, list[int]] = {}
    for m in re.finditer(r"\[(\d+):\s[^\]]*\]", text):
        inside = [i for i, x in enumerate(mentions) if m.start() <= x.start < m.end()]
        notes[int(m.group(1))] = inside
    return notes


def _between_references(text, mentions, keys, out: _Collector, notes) -> None:
    previous_target: tuple[int, str] | None = None  # (mention index, relation) of the last edge
    targets: set[int] = set()  # mentions read as what another one carries out
    for j in range(1, len(mentions)):
        a, b = mentions[j - 1], mentions[j]
        if b.start - a.end > _MAX_GAP or a.end > b.start:
            previous_target = None
            continue
        raw = _raw_gap(text, a.end, b.start)
        gap = _TYPE_WORD_END.sub("", _OCR_WORDS.sub("thuc", " ".join(fold(raw).split())))
        if _CLAUSE_BREAK.search(raw):
            previous_target = None
            # A footnote-numbered plan: "Ban hành Kế hoạch thực hiện Quyết định 327 ...[2]".
            continue
        source_type = a.type_code
        relation = None
        unnamed = _UNNAMED_DOC.search(gap)
        if _REVIEW.search(gap):
            relation = "reports_on" if source_type == "BC" else None
        elif _IMPLEMENTS.search(gap):
            if unnamed is None or _ISSUES_UNNAMED.search(gap):
                relation = "implements" if source_type in _SOURCE_TYPES else None
        elif _ISSUES.search(gap) and source_type == "QĐ":
            relation = "issues"
        if relation:
            out.add(keys[j - 1], relation, keys[j], a.start, b.end)
            if relation == "implements":
                for i in _coordinated_before(text, mentions, j - 1, targets):
                    out.add(keys[i], relation, keys[j], mentions[i].start, b.end)
            targets.add(j)
            previous_target = (j, relation, keys[j - 1])
            continue
        if previous_target and previous_target[0] == j - 1 and _COORDINATED.match(gap):
            # "... thực hiện Nghị quyết 71 ... và Kế hoạch 359": 359 shares the source.
            _, relation, source = previous_target
            out.add(source, relation, keys[j], a.start, b.end)
            targets.add(j)
            previous_target = (j, relation, source)
            continue
        previous_target = None
    _parenthesised_plans(text, mentions, keys, out)
    _footnoted_plans(text, mentions, keys, out, notes)


def _coordinated_before(
    text: str, mentions: Sequence[Mention], k: int, targets: set[int]
) -> list[int]:
    """Plans coordinated with plan k that share what it carries out (distributive).

    "Kế hoạch số 359-KH/TU ngày 14/02/2025 của Ban Thường vụ Tỉnh ủy và Quyết định số
    327/QĐ-UBND … về thực hiện Nghị quyết số 57-NQ/TW": both carry out 57. A plan with a
    subject of its own ("… về chuyển đổi số và Kế hoạch 02 thực hiện …") keeps it, and so does
    one that is itself carried out ("thực hiện Nghị quyết 107 … và Chương trình 42 thực hiện
    Nghị quyết 45": 107 carries out nothing here).
    """
    out: list[int] = []
    if k in targets or mentions[k].type_code not in _PLAN_TYPES:
        return out
    i = k - 1
    while i >= 0 and i not in targets and mentions[i].type_code in _PLAN_TYPES:
        gap = _gap(text, mentions[i].end, mentions[i + 1].start)
        if not _COORDINATED.match(gap) or re.search(r"\bve\b|thuc hien|trien khai", gap):
            break
        out.append(i)
        i -= 1
    return out


# "Triển khai Nghị quyết 57 ... (Kế hoạch số 359 ... và Quyết định số 327 ...)": the plans in
# parentheses after a resolution are the ones carrying it out.
_OPEN_PAREN = re.compile(r"\(\s*$")


def _parenthesised_plans(text, mentions, keys, out: _Collector) -> None:
    for j in range(1, len(mentions)):
        b = mentions[j]
        before = text[max(0, b.start - 3) : b.start]
        if not _OPEN_PAREN.search(before) or b.type_code not in _PLAN_TYPES:
            continue
        # The target is the first reference of the clause the parenthesis closes: "Triển khai
        # Nghị quyết 57 ... (Kế hoạch 359 ...)", "Kế hoạch 196 ... thực hiện Nghị quyết 20
        # ... (Kế hoạch số 2306 của Sở)".
        i = j - 1
        if (
            b.start - mentions[i].end > _MAX_GAP
            or "(" in _raw_gap(text, mentions[i].end, b.start)[:-3]
        ):
            continue
        if _CLAUSE_BREAK.search(_raw_gap(text, mentions[i].end, b.start)):
            continue
        while i > 0 and not _CLAUSE_BREAK.search(
            _raw_gap(text, mentions[i - 1].end, mentions[i].start)
        ):
            i -= 1
        a = mentions[i]
        close = text.find(")", b.end)
        group = [j]
        for k in range(j + 1, len(mentions) if close > 0 else j + 1):
            if mentions[k].start >= close:
                break  # mentions are in text order: none further is inside the bracket
            if (
                mentions[k].end <= close
                and mentions[k].type_code in _PLAN_TYPES
                and not _CLAUSE_BREAK.search(_raw_gap(text, mentions[k - 1].end, mentions[k].start))
            ):
                group.append(k)
        for k in group:
            out.add(keys[k], "implements", keys[i], a.start, mentions[k].end)


# "Ban hành Kế hoạch thực hiện Quyết định 327 ...[footnoteRef:2]" with "[2: Kế hoạch số 1587]".
_UNNAMED_CUE = re.compile(
    r"(?P<type>ke hoach|chuong trinh|de an|quyet dinh)\s+(?:hanh dong\s+)?"
    r"(?:thuc hien|trien khai(?:\s+thuc hien)?)\s*$"
)
_TYPE_OF_WORD = {"ke hoach": "KH", "chuong trinh": "CTr", "de an": "ĐA", "quyet dinh": "QĐ"}


def _footnoted_plans(text, mentions, keys, out: _Collector, notes) -> None:
    for j, b in enumerate(mentions):
        before = " ".join(fold(text[max(0, b.start - 80) : b.start]).split())
        cue = _UNNAMED_CUE.search(before)
        if not cue:
            continue
        sentence_end = _next_break(text, b.end)
        for ref in re.finditer(r"\[footnoteRef:(\d+)\]", text[b.end : sentence_end]):
            for k in notes.get(int(ref.group(1)), []):
                if mentions[k].type_code == _TYPE_OF_WORD[cue.group("type")]:
                    out.add(keys[k], "implements", keys[j], b.start, b.end)
                    break


def _next_break(text: str, pos: int) -> int:
    m = re.compile(r";|\.\s+(?=[A-ZĐ+\-])|\n").search(text, pos)
    return m.start() if m else len(text)


def _own_relations(text, mentions, keys, owners, out: _Collector) -> None:
    primary = owners[0]
    # The title: "KẾ HOẠCH Thực hiện Kế hoạch số 359-KH/TU", "BÁO CÁO Tình hình thực hiện ...".
    for own in owners:
        for i, m in enumerate(mentions):
            if not (own.start <= m.start < own.title_end):
                continue
            gap = _gap(text, own.start, m.start)
            _relate_own(own, m, keys[i], gap, out, m.start, m.end)
            break
    heads: set[int] = set()  # mentions that open their clause, or are coordinated with one
    bases: set[int] = set()  # heads that are what the document is based on
    opening_end = _opening_end(text)
    for i, m in enumerate(mentions):
        clause = _clause_before(text, m.start)
        folded = " ".join(fold(clause).split())
        owner = _owner_at(owners, m.start) or primary
        prev = mentions[i - 1] if i else None
        coordinated = False
        if prev is None or prev.end <= m.start - len(clause):
            heads.add(i)
        elif i - 1 in heads and _COORDINATED.match(_gap(text, prev.end, m.start)):
            heads.add(i)
            coordinated = True
        elif i - 1 in bases and _AMENDING.search(" ".join(fold(text[prev.end : m.start]).split())):
            # "Căn cứ Nghị định 40/2025/NĐ-CP …, được sửa đổi bởi Nghị định số 109/2025/NĐ-CP":
            # the amending text is a basis too.
            heads.add(i)
            coordinated = True
        if i not in heads:
            pass  # "Thực hiện Kế hoạch 359 ... về thực hiện Nghị quyết 57": 57 is 359's, not ours
        elif (
            folded.startswith("can cu")
            or _in_basis(text, m.start, clause)
            or (coordinated and i - 1 in bases)
        ):
            bases.add(i)
            out.add(owner.key, "based_on", keys[i], m.start, m.end)
        elif _REQUEST.search(folded):
            out.add(owner.key, "requested_by", keys[i], m.start, m.end)
        elif m.start < opening_end and " ".join(
            fold(_clause_before(text, m.start, semicolon=False)).split()
        ).startswith(("thuc hien", "trien khai", "de trien khai", "nham trien khai")):
            relation = "implements"
            if owner.type_code == "BC":
                relation = "requested_by" if m.type_code == "CV" else "reports_on"
            out.add(owner.key, relation, keys[i], m.start, m.end)
        # The issuing decision of an attachment: "(Kèm theo Quyết định số 39/QĐ-SKHCN ...)".
        if m.type_code == "QĐ" and _ATTACHED_TO.search(_gap(text, max(0, m.start - 80), m.start)):
            attached = [o for o in owners if o.start <= m.start < o.start + 800]
            if attached:
                out.add(keys[i], "issues", attached[-1].key, m.start, m.end)
    # A decision that issues the programme attached to it in the same file.
    for own in owners[1:]:
        if primary.type_code == "QĐ" and own.type_code != "QĐ":
            out.add(primary.key, "issues", own.key, own.start, own.start + len(own.title or ""))


# "(Kèm theo Quyết định số 39/QĐ-SKHCN ...)", "(Ban hành kèm theo Quyết định số ...)".
_ATTACHED_TO = re.compile(r"\(\s*(?:ban hanh\s+)?kem theo(?:\s+quyet dinh)?(?:\s+so)?\s*:?\s*$")


def _in_basis(text: str, pos: int, clause: str) -> bool:
    """Whether a reference opens a later clause of a "Căn cứ" paragraph.

    Such a paragraph lists its bases across semicolons: "Căn cứ Nghị định 63/2010/NĐ-CP ...;
    Nghị định 48/2013/NĐ-CP ...".
    """
    line_start = text.rfind("\n", 0, pos) + 1
    if not fold(text[line_start : line_start + 12]).lstrip(" *_").startswith("can cu"):
        return False
    # "...; Quyết định số 02110/QĐ-UBND", "...; Các Công điện: số 007/CĐ-UBND", and a
    # basis's amendments: "...; được sửa đổi, bổ sung bởi Thông tư số 31/2023/TT-BTC".
    rest = _AMENDED_BY.sub("", fold(clause))
    return bool(re.fullmatch(r"[\s,]*(?:cac\s+)?[a-z ]{0,24}(?:\s+so)?\s*", rest))


# "sửa đổi", "bổ sung", "sửa đổi, bổ sung", "thay thế" (folded).
_AMENDMENT = r"(?:sua doi|bo sung|thay the)(?:,?\s*(?:va\s+)?bo sung)?"
# The end of the text between a basis and the text that amends it.
_AMENDING = re.compile(
    _AMENDMENT + r"(?:\s+mot so dieu(?:\s+cua)?)?\s+(?:boi|tai|theo)(?:\s+[a-z ]{0,24})?$"
)
# The start of a clause that names a basis's amendment ("; được sửa đổi, bổ sung bởi …").
_AMENDED_BY = re.compile(
    r"^[\s,]*(?:(?:da\s+)?duoc\s+)?"
    + _AMENDMENT
    + r"(?:\s+(?:mot so dieu(?:\s+cua)?|boi|tai|theo))*\s*"
)


def _owner_at(owners, pos: int):
    inside = [o for o in owners if o.start <= pos < o.end]
    return inside[-1] if inside else None


def _clause_before(text: str, pos: int, semicolon: bool = True) -> str:
    """The clause a reference stands in, from the last ";", ".", ":" or paragraph start.

    With `semicolon` false, the whole sentence: "Thực hiện Nghị quyết A; Kế hoạch B, ..."
    lists what the document carries out across its semicolons.
    """
    offset = max(0, pos - 1200)
    window = text[offset:pos]
    # Blank lines are not breaks: PDF exports put one after every wrapped line.
    starts = [window.rfind(". "), window.rfind(".\n"), window.rfind(":")]
    if semicolon:
        starts.append(window.rfind(";"))
    cues = list(re.finditer(rf"\n\s*(?={_CUE_WORDS})", window))
    if cues:
        starts.append(cues[-1].end() - 1)
    start = max(starts)
    return window[start + 1 :] if start >= 0 else window


def _opening_end(text: str) -> int:
    """Where the document's opening part ends: at its first numbered heading."""
    head = re.search(r"\n\s*(?:I\.|1\.|Điều 1\.|A\.)\s", text)
    return head.start() if head else len(text)


def _relate_own(own: OwnDocument, m: Mention, key: str, gap: str, out, start, end) -> None:
    if own.type_code == "BC":
        if _REPORTS.search(gap):
            out.add(own.key, "reports_on", key, start, end)
    elif _IMPLEMENTS.search(gap) or "thuc hien" in gap or "trien khai" in gap:
        out.add(own.key, "implements", key, start, end)
    elif own.type_code == "QĐ" and _ISSUES.search(gap):
        out.add(own.key, "issues", key, start, end)
