"""Find document references in a cleaned document and read their fields."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from ingest.catalogue import (
    is_local_issuer,
    is_party_issuer,
    load_catalogue,
    match_issuer,
    match_type_code,
    stands_alone,
)
from ingest.grammar import (
    DANGLING_REST,
    DATE,
    DATE_CUT,
    DATE_CUT_REST,
    DISTRACTOR_BEFORE,
    ISSUING_BODY,
    NAMED_TYPES,
    QUANTITY_AFTER,
    SEGMENT,
    SHORT_FOLLOW,
    SUBJECT,
    VERB_TYPES,
    abbreviations,
    dangling_pattern,
    inner_type_word,
    reference_pattern,
)
from ingest.locality import locality_in, read_locality
from ingest.models import Document, Mention
from ingest.text import fold

_YEAR = re.compile(r"(?:19|20)\d\d")
_SPACES = re.compile(r"\s+")
_NEXT_WORD = re.compile(r" [a-z]")
_LINE_THEN_CAPITAL = re.compile(r" ?\n+(\w)")
# The year written after a number that holds none: "Hướng dẫn 02-HD/TWH năm 2025".
_YEAR_AFTER = re.compile(r"[ \n]nam[ \n]((?:19|20)\d\d)(?![0-9])")


@dataclass(frozen=True, slots=True)
class _Segment:
    sep: str
    text: str  # as written in the matching view


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the segments of a số hiệu mean."""

    type_code: str | None
    issuer: str | None
    year: int | None
    style: str  # "party", "state", "normative", "letter" (công văn)
    repairs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Parsed:
    """The fields of one reference, before its context (date, body, subject) is read."""

    type_code: str | None
    number: str
    issuer: str | None
    year_in_number: int | None
    style: str
    repairs: tuple[str, ...] = ()
    short: bool = False
    num_start: int = 0
    written: str | None = None
    code_in_number: bool = True  # False for công văn and laws, whose số hiệu has no type code


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _normalize_issuer(segments: list[_Segment], repairs: list[str]) -> str | None:
    """Join issuer segments with "-", normalising known codes and repairing the first."""
    parts: list[str] = []
    for i, seg in enumerate(segments):
        exact = match_issuer(seg.text, repair=False)
        if exact:
            parts.append(exact)
            continue
        # OCR damage is repaired only in codes written in capitals ("QP", "BCPTW"); a code
        # with a small letter is written so on purpose ("SNgV", Sở Ngoại vụ) and kept.
        if i == 0 and len(seg.text) >= 2 and seg.text == seg.text.upper():
            repaired = match_issuer(seg.text, repair=True)
            if repaired:
                repairs.append(f"issuer {seg.text}->{repaired}")
                parts.append(repaired)
                continue
        parts.append(seg.text)
    return "-".join(parts) if parts else None


def _type_from(seg: _Segment, repairs: list[str]) -> str | None:
    exact = match_type_code(seg.text, repair=False)
    if exact:
        return exact
    repaired = match_type_code(seg.text, repair=True)
    if repaired:
        repairs.append(f"type_code {seg.text}->{repaired}")
    return repaired


def _split_glued(text: str) -> tuple[str, str] | None:
    """Split an OCR-glued "QĐUBND" into ("QĐ", "UBND") when both halves are known."""
    for cut in range(min(4, len(text) - 1), 0, -1):
        code = match_type_code(text[:cut], repair=False)
        issuer = match_issuer(text[cut:], repair=False)
        if code and issuer:
            return code, issuer
    return None


def _looks_like_code(text: str) -> bool:
    """An issuer written as a code: upper case ("VP", "SKHCN"), or a known one ("TTg").

    A code starts with a letter: "4G/5G" names mobile generations, not a letter's issuer.
    """
    return text[:1].isalpha() and (text == text.upper() or match_issuer(text, False) is not None)


_GLUED_YEAR = re.compile(r"((?:19|20)\d\d)([^\W\d_][\w&]*)")


