"""Organisational units and leaders as work programmes name them.

A document often defines its own short forms, in a key ("Chú thích: - Phòng Quản lý Khoa
học và Đổi mới sáng tạo: Phòng QLKH&ĐMST") or in parentheses ("Phòng Quản lý Khoa học -
Công nghệ (Phòng KH-CN)"); units are normalised to those short forms. Leaders are a title
and a name ("PGĐ Sở Phan Văn Hiếu"), often split over table lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.catalogue import issuer_name, load_unit_words
from ingest.text import fold

# Words that open a unit's name (folded), longest first where one is a prefix of another.
_UNIT_HEADS = (
    "van phong",
    "trung tam",
    "thanh tra",
    "chi cuc",
    "cac phong",
    "cac so",
    "cac don vi",
    "cac co quan",
    "cac dia phuong",
    "cac ban",
    "tat ca",
    "phong",
    "to tham muu",
    "to cong tac",
    "ban chi dao",
    "ban quan ly",
    "ubnd",
    "uy ban",
    "so ",
    "cong an",
    "co quan",
    "dia phuong",
    "don vi",
    "cac ",
)
_UNIT_START = re.compile(r"^(?:-\s*)?(?:" + "|".join(re.escape(h) for h in _UNIT_HEADS) + r")")
# Heads whose folded form is another word too ("Viện"/"viễn", "Bộ"/"bổ"): matched as written.
_EXACT_HEADS = re.compile(r"^(?:-\s*)?(?:Viện|Trường|Hội|Đoàn|Bộ|Cục|Sở|Ban)\s")

# "Giám đốc Sở", "PGĐ Sở", "Phó Giám đốc", "Chủ tịch UBND tỉnh", "Lãnh đạo Sở" (folded).
_LEADER_START = re.compile(
    r"^(?:giam\s?doc|p\.?\s?gd|pho\s+giam\s+doc|chu\s+tich|pho\s+chu\s+tich|pct|ct\s+ubnd|"
    r"lanh\s+dao|truong\s+phong|pho\s+truong\s+phong)\b"
)
_LEADER_TITLE = re.compile(
    r"^(?P<title>(?:giam\s?doc|p\.?\s?gd|pho\s+giam\s+doc|chu\s+tich|pho\s+chu\s+tich|pct|"
    r"lanh\s+dao)(?:\s+(?:so|ubnd(?:\s+tinh)?|tinh))?)(?:\s+|$)"
)
# A leader's title closing a line of task text: "... cấp tỉnh PGĐ Sở", "... trở lên) Lãnh đạo".
LEADER_AT_END = re.compile(r"\s+(?=(?:PGĐ|P\.GĐ|Phó Giám đốc|Giám đốc|Lãnh đạo)(?:\s+Sở)?\s*$)")

# The key of the document itself: "- Phòng Quản lý Khoa học và Đổi mới sáng tạo: Phòng QLKH&ĐMST".
_KEY_ENTRY = re.compile(
    r"^[-–•+*]?\s*(?P<full>[A-ZĐ][^:\n]{5,120}?)\s*:\s*(?P<short>[A-ZĐ][^\n;:]{1,40}?)\s*[;.]?\s*$",
    re.M,
)
# "Phòng Quản lý Khoa học - Công nghệ (Phòng KH-CN)" in running text or a table cell.
_PAREN_SHORT = re.compile(
    r"(?P<full>(?:Phòng|Văn phòng|Trung tâm|Chi cục|Thanh tra|Ban|Sở)\s[^()\[\]]{3,120}?)\s*"
    r"\(\s*(?P<short>(?:Phòng|Văn phòng|Trung tâm|Chi cục|Thanh tra|Ban|Sở)\s[^()\s][^()]{0,30}?)"
    r"\s*\)",
    re.S,
)
# Units whose spelling varies only in case ("Văn Phòng Sở").
_GENERIC = ("Văn phòng Sở", "Thanh tra Sở", "Văn phòng UBND tỉnh", "Lãnh đạo Sở")


def _squash(text: str) -> str:
    # A break right after a hyphen is a word cut by wrapping: "KH-\nCN" is "KH-CN".
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class UnitKey:
    """A document's own unit short forms.

    Attributes:
        short_to_full: Each short form with the full name it stands for.
    """

    short_to_full: dict[str, str]

    def shorts(self) -> list[str]:
        """The short forms, longest first."""
        return sorted(self.short_to_full, key=len, reverse=True)


def read_unit_key(text: str) -> UnitKey:
    """Read a document's unit key from its "Chú thích" list and parenthesised short forms.

    Args:
        text: The document's NFC text.

    Returns:
        The key (empty when the document defines none).
    """
    found: dict[str, str] = {}
    for m in _PAREN_SHORT.finditer(text):
        full, short = _squash(m.group("full")), _squash(m.group("short"))
        if fold(full) != fold(short) and len(short) < len(full):
            found.setdefault(short, full)
    at = fold(text).find("chu thich")
    if at >= 0:
        for m in _KEY_ENTRY.finditer(text, at):
            full, short = _squash(m.group("full")), _squash(m.group("short"))
            if is_unit_start(full) and len(short) < len(full):
                found[short] = full
    return UnitKey(found)


def is_unit_start(text: str) -> bool:
    """Tell whether text opens a unit's name ("Phòng KH-CN", "Văn Phòng Sở", "Các phòng")."""
    stripped = text.lstrip(" -–•")
    if not stripped or not stripped[0].isupper():
        return False
    return bool(_UNIT_START.match(fold(stripped)) or _EXACT_HEADS.match(stripped))


