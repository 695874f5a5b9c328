"""The file's own document: its type, number, issuer, year and title.

A file is usually one document ("BÁO CÁO", "KẾ HOẠCH" under the national motto, with
"Số: 123/KH-UBND" at the top left), sometimes a decision with the programme it issues
attached ("CHƯƠNG TRÌNH ... (Ban hành kèm theo Quyết định số .../QĐ-SKHCN)"), or only the
attachment ("Chương trình công tác năm 2025 ... (Kèm theo Quyết định số 39/QĐ-SKHCN)").
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.catalogue import load_catalogue, match_issuer, match_type_code
from ingest.layout import Line, fold_without_references, heading_of, split_lines
from ingest.models import Mention, OwnDocument
from ingest.text import fold

# "Số: 123/KH-UBND", "Số:       /BC-SKHCN", "Số 57-NQ/TW" at the top of a document (folded).
_NUMBER_LINE = re.compile(r"^so\s*:?\s*(?P<num>\d{1,5}[a-z]?)?\s*[/-]\s*(?P<code>[a-z0-9&/\-]+)")
# A blank số hiệu in an attachment line: "Quyết định số     /QĐ-SKHCN".
_BLANK_NUMBER = re.compile(r"so\s*:?\s*/\s*(?P<type>[a-z]+)-(?P<issuer>[a-z0-9&]+)")
_ATTACHED = re.compile(r"^\(?\s*(?:ban hanh\s+)?kem theo\b")
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


def _type_of_title(line: Line) -> str | None:
    """The type of a title line: "QUYẾT ĐỊNH", "BÁO CÁO", or "Chương trình công tác ..."."""
    text = line.stripped.lstrip(_OCR_LEAD).rstrip(" .")
    if text.endswith(":"):
        return None  # "QUYẾT ĐỊNH:", the decision formula, not a title
    folded = " ".join(fold(text).split())
    for word, doc_type in sorted(load_catalogue().type_by_word.items(), key=lambda w: -len(w[0])):
        if folded == word or folded.startswith(word + " "):
            upper = text[: len(word) + 2].isupper()
            return doc_type.code if upper or folded != word else None
    return None


def _find_titles(lines: list[Line]) -> list[_Title]:
    titles: list[_Title] = []
    for i, line in enumerate(lines):
        if heading_of(line) and heading_of(line)[0] != "appendix":
            continue
        code = _type_of_title(line)
        if code is None:
            continue
        nxt = [lines[k].folded_stripped for k in range(i + 1, min(i + 4, len(lines)))]
        attached = any(_ATTACHED.match(n) for n in nxt)
        whole_caps = line.stripped.isupper()
        if not titles and (whole_caps or attached) and i < 40:
            titles.append(_Title(i, code, attached, *_title_text(lines, i)))
        elif titles and attached and whole_caps:
            titles.append(_Title(i, code, True, *_title_text(lines, i)))
    return titles


def _title_text(lines: list[Line], i: int) -> tuple[str | None, int]:
    """The subject lines under a title word (or a one-line title), and where they end."""
    head = lines[i]
    rest = head.stripped.lstrip(_OCR_LEAD)
    folded = " ".join(fold(rest).split())
    for word in load_catalogue().type_by_word:
        if folded.startswith(word + " "):
            return " ".join(rest.split()), head.end
    parts: list[str] = []
    end = head.end
    for line in lines[i + 1 : i + 5]:
        f = line.folded_stripped
        if (
            _ATTACHED.match(f)
            or f.startswith("can cu")
            or heading_of(line)
            or (line.stripped.isupper() and len(line.stripped) > 12)
            or (parts and (_OPENING.match(line.stripped) or parts[-1].endswith(":")))
        ):
            break
        parts.append(line.stripped)
        end = line.end
    return (" ".join(" ".join(parts).split()) or None), end


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
        key = f"{t.type_code}:_:{issuer or '_'}:{year or '_'}@{digest}"
        if n:
            key += f"-{n}"
        docs.append(
            OwnDocument(key, t.type_code, None, issuer, year, None, t.title, start, end, t.end)
        )
    return docs


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
    subject = next(
        (
            " ".join(ln.stripped.split())
            for ln in lines[:_UNTITLED_HEAD_LINES]
            if ln.folded_stripped.lower().startswith(("v/v", "ve viec"))
        ),
        None,
    )
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
    number_line = next((ln for ln in lines[:25] if _NUMBER_LINE.match(ln.folded_stripped)), None)
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
        if _NUMBER_LINE.match(line.folded_stripped):
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
        m = _NUMBER_LINE.match(f) if line in near else None
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