def read_segments(segments: list[_Segment]) -> _Reading | None:
    """Interpret the segments after the number of a số hiệu.

    Args:
        segments: (separator, code) pairs, e.g. [("-", "NQ"), ("/", "TW")].

    Returns:
        The reading, or None when the segments are not a số hiệu (a date, a range of years).
    """
    if not segments or not any(_has_letter(s.text) for s in segments):
        return None
    repairs: list[str] = []
    glued = _GLUED_YEAR.fullmatch(segments[0].text)
    if segments[0].sep == "/" and glued:
        # "49/2025TT-BCT": the slash between year and type code was lost.
        segments = [_Segment("/", glued[1]), _Segment("/", glued[2]), *segments[1:]]
        repairs.append(f"split {glued[0]}")
    year = None
    rest = segments
    style = "state"
    if segments[0].sep == "/" and _YEAR.fullmatch(segments[0].text) and len(segments) > 1:
        year, rest, style = int(segments[0].text), segments[1:], "normative"
    elif segments[0].sep in "-–":
        style = "party"
    head, tail = rest[0], rest[1:]
    if not _has_letter(head.text):
        return None
    if style == "party":
        code = _type_from(head, repairs)
        if code is None or not tail:
            return None
        return _Reading(code, _normalize_issuer(tail, repairs), year, style, tuple(repairs))
    if not tail and (code := match_type_code(head.text, repair=False)):
        if stands_alone(code):
            return _Reading(code, None, year, style, tuple(repairs))  # "97/SL"
        return None  # "51/KH" with its issuer lost: a type code is not an issuer
    if match_issuer(head.text, repair=False) is None and tail:
        code = _type_from(head, repairs)
        if code is not None:
            return _Reading(code, _normalize_issuer(tail, repairs), year, style, tuple(repairs))
    glued = _split_glued(head.text)
    if glued and match_issuer(head.text, repair=False) is None:
        code, issuer = glued
        extra = _normalize_issuer(tail, repairs)
        issuer = f"{issuer}-{extra}" if extra else issuer
        return _Reading(code, issuer, year, style, (f"split {head.text}",))
    if not _looks_like_code(head.text):
        return None
    return _Reading(
        None,
        _normalize_issuer(rest, repairs),
        year,
        "normative" if year else "letter",
        tuple(repairs),
    )


def format_symbol(
    number: str, type_code: str | None, issuer: str | None, year_in_number: int | None, style: str
) -> str | None:
    """Spell a số hiệu canonically: Party style for Party bodies, State style otherwise.

    Args:
        number: The number as written.
        type_code: The type code inside the số hiệu, or None (công văn, laws).
        issuer: The issuer code(s).
        year_in_number: The year written inside the số hiệu (normative documents).
        style: How it was written ("party", "state", "normative", "letter", "old",
            "standard", "standard-iso").

    Returns:
        The symbol, e.g. "57-NQ/TW", "71/NQ-CP", "04/2025/QĐ-UBND", "1436/VP-TTXTDT".
    """
    if style.startswith("standard"):
        iso = " ISO" if style == "standard-iso" else ""
        return f"{type_code}{iso} {number}:{year_in_number}" + (f"/{issuer}" if issuer else "")
    if issuer is None:
        return None
    if year_in_number is not None:
        mid = f"{type_code}-{issuer}" if type_code else issuer
        return f"{number}/{year_in_number}/{mid}"
    if style == "old":
        return f"{number}-{issuer}"
    if type_code is None:
        return f"{number}/{issuer}"
    # Party bodies write Party style, known State bodies State style; otherwise as written.
    party = is_party_issuer(issuer)
    known = match_issuer(issuer.split("-")[0], False) is not None
    if party or (style == "party" and (party is None or not known)):
        return f"{number}-{type_code}/{issuer}"
    return f"{number}/{type_code}-{issuer}"


def _iso_date(day: str, month: str, year: str) -> str | None:
    try:
        found = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None  # "31/02/2025" is a typo, not a date
    return found.isoformat() if 1900 <= found.year <= 2100 else None


def _read_date(folded: str, pos: int) -> tuple[str | None, int]:
    m = DATE.match(folded, pos)
    if m:
        parts = ("d", "m", "y") if m.group("d") else ("d2", "m2", "y2")
        date = _iso_date(*(m.group(p) for p in parts))
        return (date, m.end()) if date else (None, pos)
    cut = DATE_CUT.match(folded, pos)
    if cut:
        rest = DATE_CUT_REST.search(folded, cut.end(), min(len(folded), cut.end() + 300))
        if rest:
            date = _iso_date(rest.group("d"), rest.group("m"), rest.group("y"))
            if date:
                return date, rest.end()
    return None, pos


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,;:")


