"""What a query asks for, read from its question words, with or without diacritics.

People search with questions ("phạt bao nhiêu tiền", "có hiệu lực từ ngày nào", "xin phép ở
đâu"). Two things follow from the question words:

- they are not the words of the answer: a web page that repeats the question as its heading
  matches "bao nhiêu" better than the paragraph with the figure, so the lexical lane drops
  them (`drop_question_words`);
- they say what the answer looks like: an amount of money, a date, a length of time, a share,
  a code, a body, a place (`asked_shape`), so a passage holding one is raised (the answer lane
  of `search.hybrid`; `holds_shape` for a text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.text import fold

# Question phrases, folded; each is unambiguous folded (none is a content word).
_PHRASES = (
    "nhu the nao",
    "the nao",
    "ra sao",
    "bao nhieu",
    "bao lau",
    "bao gio",
    "khi nao",
    "luc nao",
    "hoi nao",
    "o dau",
    "tai dau",
    "noi nao",
    "tai sao",
    "vi sao",
    "co phai",
    "hay khong",
    "duoc khong",
    "hay chua",
    "la gi",
)
# One-syllable question words, as written with their marks: folded they are content words too
# ("gì" and "gi", "mấy" and "máy", "nào" and "não").
_WORDS = ("gì", "nào", "mấy", "đâu", "sao", "chưa", "không")
_DROP = re.compile(
    r"(?<![\w])(?:" + "|".join(p.replace(" ", r"\s+") for p in _PHRASES) + r")(?![\w])"
)
_DROP_MARKED = re.compile(r"(?<![\w])(?:" + "|".join(_WORDS) + r")(?![\w])")
_TRAILING_NO = re.compile(r"(?<![\w])khong\s*\??\s*$")


@dataclass(frozen=True, slots=True)
class Shape:
    """What an answer looks like.

    Attributes:
        kind: "money", "percent", "duration", "time", "place", "body", "code" (a tariff or
            procedure code, a telephone number) or "number".
        pattern: A regular expression over folded text that an answer holds.
    """

    kind: str
    pattern: re.Pattern[str]


_NUMBER = r"\d[\d.,]*"
_SHAPES: tuple[tuple[str, str, str], ...] = (
    # (kind, what the folded query says, what the folded answer holds); the first that the
    # query says wins, so the narrower kinds come first.
    (
        "money",
        r"bao nhieu tien|may trieu|may nghin|bao nhieu dong|bao nhieu ty|bao nhieu trieu|"
        r"phat bao nhieu|muc phat|muc luong|luong bao nhieu|tien bao nhieu|gia bao nhieu|"
        r"muc ho tro|muc chi|muc thu|muc phi|le phi bao nhieu|phi bao nhieu",
        rf"{_NUMBER}\s*(?:dong|vnd|d\b|trieu|ty|nghin|usd)|\b(?:trieu|ty) dong\b",
    ),
    (
        "percent",
        r"phan tram|ty le|bao nhieu %|may %",
        rf"{_NUMBER}\s*%|\bphan tram\b",
    ),
    (
        "duration",
        r"bao lau|(?:may|bao nhieu) (?:ngay|thang|nam|gio|tieng|phut|tuan)",
        rf"\b{_NUMBER}\s*(?:\([^)]{{1,20}}\)\s*)?(?:ngay|thang|nam|gio|tieng|phut|tuan)\b",
    ),
    (
        "time",
        r"khi nao|bao gio|luc nao|hoi nao|ngay nao|thang nao|nam nao|thoi gian nao|"
        r"thoi diem nao|thoi han|han chot|hieu luc tu|tu ngay nao|den ngay nao|truoc ngay nao",
        r"\b\d{1,2}/\d{1,2}/\d{4}\b|\bngay \d{1,2}\b|\bthang \d{1,2}\b|\bquy [ivx1-4]+\b|"
        r"\bnam 20\d\d\b|\b\d+ ngay\b|\bchay nhat\b|\btruoc ngay\b|\bhang (?:nam|thang|quy)\b|"
        r"\bdinh ky\b|\bke tu\b",
    ),
    (
        "code",
        r"ma so (?:nao|la gi|la bao nhieu)|ma (?:nao|hs|tthc|thu tuc)\b|so dien thoai|"
        r"duong day nong",
        r"\b\d{1,4}(?:\.\d{2,6}){1,3}\b|\b0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b",
    ),
    (
        "place",
        r"o dau|tai dau|noi nao|dia diem nao|cho nao",
        r"\b(?:tai|o) (?:nghia trang|tru so|xa|phuong|tinh|thanh pho|huyen|thi xa|cong an|"
        r"bo phan|trung tam|so|uy ban|ubnd)\b|\bnoi cu tru\b|\bdia diem\b",
    ),
    (
        "body",
        r"(?:^|\s)ai(?:\s|$)|co quan nao|don vi nao|so nao|bo nao|cap nao|ai chiu trach nhiem|"
        r"giao cho ai|thuoc ve ai",
        r"\b(?:so|bo|cuc|chi cuc|phong|ban|uy ban|ubnd|hdnd|cong an|chu tich|giam doc|"
        r"thu truong|thu tuong|chinh phu|van phong|trung tam|doanh nghiep|to chuc|ca nhan)\b",
    ),
    (
        "number",
        r"bao nhieu|(?:^|\s)may(?:\s|$)",
        rf"\b{_NUMBER}\b",
    ),
)
_ASKED = tuple(
    (kind, re.compile(rf"(?:{asks})"), re.compile(holds)) for kind, asks, holds in _SHAPES
)


# What "mấy" counts, folded: times, people, places, money, steps, documents, measures.
_COUNTED = (
    r"lan|nguoi|ngay|tuan|thang|nam|gio|tieng|phut|trieu|ty|nghin|dong|phan tram|xa|phuong|"
    r"tinh|huyen|ho|loai|buoc|muc|dot|ky|cap|don vi|co quan|nhiem vu|van ban|ban|trang|"
    r"km|ha|tan|kg|gram|met|con|cai|chiec|tuoi"
)


def asked_shape(query: str) -> Shape | None:
    """What the answer to a query looks like, when its question words say.

    Args:
        query: What the user typed (NFC), with or without diacritics.

    Returns:
        The shape, or None for a query that asks for no particular kind of answer.

    Examples:
        >>> asked_shape("phạt bao nhiêu tiền").kind
        'money'
        >>> asked_shape("quyet dinh co hieu luc tu ngay nao").kind
        'time'
        >>> asked_shape("chuyển đổi số cấp xã") is None
        True
    """
    lowered = " ".join(query.lower().replace("?", " ").split())
    folded = fold(lowered)
    if _has_marks(query):
        # Written with marks, only "mấy" and "ai" themselves ask: not "máy" (a machine), "ải".
        words = lowered.split()
        folded = " ".join(
            f if w not in ("máy", "mày", "may", "ái", "ải", "ái") or f not in ("may", "ai") else "_"
            for w, f in zip(words, folded.split(), strict=True)
        )
    else:
        # Typed without marks, "may" is "mấy" only before what is counted ("may ngay", "may
        # lan"): "may moc thiet bi" is machinery.
        folded = re.sub(rf"\bmay\b(?!\s+(?:{_COUNTED})\b)", "_", folded)
    if re.search(r"\bAI\b", query):
        folded = re.sub(r"\bai\b", "_", folded)  # "AI", the field, asks for no one
    for kind, asks, holds in _ASKED:
        if asks.search(folded):
            return Shape(kind, holds)
    return None


def _has_marks(text: str) -> bool:
    return any(ord(c) > 127 for c in text)


def holds_shape(shape: Shape, text: str) -> bool:
    """Whether a text holds an answer of the shape asked for."""
    return bool(shape.pattern.search(fold(text)))


def drop_question_words(query: str) -> str:
    """The query without its question words, for the lexical lane.

    Phrases that are question words however they are written go ("bao nhiêu", "bao nhieu",
    "ở đâu"); one-syllable ones only when written with their marks ("gì", "mấy"), since
    folded they are also words of the documents ("gi" of "ghi", "may" of "máy"). A query made
    of question words alone is returned as it is.

    Examples:
        >>> drop_question_words("phạt bao nhiêu tiền khi đốt pháo?")
        'phạt tiền khi đốt pháo?'
        >>> drop_question_words("thi hanh den bao gio")
        'thi hanh den'
    """
    lowered = query.lower()
    kept = _DROP_MARKED.sub(" ", _swap_fold(lowered))
    kept = _TRAILING_NO.sub(" ", kept) if not _has_marks(query) else kept
    kept = " ".join(kept.split())
    return kept if re.search(r"\w", kept) else query


def _swap_fold(lowered: str) -> str:
    """Drop question phrases found in the fold, at the same offsets of the text itself."""
    folded = fold(lowered)
    out, at = [], 0
    for m in _DROP.finditer(folded):
        out.append(lowered[at : m.start()])
        out.append(" ")
        at = m.end()
    out.append(lowered[at:])
    return "".join(out)