def is_leader_start(text: str) -> bool:
    """Tell whether text opens a leader's title ("Giám đốc", "PGĐ Sở", "Phó Giám đốc")."""
    return bool(_LEADER_START.match(fold(text.strip())))


# Units as OCR without diacritics reads them: "Phong KH-CN", "Van Phong So", "Trung tdm X".
_OCR_UNITS = (
    (
        re.compile(r"^[\"'“]?[Pp]?hong\s?(?P<code>[A-ZĐ][A-ZĐ&]{1,12}(?:-\s?[A-ZĐ]{1,6})?)\b"),
        "Phòng {code}",
    ),
    (re.compile(r"^V\S{1,2}n\s?[Pp]hong\s?S\S{0,2}\b"), "Văn phòng Sở"),
    (re.compile(r"^Trung\s?t\S{1,2}m\s+(?P<code>[A-ZĐ][A-ZĐ&]{2,})\b"), "Trung tâm {code}"),
    (
        re.compile(r"^T[aá]t\s+c[aả]\s+c[aá]c\s+phong.{0,20}thu\S{0,4}c\s+S\S{0,2}"),
        "Tất cả các phòng, đơn vị thuộc Sở",
    ),
)


def _read_ocr_unit(text: str) -> str | None:
    """Restore a unit OCR read without its diacritics, when its shape is unmistakable."""
    if any(ord(ch) > 0x7F and ch.isalpha() and fold(ch) != ch.lower() for ch in text[:12]):
        return None  # written with diacritics: not an OCR reading
    for pattern, template in _OCR_UNITS:
        m = pattern.match(text)
        if m:
            code = m.groupdict().get("code")
            return template.format(code=code.replace(" ", "")) if code else template
    return None


def normalize_unit(phrase: str, key: UnitKey) -> str:
    """Return a unit in the document's short form where it has one.

    Args:
        phrase: A unit as written in a cell ("Phòng Quản lý Khoa học - Công nghệ (Phòng
            KH-CN)", "Văn Phòng Sở", "TCĐLCL").
        key: The document's key.

    Returns:
        The short form ("Phòng KH-CN"), or the phrase tidied.
    """
    text = _squash(phrase).strip(" -–•;,.")
    paren = re.search(r"\(([^()]+)\)\s*$", text)
    if paren and is_unit_start(paren.group(1)):
        text = paren.group(1).strip()
    folded = fold(text)
    for short, full in key.short_to_full.items():
        if folded in (fold(short), fold(full)):
            return short
    restored = _read_ocr_unit(text)
    if restored:
        return restored
    for generic in _GENERIC:
        if folded == fold(generic):
            return generic
    # "Văn Phòng Sở tham mưu chung": a known unit followed by a lower-case note.
    for known in (*key.shorts(), *_GENERIC):
        head = fold(known) + " "
        if folded.startswith(head) and text[len(head) :][:1].islower():
            return known
    # "Phòng HCTH tham mưu chung": a unit's code followed by a lower-case note.
    # "Bộ CHQS tỉnh", "Sở KH&ĐT tỉnh Quảng Ngãi": a place is part of the name, not a note.
    coded = re.match(
        r"^(\S+(?:\s\S+)?\s[A-ZĐ][A-ZĐ0-9&\-]+)\s+"
        r"(?!(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|các|cấp)\b)[a-zà-ỹđ]",
        text,
    )
    return expand_unit(coded.group(1) if coded else text)


# "Sở KH&CN", "Bộ KH&CN", "Sở TT-TT": a ministry's or department's name by its code.
_CODED_BODY = re.compile(r"^(?P<head>Sở|Bộ)\s+(?P<code>[A-ZĐ][A-ZĐ&\-.]{1,14})(?=\s|$|,)")