def _read_context(
    doc: Document, folded: str, pos: int
) -> tuple[str | None, str | None, str | None]:
    """Read the date, the issuing body and the subject written after a reference."""
    date, pos = _read_date(folded, pos)
    body = subject = None
    m = ISSUING_BODY.match(folded, pos)
    if m:
        body = _tidy(doc.clean[m.start("body") : m.end("body")])
        pos = m.end()
        if date is None:
            date, pos = _read_date(folded, pos)
    m = SUBJECT.match(folded, pos)
    if m:
        subject = "về " + _tidy(doc.clean[m.start("subject") : m.end("subject")])
    return date, body, subject


def find_mentions(doc: Document) -> list[Mention]:
    """Find every numbered document reference in a document.

    Args:
        doc: A cleaned document.

    Returns:
        The mentions in text order, with offsets into `doc.text`.
    """
    folded = fold(doc.clean)
    by_word = load_catalogue().type_by_word
    home = read_locality(doc.text)
    found: list[tuple[int, int, Mention]] = []  # (start, end) in the view, and the mention
    letters: set[str] = set()  # numbers the file calls công văn
    for m in reference_pattern().finditer(folded):
        word, start = _word_of(m, folded)
        word_type = by_word.get(" ".join(word.split())) if word else None
        # "Mẫu số 01/BC", "Điều 3": a bare number after these is not a document, nor is one
        # a type word reaches across them ("báo cáo kết quả theo mẫu số 03").
        if not word and _is_distractor(doc.clean, folded, start):
            continue
        number_at = m.start("num") if m.group("num") is not None else m.start("snum")
        if (
            word
            and m.group("mid")
            and _FORM_BEFORE.search(folded, max(0, number_at - 24), number_at)
        ):
            continue
        if word in abbreviations() and not _is_abbreviation(doc.clean, m):
            continue
        letter = bool(word) and " ".join(word.split()) == "cong van"
        reading = _read_match(doc, m, word_type.code if word_type else None, letter)
        if reading is None:
            continue
        if not word and reading.type_code is None and _ASSEMBLY.match(reading.issuer or ""):
            # "Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15": the title
            # between is longer than the grammar's type word reaches.
            named = _assembly_word_before(folded, start)
            if named is not None:
                start, word_type = named
                reading = replace(reading, type_code=word_type.code)
        if reading.short and not _is_short_form(doc.clean, folded, m, reading.type_code):
            continue
        mention = _mention(doc, folded, start, m.end(), reading, word_type)
        if letter and reading.style == "letter":
            letters.add(mention.written)
        found.append((start, m.end(), mention))
    found.extend(_find_dangling(doc, folded, [(s, e) for s, e, _ in found]))
    mentions = _as_letters([m for _, _, m in sorted(found, key=lambda f: f[0])], letters)
    return [_place(m, home) for m in mentions]


def _as_letters(mentions: list[Mention], letters: set[str]) -> list[Mention]:
    """A number the file calls a công văn is one wherever it stands without a type word."""
    out = []
    for m in mentions:
        if m.written in letters and m.word_type is None and m.type_code not in (None, "CV"):
            issuer = f"{m.type_code}-{m.issuer}" if m.issuer else m.type_code
            symbol = format_symbol(m.number, None, issuer, None, "letter")
            m = replace(m, type_code="CV", issuer=issuer, symbol=symbol)
        out.append(m)
    return out


# The National Assembly and its Standing Committee number their laws, codes, ordinances and
# resolutions alike: "93/2025/QH15", "35/2024/UBTVQH15"; the type is in the words before.
_ASSEMBLY = re.compile(r"^(?:UBTV)?QH\d{1,2}$")
_ASSEMBLY_WORDS = re.compile(r"(?<![a-z])(?:bo luat|luat|phap lenh|nghi quyet|hien phap)(?![a-z])")
# How far back the type word of a law may stand: a law's title, not another clause.
_TITLE_REACH = 160


