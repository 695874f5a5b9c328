"""The grammar of document references (số hiệu) in Vietnamese text.

Patterns run on the *folded* matching view (`ingest.text.fold`: lower case, no diacritics,
one character for one), so "Nghị quyết", "NGHỊ QUYẾT" and OCR's "Nghi quyét" are the same
words and offsets stay those of the text. What a match means (which segment is the type
code, which the issuer) is decided in `ingest.extract`, where the catalogue is at hand.

Fragments, each with a real example; alternatives longest first.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.catalogue import load_catalogue

# One whitespace character of the matching view (runs were collapsed by ingest.clean).
_WS = r"[ \n]"

# A separator inside a số hiệu: "57-NQ", "57- NQ" and "359-\nKH" (a line break after it),
# "39 /QĐ" (a space before it); never spaced on both sides, which is punctuation. A doubled
# slash is a typing slip ("39/2010//TT-BTNMT"), one separator.
_SEP = rf"(?:{_WS}[/\-–](?!{_WS})|//(?=[a-z])|[/\-–]{_WS}?)"

# A code segment: "nq", "ubnd", "qlkh&dmst", "qh15", "0d" (OCR of QĐ).
_SEG = r"[a-z0-9][a-z0-9&]*"

# The number: "57", "02", "30c", and the decimal numbers the Government gives resolutions
# adopted at its meetings ("66.2/2025/NQ-CP"); not inside another number, a date or a code,
# but it may be glued to its "số" ("Tờ trình số374/TTr-CP").
_NUM = r"(?:(?<=(?<![a-z])so)|(?<![a-z0-9/.,:\-–]))\d{1,5}(?:\.\d{1,2}(?=[/\-–]))?[a-z]?"

# "số", "số:", "Số", and what OCR makes of it: "s6", "sé", "so", "sb", "so6"; never "sau"
# ("Kết luận như sau: 1." lists points, it cites nothing).
_SO = rf"s(?!au(?![a-z0-9]))[a-z0-9]{{1,2}}(?:{_WS}?:)?"

# Old citations put a space after the number: "Nghị quyết số 391 NQ/TVQH", "Quyết định số
# 991 KT/CTN". Only after a type word, and only before a code with its slash, so a quantity
# ("Kế hoạch 5 năm") never reads as one; ingest.extract also wants the code in capitals.
_SPACED = r"(?(word)[ ](?=[a-z]{1,6}[/\-–][a-z])|(?!))"

# A full số hiệu: "57-NQ/TW", "71/NQ-CP", "04/2025/QĐ-UBND", "1436/VP-TTXTDT",
# "01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP", "45/2019/QH14". Interpreted in ingest.extract.
_SOHIEU = rf"(?P<num>{_NUM})(?P<segs>(?:{_SEP}|{_SPACED}){_SEG}(?:{_SEP}{_SEG})*)(?![a-z0-9&])"

# National standards: "QCVN 4:2009/BKHCN", "TCVN 9386:2012", "TCVN ISO 9001:2015".
_STANDARD = (
    r"(?P<std>(?P<stdtype>qcvn|tcvn)(?P<iso>[ \n]iso)?[ \n]?(?P<stdnum>\d{1,5}(?:-\n?\d{1,4})*)"
    r":(?P<stdyear>(?:19|20)\d\d)(?:/(?P<stdissuer>[a-z][a-z0-9&]*))?)(?![a-z0-9])"
)

# A short form after a type word: "Nghị quyết 57", "Kế hoạch số 359", "NĐ 30/2020".
_SHORT = r"(?<![a-z0-9])(?P<snum>\d{1,4}[a-z]?)(?:/(?P<syear>(?:19|20)\d\d))?(?![a-z0-9/\-–&])"


@cache
def type_words() -> tuple[str, ...]:
    """Return every folded type word and abbreviation of the catalogue, longest first."""
    words = {w for t in load_catalogue().types for w in (*t.words, *t.abbrevs)}
    return tuple(sorted(words, key=len, reverse=True))


def _word_pattern(word: str) -> str:
    # "ke hoach" also matches "ke\nhoach" (a word broken over a line) and OCR's "ke& hoach".
    return _WS.join(
        "".join(_OCR_LETTER.get(ch, re.escape(ch)) for ch in part) + "[&@*'’]?"
        for part in word.split()
    )


# Letters of a type word and what OCR turns them into: "K& hoach" (ế), "Quyér dinh" (t).
_OCR_LETTER = {"e": "[e&]", "t": "[tr]"}


@cache
def abbreviations() -> frozenset[str]:
    """Return the folded abbreviations that stand as type words ("nd", "qd")."""
    return frozenset(a for t in load_catalogue().types for a in t.abbrevs)


@cache
def _prefix() -> str:
    words = "|".join(_word_pattern(w) for w in type_words())
    # The type word, then "số" with up to six words between ("Kế hoạch hoành động số",
    # "Luật Tổ chức chính quyền địa phương số"); when those words hold another type word
    # ("Kế hoạch thực hiện Chỉ thị số 19"), the reference is to that one: ingest.extract
    # moves the start there (a look-ahead here for every word would cost a third of the time).
    # A space must follow the type word: "phương án4" is a footnote mark, not a reference.
    return (
        rf"(?<![a-z0-9])(?P<word>{words}):?"
        rf"(?:{_WS}(?P<mid>(?:[a-z]+{_WS}){{0,6}}?)(?P<so>{_SO}){_WS}?|{_WS})"
    )


@cache
def inner_type_word() -> re.Pattern[str]:
    """A type word standing alone, to find one among the words before "số"."""
    words = "|".join(_word_pattern(w) for w in type_words())
    return re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z])")


@cache
def reference_pattern() -> re.Pattern[str]:
    """Compile the reference grammar (cached).

    Groups: `word` (the type word), `so`, `num`/`segs` (a full số hiệu), `std*` (a
    standard), `snum`/`syear` (a short form, only after a type word).

    Returns:
        The compiled pattern, to be run on a folded matching view.
    """
    body = rf"(?:{_STANDARD}|{_SOHIEU}|(?(word){_SHORT}|(?!)))"
    return re.compile(rf"(?:{_prefix()})?{body}")


@cache
def dangling_pattern() -> re.Pattern[str]:
    """Compile the pattern of a số hiệu cut off at a line end or cell border (cached).

    "Nghị quyết số 45-" at the end of a line whose "NQ/TW" stands at the start of a later
    line, because a PDF table interleaved other cells between them. Groups: `word`, `so`,
    `num`, `segs` (the segments before the cut) and `sep` (the separator at the cut).

    Returns:
        The compiled pattern, to be run on a folded matching view.
    """
    return re.compile(rf"(?:{_prefix()})?{DANGLING.pattern}")


# Splits the `segs` group into (separator, segment) pairs.
# A `sep` of None is the space of an old citation ("391 NQ/TVQH"), at the start only.
SEGMENT = re.compile(rf"(?:{_WS}?(?P<sep>[/\-–])/?{_WS}?|^[ ])(?P<seg>{_SEG})")

# Patterns below are used with `.match(folded, pos)` right after a reference.

# The rest of a table row that OCR put inside a cell's text: " | PGD So Phong QLCN\n".
_CELL_TAIL = r"(?:[ ]?\|[^\n]{0,80}\n)"

# A gap inside a date: a space or line break, or the tail of a table row.
_GAP = rf"(?:{_CELL_TAIL}|{_WS})"

# A date right after a reference: ", ngày 22/12/2024", "ngày 22 tháng 8 năm 2025",
# "ban hành ngày 01.4.2025", "ngày 21 /3/2025", OCR "ngdy 09/7/2024",
# "ngay 30 thang | PGD So Phong QLCN\n7 nam 2024" (a row tail inside the date).
DATE = re.compile(
    rf"(?:{_WS}?,)?{_WS}?(?:ban{_WS}hanh{_WS})?ng[a-z]y{_WS}?"
    rf"(?:(?P<d>\d{{1,2}}){_WS}?[/.\-]{_WS}?(?P<m>\d{{1,2}}){_WS}?[/.\-]{_WS}?(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_GAP}thang{_GAP}(?P<m2>\d{{1,2}}){_GAP}nam{_GAP}(?P<y2>\d{{4}}))"
)

# A date cut from its "ngày" by interleaved table cells: "ngày" ends a line (or a cell),
# and the date starts a later line: "13-NQ/TU ngày \n Phòng \n ... \n 06/9/2023 của".
DATE_CUT = re.compile(rf"(?:{_WS}?,)?{_WS}?ngay{_WS}?(?=[|\n])")
DATE_CUT_REST = re.compile(r"\n[ |]?(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})(?![0-9])")

# "của Bộ Chính trị", "của Ban Thường vụ Tỉnh ủy", up to where the subject or a new clause
# begins, or "và" starts another document ("của Chính phủ và các Nghị quyết của Tỉnh ủy").
_BODY_END = (
    rf"{_WS}ve{_WS}|{_WS}(?:thuc{_WS}hien|trien{_WS}khai|ban{_WS}hanh|phe{_WS}duyet|quy{_WS}dinh)"
    rf"|{_WS}va{_WS}(?:cac{_WS})?(?:nghi|quyet|ke{_WS}hoach|chuong|chi{_WS}thi|thong|cong{_WS}van|"
    rf"de{_WS}an|ket{_WS}luan|van{_WS}ban)|[,;:.()\[\]\"“”]|$"
)
ISSUING_BODY = re.compile(
    rf"{_WS}?,?{_WS}?cua{_WS}(?P<body>[^\d]{{2,90}}?)(?={_BODY_END})", re.DOTALL
)

# "về đột phá phát triển ...", "về việc ban hành ...", up to the end of the clause.
SUBJECT = re.compile(
    rf"{_WS}?,?{_WS}?ve{_WS}(?P<subject>.{{3,400}}?)(?=[;(\[]|\.(?!\d)|$)", re.DOTALL
)

# Words before a number that make it a form, article or appendix number, not a document.
DISTRACTOR_BEFORE = re.compile(
    rf"(?<![a-z])(?P<word>mau|bieu|phu{_WS}luc|dieu|khoan|muc|chuong|tiet|trang){_WS}"
    rf"(?:{_SO}{_WS}?)?$"
)

# What may follow a short form ("Nghị quyết 57 của Bộ Chính trị", "Đề án 06;"). Anything
# else makes the number a quantity: "Chương trình công tác 6 tháng", "Hướng dẫn 09 tổ chức".
SHORT_FOLLOW = re.compile(
    rf"(?:{_WS}?(?:[,.;:)(\]\[\"”“'/?!*]|$)|{_WS}(?:cua|ve|ngay|va|da|duoc|tai|tren|theo|voi|"
    rf"cho|la|thi|nay|do|se|thuc{_WS}hien|trien{_WS}khai|ban{_WS}hanh|nam{_WS}(?:19|20)\d\d|"
    rf"nhu|gom|co|trong|nham|ma|ra{_WS}sao|the{_WS}nao|moi{_WS}nhat|hay{_WS}khong|khong)"
    rf"(?![a-z])|{_WS}?$|[ ]?\n(?![a-z]))"
)

# Words that make the number after a type word a count, whatever the type: "Kế hoạch 5 năm",
# "Chương trình 10 điểm", "các quyết định 03 cán bộ".
QUANTITY_AFTER = re.compile(
    rf"{_WS}(?:nam|thang|ngay|tuan|quy|gio|diem|nguoi|can{_WS}bo|ban|trang|lan|muc|"
    rf"noi{_WS}dung|nhiem{_WS}vu|van{_WS}ban|don{_WS}vi|xa|huyen|tinh|ty|trieu|nghin|dong|"
    rf"chi{_WS}tieu|linh{_WS}vuc|du{_WS}an|de{_WS}an)(?![a-z])"
)

# Types whose word is rarely a count or a verb: after "Nghị định 106" any word but a count
# goes on with the sentence ("Nghị định 106 xử phạt ...", "Nghị quyết 15 chuyển ...").
NAMED_TYPES = frozenset({"NĐ", "NQ", "TT", "CT", "KL", "L", "TTLT", "SL"})

# Type words that are also verbs ("hướng dẫn", "báo cáo"): a short form needs "số" after them.
VERB_TYPES = frozenset({"HD", "BC", "TB", "QyĐ", "PA", "QC"})

# A số hiệu left dangling at a line end or a table-cell border ("45-" ... "NQ/TW" on a later
# line, when a PDF table interleaves cells): the number, its first segments and the
# separator, then a line break or a "|".
DANGLING = re.compile(rf"(?P<num>{_NUM})(?P<segs>(?:{_SEP}{_SEG})*)(?P<sep>[/\-–])(?=[ ]?[|\n])")

# Where the rest of a dangling số hiệu starts a later line: "NQ/TW", "UBND", "KL/TW".
DANGLING_REST = re.compile(rf"\n[ |]?(?P<rest>{_SEG}(?:[/\-–]{_SEG})*)(?![a-z0-9&])")
