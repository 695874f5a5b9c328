"""The file's own document: its type, number, issuer, year and title.

A file is usually one document ("BÁO CÁO", "KẾ HOẠCH" under the national motto, with
"Số: 123/KH-UBND" at the top left), sometimes a decision with the programme it issues
attached ("CHƯƠNG TRÌNH ... (Ban hành kèm theo Quyết định số .../QĐ-SKHCN)"), or only the
attachment ("Chương trình công tác năm 2025 ... (Kèm theo Quyết định số 39/QĐ-SKHCN)").
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.catalogue import load_catalogue, match_issuer, match_type_code
from ingest.keys import own_key
from ingest.layout import Line, fold_without_references, heading_of, split_lines
from ingest.models import Mention, OwnDocument
from ingest.text import fold

# "Số: 123/KH-UBND", "Số:       /BC-SKHCN", "Số 57-NQ/TW" at the top of a document (folded).
_NUMBER_LINE = re.compile(
    r"^(?:(?:luat|bo luat|phap lenh|lenh|nghi quyet|nghi dinh|quyet dinh)\s+)?"
    r"so\s*:?\s*(?P<num>\d{1,5}[a-z]?)?\s*[/-]\s*(?P<code>[a-z0-9&/\-]+)"
)


def _number_in(folded: str) -> re.Match[str] | None:
    """The "Số: 123/KH-UBND" of a letterhead line, or of one of its cells ("… | Số: …").

    A law writes "Luật số: 60/2024/QH15".
    """
    for cell in folded.split(" | "):
        m = _NUMBER_LINE.match(cell.strip())
        if m:
            return m
    return None


# A blank số hiệu in an attachment line: "Quyết định số     /QĐ-SKHCN".
_BLANK_NUMBER = re.compile(r"so\s*:?\s*/\s*(?P<type>[a-z]+)-(?P<issuer>[a-z0-9&]+)")
_ATTACHED = re.compile(r"^[*\s]*\(?\s*(?:ban hanh\s+)?kem theo\b")
_YEAR = re.compile(r"(?:nam|/)\s*(20\d\d|19\d\d)\b")
# Marks OCR leaves before a title ("'Chuong trinh ...").
_OCR_LEAD = "'‘’`\".,*• "
# The opening sentence under a title: "Thực hiện ...", "Theo đề nghị ...", "Kính gửi: ...".
_OPENING = re.compile(r"^(?:Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị|Kính gửi|Căn cứ)\b")
# The place and date line: "Quảng Ngãi, ngày 21 tháng 3 năm 2025".
_PLACE_DATE = re.compile(r"ngay\s+\S{0,6}\s*thang\s+\S{0,4}\s*nam\s+(20\d\d|19\d\d)")


@dataclass(frozen=True, slots=True)
class _Title:
    index: int  # line index of the type word
    type_code: str
    attached: bool  # "(Kèm theo ...)" follows: an attachment of a decision
    title: str | None
    end: int  # offset where the title lines end


def _type_word(folded: str) -> str | None:
    """The longest type word a folded line is or opens with ("ke hoach hanh dong", "ke hoach")."""
    first = folded.split(" ", 1)[0]
    return max(
        (
            w
            for w in _type_words_by_first().get(first, ())
            if folded == w or folded.startswith(w + " ")
        ),
        key=len,
        default=None,
    )


@functools.cache
def _type_words_by_first() -> dict[str, tuple[str, ...]]:
    """The catalogue's type words by their first word: a line is compared with a handful."""
    out: dict[str, list[str]] = {}
    for word in load_catalogue().type_by_word:
        out.setdefault(word.split(" ", 1)[0], []).append(word)
    return {k: tuple(v) for k, v in out.items()}


def _type_of_title(line: Line) -> str | None:
    """The type of a title line: "QUYẾT ĐỊNH", "BÁO CÁO", or "Chương trình công tác ..."."""
    text = line.stripped.lstrip(_OCR_LEAD).rstrip(" .")
    if text.endswith(":"):
        return None  # "QUYẾT ĐỊNH:", the decision formula, not a title
    folded = " ".join(fold(text).split())
    word = _type_word(folded)
    if word is None:
        return None
    upper = text[: len(word) + 2].isupper()
    return load_catalogue().type_by_word[word].code if upper or folded != word else None