def _assembly_word_before(folded: str, start: int):
    """The start and type of the type word that names a National Assembly number.

    Only where its title runs up to the number's "số" without ending a clause or holding
    another number ("Luật Đất đai số 31/2024/QH15"); None otherwise.
    """
    window = folded[max(0, start - _TITLE_REACH) : start]
    words = list(_ASSEMBLY_WORDS.finditer(window))
    if not words:
        return None
    last = words[-1]
    between = window[last.end() :]
    if re.search(r"[;:.()\n]|\d/", between) or not re.search(r"(?:^|\s)so\s*:?\s*$", between):
        return None  # another clause, another number, or no "số" before the number
    word_type = load_catalogue().type_by_word.get(last.group())
    if word_type is None:
        return None
    return start - len(window) + last.start(), word_type


def _place(m: Mention, home: str | None) -> Mention:
    """Give a province's own document its province.

    The one its issuing body names, else the citing file's ("Kế hoạch số 359-KH/TU của Ban
    Thường vụ Tỉnh ủy" is the Tỉnh ủy of the file's province).
    """
    if not is_local_issuer(m.issuer):
        return m
    if m.issuing_body and "trung uong" in fold(m.issuing_body):
        return m  # "Ban Chỉ đạo Trung ương": a central body after all
    locality = locality_in(m.issuing_body) or home
    return replace(m, locality=locality) if locality else m


def _mention(doc: Document, folded: str, start: int, end: int, r: _Parsed, word_type) -> Mention:
    """Build a mention from the parse of the view span [start, end)."""
    date, body, subject = _read_context(doc, folded, end)
    year_after = _YEAR_AFTER.match(folded, end)
    t_start, t_end = doc.to_source(start, end)
    return Mention(
        file=doc.path,
        start=t_start,
        end=t_end,
        surface=doc.text[t_start:t_end],
        type_code=r.type_code,
        number=r.number,
        issuer=r.issuer,
        year=r.year_in_number
        or (int(date[:4]) if date else None)
        or (int(year_after[1]) if year_after else None),
        date=date,
        symbol=None
        if r.short
        else format_symbol(
            r.number,
            r.type_code if r.code_in_number else None,
            r.issuer,
            r.year_in_number,
            r.style,
        ),
        written=r.written or _SPACES.sub("", doc.clean[r.num_start : end]),
        short=r.short,
        issuing_body=body,
        subject=subject,
        repairs=r.repairs,
        word_type=word_type.code if word_type else None,
    )


def _split_code(text: str, first_sep: str) -> list[_Segment]:
    parts = re.split(r"([/\-–])", text)
    return [_Segment(first_sep, parts[0])] + [
        _Segment(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)
    ]


def _find_dangling(doc: Document, folded: str, taken: list[tuple[int, int]]):
    """Complete số hiệu cut by interleaved table cells ("45-" ... "NQ/TW" lines later)."""
    by_word = load_catalogue().type_by_word
    clean = doc.clean
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    for m in dangling_pattern().finditer(folded):
        word, start = _word_of(m, folded)
        start = start if word else m.start("num")
        # Spans found by the main pass do not overlap, so only the nearest one can.
        k = bisect_left(starts, m.end()) - 1
        if k >= 0 and taken[k][1] > start:
            continue
        head = _segments(clean, m)
        for rest in DANGLING_REST.finditer(folded, m.end(), min(len(folded), m.end() + 400)):
            first = clean[rest.start("rest") : rest.end("rest")]
            if not _looks_like_code(re.split(r"[/\-–]", first)[0]):
                continue
            reading = read_segments(head + _split_code(first, m.group("sep")))
            if reading is None:
                continue
            word_type = by_word.get(" ".join(word.split())) if word else None
            parsed = _Parsed(
                type_code=reading.type_code or (word_type.code if word_type else None),
                number=clean[m.start("num") : m.end("num")],
                issuer=reading.issuer,
                year_in_number=reading.year,
                style=reading.style,
                repairs=(*reading.repairs, "joined across table cells"),
                short=False,
                num_start=m.start("num"),
                written=_SPACES.sub("", clean[m.start("num") : m.end()]) + first,
                code_in_number=reading.type_code is not None,
            )
            yield (
                start,
                rest.end("rest"),
                _mention(doc, folded, start, rest.end(), parsed, word_type),
            )
            break


