"""How documents, dates and bodies are named for people.

One place writes "Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)" from what the store
holds of a document, so that the explorer, the command line's plain output and the exports
say the same thing. Keys, codes and ISO dates stay in `--json` and technical details.
"""

from __future__ import annotations

import difflib
import re
from functools import cache, lru_cache

from ingest.catalogue import issuer_name, load_catalogue, type_name
from ingest.keys import parse_key
from ingest.locality import province_name
from ingest.text import fold
from ingest.units import expand_unit

# Bodies that issue documents under another body's issuer code (57-NQ/TW is the Politburo's;
# TW names the Central Committee), so a file may write them without the code telling them.
_OTHER_BODIES = (
    "Bộ Chính trị",
    "Ban Bí thư",
    "Thủ tướng Chính phủ",
    "Ban Thường vụ Tỉnh ủy",
    "Ban Thường vụ Thành ủy",
    "Ban Chấp hành Đảng bộ tỉnh",
)

# Centrally-run cities: their People's Committee is "của thành phố", their Party committee
# a Thành ủy.
_CITIES = {"ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho", "hue"}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def format_date(iso: str | None) -> str:
    """An ISO date as Vietnamese write it: "2024-12-22" → "22/12/2024"; "" for none."""
    if not iso:
        return ""
    found = _ISO_DATE.match(str(iso))
    if not found:
        return str(iso)
    year, month, day = found.groups()
    return f"{day}/{month}/{year}"


@cache
def _known_bodies() -> dict[str, str]:
    """Body names by their folded spelling: issuers of the catalogue and a few others."""
    names = [i.name for i in load_catalogue().issuers] + list(_OTHER_BODIES)
    return {" ".join(fold(n).split()): n for n in names}


def restore_body(body: str | None) -> str | None:
    """A body's name in full and with its diacritics.

    "UBND tỉnh" → "Ủy ban nhân dân tỉnh"; "Bo Chinh tri" (written without diacritics) and
    "Ban Thuong vu Tinh ay" (a damaged scan) → the known body they are closest to.
    """
    if not body:
        return None
    body = expand_unit(" ".join(body.split()))
    # What a letterhead reader took past the body's name ("… tỉnh trên địa bàn tỉnh").
    body = re.split(r"\s+(?:trên địa bàn|về việc)\b", body)[0]
    if fold(body) == body.lower():
        known = _known_bodies()
        close = difflib.get_close_matches(fold(body), known, n=1, cutoff=0.9)
        return known[close[0]] if close else body
    return body


def pick_body(key: str, bodies: dict[str, int]) -> str | None:
    """The body files name as a document's issuer, from what each file wrote and how often.

    A file that cites a document without naming its issuer gives the body its issuer code
    names (TW: "Ban Chấp hành Trung ương Đảng"), which is often not who issued it (57-NQ/TW
    is the Politburo's): a body a file wrote out wins over that, the one most files write
    first.

    Args:
        key: The document's key.
        bodies: Each body written for it, with the number of files writing it.
    """
    issuer = parse_key(key).issuer
    fallback = restore_body(issuer_name(issuer if issuer != "_" else None))
    counted: dict[str, int] = {}
    for body, n in bodies.items():
        if written := restore_body(body):
            counted[written] = counted.get(written, 0) + n
    # A reader that ran past the name ("Chính phủ sửa đổi, bổ sung …") wrote a body that
    # another one, or the code's, begins: the shorter is the name.
    known = set(counted) | ({fallback} if fallback else set())
    kept = {
        b: n for b, n in counted.items() if not any(b.startswith(o + " ") for o in known if o != b)
    }
    others = {b: n for b, n in kept.items() if b != fallback}
    if others:
        return max(sorted(others), key=lambda b: others[b])
    return fallback if fallback in counted or not kept else None


def _place(slug: str) -> tuple[str, bool] | None:
    name = province_name(slug) if slug else None
    return (name, slug in _CITIES) if name else None


def place_body(body: str | None, province: str) -> str | None:
    """A local body with its province: "Ủy ban nhân dân" + quang-ngai → "… tỉnh Quảng Ngãi".

    Args:
        body: The body as written, or None.
        province: The province's slug from the document's key ("" for a national body).
    """
    body = restore_body(body)
    place = _place(province)
    if place is None:
        return body
    name, city = place
    if not body:
        return None
    if fold(name) in fold(body):
        return body
    if re.search(r"(?:Tỉnh|Thành) ủy$", body):
        return f"{body} {name}"
    # "Ủy ban nhân dân tỉnh", "UBND tỉnh và Đại học Đà Nẵng": the place goes after the word
    # that asks for it.
    # Hà Nội's documents write "UBND Thành phố" with a capital.
    bare = re.search(r"\b(?:[Tt]ỉnh|[Tt]hành phố)\b(?!\s+[A-ZĐ])", body)
    if bare:
        return f"{body[: bare.end()]} {name}{body[bare.end() :]}"
    return f"{body} {'thành phố' if city else 'tỉnh'} {name}"


# Lists of thousands of documents name each on every page run.
@lru_cache(maxsize=1 << 16)
def name_document(
    key: str,
    symbol: str | None = None,
    issuing_body: str | None = None,
    date: str | None = None,
    full: bool = True,
    title: str | None = None,
) -> str:
    """A document as people name it.

    Args:
        key: The document's key (its type, number, issuer, year and province are read from
            it when nothing better is known).
        symbol: Its số hiệu as written ("57-NQ/TW"), or None.
        issuing_body: The body that issued it, as written, or None.
        date: Its date (ISO), or None.
        full: With the body and the date ("Nghị quyết 57-NQ/TW của Bộ Chính trị
            (22/12/2024)"); else the short form lists and chains use ("Kế hoạch 359-KH/TU
            (Quảng Ngãi)").
        title: Its title (trích yếu), which names a document that has no số hiệu
            ("Chương trình công tác năm 2025 của Sở Khoa học và Công nghệ").

    Returns:
        The name; never the key.
    """
    parts = parse_key(key)
    code = parts.type_code if parts.type_code != "_" else None
    kind = type_name(code) or "Văn bản"
    if symbol:
        head = f"{kind} {symbol}" if fold(kind) not in fold(symbol) else symbol
    elif parts.number != "_" and not parts.is_own:
        head = f"{kind} số {parts.number}"
    elif title and title.strip():
        head = _titled(kind, " ".join(title.split()), 200 if full else 80)
    else:
        head = f"{kind} không số"
    place = _place(parts.province)
    if not full:
        return f"{head} ({place[0]})" if place else head
    issuer = parts.issuer if parts.issuer != "_" else None
    body = place_body(issuing_body or issuer_name(issuer), parts.province)
    if body is None and place:
        body = place[0]
    name = f"{head} của {body}" if body and fold(body) not in fold(head) else head
    when = format_date(date)
    if when:
        return f"{name} ({when})"
    if parts.year != "_" and parts.year not in (symbol or head):
        return f"{name} (năm {parts.year})"
    return name


def _titled(kind: str, title: str, width: int) -> str:
    """A document named by its title: "Báo cáo tình hình thực hiện …", cut at `width`."""
    if not fold(title).startswith(fold(kind)):
        title = f"{kind} {title[:1].lower()}{title[1:]}"
    if len(title) <= width:
        return title
    cut = title[: width - 1]
    # At a word's end, so a number is never cut in two ("năm 20…").
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:-") + "…"