def expand_unit(name: str) -> str:
    """Write a unit's abbreviations out in full, so one unit has one name across documents.

    "Sở KH&CN" and "Sở KHCN" become "Sở Khoa học và Công nghệ" (through the issuer code
    SKHCN); "UBND tỉnh" becomes "Ủy ban nhân dân tỉnh". Units the document names by its own
    short forms are left to its key (see `normalize_unit`).

    Args:
        name: A unit's name as written.

    Returns:
        The name with known abbreviations written out; the name itself otherwise.
    """
    coded = _CODED_BODY.match(name)
    if coded:
        code = ("S" if coded.group("head") == "Sở" else "B") + re.sub(
            r"[&\-.]", "", coded.group("code")
        )
        full = issuer_name(code)
        if full:
            name = full + name[coded.end() :]
    words = load_unit_words()
    return re.sub(
        r"(?<![\w&\-])([A-ZĐ][A-ZĐ\-]{1,8})(?![\w&\-])",
        lambda m: words.get(m.group(1), m.group(1)),
        name,
    )


def complete_unit(fragment: str, known: Iterable[str], key: UnitKey) -> str:
    """Complete a unit cut by a page break ("Trung" -> "Trung tâm UDDVKHCN").

    Only when one known unit starts that way; an abbreviation alone ("TCĐLCL") matches the
    end of a short form of the key.

    Args:
        fragment: A normalised unit that may be cut.
        known: Units seen in the same document.
        key: The document's key.

    Returns:
        The completed unit, or the fragment.
    """
    if fragment in key.short_to_full:
        return fragment
    folded = fold(fragment)
    pool = set(known) | set(key.short_to_full)
    starts = {u for u in pool if fold(u).startswith(folded + " ") or fold(u) == folded}
    if len(starts) == 1:
        return starts.pop()
    if " " not in fragment and fragment.isupper():
        ends = {u for u in key.short_to_full if fold(u).endswith(folded)}
        if len(ends) == 1:
            return ends.pop()
    return fragment


def split_units(cell: str) -> list[str]:
    """Split a units cell into its units.

    "Văn Phòng Sở, Trung tâm UDDVKHCN" gives two units; "Các sở, ngành, địa phương" one
    (a comma splits only before another unit's name); "- A" bullets at line starts and ";"
    split; "Các Phòng: BCVT&CĐS; QLCN&CN" gives "Phòng BCVT&CĐS", "Phòng QLCN&CN".

    Args:
        cell: The text of the cell, its lines joined by newlines.

    Returns:
        The units as written, tidied, in order.
    """
    pieces: list[str] = []
    chunks: list[str] = []
    for chunk in re.split(r"(?:^|\n)\s*[-–•+]\s+", cell):
        # A bullet opens a new unit only before a unit's name: "Phòng Bưu chính\n- Viễn
        # thông" is one name broken at its hyphen.
        if chunks and not is_unit_start(chunk.strip()) and not chunk.lstrip().startswith("Các"):
            chunks[-1] += " - " + chunk
        else:
            chunks.append(chunk)
    for chunk in chunks:
        text = _squash(chunk)
        listed = re.match(r"^Các\s+(Phòng|Trung tâm|Sở|Ban)\s*:\s*(.+)$", text)
        if listed:
            head = listed.group(1)
            parts = [p.strip() for p in re.split(r"[;,]", listed.group(2))]
            # Trailing prose after the last code ("TCĐLCL chủ động tham mưu ...") is a note.
            codes = [re.match(r"^[A-ZĐ][A-ZĐ0-9&\-]+", p) for p in parts]
            pieces.extend(f"{head} {c.group(0)}" for c in codes if c)
            continue
        for part in text.split(";"):
            # Split on a comma only when a new unit's name follows it.
            subparts = re.split(
                r",\s*(?=(?:Văn [Pp]hòng|Trung tâm|Thanh tra|Phòng|Chi cục|Ban|Tổ|Sở|UBND|Ủy ban|"
                r"Công an|Bộ)\b)",
                part,
            )
            pieces.extend(p.strip(" ,.-") for p in subparts if p.strip(" ,.-"))
    return pieces


@dataclass(frozen=True, slots=True)
class Leader:
    """A directing leader.

    Attributes:
        title: The title as written ("PGĐ Sở", "Giám đốc Sở").
        name: The person's name, None when only a title is given.
    """

    title: str
    name: str | None

    def __str__(self) -> str:
        return f"{self.title} {self.name}" if self.name else self.title


def read_leader(cell: str) -> Leader | None:
    """Read a leader cell (lines "PGĐ Sở", "Phan Văn", "Hiếu" joined).

    Args:
        cell: The cell text, lines joined by newlines or spaces.

    Returns:
        The leader, or None when the cell holds no title.
    """
    text = _squash(cell)
    folded = fold(text)
    m = _LEADER_TITLE.match(folded)
    if not m:
        return None
    title = text[: m.end("title")].strip()
    name = text[m.end("title") :].strip(" ,.;") or None
    if title.isascii():
        # OCR without diacritics: "Giamdoc", "PGD So" are the titles "Giám đốc", "PGĐ Sở".
        said = fold(title)
        base = "Giám đốc" if said.startswith("giam") else "PGĐ" if said.startswith("p") else None
        if base:
            title = base + (" Sở" if re.search(r"\bso$", said) or base == "Giám đốc" else "")
    return Leader(title=title, name=name)