def _word_of(m: re.Match[str], folded: str) -> tuple[str | None, int]:
    """The type word of a match and where the reference starts.

    In "Kế hoạch thực hiện Chỉ thị số 19" the reference is to the Chỉ thị: the last type
    word among the words before "số" is the one.
    """
    word = m.group("word")
    if not word:
        return None, m.start()
    mid = m.group("mid")
    if mid:
        inner = list(inner_type_word().finditer(folded, m.start("mid"), m.end("mid")))
        if inner:
            return inner[-1].group(), inner[-1].start()
    return word, m.start("word")


# A form or appendix a type word reaches across ("báo cáo theo Mẫu số 03"); not "điều" or
# "mục", which end titles too ("Luật Đê điều số 79/2006/QH11").
_FORM_BEFORE = re.compile(r"(?<![a-z])(?:mau|bieu mau|phu luc) (?:so ?:? ?)?$")


def _is_distractor(clean: str, folded: str, start: int) -> bool:
    """A bare number after "Mẫu số", "Điều", "Phụ lục" is a form or article number.

    "Mau" without its diacritics is also the place "Cà Mau": in capitals ("TỈNH CÀ MAU" above
    "Số: 12/KH-UBND") it is the place, not a form.
    """
    m = DISTRACTOR_BEFORE.search(folded, max(0, start - 24), start)
    if not m:
        return False
    written = clean[m.start("word") : m.end("word")]
    return not (fold(written) == "mau" and written.isupper() and "Ẫ" not in written)


def _is_abbreviation(clean: str, m: re.Match[str]) -> bool:
    """An abbreviated type word counts in capitals before a year or "số" ("NĐ 30/2020")."""
    written = clean[m.start("word") : m.end("word")]
    return written.isupper() and bool(m.group("so") or m.group("syear") or m.group("segs"))


def _is_short_form(clean: str, folded: str, m: re.Match[str], type_code: str | None) -> bool:
    """Tell a short form ("Nghị quyết 57;") from a verb or a quantity ("hướng dẫn 09 tổ chức")."""
    if m.group("so"):
        return True  # "Kế hoạch số 01": the word "số" makes it a reference
    if type_code in VERB_TYPES:
        return False
    if SHORT_FOLLOW.match(folded, m.end()) is not None:
        return True
    if (brk := _LINE_THEN_CAPITAL.match(clean, m.end())) and brk[1].isupper():
        return True  # "tại Thông tư 05" ending a heading; a wrapped line goes on in lower case
    # A sentence going on after the number ("Nghị định 106 xử phạt ...") names a document
    # only when the type word is written as a name, capitalised: "kỷ luật 853 đảng viên" and
    # "có kết luận 141 đảng viên" count people.
    return (
        type_code in NAMED_TYPES
        and clean[m.start("word")].isupper()
        and QUANTITY_AFTER.match(folded, m.end()) is None
        and _NEXT_WORD.match(folded, m.end()) is not None
    )


def _segments(clean: str, m: re.Match[str]) -> list[_Segment]:
    """The (separator, code) pairs of a match's `segs` group, as written."""
    at = m.start("segs")
    return [
        _Segment(s.group("sep") or " ", clean[at + s.start("seg") : at + s.end("seg")])
        for s in SEGMENT.finditer(m.group("segs"))
    ]