# Lines that open a document's body: its bases, its addressees, its first numbered item.
_BODY_START = re.compile(r"(?:can cu|kinh gui)\b|1\.\s")


def _find_titles(lines: list[Line]) -> list[_Title]:
    titles: list[_Title] = []
    body_seen = False  # a document's title comes before its body, not in a page footer
    for i, line in enumerate(lines):
        if not titles and _BODY_START.match(line.folded_stripped):
            body_seen = True
        if heading_of(line) and heading_of(line)[0] != "appendix":
            continue
        code = _type_of_title(line)
        if code is None:
            continue
        nxt = [lines[k].folded_stripped for k in range(i + 1, min(i + 4, len(lines)))]
        attached = any(_ATTACHED.match(n) for n in nxt)
        whole_caps = line.stripped.isupper()
        if not titles and (whole_caps or attached) and i < 40 and not body_seen:
            titles.append(_Title(i, code, attached, *_title_text(lines, i)))
        elif titles and attached and whole_caps:
            titles.append(_Title(i, code, True, *_title_text(lines, i)))
    return titles


# The authority line under a title ("THỦ TƯỚNG CHÍNH PHỦ", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"):
# an all-capitals line that is not the subject ("VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH ...").
_AUTHORITY = re.compile(
    r"(?:chu tich|thu tuong|pho thu tuong|bo truong|giam doc|tong giam doc|cuc truong|"
    r"uy ban nhan dan|hoi dong nhan dan|ban thuong vu|ban chap hanh|thuong truc|"
    r"bo chinh tri|ban bi thu|chinh phu)\b"
)


def _title_text(lines: list[Line], i: int) -> tuple[str | None, int]:
    """The subject lines under a title word (or a one-line title), and where they end."""
    head = lines[i]
    rest = head.stripped.lstrip(_OCR_LEAD)
    folded = " ".join(fold(rest).split())
    # "Kế hoạch thực hiện …" is a title on one line; "KẾ HOẠCH HÀNH ĐỘNG" is a type word only.
    word = _type_word(folded)
    if word is not None and folded != word:
        return " ".join(rest.split()), head.end
    parts: list[str] = []
    end = head.end
    for line in lines[i + 1 : i + 5]:
        f = line.folded_stripped
        if (
            _ATTACHED.match(f)
            or f.startswith("can cu")
            or heading_of(line)
            or (
                line.stripped.isupper()
                and len(line.stripped) > 12
                and (parts or _AUTHORITY.match(f))
            )
            or (parts and (_OPENING.match(line.stripped) or parts[-1].endswith(":")))
            # A subject in capitals ends where the text in sentence case begins.
            or (parts and all(_capitals(p) for p in parts) and not _capitals(line.stripped))
        ):
            break
        parts.append(line.stripped)
        end = line.end
    return (" ".join(" ".join(parts).split()) or None), end


