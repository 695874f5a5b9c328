"""Questions in plain Vietnamese, answered from the graph where it can and from search otherwise.

A question is read into an intent and its entities (documents, units, leaders, periods, and
the topic words left over), with or without diacritics:

- derive: "nhiệm vụ nào thực hiện Nghị quyết 57?" → the graph's derived tasks;
- implements / implemented_by: "Kế hoạch 359 thực hiện nghị quyết nào?", "văn bản nào
  triển khai Nghị quyết 71/NQ-CP?" → the graph's eli:applies edges, with their evidence;
- lead / direct: "Phòng nào chủ trì nhiệm vụ về sở hữu trí tuệ?" → the tasks search finds
  for the topic, with their lead unit or directing leader;
- due: "nhiệm vụ nào hoàn thành trong quý III?" → tasks of that period, and the passages
  that set it;
- unit: "Văn phòng Sở tham gia những nhiệm vụ nào?" → the tasks a unit leads or joins;
- signer: "Quyết định 327 do ai ký?", "ai ký báo cáo tình hình thực hiện Nghị quyết 02?" →
  the signature block of the document named, or of the file search finds for the
  description;
- open: anything else → the best passages of hybrid search.

Every answer carries its sources (file and offsets), so it can be shown in its passage.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from graph.documents import document_files, titled_documents
from graph.passages import relation_evidence
from graph.query import (
    AmbiguousReference,
    DocumentView,
    UnknownDocument,
    derive,
    find_document,
    show,
)
from graph.store import GraphStore
from ingest.catalogue import load_catalogue, type_name
from ingest.keys import parse_key
from ingest.locality import provinces_named
from ingest.naming import name_document
from ingest.text import fold
from ingest.typed import QueryReference, find_query_references
from ingest.vocabulary import alternation, load_vocabulary
from search.asking import asked_shape, holds_shape
from search.catalog import Item
from search.hybrid import Hit, Searcher
from search.lexical import LexicalIndex, tokenize

INTENTS = (
    "derive",
    "based_on",
    "implements",
    "implemented_by",
    "lead",
    "direct",
    "due",
    "unit",
    "signer",
    "open",
)
MAX_ITEMS = 50


@dataclass(frozen=True, slots=True)
class Source:
    """Where an answer stands.

    Attributes:
        file: The file.
        start: Offset of the evidence in the file's NFC text.
        end: Offset after it.
        text: The evidence.
    """

    file: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer to a question.

    Attributes:
        question: The question.
        intent: One of `INTENTS`.
        answer: The answer in a sentence or a short list, in Vietnamese.
        items: The tasks or documents the answer is about, as records.
        sources: The passages it stands on.
    """

    question: str
    intent: str
    answer: str
    items: tuple[dict, ...]
    sources: tuple[Source, ...]

    def __post_init__(self) -> None:
        # Several items may stand on one passage (two tasks in one sentence, a hit and
        # the task it holds): each passage is shown once, where it first came.
        first: dict[tuple[str, int, int], Source] = {}
        for s in self.sources:
            first.setdefault((s.file, s.start, s.end), s)
        if len(first) < len(self.sources):
            object.__setattr__(self, "sources", tuple(first.values()))

    def record(self) -> dict:
        """The answer as `ask --json` prints it (the CLI contract)."""
        return {
            "question": self.question,
            "intent": self.intent,
            "answer": self.answer,
            "items": list(self.items),
            "sources": [{"file": s.file, "start": s.start, "end": s.end} for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class Question:
    """A question read into intent and entities.

    Attributes:
        text: The question.
        intent: One of `INTENTS`.
        documents: Keys of the documents it names, in order.
        units: Unit labels it names.
        leaders: Directing-leader labels it names.
        period: The period it asks about, folded ("quy iii", "thang 8"), or None.
        span: The days that period covers (ISO first, last), or None.
        topic: The question without its question words and entities (for search).
    """

    text: str
    intent: str
    documents: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    period: str | None = None
    topic: str = ""
    notes: tuple[str, ...] = field(default=())
    span: tuple[str, str] | None = None


# Cue phrases (ingest/data/vocabulary.yaml, folded, as whole words).
_CUES = load_vocabulary()
_DIRECT = re.compile(_CUES.question_pattern("direct"))
_LEAD = re.compile(_CUES.question_pattern("lead"))
_WHICH_UNIT = re.compile(_CUES.question_pattern("which_unit"))
_TASKS = re.compile(_CUES.question_pattern("tasks"))
_IMPLEMENT_VERB = f"({alternation(_CUES.questions['implement'])})"
# "… được triển khai bởi …", "… do … thực hiện bởi …".
_IMPLEMENTED_BY = r"\b(duoc|do)\b.*\b(trien khai|thuc hien|cu the hoa)\b.*\bboi\b"
_DOC_WORD = f"({alternation(_CUES.questions['document'])})"
_WHICH_DOC = re.compile(rf"\b{_DOC_WORD}(?:\s+[a-z]+){{0,2}}\s+nao\b")
_WHAT_DOC = re.compile(rf"{_WHICH_DOC.pattern}|\b(cai gi|gi)\s*\??$")
_DUE = re.compile(_CUES.question_pattern("due"))
_BASED_ON = re.compile(_CUES.question_pattern("based_on"))
# "ai ký", "do ai ký", "người ký", "ký bởi": not "đăng ký" nor "định kỳ", which fold alike.
# "chữ ký số" is a digital signature, a topic, not a question of who signed.
_SIGN = re.compile(r"\b(?:ai|nguoi)\s+(?:da\s+)?ky\b|\bky\s+boi\b|\bchu\s+ky\b(?!\s+so\b)")
# A document described by its kind ("báo cáo tình hình …") rather than named.
_DESCRIBED = re.compile(rf"\b({_DOC_WORD}|bao cao|to trinh)\b")
# A deadline asked without a period: "phải xong trước ngày nào?", "hạn … là ngày nào".
_WHEN = re.compile(_CUES.question_pattern("when"))
# A count of tasks or documents asked ("bao nhiêu nhiệm vụ", "mấy kế hoạch"), not a fact.
_HOW_MANY_TASKS = re.compile(
    rf"\b(?:bao nhieu|may)\s+(?:{alternation(_CUES.questions['tasks'])}|{_DOC_WORD})\b"
)
# What a fact question asks for: a figure, not a list of tasks (`search.asking`).
_FACT_SHAPES = ("money", "percent", "duration", "code", "number")
_PERIOD = re.compile(
    r"\b(?:quy\s+(?P<q>iv|i{1,3}|[1-4])|thang\s+(?P<m>1[0-2]|0?[1-9])(?:\s*/\s*(?P<y>20\d\d))?"
    r"|(?P<half>6 thang (?:dau|cuoi) nam))\b"
)
_QUARTERS = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}
_QUARTER_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# The year a period is in: "quý IV/2025", "tháng 12 năm 2025", "6 tháng đầu năm 2026".
_YEAR_AFTER = re.compile(r"\s*(?:/|nam)\s*(20\d\d)\b")
# A whole year asked about: "trong năm 2026", "đến hết năm 2025".
_WHOLE_YEAR = re.compile(r"\bnam\s+(20\d\d)\b")
# A date asked about: "trước ngày 31/12/2025", "đến ngày 15/10/2025".
_BY_DATE = re.compile(r"\b(?:truoc|den|cham nhat)\s+(?:ngay\s+)?(\d{1,2})/(\d{1,2})/(20\d\d)\b")
_STOP = set(
    "nhiem vu nao la gi ai cac nhung cua ve va do duoc cho trong the nao bao nhieu hay "
    "khong co phai viec cong nhu ra sao o dau tai vi sao".split()
)
# What a unit's name starts with, inside a department ("Phòng QLCN") and across a province or
# the State ("Sở Tài chính", "Bộ Công Thương", "Công an tỉnh", "UBND các xã").
_UNIT_HEAD = re.compile(
    r"^(phong|van phong|trung tam|to|ban|chi cuc|doi|so|bo|cuc|tong cuc|vu|uy ban|ubnd|"
    r"hdnd|cong an|bo chi huy|vien|truong|hoi|lien doan|doan|kho bac|thanh tra|dai|bao|"
    r"cong ty|ngan hang|tinh uy|huyen uy|dang uy|mat tran|benh vien|quy)\b"
)


def _unit_names(items: tuple[Item, ...]) -> dict[str, str]:
    """Folded names a user may type → the unit label the tasks carry.

    A label "Phòng QLCN" is also known by the initials of a name typed in full ("phong quan
    ly cong nghe" → "qlcn").
    """
    names: dict[str, str] = {}
    for item in items:
        for label in (*item.lead, *item.partners):
            folded = " ".join(fold(label).split())
            # A head alone ("Phòng") or a label OCR stripped of its marks names no one unit.
            head = _UNIT_HEAD.match(folded)
            bare = fold(label) == label.lower()
            if not head or head.end() == len(folded) or len(folded) > 40 or bare:
                continue
            names.setdefault(folded, label)
    # A province's departments are asked about by name even when no task of the store
    # names them ("Sở Tài chính được giao gì?" must not answer for every unit). Ministries
    # are not: questions name them as who acts or issues far more often than as a unit
    # whose tasks are asked for.
    for issuer in load_catalogue().issuers:
        if issuer.name.startswith("Sở "):
            names.setdefault(" ".join(fold(issuer.name).split()), issuer.name)
    return names


def _initials_match(code: str, words: list[str]) -> bool:
    letters = re.sub(r"[^a-z]", "", code)
    initials = "".join(w[0] for w in words if w)
    return len(letters) >= 3 and initials.startswith(letters)


def find_units(folded_question: str, names: dict[str, str]) -> list[str]:
    """Unit labels named in a folded question, by name or by the initials of a full name."""
    found: list[str] = []
    q = " " + " ".join(re.sub(r"[^0-9a-z&\- ]", " ", folded_question).split()) + " "
    for folded, label in sorted(names.items(), key=lambda kv: -len(kv[0])):
        if f" {folded} " in q and label not in found:
            found.append(label)
            continue
        head = _UNIT_HEAD.match(folded)
        code = folded[head.end() :].strip() if head else ""
        # "phòng quản lý công nghệ" for "Phòng QLCN": initials of the words after the head.
        for m in re.finditer(rf" {re.escape(head.group(0))} ((?:[a-z]+ ?){{3,8}})", q):
            if code and _initials_match(code, m.group(1).split()) and label not in found:
                found.append(label)
    # "Văn phòng Sở" also answers to "văn phòng".
    if not found and " van phong " in q:
        found += [label for f, label in names.items() if f.startswith("van phong")][:1]
    return found


@lru_cache(maxsize=1 << 14)
def _spaced(name: str) -> str:
    """A unit's name folded, between spaces, for whole-word containment.

    Kept: a store of 100,000 tasks names a few hundred units, and a unit question looks at
    every task's.
    """
    return f" {' '.join(fold(name).lower().split())} "


def _names_any(wanted: Sequence[str], labels: Sequence[str]) -> bool:
    """Whether a task's units hold one asked for, the one's name holding the other's.

    "Trung tâm Phục vụ hành chính công" asked is the "… thành phố" a plan names; "Sở Tư
    pháp tỉnh Quảng Ngãi" asked is a task's "Sở Tư pháp".
    """
    asked = [_spaced(u) for u in wanted]
    return any(a in name or name in a for name in map(_spaced, labels) for a in asked)


def _leader_names(items: tuple[Item, ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in items:
        if item.leader:
            words = fold(item.leader).split()
            # "PGĐ Sở Trần Công Hòa" → "tran cong hoa"; titles alone name nobody.
            tail = [w for w in words if w not in ("pgd", "so", "giam", "doc", "pho", "lanh", "dao")]
            if len(tail) >= 2 and not _UNIT_HEAD.match(" ".join(tail)):
                names.setdefault(" ".join(tail), item.leader)
    return names


def _span_of(folded: str) -> tuple[str, str] | None:
    """The days a question's period covers, as ISO (first, last); None when it names none.

    "tháng 12/2025" is December 2025, "quý IV năm 2025" its last quarter, "6 tháng đầu năm
    2026" January to June, "năm 2026" the year, "trước ngày 31/12/2025" up to that day. A month
    or quarter without its year spans every year ("0000" to "9999").
    """
    m = _PERIOD.search(folded)
    if m:
        after = _YEAR_AFTER.match(folded, m.end())
        year = after.group(1) if after else (m.group("y") if m.group("m") else None)
        if m.group("q"):
            q = _QUARTER_NUMBER[m.group("q")]
            months = (3 * q - 2, 3 * q)
        elif m.group("m"):
            months = (int(m.group("m")),) * 2
        else:
            months = (1, 6) if "dau" in m.group("half") else (7, 12)
        last = calendar.monthrange(int(year or 2000), months[1])[1]
        first_year, last_year = (year, year) if year else ("0000", "9999")
        return f"{first_year}-{months[0]:02d}-01", f"{last_year}-{months[1]:02d}-{last:02d}"
    m = _BY_DATE.search(folded)
    if m:
        try:
            day = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
        return "0000-01-01", day.isoformat()
    m = _WHOLE_YEAR.search(folded)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    return None


def _in_span(item: Item, span: tuple[str, str]) -> bool:
    """Whether a task falls due within a span (for a month or quarter of any year, by month)."""
    if not item.due:
        return False
    first, last = span
    if first.startswith("0000") and last.startswith("9999"):
        return first[5:] <= item.due[5:] <= last[5:]
    return first <= item.due <= last and (item.due_start or item.due) >= first[:4]


def _period_of(folded: str) -> str | None:
    m = _PERIOD.search(folded)
    if not m:
        return None
    if m.group("q"):
        return "quy " + _QUARTERS.get(m.group("q"), m.group("q"))
    if m.group("m"):
        return f"thang {int(m.group('m'))}"
    return m.group("half")


def _topic(folded: str, refs: list[QueryReference], drop: list[str]) -> str:
    for r in sorted(refs, key=lambda r: -r.start):
        folded = folded[: r.start] + " " + folded[r.end :]
    for d in drop:
        folded = folded.replace(d, " ")
    words = [w for w in re.findall(r"[0-9a-z]+", folded) if w not in _STOP]
    return " ".join(words)


def _issuer_of(folded: str, refs: list[QueryReference], unit: str) -> bool:
    """Whether a unit is named as who issued a document ("công văn 5095 của Sở Giáo dục …").

    Such a unit says which document is meant, not whose tasks are asked for.
    """
    name = " ".join(fold(unit).split())
    if any(
        re.match(rf"\s*(?:cua|do)\s+{re.escape(name)}\b", folded[r.end :]) is not None for r in refs
    ):
        return True
    # A document named by its type alone: "Thông tư của Bộ Công Thương quy định …".
    return re.search(rf"\b(?:{_TYPE_WORDS})\s+(?:cua|do)\s+{re.escape(name)}\b", folded) is not None


# Folded names of document types ("thong tu", "quyet dinh"), longest first.
_TYPE_WORDS = "|".join(
    re.escape(w)
    for w in sorted(
        {" ".join(fold(t.name).split()) for t in load_catalogue().types} | {"van ban"},
        key=len,
        reverse=True,
    )
)


def _by_answer_kind(question: str, hits: list[Hit]) -> list[Hit]:
    """Hits holding the kind of answer asked for first (a date for "khi nào"), else as ranked.

    Within each group the search order is kept (`search.asking` reads the question words).
    """
    shape = asked_shape(question)
    if shape is None:
        return hits
    holding = [h for h in hits[:5] if holds_shape(shape, h.text)]
    return holding + [h for h in hits if h not in holding]


def _asked_types(question: str) -> set[str]:
    """The kinds of document a question asks for ("luật nào", "nghị định, kết luận nào").

    The type words right before "nào", joined by commas or "và"/"hoặc", after the first
    document the question names, as type codes. A type word elsewhere is a topic ("… về cấp
    dự báo cháy rừng quy định chi tiết văn bản nào": "quy định" asks nothing).
    """
    refs = find_query_references(question)
    folded = fold(question)
    rest = folded[refs[0].end :] if refs else folded
    by_word = load_catalogue().type_by_word
    # "văn bản" names any kind: asking "văn bản nào" narrows nothing.
    words = sorted(
        (w for w in by_word if (" " in w or len(w) > 3) and w != "van ban"), key=len, reverse=True
    )
    kinds = "|".join(re.escape(w) for w in [*words, "van ban"])
    asked = re.search(rf"\b((?:(?:{kinds})\s*(?:,|\bva\b|\bhoac\b)\s*)*(?:{kinds}))\s+nao\b", rest)
    if asked is None:
        return set()
    return {
        t.code
        for word, t in by_word.items()
        if word in words
        if re.search(rf"\b{re.escape(word)}\b", asked.group(1))
    }


def _pick_by_place(question: str, keys: list[str]) -> str:
    """Of documents sharing a number, the one of the province the question names, if any.

    "Quyết định 87/2025/QĐ-UBND của UBND tỉnh Lai Châu": Bắc Ninh has its 87/2025 too.
    """
    named = provinces_named(question)
    return next((key for key in keys if parse_key(key).province in named), keys[0])


def _resolve(store: GraphStore, question: str, refs: list[QueryReference]) -> list[str]:
    keys: list[str] = []
    for r in refs:
        try:
            key = find_document(store, question[r.start : r.end])
        except AmbiguousReference as err:
            key = _pick_by_place(question, [k for k, _s, _t in err.candidates])
        except UnknownDocument:
            continue
        if key not in keys:
            keys.append(key)
    return keys


def read_question(question: str, searcher: Searcher, store: GraphStore) -> Question:
    """Read a question's intent and entities.

    Args:
        question: The question (NFC), with or without diacritics.
        searcher: The searcher (its items give the units and leaders users name).
        store: The store (to resolve the documents named).

    Returns:
        The question read.
    """
    text = " ".join(question.split())
    folded = fold(text)
    refs = find_query_references(text)
    docs = _resolve(store, text, refs)
    units = [
        u
        for u in find_units(folded, _unit_names(searcher.items))
        if not _issuer_of(folded, refs, u)
    ]
    leaders = [label for name, label in _leader_names(searcher.items).items() if name in folded]
    period = _period_of(folded)
    drop = [fold(u) for u in units] + list(_leader_names(searcher.items))
    topic = _topic(folded, refs, drop)
    span = _span_of(folded)
    dated = period is not None or span is not None
    shape = asked_shape(text)
    intent = _intent(folded, refs, docs, units, leaders, dated, shape.kind if shape else None)
    return Question(
        text, intent, tuple(docs), tuple(units), tuple(leaders), period, topic, span=span
    )


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the rules of `_RULES` look at: the folded question and the entities it names."""

    folded: str
    refs: list[QueryReference]
    docs: list[str]
    units: list[str]
    leaders: list[str]
    dated: bool  # the question names a period or a date
    asks: str | None = None  # the kind of answer its question words ask for (search.asking)

    @property
    def before(self) -> str:
        """The question before the first document it names."""
        return self.folded[: self.refs[0].start] if self.refs else self.folded

    @property
    def after(self) -> str:
        """The question after the first document it names."""
        return self.folded[self.refs[0].end :] if self.refs else ""

    def has(self, pattern: re.Pattern[str] | str, where: str | None = None) -> bool:
        """Whether a cue stands in the question (or in one part of it)."""
        return re.search(pattern, self.folded if where is None else where) is not None


# A question's intent: the first rule that holds, else "open". A new kind of question is a
# rule here, a method `_<intent>` of Answerer and an entry of INTENTS.
_RULES: tuple[tuple[str, Callable[[_Reading], bool]], ...] = (
    # "Quyết định 38 về phân cấp cho Sở Công Thương căn cứ những văn bản nào?": asked after
    # the document it names, "căn cứ" is what is asked, whatever units the title holds.
    (
        "based_on",
        lambda r: (
            r.has(_BASED_ON, r.after if r.docs else r.folded)
            and (bool(r.docs) or r.has(_DESCRIBED))
        ),
    ),
    ("signer", lambda r: r.has(_SIGN)),
    ("direct", lambda r: bool(r.leaders) or r.has(_DIRECT)),
    # "Trưởng ban kiểm soát phải có ít nhất bao nhiêu năm kinh nghiệm?", "số điện thoại liên
    # hệ là bao nhiêu?": a figure is asked, whatever unit or "việc" the words name.
    ("open", lambda r: r.asks in _FACT_SHAPES and not r.has(_HOW_MANY_TASKS)),
    # "… ủy quyền cho Giám đốc Sở … đến hết ngày nào?": a date is asked, not a unit's tasks.
    ("due", lambda r: r.has(_WHEN) and not r.dated and not r.has(_TASKS)),
    ("due", lambda r: r.dated and r.has(_DUE) and not r.units),
    ("lead", lambda r: r.has(_LEAD) and (r.has(_WHICH_UNIT) or not r.units)),
    # "… nhiệm vụ, quyền hạn của Trung tâm thực hiện theo nghị định nào?": a kind of document
    # is asked, whatever unit the words name.
    (
        "implements",
        lambda r: bool(r.docs) and r.has(_IMPLEMENT_VERB, r.after) and r.has(_WHICH_DOC, r.after),
    ),
    ("unit", lambda r: bool(r.units)),
    (
        "implements",
        lambda r: bool(r.docs) and r.has(_IMPLEMENT_VERB, r.after) and r.has(_WHAT_DOC, r.after),
    ),
    (
        "implemented_by",
        lambda r: (
            bool(r.docs)
            and (
                (r.has(_WHAT_DOC, r.before) and r.has(_IMPLEMENT_VERB, r.before))
                or r.has(_IMPLEMENTED_BY, r.after)
            )
        ),
    ),
    # "Thông báo 623: việc gì phải trình trong tháng 12/2025?": the document holds the tasks,
    # the period picks them; "nhiệm vụ nào thực hiện Nghị quyết 57 …" derives from it.
    (
        "due",
        lambda r: (
            r.dated
            and r.has(_TASKS)
            and not any(r.has(_IMPLEMENT_VERB + r"\s*$", r.folded[: ref.start]) for ref in r.refs)
        ),
    ),
    # "… phải hoàn thành trước ngày nào?": a date is asked, whatever tasks the words name.
    ("due", lambda r: r.has(_WHEN) and not r.dated),
    ("derive", lambda r: bool(r.docs) and r.has(_TASKS)),
    ("due", lambda r: (r.dated and r.has(_TASKS)) or r.has(_WHEN)),
)


def _intent(folded, refs, docs, units, leaders, dated: bool, asks: str | None = None) -> str:
    reading = _Reading(folded, refs, docs, units, leaders, dated, asks)
    return next((intent for intent, holds in _RULES if holds(reading)), "open")


def _signed_object(text: str, refs: list[QueryReference]) -> QueryReference | None:
    """The document a signing question names as what was signed, if it names one.

    "Quyết định 327 do ai ký?", "ai ký Kế hoạch 359?": the reference right before or after
    the words asking who signed. In "ai ký báo cáo thực hiện Nghị quyết 02?" the resolution is
    what the signed report is about, not what was signed.
    """
    folded = fold(text)
    cue = _SIGN.search(folded)
    if cue is None:
        return None
    for r in refs:
        before = r.end <= cue.start()
        gap = (folded[r.end : cue.start()] if before else folded[cue.end() : r.start]).split()
        if len(gap) > 2 or not all(w in {"do", "duoc", "da", "la", "cua"} for w in gap):
            continue
        if before and _DESCRIBED.search(folded[: r.start]):
            continue  # "báo cáo thực hiện Nghị quyết 02 do ai ký": the report was signed
        return r
    return None


def _task_record(item: Item) -> dict:
    return {
        "kind": "task",
        "id": item.ref,
        "file": item.file,
        "start": item.start,
        "end": item.end,
        "text": item.text,
        "lead_unit": item.lead[0] if item.lead else None,
        "coop_units": list(item.partners),
        "directing_leader": item.leader,
        "period": item.period,
    }


def _line(item: Item, width: int = 160) -> str:
    """A task in one line: its text (cut at `width`), then who leads it and when."""
    facts = [f for f in (", ".join(item.lead), item.leader, item.period) if f]
    text = item.text if len(item.text) <= width else item.text[: width - 3] + "…"
    return text + (f" ({'; '.join(facts)})" if facts else "")


def _source(item: Item) -> Source:
    return Source(item.file, item.start, item.end, item.text)


def _label(store: GraphStore, key: str) -> tuple[str, DocumentView]:
    """A document's name ("Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)"), and its view."""
    view = show(store, key)
    return name_document(key, view.symbol, view.issuing_body, view.date), view


def _document_record(key: str, view: DocumentView) -> dict:
    return {
        "kind": "document",
        "key": key,
        "symbol": view.symbol,
        "title": view.subject,
        "issuer": view.issuing_body,
        "date": view.date,
    }


# How an answer says a relation, by direction: found ("… thực hiện: …"), and missing.
_RELATION_WORDS = {
    "implements": ("thực hiện", "thực hiện văn bản nào"),
    "implemented_by": ("được thực hiện bởi", "được văn bản nào thực hiện"),
    "based_on": ("căn cứ", "căn cứ văn bản nào"),
}


class Answerer:
    """Answers questions over one workspace's searcher and store."""

    def __init__(self, searcher: Searcher, store: GraphStore) -> None:
        self.searcher = searcher
        self.store = store
        self._tasks = {i.ref: i for i in searcher.items if i.kind == "task"}
        # Which files are a document: asked again by each answer that narrows to it.
        self._document_files: dict[str, set[str]] = {}

    def answer(self, question: str) -> Answer:
        """Answer a question (see the module docstring for what is understood)."""
        q = read_question(question, self.searcher, self.store)
        handler = getattr(self, f"_{q.intent}")
        return handler(q)

    # Graph answers.

    def _derived_items(self, key: str) -> list[Item]:
        return [self._tasks[t.id] for t in derive(self.store, key) if t.id in self._tasks]

    def _derive(self, q: Question) -> Answer:
        key = q.documents[0]
        label, _ = _label(self.store, key)
        tasks = self._document_tasks(key)
        if q.period:
            # "Trong chương trình 6 tháng cuối năm, nhiệm vụ nào …": that period's tasks.
            # The period names a programme: keep the tasks of the files that set it.
            files = {t.file for t in tasks if t.period and q.period in fold(t.period)}
            tasks = [t for t in tasks if t.file in files] or tasks
        if q.topic and len(tasks) > 5:
            tasks = self._rank_by_topic(tasks, q.topic)
        if not tasks:
            return Answer(q.text, q.intent, f"Chưa có nhiệm vụ nào thực hiện {label}.", (), ())
        return self._listing(q, tasks, f"{len(tasks)} nhiệm vụ thực hiện {label}:")

    def _listing(self, q: Question, tasks: list[Item], head: str, extra=()) -> Answer:
        shown = tasks[:MAX_ITEMS]
        # A short list is shown whole: who reads three tasks wants what they say.
        width = 600 if len(tasks) <= 3 else 160
        lines = [head] + [f"- {_line(t, width)}" for t in shown[:10]]
        if len(tasks) > 10:
            lines.append(f"… và {len(tasks) - 10} nhiệm vụ khác.")
        return Answer(
            q.text,
            q.intent,
            "\n".join(lines),
            tuple(_task_record(t) for t in shown) + tuple(extra),
            tuple(_source(t) for t in shown),
        )

    def _relations(self, q: Question, direction: str) -> Answer:
        key = q.documents[0]
        label, record = _label(self.store, key)
        keys = getattr(record, direction)
        evidence = self._evidence(key, keys, direction)
        if not keys and direction != "implemented_by":
            named = self._named_in_document(q, key)
            if named:
                return named
        verb, missing = _RELATION_WORDS[direction]
        if not keys:
            return Answer(q.text, q.intent, f"Không thấy {label} {missing}.", (), tuple(evidence))
        items = []
        names = []
        for k in keys:
            name, rec = _label(self.store, k)
            names.append(name)
            items.append(_document_record(k, rec))
        answer = f"{label} {verb}: " + "; ".join(names) + "."
        return Answer(q.text, q.intent, answer, tuple(items), tuple(evidence))

    def _named_in_document(self, q: Question, key: str) -> Answer | None:
        """The documents the best passages of a document name, when the graph has no edge.

        "Nghị quyết 81 được ban hành để thực hiện luật nào?" may be said in words the reader
        does not take for a relation ("(Thực hiện … Luật Thủ đô)", "quy định chi tiết khoản 2
        Điều 46 Nghị định 156"): the passages that answer it are shown, with the documents
        they name.
        """
        if self._files_of([key]):
            hits = [h for h in self._hits_in(q, 3) if h.kind != "document"]
        else:
            # Not held as a document of its own: the files that open by naming it (an
            # article reporting a resolution, its text below) are about it; a file citing it
            # in its Căn cứ is about itself.
            items = self.searcher.items
            about = {
                items[r].sha
                for r in self.searcher.rows_naming(key)
                if items[r].kind == "passage" and (r == 0 or items[r - 1].sha != items[r].sha)
            }
            hits = [
                h for h in self._hits_within(q, self._rows_of(about), 3) if h.kind != "document"
            ]
        sources = [Source(h.file, h.start, h.end, h.text) for h in hits]
        found: list[str] = []
        for h in hits:
            for other in self.searcher.items[self.searcher.row_of(h.id)].keys:
                if other != key and other not in found:
                    found.append(other)
        # "… để thực hiện luật nào?": the kind asked for, among the documents it is based on
        # (a resolution carries out the law that empowers it, and cites it in its Căn cứ).
        asked = _asked_types(q.text)
        if asked:
            based = [k for k in show(self.store, key).based_on if parse_key(k).type_code in asked]
            # The kinds asked for first; the others the passages name stay after them ("…
            # nghị quyết, kết luận nào" is answered by "Thông báo kết luận" too).
            found.sort(key=lambda k: parse_key(k).type_code not in asked)
            found += [k for k in based if k not in found]
            sources += [
                Source(e.file, e.start, e.end, e.text)
                for k in based
                for e in relation_evidence(self.store, key, k, "based_on", limit=1)
            ]
        if not found:
            return None
        label, _ = _label(self.store, key)
        records, names = [], []
        for other in found:
            name, rec = _label(self.store, other)
            names.append(name)
            records.append(_document_record(other, rec))
        answer = (
            f"Kho chưa ghi quan hệ nào của {label}; các đoạn trả lời câu hỏi nêu: "
            + "; ".join(names)
            + ".\n"
            + "\n".join(f"«{s.text[:300]}»" for s in sources)
        )
        return Answer(q.text, q.intent, answer, tuple(records), tuple(sources))

    def _implements(self, q: Question) -> Answer:
        return self._relations(q, "implements")

    def _implemented_by(self, q: Question) -> Answer:
        return self._relations(q, "implemented_by")

    def _based_on(self, q: Question) -> Answer:
        if not q.documents:
            # "Quyết định ban hành chương trình công tác … căn cứ văn bản nào?": the document
            # is described, so the ingested one whose kind and title match it best.
            found = self._best_titled(q.text)
            if found is None:
                return Answer(q.text, q.intent, "Không tìm thấy văn bản nào khớp.", (), ())
            q = replace(q, documents=(found,))
        return self._relations(q, "based_on")

    def _evidence(self, key: str, others: list[str], direction: str) -> list[Source]:
        """The sentences that state the relations (their chidao:RelationAssertion spans)."""
        if not others:
            return []
        pairs = [(o, key) if direction == "implemented_by" else (key, o) for o in others]
        relation = "based_on" if direction == "based_on" else "implements"
        return [
            Source(e.file, e.start, e.end, e.text)
            for src, tgt in pairs
            for e in relation_evidence(self.store, src, tgt, relation)
        ]

    # Task answers.

    def _rank_by_topic(self, tasks: list[Item], topic: str) -> list[Item]:
        """Tasks the topic finds first, in search order; the others after, as they were."""
        rows = {self.searcher.row_of(t.ref): t for t in tasks}
        ranked = [rows[r] for r, _s, _l in self.searcher.fuse(topic) if r in rows]
        return ranked + [t for t in tasks if t not in ranked]

    def _topic_tasks(self, q: Question, n: int = 3) -> list[Item]:
        """Tasks the question's topic finds (within a named document's tasks, if any)."""
        pool = None
        if q.documents:
            pool = {self.searcher.row_of(t.ref) for t in self._document_tasks(q.documents[0])}
        topic = q.topic or q.text
        tasks = []
        for row, _score, _lanes in self.searcher.fuse(topic):
            item = self.searcher.items[row]
            if item.kind != "task" or (pool is not None and row not in pool):
                continue
            tasks.append(item)
            if len(tasks) >= n:
                break
        return tasks

    def _lead(self, q: Question) -> Answer:
        if q.units and not _WHICH_UNIT.search(fold(q.text)):
            return self._unit(q)
        found = self._topic_tasks(q, 10)
        tasks = [t for t in found if t.lead][:3] or found[:3]
        return self._roles(q, tasks, "chủ trì", lambda t: ", ".join(t.lead) or None)

    def _direct(self, q: Question) -> Answer:
        if q.leaders:
            tasks = [t for t in self._tasks.values() if t.leader in q.leaders]
            return self._task_list(q, tasks, f"{', '.join(q.leaders)} chỉ đạo")
        # Asked which leader directs, the tasks that name one answer it: the best three of
        # those among the first ten the topic finds.
        found = self._topic_tasks(q, 10)
        tasks = [t for t in found if t.leader][:3] or found[:3]
        return self._roles(q, tasks, "chỉ đạo", lambda t: t.leader)

    def _roles(self, q: Question, tasks: list[Item], verb: str, role) -> Answer:
        if not tasks:
            return self._open(q)
        lines = []
        for t in tasks:
            who = role(t) or "(văn bản không ghi)"
            lines.append(f"{who} {verb}: {t.text[:200]}")
        return Answer(
            q.text,
            q.intent,
            "\n".join(lines),
            tuple(_task_record(t) for t in tasks),
            tuple(_source(t) for t in tasks),
        )

    def _task_list(self, q: Question, tasks: list[Item], what: str) -> Answer:
        tasks = sorted(tasks, key=lambda t: (t.file, t.start))
        if q.topic and len(tasks) > 5:
            tasks = self._rank_by_topic(tasks, q.topic)
        if not tasks:
            return Answer(q.text, q.intent, f"Không thấy nhiệm vụ nào {what}.", (), ())
        return self._listing(q, tasks, f"{len(tasks)} nhiệm vụ {what}:")

    def _unit(self, q: Question) -> Answer:
        folded = fold(q.text)
        tasks = [t for t in self._tasks.values() if _names_any(q.units, (*t.lead, *t.partners))]
        if q.documents:
            derived_items = self._document_tasks(q.documents[0])
            derived = {t.ref for t in derived_items}
            tasks = [t for t in tasks if t.ref in derived]
            if not tasks:
                return self._unit_in_passages(q) or self._no_unit_in(q, derived_items)
        if q.period:
            tasks = [t for t in tasks if t.period and q.period in fold(t.period)] or tasks
        leads: list[Item] = []
        joins: list[Item] = []
        for t in tasks:
            (leads if _names_any(q.units, t.lead) else joins).append(t)
        names = ", ".join(q.units)
        if re.search(r"\b(chu tri|phu trach|dam nhiem)\b", folded) and leads:
            tasks, what = leads, f"do {names} chủ trì"
        elif re.search(r"\b(phoi hop|tham gia)\b", folded) and joins:
            tasks, what = joins, f"{names} phối hợp thực hiện"
        else:
            tasks, what = (
                leads + joins,
                f"{names} chủ trì ({len(leads)}) hoặc phối hợp ({len(joins)})",
            )
        tasks = sorted(tasks, key=lambda t: (t.file, t.start))
        if q.topic and len(tasks) > 5:
            tasks = self._rank_by_topic(tasks, q.topic)
        if not tasks:
            return Answer(q.text, q.intent, f"Không thấy nhiệm vụ nào có {names}.", (), ())
        documents = []
        if re.search(rf"\b{_DOC_WORD}\s+nao\b", folded):
            # "… thực hiện văn bản nào?": the documents those tasks cite.
            for t in tasks:
                for key in t.keys:
                    if key != t.owner and key not in documents:
                        documents.append(key)
        records = [_document_record(k, show(self.store, k)) for k in documents]
        head = f"{len(tasks)} nhiệm vụ {what}:"
        if records:
            head = (
                f"{len(tasks)} nhiệm vụ {what}, thực hiện: "
                + "; ".join(r["symbol"] or r["key"] for r in records)
                + "."
            )
        answer = self._listing(q, tasks, head, records)
        if q.documents:
            answer = self._with_other_passages(q, answer, tasks)
        return answer

    def _with_other_passages(self, q: Question, answer: Answer, tasks: list[Item]) -> Answer:
        """The answer, and the passages of the document that name the unit outside its tasks.

        The structure reader misses some tasks (a sentence of a conclusion, "Bộ Tài chính
        khẩn trương báo cáo …"): the few passages naming the unit in their own text, outside
        every task listed, are quoted after the list, said as such.
        """
        spans = {(t.file, t.start, t.end) for t in tasks}
        others = [
            hit
            for hit, _ in self._passages_naming(q, 40, in_headings=False)
            if hit.kind == "passage"
            and not any(f == hit.file and s < hit.end and hit.start < e for f, s, e in spans)
        ][:3]
        if not others:
            return answer
        lines = [f"Các đoạn khác của văn bản nói về {', '.join(q.units)}:"]
        lines += [f"- «{h.text}»" for h in others]
        return replace(
            answer,
            answer=answer.answer + "\n" + "\n".join(lines),
            items=answer.items + tuple(h.record() for h in others),
            sources=answer.sources + tuple(Source(h.file, h.start, h.end, h.text) for h in others),
        )

    def _passages_naming(self, q: Question, k: int, in_headings: bool) -> list[tuple[Hit, Item]]:
        """The best `k` hits inside the named document that name a unit the question names.

        In their text, or with `in_headings` in the headings above them too; with their items,
        in search order. None for a document cited, not held: its own words are not here.
        """
        if not self._files_of(q.documents[:1]):
            return []
        names = [fold(u) for u in q.units]
        found = []
        for hit in self._hits_in(q, k):
            item = self.searcher.items[self.searcher.row_of(hit.id)]
            said = f"{item.context}\n{item.text}" if in_headings else item.text
            if any(name in fold(said) for name in names):
                found.append((hit, item))
        return found

    def _unit_in_passages(self, q: Question, n: int = 8) -> Answer | None:
        """The passages of the named document that name the unit, when none of its tasks does.

        A regulation states each body's duties in articles ("Sở Tư pháp có trách nhiệm: …"),
        a conclusion in sentences, not as rows of tasks: the passages naming the unit, in
        their text or in the heading above them, are then the answer, its own article first.
        """
        found = self._passages_naming(q, 80, in_headings=True)
        if not found:
            return None
        names = [fold(u) for u in q.units]

        def own(item: Item) -> bool:
            # Its own article: the unit in the heading above, or opening the passage
            # ("Điều 18. Trách nhiệm của Sở Khoa học và Công nghệ …").
            head = fold(f"{item.context}\n{item.text[:80]}")
            return any(name in head for name in names)

        # Stable: the search order is kept within each group.
        naming = [hit for hit, item in sorted(found, key=lambda pair: not own(pair[1]))]
        label, _ = _label(self.store, q.documents[0])
        units = ", ".join(q.units)
        shown = naming[:n]
        lines = [
            f"Không có nhiệm vụ nào thực hiện {label} do {units} chủ trì hoặc phối hợp; "
            f"{len(shown)} đoạn của văn bản nói về {units}:"
        ] + [f"- «{h.text}»" for h in shown]
        return Answer(
            q.text,
            q.intent,
            "\n".join(lines),
            tuple(h.record() for h in shown),
            tuple(Source(h.file, h.start, h.end, h.text) for h in shown),
        )

    def _no_unit_in(self, q: Question, derived: list[Item]) -> Answer:
        """None of a document's tasks involves the unit: say who does carry them out."""
        label, _ = _label(self.store, q.documents[0])
        names = ", ".join(q.units)
        head = f"Không có nhiệm vụ nào thực hiện {label} do {names} chủ trì hoặc phối hợp."
        if not derived:
            return Answer(q.text, q.intent, head, (), ())
        counts: dict[str, int] = {}
        for t in derived:
            who = t.lead[0] if t.lead else "không ghi đơn vị chủ trì"
            counts[who] = counts.get(who, 0) + 1
        spread = "; ".join(
            f"{who} ({n})" for who, n in sorted(counts.items(), key=lambda kv: -kv[1])
        )
        return self._listing(
            q, derived, f"{head} {len(derived)} nhiệm vụ thực hiện {label}: {spread}."
        )

    def _due(self, q: Question) -> Answer:
        if not q.period and not q.span:
            # "Phải xong trước ngày nào?": the passage that sets the date.
            return self._open(q)
        pool = self._document_tasks(q.documents[0]) if q.documents else list(self._tasks.values())
        tasks = [
            t
            for t in pool
            if (q.span and _in_span(t, q.span))
            or (q.period and t.period and q.period in fold(t.period))
        ]
        tasks.sort(key=lambda t: (t.due or "", t.file, t.start))
        if q.topic and len(tasks) > 5:
            tasks = self._rank_by_topic(tasks, q.topic)
        files = self._files_of(q.documents)
        passages = [
            item
            for r, _s, _l in self.searcher.fuse(q.text)[:20]
            if (item := self.searcher.items[r]).kind == "passage"
            and (not files or item.sha in files)
            and q.period
            and q.period in item.folded
        ][:3]
        if not tasks and not passages:
            return self._open(q)
        lines = [f"«{p.text[:300]}»" for p in passages]
        if tasks:
            lines.append(f"{len(tasks)} nhiệm vụ đến hạn trong thời gian hỏi:")
            lines += [f"- {_line(t)}" for t in tasks[:10]]
        return Answer(
            q.text,
            q.intent,
            "\n".join(lines),
            tuple(_task_record(t) for t in tasks[:MAX_ITEMS]),
            tuple(_source(i) for i in [*passages, *tasks[:MAX_ITEMS]]),
        )

    def _document_tasks(self, key: str) -> list[Item]:
        """The tasks of a document: those derived from it, else those of its own files."""
        derived = self._derived_items(key)
        if derived:
            return derived
        files = self._files_of([key])
        return [t for t in self._tasks.values() if t.sha in files]

    def _files_of(self, keys) -> set[str]:
        """The SHA-256 of the ingested files that are the documents named."""
        for key in keys:
            if key not in self._document_files:
                self._document_files[key] = document_files(self.store, key)
        return {sha for key in keys for sha in self._document_files[key]}

    def _signer(self, q: Question) -> Answer:
        named = _signed_object(q.text, find_query_references(q.text))
        keys = _resolve(self.store, q.text, [named]) if named is not None else []
        if keys:
            label, record = _label(self.store, keys[0])
            if not record.signers:
                return Answer(
                    q.text, q.intent, f"Không thấy chữ ký của {label} trong các tệp đã nạp.", (), ()
                )
            return self._signed_answer(q, keys[0], record)
        # A document described, not named ("báo cáo tình hình thực hiện Nghị quyết 02 sáu
        # tháng đầu năm"): a description is what a title says, so the ingested document
        # whose kind and title share most words with the question.
        found = self._best_titled(q.text)
        if found is None:
            return Answer(q.text, q.intent, "Không tìm thấy văn bản nào khớp với câu hỏi.", (), ())
        record = show(self.store, found)
        if record.signers:
            return self._signed_answer(q, found, record)
        title = record.subject or found
        return Answer(
            q.text,
            q.intent,
            f"Văn bản «{title}» không có khối chữ ký đọc được.",
            (_document_record(found, record),),
            (),
        )

    def _best_titled(self, question: str) -> str | None:
        """The key of the ingested document whose kind and title best match a question."""
        # The words asking who signed say nothing of which document.
        asked = set(tokenize(_BASED_ON.sub(" ", fold(question)))) - {
            *("ai", "ky", "nguoi", "do", "la", "ai_ky", "do_ai"),
            *("nao", "gi", "nhung", "cac", "van_ban"),
        }
        best, best_score = None, 0.0
        for key, title, type_code in titled_documents(self.store):
            words = set(tokenize(f"{type_name(type_code) or ''} {title}"))
            shared = asked & words
            # Shared syllables and bigrams, over the title's length; three at least.
            score = len(shared) / len(words) ** 0.5 if len(shared) >= 3 else 0.0
            if score > best_score:
                best, best_score = key, score
        return best

    def _signed_answer(self, q: Question, key: str, record: DocumentView) -> Answer:
        """Who signed a document, from its view (`show`), with the blocks as sources."""
        blocks = record.signers
        title = record.subject
        label = record.symbol or (f"«{title}»" if title else name_document(key))
        kind = type_name(record.type_code) or "Văn bản"
        who = "; ".join(f"{b.capacity} {b.name}" for b in blocks)
        item = {**_document_record(key, record), "signed_by": [b.name for b in blocks]}
        return Answer(
            q.text,
            q.intent,
            f"{kind} {label} do {who} ký.",
            (item,),
            tuple(Source(b.file, b.start, b.end, f"{b.capacity}\n{b.name}") for b in blocks),
        )

    def _open(self, q: Question) -> Answer:
        hits = _by_answer_kind(q.text, self._hits_in(q, 10))[:5]
        if not hits:
            return Answer(q.text, q.intent, "Không tìm thấy đoạn văn bản nào phù hợp.", (), ())
        items = tuple(h.record() for h in hits)
        # The best passages, and the one after the best: a fact is often stated in the
        # sentence (or the footnote) that follows the one naming the topic, and an answer may
        # be a list spread over items. Quoting three is honest where guessing one is not.
        best = hits[0]
        shown = [Source(best.file, best.start, best.end, best.text)]
        under = self._items_under(best.id) if best.kind != "document" else []
        follower = self._next_passage(best.id) if best.kind == "passage" and not under else None
        if follower is not None:
            shown.append(_source(follower))
            under = self._items_under(follower.ref)
        shown += [_source(i) for i in under]
        for h in hits[1:3]:
            if (h.file, h.start) not in {(s.file, s.start) for s in shown}:
                shown.append(Source(h.file, h.start, h.end, h.text))
                if h.kind != "document":
                    shown += [_source(i) for i in self._items_under(h.id)]
        answer = "\n".join(f"«{s.text}»" for s in shown)
        rest = [Source(h.file, h.start, h.end, h.text) for h in hits[1:]]
        return Answer(q.text, q.intent, answer, items, tuple(shown + rest))

    def _hits_in(self, q: Question, k: int) -> list[Hit]:
        """The best hits for a question, within the files of the documents it names if any.

        Inside a named document every passage carries its title, so there the passages are
        ranked by their own words against the question's topic (the question less its
        question words and the document's name), beside the dense lane's score.
        """
        files = self._files_of(q.documents)
        if not files:
            return self.searcher.search(q.text, k=k)
        rows = self._rows_of(files)
        if not rows:
            return self.searcher.search(q.text, k=k)
        return self._hits_within(q, rows, k)

    def _rows_of(self, files: set[str]) -> list[int]:
        """The rows of the items of some files (by SHA-256)."""
        return [r for r, item in enumerate(self.searcher.items) if item.sha in files]

    def _hits_within(self, q: Question, rows: list[int], k: int) -> list[Hit]:
        """The best hits for a question among some rows (a document's, or those naming it)."""
        topic = q.topic or q.text
        body = LexicalIndex.build([self.searcher.items[r].text for r in rows])
        lexical = {rows[i]: float(x) for i, x in enumerate(body.scores(topic)) if x > 0}
        dense = self.searcher.dense_within(q.text, rows)
        answer = self.searcher.answer_lane(q.text, set(lexical) | set(dense))
        lanes = {"exact": {}, "lexical": lexical, "dense": dense, "answer": answer}
        ranked = self.searcher.fuse(topic, lanes=lanes)
        return [self.searcher.hit(r, score, lanes) for r, score, lanes in ranked[:k]]

    def _items_under(self, ref: str, limit: int = 6) -> list[Item]:
        """The passages that follow an item and sit under it: the list it introduces.

        "Điều 1. Bãi bỏ các quyết định sau: 1. Quyết định số 43/2017 …" goes on in "2. Quyết
        định số 40/2013 …", whose headings above name it; "… bị khóa trong các trường hợp
        sau đây:" is no answer without its cases.
        """
        items = self.searcher.items
        row = self.searcher.row_of(ref)
        head = " ".join(fold(items[row].text).split())
        out: list[Item] = []
        for item in items[row + 1 : row + 1 + limit]:
            if item.kind != "passage" or item.sha != items[row].sha:
                break
            headings = item.context.split("\n")[0].split(" › ") if item.context else []
            if not any(
                (h := " ".join(fold(heading).removesuffix("…").split())) and head.startswith(h)
                for heading in headings
            ):
                break
            out.append(item)
        return out

    def _next_passage(self, ref: str) -> Item | None:
        row = self.searcher.row_of(ref) + 1
        if row < len(self.searcher.items):
            item = self.searcher.items[row]
            if item.kind == "passage" and item.sha == self.searcher.items[row - 1].sha:
                return item
        return None


def ask(searcher: Searcher, store: GraphStore, question: str) -> Answer:
    """Answer a question in Vietnamese, with sources.

    Args:
        searcher: The workspace's searcher.
        store: The workspace's store.
        question: The question, with or without diacritics.

    Returns:
        The answer with its intent, items and sources.
    """
    return Answerer(searcher, store).answer(question)