def _read_match(
    doc: Document, m: re.Match[str], word_code: str | None, letter: bool = False
) -> _Parsed | None:
    """Read one grammar match; None when it is not a reference after all.

    `letter` says the type word is "công văn" itself (not "văn bản", which names any kind).
    """
    clean = doc.clean
    if m.group("std"):
        written = clean[m.start("stdissuer") : m.end("stdissuer")] if m.group("stdissuer") else None
        return _Parsed(
            type_code=m.group("stdtype").upper(),
            # "TCVN 1234-\n5:2020": a number broken over a line is one number.
            number=_SPACES.sub("", clean[m.start("stdnum") : m.end("stdnum")]),
            issuer=(match_issuer(written, False) or written) if written else None,
            year_in_number=int(m.group("stdyear")),
            # "TCVN ISO 9001:2015": a national standard adopting an ISO one.
            style="standard-iso" if m.group("iso") else "standard",
            num_start=m.start("std"),
        )
    if m.group("num") is not None:
        segments = _segments(clean, m)
        number = clean[m.start("num") : m.end("num")]
        if segments[0].sep == " ":
            return _read_spaced(m, segments, word_code, number, clean)
        reading = read_segments(segments)
        if reading is None:
            return _read_numeric_short(m, segments, word_code, number)
        if letter and reading.type_code and reading.style == "state":
            # "Công văn 5615/CT-CS": a letter's number holds its issuer and unit (Cục Thuế,
            # Phòng Chính sách), whatever type code the issuer's letters spell.
            issuer = _normalize_issuer(segments, [])
            return _Parsed(
                "CV", number, issuer, None, "letter", num_start=m.start("num"), code_in_number=False
            )
        code = reading.type_code or (
            word_code if reading.style in ("letter", "normative") else None
        )
        if code is None and reading.style == "letter":
            code = "CV"
        return _Parsed(
            code,
            number,
            reading.issuer,
            reading.year,
            reading.style,
            reading.repairs,
            False,
            m.start("num"),
            code_in_number=reading.type_code is not None,
        )
    number = clean[m.start("snum") : m.end("snum")]
    year = int(m.group("syear")) if m.group("syear") else None
    if year is None and _YEAR.fullmatch(number):
        return None  # "Kế hoạch 2025" is a year, not a number
    return _Parsed(word_code, number, None, year, "short", (), True, m.start("snum"))


def _read_old_style(
    m: re.Match[str], segment: _Segment, word_code: str, number: str
) -> _Parsed | None:
    """Read an old-style number: "Quyết định số 87-NV", "Nghị định số 158-CP".

    So numbers were written before the type code stood in them. The issuer must read as one
    ("NV", "CP", "BT"); a type code alone ("45-KH") is a Party-style số hiệu whose issuer was
    lost, and stays unread.
    """
    code = segment.text
    if not code.isalpha() or not code.isupper() or not 2 <= len(code) <= 5:
        return None
    if typed := match_type_code(code, repair=False):
        if stands_alone(typed):  # "Sắc lệnh số 34-SL"
            return _Parsed(typed, number, None, None, "old", num_start=m.start("num"))
        return None
    issuer = match_issuer(code, repair=False) or code
    return _Parsed(
        word_code, number, issuer, None, "old", num_start=m.start("num"), code_in_number=False
    )


def _read_spaced(
    m: re.Match[str], segments: list[_Segment], word_code: str | None, number: str, clean: str
) -> _Parsed | None:
    """Read an old citation with a space after the number: "Nghị quyết số 391 NQ/TVQH".

    The code is in capitals and read as a Party-style one ("391-NQ/TVQH"); when its first
    segment is no type code ("Quyết định số 991 KT/CTN", KT for khen thưởng) the type is the
    word's and the issuer the last segment.
    """
    if word_code is None or not all(s.text.isupper() for s in segments):
        return None
    written = _SPACES.sub(" ", clean[m.start("num") : m.end("segs")])
    dashed = [_Segment("-", segments[0].text), *segments[1:]]
    reading = read_segments(dashed)
    if reading is not None and reading.style == "party":
        return _Parsed(
            reading.type_code,
            number,
            reading.issuer,
            None,
            "party",
            reading.repairs,
            num_start=m.start("num"),
            written=written,
        )
    # "129 NV/NĐ" (Nội vụ, nghị định): a segment that spells the word's own type is no issuer.
    rest = [s for s in segments if match_type_code(s.text, repair=False) != word_code]
    issuer = _normalize_issuer((rest or segments)[-1:], [])
    return _Parsed(
        word_code,
        number,
        issuer,
        None,
        "old",
        num_start=m.start("num"),
        written=written,
        code_in_number=False,
    )


def _read_numeric_short(
    m: re.Match[str], segments: list[_Segment], word_code: str | None, number: str
) -> _Parsed | None:
    """Read what a type word gives the type of; None otherwise.

    "NĐ 30/2020" (a short form with the year), or an old-style "Nghị định số 158-CP" (number
    and issuer, the type only in the word).
    """
    if word_code is None or len(segments) != 1:
        return None
    if segments[0].sep in "-–":
        return _read_old_style(m, segments[0], word_code, number)
    if segments[0].sep != "/":
        return None
    if not _YEAR.fullmatch(segments[0].text):
        return None
    return _Parsed(
        word_code, number, None, int(segments[0].text), "short", (), True, m.start("num")
    )