def _capitals(text: str) -> bool:
    """Whether a line is written in capitals (a subject line), its letters nearly all upper."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def read_own_documents(
    text: str, lines: list[Line], mentions: Sequence[Mention], keys: Sequence[str]
) -> list[OwnDocument]:
    """Find the documents a file itself is.

    Args:
        text: The NFC text.
        lines: Its lines.
        mentions: Its mentions.
        keys: The key of each mention.

    Returns:
        The primary document first, then attached ones (a programme a decision issues); an
        empty list when the file shows no title.
    """
    titles = _find_titles(lines)
    if not titles:
        return _untitled_own(text, lines, mentions, keys)
    digest = _digest(text)
    docs: list[OwnDocument] = []
    header_end = lines[titles[0].index].start
    number = _header_number(lines, header_end, mentions, keys)
    for n, t in enumerate(titles):
        start = lines[t.index].start
        end = lines[titles[n + 1].index].start if n + 1 < len(titles) else len(text)
        block = [ln for ln in lines if start <= ln.start < min(end, start + 600)]
        issuer, year = _issuer_and_year(text, lines, block, header_end, t.type_code, mentions)
        if n == 0 and number is not None:
            mention, key = number
            docs.append(
                OwnDocument(
                    key,
                    mention.type_code or t.type_code,
                    mention.number,
                    mention.issuer,
                    mention.year or year,
                    mention.symbol,
                    t.title,
                    start,
                    end,
                    t.end,
                )
            )
            continue
        key = own_key(t.type_code, issuer, year, digest, n)
        docs.append(
            OwnDocument(key, t.type_code, None, issuer, year, None, t.title, start, end, t.end)
        )
    if len(docs) == 1 and docs[0].type_code == "QĐ":
        docs.extend(_approved_inline(lines, docs[0], digest))
    return docs


# "Điều 1. Phê duyệt Chương trình phát triển Chính phủ số (sau đây gọi tắt là Chương trình),
# với những nội dung sau:" — the programme is written inside the decision's first article.
_APPROVES = re.compile(r"^dieu 1\s*[.:]?\s*phe duyet\s+")
_INLINE_TYPES = ("KH", "CTr", "ĐA", "PA")
_TITLE_END = re.compile(r"\s*(?:\(sau day|,?\s*voi (?:nhung|cac) noi dung|,?\s*nhu sau|:|$)")


def _approved_inline(lines: list[Line], decision: OwnDocument, digest: str) -> list[OwnDocument]:
    for k, line in enumerate(lines):
        if not (decision.start <= line.start < decision.end):
            continue
        folded = " ".join(line.folded_stripped.split())
        head = _APPROVES.match(folded)
        if not head:
            continue
        rest = folded[head.end() :]
        word = _type_word(rest)
        code = load_catalogue().type_by_word[word].code if word else None
        # Only when its content follows ("... với những nội dung sau:"), not a bare approval.
        if code not in _INLINE_TYPES or not folded.rstrip().endswith(":"):
            return []
        written = " ".join(line.stripped.split())
        title = written[len(written) - len(rest) :]
        cut = _TITLE_END.search(rest)
        title = title[: cut.start()].strip(" ,") if cut else title
        end = next(
            (
                ln.start
                for ln in lines[k + 1 :]
                if re.match(r"dieu 2\b", ln.folded_stripped) and ln.start < decision.end
            ),
            decision.end,
        )
        key = own_key(code, decision.issuer, decision.year, digest, 1)
        return [
            OwnDocument(
                key,
                code,
                None,
                decision.issuer,
                decision.year,
                None,
                title,
                line.start,
                end,
                line.end,
            )
        ]
    return []


def _untitled_own(
    text: str, lines: list[Line], mentions: Sequence[Mention], keys: Sequence[str]
) -> list[OwnDocument]:
    """A letterhead with a số hiệu but no type title: a công văn ("V/v …") or a bare "Số:".

    The type is the one the số hiệu carries, else công văn, the one type printed without a
    title word.
    """
    if not lines:
        return []
    end_of_head = lines[min(len(lines) - 1, _UNTITLED_HEAD_LINES)].end
    number = _header_number(lines, end_of_head, mentions, keys)
    if number is None:
        return []
    mention, key = number
    subject_line = next(
        (
            ln
            for ln in lines[:_UNTITLED_HEAD_LINES]
            if ln.folded_stripped.lower().startswith(("v/v", "ve viec"))
        ),
        None,
    )
    subject = " ".join(subject_line.stripped.split()) if subject_line else None
    # The heading ends with the line of the số hiệu, or of the "V/v" under it: the body follows.
    number_line = next((ln for ln in lines if ln.start <= mention.start < ln.end + 1), None)
    heading_end = max(ln.end for ln in (subject_line, number_line) if ln is not None)
    return [
        OwnDocument(
            key,
            mention.type_code or "CV",
            mention.number,
            mention.issuer,
            mention.year,
            mention.symbol,
            subject,
            0,
            len(text),
            heading_end,
        )
    ]


# How far down a letterhead without a title is looked for its "Số:" line.
_UNTITLED_HEAD_LINES = 40

_PLACE_DATE_FULL = re.compile(
    r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>(?:19|20)\d\d)"
)


def date_header_number(text: str, mentions: list[Mention]) -> list[Mention]:
    """Give the file's own số hiệu ("Số: 123/KH-UBND") the date of its place and date line.

    The number in the header carries no date of its own; without the date, a plan read alone
    would get a year-less key and miss the node of the same plan that other files cite.

    Args:
        text: The NFC text.
        mentions: The file's mentions.

    Returns:
        The mentions, the header number dated when the header has a full date.
    """
    lines = split_lines(text[:4000])
    number_line = next((ln for ln in lines[:25] if _number_in(ln.folded_stripped)), None)
    if number_line is None:
        return mentions
    date = None
    for ln in lines[:30]:
        m = _PLACE_DATE_FULL.search(ln.folded)
        if m:
            try:
                date = datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                date = None
            break
    if date is None:
        return mentions
    out = list(mentions)
    for i, m in enumerate(out):
        if m.start < number_line.end + 40 and m.end > number_line.start and m.date is None:
            out[i] = replace(m, date=date.isoformat(), year=m.year or date.year)
            break
    return out


def _header_number(lines, header_end, mentions, keys):
    """The mention of the file's own số hiệu ("Số: 123/KH-UBND") above its title, if any."""
    for line in lines:
        if line.start >= header_end:
            break
        if _number_in(line.folded_stripped):
            for m, k in zip(mentions, keys, strict=True):
                # The mention may start on the line above: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" / "Số: ...".
                if m.start < line.end + 40 and m.end > line.start:
                    return m, k
    return None


def _issuer_and_year(
    text: str,
    lines: list[Line],
    block: list[Line],
    header_end: int,
    type_code: str,
    mentions: Sequence[Mention],
) -> tuple[str | None, int | None]:
    """Issuer and year of an own document without a number.

    The issuer comes from a blank số hiệu of the same type ("Số: /BC-SKHCN", "Quyết định số
    /QĐ-SKHCN"), else from the decision an attachment comes with; the year from the place
    and date line, else an attachment line, else "năm 2025" in the title, dates of cited
    documents left out.
    """
    issuer = year = None
    near = [ln for ln in lines if ln.start < header_end] + block
    for line in near + lines:
        f = line.folded_stripped
        m = _number_in(f) if line in near else None
        m = m or _BLANK_NUMBER.search(f)
        if not m:
            continue
        code = (
            m.group("code") if "code" in m.groupdict() else f"{m.group('type')}-{m.group('issuer')}"
        )
        parts = [p for p in re.split(r"[/-]", code) if p]
        if len(parts) >= 2:
            written = match_issuer(parts[1], repair=False) or _as_written(line.stripped, parts[1])
            issuer = issuer or written  # the body that numbers its documents this way
            if match_type_code(parts[0], repair=False) == type_code:
                issuer = written
                break
    for line in near:
        if _ATTACHED.match(line.folded_stripped):
            attached = [m for m in mentions if line.start <= m.start < line.end]
            if attached and attached[0].issuer:
                issuer = attached[0].issuer
    for line in near:
        y = _PLACE_DATE.search(line.folded_stripped)
        if y:
            return issuer, int(y.group(1))
    for line in near:
        f = line.folded_stripped
        if _ATTACHED.match(f):
            y = _YEAR.search(f)
            if y:
                return issuer, int(y.group(1))
    masked = (
        fold_without_references(
            text, block[0].start, block[min(len(block), 4) - 1].end, mentions, 40
        )
        if block
        else ""
    )
    y = re.search(r"nam\s+(20\d\d|19\d\d)\b", masked)
    return issuer, (int(y.group(1)) if y else year)


def _as_written(line: str, folded_code: str) -> str:
    at = fold(line).find(folded_code)
    return line[at : at + len(folded_code)] if at >= 0 else folded_code.upper()
